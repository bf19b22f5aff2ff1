import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { gzipSync } from 'node:zlib';
import { KNOWN_OVERRUNS, pageFiles, pageSizes, verdict } from '../scripts/bundle-sizes.ts';

/** The per-page budgets count every file a page loads, each chunk once, as the build writes them. */
describe('page sizes of the embed build', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ew-sizes-'));
  after(() => rmSync(dir, { recursive: true, force: true }));
  mkdirSync(join(dir, 'chunks'));
  const files: Record<string, string> = {
    'chunks/runtime-AAAAAAAA.js': 'export const a=1;',
    // a chunk importing another, as rollup writes it (no space, double quotes)
    'chunks/elements-BBBBBBBB.js': 'import{a}from"./runtime-AAAAAAAA.js";export const b=a;',
    'partner-powered-badge.js': 'import{a as x}from"./chunks/runtime-AAAAAAAA.js";customElements.define("partner-powered-badge",class extends HTMLElement{});',
    'ecosystem-impact-card.js': `import{a}from"./chunks/runtime-AAAAAAAA.js";import{b}from"./chunks/elements-BBBBBBBB.js";const s=",details:";`,
    'live-business-feed.js': 'import"./chunks/runtime-AAAAAAAA.js";import{b}from"./chunks/elements-BBBBBBBB.js";',
    'ecosystem-widgets.js': 'export*from"./partner-powered-badge.js";',
  };
  for (const [file, text] of Object.entries(files)) writeFileSync(join(dir, file), text);
  const gzip = (file: string) => gzipSync(Buffer.from(files[file]!), { level: 9 }).length;

  it('follows imports through chunks and counts each file once per page', () => {
    assert.deepEqual(pageFiles(['partner-powered-badge.js'], dir), ['chunks/runtime-AAAAAAAA.js', 'partner-powered-badge.js']);
    assert.deepEqual(pageFiles(['partner-powered-badge.js', 'ecosystem-impact-card.js', 'live-business-feed.js'], dir), [
      'chunks/elements-BBBBBBBB.js',
      'chunks/runtime-AAAAAAAA.js',
      'ecosystem-impact-card.js',
      'live-business-feed.js',
      'partner-powered-badge.js',
    ]);
  });

  it('budgets the badge alone, the three public widgets together and every other widget alone', () => {
    const pages = pageSizes(dir);
    assert.deepEqual(
      pages.map((page) => [page.page, page.budget]),
      [
        ['partner-powered-badge alone', 8 * 1024],
        ['badge + impact card + live feed', 20 * 1024],
        ['ecosystem-impact-card alone', 15 * 1024],
        ['live-business-feed alone', 15 * 1024],
      ],
    );
    const trio = pages[1]!;
    assert.equal(
      trio.gzip,
      trio.files.map(gzip).reduce((a, b) => a + b, 0),
    );
    assert.equal(pages[0]!.gzip, gzip('chunks/runtime-AAAAAAAA.js') + gzip('partner-powered-badge.js'));
  });

  it('fails a page over its budget unless it is a known overrun within its ceiling', () => {
    const page = { page: 'x alone', entries: [], files: [], budget: 100 };
    assert.equal(verdict({ ...page, gzip: 100 }), 'within budget');
    assert.equal(verdict({ ...page, gzip: 101 }), 'FAILS');
    assert.equal(verdict({ ...page, gzip: 101, ceiling: 110 }), 'over budget (known, at most its ceiling)');
    assert.equal(verdict({ ...page, gzip: 111, ceiling: 110 }), 'FAILS');
    // a ceiling is a stop-gap over a budget, never a budget of its own
    for (const [name, ceiling] of Object.entries(KNOWN_OVERRUNS)) {
      const budget = name === 'partner-powered-badge alone' ? 8 * 1024 : 15 * 1024;
      assert.ok(ceiling > budget && ceiling < budget * 1.15, `${name}: ceiling ${ceiling}`);
    }
  });
});
