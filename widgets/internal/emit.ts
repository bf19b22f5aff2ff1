/** The names of the custom events declared in `HTMLElementEventMap` (each element's define.ts). */
export type CustomEventName = { [K in keyof HTMLElementEventMap]: HTMLElementEventMap[K] extends CustomEvent ? K : never }[keyof HTMLElementEventMap];

type DetailOf<K extends CustomEventName> = HTMLElementEventMap[K] extends CustomEvent<infer D> ? D : never;

/**
 * Dispatches one of the widgets' events from `element`: bubbling and composed, so a listener on
 * the host page hears it through the shadow boundary. The name and `detail` are typed by
 * `HTMLElementEventMap`; an event declared with a `null` detail takes none.
 */
export function emit<K extends CustomEventName>(element: EventTarget, name: K, ...detail: DetailOf<K> extends null ? [] : [DetailOf<K>]): void {
  element.dispatchEvent(new CustomEvent(name, { detail: detail[0], bubbles: true, composed: true }));
}
