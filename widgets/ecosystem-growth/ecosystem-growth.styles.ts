import { css } from 'lit';

// Frame, figures, tables, buttons and states come from the shared styles; only the metric picker and
// the chart are styled here. Bare element selectors are safe: the shadow root holds only this widget.
export const styles = css`
  .up {
    color: var(--_positive);
  }
  .down {
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
  legend {
    float: left;
    font-weight: 600;
  }
  /* 2em tall: a comfortable target. */
  label {
    line-height: 2;
  }
  /* Words stay whole in the table: a narrow card scrolls it instead of breaking "Businesses" (figures never wrap: shared styles). */
  th {
    white-space: nowrap;
  }
`;
