import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import express from 'express';
import type { Browser } from 'playwright-core';
import { listen } from '../helpers/server.ts';
import { launchBrowser, watchErrors } from './support.ts';

/**
 * The static Storybook renders every story: each element is defined, reaches the state its story
 * names, and the page logs no error (a build that drops the elements' define modules would show
 * blank stories and still "build successfully").
 */
describe('Storybook static build', () => {
  let dir: string;
  let browser: Browser;
  let server: Awaited<ReturnType<typeof listen>>;
  let stories: { id: string; name: string; title: string }[];
  let docs: { id: string; title: string }[];

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ew-storybook-'));
    execFileSync(join('node_modules', '.bin', 'storybook'), ['build', '-o', dir, '--quiet'], {
      env: { ...process.env, STORYBOOK_DISABLE_TELEMETRY: '1' },
      stdio: 'ignore',
    });
    const index = JSON.parse(readFileSync(join(dir, 'index.json'), 'utf8')) as {
      entries: Record<string, { type: string; id: string; name: string; title: string }>;
    };
    stories = Object.values(index.entries).filter((entry) => entry.type === 'story');
    docs = Object.values(index.entries).filter((entry) => entry.type === 'docs');
    const app = express();
    app.use(express.static(dir));
    app.get('/favicon.ico', (_req, res) => void res.status(204).end()); // the browser asks on its own
    [server, browser] = await Promise.all([listen(app), launchBrowser()]);
  });
  after(async () => {
    await browser?.close();
    await server?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('renders every story of every element in the state it names', async () => {
    const tags = new Set(stories.map((s) => s.title.split('/').pop()));
    assert.equal(tags.size, 10, `stories for every element: ${[...tags].join(', ')}`);
    // The state a story's name promises; stories of partial failures may show either.
    const expected = (name: string): string[] =>
      /^Loading$/.test(name)
        ? ['loading']
        : /^Error$|Rejected|Unknown/.test(name)
          ? ['error']
          : /^Signed ?Out$|Without App/.test(name)
            ? ['idle']
            : /Fails/.test(name)
              ? ['data', 'empty', 'error']
              : ['data', 'empty'];
    const page = await browser.newPage();
    const errors = watchErrors(page);
    for (const story of stories) {
      const tag = story.title.split('/').pop()!;
      await page.goto(`${server.base}/iframe.html?id=${story.id}&viewMode=story`);
      const state = await page
        .waitForFunction(
          ({ tag, states }) => {
            const element = document.querySelector(tag);
            const now = element?.getAttribute('state');
            return customElements.get(tag) && element?.shadowRoot?.textContent?.trim() && now && states.includes(now) ? now : false;
          },
          { tag, states: expected(story.name) },
          { timeout: 10_000 },
        )
        .then((handle) => handle.jsonValue())
        .catch(async () => `not reached (${await page.evaluate((t) => document.querySelector(t)?.getAttribute('state') ?? 'no element', tag)})`);
      assert.ok(expected(story.name).includes(String(state)), `${story.id}: expected ${expected(story.name).join('|')}, got ${state}`);
    }
    assert.deepEqual(errors, [], 'stories logged errors');
    await page.close();
  });

  it('draws a Docs page for every element: its description, its stories and its reference table', async () => {
    assert.equal(docs.length, 10, `docs pages: ${docs.map((d) => d.id).join(', ')}`);
    const page = await browser.newPage();
    const errors = watchErrors(page);
    for (const entry of docs) {
      const tag = entry.title.split('/').pop()!;
      await page.goto(`${server.base}/iframe.html?id=${entry.id}&viewMode=docs`);
      const drawn = await page
        .waitForFunction(
          (tag) => {
            const root = document.querySelector('#storybook-docs');
            return !!root?.querySelector('h1')?.textContent?.includes(tag) && !!root.querySelector('.docblock-argstable') && !!root.querySelector('iframe');
          },
          tag,
          { timeout: 15_000 },
        )
        .then(() => true)
        .catch(() => false);
      assert.ok(drawn, `${entry.id}: the docs page stayed blank`);
    }
    assert.deepEqual(errors, [], 'docs pages logged errors');
    await page.close();
  });
});
