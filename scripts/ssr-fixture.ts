/**
 * Renders the badge and the impact card with Lit SSR into widgets/testing/ssr.fixture.html, the
 * page the browser test hydrates (widgets/internal/ssr-hydration.test.ts). test/ssr.test.ts fails
 * when the file is not what the widgets render now: run `node --import tsx scripts/ssr-fixture.ts`.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { render } from '@lit-labs/ssr';
import { collectResult } from '@lit-labs/ssr/lib/render-result.js';
import { html } from 'lit';
import '../widgets/ecosystem-impact-card/define.ts';
import { impact } from '../widgets/ecosystem-impact-card/ecosystem-impact-card.fixtures.ts';
import '../widgets/partner-powered-badge/define.ts';
import { APP_ID, badge } from '../widgets/partner-powered-badge/partner-powered-badge.fixtures.ts';
import { elementRenderers } from '../widgets/ssr.ts';

export const FIXTURE = fileURLToPath(new URL('../widgets/testing/ssr.fixture.html', import.meta.url));
/** The fake API's base (widgets/testing/fake-api.ts). */
export const API = 'https://api.example.test';

/** The embed snippet (with its fallback link) and the impact card, rendered with their data. */
export function renderFixture(): Promise<string> {
  return collectResult(
    render(
      html`<partner-powered-badge app-id=${APP_ID} api-base=${API} locale="en-US" .data=${badge}><a href=${`${API}/verify/apps/${APP_ID}`}>Partner-powered — verify</a></partner-powered-badge>
<ecosystem-impact-card locale="en-US" .data=${impact}></ecosystem-impact-card>`,
      { elementRenderers },
    ),
  );
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  writeFileSync(FIXTURE, `${await renderFixture()}\n`);
  console.log(`wrote ${FIXTURE}`);
}
