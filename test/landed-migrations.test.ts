import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { it } from 'node:test';
import { MIGRATIONS_DIR } from '../server/db/database.ts';

/**
 * A migration that has landed has run on databases we do not control: changing it would leave
 * them different from new ones. Each landed migration's SHA-256 is recorded in
 * test/landed-migrations.json; a change of schema is a new migration. Landing one means adding
 * its line to that file.
 */
const landed: Record<string, string> = JSON.parse(readFileSync(new URL('./landed-migrations.json', import.meta.url), 'utf8'));
const sha256 = (file: string) =>
  createHash('sha256')
    .update(readFileSync(join(MIGRATIONS_DIR, file)))
    .digest('hex');

it('no landed migration has changed or disappeared', () => {
  const present = new Set(readdirSync(MIGRATIONS_DIR));
  const changed = Object.entries(landed)
    .filter(([file, hash]) => !present.has(file) || sha256(file) !== hash)
    .map(([file]) => file);
  assert.deepEqual(changed, [], 'landed migrations are immutable: write a new migration instead');
});

it('every migration is recorded as landed, and named so that it sorts after the ones before it', () => {
  const files = readdirSync(MIGRATIONS_DIR)
    .filter((f) => f.endsWith('.ts'))
    .sort();
  assert.deepEqual(
    files.filter((f) => !(f in landed)),
    [],
    'add the new migration to test/landed-migrations.json',
  );
  assert.deepEqual(Object.keys(landed), [...Object.keys(landed)].sort(), 'recorded in order');
  for (const file of files) assert.match(file, /^\d{14}_[a-z0-9_]+\.ts$/);
});
