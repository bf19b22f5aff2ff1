const warned = new Set<string>();

/**
 * Registers a tag once. Two embeds of the same widget on one page (two partner snippets, or the
 * per-element file next to the all-in-one file) must not throw "already defined". When the tag
 * belongs to another copy of the widgets (another version, another build), that copy is kept and
 * the console says so once.
 */
export function define(tag: string, element: CustomElementConstructor): void {
  // Node has no registry unless Lit's server build (or a DOM shim) installed one: importing there must not throw.
  const registry = globalThis.customElements;
  if (!registry) return;
  const registered = registry.get(tag);
  if (!registered) registry.define(tag, element);
  else if (registered !== element && !warned.has(tag)) {
    warned.add(tag);
    console.warn(`<${tag}> was already defined by another version; that one is used.`);
  }
}
