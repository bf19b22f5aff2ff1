import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { apiUrl } from '../internal/api-client.ts';
import { ApiResource, type Status } from '../internal/api-resource.ts';
import { EcosystemElement } from '../internal/ecosystem-element.ts';
import { formatCount, formatDate } from '../internal/format.ts';
import { fill, type Messages } from '../internal/i18n.ts';
import { expectEach, expectShape } from '../internal/shape.ts';
import { baseStyles } from '../styles/base.styles.ts';
import { styles } from './live-business-feed.styles.ts';

/** A business as the public may see it. */
export interface PublicBusiness {
  id: string;
  business_name: string;
  category: string;
  city: string;
  state: string;
  average_rating: number | null;
  partner_id: string;
  referring_directory: string;
}

/** A business entering the data pool: an item of `newest` and the data of each streamed event. */
export interface PoolEntry {
  event_id: string;
  entered_at: string;
  business: PublicBusiness;
}

/** The answer of `GET /v1/public/feed`. */
export interface Feed {
  total_businesses: number;
  by_category: { category: string; businesses: number }[];
  by_state: { state: string; businesses: number; cities: { city: string; businesses: number }[] }[];
  newest: PoolEntry[];
}

/** Connection of the live stream, shown as text. */
export type LiveStatus = 'connecting' | 'connected' | 'reconnecting' | 'offline';

const CITIES_PER_STATE = 5;
/** After the browser gives up on the stream (an HTTP error), try a fresh connection this much later. */
const REOPEN_MS = 15000;

export function parsePoolEntry(json: unknown): PoolEntry {
  const entry = expectShape<PoolEntry>(json, { event_id: 'string', entered_at: 'string', business: 'object' });
  expectShape(entry.business, {
    id: 'string',
    business_name: 'string',
    category: 'string',
    city: 'string',
    state: 'string',
    average_rating: 'number?',
    referring_directory: 'string',
  });
  return entry;
}

export function parseFeed(json: unknown): Feed {
  const feed = expectShape<Feed>(json, { total_businesses: 'number', by_category: 'array', by_state: 'array', newest: 'array' });
  expectEach(feed.by_category, { category: 'string', businesses: 'number' });
  for (const state of expectEach<Feed['by_state'][number]>(feed.by_state, { state: 'string', businesses: 'number', cities: 'array' })) {
    expectEach(state.cities, { city: 'string', businesses: 'number' });
  }
  feed.newest.forEach(parsePoolEntry);
  return feed;
}

const byCount = (a: { businesses: number }, b: { businesses: number }) => b.businesses - a.businesses;

const messages: Messages<
  | 'title'
  | 'total'
  | 'categories'
  | 'states'
  | 'newestTitle'
  | 'noneYet'
  | 'byCategory'
  | 'category'
  | 'byState'
  | 'state'
  | 'businesses'
  | 'topCities'
  | 'via'
  | 'rated'
  | 'pause'
  | 'connecting'
  | 'connected'
  | 'reconnecting'
  | 'offline'
  | 'paused'
  | 'empty'
> = {
  en: {
    title: 'Partner-contributed businesses',
    total: 'Businesses',
    categories: 'Categories',
    states: 'States',
    newestTitle: 'Newest businesses',
    noneYet: 'No businesses yet.',
    byCategory: 'By category',
    category: 'Category',
    byState: 'By state',
    state: 'State',
    businesses: 'Businesses',
    topCities: 'Top cities',
    via: 'via {directory}',
    rated: 'rated {rating}',
    pause: 'Pause live updates',
    connecting: 'Connecting…',
    connected: 'Live',
    reconnecting: 'Reconnecting…',
    offline: 'Live updates unavailable',
    paused: 'Paused · {count} new',
    empty: 'No partner-contributed businesses yet. New ones will appear here as they arrive.',
  },
  fr: {
    title: 'Entreprises apportées par les partenaires',
    total: 'Entreprises',
    categories: 'Catégories',
    states: 'États',
    newestTitle: 'Dernières entreprises',
    noneYet: 'Aucune entreprise pour l’instant.',
    byCategory: 'Par catégorie',
    category: 'Catégorie',
    byState: 'Par État',
    state: 'État',
    businesses: 'Entreprises',
    topCities: 'Principales villes',
    via: 'via {directory}',
    rated: 'note {rating}',
    pause: 'Mettre en pause les mises à jour en direct',
    connecting: 'Connexion…',
    connected: 'En direct',
    reconnecting: 'Reconnexion…',
    offline: 'Mises à jour en direct indisponibles',
    paused: 'En pause · {count} nouvelles',
    empty: 'Aucune entreprise apportée par les partenaires pour l’instant. Les nouvelles apparaîtront ici dès leur arrivée.',
  },
};

