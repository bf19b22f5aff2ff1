import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html, nothing } from 'lit';
import '../widgets/developer-ecosystem-tab/define.ts';
import { developerImpact, emptyDeveloperImpact, technicalPartnerImpact } from '../widgets/developer-ecosystem-tab/developer-ecosystem-tab.fixtures.ts';
import { json } from '../widgets/testing/fake-api.ts';
import { always, failing, pending, STORY_API, withApi } from './support.ts';

interface Args {
  locale: string;
  tab: string;
  widgetsBase: string;
  token: string;
  accent: string;
}

const meta: Meta<Args> = {
  title: 'Widgets/developer-ecosystem-tab',
  component: 'developer-ecosystem-tab',
  args: { locale: 'en-US', tab: 'apps', widgetsBase: '', token: 'pt_story_token', accent: '' },
  argTypes: {
    locale: { control: 'select', options: ['en-US', 'en-GB', 'fr-FR', 'fr-CA'] },
    tab: { control: 'inline-radio', options: ['apps', 'earnings', 'embed'] },
    widgetsBase: { control: 'text', name: 'widgets-base', description: 'Where generated embed code loads scripts from (default: the API base)' },
    token: { control: 'text', description: 'The partner token (the `token` property); empty shows the sign-in state' },
    accent: { control: 'color', description: '--ew-color-accent' },
  },
  render: ({ locale, tab, widgetsBase, token, accent }) =>
    html`<developer-ecosystem-tab api-base=${STORY_API} locale=${locale} tab=${tab} widgets-base=${widgetsBase || nothing} .token=${token || undefined}
      style=${accent ? `--ew-color-accent: ${accent}` : ''}></developer-ecosystem-tab>`,
};
export default meta;

type Story = StoryObj<Args>;

export const Data: Story = { beforeEach: withApi(always(developerImpact)) };
export const French: Story = { args: { locale: 'fr-FR' }, beforeEach: withApi(always(developerImpact)) };
export const Earnings: Story = { args: { tab: 'earnings' }, beforeEach: withApi(always(developerImpact)) };
export const TechnicalPartner: Story = { args: { tab: 'earnings' }, beforeEach: withApi(always(technicalPartnerImpact)) };
export const EmbedCode: Story = { args: { tab: 'embed' }, beforeEach: withApi(always(developerImpact)) };
export const EmbedFromCdn: Story = { args: { tab: 'embed', widgetsBase: 'https://cdn.example.test/ecosystem' }, beforeEach: withApi(always(developerImpact)) };
export const Loading: Story = { beforeEach: withApi(pending) };
export const Empty: Story = { beforeEach: withApi(always(emptyDeveloperImpact)) };
export const Error: Story = { beforeEach: withApi(failing) };
export const TokenRejected: Story = {
  beforeEach: withApi(() => json({ error: { code: 'unauthorized', message: 'Invalid partner token' } }, 401)),
};
export const SignedOut: Story = { args: { token: '' }, beforeEach: withApi(always(developerImpact)) };
export const Narrow: Story = {
  beforeEach: withApi(always(developerImpact)),
  render: ({ locale, tab, token }) =>
    html`<div style="width: 320px"><developer-ecosystem-tab api-base=${STORY_API} locale=${locale} tab=${tab} .token=${token || undefined}></developer-ecosystem-tab></div>`,
};
