import { css, html, nothing, type TemplateResult } from 'lit';
import type { Language } from '../internal/i18n.ts';
import { applyMessages } from './technical-partner-upgrade.apply.messages.ts';
import { checkForm, type Field, fieldsFor, maxLength } from './technical-partner-upgrade.form.ts';

// The application form, loaded the first time an element shows it (technical-partner-upgrade.ts):
// most visits are by accounts that applied long ago. The element keeps the state and sends the
// application; this draws the form and checks it.

export interface ApplyForm {
  language: Language;
  locale: string;
  /** A directory partner's form (every field) rather than a developer's (the app's). */
  partner: boolean;
  sending: boolean;
  fieldErrors: Partial<Record<Field, string>> | undefined;
  formError: string | undefined;
  /** The form was submitted and checked: its trimmed values, each field's error, the first field in error. */
  checked(values: Partial<Record<Field, string>>, errors: Partial<Record<Field, string>>, invalid: Field | undefined): void;
}

export function renderApplyForm(form: ApplyForm, prices: TemplateResult | typeof nothing): TemplateResult {
  const t = applyMessages[form.language];
  const onSubmit = (event: SubmitEvent) => {
    event.preventDefault();
    if (form.sending) return;
    const { values, errors, invalid } = checkForm(new FormData(event.currentTarget as HTMLFormElement), form.partner, t, form.locale);
    form.checked(values, errors, invalid);
  };
  return html`<section>
    <h3>${t.applyTitle}</h3>
    ${form.partner ? html`<p class="muted">${t.partnerIntro}</p>` : nothing}
    <form part="form" novalidate aria-describedby=${form.formError ? 'form-error' : nothing} aria-busy=${form.sending} @submit=${onSubmit}>
      ${fieldsFor(form.partner).map(({ name: field, type, autocomplete, required }) => {
        const error = form.fieldErrors?.[field];
        return html`<div class="field">
          <label for="field-${field}">${t[field]} ${required ? nothing : html`<span class="muted">${t.optional}</span>`}</label>
          <input
            id="field-${field}"
            name=${field}
            type=${type}
            autocomplete=${autocomplete}
            maxlength=${maxLength(field)}
            ?required=${required}
            aria-invalid=${!!error}
            placeholder=${field === 'app_url' ? 'https://' : nothing}
            aria-describedby=${error ? `error-${field}` : nothing}
          />
          ${error ? html`<span id="error-${field}" class="error">${error}</span>` : nothing}
        </div>`;
      })}
      <p id="form-error" class="error" role="alert">${form.formError}</p>
      <button type="submit" ?disabled=${form.sending}>${form.sending ? t.sending : t.submit}</button>
    </form>
    ${prices}
  </section>`;
}

/** The form's styles, which join the element's when the form first shows (on-demand.ts). */
export const styles = css`
  form,
  .field {
    display: grid;
    gap: 0.4em;
    max-width: 32em;
  }
  form {
    gap: var(--_space);
  }
  input[aria-invalid='true'] {
    border: 2px solid var(--_danger);
  }
  form button {
    justify-self: start;
  }
`;

/** A partner's link request: the code the developer holding that email confirms with its own key. */
export function renderLinkCode(language: Language, title: string, code: string): TemplateResult {
  return html`<section>
    <h3 id="link-title" tabindex="-1">${title}</h3>
    <p>${applyMessages[language].linkText}</p>
    <p><code class="link-code" part="key">${code}</code></p>
  </section>`;
}
