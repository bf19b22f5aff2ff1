import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { API, routes, stubFetch } from '../testing/fake-api.ts';
import { APP_ID, badge } from './partner-powered-badge.fixtures.ts';
import type { PartnerPoweredBadge } from './partner-powered-badge.ts';

// This file never imports the element up front: the snippet is looked at before the tag is defined.
const VERIFY = `${API}/verify/apps/${APP_ID}`;

describe('partner-powered-badge embed snippet', () => {
  let network: ReturnType<typeof stubFetch> | undefined;
  afterEach(() => network?.restore());

  it('shows the fallback link until the element upgrades, and only the badge after', async () => {
    network = stubFetch(routes({ [`/v1/public/apps/${APP_ID}/badge`]: badge }));
    const element = await fixture<PartnerPoweredBadge>(
      html`<partner-powered-badge app-id=${APP_ID} api-base=${API} locale="en-US"><a href=${VERIFY}>Partner-powered — verify</a></partner-powered-badge>`,
    );
    expect(customElements.get('partner-powered-badge'), 'not defined yet').to.equal(undefined);
    const fallback = element.querySelector('a')!;
    expect(fallback.getBoundingClientRect().height, 'the fallback link is laid out').to.be.above(0);
    expect(fallback.checkVisibility()).to.equal(true);

    await import('./define.ts');
    await waitUntil(() => element.state === 'data', 'the badge never showed its data');
    expect(fallback.isConnected, 'the host’s markup is left alone').to.equal(true);
    expect(fallback.getBoundingClientRect().height, 'the fallback link is no longer shown').to.equal(0);
    expect(fallback.checkVisibility()).to.equal(false);
    const links = element.shadowRoot!.querySelectorAll('a');
    expect(links.length, 'one link to the verify page, not two').to.equal(1);
    expect(links[0]!.href).to.equal(VERIFY);
    expect(links[0]!.checkVisibility()).to.equal(true);
  });
});
