import { html, nothing, type PropertyValues } from 'lit';
import { ApiFailure, request } from '../internal/api-client.ts';
import { ApiResource } from '../internal/api-resource.ts';
import { AuthenticatedElement } from '../internal/authenticated-element.ts';
import { emit } from '../internal/emit.ts';
import { formatCount, formatDiscount, formatMoney, formatPercent } from '../internal/format.ts';
import { refusal } from '../internal/i18n.ts';
import { OnDemand } from '../internal/on-demand.ts';
import { figures, scrollTable } from '../internal/templates.ts';
import { baseStyles } from '../styles/base.styles.ts';
import { type Audience, type ProductPrice, parseIssuedKey, parseOverview, type TechnicalPartnerOverview } from './technical-partner-upgrade.api.ts';
import type { Field } from './technical-partner-upgrade.form.ts';
import { messages } from './technical-partner-upgrade.messages.ts';
import { styles } from './technical-partner-upgrade.styles.ts';

/** The application form and the key panel, each loaded the first time an element shows it. */
const applyForm = new OnDemand(() => import('./technical-partner-upgrade.apply.ts'));
const keyPanel = new OnDemand(() => import('./technical-partner-upgrade.key.ts'));

/**
 * The Technical Partner flow for a developer or a directory partner: the application form with
 * its validation, the status of an application with its revenue share, referrals, earnings and
 * preferential prices, and, once active, the preferential API key shown exactly once (a partner's is
 * its linked developer account's).
 *
 * @summary Apply to become a Technical Partner, follow the application, get the preferential API key.
 * @tag technical-partner-upgrade
 *
 * @attr {string} audience - `developer` (default; `fetchSession` gets a developer's embed session) or `partner` (a partner's).
 * @attr {string} state - Reflected: `idle` (no `fetchSession`), `loading`, `empty` (not applied: the form), `data` or `error`.
 *
 * @fires technical-partner-applied - After a successful application; detail `{ status, technicalPartnerId }`.
 * @fires technical-partner-key-issued - After a new preferential API key was issued; detail `{ prefix }` (never the secret).
 *
 * @csspart value - Each headline figure.
 * @csspart status - The status badge.
 * @csspart form - The application form.
 * @csspart prices - The price table.
 * @csspart key - The one-time API key box.
 */
export class TechnicalPartnerUpgrade extends AuthenticatedElement<TechnicalPartnerOverview> {
  static override styles = [baseStyles, styles];
  static override properties = {
    ...AuthenticatedElement.properties,
    audience: {},
    applied: { state: true },
    fieldErrors: { state: true },
    formError: { state: true },
    sending: { state: true },
    keyStep: { state: true },
    keyError: { state: true },
    issued: { state: true },
    linkCode: { state: true },
    announcement: { state: true },
  };

  /** Whose embed session `fetchSession` gets: a developer's or a directory partner's. */
  declare audience: Audience;

  /** The answer of a successful application, shown until the element's inputs change. */
  declare private applied?: TechnicalPartnerOverview | undefined;
  declare private fieldErrors?: Partial<Record<Field, string>> | undefined;
  declare private formError?: string | undefined;
  declare private sending?: boolean | undefined;
  declare private keyStep?: 'confirm' | 'sending' | undefined;
  declare private keyError?: string | undefined;
  /** The secret key, held only until the user says it is stored. */
  declare private issued?: string | undefined;
  /** A partner's one-time link code, for the developer holding the email to confirm. */
  declare private linkCode?: string | undefined;
  /** What the polite live region says. */
  declare private announcement?: string | undefined;
  private action?: AbortController | undefined;

  constructor() {
    super();
    this.audience = 'developer';
  }

  private get isPartner(): boolean {
    return this.audience === 'partner';
  }

  private readonly overview = new ApiResource<TechnicalPartnerOverview>(this, {
    path: () => (this.isPartner ? '/v1/partner/me/developer-impact' : '/v1/developer/me/technical-partner'),
    parse: (json) => parseOverview(json, this.isPartner),
    given: () => this.data,
    isEmpty: (overview) => !overview.technical_partner,
    authenticated: true,
  });

