import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { API, type FakeRequest, fakeSession, HOSTILE, json, routes, stubFetch, textOf } from '../testing/fake-api.ts';
import { type FakeClock, installFakeClock } from '../testing/fake-clock.ts';
import { describeFaults } from '../testing/faults.ts';
import './define.ts';
import { balances, clawback, earnings, newPartner, olderPayouts, payouts } from './earnings-balance.fixtures.ts';
import type { EarningsBalance } from './earnings-balance.ts';

const PARTNER = '/v1/partner/me';
const DEVELOPER = '/v1/developer/me';
const SECRET = 'ews_partner_test_session';
const settled = (element: EarningsBalance) => waitUntil(() => ['data', 'empty', 'error'].includes(element.state), 'never settled');
const historySettled = (element: EarningsBalance) =>
  waitUntil(() => $(element, 'table') || $(element, '.state.empty') || $(element, '.state.error'), 'the history never settled');
const mount = (audience = 'partner', secret = SECRET) =>
  fixture<EarningsBalance>(html`<earnings-balance api-base=${API} audience=${audience} .fetchSession=${fakeSession(secret)}></earnings-balance>`);
const $ = (element: EarningsBalance, selector: string) => element.shadowRoot!.querySelector<HTMLElement>(selector);
const $$ = (element: EarningsBalance, selector: string) => [...element.shadowRoot!.querySelectorAll<HTMLElement>(selector)];
/** Each headline figure as [label, value, note]. */
const figuresOf = (element: EarningsBalance) =>
  $$(element, 'dl.figures .figure').map((figure) => [...figure.children].map((child) => child.textContent!.trim()));
const rowsOf = (element: EarningsBalance) => $$(element, 'tbody tr').map((row) => [...row.children].map((cell) => cell.textContent!.trim()));
/** The partner API: the balances, and the history paged by cursor. */
const api = (base = PARTNER, first = payouts) =>
  routes({
    [`${base}/balances`]: balances,
    [`${base}/payouts`]: (request: FakeRequest) => json(request.url.searchParams.get('cursor') ? olderPayouts : first),
  });

