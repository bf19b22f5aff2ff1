import { html, nothing, svg, type TemplateResult } from 'lit';
import { ApiResource } from '../internal/api-resource.ts';
import { AuthenticatedElement } from '../internal/authenticated-element.ts';
import { emit } from '../internal/emit.ts';
import { formatCount, formatMoney, formatMonth, formatPercent } from '../internal/format.ts';
import { common } from '../internal/i18n.ts';
import { tabFromKey } from '../internal/tabs.ts';
import { figures, scrollTable, tableRows } from '../internal/templates.ts';
import { baseStyles } from '../styles/base.styles.ts';
import { type DeveloperImpact, parseDeveloperImpact } from './developer-ecosystem-tab.api.ts';
import type { GeneratorState } from './developer-ecosystem-tab.generator.ts';
import { messages } from './developer-ecosystem-tab.messages.ts';
import { styles } from './developer-ecosystem-tab.styles.ts';

const TABS = ['apps', 'earnings', 'embed'] as const;

type Generator = typeof import('./developer-ecosystem-tab.generator.ts');
/**
 * The embed-code generator, loaded the first time an element shows it (the embed tab, or the
 * empty state): most visits never open that tab, so its code stays off the page until then.
 */
let generator: Generator | undefined;
let generatorLoad: Promise<Generator> | undefined;
const loadGenerator = () =>
  (generatorLoad ??= import('./developer-ecosystem-tab.generator.ts').then(
    (module) => (generator = module),
    (error: unknown) => {
      generatorLoad = undefined; // the retry button asks again
      throw error;
    },
  ));
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
    generatorFailed: { state: true },
  };

  /** Where generated embed code loads widget scripts from; defaults to the absolute API base. */
  declare widgetsBase: string | null;
  /** The open section. */
  declare tab: EcosystemTab;
  /** The embed-code generator's choices and last copy result. */
  declare private generatorState: GeneratorState;
  /** Whether loading the embed-code generator failed (shown as the error state, with retry). */
  declare private generatorFailed: boolean;
  /** This render's messages and locale. */
  declare private t: typeof messages.en;
  declare private l: string;

  constructor() {
    super();
    this.widgetsBase = null;
    this.tab = 'apps';
    this.generatorState = { widget: 'ecosystem-impact-card' };
    this.generatorFailed = false;
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
      ${scrollTable(
        'apps',
        t.appsTitle,
        [t.app, t.company, t.records, t.attributed],
        impact.apps.map((app) => [
          app.url && /^https?:\/\//i.test(app.url)
            ? html`<a href=${app.url} target="_blank" rel="noopener noreferrer">${app.name}<span class="visually-hidden"> ${t.newTab}</span></a>`
            : app.name,
          app.company ?? '—',
          formatCount(this.l, app.records_served),
          formatCount(this.l, app.businesses_attributed),
        ]),
        { numbers: 2, none: t.noApps },
      )}
      ${scrollTable(
        'usage',
        t.usageTitle,
        [t.product, t.calls],
        // a product's name is its code capitalised (CMAL is an acronym): no table of names in the bundle
        usage.by_product.map((p) => [p.product === 'cmal' ? 'CMAL' : p.product.replace(/^./, (c) => c.toUpperCase()), formatCount(this.l, p.calls)]),
        { none: t.none },
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
      [t.commissions, formatMoney(this.l, impact.commissions.total)],
      tp && [t.appEarnings, formatMoney(this.l, tp.total_app_earnings)],
      [t.combined, formatMoney(this.l, impact.combined_earnings)],
    ]);
    if (!first || !last) return html`${panel}<h3>${t.byMonth}</h3><p class="muted">${t.none}</p>`;
    // Amounts are only turned into numbers to size the bars; every shown amount is formatted from the string.
    const max = Math.max(0.01, ...months.map((m) => Number(m.amount) || 0));
    const step = 240 / months.length;
    const description = t.byMonthDesc(
      formatMoney(this.l, first.amount),
      formatMonth(this.l, first.month),
      formatMoney(this.l, last.amount),
      formatMonth(this.l, last.month),
    );
    return html`${panel}
      <div class="chart" part="chart">
        <h3 id="chart-title">${t.byMonth}</h3>
        <svg viewBox="0 0 240 74" role="img" aria-labelledby="chart-title chart-desc">
          <desc id="chart-desc">${description}</desc>
          ${months.map((m, i) => {
            const height = Math.max(1, ((Number(m.amount) || 0) / max) * 60);
            return svg`<rect x=${(i + 0.15) * step} y=${60 - height} width=${step * 0.7} height=${height}></rect>`;
          })}
          <text y="72">${formatMonth(this.l, first.month)}</text>
          <text x="240" y="72" text-anchor="end">${formatMonth(this.l, last.month)}</text>
        </svg>
        <p class="muted">${description}</p>
        <table class="visually-hidden">
          <caption>${t.byMonth}</caption>
          ${tableRows(
            [t.month, t.amount],
            months.map((m) => [formatMonth(this.l, m.month), formatMoney(this.l, m.amount)]),
            2,
          )}
        </table>
      </div>`;
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
            [t.appEarnings, formatMoney(this.l, tp.total_app_earnings)],
          ])}`
          : html`<p>${t.ctaText}</p>
          <button part="button" @click=${() => emit(this, 'technical-partner-cta')}>${t.cta}</button>`
      }
    </section>`;
  }

  /** The embed-code generator, once its code is loaded; the loading or error state until then. */
  private embed(impact: DeveloperImpact): TemplateResult {
    if (!generator) {
      const say = common[this.language];
      if (this.generatorFailed)
        return html`<div class="state error" part="state" role="alert">
          <p>${say.error}</p>
          <button type="button" part="button" @click=${() => this.loadGenerator()}>${say.retry}</button>
        </div>`;
      this.loadGenerator();
      return html`<div class="state loading" part="state" role="status" aria-live="polite">${say.loading}</div>`;
    }
    return generator.renderGenerator({
      host: this,
      impact,
      language: this.language,
      appLabel: this.t.app,
      apiBase: this.apiBase,
      widgetsBase: this.widgetsBase,
      state: this.generatorState,
      set: (change) => (this.generatorState = { ...this.generatorState, ...change }),
    });
  }

  private loadGenerator() {
    this.generatorFailed = false;
    loadGenerator().then(
      () => this.requestUpdate(),
      () => (this.generatorFailed = true),
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
