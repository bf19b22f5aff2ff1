import { css } from 'lit';

/**
 * The design tokens and what every widget needs: its host, buttons, focus, the loading, empty
 * and error states. Each public `--ew-*` custom property has a
 * default; private `--_*` properties resolve them once per color scheme, so a host overriding
 * `--ew-color-accent` wins in both light and dark mode.
 */
export const coreStyles = css`
  :host {
    --_font: var(--ew-font-family, system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif);
    --_text: var(--ew-color-text, #1b2330);
    --_muted: var(--ew-color-muted, #566173);
    --_surface: var(--ew-color-surface, #ffffff);
    --_subtle: var(--ew-color-subtle, #f2f5f9);
    --_border: var(--ew-color-border, #d5dce6);
    --_accent: var(--ew-color-accent, #1d5bbf);
    --_on-accent: var(--ew-color-on-accent, #ffffff);
    --_positive: var(--ew-color-positive, #1a7f37);
    --_warning: var(--ew-color-warning, #8a5a00);
    --_danger: var(--ew-color-danger, #b42318);
    --_radius: var(--ew-radius, 12px);
    --_space: var(--ew-space, 16px);
    --_focus: var(--ew-color-focus, #1d5bbf);

    display: block;
    box-sizing: border-box;
    min-width: 0;
    max-width: 100%;
    color: var(--_text);
    font-family: var(--_font);
    font-size: var(--ew-font-size, 16px);
    line-height: 1.45;
    container-type: inline-size;
  }

  @media (prefers-color-scheme: dark) {
    :host {
      --_text: var(--ew-color-text, #e6ebf2);
      --_muted: var(--ew-color-muted, #a9b4c4);
      --_surface: var(--ew-color-surface, #161b22);
      --_subtle: var(--ew-color-subtle, #202833);
      --_border: var(--ew-color-border, #364252);
      --_accent: var(--ew-color-accent, #8ab4ff);
      --_on-accent: var(--ew-color-on-accent, #0b1422);
      --_positive: var(--ew-color-positive, #6fdc8c);
      --_warning: var(--ew-color-warning, #f2c062);
      --_danger: var(--ew-color-danger, #ff9a8f);
      --_focus: var(--ew-color-focus, #8ab4ff);
    }
  }

  :host([hidden]) {
    display: none;
  }

  *,
  *::before,
  *::after {
    box-sizing: inherit;
  }

  button,
  input,
  select,
  textarea {
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
  button.secondary {
    background: transparent;
    color: var(--_accent);
  }
  button[disabled] {
    opacity: 0.6;
    cursor: not-allowed;
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
  .spinner {
    width: 1em;
    height: 1em;
    border: 2px solid var(--_border);
    border-top-color: var(--_accent);
    border-radius: 50%;
    animation: spin 0.8s linear infinite;
  }
  @keyframes spin {
    to {
      transform: rotate(1turn);
    }
  }
  @media (prefers-reduced-motion: reduce) {
    .spinner {
      animation: none;
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
