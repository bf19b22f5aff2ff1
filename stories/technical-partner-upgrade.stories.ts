import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '../widgets/technical-partner-upgrade/define.ts';
import {
  active,
  activePartner,
  developerImpact,
  issuedKey,
  notApplied,
  partnerLinkRequest,
  pending,
  suspended,
} from '../widgets/technical-partner-upgrade/technical-partner-upgrade.fixtures.ts';
import { json, routes } from '../widgets/testing/fake-api.ts';
import { failing, pending as never, STORY_API, storySession, withApi } from './support.ts';

interface Args {
  audience: 'developer' | 'partner';
  locale: string;
  accent: string;
  signedIn: boolean;
}

const STATUS = '/v1/developer/me/technical-partner';
const IMPACT = '/v1/partner/me/developer-impact';

/** The developer API, answering the status, the application and the key. */
const developerApi = (status: unknown) =>
  routes({
    [STATUS]: status,
    [`${STATUS}/apply`]: () => json(pending, 201),
    [`${STATUS}/key`]: () => json(issuedKey, 201),
  });

const meta: Meta<Args> = {
  title: 'Widgets/technical-partner-upgrade',
  component: 'technical-partner-upgrade',
  args: { audience: 'developer', locale: 'en-US', accent: '', signedIn: true },
  argTypes: {
    audience: { control: 'inline-radio', options: ['developer', 'partner'] },
    locale: { control: 'select', options: ['en-US', 'en-GB', 'fr-FR', 'fr-CA'] },
    accent: { control: 'color', description: '--ew-color-accent' },
    signedIn: { control: 'boolean', description: 'Whether the host page set `fetchSession` (an embed session)' },
  },
  render: ({ audience, locale, accent, signedIn }) =>
    html`<technical-partner-upgrade
      api-base=${STORY_API}
      audience=${audience}
      locale=${locale}
      .fetchSession=${signedIn ? storySession : undefined}
      style=${accent ? `--ew-color-accent: ${accent}` : ''}
    ></technical-partner-upgrade>`,
};
export default meta;

type Story = StoryObj<Args>;

/** Not applied yet: the form (submit it to see the pending status). */
export const Apply: Story = { beforeEach: withApi(developerApi(notApplied)) };
export const Pending: Story = { beforeEach: withApi(developerApi(pending)) };
/** Active: issue the preferential key, shown once. */
export const Active: Story = { beforeEach: withApi(developerApi(active)) };
export const Suspended: Story = { beforeEach: withApi(developerApi(suspended)) };
export const PartnerApply: Story = {
  args: { audience: 'partner' },
  beforeEach: withApi(routes({ [IMPACT]: developerImpact(null), '/v1/partner/me/technical-partner/apply': () => json(partnerLinkRequest, 202) })),
};
export const PartnerActive: Story = { args: { audience: 'partner' }, beforeEach: withApi(routes({ [IMPACT]: developerImpact(activePartner) })) };
/** The server refuses the application: its message appears next to the form. */
export const ApplyRefused: Story = {
  beforeEach: withApi(
    routes({
      [STATUS]: notApplied,
      [`${STATUS}/apply`]: () => json({ error: { code: 'validation_failed', message: 'app_url: must be an http(s) URL' } }, 400),
    }),
  ),
};
export const French: Story = { args: { locale: 'fr-FR' }, beforeEach: withApi(developerApi(active)) };
export const Loading: Story = { beforeEach: withApi(never) };
export const Error: Story = { beforeEach: withApi(failing) };
export const SignedOut: Story = { args: { signedIn: false } };
export const Narrow: Story = {
  beforeEach: withApi(developerApi(active)),
  render: ({ locale }) =>
    html`<div style="width: 320px"><technical-partner-upgrade api-base=${STORY_API} locale=${locale} .fetchSession=${storySession}></technical-partner-upgrade></div>`,
};
