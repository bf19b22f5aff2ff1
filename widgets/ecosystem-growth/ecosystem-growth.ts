import { html, nothing, svg } from 'lit';
import { ApiResource } from '../internal/api-resource.ts';
import { EcosystemElement } from '../internal/ecosystem-element.ts';
import { formatCompact, formatCount, formatMonth, formatPercent } from '../internal/format.ts';
import type { Language } from '../internal/i18n.ts';
import { expectEach, expectShape } from '../internal/shape.ts';
import { baseStyles } from '../styles/base.styles.ts';
import { styles } from './ecosystem-growth.styles.ts';

/** One month of `GET /v1/public/ecosystem/growth`. */
export interface GrowthMonth {
  /** "2026-11" */
  month: string;
  /** Data-pool businesses at the end of the month. */
  businesses: number;
  new_businesses: number;
  directories: number;
  developers: number;
  apps: number;
  partner_powered_apps: number;
  /** Records read by apps during the month. */
  records_served: number;
}

/** The answer of `GET /v1/public/ecosystem/growth`. */
export interface Growth {
  months: GrowthMonth[];
}

/** The series the chart can draw. */
export const GROWTH_METRICS = ['businesses', 'partner_powered_apps', 'developers', 'records_served'] as const;
export type GrowthMetric = (typeof GROWTH_METRICS)[number];

export function parseGrowth(json: unknown): Growth {
  const growth = expectShape<Growth>(json, { months: 'array' });
  expectEach(growth.months, { month: 'string', directories: 'number', ...Object.fromEntries(GROWTH_METRICS.map((key) => [key, 'number'])) });
  return growth;
}

/** Empty when no month counts anything (every number is zero). */
const isEmpty = (growth: Growth) => growth.months.every((m) => Object.values(m).every((v) => typeof v != 'number' || !v));

/** A round step so that about 4 steps cover `max`: 1, 2 or 5 times a power of ten. */
function niceStep(max: number): number {
  const power = 10 ** Math.floor(Math.log10(max / 4));
  const f = max / 4 / power;
  return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * power;
}

const en = {
  title: 'Ecosystem growth',
  growth: (months: string) => `Growth over ${months} months`,
  directories: 'Directories',
  metric: 'Show',
  businesses: 'Businesses',
  partner_powered_apps: 'Partner-powered apps',
  developers: 'Developers',
  records_served: 'Records served',
  chartTitle: (metric: string, from: string, to: string) => `${metric} by month, ${from} to ${to}`,
  /** `percent` is empty, or the change such as " (12.5%)". */
  trend: (first: string, from: string, last: string, to: string, percent: string) => `From ${first} in ${from} to ${last} in ${to}${percent}.`,
  month: 'Month',
  showTable: 'Show as table',
  hideTable: 'Hide table',
  notApplicable: 'n/a',
  empty: 'The ecosystem has no history to show yet.',
};

const messages: Record<Language, typeof en> = {
  en,
  fr: {
    title: 'Croissance de l’écosystème',
    growth: (months) => `Croissance sur ${months} mois`,
    directories: 'Annuaires',
    metric: 'Afficher',
    businesses: 'Entreprises',
    partner_powered_apps: 'Applications partenaires',
    developers: 'Développeurs',
    records_served: 'Enregistrements servis',
    chartTitle: (metric, from, to) => `${metric} par mois, de ${from} à ${to}`,
    trend: (first, from, last, to, percent) => `De ${first} en ${from} à ${last} en ${to}${percent}.`,
    month: 'Mois',
    showTable: 'Afficher sous forme de tableau',
    hideTable: 'Masquer le tableau',
    notApplicable: 's.o.',
    empty: 'Pas encore d’historique à afficher.',
  },
};

/** The chart's height in px (fixed in CSS too); its width follows the card. */
const HEIGHT = 220;
/** Left padding of the plot, for the axis labels. */
const LEFT = 48;

