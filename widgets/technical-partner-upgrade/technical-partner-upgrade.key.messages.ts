import type { Translations } from '../internal/i18n.ts';

// The words of the key panel (technical-partner-upgrade.key.ts), loaded with it.
const en = {
  keyTitle: 'API key for partner prices',
  issue: 'Issue key',
  issuing: 'Issuing…',
  confirmText: 'A new key revokes your earlier Technical Partner key: update your apps.',
  confirm: 'Revoke and issue',
  cancel: 'Cancel',
  keyLabel: 'New key',
  keyWarning: 'Store it now: it will not be shown again. Any earlier Technical Partner key is now revoked.',
  copy: 'Copy',
  stored: 'I stored it',
  copied: 'Key copied.',
  copyManually: 'Copy blocked: copy it yourself.',
  keyCleared: 'Key removed.',
};

const fr: typeof en = {
  keyTitle: 'Clé API aux prix partenaire',
  issue: 'Émettre la clé',
  issuing: 'Émission…',
  confirmText: 'Une nouvelle clé révoque l’ancienne : mettez à jour vos applications.',
  confirm: 'Révoquer et émettre',
  cancel: 'Annuler',
  keyLabel: 'Nouvelle clé',
  keyWarning: 'Conservez-la maintenant : elle ne sera plus affichée. L’ancienne clé est révoquée.',
  copy: 'Copier',
  stored: 'Je l’ai conservée',
  copied: 'Clé copiée.',
  copyManually: 'Copie bloquée : copiez-la vous-même.',
  keyCleared: 'Clé retirée.',
};

export const keyMessages: Translations<typeof en> = { en, fr };
