import { html, nothing, svg, type TemplateResult } from 'lit';
import { ApiFailure } from '../internal/api-client.ts';
import { ApiResource, type Status } from '../internal/api-resource.ts';
import { EcosystemElement } from '../internal/ecosystem-element.ts';
import { formatCompact, formatCount, formatDate, formatMoney, formatMonth, formatPercent } from '../internal/format.ts';
import { common, fill, type Messages } from '../internal/i18n.ts';
import { expectEach, expectShape } from '../internal/shape.ts';
import { baseStyles } from '../styles/base.styles.ts';
import { styles } from './admin-revenue-dashboard.styles.ts';

/** Revenue, payouts and net of one program. */
export interface ChannelFigures {
  revenue: string;
  payouts: string;
  net: string;
}

export interface RevenueMonth {
  month: string;
  business_payments: string;
  api_billing: string;
  platform_revenue: string;
  partner_payouts: string;
  app_payouts: string;
  payouts: string;
  net: string;
}

/** The answer of `GET /v1/admin/revenue`. */
export interface Revenue {
  totals: { platform_revenue: string; payouts: string; net: string; partner_program: ChannelFigures; developer_platform: ChannelFigures };
  months: RevenueMonth[];
}

/** The answer of `GET /v1/admin/cross-pollination`. */
export interface CrossPollination {
  directories: number;
  developers: number;
  developers_who_became_partners: number;
  partners_who_became_developers: number;
  technical_partners: { pending: number; active: number; suspended: number; linked_to_directory: number };
  rates: {
    partner_to_developer_percent: string;
    developer_to_partner_percent: string;
    developer_to_technical_partner_percent: string;
    technical_partner_approval_percent: string;
  };
  months: { month: string; developers_became_partners: number; partners_became_developers: number; technical_partner_applications: number }[];
}

export type HealthStatus = 'healthy' | 'watch' | 'at_risk';

export interface HealthIndicator {
  key: string;
  label: string;
  value: string;
  unit: 'percent' | 'count' | 'days';
  status: HealthStatus;
  definition: string;
  thresholds: { healthy: string; watch: string };
}

/** The answer of `GET /v1/admin/health`. */
export interface Health {
  generated_at: string;
  indicators: HealthIndicator[];
}

/** All three panels, given at once instead of fetched. */
export interface AdminDashboardData {
  revenue: Revenue;
  crossPollination: CrossPollination;
  health: Health;
}

export type Panel = 'revenue' | 'cross-pollination' | 'health';
const PANELS: readonly Panel[] = ['revenue', 'cross-pollination', 'health'];

export interface DashboardPanelChangeDetail {
  panel: Panel;
}

const CHANNEL = { revenue: 'string', payouts: 'string', net: 'string' } as const;

export function parseRevenue(json: unknown): Revenue {
  const revenue = expectShape<Revenue>(json, { totals: 'object', months: 'array' });
  expectShape(revenue.totals, { platform_revenue: 'string', payouts: 'string', net: 'string', partner_program: 'object', developer_platform: 'object' });
  expectShape(revenue.totals.partner_program, CHANNEL);
  expectShape(revenue.totals.developer_platform, CHANNEL);
  expectEach(revenue.months, { month: 'string', business_payments: 'string', api_billing: 'string', platform_revenue: 'string', payouts: 'string', net: 'string' });
  return revenue;
}

export function parseCrossPollination(json: unknown): CrossPollination {
  const cross = expectShape<CrossPollination>(json, {
    directories: 'number',
    developers: 'number',
    developers_who_became_partners: 'number',
    partners_who_became_developers: 'number',
    technical_partners: 'object',
    rates: 'object',
    months: 'array',
  });
  expectShape(cross.technical_partners, { pending: 'number', active: 'number', suspended: 'number', linked_to_directory: 'number' });
  expectShape(cross.rates, {
    partner_to_developer_percent: 'string',
    developer_to_partner_percent: 'string',
    developer_to_technical_partner_percent: 'string',
    technical_partner_approval_percent: 'string',
  });
  expectEach(cross.months, { month: 'string', developers_became_partners: 'number', partners_became_developers: 'number', technical_partner_applications: 'number' });
  return cross;
}

