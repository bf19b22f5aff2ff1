import { define } from '../internal/define.ts';
import { EcosystemGrowth } from './ecosystem-growth.ts';

export { EcosystemGrowth };
export type { Growth, GrowthMetric, GrowthMonth } from './ecosystem-growth.ts';
define('ecosystem-growth', EcosystemGrowth);
