import { css } from 'lit';
import { tokenStyles } from './tokens.styles.ts';

/**
 * What every Lit widget shares: the design tokens (./tokens.ts), its host, buttons, focus, and
 * the loading, empty and error states.
 */
export const coreStyles = [
  tokenStyles,
  css`
  :host {
    display: block;
    min-width: 0;
    container-type: inline-size;
  }
`,
];
