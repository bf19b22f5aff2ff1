import { css } from 'lit';

export const styles = css`
  .filters {
    display: flex;
    flex-wrap: wrap;
    align-items: end;
    gap: calc(var(--_space) * 0.75);
    margin-bottom: var(--_space);
  }
  .filters label {
    display: block;
    font-size: 0.85em;
    color: var(--_muted);
    margin-bottom: 0.2em;
  }
  .search {
    flex: 1 1 14em;
    min-width: 0;
  }
  .field {
    display: flex;
    gap: 0.4em;
  }
  input,
  select {
    min-height: 2.5em;
    padding: 0.3em 0.6em;
    border: 1px solid var(--_border);
    border-radius: calc(var(--_radius) / 2);
    background: var(--_surface);
    max-width: 100%;
  }
  input {
    flex: 1;
    min-width: 0;
  }
  .totals {
    margin-bottom: var(--_space);
  }
  .gallery,
  .products,
  .directories {
    list-style: none;
    margin: 0;
    padding: 0;
  }
  .gallery {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(min(100%, 16em), 1fr));
    gap: calc(var(--_space) * 0.75);
  }
  .card {
    min-width: 0;
  }
  article {
    height: 100%;
    padding: calc(var(--_space) * 0.75);
    border: 1px solid var(--_border);
    border-radius: calc(var(--_radius) / 2);
    background: var(--_surface);
  }
  h3 {
    margin-bottom: 0.2em;
  }
  a {
    color: var(--_accent);
  }
  h4 {
    margin: 0.75em 0 0.25em;
    font-size: 0.85em;
    color: var(--_muted);
  }
  .company {
    font-size: 0.9em;
  }
  .description {
    font-size: 0.95em;
  }
  .products {
    display: flex;
    flex-wrap: wrap;
    gap: 0.3em;
    margin-bottom: 0.5em;
  }
  .products li {
    padding: 0.05em 0.55em;
    border-radius: 1em;
    background: var(--_subtle);
    font-size: 0.8em;
  }
  .since {
    display: flex;
    align-items: center;
    gap: 0.4em;
    font-size: 0.85em;
    font-weight: 600;
    color: var(--_accent);
  }
  svg {
    width: 1.2em;
    height: 1.2em;
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
  .stats {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25em 1.25em;
    margin: 0;
  }
  .stats dt {
    font-size: 0.8em;
    color: var(--_muted);
  }
  .stats dd {
    margin: 0;
    font-weight: 650;
    font-variant-numeric: tabular-nums;
  }
  .directories {
    font-size: 0.9em;
  }
  .directories li {
    display: flex;
    justify-content: space-between;
    gap: 1em;
    padding: 0.15em 0;
    border-top: 1px solid var(--_border);
  }
  .share {
    white-space: nowrap;
    color: var(--_muted);
    font-variant-numeric: tabular-nums;
  }
  .more {
    display: flex;
    flex-direction: column;
    align-items: center;
    gap: 0.5em;
    margin-top: var(--_space);
  }
  .more-error {
    margin: 0;
    color: var(--_danger);
  }
  button[aria-disabled='true'] {
    opacity: 0.6;
    cursor: progress;
  }
`;
