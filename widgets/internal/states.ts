import { html, nothing, type TemplateResult } from 'lit/html.js';
import type { ApiResource } from './api-resource.ts';
import { common, type Language, refusal } from './i18n.ts';

/**
 * The loading, empty, error (with retry) and idle templates every widget shows around its data;
 * the data template only ever receives checked data.
 */
export function renderStates<T>(
  resource: ApiResource<T>,
  language: Language,
  data: (value: T) => TemplateResult,
  options: { empty?: string; idle?: string } = {},
): TemplateResult {
  const say = common[language];
  switch (resource.status) {
    case 'data':
      return data(resource.value as T);
    case 'empty':
      return html`<p class="state empty" part="state">${options.empty ?? say.empty}</p>`;
    case 'error':
      return errorState(language, () => resource.retry(), refusal(language, resource.error?.status) ?? say.error);
    case 'loading':
      return loadingState(language);
    default:
      return options.idle === undefined ? html`${nothing}` : html`<p class="state idle" part="state">${options.idle}</p>`;
  }
}

/** The loading state: the controls' styles (styles/tokens.ts) draw a turning ring before the text. */
export const loadingState = (language: Language): TemplateResult =>
  html`<div class="state loading" part="state" role="status" aria-live="polite">${common[language].loading}</div>`;

/** The error state, announced, with a retry button. */
export const errorState = (language: Language, retry: () => void, message = common[language].error): TemplateResult =>
  html`<div class="state error" part="state" role="alert">
    <p>${message}</p>
    <button type="button" part="button" @click=${retry}>${common[language].retry}</button>
  </div>`;
