import { css } from 'lit';

// Frame, figures, tables, buttons and states come from the shared styles. Bare element selectors
// are safe: the shadow root holds only this widget.
export const styles = css`
  h3,
  .tp {
    margin-top: var(--_space);
  }
  /* each directory's share as a bar after its percentage, the bars aligned at the cell's end */
  .track {
    display: inline-block;
    width: 4em;
    height: 0.5em;
    margin-inline-start: 0.5em;
    background: var(--_subtle);
    border-radius: 1em;
    overflow: hidden;
  }
  .bar {
    display: block;
    height: 100%;
    background: var(--_accent);
  }
  caption {
    margin: var(--_space) 0 0.5em;
    text-align: start;
    font-weight: 600;
  }
  tbody th {
    font-weight: normal;
  }
  .tp {
    border-top: 1px solid var(--_border);
  }
  .active {
    color: var(--_positive);
  }
  .suspended {
    color: var(--_danger);
  }
  .pending {
    color: var(--_warning);
  }
  /* the chart toggle, pressed while the chart shows */
  button[aria-pressed='true'] {
    background: var(--_accent);
    color: var(--_on-accent);
  }
`;
