/**
 * The share of a business's payments a Technical Partner's app earns when no rate of its own is
 * set (DESIGN §3); the technical_partners.revenue_share_percent column defaults to it as well.
 */
export const DEFAULT_REVENUE_SHARE_PERCENT = '5.00';
