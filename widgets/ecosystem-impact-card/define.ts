import { define } from '../internal/define.ts';
import { EcosystemImpactCard } from './ecosystem-impact-card.ts';

export type { EcosystemImpact } from './ecosystem-impact-card.api.ts';
export { EcosystemImpactCard };

define('ecosystem-impact-card', EcosystemImpactCard);

declare global {
  interface HTMLElementTagNameMap {
    'ecosystem-impact-card': EcosystemImpactCard;
  }
}
