import { html, nothing, type PropertyValues } from 'lit';
import { ApiFailure, request } from '../internal/api-client.ts';
import { ApiResource } from '../internal/api-resource.ts';
import { EcosystemElement } from '../internal/ecosystem-element.ts';
import { formatCount, formatMoney, formatPercent } from '../internal/format.ts';
import { common, fill, type Messages } from '../internal/i18n.ts';
import { expectEach, expectShape } from '../internal/shape.ts';
import { baseStyles } from '../styles/base.styles.ts';
import { styles } from './technical-partner-upgrade.styles.ts';

export type TechnicalPartnerStatus = 'pending' | 'active' | 'suspended';
export type Audience = 'developer' | 'partner';

/** A Technical Partner application (the fields this element reads). */
export interface TechnicalPartner {
  id: string;
  status: TechnicalPartnerStatus;
  revenue_share_percent: string;
  total_app_referrals: number;
  total_app_earnings: string;
  app_name: string | null;
  app_url: string | null;
  approved_at: string | null;
  suspended_at?: string | null;
  created_at?: string;
}

/** One API product's standard and Technical-Partner price per 1,000 calls. */
export interface ProductPrice {
  product: string;
  name: string;
  price_per_1000: string;
  technical_partner_price_per_1000: string;
  discount_percent: string;
}

/** The answer of `GET /v1/developer/me/technical-partner`; for partners, `prices` is empty. */
export interface TechnicalPartnerOverview {
  technical_partner: TechnicalPartner | null;
  prices: ProductPrice[];
}

/** The answer of `POST /v1/developer/me/technical-partner/key`: the secret appears here only. */
export interface IssuedApiKey {
  id: string;
  key: string;
  prefix: string;
  pricing_tier: string;
  created_at: string;
  prices: ProductPrice[];
}

export interface TechnicalPartnerAppliedDetail {
  status: TechnicalPartnerStatus;
  technicalPartnerId: string;
}

export interface TechnicalPartnerKeyIssuedDetail {
  prefix: string;
}

// Only the fields this element reads are checked (each name costs bundle bytes).
const PARTNER = {
  id: 'string',
  status: 'string',
  revenue_share_percent: 'string',
  total_app_referrals: 'number',
  total_app_earnings: 'string',
  app_name: 'string?',
  app_url: 'string?',
  approved_at: 'string?',
} as const;
const PRICE = { name: 'string', price_per_1000: 'string', technical_partner_price_per_1000: 'string', discount_percent: 'string' } as const;

/**
 * Any answer carrying `technical_partner`: the developer's status and application (with the
 * preferential `prices`), or the partner's developer-impact and application (prices are not for
 * partners).
 */
function parseOverview(json: unknown, partnerAudience: boolean): TechnicalPartnerOverview {
  const overview = expectShape<TechnicalPartnerOverview>(json, { technical_partner: 'object?' });
  const partner = overview.technical_partner;
  if (partner && !['pending', 'active', 'suspended'].includes(expectShape<TechnicalPartner>(partner, PARTNER).status)) {
    throw new ApiFailure('malformed', 'status');
  }
  return { technical_partner: partner, prices: partnerAudience ? [] : expectEach(overview.prices, PRICE) };
}

type Field = 'email' | 'name' | 'company' | 'app_name' | 'app_url';
/** The application form: name, input type, autocomplete, required. A developer fills in only the last two. */
const FIELDS: [Field, string, string, boolean?][] = [
  ['email', 'email', 'email', true],
  ['name', 'text', 'name'],
  ['company', 'text', 'organization'],
  ['app_name', 'text', 'off', true],
  ['app_url', 'url', 'url'],
];
const maxLength = (field: Field) => (field === 'app_url' ? 500 : 200);

function isWebUrl(value: string): boolean {
  try {
    return /^https?:$/.test(new URL(value).protocol);
  } catch {
    return false;
  }
}

