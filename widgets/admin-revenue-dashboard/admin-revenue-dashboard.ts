import { html, nothing } from 'lit';
import { ApiResource, type Status } from '../internal/api-resource.ts';
import { AuthenticatedElement } from '../internal/authenticated-element.ts';
import { emit } from '../internal/emit.ts';
import { formatCount, formatMoney, formatMonth } from '../internal/format.ts';
import { common } from '../internal/i18n.ts';
import { OnDemand } from '../internal/on-demand.ts';
import { tabFromKey } from '../internal/tabs.ts';
import { figures, scrollTable, tableRows } from '../internal/templates.ts';
import { baseStyles } from '../styles/base.styles.ts';
import {
  type AdminDashboardData,
  type ChannelFigures,
  type CrossPollination,
  type Health,
  isEmptyRevenue,
  MONTH_COLUMNS,
  parseCrossPollination,
  parseHealth,
  parseRevenue,
  type Revenue,
} from './admin-revenue-dashboard.api.ts';
import { messages } from './admin-revenue-dashboard.messages.ts';
import { styles } from './admin-revenue-dashboard.styles.ts';

export type Panel = 'revenue' | 'cross-pollination' | 'health' | 'fraud';

/**
 * The cross-pollination and health panels, loaded the first time an element opens one: the
 * revenue panel shows first, and many visits never leave it.
 */
const closedPanels = new OnDemand(() => import('./admin-revenue-dashboard.panels.ts'));
/** The monthly chart, drawn when asked for: the page has no room for it in its first render (docs/DECISIONS.md, "Charts"). */
const charts = new OnDemand(() => import('../internal/chart.ts'));
const PANELS: readonly Panel[] = ['revenue', 'cross-pollination', 'health', 'fraud'];

/**
 * The admin's view of both programs: combined revenue (business payments and API billing, with
 * the payouts of each program), cross-pollination between directories and developers, and the
 * ecosystem's health indicators, in keyboard-navigable tabs; a fourth tab is the fraud review
 * queue (signals with their evidence; release, void or suspend, each confirmed first, which needs
 * the session's `fraud_signals:review` scope). `fetchSession` gets an admin embed session (on our
 * own host pages). Given as the `data` property, the three report panels are shown as given (the
 * review queue is always fetched).
 *
 * @summary Combined revenue, cross-pollination and ecosystem health for admins.
 * @tag admin-revenue-dashboard
 *
 * @attr {string} panel - The tab shown first: `revenue` (default), `cross-pollination`, `health` or `fraud` (the fraud review queue, loaded when opened).
 * @attr {number} months - How many months of revenue to show (1–60, default 12).
 * @attr {string} state - Reflected: `idle` (no `fetchSession`), `loading`, `empty`, `data` or `error`, summarising the three panels.
 *
 * @fires dashboard-panel-change - When the user switches tabs; detail `{ panel }`.
 *
 * @csspart tabs - The tab list.
 * @csspart tab - Each tab.
 * @csspart panel - Each tab panel.
 * @csspart value - Each headline figure and indicator value.
 * @csspart chart - The monthly revenue chart (shown on request, instead of the months table).
 * @csspart indicator - Each health indicator.
 * @csspart button - The retry buttons and the chart toggle.
 *
 * @cssproperty --ew-color-accent - Accent color: selected tab, buttons, the chart's series.
 * @cssproperty --ew-color-series-1 - Color of business payments in the chart (default: the accent).
 * @cssproperty --ew-color-series-2 - Color of API billing in the chart (default: a tint of the accent).
 */
export class AdminRevenueDashboard extends AuthenticatedElement<AdminDashboardData> {
  static override styles = [baseStyles, styles];
  static override properties = {
    ...AuthenticatedElement.properties,
    panel: {},
    months: { type: Number },
    chartShown: { state: true },
  };

  /** The selected tab. */
  declare panel: Panel;
  /** Months of revenue history. */
  declare months: number;
  /** The months are drawn as a chart instead of a table. */
  declare private chartShown: boolean;

  constructor() {
    super();
    this.panel = 'revenue';
    this.months = 12;
    this.chartShown = false;
  }

