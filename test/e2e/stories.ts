import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import express from 'express';
import type { Browser, Page } from 'playwright-core';
import { listen } from '../helpers/server.ts';

export interface StoryEntry {
  id: string;
  name: string;
  title: string;
}

export interface StaticStorybook {
  base: string;
  stories: StoryEntry[];
  docs: StoryEntry[];
  close(): Promise<void>;
}

/**
 * Builds the static Storybook into a temporary folder and serves it on a free port. The stories
 * read the custom-elements manifest from dist/ (`npm run build`); it is built first when missing.
 */
export async function buildStorybook(): Promise<StaticStorybook> {
  if (!existsSync('dist/package/custom-elements.json')) execFileSync('npm', ['run', 'build', '--silent'], { stdio: 'ignore' });
  const dir = mkdtempSync(join(tmpdir(), 'ew-storybook-'));
  execFileSync(join('node_modules', '.bin', 'storybook'), ['build', '-o', dir, '--quiet'], {
    env: { ...process.env, STORYBOOK_DISABLE_TELEMETRY: '1' },
    stdio: 'ignore',
  });
  const index = JSON.parse(readFileSync(join(dir, 'index.json'), 'utf8')) as { entries: Record<string, StoryEntry & { type: string }> };
  const entries = Object.values(index.entries);
  const app = express();
  app.use(express.static(dir));
  app.get('/favicon.ico', (_req, res) => void res.status(204).end()); // the browser asks on its own
  const server = await listen(app);
  return {
    base: server.base,
    stories: entries.filter((entry) => entry.type === 'story'),
    docs: entries.filter((entry) => entry.type === 'docs'),
    async close() {
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The element a story shows: the last part of its title (`Widgets/<tag>`). */
export const storyTag = (story: Pick<StoryEntry, 'title'>): string => story.title.split('/').pop()!;

/** The states a story's name promises; stories of partial failures may show either. */
export const expectedStates = (name: string): string[] =>
  /^Loading$/.test(name)
    ? ['loading']
    : /^Error$|Rejected|Unknown/.test(name)
      ? ['error']
      : /^Signed ?Out$|Without App/.test(name)
        ? ['idle']
        : /Fails/.test(name)
          ? ['data', 'empty', 'error']
          : ['data', 'empty'];

/**
 * Opens a story and waits until its element is defined, has drawn something and shows a state
 * the story's name promises. Returns that state, or "not reached (…)".
 * `inPlace`: a page already showing a story of this Storybook switches to the next one through
 * Storybook's own channel, without loading the preview again (about ten times faster).
 */
export async function openStory(page: Page, base: string, story: StoryEntry, inPlace = false): Promise<string> {
  const tag = storyTag(story);
  if (inPlace && page.url().startsWith(`${base}/iframe.html`)) await page.evaluate(`(${SWITCH_STORY})(${JSON.stringify(story.id)})`);
  else await page.goto(`${base}/iframe.html?id=${story.id}&viewMode=story`);
  return page
    .waitForFunction(
      ({ tag, states }) => {
        const element = document.querySelector(tag);
        const now = element?.getAttribute('state');
        return customElements.get(tag) && element?.shadowRoot?.textContent?.trim() && now && states.includes(now) ? now : false;
      },
      { tag, states: expectedStates(story.name) },
      { timeout: 10_000 },
    )
    .then((handle) => handle.jsonValue() as Promise<string>)
    .catch(async () => `not reached (${await page.evaluate((t) => document.querySelector(t)?.getAttribute('state') ?? 'no element', tag)})`);
}

/**
 * Asks the preview for another story and resolves once Storybook has rendered it. The previous
 * story's element is removed first: otherwise Lit would update it in place, keeping its state.
 * Source text: tsx would wrap functions in a helper the page does not have.
 */
const SWITCH_STORY = `(storyId) => new Promise((resolve, reject) => {
  const channel = window.__STORYBOOK_ADDONS_CHANNEL__;
  const timer = setTimeout(() => reject(new Error('story ' + storyId + ' did not render')), 10000);
  const rendered = (id) => {
    if (id !== storyId) return;
    clearTimeout(timer);
    channel.off('storyRendered', rendered);
    resolve();
  };
  channel.on('storyRendered', rendered);
  document.getElementById('root-inner')?.remove();
  channel.emit('setCurrentStory', { storyId, viewMode: 'story' });
})`;

// ---------------------------------------------------------------------------------------------
// Element screenshots: the states worth a picture, at two widths and in both colour schemes.

/** Per element, the stories (ids after `--`) shot for docs/screenshots/elements/ and compared by the visual test. */
export const SHOT_STORIES: Record<string, string[]> = {
  'admin-revenue-dashboard': ['revenue', 'cross-pollination', 'health', 'loading', 'empty', 'error', 'one-panel-fails'],
  'developer-ecosystem-tab': ['data', 'earnings', 'embed-code', 'loading', 'empty', 'error', 'signed-out'],
  'earnings-balance': ['data', 'clawback', 'loading', 'empty', 'error'],
  'ecosystem-growth': ['data', 'from-zero', 'loading', 'empty', 'error'],
  'ecosystem-impact-card': ['data', 'loading', 'empty', 'error'],
  'live-business-feed': ['data', 'paused', 'reconnecting', 'live-off', 'loading', 'empty', 'error'],
  'partner-data-sources': ['data', 'not-a-technical-partner', 'loading', 'empty', 'error'],
  'partner-powered-badge': ['data', 'not-partner-powered-yet', 'loading', 'error', 'unknown-app'],
  'partner-powered-showcase': ['data', 'filtered-by-product', 'no-match', 'loading', 'empty', 'error'],
  'technical-partner-approvals': ['queue', 'loading', 'empty', 'error', 'signed-out'],
  'technical-partner-upgrade': ['apply', 'pending', 'active', 'suspended', 'partner-active', 'loading', 'error'],
};

export const SHOTS_DIR = 'docs/screenshots/elements';

export const VARIANTS = [
  { width: 1280, height: 800, scheme: 'light' },
  { width: 1280, height: 800, scheme: 'dark' },
  { width: 390, height: 844, scheme: 'light' },
  { width: 390, height: 844, scheme: 'dark' },
] as const;
export type Variant = (typeof VARIANTS)[number];

/** `<tag>--<story>-<width>-<scheme>.png` */
export const shotName = (story: StoryEntry, variant: Variant): string => `${story.id.replace(/^widgets-/, '')}-${variant.width}-${variant.scheme}.png`;

/** The stories SHOT_STORIES names, in its order; throws on a name the build does not have. */
export function shotStories(stories: StoryEntry[]): StoryEntry[] {
  return Object.entries(SHOT_STORIES).flatMap(([tag, names]) =>
    names.map((name) => {
      const story = stories.find((s) => s.id === `widgets-${tag}--${name}`);
      if (!story) throw new Error(`no story widgets-${tag}--${name} in the Storybook build`);
      return story;
    }),
  );
}

/**
 * A page for screenshots: fixed locale and time zone (dates print as in the baselines), no
 * motion (the loading ring stands still, arrivals do not flash), pixel ratio 1.
 */
export async function shotPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({
    viewport: { width: VARIANTS[0].width, height: VARIANTS[0].height },
    deviceScaleFactor: 1,
    locale: 'en-US',
    timezoneId: 'UTC',
    reducedMotion: 'reduce',
    colorScheme: 'light',
  });
  return context.newPage();
}

/**
 * Waits until the element has settled: fonts loaded, no element nested in it still loading, and
 * two readings of everything it draws (through nested shadow roots) and of its size agree, two
 * frames and 50 ms apart. Returns its
 * box on the page, or null if it kept changing.
 */
const SETTLE = `async (tag) => {
  await document.fonts.ready;
  const serialize = (node) =>
    [...node.children].map((child) => '<' + child.localName + ' ' + [...child.attributes].map((a) => a.name + '=' + a.value).join(' ') +
      (child.shadowRoot ? serialize(child.shadowRoot) : '') + '>' + serialize(child)).join('') +
    (node.children.length ? '' : (node.textContent ?? ''));
  // a nested element still loading (an embed preview, say) is not settled, however still it looks
  const nestedLoading = (root) =>
    [...root.querySelectorAll('*')].some((child) => (child.shadowRoot && (child.getAttribute('state') === 'loading' || nestedLoading(child.shadowRoot))));
  const reading = () => {
    const element = document.querySelector(tag);
    const box = element.getBoundingClientRect();
    if (nestedLoading(element.shadowRoot)) return Math.random();
    return box.width + 'x' + box.height + ':' + serialize(element.shadowRoot);
  };
  const frame = () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(resolve, 50))));
  let last = reading();
  for (let i = 0; i < 100; i++) {
    await frame();
    const now = reading();
    if (now === last) {
      // whole pixels around the box, as locator.screenshot() takes
      const box = document.querySelector(tag).getBoundingClientRect();
      const x = Math.floor(box.left + scrollX), y = Math.floor(box.top + scrollY);
      return { x, y, width: Math.ceil(box.right + scrollX) - x, height: Math.ceil(box.bottom + scrollY) - y };
    }
    last = now;
  }
  return null;
}`;

/** The page's background and text follow the colour scheme, as a host page's would. */
const BACKGROUND = `document.querySelector('style#shot-background') ||
  document.head.insertAdjacentHTML('beforeend', '<style id="shot-background">html { color-scheme: light dark; background: Canvas; color: CanvasText }</style>')`;

/**
 * Shoots one element's stories, each in every variant: the first story is loaded, the others
 * replace it in place, always in the same order (a story may leave state behind in the page's
 * modules, such as a cached session, so the order is part of what the picture shows). Per story,
 * the viewport is resized and the colour scheme switched in place, and the element (its bounding
 * box) is shot.
 */
export async function shootElement(
  page: Page,
  base: string,
  stories: StoryEntry[],
  take: (story: StoryEntry, variant: Variant, png: Buffer) => void | Promise<void>,
): Promise<void> {
  await page.goto('about:blank');
  for (const story of stories) {
    const tag = storyTag(story);
    await page.emulateMedia({ colorScheme: VARIANTS[0].scheme });
    await page.setViewportSize({ width: VARIANTS[0].width, height: VARIANTS[0].height });
    const state = await openStory(page, base, story, true);
    if (!expectedStates(story.name).includes(state)) throw new Error(`${story.id}: expected ${expectedStates(story.name).join('|')}, got ${state}`);
    await page.evaluate(BACKGROUND);
    for (const variant of VARIANTS) {
      await page.setViewportSize({ width: variant.width, height: variant.height });
      await page.emulateMedia({ colorScheme: variant.scheme });
      const settle = async () => {
        const clip = await page.evaluate<{ x: number; y: number; width: number; height: number } | null>(`(${SETTLE})(${JSON.stringify(tag)})`);
        if (!clip) throw new Error(`${story.id}: ${tag} kept changing`);
        return clip;
      };
      // A part that arrives later than the settling readings (an on-demand module, a nested
      // element's answer) would be shot half-drawn: the shot counts once the element still has
      // the same box after it, else it is taken again.
      let clip = await settle();
      for (let attempt = 1; ; attempt++) {
        // the box clipped from a full-page shot: what locator.screenshot() takes, at half its cost
        const png = await page.screenshot({ clip, fullPage: true, animations: 'disabled', caret: 'hide' });
        const after = await settle();
        if (JSON.stringify(after) === JSON.stringify(clip)) {
          await take(story, variant, png);
          break;
        }
        if (attempt === 5) throw new Error(`${story.id}: ${tag} kept changing size after its shot`);
        clip = after;
      }
    }
  }
}

/** SHOT_STORIES's stories grouped by element, in its order. */
export const byElement = (stories: StoryEntry[]): [string, StoryEntry[]][] =>
  Object.keys(SHOT_STORIES).map((tag) => [tag, stories.filter((story) => storyTag(story) === tag)]);
