import { css } from 'lit';

// Tabs are the base buttons (the open one filled, the others `secondary`); tables, figures and the
// visually hidden text come from the base styles too.
export const styles = css`
  h3 {
    margin-top: var(--_space);
  }
  .tabs {
    display: flex;
    flex-wrap: wrap;
    gap: 0.4em;
    margin-bottom: var(--_space);
  }
  a {
    color: var(--_accent);
  }
  .tp {
    margin-top: var(--_space);
    border-top: 1px solid var(--_border);
  }
  .active,
  .copied {
    color: var(--_positive);
  }
  .suspended,
  .failed {
    color: var(--_danger);
  }
  .pending {
    color: var(--_warning);
  }
  label {
    display: grid;
    margin-bottom: 0.6em;
  }
  select,
  textarea {
    max-width: 100%;
    background: var(--_surface);
  }
  textarea {
    width: 100%;
    font: 0.85em monospace;
    background: var(--_subtle);
  }
`;