export function parseHealth(json: unknown): Health {
  const health = expectShape<Health>(json, { generated_at: 'string', indicators: 'array' });
  for (const indicator of expectEach<HealthIndicator>(health.indicators, { key: 'string', label: 'string', value: 'string', unit: 'string', status: 'string', definition: 'string', thresholds: 'object' })) {
    expectShape(indicator.thresholds, { healthy: 'string', watch: 'string' });
    if (!['healthy', 'watch', 'at_risk'].includes(indicator.status)) throw new ApiFailure('malformed', 'The API sent an unknown health status.');
  }
  return health;
}

const isZero = (amount: string) => Number(amount) === 0;

const en = {
  title: 'Ecosystem revenue and health',
  tabs: 'Dashboard panels',
  revenue: 'Revenue',
  'cross-pollination': 'Cross-pollination',
  health: 'Health',
  failed: '{count} of 3 panels could not load.',
  platformRevenue: 'Platform revenue',
  payouts: 'Payouts',
  net: 'Net',
  byProgram: 'By program',
  program: 'Program',
  partnerProgram: 'Partner program',
  partnerProgramNote: 'Business payments; directory commissions',
  developerPlatform: 'Developer platform',
  developerPlatformNote: 'API billing; Technical Partner revenue share',
  monthly: 'Monthly revenue',
  chartDesc: 'Stacked bars per month: business payments and API billing, in US dollars. The table below lists the same figures.',
  month: 'Month',
  businessPayments: 'Business payments',
  apiBilling: 'API billing',
  revenueEmpty: 'No revenue recorded yet.',
  directories: 'Directories',
  developers: 'Developers',
  devToPartner: 'Developers who became partners',
  partnerToDev: 'Partners who became developers',
  technicalPartners: 'Technical Partners',
  pending: 'Pending',
  active: 'Active',
  suspended: 'Suspended',
  linked: 'Linked to a directory',
  rates: 'Conversion rates',
  partner_to_developer_percent: 'Directories with a developer account',
  developer_to_partner_percent: 'Developers who became directory partners',
  developer_to_technical_partner_percent: 'Developers who applied as Technical Partners',
  technical_partner_approval_percent: 'Technical Partner applications approved',
  tpApplications: 'Technical Partner applications',
  byMonth: 'By month',
  crossEmpty: 'No directories or developers yet.',
  updated: 'Updated {date}',
  healthy: 'Healthy',
  watch: 'Watch',
  at_risk: 'At risk',
  measured: 'How it is measured',
  thresholds: 'Healthy: {healthy}. Watch: {watch}. Otherwise at risk.',
  days: '{value} days',
  healthEmpty: 'No health indicators yet.',
};

const messages: Messages<keyof typeof en> = {
  en,
  fr: {
    title: 'Revenus et santé de l’écosystème',
    tabs: 'Panneaux du tableau de bord',
    revenue: 'Revenus',
    'cross-pollination': 'Pollinisation croisée',
    health: 'Santé',
    failed: '{count} panneaux sur 3 n’ont pas pu être chargés.',
    platformRevenue: 'Revenus de la plateforme',
    payouts: 'Reversements',
    net: 'Net',
    byProgram: 'Par programme',
    program: 'Programme',
    partnerProgram: 'Programme partenaires',
    partnerProgramNote: 'Paiements des entreprises ; commissions des annuaires',
    developerPlatform: 'Plateforme développeurs',
    developerPlatformNote: 'Facturation API ; part des revenus des Partenaires techniques',
    monthly: 'Revenus mensuels',
    chartDesc: 'Barres empilées par mois : paiements des entreprises et facturation API, en dollars US. Le tableau ci-dessous donne les mêmes chiffres.',
    month: 'Mois',
    businessPayments: 'Paiements des entreprises',
    apiBilling: 'Facturation API',
    revenueEmpty: 'Aucun revenu enregistré pour l’instant.',
    directories: 'Annuaires',
    developers: 'Développeurs',
    devToPartner: 'Développeurs devenus partenaires',
    partnerToDev: 'Partenaires devenus développeurs',
    technicalPartners: 'Partenaires techniques',
    pending: 'En attente',
    active: 'Actifs',
    suspended: 'Suspendus',
    linked: 'Liés à un annuaire',
    rates: 'Taux de conversion',
    partner_to_developer_percent: 'Annuaires ayant un compte développeur',
    developer_to_partner_percent: 'Développeurs devenus partenaires annuaires',
    developer_to_technical_partner_percent: 'Développeurs candidats Partenaires techniques',
    technical_partner_approval_percent: 'Candidatures Partenaire technique approuvées',
    tpApplications: 'Candidatures Partenaire technique',
    byMonth: 'Par mois',
    crossEmpty: 'Aucun annuaire ni développeur pour l’instant.',
    updated: 'Mis à jour le {date}',
    healthy: 'Sain',
    watch: 'À surveiller',
    at_risk: 'À risque',
    measured: 'Mode de calcul',
    thresholds: 'Sain : {healthy}. À surveiller : {watch}. Sinon à risque.',
    days: '{value} jours',
    healthEmpty: 'Aucun indicateur de santé pour l’instant.',
  },
};

