import { css, html, nothing, type TemplateResult } from 'lit';
import { ApiFailure, request } from '../internal/api-client.ts';
import { ApiResource } from '../internal/api-resource.ts';
import type { ApiResponses } from '../internal/api-schema.ts';
import { formatCount, formatDate, formatMoney, formatNumber } from '../internal/format.ts';
import { languageOf, refusal } from '../internal/i18n.ts';
import { expectOneOf, expectShape } from '../internal/shape.ts';
import { renderStates } from '../internal/states.ts';
import { fraudMessages } from './admin-revenue-dashboard.fraud.messages.ts';
import type { AdminRevenueDashboard } from './admin-revenue-dashboard.ts';

// The dashboard's fraud review panel (DESIGN §9), loaded the first time its tab opens (through
// admin-revenue-dashboard.panels.ts): the signals with their evidence, and release, void or
// suspend, each confirmed inline first and sent with the admin hub's embed session (scope
// `fraud_signals:review`). A row changes only when the API agrees; a refusal shows on the row.

export type SignalList = ApiResponses['GET /v1/admin/fraud-signals'];
export type Signal = SignalList['fraud_signals'][number];
type State = Signal['state'];
type Action = 'release' | 'void' | 'suspend';

const STATES: readonly State[] = ['open', 'released', 'voided'];
const ACTIONS: readonly Action[] = ['release', 'void', 'suspend'];
const CONFIRM = { release: 'confirmRelease', void: 'confirmVoid', suspend: 'confirmSuspend' } as const;
/** Evidence amounts (decimal strings) shown as money, and shares (0–1) as percentages. */
const MONEY = ['referred_revenue', 'refunded'];
const SHARE = ['share', 'threshold'];

function parseSignal(item: unknown): Signal {
  const signal = expectShape<Signal>(item, { id: 'string', kind: 'string', evidence: 'object', opened_at: 'string', beneficiary: 'object', held: 'object' });
  expectOneOf(signal.state, STATES);
  expectShape(signal.beneficiary, { name: 'string', status: 'string?' });
  expectShape(signal.held, { lines: 'number', amount: 'decimal' });
  return signal;
}

export function parseSignals(json: unknown): SignalList {
  const list = expectShape<SignalList>(json, { fraud_signals: 'array' });
  list.fraud_signals.forEach(parseSignal);
  return list;
}

/** One dashboard's review: its list, its filter, and the decision being asked or sent. */
class Review {
  filter: State | '' = 'open';
  asking?: string | undefined;
  sending?: string | undefined;
  changed: Record<string, Signal> = {};
  errors: Record<string, string> = {};
  announcement = '';
  readonly list: ApiResource<SignalList>;

  constructor(private readonly host: AdminRevenueDashboard) {
    this.list = new ApiResource<SignalList>(host, {
      path: () => `/v1/admin/fraud-signals?limit=100${this.filter ? `&state=${this.filter}` : ''}`,
      parse: parseSignals,
      given: () => undefined,
      isEmpty: (list) => !list.fraud_signals.length,
      authenticated: true,
    });
    // the resource joined during a render, after this update's controllers ran (and a request
    // made while rendering is dropped): the update after it fetches
    void host.updateComplete.then(() => host.requestUpdate());
  }

  render(locale: string): TemplateResult {
    const language = languageOf(locale);
    const t = fraudMessages[language];
    return html`<div class="review">
      <div class="review-head">
        <h3>${t.heading}</h3>
        <label part="filter"
          >${t.filter}<select @change=${(event: Event) => this.setFilter((event.target as HTMLSelectElement).value as State | '')}>
            ${[...STATES, '' as const].map((state) => html`<option value=${state} ?selected=${state === this.filter}>${t[state || 'all']}</option>`)}
          </select></label
        >
      </div>
      ${renderStates(
        this.list,
        language,
        (list) => html`<ul class="signals">${list.fraud_signals.map((s) => this.renderSignal({ ...s, ...this.changed[s.id] }, locale, list.currency))}</ul>`,
        {
          empty: t.empty,
        },
      )}
      <p class="visually-hidden" role="status" aria-live="polite">${this.announcement}</p>
    </div>`;
  }

  private setFilter(state: State | ''): void {
    this.filter = state;
    this.asking = undefined;
    this.changed = {};
    this.errors = {};
    this.host.requestUpdate();
  }

