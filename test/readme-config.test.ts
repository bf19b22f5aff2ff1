import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { it } from 'node:test';
import { ConfigSchema } from '../server/config.ts';

/** The README's configuration table lists exactly the settings the server reads. */
it('the README configuration table names every setting of the config schema, and no other', () => {
  const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
  const section = readme.slice(readme.indexOf('## Configuration'));
  const table = section
    .slice(0, section.indexOf('\n## ', 1))
    .split('\n')
    .filter((line) => line.startsWith('| `'));
  const documented = table.flatMap((line) => [...line.split('|')[1]!.matchAll(/`([A-Z][A-Z0-9_]+)`/g)].map((m) => m[1]!));
  assert.deepEqual([...documented].sort(), Object.keys(ConfigSchema.shape).sort());
});
