import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { apiUrl } from '../internal/api-client.ts';
import { ApiResource, type Status } from '../internal/api-resource.ts';
import { EcosystemElement } from '../internal/ecosystem-element.ts';
import { emit } from '../internal/emit.ts';
import { formatCount, formatDate } from '../internal/format.ts';
import { figures, scrollTable } from '../internal/templates.ts';
import { baseStyles } from '../styles/base.styles.ts';
import { type Feed, type PoolEntry, parseFeed, parsePoolEntry } from './live-business-feed.api.ts';
import { messages } from './live-business-feed.messages.ts';
import { styles } from './live-business-feed.styles.ts';

/** Connection of the live stream, shown as text. */
export type LiveStatus = 'connecting' | 'connected' | 'reconnecting' | 'offline';

const CITIES_PER_STATE = 5;
/** After the browser gives up on the stream (an HTTP error), try a fresh connection this much later. */
const REOPEN_MS = 15000;

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

/**
 * Partner-contributed businesses by category and by state, and the newest ones arriving in real
 * time over Server-Sent Events. Arrivals are announced politely; the user can pause them, in which
 * case they are held back ("3 new") and applied on resume. A feed given as the `data` property is
 * shown as is, without the stream.
 *
 * @summary Businesses entering the data pool, live.
 * @tag live-business-feed
 *
 * @attr {number} newest - How many newest businesses to list (default 10, at most 50).
 * @attr {'on' | 'off'} live - `off` shows the feed as loaded, without the live stream (default `on`).
 * @attr {boolean} paused - Live arrivals are held back until unset; the pause button toggles it.
 * @attr {number} rows - How many rows each table shows before its "Show all" button (default 5; 0 shows every row).
 *
 * @fires business-arrived - A streamed business was applied to the feed (a consequence of server data,
 *   not of a user action): `detail: { business }`.
 * @fires feed-pause-change - The user paused or resumed live updates: `detail: { paused }`.
 *
 * @csspart header - The title row with the live indicator and the pause button.
 * @csspart value - Each headline figure.
 * @csspart live - The live indicator.
 * @csspart newest - The list of newest businesses.
 * @csspart bar - Each bar of the geographic distribution.
 * @csspart button - The pause and retry buttons.
 */
export class LiveBusinessFeed extends EcosystemElement<Feed> {
  static override styles = [baseStyles, styles];
  static override properties = {
    ...EcosystemElement.properties,
    newest: { type: Number },
    live: {},
    paused: { type: Boolean, reflect: true },
    rows: { type: Number },
    showAll: { state: true },
    view: { state: true },
    buffered: { state: true },
    liveStatus: { state: true },
  };

  /** How many newest businesses to list. */
  declare newest: number;
  /** `off` disables the live stream. */
  declare live: 'on' | 'off';
  /** While true, arrivals are buffered and counted instead of shown. */
  declare paused: boolean;
  /** How many rows each table shows until the user asks for all; 0 shows every row. */
  declare rows: number;

