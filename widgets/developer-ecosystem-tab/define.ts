import { define } from '../internal/define.ts';
import type { EmbeddableTag } from './developer-ecosystem-tab.embed.ts';
import { DeveloperEcosystemTab, type EcosystemTab } from './developer-ecosystem-tab.ts';

export type { DeveloperImpact, ImpactApp, ImpactTechnicalPartner } from './developer-ecosystem-tab.api.ts';
export type { EmbeddableTag } from './developer-ecosystem-tab.embed.ts';
export type { EcosystemTab } from './developer-ecosystem-tab.ts';
export { DeveloperEcosystemTab };

define('developer-ecosystem-tab', DeveloperEcosystemTab);

declare global {
  interface HTMLElementTagNameMap {
    'developer-ecosystem-tab': DeveloperEcosystemTab;
  }
  interface HTMLElementEventMap {
    'ecosystem-tab-change': CustomEvent<{ tab: EcosystemTab }>;
    /** Also fired by partner-data-sources. */
    'technical-partner-cta': CustomEvent<null>;
    'embed-code-copied': CustomEvent<{ tag: EmbeddableTag }>;
  }
}
