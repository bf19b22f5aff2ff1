import type { Knex } from 'knex';
import type { z } from 'zod';
import { transaction } from '../../db/transaction.ts';
import { AppError, conflict, notFound } from '../../errors.ts';
import { sharePercent } from '../../money.ts';
import { insertApiKey } from '../credentials/credentials.repository.ts';
import { issueSecret } from '../credentials/secrets.ts';
import { DEFAULT_REVENUE_SHARE_PERCENT } from './revenue-share.ts';
import * as repository from './technical-partners.repository.ts';
import type { IssuedApiKey, ProductPrice, TechnicalPartner } from './technical-partners.schemas.ts';

/**
 * The Technical Partner lifecycle (DESIGN §4):
 *   apply → pending → approve → active ⇄ (suspend / reactivate) suspended
 * Approval and reactivation issue an API key on the preferential tier, shown once; suspension
 * revokes the preferential keys. Anything else is refused as an invalid transition.
 */
export type Action = 'approve' | 'suspend' | 'reactivate';

const TRANSITIONS: Record<Action, { from: repository.TechnicalPartnerRow['status']; to: repository.TechnicalPartnerRow['status'] }> = {
  approve: { from: 'pending', to: 'active' },
  suspend: { from: 'active', to: 'suspended' },
  reactivate: { from: 'suspended', to: 'active' },
};

export interface ApplyInput {
  developerId: string;
  partnerId?: string | null;
  appName: string;
  appUrl?: string | null;
}

export async function apply(knex: Knex | Knex.Transaction, input: ApplyInput): Promise<repository.TechnicalPartnerRow> {
  const existing = await repository.findByDeveloper(knex, input.developerId);
  if (existing) throw alreadyApplied(existing.status);
  const created = await repository.insert(knex, {
    developer_id: input.developerId,
    partner_id: input.partnerId ?? null,
    app_name: input.appName,
    app_url: input.appUrl ?? null,
  });
  if (created) return created;
  const raced = await repository.findByDeveloper(knex, input.developerId); // an application committed meanwhile
  throw alreadyApplied(raced?.status ?? 'pending');
}

function alreadyApplied(status: string) {
  return conflict(`Already applied to become a Technical Partner (status: ${status})`, { status });
}

export async function transition(knex: Knex, id: string, action: Action) {
  return transaction(knex, async (trx) => {
    const row = await repository.lockById(trx, id);
    if (!row) throw notFound('Technical partner');
    const { from, to } = TRANSITIONS[action];
    if (row.status !== from) {
      throw new AppError('invalid_transition', `Cannot ${action} a technical partner that is ${row.status}; only a ${from} one`, {
        status: row.status,
        action,
        allowed_from: from,
      });
    }
    const now = new Date();
    const updated = await repository.update(trx, id, {
      status: to,
      ...(action === 'approve' ? { approved_at: now } : {}),
      suspended_at: action === 'suspend' ? now : null,
    });
    let apiKey: z.input<typeof IssuedApiKey> | null = null;
    if (action === 'suspend') {
      await repository.revokePreferentialKeys(trx, row.developer_id);
    } else {
      apiKey = await issuePreferentialKey(trx, row.developer_id);
    }
    return { technical_partner: present(updated), api_key: apiKey };
  });
}

/**
 * An active Technical Partner issues its own preferential-tier key, shown once: the earlier
 * preferential keys are revoked in the same transaction, so a lost or leaked key is replaced
 * without waiting for an admin.
 */
export async function rotatePreferentialKey(knex: Knex, developerId: string) {
  return transaction(knex, async (trx) => {
    const application = await repository.findByDeveloper(trx, developerId);
    if (!application) throw notFound('Technical Partner application');
    const row = await repository.lockById(trx, application.id);
    if (row!.status !== 'active') {
      throw new AppError('invalid_transition', `Only an active Technical Partner has a preferential key; yours is ${row!.status}`, { status: row!.status });
    }
    await repository.revokePreferentialKeys(trx, developerId);
    return issuePreferentialKey(trx, developerId);
  });
}

async function issuePreferentialKey(trx: Knex.Transaction, developerId: string): Promise<z.input<typeof IssuedApiKey>> {
  return issueApiKey(trx, developerId, 'technical_partner');
}

/** A new API key on the given tier, shown once (only its hash is kept), with the prices it pays. */
export async function issueApiKey(
  knex: Knex | Knex.Transaction,
  developerId: string,
  tier: Parameters<typeof insertApiKey>[2],
): Promise<z.input<typeof IssuedApiKey>> {
  const issued = issueSecret('ewk');
  const key = await insertApiKey(knex, developerId, tier, issued);
  return {
    id: key.id,
    key: issued.secret,
    prefix: key.key_prefix,
    pricing_tier: key.pricing_tier,
    created_at: key.created_at.toISOString(),
    prices: await priceList(knex),
  };
}

export async function priceList(knex: Knex | Knex.Transaction): Promise<z.input<typeof ProductPrice>[]> {
  return (await repository.prices(knex)).map((p) => ({
    product: p.code as z.input<typeof ProductPrice>['product'],
    name: p.name,
    price_per_1000: p.price_per_1000,
    technical_partner_price_per_1000: p.technical_partner_price_per_1000,
    discount_percent: sharePercent(Number(p.price_per_1000) - Number(p.technical_partner_price_per_1000), Number(p.price_per_1000)),
  }));
}

export function present(row: repository.TechnicalPartnerRow): z.input<typeof TechnicalPartner> {
  return {
    id: row.id,
    developer_id: row.developer_id,
    partner_id: row.partner_id,
    status: row.status,
    revenue_share_percent: row.revenue_share_in_force ?? row.revenue_share_percent ?? DEFAULT_REVENUE_SHARE_PERCENT,
    total_app_referrals: row.total_app_referrals ?? 0,
    total_app_earnings: row.total_app_earnings ?? '0.00',
    app_name: row.app_name,
    app_url: row.app_url,
    approved_at: row.approved_at?.toISOString() ?? null,
    suspended_at: row.suspended_at?.toISOString() ?? null,
    created_at: row.created_at.toISOString(),
    updated_at: row.updated_at.toISOString(),
  };
}
