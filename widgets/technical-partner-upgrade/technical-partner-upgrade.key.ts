import { html, type TemplateResult } from 'lit';
import type { Language } from '../internal/i18n.ts';
import { keyMessages } from './technical-partner-upgrade.key.messages.ts';

// The preferential key panel of an active Technical Partner, loaded the first time an element
// shows it (technical-partner-upgrade.ts). The element keeps the state and issues the key; this
// draws the three steps: the button, the confirmation (a new key revokes the last), the key once.

export interface KeyPanel {
  language: Language;
  /** The secret key, until the user says it is stored. */
  issued: string | undefined;
  step: 'confirm' | 'sending' | undefined;
  error: string | undefined;
  /** Where the key's input is, to select it for a manual copy. */
  root: ParentNode;
  ask(): void;
  cancel(): void;
  confirm(): void;
  /** Forgets the key (the user stored it). */
  forget(): void;
  /** Says something in the element's polite live region. */
  announce(text: string): void;
}

export function renderKeyPanel(panel: KeyPanel): TemplateResult {
  const t = keyMessages[panel.language];
  const step = panel.step;
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(panel.issued!);
      panel.announce(t.copied);
    } catch {
      panel.root.querySelector<HTMLInputElement>('#issued-key')?.select();
      panel.announce(t.copyManually);
    }
  };
  const dismiss = () => {
    panel.forget();
    panel.announce(t.keyCleared);
  };
  return html`<section>
    <h3>${t.keyTitle}</h3>
    ${
      panel.issued
        ? html`<div class="box key" part="key">
          <p id="key-warning"><strong>${t.keyWarning}</strong></p>
          <label for="issued-key">${t.keyLabel}</label>
          <input id="issued-key" readonly spellcheck="false" autocomplete="off" aria-describedby="key-warning" .value=${panel.issued} />
          <div>
            <button type="button" class="copy" @click=${copy}>${t.copy}</button>
            <button type="button" class="secondary stored" @click=${dismiss}>${t.stored}</button>
          </div>
        </div>`
        : step === 'confirm'
          ? html`<div class="box" role="group" aria-labelledby="confirm-text">
            <p id="confirm-text">${t.confirmText}</p>
            <div>
              <button type="button" class="confirm-issue" @click=${panel.confirm}>${t.confirm}</button>
              <button type="button" class="secondary cancel" @click=${panel.cancel}>${t.cancel}</button>
            </div>
          </div>`
          : html`<button type="button" class="issue" ?disabled=${step === 'sending'} @click=${panel.ask}>${step === 'sending' ? t.issuing : t.issue}</button>`
    }
    <p class="error" role="alert">${panel.error}</p>
  </section>`;
}
