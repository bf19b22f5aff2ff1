import { html, nothing, svg, type TemplateResult } from 'lit';
import { ApiResource } from '../internal/api-resource.ts';
import { EcosystemElement } from '../internal/ecosystem-element.ts';
import { formatCount, formatMoney, formatMonth, formatPercent } from '../internal/format.ts';
import { fill, type Messages } from '../internal/i18n.ts';
import { expectEach, expectShape } from '../internal/shape.ts';
import { baseStyles } from '../styles/base.styles.ts';
import { styles } from './developer-ecosystem-tab.styles.ts';

export interface ImpactApp {
  id: string;
  name: string;
  url: string | null;
  company: string | null;
  records_served: number;
  businesses_attributed: number;
}

/** The fields of the API's `TechnicalPartner` this element shows. */
export interface ImpactTechnicalPartner {
  status: 'pending' | 'active' | 'suspended';
  revenue_share_percent: string;
  total_app_referrals: number;
  total_app_earnings: string;
  app_name: string | null;
  [field: string]: unknown;
}

/** The answer of `GET /v1/partner/me/developer-impact`. */
export interface DeveloperImpact {
  partner: { id: string; directory_name: string; commission_percent: string; status: string };
  referrals: { total: number; converted: number; in_data_pool: number };
  apps: ImpactApp[];
  api_usage: { records_served: number; calls: number; by_product: { product: string; calls: number }[] };
  commissions: { total: string; by_month: { month: string; amount: string }[] };
  technical_partner: ImpactTechnicalPartner | null;
  combined_earnings: string;
}

export function parseDeveloperImpact(json: unknown): DeveloperImpact {
  const impact = expectShape<DeveloperImpact>(json, {
    partner: 'object',
    referrals: 'object',
    apps: 'array',
    api_usage: 'object',
    commissions: 'object',
    technical_partner: 'object?',
    combined_earnings: 'string',
  });
  expectShape(impact.partner, { directory_name: 'string', commission_percent: 'string' });
  expectShape(impact.referrals, { total: 'number', converted: 'number', in_data_pool: 'number' });
  expectEach(impact.apps, { id: 'string', name: 'string', url: 'string?', company: 'string?', records_served: 'number', businesses_attributed: 'number' });
  expectShape(impact.api_usage, { records_served: 'number', calls: 'number', by_product: 'array' });
  expectEach(impact.api_usage.by_product, { product: 'string', calls: 'number' });
  expectShape(impact.commissions, { total: 'string', by_month: 'array' });
  expectEach(impact.commissions.by_month, { month: 'string', amount: 'string' });
  if (impact.technical_partner) {
    expectShape(impact.technical_partner, { status: 'string', revenue_share_percent: 'string', total_app_referrals: 'number', total_app_earnings: 'string' });
  }
  return impact;
}

/** The widgets a partner can put on its own site. */
export const EMBEDDABLE = ['ecosystem-impact-card', 'live-business-feed', 'partner-powered-badge'] as const;
export type EmbeddableTag = (typeof EMBEDDABLE)[number];

const escapeAttribute = (value: string) => value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** An absolute http(s) base without a trailing slash: a relative or empty base resolves against the page. */
export function absoluteBase(base: string | null | undefined): string {
  try {
    const url = new URL(base || '/', location.href);
    if (url.protocol === 'http:' || url.protocol === 'https:') return `${url.origin}${url.pathname}`.replace(/\/+$/, '');
  } catch {
    // An unparsable base falls through to the page's origin.
  }
  return location.origin;
}

/** The HTML a partner pastes into its page; every value is quoted and escaped as an attribute. */
export function embedSnippet(tag: EmbeddableTag, options: { apiBase: string; widgetsBase: string; appId?: string }): string {
  const attributes: [string, string][] = [['api-base', options.apiBase]];
  if (tag === 'partner-powered-badge') attributes.push(['app-id', options.appId ?? '']);
  const list = attributes.map(([name, value]) => ` ${name}="${escapeAttribute(value)}"`).join('');
  return `<script type="module" src="${escapeAttribute(`${options.widgetsBase}/widgets/${tag}.js`)}"></script>\n<${tag}${list}></${tag}>`;
}

