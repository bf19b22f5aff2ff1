import { html, nothing, svg } from 'lit';
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

// Only the fields this element reads are checked (each name costs bundle bytes).
const CHANNEL = { revenue: 'string', payouts: 'string', net: 'string' } as const;
const RATES = ['partner_to_developer_percent', 'developer_to_partner_percent', 'developer_to_technical_partner_percent', 'technical_partner_approval_percent'] as const;
/** The money columns of the monthly table, in order. */
const MONTH_COLUMNS = ['business_payments', 'api_billing', 'platform_revenue', 'payouts', 'net'] as const;

export function parseRevenue(json: unknown): Revenue {
  const revenue = expectShape<Revenue>(json, { totals: 'object', months: 'array' });
  const totals = expectShape<Revenue['totals']>(revenue.totals, { platform_revenue: 'string', payouts: 'string', net: 'string', partner_program: 'object', developer_platform: 'object' });
  expectShape(totals.partner_program, CHANNEL);
  expectShape(totals.developer_platform, CHANNEL);
  expectEach(revenue.months, { month: 'string', ...Object.fromEntries(MONTH_COLUMNS.map((column) => [column, 'string' as const])) });
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
  expectShape(cross.rates, Object.fromEntries(RATES.map((rate) => [rate, 'string' as const])));
  expectEach(cross.months, { month: 'string', developers_became_partners: 'number', partners_became_developers: 'number', technical_partner_applications: 'number' });
  return cross;
}

export function parseHealth(json: unknown): Health {
  const health = expectShape<Health>(json, { generated_at: 'string', indicators: 'array' });
  for (const indicator of expectEach<HealthIndicator>(health.indicators, { label: 'string', value: 'string', unit: 'string', status: 'string', definition: 'string', thresholds: 'object' })) {
    expectShape(indicator.thresholds, { healthy: 'string', watch: 'string' });
    if (!['healthy', 'watch', 'at_risk'].includes(indicator.status)) throw new ApiFailure('malformed', 'status');
  }
  return health;
}

const isZero = (amount: string) => Number(amount) === 0;

/** A row of headline figures. */
const figures = (pairs: (string | number)[][], small?: boolean) =>
  html`<dl class="figures ${small ? 'small' : ''}">
    ${pairs.map(([label, value]) => html`<div class="figure"><dt>${label}</dt><dd part="value">${value}</dd></div>`)}
  </dl>`;

const en = {
  title: 'Ecosystem revenue and health',
  tabs: 'Panels',
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
  partnerProgramNote: 'Business payments, directory commissions',
  developerPlatform: 'Developer platform',
  developerPlatformNote: 'API billing, revenue share',
  monthly: 'Monthly revenue',
  chartDesc: 'Stacked per month, in US dollars; figures in the table below.',
  month: 'Month',
  businessPayments: 'Business payments',
  apiBilling: 'API billing',
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
  updated: 'Updated {date}',
  healthy: 'Healthy',
  watch: 'Watch',
  at_risk: 'At risk',
  measured: 'How it is measured',
  thresholds: 'Healthy: {healthy}. Watch: {watch}.',
  days: '{value} days',
};

