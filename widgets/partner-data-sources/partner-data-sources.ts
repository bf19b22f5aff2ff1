import { html, nothing } from 'lit';
import { ApiResource } from '../internal/api-resource.ts';
import { AuthenticatedElement } from '../internal/authenticated-element.ts';
import { emit } from '../internal/emit.ts';
import { formatCount, formatMoney, formatMonth, formatPercent } from '../internal/format.ts';
import { OnDemand } from '../internal/on-demand.ts';
import type { TablePager } from '../internal/paged-table.ts';
import { figures, tableRows } from '../internal/templates.ts';
import { baseStyles } from '../styles/base.styles.ts';
import { type DataSources, type DataSourcesTechnicalPartner, parseDataSources } from './partner-data-sources.api.ts';
import { messages } from './partner-data-sources.messages.ts';
import { styles } from './partner-data-sources.styles.ts';

/** Paging and search for the details of more than a page of directories (10), loaded when they first show (the first page meanwhile). */
const pagedTable = new OnDemand(() => import('../internal/paged-table.ts'));
/** The monthly chart, drawn when asked for: the page has no room for it in its first render (docs/DECISIONS.md, "Charts"). */
const charts = new OnDemand(() => import('../internal/chart.ts'));

/**
 * For a developer: which partner directories power the data their apps read, the share each
 * contributes, records served month by month, and their Technical Partner earnings (or an
 * invitation to become one). Needs a developer's embed session: set `fetchSession`.
 *
 * @summary Where a developer's data comes from, and what it earns them.
 * @tag partner-data-sources
 *
 * @attr {number} limit - Directories shown before the "Show all" toggle (default 8).
 *
 * @fires data-sources-expand - The user showed all directories or fewer; `detail: { expanded: boolean }`.
 * @fires technical-partner-cta - The user asked to become a Technical Partner (shown when they are not one); the host page may open `technical-partner-upgrade`.
 *
 * @csspart value - Each headline figure.
 * @csspart bar - Each directory's share bar.
 * @csspart chart - The monthly trend chart (shown on request, instead of the months table).
 * @csspart technical-partner - The Technical Partner panel or invitation.
 * @csspart button - The retry, toggle, chart and call-to-action buttons.
 */
export class PartnerDataSources extends AuthenticatedElement<DataSources> {
  static override styles = [baseStyles, styles];
  static override properties = {
    ...AuthenticatedElement.properties,
    limit: { type: Number },
    expanded: { state: true },
    chartShown: { state: true },
  };

  /** Directories shown before the "Show all" toggle. */
  declare limit: number;
  declare private expanded: boolean;
  /** The details table's search and page, once it shows more than a page of directories. */
  private detailsPager: TablePager | undefined;
  /** The months are drawn as a chart instead of a table. */
  declare private chartShown: boolean;

  constructor() {
    super();
    this.limit = 8;
    this.expanded = false;
    this.chartShown = false;
  }

  private readonly sources = new ApiResource<DataSources>(this, {
    path: () => '/v1/developer/me/data-sources',
    parse: parseDataSources,
    given: () => this.data,
    isEmpty: (sources) => !sources.records_served && !sources.directories.length,
    authenticated: true,
  });

  protected mainResource() {
    return this.sources;
  }

  override render() {
    const t = messages[this.language];
    const sources = this.sources;
    return html`<section class="frame" part="base" aria-labelledby="title">
      <header part="header"><h2 id="title">${t.title}</h2></header>
      ${this.renderStates(sources, (value) => this.renderSources(value, t), { empty: t.empty, idle: this.signInMessage })}
      ${sources.status === 'empty' ? this.renderTechnicalPartner(sources.value!.technical_partner, t, sources.value!.currency) : nothing}
    </section>`;
  }

