import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '../widgets/ecosystem-impact-card/define.ts';
import { directoryImpact, emptyImpact, impact } from '../widgets/ecosystem-impact-card/ecosystem-impact-card.fixtures.ts';
import { always, failing, pending, STORY_API, withApi } from './support.ts';

interface Args {
  locale: string;
  accent: string;
}

const meta: Meta<Args> = {
  title: 'Widgets/ecosystem-impact-card',
  component: 'ecosystem-impact-card',
  args: { locale: 'en-US', accent: '' },
  argTypes: {
    locale: { control: 'select', options: ['en-US', 'en-GB', 'fr-FR', 'fr-CA'] },
    accent: { control: 'color', description: '--ew-color-accent' },
  },
  render: ({ locale, accent }) =>
    html`<ecosystem-impact-card api-base=${STORY_API} locale=${locale} style=${accent ? `--ew-color-accent: ${accent}` : ''}></ecosystem-impact-card>`,
};
export default meta;

type Story = StoryObj<Args>;

export const Data: Story = { beforeEach: withApi(always(impact)) };
export const French: Story = { args: { locale: 'fr-FR' }, beforeEach: withApi(always(impact)) };
export const Loading: Story = { beforeEach: withApi(pending) };
export const Empty: Story = { beforeEach: withApi(always(emptyImpact)) };
export const Error: Story = { beforeEach: withApi(failing) };
export const Narrow: Story = {
  beforeEach: withApi(always(impact)),
  render: ({ locale }) => html`<div style="width: 320px"><ecosystem-impact-card api-base=${STORY_API} locale=${locale}></ecosystem-impact-card></div>`,
};
/** A directory's figures: some under 1,000 (shown whole), some compact; the value flow in one column. */
export const DirectoryPhone: Story = {
  beforeEach: withApi(always(directoryImpact)),
  render: ({ locale }) => html`<div style="width: 390px"><ecosystem-impact-card api-base=${STORY_API} locale=${locale}></ecosystem-impact-card></div>`,
};
