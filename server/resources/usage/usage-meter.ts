import { randomUUID } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import type express from 'express';
import type { Knex } from 'knex';
import { transaction } from '../../db/transaction.ts';
import type { Logger } from '../../logger.ts';
import { prices } from '../technical-partners/technical-partners.repository.ts';
import { type Metering, meterAll, type Tier } from './metering.ts';
import { claimFlush, pruneFlushes } from './usage.repository.ts';

/** One metered call of the data pool. */
export interface MeteredCall {
  developerId: string;
  appId: string | null;
  product: string;
  usageDate: string;
  tier: Tier;
  /** The price per 1,000 calls quoted to the caller (from `price`); the calls are billed at it. */
  unit: string;
  /** Records read per contributing directory. */
  records: Map<string, number>;
}

interface Batch {
  id: string;
  entries: Metering[];
}

/** How long a price list read from the database is used before it is read again. */
const PRICES_TTL_MS = 60_000;
/** Flushes between two prunings of old batch ids. */
const PRUNE_EVERY = 600;
const CLOSE_ATTEMPTS = 3;

/**
 * Meters the paid data pool without making its calls wait on each other: each call is added to
 * this process's counts per (developer, app, product, day, tier, price), and a flush writes them
 * all in one transaction, every `flushMs` and on close. Every process flushes its own counts
 * additively (`calls = calls + excluded.calls`), so several processes lose nothing.
 *
 * A batch is written with its id (metering_flushes) in the same transaction. A batch whose write
 * failed is kept and written again, as it was, before newer counts: if its first write did commit
 * (the failure came after), the id is already there and the retry adds nothing. A process killed
 * without a graceful stop loses what it had not flushed (at most the last `flushMs` of calls,
 * plus a batch still failing).
 */
export class UsageMeter {
  #counts = new Map<string, Metering>();
  #failed: Batch | undefined;
  #flushing: Promise<void> = Promise.resolve();
  #prices: { at: number; list: Promise<Map<string, { standard: string; preferential: string }>> } | undefined;
  #flushes = 0;
  #timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly knex: Knex,
    private readonly logger: Logger,
    flushMs: number,
  ) {
    this.#timer = setInterval(() => {
      if (this.#counts.size === 0 && !this.#failed) return;
      this.flush().catch((error) => this.logger.warn({ err: error, unflushedCalls: this.unflushedCalls() }, 'usage flush failed; retrying'));
    }, flushMs);
    this.#timer.unref(); // the meter never keeps a process alive: close() flushes what is left
  }

  /** The price per 1,000 calls of a product on a tier, undefined for an unknown product. */
  async price(product: string, tier: Tier): Promise<string | undefined> {
    if (!this.#prices || Date.now() - this.#prices.at > PRICES_TTL_MS) {
      const list = prices(this.knex).then(
        (rows) => new Map(rows.map((r) => [r.code, { standard: r.price_per_1000, preferential: r.technical_partner_price_per_1000 }])),
      );
      this.#prices = { at: Date.now(), list };
      list.catch(() => {
        if (this.#prices?.list === list) this.#prices = undefined; // the next call asks again
      });
    }
    const found = (await this.#prices.list).get(product);
    return found && (tier === 'technical_partner' ? found.preferential : found.standard);
  }

  /** Counts one call; it is billed at the next flush. */
  record(call: MeteredCall): void {
    const key = [call.developerId, call.appId, call.product, call.usageDate, call.tier, call.unit].join(' ');
    let entry = this.#counts.get(key);
    if (!entry) {
      const { developerId, appId, product, usageDate, tier, unit } = call;
      entry = { developerId, appId, product, usageDate, tier, unit, businessId: null, calls: 0, records: [] };
      this.#counts.set(key, entry);
    }
    entry.calls += 1;
    for (const [partnerId, count] of call.records) {
      const found = entry.records.find((r) => r.partnerId === partnerId);
      if (found) found.count += count;
      else entry.records.push({ partnerId, count });
    }
  }

  /** Calls counted here and not yet written. */
  unflushedCalls(): number {
    let calls = 0;
    for (const entry of this.#counts.values()) calls += entry.calls;
    for (const entry of this.#failed?.entries ?? []) calls += entry.calls;
    return calls;
  }

  /** Writes every count recorded so far (after any flush already running); rejects if a write fails. */
  flush(): Promise<void> {
    const next = this.#flushing.catch(() => {}).then(() => this.#flushNow());
    this.#flushing = next;
    return next;
  }

  /** Stops the timer and flushes what is left, trying a few times; rejects if the counts could not be written. */
  async close(): Promise<void> {
    clearInterval(this.#timer);
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.flush();
      } catch (error) {
        if (attempt >= CLOSE_ATTEMPTS) {
          this.logger.error({ err: error, unflushedCalls: this.unflushedCalls() }, 'usage not written at shutdown');
          throw error;
        }
        await delay(100 * attempt);
      }
    }
  }

  /**
   * Writes one batch in one transaction, together with its id; a batch already written adds
   * nothing. Public so that tests can make a write fail before or after its commit.
   */
  async writeBatch(batch: Batch): Promise<void> {
    await transaction(this.knex, async (trx) => {
      if (await claimFlush(trx, batch.id)) await meterAll(trx, batch.entries);
    });
  }

  async #flushNow(): Promise<void> {
    if (this.#failed) {
      await this.writeBatch(this.#failed);
      this.#failed = undefined;
    }
    if (this.#counts.size === 0) return;
    const batch = { id: randomUUID(), entries: [...this.#counts.values()] };
    this.#counts = new Map();
    try {
      await this.writeBatch(batch);
    } catch (error) {
      this.#failed = batch;
      throw error;
    }
    if (++this.#flushes % PRUNE_EVERY === 0) await pruneFlushes(this.knex).catch((error) => this.logger.warn({ err: error }, 'pruning old batch ids failed'));
  }
}

/** The meter of an app built by createApp. */
export function usageMeterOf(app: express.Express): UsageMeter {
  return app.locals.usageMeter as UsageMeter;
}
