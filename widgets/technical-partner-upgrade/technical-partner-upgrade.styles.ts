import { css } from 'lit';

export const styles = css`
  h3 {
    margin-top: var(--_space);
  }
  .box {
    display: grid;
    gap: 0.4em;
    max-width: 32em;
  }
  label {
    font-weight: 600;
  }
  input {
    padding: 0.4em 0.6em;
    border: 1px solid var(--_border);
    border-radius: calc(var(--_radius) / 2);
    background: var(--_surface);
  }
  .error {
    color: var(--_danger);
  }
  .error:empty {
    display: none;
  }
  .badge {
    padding: 0.1em 0.6em;
    border: 1px solid;
    border-radius: 1em;
    font-weight: 650;
  }
  .pending {
    color: var(--_warning);
  }
  .active {
    color: var(--_positive);
  }
  .suspended {
    color: var(--_danger);
  }
  .box {
    padding: calc(var(--_space) * 0.75);
    background: var(--_subtle);
    border-radius: calc(var(--_radius) / 2);
  }
  .key {
    border-inline-start: 4px solid var(--_warning);
  }
  [readonly] {
    font-family: ui-monospace, monospace;
  }
  a {
    color: var(--_accent);
  }
`;
