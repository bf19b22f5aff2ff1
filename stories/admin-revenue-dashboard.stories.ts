import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '../widgets/admin-revenue-dashboard/define.ts';
import { crossPollination, emptyDashboard, health, revenue } from '../widgets/admin-revenue-dashboard/admin-revenue-dashboard.fixtures.ts';
import { json, routes } from '../widgets/testing/fake-api.ts';
import { failing, pending, STORY_API, storySession, withApi } from './support.ts';

interface Args {
  panel: 'revenue' | 'cross-pollination' | 'health';
  months: number;
  locale: string;
  accent: string;
  signedIn: boolean;
}

const api = (answers: { revenue: unknown; cross: unknown; health: unknown }) =>
  routes({ '/v1/admin/revenue': answers.revenue, '/v1/admin/cross-pollination': answers.cross, '/v1/admin/health': answers.health });
const healthy = api({ revenue, cross: crossPollination, health });

const meta: Meta<Args> = {
  title: 'Widgets/admin-revenue-dashboard',
  component: 'admin-revenue-dashboard',
  args: { panel: 'revenue', months: 12, locale: 'en-US', accent: '', signedIn: true },
  argTypes: {
    panel: { control: 'inline-radio', options: ['revenue', 'cross-pollination', 'health', 'fraud'] },
    months: { control: { type: 'number', min: 1, max: 60 } },
    locale: { control: 'select', options: ['en-US', 'en-GB', 'fr-FR', 'fr-CA'] },
    accent: { control: 'color', description: '--ew-color-accent' },
    signedIn: { control: 'boolean', description: 'Whether the host page set `fetchSession` (an admin embed session)' },
  },
  render: ({ panel, months, locale, accent, signedIn }) =>
    html`<admin-revenue-dashboard
      api-base=${STORY_API}
      panel=${panel}
      months=${months}
      locale=${locale}
      .fetchSession=${signedIn ? storySession : undefined}
      style=${accent ? `--ew-color-accent: ${accent}` : ''}
    ></admin-revenue-dashboard>`,
};
export default meta;

type Story = StoryObj<Args>;

export const Revenue: Story = { beforeEach: withApi(healthy) };
export const CrossPollination: Story = { args: { panel: 'cross-pollination' }, beforeEach: withApi(healthy) };
export const Health: Story = { args: { panel: 'health' }, beforeEach: withApi(healthy) };
export const French: Story = { args: { locale: 'fr-FR' }, beforeEach: withApi(healthy) };
export const Loading: Story = { beforeEach: withApi(pending) };
export const Empty: Story = {
  beforeEach: withApi(api({ revenue: emptyDashboard.revenue, cross: emptyDashboard.crossPollination, health: emptyDashboard.health })),
};
export const Error: Story = { beforeEach: withApi(failing) };
/** One panel fails: the others still show, and one button retries the failed one. */
export const OnePanelFails: Story = {
  args: { panel: 'cross-pollination' },
  beforeEach: withApi(api({ revenue, cross: () => json({ error: { code: 'internal', message: 'Something went wrong' } }, 500), health })),
};
export const SignedOut: Story = { args: { signedIn: false } };
export const Narrow: Story = {
  beforeEach: withApi(healthy),
  render: ({ locale }) =>
    html`<div style="width: 320px"><admin-revenue-dashboard api-base=${STORY_API} locale=${locale} .fetchSession=${storySession}></admin-revenue-dashboard></div>`,
};
