import { css } from 'lit';

export const styles = css`
  /* Sized by its content like a badge; size containment would collapse it to nothing. */
  :host {
    display: inline-block;
    container-type: normal;
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
  .muted {
    font-size: 0.85em;
    color: var(--_muted);
  }
  button {
    margin-top: 0.25em;
    min-height: 2.25em;
    font-size: 0.9em;
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
    color: var(--_muted);
  }
`;
