import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '../widgets/earnings-balance/define.ts';
import type { Earnings } from '../widgets/earnings-balance/earnings-balance.api.ts';
import { clawback, earnings, newPartner, olderPayouts } from '../widgets/earnings-balance/earnings-balance.fixtures.ts';
import { type FakeRequest, json } from '../widgets/testing/fake-api.ts';
import { failing, pending, STORY_API, storySession, withApi } from './support.ts';

interface Args {
  audience: 'partner' | 'developer';
  locale: string;
  signedIn: boolean;
  accent: string;
}

/** The partner's or developer's API: the balances, and the history paged by cursor ("Load more" fetches the last page). */
const earningsApi =
  ({ balances, payouts }: Earnings) =>
  (request: FakeRequest) =>
    json(request.url.pathname.endsWith('/balances') ? balances : request.url.searchParams.get('cursor') ? olderPayouts : payouts);

const meta: Meta<Args> = {
  title: 'Widgets/earnings-balance',
  component: 'earnings-balance',
  args: { audience: 'partner', locale: 'en-US', signedIn: true, accent: '' },
  argTypes: {
    audience: { control: 'inline-radio', options: ['partner', 'developer'] },
    locale: { control: 'select', options: ['en-US', 'en-GB', 'fr-FR', 'fr-CA'] },
    signedIn: { control: 'boolean', description: 'Whether the host page set `fetchSession` (an embed session of the audience)' },
    accent: { control: 'color', description: '--ew-color-accent' },
  },
  render: ({ audience, locale, signedIn, accent }) =>
    html`<earnings-balance
      api-base=${STORY_API}
      audience=${audience}
      locale=${locale}
      .fetchSession=${signedIn ? storySession : undefined}
      style=${accent ? `--ew-color-accent: ${accent}` : ''}
    ></earnings-balance>`,
};
export default meta;

type Story = StoryObj<Args>;

/** Earnings in every state, the next payout over the minimum, and a history with more to load. */
export const Data: Story = { beforeEach: withApi(earningsApi(earnings)) };
export const Developer: Story = { args: { audience: 'developer' }, beforeEach: withApi(earningsApi(earnings)) };
export const French: Story = { args: { locale: 'fr-FR' }, beforeEach: withApi(earningsApi(earnings)) };
/** A refund after a payout: the approved balance is negative and will be deducted; the next payout is below the minimum. */
export const Clawback: Story = { beforeEach: withApi(earningsApi(clawback)) };
/** A new partner: a first earning in its hold period, below the minimum, no payout yet. */
export const Empty: Story = { beforeEach: withApi(earningsApi(newPartner)) };
export const Loading: Story = { beforeEach: withApi(pending) };
export const Error: Story = { beforeEach: withApi(failing) };
export const SignedOut: Story = { args: { signedIn: false }, beforeEach: withApi(earningsApi(earnings)) };
export const Narrow: Story = {
  beforeEach: withApi(earningsApi(earnings)),
  render: ({ audience, locale, signedIn }) =>
    html`<div style="width: 320px"><earnings-balance api-base=${STORY_API} audience=${audience} locale=${locale} .fetchSession=${signedIn ? storySession : undefined}></earnings-balance></div>`,
};
