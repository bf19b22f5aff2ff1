import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { API, type FakeRequest, HOSTILE, json, routes, stubFetch, textOf } from '../testing/fake-api.ts';
import { type FakeClock, installFakeClock } from '../testing/fake-clock.ts';
import { describeFaults } from '../testing/faults.ts';
import { allApps, apps, emptyShowcase, lastPage, moreApps, showcase } from './partner-powered-showcase.fixtures.ts';
import './define.ts';
import type { ShowcaseFilters } from './partner-powered-showcase.api.ts';
import type { PartnerPoweredShowcase } from './partner-powered-showcase.ts';

const PATH = '/v1/public/showcase/apps';
const settled = (element: PartnerPoweredShowcase) =>
  waitUntil(() => element.state === 'data' || element.state === 'empty' || element.state === 'error', 'never settled');
const $ = <E extends Element>(element: PartnerPoweredShowcase, selector: string) => element.shadowRoot!.querySelector<E>(selector);
const $$ = <E extends Element>(element: PartnerPoweredShowcase, selector: string) => [...element.shadowRoot!.querySelectorAll<E>(selector)];
const names = (element: PartnerPoweredShowcase) => $$(element, '.card h3').map((h) => h.textContent!.replace(/\(new tab\)/, '').trim());
const query = (request: FakeRequest) => Object.fromEntries(request.url.searchParams);
const moreButton = (element: PartnerPoweredShowcase) => $<HTMLButtonElement>(element, 'button[part="more"]');

/** An API that pages through the fixtures: the first page without a cursor, the last page with one. */
const paging = (request: FakeRequest) => json(request.url.searchParams.get('cursor') ? lastPage : showcase);

