import { css } from 'lit';

export const styles = css`
  h3 {
    margin-top: var(--_space);
  }
  .shares {
    list-style: none;
    margin: 0 0 calc(var(--_space) * 0.75);
    padding: 0;
    display: grid;
    gap: 0.45em;
  }
  .shares li {
    display: grid;
    grid-template-columns: minmax(0, 1fr) 4.5em;
    gap: 0.15em 0.6em;
    align-items: center;
  }
  .track {
    grid-column: 1;
    grid-row: 2;
    height: 0.6em;
    background: var(--_subtle);
    border-radius: 999px;
    overflow: hidden;
  }
  .bar {
    display: block;
    height: 100%;
    min-width: 2px;
    background: var(--_accent);
    border-radius: inherit;
  }
  .percent {
    grid-row: 1 / span 2;
    text-align: end;
    grid-column: 2;
    font-variant-numeric: tabular-nums;
    font-weight: 600;
  }
  caption {
    text-align: start;
    font-weight: 600;
    padding-bottom: 0.35em;
  }
  tbody th {
    font-weight: normal;
  }
  /* Cells keep whole words (the frame breaks anywhere); a table too wide scrolls in .table-scroll. */
  th,
  td {
    overflow-wrap: normal;
  }
  .number {
    white-space: nowrap;
  }
  .toggle {
    margin-top: calc(var(--_space) * 0.5);
  }
  .trend {
    margin: 0;
  }
  .trend svg {
    display: block;
    width: 100%;
    max-width: 420px;
    height: auto;
  }
  .column {
    fill: var(--_accent);
  }
  .axis {
    font-size: 8px;
    fill: var(--_muted);
    font-family: var(--_font);
  }
  .axis.end {
    text-anchor: end;
  }
  .trend p {
    margin-top: 0.4em;
    font-size: 0.9em;
  }
  .tp {
    margin-top: var(--_space);
    padding-top: calc(var(--_space) * 0.25);
    border-top: 1px solid var(--_border);
  }
  .status.active {
    color: var(--_positive);
  }
  .status.suspended {
    color: var(--_danger);
  }
  .status.pending {
    color: var(--_warning);
  }
`;
