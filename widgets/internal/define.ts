/**
 * Registers a tag once. Two embeds of the same widget on one page (two partner snippets, or the
 * per-element file next to the all-in-one file) must not throw "already defined".
 */
export function define(tag: string, element: CustomElementConstructor): void {
  if (!customElements.get(tag)) customElements.define(tag, element);
}
