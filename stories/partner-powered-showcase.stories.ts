import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '../widgets/partner-powered-showcase/define.ts';
import type { Showcase } from '../widgets/partner-powered-showcase/partner-powered-showcase.api.ts';
import { allApps, emptyShowcase, lastPage, showcase } from '../widgets/partner-powered-showcase/partner-powered-showcase.fixtures.ts';
import { type Handler, json } from '../widgets/testing/fake-api.ts';
import { always, failing, pending, STORY_API, withApi } from './support.ts';

interface Args {
  locale: string;
  limit: number;
  product: string;
  accent: string;
}

/** A small in-story API: pages through the fixtures and applies the search and product filter. */
const gallery: Handler = (request) => {
  const params = request.url.searchParams;
  const q = params.get('q')?.toLowerCase() ?? '';
  const product = params.get('product');
  const filtered = !!q || !!product;
  const page: Showcase = filtered ? allApps : params.get('cursor') ? lastPage : showcase;
  const apps = page.apps.filter((app) => app.name.toLowerCase().includes(q) && (!product || app.api_products.includes(product as never)));
  return json({ ...page, apps, next_cursor: filtered ? null : page.next_cursor });
};

const meta: Meta<Args> = {
  title: 'Widgets/partner-powered-showcase',
  component: 'partner-powered-showcase',
  args: { locale: 'en-US', limit: 12, product: '', accent: '' },
  argTypes: {
    locale: { control: 'select', options: ['en-US', 'en-GB', 'fr-FR', 'fr-CA'] },
    limit: { control: { type: 'number', min: 1, max: 50 } },
    product: { control: 'select', options: ['', 'cmal', 'voice', 'susu', 'fraud'] },
    accent: { control: 'color', description: '--ew-color-accent' },
  },
  render: ({ locale, limit, product, accent }) =>
    html`<partner-powered-showcase
      api-base=${STORY_API}
      locale=${locale}
      limit=${limit}
      product=${product}
      style=${accent ? `--ew-color-accent: ${accent}` : ''}
    ></partner-powered-showcase>`,
};
export default meta;

type Story = StoryObj<Args>;

export const Data: Story = { beforeEach: withApi(gallery) };
export const French: Story = { args: { locale: 'fr-FR' }, beforeEach: withApi(gallery) };
export const Loading: Story = { beforeEach: withApi(pending) };
export const Empty: Story = { beforeEach: withApi(always(emptyShowcase)) };
export const NoMatch: Story = { args: { product: 'voice' }, beforeEach: withApi(always(emptyShowcase)) };
export const Error: Story = { beforeEach: withApi(failing) };
/** Filtered: the figures are those of the matching apps, with a line saying of how many. */
export const FilteredByProduct: Story = { args: { product: 'fraud' }, beforeEach: withApi(gallery) };
export const LoadMoreFails: Story = {
  beforeEach: withApi((request) => (request.url.searchParams.get('cursor') ? failing(request) : json(showcase))),
};
export const Narrow: Story = {
  beforeEach: withApi(gallery),
  render: ({ locale }) => html`<div style="width: 320px"><partner-powered-showcase api-base=${STORY_API} locale=${locale}></partner-powered-showcase></div>`,
};
export const GivenData: Story = {
  render: ({ locale }) => html`<partner-powered-showcase locale=${locale} .data=${allApps}></partner-powered-showcase>`,
};
