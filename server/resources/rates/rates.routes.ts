import { Router } from 'express';
import type { Knex } from 'knex';
import type { Api } from '../../http/api.ts';
import { IdParams } from '../admin/admin.schemas.ts';
import * as schemas from './rates.schemas.ts';
import * as service from './rates.service.ts';

/** Rates over time (DESIGN §9): a directory's commission and a Technical Partner's revenue share, changed from a date on. */
export function rateRoutes(api: Api, knex: Knex): Router {
  const router = Router();
  const tag = 'Admin';
  const accounts = [
    { kind: 'partner', path: '/v1/admin/partners/:id/rates', name: 'directory partner', rate: 'commission', body: schemas.CommissionRateBody },
    {
      kind: 'technical_partner',
      path: '/v1/admin/technical-partners/:id/rates',
      name: 'Technical Partner',
      rate: 'revenue share',
      body: schemas.RevenueShareRateBody,
    },
  ] as const;

  for (const { kind, path, name, rate, body } of accounts) {
    api.route(router, {
      method: 'post',
      path,
      audience: 'admin',
      tag,
      status: 201,
      summary: `Change a ${name}’s ${rate} from a date on`,
      description:
        'Appends to the rate history; nothing is edited. A payment earns at the rate in force on its paid_at’s UTC date. ' +
        'Earnings already written are never rewritten, so effective_from must come after the account’s latest earning (409 ' +
        'otherwise, naming the first date allowed); a date ahead waits for its day. Not before the account was created (400), ' +
        'nor in a closed month (409). Of two changes dated the same day, the later one counts.',
      params: IdParams,
      body,
      response: schemas.RateHistory,
      errors: { 404: `No such ${name}`, 409: 'Earnings already written on or after that date, or a closed month' },
      handler: ({ params, body }) =>
        service.changeRate(
          knex,
          { kind, id: params.id },
          'commission_percent' in body ? body.commission_percent : body.revenue_share_percent,
          body.effective_from,
        ),
    });

    api.route(router, {
      method: 'get',
      path,
      audience: 'admin',
      tag,
      summary: `A ${name}’s ${rate}: before any change, in force today, and every change by date`,
      params: IdParams,
      response: schemas.RateHistory,
      errors: { 404: `No such ${name}` },
      handler: ({ params }) => service.rateHistory(knex, { kind, id: params.id }),
    });
  }
  return router;
}