const TABS = ['apps', 'earnings', 'embed'] as const;
export type EcosystemTab = (typeof TABS)[number];

const PRODUCTS: Record<string, string> = { cmal: 'CMAL', voice: 'Voice', susu: 'Susu', fraud: 'Fraud' };

type Key =
  | 'title' | 'partnerLine' | 'tabs' | 'apps' | 'earnings' | 'embed'
  | 'referrals' | 'converted' | 'pool' | 'records' | 'calls' | 'appsTitle' | 'app' | 'company' | 'attributed' | 'noApps'
  | 'usageTitle' | 'product' | 'noUsage' | 'newTab'
  | 'commissions' | 'appEarnings' | 'combined' | 'byMonth' | 'byMonthDesc' | 'month' | 'amount' | 'noCommissions'
  | 'tp' | 'tpApp' | 'tpEarnings' | 'status' | 'revenueShare' | 'appReferrals' | 'pending' | 'active' | 'suspended' | 'ctaText' | 'cta'
  | 'embedIntro' | 'widget' | 'ecosystem-impact-card' | 'live-business-feed' | 'partner-powered-badge' | 'badgeApp' | 'noBadgeApps'
  | 'code' | 'copy' | 'copied' | 'copyFailed' | 'empty';

const messages: Messages<Key> = {
  en: {
    title: 'Developer ecosystem',
    partnerLine: '{name} · {commission} commission',
    tabs: 'Developer ecosystem sections',
    apps: 'Apps & usage',
    earnings: 'Earnings',
    embed: 'Embed',
    referrals: 'Businesses referred',
    converted: 'Converted',
    pool: 'In the API data pool',
    records: 'Records served',
    calls: 'API calls',
    appsTitle: 'Apps built on your businesses',
    app: 'App',
    company: 'Company',
    attributed: 'Businesses attributed',
    noApps: 'No app reads your businesses yet.',
    usageTitle: 'API usage by product',
    product: 'Product',
    noUsage: 'No API calls about your businesses yet.',
    newTab: '(opens in a new tab)',
    commissions: 'Commissions',
    appEarnings: 'Technical Partner app earnings',
    combined: 'Combined earnings',
    byMonth: 'Commissions by month',
    byMonthDesc: 'From {first} in {from} to {last} in {to}.',
    month: 'Month',
    amount: 'Amount',
    noCommissions: 'No commissions in the last twelve months.',
    tp: 'Technical Partner',
    tpApp: 'App: {name}',
    tpEarnings: 'App earnings',
    status: 'Status',
    revenueShare: 'Revenue share',
    appReferrals: 'App referrals',
    pending: 'Pending review',
    active: 'Active',
    suspended: 'Suspended',
    ctaText: 'Build your own app on the business data API: Technical Partners pay preferential prices and earn from both your referrals and your app.',
    cta: 'Become a Technical Partner',
    embedIntro: 'Show the ecosystem on your own site: choose a widget, then paste this code into your page.',
    widget: 'Widget',
    'ecosystem-impact-card': 'Ecosystem impact card',
    'live-business-feed': 'Live business feed',
    'partner-powered-badge': 'Partner-Powered badge',
    badgeApp: 'App for the badge',
    noBadgeApps: 'No app reads your businesses yet, so there is no badge to show.',
    code: 'Embed code',
    copy: 'Copy',
    copied: 'Copied to the clipboard.',
    copyFailed: 'Could not copy automatically: the code is selected, press Ctrl+C (⌘C on a Mac).',
    empty: 'No businesses referred and no apps yet: your first referrals will show here.',
  },
  fr: {
    title: 'Écosystème des développeurs',
    partnerLine: '{name} · commission de {commission}',
    tabs: 'Sections de l’écosystème des développeurs',
    apps: 'Applications et usage',
    earnings: 'Gains',
    embed: 'Intégration',
    referrals: 'Entreprises recommandées',
    converted: 'Converties',
    pool: 'Dans le pool de données API',
    records: 'Enregistrements servis',
    calls: 'Appels API',
    appsTitle: 'Applications construites sur vos entreprises',
    app: 'Application',
    company: 'Société',
    attributed: 'Entreprises attribuées',
    noApps: 'Aucune application ne lit encore vos entreprises.',
    usageTitle: 'Usage de l’API par produit',
    product: 'Produit',
    noUsage: 'Aucun appel API sur vos entreprises pour l’instant.',
    newTab: '(s’ouvre dans un nouvel onglet)',
    commissions: 'Commissions',
    appEarnings: 'Gains d’application (partenaire technique)',
    combined: 'Gains combinés',
    byMonth: 'Commissions par mois',
    byMonthDesc: 'De {first} en {from} à {last} en {to}.',
    month: 'Mois',
    amount: 'Montant',
    noCommissions: 'Aucune commission ces douze derniers mois.',
    tp: 'Partenaire technique',
    tpApp: 'Application : {name}',
    tpEarnings: 'Gains de l’application',
    status: 'Statut',
    revenueShare: 'Partage des revenus',
    appReferrals: 'Recommandations d’applications',
    pending: 'En cours d’examen',
    active: 'Actif',
    suspended: 'Suspendu',
    ctaText: 'Créez votre propre application sur l’API de données d’entreprises : les partenaires techniques paient des tarifs préférentiels et gagnent sur leurs recommandations comme sur leur application.',
    cta: 'Devenir partenaire technique',
    embedIntro: 'Montrez l’écosystème sur votre site : choisissez un widget, puis collez ce code dans votre page.',
    widget: 'Widget',
    'ecosystem-impact-card': 'Carte d’impact de l’écosystème',
    'live-business-feed': 'Flux d’entreprises en direct',
    'partner-powered-badge': 'Badge « Partner-Powered »',
    badgeApp: 'Application du badge',
    noBadgeApps: 'Aucune application ne lit encore vos entreprises : pas de badge à afficher.',
    code: 'Code d’intégration',
    copy: 'Copier',
    copied: 'Copié dans le presse-papiers.',
    copyFailed: 'Copie automatique impossible : le code est sélectionné, appuyez sur Ctrl+C (⌘C sur Mac).',
    empty: 'Aucune entreprise recommandée ni application pour l’instant : vos premières recommandations apparaîtront ici.',
  },
};