/**
 * Partner-contributed businesses by category and by state, and the newest ones arriving in real
 * time over Server-Sent Events. Arrivals are announced politely; the user can pause them, in which
 * case they are held back ("3 new") and applied on resume.
 *
 * @summary Businesses entering the data pool, live.
 * @tag live-business-feed
 *
 * @attr {string} api-base - Base URL of the Ecosystem API; empty for the page's own origin.
 * @attr {string} locale - BCP 47 locale for text, numbers and dates (English and French built in).
 * @attr {number} timeout - Milliseconds to wait for the API before showing the error state (default 4000).
 * @attr {number} newest - How many newest businesses to list (default 10, at most 50).
 * @attr {'on' | 'off'} live - `off` shows the feed as loaded, without the live stream (default `on`).
 * @attr {boolean} paused - Live arrivals are held back until unset; the pause button toggles it.
 * @attr {string} state - Reflected: `loading`, `empty`, `data` or `error`.
 *
 * @fires business-arrived - A streamed business was applied to the feed (a consequence of server data,
 *   not of a user action): `detail: { business }`.
 * @fires feed-pause-change - The user paused or resumed live updates: `detail: { paused }`.
 *
 * @csspart base - The card.
 * @csspart header - The title row with the live indicator and the pause button.
 * @csspart value - Each headline figure.
 * @csspart live - The live indicator.
 * @csspart newest - The list of newest businesses.
 * @csspart bar - Each bar of the geographic distribution.
 * @csspart state - The loading, empty or error message.
 * @csspart button - The pause and retry buttons.
 *
 * @cssproperty --ew-color-accent - Accent color of bars and buttons.
 * @cssproperty --ew-color-positive - Color of the connected dot.
 * @cssproperty --ew-color-warning - Color of the reconnecting dot.
 * @cssproperty --ew-color-text - Text color.
 * @cssproperty --ew-color-muted - Secondary text color.
 * @cssproperty --ew-color-surface - Card background.
 * @cssproperty --ew-color-subtle - Background of figure tiles, list items and bar tracks.
 * @cssproperty --ew-color-border - Border color.
 * @cssproperty --ew-radius - Corner radius.
 * @cssproperty --ew-space - Base spacing.
 * @cssproperty --ew-font-family - Font family.
 */
export class LiveBusinessFeed extends EcosystemElement {
  static override styles = [baseStyles, styles];
  static override properties = {
    ...EcosystemElement.properties,
    data: { attribute: false },
    newest: { type: Number },
    live: {},
    paused: { type: Boolean, reflect: true },
  };

  /** The feed, given directly instead of fetched; given data is never streamed into. */
  declare data: Feed | undefined;
  /** How many newest businesses to list. */
  declare newest: number;
  /** `off` disables the live stream. */
  declare live: 'on' | 'off';
  /** While true, arrivals are buffered and counted instead of shown. */
  declare paused: boolean;

  /** The feed as shown: a copy of the loaded one with every applied arrival. */
  private view?: Feed;
  private viewBase?: Feed;
  private seen = new Set<string>();
  private buffered: PoolEntry[] = [];
  private shown: PoolEntry[] = [];
  private source?: EventSource;
  private sourceKey?: string;
  private reopenTimer?: ReturnType<typeof setTimeout>;
  /** Not reactive: it changes from the stream's callbacks, which request the update themselves. */
  private liveStatus: LiveStatus = 'connecting';

  private readonly feed = new ApiResource<Feed>(this, {
    path: () => `/v1/public/feed?newest=${this.cap}&cities=${CITIES_PER_STATE}`,
    parse: parseFeed,
    given: () => this.data,
  });

  constructor() {
    super();
    this.newest = 10;
    this.live = 'on';
    this.paused = false;
  }

  private get cap(): number {
    const n = Math.floor(Number(this.newest));
    return Number.isFinite(n) ? Math.min(50, Math.max(1, n)) : 10;
  }

  protected mainResource(): { readonly status: Status } {
    const status = this.feed.status;
    const view = this.currentView();
    return { status: status === 'data' && view && view.total_businesses === 0 && view.newest.length === 0 ? 'empty' : status };
  }

