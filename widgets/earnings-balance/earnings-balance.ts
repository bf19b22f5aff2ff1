import { html, nothing, type PropertyValues } from 'lit';
import { request } from '../internal/api-client.ts';
import { ApiResource } from '../internal/api-resource.ts';
import { AuthenticatedElement } from '../internal/authenticated-element.ts';
import { formatCount, formatDate, formatMoney } from '../internal/format.ts';
import { common } from '../internal/i18n.ts';
import { renderStates } from '../internal/states.ts';
import { baseStyles } from '../styles/base.styles.ts';
import { type Balances, type Earnings, type EarningsAudience, type PayoutList, parseBalances, parsePayouts } from './earnings-balance.api.ts';
import { messages } from './earnings-balance.messages.ts';
import { styles } from './earnings-balance.styles.ts';

/** Payouts per page of the history. */
const PAGE = 10;

/**
 * For a directory partner or a Technical Partner developer: their earnings by state (pending in
 * the hold period, on hold for review, approved, in a payout, paid), the next payout and whether
 * it reaches the minimum, and the payout history, newest first. Needs an embed session of the
 * audience: set `fetchSession`.
 *
 * @summary A partner's or developer's balances, next payout and payout history.
 * @tag earnings-balance
 *
 * @attr {string} audience - `partner` (default; a directory partner's embed session) or `developer` (a Technical Partner developer's).
 *
 * @csspart value - Each headline figure.
 * @csspart next-payout - The next payout panel.
 * @csspart history - The payout history table's scrolling region.
 * @csspart status - Each payout's status badge.
 * @csspart more - The "Load more" button.
 */
export class EarningsBalance extends AuthenticatedElement<Earnings> {
  static override styles = [baseStyles, styles];
  static override properties = {
    ...AuthenticatedElement.properties,
    audience: {},
    moreStatus: { state: true },
    announcement: { state: true },
  };

  /** Whose earnings: `partner` or `developer`; picks the API routes (the embed session must be of the same audience). */
  declare audience: EarningsAudience;
  declare private moreStatus: '' | 'loading' | 'error';
  /** What the polite live region says after "Load more". */
  declare private announcement: string;
  private moreRequest?: AbortController | undefined;

  constructor() {
    super();
    this.audience = 'partner';
    this.moreStatus = this.announcement = '';
  }

  /** `/v1/partner/me` or `/v1/developer/me`: anything but `developer` is a partner. */
  private get base(): string {
    return `/v1/${this.audience === 'developer' ? 'developer' : 'partner'}/me`;
  }

  private readonly balances = new ApiResource<Balances>(this, {
    path: () => `${this.base}/balances`,
    parse: parseBalances,
    given: () => this.data?.balances,
    authenticated: true,
  });

  private readonly payouts = new ApiResource<PayoutList>(this, {
    path: () => this.payoutsPath(),
    parse: parsePayouts,
    given: () => this.data?.payouts,
    isEmpty: (list) => !list.payouts.length,
    authenticated: true,
  });

  protected mainResource() {
    return this.balances;
  }

