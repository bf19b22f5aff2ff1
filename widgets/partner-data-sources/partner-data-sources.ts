import { html, nothing, svg } from 'lit';
import { ApiResource } from '../internal/api-resource.ts';
import { EcosystemElement } from '../internal/ecosystem-element.ts';
import { formatCount, formatMoney, formatMonth, formatPercent } from '../internal/format.ts';
import type { Language } from '../internal/i18n.ts';
import { expectEach, expectShape } from '../internal/shape.ts';
import { baseStyles } from '../styles/base.styles.ts';
import { styles } from './partner-data-sources.styles.ts';

export interface DataSourceDirectory {
  id: string;
  directory_name: string;
  records_served: number;
  share_percent: string;
  apps: number;
}

export interface DataSourcesTechnicalPartner {
  status: 'pending' | 'active' | 'suspended';
  revenue_share_percent: string;
  total_app_referrals: number;
  total_app_earnings: string;
}

/** The answer of `GET /v1/developer/me/data-sources`. */
export interface DataSources {
  records_served: number;
  directories: DataSourceDirectory[];
  by_month: { month: string; records_served: number }[];
  technical_partner: DataSourcesTechnicalPartner | null;
}

export function parseDataSources(json: unknown): DataSources {
  const sources = expectShape<DataSources>(json, { records_served: 'number', directories: 'array', by_month: 'array', technical_partner: 'object?' });
  expectEach(sources.directories, { directory_name: 'string', records_served: 'number', share_percent: 'string', apps: 'number' });
  expectEach(sources.by_month, { month: 'string', records_served: 'number' });
  if (sources.technical_partner) {
    expectShape(sources.technical_partner, { status: 'string', revenue_share_percent: 'string', total_app_referrals: 'number', total_app_earnings: 'string' });
  }
  return sources;
}

const en = {
  title: 'Your data sources',
  records: 'Records served',
  directories: 'Partner directories',
  shares: 'Where your data comes from',
  details: 'Contribution by directory',
  directory: 'Directory',
  share: 'Share',
  apps: 'Your apps',
  showAll: (count: string) => `Show all ${count} directories`,
  showFewer: 'Show fewer directories',
  trend: 'Records served by month',
  trendDesc: (first: string, from: string, last: string, to: string) => `From ${first} in ${from} to ${last} in ${to}.`,
  month: 'Month',
  tp: 'Technical Partner',
  status: 'Status',
  revenueShare: 'Revenue share',
  referrals: 'App referrals',
  earnings: 'App earnings',
  pending: 'Pending review',
  active: 'Active',
  suspended: 'Suspended',
  ctaText: 'Earn from your app’s referrals and pay less for the API.',
  cta: 'Become a Technical Partner',
  empty: 'Your apps have not read any partner data yet.',
};

const messages: Record<Language, typeof en> = {
  en,
  fr: {
    title: 'Vos sources de données',
    records: 'Enregistrements servis',
    directories: 'Annuaires partenaires',
    shares: 'D’où viennent vos données',
    details: 'Contribution par annuaire',
    directory: 'Annuaire',
    share: 'Part',
    apps: 'Vos applications',
    showAll: (count) => `Afficher les ${count} annuaires`,
    showFewer: 'Afficher moins d’annuaires',
    trend: 'Enregistrements servis par mois',
    trendDesc: (first, from, last, to) => `De ${first} en ${from} à ${last} en ${to}.`,
    month: 'Mois',
    tp: 'Partenaire technique',
    status: 'Statut',
    revenueShare: 'Partage des revenus',
    referrals: 'Recommandations',
    earnings: 'Gains des applications',
    pending: 'En cours d’examen',
    active: 'Actif',
    suspended: 'Suspendu',
    ctaText: 'Gagnez sur les recommandations de votre application et payez l’API moins cher.',
    cta: 'Devenir partenaire technique',
    empty: 'Vos applications n’ont encore lu aucune donnée partenaire.',
  },
};

/**
 * For a developer: which partner directories power the data their apps read, the share each
 * contributes, records served month by month, and their Technical Partner earnings (or an
 * invitation to become one). Needs the developer's API key as the `token` property.
 *
 * @summary Where a developer's data comes from, and what it earns them.
 * @tag partner-data-sources
 *
 * @attr {string} api-base - Base URL of the Ecosystem API; empty for the page's own origin.
 * @attr {string} locale - BCP 47 locale for text, numbers and money (English and French built in).
 * @attr {number} timeout - Milliseconds to wait for the API before showing the error state (default 4000).
 * @attr {number} limit - Directories shown before the "Show all" toggle (default 8).
 * @attr {string} state - Reflected: `idle`, `loading`, `empty`, `data` or `error`.
 *
 * @fires data-sources-expand - The user showed all directories or fewer; `detail: { expanded: boolean }`.
 * @fires technical-partner-cta - The user asked to become a Technical Partner (shown when they are not one); the host page may open `technical-partner-upgrade`.
 *
 * @csspart base - The card.
 * @csspart header - The title row.
 * @csspart value - Each headline figure.
 * @csspart bar - Each directory's share bar.
 * @csspart chart - The monthly trend chart.
 * @csspart technical-partner - The Technical Partner panel or invitation.
 * @csspart state - The loading, empty, error or sign-in message.
 * @csspart button - The retry, toggle and call-to-action buttons.
 *
 * @cssproperty --ew-color-accent - Accent color of bars and buttons.
 * @cssproperty --ew-color-text - Text color.
 * @cssproperty --ew-color-muted - Secondary text color.
 * @cssproperty --ew-color-surface - Card background.
 * @cssproperty --ew-color-subtle - Background of figure tiles and bar tracks.
 * @cssproperty --ew-color-border - Border color.
 * @cssproperty --ew-color-positive - Color of an active Technical Partner status.
 * @cssproperty --ew-radius - Corner radius.
 * @cssproperty --ew-space - Base spacing.
 * @cssproperty --ew-font-family - Font family.
 */
