import { define } from '../internal/define.ts';
import { DeveloperEcosystemTab } from './developer-ecosystem-tab.ts';

export { DeveloperEcosystemTab };
export type { DeveloperImpact, EcosystemTab, EmbeddableTag, ImpactApp, ImpactTechnicalPartner } from './developer-ecosystem-tab.ts';
define('developer-ecosystem-tab', DeveloperEcosystemTab);
