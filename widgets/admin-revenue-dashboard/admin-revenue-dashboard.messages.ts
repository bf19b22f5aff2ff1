import type { Translations } from '../internal/i18n.ts';

const en = {
  title: 'Ecosystem revenue and health',
  tabs: 'Panels',
  revenue: 'Revenue',
  'cross-pollination': 'Cross-pollination',
  health: 'Health',
  failed: (count: string) => `${count} of 3 panels could not load.`,
  platformRevenue: 'Platform revenue',
  payouts: 'Payouts',
  net: 'Net',
  byProgram: 'By program',
  program: 'Program',
  partnerProgram: 'Partner program',
  partnerProgramNote: 'Business payments, directory commissions',
  developerPlatform: 'Developer platform',
  developerPlatformNote: 'API billing, revenue share',
  monthly: 'Monthly revenue',
  showChart: 'Show as chart',
  month: 'Month',
  businessPayments: 'Business payments',
  apiBilling: 'API billing',
};

const fr: typeof en = {
  title: 'Revenus et santé de l’écosystème',
  tabs: 'Panneaux',
  revenue: 'Revenus',
  'cross-pollination': 'Pollinisation croisée',
  health: 'Santé',
  failed: (count) => `Panneaux non chargés : ${count} sur 3.`,
  platformRevenue: 'Revenus de la plateforme',
  payouts: 'Reversements',
  net: 'Net',
  byProgram: 'Par programme',
  program: 'Programme',
  partnerProgram: 'Programme partenaires',
  partnerProgramNote: 'Paiements des entreprises, commissions des annuaires',
  developerPlatform: 'Plateforme développeurs',
  developerPlatformNote: 'Facturation API, part des revenus',
  monthly: 'Revenus mensuels',
  showChart: 'Afficher en graphique',
  month: 'Mois',
  businessPayments: 'Paiements des entreprises',
  apiBilling: 'Facturation API',
};

export const messages: Translations<typeof en> = { en, fr };
