import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '../widgets/partner-data-sources/define.ts';
import { dataSources, emptyDataSources, notTechnicalPartner } from '../widgets/partner-data-sources/partner-data-sources.fixtures.ts';
import { json } from '../widgets/testing/fake-api.ts';
import { always, failing, pending, STORY_API, withApi } from './support.ts';

interface Args {
  locale: string;
  limit: number;
  token: string;
  accent: string;
}

const meta: Meta<Args> = {
  title: 'Widgets/partner-data-sources',
  component: 'partner-data-sources',
  args: { locale: 'en-US', limit: 8, token: 'dk_story_key', accent: '' },
  argTypes: {
    locale: { control: 'select', options: ['en-US', 'en-GB', 'fr-FR', 'fr-CA'] },
    limit: { control: { type: 'number', min: 1, max: 20 } },
    token: { control: 'text', description: 'The developer API key (the `token` property); empty shows the sign-in state' },
    accent: { control: 'color', description: '--ew-color-accent' },
  },
  render: ({ locale, limit, token, accent }) =>
    html`<partner-data-sources api-base=${STORY_API} locale=${locale} limit=${limit} .token=${token || undefined} style=${accent ? `--ew-color-accent: ${accent}` : ''}></partner-data-sources>`,
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
export const KeyRejected: Story = {
  beforeEach: withApi(() => json({ error: { code: 'unauthorized', message: 'Invalid API key' } }, 401)),
};
export const SignedOut: Story = { args: { token: '' }, beforeEach: withApi(always(dataSources)) };
export const Narrow: Story = {
  beforeEach: withApi(always(dataSources)),
  render: ({ locale, limit, token }) =>
    html`<div style="width: 320px"><partner-data-sources api-base=${STORY_API} locale=${locale} limit=${limit} .token=${token || undefined}></partner-data-sources></div>`,
};
