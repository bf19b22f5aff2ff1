import { html, nothing, svg } from 'lit';
import { ApiResource } from '../internal/api-resource.ts';
import { EcosystemElement } from '../internal/ecosystem-element.ts';
import { emit } from '../internal/emit.ts';
import { formatCompact, formatCount, formatMonth, formatPercent } from '../internal/format.ts';
import { figures, tableRows } from '../internal/templates.ts';
import { baseStyles } from '../styles/base.styles.ts';
import { GROWTH_METRICS, type Growth, type GrowthMetric, type GrowthMonth, isEmptyGrowth, parseGrowth } from './ecosystem-growth.api.ts';
import { messages } from './ecosystem-growth.messages.ts';
import { styles } from './ecosystem-growth.styles.ts';

/** A round step so that about 4 steps cover `max`: 1, 2 or 5 times a power of ten. */
function niceStep(max: number): number {
  const power = 10 ** Math.floor(Math.log10(max / 4));
  const f = max / 4 / power;
  return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * power;
}

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
 * @attr {number} months - How many months to show, 1 to 60 (default 12).
 * @attr {'businesses' | 'partner_powered_apps' | 'developers' | 'records_served'} metric - The series drawn (default `businesses`).
 *
 * @fires growth-metric-change - The user picked another metric: `detail: { metric }`.
 *
 * @csspart value - Each headline figure.
 * @csspart metrics - The metric selector.
 * @csspart chart - The chart figure.
 * @csspart table - The table of monthly figures.
 * @csspart button - The table toggle and retry buttons.
 */
export class EcosystemGrowth extends EcosystemElement<Growth> {
  static override styles = [baseStyles, styles];
  static override properties = {
    ...EcosystemElement.properties,
    months: { type: Number },
    metric: {},
    tableShown: { state: true },
    chartWidth: { state: true },
  };

  /** How many months to ask for. */
  declare months: number;
  /** The series drawn. */
  declare metric: GrowthMetric;
  declare private tableShown: boolean;
  /** The chart is drawn at its real width so labels keep their size on a phone and on a wide page. */
  declare private chartWidth: number;

  private readonly growth = new ApiResource<Growth>(this, {
    // 1 to 60 months; anything that is not a number asks for 12.
    path: () => `/v1/public/ecosystem/growth?months=${Math.min(60, Math.max(1, Math.floor(this.months))) || 12}`,
    parse: parseGrowth,
    given: () => this.data,
    isEmpty: isEmptyGrowth,
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

  private renderGrowth(months: GrowthMonth[], t: typeof messages.en) {
    const locale = this.lang_;
    const count = (n: number) => formatCount(locale, n);
    const month = (m: GrowthMonth) => formatMonth(locale, m.month);
    const first = months[0]!;
    const last = months.at(-1)!;
    const metric = GROWTH_METRICS.includes(this.metric) ? this.metric : 'businesses';
    /** The change from `from` to `to` in percent, as text; undefined when it started at zero. */
    const percent = (from: number, to: number) => (from ? formatPercent(locale, ((to - from) / from) * 100) : undefined);
    const change = percent(first.businesses, last.businesses);

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

    return html`${figures([
      [t.businesses, count(last.businesses)],
      [t.growth(count(n)), change ?? t.notApplicable, change ? (last.businesses < first.businesses ? 'down' : 'up') : ''],
      ...(['directories', 'developers', 'partner_powered_apps'] as const).map((key) => [t[key], count(last[key])] as const),
    ])}
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
                  emit(this, 'growth-metric-change', { metric: key });
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
          ${tableRows(
            [t.month, ...GROWTH_METRICS.map((key) => t[key])],
            months.map((m) => [month(m), ...GROWTH_METRICS.map((key) => count(m[key]))]),
          )}
        </table>
      </div>`;
  }
}
