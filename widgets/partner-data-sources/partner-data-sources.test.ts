import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { API, fakeSession, HOSTILE, json, routes, stubFetch, textOf } from '../testing/fake-api.ts';
import { type FakeClock, installFakeClock } from '../testing/fake-clock.ts';
import { describeFaults } from '../testing/faults.ts';
import { dataSources, emptyDataSources, notTechnicalPartner } from './partner-data-sources.fixtures.ts';
import './define.ts';
import type { PartnerDataSources } from './partner-data-sources.ts';

const PATH = '/v1/developer/me/data-sources';
const SECRET = 'ews_developer_test_session';
const settled = (element: PartnerDataSources) => waitUntil(() => ['data', 'empty', 'error'].includes(element.state), 'never settled');
const mount = (secret = SECRET) =>
  fixture<PartnerDataSources>(html`<partner-data-sources api-base=${API} .fetchSession=${fakeSession(secret)}></partner-data-sources>`);
const $ = (element: PartnerDataSources, selector: string) => element.shadowRoot!.querySelector<HTMLElement>(selector);
const $$ = (element: PartnerDataSources, selector: string) => [...element.shadowRoot!.querySelectorAll<HTMLElement>(selector)];
const toggleOf = (element: PartnerDataSources) => $(element, 'button.toggle') as HTMLButtonElement | null;

