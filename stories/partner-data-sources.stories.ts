import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '../widgets/partner-data-sources/define.ts';
import { dataSources, emptyDataSources, notTechnicalPartner } from '../widgets/partner-data-sources/partner-data-sources.fixtures.ts';
import { json } from '../widgets/testing/fake-api.ts';
import { always, failing, pending, STORY_API, storySession, withApi } from './support.ts';

interface Args {
  locale: string;
  limit: number;
  signedIn: boolean;
  accent: string;
}

const meta: Meta<Args> = {
  title: 'Widgets/partner-data-sources',
  component: 'partner-data-sources',
  args: { locale: 'en-US', limit: 8, signedIn: true, accent: '' },
  argTypes: {
    locale: { control: 'select', options: ['en-US', 'en-GB', 'fr-FR', 'fr-CA'] },
    limit: { control: { type: 'number', min: 1, max: 20 } },
    signedIn: { control: 'boolean', description: 'Whether the host page set `fetchSession` (a developer embed session)' },
    accent: { control: 'color', description: '--ew-color-accent' },
  },
  render: ({ locale, limit, signedIn, accent }) =>
    html`<partner-data-sources api-base=${STORY_API} locale=${locale} limit=${limit} .fetchSession=${signedIn ? storySession : undefined} style=${accent ? `--ew-color-accent: ${accent}` : ''}></partner-data-sources>`,
};
export default meta;

type Story = StoryObj<Args>;

export const Data: Story = { beforeEach: withApi(always(dataSources)) };
export const French: Story = { args: { locale: 'fr-FR' }, beforeEach: withApi(always(dataSources)) };
export const NotATechnicalPartner: Story = { beforeEach: withApi(always(notTechnicalPartner)) };
export const ShortLimit: Story = { args: { limit: 3 }, beforeEach: withApi(always(dataSources)) };
export const Loading: Story = { beforeEach: withApi(pending) };
export const Empty: Story = { beforeEach: withApi(always(emptyDataSources)) };
export const Error: Story = { beforeEach: withApi(failing) };
export const SessionRejected: Story = {
  beforeEach: withApi(() => json({ error: { code: 'unauthorized', message: 'Unknown or revoked session' } }, 401)),
};
export const SignedOut: Story = { args: { signedIn: false }, beforeEach: withApi(always(dataSources)) };
export const Narrow: Story = {
  beforeEach: withApi(always(dataSources)),
  render: ({ locale, limit, signedIn }) =>
    html`<div style="width: 320px"><partner-data-sources api-base=${STORY_API} locale=${locale} limit=${limit} .fetchSession=${signedIn ? storySession : undefined}></partner-data-sources></div>`,
};
/** All eleven directories shown: the details table pages and searches them. */
export const LongTable: Story = { args: { limit: 20 }, beforeEach: withApi(always(dataSources)) };
/** The same on a phone: each directory is a card. */
export const LongTablePhone: Story = {
  args: { limit: 20 },
  beforeEach: withApi(always(dataSources)),
  render: ({ locale, limit, signedIn }) =>
    html`<div style="width: 390px"><partner-data-sources api-base=${STORY_API} locale=${locale} limit=${limit} .fetchSession=${signedIn ? storySession : undefined}></partner-data-sources></div>`,
};
