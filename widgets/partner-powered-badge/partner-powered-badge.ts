import type { ReactiveController } from 'lit';
import { apiUrl } from '../internal/api-client.ts';
import { ApiResource, type ResourceHost, type Status } from '../internal/api-resource.ts';
import { emit } from '../internal/emit.ts';
import { formatCount, formatDate, formatPercent } from '../internal/format.ts';
import { common, languageOf, localeOf, refusal } from '../internal/i18n.ts';
import { type Badge, parseBadge } from './partner-powered-badge.api.ts';
import { messages } from './partner-powered-badge.messages.ts';
import { styles } from './partner-powered-badge.styles.ts';
import { h, toNodes, type View } from './partner-powered-badge.view.ts';

/**
 * The app's public verify page, on the API's origin (an empty api-base: this page's origin).
 * Only web and root-relative links: api-base is page markup, and `javascript:` must never become a link.
 */
export const verifyUrl = (apiBase: string | null, appId: string) => {
  if (apiBase === null) return undefined;
  const url = apiUrl(apiBase, `/verify/apps/${encodeURIComponent(appId)}`);
  return /^(https?:\/\/|\/)/i.test(url) ? url : undefined;
};

// Node has no HTMLElement: a bare base lets the module load there (server rendering, tools). The
// server renderer (partner-powered-badge.ssr.ts) calls no DOM method of the element.
const Base: typeof HTMLElement = globalThis.HTMLElement ?? (class {} as unknown as typeof HTMLElement);

// The most embedded widget, its page held to an 8 KB budget (docs/PERFORMANCE.md): it builds its
// few nodes itself (partner-powered-badge.view.ts) on a small element layer of its own instead of
// LitElement and lit-html, so its page loads the shared runtime chunk only, not the elements
// chunk; it shares the API client, the fetch controller, formatting and the design tokens.

/**
 * A compact "Partner-Powered" badge for one app: the mark, the app's name linking to its public
 * verify page (`<api-base>/verify/apps/<app-id>`), and a disclosure listing the directories whose
 * businesses the app's data came from, with each one's share.
 *
 * Put a plain link to the verify page inside the element: it shows until the element is defined
 * (or when scripts never run), and the element's shadow root, which has no slot, hides it after.
 *
 * @summary The Partner-Powered badge of an app.
 * @tag partner-powered-badge
 *
 * @attr {string} app-id - The app's id; without it nothing is fetched.
 * @attr {string} api-base - Base URL of the Ecosystem API; empty for the page's own origin.
 * @attr {string} locale - BCP 47 locale for text, numbers and dates (English and French built in).
 * @attr {number} timeout - Milliseconds to wait for the API before showing the error state (default 4000).
 * @attr {'light' | 'dark'} theme - Pins the colour scheme; without it the badge follows the visitor's (`prefers-color-scheme`).
 *
 * @fires badge-directories-toggle - The user opened or closed the list of directories; `detail: { open: boolean }`.
 *
 * @csspart base - The badge.
 * @csspart header - The mark and the "Partner-Powered" label.
 * @csspart value - The app's name.
 * @csspart toggle - The button that opens the list of directories.
 * @csspart directories - The list of directories.
 * @csspart state - The loading, empty or error message.
 * @csspart button - The retry button.
 *
 * @cssproperty --ew-color-accent - Color of the mark, the link and the toggle.
 * @cssproperty --ew-color-on-accent - Color of the check inside the mark.
 * @cssproperty --ew-color-text - Text color.
 * @cssproperty --ew-color-muted - Secondary text color.
 * @cssproperty --ew-color-surface - Badge background.
 * @cssproperty --ew-color-border - Border color.
 * @cssproperty --ew-color-danger - The error message.
 * @cssproperty --ew-color-focus - The keyboard focus ring (default: the accent color).
 * @cssproperty --ew-radius - Corner radius.
 * @cssproperty --ew-space - Base spacing.
 * @cssproperty --ew-font-family - Font family.
 * @cssproperty --ew-font-size - Base font size (default 16px); text and spacing in em follow it.
 */
export class PartnerPoweredBadge extends Base implements ResourceHost {
  static observedAttributes = ['api-base', 'app-id', 'locale', 'theme', 'timeout'];

