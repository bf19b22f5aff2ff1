import { Router } from 'express';
import type { Knex } from 'knex';
import type { Clock } from '../../clock.ts';
import type { Api } from '../../http/api.ts';
import * as schemas from './fraud.schemas.ts';
import * as service from './fraud.service.ts';

/** The admin's fraud review queue (DESIGN §9): signals with their evidence, and the decision on each. */
export function fraudRoutes(api: Api, knex: Knex, clock: Clock): Router {
  const router = Router();
  const tag = 'Fraud review';

  api.route(router, {
    method: 'get',
    path: '/v1/admin/fraud-signals',
    audience: 'admin',
    tag,
    summary: 'Fraud signals, newest first, by state, each with its evidence and what it holds',
    query: schemas.SignalListQuery,
    response: schemas.SignalList,
    handler: ({ query }) => service.listSignals(knex, query),
  });

  const decisions: { action: 'release' | 'void' | 'suspend'; summary: string }[] = [
    { action: 'release', summary: 'Release an open signal: the earnings it held are pending or approved again, by their hold period' },
    { action: 'void', summary: 'Void an open signal: each earning it held is reversed to zero by a negative line; totals fall at once' },
    { action: 'suspend', summary: 'Void an open signal and suspend its partner (no commission on new payments)' },
  ];
  for (const { action, summary } of decisions) {
    api.route(router, {
      method: 'post',
      path: `/v1/admin/fraud-signals/:id/${action}`,
      audience: 'admin',
      // the admin hub's review panel acts through the page's embed session
      scope: 'fraud_signals:review',
      tag,
      summary,
      description: 'Idempotent: the same decision again answers the first (replayed: true); a different one is refused with 409.',
      params: schemas.SignalParams,
      response: schemas.SignalDecision,
      errors: { 404: 'No such signal', 409: 'The signal was already resolved another way' },
      handler: ({ params, principal }) =>
        service.resolve(knex, params.id, action, principal.embedSession ? `embed-session:${principal.embedSession.id}` : 'admin', clock),
    });
  }

  return router;
}
