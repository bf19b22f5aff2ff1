import { define } from '../internal/define.ts';
import type { GrowthMetric } from './ecosystem-growth.api.ts';
import { EcosystemGrowth } from './ecosystem-growth.ts';

export type { Growth, GrowthMetric, GrowthMonth } from './ecosystem-growth.api.ts';
export { EcosystemGrowth };

define('ecosystem-growth', EcosystemGrowth);

declare global {
  interface HTMLElementTagNameMap {
    'ecosystem-growth': EcosystemGrowth;
  }
  interface HTMLElementEventMap {
    'growth-metric-change': CustomEvent<{ metric: GrowthMetric }>;
  }
}
