import type { Knex } from 'knex';
import { findApp } from './developer.repository.ts';

/** How many apps' owners one process remembers; past it, it starts over. */
const REMEMBERED = 50_000;

/**
 * The developer each app belongs to, remembered once read: apps never change hands and are never
 * deleted, so a known owner stays true, and the metered data pool skips a query per call.
 */
export class AppOwners {
  #owners = new Map<string, string>();

  constructor(private readonly knex: Knex) {}

  async ownerOf(appId: string): Promise<string | undefined> {
    const known = this.#owners.get(appId);
    if (known) return known;
    const app = await findApp(this.knex, appId);
    if (!app) return undefined;
    if (this.#owners.size >= REMEMBERED) this.#owners.clear();
    this.#owners.set(appId, app.developer_id);
    return app.developer_id;
  }
}
