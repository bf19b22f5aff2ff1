import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { it } from 'node:test';
import { API_TYPES_FILE, apiTypesSource } from '../scripts/api-types.ts';

/** The widgets' response types are generated from the API; a change of the API must regenerate them. */
it('widgets/internal/api-schema.ts matches the API’s OpenAPI document (run `npm run api-types` after changing a response)', async () => {
  assert.equal(readFileSync(API_TYPES_FILE, 'utf8'), await apiTypesSource());
});
