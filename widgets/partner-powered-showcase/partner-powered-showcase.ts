import { html, nothing, svg, type PropertyValues, type TemplateResult } from 'lit';
import { ApiFailure, request } from '../internal/api-client.ts';
import { ApiResource } from '../internal/api-resource.ts';
import { EcosystemElement } from '../internal/ecosystem-element.ts';
import { formatCount, formatDate, formatPercent } from '../internal/format.ts';
import { fill, type Messages } from '../internal/i18n.ts';
import { expectEach, expectShape } from '../internal/shape.ts';
import { baseStyles } from '../styles/base.styles.ts';
import { styles } from './partner-powered-showcase.styles.ts';

export type ApiProduct = 'cmal' | 'voice' | 'susu' | 'fraud';
export const PRODUCTS: readonly ApiProduct[] = ['cmal', 'voice', 'susu', 'fraud'];

/** A directory whose referred businesses an app read. */
export interface ContributingDirectory {
  id: string;
  directory_name: string;
  records_served: number;
  share_percent: string;
}

/** One partner-powered app of `GET /v1/public/showcase/apps`. */
export interface ShowcaseApp {
  id: string;
  name: string;
  url: string | null;
  description: string | null;
  company: string | null;
  api_products: ApiProduct[];
  partner_powered_since: string;
  records_served: number;
  businesses_attributed: number;
  contributing_directories: ContributingDirectory[];
}

/** The answer of `GET /v1/public/showcase/apps`: one page of apps and the ecosystem's totals. */
export interface Showcase {
  apps: ShowcaseApp[];
  next_cursor: string | null;
  totals: { partner_powered_apps: number; records_served: number; directories: number };
}

/** The filters the user applied: `q` is the search text, `product` an API product or `''` for all. */
export interface ShowcaseFilters {
  q: string;
  product: ApiProduct | '';
}

export function parseShowcase(json: unknown): Showcase {
  const showcase = expectShape<Showcase>(json, { apps: 'array', next_cursor: 'string?', totals: 'object' });
  expectShape(showcase.totals, { partner_powered_apps: 'number', records_served: 'number', directories: 'number' });
  for (const app of expectEach<ShowcaseApp>(showcase.apps, {
    id: 'string',
    name: 'string',
    url: 'string?',
    description: 'string?',
    company: 'string?',
    api_products: 'array',
    partner_powered_since: 'string',
    records_served: 'number',
    businesses_attributed: 'number',
    contributing_directories: 'array',
  })) {
    if (!app.api_products.every((p) => typeof p === 'string')) throw new ApiFailure('malformed', 'The API sent an unexpected answer (api_products).');
    expectEach(app.contributing_directories, { directory_name: 'string', share_percent: 'string' });
  }
  return showcase;
}

