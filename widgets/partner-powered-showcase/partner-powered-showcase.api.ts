import type { ApiResponses } from '../internal/api-schema.ts';
import { expectEach, expectShape } from '../internal/shape.ts';

/** The answer of `GET /v1/public/showcase/apps`: one page of apps and the ecosystem's totals. */
export type Showcase = ApiResponses['GET /v1/public/showcase/apps'];
/** One partner-powered app. */
export type ShowcaseApp = Showcase['apps'][number];
/** A directory whose referred businesses an app read. */
export type ContributingDirectory = ShowcaseApp['contributing_directories'][number];
export type ApiProduct = ShowcaseApp['api_products'][number];

export const PRODUCTS: readonly ApiProduct[] = ['cmal', 'voice', 'susu', 'fraud'];
export const isProduct = (value: unknown): value is ApiProduct => PRODUCTS.includes(value as ApiProduct);

/** The filters of the query the user applied: `q` is the search text, `product` an API product or `''` for all. */
export interface ShowcaseFilters {
  q: string;
  product: ApiProduct | '';
}

/**
 * Checks only what rendering would trip on (the lists it maps, the objects it reads fields of,
 * the shares it formats as percentages); every other field is rendered as text, which Lit
 * escapes whatever it holds.
 */
export function parseShowcase(json: unknown): Showcase {
  const showcase = expectShape<Showcase>(json, { apps: 'array', totals: 'object' });
  for (const app of expectEach<ShowcaseApp>(showcase.apps, { api_products: 'array', contributing_directories: 'array' })) {
    expectEach<ContributingDirectory>(app.contributing_directories, { share_percent: 'decimal' });
  }
  return showcase;
}
