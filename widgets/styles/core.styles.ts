import { css } from 'lit';
import { tokenStyles } from './tokens.styles.ts';

/**
 * What every Lit widget shares: the design tokens (./tokens.ts), its host, buttons, focus, and
 * the loading, empty and error states; then the tokens and controls the badge does not use (kept
 * out of tokens.ts, which the badge's page loads): the subtle, positive and warning colours, form
 * fields and the secondary and disabled buttons.
 */
export const coreStyles = [
  tokenStyles,
  css`
  :host {
    display: block;
    min-width: 0;
    container-type: inline-size;
    --_subtle: var(--ew-color-subtle, light-dark(#f2f5f9, #202833));
    --_positive: var(--ew-color-positive, light-dark(#1a7f37, #6fdc8c));
    --_warning: var(--ew-color-warning, light-dark(#8a5a00, #f2c062));
  }
  input,
  select,
  textarea {
    font: inherit;
    color: inherit;
  }
  button.secondary {
    background: transparent;
    color: var(--_accent);
  }
  /* aria-disabled: a busy button that keeps the keyboard focus */
  button[disabled],
  button[aria-disabled='true'] {
    opacity: 0.6;
    cursor: not-allowed;
  }
`,
];