const en = {
  title: 'Technical Partner program',
  intro: 'Earn from your app’s referrals and pay less for the API.',
  notYet: 'You are not a Technical Partner yet.',
  applyTitle: 'Apply to become a Technical Partner',
  partnerIntro: 'You get a linked developer account.',
  email: 'Developer email',
  name: 'Name',
  company: 'Company',
  app_name: 'App name',
  app_url: 'App URL',
  optional: '(optional)',
  required: 'Enter this field.',
  tooLong: 'Use at most {max} characters.',
  invalidEmail: 'Enter an email address.',
  invalidUrl: 'Use https:// or http://.',
  submit: 'Apply',
  sending: 'Sending…',
  applyFailed: 'Not sent. Try again.',
  applied: 'Application sent.',
  statusTitle: 'Your status',
  pending: 'Pending review',
  active: 'Active',
  suspended: 'Suspended',
  suspendedText: 'Benefits are paused. Contact support.',
  app: 'App',
  revenueShare: 'Revenue share',
  referrals: 'Referrals',
  earnings: 'Earnings',
  pricesTitle: 'Partner prices',
  product: 'Product',
  standard: 'Price per 1,000 calls',
  partnerPrice: 'Partner price',
  discount: 'Discount',
  discountWords: 'Active partners get a discounted price on every API product.',
  keyTitle: 'API key for partner prices',
  issue: 'Issue key',
  issuing: 'Issuing…',
  confirmText: 'A new key revokes your earlier Technical Partner key: update your apps.',
  confirm: 'Revoke and issue',
  cancel: 'Cancel',
  keyLabel: 'New key',
  keyWarning: 'Store it now: it will not be shown again. Any earlier Technical Partner key is now revoked.',
  copy: 'Copy',
  copied: 'Key copied.',
  copyManually: 'Copy blocked: copy it yourself.',
  stored: 'I stored it',
  keyCleared: 'Key removed.',
  keyFailed: 'Key not issued. Try again.',
};

const messages: Messages<keyof typeof en> = {
  en,
  fr: {
    title: 'Programme Partenaire technique',
    intro: 'Gagnez sur les recommandations de votre application et payez l’API moins cher.',
    notYet: 'Vous n’êtes pas encore Partenaire technique.',
    applyTitle: 'Devenir Partenaire technique',
    partnerIntro: 'Vous obtenez un compte développeur lié.',
    email: 'E-mail développeur',
    name: 'Nom',
    company: 'Entreprise',
    app_name: 'Nom de l’application',
    app_url: 'URL de l’application',
    optional: '(facultatif)',
    required: 'Renseignez ce champ.',
    tooLong: '{max} caractères au plus.',
    invalidEmail: 'Saisissez une adresse e-mail.',
    invalidUrl: 'Utilisez https:// ou http://.',
    submit: 'Postuler',
    sending: 'Envoi…',
    applyFailed: 'Non envoyée. Réessayez.',
    applied: 'Candidature envoyée.',
    statusTitle: 'Votre statut de Partenaire technique',
    pending: 'En cours d’examen',
    active: 'Actif',
    suspended: 'Suspendu',
    suspendedText: 'Avantages suspendus. Contactez le support.',
    app: 'Application',
    revenueShare: 'Part des revenus',
    referrals: 'Recommandations',
    earnings: 'Gains',
    pricesTitle: 'Prix partenaire',
    product: 'Produit',
    standard: 'Prix pour 1 000 appels',
    partnerPrice: 'Prix partenaire',
    discount: 'Remise',
    discountWords: 'Les partenaires actifs ont une remise sur chaque produit API.',
    keyTitle: 'Clé API aux prix partenaire',
    issue: 'Émettre la clé',
    issuing: 'Émission…',
    confirmText: 'Une nouvelle clé révoque l’ancienne : mettez à jour vos applications.',
    confirm: 'Révoquer et émettre',
    cancel: 'Annuler',
    keyLabel: 'Nouvelle clé',
    keyWarning: 'Conservez-la maintenant : elle ne sera plus affichée. L’ancienne clé est révoquée.',
    copy: 'Copier',
    copied: 'Clé copiée.',
    copyManually: 'Copie bloquée : copiez-la vous-même.',
    stored: 'Je l’ai conservée',
    keyCleared: 'Clé retirée.',
    keyFailed: 'Clé non émise. Réessayez.',
  },
};

