import { css } from 'lit';

export const styles = css`
  .network {
    margin-top: 0.75em;
  }
  .flow {
    margin: var(--_space) 0 0;
  }
  .flow svg {
    display: block;
    width: 100%;
    max-width: 340px;
    margin: 0 auto;
    height: auto;
  }
  .arc {
    fill: none;
    stroke: var(--_accent);
    stroke-width: 2.5;
  }
  .arrowhead {
    fill: var(--_accent);
  }
  .station circle {
    fill: var(--_subtle);
    stroke: var(--_border);
  }
  .station text {
    text-anchor: middle;
    fill: var(--_text);
    font-family: var(--_font);
  }
  .station-value {
    font-size: 15px;
    font-weight: 700;
  }
  .station-label {
    font-size: 8.5px;
    fill: var(--_muted);
  }
`;