  /** Base URL of the Ecosystem API; empty means the page's own origin. Without it, nothing is fetched. */
  declare apiBase: string | null;
  /** The app whose badge is shown. */
  declare appId: string | undefined;
  /** BCP 47 locale; defaults to the nearest `lang` attribute, then the browser's. */
  declare locale: string | undefined;
  /** Milliseconds to wait for the API before showing the error state. */
  declare timeout: number;
  /** The badge, given directly instead of fetched (server-rendered hosts, Storybook). */
  declare data: Badge | undefined;
  /** Resolves when the pending render is done (as Lit elements' does). */
  updateComplete: Promise<boolean> = Promise.resolve(true);

  /** Whether the list of directories is open: internal state, rendered when it changes. */
  declare private open: boolean;

  /** Read and written by the accessors defined below the class. */
  protected values: Record<string, unknown> = { apiBase: null, timeout: 4000, open: false };
  private controllers: ReactiveController[] = [];
  private pending = false;
  /** Whether the shadow root still holds what a server rendered (declarative shadow DOM). */
  private serverRendered = false;

  constructor() {
    super();
    // properties a page set before the element was defined go through the accessors
    for (const name of PROPERTIES) {
      if (Object.hasOwn(this, name)) {
        const value = (this as Record<string, unknown>)[name];
        delete (this as Record<string, unknown>)[name];
        (this as Record<string, unknown>)[name] = value;
      }
    }
  }

  private readonly badge = new ApiResource<Badge>(this, {
    path: () => (this.appId ? `/v1/public/apps/${encodeURIComponent(this.appId)}/badge` : undefined),
    parse: parseBadge,
    given: () => this.data,
    isEmpty: (badge) => !badge.partner_powered,
  });

  /** Pins the colour scheme (`light` or `dark`), as the `theme` attribute the styles draw from; unset follows the visitor's. */
  get theme(): 'light' | 'dark' | undefined {
    return (this.getAttribute('theme') as 'light' | 'dark' | null) ?? undefined;
  }

  set theme(value: 'light' | 'dark' | undefined) {
    if (value) this.setAttribute('theme', value);
    else this.removeAttribute('theme');
  }

  /** The state shown (`idle`, `loading`, `empty`, `data` or `error`), reflected as an attribute. */
  get state(): Status {
    return (this.getAttribute('state') as Status | null) ?? 'idle';
  }

  addController(controller: ReactiveController): void {
    this.controllers.push(controller);
  }

  removeController(controller: ReactiveController): void {
    this.controllers = this.controllers.filter((c) => c !== controller);
  }

  attributeChangedCallback(name: string, _old: string | null, value: string | null): void {
    if (name === 'api-base') this.apiBase = value;
    else if (name === 'app-id') this.appId = value ?? undefined;
    else if (name === 'locale') this.locale = value ?? undefined;
    else if (name === 'theme')
      return; // drawn by the styles from the attribute itself
    else this.timeout = Number(value) || 4000;
  }

  connectedCallback(): void {
    if (!this.shadowRoot) this.attachShadow({ mode: 'open' }).adoptedStyleSheets = [sheet()];
    else if (!this.shadowRoot.adoptedStyleSheets.length) {
      // a declarative shadow root from a server render: kept until the badge has its own content
      this.serverRendered = this.shadowRoot.childNodes.length > 0;
      this.shadowRoot.adoptedStyleSheets = [sheet()];
    }
    for (const controller of this.controllers) controller.hostConnected?.();
    this.requestUpdate();
  }

  disconnectedCallback(): void {
    for (const controller of this.controllers) controller.hostDisconnected?.();
  }

  /** Schedules one render in a microtask, however many changes come before it. */
  requestUpdate(): void {
    if (this.pending) return;
    this.pending = true;
    this.updateComplete = new Promise((resolve) =>
      queueMicrotask(() => {
        this.pending = false;
        this.update();
        resolve(true);
      }),
    );
  }

  private update(): void {
    if (!this.shadowRoot) return;
    for (const controller of this.controllers) controller.hostUpdate?.();
    if (this.serverRendered) {
      // the server's content stays while the badge has nothing better (idle, or still loading)
      if (this.badge.status === 'idle' || this.badge.status === 'loading') return;
      this.serverRendered = false;
      this.shadowRoot.replaceChildren();
    }
    if (this.getAttribute('state') !== this.badge.status) this.setAttribute('state', this.badge.status);
    this.shadowRoot.replaceChildren(...toNodes([this.view()]));
    for (const controller of this.controllers) controller.hostUpdated?.();
  }

  /**
   * The state and the shadow root's content as they stand, for a server render
   * (partner-powered-badge.ssr.ts): data given as a property, never fetched; no DOM is touched.
   * @internal
   */
  renderForServer(): { state: Status; content: View } {
    this.badge.showGiven();
    return { state: this.badge.status, content: this.view() };
  }

