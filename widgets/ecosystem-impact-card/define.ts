import { define } from '../internal/define.ts';
import { EcosystemImpactCard } from './ecosystem-impact-card.ts';

export { EcosystemImpactCard };
export type { EcosystemImpact } from './ecosystem-impact-card.ts';
define('ecosystem-impact-card', EcosystemImpactCard);
