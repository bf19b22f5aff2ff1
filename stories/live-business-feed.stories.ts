import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '../widgets/live-business-feed/define.ts';
import { arrival, arrivals, emptyFeed, feed, newPlaceArrival } from '../widgets/live-business-feed/live-business-feed.fixtures.ts';
import { FakeEventSource } from '../widgets/testing/fake-api.ts';
import { always, failing, pending, STORY_API, withApi } from './support.ts';

interface Args {
  locale: string;
  newest: number;
  live: 'on' | 'off';
  accent: string;
}

/**
 * The stream is simulated too: a fake EventSource that, when `every` is set, sends a new business
 * at that interval, when `burst` is set, sends two fixed businesses once it is open, and when
 * `drop` is set, loses the connection right away.
 */
const withStream =
  ({ every, burst = false, drop = false }: { every?: number; burst?: boolean; drop?: boolean } = {}) =>
  () => {
    const restore = FakeEventSource.install();
    const served = new Set<FakeEventSource>();
    const burster = burst
      ? setInterval(() => {
          for (const s of FakeEventSource.instances.filter((s) => s.readyState === 1 && !served.has(s))) {
            served.add(s);
            for (const next of [arrival, newPlaceArrival]) s.emit('business', next, next.event_id);
          }
        }, 20)
      : undefined;
    const queue = arrivals(200, 8000);
    const timer = every
      ? setInterval(() => {
          const next = queue.shift();
          if (!next) return;
          for (const s of FakeEventSource.instances.filter((s) => !s.closed))
            s.emit('business', { ...next, entered_at: new Date().toISOString() }, next.event_id);
        }, every)
      : undefined;
    // The browser keeps a dropped stream in CONNECTING (0) while it reconnects.
    const dropper = drop
      ? setInterval(() => {
          for (const s of FakeEventSource.instances.filter((s) => s.readyState === 1)) {
            s.readyState = 0;
            s.fail();
          }
        }, 200)
      : undefined;
    return () => {
      clearInterval(timer);
      clearInterval(burster);
      clearInterval(dropper);
      restore();
    };
  };

const meta: Meta<Args> = {
  title: 'Widgets/live-business-feed',
  component: 'live-business-feed',
  args: { locale: 'en-US', newest: 10, live: 'on', accent: '' },
  argTypes: {
    locale: { control: 'select', options: ['en-US', 'en-GB', 'fr-FR', 'fr-CA'] },
    newest: { control: { type: 'number', min: 1, max: 50 } },
    live: { control: 'inline-radio', options: ['on', 'off'] },
    accent: { control: 'color', description: '--ew-color-accent' },
  },
  render: ({ locale, newest, live, accent }) =>
    html`<live-business-feed api-base=${STORY_API} locale=${locale} newest=${newest} live=${live} style=${accent ? `--ew-color-accent: ${accent}` : ''}></live-business-feed>`,
};
export default meta;

type Story = StoryObj<Args>;

export const Data: Story = { beforeEach: [withApi(always(feed)), withStream()] };
/** A business arrives every three seconds; pause to hold them back. */
export const Live: Story = { beforeEach: [withApi(always(feed)), withStream({ every: 3000 })] };
export const French: Story = { args: { locale: 'fr-FR' }, beforeEach: [withApi(always(feed)), withStream({ every: 3000 })] };
export const Reconnecting: Story = { beforeEach: [withApi(always(feed)), withStream({ drop: true })] };
/** Paused: two businesses have arrived and wait until the user resumes. */
export const Paused: Story = {
  beforeEach: [withApi(always(feed)), withStream({ burst: true })],
  render: ({ locale, newest }) => html`<live-business-feed api-base=${STORY_API} locale=${locale} newest=${newest} paused></live-business-feed>`,
};
export const LiveOff: Story = { args: { live: 'off' }, beforeEach: withApi(always(feed)) };
export const Loading: Story = { beforeEach: withApi(pending) };
/** Nothing in the pool yet, the stream open (the Live story shows businesses streaming in). */
export const Empty: Story = { beforeEach: [withApi(always(emptyFeed)), withStream()] };
export const Error: Story = { beforeEach: [withApi(failing), withStream()] };
export const Narrow: Story = {
  beforeEach: [withApi(always(feed)), withStream({ every: 3000 })],
  render: ({ locale }) => html`<div style="width: 320px"><live-business-feed api-base=${STORY_API} locale=${locale}></live-business-feed></div>`,
};
