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
  matching: (shown: string, total: string, more: boolean) =>
    more ? `Figures for the ${shown} matching apps shown so far, of ${total}.` : `Figures for the ${shown} of ${total} apps that match.`,
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
  matching: (shown, total, more) =>
    more
      ? `Chiffres des ${shown} applications correspondantes affichées jusqu’ici, sur ${total}.`
      : `Chiffres des ${shown} applications sur ${total} qui correspondent.`,
  cmal: 'CMAL',
  voice: 'Voix',
  susu: 'Susu',
  fraud: 'Fraude',
};

export const messages: Translations<typeof en> = { en, fr };
