import { formatCount } from '../internal/format.ts';
import type { applyMessages } from './technical-partner-upgrade.apply.messages.ts';

export type Field = 'email' | 'name' | 'company' | 'app_name' | 'app_url';
type Messages = typeof applyMessages.en;

/** One input of the application form. */
export interface FormField {
  name: Field;
  type: 'email' | 'text' | 'url';
  autocomplete: string;
  required: boolean;
}

/** The application form, in order. A developer fills in only the last two (the app's). */
const FIELDS: readonly FormField[] = [
  { name: 'email', type: 'email', autocomplete: 'email', required: true },
  { name: 'name', type: 'text', autocomplete: 'name', required: false },
  { name: 'company', type: 'text', autocomplete: 'organization', required: false },
  { name: 'app_name', type: 'text', autocomplete: 'off', required: true },
  { name: 'app_url', type: 'url', autocomplete: 'url', required: false },
];

/** The fields a partner (all of them) or a developer (the app's) fills in. */
export const fieldsFor = (partner: boolean): readonly FormField[] => FIELDS.slice(partner ? 0 : 3);

export const maxLength = (field: Field) => (field === 'app_url' ? 500 : 200);

export function isWebUrl(value: string): boolean {
  try {
    return /^https?:$/.test(new URL(value).protocol);
  } catch {
    return false;
  }
}

/** Reads the form: each field's trimmed value, the message of each field in error, and the first of them. */
export function checkForm(form: FormData, partner: boolean, t: Messages, locale: string) {
  const values: Partial<Record<Field, string>> = {};
  const errors: Partial<Record<Field, string>> = {};
  let invalid: Field | undefined;
  for (const { name: field, required } of fieldsFor(partner)) {
    const value = (values[field] = String(form.get(field) ?? '').trim());
    const max = maxLength(field);
    const error = !value
      ? required && t.required
      : value.length > max
        ? t.tooLong(formatCount(locale, max))
        : field === 'email' && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value)
          ? t.invalidEmail
          : field === 'app_url' && !isWebUrl(value) && t.invalidUrl;
    if (error) {
      errors[field] = error;
      invalid ??= field;
    }
  }
  return { values, errors, invalid };
}
