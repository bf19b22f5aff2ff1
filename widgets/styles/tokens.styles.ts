import { unsafeCSS } from 'lit';
import { controls, tokens } from './tokens.ts';

/** The design tokens and common controls as a Lit style (trusted constants of this package). */
export const tokenStyles = unsafeCSS(tokens + controls);
