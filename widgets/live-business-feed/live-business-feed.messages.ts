import type { Translations } from '../internal/i18n.ts';

const en = {
  title: 'Partner-contributed businesses',
  total: 'Businesses',
  categories: 'Categories',
  states: 'States',
  newestTitle: 'Newest',
  noneYet: 'None yet.',
  byCategory: 'By category',
  category: 'Category',
  byState: 'By state',
  state: 'State',
  topCities: 'Top cities',
  via: (directory: string) => `via ${directory}`,
  rated: (rating: string) => `rated ${rating}`,
  pause: 'Pause updates',
  resume: 'Resume updates',
  // under a table cut to its first rows
  showAll: (count: string) => `Show all ${count}`,
  showFewer: 'Show fewer',
  // the connection of the live stream, by status
  connecting: 'Connecting…',
  connected: 'Live',
  reconnecting: 'Reconnecting…',
  offline: 'Offline',
  paused: (count: string) => `Paused · ${count} new`,
  empty: 'No partner-contributed businesses yet.',
};

const fr: typeof en = {
  title: 'Entreprises apportées par les partenaires',
  total: 'Entreprises',
  categories: 'Catégories',
  states: 'États',
  newestTitle: 'Nouvelles',
  noneYet: 'Aucune pour l’instant.',
  byCategory: 'Par catégorie',
  category: 'Catégorie',
  byState: 'Par État',
  state: 'État',
  topCities: 'Principales villes',
  via: (directory) => `via ${directory}`,
  rated: (rating) => `note ${rating}`,
  pause: 'Suspendre le direct',
  resume: 'Reprendre le direct',
  showAll: (count) => `Tout afficher (${count})`,
  showFewer: 'Afficher moins',
  connecting: 'Connexion…',
  connected: 'En direct',
  reconnecting: 'Reconnexion…',
  offline: 'Hors ligne',
  paused: (count) => `En pause · ${count} nouvelles`,
  empty: 'Aucune entreprise apportée par les partenaires pour l’instant.',
};

export const messages: Translations<typeof en> = { en, fr };
