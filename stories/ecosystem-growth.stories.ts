import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '../widgets/ecosystem-growth/define.ts';
import { GROWTH_METRICS, type GrowthMetric } from '../widgets/ecosystem-growth/ecosystem-growth.api.ts';
import { emptyGrowth, fromZero, growth, oneMonth } from '../widgets/ecosystem-growth/ecosystem-growth.fixtures.ts';
import { always, failing, pending, STORY_API, withApi } from './support.ts';

interface Args {
  locale: string;
  months: number;
  metric: GrowthMetric;
  accent: string;
}

const meta: Meta<Args> = {
  title: 'Widgets/ecosystem-growth',
  component: 'ecosystem-growth',
  args: { locale: 'en-US', months: 12, metric: 'businesses', accent: '' },
  argTypes: {
    locale: { control: 'select', options: ['en-US', 'en-GB', 'fr-FR', 'fr-CA'] },
    months: { control: { type: 'number', min: 1, max: 60 } },
    metric: { control: 'select', options: [...GROWTH_METRICS] },
    accent: { control: 'color', description: '--ew-color-accent' },
  },
  render: ({ locale, months, metric, accent }) =>
    html`<ecosystem-growth api-base=${STORY_API} locale=${locale} months=${months} metric=${metric} style=${accent ? `--ew-color-accent: ${accent}` : ''}></ecosystem-growth>`,
};
export default meta;

type Story = StoryObj<Args>;

export const Data: Story = { beforeEach: withApi(always(growth)) };
export const French: Story = { args: { locale: 'fr-FR' }, beforeEach: withApi(always(growth)) };
export const RecordsServed: Story = { args: { metric: 'records_served' }, beforeEach: withApi(always(growth)) };
export const PartnerPoweredApps: Story = { args: { metric: 'partner_powered_apps', accent: '#7a3cc2' }, beforeEach: withApi(always(growth)) };
/** Growth in percent does not apply when the period starts at zero. */
export const FromZero: Story = { beforeEach: withApi(always(fromZero)) };
export const OneMonth: Story = { args: { months: 1 }, beforeEach: withApi(always(oneMonth)) };
export const Loading: Story = { beforeEach: withApi(pending) };
export const Empty: Story = { beforeEach: withApi(always(emptyGrowth)) };
export const Error: Story = { beforeEach: withApi(failing) };
export const Narrow: Story = {
  beforeEach: withApi(always(growth)),
  render: ({ locale, metric }) =>
    html`<div style="width: 320px"><ecosystem-growth api-base=${STORY_API} locale=${locale} metric=${metric}></ecosystem-growth></div>`,
};
