import { html, nothing, type TemplateResult } from 'lit';
import { ApiResource } from '../internal/api-resource.ts';
import { AuthenticatedElement } from '../internal/authenticated-element.ts';
import { emit } from '../internal/emit.ts';
import { formatCount, formatMoney, formatPercent } from '../internal/format.ts';
import { OnDemand } from '../internal/on-demand.ts';
import type { TablePager } from '../internal/paged-table.ts';
import { tabFromKey } from '../internal/tabs.ts';
import { figures, scrollTable } from '../internal/templates.ts';
import { baseStyles } from '../styles/base.styles.ts';
import { type DeveloperImpact, parseDeveloperImpact } from './developer-ecosystem-tab.api.ts';
import type { GeneratorState } from './developer-ecosystem-tab.generator.ts';
import { messages } from './developer-ecosystem-tab.messages.ts';
import { styles } from './developer-ecosystem-tab.styles.ts';

const TABS = ['apps', 'earnings', 'embed'] as const;

/**
 * The embed-code generator, loaded the first time an element shows it (the embed tab, or the
 * empty state): most visits never open that tab, so its code stays off the page until then.
 */
const generator = new OnDemand(() => import('./developer-ecosystem-tab.generator.ts'));
/** The earnings panel, loaded the first time it is opened: the apps panel shows first. */
const earningsPanel = new OnDemand(() => import('./developer-ecosystem-tab.earnings.ts'));
/**
 * Paging and search for a partner with more than a page of apps (10), loaded when such a table
 * first shows; its first page shows at once, the controls when the code arrives.
 */
const pagedTable = new OnDemand(() => import('../internal/paged-table.ts'));
export type EcosystemTab = (typeof TABS)[number];

/**
 * For a directory partner: the apps built on the businesses it referred, the API usage they
 * generated, its commissions and Technical Partner earnings, a "Become a Technical Partner" call to
 * action (which gives way to the application's status when a `technical-partner-upgrade` on the
 * same page files one), and an embed-code generator for its own site. Needs a partner's embed session: set
 * `fetchSession`. The sections are WAI-ARIA tabs (arrow keys, Home and End move between them).
 *
 * @summary A directory partner's view of the developer ecosystem.
 * @tag developer-ecosystem-tab
 *
 * @attr {string} api-base - Base URL of the Ecosystem API; empty for the page's own origin. Also the `api-base` of generated embed code (made absolute).
 * @attr {string} widgets-base - Where generated embed code loads widget scripts from (default: the absolute API base).
 * @attr {string} tab - The open section: `apps` (default), `earnings` or `embed`.
 *
 * @fires ecosystem-tab-change - The user opened another section; `detail: { tab }`.
 * @fires technical-partner-cta - The user asked to become a Technical Partner (shown while the partner is not one); the host page may scroll to or open `technical-partner-upgrade`.
 * @fires embed-code-copied - The embed code was copied to the clipboard; `detail: { tag }` is the chosen widget.
 *
 * @csspart tabs - The tab list.
 * @csspart tab - Each tab.
 * @csspart panel - Each tab panel.
 * @csspart value - Each headline figure.
 * @csspart chart - The commissions chart.
 * @csspart snippet - The embed code.
 * @csspart technical-partner - The Technical Partner panel or call to action.
 * @csspart button - The retry, copy and call-to-action buttons.
 */
export class DeveloperEcosystemTab extends AuthenticatedElement<DeveloperImpact> {
  static override styles = [baseStyles, styles];
  static override properties = {
    ...AuthenticatedElement.properties,
    widgetsBase: { attribute: 'widgets-base' },
    tab: {},
    generatorState: { state: true },
  };

  /** Where generated embed code loads widget scripts from; defaults to the absolute API base. */
  declare widgetsBase: string | null;
  /** The open section. */
  declare tab: EcosystemTab;
  /** The embed-code generator's choices and last copy result. */
  declare private generatorState: GeneratorState;
  /** The apps table's search and page, once it has more than a page of apps. */
  private appsPager: TablePager | undefined;
  /** This render's messages and locale. */
  declare private t: typeof messages.en;
  declare private l: string;