  protected mainResource() {
    return this.applied ? { status: 'data' as const } : this.overview;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    // A new credential, API or audience is a different account: forget what the last one did.
    if (changed.has('fetchSession') || changed.has('apiBase') || changed.has('audience') || changed.has('data')) {
      this.action?.abort();
      this.applied = this.linkCode = this.issued = this.sending = this.keyStep = this.keyError = this.formError = this.fieldErrors = undefined;
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.action?.abort();
  }

  override render() {
    const t = messages[this.language];
    const overview = this.overview;
    return html`<section class="frame" part="base" aria-labelledby="title">
      <header part="header">
        <h2 id="title">${t.title}</h2>
        <p class="muted">${t.intro}</p>
      </header>
      ${
        this.applied
          ? this.renderStatus(this.applied)
          : this.renderStates(overview, (value) => this.renderStatus(value), { empty: t.notYet, idle: this.signInMessage })
      }
      ${this.linkCode ? this.renderLinkCode(this.linkCode) : !this.applied && overview.status === 'empty' ? this.renderApply() : nothing}
      <p class="visually-hidden" role="status" aria-live="polite">${this.announcement}</p>
    </section>`;
  }

  private renderApply() {
    return applyForm.render(this, this.language, ({ renderApplyForm }) =>
      renderApplyForm(
        {
          language: this.language,
          locale: this.lang_,
          partner: this.isPartner,
          sending: !!this.sending,
          fieldErrors: this.fieldErrors,
          formError: this.formError,
          checked: (values, errors, invalid) => this.onChecked(values, errors, invalid),
        },
        this.renderPrices(this.overview.value?.prices, this.overview.value?.currency),
      ),
    );
  }

  /** The partner's link request (drawn with the form, whose code is loaded by then). */
  private renderLinkCode(code: string) {
    return applyForm.render(this, this.language, ({ renderLinkCode }) => renderLinkCode(this.language, messages[this.language].linkTitle, code));
  }

  /** The form was checked (technical-partner-upgrade.apply.ts): show its errors, or send the application. */
  private async onChecked(values: Partial<Record<Field, string>>, errors: Partial<Record<Field, string>>, invalid: Field | undefined): Promise<void> {
    if (this.sending) return;
    const t = messages[this.language];
    this.fieldErrors = errors;
    this.formError = undefined;
    if (invalid) return this.focusOn(`#field-${invalid}`);
    this.sending = true;
    await this.post('apply', Object.fromEntries(Object.entries(values).filter(([, value]) => value)), async (json) => {
      const applied = parseOverview(json, this.isPartner);
      const partner = applied.technical_partner;
      const code = this.isPartner && !partner ? (json as { link_code?: unknown }).link_code : undefined;
      if (typeof code === 'string') {
        // Not linked yet: nothing is filed until the developer confirms the code.
        this.linkCode = code;
        this.announcement = t.linkTitle;
        return this.focusOn('#link-title');
      }
      if (!partner) throw new ApiFailure('malformed', 'technical_partner');
      this.applied = applied;
      this.announcement = t.applied;
      emit(this, 'technical-partner-applied', { status: partner.status, technicalPartnerId: partner.id });
      // The form is gone: keep keyboard focus on what replaced it.
      await this.focusOn('#status-title');
    });
  }

  /**
   * POSTs an action (`apply`, or `key`) for the signed-in user and hands the answer to `done`; on
   * failure says why next to the form or the key button, in the server's words for a refusal.
   */
  private async post(path: 'apply' | 'key', body: object | undefined, done: (json: unknown) => Promise<void>): Promise<void> {
    const key = path === 'key';
    const t = messages[this.language];
    this.action?.abort();
    const { signal } = (this.action = new AbortController());
    try {
      // Data given as a property comes without a session.
      const apiBase = this.apiBase;
      if (apiBase === null || !this.fetchSession) throw new ApiFailure('http', this.signInMessage);
      await done(
        await this.session.send((token) =>
          request({
            apiBase,
            path: `/v1/${this.isPartner ? 'partner' : 'developer'}/me/technical-partner/${path}`,
            method: 'POST',
            body,
            token,
            timeoutMs: this.timeout,
            signal,
          }),
        ),
      );
    } catch (error) {
      if (signal.aborted) return;
      const failure = error instanceof ApiFailure ? error : new ApiFailure('malformed', '');
      const status = failure.status;
      const message = refusal(this.language, status) ?? (failure.retryable ? t[key ? 'keyFailed' : 'applyFailed'] : failure.message);
      if (key) this.keyError = message;
      else this.formError = message;
      // Already applied (perhaps from another tab), or no key for this status: the server's status is the truth.
      if (status === 409 || (key && status === 404)) {
        this.applied = undefined;
        this.overview.retry();
      }
    } finally {
      if (!signal.aborted) {
        this.sending = false;
        this.keyStep = undefined;
      }
    }
  }

  /** Renders the change, then moves focus (and, for the key, the selection) to what replaced the control used. */
  private async focusOn(selector: string, select?: boolean): Promise<void> {
    await this.updateComplete;
    const target = this.renderRoot.querySelector<HTMLInputElement>(selector);
    target?.focus();
    if (select) target?.select();
  }

  private renderStatus({ technical_partner, prices, currency }: TechnicalPartnerOverview) {
    const partner = technical_partner!;
    const status = partner.status;
    const url = partner.app_url;
    const t = messages[this.language];
    const locale = this.lang_;
    return html`<section>
      <h3 id="status-title" tabindex="-1">${t.statusTitle}</h3>
      <p><span class="badge ${status}" part="status">${t[status]}</span></p>
      ${status === 'suspended' ? html`<p>${t.suspendedText}</p>` : nothing}
      ${
        partner.app_name
          ? html`<p>
            <span class="muted">${t.app}:</span>
            ${url && /^https?:\/\//i.test(url) ? html`<a href=${url} rel="noopener noreferrer" target="_blank">${partner.app_name}</a>` : partner.app_name}
          </p>`
          : nothing
      }
      ${figures([
        [t.revenueShare, formatPercent(locale, partner.revenue_share_percent)],
        [t.referrals, formatCount(locale, partner.total_app_referrals)],
        [t.earnings, formatMoney(locale, partner.total_app_earnings, currency)],
      ])}
      ${this.isPartner ? html`<p>${t.discountWords}</p>` : this.renderPrices(prices, currency)}
      ${status === 'active' ? this.renderKey() : nothing}
    </section>`;
  }

  private renderPrices(prices: ProductPrice[] = [], currency?: string) {
    const t = messages[this.language];
    const locale = this.lang_;
    return prices.length
      ? html`<div class="prices">
          ${scrollTable(
            'prices',
            t.pricesTitle,
            [t.product, t.standard, t.partnerPrice, t.discount],
            prices.map((price) => [
              price.name,
              formatMoney(locale, price.price_per_1000, currency!),
              formatMoney(locale, price.technical_partner_price_per_1000, currency!),
              formatDiscount(locale, price.discount_percent),
            ]),
            { part: 'prices' },
          )}
        </div>`
      : nothing;
  }

  private renderKey() {
    return keyPanel.render(this, this.language, ({ renderKeyPanel }) =>
      renderKeyPanel({
        language: this.language,
        issued: this.issued,
        step: this.keyStep,
        error: this.keyError,
        ask: () => this.askToIssue(),
        cancel: () => this.cancelIssue(),
        confirm: () => this.issueKey(),
        root: this.renderRoot,
        forget: () => {
          this.issued = undefined;
          void this.focusOn('.issue');
        },
        announce: (text) => (this.announcement = text),
      }),
    );
  }

  /** Issuing revokes any earlier key: ask first. */
  private askToIssue(): Promise<void> {
    this.keyError = undefined;
    this.keyStep = 'confirm';
    return this.focusOn('.confirm-issue');
  }

  private cancelIssue(): Promise<void> {
    this.keyStep = undefined;
    return this.focusOn('.issue');
  }

  private issueKey(): Promise<void> | undefined {
    if (this.keyStep === 'sending') return;
    this.keyStep = 'sending';
    this.keyError = undefined;
    return this.post('key', undefined, async (json) => {
      const issued = parseIssuedKey(json);
      if (!issued.key) throw new ApiFailure('malformed', 'key');
      this.issued = issued.key;
      emit(this, 'technical-partner-key-issued', { prefix: issued.prefix });
      this.keyStep = undefined;
      await this.focusOn('#issued-key', true);
    });
  }
}
