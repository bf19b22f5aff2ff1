import { define } from '../internal/define.ts';
import { PartnerPoweredShowcase } from './partner-powered-showcase.ts';

export { PartnerPoweredShowcase };
export type { ApiProduct, ContributingDirectory, Showcase, ShowcaseApp, ShowcaseFilters } from './partner-powered-showcase.ts';
define('partner-powered-showcase', PartnerPoweredShowcase);
