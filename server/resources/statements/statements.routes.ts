import { type Request, type Response, Router } from 'express';
import type { Knex } from 'knex';
import type { Api } from '../../http/api.ts';
import { startCsv, wantsCsv } from '../../http/csv.ts';
import type { Beneficiary } from '../payouts/payouts.repository.ts';
import type { PayoutTerms } from '../payouts/payouts.service.ts';
import * as schemas from './statements.schemas.ts';
import * as service from './statements.service.ts';

const CSV_NOTE = 'text/csv with format=csv or Accept: text/csv (a header row, then opening balance, lines, totals and closing balance rows)';
const ERRORS = { 400: 'A month that is malformed or in the future names params.month' };

/**
 * Monthly statements (DESIGN §9): partners and developers read their own (`me/`, their
 * credential or an embed session with the read scope); the admin reads any account's, and
 * exports the whole ledger as a streamed CSV.
 */
export function statementRoutes(api: Api, knex: Knex, terms: PayoutTerms): Router {
  const router = Router();
  const description =
    'Opening balance (owed at the start of the month: earlier ledger lines less earlier payouts marked paid), every ledger line ' +
    'dated in the month (earnings, refund reversals, chargebacks; each with its state now) and every payout marked paid in it ' +
    '(negative), totals by kind and by state, and the closing balance. Months are calendar months in UTC; the current month ' +
    'is a statement to date, a later one is refused. JSON by default; CSV with format=csv, or Accept: text/csv without a format.';

  const answer = async (account: Beneficiary, month: string, format: 'json' | 'csv' | undefined, req: Request, res: Response) => {
    const made = await service.statement(knex, terms, account, month);
    if (!wantsCsv(req, format)) return made;
    startCsv(res, `statement-${account.kind}-${account.id}-${month}.csv`);
    res.send(service.statementCsv({ ...made, currency: api.currency }));
    return undefined;
  };

  const statementRoute = { method: 'get', description, query: schemas.FormatQuery, response: schemas.Statement, csv: CSV_NOTE } as const;

  api.route(router, {
    ...statementRoute,
    path: '/v1/partner/me/statements/:month',
    audience: 'partner',
    tag: 'Partners',
    summary: 'Your statement of a month: opening balance, each commission, reversal and payout, totals, closing balance',
    params: schemas.StatementParams,
    errors: ERRORS,
    handler: ({ principal, params, query, req, res }) => answer({ kind: 'partner', id: principal.partnerId }, params.month, query.format, req, res),
  });

  api.route(router, {
    ...statementRoute,
    path: '/v1/developer/me/statements/:month',
    audience: 'developer',
    tag: 'Developers',
    summary: 'Your statement of a month: opening balance, each revenue-share earning, reversal and payout, totals, closing balance',
    params: schemas.StatementParams,
    errors: ERRORS,
    handler: ({ principal, params, query, req, res }) => answer({ kind: 'developer', id: principal.developerId }, params.month, query.format, req, res),
  });

  for (const kind of ['partner', 'developer'] as const) {
    api.route(router, {
      ...statementRoute,
      path: `/v1/admin/${kind}s/:id/statements/:month`,
      audience: 'admin',
      tag: 'Payouts',
      summary: `A ${kind}’s statement of a month (as the ${kind} reads it)`,
      params: schemas.AccountStatementParams,
      errors: { ...ERRORS, 404: `No such ${kind}` },
      handler: ({ params, query, req, res }) => answer({ kind, id: params.id }, params.month, query.format, req, res),
    });
  }

  api.route(router, {
    method: 'get',
    path: '/v1/admin/ledger.csv',
    audience: 'admin',
    tag: 'Payouts',
    summary: 'The earnings ledger as CSV, streamed in date order (optionally the days from..to, UTC, inclusive)',
    description:
      'One row per ledger line: id, date, channel, kind (earning, refund_reversal, chargeback), state (as of the start of the ' +
      'export), payment, refund, business, beneficiaries, app, payment amount, rate, amount and currency exactly as stored, and ' +
      'when its hold ends. Read in batches by keyset pagination and written with backpressure, so the server’s memory stays flat ' +
      'however long the ledger; lines written after the export started are left out. Cells a spreadsheet would take for a ' +
      'formula are prefixed with an apostrophe; plain decimals never are.',
    query: schemas.LedgerExportQuery,
    response: { stream: 'The ledger as RFC 4180 CSV with a header row', type: 'text/csv' },
    handler: async ({ query, res }) => {
      await service.exportLedger(knex, terms, api.currency, query, res);
      return undefined;
    },
  });

  return router;
}