  /** Rebuilds the shown copy whenever a new feed was loaded or given. */
  private currentView(): Feed | undefined {
    const base = this.feed.status === 'data' ? this.feed.value : undefined;
    if (base !== this.viewBase) {
      this.viewBase = base;
      this.buffered = [];
      this.view = base && {
        total_businesses: base.total_businesses,
        by_category: base.by_category.map((c) => ({ ...c })),
        by_state: base.by_state.map((s) => ({ ...s, cities: s.cities.map((c) => ({ ...c })) })),
        newest: base.newest.slice(0, this.cap),
      };
      this.seen = new Set(base?.newest.flatMap((entry) => [`e${entry.event_id}`, `b${entry.business.id}`]));
    }
    return this.view;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // Back on the page: the resource reloads (arrivals were missed meanwhile) and the stream reopens.
    this.requestUpdate();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.closeStream();
  }

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    if (changed.has('paused') && !this.paused) this.flush();
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    this.syncStream();
    // Announced once rendered, so listeners find the business on the page.
    const shown = this.shown;
    this.shown = [];
    for (const entry of shown) {
      this.dispatchEvent(new CustomEvent('business-arrived', { detail: { business: entry.business }, bubbles: true, composed: true }));
    }
  }

  /** One stream per loaded feed, only while connected, fetched (not given) and live. */
  private syncStream(): void {
    const key = this.streamWanted() ? apiUrl(this.apiBase!, '/v1/public/feed/stream') : undefined;
    if (key === this.sourceKey && (key === undefined || this.viewBase === this.feed.value)) return;
    this.closeStream();
    if (key === undefined) return;
    this.currentView();
    this.sourceKey = key;
    this.openStream(key);
  }

  private streamWanted(): boolean {
    return this.isConnected && this.live !== 'off' && this.data === undefined && this.feed.status === 'data' && this.apiBase !== null && typeof EventSource === 'function';
  }

  private openStream(url: string): void {
    const source = new EventSource(url);
    this.source = source;
    this.liveStatus = 'connecting';
    const show = (status: LiveStatus) => {
      this.liveStatus = status;
      this.requestUpdate();
    };
    source.addEventListener('open', () => show('connected'));
    source.addEventListener('error', () => {
      // CLOSED means the browser gave up (an HTTP error or a wrong content type); otherwise it reconnects by itself.
      if (source.readyState === 2) {
        show('offline');
        this.reopenTimer = setTimeout(() => {
          if (this.source === source) this.openStream(url);
        }, REOPEN_MS);
      } else {
        show('reconnecting');
      }
    });
    source.addEventListener('business', (event) => this.receive((event as MessageEvent).data));
  }

  private closeStream(): void {
    clearTimeout(this.reopenTimer);
    this.source?.close();
    this.source = undefined;
    this.sourceKey = undefined;
  }

  /** A streamed event: malformed or repeated ones are dropped without a sound. */
  private receive(data: unknown): void {
    let entry: PoolEntry;
    try {
      entry = parsePoolEntry(JSON.parse(String(data)));
    } catch {
      return;
    }
    const keys = [`e${entry.event_id}`, `b${entry.business.id}`];
    if (!this.view || keys.some((key) => this.seen.has(key))) return;
    keys.forEach((key) => this.seen.add(key));
    this.buffered.push(entry);
    if (!this.paused) this.flush();
    else this.requestUpdate();
  }

  private flush(): void {
    const view = this.view;
    const entries = this.buffered;
    this.buffered = [];
    if (!view || entries.length === 0) return;
    for (const entry of entries) {
      const business = entry.business;
      view.total_businesses++;
      view.newest = [entry, ...view.newest].slice(0, this.cap);
      const category = view.by_category.find((c) => c.category === business.category);
      if (category) category.businesses++;
      else view.by_category.push({ category: business.category, businesses: 1 });
      let state = view.by_state.find((s) => s.state === business.state);
      if (!state) view.by_state.push((state = { state: business.state, businesses: 0, cities: [] }));
      state.businesses++;
      const city = state.cities.find((c) => c.city === business.city);
      if (city) city.businesses++;
      else if (state.cities.length < CITIES_PER_STATE) state.cities.push({ city: business.city, businesses: 1 });
      state.cities.sort(byCount);
    }
    view.by_category.sort(byCount);
    view.by_state.sort(byCount);
    this.shown.push(...entries);
    this.requestUpdate();
  }

  private togglePause(): void {
    this.paused = !this.paused;
    this.dispatchEvent(new CustomEvent('feed-pause-change', { detail: { paused: this.paused }, bubbles: true, composed: true }));
  }

  override render() {
    const t = messages[this.language];
    const view = this.currentView();
    const streaming = this.streamWanted();
    return html`<section class="frame" part="base" aria-labelledby="title">
      <header part="header">
        <h2 id="title">${t.title}</h2>
        ${streaming
          ? html`<div class="controls">
              <span class="live ${this.paused ? 'paused' : this.liveStatus}" part="live" role="status"
                ><span class="dot" aria-hidden="true"></span>${this.paused ? fill(t.paused, { count: formatCount(this.lang_, this.buffered.length) }) : t[this.liveStatus]}</span
              >
              <button type="button" class="secondary" part="button" aria-pressed=${this.paused ? 'true' : 'false'} @click=${this.togglePause}>${t.pause}</button>
            </div>`
          : nothing}
      </header>
      ${this.renderStates(this.feed, () => (view && (view.total_businesses > 0 || view.newest.length > 0) ? this.renderFeed(view) : html`<p class="state empty" part="state">${t.empty}</p>`))}
    </section>`;
  }

  private renderFeed(feed: Feed): TemplateResult {
    const t = messages[this.language];
    const locale = this.lang_;
    const widest = Math.max(1, ...feed.by_state.map((s) => s.businesses));
    return html`<dl class="figures">
        <div class="figure"><dt>${t.total}</dt><dd part="value">${formatCount(locale, feed.total_businesses)}</dd></div>
        <div class="figure"><dt>${t.categories}</dt><dd part="value">${formatCount(locale, feed.by_category.length)}</dd></div>
        <div class="figure"><dt>${t.states}</dt><dd part="value">${formatCount(locale, feed.by_state.length)}</dd></div>
      </dl>
      <div class="columns">
        <section aria-labelledby="newest-title">
          <h3 id="newest-title">${t.newestTitle}</h3>
          <ol class="newest" part="newest" aria-live="polite" aria-labelledby="newest-title">
            ${repeat(
              feed.newest,
              (entry) => entry.event_id,
              (entry) => html`<li>
                <span class="name">${entry.business.business_name}</span>
                <span class="muted detail">${entry.business.category} · ${entry.business.city}, ${entry.business.state}</span>
                <span class="muted detail"
                  >${fill(t.via, { directory: entry.business.referring_directory })}${entry.business.average_rating === null
                    ? nothing
                    : html` · ${fill(t.rated, { rating: formatCount(locale, entry.business.average_rating) })}`}</span
                >
                <time class="muted detail" datetime=${entry.entered_at}>${formatDate(locale, entry.entered_at, { dateStyle: 'medium', timeStyle: 'short' })}</time>
              </li>`,
            )}
          </ol>
          ${feed.newest.length === 0 ? html`<p class="muted">${t.noneYet}</p>` : nothing}
        </section>
        <section aria-labelledby="category-title">
          <h3 id="category-title">${t.byCategory}</h3>
          <div class="table-scroll">
            <table aria-labelledby="category-title">
              <thead><tr><th scope="col">${t.category}</th><th scope="col" class="number">${t.businesses}</th></tr></thead>
              <tbody>
                ${feed.by_category.map((c) => html`<tr><th scope="row">${c.category}</th><td class="number">${formatCount(locale, c.businesses)}</td></tr>`)}
              </tbody>
            </table>
          </div>
        </section>
      </div>
      <section aria-labelledby="state-title">
        <h3 id="state-title">${t.byState}</h3>
        <div class="table-scroll">
          <table class="geo" aria-labelledby="state-title">
            <thead>
              <tr><th scope="col">${t.state}</th><th scope="col">${t.businesses}</th><th scope="col">${t.topCities}</th></tr>
            </thead>
            <tbody>
              ${feed.by_state.map(
                (s) => html`<tr>
                  <th scope="row">${s.state}</th>
                  <td class="bar-cell">
                    <span class="count">${formatCount(locale, s.businesses)}</span>
                    <span class="track" aria-hidden="true"><span class="bar" part="bar" style="width: ${((s.businesses / widest) * 100).toFixed(1)}%"></span></span>
                  </td>
                  <td class="cities">${s.cities.map((c) => `${c.city} (${formatCount(locale, c.businesses)})`).join(', ')}</td>
                </tr>`,
              )}
            </tbody>
          </table>
        </div>
      </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'live-business-feed': LiveBusinessFeed;
  }
}