/**
 * For a directory partner: the apps built on the businesses it referred, the API usage they
 * generated, its commissions and Technical Partner earnings, a "Become a Technical Partner" call to
 * action, and an embed-code generator for its own site. Needs the partner token as the `token`
 * property. The sections are WAI-ARIA tabs (arrow keys, Home and End move between them).
 *
 * @summary A directory partner's view of the developer ecosystem.
 * @tag developer-ecosystem-tab
 *
 * @attr {string} api-base - Base URL of the Ecosystem API; empty for the page's own origin. Also the `api-base` of generated embed code (made absolute).
 * @attr {string} widgets-base - Where generated embed code loads widget scripts from (default: the absolute API base).
 * @attr {string} tab - The open section: `apps` (default), `earnings` or `embed`.
 * @attr {string} locale - BCP 47 locale for text, numbers and money (English and French built in).
 * @attr {number} timeout - Milliseconds to wait for the API before showing the error state (default 4000).
 * @attr {string} state - Reflected: `idle`, `loading`, `empty`, `data` or `error`.
 *
 * @fires ecosystem-tab-change - The user opened another section; `detail: { tab }`.
 * @fires technical-partner-cta - The user asked to become a Technical Partner (shown while the partner is not one); the host page may scroll to or open `technical-partner-upgrade`.
 * @fires embed-code-copied - The embed code was copied to the clipboard; `detail: { tag }` is the chosen widget.
 *
 * @csspart base - The card.
 * @csspart header - The title row.
 * @csspart tabs - The tab list.
 * @csspart tab - Each tab.
 * @csspart panel - Each tab panel.
 * @csspart value - Each headline figure.
 * @csspart chart - The commissions chart.
 * @csspart snippet - The embed code.
 * @csspart technical-partner - The Technical Partner panel or call to action.
 * @csspart state - The loading, empty, error or sign-in message.
 * @csspart button - The retry, copy and call-to-action buttons.
 *
 * @cssproperty --ew-color-accent - Accent color of tabs, bars and buttons.
 * @cssproperty --ew-color-text - Text color.
 * @cssproperty --ew-color-muted - Secondary text color.
 * @cssproperty --ew-color-surface - Card background.
 * @cssproperty --ew-color-subtle - Background of figure tiles and the embed code.
 * @cssproperty --ew-color-border - Border color.
 * @cssproperty --ew-color-positive - Color of an active status and of a successful copy.
 * @cssproperty --ew-radius - Corner radius.
 * @cssproperty --ew-space - Base spacing.
 * @cssproperty --ew-font-family - Font family.
 */
