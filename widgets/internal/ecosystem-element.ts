import { isServer, LitElement, type PropertyValues, type ReactiveController, type TemplateResult } from 'lit';
import { ApiResource, type ResourceHost, type Status } from './api-resource.ts';
import { type Language, languageOf, localeOf } from './i18n.ts';
import { renderStates } from './states.ts';

/** Attributes that would put a credential in the page's markup, where any visitor can read it. */
const CREDENTIAL_ATTRIBUTES = ['token', 'api-key', 'client-secret', 'secret'];
let warned = false;

/**
 * What every widget shares: where the API is, the locale, data given instead of fetched, and the
 * rendering of the loading, empty, error and signed-out states around its own data template. A
 * credential attribute in markup (`token`, `api-key`, `client-secret`, `secret`) is removed at
 * once, with one console warning per page. The attributes, properties, parts and custom
 * properties documented here are every element's; each element's manifest entry inherits them.
 *
 * @csspart base - The card.
 * @csspart header - The title row.
 * @csspart state - The loading, empty, error or signed-out message.
 * @csspart button - The retry button (and the element's other buttons where it says so).
 *
 * @cssproperty --ew-color-accent - Accent color: buttons, links, selected controls and chart marks.
 * @cssproperty --ew-color-on-accent - Text on accent-colored buttons.
 * @cssproperty --ew-color-text - Text color.
 * @cssproperty --ew-color-muted - Secondary text and axis labels.
 * @cssproperty --ew-color-surface - Card background.
 * @cssproperty --ew-color-subtle - Background of figure tiles, boxes and bar tracks.
 * @cssproperty --ew-color-border - Border and grid-line color.
 * @cssproperty --ew-color-positive - Good news: an active or healthy status, growth, a live connection, a done copy.
 * @cssproperty --ew-color-warning - What needs watching: a pending or watch status, a reconnecting stream, the one-time key.
 * @cssproperty --ew-color-danger - Errors, field errors, and a suspended, at-risk or shrinking figure.
 * @cssproperty --ew-color-focus - The keyboard focus ring (default: the accent color).
 * @cssproperty --ew-radius - Corner radius.
 * @cssproperty --ew-space - Base spacing.
 * @cssproperty --ew-font-family - Font family.
 * @cssproperty --ew-font-size - Base font size (default 16px); text and spacing in em follow it.
 */
export abstract class EcosystemElement<Data = unknown> extends LitElement implements ResourceHost {
  static override properties = {
    apiBase: { attribute: 'api-base' },
    locale: { reflect: false },
    theme: { reflect: true },
    timeout: { type: Number },
    data: { attribute: false },
    state: { reflect: true },
  };

  /** Base URL of the Ecosystem API; empty means the page's own origin. Without it, nothing is fetched. */
  declare apiBase: string | null;
  /** BCP 47 locale for text, numbers, dates and money (English and French built in); defaults to the nearest `lang` attribute, then the browser's. */
  declare locale: string | undefined;
  /** Pins the colour scheme (`light` or `dark`, drawn by the `theme` attribute it reflects); unset follows the visitor's. */
  declare theme: 'light' | 'dark' | undefined;
  /** Milliseconds to wait for the API before showing the error state (default 4000). */
  declare timeout: number;
  /** The element's data, given directly instead of fetched (server-rendered hosts, Storybook): shown as is, and nothing is fetched. */
  declare data: Data | undefined;
  /** The state shown: `idle` (nothing to ask yet: no api-base, or no `fetchSession` where one is needed), `loading`, `empty`, `data` or `error`. Reflected for styling and tests. */
  declare state: Status;

  constructor() {
    super();
    this.apiBase = null;
    this.timeout = 4000;
    this.state = 'idle';
  }

  static override get observedAttributes(): string[] {
    // biome-ignore lint/complexity/noThisInStatic: Lit's getter must run for this very class, which `super` does.
    return [...super.observedAttributes, ...CREDENTIAL_ATTRIBUTES];
  }

  // A credential in markup is public: take it out of the DOM at once and tell the developer, once per page.
  override attributeChangedCallback(name: string, old: string | null, value: string | null): void {
    if (!CREDENTIAL_ATTRIBUTES.includes(name)) {
      super.attributeChangedCallback(name, old, value);
    } else if (value !== null) {
      this.removeAttribute(name);
      if (!warned)
        console.warn(`<${this.localName}> removed its ${name} attribute: credentials in pages are public. Set fetchSession to use an embed session.`);
      warned = true;
    }
  }

  /** The resolved locale. */
  protected get lang_(): string {
    return localeOf(this, this.locale);
  }

  protected get language(): Language {
    return languageOf(this.lang_);
  }

  /** Kept on the server only, where Lit SSR calls willUpdate and render but no controller. */
  private serverResources?: ApiResource<unknown>[];

  override addController(controller: ReactiveController): void {
    super.addController(controller);
    if (isServer && controller instanceof ApiResource) (this.serverResources ??= []).push(controller);
  }

  // A server render (Lit SSR) shows data given as a property here, and reflects it as the state;
  // it never fetches. In the browser the resources run in the update cycle as usual.
  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    if (!isServer) return;
    for (const resource of this.serverResources ?? []) resource.showGiven();
    const resource = this.mainResource();
    if (resource) this.state = resource.status;
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
}
