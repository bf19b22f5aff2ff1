import { css } from 'lit';

export const styles = css`
  .figure dd.up {
    color: var(--_positive);
  }
  .figure dd.down {
    color: var(--_danger);
  }
  .metrics {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25em 1em;
    margin: var(--_space) 0 0;
    padding: 0;
    border: 0;
  }
  .metrics legend {
    float: left;
    margin-inline-end: 0.5em;
    padding: 0;
    font-weight: 600;
  }
  .metrics label {
    display: inline-flex;
    align-items: center;
    gap: 0.35em;
    min-height: 2em;
    cursor: pointer;
  }
  .metrics input {
    accent-color: var(--_accent);
    margin: 0;
    width: 1.1em;
    height: 1.1em;
  }
  .chart {
    margin: calc(var(--_space) * 0.75) 0 0;
    min-width: 0;
  }
  .chart svg {
    display: block;
    width: 100%;
    /* Fixed height: the chart is redrawn at its measured width, never scaled. */
    height: 220px;
    overflow: visible;
  }
  .chart figcaption {
    margin-top: 0.4em;
    font-size: 0.9em;
  }
  .tick line {
    stroke: var(--_border);
    stroke-width: 1;
  }
  .chart text {
    fill: var(--_muted);
    font-family: var(--_font);
    font-size: 11px;
  }
  .area {
    fill: var(--_accent);
    fill-opacity: 0.14;
  }
  .line {
    fill: none;
    stroke: var(--_accent);
    stroke-width: 2.5;
    stroke-linejoin: round;
  }
  .point {
    fill: var(--_surface);
    stroke: var(--_accent);
    stroke-width: 2;
  }
  .table-toggle {
    margin-top: calc(var(--_space) * 0.75);
  }
  .table-scroll {
    margin-top: calc(var(--_space) * 0.5);
  }
  .table-scroll[hidden] {
    display: none;
  }
  /* Words stay whole in the table: a narrow card scrolls it instead of breaking "Businesses". */
  th,
  td {
    overflow-wrap: normal;
    white-space: nowrap;
  }
`;
