import { html, nothing, svg } from 'lit';
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
 * @csspart chart - The monthly trend chart.
 * @csspart technical-partner - The Technical Partner panel or invitation.
 * @csspart button - The retry, toggle and call-to-action buttons.
 */
export class PartnerDataSources extends AuthenticatedElement<DataSources> {
  static override styles = [baseStyles, styles];
  static override properties = {
    ...AuthenticatedElement.properties,
    limit: { type: Number },
    expanded: { state: true },
  };

  /** Directories shown before the "Show all" toggle. */
  declare limit: number;
  declare private expanded: boolean;
  /** The details table's search and page, once it shows more than a page of directories. */
  private detailsPager: TablePager | undefined;

  constructor() {
    super();
    this.limit = 8;
    this.expanded = false;
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
    const max = Math.max(1, ...months.map((m) => m.records_served));
    // The chart is 240 × 60 with the month labels below; each month gets a column 70% of its slot wide.
    const step = 240 / months.length;
    const description = first && t.trendDesc(count(first.records_served), month(first), count(last.records_served), month(last));
    const head = [t.directory, t.records, t.share, t.apps];
    const rows = shown.map((d) => [d.directory_name, count(d.records_served), formatPercent(locale, d.share_percent), count(d.apps)]);
    const details = (body: typeof rows) => html`<div class="table-scroll" id="details" role="region" tabindex="0" aria-labelledby="details-caption">
      <table>
        <caption id="details-caption">${t.details}</caption>
        ${tableRows(head, body)}
      </table>
    </div>`;
    // The share bars are sized through the CSSOM (the style property): a strict CSP refuses style attributes.
    return html`${figures([
      [t.records, count(records_served)],
      [t.directories, count(all.length)],
    ])}
      ${
        all.length
          ? html`<h3 id="shares-title">${t.shares}</h3>
            <ol class="shares" id="shares" aria-labelledby="shares-title">
              ${shown.map(
                (d) => html`<li>
                  <span>${d.directory_name}</span>
                  <span class="track" aria-hidden="true"
                    ><span class="bar" part="bar" .style=${`width:${Math.min(100, Math.max(0, Number(d.share_percent) || 0))}%`}></span
                  ></span>
                  <span class="percent">${formatPercent(locale, d.share_percent)}</span>
                </li>`,
              )}
            </ol>
            ${
              shown.length > 10
                ? pagedTable.render(
                    this,
                    this.language,
                    ({ TablePager }) =>
                      (this.detailsPager ??= new TablePager(this)).render('details', t.details, head, rows, locale, {
                        search: t.search,
                        names: shown.map((d) => d.directory_name),
                      }),
                    details(rows.slice(0, 10)),
                  )
                : details(rows)
            }
            ${
              all.length > limit
                ? html`<button type="button" class="secondary toggle" part="button" aria-expanded=${String(this.expanded)} aria-controls="shares details" @click=${this.toggle}>
                  ${this.expanded ? t.showFewer : t.showAll(count(all.length))}
                </button>`
                : nothing
            }`
          : nothing
      }
      ${
        first
          ? html`<figure class="trend" part="chart">
            <figcaption><h3>${t.trend}</h3></figcaption>
            <svg viewBox="0 0 240 74" role="img">
              <title>${t.trend}</title>
              <desc>${description}</desc>
              ${months.map((m, i) => {
                const h = Math.max(1, (m.records_served / max) * 60);
                return svg`<rect x=${(i * step + step * 0.15).toFixed(1)} y=${(60 - h).toFixed(1)} width=${(step * 0.7).toFixed(1)} height=${h.toFixed(1)}></rect>`;
              })}
              <text x="0" y="72">${month(first)}</text>
              <text class="end" x="240" y="72">${month(last)}</text>
            </svg>
            <p class="muted">${description}</p>
            <table class="visually-hidden">
              <caption>${t.trend}</caption>
              ${tableRows(
                [t.month, t.records],
                months.map((m) => [month(m), count(m.records_served)]),
              )}
            </table>
          </figure>`
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
