// Hydration support must load before LitElement does (it hooks into LitElement's first update).
import '@lit-labs/ssr-client/lit-element-hydrate-support.js';
import { expect, waitUntil } from '@open-wc/testing';
import { impact } from '../ecosystem-impact-card/ecosystem-impact-card.fixtures.ts';
import type { EcosystemImpactCard } from '../ecosystem-impact-card/ecosystem-impact-card.ts';
import { APP_ID, badge } from '../partner-powered-badge/partner-powered-badge.fixtures.ts';
import type { PartnerPoweredBadge } from '../partner-powered-badge/partner-powered-badge.ts';
import { API, json, stubFetch } from '../testing/fake-api.ts';

// The element modules are imported only once the server's HTML is on the page, as a host that
// renders HTML first would load them. The page is what test/ssr.test.ts checks Lit SSR renders.
const textOf = (element: Element) =>
  [...(element.shadowRoot?.childNodes ?? [])]
    .filter((node) => node.nodeName !== 'STYLE' && node.nodeType !== Node.COMMENT_NODE)
    .map((node) => node.textContent)
    .join(' ')
    .replace(/\s+/g, ' ')
    .trim();

describe('server-rendered widgets (Lit SSR) in the browser', () => {
  const errors: unknown[] = [];
  const onError = (event: ErrorEvent | PromiseRejectionEvent) => errors.push('error' in event ? event.error : event.reason);
  let network: ReturnType<typeof stubFetch> | undefined;
  let page: string;
  before(async () => {
    page = await (await fetch(new URL('../testing/ssr.fixture.html', import.meta.url))).text(); // before fetch is stubbed
    window.addEventListener('error', onError);
    window.addEventListener('unhandledrejection', onError);
  });
  afterEach(() => network?.restore());
  after(() => {
    window.removeEventListener('error', onError);
    window.removeEventListener('unhandledrejection', onError);
  });

  it('shows the server’s content before any script, then upgrades and hydrates without errors, keeping it', async () => {
    network = stubFetch(() => json({ error: { code: 'unexpected', message: 'no request expected' } }, 500));
    const host = document.createElement('div');
    document.body.append(host);
    host.setHTMLUnsafe(page); // parses declarative shadow roots, as a page load does

    const card = host.querySelector<EcosystemImpactCard>('ecosystem-impact-card')!;
    const badgeElement = host.querySelector<PartnerPoweredBadge>('partner-powered-badge')!;
    expect(customElements.get('ecosystem-impact-card'), 'not defined yet').to.equal(undefined);
    const before = { card: textOf(card), badge: textOf(badgeElement) };
    expect(before.card).to.contain('Partner-referred businesses12.8K12,840');
    expect(before.badge).to.contain('ShopLocal Finder');
    expect(card.getBoundingClientRect().height, 'laid out from the server’s HTML').to.be.above(100);
    const heading = card.shadowRoot!.querySelector('h2')!;
    const fallback = badgeElement.querySelector('a')!;
    expect(fallback.checkVisibility(), 'the fallback link is hidden by the server-rendered shadow root').to.equal(false);

    // the host hands the same data to the client, as it did to the server
    card.data = impact;
    badgeElement.data = badge;
    await import('../ecosystem-impact-card/define.ts');
    await import('../partner-powered-badge/define.ts');
    await card.updateComplete;
    await badgeElement.updateComplete;

    expect(errors, 'no error while hydrating').to.deep.equal([]);
    expect(card.state).to.equal('data');
    expect(card.shadowRoot!.querySelector('h2'), 'hydrated in place: the server’s nodes are kept').to.equal(heading);
    expect(card.shadowRoot!.querySelectorAll('section.frame').length, 'not rendered twice').to.equal(1);
    expect(textOf(card)).to.equal(before.card);
    expect(badgeElement.state).to.equal('data');
    expect(badgeElement.shadowRoot!.querySelectorAll('.frame').length, 'not rendered twice').to.equal(1);
    expect(textOf(badgeElement)).to.equal(before.badge);
    expect(network.requests, 'data given: nothing fetched').to.have.length(0);

    // live after hydration: a later change renders, and the badge's toggle works
    card.data = { ...impact, partner_referred_businesses: 99 };
    await card.updateComplete;
    expect(textOf(card)).to.contain('Partner-referred businesses99');
    badgeElement.shadowRoot!.querySelector<HTMLButtonElement>('button[aria-expanded]')!.click();
    await badgeElement.updateComplete;
    expect(badgeElement.shadowRoot!.querySelector<HTMLUListElement>('#directories')!.hidden).to.equal(false);
    expect(errors).to.deep.equal([]);
    host.remove();
  });

  it('keeps a server-rendered badge’s content while it fetches its own, then shows that', async () => {
    let answer!: (response: Response) => void;
    network = stubFetch(() => new Promise((resolve) => (answer = resolve)));
    await import('../partner-powered-badge/define.ts');
    const host = document.createElement('div');
    host.setHTMLUnsafe(page.replace(/<ecosystem-impact-card[\s\S]*<\/ecosystem-impact-card>/, ''));
    document.body.append(host); // upgrades at once: the tag is defined; no data given this time
    const element = host.querySelector<PartnerPoweredBadge>('partner-powered-badge')!;
    await waitUntil(() => network!.requests.length === 1, 'the badge never asked for its data');
    expect(network.requests[0]!.url.href).to.equal(`${API}/v1/public/apps/${APP_ID}/badge`);
    await element.updateComplete;
    expect(textOf(element), 'the server’s content while loading').to.contain('ShopLocal Finder');
    expect(element.shadowRoot!.querySelector('[role="status"]')).to.equal(null);
    answer(json({ ...badge, app: { ...badge.app, name: 'Renamed Finder' } }));
    await waitUntil(() => textOf(element).includes('Renamed Finder'), 'the fetched badge never showed');
    expect(element.shadowRoot!.querySelectorAll('.frame').length).to.equal(1);
    expect(textOf(element)).not.to.contain('ShopLocal Finder');
    expect(errors).to.deep.equal([]);
    host.remove();
  });
});