export class DeveloperEcosystemTab extends EcosystemElement {
  static override styles = [baseStyles, styles];
  static override properties = {
    ...EcosystemElement.properties,
    data: { attribute: false },
    widgetsBase: { attribute: 'widgets-base' },
    tab: {},
    widget: { state: true, attribute: false },
    appId: { state: true, attribute: false },
    copyResult: { state: true, attribute: false },
  };

  /** The partner's figures, given directly instead of fetched (server-rendered hosts, Storybook). */
  declare data: DeveloperImpact | undefined;
  /** Where generated embed code loads widget scripts from; defaults to the absolute API base. */
  declare widgetsBase: string | null;
  /** The open section. */
  declare tab: EcosystemTab;
  private declare widget: EmbeddableTag;
  private declare appId: string | undefined;
  private declare copyResult: 'copied' | 'failed' | undefined;

  constructor() {
    super();
    this.widgetsBase = null;
    this.tab = 'apps';
    this.widget = 'ecosystem-impact-card';
  }

  private readonly impact = new ApiResource<DeveloperImpact>(this, {
    path: () => '/v1/partner/me/developer-impact',
    parse: parseDeveloperImpact,
    given: () => this.data,
    isEmpty: (impact) => impact.referrals.total === 0 && impact.apps.length === 0,
    authenticated: true,
  });

  protected mainResource() {
    return this.impact;
  }

  override render() {
    const t = messages[this.language];
    const impact = this.impact;
    return html`<section class="frame" part="base" aria-labelledby="title">
      <header part="header">
        <h2 id="title">${t.title}</h2>
        ${impact.value ? html`<p class="muted">${fill(t.partnerLine, { name: impact.value.partner.directory_name, commission: formatPercent(this.lang_, impact.value.partner.commission_percent) })}</p>` : nothing}
      </header>
      ${this.renderStates(impact, (value) => this.renderTabs(value), { empty: t.empty, idle: this.signInMessage })}
      ${impact.status === 'empty'
        ? html`<section class="empty-embed" aria-labelledby="embed-title">
              <h3 id="embed-title">${t.embed}</h3>
              ${this.renderEmbed(impact.value!)}
            </section>
            ${this.renderTechnicalPartner(impact.value!)}`
        : nothing}
    </section>`;
  }

  private get activeTab(): EcosystemTab {
    return TABS.includes(this.tab) ? this.tab : 'apps';
  }