describe('partner-data-sources', () => {
  let network: ReturnType<typeof stubFetch> | undefined;
  let clock: FakeClock | undefined;
  afterEach(() => {
    clock?.uninstall();
    network?.restore();
  });

  it('fetches the data sources with the developer key and shows shares, details, trend and earnings', async () => {
    network = stubFetch(routes({ [PATH]: dataSources }));
    const element = await mount();
    await settled(element);
    expect(element.state).to.equal('data');
    expect(network.requests.map((r) => r.url.href)).to.deep.equal([`${API}${PATH}`]);
    expect(network.requests[0]!.headers.get('Authorization')).to.equal(`Bearer ${SECRET}`);
    const text = textOf(element);
    expect(text).to.contain('184,320');
    expect(text).to.contain('Black Business Directory of Atlanta');
    expect(text).to.contain('28.3%');
    expect(text).to.contain('Active');
    expect(text).to.contain('7.5%');
    expect(text).to.contain('214');
    expect(text).to.contain('$18,342.60');
    // The first directory's bar is as wide as its share.
    const bar = $(element, '.bar')!;
    expect(bar.style.width).to.equal('28.27%');
    const headers = $$(element, 'thead th').map((th) => th.textContent!.trim());
    expect(headers.slice(0, 4)).to.deep.equal(['Directory', 'Records served', 'Share', 'Your apps']);
    expect(text, 'no invitation for a Technical Partner').not.to.contain('Become a Technical Partner');
    await expect(element).to.be.accessible();
  });

  it('shows the monthly trend as a table, and on request as a chart in its place', async () => {
    const element = await fixture<PartnerDataSources>(html`<partner-data-sources .data=${dataSources}></partner-data-sources>`);
    expect($(element, '#trend-title + p')!.textContent).to.equal('From 8,120 in Dec 2025 to 24,250 in Nov 2026.');
    expect($$(element, '.trend tbody tr')).to.have.length(12);
    expect($(element, '.trend tbody tr')!.textContent).to.match(/Dec 2025\s*8,120/);
    expect($(element, '.chart')).to.equal(null);
    const toggle = $(element, 'button[aria-pressed]') as HTMLButtonElement;
    expect(toggle.textContent!.trim()).to.equal('Show as chart');
    toggle.click();
    await waitUntil(() => $(element, '.chart'), 'the chart never appeared');
    expect(toggle.getAttribute('aria-pressed')).to.equal('true');
    expect($(element, 'table.trend'), 'the figures are not shown twice').to.equal(null);
    const months = $$(element, '.slots > [role="img"]');
    expect(months).to.have.length(12);
    const heights = months.map((m) => m.querySelector('i')!.getBoundingClientRect().height);
    expect(heights[11]).to.be.greaterThan(heights[0]!);
    expect(months[0]!.getAttribute('aria-label')).to.equal('Dec 2025\nRecords served 8,120');
    expect($$(element, '.chart tbody tr')).to.have.length(12);
    expect($(element, '.chart tbody tr')!.textContent).to.match(/Dec 2025\s*8,120/);
    months[11]!.focus();
    await sendKeys({ press: 'ArrowLeft' });
    expect(getComputedStyle(months[10]!, '::after').content).to.contain('Records served');
    await expect(element).to.be.accessible();
  });

  it('marks the current month of the chart as counting so far', async () => {
    const thisMonth = new Date().toISOString().slice(0, 7);
    const by_month = dataSources.by_month.map((m, i, all) => (i === all.length - 1 ? { ...m, month: thisMonth } : m));
    const element = await fixture<PartnerDataSources>(html`<partner-data-sources .data=${{ ...dataSources, by_month }}></partner-data-sources>`);
    expect($(element, '.trend tbody tr:last-child th')!.textContent).to.contain('(so far)');
    ($(element, 'button[aria-pressed]') as HTMLButtonElement).click();
    await waitUntil(() => $(element, '.chart'), 'the chart never appeared');
    const last = $$(element, '.slots > [role="img"]').at(-1)!;
    expect(last.classList.contains('partial')).to.equal(true);
    expect(last.getAttribute('aria-label')).to.contain('(so far)');
    expect(getComputedStyle(last.querySelector('i')!).backgroundImage).to.contain('repeating-linear-gradient');
    expect($(element, '.chart figcaption')!.textContent).to.contain('(so far)');
  });

  it('shows the first 8 directories, and all of them after "Show all", firing data-sources-expand', async () => {
    const element = await fixture<PartnerDataSources>(html`<partner-data-sources .data=${dataSources}></partner-data-sources>`);
    expect($$(element, '#details tbody tr')).to.have.length(8);
    expect($$(element, 'tbody tr')).to.have.length(8 + 12);
    const toggle = toggleOf(element)!;
    expect(toggle.textContent!.trim()).to.equal('Show all 11 directories');
    expect(toggle.getAttribute('aria-expanded')).to.equal('false');
    toggle.focus();
    setTimeout(() => toggle.click());
    const opened = await oneEvent(element, 'data-sources-expand');
    expect(opened.detail).to.deep.equal({ expanded: true });
    expect(opened.bubbles && opened.composed).to.equal(true);
    await element.updateComplete;
    // eleven directories: the first page of ten, the rest a page away (the paged table's own test)
    expect($$(element, '#details tbody tr')).to.have.length(10);
    expect(toggle.getAttribute('aria-expanded')).to.equal('true');
    expect(element.shadowRoot!.activeElement, 'focus stays on the toggle').to.equal(toggle);
    await expect(element).to.be.accessible();
    setTimeout(() => toggle.click());
    const closed = await oneEvent(element, 'data-sources-expand');
    expect(closed.detail).to.deep.equal({ expanded: false });
    await element.updateComplete;
    expect($$(element, '#details tbody tr')).to.have.length(8);
  });

  it('honours the limit attribute, and shows no toggle when every directory fits', async () => {
    const limited = await fixture<PartnerDataSources>(html`<partner-data-sources limit="3" .data=${dataSources}></partner-data-sources>`);
    expect($$(limited, '#details tbody tr')).to.have.length(3);
    expect(toggleOf(limited)).to.exist;
    const few = await fixture<PartnerDataSources>(html`<partner-data-sources .data=${notTechnicalPartner}></partner-data-sources>`);
    expect($$(few, '#details tbody tr')).to.have.length(3);
    expect(toggleOf(few)).to.equal(null);
  });

  it('invites a developer who is not a Technical Partner, firing technical-partner-cta', async () => {
    const element = await fixture<PartnerDataSources>(html`<partner-data-sources .data=${notTechnicalPartner}></partner-data-sources>`);
    const cta = $$(element, '.cta button').find((b) => b.textContent!.includes('Become a Technical Partner')) as HTMLButtonElement;
    expect(cta).to.exist;
    expect(textOf(element)).not.to.contain('Revenue share');
    setTimeout(() => cta.click());
    const event = await oneEvent(element, 'technical-partner-cta');
    expect(event.bubbles && event.composed).to.equal(true);
    await expect(element).to.be.accessible();
  });

  it('speaks French with French number, percent, money and month formats', async () => {
    const element = await fixture<PartnerDataSources>(html`<partner-data-sources locale="fr-FR" .data=${dataSources}></partner-data-sources>`);
    const text = textOf(element);
    expect(text).to.contain('Vos sources de données');
    expect(text).to.match(/184\s320/);
    expect(text).to.match(/28,3\s%/);
    expect(text).to.match(/18\s342,60\s\$/);
    expect(text).to.contain('Actif');
    expect(text).to.match(/déc\. 2025/);
    expect(toggleOf(element)!.textContent!.trim()).to.equal('Afficher les 11 annuaires');
  });

  it('fits 320 px: nothing overflows the card, and the wide table scrolls in a focusable region', async () => {
    const wrapper = await fixture<HTMLDivElement>(html`<div style="width: 320px"><partner-data-sources .data=${dataSources}></partner-data-sources></div>`);
    const element = wrapper.firstElementChild as PartnerDataSources;
    const frame = $(element, '.frame')!;
    expect(element.getBoundingClientRect().width).to.equal(320);
    expect(frame.scrollWidth).to.be.at.most(frame.clientWidth);
    const region = $(element, '.table-scroll')!;
    expect(region.scrollWidth, 'the table scrolls instead of squeezing').to.be.greaterThan(region.clientWidth);
    expect(region.tabIndex).to.equal(0);
    await expect(element).to.be.accessible();
  });

  it('pages and searches more than ten directories once all show, as cards at 390 px', async () => {
    const wrapper = await fixture<HTMLDivElement>(html`<div style="width: 390px"><partner-data-sources .data=${dataSources}></partner-data-sources></div>`);
    const element = wrapper.firstElementChild as PartnerDataSources;
    expect($(element, '#details-q'), 'eight directories need no pager').to.equal(null);
    toggleOf(element)!.click();
    await waitUntil(() => $(element, '#details-q'), 'the paged table never appeared');
    const names = () => $$(element, 'table.details tbody th').map((th) => th.textContent!.trim());
    const status = () => $(element, '.pager [role="status"]')!.textContent!.trim();
    const [previous, next] = $$(element, '.pager button');
    expect(names()).to.deep.equal(dataSources.directories.slice(0, 10).map((d) => d.directory_name));
    expect(status()).to.equal('1–10 of 11');
    expect(previous!.getAttribute('aria-disabled')).to.equal('true');
    next!.click();
    await element.updateComplete;
    expect(names()).to.deep.equal([dataSources.directories[10]!.directory_name]);
    expect(status(), 'a page of one row names it once').to.equal('11 of 11');
    expect(next!.getAttribute('aria-disabled')).to.equal('true');
    const input = $(element, '#details-q') as HTMLInputElement;
    expect($(element, 'label[for="details-q"]')!.textContent).to.equal('Search directories');
    input.value = 'atlanta';
    input.dispatchEvent(new Event('input'));
    await element.updateComplete;
    expect(names()).to.deep.equal(['Black Business Directory of Atlanta']);
    expect(status()).to.equal('1 of 1');
    const row = $(element, 'table.details tbody tr')!;
    expect(getComputedStyle(row).display, 'each directory is a card').to.equal('block');
    expect(getComputedStyle(row.querySelector('td')!, '::before').content).to.equal('"Records served"');
    const region = $(element, '#details')!;
    expect(region.scrollWidth, 'a card does not scroll sideways').to.be.at.most(region.clientWidth);
    const frame = $(element, '.frame')!;
    expect(frame.scrollWidth).to.be.at.most(frame.clientWidth);
    await expect(element).to.be.accessible();
  });

  it('takes its data as a property without fetching', async () => {
    network = stubFetch(() => json({}, 500));
    const element = await fixture<PartnerDataSources>(
      html`<partner-data-sources api-base=${API} .fetchSession=${fakeSession(SECRET)} .data=${dataSources}></partner-data-sources>`,
    );
    expect(element.state).to.equal('data');
    expect(network.requests).to.have.length(0);
    expect(textOf(element)).to.contain('184,320');
  });

  it('stays idle with a sign-in message and fetches nothing without a key', async () => {
    network = stubFetch(routes({ [PATH]: dataSources }));
    const element = await fixture<PartnerDataSources>(html`<partner-data-sources api-base=${API}></partner-data-sources>`);
    expect(element.state).to.equal('idle');
    expect(textOf(element)).to.contain('Sign in to see this.');
    expect(network.requests).to.have.length(0);
    await expect(element).to.be.accessible();
    element.fetchSession = fakeSession(SECRET);
    await settled(element);
    expect(element.state).to.equal('data');
  });

  it('shows a rejected key as an error without retrying by itself', async () => {
    network = stubFetch(() => json({ error: { code: 'unauthorized', message: 'Invalid API key' } }, 401));
    const element = await mount('dk_revoked');
    await settled(element);
    expect(element.state).to.equal('error');
    expect(textOf(element)).to.contain('Your credential was not accepted');
    expect(network.requests).to.have.length(1);
  });

  it('shows the loading state while the API is answering, announced politely', async () => {
    let answer!: (response: Response) => void;
    network = stubFetch(() => new Promise((resolve) => (answer = resolve)));
    const element = await mount();
    expect(element.state).to.equal('loading');
    expect($(element, '[role="status"]')!.textContent).to.contain('Loading');
    await expect(element).to.be.accessible();
    answer(json(dataSources));
    await settled(element);
    expect(element.state).to.equal('data');
  });

  it('shows the empty state for a developer with no partner data, still inviting them', async () => {
    network = stubFetch(routes({ [PATH]: emptyDataSources }));
    const element = await mount();
    await settled(element);
    expect(element.state).to.equal('empty');
    expect(textOf(element)).to.contain('Your apps have not read any partner data yet.');
    expect($(element, '.cta button')).to.exist;
    expect($(element, '#details')).to.equal(null);
    await expect(element).to.be.accessible();
  });

  it('shows the error state with a working retry button, and is accessible there', async () => {
    let fail = true;
    network = stubFetch(() => (fail ? json({ error: { code: 'unavailable', message: 'down' } }, 503) : json(dataSources)));
    clock = installFakeClock();
    const element = await mount();
    await clock.runUntil(() => element.state === 'error', 'never reached the error state', 1_000);
    clock.uninstall();
    await expect(element).to.be.accessible();
    fail = false;
    $(element, '.error button')!.click();
    await waitUntil(() => element.state === 'data', 'retry did not recover');
  });

  it('renders hostile directory names from the API as text', async () => {
    const hostile = { ...dataSources, directories: [{ ...dataSources.directories[0]!, directory_name: HOSTILE }] };
    network = stubFetch(routes({ [PATH]: hostile }));
    const element = await mount();
    await settled(element);
    expect(element.shadowRoot!.querySelector('img')).to.equal(null);
    expect(textOf(element)).to.contain(HOSTILE);
  });

  it('treats a directory of the wrong shape as an error', async () => {
    network = stubFetch(routes({ [PATH]: { ...dataSources, directories: [{ directory_name: 'X', share_percent: 12 }] } }));
    clock = installFakeClock();
    const element = await mount();
    await clock.runUntil(() => element.state === 'error', 'never reached the error state', 1_000);
  });

  describeFaults({
    mount: (apiBase, timeout) =>
      fixture(html`<partner-data-sources api-base=${apiBase} timeout=${timeout} .fetchSession=${fakeSession(SECRET)}></partner-data-sources>`),
    healthy: routes({ [PATH]: dataSources }),
  });
});
