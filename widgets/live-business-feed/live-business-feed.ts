import { html, nothing, render, type PropertyValues, type TemplateResult } from 'lit';
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
  const entry = expectShape<PoolEntry>(json, { event_id: 'string', entered_at: 'string' });
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

// expectShape and expectEach also check that each object and list is one.
export function parseFeed(json: unknown): Feed {
  const feed = expectShape<Feed>(json, { total_businesses: 'number' });
  expectEach(feed.by_category, { category: 'string', businesses: 'number' });
  for (const state of expectEach<Feed['by_state'][number]>(feed.by_state, { state: 'string', businesses: 'number' })) {
    expectEach(state.cities, { city: 'string', businesses: 'number' });
  }
  expectEach(feed.newest, {}).forEach(parsePoolEntry);
  return feed;
}

type Counted = { businesses: number } & Record<string, unknown>;

/**
 * Counts one more business in the row of `list` whose `key` is `name`, adding the row (up to
 * `max` rows), and keeps the list sorted by count. Returns the row, if there is one.
 */
function bump<T extends Counted>(list: T[], key: keyof T, name: string, max = Infinity): T | undefined {
  let row = list.find((item) => item[key] === name);
  if (!row && list.length < max) list.push((row = { [key]: name, businesses: 0 } as T));
  if (row) row.businesses++;
  list.sort((a, b) => b.businesses - a.businesses);
  return row;
}

/** The keys under which an entry counts as already seen: its event and its business. */
const keysOf = (entry: PoolEntry) => [`e${entry.event_id}`, `b${entry.business.id}`];

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
  | 'topCities'
  | 'via'
  | 'rated'
  | 'pause'
  | LiveStatus
  | 'paused'
  | 'empty'
> = {
  en: {
    title: 'Partner-contributed businesses',
    total: 'Businesses',
    categories: 'Categories',
    states: 'States',
    newestTitle: 'Newest',
    noneYet: 'None yet.',
    byCategory: 'By category',
    category: 'Category',
    byState: 'By state',
    state: 'State',
    topCities: 'Top cities',
    via: 'via {directory}',
    rated: 'rated {rating}',
    pause: 'Pause updates',
    connecting: 'Connecting…',
    connected: 'Live',
    reconnecting: 'Reconnecting…',
    offline: 'Offline',
    paused: 'Paused · {count} new',
    empty: 'No partner-contributed businesses yet.',
  },
  fr: {
    title: 'Entreprises apportées par les partenaires',
    total: 'Entreprises',
    categories: 'Catégories',
    states: 'États',
    newestTitle: 'Nouvelles',
    noneYet: 'Aucune pour l’instant.',
    byCategory: 'Par catégorie',
    category: 'Catégorie',
    byState: 'Par État',
    state: 'État',
    topCities: 'Principales villes',
    via: 'via {directory}',
    rated: 'note {rating}',
    pause: 'Suspendre le direct',
    connecting: 'Connexion…',
    connected: 'En direct',
    reconnecting: 'Reconnexion…',
    offline: 'Hors ligne',
    paused: 'En pause · {count} nouvelles',
    empty: 'Aucune entreprise apportée par les partenaires pour l’instant.',
  },
};

