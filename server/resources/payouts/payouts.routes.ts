import { Router } from 'express';
import type { Knex } from 'knex';
import type { Api } from '../../http/api.ts';
import { PaginationQuery } from '../../http/schemas.ts';
import { IdempotencyHeaders } from '../payments/payments.schemas.ts';
import * as schemas from './payouts.schemas.ts';
import * as service from './payouts.service.ts';

/** The admin's side of payouts (DESIGN §9): runs, marking payouts paid, and who is owed what. */
export function payoutRoutes(api: Api, knex: Knex, terms: service.PayoutTerms): Router {
  const router = Router();
  const tag = 'Payouts';

  api.route(router, {
    method: 'post',
    path: '/v1/admin/payout-runs',
    audience: 'admin',
    tag,
    status: 201,
    summary: 'Run payouts: every partner and developer whose approved balance reaches the minimum gets a payout of it',
    description:
      'Locks each paid-out earnings line into its payout (a line is in at most one payout, ever). Balances below the minimum, ' +
      'or negative after a refund of paid earnings, carry over to the next run. Requires an Idempotency-Key: a replay answers ' +
      '200 with the first run and pays nothing more. The payouts are listed by GET /v1/admin/payouts?run_id=…',
    headers: IdempotencyHeaders,
    body: schemas.PayoutRunBody,
    response: schemas.PayoutRunResult,
    async handler({ headers, res }) {
      const result = await service.createRun(knex, terms, headers['idempotency-key']);
      if (result.replayed) res.status(200).set('Idempotent-Replayed', 'true');
      return result;
    },
  });

  api.route(router, {
    method: 'get',
    path: '/v1/admin/payout-runs',
    audience: 'admin',
    tag,
    summary: 'Payout runs, newest first, with their payouts’ count and total',
    query: PaginationQuery,
    response: schemas.PayoutRunList,
    handler: ({ query }) => service.listRuns(knex, query),
  });

  api.route(router, {
    method: 'get',
    path: '/v1/admin/payouts',
    audience: 'admin',
    tag,
    summary: 'Payouts, newest first, by status or run',
    query: schemas.PayoutListQuery,
    response: schemas.PayoutList,
    handler: ({ query }) => service.listPayouts(knex, query),
  });

  api.route(router, {
    method: 'post',
    path: '/v1/admin/payouts/:id/mark-paid',
    audience: 'admin',
    tag,
    summary: 'Mark a scheduled payout paid, once the money has left (with the transfer’s reference)',
    params: schemas.PayoutParams,
    body: schemas.MarkPaidBody,
    response: schemas.PayoutResult,
    errors: { 404: 'No such payout', 409: 'The payout is already marked paid, or was cancelled' },
    handler: ({ params, body }) => service.markPaid(knex, terms, params.id, body.reference),
  });

  api.route(router, {
    method: 'post',
    path: '/v1/admin/payouts/:id/cancel',
    audience: 'admin',
    tag,
    summary: 'Cancel a payout not marked paid: its earnings are approved again and the next run pays them',
    description: 'Cancelling a cancelled payout answers it unchanged. A paid payout cannot be cancelled (409).',
    params: schemas.PayoutParams,
    body: schemas.CancelPayoutBody,
    response: schemas.PayoutResult,
    errors: { 404: 'No such payout', 409: 'The payout is already marked paid' },
    handler: ({ params, body }) => service.cancel(knex, terms, params.id, body.reason),
  });

  api.route(router, {
    method: 'get',
    path: '/v1/admin/balances',
    audience: 'admin',
    tag,
    summary: 'Who is owed what: every partner and developer with earnings not yet paid, by state',
    query: schemas.OwedQuery,
    response: schemas.OwedList,
    handler: ({ query }) => service.owed(knex, terms, query),
  });

  return router;
}
