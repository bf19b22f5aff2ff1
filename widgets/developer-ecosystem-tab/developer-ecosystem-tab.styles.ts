import { css } from 'lit';

export const styles = css`
  header p {
    margin-top: calc(var(--_space) * -0.5);
  }
  h3 {
    margin-top: var(--_space);
  }
  .tabs {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25em;
    border-bottom: 1px solid var(--_border);
    margin-bottom: var(--_space);
  }
  [role='tab'] {
    background: transparent;
    color: var(--_muted);
    border: 0;
    border-bottom: 3px solid transparent;
    border-radius: 0;
    padding: 0.4em 0.7em;
    margin-bottom: -1px;
  }
  [role='tab'][aria-selected='true'] {
    color: var(--_text);
    border-bottom-color: var(--_accent);
    font-weight: 600;
  }
  [role='tabpanel'] {
    min-width: 0;
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
  a {
    color: var(--_accent);
  }
  .chart {
    margin: 0;
  }
  .chart svg {
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
  .chart p {
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
  .controls {
    display: flex;
    flex-wrap: wrap;
    gap: calc(var(--_space) * 0.75);
    margin-bottom: calc(var(--_space) * 0.75);
  }
  .controls label,
  .code {
    display: grid;
    gap: 0.25em;
    font-weight: 600;
    min-width: 0;
    max-width: 100%;
  }
  select {
    font-weight: normal;
    max-width: 100%;
    min-height: 2.5em;
    padding: 0.3em 0.5em;
    background: var(--_surface);
    border: 1px solid var(--_border);
    border-radius: calc(var(--_radius) / 2);
  }
  textarea {
    display: block;
    width: 100%;
    margin-top: 0.25em;
    padding: 0.6em;
    font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
    font-size: 0.85em;
    background: var(--_subtle);
    border: 1px solid var(--_border);
    border-radius: calc(var(--_radius) / 2);
    resize: vertical;
  }
  .copy-row {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.6em;
    margin-top: 0.5em;
  }
  .copy-result {
    margin: 0;
  }
  .copy-result.copied {
    color: var(--_positive);
  }
  .copy-result.failed {
    color: var(--_danger);
  }
`;
