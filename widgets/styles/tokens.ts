// The design tokens and the common controls as plain CSS text, shared by the Lit widgets' core
// styles and the badge (which does without Lit's element layer). Named `css` so the build
// minifies it. Only what the badge draws lives here, since its page loads this module: the
// tokens and controls only the Lit widgets use are in core.styles.ts.
const css = String.raw;

/**
 * Each public `--ew-*` custom property has a default for light and for dark; the private `--_*`
 * properties resolve them once, so a host overriding `--ew-color-accent` wins in both schemes.
 * `light-dark()` follows prefers-color-scheme through `color-scheme`; a `theme` attribute of
 * `light` or `dark` pins one scheme (a page can also set `color-scheme` on the element).
 */
export const tokens = css`
  :host {
    --_font: var(--ew-font-family,system-ui,-apple-system,'Segoe UI', Roboto,sans-serif);
    --_text: var(--ew-color-text,light-dark(#1b2330,#e6ebf2));
    --_muted: var(--ew-color-muted,light-dark(#566173,#a9b4c4));
    --_surface: var(--ew-color-surface,light-dark(#fff,#161b22));
    --_border: var(--ew-color-border,light-dark(#d5dce6,#364252));
    --_accent: var(--ew-color-accent,light-dark(#1d5bbf,#8ab4ff));
    --_on-accent: var(--ew-color-on-accent,light-dark(#fff,#0b1422));
    --_danger: var(--ew-color-danger,light-dark(#b42318,#ff9a8f));
    --_focus: var(--ew-color-focus,light-dark(#1d5bbf,#8ab4ff));
    --_radius: var(--ew-radius, 12px);
    --_space: var(--ew-space, 16px);
    color-scheme: light dark;
    box-sizing: border-box;
    max-width: 100%;
    color: var(--_text);
    font-family: var(--_font);
    font-size: var(--ew-font-size, 16px);
    line-height: 1.45;
  }
  :host([theme='light']) {
    color-scheme: light;
  }
  :host([theme='dark']) {
    color-scheme: dark;
  }
  :host([hidden]) {
    display: none;
  }
  *,
  *::before,
  *::after {
    box-sizing: inherit;
  }
`;

/** Buttons, focus, the loading / empty / error states and screen-reader-only text: the controls every widget draws (form fields and button variants: core.styles.ts). */
export const controls = css`
  button {
    font: inherit;
    color: inherit;
  }
  button {
    cursor: pointer;
    border: 1px solid var(--_accent);
    border-radius: calc(var(--_radius) / 2);
    background: var(--_accent);
    color: var(--_on-accent);
    padding: 0.4em 0.9em;
    min-height: 2.5em;
  }
  :focus-visible {
    outline: 3px solid var(--_focus);
    outline-offset: 2px;
  }

  .state {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.6em;
    margin: 0;
    padding: calc(var(--_space) * 0.5) 0;
    color: var(--_muted);
  }
  .state.error {
    color: var(--_danger);
  }
  .state.error p {
    margin: 0;
  }
  /* the loading indicator: a ring, turning unless the user asks for less motion */
  .state.loading::before {
    content: '';
    width: 1em;
    height: 1em;
    border: 0.15em solid var(--_border);
    border-top-color: var(--_accent);
    border-radius: 50%;
  }
  @media (prefers-reduced-motion: no-preference) {
    .state.loading::before {
      animation: ew-spin 0.8s linear infinite;
    }
  }
  @keyframes ew-spin {
    to {
      transform: rotate(1turn);
    }
  }
  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
  }
`;
