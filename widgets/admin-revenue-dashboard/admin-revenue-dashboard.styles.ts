import { css } from 'lit';

export const styles = css`
  .tabs {
    display: flex;
    flex-wrap: wrap;
    border-bottom: 1px solid var(--_border);
    margin-bottom: var(--_space);
  }
  .tab {
    background: none;
    color: var(--_muted);
    border: 0;
    border-bottom: 3px solid transparent;
    border-radius: 0;
  }
  .tab[aria-selected='true'] {
    color: var(--_text);
    border-color: var(--_accent);
    font-weight: 650;
  }
  h3 {
    margin-top: var(--_space);
  }
  .small dd {
    font-size: 1.15em;
    font-weight: 650;
  }
  .note {
    font-size: 0.85em;
  }
  /* the chart toggle, pressed while the chart shows */
  button[aria-pressed='true'] {
    background: var(--_accent);
    color: var(--_on-accent);
  }
`;
