import { css } from 'lit';

export const styles = css`
  .network {
    margin-top: 0.75em;
  }
  .flow {
    margin: var(--_space) 0 0;
  }
  /* Narrow: one column, an arrow down between steps and a loop arrow after the last. */
  .steps {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    gap: 1.6em;
    /* room for the loop arrow under the last step */
    padding-bottom: 1.3em;
  }
  .step {
    position: relative;
    padding: 0.6em 0.75em;
    background: var(--_subtle);
    border: 1px solid var(--_border);
    border-radius: calc(var(--_radius) / 2);
  }
  .step::after {
    position: absolute;
    color: var(--_accent);
    font-weight: 700;
    line-height: 1;
    content: '↓';
    left: 50%;
    bottom: -1.35em;
  }
  .step:last-child::after {
    content: '↺';
  }
  .step p {
    margin: 0;
  }
  .step-value {
    font-size: 1.25em;
    font-weight: 700;
    white-space: nowrap;
    font-variant-numeric: tabular-nums;
  }
  .step-label {
    font-weight: 600;
  }
  .step-caption {
    color: var(--_muted);
    font-size: 0.85em;
  }
  /* Wide: a loop on two rows, 1 → 2 → 3 along the top, down to 4, back 4 → 5, and up to 1 again. */
  @container (min-width: 36em) {
    .steps {
      grid-template-columns: repeat(3, 1fr);
      gap: 1.6em 2em;
      padding-bottom: 0;
    }
    .step:nth-child(4) {
      grid-area: 2 / 3;
    }
    .step:nth-child(5) {
      grid-area: 2 / 2;
    }
    .step:nth-child(-n + 2)::after,
    .step:nth-child(n + 4)::after {
      content: '→';
      left: auto;
      bottom: auto;
      right: -1.4em;
      top: 50%;
    }
    .step:nth-child(n + 4)::after {
      content: '←';
      right: auto;
      left: -1.4em;
    }
    .steps::after {
      content: '↑';
      grid-area: 2 / 1;
      justify-self: center;
      align-self: center;
      color: var(--_accent);
      font-weight: 700;
      font-size: 1.25em;
    }
  }
`;
