import { html, nothing, type TemplateResult } from 'lit';

/** One headline figure: its label, its value, and optionally a class for the value. */
export type Figure = readonly [label: unknown, value: unknown, valueClass?: string];

/**
 * A row of headline figures (`.figures` in the panel styles), each value a `value` part. A
 * missing figure (null, false, undefined) is left out; `listClass` is added to the list's class.
 */
export const figures = (list: readonly (Figure | null | false | undefined)[], listClass?: string): TemplateResult =>
  html`<dl class=${listClass ? `figures ${listClass}` : 'figures'}>
    ${list.map((figure) => figure && html`<div class="figure"><dt>${figure[0]}</dt><dd part="value" class=${figure[2] ?? nothing}>${figure[1]}</dd></div>`)}
  </dl>`;

/**
 * A table's head and body: the first cell of each row heads it, and the columns from `numbers`
 * on hold figures (aligned to the end, never wrapped in a scrolling table).
 */
export const tableRows = (head: readonly unknown[], body: readonly (readonly unknown[])[], numbers = 1): TemplateResult => {
  const align = (column: number) => (column < numbers ? nothing : 'number');
  return html`<thead>
      <tr>${head.map((label, i) => html`<th scope="col" class=${align(i)}>${label}</th>`)}</tr>
    </thead>
    <tbody>
      ${body.map(
        ([first, ...rest]) => html`<tr>
          <th scope="row">${first}</th>
          ${rest.map((cell, i) => html`<td class=${align(i + 1)}>${cell}</td> `)}
        </tr>`,
      )}
    </tbody>`;
};

export interface ScrollTableOptions {
  /** The first column holding figures (default 1: all but the row headers). */
  numbers?: number | undefined;
  /** A part name for the scrolling region. */
  part?: string | undefined;
  /** Shown between the title and the table (a chart of the same figures). */
  before?: unknown | undefined;
  /** Shown instead of the table when it has no rows; without it an empty table is shown. */
  none?: unknown | undefined;
}

/**
 * A titled table that scrolls sideways on a narrow screen instead of squeezing its figures, in a
 * region a keyboard can reach and scroll. `id` names the title (`<id>-title`) and the table's class.
 */
export const scrollTable = (
  id: string,
  title: unknown,
  head: readonly unknown[],
  body: readonly (readonly unknown[])[],
  options: ScrollTableOptions = {},
): TemplateResult =>
  html`<h3 id="${id}-title">${title}</h3>
    ${options.before}
    ${
      body.length || options.none === undefined
        ? html`<div class="table-scroll" part=${options.part ?? nothing} role="region" tabindex="0" aria-labelledby="${id}-title">
          <table class=${id} aria-labelledby="${id}-title">${tableRows(head, body, options.numbers)}</table>
        </div>`
        : html`<p class="muted">${options.none}</p>`
    }`;
