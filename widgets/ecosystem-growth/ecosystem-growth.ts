import { html, nothing, svg, type PropertyValues, type TemplateResult } from 'lit';
import { ApiResource } from '../internal/api-resource.ts';
import { EcosystemElement } from '../internal/ecosystem-element.ts';
import { formatCompact, formatCount, formatMonth, formatPercent } from '../internal/format.ts';
import { fill, type Messages } from '../internal/i18n.ts';
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
  expectEach(growth.months, {
    month: 'string',
    businesses: 'number',
    directories: 'number',
    developers: 'number',
    partner_powered_apps: 'number',
    records_served: 'number',
  });
  return growth;
}

const COUNTED = ['businesses', 'new_businesses', 'directories', 'developers', 'apps', 'partner_powered_apps', 'records_served'] as const;
const isEmpty = (growth: Growth) => growth.months.every((m) => COUNTED.every((key) => !m[key]));

/** A round step so that about `count` steps cover `max`: 1, 2 or 5 times a power of ten. */
function niceStep(max: number, count: number): number {
  const raw = max / count;
  const power = 10 ** Math.floor(Math.log10(raw));
  const f = raw / power;
  return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * power;
}

const messages: Messages<
  | 'title'
  | 'current'
  | 'growth'
  | 'directories'
  | 'developers'
  | 'metric'
  | 'businesses'
  | 'partner_powered_apps'
  | 'records_served'
  | 'chartTitle'
  | 'trend'
  | 'trendPercent'
  | 'month'
  | 'showTable'
  | 'hideTable'
  | 'notApplicable'
  | 'empty'
> = {
  en: {
    title: 'Ecosystem growth',
    current: 'Businesses',
    growth: 'Growth over {months} months',
    directories: 'Directories',
    developers: 'Developers',
    metric: 'Show',
    businesses: 'Businesses',
    partner_powered_apps: 'Partner-powered apps',
    records_served: 'Records served',
    chartTitle: '{metric} by month, {from} to {to}',
    trend: 'From {first} in {from} to {last} in {to}.',
    trendPercent: 'From {first} in {from} to {last} in {to} ({percent}).',
    month: 'Month',
    showTable: 'Show as table',
    hideTable: 'Hide table',
    notApplicable: 'n/a',
    empty: 'The ecosystem has no history to show yet.',
  },
  fr: {
    title: 'Croissance de l’écosystème',
    current: 'Entreprises',
    growth: 'Croissance sur {months} mois',
    directories: 'Annuaires',
    developers: 'Développeurs',
    metric: 'Afficher',
    businesses: 'Entreprises',
    partner_powered_apps: 'Applications alimentées par les partenaires',
    records_served: 'Enregistrements servis',
    chartTitle: '{metric} par mois, de {from} à {to}',
    trend: 'De {first} en {from} à {last} en {to}.',
    trendPercent: 'De {first} en {from} à {last} en {to} ({percent}).',
    month: 'Mois',
    showTable: 'Afficher sous forme de tableau',
    hideTable: 'Masquer le tableau',
    notApplicable: 's.o.',
    empty: 'L’écosystème n’a pas encore d’historique à afficher.',
  },
};

