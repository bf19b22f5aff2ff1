import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
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

const STATUSES: readonly string[] = ['pending', 'active', 'suspended'];

function parsePartner(value: unknown): TechnicalPartner {
  const partner = expectShape<TechnicalPartner>(value, {
    id: 'string',
    status: 'string',
    revenue_share_percent: 'string',
    total_app_referrals: 'number',
    total_app_earnings: 'string',
    app_name: 'string?',
    app_url: 'string?',
    approved_at: 'string?',
  });
  if (!STATUSES.includes(partner.status)) throw new ApiFailure('malformed', 'The API sent an unknown status.');
  return partner;
}

const PRICE_FIELDS = { product: 'string', name: 'string', price_per_1000: 'string', technical_partner_price_per_1000: 'string', discount_percent: 'string' } as const;

/** `{ technical_partner, prices }`: the developer's GET and the 201 of the developer's apply. */
export function parseOverview(json: unknown): TechnicalPartnerOverview {
  const overview = expectShape<TechnicalPartnerOverview>(json, { technical_partner: 'object?', prices: 'array' });
  return {
    technical_partner: overview.technical_partner === null ? null : parsePartner(overview.technical_partner),
    prices: expectEach<ProductPrice>(overview.prices, PRICE_FIELDS),
  };
}

/** The partner's developer-impact answer, reduced to its Technical Partner status. */
export function parsePartnerStatus(json: unknown): TechnicalPartnerOverview {
  const impact = expectShape<{ technical_partner: unknown }>(json, { technical_partner: 'object?' });
  return { technical_partner: impact.technical_partner === null ? null : parsePartner(impact.technical_partner), prices: [] };
}

function parseIssuedKey(json: unknown): IssuedApiKey {
  const issued = expectShape<IssuedApiKey>(json, { key: 'string', prefix: 'string', prices: 'array' });
  if (!issued.key) throw new ApiFailure('malformed', 'The API sent an empty key.');
  return issued;
}

type Field = 'email' | 'name' | 'company' | 'app_name' | 'app_url';
const FIELDS: Record<Audience, Field[]> = {
  developer: ['app_name', 'app_url'],
  partner: ['email', 'name', 'company', 'app_name', 'app_url'],
};
const REQUIRED: readonly Field[] = ['email', 'app_name'];
const MAX_LENGTH: Record<Field, number> = { email: 200, name: 200, company: 200, app_name: 200, app_url: 500 };
const INPUT_TYPE: Record<Field, string> = { email: 'email', name: 'text', company: 'text', app_name: 'text', app_url: 'url' };
const AUTOCOMPLETE: Record<Field, string> = { email: 'email', name: 'name', company: 'organization', app_name: 'off', app_url: 'url' };

function isWebUrl(value: string): boolean {
  try {
    return /^https?:$/.test(new URL(value).protocol);
  } catch {
    return false;
  }
}

const en = {
  title: 'Technical Partner program',
  intro: 'Earn a share of the revenue your app refers, and pay less for the API.',
  notYet: 'You are not a Technical Partner yet.',
  applyTitle: 'Apply to become a Technical Partner',
  partnerApplyIntro: 'You get a developer account linked to your directory.',
  email: 'Developer account email',
  name: 'Your name',
  company: 'Company',
  app_name: 'App name',
  app_url: 'App URL',
  optional: '(optional)',
  urlHint: 'Starts with https:// or http://',
  required: 'Enter this field.',
  tooLong: 'Use at most {max} characters.',
  invalidEmail: 'Enter an email address such as dev@example.com.',
  invalidUrl: 'Enter a web address starting with https:// or http://.',
  submit: 'Apply',
  sending: 'Sending…',
  applyFailed: 'Your application could not be sent. Try again.',
  applied: 'Application sent. Status: {status}.',
  statusTitle: 'Your Technical Partner status',
  status: 'Status',
  pending: 'Pending review',
  active: 'Active',
  suspended: 'Suspended',
  pendingText: 'Revenue share and preferential prices start once your application is approved.',
  activeText: 'You earn a share of the revenue your app refers and pay Technical Partner prices.',
  suspendedText: 'Earnings and preferential prices are paused. Contact support to restore them.',
  app: 'App',
  revenueShare: 'Revenue share',
  referrals: 'App referrals',
  earnings: 'App earnings',
  pricesTitle: 'Technical Partner API pricing',
  product: 'Product',
  standard: 'Standard price per 1,000 calls',
  partnerPrice: 'Technical Partner price',
  discount: 'Discount',
  discountWords: 'Active Technical Partners get a discounted price on every API product; prices and the API key are in the developer dashboard.',
  keyTitle: 'Technical Partner API key',
  keyIntro: 'Preferential prices apply to calls made with this key.',
  issue: 'Issue my Technical Partner API key',
  issuing: 'Issuing…',
  confirmText: 'A new key revokes your earlier Technical Partner key: apps using it must be updated.',
  confirm: 'Revoke the old key and issue a new one',
  cancel: 'Cancel',
  keyLabel: 'Your new API key',
  keyWarning: 'Store this key safely now: it will not be shown again. Any earlier Technical Partner key is now revoked.',
  copy: 'Copy',
  copied: 'Key copied to the clipboard.',
  copyManually: 'Copying is blocked: the key is selected, copy it with the keyboard.',
  stored: 'I have stored it',
  keyIssued: 'A new API key was issued (prefix {prefix}).',
  keyCleared: 'The key was removed from this page.',
  keyFailed: 'The key could not be issued. Try again.',
};

