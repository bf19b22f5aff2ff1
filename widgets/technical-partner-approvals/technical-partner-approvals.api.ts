import type { ApiResponses } from '../internal/api-schema.ts';
import { expectOneOf, expectShape } from '../internal/shape.ts';
import { TECHNICAL_PARTNER_FIGURES } from '../internal/technical-partner.ts';

/** The answer of `GET /v1/admin/technical-partners`: pending applications first, then newest first. */
export type ApplicationList = ApiResponses['GET /v1/admin/technical-partners'];
/** One application with its developer, its directory and its evidence. */
export type Application = ApplicationList['technical_partners'][number];
export type ApplicationStatus = Application['status'];
/** The answer of `POST /v1/admin/technical-partners/{id}/approve` (and suspend, reactivate). */
export type TransitionResult = ApiResponses['POST /v1/admin/technical-partners/{id}/approve'];

export type Action = 'approve' | 'suspend' | 'reactivate';
export const STATUSES: readonly ApplicationStatus[] = ['pending', 'active', 'suspended'];
/** The one action each status allows (DESIGN §4). */
export const ACTION_OF: Record<ApplicationStatus, Action> = { pending: 'approve', active: 'suspend', suspended: 'reactivate' };

const count = 'number' as const;

/** One application's fields the element reads (each name costs bundle bytes). */
function parseApplication(item: unknown): Application {
  const application = expectShape<Application>(item, {
    ...TECHNICAL_PARTNER_FIGURES,
    id: 'string',
    app_name: 'string?',
    created_at: 'string',
    developer: 'object',
    directory_name: 'string?',
    evidence: 'object',
  });
  expectOneOf(application.status, STATUSES);
  expectShape<Application['developer']>(application.developer, { name: 'string', email: 'string', company: 'string?' });
  const evidence = expectShape<Application['evidence']>(application.evidence, {
    apps: count,
    businesses_attributed: count,
    api_calls_30d: count,
    partner_referrals: 'object?',
  });
  if (evidence.partner_referrals) expectShape(evidence.partner_referrals, { total: count, converted: count });
  return application;
}

export function parseList(json: unknown): ApplicationList {
  const list = expectShape<ApplicationList>(json, { technical_partners: 'array', next_cursor: 'string?' });
  list.technical_partners.forEach(parseApplication);
  return list;
}

/** The transition's answer: only the new status and dates are read; the key it carries is never kept. */
export const parseTransition = (json: unknown) =>
  expectShape<Application>(expectShape<TransitionResult>(json, { technical_partner: 'object' }).technical_partner, {
    ...TECHNICAL_PARTNER_FIGURES,
    id: 'string',
  });
