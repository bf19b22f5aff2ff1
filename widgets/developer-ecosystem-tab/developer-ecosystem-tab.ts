import { html, nothing, svg, type TemplateResult } from 'lit';
import { ApiResource } from '../internal/api-resource.ts';
import { EcosystemElement } from '../internal/ecosystem-element.ts';
import { formatCount, formatMoney, formatMonth, formatPercent } from '../internal/format.ts';
import { fill, type Language } from '../internal/i18n.ts';
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

/** Checks every field the element reads (and nothing else). */
export function parseDeveloperImpact(json: unknown): DeveloperImpact {
  // expectShape and expectEach also check that each object and list is one.
  const impact = expectShape<DeveloperImpact>(json, { technical_partner: 'object?', combined_earnings: 'string' });
  expectShape(impact.partner, { directory_name: 'string', commission_percent: 'string' });
  expectShape(impact.referrals, { total: 'number', converted: 'number', in_data_pool: 'number' });
  expectEach(impact.apps, { id: 'string', name: 'string', url: 'string?', company: 'string?', records_served: 'number', businesses_attributed: 'number' });
  expectShape(impact.api_usage, { records_served: 'number', calls: 'number' });
  expectEach(impact.api_usage.by_product, { product: 'string', calls: 'number' });
  expectShape(impact.commissions, { total: 'string' });
  expectEach(impact.commissions.by_month, { month: 'string', amount: 'string' });
  if (impact.technical_partner) {
    expectShape(impact.technical_partner, { status: 'string', revenue_share_percent: 'string', total_app_referrals: 'number', total_app_earnings: 'string' });
  }
  return impact;
}

/** The widgets a partner can put on its own site. */
export const EMBEDDABLE = ['ecosystem-impact-card', 'live-business-feed', 'partner-powered-badge'] as const;
export type EmbeddableTag = (typeof EMBEDDABLE)[number];