  /** The tables the user opened in full, by id. */
  declare private showAll: ReadonlySet<string>;
  /** The feed as shown: a copy of the loaded one with every applied arrival. */
  declare private view: Feed | undefined;
  /** Arrivals held back while paused (and counted in the live indicator). */
  declare private buffered: PoolEntry[];
  declare private liveStatus: LiveStatus;
  /** The loaded feed the view was copied from. */
  private viewBase?: Feed | undefined;
  private seen = new Set<string>();
  /** Arrivals applied but not yet announced with business-arrived. */
  private shown: PoolEntry[] = [];
  private source?: EventSource | undefined;
  private sourceKey?: string | undefined;
  private reopenTimer?: ReturnType<typeof setTimeout> | undefined;

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
    this.rows = 5;
    this.showAll = new Set();
    this.buffered = [];
    this.liveStatus = 'connecting';
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
    super.willUpdate(changed);
    if (changed.has('paused') && !this.paused) this.flush();
  }

  // The stream opens and closes before rendering, so the live indicator shows its status in the same update.
  protected override update(changed: PropertyValues): void {
    this.syncStream();
    super.update(changed);
  }

  protected override updated(): void {
    // Announced once rendered, so listeners find the business on the page.
    for (const entry of this.shown.splice(0)) emit(this, 'business-arrived', { business: entry.business });
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
    const show = (status: LiveStatus) => (this.liveStatus = status);
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
    for (const key of keys) this.seen.add(key);
    this.buffered = [...this.buffered, entry];
    if (!this.paused) this.flush();
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
    // The view was changed in place: a new object tells Lit to render it.
    this.view = { ...view };
  }

  private togglePause(): void {
    this.paused = !this.paused;
    emit(this, 'feed-pause-change', { paused: this.paused });
  }

  override render() {
    const t = messages[this.language];
    const view = this.currentView();
    return html`<section class="frame" part="base" aria-labelledby="title">
      <header part="header">
        <h2 id="title">${t.title}</h2>
        ${
          this.streamWanted()
            ? html`<small class="muted ${this.paused ? 'paused' : this.liveStatus}" part="live" role="status"
                >${this.paused ? t.paused(formatCount(this.lang_, this.buffered.length)) : t[this.liveStatus]}</small
              >
              <button class="secondary" part="button" @click=${this.togglePause}>${this.paused ? t.resume : t.pause}</button>`
            : nothing
        }
      </header>
      ${this.renderStates(this.feed, () => (this.state === 'empty' ? html`<p class="state empty" part="state">${t.empty}</p>` : this.renderFeed(view!)))}
    </section>`;
  }

  // Bars are sized through the CSSOM (the style property): a strict CSP refuses style attributes,
  // which styleMap also writes on its first render.
  // The newest list is keyed by event (repeat): an arrival is inserted and the oldest item dropped
  // while the others stay put, so the live region announces only the arrival and only it animates.
  private renderFeed(feed: Feed): TemplateResult {
    const t = messages[this.language];
    const locale = this.lang_;
    const count = (value: number) => formatCount(locale, value);
    const widest = Math.max(1, ...feed.by_state.map((s) => s.businesses));
    return html`${figures([
      [t.total, count(feed.total_businesses)],
      [t.categories, count(feed.by_category.length)],
      [t.states, count(feed.by_state.length)],
    ])}
      <div class="columns">
        <section aria-labelledby="newest-title">
          <h3 id="newest-title">${t.newestTitle}</h3>
          <ol class="newest" part="newest" aria-live="polite" aria-labelledby="newest-title">
            ${repeat(
              feed.newest,
              (entry) => entry.event_id,
              (entry) => html`<li>${this.renderEntry(entry)}</li>`,
            )}
          </ol>
          ${feed.newest.length ? nothing : html`<p class="muted">${t.noneYet}</p>`}
        </section>
        <div>
          ${scrollTable(
            'category',
            t.byCategory,
            [t.category, t.total],
            this.visibleRows('category', feed.by_category).map((c) => [c.category, count(c.businesses)]),
          )}
          ${this.moreButton('category', feed.by_category.length)}
        </div>
      </div>
      ${scrollTable(
        'state',
        t.byState,
        [t.state, t.total, t.topCities],
        this.visibleRows('state', feed.by_state).map((s) => [
          s.state,
          html`${count(s.businesses)}
            <span class="track"><span part="bar" .style=${`width:${((s.businesses / widest) * 100).toFixed(1)}%`}></span></span>`,
          html`<span class="muted">${s.cities.map((c) => `${c.city} (${count(c.businesses)})`).join(', ')}</span>`,
        ]),
        { numbers: 3 },
      )}
      ${this.moreButton('state', feed.by_state.length)}`;
  }

  /** The rows a table shows: the first `rows` (the largest: lists are sorted by count) unless opened in full. */
  private visibleRows<T>(table: string, rows: readonly T[]): readonly T[] {
    return this.rows > 0 && !this.showAll.has(table) ? rows.slice(0, this.rows) : rows;
  }

  /** "Show all N" under a table cut to `rows`, and "Show fewer" once opened. */
  private moreButton(table: string, total: number) {
    if (!(this.rows > 0 && total > this.rows)) return nothing;
    const t = messages[this.language];
    const open = this.showAll.has(table);
    return html`<button class="secondary more" part="button" aria-expanded=${open} @click=${() => {
      const tables = new Set(this.showAll);
      if (open) tables.delete(table);
      else tables.add(table);
      this.showAll = tables;
    }}>${open ? t.showFewer : t.showAll(formatCount(this.lang_, total))}</button>`;
  }

  private renderEntry({ business: b, entered_at }: PoolEntry): TemplateResult {
    const t = messages[this.language];
    const locale = this.lang_;
    return html`<b class="name">${b.business_name}</b>
      <small class="muted">${b.category} · ${b.city}, ${b.state}</small>
      <small class="muted">${t.via(b.referring_directory)}${b.average_rating === null ? '' : ` · ${t.rated(formatCount(locale, b.average_rating))}`}</small>
      <small class="muted"><time datetime=${entered_at}>${formatDate(locale, entered_at, { dateStyle: 'medium', timeStyle: 'short' })}</time></small>`;
  }
}
