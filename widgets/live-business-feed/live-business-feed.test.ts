import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { API, FakeEventSource, HOSTILE, json, routes, stubFetch, textOf } from '../testing/fake-api.ts';
import { type FakeClock, installFakeClock } from '../testing/fake-clock.ts';
import { describeFaults } from '../testing/faults.ts';
import { arrival, arrivals, emptyFeed, entry, feed, newPlaceArrival } from './live-business-feed.fixtures.ts';
import './define.ts';
import type { PoolEntry } from './live-business-feed.api.ts';
import type { LiveBusinessFeed } from './live-business-feed.ts';

const PATH = '/v1/public/feed';
const STREAM = `${API}/v1/public/feed/stream`;
const shown = (element: LiveBusinessFeed) =>
  waitUntil(() => element.state === 'data' || element.state === 'empty' || element.state === 'error', 'never settled');
const names = (element: LiveBusinessFeed) => [...element.shadowRoot!.querySelectorAll('.newest .name')].map((n) => n.textContent);
const cellsOf = (element: LiveBusinessFeed, header: string) =>
  [...element.shadowRoot!.querySelectorAll('tbody tr')].find((row) => row.querySelector('th')!.textContent === header)?.querySelectorAll('th, td');
const rowOf = (element: LiveBusinessFeed, header: string) =>
  Array.from(cellsOf(element, header) ?? [], (cell) => cell.textContent!.replace(/\s+/g, ' ').trim()).join(' ');
const total = (element: LiveBusinessFeed) => element.shadowRoot!.querySelector('[part="value"]')!.textContent;
const pauseButton = (element: LiveBusinessFeed) => element.shadowRoot!.querySelector<HTMLButtonElement>('header button')!;
const liveText = (element: LiveBusinessFeed) => element.shadowRoot!.querySelector('[part="live"]')?.textContent?.trim();

/** Mounts the element against a healthy API and waits for its stream to open. */
async function mountLive(template = html`<live-business-feed api-base=${API}></live-business-feed>`) {
  const element = await fixture<LiveBusinessFeed>(template);
  await shown(element);
  await waitUntil(() => FakeEventSource.instances.length === 1, 'no stream opened');
  const source = FakeEventSource.instances[0]!;
  await waitUntil(() => liveText(element) === 'Live', 'stream never reported as connected');
  return { element, source };
}

function collect(element: LiveBusinessFeed, type: string) {
  const details: unknown[] = [];
  element.addEventListener(type, (event) => details.push((event as CustomEvent).detail));
  return details;
}

