import type { Translations } from './i18n.ts';

// The words of the paged table (paged-table.ts), loaded with it; each element names its own search.
const en = {
  previous: 'Previous',
  next: 'Next',
  range: (from: string, to: string, total: string) => `${from === to ? from : `${from}–${to}`} of ${total}`,
  noMatch: 'Nothing matches this search.',
};

const fr: typeof en = {
  previous: 'Précédent',
  next: 'Suivant',
  range: (from, to, total) => `${from === to ? from : `${from}–${to}`} sur ${total}`,
  noMatch: 'Rien ne correspond à cette recherche.',
};

export const pagerMessages: Translations<typeof en> = { en, fr };
