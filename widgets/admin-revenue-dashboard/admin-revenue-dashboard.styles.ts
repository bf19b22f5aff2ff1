import { css } from 'lit';

export const styles = css`
  :host {
    --_series-a: var(--ew-color-series-1, var(--_accent));
    --_series-b: var(--ew-color-series-2, var(--_positive));
  }
  .summary {
    margin-bottom: calc(var(--_space) * 0.5);
  }
  .tabs {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25em;
    border-bottom: 1px solid var(--_border);
    margin-bottom: var(--_space);
  }
  .tab {
    background: transparent;
    color: var(--_muted);
    border: 0;
    border-bottom: 3px solid transparent;
    border-radius: 0;
    padding: 0.4em 0.7em;
  }
  .tab[aria-selected='true'] {
    color: var(--_text);
    border-bottom-color: var(--_accent);
    font-weight: 650;
  }
  .panel[hidden] {
    display: none;
  }
  .panel h3 {
    margin-top: var(--_space);
  }
  .figures.small dd {
    font-size: 1.15em;
  }
  .note {
    font-size: 0.8em;
    font-weight: 400;
  }
  .chart {
    margin: 0 0 calc(var(--_space) * 0.5);
  }
  .chart svg {
    display: block;
    width: 100%;
    height: auto;
  }
  .grid {
    stroke: var(--_border);
  }
  .axis {
    fill: var(--_muted);
    font-size: 15px;
    font-family: var(--_font);
  }
  rect.series-a,
  .swatch.series-a {
    fill: var(--_series-a);
    background: var(--_series-a);
  }
  rect.series-b,
  .swatch.series-b {
    fill: var(--_series-b);
    background: var(--_series-b);
  }
  .legend {
    display: flex;
    flex-wrap: wrap;
    gap: 0.4em 1.2em;
    font-size: 0.85em;
    color: var(--_muted);
  }
  .swatch {
    display: inline-block;
    width: 0.8em;
    height: 0.8em;
    margin-inline-end: 0.35em;
    border-radius: 2px;
    vertical-align: -0.05em;
  }
  .indicators {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(15em, 1fr));
    gap: calc(var(--_space) * 0.75);
  }
  .indicator {
    padding: calc(var(--_space) * 0.75);
    background: var(--_subtle);
    border-radius: calc(var(--_radius) / 2);
  }
  .panel .indicator h3 {
    margin: 0 0 0.3em;
  }
  .indicator-value {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5em;
  }
  .indicator-value [part='value'] {
    font-size: 1.4em;
    font-weight: 650;
    font-variant-numeric: tabular-nums;
  }
  .badge {
    padding: 0.05em 0.55em;
    border: 1px solid currentColor;
    border-radius: 999px;
    font-size: 0.85em;
    font-weight: 650;
  }
  .badge.healthy {
    color: var(--_positive);
  }
  .badge.watch {
    color: var(--_warning);
  }
  .badge.at_risk {
    color: var(--_danger);
  }
  .badge.healthy::before {
    content: '✓ ' / '';
  }
  .badge.watch::before {
    content: '! ' / '';
  }
  .badge.at_risk::before {
    content: '✕ ' / '';
  }
  summary {
    cursor: pointer;
    color: var(--_accent);
  }
  details p {
    margin: 0.4em 0 0;
    font-size: 0.9em;
  }
  /* The frame lets long words break anywhere; tables must keep theirs and scroll instead. */
  table {
    overflow-wrap: normal;
  }
  td.number {
    white-space: nowrap;
  }
`;