const RATES = ['partner_to_developer_percent', 'developer_to_partner_percent', 'developer_to_technical_partner_percent', 'technical_partner_approval_percent'] as const;

/**
 * The admin's view of both programs: combined revenue (business payments and API billing, with
 * the payouts of each program), cross-pollination between directories and developers, and the
 * ecosystem's health indicators, in three keyboard-navigable tabs.
 *
 * @summary Combined revenue, cross-pollination and ecosystem health for admins.
 * @tag admin-revenue-dashboard
 *
 * @attr {string} api-base - Base URL of the Ecosystem API; empty for the page's own origin.
 * @attr {string} panel - The tab shown first: `revenue` (default), `cross-pollination` or `health`.
 * @attr {number} months - How many months of revenue to show (1–60, default 12).
 * @attr {string} locale - BCP 47 locale for text, numbers and money (English and French built in).
 * @attr {number} timeout - Milliseconds to wait for the API before showing the error state (default 4000).
 * @attr {string} state - Reflected: `idle` (no token), `loading`, `empty`, `data` or `error`, summarising the three panels.
 *
 * @fires dashboard-panel-change - When the user switches tabs; detail `{ panel }`.
 *
 * @csspart base - The card.
 * @csspart header - The title row.
 * @csspart tabs - The tab list.
 * @csspart tab - Each tab.
 * @csspart panel - Each tab panel.
 * @csspart value - Each headline figure and indicator value.
 * @csspart chart - The monthly revenue chart.
 * @csspart indicator - Each health indicator.
 * @csspart state - The loading, empty, error or signed-out message.
 * @csspart button - The retry buttons.
 *
 * @cssproperty --ew-color-accent - Accent color: selected tab, buttons, business payments in the chart.
 * @cssproperty --ew-color-series-2 - Color of API billing in the chart (default: the positive color).
 * @cssproperty --ew-color-text - Text color.
 * @cssproperty --ew-color-muted - Secondary text color.
 * @cssproperty --ew-color-surface - Card background.
 * @cssproperty --ew-color-subtle - Background of figure tiles and indicators.
 * @cssproperty --ew-color-border - Border and gridline color.
 * @cssproperty --ew-color-positive - Healthy status.
 * @cssproperty --ew-color-warning - Watch status.
 * @cssproperty --ew-color-danger - At-risk status and errors.
 * @cssproperty --ew-radius - Corner radius.
 * @cssproperty --ew-space - Base spacing.
 * @cssproperty --ew-font-family - Font family.
 */
export class AdminRevenueDashboard extends EcosystemElement {
  static override styles = [baseStyles, styles];
  static override properties = {
    ...EcosystemElement.properties,
    panel: {},
    months: { type: Number },
    data: { attribute: false },
  };

  /** The selected tab. */
  declare panel: Panel;
  /** Months of revenue history. */
  declare months: number;
  /** All three panels given directly instead of fetched (server-rendered hosts, Storybook). */
  declare data: AdminDashboardData | undefined;

  constructor() {
    super();
    this.panel = 'revenue';
    this.months = 12;
  }

  private readonly revenue = new ApiResource<Revenue>(this, {
    path: () => `/v1/admin/revenue?months=${Math.min(60, Math.max(1, Math.round(this.months) || 12))}`,
    parse: parseRevenue,
    given: () => this.data?.revenue,
    isEmpty: (revenue) => isZero(revenue.totals.platform_revenue) && isZero(revenue.totals.payouts),
    authenticated: true,
  });

