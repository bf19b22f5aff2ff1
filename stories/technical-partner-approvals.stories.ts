import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '../widgets/technical-partner-approvals/define.ts';
import type { Application } from '../widgets/technical-partner-approvals/technical-partner-approvals.api.ts';
import { applications, noApplications, transitioned } from '../widgets/technical-partner-approvals/technical-partner-approvals.fixtures.ts';
import { type FakeRequest, json } from '../widgets/testing/fake-api.ts';
import { failing, pending, STORY_API, storySession, withApi } from './support.ts';

interface Args {
  status: '' | 'pending' | 'active' | 'suspended';
  locale: string;
  accent: string;
  signedIn: boolean;
}

/** The list, filtered as the API filters it; every action accepted, or every one refused with `refusal`. */
const api =
  (refusal?: Response) =>
  (request: FakeRequest): Response => {
    const status = request.url.searchParams.get('status');
    if (request.method === 'GET')
      return json({ ...applications, technical_partners: applications.technical_partners.filter((item) => !status || item.status === status) });
    if (refusal) return refusal.clone();
    const [, id, action] = /technical-partners\/([\w-]+)\/(\w+)$/.exec(request.url.pathname) ?? [];
    const item = applications.technical_partners.find((candidate) => candidate.id === id) as Application;
    return json(transitioned(item, action === 'suspend' ? 'suspended' : 'active'));
  };

const meta: Meta<Args> = {
  title: 'Widgets/technical-partner-approvals',
  component: 'technical-partner-approvals',
  args: { status: '', locale: 'en-US', accent: '', signedIn: true },
  argTypes: {
    status: { control: 'inline-radio', options: ['', 'pending', 'active', 'suspended'] },
    locale: { control: 'select', options: ['en-US', 'en-GB', 'fr-FR', 'fr-CA'] },
    accent: { control: 'color', description: '--ew-color-accent' },
    signedIn: { control: 'boolean', description: 'Whether the host page set `fetchSession` (an admin embed session with the technical_partners:review scope)' },
  },
  render: ({ status, locale, accent, signedIn }) =>
    html`<technical-partner-approvals
      api-base=${STORY_API}
      status=${status}
      locale=${locale}
      .fetchSession=${signedIn ? storySession : undefined}
      style=${accent ? `--ew-color-accent: ${accent}` : ''}
    ></technical-partner-approvals>`,
};
export default meta;

type Story = StoryObj<Args>;

/** Pending applications first; each action asks for confirmation, then updates its row. */
export const Queue: Story = { beforeEach: withApi(api()) };
export const PendingOnly: Story = { args: { status: 'pending' }, beforeEach: withApi(api()) };
export const French: Story = { args: { locale: 'fr-FR' }, beforeEach: withApi(api()) };
export const Loading: Story = { beforeEach: withApi(pending) };
export const Empty: Story = { args: { status: 'suspended' }, beforeEach: withApi(() => json(noApplications)) };
export const Error: Story = { beforeEach: withApi(failing) };
/** Every action is refused (another admin acted first): the row says why in the API's words. */
export const ActionRefused: Story = {
  beforeEach: withApi(
    api(json({ error: { code: 'invalid_transition', message: 'Cannot approve a technical partner that is active; only a pending one' } }, 409)),
  ),
};
export const SignedOut: Story = { args: { signedIn: false } };
export const Narrow: Story = {
  beforeEach: withApi(api()),
  render: ({ locale }) =>
    html`<div style="width: 320px"><technical-partner-approvals api-base=${STORY_API} locale=${locale} .fetchSession=${storySession}></technical-partner-approvals></div>`,
};
