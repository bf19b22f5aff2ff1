import { html, nothing } from 'lit';
import { request } from '../internal/api-client.ts';
import { ApiResource } from '../internal/api-resource.ts';
import { EcosystemElement } from '../internal/ecosystem-element.ts';
import { emit } from '../internal/emit.ts';
import { formatCount, formatDate, formatPercent } from '../internal/format.ts';
import { common } from '../internal/i18n.ts';
import { figures } from '../internal/templates.ts';
import { baseStyles } from '../styles/base.styles.ts';
import { type ApiProduct, isProduct, PRODUCTS, parseShowcase, type Showcase, type ShowcaseFilters } from './partner-powered-showcase.api.ts';
import { messages } from './partner-powered-showcase.messages.ts';
import { styles } from './partner-powered-showcase.styles.ts';

/**
 * A gallery of partner-powered apps: each card shows the app, its company and API products,
 * since when it is partner-powered, the records it read and the businesses attributed to it, and
 * the directories whose businesses it read with each one's share. The ecosystem's totals sit above
 * the gallery; the user can search, filter by API product and load more, and once they do, the
 * figures above are those of the matching apps shown, with a line saying how many of all they are. Given as the `data`
 * property, a showcase is the first page, and the filters apply to it locally.
 *
 * @summary Gallery of partner-powered apps.
 * @tag partner-powered-showcase
 *
 * @attr {number} limit - Apps per page, 1 to 50 (default 12).
 * @attr {string} product - Show only apps using this API product: `cmal`, `voice`, `susu` or `fraud`. The user can change it.
 *
 * @fires showcase-filter-change - The user changed the search or the product filter; `detail: { q: string, product: string }` (`''` for none).
 * @fires showcase-load-more - The user asked for the next page; `detail: { cursor: string }`.
 *
 * @csspart base - The gallery's frame.
 * @csspart filters - The search and product filter form.
 * @csspart value - Each total above the gallery.
 * @csspart card - Each app's card.
 * @csspart more - The "Load more" button.
 */
export class PartnerPoweredShowcase extends EcosystemElement<Showcase> {
  static override styles = [baseStyles, styles];
  static override properties = {
    ...EcosystemElement.properties,
    limit: { type: Number },
    product: {},
    q: { state: true },
    moreStatus: { state: true },
    announcement: { state: true },
  };

  /** Apps per page. */
  declare limit: number;
  /** The API product filter; the product select changes it too. */
  declare product: string | undefined;
  declare private q: string;
  declare private moreStatus: '' | 'loading' | 'error';
  /** What the polite live region says after "Load more". */
  declare private announcement: string;
  private searchTimer?: ReturnType<typeof setTimeout> | undefined;
  private moreRequest?: AbortController | undefined;

  constructor() {
    super();
    this.limit = 12;
    this.q = this.moreStatus = this.announcement = '';
  }

  private readonly showcase = new ApiResource<Showcase>(this, {
    path: () => this.path(),
    parse: parseShowcase,
    given: () => {
      const { q, product } = this.filters;
      const needle = q.toLocaleLowerCase();
      return (
        this.data && {
          ...this.data,
          apps: this.data.apps.filter((app) => app.name.toLocaleLowerCase().includes(needle) && (!product || app.api_products.includes(product))),
        }
      );
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
    const count = (value: number) => formatCount(locale, value);
    const { totals, apps } = page;
    const filtered = this.filters.q || this.filters.product;
    // Filtered, the figures are those of the matching apps shown: their records, and the
    // directories they list (each app lists its largest five, so an app with more counts its total).
    const directories = new Set(apps.flatMap((app) => app.contributing_directories.map((d) => d.id))).size;
    return html`${filtered ? html`<p class="muted matching">${t.matching(count(apps.length), count(totals.partner_powered_apps), !!page.next_cursor)}</p>` : nothing}
      ${figures(
        filtered
          ? [
              [t.apps, count(apps.length)],
              [t.records, count(apps.reduce((sum, app) => sum + app.records_served, 0))],
              [t.directories, count(Math.max(directories, ...apps.map((app) => app.contributing_directories_total)))],
            ]
          : [
              [t.apps, count(totals.partner_powered_apps)],
              [t.records, count(totals.records_served)],
              [t.directories, count(totals.directories)],
            ],
        'totals',
      )}
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
            <p class="since">${t.since(formatDate(locale, app.partner_powered_since))}</p>
            <dl class="stats">
              <div><dt>${t.records}</dt><dd>${count(app.records_served)}</dd></div>
              <div><dt>${t.attributed}</dt><dd>${count(app.businesses_attributed)}</dd></div>
            </dl>
            ${
              app.contributing_directories.length
                ? html`<h4>${t.directories}</h4>
                  <ul class="directories">
                    ${app.contributing_directories.map((d) => html`<li><span>${d.directory_name}</span> <span class="muted">${formatPercent(locale, d.share_percent)}</span></li>`)}
                  </ul>`
                : nothing
            }
          </li>`;
        })}
      </ul>
      <p class="visually-hidden" role="status" aria-live="polite">${this.announcement}</p>
      ${
        cursor
          ? html`<div class="more">
            ${this.moreStatus === 'error' ? html`<p role="alert">${say.error}</p>` : nothing}
            <button part="more" aria-disabled=${this.moreStatus === 'loading'} @click=${() => this.loadMore(page, cursor)}>
              ${this.moreStatus === 'loading' ? say.loading : t.more}
            </button>
          </div>`
          : nothing
      }`;
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

  /** Applies what the user chose; the resource refetches the first page because its path changed. */
  private applyFilters(q: string, product = this.product) {
    const before = JSON.stringify(this.filters);
    this.q = q;
    this.product = product || undefined;
    const after = this.filters;
    if (JSON.stringify(after) === before) return;
    this.moreRequest?.abort();
    this.moreStatus = this.announcement = '';
    emit(this, 'showcase-filter-change', after);
  }

  /** Appends the next page to the shown one, in the resource's value: a new first page (filters, api-base, retry) replaces it all. */
  private async loadMore(shown: Showcase, cursor: string) {
    if (this.moreStatus === 'loading') return;
    emit(this, 'showcase-load-more', { cursor });
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
      this.announcement = messages[this.language].loaded(formatCount(this.lang_, page.apps.length), formatCount(this.lang_, apps.length));
      // The button may vanish on the last page: focus moves to the first new card, where reading continues.
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>(`[data-app="${page.apps[0]?.id}"]`)?.focus();
    } catch {
      if (!controller.signal.aborted) this.moreStatus = 'error';
    }
  }
}