const messages: Messages<keyof typeof en> = {
  en,
  fr: {
    title: 'Programme Partenaire technique',
    intro: 'Touchez une part des revenus que votre application apporte, et payez l’API moins cher.',
    notYet: 'Vous n’êtes pas encore Partenaire technique.',
    applyTitle: 'Devenir Partenaire technique',
    partnerApplyIntro: 'Vous obtenez un compte développeur lié à votre annuaire.',
    email: 'E-mail du compte développeur',
    name: 'Votre nom',
    company: 'Entreprise',
    app_name: 'Nom de l’application',
    app_url: 'URL de l’application',
    optional: '(facultatif)',
    urlHint: 'Commence par https:// ou http://',
    required: 'Renseignez ce champ.',
    tooLong: 'Utilisez au plus {max} caractères.',
    invalidEmail: 'Saisissez une adresse e-mail, par exemple dev@example.com.',
    invalidUrl: 'Saisissez une adresse web commençant par https:// ou http://.',
    submit: 'Envoyer ma candidature',
    sending: 'Envoi…',
    applyFailed: 'Votre candidature n’a pas pu être envoyée. Réessayez.',
    applied: 'Candidature envoyée. Statut : {status}.',
    statusTitle: 'Votre statut de Partenaire technique',
    status: 'Statut',
    pending: 'En cours d’examen',
    active: 'Actif',
    suspended: 'Suspendu',
    pendingText: 'Le partage de revenus et les prix préférentiels commencent dès l’approbation de votre candidature.',
    activeText: 'Vous touchez une part des revenus apportés par votre application et payez les prix Partenaire technique.',
    suspendedText: 'Les gains et les prix préférentiels sont suspendus. Contactez le support pour les rétablir.',
    app: 'Application',
    revenueShare: 'Part des revenus',
    referrals: 'Recommandations de l’application',
    earnings: 'Gains de l’application',
    pricesTitle: 'Tarifs API Partenaire technique',
    product: 'Produit',
    standard: 'Prix standard pour 1 000 appels',
    partnerPrice: 'Prix Partenaire technique',
    discount: 'Remise',
    discountWords: 'Les Partenaires techniques actifs ont une remise sur chaque produit API ; tarifs et clé API sont dans le tableau de bord développeur.',
    keyTitle: 'Clé API Partenaire technique',
    keyIntro: 'Les prix préférentiels s’appliquent aux appels faits avec cette clé.',
    issue: 'Émettre ma clé API Partenaire technique',
    issuing: 'Émission…',
    confirmText: 'Une nouvelle clé révoque votre ancienne clé Partenaire technique : mettez à jour les applications qui l’utilisent.',
    confirm: 'Révoquer l’ancienne clé et en émettre une nouvelle',
    cancel: 'Annuler',
    keyLabel: 'Votre nouvelle clé API',
    keyWarning: 'Conservez cette clé en lieu sûr maintenant : elle ne sera plus affichée. Toute ancienne clé Partenaire technique est désormais révoquée.',
    copy: 'Copier',
    copied: 'Clé copiée dans le presse-papiers.',
    copyManually: 'Copie bloquée : la clé est sélectionnée, copiez-la au clavier.',
    stored: 'Je l’ai conservée',
    keyIssued: 'Une nouvelle clé API a été émise (préfixe {prefix}).',
    keyCleared: 'La clé a été retirée de cette page.',
    keyFailed: 'La clé n’a pas pu être émise. Réessayez.',
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
  private draft: Partial<Record<Field, string>> = {};
  private fieldErrors: Partial<Record<Field, string>> = {};
  private formError = '';
  private sending = false;
  private keyStep: 'idle' | 'confirm' | 'sending' = 'idle';
  private keyError = '';
  /** The secret, held only until the user says it is stored. */
  private issued?: { key: string; prefix: string };
  private announcement = '';
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
    parse: (json) => (this.isPartner ? parsePartnerStatus(json) : parseOverview(json)),
    given: () => this.data,
    isEmpty: (overview) => overview.technical_partner === null,
    authenticated: true,
  });

  protected mainResource() {
    return this.applied ? { status: 'data' as const } : this.overview;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    // A new credential, API or audience is a different account: forget what the last one did.
    if (changed.has('token') || changed.has('apiBase') || changed.has('audience') || changed.has('data')) {
      this.applied = undefined;
      this.issued = undefined;
      this.keyStep = 'idle';
      this.keyError = '';
      this.formError = '';
      this.fieldErrors = {};
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
      ${!this.applied && overview.status === 'empty' && overview.value ? this.renderApply(overview.value) : nothing}
      <p class="visually-hidden" role="status" aria-live="polite">${this.announcement}</p>
    </section>`;
  }

  private renderApply(overview: TechnicalPartnerOverview): TemplateResult {
    const t = messages[this.language];
    const fields = FIELDS[this.isPartner ? 'partner' : 'developer'];
    return html`<section class="apply" aria-labelledby="apply-title">
      <h3 id="apply-title">${t.applyTitle}</h3>
      ${this.isPartner ? html`<p class="muted">${t.partnerApplyIntro}</p>` : nothing}
      <form part="form" novalidate aria-describedby=${this.formError ? 'form-error' : nothing} aria-busy=${this.sending ? 'true' : 'false'} @submit=${this.onSubmit}>
        ${fields.map((field) => this.renderField(field))}
        <p id="form-error" class="form-error" role="alert">${this.formError}</p>
        <button type="submit" ?disabled=${this.sending}>${this.sending ? t.sending : t.submit}</button>
      </form>
      ${this.renderPrices(overview.prices)}
    </section>`;
  }

  private renderField(field: Field): TemplateResult {
    const t = messages[this.language];
    const error = this.fieldErrors[field];
    const required = REQUIRED.includes(field);
    const describedBy = [field === 'app_url' ? 'hint-app_url' : '', error ? `error-${field}` : ''].filter(Boolean).join(' ');
    return html`<div class="field">
      <label for="field-${field}">${t[field]} ${required ? nothing : html`<span class="muted">${t.optional}</span>`}</label>
      ${field === 'app_url' ? html`<span id="hint-app_url" class="hint muted">${t.urlHint}</span>` : nothing}
      <input
        id="field-${field}"
        name=${field}
        type=${INPUT_TYPE[field]}
        autocomplete=${AUTOCOMPLETE[field]}
        maxlength=${MAX_LENGTH[field]}
        ?required=${required}
        aria-invalid=${error ? 'true' : 'false'}
        aria-describedby=${describedBy || nothing}
        .value=${this.draft[field] ?? ''}
      />
      ${error ? html`<span id="error-${field}" class="field-error">${error}</span>` : nothing}
    </div>`;
  }

  private validate(values: Record<Field, string>, fields: Field[]): Partial<Record<Field, string>> {
    const t = messages[this.language];
    const errors: Partial<Record<Field, string>> = {};
    for (const field of fields) {
      const value = values[field];
      if (!value) {
        if (REQUIRED.includes(field)) errors[field] = t.required;
      } else if (value.length > MAX_LENGTH[field]) errors[field] = fill(t.tooLong, { max: formatCount(this.lang_, MAX_LENGTH[field]) });
      else if (field === 'email' && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value)) errors[field] = t.invalidEmail;
      else if (field === 'app_url' && !isWebUrl(value)) errors[field] = t.invalidUrl;
    }
    return errors;
  }

  private async onSubmit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    if (this.sending) return;
    const t = messages[this.language];
    const fields = FIELDS[this.isPartner ? 'partner' : 'developer'];
    const form = new FormData(event.currentTarget as HTMLFormElement);
    const values = Object.fromEntries(fields.map((field) => [field, String(form.get(field) ?? '').trim()])) as Record<Field, string>;
    this.draft = values;
    this.fieldErrors = this.validate(values, fields);
    this.formError = '';
    const invalid = fields.find((field) => this.fieldErrors[field]);
    if (invalid) {
      this.requestUpdate();
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLInputElement>(`#field-${invalid}`)?.focus();
      return;
    }
    if (this.apiBase === null || !this.token) {
      this.formError = this.signInMessage;
      this.requestUpdate();
      return;
    }
    const body = Object.fromEntries(fields.filter((field) => values[field]).map((field) => [field, values[field]]));
    const prices = this.overview.value?.prices ?? [];
    this.sending = true;
    this.requestUpdate();
    const action = this.startAction();
    try {
      const json = await request({
        apiBase: this.apiBase,
        path: this.isPartner ? '/v1/partner/me/technical-partner/apply' : '/v1/developer/me/technical-partner/apply',
        method: 'POST',
        body,
        token: this.token,
        timeoutMs: this.timeout,
        signal: action.signal,
      });
      const applied = this.isPartner
        ? { technical_partner: parsePartner(expectShape<{ technical_partner: unknown }>(json, { technical_partner: 'object' }).technical_partner), prices }
        : parseOverview(json);
      const partner = applied.technical_partner;
      if (!partner) throw new ApiFailure('malformed', 'The API sent no application.');
      this.applied = applied;
      this.draft = {};
      this.announcement = fill(t.applied, { status: t[partner.status] });
      this.dispatchEvent(
        new CustomEvent<TechnicalPartnerAppliedDetail>('technical-partner-applied', {
          detail: { status: partner.status, technicalPartnerId: partner.id },
          bubbles: true,
          composed: true,
        }),
      );
      this.requestUpdate();
      // The form is gone: keep keyboard focus on what replaced it.
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('#status-title')?.focus();
    } catch (error) {
      if (action.signal.aborted) return;
      const failure = error instanceof ApiFailure ? error : new ApiFailure('malformed', t.applyFailed);
      this.formError = this.failureMessage(failure, t.applyFailed);
      // Already applied (perhaps from another tab): the status on the server is the truth.
      if (failure.status === 409) this.overview.retry();
    } finally {
      if (!action.signal.aborted) {
        this.sending = false;
        this.requestUpdate();
      }
    }
  }

  private failureMessage(failure: ApiFailure, fallback: string): string {
    const say = common[this.language];
    if (failure.status === 401) return say.unauthorized;
    if (failure.status === 403) return say.forbidden;
    // The server's own words for what it refused (validation, conflicts).
    if (failure.status >= 400 && failure.status < 500 && failure.status !== 429) return failure.message;
    return fallback;
  }

  private startAction(): AbortController {
    this.action?.abort();
    return (this.action = new AbortController());
  }

  private renderStatus(overview: TechnicalPartnerOverview): TemplateResult {
    const partner = overview.technical_partner;
    if (!partner) return this.renderApply(overview);
    const t = messages[this.language];
    const locale = this.lang_;
    const appUrl = partner.app_url && isWebUrl(partner.app_url) ? partner.app_url : undefined;
    return html`<section class="status-view" aria-labelledby="status-title">
      <h3 id="status-title" tabindex="-1">${t.statusTitle}</h3>
      <p class="status-line">
        <span class="muted">${t.status}:</span>
        <span class="badge badge-${partner.status}" part="status">${t[partner.status]}</span>
      </p>
      <p>${t[`${partner.status}Text`]}</p>
      ${partner.app_name
        ? html`<p class="app"><span class="muted">${t.app}:</span> ${appUrl ? html`<a href=${appUrl} rel="noopener noreferrer" target="_blank">${partner.app_name}</a>` : partner.app_name}</p>`
        : nothing}
      <dl class="figures">
        <div class="figure"><dt>${t.revenueShare}</dt><dd part="value">${formatPercent(locale, partner.revenue_share_percent)}</dd></div>
        <div class="figure"><dt>${t.referrals}</dt><dd part="value">${formatCount(locale, partner.total_app_referrals)}</dd></div>
        <div class="figure"><dt>${t.earnings}</dt><dd part="value">${formatMoney(locale, partner.total_app_earnings)}</dd></div>
      </dl>
      ${this.isPartner ? html`<p class="discount-words">${t.discountWords}</p>` : this.renderPrices(overview.prices)}
      ${!this.isPartner && partner.status === 'active' ? this.renderKey(partner) : nothing}
    </section>`;
  }

  private renderPrices(prices: ProductPrice[]): TemplateResult {
    if (prices.length === 0) return html`${nothing}`;
    const t = messages[this.language];
    const locale = this.lang_;
    return html`<div class="prices">
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
    </div>`;
  }

  private renderKey(partner: TechnicalPartner): TemplateResult {
    const t = messages[this.language];
    const issued = this.issued;
    return html`<section class="key" aria-labelledby="key-title">
      <h3 id="key-title">${t.keyTitle}</h3>
      <p class="muted">${t.keyIntro}</p>
      ${issued
        ? html`<div class="key-box" part="key">
            <p class="key-warning" id="key-warning"><strong>${t.keyWarning}</strong></p>
            <label for="issued-key">${t.keyLabel}</label>
            <input id="issued-key" class="secret" readonly spellcheck="false" autocomplete="off" aria-describedby="key-warning" .value=${issued.key} />
            <div class="actions">
              <button type="button" class="copy" @click=${this.copyKey}>${t.copy}</button>
              <button type="button" class="secondary stored" @click=${this.dismissKey}>${t.stored}</button>
            </div>
          </div>`
        : this.keyStep === 'confirm'
          ? html`<div class="confirm" role="group" aria-labelledby="confirm-text">
              <p id="confirm-text">${t.confirmText}</p>
              <div class="actions">
                <button type="button" class="confirm-issue" @click=${this.issueKey}>${t.confirm}</button>
                <button type="button" class="secondary cancel" @click=${this.cancelIssue}>${t.cancel}</button>
              </div>
            </div>`
          : html`<button type="button" class="issue" ?disabled=${this.keyStep === 'sending'} @click=${() => this.askToIssue(partner)}>
              ${this.keyStep === 'sending' ? t.issuing : t.issue}
            </button>`}
      <p class="form-error" role="alert">${this.keyError}</p>
    </section>`;
  }

  private async askToIssue(partner: TechnicalPartner): Promise<void> {
    this.keyError = '';
    // An approved application may already have a key, and issuing revokes it: ask first.
    if (partner.approved_at === null) return this.issueKey();
    this.keyStep = 'confirm';
    this.requestUpdate();
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLButtonElement>('.confirm-issue')?.focus();
  }

  private async cancelIssue(): Promise<void> {
    this.keyStep = 'idle';
    this.requestUpdate();
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLButtonElement>('.issue')?.focus();
  }

  private async issueKey(): Promise<void> {
    if (this.keyStep === 'sending') return;
    const t = messages[this.language];
    if (this.apiBase === null || !this.token) {
      this.keyStep = 'idle';
      this.keyError = this.signInMessage;
      this.requestUpdate();
      return;
    }
    this.keyStep = 'sending';
    this.keyError = '';
    this.requestUpdate();
    const action = this.startAction();
    try {
      const issued = parseIssuedKey(
        await request({ apiBase: this.apiBase, path: '/v1/developer/me/technical-partner/key', method: 'POST', token: this.token, timeoutMs: this.timeout, signal: action.signal }),
      );
      this.issued = { key: issued.key, prefix: issued.prefix };
      this.announcement = fill(t.keyIssued, { prefix: issued.prefix });
      this.dispatchEvent(
        new CustomEvent<TechnicalPartnerKeyIssuedDetail>('technical-partner-key-issued', { detail: { prefix: issued.prefix }, bubbles: true, composed: true }),
      );
      this.keyStep = 'idle';
      this.requestUpdate();
      await this.updateComplete;
      const field = this.renderRoot.querySelector<HTMLInputElement>('#issued-key');
      field?.focus();
      field?.select();
    } catch (error) {
      if (action.signal.aborted) return;
      const failure = error instanceof ApiFailure ? error : new ApiFailure('malformed', t.keyFailed);
      this.keyStep = 'idle';
      this.keyError = this.failureMessage(failure, t.keyFailed);
      this.requestUpdate();
      // No application, or no longer active: show the status as it now is.
      if (failure.status === 404 || failure.status === 409) {
        this.applied = undefined;
        this.overview.retry();
      }
    }
  }

  private async copyKey(): Promise<void> {
    const t = messages[this.language];
    const key = this.issued?.key;
    if (!key) return;
    try {
      await navigator.clipboard.writeText(key);
      this.announcement = t.copied;
    } catch {
      this.renderRoot.querySelector<HTMLInputElement>('#issued-key')?.select();
      this.announcement = t.copyManually;
    }
    this.requestUpdate();
  }

  private async dismissKey(): Promise<void> {
    this.issued = undefined;
    this.announcement = messages[this.language].keyCleared;
    this.requestUpdate();
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLButtonElement>('.issue')?.focus();
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
