import { html } from 'lit';
import { ApiResource } from '../internal/api-resource.ts';
import { chart, styles as chartStyles } from '../internal/chart.ts';
import { EcosystemElement } from '../internal/ecosystem-element.ts';
import { emit } from '../internal/emit.ts';
import { formatCount, formatMonth, formatPercent } from '../internal/format.ts';
import { figures } from '../internal/templates.ts';
import { baseStyles } from '../styles/base.styles.ts';
import { GROWTH_METRICS, type Growth, type GrowthMetric, type GrowthMonth, isEmptyGrowth, parseGrowth } from './ecosystem-growth.api.ts';
import { messages } from './ecosystem-growth.messages.ts';
import { styles } from './ecosystem-growth.styles.ts';

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
 * @csspart chart - The chart, with its table.
 * @csspart button - The retry button.
 */
export class EcosystemGrowth extends EcosystemElement<Growth> {
  static override styles = [baseStyles, chartStyles, styles];
  static override properties = {
    ...EcosystemElement.properties,
    months: { type: Number },
    metric: {},
  };

  /** How many months to ask for. */
  declare months: number;
  /** The series drawn. */
  declare metric: GrowthMetric;

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
  }

  protected mainResource() {
    return this.growth;
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

    const values = months.map((m) => m[metric]);
    const trendChange = percent(values[0]!, values.at(-1)!);
    const trend = t.trend(count(values[0]!), month(first), count(values.at(-1)!), month(last), trendChange ? ` (${trendChange})` : '');

    return html`${figures([
      [t.businesses, count(last.businesses)],
      [t.growth(count(months.length)), change ?? t.notApplicable, change ? (last.businesses < first.businesses ? 'down' : 'up') : ''],
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
      ${chart(locale, {
        title: t.chartTitle(t[metric], month(first), month(last)),
        months: months.map((m) => m.month),
        series: [{ name: t[metric], values }],
        line: true,
        caption: trend,
        table: [GROWTH_METRICS.map((key) => t[key]), months.map((m) => GROWTH_METRICS.map((key) => count(m[key])))],
      })}`;
  }
}
