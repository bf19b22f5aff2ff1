import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import pixelmatch from 'pixelmatch';
import type { Browser, Page } from 'playwright-core';
import { PNG } from 'pngjs';
import { buildStorybook, SHOT_STORIES, SHOTS_DIR, type StaticStorybook, shootElement, shotName, shotPage, shotStories, storyTag, VARIANTS } from './stories.ts';
import { launchBrowser } from './support.ts';

/** Where a failed comparison leaves the new picture, the baseline and their difference. */
const OUT = process.env.VISUAL_OUT ?? 'test-results/visual';
/**
 * pixelmatch's per-pixel colour distance (0–1), and the share of pixels allowed to differ. The
 * shots are byte-for-byte the same from run to run, so the tolerance only absorbs rendering
 * noise; at pixelmatch's usual 0.1 a dark-mode border turning from #364252 to #5a3652 changed
 * no pixel at all, at 0.05 it changes 1.3–2.3 % of them.
 */
const THRESHOLD = 0.05;
const MAX_DIFFERING = 0.005;

/** Compares a new screenshot with its baseline; a failure names what differs and where the pictures are. */
function compare(file: string, actual: Buffer): string | undefined {
  const baseline = join(SHOTS_DIR, file);
  if (!existsSync(baseline)) return `${file}: no baseline (npm run screenshots:elements)`;
  const expectedBytes = readFileSync(baseline);
  if (expectedBytes.equals(actual)) return undefined; // the usual case: the same pixels encode to the same bytes
  const expected = PNG.sync.read(expectedBytes);
  const got = PNG.sync.read(actual);
  const keep = (diff?: PNG) => {
    mkdirSync(OUT, { recursive: true });
    const stem = join(OUT, file.replace(/\.png$/, ''));
    writeFileSync(`${stem}.actual.png`, actual);
    writeFileSync(`${stem}.expected.png`, expectedBytes);
    if (diff) writeFileSync(`${stem}.diff.png`, PNG.sync.write(diff));
    return `${stem}.{actual,expected${diff ? ',diff' : ''}}.png`;
  };
  if (expected.width !== got.width || expected.height !== got.height)
    return `${file}: ${expected.width}×${expected.height} px in the baseline, ${got.width}×${got.height} px now (${keep()})`;
  const diff = new PNG({ width: got.width, height: got.height });
  const differing = pixelmatch(expected.data, got.data, diff.data, got.width, got.height, { threshold: THRESHOLD });
  const share = differing / (got.width * got.height);
  if (share <= MAX_DIFFERING) return undefined;
  return `${file}: ${differing} pixels (${(share * 100).toFixed(2)} %) differ (${keep(diff)})`;
}

/**
 * Every element's main states, at 1280 and 390 px, light and dark, look as in the committed
 * screenshots (docs/screenshots/elements/, taken by `npm run screenshots:elements` with the same
 * code): a change to an element's look fails here until the screenshots are retaken.
 */
describe('Visual regression of the element stories', { concurrency: 2 }, () => {
  let storybook: StaticStorybook;
  let browser: Browser;
  const pages: Page[] = [];

  before(async () => {
    [storybook, browser] = await Promise.all([buildStorybook(), launchBrowser()]);
    pages.push(...(await Promise.all([shotPage(browser), shotPage(browser)])));
  });
  after(async () => {
    await browser?.close();
    await storybook?.close();
  });

  it('has a baseline for every screenshot and none for a story no longer shot', () => {
    const wanted = shotStories(storybook.stories).flatMap((story) => VARIANTS.map((variant) => shotName(story, variant)));
    const present = readdirSync(SHOTS_DIR).filter((file) => file.endsWith('.png'));
    assert.deepEqual(
      present.filter((file) => !wanted.includes(file)),
      [],
      'baselines of stories no longer shot (npm run screenshots:elements removes them)',
    );
    assert.deepEqual(
      wanted.filter((file) => !present.includes(file)),
      [],
      'screenshots without a baseline (npm run screenshots:elements)',
    );
  });

  for (const tag of Object.keys(SHOT_STORIES)) {
    it(`${tag} looks as in its screenshots`, async () => {
      const stories = shotStories(storybook.stories).filter((story) => storyTag(story) === tag);
      const page = pages.pop()!; // two tests at a time, two pages
      const failures: string[] = [];
      try {
        await shootElement(page, storybook.base, stories, (story, variant, png) => {
          const failure = compare(shotName(story, variant), png);
          if (failure) failures.push(`${story.name} at ${variant.width} px, ${variant.scheme}: ${failure}`);
        });
      } finally {
        pages.push(page);
      }
      assert.ok(!failures.length, `${tag} differs from its screenshots (if the change is intended, run npm run screenshots:elements):\n${failures.join('\n')}`);
    });
  }
});
