import type { Translations } from '../internal/i18n.ts';

const en = {
  title: 'Ecosystem impact',
  businesses: 'Partner-referred businesses',
  apps: 'Apps powered by partner data',
  impact: 'Combined economic impact',
  network: (directories: string, developers: string) => `${directories} directories · ${developers} developers`,
  flowTitle: 'How value flows',
  referrals: 'Referrals',
  converted: 'Businesses',
  pool: 'API data pool',
  poweredApps: 'Apps',
  earnings: 'Partner earnings',
  empty: 'The ecosystem has no partner-referred businesses yet.',
};

const fr: typeof en = {
  title: 'Impact de l’écosystème',
  businesses: 'Entreprises recommandées par les partenaires',
  apps: 'Applications alimentées par les données partenaires',
  impact: 'Impact économique combiné',
  network: (directories, developers) => `${directories} annuaires · ${developers} développeurs`,
  flowTitle: 'Comment la valeur circule',
  referrals: 'Recommandations',
  converted: 'Entreprises',
  pool: 'Pool de données API',
  poweredApps: 'Applications',
  earnings: 'Gains des partenaires',
  empty: 'L’écosystème ne compte encore aucune entreprise recommandée.',
};

export const messages: Translations<typeof en> = { en, fr };
