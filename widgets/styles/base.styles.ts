import { css } from 'lit';
import { coreStyles } from './core.styles.ts';

/** The panel layout most widgets share: the framed card, headings, figure tiles and tables. */
export const panelStyles = css`
  .frame {
    background: var(--_surface);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    padding: var(--_space);
    overflow-wrap: anywhere;
  }

  h2,
  h3 {
    margin: 0 0 calc(var(--_space) * 0.75);
    line-height: 1.25;
  }
  h2 {
    font-size: 1.15em;
  }
  h3 {
    font-size: 1em;
  }
  p {
    margin: 0 0 0.5em;
  }
  .muted {
    color: var(--_muted);
  }

  /* tiles of at least 9.5em that share a row; a tile is never narrower than its figure (which
     never wraps), so a long amount takes a row of its own instead of spilling out */
  .figures {
    display: flex;
    flex-wrap: wrap;
    gap: calc(var(--_space) * 0.75);
    margin: 0;
  }
  .figure {
    flex: 1 1 9.5em;
    margin: 0;
    padding: calc(var(--_space) * 0.75);
    background: var(--_subtle);
    border-radius: calc(var(--_radius) / 2);
  }
  .figure dt {
    color: var(--_muted);
    font-size: 0.85em;
  }
  .figure dd {
    margin: 0.15em 0 0;
    font-size: 1.4em;
    font-weight: 650;
    /* a figure never wraps mid-number (the frame lets long words wrap anywhere) */
    white-space: nowrap;
    font-variant-numeric: tabular-nums;
  }

  table {
    width: 100%;
    border-collapse: collapse;
    font-variant-numeric: tabular-nums;
  }
  th,
  td {
    text-align: start;
    padding: 0.35em 0.5em;
    border-bottom: 1px solid var(--_border);
  }
  td.number,
  th.number {
    text-align: end;
  }
  .table-scroll {
    overflow-x: auto;
  }
  /* narrow screens scroll a wide table rather than break its words and figures mid-way */
  .table-scroll table {
    overflow-wrap: normal;
  }
  .table-scroll td.number {
    white-space: nowrap;
  }

`;

/** Everything shared, for the panel widgets. */
export const baseStyles = [coreStyles, panelStyles];
