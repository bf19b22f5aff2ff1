import { css } from 'lit';

// Frame, figures, tables, buttons and states come from the shared styles. Bare element selectors
// are safe: the shadow root holds only this widget.
export const styles = css`
  .figure dd.note {
    margin-top: 0.25em;
    font-size: 0.8em;
    font-weight: normal;
    white-space: normal;
    color: var(--_muted);
  }
  dd.negative {
    color: var(--_danger);
  }
  dd.held {
    color: var(--_warning);
  }
  .next,
  #history-title {
    margin-top: var(--_space);
  }
  .next {
    padding-top: var(--_space);
    border-top: 1px solid var(--_border);
  }
  .amount {
    font-size: 1.25em;
    font-variant-numeric: tabular-nums;
  }
  .below {
    color: var(--_warning);
  }
  tbody th {
    font-weight: normal;
    white-space: nowrap;
  }
  /* a status is its word, drawn as a badge: the colour only repeats it */
  .badge {
    display: inline-block;
    padding: 0 0.55em;
    border: 1px solid currentColor;
    border-radius: 1em;
    font-size: 0.85em;
    white-space: nowrap;
  }
  .paid {
    color: var(--_positive);
  }
  .scheduled {
    color: var(--_accent);
  }
  .cancelled {
    color: var(--_muted);
  }
  .more {
    text-align: center;
    margin-top: var(--_space);
  }
  .more p {
    color: var(--_danger);
  }
  /* in a narrow element each payout is a card: its date as the title, then each cell after its column's name */
  @container (max-width: 30em) {
    .history thead,
    .history td.none {
      display: none;
    }
    .history,
    .history tbody,
    .history tr,
    .history th {
      display: block;
    }
    .history tr {
      margin-top: 0.5em;
      padding: 0.5em;
      border: 1px solid var(--_border);
      border-radius: calc(var(--_radius) / 2);
    }
    .history th,
    .history td {
      padding: 0.15em 0;
      border: 0;
    }
    .history td {
      display: flex;
      justify-content: space-between;
      gap: 1em;
    }
    .history td::before {
      content: attr(data-label);
      color: var(--_muted);
    }
  }
`;