  private renderSignal(signal: Signal, locale: string, currency: string): TemplateResult {
    const t = fraudMessages[languageOf(locale)];
    const { id, beneficiary, state, held } = signal;
    const amount = formatMoney(locale, held.amount, currency);
    const value = (key: string, v: unknown) =>
      MONEY.includes(key)
        ? formatMoney(locale, String(v), currency)
        : SHARE.includes(key)
          ? formatNumber(locale, String(v), { style: 'percent', maximumFractionDigits: 2 })
          : String(v);
    const asking = this.asking?.startsWith(`${id}:`) ? (this.asking.slice(id.length + 1) as Action) : undefined;
    return html`<li part="signal" aria-labelledby="signal-${id}">
      <h4 id="signal-${id}">${beneficiary.name} · ${t[signal.kind]} <span class="badge ${state}" part="status">${t[state]}</span></h4>
      <dl part="evidence">
        ${[
          [t.opened, formatDate(locale, signal.opened_at)],
          [t.held, t.heldValue(amount, formatCount(locale, held.lines))],
          ...(beneficiary.status ? [[t.status, beneficiary.status]] : []),
          ...(signal.resolved_by ? [[t.resolvedBy, signal.resolved_by]] : []),
          ...Object.entries(signal.evidence).map(([key, v]) => [t.evidence[key] ?? key, value(key, v)]),
        ].map(([term, v]) => html`<div><dt>${term}</dt><dd>${v}</dd></div>`)}
      </dl>
      ${
        state !== 'open'
          ? nothing
          : asking
            ? html`<div class="actions" role="group" aria-labelledby="ask-${id}" @keydown=${(event: KeyboardEvent) => event.key === 'Escape' && this.cancel(id, asking)}>
                <p class="confirm" id="ask-${id}">${t[CONFIRM[asking]](beneficiary.name, amount)}</p>
                <button type="button" class="confirm-${id}" part="button" @click=${() => this.send(signal, asking, locale)}>${t[asking]}</button>
                <button type="button" class="secondary" part="button" @click=${() => this.cancel(id, asking)}>${t.cancel}</button>
              </div>`
            : html`<div class="actions">
                ${ACTIONS.map(
                  (action) =>
                    html`<button
                      type="button"
                      class="act-${id}-${action} ${action === 'release' ? '' : 'secondary'}"
                      part="button"
                      aria-disabled=${!!this.sending}
                      aria-describedby=${this.errors[id] ? `error-${id}` : nothing}
                      @click=${() => this.ask(id, action)}
                    >
                      ${this.sending === `${id}:${action}` ? t.saving : t[action]}
                    </button>`,
                )}
              </div>`
      }
      <p class="error" id="error-${id}" role="alert">${this.errors[id]}</p>
    </li>`;
  }

  private ask(id: string, action: Action): Promise<void> | undefined {
    // one decision at a time; aria-disabled rather than disabled keeps the button's focus
    if (this.sending) return;
    this.asking = `${id}:${action}`;
    this.host.requestUpdate();
    return this.focusOn(`.confirm-${id}`);
  }

  private cancel(id: string, action: Action): Promise<void> {
    this.asking = undefined;
    this.host.requestUpdate();
    return this.focusOn(`.act-${id}-${action}`);
  }

  /** Sends the confirmed decision; the row changes only when the API agrees. */
  private async send(signal: Signal, action: Action, locale: string): Promise<void> {
    const { id } = signal;
    const host = this.host;
    const language = languageOf(locale);
    const t = fraudMessages[language];
    this.asking = undefined;
    this.sending = `${id}:${action}`;
    this.errors = { ...this.errors, [id]: '' };
    host.requestUpdate();
    try {
      const apiBase = host.apiBase;
      if (apiBase === null || !host.fetchSession) throw new ApiFailure('http', '');
      const json = await host.session.send((token) =>
        request({ apiBase, path: `/v1/admin/fraud-signals/${id}/${action}`, method: 'POST', token, timeoutMs: host.timeout }),
      );
      const updated = parseSignal(expectShape<{ fraud_signal: unknown }>(json, { fraud_signal: 'object' }).fraud_signal);
      this.changed = { ...this.changed, [id]: updated };
      this.announcement = t.done(updated.beneficiary.name, t[updated.state]);
    } catch (error) {
      const failure = error instanceof ApiFailure ? error : new ApiFailure('malformed', '');
      const status = failure.status;
      this.errors = {
        ...this.errors,
        [id]: refusal(language, status) ?? (failure.kind === 'http' && status < 500 && failure.message ? failure.message : t.failed),
      };
    } finally {
      this.sending = undefined;
      host.requestUpdate();
    }
    await this.focusOn(`.act-${id}-${action}`);
  }

  private async focusOn(selector: string): Promise<void> {
    await this.host.updateComplete;
    this.host.renderRoot.querySelector<HTMLElement>(selector)?.focus();
  }
}

const reviews = new WeakMap<AdminRevenueDashboard, Review>();

/** The review panel of one dashboard (its state kept while the tab is closed and opened again). */
export function renderReview(host: AdminRevenueDashboard, locale: string): TemplateResult {
  let review = reviews.get(host);
  if (!review) reviews.set(host, (review = new Review(host)));
  return review.render(locale);
}

/** The review panel's styles, which join the element's when it first shows (on-demand.ts). */
export const styles = css`
  .review-head {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5em var(--_space);
    align-items: baseline;
    justify-content: space-between;
  }
  .review select {
    margin-inline-start: 0.4em;
  }
  .signals {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    gap: var(--_space);
  }
  .signals li {
    padding: calc(var(--_space) * 0.75);
    background: var(--_subtle);
    border-radius: calc(var(--_radius) / 2);
  }
  .signals dl {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(11em, 1fr));
    gap: 0.4em var(--_space);
    margin: 0 0 0.75em;
  }
  .signals dt {
    color: var(--_muted);
    font-size: 0.85em;
  }
  .signals dd {
    margin: 0;
    overflow-wrap: anywhere;
  }
  .badge {
    padding: 0 0.5em;
    border: 1px solid;
    border-radius: 1em;
    font-size: 0.85em;
  }
  .open {
    color: var(--_warning);
  }
  .released {
    color: var(--_positive);
  }
  .voided {
    color: var(--_danger);
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5em;
    align-items: center;
  }
  .confirm {
    flex-basis: 100%;
    margin: 0;
  }
  .error {
    color: var(--_danger);
  }
  .error:empty {
    display: none;
  }
`;
