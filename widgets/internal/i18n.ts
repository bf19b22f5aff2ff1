/**
 * The languages every widget speaks; anything else falls back to English.
 *
 * Each widget keeps its messages apart, in `<tag>.messages.ts`: one object per language, typed by
 * the English one. A message with values is a function of them (`(count: string) => …`), so a
 * call that leaves one out or passes one too many fails the type check, and so does a translation
 * that expects a value English does not give; values arrive formatted for the locale.
 */
export type Language = 'en' | 'fr';

/** A widget's messages in every language, each typed by the English object. */
export type Translations<T> = Record<Language, T>;

export const languageOf = (locale: string): Language => (locale.toLowerCase().startsWith('fr') ? 'fr' : 'en');

/**
 * The locale an element speaks: its own, else the nearest `lang` attribute, else the browser's.
 * A server render (no DOM tree, no `navigator` before Node 21) falls back to English.
 */
export const localeOf = (element: Element, locale: string | undefined): string =>
  locale || element.closest?.('[lang]')?.getAttribute('lang') || globalThis.navigator?.language || 'en';

/** Words shared by the loading, empty and error states of every widget (the signed-out state's: authenticated-element.ts). */
const en = {
  loading: 'Loading…',
  error: 'Could not load this right now.',
  retry: 'Try again',
  empty: 'Nothing to show yet.',
  unauthorized: 'Your credential was not accepted. Sign in again.',
  forbidden: 'This credential may not see this.',
};

const fr: typeof en = {
  loading: 'Chargement…',
  error: 'Impossible de charger ces données pour le moment.',
  retry: 'Réessayer',
  empty: 'Rien à afficher pour l’instant.',
  unauthorized: 'Votre identifiant a été refusé. Reconnectez-vous.',
  forbidden: 'Cet identifiant ne donne pas accès à ceci.',
};

export const common: Translations<typeof en> = { en, fr };

/** What a refused credential means to the user (401: sign in again; 403: not allowed), or undefined for any other status. */
export const refusal = (language: Language, status: number | undefined): string | undefined =>
  status === 401 ? common[language].unauthorized : status === 403 ? common[language].forbidden : undefined;
