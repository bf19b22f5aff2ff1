import { css } from 'lit';

export const styles = css`
  header {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5em var(--_space);
    align-items: baseline;
    justify-content: space-between;
  }
  label {
    font-weight: 600;
  }
  select {
    margin-inline-start: 0.4em;
    padding: 0.3em 0.4em;
    border: 1px solid var(--_border);
    border-radius: calc(var(--_radius) / 2);
    background: var(--_surface);
  }
  ul {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    gap: var(--_space);
  }
  li {
    padding: calc(var(--_space) * 0.75);
    background: var(--_subtle);
    border-radius: calc(var(--_radius) / 2);
  }
  h3 {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5em;
    align-items: baseline;
  }
  dl {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(11em, 1fr));
    gap: 0.4em var(--_space);
    margin: 0 0 0.75em;
  }
  dt {
    color: var(--_muted);
    font-size: 0.85em;
  }
  dd {
    margin: 0;
    font-variant-numeric: tabular-nums;
  }
  .badge {
    padding: 0 0.5em;
    border: 1px solid;
    border-radius: 1em;
    font-size: 0.85em;
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
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5em;
    align-items: center;
  }
  .confirm {
    flex-basis: 100%;
    margin: 0;
  }
  .error {
    color: var(--_danger);
  }
  .error:empty {
    display: none;
  }
`;