  private renderTabs(impact: DeveloperImpact): TemplateResult {
    const t = messages[this.language];
    const active = this.activeTab;
    const panels: Record<EcosystemTab, () => TemplateResult> = {
      apps: () => this.renderApps(impact),
      earnings: () => this.renderEarnings(impact),
      embed: () => this.renderEmbed(impact),
    };
    return html`<div class="tabs" role="tablist" part="tabs" aria-label=${t.tabs} @keydown=${this.onTabKey}>
        ${TABS.map(
          (tab) => html`<button type="button" role="tab" part="tab" id="tab-${tab}" aria-controls="panel-${tab}"
            aria-selected=${tab === active ? 'true' : 'false'} tabindex=${tab === active ? 0 : -1} @click=${() => this.choose(tab, false)}>${t[tab]}</button>`,
        )}
      </div>
      ${TABS.map(
        (tab) => html`<div class="panel" role="tabpanel" part="panel" id="panel-${tab}" aria-labelledby="tab-${tab}" tabindex="0" ?hidden=${tab !== active}>
          ${tab === active ? panels[tab]() : nothing}
        </div>`,
      )}
      ${this.renderTechnicalPartner(impact)}`;
  }

  private renderApps(impact: DeveloperImpact): TemplateResult {
    const t = messages[this.language];
    const locale = this.lang_;
    const usage = impact.api_usage;
    return html`<dl class="figures">
        <div class="figure"><dt>${t.referrals}</dt><dd part="value">${formatCount(locale, impact.referrals.total)}</dd></div>
        <div class="figure"><dt>${t.converted}</dt><dd part="value">${formatCount(locale, impact.referrals.converted)}</dd></div>
        <div class="figure"><dt>${t.pool}</dt><dd part="value">${formatCount(locale, impact.referrals.in_data_pool)}</dd></div>
        <div class="figure"><dt>${t.records}</dt><dd part="value">${formatCount(locale, usage.records_served)}</dd></div>
        <div class="figure"><dt>${t.calls}</dt><dd part="value">${formatCount(locale, usage.calls)}</dd></div>
      </dl>
      <h3 id="apps-title">${t.appsTitle}</h3>
      ${impact.apps.length === 0
        ? html`<p class="muted">${t.noApps}</p>`
        : html`<div class="table-scroll" role="region" tabindex="0" aria-labelledby="apps-title">
            <table>
              <thead>
                <tr><th scope="col">${t.app}</th><th scope="col">${t.company}</th><th scope="col" class="number">${t.records}</th><th scope="col" class="number">${t.attributed}</th></tr>
              </thead>
              <tbody>
                ${impact.apps.map(
                  (app) => html`<tr>
                    <th scope="row">${safeUrl(app.url)
                      ? html`<a href=${app.url!} target="_blank" rel="noopener noreferrer">${app.name}<span class="visually-hidden"> ${t.newTab}</span></a>`
                      : app.name}</th>
                    <td>${app.company ?? '—'}</td>
                    <td class="number">${formatCount(locale, app.records_served)}</td>
                    <td class="number">${formatCount(locale, app.businesses_attributed)}</td>
                  </tr>`,
                )}
              </tbody>
            </table>
          </div>`}
      <h3 id="usage-title">${t.usageTitle}</h3>
      ${usage.by_product.length === 0
        ? html`<p class="muted">${t.noUsage}</p>`
        : html`<div class="table-scroll" role="region" tabindex="0" aria-labelledby="usage-title">
            <table>
              <thead><tr><th scope="col">${t.product}</th><th scope="col" class="number">${t.calls}</th></tr></thead>
              <tbody>
                ${usage.by_product.map((p) => html`<tr><th scope="row">${PRODUCTS[p.product] ?? p.product}</th><td class="number">${formatCount(locale, p.calls)}</td></tr>`)}
              </tbody>
            </table>
          </div>`}`;
  }

  private renderEarnings(impact: DeveloperImpact): TemplateResult {
    const t = messages[this.language];
    const locale = this.lang_;
    const tp = impact.technical_partner;
    return html`<dl class="figures">
        <div class="figure"><dt>${t.commissions}</dt><dd part="value">${formatMoney(locale, impact.commissions.total)}</dd></div>
        ${tp ? html`<div class="figure"><dt>${t.appEarnings}</dt><dd part="value">${formatMoney(locale, tp.total_app_earnings)}</dd></div>` : nothing}
        <div class="figure"><dt>${t.combined}</dt><dd part="value">${formatMoney(locale, impact.combined_earnings)}</dd></div>
      </dl>
      ${this.renderCommissionChart(impact.commissions.by_month)}`;
  }