  private get lang_(): string {
    return localeOf(this, this.locale);
  }

  private view(): View {
    const t = messages[languageOf(this.lang_)];
    return h(
      'div',
      { class: 'frame', part: 'base', role: 'group', 'aria-labelledby': 'label' },
      h(
        'p',
        { class: 'mark', part: 'header' },
        h('svg', { viewBox: '0 0 20 20', 'aria-hidden': 'true' }, h('circle', { cx: '10', cy: '10', r: '10' }), h('path', { d: 'M5.5 10.5l3 3 6-6.5' })),
        h('span', { id: 'label' }, t.label),
      ),
      ...this.stateView(t.empty),
    );
  }

  /** The loading, empty and error states (the other widgets' `renderStates`, without lit-html), or the badge. */
  private stateView(empty: string): View[] {
    const language = languageOf(this.lang_);
    const say = common[language];
    const state = (attrs: Record<string, string>, ...children: View[]) => h(attrs.role ? 'div' : 'p', { part: 'state', ...attrs }, ...children);
    switch (this.badge.status) {
      case 'data':
        return this.badgeView(this.badge.value as Badge);
      case 'empty':
        return [state({ class: 'state empty' }, empty)];
      case 'error': {
        const status = this.badge.error?.status;
        const message = refusal(language, status) ?? say.error;
        return [
          state(
            { class: 'state error', role: 'alert' },
            h('p', {}, message),
            h('button', { type: 'button', part: 'button', '@click': () => this.badge.retry() }, say.retry),
          ),
        ];
      }
      case 'loading':
        // the controls' styles (styles/tokens.ts) draw a turning ring before the text
        return [state({ class: 'state loading', role: 'status', 'aria-live': 'polite' }, say.loading)];
      default:
        return [];
    }
  }

  private badgeView(badge: Badge): View[] {
    const t = messages[languageOf(this.lang_)];
    const locale = this.lang_;
    const url = verifyUrl(this.apiBase, badge.app.id);
    const since = badge.partner_powered_since && formatDate(locale, badge.partner_powered_since);
    // A plain string, not a template: the build trims the space at the end of an html`` template,
    // which ran the separator into the count ("·4,280"). The no-break space keeps "·" off a new line.
    const count = badge.directories.length;
    return [
      h(
        'p',
        { class: 'app', part: 'value' },
        url
          ? h('a', { href: url, target: '_blank', rel: 'noopener noreferrer' }, badge.app.name, h('span', { class: 'visually-hidden' }, ` ${t.newTab}`))
          : badge.app.name,
      ),
      h('p', { class: 'muted' }, since ? `${t.since(since)}\u00a0· ` : false, t.records(formatCount(locale, badge.records_served))),
      count > 0 &&
        h(
          'button',
          { type: 'button', part: 'toggle', 'aria-expanded': String(this.open), 'aria-controls': 'directories', '@click': () => this.toggle() },
          t.directories(formatCount(locale, count)),
        ),
      count > 0 &&
        h(
          'ul',
          { id: 'directories', part: 'directories', hidden: !this.open },
          ...badge.directories.map((d) =>
            h('li', {}, h('span', {}, d.directory_name), ' ', h('span', { class: 'share' }, formatPercent(locale, d.share_percent))),
          ),
        ),
    ];
  }

  /** Opens or closes the list in place, so the button keeps the keyboard focus. */
  private toggle() {
    const open = !this.open;
    this.values.open = open;
    this.shadowRoot?.querySelector('[part="toggle"]')?.setAttribute('aria-expanded', String(open));
    const list = this.shadowRoot?.getElementById('directories');
    if (list) list.hidden = !open;
    emit(this, 'badge-directories-toggle', { open });
  }
}

/** The reactive properties (and the internal `open` state): setting one schedules a render. */
const PROPERTIES = ['apiBase', 'appId', 'locale', 'timeout', 'data', 'open'] as const;
for (const name of PROPERTIES) {
  Object.defineProperty(PartnerPoweredBadge.prototype, name, {
    get(this: { values: Record<string, unknown> }) {
      return this.values[name];
    },
    set(this: { values: Record<string, unknown>; requestUpdate(): void }, value: unknown) {
      this.values[name] = value;
      this.requestUpdate();
    },
  });
}

let shared: CSSStyleSheet | undefined;
/** One constructed style sheet for every badge on the page. */
const sheet = () => {
  if (!shared) {
    shared = new CSSStyleSheet();
    shared.replaceSync(styles);
  }
  return shared;
};
