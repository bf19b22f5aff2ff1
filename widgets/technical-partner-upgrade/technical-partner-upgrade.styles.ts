import { css } from 'lit';

export const styles = css`
  header p {
    margin-top: -0.4em;
  }
  .apply,
  .status-view,
  .prices,
  .key {
    margin-top: var(--_space);
  }
  form {
    display: grid;
    gap: calc(var(--_space) * 0.75);
    max-width: 32em;
  }
  .field {
    display: grid;
    gap: 0.2em;
  }
  label {
    font-weight: 600;
  }
  .hint {
    font-size: 0.85em;
  }
  input {
    width: 100%;
    min-height: 2.5em;
    padding: 0.4em 0.6em;
    background: var(--_surface);
    border: 1px solid var(--_border);
    border-radius: calc(var(--_radius) / 2);
  }
  input[aria-invalid='true'] {
    border-color: var(--_danger);
    border-width: 2px;
  }
  .field-error,
  .form-error {
    color: var(--_danger);
    font-size: 0.9em;
  }
  .form-error:empty {
    display: none;
  }
  form button {
    justify-self: start;
  }
  .status-line {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5em;
  }
  .badge {
    display: inline-block;
    padding: 0.1em 0.6em;
    border: 1px solid currentColor;
    border-radius: 999px;
    font-weight: 650;
    font-size: 0.9em;
  }
  .badge-pending {
    color: var(--_warning);
  }
  .badge-active {
    color: var(--_positive);
  }
  .badge-suspended {
    color: var(--_danger);
  }
  .badge::before {
    content: '● ' / '';
  }
  .badge-pending::before {
    content: '◐ ' / '';
  }
  .badge-suspended::before {
    content: '■ ' / '';
  }
  h3[tabindex='-1']:focus {
    outline: none;
  }
  .key-box,
  .confirm {
    display: grid;
    gap: 0.5em;
    padding: calc(var(--_space) * 0.75);
    background: var(--_subtle);
    border-radius: calc(var(--_radius) / 2);
  }
  .key-box {
    border-inline-start: 4px solid var(--_warning);
  }
  .key-warning {
    margin: 0;
  }
  .secret {
    font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
    font-size: 0.9em;
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5em;
  }
  a {
    color: var(--_accent);
  }
  /* The frame lets long words break anywhere; tables must keep theirs and scroll instead. */
  table {
    overflow-wrap: normal;
  }
  td.number {
    white-space: nowrap;
  }
`;
