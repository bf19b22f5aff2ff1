/**
 * The badge's markup as plain data, built into DOM nodes in the browser (`toNodes`) or into an
 * HTML string on a server (`toHtml`). The badge is the most embedded widget and its page is held
 * to 8 KB (DESIGN §8): this replaces lit-html there, so the badge's page loads no template engine.
 * Nodes are made with `createElement` and `textContent` only, never parsed from a string, so
 * nothing here is a Trusted Types sink and no text can become markup.
 */
export type View = string | false | undefined | ViewElement;

export interface ViewElement {
  tag: string;
  /**
   * `true` writes an attribute empty, `false` or `undefined` leaves it out; a function under
   * `@type` is an event listener, added in the browser and left out by `toHtml`.
   */
  attrs: Record<string, string | boolean | undefined | ((event: Event) => void)>;
  children: View[];
}

/** An element: `h('p', { class: 'muted' }, 'text', h('button', { '@click': go }, '…'))`. */
export const h = (tag: string, attrs: ViewElement['attrs'], ...children: View[]): ViewElement => ({ tag, attrs, children });

const SVG = 'http://www.w3.org/2000/svg';

/** DOM nodes for `views` (an `svg` element and its children in the SVG namespace). */
export function toNodes(views: View[], svg = false): Node[] {
  const nodes: Node[] = [];
  for (const view of views) {
    if (view === false || view === undefined) continue;
    if (typeof view === 'string') {
      nodes.push(document.createTextNode(view));
      continue;
    }
    const inSvg = svg || view.tag === 'svg';
    const element = inSvg ? document.createElementNS(SVG, view.tag) : document.createElement(view.tag);
    for (const [name, value] of Object.entries(view.attrs)) {
      if (typeof value === 'function') element.addEventListener(name.slice(1), value);
      else if (value !== false && value !== undefined) element.setAttribute(name, value === true ? '' : value);
    }
    element.append(...toNodes(view.children, inSvg));
    nodes.push(element);
  }
  return nodes;
}

const escapeHtml = (text: string) => text.replace(/[&<>"]/g, (char) => `&${{ '&': 'amp', '<': 'lt', '>': 'gt', '"': 'quot' }[char]};`);

/** The same markup as HTML text, escaped, for a server render (never bundled into the embed). */
export const toHtml = (views: View[]): string =>
  views
    .map((view) => {
      if (view === false || view === undefined) return '';
      if (typeof view === 'string') return escapeHtml(view);
      const attrs = Object.entries(view.attrs)
        .map(([name, value]) => (typeof value === 'string' ? ` ${name}="${escapeHtml(value)}"` : value === true ? ` ${name}` : ''))
        .join('');
      return `<${view.tag}${attrs}>${toHtml(view.children)}</${view.tag}>`;
    })
    .join('');