export class PartnerDataSources extends EcosystemElement {
  static override styles = [baseStyles, styles];
  static override properties = {
    ...EcosystemElement.properties,
    data: { attribute: false },
    limit: { type: Number },
    expanded: { state: true },
  };

  /** The data sources, given directly instead of fetched (server-rendered hosts, Storybook). */
  declare data: DataSources | undefined;
  /** Directories shown before the "Show all" toggle. */
  declare limit: number;
  private declare expanded: boolean;

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
      ${sources.status === 'empty' ? this.renderTechnicalPartner(sources.value!.technical_partner, t) : nothing}
    </section>`;
  }

  private renderSources({ records_served, directories: all, by_month: months, technical_partner }: DataSources, t: typeof en) {
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
    return html`<dl class="figures">${figure(t.records, count(records_served))} ${figure(t.directories, count(all.length))}</dl>
      ${all.length
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
            <div class="table-scroll" id="details" role="region" tabindex="0" aria-labelledby="details-caption">
              <table>
                <caption id="details-caption">${t.details}</caption>
                <thead>
                  <tr>
                    <th scope="col">${t.directory}</th>
                    <th scope="col" class="number">${t.records}</th>
                    <th scope="col" class="number">${t.share}</th>
                    <th scope="col" class="number">${t.apps}</th>
                  </tr>
                </thead>
                <tbody>
                  ${shown.map(
                    (d) => html`<tr>
                      <th scope="row">${d.directory_name}</th>
                      <td class="number">${count(d.records_served)}</td>
                      <td class="number">${formatPercent(locale, d.share_percent)}</td>
                      <td class="number">${count(d.apps)}</td>
                    </tr>`,
                  )}
                </tbody>
              </table>
            </div>
            ${all.length > limit
              ? html`<button type="button" class="secondary toggle" part="button" aria-expanded=${String(this.expanded)} aria-controls="shares details" @click=${this.toggle}>
                  ${this.expanded ? t.showFewer : t.showAll(count(all.length))}
                </button>`
              : nothing}`
        : nothing}
      ${first
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
              <thead>
                <tr><th scope="col">${t.month}</th><th scope="col">${t.records}</th></tr>
              </thead>
              <tbody>
                ${months.map((m) => html`<tr><th scope="row">${month(m)}</th><td>${count(m.records_served)}</td></tr>`)}
              </tbody>
            </table>
          </figure>`
        : nothing}
      ${this.renderTechnicalPartner(technical_partner, t)}`;
  }

  private renderTechnicalPartner(tp: DataSourcesTechnicalPartner | null, t: typeof en) {
    const locale = this.lang_;
    return html`<section class=${tp ? 'tp' : 'tp cta'} part="technical-partner" aria-labelledby="tp-title">
      <h3 id="tp-title">${t.tp}</h3>
      ${tp
        ? html`<dl class="figures">
            ${figure(t.status, t[tp.status] ?? tp.status, `status ${tp.status}`)} ${figure(t.revenueShare, formatPercent(locale, tp.revenue_share_percent))}
            ${figure(t.referrals, formatCount(locale, tp.total_app_referrals))} ${figure(t.earnings, formatMoney(locale, tp.total_app_earnings))}
          </dl>`
        : html`<p>${t.ctaText}</p>
            <button type="button" part="button" @click=${() => this.dispatchEvent(new CustomEvent('technical-partner-cta', { bubbles: true, composed: true }))}>${t.cta}</button>`}
    </section>`;
  }

  private toggle() {
    this.expanded = !this.expanded;
    this.dispatchEvent(new CustomEvent('data-sources-expand', { detail: { expanded: this.expanded }, bubbles: true, composed: true }));
  }
}

/** One headline figure of a `.figures` list. */
const figure = (label: string, value: string, cls = '') => html`<div class="figure"><dt>${label}</dt><dd part="value" class=${cls}>${value}</dd></div>`;

declare global {
  interface HTMLElementTagNameMap {
    'partner-data-sources': PartnerDataSources;
  }
}
