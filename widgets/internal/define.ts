/**
 * Registers a tag once. Two embeds of the same widget on one page (two partner snippets, or the
 * per-element file next to the all-in-one file) must not throw "already defined".
 */
export function define(tag: string, element: CustomElementConstructor): void {
  // Node has no registry unless Lit's server build (or a DOM shim) installed one: importing there must not throw.
  const registry = globalThis.customElements;
  if (registry && !registry.get(tag)) registry.define(tag, element);
}