  private readonly crossPollination = new ApiResource<CrossPollination>(this, {
    path: () => '/v1/admin/cross-pollination',
    parse: parseCrossPollination,
    given: () => this.data?.crossPollination,
    isEmpty: (cross) => cross.directories === 0 && cross.developers === 0,
    authenticated: true,
  });

  private readonly health = new ApiResource<Health>(this, {
    path: () => '/v1/admin/health',
    parse: parseHealth,
    given: () => this.data?.health,
    isEmpty: (health) => health.indicators.length === 0,
    authenticated: true,
  });

  private get resources() {
    return [this.revenue, this.crossPollination, this.health];
  }

  /** One state for the three panels: any failure wins, then any load, then emptiness only if all are empty. */
  protected mainResource(): { readonly status: Status } {
    const statuses = this.resources.map((resource) => resource.status);
    const any = (status: Status) => statuses.includes(status);
    const all = (status: Status) => statuses.every((s) => s === status);
    return { status: any('error') ? 'error' : any('loading') ? 'loading' : all('idle') ? 'idle' : all('empty') ? 'empty' : any('idle') ? 'loading' : 'data' };
  }

  private get selected(): Panel {
    return PANELS.includes(this.panel) ? this.panel : 'revenue';
  }

  override render() {
    const t = messages[this.language];
    const say = common[this.language];
    const failed = this.resources.filter((resource) => resource.status === 'error');
    const status = this.mainResource().status;
    return html`<section class="frame" part="base" aria-labelledby="title">
      <header part="header"><h2 id="title">${t.title}</h2></header>
      ${status === 'idle'
        ? html`<p class="state idle" part="state">${this.signInMessage}</p>`
        : html`${failed.length
              ? html`<div class="state error summary" part="state" role="alert">
                  <p>${fill(t.failed, { count: formatCount(this.lang_, failed.length) })}</p>
                  <button type="button" part="button" @click=${() => failed.forEach((resource) => resource.retry())}>${say.retry}</button>
                </div>`
              : nothing}
            <div class="tabs" role="tablist" aria-label=${t.tabs} part="tabs" @keydown=${this.onTabKey}>
              ${PANELS.map((panel) => {
                const selected = panel === this.selected;
                return html`<button
                  type="button"
                  role="tab"
                  class="tab"
                  part="tab"
                  id="tab-${panel}"
                  aria-selected=${selected ? 'true' : 'false'}
                  aria-controls="panel-${panel}"
                  tabindex=${selected ? 0 : -1}
                  @click=${() => this.select(panel)}
                >
                  ${t[panel]}
                </button>`;
              })}
            </div>
            ${this.renderPanel('revenue', () => this.renderStates(this.revenue, (revenue) => this.renderRevenue(revenue), { empty: t.revenueEmpty }))}
            ${this.renderPanel('cross-pollination', () => this.renderStates(this.crossPollination, (cross) => this.renderCross(cross), { empty: t.crossEmpty }))}
            ${this.renderPanel('health', () => this.renderStates(this.health, (health) => this.renderHealth(health), { empty: t.healthEmpty }))}`}
    </section>`;
  }

  private renderPanel(panel: Panel, content: () => TemplateResult): TemplateResult {
    const selected = panel === this.selected;
    // Hidden panels are not rendered: their tables and charts cost layout for nothing.
    return html`<div class="panel" part="panel" role="tabpanel" id="panel-${panel}" aria-labelledby="tab-${panel}" tabindex="0" ?hidden=${!selected}>
      ${selected ? content() : nothing}
    </div>`;
  }

  private async select(panel: Panel, focus = false): Promise<void> {
    if (panel !== this.selected) {
      this.panel = panel;
      this.dispatchEvent(new CustomEvent<DashboardPanelChangeDetail>('dashboard-panel-change', { detail: { panel }, bubbles: true, composed: true }));
    }
    if (focus) {
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>(`#tab-${panel}`)?.focus();
    }
  }

  private onTabKey(event: KeyboardEvent): void {
    const index = PANELS.indexOf(this.selected);
    const last = PANELS.length - 1;
    const next = { ArrowRight: index === last ? 0 : index + 1, ArrowLeft: index === 0 ? last : index - 1, Home: 0, End: last }[event.key];
    if (next === undefined) return;
    event.preventDefault();
    void this.select(PANELS[next]!, true);
  }