describe('earnings-balance', () => {
  let network: ReturnType<typeof stubFetch> | undefined;
  let clock: FakeClock | undefined;
  afterEach(() => {
    clock?.uninstall();
    network?.restore();
  });

  it('fetches a partner’s balances and payouts with the session and shows every state’s figure exactly', async () => {
    network = stubFetch(api());
    const element = await mount();
    await settled(element);
    await historySettled(element);
    expect(element.state).to.equal('data');
    expect(network.requests.map((r) => r.url.href).sort()).to.deep.equal([`${API}${PARTNER}/balances`, `${API}${PARTNER}/payouts?limit=10`]);
    for (const request of network.requests) expect(request.headers.get('Authorization')).to.equal(`Bearer ${SECRET}`);
    expect(figuresOf(element)).to.deep.equal([
      ['Pending', '$184.20', 'In the hold period, for 30 days'],
      ['On hold', '$42.00', 'Held for review: neither approved nor paid meanwhile'],
      ['Approved', '$312.75', 'Ready for the next payout'],
      ['In a payout', '$128.40', 'Scheduled, not paid yet'],
      ['Paid', '$2,315.60', 'Paid to you so far'],
    ]);
    const next = $(element, '.next')!.textContent!.replace(/\s+/g, ' ');
    expect(next).to.contain('Planned for Dec 15, 2026');
    expect(next).to.contain('Expected amount $312.75');
    expect(next).to.contain('Meets the $50.00 minimum.');
    await expect(element).to.be.accessible();
  });

  it('formats money in the currency each response states', async () => {
    const inEuros = { balances: { ...balances, currency: 'EUR' }, payouts: { ...payouts, currency: 'EUR' } };
    const element = await fixture<EarningsBalance>(html`<earnings-balance locale="en-US" .data=${inEuros}></earnings-balance>`);
    expect(figuresOf(element)[0]![1]).to.equal('€184.20');
    expect($(element, '.next')!.textContent).to.contain('Meets the €50.00 minimum.');
    expect(rowsOf(element)[0]![1]).to.equal('€128.40');
  });

  it('leaves out the on-hold figure when nothing is held', async () => {
    const element = await fixture<EarningsBalance>(html`<earnings-balance .data=${newPartner}></earnings-balance>`);
    expect(figuresOf(element).map((f) => f[0])).to.deep.equal(['Pending', 'Approved', 'In a payout', 'Paid']);
  });

  it('says a negative approved balance (a refund after a payout) will be deducted, in the danger colour and in words', async () => {
    const element = await fixture<EarningsBalance>(html`<earnings-balance .data=${clawback}></earnings-balance>`);
    const approved = figuresOf(element).find((f) => f[0] === 'Approved')!;
    expect(approved).to.deep.equal(['Approved', '-$24.50', 'A refund of paid earnings: deducted from your next payout']);
    expect($(element, 'dd.negative')!.textContent).to.equal('-$24.50');
    expect($(element, '.next')!.textContent).to.contain('-$24.50');
    await expect(element).to.be.accessible();
  });

  it('says when the next payout is below the minimum and carried over', async () => {
    const element = await fixture<EarningsBalance>(html`<earnings-balance .data=${newPartner}></earnings-balance>`);
    const below = $(element, '.next .below')!;
    expect(below.textContent!.trim()).to.equal('Below the $50.00 minimum: carried over to a later payout.');
    expect($(element, '.next')!.textContent).to.contain('$8.20');
  });

  it('lists the payouts newest first with status badges and the reference of paid ones, in a captioned table', async () => {
    const element = await fixture<EarningsBalance>(html`<earnings-balance locale="en-US" .data=${earnings}></earnings-balance>`);
    expect($(element, 'table caption')!.textContent).to.equal('Payout history');
    expect($$(element, 'thead th').map((th) => th.textContent!.trim())).to.deep.equal(['Date', 'Amount', 'Status', 'Reference']);
    expect(rowsOf(element)).to.deep.equal([
      ['Nov 15, 2026', '$128.40', 'Scheduled', ''],
      ['Oct 15, 2026', '$604.10', 'Paid', 'TRF-2026-10-0412'],
      ['Sep 15, 2026', '$251.30', 'Cancelled', ''],
      ['Sep 16, 2026', '$251.30', 'Paid', 'TRF-2026-09-0981'],
      ['Aug 15, 2026', '$1,460.20', 'Paid', 'TRF-2026-08-0117'],
    ]);
    // the status is its word; the badge's class only colours it
    expect($$(element, '.badge').map((b) => b.className)).to.deep.equal(['badge scheduled', 'badge paid', 'badge cancelled', 'badge paid', 'badge paid']);
    expect($(element, '.more'), 'given data loads no more').to.equal(null);
  });

  it('loads more payouts with the cursor, appends them, announces them and moves focus to the first new row', async () => {
    network = stubFetch(api());
    const element = await mount();
    await settled(element);
    await historySettled(element);
    expect($$(element, 'tbody tr')).to.have.length(5);
    const more = $(element, '.more button')!;
    expect(more.textContent!.trim()).to.equal('Load more');
    more.click();
    await waitUntil(() => $$(element, 'tbody tr').length === 6, 'the next page never came');
    const last = network.requests.at(-1)!;
    expect(last.url.pathname).to.equal(`${PARTNER}/payouts`);
    expect(Object.fromEntries(last.url.searchParams)).to.deep.equal({ limit: '10', cursor: payouts.next_cursor });
    expect(last.headers.get('Authorization')).to.equal(`Bearer ${SECRET}`);
    expect(rowsOf(element).at(-1)).to.deep.equal(['Jul 15, 2026', '$88.00', 'Paid', 'TRF-2026-07-0033']);
    expect($(element, '.more'), 'no button after the last page').to.equal(null);
    expect($(element, '[role="status"]')!.textContent).to.equal('1 more payouts loaded, 6 shown.');
    await waitUntil(() => element.shadowRoot!.activeElement?.getAttribute('data-payout') === olderPayouts.payouts[0]!.id, 'focus did not move');
    await expect(element).to.be.accessible();
  });

  it('shows a failed "Load more" beside the button, and loads on the next click', async () => {
    let fail = true;
    network = stubFetch(
      routes({
        [`${PARTNER}/balances`]: balances,
        [`${PARTNER}/payouts`]: (request: FakeRequest) =>
          request.url.searchParams.get('cursor') ? (fail ? json({ error: { code: 'bad', message: 'no' } }, 400) : json(olderPayouts)) : json(payouts),
      }),
    );
    const element = await mount();
    await settled(element);
    await historySettled(element);
    $(element, '.more button')!.click();
    await waitUntil(() => $(element, '.more [role="alert"]'), 'no error shown');
    expect($$(element, 'tbody tr')).to.have.length(5);
    fail = false;
    $(element, '.more button')!.click();
    await waitUntil(() => $$(element, 'tbody tr').length === 6, 'the retry did not load');
  });

  it('says "No payouts yet" for an empty history', async () => {
    network = stubFetch(routes({ [`${PARTNER}/balances`]: newPartner.balances, [`${PARTNER}/payouts`]: { currency: 'USD', payouts: [], next_cursor: null } }));
    const element = await mount();
    await settled(element);
    await historySettled(element);
    expect(element.state).to.equal('data');
    expect($(element, '.state.empty')!.textContent!.trim()).to.equal('No payouts yet.');
    expect($(element, 'table')).to.equal(null);
    await expect(element).to.be.accessible();
  });

  it('reads a developer’s routes with audience="developer"', async () => {
    network = stubFetch(api(DEVELOPER));
    const element = await mount('developer', 'ews_developer_test_session');
    await settled(element);
    await historySettled(element);
    expect(element.state).to.equal('data');
    expect(network.requests.map((r) => r.url.pathname).sort()).to.deep.equal([`${DEVELOPER}/balances`, `${DEVELOPER}/payouts`]);
    $(element, '.more button')!.click();
    await waitUntil(() => $$(element, 'tbody tr').length === 6, 'the next page never came');
    expect(network.requests.at(-1)!.url.pathname).to.equal(`${DEVELOPER}/payouts`);
  });

  it('asks the other audience’s routes when the audience changes', async () => {
    network = stubFetch((request) => api(request.url.pathname.startsWith(DEVELOPER) ? DEVELOPER : PARTNER)(request));
    const element = await mount();
    await settled(element);
    element.audience = 'developer';
    await waitUntil(() => network!.requests.some((r) => r.url.pathname === `${DEVELOPER}/balances`), 'never asked the developer routes');
    await settled(element);
    expect(element.state).to.equal('data');
  });

  it('speaks French with French money and dates', async () => {
    const element = await fixture<EarningsBalance>(html`<earnings-balance locale="fr-FR" .data=${earnings}></earnings-balance>`);
    const text = textOf(element);
    expect(text).to.contain('Vos gains');
    expect(figuresOf(element)[0]![0]).to.equal('En attente');
    expect(figuresOf(element)[0]![1]).to.match(/^184,20\s\$/);
    expect(figuresOf(element)[0]![2]).to.equal('En période de rétention, pendant 30 jours');
    expect(figuresOf(element)[4]![1]).to.match(/^2\s315,60\s\$/);
    expect(text).to.contain('Prévu le 15 déc. 2026');
    expect(text).to.match(/Atteint le minimum de 50,00\s\$/);
    const [date, amount, status] = rowsOf(element)[1]!;
    expect([date, status]).to.deep.equal(['15 oct. 2026', 'Payé']);
    expect(amount).to.match(/^604,10\s\$/);
    expect(rowsOf(element)[0]![2]).to.equal('Planifié');
    expect(rowsOf(element)[2]![2]).to.equal('Annulé');
    const below = await fixture<EarningsBalance>(html`<earnings-balance locale="fr-FR" .data=${clawback}></earnings-balance>`);
    expect(textOf(below)).to.contain('déduit de votre prochain versement');
    expect(textOf(below)).to.match(/Sous le minimum de 50,00\s\$\S* : reporté/);
  });

  it('fits 320 px: nothing overflows the card, and each payout is a card with its columns named', async () => {
    const wrapper = await fixture<HTMLDivElement>(html`<div style="width: 320px"><earnings-balance .data=${earnings}></earnings-balance></div>`);
    const element = wrapper.querySelector('earnings-balance')!;
    const frame = $(element, '.frame')!;
    expect(frame.scrollWidth).to.be.at.most(frame.clientWidth);
    const region = $(element, '.table-scroll')!;
    expect(region.getAttribute('role')).to.equal('region');
    expect(region.tabIndex).to.equal(0);
    expect(region.scrollWidth, 'the history does not scroll sideways').to.be.at.most(region.clientWidth);
    const row = $(element, 'tbody tr')!;
    expect(getComputedStyle(row).display).to.equal('block');
    expect(getComputedStyle(row.querySelector('td')!, '::before').content).to.equal('"Amount"');
    expect(getComputedStyle(row.querySelector('td.none')!).display, 'no empty reference').to.equal('none');
    await expect(element).to.be.accessible();
  });

  it('reflects the theme it is given', async () => {
    const element = await fixture<EarningsBalance>(html`<earnings-balance .data=${earnings}></earnings-balance>`);
    element.theme = 'dark';
    await element.updateComplete;
    expect(element.getAttribute('theme')).to.equal('dark');
    expect(getComputedStyle(element).colorScheme).to.equal('dark');
  });

  it('stays idle with a sign-in message and fetches nothing without a session', async () => {
    network = stubFetch(api());
    const element = await fixture<EarningsBalance>(html`<earnings-balance api-base=${API}></earnings-balance>`);
    expect(element.state).to.equal('idle');
    expect(textOf(element)).to.contain('Sign in to see this.');
    expect(network.requests).to.have.length(0);
    await expect(element).to.be.accessible();
    element.fetchSession = fakeSession(SECRET);
    await settled(element);
    expect(element.state).to.equal('data');
  });

  it('shows the loading state while the API is answering, announced politely', async () => {
    let answer!: (response: Response) => void;
    network = stubFetch((request) => (request.url.pathname.endsWith('/balances') ? new Promise((resolve) => (answer = resolve)) : json(payouts)));
    const element = await mount();
    await waitUntil(() => element.state === 'loading', 'never loading');
    expect($(element, '[role="status"]')!.textContent).to.contain('Loading');
    await expect(element).to.be.accessible();
    answer(json(balances));
    await settled(element);
    expect(element.state).to.equal('data');
  });

  it('shows the error state with a working retry button, and is accessible there', async () => {
    let fail = true;
    network = stubFetch((request) =>
      fail && request.url.pathname.endsWith('/balances') ? json({ error: { code: 'unavailable', message: 'down' } }, 503) : api()(request),
    );
    clock = installFakeClock();
    const element = await mount();
    await clock.runUntil(() => element.state === 'error', 'never reached the error state', 1_000);
    clock.uninstall();
    expect($(element, '.error')!.getAttribute('role')).to.equal('alert');
    await expect(element).to.be.accessible();
    fail = false;
    $(element, '.error button')!.click();
    await waitUntil(() => element.state === 'data', 'retry did not recover');
    await historySettled(element);
    expect($$(element, 'tbody tr')).to.have.length(5);
  });

  it('shows a rejected session as an error without retrying by itself', async () => {
    network = stubFetch(() => json({ error: { code: 'unauthorized', message: 'Invalid session' } }, 401));
    const element = await mount('partner', 'ews_revoked');
    await settled(element);
    expect(element.state).to.equal('error');
    expect(textOf(element)).to.contain('Your credential was not accepted');
  });

  it('treats a balance that is not decimal text, or an unknown payout status, as an error', async () => {
    network = stubFetch(routes({ [`${PARTNER}/balances`]: { ...balances, approved: 312.75 }, [`${PARTNER}/payouts`]: payouts }));
    clock = installFakeClock();
    const element = await mount();
    await clock.runUntil(() => element.state === 'error', 'never reached the error state', 1_000);
    clock.uninstall();
    network.restore();
    const odd = { ...payouts, payouts: [{ ...payouts.payouts[0]!, status: 'lost' }], next_cursor: null };
    network = stubFetch(routes({ [`${PARTNER}/balances`]: balances, [`${PARTNER}/payouts`]: odd }));
    clock = installFakeClock();
    const other = await mount();
    await clock.runUntil(() => !!$(other, '.state.error'), 'the history never showed its error', 1_000);
    expect(other.state, 'the balances still show').to.equal('data');
  });

  it('renders a hostile reference as text', async () => {
    const hostile = { ...earnings, payouts: { ...payouts, payouts: [{ ...payouts.payouts[1]!, reference: HOSTILE }], next_cursor: null } };
    const element = await fixture<EarningsBalance>(html`<earnings-balance .data=${hostile}></earnings-balance>`);
    expect(element.shadowRoot!.querySelector('img')).to.equal(null);
    expect(textOf(element)).to.contain(HOSTILE);
  });

  describeFaults({
    mount: (apiBase, timeout) =>
      fixture(html`<earnings-balance api-base=${apiBase} timeout=${timeout} .fetchSession=${fakeSession(SECRET)}></earnings-balance>`),
    healthy: api(),
  });
});
