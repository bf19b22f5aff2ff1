import { css } from 'lit';

export const styles = css`
  :host {
    --_series-a: var(--ew-color-series-1, var(--_accent));
    --_series-b: var(--ew-color-series-2, var(--_positive));
  }
  .tabs {
    display: flex;
    flex-wrap: wrap;
    border-bottom: 1px solid var(--_border);
    margin-bottom: var(--_space);
  }
  .tab {
    background: none;
    color: var(--_muted);
    border: 0;
    border-bottom: 3px solid transparent;
    border-radius: 0;
  }
  .tab[aria-selected='true'] {
    color: var(--_text);
    border-color: var(--_accent);
    font-weight: 650;
  }
  h3 {
    margin-top: var(--_space);
  }
  .small dd {
    font-size: 1.15em;
    font-weight: 650;
  }
  .note,
  .legend {
    font-size: 0.85em;
  }
  svg {
    display: block;
  }
  .grid {
    stroke: var(--_border);
  }
  text {
    fill: var(--_muted);
    font-size: 15px;
  }
  .series-a {
    fill: var(--_series-a);
    background: var(--_series-a);
  }
  .series-b {
    fill: var(--_series-b);
    background: var(--_series-b);
  }
  .legend {
    display: flex;
    gap: 1.2em;
    color: var(--_muted);
  }
  .swatch {
    display: inline-block;
    width: 0.8em;
    height: 0.8em;
    margin-inline-end: 0.35em;
  }
`;
