import type { Translations } from '../internal/i18n.ts';

// The embed-code generator's words, loaded with it (developer-ecosystem-tab.generator.ts).
const en = {
  // the embeddable widgets
  'ecosystem-impact-card': 'Impact card',
  'live-business-feed': 'Live business feed',
  'partner-powered-badge': 'Partner-Powered badge',
  'developer-ecosystem-tab': 'Developer ecosystem (signed in)',
  'technical-partner-upgrade': 'Technical Partner form (signed in)',
  widget: 'Widget',
  theme: 'Colours',
  themeAuto: 'Follow the visitor’s system',
  themeLight: 'Light',
  themeDark: 'Dark',
  language: 'Language',
  languageAuto: 'The page’s language',
  preview: 'Preview',
  previewSignedIn: 'This widget shows the signed-in account: preview it on your own site.',
  previewFailed: 'The preview could not load; the code below still works.',
  noBadge: 'No app, so there is no badge to show.',
  code: 'Embed code',
  // a widget that needs an embed session: the code for the page, then for the partner's server
  sessionNote: 'This widget shows your account: your server gets it a short-lived embed session with your partner token, which never goes into a page.',
  pageCode: 'Your page',
  serverCode: 'Your server (Node.js, Express)',
  curlCode: 'The same from a shell (curl)',
  copy: 'Copy',
  // the result of a copy
  copied: 'Copied to the clipboard.',
  failed: 'Could not copy: press Ctrl+C (⌘C).',
};

const fr: typeof en = {
  'ecosystem-impact-card': 'Carte d’impact',
  'live-business-feed': 'Flux d’entreprises en direct',
  'partner-powered-badge': 'Badge Partner-Powered',
  'developer-ecosystem-tab': 'Écosystème (connecté)',
  'technical-partner-upgrade': 'Candidature partenaire (connecté)',
  widget: 'Widget',
  theme: 'Couleurs',
  themeAuto: 'Celles du système du visiteur',
  themeLight: 'Claires',
  themeDark: 'Sombres',
  language: 'Langue',
  languageAuto: 'Celle de la page',
  preview: 'Aperçu',
  previewSignedIn: 'Ce widget montre le compte connecté : prévisualisez-le sur votre site.',
  previewFailed: 'L’aperçu n’a pas pu se charger ; le code ci-dessous fonctionne quand même.',
  noBadge: 'Aucune application, donc pas de badge.',
  code: 'Code d’intégration',
  sessionNote:
    'Ce widget montre votre compte : votre serveur lui obtient une session d’intégration de courte durée avec votre jeton partenaire, qui ne va jamais dans une page.',
  pageCode: 'Votre page',
  serverCode: 'Votre serveur (Node.js, Express)',
  curlCode: 'La même chose en ligne de commande (curl)',
  copy: 'Copier',
  copied: 'Copié dans le presse-papiers.',
  failed: 'Copie impossible : appuyez sur Ctrl+C (⌘C).',
};

export const embedMessages: Translations<typeof en> = { en, fr };