  constructor() {
    super();
    this.widgetsBase = null;
    this.tab = 'apps';
    this.generatorState = { widget: 'ecosystem-impact-card' };
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

  // An application filed by the upgrade widget on the same page: the call to action gives way
  // to the application's status, read again from the API.
  private readonly applied = () => this.impact.retry();

  override connectedCallback(): void {
    super.connectedCallback();
    document.addEventListener('technical-partner-applied', this.applied);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    document.removeEventListener('technical-partner-applied', this.applied);
  }

  override render() {
    const t = (this.t = messages[this.language]);
    this.l = this.lang_;
    const impact = this.impact;
    const value = impact.value;
    return html`<section class="frame" part="base" aria-labelledby="title">
      <header part="header">
        <h2 id="title">${t.title}</h2>
        ${value ? html`<p class="muted">${t.partnerLine(value.partner.directory_name, formatPercent(this.l, value.partner.commission_percent))}</p>` : nothing}
      </header>
      ${this.renderStates(impact, (v) => this.tabs(v), { empty: t.empty, idle: this.signInMessage })}
      ${
        impact.status === 'empty'
          ? html`<section aria-labelledby="embed-title"><h3 id="embed-title">${t.embed}</h3>${this.embed(value!)}</section>${this.tp(value!)}`
          : nothing
      }
    </section>`;
  }

  private get open(): EcosystemTab {
    return TABS.includes(this.tab) ? this.tab : 'apps';
  }

  private tabs(impact: DeveloperImpact): TemplateResult {
    const active = this.open;
    return html`<div class="tabs" role="tablist" part="tabs" aria-labelledby="title" @keydown=${this.onTabKey}>
        ${TABS.map(
          (tab) => html`<button role="tab" part="tab" id="tab-${tab}" aria-controls="panel-${tab}" class=${tab === active ? '' : 'secondary'}
            aria-selected=${tab === active} tabindex=${tab === active ? 0 : -1} @click=${() => this.choose(tab)}>${this.t[tab]}</button>`,
        )}
      </div>
      ${TABS.map(
        (tab) => html`<div role="tabpanel" part="panel" id="panel-${tab}" aria-labelledby="tab-${tab}" tabindex="0" ?hidden=${tab !== active}>
          ${tab === active ? this[tab](impact) : nothing}
        </div>`,
      )}
      ${this.tp(impact)}`;
  }

  /** The "Apps & usage" panel. */
  private apps(impact: DeveloperImpact): TemplateResult {
    const t = this.t;
    const { referrals, api_usage: usage } = impact;
    return html`${figures([
      [t.referrals, formatCount(this.l, referrals.total)],
      [t.converted, formatCount(this.l, referrals.converted)],
      [t.pool, formatCount(this.l, referrals.in_data_pool)],
      [t.records, formatCount(this.l, usage.records_served)],
      [t.calls, formatCount(this.l, usage.calls)],
    ])}
      ${this.appsTable(impact.apps)}
      ${scrollTable(
        'usage',
        t.usageTitle,
        [t.product, t.calls],
        // a product's name is its code capitalised (CMAL is an acronym): no table of names in the bundle
        usage.by_product.map((p) => [p.product === 'cmal' ? 'CMAL' : p.product.replace(/^./, (c) => c.toUpperCase()), formatCount(this.l, p.calls)]),
        { none: t.none },
      )}`;
  }

  /** The apps, paged and searchable once there are more than a page of them. */
  private appsTable(apps: DeveloperImpact['apps']): TemplateResult {
    const t = this.t;
    const head = [t.app, t.company, t.records, t.attributed];
    const rows = apps.map((app) => [
      app.url && /^https?:\/\//i.test(app.url)
        ? html`<a href=${app.url} target="_blank" rel="noopener noreferrer">${app.name}<span class="visually-hidden"> ${t.newTab}</span></a>`
        : app.name,
      app.company ?? '—',
      formatCount(this.l, app.records_served),
      formatCount(this.l, app.businesses_attributed),
    ]);
    const plain = (body: typeof rows) => scrollTable('apps', t.appsTitle, head, body, { numbers: 2, none: t.noApps });
    // Until the pager's code arrives (or if it cannot), the first page shows without its controls.
    return apps.length > 10
      ? pagedTable.render(
          this,
          this.language,
          ({ TablePager }) =>
            (this.appsPager ??= new TablePager(this)).render('apps', t.appsTitle, head, rows, this.l, {
              search: t.search,
              names: apps.map((app) => app.name),
              numbers: 2,
            }),
          plain(rows.slice(0, 10)),
        )
      : plain(rows);
  }

  /** The "Earnings" panel, loaded the first time it is opened. */
  private earnings(impact: DeveloperImpact): TemplateResult {
    return earningsPanel.render(this, this.language, ({ renderEarnings }) => renderEarnings(impact, this.l));
  }

  /** The Technical Partner's figures, or the invitation to become one. */
  private tp(impact: DeveloperImpact): TemplateResult {
    const t = this.t;
    const tp = impact.technical_partner;
    return html`<section class="tp ${tp ? '' : 'cta'}" part="technical-partner" aria-labelledby="tp-title">
      <h3 id="tp-title">${t.tp}</h3>
      ${
        tp
          ? html`${tp.app_name ? html`<p class="muted">${t.tpApp(tp.app_name)}</p>` : nothing}
          ${figures([
            [t.status, html`<span class=${tp.status}>${t[tp.status] ?? tp.status}</span>`],
            [t.revenueShare, formatPercent(this.l, tp.revenue_share_percent)],
            [t.appReferrals, formatCount(this.l, tp.total_app_referrals)],
            [t.appEarnings, formatMoney(this.l, tp.total_app_earnings, impact.currency)],
          ])}`
          : html`<p>${t.ctaText}</p>
          <button part="button" @click=${() => emit(this, 'technical-partner-cta')}>${t.cta}</button>`
      }
    </section>`;
  }

  /** The embed-code generator, once its code is loaded; the loading or error state until then. */
  private embed(impact: DeveloperImpact): TemplateResult {
    return generator.render(this, this.language, ({ renderGenerator }) =>
      renderGenerator({
        host: this,
        impact,
        language: this.language,
        appLabel: this.t.app,
        apiBase: this.apiBase,
        widgetsBase: this.widgetsBase,
        state: this.generatorState,
        set: (change) => (this.generatorState = { ...this.generatorState, ...change }),
      }),
    );
  }

  private choose(tab: EcosystemTab) {
    if (tab !== this.open) {
      this.tab = tab;
      emit(this, 'ecosystem-tab-change', { tab });
    }
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(`#tab-${tab}`)?.focus());
  }

  private onTabKey(event: KeyboardEvent) {
    const tab = tabFromKey(event, TABS, this.open);
    if (tab) this.choose(tab);
  }
}
