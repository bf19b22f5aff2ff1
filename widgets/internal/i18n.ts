/** The languages every widget speaks; anything else falls back to English. */
export type Language = 'en' | 'fr';

export type Messages<K extends string> = Record<Language, Record<K, string>>;

export const languageOf = (locale: string): Language => (locale.toLowerCase().startsWith('fr') ? 'fr' : 'en');

/** Fills `{name}` placeholders. */
export function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (_, name: string) => String(values[name] ?? ''));
}

/** Words shared by the loading, empty, error and signed-out states of every widget. */
export const common: Messages<'loading' | 'error' | 'retry' | 'empty' | 'signIn' | 'unauthorized' | 'forbidden'> = {
  en: {
    loading: 'Loading…',
    error: 'Could not load this right now.',
    retry: 'Try again',
    empty: 'Nothing to show yet.',
    signIn: 'Sign in to see this.',
    unauthorized: 'Your credential was not accepted. Sign in again.',
    forbidden: 'This credential may not see this.',
  },
  fr: {
    loading: 'Chargement…',
    error: 'Impossible de charger ces données pour le moment.',
    retry: 'Réessayer',
    empty: 'Rien à afficher pour l’instant.',
    signIn: 'Connectez-vous pour voir ceci.',
    unauthorized: 'Votre identifiant a été refusé. Reconnectez-vous.',
    forbidden: 'Cet identifiant ne donne pas accès à ceci.',
  },
};