  private payoutsPath(cursor?: string): string {
    return `${this.base}/payouts?${new URLSearchParams(cursor ? { limit: String(PAGE), cursor } : { limit: String(PAGE) })}`;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    // Another account or API: a page being loaded belongs to the old list.
    if (changed.has('fetchSession') || changed.has('apiBase') || changed.has('audience') || changed.has('data')) {
      this.moreRequest?.abort();
      this.moreStatus = this.announcement = '';
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.moreRequest?.abort();
  }

  override render() {
    const t = messages[this.language];
    return html`<section class="frame" part="base" aria-labelledby="title">
      <header part="header"><h2 id="title">${t.title}</h2></header>
      ${this.renderStates(this.balances, (balances) => this.renderBalances(balances, t), { idle: this.signInMessage })}
    </section>`;
  }

  private renderBalances(b: Balances, t: typeof messages.en) {
    const locale = this.lang_;
    const money = (amount: string) => formatMoney(locale, amount, b.currency);
    const negative = b.approved.startsWith('-');
    const next = b.next_payout;
    const minimum = money(b.minimum_payout);
    // Each figure: its label, value, what it means, and a class for the value. On hold shows only
    // when something is held (any non-zero digit: money is never turned into a float).
    const list: (readonly [string, string, string, string?] | false)[] = [
      [t.pending, money(b.pending), t.pendingNote(formatCount(locale, b.hold_period_days))],
      /[1-9]/.test(b.on_hold) && [t.onHold, money(b.on_hold), t.onHoldNote, 'held'],
      negative ? [t.approved, money(b.approved), t.approvedNegative, 'negative'] : [t.approved, money(b.approved), t.approvedNote],
      [t.inPayout, money(b.in_payout), t.inPayoutNote],
      [t.paid, money(b.paid), t.paidNote],
    ];
    return html`<dl class="figures" aria-label=${t.balances}>
        ${list
          .filter((figure) => !!figure)
          .map(
            (figure) =>
              html`<div class="figure"><dt>${figure[0]}</dt><dd part="value" class=${figure[3] ?? nothing}>${figure[1]}</dd><dd class="note">${figure[2]}</dd></div>`,
          )}
      </dl>
      <section class="next" part="next-payout" aria-labelledby="next-title">
        <h3 id="next-title">${t.next}</h3>
        <p>${t.nextOn(formatDate(locale, `${next.date}T00:00:00Z`, { dateStyle: 'medium', timeZone: 'UTC' }))}</p>
        <p><span class="muted">${t.expected}</span> <strong class="amount">${money(next.expected_amount)}</strong></p>
        <p class=${next.meets_minimum ? 'muted' : 'below'}>${next.meets_minimum ? t.meetsMinimum(minimum) : t.belowMinimum(minimum)}</p>
      </section>
      <h3 id="history-title">${t.history}</h3>
      ${renderStates(this.payouts, this.language, (list) => this.renderHistory(list, t), { empty: t.noPayouts })}`;
  }

  private renderHistory(list: PayoutList, t: typeof messages.en) {
    const locale = this.lang_;
    const say = common[this.language];
    const cursor = !this.data && list.next_cursor;
    return html`<div class="table-scroll" part="history" role="region" tabindex="0" aria-labelledby="history-title">
        <table class="history">
          <caption class="visually-hidden">${t.history}</caption>
          <thead>
            <tr>
              <th scope="col">${t.date}</th>
              <th scope="col" class="number">${t.amount}</th>
              <th scope="col">${t.status}</th>
              <th scope="col">${t.reference}</th>
            </tr>
          </thead>
          <tbody>
            ${list.payouts.map(
              (p) => html`<tr tabindex="-1" data-payout=${p.id}>
                <th scope="row">${formatDate(locale, p.paid_at ?? p.cancelled_at ?? p.created_at)}</th>
                <td class="number" data-label=${t.amount}>${formatMoney(locale, p.amount, list.currency)}</td>
                <td data-label=${t.status}><span class="badge ${p.status}" part="status">${p.status === 'paid' ? t.paid : t[p.status]}</span></td>
                <td data-label=${t.reference} class=${p.status === 'paid' && p.reference ? nothing : 'none'}>${p.status === 'paid' ? p.reference : ''}</td>
              </tr>`,
            )}
          </tbody>
        </table>
      </div>
      <p class="visually-hidden" role="status" aria-live="polite">${this.announcement}</p>
      ${
        cursor
          ? html`<div class="more">
            ${this.moreStatus === 'error' ? html`<p role="alert">${say.error}</p>` : nothing}
            <button type="button" class="secondary" part="more" aria-disabled=${this.moreStatus === 'loading'} @click=${() => this.loadMore(list, cursor)}>
              ${this.moreStatus === 'loading' ? say.loading : t.more}
            </button>
          </div>`
          : nothing
      }`;
  }

  /** Appends the next page to the shown history; a new first page (retry, another account) replaces it all. */
  private async loadMore(shown: PayoutList, cursor: string) {
    if (this.moreStatus === 'loading') return;
    const controller = (this.moreRequest = new AbortController());
    this.moreStatus = 'loading';
    try {
      const path = this.payoutsPath(cursor);
      const json = await this.session.send((token) =>
        request({ apiBase: this.apiBase ?? '', path, token, signal: controller.signal, timeoutMs: this.timeout }),
      );
      const page = parsePayouts(json);
      if (controller.signal.aborted) return;
      this.moreStatus = '';
      if (this.payouts.value !== shown) return;
      const payouts = [...shown.payouts, ...page.payouts];
      this.payouts.value = { ...shown, payouts, next_cursor: page.next_cursor };
      this.announcement = messages[this.language].loaded(formatCount(this.lang_, page.payouts.length), formatCount(this.lang_, payouts.length));
      // The button may vanish on the last page: focus moves to the first new row, where reading continues.
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>(`[data-payout="${page.payouts[0]?.id}"]`)?.focus();
    } catch {
      if (!controller.signal.aborted) this.moreStatus = 'error';
    }
  }
}