const fire = (target: EventTarget, type: string, detail: unknown) => target.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }));

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
  /** The items of the newest list, by event id. */
  private items = new Map<string, HTMLLIElement>();

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
    return Math.min(50, Math.max(1, Math.floor(this.newest))) || 10;
  }

  protected mainResource(): { readonly status: Status } {
    const status = this.feed.status;
    const view = this.currentView();
    return { status: view && !view.total_businesses && !view.newest.length ? 'empty' : status };
  }

  /** Rebuilds the shown copy whenever a new feed was loaded or given. */
  private currentView(): Feed | undefined {
    const base = this.feed.status === 'data' ? this.feed.value : undefined;
    if (base !== this.viewBase) {
      this.viewBase = base;
      this.buffered = [];
      this.view = base && structuredClone({ ...base, newest: base.newest.slice(0, this.cap) });
      this.seen = new Set(base?.newest.flatMap(keysOf));
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
    if (changed.has('paused') && !this.paused) this.flush();
  }

  protected override updated(): void {
    this.syncStream();
    this.syncNewest();
    // Announced once rendered, so listeners find the business on the page.
    for (const entry of this.shown.splice(0)) fire(this, 'business-arrived', { business: entry.business });
  }

  /**
   * Fills the newest list, keyed by event id: an arrival is inserted and the oldest item dropped
   * while the others stay put, so the live region announces only the arrival and only it
   * animates. (Lit's repeat directive does the same but costs ~800 bytes gzip in the embed.)
   */
  private syncNewest(): void {
    const list = this.renderRoot.querySelector('.newest');
    const items = new Map<string, HTMLLIElement>();
    let next = list?.firstChild ?? null;
    for (const entry of list ? this.view!.newest : []) {
      const item = this.items.get(entry.event_id) ?? document.createElement('li');
      render(this.renderEntry(entry), item);
      items.set(entry.event_id, item);
      if (item === next) next = item.nextSibling;
      else list!.insertBefore(item, next);
    }
    while (next) {
      const item = next;
      next = next.nextSibling;
      item.remove();
    }
    this.items = items;
  }

  /** One stream per loaded feed, only while connected, fetched (not given) and live. */
  private syncStream(): void {
    const key = this.streamWanted() ? apiUrl(this.apiBase!, '/v1/public/feed/stream') : undefined;
    if (key === this.sourceKey && (!key || this.viewBase === this.feed.value)) return;
    this.closeStream();
    if (!key) return;
    this.currentView();
    this.sourceKey = key;
    this.openStream(key);
  }

  private streamWanted(): boolean {
    return this.isConnected && this.live !== 'off' && !this.data && this.feed.status === 'data' && this.apiBase !== null && typeof EventSource === 'function';
  }

  private openStream(url: string): void {
    const source = (this.source = new EventSource(url));
    const show = (status: LiveStatus) => {
      this.liveStatus = status;
      this.requestUpdate();
    };
    this.liveStatus = 'connecting';
    source.addEventListener('open', () => show('connected'));
    source.addEventListener('error', () => {
      // CLOSED means the browser gave up (an HTTP error or a wrong content type); otherwise it reconnects by itself.
      if (source.readyState === 2) {
        show('offline');
        this.reopenTimer = setTimeout(() => this.source === source && this.openStream(url), REOPEN_MS);
      } else {
        show('reconnecting');
      }
    });
    source.addEventListener('business', (event) => this.receive((event as MessageEvent).data));
  }

  private closeStream(): void {
    clearTimeout(this.reopenTimer);
    this.source?.close();
    this.source = this.sourceKey = undefined;
  }

  /** A streamed event: malformed or repeated ones are dropped without a sound. */
  private receive(data: string): void {
    let entry: PoolEntry;
    try {
      entry = parsePoolEntry(JSON.parse(data));
    } catch {
      return;
    }
    const keys = keysOf(entry);
    if (!this.view || keys.some((key) => this.seen.has(key))) return;
    keys.forEach((key) => this.seen.add(key));
    this.buffered.push(entry);
    if (this.paused) this.requestUpdate();
    else this.flush();
  }

  private flush(): void {
    const view = this.view;
    if (!view) return;
    for (const entry of this.buffered) {
      const business = entry.business;
      view.total_businesses++;
      view.newest = [entry, ...view.newest].slice(0, this.cap);
      bump(view.by_category, 'category', business.category);
      const state = bump(view.by_state, 'state', business.state)!;
      bump((state.cities ??= []), 'city', business.city, CITIES_PER_STATE);
      this.shown.push(entry);
    }
    this.buffered = [];
    this.requestUpdate();
  }

  private togglePause(): void {
    this.paused = !this.paused;
    fire(this, 'feed-pause-change', { paused: this.paused });
  }

  override render() {
    const t = messages[this.language];
    const view = this.currentView();
    return html`<section class="frame" part="base" aria-labelledby="title">
      <header part="header">
        <h2 id="title">${t.title}</h2>
        ${this.streamWanted()
          ? html`<small class="muted ${this.paused ? 'paused' : this.liveStatus}" part="live" role="status"
                >${this.paused ? fill(t.paused, { count: formatCount(this.lang_, this.buffered.length) }) : t[this.liveStatus]}</small
              >
              <button class="secondary" part="button" aria-pressed=${this.paused} @click=${this.togglePause}>${t.pause}</button>`
          : nothing}
      </header>
      ${this.renderStates(this.feed, () => (this.state === 'empty' ? html`<p class="state empty" part="state">${t.empty}</p>` : this.renderFeed(view!)))}
    </section>`;
  }

  private renderFeed(feed: Feed): TemplateResult {
    const t = messages[this.language];
    const locale = this.lang_;
    const count = (value: number) => formatCount(locale, value);
    const widest = Math.max(1, ...feed.by_state.map((s) => s.businesses));
    return html`<dl class="figures">
        ${[
          [t.total, feed.total_businesses],
          [t.categories, feed.by_category.length],
          [t.states, feed.by_state.length],
        ].map(([label, value]) => html`<div class="figure"><dt>${label}</dt><dd part="value">${count(value as number)}</dd></div>`)}
      </dl>
      <div class="columns">
        <section aria-labelledby="newest-title">
          <h3 id="newest-title">${t.newestTitle}</h3>
           <ol class="newest" part="newest" aria-live="polite" aria-labelledby="newest-title"></ol>
          ${feed.newest.length ? nothing : html`<p class="muted">${t.noneYet}</p>`}
        </section>
        <section aria-labelledby="category-title">
          <h3 id="category-title">${t.byCategory}</h3>
          <div class="table-scroll">
            <table aria-labelledby="category-title">
              <thead><tr><th scope="col">${t.category}</th><th scope="col" class="number">${t.total}</th></tr></thead>
              <tbody>
                ${feed.by_category.map((c) => html`<tr><th scope="row">${c.category}</th><td class="number">${count(c.businesses)}</td></tr>`)}
              </tbody>
            </table>
          </div>
        </section>
      </div>
      <section aria-labelledby="state-title">
        <h3 id="state-title">${t.byState}</h3>
        <div class="table-scroll">
          <table aria-labelledby="state-title">
            <thead>
              <tr><th scope="col">${t.state}</th><th scope="col">${t.total}</th><th scope="col">${t.topCities}</th></tr>
            </thead>
            <tbody>
              ${feed.by_state.map(
                (s) => html`<tr>
                  <th scope="row">${s.state}</th>
                  <td>
                    ${count(s.businesses)}
                    <span class="track"><span part="bar" style=${`width:${((s.businesses / widest) * 100).toFixed(1)}%`}></span></span>
                  </td>
                  <td class="muted">${s.cities.map((c) => `${c.city} (${count(c.businesses)})`).join(', ')}</td>
                </tr>`,
              )}
            </tbody>
          </table>
        </div>
      </section>`;
  }

  private renderEntry({ business: b, entered_at }: PoolEntry): TemplateResult {
    const t = messages[this.language];
    const locale = this.lang_;
    return html`<b class="name">${b.business_name}</b>
      <small class="muted">${b.category} · ${b.city}, ${b.state}</small>
      <small class="muted">${fill(t.via, { directory: b.referring_directory })}${b.average_rating === null ? '' : ` · ${fill(t.rated, { rating: formatCount(locale, b.average_rating) })}`}</small>
      <small class="muted"><time datetime=${entered_at}>${formatDate(locale, entered_at, { dateStyle: 'medium', timeStyle: 'short' })}</time></small>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'live-business-feed': LiveBusinessFeed;
  }
}
