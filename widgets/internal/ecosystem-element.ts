import { LitElement, type PropertyValues, type TemplateResult } from 'lit';
import type { ApiResource, ResourceHost, Status } from './api-resource.ts';
import { common, languageOf, type Language } from './i18n.ts';
import { localeOf, renderStates } from './states.ts';

const DEFAULT_TIMEOUT_MS = 4000;

/**
 * What every widget shares: where the API is, the credential, the locale, and the rendering of
 * the loading, empty, error and signed-out states around its own data template.
 */
export abstract class EcosystemElement extends LitElement implements ResourceHost {
  static override properties = {
    apiBase: { attribute: 'api-base' },
    locale: { reflect: false },
    timeout: { type: Number },
    token: { attribute: false },
    state: { reflect: true },
  };

  /** Base URL of the Ecosystem API; empty means the page's own origin. Without it, nothing is fetched. */
  declare apiBase: string | null;
  /** BCP 47 locale for text, numbers and money; defaults to the nearest `lang` attribute, then the browser's. */
  declare locale: string | undefined;
  /** Milliseconds to wait for the API before showing the error state. */
  declare timeout: number;
  /** Credential for authenticated widgets: a property only, so it never appears in the page's markup. */
  declare token: string | undefined;
  /** The state shown (`idle`, `loading`, `empty`, `data` or `error`), reflected for styling and tests. */
  declare state: Status;

  constructor() {
    super();
    this.apiBase = null;
    this.timeout = DEFAULT_TIMEOUT_MS;
    this.state = 'idle';
  }

  /** The resolved locale. */
  protected get lang_(): string {
    return localeOf(this, this.locale);
  }

  protected get language(): Language {
    return languageOf(this.lang_);
  }

  // Controllers update after willUpdate, so the state is read here, just before rendering and
  // reflection, and lands in the same update.
  protected override update(changed: PropertyValues): void {
    const resource = this.mainResource();
    if (resource) this.state = resource.status;
    super.update(changed);
  }

  /** The resource whose status is the element's state; undefined for elements without one. */
  protected abstract mainResource(): { readonly status: Status } | undefined;

  /** Renders the resource's state: the data template only ever receives checked data. */
  protected renderStates<T>(resource: ApiResource<T>, data: (value: T) => TemplateResult, options: { empty?: string; idle?: string } = {}): TemplateResult {
    return renderStates(resource, this.language, data, options);
  }

  /** The idle message of authenticated widgets. */
  protected get signInMessage(): string {
    return common[this.language].signIn;
  }
}