/**
 * The ecosystem's size and growth over time: headline figures and a monthly chart of the metric
 * the user picks, with the same numbers as a table for anyone who cannot see the chart.
 *
 * @summary Ecosystem size and growth over time.
 * @tag ecosystem-growth
 *
 * @attr {string} api-base - Base URL of the Ecosystem API; empty for the page's own origin.
 * @attr {string} locale - BCP 47 locale for text, numbers and months (English and French built in).
 * @attr {number} timeout - Milliseconds to wait for the API before showing the error state (default 4000).
 * @attr {number} months - How many months to show, 1 to 60 (default 12).
 * @attr {'businesses' | 'partner_powered_apps' | 'developers' | 'records_served'} metric - The series drawn (default `businesses`).
 * @attr {string} state - Reflected: `loading`, `empty`, `data` or `error`.
 *
 * @fires growth-metric-change - The user picked another metric: `detail: { metric }`.
 *
 * @csspart base - The card.
 * @csspart header - The title row.
 * @csspart value - Each headline figure.
 * @csspart metrics - The metric selector.
 * @csspart chart - The chart figure.
 * @csspart table - The table of monthly figures.
 * @csspart state - The loading, empty or error message.
 * @csspart button - The table toggle and retry buttons.
 *
 * @cssproperty --ew-color-accent - Color of the line, the area and the buttons.
 * @cssproperty --ew-color-positive - Color of a positive growth figure.
 * @cssproperty --ew-color-danger - Color of a negative growth figure.
 * @cssproperty --ew-color-text - Text color.
 * @cssproperty --ew-color-muted - Axis labels and secondary text.
 * @cssproperty --ew-color-surface - Card background.
 * @cssproperty --ew-color-subtle - Background of figure tiles.
 * @cssproperty --ew-color-border - Border and grid-line color.
 * @cssproperty --ew-radius - Corner radius.
 * @cssproperty --ew-space - Base spacing.
 * @cssproperty --ew-font-family - Font family.
 */
export class EcosystemGrowth extends EcosystemElement {
  static override styles = [baseStyles, styles];
  static override properties = {
    ...EcosystemElement.properties,
    data: { attribute: false },
    months: { type: Number },
    metric: {},
    tableShown: { state: true },
    chartWidth: { state: true },
  };

  /** The monthly series, given directly instead of fetched. */
  declare data: Growth | undefined;
  /** How many months to ask for. */
  declare months: number;
  /** The series drawn. */
  declare metric: GrowthMetric;
  private declare tableShown: boolean;
  /** The chart is drawn at its real width so labels keep their size on a phone and on a wide page. */
  private declare chartWidth: number;

  private readonly growth = new ApiResource<Growth>(this, {
    // 1 to 60 months; anything that is not a number asks for 12.
    path: () => `/v1/public/ecosystem/growth?months=${Math.min(60, Math.max(1, Math.floor(this.months))) || 12}`,
    parse: parseGrowth,
    given: () => this.data,
    isEmpty,
  });

  constructor() {
    super();
    this.months = 12;
    this.metric = 'businesses';
    this.tableShown = false;
    this.chartWidth = 560;
  }

  protected mainResource() {
    return this.growth;
  }

  protected override firstUpdated(): void {
    // The frame is rendered once and its content box is as wide as the chart. Its height changes
    // never redraw anything, and a detached element reports 0 px, which is ignored.
    new ResizeObserver(([entry]) => {
      const width = Math.round(entry!.contentRect.width / 10) * 10;
      if (width >= 200) this.chartWidth = width;
    }).observe(this.renderRoot.querySelector('.frame')!);
  }

  override render() {
    const t = messages[this.language];
    return html`<section class="frame" part="base" aria-labelledby="title">
      <header part="header"><h2 id="title">${t.title}</h2></header>
      ${this.renderStates(this.growth, ({ months }) => this.renderGrowth(months, t), { empty: t.empty })}
    </section>`;
  }

