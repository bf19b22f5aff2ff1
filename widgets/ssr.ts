// Server rendering with Lit SSR: `render(template, { elementRenderers })` from `@lit-labs/ssr`.
// Every widget but the badge is a LitElement; the badge has a renderer of its own.
import { LitElementRenderer } from '@lit-labs/ssr/lib/lit-element-renderer.js';
import { define } from './internal/define.ts';
import { PartnerPoweredBadgeRenderer } from './partner-powered-badge/partner-powered-badge.ssr.ts';
import { PartnerPoweredBadge } from './partner-powered-badge/partner-powered-badge.ts';

// Lit's server build has installed a registry by now; the badge, which imports no part of Lit
// that does, may have been imported before it and found none.
define('partner-powered-badge', PartnerPoweredBadge);

export { PartnerPoweredBadgeRenderer };

/** The element renderers that render every widget of this package. */
export const elementRenderers = [LitElementRenderer, PartnerPoweredBadgeRenderer];
