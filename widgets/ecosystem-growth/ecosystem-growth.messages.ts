import type { Translations } from '../internal/i18n.ts';

const en = {
  title: 'Ecosystem growth',
  growth: (months: string) => `Growth over ${months} months`,
  directories: 'Directories',
  metric: 'Show',
  businesses: 'Businesses',
  partner_powered_apps: 'Partner-powered apps',
  developers: 'Developers',
  records_served: 'Records served',
  chartTitle: (metric: string, from: string, to: string) => `${metric} by month, ${from} to ${to}`,
  /** `percent` is empty, or the change such as " (12.5%)". */
  trend: (first: string, from: string, last: string, to: string, percent: string) => `From ${first} in ${from} to ${last} in ${to}${percent}.`,
  notApplicable: 'n/a',
  empty: 'The ecosystem has no history to show yet.',
};

const fr: typeof en = {
  title: 'Croissance de l’écosystème',
  growth: (months) => `Croissance sur ${months} mois`,
  directories: 'Annuaires',
  metric: 'Afficher',
  businesses: 'Entreprises',
  partner_powered_apps: 'Applications partenaires',
  developers: 'Développeurs',
  records_served: 'Enregistrements servis',
  chartTitle: (metric, from, to) => `${metric} par mois, de ${from} à ${to}`,
  trend: (first, from, last, to, percent) => `De ${first} en ${from} à ${last} en ${to}${percent}.`,
  notApplicable: 's.o.',
  empty: 'Pas encore d’historique à afficher.',
};

export const messages: Translations<typeof en> = { en, fr };