describe('live-business-feed', () => {
  let network: ReturnType<typeof stubFetch> | undefined;
  let clock: FakeClock | undefined;
  let restoreEventSource: () => void;
  beforeEach(() => (restoreEventSource = FakeEventSource.install()));
  afterEach(() => {
    clock?.uninstall();
    network?.restore();
    network = undefined;
    restoreEventSource();
  });

  it('fetches the feed from api-base and shows totals, categories, states and the newest businesses', async () => {
    network = stubFetch(routes({ [PATH]: feed }));
    const { element, source } = await mountLive();
    expect(network.requests.map((r) => r.url.href)).to.deep.equal([`${API}${PATH}?newest=10&cities=5`]);
    expect(source.url).to.equal(STREAM);
    expect(element.state).to.equal('data');
    expect(total(element)).to.equal('1,284');
    expect(rowOf(element, 'Restaurants')).to.equal('Restaurants 412');
    expect(rowOf(element, 'TX')).to.equal('TX 498 Austin (211), Houston (160), Dallas (127)');
    expect(names(element)).to.deep.equal(['Blue Bonnet Bakery', 'Peachtree Plumbing Co.', 'Lakeshore Nails & Spa', 'Brooklyn Bike Works']);
    expect(textOf(element)).to.contain('via Austin Local Guide · rated 4.7');
    expect(element.shadowRoot!.querySelector('.newest')!.getAttribute('aria-live')).to.equal('polite');
    expect(element.shadowRoot!.querySelectorAll('th[scope="col"]').length).to.equal(5);
    // The widest state fills its bar; the others are proportional.
    const bars = [...element.shadowRoot!.querySelectorAll<HTMLElement>('[part="bar"]')].map((b) => b.style.width);
    expect(bars).to.deep.equal(['100%', '75.7%', '51.4%', '30.7%']);
    expect(pauseButton(element).textContent!.trim()).to.equal('Pause updates');
    await expect(element).to.be.accessible();
  });

  it('speaks French with French number and date formats', async () => {
    const element = await fixture<LiveBusinessFeed>(html`<live-business-feed locale="fr-FR" .data=${feed}></live-business-feed>`);
    const text = textOf(element);
    expect(text).to.contain('Entreprises apportées par les partenaires');
    expect(total(element)).to.match(/^1\s284$/);
    expect(text).to.contain('note 4,7');
    expect(text).to.contain('14 nov. 2026');
    expect(text).to.contain('Par catégorie');
  });

  it('takes its data as a property without fetching or streaming', async () => {
    network = stubFetch(() => json({}, 500));
    const element = await fixture<LiveBusinessFeed>(html`<live-business-feed api-base=${API} .data=${feed}></live-business-feed>`);
    await element.updateComplete;
    expect(element.state).to.equal('data');
    expect(network.requests).to.have.length(0);
    expect(FakeEventSource.instances).to.have.length(0);
    expect(element.shadowRoot!.querySelector('header button'), 'no pause button without a stream').to.equal(null);
    expect(total(element)).to.equal('1,284');
  });

  it('does not stream with live="off"', async () => {
    network = stubFetch(routes({ [PATH]: feed }));
    const element = await fixture<LiveBusinessFeed>(html`<live-business-feed api-base=${API} live="off"></live-business-feed>`);
    await shown(element);
    await element.updateComplete;
    expect(element.state).to.equal('data');
    expect(FakeEventSource.instances).to.have.length(0);
    expect(liveText(element)).to.equal(undefined);
  });

  it('shows the loading state while the API is answering, and opens the stream only once loaded', async () => {
    let answer!: (response: Response) => void;
    network = stubFetch(() => new Promise((resolve) => (answer = resolve)));
    const element = await fixture<LiveBusinessFeed>(html`<live-business-feed api-base=${API}></live-business-feed>`);
    expect(element.state).to.equal('loading');
    expect(element.shadowRoot!.querySelector('[role="status"]')!.textContent).to.contain('Loading');
    expect(FakeEventSource.instances).to.have.length(0);
    await expect(element).to.be.accessible();
    answer(json(feed));
    await shown(element);
    await waitUntil(() => FakeEventSource.instances.length === 1);
  });

  it('shows the empty state, and leaves it when the first business arrives', async () => {
    network = stubFetch(routes({ [PATH]: emptyFeed }));
    const { element, source } = await mountLive();
    expect(element.state).to.equal('empty');
    expect(textOf(element)).to.contain('No partner-contributed businesses yet');
    await expect(element).to.be.accessible();
    source.emit('business', arrival, arrival.event_id);
    await waitUntil(() => element.state === 'data');
    expect(names(element)).to.deep.equal(['Houston Hot Wings']);
    expect(total(element)).to.equal('1');
    expect(rowOf(element, 'TX')).to.equal('TX 1 Houston (1)');
  });

  it('shows the error state with a working retry button, and is accessible there', async () => {
    let fail = true;
    network = stubFetch(() => (fail ? json({ error: { code: 'unavailable', message: 'down' } }, 503) : json(feed)));
    clock = installFakeClock();
    const element = await fixture<LiveBusinessFeed>(html`<live-business-feed api-base=${API}></live-business-feed>`);
    await clock.runUntil(() => element.state === 'error', 'never reached the error state', 1_000);
    clock.uninstall();
    expect(FakeEventSource.instances).to.have.length(0);
    await expect(element).to.be.accessible();
    fail = false;
    element.shadowRoot!.querySelector<HTMLButtonElement>('.error button')!.click();
    await waitUntil(() => element.state === 'data', 'retry did not recover');
    await waitUntil(() => FakeEventSource.instances.length === 1);
  });

  it('applies a streamed business: newest first, total, category, state and city counts', async () => {
    network = stubFetch(routes({ [PATH]: feed }));
    const { element, source } = await mountLive();
    const arrived = collect(element, 'business-arrived');
    const firstItem = element.shadowRoot!.querySelector('.newest li');
    source.emit('business', arrival, arrival.event_id);
    await element.updateComplete;
    expect(names(element)[0]).to.equal('Houston Hot Wings');
    expect(element.shadowRoot!.querySelectorAll('.newest li')[1], 'the items already listed stay put (keyed by event)').to.equal(firstItem);
    expect(names(element)).to.have.length(5);
    expect(total(element)).to.equal('1,285');
    expect(rowOf(element, 'Restaurants')).to.equal('Restaurants 413');
    expect(rowOf(element, 'TX')).to.equal('TX 499 Austin (211), Houston (161), Dallas (127)');
    expect(arrived).to.deep.equal([{ business: arrival.business }]);
    // The given fixture is never mutated by arrivals.
    expect(feed.total_businesses).to.equal(1284);
    await expect(element).to.be.accessible();
  });

  it('shows the first rows of each table, and all of them on request', async () => {
    const element = await fixture<LiveBusinessFeed>(html`<live-business-feed rows="2" .data=${feed}></live-business-feed>`);
    const rowsOf = (table: string) => element.shadowRoot!.querySelectorAll(`table.${table} tbody tr`).length;
    const more = () => [...element.shadowRoot!.querySelectorAll<HTMLButtonElement>('button.more')];
    expect([rowsOf('category'), rowsOf('state')]).to.deep.equal([2, 2]);
    expect(more().map((button) => [button.textContent!.trim(), button.getAttribute('aria-expanded')])).to.deep.equal([
      ['Show all 5', 'false'],
      ['Show all 4', 'false'],
    ]);
    more()[1]!.click();
    await element.updateComplete;
    expect([rowsOf('category'), rowsOf('state')]).to.deep.equal([2, 4]);
    expect([more()[1]!.textContent!.trim(), more()[1]!.getAttribute('aria-expanded')]).to.deep.equal(['Show fewer', 'true']);
    await expect(element).to.be.accessible();
    element.rows = 0;
    await element.updateComplete;
    expect([rowsOf('category'), rowsOf('state'), more().length]).to.deep.equal([5, 4, 0]);
  });

  it('adds a category and a state it had not seen before', async () => {
    network = stubFetch(routes({ [PATH]: feed }));
    const { element, source } = await mountLive();
    source.emit('business', newPlaceArrival, newPlaceArrival.event_id);
    await element.updateComplete;
    expect(rowOf(element, 'Accounting'), 'the sixth category, past the first five rows').to.equal('');
    element.shadowRoot!.querySelector<HTMLButtonElement>('button.more')!.click();
    await element.updateComplete;
    expect(rowOf(element, 'Accounting')).to.equal('Accounting 1');
    expect(rowOf(element, 'ID')).to.equal('ID 1 Boise (1)');
    const item = element.shadowRoot!.querySelector('.newest li')!.textContent!.replace(/\s+/g, ' ');
    expect(item).to.contain('Accounting · Boise, ID');
    expect(item, 'no rating for a business without one').not.to.contain('rated');
  });

  it('ignores duplicates and malformed events without throwing into the page', async () => {
    network = stubFetch(routes({ [PATH]: feed }));
    const { element, source } = await mountLive();
    const hostErrors: unknown[] = [];
    const onError = (event: ErrorEvent) => hostErrors.push(event.error ?? event.message);
    window.addEventListener('error', onError);
    const arrived = collect(element, 'business-arrived');
    try {
      source.emit('business', arrival, arrival.event_id);
      source.emit('business', arrival, arrival.event_id); // the same event again
      source.emit('business', { ...arrival, event_id: '7777' }, '7777'); // the same business under another event
      source.emit('business', feed.newest[0]!, feed.newest[0]!.event_id); // already listed when loaded
      source.emit('business', 'not json {', '7778');
      source.emit('business', { event_id: 7779, business: 'nope' }, '7779');
      source.emit('business', { ...entry(7780, { ...arrival.business, id: 'x' }), business: { ...arrival.business, id: 'y', state: 42 } }, '7780');
      source.emit('business', null, '7781');
      await element.updateComplete;
    } finally {
      window.removeEventListener('error', onError);
    }
    expect(hostErrors).to.deep.equal([]);
    expect(arrived).to.have.length(1);
    expect(total(element)).to.equal('1,285');
    expect(names(element).filter((n) => n === 'Houston Hot Wings')).to.have.length(1);
    expect(element.state).to.equal('data');
  });

  it('caps the newest list at the newest attribute', async () => {
    network = stubFetch(routes({ [PATH]: { ...feed, newest: feed.newest.slice(0, 3) } }));
    const { element, source } = await mountLive(html`<live-business-feed api-base=${API} newest="3"></live-business-feed>`);
    expect(network.requests[0]!.url.searchParams.get('newest')).to.equal('3');
    const batch: PoolEntry[] = arrivals(5);
    for (const e of batch) source.emit('business', e, e.event_id);
    await element.updateComplete;
    expect(names(element)).to.deep.equal(['Arrival 5', 'Arrival 4', 'Arrival 3']);
    expect(total(element)).to.equal('1,289');
  });

  it('pauses on the user’s click, buffers arrivals as "N new", and applies them on resume', async () => {
    network = stubFetch(routes({ [PATH]: feed }));
    const { element, source } = await mountLive();
    const changes = collect(element, 'feed-pause-change');
    const arrived = collect(element, 'business-arrived');
    pauseButton(element).click();
    await element.updateComplete;
    expect(changes).to.deep.equal([{ paused: true }]);
    expect(pauseButton(element).textContent!.trim(), 'the button says what it will do').to.equal('Resume updates');
    expect(element.paused).to.equal(true);
    source.emit('business', arrival, arrival.event_id);
    source.emit('business', newPlaceArrival, newPlaceArrival.event_id);
    await element.updateComplete;
    expect(names(element)[0]).to.equal('Blue Bonnet Bakery');
    expect(total(element)).to.equal('1,284');
    expect(liveText(element)).to.equal('Paused · 2 new');
    expect(arrived).to.have.length(0);
    await expect(element).to.be.accessible();
    pauseButton(element).click();
    await element.updateComplete;
    await element.updateComplete;
    expect(changes).to.deep.equal([{ paused: true }, { paused: false }]);
    expect(names(element).slice(0, 2)).to.deep.equal(['Boise Bookkeeping', 'Houston Hot Wings']);
    expect(total(element)).to.equal('1,286');
    expect(liveText(element)).to.equal('Live');
    expect(arrived).to.have.length(2);
  });

  it('is operable from the keyboard: Enter and Space toggle the pause button', async () => {
    network = stubFetch(routes({ [PATH]: feed }));
    const { element } = await mountLive();
    const changes = collect(element, 'feed-pause-change');
    pauseButton(element).focus();
    await sendKeys({ press: 'Enter' });
    await element.updateComplete;
    expect(element.paused).to.equal(true);
    await sendKeys({ press: 'Space' });
    await element.updateComplete;
    expect(changes).to.deep.equal([{ paused: true }, { paused: false }]);
    expect(element.shadowRoot!.activeElement, 'focus stays on the button').to.equal(pauseButton(element));
  });

  it('shows the connection as text: reconnecting after an error, live again once reopened', async () => {
    network = stubFetch(routes({ [PATH]: feed }));
    const { element, source } = await mountLive();
    source.fail();
    await element.updateComplete;
    expect(liveText(element)).to.equal('Reconnecting…');
    source.dispatchEvent(new Event('open'));
    await element.updateComplete;
    expect(liveText(element)).to.equal('Live');
  });

  it('closes the stream when removed and opens a new one when put back', async () => {
    network = stubFetch(routes({ [PATH]: feed }));
    const { element, source } = await mountLive();
    const parent = element.parentElement!;
    element.remove();
    expect(source.closed).to.equal(true);
    parent.append(element);
    await waitUntil(() => FakeEventSource.instances.length === 2, 'no new stream after reconnecting');
    expect(FakeEventSource.instances[1]!.closed).to.equal(false);
    element.remove();
    expect(FakeEventSource.instances[1]!.closed).to.equal(true);
  });

  it('renders hostile strings from the API and the stream as text', async () => {
    const hostile = {
      ...feed,
      by_category: [{ category: HOSTILE, businesses: 3 }],
      newest: [entry(1, { ...feed.newest[0]!.business, business_name: HOSTILE })],
    };
    network = stubFetch(routes({ [PATH]: hostile }));
    const { element, source } = await mountLive();
    source.emit('business', entry(2, { ...arrival.business, referring_directory: HOSTILE, city: HOSTILE }), '2');
    await element.updateComplete;
    expect(element.shadowRoot!.querySelector('img')).to.equal(null);
    expect(names(element)).to.include(HOSTILE);
    expect(textOf(element)).to.contain(`via ${HOSTILE}`);
  });

  describeFaults({
    mount: (apiBase, timeout) => fixture(html`<live-business-feed api-base=${apiBase} timeout=${timeout}></live-business-feed>`),
    healthy: routes({ [PATH]: feed }),
  });
});
