import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { render } from '@lit-labs/ssr';
import { collectResult } from '@lit-labs/ssr/lib/render-result.js';
import { html } from 'lit';
import { type RollupOptions, rollup } from 'rollup';
import { API, FIXTURE, renderFixture } from '../scripts/ssr-fixture.ts';
import '../widgets/ecosystem-impact-card/define.ts';
import { emptyImpact, impact } from '../widgets/ecosystem-impact-card/ecosystem-impact-card.fixtures.ts';
import '../widgets/partner-powered-badge/define.ts';
import { APP_ID, badge } from '../widgets/partner-powered-badge/partner-powered-badge.fixtures.ts';
import { elementRenderers } from '../widgets/ssr.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const run = promisify(execFile);

/** Lit SSR's output for a template, as a string. */
const ssr = (template: unknown) => collectResult(render(template, { elementRenderers }));

/** The declarative shadow root of the first `<tag>` in the output: its markup and its visible text. */
function shadowOf(output: string, tag: string) {
  const match = new RegExp(`<${tag}([^>]*)><template shadowroot="open" shadowrootmode="open">([\\s\\S]*?)</template>`).exec(output);
  assert.ok(match, `no declarative shadow root for <${tag}> in ${output.slice(0, 300)}`);
  const markup = match[2]!;
  const text = markup
    .replace(/<style>[\s\S]*?<\/style>/g, '')
    .replace(/<!--[\s\S]*?-->|<\?>/g, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return { attributes: match[1]!, markup, text };
}

describe('widgets in Node', () => {
  const defines = readdirSync(join(ROOT, 'widgets'), { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && entry.name.includes('-'))
    .map((entry) => `widgets/${entry.name}/define.ts`);

  it('imports every element module, each in a fresh process with no DOM, without throwing', async () => {
    assert.ok(defines.length >= 9);
    for (const module of [...defines, 'widgets/index.ts']) {
      // each alone, so no module gets a registry or a shim another one installed
      const { stdout } = await run(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', `await import('./${module}'); console.log('loaded');`], {
        cwd: ROOT,
      });
      assert.equal(stdout.trim(), 'loaded', module);
    }
  });

  describe('the built package (dist/package)', () => {
    const out = mkdtempSync(join(tmpdir(), 'ew-package-'));
    after(() => rmSync(out, { recursive: true, force: true }));

    it('imports in plain Node, entry by entry, without throwing', async () => {
      const configs = ((await import('../rollup.config.mjs')) as { default: RollupOptions[] }).default;
      const pkg = configs.find((c) => !Array.isArray(c.output) && String(c.output?.dir ?? '').endsWith('package'));
      assert.ok(pkg, 'the package build in rollup.config.mjs');
      const bundle = await rollup({ ...pkg, onwarn: () => {} });
      const { output } = await bundle.write({ ...(pkg.output as object), dir: join(out, 'package'), sourcemap: false });
      await bundle.close();
      symlinkSync(join(ROOT, 'node_modules'), join(out, 'node_modules'), 'dir'); // lit, as an installing app has it
      const entries = output.filter((chunk) => chunk.type === 'chunk' && chunk.isEntry).map((chunk) => chunk.fileName);
      assert.ok(
        ['index.js', 'ssr.js', 'partner-powered-badge/define.js'].every((entry) => entries.includes(entry)),
        entries.join(),
      );
      for (const entry of entries) {
        const { stdout } = await run(process.execPath, ['--input-type=module', '-e', `await import('./package/${entry}'); console.log('loaded');`], {
          cwd: out,
        });
        assert.equal(stdout.trim(), 'loaded', entry);
      }
      // an app's server render through the package's own entries, as its README shows
      const script = `
        import { render } from '@lit-labs/ssr';
        import { collectResult } from '@lit-labs/ssr/lib/render-result.js';
        import { html } from 'lit';
        import './package/partner-powered-badge/define.js';
        import './package/ecosystem-impact-card/define.js';
        import { elementRenderers } from './package/ssr.js';
        const page = html\`<partner-powered-badge api-base="${API}" .data=\${${JSON.stringify(badge)}}></partner-powered-badge>
          <ecosystem-impact-card .data=\${${JSON.stringify(impact)}}></ecosystem-impact-card>\`;
        console.log(await collectResult(render(page, { elementRenderers })));`;
      const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script], { cwd: out });
      assert.ok(shadowOf(stdout, 'partner-powered-badge').text.includes('48,210 partner records served'), stdout.slice(0, 500));
      assert.ok(shadowOf(stdout, 'ecosystem-impact-card').text.includes('12,840'), stdout.slice(0, 500));
    });
  });
});

