import { Router } from 'express';
import type { Knex } from 'knex';
import type { Api } from '../../http/api.ts';
import { invalidInput } from '../../http/validate.ts';
import { IdempotencyHeaders, PaymentBody, PaymentResult, RefundBody, RefundResult } from '../payments/payments.schemas.ts';
import { type LedgerTerms, recordPayment } from '../payments/payments.service.ts';
import { recordRefund } from '../payments/refunds.service.ts';
import * as schemas from './events.schemas.ts';
import * as service from './events.service.ts';

/** A payment or refund may name its currency: only the platform's (a replay need not repeat it). */
function requirePlatformCurrency(api: Api, currency: string | undefined): void {
  if (currency !== undefined && currency !== api.currency) {
    throw invalidInput('body', 'currency', `must be the platform currency, ${api.currency}: every amount is in it (not ${currency})`);
  }
}

/** Platform events (admin or service token): what happened on the platform. */
export function eventRoutes(api: Api, knex: Knex, terms: LedgerTerms): Router {
  const router = Router();
  const tag = 'Platform events';

  api.route(router, {
    method: 'post',
    path: '/v1/events/businesses',
    audience: 'platform',
    tag,
    status: 201,
    summary: 'Register a business on the platform',
    body: schemas.BusinessBody,
    response: schemas.Business,
    handler: ({ body }) => service.registerBusiness(knex, body),
  });

  api.route(router, {
    method: 'post',
    path: '/v1/events/businesses/:businessId/verification',
    audience: 'platform',
    tag,
    summary: 'Verify a business, or withdraw its verification',
    description: 'A converted, verified business enters the data pool (and the live feed); withdrawing verification takes it out.',
    params: schemas.BusinessParams,
    body: schemas.VerificationBody,
    response: schemas.Business,
    errors: { 404: 'No such business' },
    handler: ({ params, body }) => service.setVerification(knex, params.businessId, body.is_verified),
  });

  api.route(router, {
    method: 'post',
    path: '/v1/events/referrals',
    audience: 'platform',
    tag,
    status: 201,
    summary: 'Record that a directory partner referred a business',
    body: schemas.ReferralBody,
    response: schemas.Referral,
    errors: { 404: 'No such partner or business', 409: 'This partner already referred this business' },
    handler: ({ body }) => service.recordReferral(knex, body),
  });

  api.route(router, {
    method: 'post',
    path: '/v1/events/conversions',
    audience: 'platform',
    tag,
    summary: 'Record that a referral converted (the business is on the platform)',
    body: schemas.ConversionBody,
    response: schemas.Referral,
    errors: { 404: 'No such referral', 409: 'Already converted, or converted through another partner' },
    handler: ({ body }) => service.recordConversion(knex, body, terms.fraud),
  });

  api.route(router, {
    method: 'post',
    path: '/v1/events/attributions',
    audience: 'platform',
    tag,
    status: 201,
    summary: 'Attribute a business to the app that brought it in',
    description: 'A business is attributed to at most one app, the first; a second attribution is refused.',
    body: schemas.AttributionBody,
    response: schemas.Attribution,
    errors: { 404: 'No such app or business', 409: 'The business is already attributed' },
    handler: ({ body }) => service.recordAttribution(knex, body),
  });

  api.route(router, {
    method: 'post',
    path: '/v1/events/payments',
    audience: 'platform',
    tag,
    status: 201,
    summary: 'Record a business payment and apply the earnings rules',
    description:
      'Writes the partner-channel and app-channel earnings in one transaction. Requires an Idempotency-Key: ' +
      'a replay with the same key and body answers 200 with the first result and changes nothing.',
    headers: IdempotencyHeaders,
    body: PaymentBody,
    response: PaymentResult,
    errors: { 404: 'No such business', 422: 'The Idempotency-Key or payment id was used for a different payment' },
    async handler({ headers, body: { currency, ...body }, res }) {
      requirePlatformCurrency(api, currency);
      const result = await recordPayment(knex, headers['idempotency-key'], body, terms);
      if (result.replayed) res.status(200).set('Idempotent-Replayed', 'true');
      return result;
    },
  });

  api.route(router, {
    method: 'post',
    path: '/v1/events/refunds',
    audience: 'platform',
    tag,
    status: 201,
    summary: 'Record a refund or chargeback of a payment and reverse its earnings',
    description:
      'Full (no amount) or partial. Writes one negative earnings line per channel the payment earned on, proportional to the ' +
      'share refunded so far (rounded half away from zero), so a payment’s lines never sum below zero; totals fall in the same ' +
      'transaction. Requires an Idempotency-Key: a replay with the same key and body answers 200 with the first result.',
    headers: IdempotencyHeaders,
    body: RefundBody,
    response: RefundResult,
    errors: {
      404: 'No such payment',
      409: 'More than what is left to refund of the payment',
      422: 'The Idempotency-Key or refund id was used for a different refund',
    },
    async handler({ headers, body: { currency, ...body }, res }) {
      requirePlatformCurrency(api, currency);
      const result = await recordRefund(knex, headers['idempotency-key'], body, terms);
      if (result.replayed) res.status(200).set('Idempotent-Replayed', 'true');
      return result;
    },
  });
  api.route(router, {
    method: 'post',
    path: '/v1/events/usage',
    audience: 'platform',
    tag,
    status: 201,
    summary: 'Meter API calls made outside this API',
    body: schemas.UsageBody,
    response: schemas.UsageResult,
    errors: { 404: 'No such developer, app (of that developer) or business' },
    handler: ({ body }) => service.recordUsage(knex, body),
  });

  api.route(router, {
    method: 'post',
    path: '/v1/events/cmal-impact',
    audience: 'platform',
    tag,
    summary: 'Record (or correct) the CMAL economic impact of a business for a month',
    body: schemas.CmalImpactBody,
    response: schemas.CmalImpact,
    errors: { 404: 'No such business' },
    handler: ({ body }) => service.recordCmalImpact(knex, body),
  });

  return router;
}
