import { css } from 'lit';

export const styles = css`
  header {
    display: flex;
    flex-wrap: wrap;
    align-items: baseline;
    justify-content: space-between;
    gap: 0.5em var(--_space);
    margin-bottom: calc(var(--_space) * 0.75);
  }
  header h2 {
    margin: 0;
  }
  .controls {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5em;
  }
  .live {
    display: inline-flex;
    align-items: center;
    gap: 0.4em;
    font-size: 0.85em;
    color: var(--_muted);
  }
  .dot {
    width: 0.6em;
    height: 0.6em;
    border-radius: 50%;
    background: var(--_border);
  }
  .connected .dot {
    background: var(--_positive);
  }
  .reconnecting .dot,
  .paused .dot {
    background: var(--_warning);
  }
  .offline .dot {
    background: var(--_danger);
  }
  .columns {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(min(100%, 16em), 1fr));
    gap: var(--_space);
    margin-top: var(--_space);
  }
  section > section {
    min-width: 0;
  }
  .newest {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    gap: 0.4em;
  }
  .newest li {
    display: flex;
    flex-direction: column;
    padding: 0.45em 0.6em;
    background: var(--_subtle);
    border-radius: calc(var(--_radius) / 2);
    box-shadow: inset 3px 0 0 transparent;
    animation: arrive 1.5s ease-out;
  }
  /* A fading edge marks an arrival; the background stays put so text contrast never dips. */
  @keyframes arrive {
    from {
      box-shadow: inset 3px 0 0 var(--_accent);
    }
  }
  @media (prefers-reduced-motion: reduce) {
    .newest li {
      animation: none;
    }
  }
  .name {
    font-weight: 600;
  }
  .detail {
    font-size: 0.85em;
  }
  .columns + section {
    margin-top: var(--_space);
  }
  .bar-cell {
    min-width: 8em;
  }
  .count {
    display: block;
    font-variant-numeric: tabular-nums;
  }
  .track {
    display: block;
    height: 0.5em;
    margin-top: 0.2em;
    background: var(--_subtle);
    border-radius: 0.25em;
    overflow: hidden;
  }
  .bar {
    display: block;
    height: 100%;
    background: var(--_accent);
  }
  .cities {
    font-size: 0.85em;
    color: var(--_muted);
  }
  /* Words stay whole in tables: a narrow card scrolls the table instead of breaking "Businesses". */
  th,
  td {
    overflow-wrap: normal;
  }
  th,
  .count {
    white-space: nowrap;
  }
  .cities {
    min-width: 10em;
  }
`;
