import { css } from 'lit';

// Frame, figures, tables, buttons and states come from the shared styles. Bare element selectors
// are safe: the shadow root holds only this widget.
export const styles = css`
  h3,
  .tp {
    margin-top: var(--_space);
  }
  .shares {
    list-style: none;
    padding: 0;
  }
  /* Name above the bar, the percentage beside both. */
  li {
    display: grid;
    grid-template-columns: 1fr 4.5em;
    gap: 0.15em 0.6em;
    margin-top: 0.45em;
  }
  .track {
    height: 0.6em;
    background: var(--_subtle);
    border-radius: 1em;
    overflow: hidden;
  }
  .bar {
    display: block;
    height: 100%;
    background: var(--_accent);
  }
  .percent {
    grid-area: 1 / 2 / 3;
    align-self: center;
    text-align: end;
    font-weight: 600;
  }
  caption {
    text-align: start;
    font-weight: 600;
  }
  tbody th {
    font-weight: normal;
  }
  figure {
    margin: 0;
  }
  svg {
    display: block;
    max-width: 420px;
  }
  rect {
    fill: var(--_accent);
  }
  text {
    font: 8px var(--_font);
    fill: var(--_muted);
  }
  .end {
    text-anchor: end;
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
`;
