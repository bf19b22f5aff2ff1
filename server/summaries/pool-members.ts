/**
 * The data pool's one definition: a business is in it while its referral has converted and it is
 * verified (the partner_referred_businesses_api view), and it entered it when the later of the
 * two happened. Summaries count each pooled business in the month it entered, and its CMAL
 * impact in each report's own period month, so that incremental upkeep and a rebuild from the
 * base tables agree month by month. Writers that change membership or a pooled business's CMAL
 * hold the business row (FOR NO KEY UPDATE) first; that serialises them per business.
 */
export const POOL_MEMBERS = `
  SELECT b.id, pr.partner_id, b.category, b.state, b.city, greatest(pr.converted_at, b.verified_at) AS entered_at
  FROM businesses b
  JOIN partner_referrals pr ON pr.referred_business_id = b.id AND pr.is_converted
  WHERE b.is_verified`;
