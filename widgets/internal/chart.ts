import { css, html, nothing, svg, type TemplateResult } from 'lit';
import { formatMonth, formatNumber } from './format.ts';
import { languageOf, type Translations } from './i18n.ts';
import { tableRows } from './templates.ts';

/**
 * The one chart every widget draws: months along the bottom, a value axis with a few gridlines at
 * round values, and bars (stacked when there are several series) or a line.
 *
 * - The data is drawn in HTML boxes and an SVG stretched to the plot (`preserveAspectRatio="none"`,
 *   strokes that do not scale), and every label is HTML text at a fixed CSS size: nothing is
 *   measured, and the labels are as big on a phone as on a wide page.
 * - Each month is a focusable image named by its figures: one tab stop for the chart, the arrow
 *   keys (and Home, End) move between months, and the month hovered or focused shows its figures.
 * - The current month, still counting, is marked (hatched bar, dashed line, "(so far)").
 * - The figures are also a visually hidden table: a screen reader always has them, and the page
 *   shows them once.
 *
 * It lives in a chunk of its own (rollup.config.mjs), loaded only by the pages that draw a chart:
 * about 2 KB of gzip, which the admin dashboard and the data sources cannot add to their first
 * render within their 15 KB pages, so there the chart is drawn on request (`OnDemand`) and the
 * months table shows until then (docs/DECISIONS.md, "Charts").
 */
export interface ChartSeries {
  name: string;
  /** A count, or money as decimal text (drawn from a float, shown exactly from the text). */
  values: readonly (number | string)[];
}

export interface Chart {
  /** Names the chart and captions its table. */
  title: string;
  /** "YYYY-MM", one per value. */
  months: readonly string[];
  series: readonly ChartSeries[];
  line?: boolean;
  /** The values are money in this currency (ISO 4217, as the API states it). */
  money?: string;
  /** Shown under the chart (a sentence on the trend). */
  caption?: unknown;
  /** The table's columns after the month's, with a row per month, when it holds more than the series drawn. */
  table?: readonly [head: readonly unknown[], rows: readonly (readonly unknown[])[]];
}

const en = { month: 'Month', soFar: '(so far)' };
const messages: Translations<typeof en> = { en, fr: { month: 'Mois', soFar: '(en cours)' } };

/** One tab stop: the arrow keys, Home and End move the focus between the months. */
function move(event: KeyboardEvent) {
  const slots = [...(event.currentTarget as Element).children] as HTMLElement[];
  const from = slots.indexOf(event.target as HTMLElement);
  const to = slots[{ ArrowLeft: from - 1, ArrowRight: from + 1, Home: 0, End: slots.length - 1 }[event.key]!];
  if (to) {
    event.preventDefault();
    slots[from]!.tabIndex = -1;
    to.tabIndex = 0;
    to.focus();
  }
}

export function chart(locale: string, { title, months, series, line, money, caption, table }: Chart): TemplateResult {
  const t = messages[languageOf(locale)];
  const n = months.length;
  const currency: Intl.NumberFormatOptions = money ? { style: 'currency', currency: money } : {};
  const value = (v: number | string) => formatNumber(locale, v, currency);
  /** The first `count` series of month `i`, stacked (drawn from floats, never shown from them). */
  const total = (i: number, count = series.length) => series.slice(0, count).reduce((sum, { values }) => sum + Math.max(0, Number(values[i]) || 0), 0);
  // Three or four gridlines at 1, 2, 2.5 or 5 times a power of ten (the plot is 192 px: whole pixels apart).
  const max = Math.max(1, ...months.map((_, i) => total(i, line ? 1 : undefined)));
  const power = 10 ** Math.floor(Math.log10(max / 4));
  const f = max / 4 / power;
  const step = (f <= 1 ? 1 : f <= 2 ? 2 : f <= 2.5 ? 2.5 : f <= 5 ? 5 : 10) * power;
  const top = Math.ceil(max / step) * step;
  const ticks: number[] = [];
  for (let v = top; v > -step / 2; v -= step) ticks.push(v);
  const height = (i: number, count?: number) => (total(i, count) / top) * 100;
  // The current month is still counting.
  const partial = months[n - 1] === new Date().toISOString().slice(0, 7);
  const month = (i: number) => formatMonth(locale, months[i]!) + (partial && i === n - 1 ? ` ${t.soFar}` : '');
  // Month labels: at most six, counted back from the latest; every other one in under 480 px.
  const every = Math.ceil(n / 6);
  const points = months.map((_, i) => `${i + 0.5} ${100 - height(i, 1)}`);
  const swatch = (s: number) => html`<i .style=${`background-color:var(--_s${s})`}></i>`;
  return html`<figure class="chart" part="chart">
    <div class="y" aria-hidden="true">
      ${ticks.map((v) => html`<span>${formatNumber(locale, v, { notation: 'compact', maximumFractionDigits: 1, ...currency })}</span>`)}
    </div>
    <div class="plot" .style=${`--n:${ticks.length - 1}`}>
      ${
        line
          ? html`<svg viewBox="0 0 ${n} 100" preserveAspectRatio="none" aria-hidden="true">
            <path class="area" d="M.5 100L${points.join('L')}L${n - 0.5} 100"></path>
            <path d="M${points.slice(0, partial ? -1 : n).join('L')}h0"></path>
            ${partial ? svg`<path stroke-dasharray="4" d="M${points.slice(-2).join('L')}"></path>` : nothing}
          </svg>`
          : nothing
      }
      <div class="slots" role="group" aria-label=${title} @keydown=${move}>
        ${months.map(
          (_, i) => html`<div
            class="${partial && i === n - 1 ? 'partial' : ''} ${i < n / 2 ? '' : 'end'}"
            role="img"
            tabindex=${i === n - 1 ? 0 : -1}
            aria-label=${month(i) + series.map(({ name, values }) => `\n${name} ${value(values[i]!)}`).join('')}
          >
            ${line ? nothing : series.map((_, s) => html`<i .style=${`height:${height(i, s + 1) - height(i, s)}%;background-color:var(--_s${s + 1})`}></i>`)}
          </div>`,
        )}
      </div>
    </div>
    <div class="x ${n > 4 ? 'end' : ''}" aria-hidden="true">
      ${months.map((m, i) => html`<span class=${(n - 1 - i) % (2 * every) ? 'wide' : ''}>${(n - 1 - i) % every ? '' : formatMonth(locale, m)}</span>`)}
    </div>
    <figcaption>
      ${series.length > 1 ? series.map(({ name }, s) => html`<span>${swatch(s + 1)}${name}</span>`) : nothing}
      ${partial ? html`<span class="partial">${swatch(1)}${month(n - 1)}</span>` : nothing} ${caption}
    </figcaption>
    <table class="visually-hidden">
      <caption>${title}</caption>
      ${tableRows(
        [t.month, ...(table?.[0] ?? series.map(({ name }) => name))],
        months.map((_, i) => [month(i), ...(table?.[1][i] ?? series.map(({ values }) => value(values[i]!)))]),
      )}
    </table>
  </figure>`;
}

