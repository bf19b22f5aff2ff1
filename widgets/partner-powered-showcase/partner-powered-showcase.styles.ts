import { css } from 'lit';

export const styles = css`
  .filters,
  .products,
  .directories li {
    display: flex;
    gap: 0.4em;
  }
  .filters,
  .products {
    flex-wrap: wrap;
  }
  .filters {
    align-items: end;
  }
  .filters,
  .totals {
    margin-bottom: var(--_space);
  }
  label {
    display: block;
    font-size: 0.85em;
    color: var(--_muted);
  }
  .search {
    flex: 1 1 14em;
    min-width: 0;
  }
  input,
  select {
    min-height: 2.5em;
    padding: 0.3em 0.6em;
    border: 1px solid var(--_border);
    border-radius: calc(var(--_radius) / 2);
    background: var(--_surface);
  }
  input {
    width: 100%;
  }
  ul {
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
    padding: calc(var(--_space) * 0.75);
    border: 1px solid var(--_border);
    border-radius: calc(var(--_radius) / 2);
  }
  a,
  .since {
    color: var(--_accent);
  }
  h4,
  .stats dt {
    margin: 0.75em 0 0.25em;
    font-size: 0.85em;
    color: var(--_muted);
  }
  p:empty,
  ul:empty {
    display: none;
  }
  .products li {
    padding: 0 0.5em;
    border-radius: 1em;
    background: var(--_subtle);
    font-size: 0.8em;
  }
  .since {
    margin-top: 0.5em;
    font-size: 0.85em;
    font-weight: 600;
  }
  .since::before {
    content: '✓ ' / '';
  }
  .stats {
    display: flex;
    gap: 1.25em;
    margin: 0;
  }
  .stats dt {
    margin: 0;
  }
  dd {
    margin: 0;
    font-weight: 650;
  }
  .directories li {
    justify-content: space-between;
    border-top: 1px solid var(--_border);
  }
  .directories .muted {
    white-space: nowrap;
  }
  .more {
    text-align: center;
    margin-top: var(--_space);
  }
  .more p {
    color: var(--_danger);
  }
  [aria-disabled='true'] {
    opacity: 0.6;
  }
`;
