import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { API, type FakeRequest, fakeSession, HOSTILE, json, routes, stubFetch, textOf } from '../testing/fake-api.ts';
import { type FakeClock, installFakeClock } from '../testing/fake-clock.ts';
import { describeFaults } from '../testing/faults.ts';
import { crossPollination, dashboard, emptyDashboard, health, revenue } from './admin-revenue-dashboard.fixtures.ts';
import './define.ts';
import type { AdminRevenueDashboard, Panel } from './admin-revenue-dashboard.ts';

const REVENUE = '/v1/admin/revenue';
const CROSS = '/v1/admin/cross-pollination';
const HEALTH = '/v1/admin/health';
const SECRET = 'ews_admin_test_session';
const healthy = routes({ [REVENUE]: revenue, [CROSS]: crossPollination, [HEALTH]: health });

const settled = (element: AdminRevenueDashboard) => waitUntil(() => ['data', 'empty', 'error'].includes(element.state), `never settled (${element.state})`);
const $ = <T extends Element = HTMLElement>(element: AdminRevenueDashboard, selector: string) => element.shadowRoot!.querySelector<T>(selector);
const mount = (panel?: Panel, months?: number) =>
  fixture<AdminRevenueDashboard>(
    html`<admin-revenue-dashboard api-base=${API} .fetchSession=${fakeSession(SECRET)} panel=${panel ?? 'revenue'} months=${months ?? 12}></admin-revenue-dashboard>`,
  );
const selectedTab = (element: AdminRevenueDashboard) => $(element, '[role="tab"][aria-selected="true"]')!;
const visiblePanel = (element: AdminRevenueDashboard) => $(element, '[role="tabpanel"]:not([hidden])')!;
const panelText = (element: AdminRevenueDashboard) => visiblePanel(element).textContent!.replace(/\s+/g, ' ');
/** The visible panel's figures as { label: value }. */
const figures = (element: AdminRevenueDashboard) =>
  Object.fromEntries(
    [...visiblePanel(element).querySelectorAll('.figure')].map((f) => [f.querySelector('dt')!.textContent!.trim(), f.querySelector('dd')!.textContent!.trim()]),
  );
const cells = (row: Element) => [...row.children].map((cell) => cell.textContent!.replace(/\s+/g, ' ').trim());

