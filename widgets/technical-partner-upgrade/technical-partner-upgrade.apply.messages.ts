import type { Translations } from '../internal/i18n.ts';

// The words of the application form (technical-partner-upgrade.apply.ts), loaded with it.
const en = {
  applyTitle: 'Apply to become a Technical Partner',
  partnerIntro: 'Through a developer account linked to your directory.',
  email: 'Developer email',
  name: 'Name',
  company: 'Company',
  app_name: 'App name',
  app_url: 'App URL',
  optional: '(optional)',
  required: 'Enter this field.',
  tooLong: (max: string) => `Use at most ${max} characters.`,
  invalidEmail: 'Enter an email address.',
  invalidUrl: 'Use https:// or http://.',
  submit: 'Apply',
  sending: 'Sending…',
  linkText:
    'If this email belongs to a developer account, give this one-time code to that developer: they confirm the link with their own API key, and the application is filed then.',
};

const fr: typeof en = {
  applyTitle: 'Devenir Partenaire technique',
  partnerIntro: 'Par un compte développeur lié à votre annuaire.',
  email: 'E-mail développeur',
  name: 'Nom',
  company: 'Entreprise',
  app_name: 'Nom de l’application',
  app_url: 'URL de l’application',
  optional: '(facultatif)',
  required: 'Renseignez ce champ.',
  tooLong: (max) => `${max} caractères au plus.`,
  invalidEmail: 'Saisissez une adresse e-mail.',
  invalidUrl: 'Utilisez https:// ou http://.',
  submit: 'Postuler',
  sending: 'Envoi…',
  linkText:
    'Si cette adresse appartient à un compte développeur, donnez ce code à usage unique à ce développeur : il confirme le lien avec sa propre clé d’API, et la candidature est alors déposée.',
};

export const applyMessages: Translations<typeof en> = { en, fr };