/**
 * The chart's look. Series colours come from the design tokens, so they follow the light and dark
 * schemes and a host's `--ew-color-accent`: the first series is the accent, the second a tint of
 * it (`--ew-color-series-1` and `--ew-color-series-2` override them). Labels are 12 px whatever
 * the width; the hovered or focused month's figures show in a box over the plot.
 */
export const styles = css`
  .chart {
    --_s1: var(--ew-color-series-1, var(--_accent));
    --_s2: var(--ew-color-series-2, color-mix(in srgb, var(--_accent) 50%, var(--_surface)));
    display: grid;
    grid-template-columns: auto 1fr;
    gap: 8px;
    margin: var(--_space) 0 0;
    color: var(--_muted);
    font-size: 12px;
    line-height: 12px;
    white-space: nowrap;
  }
  .y {
    display: flex;
    flex-direction: column;
    justify-content: space-between;
    margin: -6px 0;
    text-align: end;
  }
  .plot {
    position: relative;
    height: 192px;
    background:
      linear-gradient(0deg, var(--_border) 1px, #0000 0),
      repeating-linear-gradient(var(--_border) 0 1px, #0000 0 calc(100% / var(--n)));
  }
  svg {
    position: absolute;
    width: 100%;
    height: 100%;
    overflow: visible;
  }
  path {
    fill: none;
    stroke: var(--_s1);
    stroke-width: 2px;
    stroke-linecap: round;
    vector-effect: non-scaling-stroke;
  }
  .area {
    fill: var(--_s1);
    opacity: 0.12;
  }
  .slots,
  .slots > * {
    display: flex;
    height: 100%;
  }
  .slots > * {
    position: relative;
    flex: 1;
    flex-direction: column-reverse;
    align-items: center;
  }
  .slots > :is(:hover, :focus-visible) {
    background: color-mix(in srgb, var(--_text) 8%, #0000);
    outline-offset: -3px;
  }
  .slots > :is(:hover, :focus-visible)::after {
    content: attr(aria-label);
    position: absolute;
    z-index: 1;
    left: 50%;
    padding: 8px 10px;
    background: var(--_surface);
    border: 1px solid var(--_border);
    border-radius: 6px;
    box-shadow: 0 4px 12px #0002;
    color: var(--_text);
    font-size: 13px;
    line-height: 1.5;
    white-space: pre;
  }
  .slots > .end::after {
    left: auto;
    right: 50%;
  }
  .slots:hover > :not(:hover)::after {
    display: none;
  }
  .slots i {
    width: 60%;
    max-width: 40px;
  }
  .slots i:last-child {
    border-radius: 3px 3px 0 0;
  }
  .partial i {
    background-image: repeating-linear-gradient(-45deg, #0000 0 3px, color-mix(in srgb, var(--_surface) 60%, #0000) 0 6px);
  }
  .x,
  figcaption {
    display: flex;
    grid-column: 2;
  }
  .x span {
    flex: 1;
    width: 0;
    display: flex;
    justify-content: center;
  }
  /* the latest month's label ends with the plot where months are narrow */
  .end span:last-child {
    justify-content: end;
  }
  @container (width < 480px) {
    .x .wide {
      visibility: hidden;
    }
  }
  figcaption {
    grid-column: 1 / -1;
    flex-wrap: wrap;
    gap: 8px 16px;
    line-height: 1.4;
    white-space: normal;
  }
  figcaption i {
    display: inline-block;
    width: 10px;
    height: 10px;
    margin-inline-end: 6px;
  }
`;