describe('admin-revenue-dashboard', () => {
  let network: ReturnType<typeof stubFetch> | undefined;
  let clock: FakeClock | undefined;
  afterEach(() => {
    clock?.uninstall();
    network?.restore();
  });

  it('fetches the three panels with the admin embed session and shows combined revenue first', async () => {
    network = stubFetch(healthy);
    const element = await mount();
    await settled(element);
    expect(element.state).to.equal('data');
    expect(network.requests.map((r) => r.url.href).sort()).to.deep.equal([`${API}${CROSS}`, `${API}${HEALTH}`, `${API}${REVENUE}?months=12`]);
    expect(network.requests.every((r) => r.headers.get('Authorization') === `Bearer ${SECRET}`)).to.equal(true);
    expect(selectedTab(element).textContent!.trim()).to.equal('Revenue');
    const text = panelText(element);
    expect(text).to.contain('$376,740.00');
    expect(text).to.contain('$34,086.00');
    expect(text).to.contain('$342,654.00');
    const channels = [...element.shadowRoot!.querySelectorAll('.channels tbody tr')].map(cells);
    expect(channels[0]!.slice(1)).to.deep.equal(['$287,040.00', '$28,704.00', '$258,336.00']);
    expect(channels[0]![0]).to.contain('Partner program');
    expect(channels[1]!.slice(1)).to.deep.equal(['$89,700.00', '$5,382.00', '$84,318.00']);
    expect(channels[1]![0]).to.contain('Developer platform');
    const monthRows = element.shadowRoot!.querySelectorAll('table.months tbody tr');
    expect(monthRows).to.have.length(12);
    expect(cells(monthRows[0]!).join(' ')).to.equal('Jun 2025 $18,400.00 $4,120.00 $22,520.00 $2,087.20 $20,432.80');
    // the months show once: as a table until the chart is asked for
    expect($(element, '.chart')).to.equal(null);
    expect($(element, 'button[aria-pressed="false"]')!.textContent!.trim()).to.equal('Show as chart');
    await expect(element).to.be.accessible();
  });

  it('draws the months on request as a chart in place of the table: stacked, in dollars, whose hidden table holds every figure', async () => {
    network = stubFetch(healthy);
    const element = await mount();
    await settled(element);
    const toggle = $<HTMLButtonElement>(element, 'button[aria-pressed]')!;
    toggle.focus();
    toggle.click();
    await waitUntil(() => $(element, '.chart'), 'the chart never appeared');
    expect(toggle.getAttribute('aria-pressed')).to.equal('true');
    expect(toggle.isConnected && element.shadowRoot!.activeElement, 'the toggle keeps the focus').to.equal(toggle);
    const chart = $(element, '.chart')!;
    expect($(element, 'table.months'), 'the figures are not shown twice').to.equal(null);
    expect(chart.querySelector('.slots')!.getAttribute('aria-label')).to.equal('Monthly revenue');
    const months = [...chart.querySelectorAll<HTMLElement>('.slots > [role="img"]')];
    expect(months).to.have.length(12);
    // API billing stacked on business payments, each bar in proportion to the month's total
    const heights = months.map((m) => [...m.querySelectorAll('i')].map((bar) => bar.getBoundingClientRect().height));
    expect(heights.every((bars) => bars.length === 2)).to.equal(true);
    const [business, api] = [...months[0]!.querySelectorAll('i')].map((bar) => bar.getBoundingClientRect());
    expect(api!.bottom).to.be.closeTo(business!.top, 0.5);
    expect(heights[11]![0]! + heights[11]![1]!).to.be.greaterThan(heights[0]![0]! + heights[0]![1]!);
    // a money axis at round values
    expect([...chart.querySelectorAll('.y span')].map((t) => t.textContent)).to.deep.equal(['$60K', '$40K', '$20K', '$0']);
    expect(months[0]!.getAttribute('aria-label')).to.equal('Jun 2025\nBusiness payments $18,400.00\nAPI billing $4,120.00');
    months[11]!.focus();
    await sendKeys({ press: 'ArrowLeft' });
    expect(getComputedStyle(months[10]!, '::after').content).to.contain('$');
    expect(chart.querySelector('figcaption')!.textContent).to.contain('Business payments');
    const table = chart.querySelector('table')!;
    expect(table.classList.contains('visually-hidden')).to.equal(true);
    expect(cells(table.querySelector('tbody tr')!).join(' ')).to.equal('Jun 2025 $18,400.00 $4,120.00 $22,520.00 $2,087.20 $20,432.80');
    await expect(element).to.be.accessible();
    // dark: the series are the accent and its tint
    element.setAttribute('theme', 'dark');
    await element.updateComplete;
    expect(getComputedStyle(months[0]!.querySelector('i')!).backgroundColor).to.equal('rgb(138, 180, 255)');
    toggle.click();
    await element.updateComplete;
    expect($(element, 'table.months tbody tr')).to.exist;
    expect($(element, '.chart')).to.equal(null);
  });

  it('marks the current month as counting so far, in the table and in the chart', async () => {
    const thisMonth = new Date().toISOString().slice(0, 7);
    const months = revenue.months.map((m, i, all) => (i === all.length - 1 ? { ...m, month: thisMonth } : m));
    const element = await fixture<AdminRevenueDashboard>(
      html`<admin-revenue-dashboard .data=${{ ...dashboard, revenue: { ...revenue, months } }}></admin-revenue-dashboard>`,
    );
    expect($(element, 'table.months tbody tr:last-child th')!.textContent).to.contain('(so far)');
    $<HTMLButtonElement>(element, 'button[aria-pressed]')!.click();
    await waitUntil(() => $(element, '.chart'), 'the chart never appeared');
    const last = [...element.shadowRoot!.querySelectorAll('.slots > [role="img"]')].at(-1)!;
    expect(last.classList.contains('partial')).to.equal(true);
    expect(last.getAttribute('aria-label')).to.match(/\(so far\)\nBusiness payments/);
    expect(getComputedStyle(last.querySelector('i')!).backgroundImage).to.contain('repeating-linear-gradient');
    expect($(element, '.chart tbody tr:last-child th')!.textContent).to.contain('(so far)');
  });

  it('switches tabs with the arrow keys, Home and End, moving focus and firing dashboard-panel-change', async () => {
    network = stubFetch(healthy);
    const element = await mount();
    await settled(element);
    const changes: string[] = [];
    element.addEventListener('dashboard-panel-change', (event) => changes.push(event.detail.panel));
    selectedTab(element).focus();
    await sendKeys({ press: 'ArrowRight' });
    await element.updateComplete;
    expect(selectedTab(element).id).to.equal('tab-cross-pollination');
    expect(element.shadowRoot!.activeElement).to.equal(selectedTab(element));
    expect(visiblePanel(element).id).to.equal('panel-cross-pollination');
    expect(visiblePanel(element).getAttribute('aria-labelledby')).to.equal('tab-cross-pollination');
    await sendKeys({ press: 'End' });
    await element.updateComplete;
    expect(selectedTab(element).id).to.equal('tab-fraud');
    await sendKeys({ press: 'ArrowRight' });
    await element.updateComplete;
    expect(selectedTab(element).id, 'wraps to the first').to.equal('tab-revenue');
    await sendKeys({ press: 'ArrowLeft' });
    await element.updateComplete;
    expect(selectedTab(element).id, 'wraps to the last').to.equal('tab-fraud');
    await sendKeys({ press: 'Home' });
    await element.updateComplete;
    expect(selectedTab(element).id).to.equal('tab-revenue');
    expect(changes).to.deep.equal(['cross-pollination', 'fraud', 'revenue', 'fraud', 'revenue']);
    expect([...element.shadowRoot!.querySelectorAll('[role="tab"]')].map((tab) => tab.getAttribute('tabindex'))).to.deep.equal(['0', '-1', '-1', '-1']);
    await expect(element).to.be.accessible();
  });

  it('switches tabs on click, and fires nothing for the tab already shown', async () => {
    network = stubFetch(healthy);
    const element = await mount();
    await settled(element);
    const changed = oneEvent(element, 'dashboard-panel-change');
    $<HTMLButtonElement>(element, '#tab-health')!.click();
    const event = await changed;
    expect(event.detail).to.deep.equal({ panel: 'health' });
    expect(event.bubbles && event.composed).to.equal(true);
    let fired = false;
    element.addEventListener('dashboard-panel-change', () => (fired = true));
    $<HTMLButtonElement>(element, '#tab-health')!.click();
    await element.updateComplete;
    expect(fired).to.equal(false);
  });

  it('shows cross-pollination counts, technical partners by status, rates as percentages and months', async () => {
    network = stubFetch(healthy);
    const element = await mount('cross-pollination');
    await settled(element);
    expect(selectedTab(element).id).to.equal('tab-cross-pollination');
    expect(figures(element)).to.deep.equal({
      Directories: '42',
      Developers: '118',
      'Developers who became partners': '9',
      'Partners who became developers': '14',
      Pending: '4',
      Active: '11',
      Suspended: '1',
      'Linked to a directory': '7',
      'Directories with a developer account': '33.3%',
      'Developers who became directory partners': '7.6%',
      'Developers who applied as Technical Partners': '13.6%',
      'Technical Partner applications approved': '75%',
    });
    expect(cells(visiblePanel(element).querySelector('tbody tr')!)).to.deep.equal(['Dec 2025', '1', '2', '1']);
    expect(visiblePanel(element).querySelectorAll('tbody tr')).to.have.length(6);
    await expect(element).to.be.accessible();
  });

  it('shows each health indicator with its formatted value, status in words, definition and thresholds', async () => {
    network = stubFetch(healthy);
    const element = await mount('health');
    await settled(element);
    const items = [...visiblePanel(element).querySelectorAll('.indicator')];
    expect(items).to.have.length(4);
    const text = (i: number) => items[i]!.textContent!.replace(/\s+/g, ' ');
    expect(text(0)).to.contain('Partner activation 71.4% Healthy');
    expect(text(1)).to.contain('38.2% Watch');
    expect(text(2)).to.contain('37 Healthy');
    expect(text(3)).to.contain('9.5 days At risk');
    expect(text(3)).to.contain('Median days from a Technical Partner application');
    expect(text(3)).to.contain('Healthy: ≤ 3 days. Watch: ≤ 7 days.');
    const details = items[0]!.querySelector('details')!;
    details.querySelector('summary')!.click();
    expect(details.open).to.equal(true);
    await expect(element).to.be.accessible();
  });

  it('shows percentages to one decimal at most and durations in whole days from 10, never "163.48 days"', async () => {
    const indicator = health.indicators[3]!;
    const element = await fixture<AdminRevenueDashboard>(
      html`<admin-revenue-dashboard
        panel="health"
        .data=${{
          ...dashboard,
          health: {
            ...health,
            indicators: [
              { ...health.indicators[0]!, value: '588.07' },
              { ...indicator, value: '163.48' },
              { ...indicator, value: '1.00' },
            ],
          },
        }}
      ></admin-revenue-dashboard>`,
    );
    const values = () => [...visiblePanel(element).querySelectorAll('.indicator [part="value"]')].map((value) => value.textContent);
    expect(values()).to.deep.equal(['588%', '163 days', '1 day']);
    element.locale = 'fr';
    await element.updateComplete;
    expect(values()).to.deep.equal(['588\u00a0%', '163\u00a0jours', '1\u00a0jour']);
  });

  it('asks for the number of months given', async () => {
    network = stubFetch(healthy);
    const element = await mount('revenue', 6);
    await settled(element);
    expect(network.requests.some((r) => r.url.search === '?months=6')).to.equal(true);
    element.months = 24;
    await waitUntil(() => network!.requests.some((r) => r.url.search === '?months=24'), 'did not refetch');
  });

  it('speaks French with French money, percents and months', async () => {
    const element = await fixture<AdminRevenueDashboard>(html`<admin-revenue-dashboard locale="fr-FR" .data=${dashboard}></admin-revenue-dashboard>`);
    expect(textOf(element)).to.contain('Revenus et santé de l’écosystème');
    expect(panelText(element)).to.match(/376\s740,00\s\$/);
    expect(panelText(element)).to.contain('juin 2025');
    $<HTMLButtonElement>(element, '#tab-cross-pollination')!.click();
    await element.updateComplete;
    expect(panelText(element)).to.match(/33,3\s%/);
    $<HTMLButtonElement>(element, '#tab-health')!.click();
    await element.updateComplete;
    expect(panelText(element)).to.contain('9,5 jours');
    expect(panelText(element)).to.contain('À risque');
  });

  it('takes its data as a property without fetching', async () => {
    network = stubFetch(() => json({}, 500));
    const element = await fixture<AdminRevenueDashboard>(
      html`<admin-revenue-dashboard api-base=${API} .fetchSession=${fakeSession(SECRET)} .data=${dashboard}></admin-revenue-dashboard>`,
    );
    expect(element.state).to.equal('data');
    expect(network.requests).to.have.length(0);
    expect(panelText(element)).to.contain('$376,740.00');
  });

  it('stays idle with a sign-in message and fetches nothing without fetchSession', async () => {
    network = stubFetch(healthy);
    const element = await fixture<AdminRevenueDashboard>(html`<admin-revenue-dashboard api-base=${API}></admin-revenue-dashboard>`);
    expect(element.state).to.equal('idle');
    expect(textOf(element)).to.contain('Sign in to see this.');
    expect($(element, '[role="tablist"]')).to.equal(null);
    expect(network.requests).to.have.length(0);
    await expect(element).to.be.accessible();
    element.fetchSession = fakeSession(SECRET);
    await settled(element);
    expect(element.state).to.equal('data');
  });

  it('is loading while any panel loads', async () => {
    let answer!: (response: Response) => void;
    network = stubFetch((request) => (request.url.pathname === HEALTH ? new Promise((resolve) => (answer = resolve)) : healthy(request)));
    const element = await mount('revenue');
    // The revenue panel has its answer on screen while the health panel still waits for its own.
    await waitUntil(() => panelText(element).includes('$376,740.00'), 'revenue never shown');
    expect(network.requests.length).to.equal(3);
    expect(element.state).to.equal('loading');
    element.panel = 'health';
    await element.updateComplete;
    expect(visiblePanel(element).querySelector('[role="status"]')!.textContent).to.contain('Loading');
    await expect(element).to.be.accessible();
    answer(json(health));
    await settled(element);
    expect(element.state).to.equal('data');
  });

  it('is empty only when all three panels are empty', async () => {
    network = stubFetch(routes({ [REVENUE]: emptyDashboard.revenue, [CROSS]: emptyDashboard.crossPollination, [HEALTH]: emptyDashboard.health }));
    const element = await mount();
    await settled(element);
    expect(element.state).to.equal('empty');
    expect(panelText(element)).to.contain('Nothing to show yet.');
    await expect(element).to.be.accessible();

    const partly = await fixture<AdminRevenueDashboard>(html`<admin-revenue-dashboard .data=${{ ...emptyDashboard, health }}></admin-revenue-dashboard>`);
    expect(partly.state).to.equal('data');
  });

  it('reports a failed panel and retries only the failed ones', async () => {
    let fail = true;
    network = stubFetch((request: FakeRequest) =>
      request.url.pathname === CROSS && fail ? json({ error: { code: 'internal', message: 'down' } }, 500) : healthy(request),
    );
    clock = installFakeClock();
    const element = await mount();
    await clock.runUntil(() => element.state === 'error', 'never reached the error state', 1_000);
    clock.uninstall();
    const summary = $(element, '.summary[role="alert"]')!;
    expect(summary.textContent).to.contain('1 of 3 panels could not load.');
    expect(panelText(element), 'the revenue panel still shows').to.contain('$376,740.00');
    await expect(element).to.be.accessible();
    $<HTMLButtonElement>(element, '#tab-cross-pollination')!.click();
    await element.updateComplete;
    expect(visiblePanel(element).querySelector('.error button')).to.exist;

    fail = false;
    const before = network.requests.length;
    summary.querySelector('button')!.click();
    await waitUntil(() => element.state === 'data', 'retry did not recover');
    expect(network.requests.slice(before).map((r) => r.url.pathname)).to.deep.equal([CROSS]);
    expect($(element, '.summary')).to.equal(null);
    expect(figures(element).Directories).to.equal('42');
  });

  it('tells the admin when the session is refused', async () => {
    network = stubFetch(() => json({ error: { code: 'forbidden', message: 'nope' } }, 403));
    const element = await mount();
    await settled(element);
    expect(panelText(element)).to.contain('This credential may not see this.');
  });

  it('renders hostile strings from the API as text', async () => {
    const hostileHealth = {
      ...health,
      indicators: [{ ...health.indicators[0]!, label: HOSTILE, definition: HOSTILE, thresholds: { healthy: HOSTILE, watch: '≥ 1' } }],
    };
    network = stubFetch(routes({ [REVENUE]: revenue, [CROSS]: crossPollination, [HEALTH]: hostileHealth }));
    const element = await mount('health');
    await settled(element);
    expect(element.shadowRoot!.querySelector('img')).to.equal(null);
    expect($(element, '.indicator h3')!.textContent).to.equal(HOSTILE);
    expect(textOf(element)).to.contain(`Healthy: ${HOSTILE}.`);
  });

  describeFaults({
    mount: (apiBase, timeout) =>
      fixture(html`<admin-revenue-dashboard api-base=${apiBase} timeout=${timeout} .fetchSession=${fakeSession(SECRET)}></admin-revenue-dashboard>`),
    healthy,
  });
});