  private renderSources({ records_served, directories: all, by_month: months, technical_partner, currency }: DataSources, t: typeof messages.en) {
    const locale = this.lang_;
    const count = (n: number) => formatCount(locale, n);
    const month = (m: DataSources['by_month'][number]) => formatMonth(locale, m.month);
    // At least 1; anything that is not a number shows 8.
    const limit = Math.max(1, Math.floor(this.limit)) || 8;
    const shown = this.expanded ? all : all.slice(0, limit);
    const first = months[0]!;
    const last = months.at(-1)!;
    // the current month is still counting
    const current = new Date().toISOString().slice(0, 7);
    const toggle = html`<button type="button" class="secondary" part="button" aria-pressed=${this.chartShown} @click=${() => (this.chartShown = !this.chartShown)}>
      ${t.showChart}
    </button>`;
    const description = first && t.trendDesc(count(first.records_served), month(first), count(last.records_served), month(last));
    const head = [t.directory, t.records, t.share, t.apps];
    // The share bars are sized through the CSSOM (the style property): a strict CSP refuses style attributes.
    const rows = shown.map((d) => [
      d.directory_name,
      count(d.records_served),
      html`${formatPercent(locale, d.share_percent)}<span class="track" aria-hidden="true"
          ><span class="bar" part="bar" .style=${`width:${Math.min(100, Math.max(0, Number(d.share_percent) || 0))}%`}></span
        ></span>`,
      count(d.apps),
    ]);
    const details = (body: typeof rows) => html`<div class="table-scroll" id="details" role="region" tabindex="0" aria-labelledby="details-caption">
      <table>
        <caption id="details-caption">${t.shares}</caption>
        ${tableRows(head, body)}
      </table>
    </div>`;
    return html`${figures([
      [t.records, count(records_served)],
      [t.directories, count(all.length)],
    ])}
      ${
        all.length
          ? html`${
              shown.length > 10
                ? pagedTable.render(
                    this,
                    this.language,
                    ({ TablePager }) =>
                      (this.detailsPager ??= new TablePager(this)).render('details', t.shares, head, rows, locale, {
                        search: t.search,
                        names: shown.map((d) => d.directory_name),
                      }),
                    details(rows.slice(0, 10)),
                  )
                : details(rows)
            }
            ${
              all.length > limit
                ? html`<button type="button" class="secondary toggle" part="button" aria-expanded=${String(this.expanded)} aria-controls="details" @click=${this.toggle}>
                  ${this.expanded ? t.showFewer : t.showAll(count(all.length))}
                </button>`
                : nothing
            }`
          : nothing
      }
      ${
        first
          ? html`<h3 id="trend-title">${t.trend}</h3>
            <p class="muted">${description}</p>
            ${toggle}
            ${
              this.chartShown
                ? charts.render(this, this.language, ({ chart }) =>
                    chart(locale, {
                      title: t.trend,
                      months: months.map((m) => m.month),
                      series: [{ name: t.records, values: months.map((m) => m.records_served) }],
                    }),
                  )
                : html`<div class="table-scroll" role="region" tabindex="0" aria-labelledby="trend-title">
                    <table class="trend" aria-labelledby="trend-title">${tableRows(
                      [t.month, t.records],
                      months.map((m) => [month(m) + (m.month === current ? ` ${t.soFar}` : ''), count(m.records_served)]),
                    )}</table>
                  </div>`
            }`
          : nothing
      }
      ${this.renderTechnicalPartner(technical_partner, t, currency)}`;
  }

  private renderTechnicalPartner(tp: DataSourcesTechnicalPartner | null, t: typeof messages.en, currency: string) {
    const locale = this.lang_;
    return html`<section class=${tp ? 'tp' : 'tp cta'} part="technical-partner" aria-labelledby="tp-title">
      <h3 id="tp-title">${t.tp}</h3>
      ${
        tp
          ? figures([
              [t.status, t[tp.status] ?? tp.status, `status ${tp.status}`],
              [t.revenueShare, formatPercent(locale, tp.revenue_share_percent)],
              [t.referrals, formatCount(locale, tp.total_app_referrals)],
              [t.earnings, formatMoney(locale, tp.total_app_earnings, currency)],
            ])
          : html`<p>${t.ctaText}</p>
            <button type="button" part="button" @click=${() => emit(this, 'technical-partner-cta')}>${t.cta}</button>`
      }
    </section>`;
  }

  private toggle() {
    this.expanded = !this.expanded;
    emit(this, 'data-sources-expand', { expanded: this.expanded });
  }
}
