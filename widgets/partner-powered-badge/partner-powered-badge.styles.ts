import { controls, tokens } from '../styles/tokens.ts';

// A plain string (adopted as one constructed style sheet): the badge does without Lit's element
// layer. Named `css` so the build minifies it like the other widgets' styles.
const css = String.raw;

// The shared design tokens, then the badge's own rules.
export const styles =
  tokens +
  controls +
  css`
  /* sized by its content, like a badge */
  :host {
    display: inline-block;
    vertical-align: top;
  }
  .frame {
    background: var(--_surface);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    padding: calc(var(--_space) * 0.75);
    overflow-wrap: anywhere;
  }
  p {
    margin: 0 0 0.25em;
  }
  .mark {
    display: flex;
    align-items: center;
    gap: 0.4em;
    font-weight: 700;
    color: var(--_accent);
  }
  svg {
    width: 1.25em;
    height: 1.25em;
    flex: none;
  }
  circle {
    fill: var(--_accent);
  }
  path {
    fill: none;
    stroke: var(--_on-accent);
    stroke-width: 2;
  }
  :host(:not([state='data'])) svg {
    opacity: 0.45;
  }
  .app {
    font-weight: 600;
  }
  a {
    color: var(--_accent);
  }
  .muted,
  .share {
    color: var(--_muted);
  }
  .muted {
    font-size: 0.85em;
  }
  button {
    font-size: 0.9em;
    margin-top: 0.25em;
    min-height: 2.25em;
    padding: 0.3em 0.8em;
  }
  button[aria-expanded] {
    background: transparent;
    color: var(--_accent);
  }
  ul {
    margin: 0.5em 0 0;
    padding: 0;
    list-style: none;
    font-size: 0.9em;
  }
  li {
    display: flex;
    justify-content: space-between;
    gap: 1em;
    padding: 0.2em 0;
    border-top: 1px solid var(--_border);
  }
  .share {
    white-space: nowrap;
    font-variant-numeric: tabular-nums;
  }
`;