  private renderRevenue(revenue: Revenue): TemplateResult {
    const t = messages[this.language];
    const locale = this.lang_;
    const money = (amount: string) => formatMoney(locale, amount);
    const totals = revenue.totals;
    const channel = (name: string, note: string, figures: ChannelFigures) => html`<tr>
      <th scope="row">${name}<br /><span class="muted note">${note}</span></th>
      <td class="number">${money(figures.revenue)}</td>
      <td class="number">${money(figures.payouts)}</td>
      <td class="number">${money(figures.net)}</td>
    </tr>`;
    return html`<dl class="figures">
        <div class="figure"><dt>${t.platformRevenue}</dt><dd part="value">${money(totals.platform_revenue)}</dd></div>
        <div class="figure"><dt>${t.payouts}</dt><dd part="value">${money(totals.payouts)}</dd></div>
        <div class="figure"><dt>${t.net}</dt><dd part="value">${money(totals.net)}</dd></div>
      </dl>
      <h3 id="program-title">${t.byProgram}</h3>
      <div class="table-scroll" role="region" tabindex="0" aria-labelledby="program-title">
        <table class="channels" aria-labelledby="program-title">
          <thead>
            <tr>
              <th scope="col">${t.program}</th>
              <th scope="col" class="number">${t.platformRevenue}</th>
              <th scope="col" class="number">${t.payouts}</th>
              <th scope="col" class="number">${t.net}</th>
            </tr>
          </thead>
          <tbody>
            ${channel(t.partnerProgram, t.partnerProgramNote, totals.partner_program)}
            ${channel(t.developerPlatform, t.developerPlatformNote, totals.developer_platform)}
          </tbody>
        </table>
      </div>
      <h3 id="monthly-title">${t.monthly}</h3>
      ${this.renderChart(revenue)}
      <div class="table-scroll" role="region" tabindex="0" aria-labelledby="monthly-title">
        <table class="months" aria-labelledby="monthly-title">
          <thead>
            <tr>
              <th scope="col">${t.month}</th>
              <th scope="col" class="number">${t.businessPayments}</th>
              <th scope="col" class="number">${t.apiBilling}</th>
              <th scope="col" class="number">${t.platformRevenue}</th>
              <th scope="col" class="number">${t.payouts}</th>
              <th scope="col" class="number">${t.net}</th>
            </tr>
          </thead>
          <tbody>
            ${revenue.months.map(
              (month) => html`<tr>
                <th scope="row">${formatMonth(locale, month.month)}</th>
                <td class="number">${money(month.business_payments)}</td>
                <td class="number">${money(month.api_billing)}</td>
                <td class="number">${money(month.platform_revenue)}</td>
                <td class="number">${money(month.payouts)}</td>
                <td class="number">${money(month.net)}</td>
              </tr>`,
            )}
          </tbody>
        </table>
      </div>`;
  }

  /** Business payments and API billing stacked per month; the table after it carries the figures. */
  private renderChart(revenue: Revenue): TemplateResult {
    const t = messages[this.language];
    const locale = this.lang_;
    const months = revenue.months;
    const width = 600;
    const height = 220;
    const top = 18;
    const bottom = 24;
    const plot = height - top - bottom;
    const max = Math.max(1, ...months.map((m) => Number(m.business_payments) + Number(m.api_billing)));
    const step = width / Math.max(1, months.length);
    const bar = Math.max(2, step * 0.62);
    const scale = (amount: string) => (Math.max(0, Number(amount)) / max) * plot;
    const labelEvery = Math.ceil(months.length / 12);
    return html`<figure class="chart" part="chart">
      <svg viewBox="0 0 ${width} ${height}" role="img" aria-labelledby="chart-title chart-desc">
        <title id="chart-title">${t.monthly}</title>
        <desc id="chart-desc">${t.chartDesc}</desc>
        <line class="grid" x1="0" x2=${width} y1=${top} y2=${top}></line>
        <text class="axis" x="2" y=${top - 5}>${formatCompact(locale, max)}</text>
        <line class="grid" x1="0" x2=${width} y1=${top + plot} y2=${top + plot}></line>
        ${months.map((month, i) => {
          const x = i * step + (step - bar) / 2;
          const business = scale(month.business_payments);
          const api = scale(month.api_billing);
          return svg`<rect class="series-a" x=${x.toFixed(1)} y=${(top + plot - business).toFixed(1)} width=${bar.toFixed(1)} height=${business.toFixed(1)}></rect>
            <rect class="series-b" x=${x.toFixed(1)} y=${(top + plot - business - api).toFixed(1)} width=${bar.toFixed(1)} height=${api.toFixed(1)}></rect>
            ${i % labelEvery === 0
              ? svg`<text class="axis" text-anchor="middle" x=${(x + bar / 2).toFixed(1)} y=${height - 6}>${formatDate(locale, `${month.month.slice(0, 7)}-01T00:00:00Z`, { month: 'short', timeZone: 'UTC' })}</text>`
              : nothing}`;
        })}
      </svg>
      <figcaption class="legend">
        <span><span class="swatch series-a" aria-hidden="true"></span>${t.businessPayments}</span>
        <span><span class="swatch series-b" aria-hidden="true"></span>${t.apiBilling}</span>
      </figcaption>
    </figure>`;
  }