describe('Lit SSR', () => {
  it('renders the badge given its data as declarative shadow DOM: the app, since when, its figures and the verify link', async () => {
    const output = await ssr(
      html`<partner-powered-badge app-id=${APP_ID} api-base=${API} .data=${badge}><a href="${API}/verify/apps/${APP_ID}">Partner-powered — verify</a></partner-powered-badge>`,
    );
    const shadow = shadowOf(output, 'partner-powered-badge');
    assert.match(shadow.attributes, /state="data"/);
    assert.match(shadow.attributes, new RegExp(`app-id="${APP_ID}"`));
    assert.ok(shadow.markup.startsWith('<style>'), 'the styles travel with the markup');
    for (const text of [
      'Partner-Powered',
      'ShopLocal Finder',
      'Since Mar 14, 2025',
      '48,210 partner records served',
      'Contributing directories (3)',
      'Main Street Directory 55%',
    ]) {
      assert.ok(shadow.text.includes(text), `"${text}" in "${shadow.text}"`);
    }
    assert.ok(shadow.markup.includes(`<a href="${API}/verify/apps/${APP_ID}"`), 'links the verify page');
    assert.match(
      output,
      /<\/template>(<!--[^>]*-->)*<a href="[^"]+">Partner-powered — verify<\/a><\/partner-powered-badge>/,
      'the fallback link stays in the light DOM',
    );
  });

  it('renders the impact card given its data, without a locale, as English', async () => {
    const output = await ssr(html`<ecosystem-impact-card .data=${impact}></ecosystem-impact-card>`);
    const shadow = shadowOf(output, 'ecosystem-impact-card');
    assert.match(shadow.attributes, /state="data"/);
    for (const text of [
      'Ecosystem impact',
      'Partner-referred businesses 12.8K 12,840',
      'Apps powered by partner data 37',
      '$48.2M $48,213,977.35',
      'How value flows',
    ]) {
      assert.ok(shadow.text.includes(text), `"${text}" in "${shadow.text}"`);
    }
    const french = shadowOf(await ssr(html`<ecosystem-impact-card locale="fr-FR" .data=${impact}></ecosystem-impact-card>`), 'ecosystem-impact-card');
    assert.match(french.text, /Impact de l’écosystème|écosystème/i);
    const empty = shadowOf(await ssr(html`<ecosystem-impact-card .data=${emptyImpact}></ecosystem-impact-card>`), 'ecosystem-impact-card');
    assert.match(empty.attributes, /state="empty"/);
  });

  it('never fetches on the server: without data an element renders idle', async () => {
    const realFetch = globalThis.fetch;
    const asked: unknown[] = [];
    globalThis.fetch = (async (...args: unknown[]) => {
      asked.push(args);
      throw new Error('no network during a server render');
    }) as typeof fetch;
    try {
      const output = await ssr(
        html`<partner-powered-badge app-id=${APP_ID} api-base=${API}></partner-powered-badge><ecosystem-impact-card api-base=${API}></ecosystem-impact-card>`,
      );
      assert.match(shadowOf(output, 'partner-powered-badge').attributes, /state="idle"/);
      assert.match(shadowOf(output, 'ecosystem-impact-card').attributes, /state="idle"/);
      await new Promise((resolve) => setTimeout(resolve, 10));
      assert.deepEqual(asked, []);
    } finally {
      globalThis.fetch = realFetch;
    }
  });

  it('escapes hostile data in the server-rendered markup', async () => {
    const hostile = '<img src=x onerror=alert(1)>';
    const output = await ssr(html`<partner-powered-badge api-base=${API} .data=${{ ...badge, app: { ...badge.app, name: hostile } }}></partner-powered-badge>`);
    assert.ok(!output.includes(hostile));
    assert.ok(shadowOf(output, 'partner-powered-badge').markup.includes('&lt;img src=x onerror=alert(1)&gt;'));
  });

  it('matches the page the browser hydration test loads (widgets/testing/ssr.fixture.html)', async () => {
    assert.equal(readFileSync(FIXTURE, 'utf8'), `${await renderFixture()}\n`, 'stale: run `node --import tsx scripts/ssr-fixture.ts`');
  });
});
