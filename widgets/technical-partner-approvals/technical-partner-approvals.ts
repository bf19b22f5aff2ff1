import { html, nothing, type PropertyValues } from 'lit';
import { ApiFailure, request } from '../internal/api-client.ts';
import { ApiResource } from '../internal/api-resource.ts';
import { AuthenticatedElement } from '../internal/authenticated-element.ts';
import { emit } from '../internal/emit.ts';
import { formatCount, formatDate, formatMoney, formatPercent } from '../internal/format.ts';
import { refusal } from '../internal/i18n.ts';
import { baseStyles } from '../styles/base.styles.ts';
import {
  ACTION_OF,
  type Action,
  type Application,
  type ApplicationList,
  type ApplicationStatus,
  parseList,
  parseTransition,
  STATUSES,
} from './technical-partner-approvals.api.ts';
import { messages } from './technical-partner-approvals.messages.ts';
import { styles } from './technical-partner-approvals.styles.ts';

/** The API's largest page: a review queue longer than this is narrowed with the filter. */
const PAGE = 100;
const CONFIRM = { approve: 'confirmApprove', suspend: 'confirmSuspend', reactivate: 'confirmReactivate' } as const;

/**
 * The admin's review queue of Technical Partner applications: pending ones first, each with the
 * evidence to decide on (the developer, its directory, its apps, attributed businesses, API
 * calls and the directory's referrals), a status filter, and the one action its status allows —
 * approve, suspend or reactivate — each asked for, then confirmed, then sent with the admin
 * hub's embed session (scope `technical_partners:review`). The row shows the new status when the
 * API agrees; a refusal is shown on the row in the API's words. The preferential key an approval
 * issues is never shown here: the applicant retrieves its own from its dashboard.
 *
 * @summary Review Technical Partner applications: approve, suspend, reactivate.
 * @tag technical-partner-approvals
 *
 * @attr {string} status - Show only `pending`, `active` or `suspended` applications; empty (default) shows all, pending first.
 * @attr {string} state - Reflected: `idle` (no `fetchSession`), `loading`, `empty`, `data` or `error`.
 *
 * @fires technical-partner-reviewed - After the API accepted an action; detail `{ id, action, status }`.
 *
 * @csspart filter - The status filter.
 * @csspart application - Each application.
 * @csspart status - Each status badge.
 * @csspart evidence - Each application's evidence list.
 * @csspart button - The action, confirm, cancel and retry buttons.
 */
export class TechnicalPartnerApprovals extends AuthenticatedElement<ApplicationList> {
  static override styles = [baseStyles, styles];
  static override properties = {
    ...AuthenticatedElement.properties,
    status: {},
    asking: { state: true },
    sending: { state: true },
    changed: { state: true },
    errors: { state: true },
    announcement: { state: true },
  };

  /** The status filter; empty shows every application. */
  declare status: ApplicationStatus | '';
  /** The application whose action awaits confirmation. */
  declare private asking?: string | undefined;
  /** The application whose action is being sent (one at a time). */
  declare private sending?: string | undefined;
  /** What the API answered for the applications acted on, by id. */
  declare private changed: Record<string, Application>;
  /** Each application's last refusal, by id. */
  declare private errors: Record<string, string>;
  declare private announcement?: string | undefined;
  private action?: AbortController | undefined;

  constructor() {
    super();
    this.status = '';
    this.changed = {};
    this.errors = {};
  }

  private readonly list = new ApiResource<ApplicationList>(this, {
    path: () => `/v1/admin/technical-partners?limit=${PAGE}${STATUSES.includes(this.status as ApplicationStatus) ? `&status=${this.status}` : ''}`,
    parse: parseList,
    given: () => this.data,
    isEmpty: (list) => !list.technical_partners.length,
    authenticated: true,
  });