  private renderCross(cross: CrossPollination): TemplateResult {
    const t = messages[this.language];
    const locale = this.lang_;
    const count = (value: number) => formatCount(locale, value);
    const figure = (label: string, value: string) => html`<div class="figure"><dt>${label}</dt><dd part="value">${value}</dd></div>`;
    const tp = cross.technical_partners;
    return html`<dl class="figures">
        ${figure(t.directories, count(cross.directories))} ${figure(t.developers, count(cross.developers))}
        ${figure(t.devToPartner, count(cross.developers_who_became_partners))} ${figure(t.partnerToDev, count(cross.partners_who_became_developers))}
      </dl>
      <h3>${t.technicalPartners}</h3>
      <dl class="figures small">
        ${figure(t.pending, count(tp.pending))} ${figure(t.active, count(tp.active))} ${figure(t.suspended, count(tp.suspended))}
        ${figure(t.linked, count(tp.linked_to_directory))}
      </dl>
      <h3>${t.rates}</h3>
      <dl class="figures small rates">${RATES.map((rate) => figure(t[rate], formatPercent(locale, cross.rates[rate])))}</dl>
      <h3 id="cross-months">${t.byMonth}</h3>
      <div class="table-scroll" role="region" tabindex="0" aria-labelledby="cross-months">
        <table aria-labelledby="cross-months">
          <thead>
            <tr>
              <th scope="col">${t.month}</th>
              <th scope="col" class="number">${t.devToPartner}</th>
              <th scope="col" class="number">${t.partnerToDev}</th>
              <th scope="col" class="number">${t.tpApplications}</th>
            </tr>
          </thead>
          <tbody>
            ${cross.months.map(
              (month) => html`<tr>
                <th scope="row">${formatMonth(locale, month.month)}</th>
                <td class="number">${count(month.developers_became_partners)}</td>
                <td class="number">${count(month.partners_became_developers)}</td>
                <td class="number">${count(month.technical_partner_applications)}</td>
              </tr>`,
            )}
          </tbody>
        </table>
      </div>`;
  }

  private renderHealth(health: Health): TemplateResult {
    const t = messages[this.language];
    const locale = this.lang_;
    const value = (indicator: HealthIndicator) =>
      indicator.unit === 'percent'
        ? formatPercent(locale, indicator.value)
        : indicator.unit === 'days'
          ? fill(t.days, { value: formatCount(locale, Number(indicator.value)) })
          : formatCount(locale, Number(indicator.value));
    return html`<p class="muted">${fill(t.updated, { date: formatDate(locale, health.generated_at, { dateStyle: 'medium', timeStyle: 'short' }) })}</p>
      <ul class="indicators">
        ${health.indicators.map(
          (indicator) => html`<li class="indicator" part="indicator">
            <h3>${indicator.label}</h3>
            <p class="indicator-value"><span part="value">${value(indicator)}</span> <span class="badge ${indicator.status}">${t[indicator.status]}</span></p>
            <details>
              <summary>${t.measured}</summary>
              <p>${indicator.definition}</p>
              <p class="muted">${fill(t.thresholds, indicator.thresholds)}</p>
            </details>
          </li>`,
        )}
      </ul>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'admin-revenue-dashboard': AdminRevenueDashboard;
  }
  interface HTMLElementEventMap {
    'dashboard-panel-change': CustomEvent<DashboardPanelChangeDetail>;
  }
}
