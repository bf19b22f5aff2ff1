import { define } from '../internal/define.ts';
import type { ShowcaseFilters } from './partner-powered-showcase.api.ts';
import { PartnerPoweredShowcase } from './partner-powered-showcase.ts';

export type { ApiProduct, ContributingDirectory, Showcase, ShowcaseApp, ShowcaseFilters } from './partner-powered-showcase.api.ts';
export { PartnerPoweredShowcase };

define('partner-powered-showcase', PartnerPoweredShowcase);

declare global {
  interface HTMLElementTagNameMap {
    'partner-powered-showcase': PartnerPoweredShowcase;
  }
  interface HTMLElementEventMap {
    'showcase-filter-change': CustomEvent<ShowcaseFilters>;
    'showcase-load-more': CustomEvent<{ cursor: string }>;
  }
}