  private renderGrowth(months: GrowthMonth[], t: typeof en) {
    const locale = this.lang_;
    const count = (n: number) => formatCount(locale, n);
    const month = (m: GrowthMonth) => formatMonth(locale, m.month);
    const first = months[0]!;
    const last = months.at(-1)!;
    const metric = GROWTH_METRICS.includes(this.metric) ? this.metric : 'businesses';
    /** The change from `from` to `to` in percent, as text; undefined when it started at zero. */
    const percent = (from: number, to: number) => (from ? formatPercent(locale, (((to - from) / from) * 100).toFixed(2)) : undefined);
    const change = percent(first.businesses, last.businesses);
    const figure = (label: string, value: string, cls = '') => html`<div class="figure"><dt>${label}</dt><dd part="value" class=${cls}>${value}</dd></div>`;

    // The chart.
    const n = months.length;
    const values = months.map((m) => m[metric]);
    const from = month(first);
    const to = month(last);
    const trendChange = percent(values[0]!, values[n - 1]!);
    const trend = t.trend(count(values[0]!), from, count(values[n - 1]!), to, trendChange ? ` (${trendChange})` : '');
    const width = this.chartWidth;
    const plotWidth = width - LEFT - 12;
    const step = niceStep(Math.max(1, ...values));
    const top = Math.max(step, Math.ceil(Math.max(...values) / step) * step);
    const x = (i: number) => (LEFT + (n < 2 ? plotWidth / 2 : (i * plotWidth) / (n - 1))).toFixed(1);
    // 12 px above the plot and 28 px below it for the month labels.
    const y = (v: number) => (192 - (v / top) * 180).toFixed(1);
    const points = values.map((v, i) => `${x(i)},${y(v)}`).join(' ');
    // The area is the line closed along the baseline (nothing for a single month).
    // About one month label per 70 px (the plot is at least 140 px wide), always including the last month.
    const every = Math.ceil(n / Math.floor(plotWidth / 70));

    return html`<dl class="figures">
        ${figure(t.businesses, count(last.businesses))}
        ${figure(t.growth(count(n)), change ?? t.notApplicable, change ? (last.businesses < first.businesses ? 'down' : 'up') : '')}
        ${(['directories', 'developers', 'partner_powered_apps'] as const).map((key) => figure(t[key], count(last[key])))}
      </dl>
      <fieldset class="metrics" part="metrics">
        <legend>${t.metric}</legend>
        ${GROWTH_METRICS.map(
          (key) =>
            html`<label
              ><input
                type="radio"
                name="metric"
                value=${key}
                .checked=${key === metric}
                @change=${() => {
                  this.metric = key;
                  this.dispatchEvent(new CustomEvent('growth-metric-change', { detail: { metric: key }, bubbles: true, composed: true }));
                }}
              />${t[key]}</label
            >`,
        )}
      </fieldset>
      <figure class="chart" part="chart">
        <svg viewBox=${`0 0 ${width} ${HEIGHT}`} role="img">
          <title>${t.chartTitle(t[metric], from, to)}</title>
          <desc>${trend}</desc>
          ${Array.from(
            { length: Math.round(top / step) + 1 },
            (_, i) => svg`<g class="tick">
              <line x1=${LEFT} x2=${width - 12} y1=${y(i * step)} y2=${y(i * step)}></line>
              <text x=${LEFT - 6} y=${y(i * step)} dy="0.32em" text-anchor="end">${formatCompact(locale, i * step)}</text>
            </g>`,
          )}
          <polyline class="area" points=${`${x(0)},192 ${points} ${x(n - 1)},192`}></polyline>
          <polyline class="line" points=${points}></polyline>
          ${values.map((v, i) => svg`<circle class="point" cx=${x(i)} cy=${y(v)} r="3"></circle>`)}
          ${months.map((m, i) =>
            // The outermost labels are aligned inwards so they never run past the chart's edges.
            (n - 1 - i) % every
              ? nothing
              : svg`<text class="month" x=${x(i)} y="212" text-anchor=${n < 2 ? 'middle' : i === n - 1 ? 'end' : i ? 'middle' : 'start'}>${month(m)}</text>`,
          )}
        </svg>
        <figcaption class="muted" aria-hidden="true">${trend}</figcaption>
      </figure>
      <button type="button" class="secondary table-toggle" part="button" aria-expanded=${String(this.tableShown)} aria-controls="table" @click=${() => (this.tableShown = !this.tableShown)}>
        ${this.tableShown ? t.hideTable : t.showTable}
      </button>
      <div class="table-scroll" id="table" part="table" ?hidden=${!this.tableShown}>
        <table aria-labelledby="title">
          <thead>
            <tr>
              <th scope="col">${t.month}</th>
              ${GROWTH_METRICS.map((key) => html`<th scope="col" class="number">${t[key]}</th>`)}
            </tr>
          </thead>
          <tbody>
            ${months.map(
              (m) => html`<tr>
                <th scope="row">${month(m)}</th>
                ${GROWTH_METRICS.map((key) => html`<td class="number">${count(m[key])}</td>`)}
              </tr>`,
            )}
          </tbody>
        </table>
      </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ecosystem-growth': EcosystemGrowth;
  }
}