describe('partner-powered-showcase', () => {
  let network: ReturnType<typeof stubFetch> | undefined;
  let clock: FakeClock | undefined;
  afterEach(() => {
    clock?.uninstall();
    network?.restore();
  });

  it('fetches the first page and shows the totals and a card per app, formatted for the locale', async () => {
    network = stubFetch(routes({ [PATH]: showcase }));
    const element = await fixture<PartnerPoweredShowcase>(html`<partner-powered-showcase api-base=${API} locale="en-US"></partner-powered-showcase>`);
    await settled(element);
    expect(element.state).to.equal('data');
    expect(network.requests.map((r) => r.url.href)).to.deep.equal([`${API}${PATH}?limit=12`]);
    expect($$(element, '.totals dd').map((dd) => dd.textContent)).to.deep.equal(['37', '2,210,450', '42']);
    expect(names(element)).to.deep.equal(['ShopLocal Finder', 'CallBridge Voice Concierge', 'Susu Circle']);
    const card = $(element, '.card')!;
    const text = card.textContent!.replace(/\s+/g, ' ');
    expect(text).to.contain('Neighbourly Labs');
    expect(text).to.contain('Find independent shops near you');
    expect(text).to.contain('Partner-powered since Mar 14, 2025');
    const stats = [...card.querySelectorAll('.stats div')].map((row) => [row.querySelector('dt')!.textContent, row.querySelector('dd')!.textContent]);
    expect(stats).to.deep.equal([
      ['Records served', '48,210'],
      ['Businesses attributed', '1,284'],
    ]);
    expect([...card.querySelectorAll('.products li')].map((li) => li.textContent)).to.deep.equal(['CMAL', 'Fraud']);
    expect([...card.querySelectorAll('.directories li')].map((li) => li.textContent!.replace(/\s+/g, ' ').trim())).to.deep.equal([
      'Main Street Directory 55%',
      'Black-Owned Business Guide 30%',
      'Gulf Coast Chamber Listings 15%',
    ]);
    const link = card.querySelector('a')!;
    expect(link.href).to.equal('https://shoplocal.example.com/');
    expect(link.rel.split(' ')).to.include.members(['noopener', 'noreferrer']);
    expect(moreButton(element)!.textContent!.trim()).to.equal('Load more');
    await expect(element).to.be.accessible();
  });

  it('asks for the limit and product of its attributes, and ignores values the API would refuse', async () => {
    network = stubFetch(routes({ [PATH]: showcase }));
    const element = await fixture<PartnerPoweredShowcase>(
      html`<partner-powered-showcase api-base=${API} limit="3" product="voice"></partner-powered-showcase>`,
    );
    await settled(element);
    expect(query(network.requests[0]!)).to.deep.equal({ limit: '3', product: 'voice' });
    expect($<HTMLSelectElement>(element, 'select')!.value).to.equal('voice');
    element.setAttribute('limit', '500');
    element.setAttribute('product', 'telepathy');
    await waitUntil(() => network!.requests.length === 2);
    expect(query(network.requests[1]!)).to.deep.equal({ limit: '50' });
  });

  it('speaks French with French numbers, dates and percents', async () => {
    const element = await fixture<PartnerPoweredShowcase>(html`<partner-powered-showcase locale="fr-FR" .data=${showcase}></partner-powered-showcase>`);
    const text = textOf(element);
    expect(text).to.contain('Applications propulsées par les partenaires');
    expect(text).to.match(/2\s210\s450/);
    expect(text).to.contain('Propulsée depuis le 14 mars 2025');
    expect($(element, '.stats dt')!.textContent).to.equal('Fiches servies');
    expect($(element, '.stats dd')!.textContent).to.match(/^48\s210$/);
    expect(text).to.match(/Main Street Directory 55\s%/);
    expect(text).to.contain('Voix');
    expect($<HTMLLabelElement>(element, 'label[for="q"]')!.textContent).to.equal('Rechercher une application');
  });

  it('takes its data as a property without fetching, and then filters it in place', async () => {
    network = stubFetch(() => json({}, 500));
    const element = await fixture<PartnerPoweredShowcase>(
      html`<partner-powered-showcase api-base=${API} locale="en-US" .data=${allApps}></partner-powered-showcase>`,
    );
    expect(element.state).to.equal('data');
    expect(names(element)).to.have.length(5);
    expect(moreButton(element)).to.equal(null);
    const select = $<HTMLSelectElement>(element, 'select')!;
    select.value = 'fraud';
    select.dispatchEvent(new Event('change'));
    await element.updateComplete;
    expect(names(element)).to.deep.equal(['ShopLocal Finder', 'TrustCheck for Marketplaces']);
    expect(network.requests).to.have.length(0);
  });

  it('shows the figures of the apps that match the filters, saying of how many', async () => {
    const element = await fixture<PartnerPoweredShowcase>(html`<partner-powered-showcase locale="en-US" .data=${allApps}></partner-powered-showcase>`);
    const figures = () => $$(element, '.totals dd').map((dd) => dd.textContent);
    const caption = () => $(element, '.matching')?.textContent?.trim();
    expect(figures(), 'unfiltered: the ecosystem’s totals').to.deep.equal(['37', '2,210,450', '42']);
    expect(caption()).to.equal(undefined);
    const select = $<HTMLSelectElement>(element, 'select')!;
    select.value = 'fraud';
    select.dispatchEvent(new Event('change'));
    await element.updateComplete;
    expect(names(element)).to.deep.equal(['ShopLocal Finder', 'TrustCheck for Marketplaces']);
    expect(figures()).to.deep.equal(['2', '136,552', '4']);
    expect(caption()).to.equal('Figures for the 2 of 37 apps that match.');
    await expect(element).to.be.accessible();
    select.value = '';
    select.dispatchEvent(new Event('change'));
    await element.updateComplete;
    expect(figures()).to.deep.equal(['37', '2,210,450', '42']);
  });

  it('shows the figures of the matching apps fetched so far while more can be loaded', async () => {
    network = stubFetch(routes({ [PATH]: showcase }));
    const element = await fixture<PartnerPoweredShowcase>(
      html`<partner-powered-showcase api-base=${API} locale="en-US" product="cmal"></partner-powered-showcase>`,
    );
    await settled(element);
    expect($$(element, '.totals dd').map((dd) => dd.textContent)).to.deep.equal(['3', '73,207', '4']);
    expect($(element, '.matching')!.textContent!.trim()).to.equal('Figures for the 3 matching apps shown so far, of 37.');
  });

  it('says which figures it shows in French', async () => {
    const element = await fixture<PartnerPoweredShowcase>(
      html`<partner-powered-showcase locale="fr-FR" product="fraud" .data=${allApps}></partner-powered-showcase>`,
    );
    expect($(element, '.matching')!.textContent!.trim()).to.equal('Chiffres des 2 applications sur 37 qui correspondent.');
  });

  it('shows the loading state while the API is answering, announced politely, with the filters still usable', async () => {
    let answer!: (response: Response) => void;
    network = stubFetch(() => new Promise((resolve) => (answer = resolve)));
    const element = await fixture<PartnerPoweredShowcase>(html`<partner-powered-showcase api-base=${API}></partner-powered-showcase>`);
    expect(element.state).to.equal('loading');
    const status = $(element, '[role="status"]')!;
    expect(status.getAttribute('aria-live')).to.equal('polite');
    expect(status.textContent).to.contain('Loading');
    expect($(element, 'input[type="search"]')).to.exist;
    await expect(element).to.be.accessible();
    answer(json(showcase));
    await settled(element);
    expect(element.state).to.equal('data');
  });

  it('shows the empty state when no app is partner-powered yet', async () => {
    network = stubFetch(routes({ [PATH]: emptyShowcase }));
    const element = await fixture<PartnerPoweredShowcase>(html`<partner-powered-showcase api-base=${API} locale="en-US"></partner-powered-showcase>`);
    await settled(element);
    expect(element.state).to.equal('empty');
    expect(textOf(element)).to.contain('No apps yet.');
    await expect(element).to.be.accessible();
  });

  it('says that nothing matches when filters leave no app', async () => {
    network = stubFetch(routes({ [PATH]: emptyShowcase }));
    const element = await fixture<PartnerPoweredShowcase>(
      html`<partner-powered-showcase api-base=${API} locale="en-US" product="susu"></partner-powered-showcase>`,
    );
    await settled(element);
    expect(textOf(element)).to.contain('No apps match these filters.');
  });

  it('shows the error state with a working retry button, and is accessible there', async () => {
    let fail = true;
    network = stubFetch(() => (fail ? json({ error: { code: 'unavailable', message: 'down' } }, 503) : json(showcase)));
    clock = installFakeClock();
    const element = await fixture<PartnerPoweredShowcase>(html`<partner-powered-showcase api-base=${API}></partner-powered-showcase>`);
    await clock.runUntil(() => element.state === 'error', 'never reached the error state', 1_000);
    expect(network.requests.length, 'one automatic retry').to.equal(2);
    clock.uninstall();
    await expect(element).to.be.accessible();
    fail = false;
    $<HTMLButtonElement>(element, '.error button')!.click();
    await waitUntil(() => element.state === 'data', 'retry did not recover');
    expect(names(element)).to.have.length(3);
  });

  it('searches once the user pauses typing, from the first page, and tells the host', async () => {
    network = stubFetch(
      routes({
        [PATH]: (request: FakeRequest) => json(request.url.searchParams.get('q') ? { ...showcase, apps: apps.slice(2), next_cursor: null } : showcase),
      }),
    );
    const element = await fixture<PartnerPoweredShowcase>(html`<partner-powered-showcase api-base=${API} locale="en-US"></partner-powered-showcase>`);
    await settled(element);
    const changes: ShowcaseFilters[] = [];
    element.addEventListener('showcase-filter-change', (event) => changes.push(event.detail));
    // Time moves only when the test says so: however slowly the keys arrive, the user "types" at no time.
    clock = installFakeClock();
    $<HTMLInputElement>(element, 'input')!.focus();
    await sendKeys({ type: 'su' });
    await clock.tick(300);
    await sendKeys({ type: 'su' });
    await clock.tick(300);
    expect(network.requests.length, 'no search while the user is still typing').to.equal(1);
    await clock.tick(700);
    expect(network.requests.length, 'one search once the user paused').to.equal(2);
    expect(query(network.requests[1]!)).to.deep.equal({ limit: '12', q: 'susu' });
    expect(changes).to.deep.equal([{ q: 'susu', product: '' }]);
    await clock.until(() => names(element).length === 1, 'results not shown');
    clock.uninstall();
    expect(names(element)).to.deep.equal(['Susu Circle']);
    expect(element.shadowRoot!.activeElement, 'focus stays in the search field').to.equal($(element, 'input'));
    expect($<HTMLInputElement>(element, 'input')!.value).to.equal('susu');
  });

  it('searches at once on Enter, and not again for the same words', async () => {
    network = stubFetch(routes({ [PATH]: showcase }));
    const element = await fixture<PartnerPoweredShowcase>(html`<partner-powered-showcase api-base=${API}></partner-powered-showcase>`);
    await settled(element);
    const changes: ShowcaseFilters[] = [];
    element.addEventListener('showcase-filter-change', (event) => changes.push(event.detail));
    clock = installFakeClock();
    $<HTMLInputElement>(element, 'input')!.focus();
    await sendKeys({ type: ' trust ' });
    await sendKeys({ press: 'Enter' });
    // The clock has not moved: only Enter can have searched.
    await clock.until(() => network!.requests.length === 2, 'did not search');
    expect(query(network.requests[1]!)).to.deep.equal({ limit: '12', q: 'trust' });
    await clock.tick(2_000);
    expect(network.requests.length, 'the pending typed search was dropped').to.equal(2);
    expect(changes).to.deep.equal([{ q: 'trust', product: '' }]);
  });

  it('filters by API product with the select, and tells the host', async () => {
    network = stubFetch(routes({ [PATH]: showcase }));
    const element = await fixture<PartnerPoweredShowcase>(html`<partner-powered-showcase api-base=${API}></partner-powered-showcase>`);
    await settled(element);
    const select = $<HTMLSelectElement>(element, 'select')!;
    expect(select.labels![0]!.textContent).to.equal('API product');
    select.value = 'cmal';
    setTimeout(() => select.dispatchEvent(new Event('change', { bubbles: true })));
    const event = await oneEvent(element, 'showcase-filter-change');
    expect(event.detail).to.deep.equal({ q: '', product: 'cmal' });
    expect(event.bubbles && event.composed).to.equal(true);
    await waitUntil(() => network!.requests.length === 2);
    expect(query(network.requests[1]!)).to.deep.equal({ limit: '12', product: 'cmal' });
    select.value = '';
    select.dispatchEvent(new Event('change', { bubbles: true }));
    await waitUntil(() => network!.requests.length === 3);
    expect(query(network.requests[2]!)).to.deep.equal({ limit: '12' });
  });

  it('does not fire events when the host changes its attributes', async () => {
    network = stubFetch(routes({ [PATH]: showcase }));
    const events: Event[] = [];
    const element = await fixture<PartnerPoweredShowcase>(
      html`<partner-powered-showcase api-base=${API} @showcase-filter-change=${(e: Event) => events.push(e)}></partner-powered-showcase>`,
    );
    element.product = 'fraud';
    await waitUntil(() => network!.requests.length === 2);
    expect(events).to.have.length(0);
  });

  it('loads more with the cursor, appends the page, moves focus to the first new card and announces the count', async () => {
    network = stubFetch(routes({ [PATH]: paging }));
    const element = await fixture<PartnerPoweredShowcase>(html`<partner-powered-showcase api-base=${API} locale="en-US" limit="3"></partner-powered-showcase>`);
    await settled(element);
    const button = moreButton(element)!;
    button.focus();
    setTimeout(() => button.click());
    const event = await oneEvent(element, 'showcase-load-more');
    expect(event.detail).to.deep.equal({ cursor: showcase.next_cursor });
    expect(event.bubbles && event.composed).to.equal(true);
    await waitUntil(() => names(element).length === 5, 'did not append');
    expect(query(network.requests[1]!)).to.deep.equal({ limit: '3', cursor: showcase.next_cursor });
    expect(names(element)).to.deep.equal([...apps, ...moreApps].map((app) => app.name));
    await element.updateComplete;
    expect(element.shadowRoot!.activeElement?.getAttribute('data-app')).to.equal(moreApps[0]!.id);
    const live = $$(element, '[role="status"]').find((node) => node.getAttribute('aria-live') === 'polite')!;
    expect(live.textContent).to.equal('2 more apps, 5 shown.');
    expect(moreButton(element), 'no more pages').to.equal(null);
    await expect(element).to.be.accessible();
  });

  it('keeps the gallery when loading more fails, says so, and lets the user try again', async () => {
    let fail = true;
    network = stubFetch(
      routes({
        [PATH]: (request: FakeRequest) => (request.url.searchParams.get('cursor') && fail ? Promise.reject(new TypeError('Failed to fetch')) : paging(request)),
      }),
    );
    const element = await fixture<PartnerPoweredShowcase>(html`<partner-powered-showcase api-base=${API} locale="en-US"></partner-powered-showcase>`);
    await settled(element);
    moreButton(element)!.click();
    await waitUntil(() => $(element, '.more [role="alert"]'), 'no error shown');
    expect(element.state).to.equal('data');
    expect($(element, '.more [role="alert"]')!.textContent).to.equal('Could not load this right now.');
    expect(names(element)).to.have.length(3);
    await expect(element).to.be.accessible();
    fail = false;
    moreButton(element)!.click();
    await waitUntil(() => names(element).length === 5, 'did not recover');
    expect($(element, '.more [role="alert"]')).to.equal(null);
  });

  it('ignores further clicks while a page is loading', async () => {
    let answer!: (response: Response) => void;
    network = stubFetch(
      routes({
        [PATH]: (request: FakeRequest) => (request.url.searchParams.get('cursor') ? new Promise<Response>((resolve) => (answer = resolve)) : json(showcase)),
      }),
    );
    const element = await fixture<PartnerPoweredShowcase>(html`<partner-powered-showcase api-base=${API} locale="en-US"></partner-powered-showcase>`);
    await settled(element);
    const button = moreButton(element)!;
    button.click();
    await element.updateComplete;
    expect(button.getAttribute('aria-disabled')).to.equal('true');
    expect(button.textContent!.trim()).to.equal('Loading…');
    button.click();
    expect(network.requests).to.have.length(2);
    answer(json(lastPage));
    await waitUntil(() => names(element).length === 5);
  });

  it('starts again from the first page when the filters change after loading more', async () => {
    network = stubFetch(routes({ [PATH]: paging }));
    const element = await fixture<PartnerPoweredShowcase>(html`<partner-powered-showcase api-base=${API}></partner-powered-showcase>`);
    await settled(element);
    moreButton(element)!.click();
    await waitUntil(() => names(element).length === 5);
    const select = $<HTMLSelectElement>(element, 'select')!;
    select.value = 'voice';
    select.dispatchEvent(new Event('change'));
    await waitUntil(() => element.state === 'data' && network!.requests.length === 3);
    expect(query(network.requests[2]!)).to.deep.equal({ limit: '12', product: 'voice' });
    await element.updateComplete;
    expect(names(element)).to.have.length(3);
  });

  it('aborts its requests when removed from the page', async () => {
    const signals: (AbortSignal | null | undefined)[] = [];
    network = stubFetch((request) => {
      signals.push(request.signal);
      return request.url.searchParams.get('cursor') ? new Promise(() => {}) : json(showcase);
    });
    const element = await fixture<PartnerPoweredShowcase>(html`<partner-powered-showcase api-base=${API}></partner-powered-showcase>`);
    await settled(element);
    moreButton(element)!.click();
    expect(signals[1]?.aborted).to.equal(false);
    element.remove();
    expect(signals[1]?.aborted).to.equal(true);
  });

  it('renders hostile strings from the API as text and never links a javascript: URL', async () => {
    const hostile = {
      ...apps[0]!,
      name: HOSTILE,
      company: HOSTILE,
      description: HOSTILE,
      url: 'javascript:alert(1)',
      contributing_directories: [{ ...apps[0]!.contributing_directories[0]!, directory_name: HOSTILE }],
    };
    network = stubFetch(routes({ [PATH]: { ...showcase, apps: [hostile] } }));
    const element = await fixture<PartnerPoweredShowcase>(html`<partner-powered-showcase api-base=${API}></partner-powered-showcase>`);
    await settled(element);
    expect(element.shadowRoot!.querySelector('img')).to.equal(null);
    expect($(element, 'a')).to.equal(null);
    expect($(element, '.card h3')!.textContent!.trim()).to.equal(HOSTILE);
    expect(textOf(element).split(HOSTILE)).to.have.length(5);
  });

  it('shows one column of cards at 320 px without overflowing the page', async () => {
    const wrapper = await fixture<HTMLDivElement>(
      html`<div style="width: 320px"><partner-powered-showcase locale="en-US" .data=${showcase}></partner-powered-showcase></div>`,
    );
    const element = wrapper.querySelector('partner-powered-showcase')!;
    const cards = $$(element, '.card').map((card) => card.getBoundingClientRect());
    expect(cards[0]!.left).to.equal(cards[1]!.left);
    expect(cards[1]!.top).to.be.greaterThan(cards[0]!.bottom - 1);
    expect(wrapper.scrollWidth).to.be.at.most(320);
    expect(element.shadowRoot!.querySelector('.frame')!.scrollWidth).to.be.at.most(320);
  });

  it('shows several columns when there is room', async () => {
    const wrapper = await fixture<HTMLDivElement>(
      html`<div style="width: 960px"><partner-powered-showcase .data=${showcase}></partner-powered-showcase></div>`,
    );
    const element = wrapper.querySelector('partner-powered-showcase')!;
    const cards = $$(element, '.card').map((card) => card.getBoundingClientRect());
    expect(cards[0]!.top).to.equal(cards[1]!.top);
  });

  describeFaults({
    mount: (apiBase, timeout) => fixture(html`<partner-powered-showcase api-base=${apiBase} timeout=${timeout}></partner-powered-showcase>`),
    healthy: routes({ [PATH]: showcase }),
  });
});
