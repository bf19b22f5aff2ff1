import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { buildStorybook, expectedStates, openStory, type StaticStorybook, storyTag } from './stories.ts';
import { launchBrowser, watchErrors } from './support.ts';

/**
 * The static Storybook renders every story: each element is defined, reaches the state its story
 * names, and the page logs no error (a build that drops the elements' define modules would show
 * blank stories and still "build successfully").
 */
describe('Storybook static build', () => {
  let storybook: StaticStorybook;
  let browser: Browser;

  before(async () => {
    [storybook, browser] = await Promise.all([buildStorybook(), launchBrowser()]);
  });
  after(async () => {
    await browser?.close();
    await storybook?.close();
  });

  it('renders every story of every element in the state it names', async () => {
    const { stories } = storybook;
    const tags = new Set(stories.map(storyTag));
    assert.equal(tags.size, 11, `stories for every element: ${[...tags].join(', ')}`);
    const page = await browser.newPage();
    const errors = watchErrors(page);
    for (const story of stories) {
      const state = await openStory(page, storybook.base, story);
      assert.ok(expectedStates(story.name).includes(state), `${story.id}: expected ${expectedStates(story.name).join('|')}, got ${state}`);
    }
    assert.deepEqual(errors, [], 'stories logged errors');
    await page.close();
  });

  it('draws a Docs page for every element: its description, its stories and its reference table', async () => {
    const { docs } = storybook;
    assert.equal(docs.length, 11, `docs pages: ${docs.map((d) => d.id).join(', ')}`);
    const page = await browser.newPage();
    const errors = watchErrors(page);
    for (const entry of docs) {
      const tag = storyTag(entry);
      await page.goto(`${storybook.base}/iframe.html?id=${entry.id}&viewMode=docs`);
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