/**
 * The Technical Partner flow for a developer or a directory partner: the application form with
 * its validation, the status of an application with its revenue share, referrals, earnings and
 * preferential prices, and, for an active developer, the preferential API key shown exactly once.
 *
 * @summary Apply to become a Technical Partner, follow the application, get the preferential API key.
 * @tag technical-partner-upgrade
 *
 * @attr {string} api-base - Base URL of the Ecosystem API; empty for the page's own origin.
 * @attr {string} audience - `developer` (default; developer API key as `.token`) or `partner` (partner token as `.token`).
 * @attr {string} locale - BCP 47 locale for text, numbers and money (English and French built in).
 * @attr {number} timeout - Milliseconds to wait for the API before showing the error state (default 4000).
 * @attr {string} state - Reflected: `idle` (no token), `loading`, `empty` (not applied: the form), `data` or `error`.
 *
 * @fires technical-partner-applied - After a successful application; detail `{ status, technicalPartnerId }`.
 * @fires technical-partner-key-issued - After a new preferential API key was issued; detail `{ prefix }` (never the secret).
 *
 * @csspart base - The card.
 * @csspart header - The title row.
 * @csspart value - Each headline figure.
 * @csspart status - The status badge.
 * @csspart form - The application form.
 * @csspart prices - The price table.
 * @csspart key - The one-time API key box.
 * @csspart state - The loading, empty, error or signed-out message.
 * @csspart button - The retry button.
 *
 * @cssproperty --ew-color-accent - Accent color of buttons and links.
 * @cssproperty --ew-color-text - Text color.
 * @cssproperty --ew-color-muted - Secondary text color.
 * @cssproperty --ew-color-surface - Card background.
 * @cssproperty --ew-color-subtle - Background of figure tiles and the key box.
 * @cssproperty --ew-color-border - Border color.
 * @cssproperty --ew-color-positive - Active status.
 * @cssproperty --ew-color-warning - Pending status and the key warning.
 * @cssproperty --ew-color-danger - Suspended status and field errors.
 * @cssproperty --ew-radius - Corner radius.
 * @cssproperty --ew-space - Base spacing.
 * @cssproperty --ew-font-family - Font family.
 */
export class TechnicalPartnerUpgrade extends EcosystemElement {
  static override styles = [baseStyles, styles];
  static override properties = {
    ...EcosystemElement.properties,
    audience: {},
    data: { attribute: false },
  };

  /** Whose credential `.token` is: a developer API key or a partner token. */
  declare audience: Audience;
  /** The status given directly instead of fetched (server-rendered hosts, Storybook). */
  declare data: TechnicalPartnerOverview | undefined;