const ENTITIES: Record<string, string> = { '&': '&amp;', '"': '&quot;', '<': '&lt;', '>': '&gt;' };
const escapeAttribute = (value: string) => value.replace(/[&"<>]/g, (c) => ENTITIES[c]!);

/** An absolute http(s) base without a trailing slash: a relative or empty base resolves against the page. */
export function absoluteBase(base: string | null | undefined): string {
  try {
    const url = new URL(base || '/', location.href);
    if (/^https?:$/.test(url.protocol)) return (url.origin + url.pathname).replace(/\/+$/, '');
  } catch {
    // An unparsable base falls through to the page's origin.
  }
  return location.origin;
}

/** The HTML a partner pastes into its page; every value is quoted and escaped as an attribute. */
export function embedSnippet(tag: EmbeddableTag, options: { apiBase: string; widgetsBase: string; appId?: string }): string {
  const appId = tag === 'partner-powered-badge' ? ` app-id="${escapeAttribute(options.appId ?? '')}"` : '';
  return `<script type="module" src="${escapeAttribute(`${options.widgetsBase}/widgets/${tag}.js`)}"></script>\n<${tag} api-base="${escapeAttribute(options.apiBase)}"${appId}></${tag}>`;
}

const TABS = ['apps', 'earnings', 'embed'] as const;
export type EcosystemTab = (typeof TABS)[number];

const PRODUCTS: Record<string, string> = { cmal: 'CMAL', voice: 'Voice', susu: 'Susu', fraud: 'Fraud' };

/**
 * Message numbers: each language lists its messages in this order. esbuild inlines a const enum,
 * so no message name reaches the bundle (keyed objects cost about 200 bytes gzip more), and the
 * `Texts` type checks that every language has every message.
 */
const enum M {
  // the tabs, in TABS order
  apps, earnings, embed,
  // the embeddable widgets, in EMBEDDABLE order
  impactCard, liveFeed, badge,
  // the Technical Partner statuses, in STATUSES order
  pending, active, suspended,
  title, partnerLine, referrals, converted, pool, records, calls, appsTitle, app, company,
  attributed, noApps, usageTitle, product, newTab, commissions, appEarnings, combined, byMonth,
  byMonthDesc, month, amount, none, tp, tpApp, status, revenueShare, appReferrals, ctaText, cta,
  widget, noBadge, code, copy, copied, failed, empty,
}
type Texts = Readonly<Record<M, string>>;

const STATUSES = ['pending', 'active', 'suspended'];

const messages: Record<Language, Texts> = {
  en: [
    'Apps & usage', // apps
    'Earnings', // earnings
    'Embed', // embed
    'Impact card', // impactCard
    'Live business feed', // liveFeed
    'Partner-Powered badge', // badge
    'Pending', // pending
    'Active', // active
    'Suspended', // suspended
    'Developer ecosystem', // title
    '{name} · {commission} commission', // partnerLine
    'Businesses referred', // referrals
    'Converted', // converted
    'In the data pool', // pool
    'Records served', // records
    'API calls', // calls
    'Apps on your businesses', // appsTitle
    'App', // app
    'Company', // company
    'Businesses', // attributed
    'No apps yet.', // noApps
    'API calls by product', // usageTitle
    'Product', // product
    '(opens in a new tab)', // newTab
    'Commissions', // commissions
    'App earnings', // appEarnings
    'Combined earnings', // combined
    'Commissions by month', // byMonth
    'From {first} in {from} to {last} in {to}.', // byMonthDesc
    'Month', // month
    'Amount', // amount
    'None yet.', // none
    'Technical Partner', // tp
    'App: {name}', // tpApp
    'Status', // status
    'Revenue share', // revenueShare
    'App referrals', // appReferrals
    'Earn from your app’s referrals and pay less for the API.', // ctaText
    'Become a Technical Partner', // cta
    'Widget', // widget
    'No app, so there is no badge to show.', // noBadge
    'Embed code', // code
    'Copy', // copy
    'Copied to the clipboard.', // copied
    'Could not copy: press Ctrl+C (⌘C).', // failed
    'No businesses referred and no apps yet.', // empty
  ],
  fr: [
    'Applications', // apps
    'Gains', // earnings
    'Intégration', // embed
    'Carte d’impact', // impactCard
    'Flux d’entreprises en direct', // liveFeed
    'Badge Partner-Powered', // badge
    'En attente', // pending
    'Actif', // active
    'Suspendu', // suspended
    'Écosystème des développeurs', // title
    '{name} · commission de {commission}', // partnerLine
    'Entreprises recommandées', // referrals
    'Converties', // converted
    'Dans le pool de données', // pool
    'Enregistrements servis', // records
    'Appels API', // calls
    'Applications sur vos entreprises', // appsTitle
    'Application', // app
    'Société', // company
    'Entreprises', // attributed
    'Aucune application.', // noApps
    'Appels API par produit', // usageTitle
    'Produit', // product
    '(nouvel onglet)', // newTab
    'Commissions', // commissions
    'Gains de l’application', // appEarnings
    'Gains combinés', // combined
    'Commissions par mois', // byMonth
    'De {first} en {from} à {last} en {to}.', // byMonthDesc
    'Mois', // month
    'Montant', // amount
    'Aucun pour l’instant.', // none
    'Partenaire technique', // tp
    'Application : {name}', // tpApp
    'Statut', // status
    'Part des revenus', // revenueShare
    'Recommandations de l’application', // appReferrals
    'Gagnez sur les recommandations de votre application et payez l’API moins cher.', // ctaText
    'Devenir partenaire technique', // cta
    'Widget', // widget
    'Aucune application, donc pas de badge.', // noBadge
    'Code d’intégration', // code
    'Copier', // copy
    'Copié dans le presse-papiers.', // copied
    'Copie impossible : appuyez sur Ctrl+C (⌘C).', // failed
    'Aucune entreprise recommandée ni application.', // empty
  ],
};

/** Headline figures from [label, value] pairs; a null pair is left out. */
const figures = (pairs: ([string, unknown] | null)[]) =>
  html`<dl class="figures">${pairs.map((pair) => pair && html`<div class="figure"><dt>${pair[0]}</dt><dd part="value">${pair[1]}</dd></div>`)}</dl>`;

/** A table's head and body: the first cell of each row heads it, the columns from `numbers` on are figures. */
const rows = (head: string[], body: unknown[][], numbers: number) => {
  const cell = (i: number) => (i < numbers ? '' : 'number');
  return html`<thead>
      <tr>${head.map((label, i) => html`<th scope="col" class=${cell(i)}>${label}</th>`)}</tr>
    </thead>
    <tbody>
      ${body.map(([first, ...rest]) => html`<tr>
        <th scope="row">${first}</th>
        ${rest.map((value, i) => html`<td class=${cell(i + 1)}>${value}</td>
          `)}
      </tr>`)}
    </tbody>`;
};

const fire = (target: EventTarget, type: string, detail?: unknown) => target.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }));

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
    widget: { state: true },
    app: { state: true },
    copyResult: { state: true },
  };

  /** The partner's figures, given directly instead of fetched (server-rendered hosts, Storybook). */
  declare data: DeveloperImpact | undefined;
  /** Where generated embed code loads widget scripts from; defaults to the absolute API base. */
  declare widgetsBase: string | null;
  /** The open section. */
  declare tab: EcosystemTab;
  /** The widget chosen in the embed-code generator. */
  private declare widget: EmbeddableTag;
  /** The id of the app chosen for the badge. */
  private declare app: string | undefined;
  private declare copyResult: 'copied' | 'failed' | undefined;
  /** This render's messages and locale. */
  private declare t: Texts;
  private declare l: string;

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

  private count(value: number) {
    return formatCount(this.l, value);
  }

  private money(amount: string) {
    return formatMoney(this.l, amount);
  }

  private month(month: string) {
    return formatMonth(this.l, month);
  }

  override render() {
    const t = (this.t = messages[this.language]);
    this.l = this.lang_;
    const impact = this.impact;
    const value = impact.value;
    return html`<section class="frame" part="base" aria-labelledby="title">
      <header part="header">
        <h2 id="title">${t[M.title]}</h2>
        ${value ? html`<p class="muted">${fill(t[M.partnerLine], { name: value.partner.directory_name, commission: formatPercent(this.l, value.partner.commission_percent) })}</p>` : nothing}
      </header>
      ${this.renderStates(impact, (v) => this.tabs(v), { empty: t[M.empty], idle: this.signInMessage })}
      ${impact.status === 'empty'
        ? html`<section aria-labelledby="embed-title"><h3 id="embed-title">${t[M.embed]}</h3>${this.embed(value!)}</section>${this.tp(value!)}`
        : nothing}
    </section>`;
  }

  private get open(): EcosystemTab {
    return TABS.includes(this.tab) ? this.tab : 'apps';
  }

  private tabs(impact: DeveloperImpact): TemplateResult {
    const active = this.open;
    return html`<div class="tabs" role="tablist" part="tabs" aria-labelledby="title" @keydown=${this.onTabKey}>
        ${TABS.map(
          (tab, i) => html`<button role="tab" part="tab" id="tab-${tab}" aria-controls="panel-${tab}" class=${tab === active ? '' : 'secondary'}
            aria-selected=${tab === active} tabindex=${tab === active ? 0 : -1} @click=${() => this.choose(tab)}>${this.t[(M.apps + i) as M]}</button>`,
        )}
      </div>
      ${TABS.map(
        (tab) => html`<div role="tabpanel" part="panel" id="panel-${tab}" aria-labelledby="tab-${tab}" tabindex="0" ?hidden=${tab !== active}>
          ${tab === active ? this[tab](impact) : nothing}
        </div>`,
      )}
      ${this.tp(impact)}`;
  }

  /** A titled table in a keyboard-scrollable region, or a message when it has no rows. */
  private table(id: string, title: string, none: string, head: string[], body: unknown[][], numbers: number) {
    return html`<h3 id=${id}>${title}</h3>
      ${body.length
        ? html`<div class="table-scroll" role="region" tabindex="0" aria-labelledby=${id}><table>${rows(head, body, numbers)}</table></div>`
        : html`<p class="muted">${none}</p>`}`;
  }

  /** The "Apps & usage" panel. */
  private apps(impact: DeveloperImpact): TemplateResult {
    const t = this.t;
    const { referrals, api_usage: usage } = impact;
    return html`${figures([
        [t[M.referrals], this.count(referrals.total)],
        [t[M.converted], this.count(referrals.converted)],
        [t[M.pool], this.count(referrals.in_data_pool)],
        [t[M.records], this.count(usage.records_served)],
        [t[M.calls], this.count(usage.calls)],
      ])}
      ${this.table(
        'apps-title',
        t[M.appsTitle],
        t[M.noApps],
        [t[M.app], t[M.company], t[M.records], t[M.attributed]],
        impact.apps.map((app) => [
          app.url && /^https?:\/\//i.test(app.url)
            ? html`<a href=${app.url} target="_blank" rel="noopener noreferrer">${app.name}<span class="visually-hidden"> ${t[M.newTab]}</span></a>`
            : app.name,
          app.company ?? '—',
          this.count(app.records_served),
          this.count(app.businesses_attributed),
        ]),
        2,
      )}
      ${this.table(
        'usage-title',
        t[M.usageTitle],
        t[M.none],
        [t[M.product], t[M.calls]],
        usage.by_product.map((p) => [PRODUCTS[p.product] ?? p.product, this.count(p.calls)]),
        1,
      )}`;
  }

  /** The "Earnings" panel. */
  private earnings(impact: DeveloperImpact): TemplateResult {
    const t = this.t;
    const tp = impact.technical_partner;
    const months = impact.commissions.by_month;
    const first = months[0];
    const last = months[months.length - 1];
    const panel = figures([
      [t[M.commissions], this.money(impact.commissions.total)],
      tp && [t[M.appEarnings], this.money(tp.total_app_earnings)],
      [t[M.combined], this.money(impact.combined_earnings)],
    ]);
    if (!first || !last) return html`${panel}<h3>${t[M.byMonth]}</h3><p class="muted">${t[M.none]}</p>`;
    // Amounts are only turned into numbers to size the bars; every shown amount is formatted from the string.
    const max = Math.max(0.01, ...months.map((m) => Number(m.amount) || 0));
    const step = 240 / months.length;
    const description = fill(t[M.byMonthDesc], { first: this.money(first.amount), from: this.month(first.month), last: this.money(last.amount), to: this.month(last.month) });
    return html`${panel}
      <div class="chart" part="chart">
        <h3 id="chart-title">${t[M.byMonth]}</h3>
        <svg viewBox="0 0 240 74" role="img" aria-labelledby="chart-title chart-desc">
          <desc id="chart-desc">${description}</desc>
          ${months.map((m, i) => {
            const height = Math.max(1, ((Number(m.amount) || 0) / max) * 60);
            return svg`<rect x=${(i + 0.15) * step} y=${60 - height} width=${step * 0.7} height=${height}></rect>`;
          })}
          <text y="72">${this.month(first.month)}</text>
          <text x="240" y="72" text-anchor="end">${this.month(last.month)}</text>
        </svg>
        <p class="muted">${description}</p>
        <table class="visually-hidden">
          <caption>${t[M.byMonth]}</caption>
          ${rows([t[M.month], t[M.amount]], months.map((m) => [this.month(m.month), this.money(m.amount)]), 2)}
        </table>
      </div>`;
  }

  /** The Technical Partner's figures, or the invitation to become one. */
  private tp(impact: DeveloperImpact): TemplateResult {
    const t = this.t;
    const tp = impact.technical_partner;
    const status = STATUSES.indexOf(tp?.status ?? '');
    return html`<section class="tp ${tp ? '' : 'cta'}" part="technical-partner" aria-labelledby="tp-title">
      <h3 id="tp-title">${t[M.tp]}</h3>
      ${tp
        ? html`${tp.app_name ? html`<p class="muted">${fill(t[M.tpApp], { name: tp.app_name })}</p>` : nothing}
          ${figures([
            [t[M.status], html`<span class=${tp.status}>${status < 0 ? tp.status : t[(M.pending + status) as M]}</span>`],
            [t[M.revenueShare], formatPercent(this.l, tp.revenue_share_percent)],
            [t[M.appReferrals], this.count(tp.total_app_referrals)],
            [t[M.appEarnings], this.money(tp.total_app_earnings)],
          ])}`
        : html`<p>${t[M.ctaText]}</p>
          <button part="button" @click=${() => fire(this, 'technical-partner-cta')}>${t[M.cta]}</button>`}
    </section>`;
  }

  /** A labelled select that sets `key` (and clears the copy result). */
  private select(key: 'widget' | 'app', label: string, options: [string, string][], selected: string | undefined) {
    return html`<label>
      ${label}
      <select id=${key} @change=${(event: Event) => {
        this[key] = (event.target as HTMLSelectElement).value as EmbeddableTag;
        this.copyResult = undefined;
      }}>
        ${options.map(([value, text]) => html`<option value=${value} ?selected=${value === selected}>${text}</option>`)}
      </select>
    </label>`;
  }

  /** The embed-code generator. */
  private embed(impact: DeveloperImpact): TemplateResult {
    const t = this.t;
    const apps = impact.apps;
    const widget = this.widget;
    const badge = widget === 'partner-powered-badge';
    const appId = apps.some((app) => app.id === this.app) ? this.app : apps[0]?.id;
    const snippet = badge && !appId ? '' : embedSnippet(widget, { apiBase: absoluteBase(this.apiBase), widgetsBase: absoluteBase(this.widgetsBase || this.apiBase), appId });
    return html`${this.select('widget', t[M.widget], EMBEDDABLE.map((tag, i) => [tag, t[(M.impactCard + i) as M]]), widget)}
      ${badge && appId ? this.select('app', t[M.app], apps.map((app) => [app.id, app.name]), appId) : nothing}
      ${snippet
        ? html`<label for="snippet">${t[M.code]}</label>
            <textarea id="snippet" part="snippet" readonly rows="5" spellcheck="false" .value=${snippet}></textarea>
            <div class="copy-row">
              <button part="button" @click=${() => this.copy(widget, snippet)}>${t[M.copy]}</button>
              <p class="copy-result ${this.copyResult ?? ''}" role="status" aria-live="polite">${this.copyResult ? t[this.copyResult === 'copied' ? M.copied : M.failed] : ''}</p>
            </div>`
        : html`<p class="muted">${t[M.noBadge]}</p>`}`;
  }

  private choose(tab: EcosystemTab) {
    if (tab !== this.open) {
      this.tab = tab;
      fire(this, 'ecosystem-tab-change', { tab });
    }
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(`#tab-${tab}`)?.focus());
  }

  private onTabKey(event: KeyboardEvent) {
    const index = TABS.indexOf(this.open);
    const next = ({ ArrowRight: index + 1, ArrowLeft: index + 2, Home: 0, End: 2 } as Record<string, number>)[event.key];
    if (next === undefined) return;
    event.preventDefault();
    this.choose(TABS[next % 3]!);
  }

  private async copy(tag: EmbeddableTag, snippet: string) {
    try {
      await navigator.clipboard.writeText(snippet);
      this.copyResult = 'copied';
      fire(this, 'embed-code-copied', { tag });
    } catch {
      // No clipboard (insecure page, denied permission): leave the code selected for a manual copy.
      this.copyResult = 'failed';
      const area = this.renderRoot.querySelector('textarea');
      area?.focus();
      area?.select();
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'developer-ecosystem-tab': DeveloperEcosystemTab;
  }
}
