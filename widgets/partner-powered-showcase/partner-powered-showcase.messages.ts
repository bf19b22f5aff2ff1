import type { Translations } from '../internal/i18n.ts';

const en = {
  title: 'Partner-powered apps',
  search: 'Search apps',
  product: 'API product',
  products: 'API products',
  all: 'All products',
  apps: 'Apps',
  records: 'Records served',
  attributed: 'Businesses attributed',
  directories: 'Contributing directories',
  since: (date: string) => `Partner-powered since ${date}`,
  newTab: '(new tab)',
  more: 'Load more',
  loaded: (added: string, shown: string) => `${added} more apps, ${shown} shown.`,
  empty: 'No apps yet.',
  noMatch: 'No apps match these filters.',
  cmal: 'CMAL',
  voice: 'Voice',
  susu: 'Susu',
  fraud: 'Fraud',
};

const fr: typeof en = {
  title: 'Applications propulsées par les partenaires',
  search: 'Rechercher une application',
  product: 'Produit API',
  products: 'Produits API',
  all: 'Tous les produits',
  apps: 'Applications',
  records: 'Fiches servies',
  attributed: 'Entreprises attribuées',
  directories: 'Annuaires contributeurs',
  since: (date) => `Propulsée depuis le ${date}`,
  newTab: '(nouvel onglet)',
  more: 'Afficher plus',
  loaded: (added, shown) => `${added} applications de plus, ${shown} affichées.`,
  empty: 'Aucune application pour l’instant.',
  noMatch: 'Aucune application ne correspond à ces filtres.',
  cmal: 'CMAL',
  voice: 'Voix',
  susu: 'Susu',
  fraud: 'Fraude',
};

export const messages: Translations<typeof en> = { en, fr };
