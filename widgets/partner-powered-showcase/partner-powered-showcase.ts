import { html, nothing } from 'lit';
import { common, fill, type Language } from '../internal/i18n.ts';
import { request } from '../internal/api-client.ts';
import { ApiResource } from '../internal/api-resource.ts';
import { EcosystemElement } from '../internal/ecosystem-element.ts';
import { formatCount, formatDate, formatPercent } from '../internal/format.ts';
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

/**
 * Checks only what rendering would trip on (the lists it maps, the objects it reads fields of);
 * every other field is rendered as text, which Lit escapes whatever it holds.
 */
export function parseShowcase(json: unknown): Showcase {
  const showcase = expectShape<Showcase>(json, { apps: 'array', totals: 'object' });
  for (const app of expectEach<ShowcaseApp>(showcase.apps, { api_products: 'array', contributing_directories: 'array' })) expectEach(app.contributing_directories, {});
  return showcase;
}

const isProduct = (value: unknown): value is ApiProduct => PRODUCTS.includes(value as ApiProduct);

const en = {
  title: 'Partner-powered apps',
  search: 'Search apps',
  product: 'API product',
  products: 'API products',
  all: 'All products',
  apps: 'Apps',
  records: 'Records served',
  attributed: 'Businesses attributed',
  directories: 'Contributing directories',
  since: 'Partner-powered since {date}',
  newTab: '(new tab)',
  more: 'Load more',
  loaded: '{added} more apps, {shown} shown.',
  empty: 'No apps yet.',
  noMatch: 'No apps match these filters.',
  cmal: 'CMAL',
  voice: 'Voice',
  susu: 'Susu',
  fraud: 'Fraud',
};