/** Only web links are followed: an app URL is data from a third party, and `javascript:` must never become a link. */
const safeUrl = (url: string | null) => (url && /^https?:\/\//i.test(url) ? url : undefined);

const isProduct = (value: unknown): value is ApiProduct => PRODUCTS.includes(value as ApiProduct);

type Key =
  | 'title' | 'search' | 'product' | 'allProducts' | 'apply' | 'apps' | 'records' | 'directories' | 'since' | 'recordsServed'
  | 'attributed' | 'contributors' | 'products' | 'newTab' | 'more' | 'loadingMore' | 'moreFailed' | 'loaded' | 'empty' | 'noMatch'
  | 'cmal' | 'voice' | 'susu' | 'fraud';

const messages: Messages<Key> = {
  en: {
    title: 'Partner-powered apps',
    search: 'Search apps',
    product: 'API product',
    allProducts: 'All products',
    apply: 'Search',
    apps: 'Partner-powered apps',
    records: 'Partner records served',
    directories: 'Contributing directories',
    since: 'Partner-powered since {date}',
    recordsServed: 'Records served',
    attributed: 'Businesses attributed',
    contributors: 'Contributing directories',
    products: 'API products',
    newTab: '(opens in a new tab)',
    more: 'Load more',
    loadingMore: 'Loading more…',
    moreFailed: 'Could not load more apps. Try again.',
    loaded: '{added} more apps loaded, {shown} shown.',
    empty: 'No partner-powered apps yet.',
    noMatch: 'No partner-powered apps match these filters.',
    cmal: 'CMAL',
    voice: 'Voice',
    susu: 'Susu',
    fraud: 'Fraud',
  },
  fr: {
    title: 'Applications propulsées par les partenaires',
    search: 'Rechercher une application',
    product: 'Produit API',
    allProducts: 'Tous les produits',
    apply: 'Rechercher',
    apps: 'Applications propulsées',
    records: 'Fiches partenaires servies',
    directories: 'Annuaires contributeurs',
    since: 'Propulsée par les partenaires depuis le {date}',
    recordsServed: 'Fiches servies',
    attributed: 'Entreprises attribuées',
    contributors: 'Annuaires contributeurs',
    products: 'Produits API',
    newTab: '(s’ouvre dans un nouvel onglet)',
    more: 'Afficher plus',
    loadingMore: 'Chargement…',
    moreFailed: 'Impossible de charger plus d’applications. Réessayez.',
    loaded: '{added} applications de plus chargées, {shown} affichées.',
    empty: 'Aucune application propulsée par les partenaires pour l’instant.',
    noMatch: 'Aucune application propulsée ne correspond à ces filtres.',
    cmal: 'CMAL',
    voice: 'Voix',
    susu: 'Susu',
    fraud: 'Fraude',
  },
};

const SEARCH_DELAY_MS = 350;

/** Pages appended by "Load more", valid for the first page they followed. */
interface MorePages {
  first: Showcase;
  apps: ShowcaseApp[];
  cursor: string | null;
}

/**
 * A gallery of partner-powered apps: each card shows the app, its company and API products,
 * since when it is partner-powered, the records it read and the businesses attributed to it, and
 * the directories whose businesses it read with each one's share. The ecosystem's totals sit above
 * the gallery; the user can search, filter by API product and load more.
 *
 * @summary Gallery of partner-powered apps.
 * @tag partner-powered-showcase
 *
 * @attr {string} api-base - Base URL of the Ecosystem API; empty for the page's own origin.
 * @attr {number} limit - Apps per page, 1 to 50 (default 12).
 * @attr {string} product - Show only apps using this API product: `cmal`, `voice`, `susu` or `fraud`. The user can change it.
 * @attr {string} locale - BCP 47 locale for text, numbers and dates (English and French built in).
 * @attr {number} timeout - Milliseconds to wait for the API before showing the error state (default 4000).
 * @attr {string} state - Reflected: `idle`, `loading`, `empty`, `data` or `error`.
 *
 * @fires showcase-filter-change - The user changed the search or the product filter; `detail: { q: string, product: string }` (`''` for none).
 * @fires showcase-load-more - The user asked for the next page; `detail: { cursor: string }`.
 *
 * @csspart base - The gallery's frame.
 * @csspart header - The title row.
 * @csspart filters - The search and product filter form.
 * @csspart value - Each total above the gallery.
 * @csspart card - Each app's card.
 * @csspart more - The "Load more" button.
 * @csspart state - The loading, empty or error message.
 * @csspart button - The retry button.
 *
 * @cssproperty --ew-color-accent - Accent color of links, the mark and buttons.
 * @cssproperty --ew-color-on-accent - Text on accent-colored buttons.
 * @cssproperty --ew-color-text - Text color.
 * @cssproperty --ew-color-muted - Secondary text color.
 * @cssproperty --ew-color-surface - Background of the frame and the cards.
 * @cssproperty --ew-color-subtle - Background of totals and product tags.
 * @cssproperty --ew-color-border - Border color.
 * @cssproperty --ew-color-danger - Color of error messages.
 * @cssproperty --ew-radius - Corner radius.
 * @cssproperty --ew-space - Base spacing.
 * @cssproperty --ew-font-family - Font family.
 */
export class PartnerPoweredShowcase extends EcosystemElement {
  static override styles = [baseStyles, styles];
  static override properties = {
    ...EcosystemElement.properties,
    limit: { type: Number },
    product: {},
    data: { attribute: false },
    q: { state: true },
    more: { state: true },
    moreStatus: { state: true },
    announcement: { state: true },
  };

  /** Apps per page. */
  declare limit: number;
  /** The API product filter; the product select changes it too. */
  declare product: string | undefined;
  /** The first page, given directly instead of fetched (server-rendered hosts, Storybook); filters then apply locally. */
  declare data: Showcase | undefined;
  private declare q: string;
  private declare more: MorePages | undefined;
  private declare moreStatus: 'idle' | 'loading' | 'error';
  private declare announcement: string;
  private searchTimer?: ReturnType<typeof setTimeout>;
  private moreRequest?: AbortController;
  private focusCard?: string;

  constructor() {
    super();
    this.limit = 12;
    this.q = '';
    this.moreStatus = 'idle';
    this.announcement = '';
  }

  private readonly showcase = new ApiResource<Showcase>(this, {
    path: () => this.path(),
    parse: parseShowcase,
    given: () => this.data && this.filterLocally(this.data),
    isEmpty: (showcase) => showcase.apps.length === 0,
  });

  protected mainResource() {
    return this.showcase;
  }

  private get filters(): ShowcaseFilters {
    return { q: this.q.trim(), product: isProduct(this.product) ? this.product : '' };
  }

  private path(cursor?: string): string {
    const { q, product } = this.filters;
    const query = new URLSearchParams({ limit: String(Math.min(50, Math.max(1, Math.trunc(this.limit) || 12))) });
    if (product) query.set('product', product);
    if (q) query.set('q', q);
    if (cursor) query.set('cursor', cursor);
    return `/v1/public/showcase/apps?${query}`;
  }

  private filterLocally(showcase: Showcase): Showcase {
    const { q, product } = this.filters;
    if (!q && !product) return showcase;
    const needle = q.toLocaleLowerCase();
    const apps = showcase.apps.filter((app) => app.name.toLocaleLowerCase().includes(needle) && (!product || app.api_products.includes(product)));
    return apps.length === showcase.apps.length ? showcase : { ...showcase, apps };
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.searchTimer);
    this.moreRequest?.abort();
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    if (this.focusCard) {
      this.renderRoot.querySelector<HTMLElement>(`[data-app="${this.focusCard}"]`)?.focus();
      this.focusCard = undefined;
    }
  }

  override render() {
    const t = messages[this.language];
    return html`<section class="frame" part="base" aria-labelledby="title">
      <header part="header"><h2 id="title">${t.title}</h2></header>
      ${this.renderFilters()}
      ${this.renderStates(this.showcase, (showcase) => this.renderShowcase(showcase), {
        empty: this.filters.q || this.filters.product ? t.noMatch : t.empty,
      })}
    </section>`;
  }

  private renderFilters(): TemplateResult {
    const t = messages[this.language];
    const { product } = this.filters;
    return html`<form class="filters" part="filters" role="search" aria-label=${t.search} @submit=${this.onSubmit}>
      <div class="search">
        <label for="q">${t.search}</label>
        <span class="field">
          <input id="q" type="search" name="q" maxlength="100" autocomplete="off" .value=${this.q} @input=${this.onInput} />
          <button type="submit" class="secondary">${t.apply}</button>
        </span>
      </div>
      <div>
        <label for="product">${t.product}</label>
        <select id="product" name="product" @change=${this.onProduct}>
          <option value="" .selected=${!product}>${t.allProducts}</option>
          ${PRODUCTS.map((p) => html`<option value=${p} .selected=${product === p}>${t[p]}</option>`)}
        </select>
      </div>
    </form>`;
  }

  private renderShowcase(first: Showcase): TemplateResult {
    const t = messages[this.language];
    const locale = this.lang_;
    const more = this.data === undefined && this.more?.first === first ? this.more : undefined;
    const apps = more ? [...first.apps, ...more.apps] : first.apps;
    const cursor = this.data !== undefined ? null : more ? more.cursor : first.next_cursor;
    return html`<dl class="figures totals">
        <div class="figure"><dt>${t.apps}</dt><dd part="value">${formatCount(locale, first.totals.partner_powered_apps)}</dd></div>
        <div class="figure"><dt>${t.records}</dt><dd part="value">${formatCount(locale, first.totals.records_served)}</dd></div>
        <div class="figure"><dt>${t.directories}</dt><dd part="value">${formatCount(locale, first.totals.directories)}</dd></div>
      </dl>
      <ul class="gallery">
        ${apps.map((app) => this.renderCard(app))}
      </ul>
      <p class="visually-hidden" role="status" aria-live="polite">${more ? this.announcement : ''}</p>
      ${cursor
        ? html`<div class="more">
            ${this.moreStatus === 'error' ? html`<p class="more-error" role="alert">${t.moreFailed}</p>` : nothing}
            <button type="button" part="more" aria-disabled=${this.moreStatus === 'loading'} @click=${() => this.loadMore(first, cursor)}>
              ${this.moreStatus === 'loading' ? t.loadingMore : t.more}
            </button>
          </div>`
        : nothing}`;
  }

  private renderCard(app: ShowcaseApp): TemplateResult {
    const t = messages[this.language];
    const locale = this.lang_;
    const url = safeUrl(app.url);
    const heading = `app-${app.id}`;
    return html`<li class="card" part="card">
      <article aria-labelledby=${heading} tabindex="-1" data-app=${app.id}>
        <h3 id=${heading}>
          ${url ? html`<a href=${url} target="_blank" rel="noopener noreferrer">${app.name}<span class="visually-hidden"> ${t.newTab}</span></a>` : app.name}
        </h3>
        ${app.company ? html`<p class="muted company">${app.company}</p>` : nothing}
        ${app.description ? html`<p class="description">${app.description}</p>` : nothing}
        ${app.api_products.length
          ? html`<ul class="products" aria-label=${t.products}>
              ${app.api_products.map((p) => html`<li>${isProduct(p) ? t[p] : p}</li>`)}
            </ul>`
          : nothing}
        <p class="since">
          ${svg`<svg viewBox="0 0 20 20" aria-hidden="true"><circle cx="10" cy="10" r="10"></circle><path d="M5.5 10.5l3 3 6-6.5"></path></svg>`}<span
            >${fill(t.since, { date: formatDate(locale, app.partner_powered_since) })}</span
          >
        </p>
        <dl class="stats">
          <div><dt>${t.recordsServed}</dt><dd>${formatCount(locale, app.records_served)}</dd></div>
          <div><dt>${t.attributed}</dt><dd>${formatCount(locale, app.businesses_attributed)}</dd></div>
        </dl>
        ${app.contributing_directories.length
          ? html`<h4>${t.contributors}</h4>
              <ul class="directories">
                ${app.contributing_directories.map(
                  (d) => html`<li><span>${d.directory_name}</span> <span class="share">${formatPercent(locale, d.share_percent)}</span></li>`,
                )}
              </ul>`
          : nothing}
      </article>
    </li>`;
  }

  private onInput(event: Event) {
    const value = (event.target as HTMLInputElement).value;
    clearTimeout(this.searchTimer);
    this.searchTimer = setTimeout(() => this.applyFilters({ q: value }), SEARCH_DELAY_MS);
  }

  private onSubmit(event: SubmitEvent) {
    event.preventDefault();
    clearTimeout(this.searchTimer);
    const input = (event.target as HTMLFormElement).elements.namedItem('q') as HTMLInputElement;
    this.applyFilters({ q: input.value });
  }

  private onProduct(event: Event) {
    this.applyFilters({ product: (event.target as HTMLSelectElement).value });
  }

  /** Applies what the user chose; the resource refetches the first page because its path changed. */
  private applyFilters(change: { q?: string; product?: string }) {
    const before = this.filters;
    if (change.q !== undefined) this.q = change.q;
    if (change.product !== undefined) this.product = change.product || undefined;
    const after = this.filters;
    if (after.q === before.q && after.product === before.product) return;
    this.resetMore();
    this.dispatchEvent(new CustomEvent<ShowcaseFilters>('showcase-filter-change', { detail: after, bubbles: true, composed: true }));
  }

  private resetMore() {
    this.moreRequest?.abort();
    this.more = undefined;
    this.moreStatus = 'idle';
    this.announcement = '';
  }

  private async loadMore(first: Showcase, cursor: string) {
    if (this.moreStatus === 'loading') return;
    this.dispatchEvent(new CustomEvent('showcase-load-more', { detail: { cursor }, bubbles: true, composed: true }));
    const controller = new AbortController();
    this.moreRequest = controller;
    this.moreStatus = 'loading';
    try {
      const page = parseShowcase(
        await request({ apiBase: this.apiBase ?? '', path: this.path(cursor), signal: controller.signal, timeoutMs: this.timeout }),
      );
      if (controller.signal.aborted) return;
      if (this.showcase.value !== first) {
        // The first page changed underneath (api-base, filters): this page belongs to an older list.
        this.moreStatus = 'idle';
        return;
      }
      const previous = this.more?.first === first ? this.more.apps : [];
      this.more = { first, apps: [...previous, ...page.apps], cursor: page.next_cursor };
      this.moreStatus = 'idle';
      const shown = first.apps.length + this.more.apps.length;
      this.announcement = fill(messages[this.language].loaded, { added: formatCount(this.lang_, page.apps.length), shown: formatCount(this.lang_, shown) });
      // The button may vanish on the last page: focus moves to the first new card, where reading continues.
      this.focusCard = page.apps[0]?.id;
    } catch {
      if (!controller.signal.aborted) this.moreStatus = 'error';
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'partner-powered-showcase': PartnerPoweredShowcase;
  }
  interface HTMLElementEventMap {
    'showcase-filter-change': CustomEvent<ShowcaseFilters>;
    'showcase-load-more': CustomEvent<{ cursor: string }>;
  }
}
