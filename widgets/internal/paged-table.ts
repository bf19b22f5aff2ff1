import { css, html, nothing, type ReactiveControllerHost, type TemplateResult } from 'lit';
import { formatCount } from './format.ts';
import { languageOf } from './i18n.ts';
import { pagerMessages } from './paged-table.messages.ts';

// A long table's paging, search and phone cards, loaded on demand (on-demand.ts) by the elements
// whose tables can hold more than a page of rows, the first time one does: a shorter table is a
// plain `scrollTable` (templates.ts), and no page that never shows a long table downloads this.

/** Rows per page; an element shows a longer table through a pager. */
export const PAGE_SIZE = 10;

export interface PagedTableOptions {
  /** The search box's label ("Search apps"), from the element's messages. */
  search: string;
  /** The text the search looks in, one per row (its name). */
  names: readonly string[];
  /** The first column holding figures (default 1: all but the row headers). */
  numbers?: number | undefined;
}

/**
 * A titled table that pages its rows and searches them by name, its search text and page kept on
 * the element across renders (a new search goes back to the first page). Buttons at either end
 * stay focusable but disabled (`aria-disabled`), and a polite live region says which rows show
 * and how many match. In a narrow element (a container query) each row becomes a card: the
 * table's own cells restyled, the row's header as the title and each cell after its column's name
 * (`data-label`), so the data is in the page once. `id` names the table's region and class, its
 * title (`<id>-title`) and the search box (`<id>-q`).
 */
export class TablePager {
  /** The search text and the page shown (from 0). */
  q = '';
  page = 0;

  constructor(private readonly host: ReactiveControllerHost) {}

  private go(page: number) {
    this.page = page;
    this.host.requestUpdate();
  }

  render(
    id: string,
    title: unknown,
    head: readonly string[],
    rows: readonly (readonly unknown[])[],
    locale: string,
    { search, names, numbers = 1 }: PagedTableOptions,
  ): TemplateResult {
    const t = pagerMessages[languageOf(locale)];
    const count = (value: number) => formatCount(locale, value);
    const needle = this.q.trim().toLocaleLowerCase();
    const found = rows.filter((_, i) => names[i]!.toLocaleLowerCase().includes(needle));
    const last = Math.max(0, Math.ceil(found.length / PAGE_SIZE) - 1);
    const page = (this.page = Math.min(this.page, last));
    const start = page * PAGE_SIZE;
    const shown = found.slice(start, start + PAGE_SIZE);
    const align = (column: number) => (column < numbers ? nothing : 'number');
    const button = (label: string, to: number, end: boolean) =>
      html`<button class="secondary" aria-disabled=${end} @click=${() => end || this.go(to)}>${label}</button>`;
    // The rows are `tableRows` (templates.ts) plus each cell's column name for its card: added
    // there, the labels would cost every page's shared `elements` chunk, which has no room.
    return html`<h3 id="${id}-title">${title}</h3>
      <p class="search">
        <label for="${id}-q">${search}</label>
        <input id="${id}-q" type="search" autocomplete="off" .value=${this.q}
          @input=${(event: Event) => {
            this.q = (event.target as HTMLInputElement).value;
            this.go(0);
          }} />
      </p>
      <div class="table-scroll" id=${id} role="region" tabindex="0" aria-labelledby="${id}-title">
        <table class="${id} cards" aria-labelledby="${id}-title">
          <thead>
            <tr>${head.map((label, i) => html`<th scope="col" class=${align(i)}>${label}</th>`)}</tr>
          </thead>
          <tbody>
            ${shown.map(
              ([first, ...rest]) => html`<tr>
                <th scope="row">${first}</th>
                ${rest.map((cell, i) => html`<td class=${align(i + 1)} data-label=${head[i + 1]!}>${cell}</td> `)}
              </tr>`,
            )}
          </tbody>
        </table>
      </div>
      <div class="pager" role="group" aria-labelledby="${id}-title">
        ${button(t.previous, page - 1, !page)}
        <span role="status">${found.length ? t.range(count(start + 1), count(start + shown.length), count(found.length)) : t.noMatch}</span>
        ${button(t.next, page + 1, page === last)}
      </div>`;
  }
}

/** The search box, the pager, and the cards a narrow element shows instead of the columns; they join the element's styles when first shown. */
export const styles = css`
  .search {
    display: grid;
    max-width: 20em;
  }
  .pager {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.6em;
    margin-top: 0.6em;
  }
  @container (max-width: 30em) {
    .cards thead {
      display: none;
    }
    .cards,
    .cards tbody,
    .cards tr,
    .cards th {
      display: block;
    }
    .cards tr {
      margin-top: 0.5em;
      padding: 0.5em;
      border: 1px solid var(--_border);
      border-radius: calc(var(--_radius) / 2);
    }
    .cards th,
    .cards td {
      padding: 0.15em 0;
      border: 0;
    }
    .cards th {
      font-weight: 600;
    }
    .cards td {
      display: flex;
      justify-content: space-between;
      gap: 1em;
    }
    .cards td::before {
      content: attr(data-label);
      color: var(--_muted);
    }
  }
`;