  /** The answer of a successful application, shown until the element's inputs change. */
  private applied?: TechnicalPartnerOverview;
  private fieldErrors?: Partial<Record<Field, string>>;
  private formError?: string;
  private sending?: boolean;
  private keyStep?: 'confirm' | 'sending';
  private keyError?: string;
  /** The secret key, held only until the user says it is stored. */
  private issued?: string;
  private announcement?: string;
  private action?: AbortController;

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
    // A new credential, API or audience is a different account: forget what the last one did.
    if (changed.has('token') || changed.has('apiBase') || changed.has('audience') || changed.has('data')) {
      this.action?.abort();
      this.applied = this.issued = this.sending = this.keyStep = this.keyError = this.formError = this.fieldErrors = undefined;
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
      ${this.applied
        ? this.renderStatus(this.applied)
        : this.renderStates(overview, (value) => this.renderStatus(value), { empty: t.notYet, idle: this.signInMessage })}
      ${!this.applied && overview.status === 'empty' ? this.renderApply() : nothing}
      <p class="visually-hidden" role="status" aria-live="polite">${this.announcement}</p>
    </section>`;
  }

  private renderApply() {
    const t = messages[this.language];
    return html`<section>
      <h3>${t.applyTitle}</h3>
      ${this.isPartner ? html`<p class="muted">${t.partnerIntro}</p>` : nothing}
      <form part="form" novalidate aria-describedby=${this.formError ? 'form-error' : nothing} aria-busy=${this.sending} @submit=${this.onSubmit}>
        ${FIELDS.slice(this.isPartner ? 0 : 3).map(([field, type, autocomplete, required]) => {
          const error = this.fieldErrors?.[field];
          return html`<div class="field">
            <label for="field-${field}">${t[field]} ${required ? nothing : html`<span class="muted">${t.optional}</span>`}</label>
            <input
              id="field-${field}"
              name=${field}
              type=${type}
              autocomplete=${autocomplete}
              maxlength=${maxLength(field)}
              ?required=${required}
              aria-invalid=${!!error}
              placeholder=${field === 'app_url' ? 'https://' : nothing}
              aria-describedby=${error ? `error-${field}` : nothing}
            />
            ${error ? html`<span id="error-${field}" class="error">${error}</span>` : nothing}
          </div>`;
        })}
        <p id="form-error" class="error" role="alert">${this.formError}</p>
        <button type="submit" ?disabled=${this.sending}>${this.sending ? t.sending : t.submit}</button>
      </form>
      ${this.renderPrices(this.overview.value?.prices)}
    </section>`;
  }

  private async onSubmit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    if (this.sending) return;
    const t = messages[this.language];
    const form = new FormData(event.currentTarget as HTMLFormElement);
    const values: Partial<Record<Field, string>> = {};
    const errors: Partial<Record<Field, string>> = {};
    let invalid: Field | undefined;
    for (const [field, , , required] of FIELDS.slice(this.isPartner ? 0 : 3)) {
      const value = (values[field] = String(form.get(field) ?? '').trim());
      const max = maxLength(field);
      const error = !value
        ? required && t.required
        : value.length > max
          ? fill(t.tooLong, { max: formatCount(this.lang_, max) })
          : field === 'email' && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value)
            ? t.invalidEmail
            : field === 'app_url' && !isWebUrl(value) && t.invalidUrl;
      if (error) {
        errors[field] = error;
        invalid ??= field;
      }
    }
    this.fieldErrors = errors;
    this.formError = undefined;
    if (invalid) return this.focusOn(`#field-${invalid}`);
    this.sending = true;
    await this.post('apply', Object.fromEntries(Object.entries(values).filter(([, value]) => value)), async (json) => {
      const applied = parseOverview(json, this.isPartner);
      const partner = applied.technical_partner;
      if (!partner) throw new ApiFailure('malformed', 'technical_partner');
      this.applied = applied;
      this.announcement = t.applied;
      this.fire('technical-partner-applied', { status: partner.status, technicalPartnerId: partner.id });
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
    const say = common[this.language];
    this.action?.abort();
    const { signal } = (this.action = new AbortController());
    this.requestUpdate();
    try {
      // Data given as a property comes without a credential.
      if (this.apiBase === null || !this.token) throw new ApiFailure('http', this.signInMessage);
      await done(
        await request({
          apiBase: this.apiBase,
          path: `/v1/${this.isPartner ? 'partner' : 'developer'}/me/technical-partner/${path}`,
          method: 'POST',
          body,
          token: this.token,
          timeoutMs: this.timeout,
          signal,
        }),
      );
    } catch (error) {
      if (signal.aborted) return;
      const failure = error instanceof ApiFailure ? error : new ApiFailure('malformed', '');
      const status = failure.status;
      const message = status === 401 ? say.unauthorized : status === 403 ? say.forbidden : failure.retryable ? t[key ? 'keyFailed' : 'applyFailed'] : failure.message;
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
        this.requestUpdate();
      }
    }
  }

  private fire(type: string, detail: object): void {
    this.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }));
  }

  /** Renders the change, then moves focus (and, for the key, the selection) to what replaced the control used. */
  private async focusOn(selector: string, select?: boolean): Promise<void> {
    this.requestUpdate();
    await this.updateComplete;
    const target = this.renderRoot.querySelector<HTMLInputElement>(selector);
    target?.focus();
    if (select) target?.select();
  }

  private renderStatus({ technical_partner, prices }: TechnicalPartnerOverview) {
    const partner = technical_partner!;
    const status = partner.status;
    const url = partner.app_url;
    const t = messages[this.language];
    const locale = this.lang_;
    return html`<section>
      <h3 id="status-title" tabindex="-1">${t.statusTitle}</h3>
      <p><span class="badge ${status}" part="status">${t[status]}</span></p>
      ${status === 'suspended' ? html`<p>${t.suspendedText}</p>` : nothing}
      ${partner.app_name
        ? html`<p>
            <span class="muted">${t.app}:</span>
            ${url && isWebUrl(url) ? html`<a href=${url} rel="noopener noreferrer" target="_blank">${partner.app_name}</a>` : partner.app_name}
          </p>`
        : nothing}
      <dl class="figures">
        ${[
          [t.revenueShare, formatPercent(locale, partner.revenue_share_percent)],
          [t.referrals, formatCount(locale, partner.total_app_referrals)],
          [t.earnings, formatMoney(locale, partner.total_app_earnings)],
        ].map(([label, value]) => html`<div class="figure"><dt>${label}</dt><dd part="value">${value}</dd></div>`)}
      </dl>
      ${this.isPartner ? html`<p>${t.discountWords}</p>` : this.renderPrices(prices)}
      ${!this.isPartner && status === 'active' ? this.renderKey() : nothing}
    </section>`;
  }

  private renderPrices(prices: ProductPrice[] = []) {
    const t = messages[this.language];
    const locale = this.lang_;
    return prices.length
      ? html`<div class="prices">
          <h3 id="prices-title">${t.pricesTitle}</h3>
          <div class="table-scroll" part="prices" role="region" tabindex="0" aria-labelledby="prices-title">
            <table aria-labelledby="prices-title">
              <thead>
                <tr>
                  <th scope="col">${t.product}</th>
                  <th scope="col" class="number">${t.standard}</th>
                  <th scope="col" class="number">${t.partnerPrice}</th>
                  <th scope="col" class="number">${t.discount}</th>
                </tr>
              </thead>
              <tbody>
                ${prices.map(
                  (price) => html`<tr>
                    <th scope="row">${price.name}</th>
                    <td class="number">${formatMoney(locale, price.price_per_1000)}</td>
                    <td class="number">${formatMoney(locale, price.technical_partner_price_per_1000)}</td>
                    <td class="number">${formatPercent(locale, price.discount_percent)}</td>
                  </tr>`,
                )}
              </tbody>
            </table>
          </div>
        </div>`
      : nothing;
  }

  private renderKey() {
    const t = messages[this.language];
    const step = this.keyStep;
    return html`<section>
      <h3>${t.keyTitle}</h3>
      ${this.issued
        ? html`<div class="box key" part="key">
            <p id="key-warning"><strong>${t.keyWarning}</strong></p>
            <label for="issued-key">${t.keyLabel}</label>
            <input id="issued-key" readonly spellcheck="false" autocomplete="off" aria-describedby="key-warning" .value=${this.issued} />
            <div>
              <button type="button" class="copy" @click=${this.copyKey}>${t.copy}</button>
              <button type="button" class="secondary stored" @click=${this.dismissKey}>${t.stored}</button>
            </div>
          </div>`
        : step === 'confirm'
          ? html`<div class="box" role="group" aria-labelledby="confirm-text">
              <p id="confirm-text">${t.confirmText}</p>
              <div>
                <button type="button" class="confirm-issue" @click=${this.issueKey}>${t.confirm}</button>
                <button type="button" class="secondary cancel" @click=${this.cancelIssue}>${t.cancel}</button>
              </div>
            </div>`
          : html`<button type="button" class="issue" ?disabled=${step === 'sending'} @click=${this.askToIssue}>
              ${step === 'sending' ? t.issuing : t.issue}
            </button>`}
      <p class="error" role="alert">${this.keyError}</p>
    </section>`;
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
      const issued = expectShape<IssuedApiKey>(json, { key: 'string', prefix: 'string' });
      if (!issued.key) throw new ApiFailure('malformed', 'key');
      this.issued = issued.key;
      this.fire('technical-partner-key-issued', { prefix: issued.prefix });
      this.keyStep = undefined;
      await this.focusOn('#issued-key', true);
    });
  }

  private async copyKey(): Promise<void> {
    const t = messages[this.language];
    try {
      await navigator.clipboard.writeText(this.issued!);
      this.announcement = t.copied;
    } catch {
      this.renderRoot.querySelector<HTMLInputElement>('#issued-key')?.select();
      this.announcement = t.copyManually;
    }
    this.requestUpdate();
  }

  private dismissKey(): Promise<void> {
    this.issued = undefined;
    this.announcement = messages[this.language].keyCleared;
    return this.focusOn('.issue');
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'technical-partner-upgrade': TechnicalPartnerUpgrade;
  }
  interface HTMLElementEventMap {
    'technical-partner-applied': CustomEvent<TechnicalPartnerAppliedDetail>;
    'technical-partner-key-issued': CustomEvent<TechnicalPartnerKeyIssuedDetail>;
  }
}
