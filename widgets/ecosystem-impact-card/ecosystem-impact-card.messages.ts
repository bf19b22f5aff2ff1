import type { Translations } from '../internal/i18n.ts';

const en = {
  title: 'Ecosystem impact',
  businesses: 'Partner-referred businesses',
  apps: 'Apps powered by partner data',
  impact: 'Combined economic impact',
  network: (directories: string, developers: string) => `${directories} directories · ${developers} developers`,
  flowTitle: 'How value flows',
  referrals: 'Referrals',
  referralsCaption: 'Directory partners refer businesses to the platform.',
  converted: 'Businesses',
  convertedCaption: 'Referrals that converted: these businesses are on the platform and pay for it.',
  pool: 'API data pool',
  poolCaption: 'The converted businesses that are verified enter the API data pool: they are the partner-referred businesses counted above.',
  poweredApps: 'Apps',
  // A caption with a figure is a list of parts: the figure is markup (its exact value for screen readers).
  appsCaption: (records: unknown) => ['Developers’ apps use that data: ', records, ' partner records served.'],
  earnings: 'Partner earnings',
  earningsCaption: (appEarnings: unknown) => [
    'Earnings flow back: directory partners earn a commission on what their businesses pay, and Technical Partners earned ',
    appEarnings,
    ' through their apps. Then the loop goes round again.',
  ],
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
  referralsCaption: 'Les annuaires partenaires recommandent des entreprises à la plateforme.',
  converted: 'Entreprises',
  convertedCaption: 'Les recommandations converties : ces entreprises sont sur la plateforme et la paient.',
  pool: 'Pool de données API',
  poolCaption: 'Les entreprises converties et vérifiées entrent dans le pool de données API : ce sont les entreprises recommandées comptées plus haut.',
  poweredApps: 'Applications',
  appsCaption: (records) => ['Les applications des développeurs utilisent ces données : ', records, ' fiches partenaires servies.'],
  earnings: 'Gains des partenaires',
  earningsCaption: (appEarnings) => [
    'Les gains reviennent : les annuaires partenaires touchent une commission sur ce que paient leurs entreprises, et les Partenaires techniques ont gagné ',
    appEarnings,
    ' grâce à leurs applications. Puis la boucle recommence.',
  ],
  empty: 'L’écosystème ne compte encore aucune entreprise recommandée.',
};

export const messages: Translations<typeof en> = { en, fr };
