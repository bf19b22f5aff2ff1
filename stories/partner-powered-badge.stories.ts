import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '../widgets/partner-powered-badge/define.ts';
import { APP_ID, badge, badgeWithoutUrl, notPoweredBadge } from '../widgets/partner-powered-badge/partner-powered-badge.fixtures.ts';
import { json } from '../widgets/testing/fake-api.ts';
import { always, failing, pending, STORY_API, withApi } from './support.ts';

interface Args {
  appId: string;
  locale: string;
  accent: string;
}

const meta: Meta<Args> = {
  title: 'Widgets/partner-powered-badge',
  component: 'partner-powered-badge',
  args: { appId: APP_ID, locale: 'en-US', accent: '' },
  argTypes: {
    appId: { control: 'text', name: 'app-id' },
    locale: { control: 'select', options: ['en-US', 'en-GB', 'fr-FR', 'fr-CA'] },
    accent: { control: 'color', description: '--ew-color-accent' },
  },
  render: ({ appId, locale, accent }) =>
    html`<partner-powered-badge api-base=${STORY_API} app-id=${appId} locale=${locale} style=${accent ? `--ew-color-accent: ${accent}` : ''}></partner-powered-badge>`,
};
export default meta;

type Story = StoryObj<Args>;

export const Data: Story = { beforeEach: withApi(always(badge)) };
export const French: Story = { args: { locale: 'fr-FR' }, beforeEach: withApi(always(badge)) };
export const Loading: Story = { beforeEach: withApi(pending) };
export const NotPartnerPoweredYet: Story = { beforeEach: withApi(always(notPoweredBadge)) };
export const Error: Story = { beforeEach: withApi(failing) };
export const UnknownApp: Story = { beforeEach: withApi(() => json({ error: { code: 'not_found', message: 'App not found' } }, 404)) };
export const WithoutWebsite: Story = { beforeEach: withApi(always(badgeWithoutUrl)) };
export const WithoutAppId: Story = { args: { appId: '' }, beforeEach: withApi(always(badge)) };
export const Narrow: Story = {
  beforeEach: withApi(always(badge)),
  render: ({ appId, locale }) =>
    html`<div style="width: 320px"><partner-powered-badge api-base=${STORY_API} app-id=${appId} locale=${locale}></partner-powered-badge></div>`,
};
export const Themed: Story = {
  beforeEach: withApi(always(badge)),
  render: ({ appId, locale }) =>
    html`<partner-powered-badge
      api-base=${STORY_API}
      app-id=${appId}
      locale=${locale}
      style="--ew-color-accent: #0f766e; --ew-radius: 999px; --ew-space: 12px; --ew-font-family: Georgia, serif"
    ></partner-powered-badge>`,
};
