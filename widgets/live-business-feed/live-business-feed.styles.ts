import { css } from 'lit';

// Figures, tables and their scrolling come from the base styles.
export const styles = css`
  header {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5em;
    margin-bottom: var(--_space);
  }
  h2 {
    margin: 0 auto 0 0;
  }
  /* the connection's colored dot */
  [part='live']::before {
    content: '';
    display: inline-block;
    width: 0.6em;
    height: 0.6em;
    margin-right: 0.4em;
    border-radius: 50%;
    background: var(--_border);
  }
  .connected::before {
    background: var(--_positive);
  }
  .reconnecting::before,
  .paused::before {
    background: var(--_warning);
  }
  .offline::before {
    background: var(--_danger);
  }
  .columns {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(min(100%, 16em), 1fr));
    gap: var(--_space);
    margin: var(--_space) 0;
  }
  .columns > * {
    min-width: 0;
  }
  .newest {
    margin: 0;
    padding: 0;
    list-style: none;
  }
  li {
    display: flex;
    flex-direction: column;
    margin-bottom: 0.4em;
    padding: 0.45em 0.6em;
    background: var(--_subtle);
    border-radius: calc(var(--_radius) / 2);
    animation: arrive 1.5s ease-out;
  }
  /* A fading edge marks an arrival; the background stays put so text contrast never dips. */
  @keyframes arrive {
    from {
      box-shadow: inset 3px 0 0 var(--_accent);
    }
  }
  @media (prefers-reduced-motion: reduce) {
    li {
      animation: none;
    }
  }
  .track {
    display: block;
    min-width: 6em;
    height: 0.5em;
    background: var(--_subtle);
    border-radius: 0.25em;
    overflow: hidden;
  }
  [part='bar'] {
    display: block;
    height: 100%;
    background: var(--_accent);
  }
  .more {
    margin-top: 0.5em;
  }
`;
