import type { Translations } from '../internal/i18n.ts';

const en = {
  label: 'Partner-Powered',
  since: (date: string) => `Since ${date}`,
  records: (count: string) => `${count} partner records served`,
  directories: (count: string) => `Contributing directories (${count})`,
  newTab: '(opens in a new tab)',
  empty: 'Not partner-powered yet.',
};

const fr: typeof en = {
  label: 'Propulsé par les partenaires',
  since: (date) => `Depuis le ${date}`,
  records: (count) => `${count} fiches partenaires servies`,
  directories: (count) => `Annuaires contributeurs (${count})`,
  newTab: '(s’ouvre dans un nouvel onglet)',
  empty: 'Pas encore propulsé par les partenaires.',
};

export const messages: Translations<typeof en> = { en, fr };