  private renderCommissionChart(months: DeveloperImpact['commissions']['by_month']): TemplateResult {
    const t = messages[this.language];
    const locale = this.lang_;
    if (months.length === 0) return html`<h3>${t.byMonth}</h3><p class="muted">${t.noCommissions}</p>`;
    const first = months[0]!;
    const last = months[months.length - 1]!;
    // Amounts are only turned into numbers to size the bars; every shown amount is formatted from the string.
    const max = Math.max(0.01, ...months.map((m) => Number(m.amount) || 0));
    const width = 240;
    const height = 60;
    const step = width / months.length;
    const description = fill(t.byMonthDesc, {
      first: formatMoney(locale, first.amount),
      from: formatMonth(locale, first.month),
      last: formatMoney(locale, last.amount),
      to: formatMonth(locale, last.month),
    });
    return html`<figure class="chart" part="chart">
      <figcaption><h3>${t.byMonth}</h3></figcaption>
      <svg viewBox="0 0 ${width} ${height + 14}" role="img" aria-labelledby="chart-title chart-desc">
        <title id="chart-title">${t.byMonth}</title>
        <desc id="chart-desc">${description}</desc>
        ${months.map((m, i) => {
          const h = Math.max(1, ((Number(m.amount) || 0) / max) * height);
          return svg`<rect class="column" x=${(i * step + step * 0.15).toFixed(1)} y=${(height - h).toFixed(1)} width=${(step * 0.7).toFixed(1)} height=${h.toFixed(1)}></rect>`;
        })}
        <text class="axis" x="0" y=${height + 12}>${formatMonth(locale, first.month)}</text>
        <text class="axis end" x=${width} y=${height + 12}>${formatMonth(locale, last.month)}</text>
      </svg>
      <p class="muted">${description}</p>
      <table class="visually-hidden">
        <caption>${t.byMonth}</caption>
        <thead><tr><th scope="col">${t.month}</th><th scope="col">${t.amount}</th></tr></thead>
        <tbody>
          ${months.map((m) => html`<tr><th scope="row">${formatMonth(locale, m.month)}</th><td>${formatMoney(locale, m.amount)}</td></tr>`)}
        </tbody>
      </table>
    </figure>`;
  }

  private renderTechnicalPartner(impact: DeveloperImpact): TemplateResult {
    const t = messages[this.language];
    const locale = this.lang_;
    const tp = impact.technical_partner;
    if (!tp) {
      return html`<section class="tp cta" part="technical-partner" aria-labelledby="tp-title">
        <h3 id="tp-title">${t.tp}</h3>
        <p>${t.ctaText}</p>
        <button type="button" part="button" @click=${this.askToBecomePartner}>${t.cta}</button>
      </section>`;
    }
    return html`<section class="tp" part="technical-partner" aria-labelledby="tp-title">
      <h3 id="tp-title">${t.tp}</h3>
      ${tp.app_name ? html`<p class="muted">${fill(t.tpApp, { name: tp.app_name })}</p>` : nothing}
      <dl class="figures">
        <div class="figure"><dt>${t.status}</dt><dd part="value" class="status ${tp.status}">${t[tp.status as 'pending'] ?? tp.status}</dd></div>
        <div class="figure"><dt>${t.revenueShare}</dt><dd part="value">${formatPercent(locale, tp.revenue_share_percent)}</dd></div>
        <div class="figure"><dt>${t.appReferrals}</dt><dd part="value">${formatCount(locale, tp.total_app_referrals)}</dd></div>
        <div class="figure"><dt>${t.tpEarnings}</dt><dd part="value">${formatMoney(locale, tp.total_app_earnings)}</dd></div>
      </dl>
    </section>`;
  }

