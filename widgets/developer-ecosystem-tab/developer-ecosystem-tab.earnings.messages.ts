import type { Translations } from '../internal/i18n.ts';

// The words of the developer tab's "Earnings" panel, loaded with it.
const en = {
  commissions: 'Commissions',
  appEarnings: 'App earnings',
  combined: 'Combined earnings',
  byMonth: 'Commissions by month',
  byMonthDesc: (first: string, from: string, last: string, to: string) => `From ${first} in ${from} to ${last} in ${to}.`,
  none: 'None yet.',
};

const fr: typeof en = {
  commissions: 'Commissions',
  appEarnings: 'Gains de l’application',
  combined: 'Gains combinés',
  byMonth: 'Commissions par mois',
  byMonthDesc: (first, from, last, to) => `De ${first} en ${from} à ${last} en ${to}.`,
  none: 'Aucun pour l’instant.',
};

export const earningsMessages: Translations<typeof en> = { en, fr };
