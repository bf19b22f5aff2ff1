import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html, nothing } from 'lit';
import '../widgets/developer-ecosystem-tab/define.ts';
// the embed-code configurator previews the impact card live (its default choice)
import '../widgets/ecosystem-impact-card/define.ts';
import {
  developerImpact,
  emptyDeveloperImpact,
  manyAppsImpact,
  technicalPartnerImpact,
} from '../widgets/developer-ecosystem-tab/developer-ecosystem-tab.fixtures.ts';
import { impact } from '../widgets/ecosystem-impact-card/ecosystem-impact-card.fixtures.ts';
import { json, routes } from '../widgets/testing/fake-api.ts';
import { always, failing, noSession, pending, STORY_API, storySession, withApi } from './support.ts';

interface Args {
  locale: string;
  tab: string;
  widgetsBase: string;
  signedIn: boolean;
  accent: string;
}

const meta: Meta<Args> = {
  title: 'Widgets/developer-ecosystem-tab',
  component: 'developer-ecosystem-tab',
  args: { locale: 'en-US', tab: 'apps', widgetsBase: '', signedIn: true, accent: '' },
  argTypes: {
    locale: { control: 'select', options: ['en-US', 'en-GB', 'fr-FR', 'fr-CA'] },
    tab: { control: 'inline-radio', options: ['apps', 'earnings', 'embed'] },
    widgetsBase: { control: 'text', name: 'widgets-base', description: 'Where generated embed code loads scripts from (default: the API base)' },
    signedIn: { control: 'boolean', description: 'Whether the host page set `fetchSession` (a partner embed session)' },
    accent: { control: 'color', description: '--ew-color-accent' },
  },
  render: ({ locale, tab, widgetsBase, signedIn, accent }) =>
    html`<developer-ecosystem-tab api-base=${STORY_API} locale=${locale} tab=${tab} widgets-base=${widgetsBase || nothing} .fetchSession=${signedIn ? storySession : undefined}
      style=${accent ? `--ew-color-accent: ${accent}` : ''}></developer-ecosystem-tab>`,
};
export default meta;

type Story = StoryObj<Args>;

export const Data: Story = { beforeEach: withApi(always(developerImpact)) };
export const French: Story = { args: { locale: 'fr-FR' }, beforeEach: withApi(always(developerImpact)) };
export const Earnings: Story = { args: { tab: 'earnings' }, beforeEach: withApi(always(developerImpact)) };
export const TechnicalPartner: Story = { args: { tab: 'earnings' }, beforeEach: withApi(always(technicalPartnerImpact)) };
/** The developer impact and, for the configurator's live preview, the ecosystem impact. */
const withPreview = withApi(routes({ '/v1/partner/me/developer-impact': developerImpact, '/v1/public/ecosystem/impact': impact }));
export const EmbedCode: Story = { args: { tab: 'embed' }, beforeEach: withPreview };
export const EmbedFromCdn: Story = { args: { tab: 'embed', widgetsBase: 'https://cdn.example.test/ecosystem' }, beforeEach: withPreview };
export const Loading: Story = { beforeEach: withApi(pending) };
export const Empty: Story = { beforeEach: withApi(always(emptyDeveloperImpact)) };
export const Error: Story = { beforeEach: withApi(failing) };
export const SessionRejected: Story = {
  beforeEach: withApi(() => json({ error: { code: 'unauthorized', message: 'Unknown or revoked session' } }, 401)),
};
/** The host page's fetchSession fails (its own server gives no session). */
export const FetchSessionRejected: Story = {
  render: ({ locale }) => html`<developer-ecosystem-tab api-base=${STORY_API} locale=${locale} .fetchSession=${noSession}></developer-ecosystem-tab>`,
};
export const SignedOut: Story = { args: { signedIn: false }, beforeEach: withApi(always(developerImpact)) };
export const Narrow: Story = {
  beforeEach: withApi(always(developerImpact)),
  render: ({ locale, tab, signedIn }) =>
    html`<div style="width: 320px"><developer-ecosystem-tab api-base=${STORY_API} locale=${locale} tab=${tab} .fetchSession=${signedIn ? storySession : undefined}></developer-ecosystem-tab></div>`,
};
/** Fifty apps: the table pages ten at a time and searches them by name. */
export const ManyApps: Story = { beforeEach: withApi(always(manyAppsImpact)) };
/** Fifty apps on a phone: each app is a card. */
export const ManyAppsPhone: Story = {
  beforeEach: withApi(always(manyAppsImpact)),
  render: ({ locale, signedIn }) =>
    html`<div style="width: 390px"><developer-ecosystem-tab api-base=${STORY_API} locale=${locale} .fetchSession=${signedIn ? storySession : undefined}></developer-ecosystem-tab></div>`,
};
