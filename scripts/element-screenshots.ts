/**
 * `npm run screenshots:elements [tag-or-story,…]`: screenshots of every element's main states
 * (the stories SHOT_STORIES names in test/e2e/stories.ts) at 1280 and 390 px wide, light and
 * dark, into docs/screenshots/elements/ (`<tag>--<story>-<width>-<scheme>.png`). They are also
 * the baselines of the visual-regression test (test/e2e/visual-regression.test.ts): run this
 * after changing how an element looks, look at the pictures that changed, and commit them.
 * It builds the static Storybook (and dist/ when missing) and drives Debian's Chromium.
 */
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildStorybook, byElement, SHOTS_DIR, shootElement, shotName, shotPage, shotStories } from '../test/e2e/stories.ts';
import { launchBrowser } from '../test/e2e/support.ts';

const only = process.argv[2]?.split(',');
const started = performance.now();
const [storybook, browser] = await Promise.all([buildStorybook(), launchBrowser()]);
try {
  const chosen = shotStories(storybook.stories).filter((s) => !only || only.some((name) => s.id.replace(/^widgets-/, '').startsWith(name)));
  mkdirSync(SHOTS_DIR, { recursive: true });
  // two pages at a time (the machine's two cores), one browser; an element's stories on one page
  const queue = byElement(chosen).filter(([, stories]) => stories.length);
  const written = new Set<string>();
  const worker = async () => {
    const page = await shotPage(browser);
    for (let next = queue.shift(); next; next = queue.shift()) {
      await shootElement(page, storybook.base, next[1], (story, variant, png) => {
        writeFileSync(join(SHOTS_DIR, shotName(story, variant)), png);
        written.add(shotName(story, variant));
      });
      console.log(`${next[0]}: ${next[1].length} stories`);
    }
    await page.context().close();
  };
  await Promise.all([worker(), worker()]);
  // a full run that succeeded drops the pictures of stories no longer shot
  if (!only) for (const file of readdirSync(SHOTS_DIR)) if (file.endsWith('.png') && !written.has(file)) rmSync(join(SHOTS_DIR, file));
  console.log(`${written.size} screenshots in ${SHOTS_DIR} (${((performance.now() - started) / 1000).toFixed(1)} s)`);
} finally {
  await browser.close();
  await storybook.close();
}