  private renderEmbed(impact: DeveloperImpact): TemplateResult {
    const t = messages[this.language];
    const apps = impact.apps;
    const widget = this.widget;
    const appId = apps.some((app) => app.id === this.appId) ? this.appId : apps[0]?.id;
    const apiBase = absoluteBase(this.apiBase);
    const snippet = widget === 'partner-powered-badge' && !appId ? undefined : embedSnippet(widget, { apiBase, widgetsBase: this.widgetsBase ? absoluteBase(this.widgetsBase) : apiBase, appId });
    return html`<p>${t.embedIntro}</p>
      <div class="controls">
        <label>
          <span>${t.widget}</span>
          <select id="widget" @change=${this.onWidgetChange}>
            ${EMBEDDABLE.map((tag) => html`<option value=${tag} ?selected=${tag === widget}>${t[tag]}</option>`)}
          </select>
        </label>
        ${widget === 'partner-powered-badge' && apps.length > 0
          ? html`<label>
              <span>${t.badgeApp}</span>
              <select id="app" @change=${this.onAppChange}>
                ${apps.map((app) => html`<option value=${app.id} ?selected=${app.id === appId}>${app.name}</option>`)}
              </select>
            </label>`
          : nothing}
      </div>
      ${snippet === undefined
        ? html`<p class="muted">${t.noBadgeApps}</p>`
        : html`<label class="code" for="snippet">${t.code}</label>
            <textarea id="snippet" part="snippet" readonly rows="5" spellcheck="false" .value=${snippet}></textarea>
            <div class="copy-row">
              <button type="button" part="button" @click=${() => this.copy(widget, snippet)}>${t.copy}</button>
              <p class="copy-result ${this.copyResult ?? ''}" role="status" aria-live="polite">${this.copyResult === 'copied' ? t.copied : this.copyResult === 'failed' ? t.copyFailed : ''}</p>
            </div>`}`;
  }

  private choose(tab: EcosystemTab, focus: boolean) {
    if (tab !== this.activeTab) {
      this.tab = tab;
      this.dispatchEvent(new CustomEvent('ecosystem-tab-change', { detail: { tab }, bubbles: true, composed: true }));
    }
    if (focus) void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(`#tab-${tab}`)?.focus());
  }

  private onTabKey(event: KeyboardEvent) {
    const index = TABS.indexOf(this.activeTab);
    const next =
      event.key === 'ArrowRight' ? (index + 1) % TABS.length
      : event.key === 'ArrowLeft' ? (index + TABS.length - 1) % TABS.length
      : event.key === 'Home' ? 0
      : event.key === 'End' ? TABS.length - 1
      : -1;
    if (next < 0) return;
    event.preventDefault();
    this.choose(TABS[next]!, true);
  }

  private onWidgetChange(event: Event) {
    this.widget = (event.target as HTMLSelectElement).value as EmbeddableTag;
    this.copyResult = undefined;
  }

  private onAppChange(event: Event) {
    this.appId = (event.target as HTMLSelectElement).value;
    this.copyResult = undefined;
  }

  private async copy(tag: EmbeddableTag, snippet: string) {
    try {
      await navigator.clipboard.writeText(snippet);
      this.copyResult = 'copied';
      this.dispatchEvent(new CustomEvent('embed-code-copied', { detail: { tag }, bubbles: true, composed: true }));
    } catch {
      // No clipboard (insecure page, denied permission): leave the code selected for a manual copy.
      this.copyResult = 'failed';
      const area = this.renderRoot.querySelector<HTMLTextAreaElement>('#snippet');
      area?.focus();
      area?.select();
    }
  }

  private askToBecomePartner() {
    this.dispatchEvent(new CustomEvent('technical-partner-cta', { bubbles: true, composed: true }));
  }
}

const safeUrl = (url: string | null) => !!url && /^https?:\/\//i.test(url);

declare global {
  interface HTMLElementTagNameMap {
    'developer-ecosystem-tab': DeveloperEcosystemTab;
  }
}
