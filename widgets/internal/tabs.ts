/**
 * Keyboard handling of a WAI-ARIA tab list, for any number of tabs: ArrowRight and ArrowLeft move
 * to the next and previous tab (wrapping around), Home and End to the first and last. Returns the
 * tab to select, or undefined for any other key (then the event is left alone).
 */
export function tabFromKey<T>(event: KeyboardEvent, tabs: readonly T[], current: T): T | undefined {
  const count = tabs.length;
  const index = tabs.indexOf(current);
  const next = ({ ArrowRight: index + 1, ArrowLeft: index - 1 + count, Home: 0, End: count - 1 } as Record<string, number>)[event.key];
  if (next === undefined || !count) return undefined;
  event.preventDefault();
  return tabs[next % count];
}
