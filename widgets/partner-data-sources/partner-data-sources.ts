import { html, nothing, svg, type TemplateResult } from 'lit';
import { styleMap } from 'lit/directives/style-map.js';
import { ApiResource } from '../internal/api-resource.ts';
import { EcosystemElement } from '../internal/ecosystem-element.ts';
import { formatCount, formatMoney, formatMonth, formatPercent } from '../internal/format.ts';
import { fill, type Messages } from '../internal/i18n.ts';
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

const DEFAULT_LIMIT = 8;

type Key =
  | 'title' | 'records' | 'directories' | 'shares' | 'details' | 'directory' | 'share' | 'apps'
  | 'showAll' | 'showFewer' | 'trend' | 'trendDesc' | 'month' | 'tp' | 'status' | 'revenueShare' | 'referrals'
  | 'earnings' | 'pending' | 'active' | 'suspended' | 'ctaText' | 'cta' | 'empty';

const messages: Messages<Key> = {
  en: {
    title: 'Your data sources',
    records: 'Records served',
    directories: 'Partner directories',
    shares: 'Which directories power your data',
    details: 'Contribution by directory',
    directory: 'Directory',
    share: 'Share',
    apps: 'Your apps',
    showAll: 'Show all {count} directories',
    showFewer: 'Show fewer directories',
    trend: 'Records served by month',
    trendDesc: 'From {first} in {from} to {last} in {to}.',
    month: 'Month',
    tp: 'Technical Partner',
    status: 'Status',
    revenueShare: 'Revenue share',
    referrals: 'App referrals',
    earnings: 'App earnings',
    pending: 'Pending review',
    active: 'Active',
    suspended: 'Suspended',
    ctaText: 'Technical Partners pay preferential API prices and earn a share of the revenue their apps bring in.',
    cta: 'Become a Technical Partner',
    empty: 'Your apps have not read any partner data yet.',
  },
  fr: {
    title: 'Vos sources de données',
    records: 'Enregistrements servis',
    directories: 'Annuaires partenaires',
    shares: 'Quels annuaires alimentent vos données',
    details: 'Contribution par annuaire',
    directory: 'Annuaire',
    share: 'Part',
    apps: 'Vos applications',
    showAll: 'Afficher les {count} annuaires',
    showFewer: 'Afficher moins d’annuaires',
    trend: 'Enregistrements servis par mois',
    trendDesc: 'De {first} en {from} à {last} en {to}.',
    month: 'Mois',
    tp: 'Partenaire technique',
    status: 'Statut',
    revenueShare: 'Partage des revenus',
    referrals: 'Recommandations d’applications',
    earnings: 'Gains des applications',
    pending: 'En cours d’examen',
    active: 'Actif',
    suspended: 'Suspendu',
    ctaText: 'Les partenaires techniques paient l’API à tarif préférentiel et touchent une part des revenus apportés par leurs applications.',
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
    expanded: { state: true, attribute: false },
  };

  /** The data sources, given directly instead of fetched (server-rendered hosts, Storybook). */
  declare data: DataSources | undefined;
  /** Directories shown before the "Show all" toggle. */
  declare limit: number;
  private declare expanded: boolean;

  constructor() {
    super();
    this.limit = DEFAULT_LIMIT;
    this.expanded = false;
  }

  private readonly sources = new ApiResource<DataSources>(this, {
    path: () => '/v1/developer/me/data-sources',
    parse: parseDataSources,
    given: () => this.data,
    isEmpty: (sources) => sources.records_served === 0 && sources.directories.length === 0,
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
      ${this.renderStates(sources, (value) => this.renderSources(value), { empty: t.empty, idle: this.signInMessage })}
      ${sources.status === 'empty' ? this.renderTechnicalPartner(sources.value!.technical_partner) : nothing}
    </section>`;
  }

  private renderSources(sources: DataSources): TemplateResult {
    const t = messages[this.language];
    const locale = this.lang_;
    const limit = Math.max(1, Number.isFinite(this.limit) ? Math.floor(this.limit) : DEFAULT_LIMIT);
    const all = sources.directories;
    const shown = this.expanded ? all : all.slice(0, limit);
    return html`<dl class="figures">
        <div class="figure"><dt>${t.records}</dt><dd part="value">${formatCount(locale, sources.records_served)}</dd></div>
        <div class="figure"><dt>${t.directories}</dt><dd part="value">${formatCount(locale, all.length)}</dd></div>
      </dl>
      ${all.length > 0
        ? html`<h3 id="shares-title">${t.shares}</h3>
            <ol class="shares" id="shares" aria-labelledby="shares-title">
              ${shown.map((d) => {
                const share = formatPercent(locale, d.share_percent);
                return html`<li>
                  <span class="name">${d.directory_name}</span>
                  <span class="track" aria-hidden="true"><span class="bar" part="bar" style=${styleMap({ width: `${Math.min(100, Math.max(0, Number(d.share_percent) || 0))}%` })}></span></span>
                  <span class="percent">${share}</span>
                </li>`;
              })}
            </ol>
            <div class="table-scroll" id="details" role="region" tabindex="0" aria-labelledby="details-caption">
              <table>
                <caption id="details-caption">${t.details}</caption>
                <thead>
                  <tr><th scope="col">${t.directory}</th><th scope="col" class="number">${t.records}</th><th scope="col" class="number">${t.share}</th><th scope="col" class="number">${t.apps}</th></tr>
                </thead>
                <tbody>
                  ${shown.map((d) => html`<tr>
                    <th scope="row">${d.directory_name}</th>
                    <td class="number">${formatCount(locale, d.records_served)}</td>
                    <td class="number">${formatPercent(locale, d.share_percent)}</td>
                    <td class="number">${formatCount(locale, d.apps)}</td>
                  </tr>`)}
                </tbody>
              </table>
            </div>
            ${all.length > limit
              ? html`<button type="button" class="secondary toggle" part="button" aria-expanded=${this.expanded ? 'true' : 'false'} aria-controls="shares details" @click=${this.toggle}>
                  ${this.expanded ? t.showFewer : fill(t.showAll, { count: formatCount(locale, all.length) })}
                </button>`
              : nothing}`
        : nothing}
      ${this.renderTrend(sources.by_month)} ${this.renderTechnicalPartner(sources.technical_partner)}`;
  }

  private renderTrend(months: DataSources['by_month']): TemplateResult | typeof nothing {
    if (months.length === 0) return nothing;
    const t = messages[this.language];
    const locale = this.lang_;
    const first = months[0]!;
    const last = months[months.length - 1]!;
    const max = Math.max(1, ...months.map((m) => m.records_served));
    const width = 240;
    const height = 60;
    const step = width / months.length;
    const description = fill(t.trendDesc, {
      first: formatCount(locale, first.records_served),
      from: formatMonth(locale, first.month),
      last: formatCount(locale, last.records_served),
      to: formatMonth(locale, last.month),
    });
    return html`<figure class="trend" part="chart">
      <figcaption><h3>${t.trend}</h3></figcaption>
      <svg viewBox="0 0 ${width} ${height + 14}" role="img" aria-labelledby="trend-title trend-desc">
        <title id="trend-title">${t.trend}</title>
        <desc id="trend-desc">${description}</desc>
        ${months.map((m, i) => {
          const h = Math.max(1, (m.records_served / max) * height);
          return svg`<rect class="column" x=${(i * step + step * 0.15).toFixed(1)} y=${(height - h).toFixed(1)} width=${(step * 0.7).toFixed(1)} height=${h.toFixed(1)}></rect>`;
        })}
        <text class="axis" x="0" y=${height + 12}>${formatMonth(locale, first.month)}</text>
        <text class="axis end" x=${width} y=${height + 12}>${formatMonth(locale, last.month)}</text>
      </svg>
      <p class="muted">${description}</p>
      <table class="visually-hidden">
        <caption>${t.trend}</caption>
        <thead><tr><th scope="col">${t.month}</th><th scope="col">${t.records}</th></tr></thead>
        <tbody>
          ${months.map((m) => html`<tr><th scope="row">${formatMonth(locale, m.month)}</th><td>${formatCount(locale, m.records_served)}</td></tr>`)}
        </tbody>
      </table>
    </figure>`;
  }

  private renderTechnicalPartner(tp: DataSourcesTechnicalPartner | null): TemplateResult {
    const t = messages[this.language];
    const locale = this.lang_;
    if (!tp) {
      return html`<section class="tp cta" part="technical-partner" aria-labelledby="tp-title">
        <h3 id="tp-title">${t.tp}</h3>
        <p>${t.ctaText}</p>
        <button type="button" part="button" @click=${this.askToBecomePartner}>${t.cta}</button>
      </section>`;
    }
    const status = t[tp.status as 'pending' | 'active' | 'suspended'] ?? tp.status;
    return html`<section class="tp" part="technical-partner" aria-labelledby="tp-title">
      <h3 id="tp-title">${t.tp}</h3>
      <dl class="figures">
        <div class="figure"><dt>${t.status}</dt><dd part="value" class="status ${tp.status}">${status}</dd></div>
        <div class="figure"><dt>${t.revenueShare}</dt><dd part="value">${formatPercent(locale, tp.revenue_share_percent)}</dd></div>
        <div class="figure"><dt>${t.referrals}</dt><dd part="value">${formatCount(locale, tp.total_app_referrals)}</dd></div>
        <div class="figure"><dt>${t.earnings}</dt><dd part="value">${formatMoney(locale, tp.total_app_earnings)}</dd></div>
      </dl>
    </section>`;
  }

  private toggle() {
    this.expanded = !this.expanded;
    this.dispatchEvent(new CustomEvent('data-sources-expand', { detail: { expanded: this.expanded }, bubbles: true, composed: true }));
  }

  private askToBecomePartner() {
    this.dispatchEvent(new CustomEvent('technical-partner-cta', { bubbles: true, composed: true }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'partner-data-sources': PartnerDataSources;
  }
}
