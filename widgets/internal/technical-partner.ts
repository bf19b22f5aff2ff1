/**
 * The fields of a Technical Partner application that widgets show as figures (status, revenue
 * share, app referrals and app earnings), checked the same way wherever an answer carries one.
 */
export const TECHNICAL_PARTNER_FIGURES = {
  status: 'string',
  revenue_share_percent: 'decimal',
  total_app_referrals: 'number',
  total_app_earnings: 'decimal',
} as const;