const HEIGHT = 220;
const PAD = { top: 12, right: 12, bottom: 28, left: 48 };

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
  private resizer?: ResizeObserver;
  private observed?: Element;

  private readonly growth = new ApiResource<Growth>(this, {
    path: () => `/v1/public/ecosystem/growth?months=${this.monthCount}`,
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

  private get monthCount(): number {
    const n = Math.floor(Number(this.months));
    return Number.isFinite(n) ? Math.min(60, Math.max(1, n)) : 12;
  }

  private get selected(): GrowthMetric {
    return GROWTH_METRICS.includes(this.metric) ? this.metric : 'businesses';
  }

  protected mainResource() {
    return this.growth;
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    // The chart's height is fixed in CSS, so redrawing it at a new width never resizes what is observed.
    const chart = this.renderRoot.querySelector('.chart') ?? undefined;
    if (chart === this.observed || typeof ResizeObserver !== 'function') return;
    this.resizer ??= new ResizeObserver(([entry]) => {
      const width = Math.round((entry?.contentRect.width ?? 0) / 10) * 10;
      if (width >= 200 && width !== this.chartWidth) this.chartWidth = width;
    });
    this.resizer.disconnect();
    this.observed = chart;
    if (chart) this.resizer.observe(chart);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.resizer?.disconnect();
    this.observed = undefined;
  }

  private choose(metric: GrowthMetric): void {
    if (metric === this.metric) return;
    this.metric = metric;
    this.dispatchEvent(new CustomEvent('growth-metric-change', { detail: { metric }, bubbles: true, composed: true }));
  }

  override render() {
    const t = messages[this.language];
    return html`<section class="frame" part="base" aria-labelledby="title">
      <header part="header"><h2 id="title">${t.title}</h2></header>
      ${this.renderStates(this.growth, (growth) => this.renderGrowth(growth.months), { empty: t.empty })}
    </section>`;
  }

  private renderGrowth(months: GrowthMonth[]): TemplateResult {
    const t = messages[this.language];
    const locale = this.lang_;
    const first = months[0]!;
    const last = months[months.length - 1]!;
    const change = this.percentChange(first.businesses, last.businesses);
    const metric = this.selected;
    return html`<dl class="figures">
        <div class="figure"><dt>${t.current}</dt><dd part="value">${formatCount(locale, last.businesses)}</dd></div>
        <div class="figure">
          <dt>${fill(t.growth, { months: formatCount(locale, months.length) })}</dt>
          <dd part="value" class=${change === undefined ? '' : change.startsWith('-') ? 'down' : 'up'}>${change === undefined ? t.notApplicable : formatPercent(locale, change)}</dd>
        </div>
        <div class="figure"><dt>${t.directories}</dt><dd part="value">${formatCount(locale, last.directories)}</dd></div>
        <div class="figure"><dt>${t.developers}</dt><dd part="value">${formatCount(locale, last.developers)}</dd></div>
        <div class="figure"><dt>${t.partner_powered_apps}</dt><dd part="value">${formatCount(locale, last.partner_powered_apps)}</dd></div>
      </dl>
      <fieldset class="metrics" part="metrics">
        <legend>${t.metric}</legend>
        ${GROWTH_METRICS.map(
          (key) => html`<label
            ><input type="radio" name="metric" value=${key} .checked=${key === metric} @change=${() => this.choose(key)} />${t[key]}</label
          >`,
        )}
      </fieldset>
      ${this.renderChart(months, metric)}
      <button type="button" class="secondary table-toggle" part="button" aria-expanded=${this.tableShown ? 'true' : 'false'} aria-controls="table" @click=${() => (this.tableShown = !this.tableShown)}>
        ${this.tableShown ? t.hideTable : t.showTable}
      </button>
      <div class="table-scroll" id="table" part="table" ?hidden=${!this.tableShown}>
        <table>
          <caption class="visually-hidden">${t.title}</caption>
          <thead>
            <tr>
              <th scope="col">${t.month}</th>
              ${GROWTH_METRICS.map((key) => html`<th scope="col" class="number">${t[key]}</th>`)}
            </tr>
          </thead>
          <tbody>
            ${months.map(
              (m) => html`<tr>
                <th scope="row">${formatMonth(locale, m.month)}</th>
                ${GROWTH_METRICS.map((key) => html`<td class="number">${formatCount(locale, m[key])}</td>`)}
              </tr>`,
            )}
          </tbody>
        </table>
      </div>`;
  }

  /** The change from `from` to `to` as decimal text ("12.50"), undefined when it started at zero. */
  private percentChange(from: number, to: number): string | undefined {
    return from === 0 ? undefined : (((to - from) / from) * 100).toFixed(2);
  }

  private renderChart(months: GrowthMonth[], metric: GrowthMetric): TemplateResult {
    const t = messages[this.language];
    const locale = this.lang_;
    const values = months.map((m) => m[metric]);
    const first = values[0]!;
    const last = values[values.length - 1]!;
    const from = formatMonth(locale, months[0]!.month);
    const to = formatMonth(locale, months[months.length - 1]!.month);
    const label = t[metric];
    const change = this.percentChange(first, last);
    const trend = fill(change === undefined ? t.trend : t.trendPercent, {
      first: formatCount(locale, first),
      last: formatCount(locale, last),
      from,
      to,
      percent: change === undefined ? '' : formatPercent(locale, change),
    });

    const width = this.chartWidth;
    const plotWidth = width - PAD.left - PAD.right;
    const plotHeight = HEIGHT - PAD.top - PAD.bottom;
    const step = niceStep(Math.max(1, ...values), 4);
    const top = Math.max(step, Math.ceil(Math.max(...values) / step) * step);
    const ticks = Array.from({ length: Math.round(top / step) + 1 }, (_, i) => i * step);
    const x = (i: number) => PAD.left + (months.length === 1 ? plotWidth / 2 : (i * plotWidth) / (months.length - 1));
    const y = (v: number) => PAD.top + plotHeight - (v / top) * plotHeight;
    const points = values.map((v, i) => `${x(i).toFixed(1)},${y(v).toFixed(1)}`);
    const baseline = y(0).toFixed(1);
    // About one month label per 70 px, always including the last month.
    const every = Math.max(1, Math.ceil(months.length / Math.max(1, Math.floor(plotWidth / 70))));
    const labelled = months.map((_, i) => (months.length - 1 - i) % every === 0);
    // The outermost labels are aligned inwards so they never run past the chart's edges.
    const anchor = (i: number) => (months.length === 1 ? 'middle' : i === months.length - 1 ? 'end' : i === 0 ? 'start' : 'middle');

    return html`<figure class="chart" part="chart">
      <svg viewBox="0 0 ${width} ${HEIGHT}" width=${width} height=${HEIGHT} role="img" aria-labelledby="chart-title chart-desc">
        <title id="chart-title">${fill(t.chartTitle, { metric: label, from, to })}</title>
        <desc id="chart-desc">${trend}</desc>
        ${ticks.map(
          (tick) => svg`<g class="tick">
            <line x1=${PAD.left} x2=${width - PAD.right} y1=${y(tick).toFixed(1)} y2=${y(tick).toFixed(1)}></line>
            <text x=${PAD.left - 6} y=${y(tick).toFixed(1)} dy="0.32em" text-anchor="end">${formatCompact(locale, tick)}</text>
          </g>`,
        )}
        ${months.length > 1 ? svg`<path class="area" d="M${x(0).toFixed(1)},${baseline} L${points.join(' L')} L${x(months.length - 1).toFixed(1)},${baseline} Z"></path>` : nothing}
        <polyline class="line" points=${points.join(' ')}></polyline>
        ${values.map((v, i) => svg`<circle class="point" cx=${x(i).toFixed(1)} cy=${y(v).toFixed(1)} r="3"></circle>`)}
        ${months.map((m, i) =>
          labelled[i]
            ? svg`<text class="month" x=${x(i).toFixed(1)} y=${HEIGHT - 8} text-anchor=${anchor(i)}>${formatMonth(locale, m.month)}</text>`
            : nothing,
        )}
      </svg>
      <figcaption class="muted" aria-hidden="true">${trend}</figcaption>
    </figure>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ecosystem-growth': EcosystemGrowth;
  }
}