const messages: Record<Language, typeof en> = {
  en,
  fr: {
    title: 'Applications propulsées par les partenaires',
    search: 'Rechercher une application',
    product: 'Produit API',
    products: 'Produits API',
    all: 'Tous les produits',
    apps: 'Applications',
    records: 'Fiches servies',
    attributed: 'Entreprises attribuées',
    directories: 'Annuaires contributeurs',
    since: 'Propulsée depuis le {date}',
    newTab: '(nouvel onglet)',
    more: 'Afficher plus',
    loaded: '{added} applications de plus, {shown} affichées.',
    empty: 'Aucune application pour l’instant.',
    noMatch: 'Aucune application ne correspond à ces filtres.',
    cmal: 'CMAL',
    voice: 'Voix',
    susu: 'Susu',
    fraud: 'Fraude',
  },
};

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
    moreStatus: { state: true },
  };

  /** Apps per page. */
  declare limit: number;
  /** The API product filter; the product select changes it too. */
  declare product: string | undefined;
  /** The first page, given directly instead of fetched (server-rendered hosts, Storybook); filters then apply locally. */
  declare data: Showcase | undefined;
  private declare q: string;
  private declare moreStatus: '' | 'loading' | 'error';
  /** What the polite live region says after "Load more"; set along with `moreStatus`, so not reactive itself. */
  private announcement = '';
  private searchTimer?: ReturnType<typeof setTimeout>;
  private moreRequest?: AbortController;

  constructor() {
    super();
    this.limit = 12;
    this.q = this.moreStatus = '';
  }

  private readonly showcase = new ApiResource<Showcase>(this, {
    path: () => this.path(),
    parse: parseShowcase,
    given: () => {
      const { q, product } = this.filters;
      const needle = q.toLocaleLowerCase();
      return this.data && { ...this.data, apps: this.data.apps.filter((app) => app.name.toLocaleLowerCase().includes(needle) && (!product || app.api_products.includes(product))) };
    },
    isEmpty: (showcase) => !showcase.apps.length,
  });

  protected mainResource() {
    return this.showcase;
  }

  private get filters(): ShowcaseFilters {
    return { q: this.q.trim(), product: isProduct(this.product) ? this.product : '' };
  }

  private path(cursor?: string): string {
    const query = new URLSearchParams({ limit: String(Math.min(50, Math.max(1, this.limit | 0 || 12))) });
    for (const [key, value] of Object.entries({ ...this.filters, cursor })) if (value) query.set(key, value);
    return `/v1/public/showcase/apps?${query}`;
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.searchTimer);
    this.moreRequest?.abort();
  }

  override render() {
    const t = messages[this.language];
    const { q, product } = this.filters;
    return html`<section class="frame" part="base" aria-labelledby="title">
      <header part="header"><h2 id="title">${t.title}</h2></header>
      <form class="filters" part="filters" role="search" aria-label=${t.search} @submit=${this.onSearch}>
        <div class="search">
          <label for="q">${t.search}</label>
          <input id="q" type="search" maxlength="100" autocomplete="off" .value=${this.q} @input=${this.onSearch} />
        </div>
        <div>
          <label for="product">${t.product}</label>
          <select id="product" @change=${(event: Event) => this.applyFilters(this.q, (event.target as HTMLSelectElement).value)}>
            ${['', ...PRODUCTS].map((p) => html`<option value=${p} .selected=${product === p}>${p ? t[p as ApiProduct] : t.all}</option>`)}
          </select>
        </div>
      </form>
      ${this.renderStates(this.showcase, this.renderShowcase, { empty: q || product ? t.noMatch : t.empty })}
    </section>`;
  }

  private renderShowcase = (page: Showcase) => {
    const t = messages[this.language];
    const say = common[this.language];
    const locale = this.lang_;
    const cursor = !this.data && page.next_cursor;
    const figures = (list: [string, number][], part?: string) =>
      list.map(([label, value]) => html`<div class=${part ? 'figure' : ''}><dt>${label}</dt><dd part=${part ?? nothing}>${formatCount(locale, value)}</dd></div>`);
    return html`<dl class="figures totals">
        ${figures(
          [
            [t.apps, page.totals.partner_powered_apps],
            [t.records, page.totals.records_served],
            [t.directories, page.totals.directories],
          ],
          'value',
        )}
      </dl>
      <ul class="gallery">
        ${page.apps.map((app) => {
          // Only web links are followed: the URL is a third party's, and `javascript:` must never become a link.
          const url = /^https?:\/\//i.test(app.url!) && app.url;
          return html`<li class="card" part="card" tabindex="-1" data-app=${app.id}>
            <h3>
              ${url ? html`<a href=${url} target="_blank" rel="noopener noreferrer">${app.name}<span class="visually-hidden"> ${t.newTab}</span></a>` : app.name}
            </h3>
            <p class="muted">${app.company}</p>
            <p>${app.description}</p>
            <ul class="products" aria-label=${t.products}>
              ${app.api_products.map((p) => html`<li>${isProduct(p) ? t[p] : p}</li>`)}
            </ul>
            <p class="since">${fill(t.since, { date: formatDate(locale, app.partner_powered_since) })}</p>
            <dl class="stats">
              ${figures([
                [t.records, app.records_served],
                [t.attributed, app.businesses_attributed],
              ])}
            </dl>
            ${app.contributing_directories.length
              ? html`<h4>${t.directories}</h4>
                  <ul class="directories">
                    ${app.contributing_directories.map((d) => html`<li><span>${d.directory_name}</span> <span class="muted">${formatPercent(locale, d.share_percent)}</span></li>`)}
                  </ul>`
              : nothing}
          </li>`;
        })}
      </ul>
      <p class="visually-hidden" role="status" aria-live="polite">${this.announcement}</p>
      ${cursor
        ? html`<div class="more">
            ${this.moreStatus === 'error' ? html`<p role="alert">${say.error}</p>` : nothing}
            <button part="more" aria-disabled=${this.moreStatus === 'loading'} @click=${() => this.loadMore(page, cursor)}>
              ${this.moreStatus === 'loading' ? say.loading : t.more}
            </button>
          </div>`
        : nothing}`;
  };

  /** Typing searches once the user pauses; Enter (the form's submit) searches at once. */
  private onSearch(event: Event) {
    clearTimeout(this.searchTimer);
    const q = this.renderRoot.querySelector('input')!.value;
    if (event.type === 'submit') {
      event.preventDefault();
      this.applyFilters(q);
    } else this.searchTimer = setTimeout(() => this.applyFilters(q), 350);
  }

  private emit(name: string, detail: object) {
    this.dispatchEvent(new CustomEvent(`showcase-${name}`, { detail, bubbles: true, composed: true }));
  }

  /** Applies what the user chose; the resource refetches the first page because its path changed. */
  private applyFilters(q: string, product = this.product) {
    const before = JSON.stringify(this.filters);
    this.q = q;
    this.product = product || undefined;
    const after = this.filters;
    if (JSON.stringify(after) === before) return;
    this.moreRequest?.abort();
    this.moreStatus = this.announcement = '';
    this.emit('filter-change', after);
  }

  /** Appends the next page to the shown one, in the resource's value: a new first page (filters, api-base, retry) replaces it all. */
  private async loadMore(shown: Showcase, cursor: string) {
    if (this.moreStatus === 'loading') return;
    this.emit('load-more', { cursor });
    const controller = (this.moreRequest = new AbortController());
    this.moreStatus = 'loading';
    try {
      const page = parseShowcase(await request({ apiBase: this.apiBase ?? '', path: this.path(cursor), signal: controller.signal, timeoutMs: this.timeout }));
      if (controller.signal.aborted) return;
      this.moreStatus = '';
      // The list changed underneath (api-base, filters): this page belongs to an older one.
      if (this.showcase.value !== shown) return;
      const apps = [...shown.apps, ...page.apps];
      this.showcase.value = { ...shown, apps, next_cursor: page.next_cursor };
      this.announcement = fill(messages[this.language].loaded, { added: formatCount(this.lang_, page.apps.length), shown: formatCount(this.lang_, apps.length) });
      // The button may vanish on the last page: focus moves to the first new card, where reading continues.
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>(`[data-app="${page.apps[0]?.id}"]`)?.focus();
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