  private readonly revenue = new ApiResource<Revenue>(this, {
    path: () => `/v1/admin/revenue?months=${Math.min(60, Math.max(1, Math.round(this.months) || 12))}`,
    parse: parseRevenue,
    given: () => this.data?.revenue,
    isEmpty: isEmptyRevenue,
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
      () => this.renderStates(this.crossPollination, (cross) => closedPanels.render(this, this.language, (m) => m.renderCross(cross, this.lang_))),
      () => this.renderStates(this.health, (health) => closedPanels.render(this, this.language, (m) => m.renderHealth(health, this.lang_))),
      () => closedPanels.render(this, this.language, (m) => m.renderFraud(this)),
    ];
    return html`<section class="frame" part="base" aria-labelledby="title">
      <header part="header"><h2 id="title">${t.title}</h2></header>
      ${
        this.state === 'idle'
          ? html`<p class="state idle" part="state">${this.signInMessage}</p>`
          : html`${
              failed.length
                ? html`<div class="state error summary" part="state" role="alert">
                  <p>${t.failed(formatCount(this.lang_, failed.length))}</p>
                  <button type="button" part="button" @click=${() => {
                    for (const resource of failed) resource.retry();
                  }}>${common[this.language].retry}</button>
                </div>`
                : nothing
            }
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
            })}`
      }
    </section>`;
  }

  private async select(panel: Panel, focus?: boolean): Promise<void> {
    if (panel !== this.selected) {
      this.panel = panel;
      emit(this, 'dashboard-panel-change', { panel });
    }
    if (focus) {
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>(`#tab-${panel}`)?.focus();
    }
  }

  private onTabKey(event: KeyboardEvent): void {
    const panel = tabFromKey(event, PANELS, this.selected);
    if (panel) void this.select(panel, true);
  }

  private renderRevenue({ totals, months, currency }: Revenue) {
    const t = messages[this.language];
    const locale = this.lang_;
    const money = (amount: string) => formatMoney(locale, amount, currency);
    const head = [t.month, t.businessPayments, t.apiBilling, t.platformRevenue, t.payouts, t.net];
    // the current month is still counting
    const current = new Date().toISOString().slice(0, 7);
    const rows = months.map((month) => [
      formatMonth(locale, month.month) + (month.month === current ? ` ${t.soFar}` : ''),
      ...MONTH_COLUMNS.map((column) => money(month[column])),
    ]);
    const toggle = html`<button type="button" class="secondary" part="button" aria-pressed=${this.chartShown} @click=${() => (this.chartShown = !this.chartShown)}>
      ${t.showChart}
    </button>`;
    const channel = (name: string, note: string, { revenue, payouts, net }: ChannelFigures) => [
      html`${name}<br /><span class="muted note">${note}</span>`,
      ...[revenue, payouts, net].map(money),
    ];
    return html`${figures([
      [t.platformRevenue, money(totals.platform_revenue)],
      [t.payouts, money(totals.payouts)],
      [t.net, money(totals.net)],
    ])}
      ${scrollTable(
        'channels',
        t.byProgram,
        [t.program, t.platformRevenue, t.payouts, t.net],
        [
          channel(t.partnerProgram, t.partnerProgramNote, totals.partner_program),
          channel(t.developerPlatform, t.developerPlatformNote, totals.developer_platform),
        ],
      )}
      <h3 id="months-title">${t.monthly}</h3>
      ${toggle}
      ${
        this.chartShown
          ? charts.render(this, this.language, ({ chart }) =>
              chart(locale, {
                title: t.monthly,
                months: months.map((month) => month.month),
                series: [
                  { name: t.businessPayments, values: months.map((month) => month.business_payments) },
                  { name: t.apiBilling, values: months.map((month) => month.api_billing) },
                ],
                money: currency,
                // the chart's table holds every figure of the month: the page shows them once
                table: [head.slice(1), rows.map((row) => row.slice(1))],
              }),
            )
          : html`<div class="table-scroll" role="region" tabindex="0" aria-labelledby="months-title">
              <table class="months" aria-labelledby="months-title">${tableRows(head, rows)}</table>
            </div>`
      }`;
  }
}
