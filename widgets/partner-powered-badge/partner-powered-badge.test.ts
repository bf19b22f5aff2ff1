import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { API, HOSTILE, json, routes, stubFetch, textOf } from '../testing/fake-api.ts';
import { type FakeClock, installFakeClock } from '../testing/fake-clock.ts';
import { describeFaults } from '../testing/faults.ts';
import { APP_ID, badge, badgeWithoutUrl, notPoweredBadge } from './partner-powered-badge.fixtures.ts';
import './define.ts';
import type { PartnerPoweredBadge } from './partner-powered-badge.ts';

const PATH = `/v1/public/apps/${APP_ID}/badge`;
const shown = (element: PartnerPoweredBadge) =>
  waitUntil(() => element.state === 'data' || element.state === 'empty' || element.state === 'error', 'never settled');
const $ = <E extends Element>(element: PartnerPoweredBadge, selector: string) => element.shadowRoot!.querySelector<E>(selector);

describe('partner-powered-badge', () => {
  let network: ReturnType<typeof stubFetch> | undefined;
  let clock: FakeClock | undefined;
  afterEach(() => {
    clock?.uninstall();
    network?.restore();
  });

  it('fetches the badge of its app and shows the mark, the app and its figures', async () => {
    network = stubFetch(routes({ [PATH]: badge }));
    const element = await fixture<PartnerPoweredBadge>(html`<partner-powered-badge api-base=${API} app-id=${APP_ID} locale="en-US"></partner-powered-badge>`);
    await shown(element);
    expect(element.state).to.equal('data');
    expect(network.requests.map((r) => r.url.href)).to.deep.equal([`${API}${PATH}`]);
    const text = textOf(element);
    expect(text).to.contain('Partner-Powered');
    expect(text).to.contain('Since Mar 14, 2025');
    expect(text).to.contain('48,210 partner records served');
    // one line, the separator kept apart from the count and off the start of a wrapped line
    expect($(element, '.muted')!.textContent).to.equal('Since Mar 14, 2025\u00a0· 48,210 partner records served');
    expect(text).to.contain('Contributing directories (3)');
    const link = $<HTMLAnchorElement>(element, 'a')!;
    expect(link.href, 'the public verify page, not the app’s own site').to.equal(`${API}/verify/apps/${APP_ID}`);
    expect(link.textContent).to.contain('ShopLocal Finder');
    expect(link.target).to.equal('_blank');
    expect(link.rel.split(' ')).to.include.members(['noopener', 'noreferrer']);
    await expect(element).to.be.accessible();
  });

  it('opens and closes the list of directories from a real button, announcing each change', async () => {
    const element = await fixture<PartnerPoweredBadge>(html`<partner-powered-badge locale="en-US" .data=${badge}></partner-powered-badge>`);
    const toggle = $<HTMLButtonElement>(element, 'button[aria-expanded]')!;
    const list = $<HTMLUListElement>(element, '#directories')!;
    expect(toggle.getAttribute('aria-expanded')).to.equal('false');
    expect(toggle.getAttribute('aria-controls')).to.equal('directories');
    expect(list.hidden).to.equal(true);
    expect(list.getBoundingClientRect().height).to.equal(0);

    toggle.focus();
    setTimeout(() => toggle.click());
    const opened = await oneEvent(element, 'badge-directories-toggle');
    expect(opened.detail).to.deep.equal({ open: true });
    expect(opened.bubbles && opened.composed).to.equal(true);
    await element.updateComplete;
    expect(toggle.getAttribute('aria-expanded')).to.equal('true');
    expect(list.hidden).to.equal(false);
    const rows = [...list.querySelectorAll('li')].map((li) => li.textContent!.replace(/\s+/g, ' ').trim());
    expect(rows).to.deep.equal(['Main Street Directory 55%', 'Black-Owned Business Guide 30%', 'Gulf Coast Chamber Listings 15%']);
    expect(element.shadowRoot!.activeElement).to.equal(toggle);
    await expect(element).to.be.accessible();

    setTimeout(() => toggle.click());
    const closed = await oneEvent(element, 'badge-directories-toggle');
    expect(closed.detail).to.deep.equal({ open: false });
    await element.updateComplete;
    expect(list.hidden).to.equal(true);
  });

  it('does not fire the toggle event when the host changes the data', async () => {
    const events: Event[] = [];
    const element = await fixture<PartnerPoweredBadge>(
      html`<partner-powered-badge .data=${badge} @badge-directories-toggle=${(e: Event) => events.push(e)}></partner-powered-badge>`,
    );
    element.data = badgeWithoutUrl;
    await element.updateComplete;
    expect(events).to.have.length(0);
  });

  it('links the verify page on the page’s own origin with an empty api-base, shows the name alone without one, and never links a javascript: base', async () => {
    const element = await fixture<PartnerPoweredBadge>(html`<partner-powered-badge locale="en-US" .data=${badgeWithoutUrl}></partner-powered-badge>`);
    expect($(element, 'a')).to.equal(null);
    expect(textOf(element)).to.contain('Route Planner for Field Sales');
    expect(textOf(element)).to.contain('Contributing directories (1)');
    element.apiBase = '';
    await element.updateComplete;
    expect($<HTMLAnchorElement>(element, 'a')!.getAttribute('href')).to.equal(`/verify/apps/${APP_ID}`);
    element.data = { ...badge, app: { ...badge.app, id: 'a/b?c' } };
    element.apiBase = 'https://api.example.test/';
    await element.updateComplete;
    expect($<HTMLAnchorElement>(element, 'a')!.getAttribute('href')).to.equal('https://api.example.test/verify/apps/a%2Fb%3Fc');
    element.apiBase = 'javascript:alert(1)//';
    await element.updateComplete;
    expect($(element, 'a')).to.equal(null);
    expect(textOf(element)).to.contain('ShopLocal Finder');
    await expect(element).to.be.accessible();
  });

  it('speaks French with French numbers, dates and percents', async () => {
    const element = await fixture<PartnerPoweredBadge>(html`<partner-powered-badge api-base=${API} locale="fr-FR" .data=${badge}></partner-powered-badge>`);
    $<HTMLButtonElement>(element, 'button')!.click();
    await element.updateComplete;
    const text = textOf(element);
    expect(text).to.contain('Propulsé par les partenaires');
    expect(text).to.contain('Depuis le 14 mars 2025');
    expect(text).to.match(/48\s210 fiches partenaires servies/);
    expect(text).to.contain('Annuaires contributeurs (3)');
    expect(text).to.match(/55\s%/);
    expect(text).to.contain('(s’ouvre dans un nouvel onglet)');
  });

  it('follows the visitor’s colour scheme unless the theme attribute pins one', async () => {
    const surface = (element: PartnerPoweredBadge) => getComputedStyle(element.shadowRoot!.querySelector('.frame')!).backgroundColor;
    const light = await fixture<PartnerPoweredBadge>(html`<partner-powered-badge theme="light" .data=${badge}></partner-powered-badge>`);
    const dark = await fixture<PartnerPoweredBadge>(html`<partner-powered-badge theme="dark" .data=${badge}></partner-powered-badge>`);
    expect(surface(light)).to.equal('rgb(255, 255, 255)');
    expect(surface(dark)).to.equal('rgb(22, 27, 34)');
    dark.removeAttribute('theme');
    expect(surface(dark)).to.equal(matchMedia('(prefers-color-scheme: dark)').matches ? 'rgb(22, 27, 34)' : 'rgb(255, 255, 255)');
  });

  it('takes its data as a property without fetching', async () => {
    network = stubFetch(() => json({}, 500));
    const element = await fixture<PartnerPoweredBadge>(html`<partner-powered-badge api-base=${API} app-id=${APP_ID} .data=${badge}></partner-powered-badge>`);
    expect(element.state).to.equal('data');
    expect(network.requests).to.have.length(0);
    expect(textOf(element)).to.contain('ShopLocal Finder');
  });

  it('stays idle without an app-id and fetches nothing', async () => {
    network = stubFetch(routes({ [PATH]: badge }));
    const element = await fixture<PartnerPoweredBadge>(html`<partner-powered-badge api-base=${API}></partner-powered-badge>`);
    expect(element.state).to.equal('idle');
    expect(network.requests).to.have.length(0);
    await expect(element).to.be.accessible();
    element.appId = APP_ID;
    await shown(element);
    expect(element.state).to.equal('data');
    expect(network.requests).to.have.length(1);
  });

  it('shows the loading state while the API is answering, announced politely', async () => {
    let answer!: (response: Response) => void;
    network = stubFetch(() => new Promise((resolve) => (answer = resolve)));
    const element = await fixture<PartnerPoweredBadge>(html`<partner-powered-badge api-base=${API} app-id=${APP_ID}></partner-powered-badge>`);
    expect(element.state).to.equal('loading');
    const status = $(element, '[role="status"]')!;
    expect(status.getAttribute('aria-live')).to.equal('polite');
    expect(status.textContent).to.contain('Loading');
    await expect(element).to.be.accessible();
    answer(json(badge));
    await shown(element);
    expect(element.state).to.equal('data');
  });

  it('shows the empty state when the app is not partner-powered yet', async () => {
    network = stubFetch(routes({ [PATH]: notPoweredBadge }));
    const element = await fixture<PartnerPoweredBadge>(html`<partner-powered-badge api-base=${API} app-id=${APP_ID} locale="en-US"></partner-powered-badge>`);
    await shown(element);
    expect(element.state).to.equal('empty');
    expect(textOf(element)).to.contain('Not partner-powered yet.');
    expect($(element, 'button')).to.equal(null);
    await expect(element).to.be.accessible();
  });

  it('says so in French when the app is not partner-powered yet', async () => {
    const element = await fixture<PartnerPoweredBadge>(html`<partner-powered-badge locale="fr-CA" .data=${notPoweredBadge}></partner-powered-badge>`);
    expect(textOf(element)).to.contain('Pas encore propulsé par les partenaires.');
  });

  it('shows the error state for an unknown app at once (a 404 is not retried by itself)', async () => {
    network = stubFetch(routes({}));
    const element = await fixture<PartnerPoweredBadge>(
      html`<partner-powered-badge api-base=${API} app-id="00000000-0000-4000-8000-000000000000"></partner-powered-badge>`,
    );
    await shown(element);
    expect(element.state).to.equal('error');
    expect(network.requests).to.have.length(1);
    expect($(element, '[role="alert"]')).to.exist;
    await expect(element).to.be.accessible();
  });

  it('recovers through the retry button after a server error', async () => {
    let fail = true;
    network = stubFetch(() => (fail ? json({ error: { code: 'unavailable', message: 'down' } }, 503) : json(badge)));
    clock = installFakeClock();
    const element = await fixture<PartnerPoweredBadge>(html`<partner-powered-badge api-base=${API} app-id=${APP_ID}></partner-powered-badge>`);
    await clock.runUntil(() => element.state === 'error', 'never reached the error state', 1_000);
    expect(network.requests.length, 'one automatic retry').to.equal(2);
    clock.uninstall();
    fail = false;
    $<HTMLButtonElement>(element, '.error button')!.click();
    await waitUntil(() => element.state === 'data', 'retry did not recover');
    expect(textOf(element)).to.contain('ShopLocal Finder');
  });

  it('fetches the new app when app-id changes, and aborts its request when removed', async () => {
    const other = '11111111-2222-4333-8444-555555555555';
    let signal: AbortSignal | null | undefined;
    network = stubFetch((request) => {
      if (request.url.pathname === PATH) return json(badge);
      signal = request.signal;
      return new Promise(() => {});
    });
    const element = await fixture<PartnerPoweredBadge>(html`<partner-powered-badge api-base=${API} app-id=${APP_ID}></partner-powered-badge>`);
    await shown(element);
    element.setAttribute('app-id', other);
    await waitUntil(() => network!.requests.length === 2);
    expect(network.requests[1]!.url.pathname).to.equal(`/v1/public/apps/${other}/badge`);
    expect(element.state).to.equal('loading');
    element.remove();
    expect(signal?.aborted).to.equal(true);
  });

  it('escapes the app id in the path', async () => {
    network = stubFetch(() => new Promise(() => {}));
    await fixture<PartnerPoweredBadge>(html`<partner-powered-badge api-base=${API} app-id="../../admin?x=1"></partner-powered-badge>`);
    expect(network.requests[0]!.url.pathname).to.equal('/v1/public/apps/..%2F..%2Fadmin%3Fx%3D1/badge');
  });

  it('renders hostile strings from the API as text', async () => {
    network = stubFetch(
      routes({ [PATH]: { ...badge, app: { ...badge.app, name: HOSTILE }, directories: [{ ...badge.directories[0]!, directory_name: HOSTILE }] } }),
    );
    const element = await fixture<PartnerPoweredBadge>(html`<partner-powered-badge api-base=${API} app-id=${APP_ID}></partner-powered-badge>`);
    await shown(element);
    $<HTMLButtonElement>(element, 'button')!.click();
    await element.updateComplete;
    expect(element.shadowRoot!.querySelector('img')).to.equal(null);
    expect($(element, 'a')!.textContent).to.contain(HOSTILE);
    expect($(element, '#directories li')!.textContent).to.contain(HOSTILE);
  });

  it('is as wide as its content, not the page', async () => {
    const wrapper = await fixture<HTMLDivElement>(
      html`<div style="width: 900px"><partner-powered-badge locale="en-US" .data=${badge}></partner-powered-badge></div>`,
    );
    const width = wrapper.querySelector('partner-powered-badge')!.getBoundingClientRect().width;
    expect(width).to.be.within(150, 450);
  });

  it('fits a 320 px wide page without overflowing it', async () => {
    const wrapper = await fixture<HTMLDivElement>(
      html`<div style="width: 320px"><partner-powered-badge locale="en-US" .data=${{ ...badge, app: { ...badge.app, name: 'An app with a rather long name that has to wrap somewhere' } }}></partner-powered-badge></div>`,
    );
    const element = wrapper.querySelector('partner-powered-badge')!;
    $<HTMLButtonElement>(element, 'button')!.click();
    await element.updateComplete;
    const width = element.getBoundingClientRect().width;
    expect(width, 'as wide as the room allows, not collapsed').to.be.within(250, 320);
    expect($(element, '.mark')!.getBoundingClientRect().height, 'the label on one line').to.be.below(40);
    expect(wrapper.scrollWidth).to.be.at.most(320);
  });

  describeFaults({
    mount: (apiBase, timeout) => fixture(html`<partner-powered-badge api-base=${apiBase} app-id=${APP_ID} timeout=${timeout}></partner-powered-badge>`),
    healthy: routes({ [PATH]: badge }),
  });
});
