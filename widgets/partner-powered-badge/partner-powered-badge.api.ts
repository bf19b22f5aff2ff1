import type { ApiResponses } from '../internal/api-schema.ts';
import { expectEach, expectShape } from '../internal/shape.ts';

/** The answer of `GET /v1/public/apps/{appId}/badge`. */
export type Badge = ApiResponses['GET /v1/public/apps/{appId}/badge'];
/** A directory whose referred businesses the app read. */
export type BadgeDirectory = Badge['directories'][number];

/** Checks the fields the badge reads; anything else lands in the error state. */
export function parseBadge(json: unknown): Badge {
  const badge = expectShape<Badge>(json, { app: 'object', partner_powered: 'boolean', records_served: 'number', directories: 'array' });
  expectShape<Badge['app']>(badge.app, { id: 'string', name: 'string' });
  expectEach<BadgeDirectory>(badge.directories, { directory_name: 'string', share_percent: 'decimal' });
  return badge;
}