const messages: Messages<keyof typeof en> = {
  en,
  fr: {
    title: 'Revenus et santé de l’écosystème',
    tabs: 'Panneaux',
    revenue: 'Revenus',
    'cross-pollination': 'Pollinisation croisée',
    health: 'Santé',
    failed: 'Panneaux non chargés : {count} sur 3.',
    platformRevenue: 'Revenus de la plateforme',
    payouts: 'Reversements',
    net: 'Net',
    byProgram: 'Par programme',
    program: 'Programme',
    partnerProgram: 'Programme partenaires',
    partnerProgramNote: 'Paiements des entreprises, commissions des annuaires',
    developerPlatform: 'Plateforme développeurs',
    developerPlatformNote: 'Facturation API, part des revenus',
    monthly: 'Revenus mensuels',
    chartDesc: 'Empilés par mois, en dollars US ; chiffres dans le tableau ci-dessous.',
    month: 'Mois',
    businessPayments: 'Paiements des entreprises',
    apiBilling: 'Facturation API',
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
    updated: 'Mis à jour le {date}',
    healthy: 'Sain',
    watch: 'À surveiller',
    at_risk: 'À risque',
    measured: 'Mode de calcul',
    thresholds: 'Sain : {healthy}. À surveiller : {watch}.',
    days: '{value} jours',
  },
};

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
    isEmpty: ({ totals }) => isZero(totals.platform_revenue) && isZero(totals.payouts),
    authenticated: true,
  });

  private readonly crossPollination = new ApiResource<CrossPollination>(this, {
    path: () => '/v1/admin/cross-pollination',
    parse: parseCrossPollination,
    given: () => this.data?.crossPollination,
    isEmpty: (cross) => !cross.directories && !cross.developers,
    authenticated: true,
  });

  private readonly health = new ApiResource<Health>(this, {
    path: () => '/v1/admin/health',
    parse: parseHealth,
    given: () => this.data?.health,
    isEmpty: (health) => !health.indicators.length,
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
    const failed = this.resources.filter((resource) => resource.status === 'error');
    const panels = [
      () => this.renderStates(this.revenue, (revenue) => this.renderRevenue(revenue)),
      () => this.renderStates(this.crossPollination, (cross) => this.renderCross(cross)),
      () => this.renderStates(this.health, (health) => this.renderHealth(health)),
    ];
    return html`<section class="frame" part="base" aria-labelledby="title">
      <header part="header"><h2 id="title">${t.title}</h2></header>
      ${this.state === 'idle'
        ? html`<p class="state idle" part="state">${this.signInMessage}</p>`
        : html`${failed.length
              ? html`<div class="state error summary" part="state" role="alert">
                  <p>${fill(t.failed, { count: formatCount(this.lang_, failed.length) })}</p>
                  <button type="button" part="button" @click=${() => failed.forEach((resource) => resource.retry())}>${common[this.language].retry}</button>
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
                  aria-selected=${selected}
                  aria-controls="panel-${panel}"
                  tabindex=${selected ? 0 : -1}
                  @click=${() => this.select(panel)}
                >
                  ${t[panel]}
                </button>`;
              })}
            </div>
            ${PANELS.map((panel, i) => {
              const selected = panel === this.selected;
              // Hidden panels are not rendered: their tables and charts cost layout for nothing.
              return html`<div class="panel" part="panel" role="tabpanel" id="panel-${panel}" aria-labelledby="tab-${panel}" tabindex="0" ?hidden=${!selected}>
                ${selected ? panels[i]!() : nothing}
              </div>`;
            })}`}
    </section>`;
  }

  private async select(panel: Panel, focus?: boolean): Promise<void> {
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
    const next = { ArrowRight: index + 1, ArrowLeft: index + 2, Home: 0, End: 2 }[event.key];
    if (next === undefined) return;
    event.preventDefault();
    void this.select(PANELS[next % 3]!, true);
  }

  /** A titled, scrolling table: column headers, then per row a header and its figures. */
  private table(id: string, title: string, heads: string[], rows: unknown[][], before?: unknown) {
    return html`<h3 id="${id}-title">${title}</h3>
      ${before}
      <div class="table-scroll" role="region" tabindex="0" aria-labelledby="${id}-title">
        <table class=${id} aria-labelledby="${id}-title">
          <thead>
            <tr>
              ${heads.map((head, i) => html`<th scope="col" class=${i ? 'number' : nothing}>${head}</th>`)}
            </tr>
          </thead>
          <tbody>
            ${rows.map(([head, ...cells]) => html`<tr><th scope="row">${head}</th>${cells.map((cell) => html`<td class="number">${cell}</td>`)}</tr>`)}
          </tbody>
        </table>
      </div>`;
  }

  private renderRevenue({ totals, months }: Revenue) {
    const t = messages[this.language];
    const locale = this.lang_;
    const money = (amount: string) => formatMoney(locale, amount);
    const channel = (name: string, note: string, { revenue, payouts, net }: ChannelFigures) => [
      html`${name}<br /><span class="muted note">${note}</span>`,
      ...[revenue, payouts, net].map(money),
    ];
    return html`${figures([
        [t.platformRevenue, money(totals.platform_revenue)],
        [t.payouts, money(totals.payouts)],
        [t.net, money(totals.net)],
      ])}
      ${this.table(
        'channels',
        t.byProgram,
        [t.program, t.platformRevenue, t.payouts, t.net],
        [channel(t.partnerProgram, t.partnerProgramNote, totals.partner_program), channel(t.developerPlatform, t.developerPlatformNote, totals.developer_platform)],
      )}
      ${this.table(
        'months',
        t.monthly,
        [t.month, t.businessPayments, t.apiBilling, t.platformRevenue, t.payouts, t.net],
        months.map((month) => [formatMonth(locale, month.month), ...MONTH_COLUMNS.map((column) => money(month[column]))]),
        this.renderChart(months),
      )}`;
  }

  /** Business payments and API billing stacked per month; the table after it carries the figures. */
  private renderChart(months: RevenueMonth[]) {
    const t = messages[this.language];
    const locale = this.lang_;
    // A 600 × 220 view: the plot runs from y = 18 to y = 196, month labels below it.
    const max = Math.max(1, ...months.map((m) => Number(m.business_payments) + Number(m.api_billing)));
    const step = 600 / Math.max(1, months.length);
    const width = Math.max(2, step * 0.62);
    const scale = (amount: string) => (Math.max(0, Number(amount)) / max) * 178;
    const labelEvery = Math.ceil(months.length / 12);
    return html`<figure class="chart" part="chart">
      <svg viewBox="0 0 600 220" role="img" aria-labelledby="chart-title chart-desc">
        <title id="chart-title">${t.monthly}</title>
        <desc id="chart-desc">${t.chartDesc}</desc>
        <path class="grid" d="M0 18H600M0 196H600"></path>
        <text x="2" y="13">${formatCompact(locale, max)}</text>
        ${months.map((month, i) => {
          const x = i * step + step * 0.19;
          const business = scale(month.business_payments);
          const api = scale(month.api_billing);
          return svg`<rect class="series-a" x=${x} y=${196 - business} width=${width} height=${business}></rect>
            <rect class="series-b" x=${x} y=${196 - business - api} width=${width} height=${api}></rect>
            ${i % labelEvery
              ? nothing
              : svg`<text text-anchor="middle" x=${x + step * 0.31} y="214">${formatDate(locale, `${month.month.slice(0, 7)}-01T00:00:00Z`, { month: 'short', timeZone: 'UTC' })}</text>`}`;
        })}
      </svg>
      <figcaption class="legend">
        <span><span class="swatch series-a" aria-hidden="true"></span>${t.businessPayments}</span>
        <span><span class="swatch series-b" aria-hidden="true"></span>${t.apiBilling}</span>
      </figcaption>
    </figure>`;
  }

  private renderCross(cross: CrossPollination) {
    const t = messages[this.language];
    const locale = this.lang_;
    const count = (value: number) => formatCount(locale, value);
    const tp = cross.technical_partners;
    return html`${figures([
        [t.directories, count(cross.directories)],
        [t.developers, count(cross.developers)],
        [t.devToPartner, count(cross.developers_who_became_partners)],
        [t.partnerToDev, count(cross.partners_who_became_developers)],
      ])}
      <h3>${t.technicalPartners}</h3>
      ${figures(
        [
          [t.pending, count(tp.pending)],
          [t.active, count(tp.active)],
          [t.suspended, count(tp.suspended)],
          [t.linked, count(tp.linked_to_directory)],
        ],
        true,
      )}
      <h3>${t.rates}</h3>
      ${figures(
        RATES.map((rate) => [t[rate], formatPercent(locale, cross.rates[rate])]),
        true,
      )}
      ${this.table(
        'cross-months',
        t.byMonth,
        [t.month, t.devToPartner, t.partnerToDev, t.tpApplications],
        cross.months.map((month) => [
          formatMonth(locale, month.month),
          ...[month.developers_became_partners, month.partners_became_developers, month.technical_partner_applications].map(count),
        ]),
      )}`;
  }

  private renderHealth(health: Health) {
    const t = messages[this.language];
    const locale = this.lang_;
    return html`<p class="muted">${fill(t.updated, { date: formatDate(locale, health.generated_at, { dateStyle: 'medium', timeStyle: 'short' }) })}</p>
      <ul class="indicators">
        ${health.indicators.map(({ label, value, unit, status, definition, thresholds }) => {
          const number = unit === 'percent' ? formatPercent(locale, value) : formatCount(locale, Number(value));
          return html`<li class="figure indicator" part="indicator">
            <h3>${label}</h3>
            <p><span part="value">${unit === 'days' ? fill(t.days, { value: number }) : number}</span> <span class="badge ${status}">${t[status]}</span></p>
            <details>
              <summary>${t.measured}</summary>
              <p>${definition}</p>
              <p class="muted">${fill(t.thresholds, thresholds)}</p>
            </details>
          </li>`;
        })}
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