  protected mainResource() {
    return this.list;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    // Another account, API or list: what was asked or answered belongs to the last one.
    if (changed.has('fetchSession') || changed.has('apiBase') || changed.has('data') || changed.has('status')) {
      this.action?.abort();
      this.asking = this.sending = undefined;
      this.changed = {};
      this.errors = {};
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.action?.abort();
  }

  override render() {
    const t = messages[this.language];
    return html`<section class="frame" part="base" aria-labelledby="title">
      <header part="header">
        <h2 id="title">${t.title}</h2>
        <label part="filter"
          >${t.filter}<select @change=${this.onFilter}>
            ${['', ...STATUSES].map((status) => html`<option value=${status} ?selected=${status === this.status}>${t[(status || 'all') as 'all']}</option>`)}
          </select></label
        >
      </header>
      ${this.renderStates(this.list, (list) => this.renderList(list), { empty: t.empty, idle: this.signInMessage })}
      <p class="visually-hidden" role="status" aria-live="polite">${this.announcement}</p>
    </section>`;
  }

  private onFilter(event: Event): void {
    this.status = (event.target as HTMLSelectElement).value as ApplicationStatus | '';
  }

  private renderList(list: ApplicationList) {
    return html`<ul>
      ${list.technical_partners.map((item) => this.renderApplication({ ...item, ...this.changed[item.id] }, list.currency))}
    </ul>`;
  }

  private renderApplication(item: Application, currency: string) {
    const t = messages[this.language];
    const locale = this.lang_;
    const count = (value: number) => formatCount(locale, value);
    const { id, status, evidence, developer } = item;
    const referrals = evidence.partner_referrals;
    const action = ACTION_OF[status];
    const name = this.nameOf(item);
    const sending = this.sending === id;
    return html`<li part="application" aria-labelledby="app-${id}">
      <h3 id="app-${id}">${name} <span class="badge ${status}" part="status">${t[status]}</span></h3>
      <dl part="evidence">
        ${[
          [t.developer, html`${developer.name}${developer.company ? ` (${developer.company})` : ''}<br />${developer.email}`],
          [t.directory, item.directory_name ?? t.none],
          [t.applied, formatDate(locale, item.created_at)],
          [t.apps, count(evidence.apps)],
          [t.businesses, count(evidence.businesses_attributed)],
          [t.calls, count(evidence.api_calls_30d)],
          [t.referrals, referrals ? `${count(referrals.total)} (${count(referrals.converted)})` : t.none],
          [t.appReferrals, count(item.total_app_referrals)],
          [t.earnings, formatMoney(locale, item.total_app_earnings, currency)],
          [t.share, formatPercent(locale, item.revenue_share_percent)],
        ].map(([term, value]) => html`<div><dt>${term}</dt><dd>${value}</dd></div>`)}
      </dl>
      <div class="actions">
        ${
          this.asking === id
            ? html`<div class="actions" role="group" aria-labelledby="ask-${id}" @keydown=${(event: KeyboardEvent) => event.key === 'Escape' && this.cancel(id)}>
              <p class="confirm" id="ask-${id}">${t[CONFIRM[action]](name)}</p>
              <button type="button" class="confirm-${id}" part="button" @click=${() => this.send(item, action)}>${t[action]}</button>
              <button type="button" class="secondary" part="button" @click=${() => this.cancel(id)}>${t.cancel}</button>
            </div>`
            : html`<button
              type="button"
              class="act-${id}"
              part="button"
              aria-disabled=${!!this.sending}
              aria-describedby=${this.errors[id] ? `error-${id}` : nothing}
              @click=${() => this.ask(id)}
            >
              ${sending ? t.saving : t[action]}
            </button>`
        }
      </div>
      <p class="error" id="error-${id}" role="alert">${this.errors[id]}</p>
    </li>`;
  }

  private nameOf(item: Application): string {
    return item.app_name || messages[this.language].untitled;
  }

  private ask(id: string): Promise<void> | undefined {
    // One action at a time, so none is cut short by another. aria-disabled rather than disabled
    // while sending: the button keeps keyboard focus.
    if (this.sending) return;
    this.asking = id;
    return this.focusOn(`.confirm-${id}`);
  }

  private cancel(id: string): Promise<void> {
    this.asking = undefined;
    return this.focusOn(`.act-${id}`);
  }

  /** Sends the confirmed action; the row changes only when the API agrees. */
  private async send(item: Application, action: Action): Promise<void> {
    const { id } = item;
    const t = messages[this.language];
    this.asking = undefined;
    this.sending = id;
    this.errors = { ...this.errors, [id]: '' };
    const { signal } = (this.action = new AbortController());
    void this.focusOn(`.act-${id}`);
    try {
      const apiBase = this.apiBase;
      // Data given as a property comes without a session.
      if (apiBase === null || !this.fetchSession) throw new ApiFailure('http', this.signInMessage);
      const json = await this.session.send((token) =>
        request({ apiBase, path: `/v1/admin/technical-partners/${id}/${action}`, method: 'POST', token, timeoutMs: this.timeout, signal }),
      );
      const updated = parseTransition(json);
      this.changed = { ...this.changed, [id]: { ...item, ...updated } };
      this.announcement = t.done(this.nameOf(item), t[updated.status]);
      emit(this, 'technical-partner-reviewed', { id, action, status: updated.status });
    } catch (error) {
      if (signal.aborted) return;
      const failure = error instanceof ApiFailure ? error : new ApiFailure('malformed', '');
      const status = failure.status;
      this.errors = {
        ...this.errors,
        [id]: refusal(this.language, status) ?? (failure.kind === 'http' && status < 500 ? failure.message : t.failed),
      };
    } finally {
      if (!signal.aborted) this.sending = undefined;
    }
    await this.focusOn(`.act-${id}`);
  }

  private async focusOn(selector: string): Promise<void> {
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>(selector)?.focus();
  }
}
