import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys, sendMouse } from '@web/test-runner-commands';
import { API, HOSTILE, json, routes, stubFetch, textOf } from '../testing/fake-api.ts';
import { type FakeClock, installFakeClock } from '../testing/fake-clock.ts';
import { describeFaults } from '../testing/faults.ts';
import { emptyGrowth, fromZero, growth, oneMonth, zeroGrowth } from './ecosystem-growth.fixtures.ts';
import './define.ts';
import type { EcosystemGrowth } from './ecosystem-growth.ts';

const PATH = '/v1/public/ecosystem/growth';
/** Every alert() of this page: a script slipped in through the API's strings would call it, at any time. */
const alerts: unknown[] = [];
window.alert = (message?: unknown) => void alerts.push(message);
const shown = (element: EcosystemGrowth) =>
  waitUntil(() => element.state === 'data' || element.state === 'empty' || element.state === 'error', 'never settled');
const $ = <E extends Element = HTMLElement>(element: EcosystemGrowth, selector: string) => element.shadowRoot!.querySelector<E>(selector)!;
const figures = (element: EcosystemGrowth) => [...element.shadowRoot!.querySelectorAll('[part="value"]')].map((v) => v.textContent!.trim());
const radio = (element: EcosystemGrowth, metric: string) => $<HTMLInputElement>(element, `input[value="${metric}"]`);
/** The chart's months (focusable images named by their figures), axis labels and caption. */
const slots = (element: EcosystemGrowth) => [...element.shadowRoot!.querySelectorAll<HTMLElement>('.slots > [role="img"]')];
const ticks = (element: EcosystemGrowth) => [...element.shadowRoot!.querySelectorAll('.y span')].map((t) => t.textContent);
const caption = (element: EcosystemGrowth) => $(element, '.chart figcaption').textContent!.replace(/\s+/g, ' ').trim();
const chartName = (element: EcosystemGrowth) => $(element, '.slots').getAttribute('aria-label');
const thisMonth = new Date().toISOString().slice(0, 7);
const collect = (element: EcosystemGrowth) => {
  const details: unknown[] = [];
  element.addEventListener('growth-metric-change', (event) => details.push((event as CustomEvent).detail));
  return details;
};

describe('ecosystem-growth', () => {
  let network: ReturnType<typeof stubFetch> | undefined;
  let clock: FakeClock | undefined;
  afterEach(() => {
    clock?.uninstall();
    network?.restore();
    network = undefined;
  });

  it('fetches the growth from api-base and shows headline figures and a described chart', async () => {
    network = stubFetch(routes({ [PATH]: growth }));
    const element = await fixture<EcosystemGrowth>(html`<ecosystem-growth api-base=${API}></ecosystem-growth>`);
    await shown(element);
    expect(element.state).to.equal('data');
    expect(network.requests.map((r) => r.url.href)).to.deep.equal([`${API}${PATH}?months=12`]);
    // Current businesses, growth over the period (6,420 → 12,840 is +100%), directories, developers, partner-powered apps.
    expect(figures(element)).to.deep.equal(['12,840', '100%', '42', '118', '37']);
    expect(textOf(element)).to.contain('Growth over 12 months');
    expect($(element, '.slots').getAttribute('role')).to.equal('group');
    expect(chartName(element)).to.equal('Businesses by month, Dec 2025 to Nov 2026');
    expect(caption(element)).to.equal('From 6,420 in Dec 2025 to 12,840 in Nov 2026 (100%).');
    expect(slots(element)).to.have.length(12);
    expect(slots(element)[11]!.getAttribute('aria-label')).to.equal('Nov 2026\nBusinesses 12,840');
    // gridlines at round values, top to bottom
    expect(ticks(element)).to.deep.equal(['15K', '10K', '5K', '0']);
    expect([...element.shadowRoot!.querySelectorAll('.x span')].map((t) => t.textContent)).to.include('Nov 2026');
    expect(radio(element, 'businesses').checked).to.equal(true);
    await expect(element).to.be.accessible();
  });

  it("carries every figure in a visually hidden table, the chart's equivalent for a screen reader", async () => {
    const element = await fixture<EcosystemGrowth>(html`<ecosystem-growth .data=${growth}></ecosystem-growth>`);
    const table = $(element, '.chart table');
    expect(table.classList.contains('visually-hidden')).to.equal(true);
    expect(table.querySelector('caption')!.textContent).to.equal('Businesses by month, Dec 2025 to Nov 2026');
    const headers = [...table.querySelectorAll('thead th')].map((th) => th.textContent);
    expect(headers).to.deep.equal(['Month', 'Businesses', 'Partner-powered apps', 'Developers', 'Records served']);
    const rows = table.querySelectorAll('tbody tr');
    expect(rows).to.have.length(12);
    expect([...rows[11]!.querySelectorAll('th, td')].map((cell) => cell.textContent!.trim())).to.deep.equal(['Nov 2026', '12,840', '37', '118', '221,045']);
    expect(rows[11]!.querySelector('th')!.getAttribute('scope')).to.equal('row');
    await expect(element).to.be.accessible();
  });

  it("shows a month's figures on keyboard focus and on hover, with one tab stop and the arrow keys", async () => {
    const element = await fixture<EcosystemGrowth>(html`<ecosystem-growth .data=${growth}></ecosystem-growth>`);
    const months = slots(element);
    expect(
      months.map((m) => m.tabIndex).filter((i) => i === 0),
      'one tab stop: the latest month',
    ).to.have.length(1);
    expect(months[11]!.tabIndex).to.equal(0);
    const tip = (slot: HTMLElement) => getComputedStyle(slot, '::after');
    expect(tip(months[11]!).content).to.equal('none');
    months[11]!.focus();
    await sendKeys({ press: 'ArrowLeft' });
    expect(element.shadowRoot!.activeElement).to.equal(months[10]);
    expect(months[10]!.tabIndex).to.equal(0);
    expect(months[11]!.tabIndex).to.equal(-1);
    expect(tip(months[10]!).content).to.equal('"Oct 2026\\a Businesses 12,240"');
    await sendKeys({ press: 'Home' });
    expect(element.shadowRoot!.activeElement).to.equal(months[0]);
    await sendKeys({ press: 'End' });
    expect(element.shadowRoot!.activeElement).to.equal(months[11]);
    months[11]!.blur();
    const box = months[3]!.getBoundingClientRect();
    await sendMouse({ type: 'move', position: [Math.round(box.x + box.width / 2), Math.round(box.y + box.height / 2)] });
    expect(tip(months[3]!).content).to.contain('Mar 2026');
    expect(tip(months[3]!).content).to.contain('7,925');
    await sendMouse({ type: 'move', position: [0, 0] });
    await expect(element).to.be.accessible();
  });

  it('keeps its axis labels at the same size on a wide page and on a phone', async () => {
    const wrapper = await fixture<HTMLDivElement>(html`<div style="width: 1280px"><ecosystem-growth .data=${growth}></ecosystem-growth></div>`);
    const element = wrapper.querySelector('ecosystem-growth')!;
    const sizes = () => ['.y span', '.x span'].map((selector) => getComputedStyle($(element, selector)).fontSize);
    const wide = sizes();
    const height = $(element, '.y span').getBoundingClientRect().height;
    wrapper.style.width = '390px';
    await new Promise(requestAnimationFrame);
    expect(sizes()).to.deep.equal(wide);
    expect(wide).to.deep.equal(['12px', '12px']);
    expect($(element, '.y span').getBoundingClientRect().height).to.equal(height);
  });

  it('marks the current month as counting so far: dashed, labelled, in the table', async () => {
    const months = growth.months.slice(1).map((m, i) => ({ ...m, month: i === 10 ? thisMonth : m.month }));
    const element = await fixture<EcosystemGrowth>(html`<ecosystem-growth .data=${{ months }}></ecosystem-growth>`);
    const last = slots(element).at(-1)!;
    expect(last.classList.contains('partial')).to.equal(true);
    expect(last.getAttribute('aria-label')).to.match(/^\w+ \d{4} \(so far\)\n/);
    expect(element.shadowRoot!.querySelectorAll('path[stroke-dasharray]')).to.have.length(1);
    expect($(element, 'figcaption .partial').textContent).to.contain('(so far)');
    expect($(element, '.chart tbody tr:last-child th').textContent).to.contain('(so far)');
    element.locale = 'fr';
    await element.updateComplete;
    expect(slots(element).at(-1)!.getAttribute('aria-label')).to.contain('(en cours)');
  });

  it("draws with the design tokens' colours, in the dark scheme too", async () => {
    const element = await fixture<EcosystemGrowth>(html`<ecosystem-growth theme="dark" .data=${growth}></ecosystem-growth>`);
    const line = element.shadowRoot!.querySelectorAll('svg path')[1]!;
    expect(getComputedStyle(line).stroke).to.equal('rgb(138, 180, 255)');
    element.setAttribute('theme', 'light');
    await element.updateComplete;
    expect(getComputedStyle(line).stroke).to.equal('rgb(29, 91, 191)');
  });

  it('redraws the chart for the metric the user clicks and tells the page', async () => {
    const element = await fixture<EcosystemGrowth>(html`<ecosystem-growth .data=${growth}></ecosystem-growth>`);
    const changes = collect(element);
    const label = radio(element, 'partner_powered_apps').closest('label')!;
    expect(label.textContent!.trim()).to.equal('Partner-powered apps');
    label.click();
    await element.updateComplete;
    expect(changes).to.deep.equal([{ metric: 'partner_powered_apps' }]);
    expect(element.metric).to.equal('partner_powered_apps');
    expect(chartName(element)).to.equal('Partner-powered apps by month, Dec 2025 to Nov 2026');
    expect(caption(element)).to.equal('From 14 in Dec 2025 to 37 in Nov 2026 (164%).');
    expect(ticks(element)).to.deep.equal(['40', '30', '20', '10', '0']);
    // Clicking the chosen metric again is not a change.
    label.click();
    await element.updateComplete;
    expect(changes).to.have.length(1);
  });

  it('lets the keyboard choose the metric with the arrow keys', async () => {
    const element = await fixture<EcosystemGrowth>(html`<ecosystem-growth .data=${growth}></ecosystem-growth>`);
    const changes = collect(element);
    radio(element, 'businesses').focus();
    await sendKeys({ press: 'ArrowRight' });
    await element.updateComplete;
    expect(changes).to.deep.equal([{ metric: 'partner_powered_apps' }]);
    await sendKeys({ press: 'ArrowRight' });
    await sendKeys({ press: 'ArrowRight' });
    await element.updateComplete;
    expect(changes.at(-1)).to.deep.equal({ metric: 'records_served' });
    expect(radio(element, 'records_served').checked).to.equal(true);
    expect(caption(element)).to.equal('From 96,200 in Dec 2025 to 221,045 in Nov 2026 (130%).');
  });

  it('follows the metric and months attributes without firing events', async () => {
    network = stubFetch(routes({ [PATH]: growth }));
    const element = await fixture<EcosystemGrowth>(html`<ecosystem-growth api-base=${API} months="24" metric="developers"></ecosystem-growth>`);
    const changes = collect(element);
    await shown(element);
    expect(network.requests[0]!.url.searchParams.get('months')).to.equal('24');
    expect(radio(element, 'developers').checked).to.equal(true);
    expect(chartName(element)).to.contain('Developers');
    element.setAttribute('metric', 'records_served');
    await element.updateComplete;
    expect(radio(element, 'records_served').checked).to.equal(true);
    element.setAttribute('metric', 'nonsense');
    await element.updateComplete;
    expect(radio(element, 'businesses').checked, 'an unknown metric falls back to businesses').to.equal(true);
    element.months = 6;
    await waitUntil(() => network!.requests.length === 2);
    expect(network.requests[1]!.url.searchParams.get('months')).to.equal('6');
    expect(changes).to.have.length(0);
  });

  it('speaks French with French numbers and months', async () => {
    const element = await fixture<EcosystemGrowth>(html`<ecosystem-growth locale="fr-FR" .data=${growth}></ecosystem-growth>`);
    const text = textOf(element);
    expect(text).to.contain('Croissance de l’écosystème');
    expect(text).to.contain('Croissance sur 12 mois');
    expect(figures(element)[0]).to.match(/^12\s840$/);
    expect(figures(element)[1]).to.match(/^100\s%$/);
    expect(caption(element)).to.match(/^De 6\s420 en déc\. 2025 à 12\s840 en nov\. 2026 \(100\s%\)\.$/);
    expect(ticks(element)).to.deep.equal(['15\u00a0k', '10\u00a0k', '5\u00a0k', '0']);
    expect($(element, '.chart thead th').textContent).to.equal('Mois');
  });

  it('says "n/a" for growth from zero, and draws a single month', async () => {
    const element = await fixture<EcosystemGrowth>(html`<ecosystem-growth .data=${fromZero}></ecosystem-growth>`);
    expect(figures(element)[1]).to.equal('n/a');
    expect(caption(element)).to.equal('From 0 in Sep 2026 to 31 in Nov 2026.');
    element.data = oneMonth;
    await element.updateComplete;
    expect(slots(element)).to.have.length(1);
    expect(figures(element)[1]).to.equal('0%');
    await expect(element).to.be.accessible();
  });

  it('takes its data as a property without fetching', async () => {
    network = stubFetch(() => json({}, 500));
    const element = await fixture<EcosystemGrowth>(html`<ecosystem-growth api-base=${API} .data=${growth}></ecosystem-growth>`);
    expect(element.state).to.equal('data');
    expect(network.requests).to.have.length(0);
    expect(figures(element)[0]).to.equal('12,840');
  });

  it('shows the loading state while the API is answering', async () => {
    let answer!: (response: Response) => void;
    network = stubFetch(() => new Promise((resolve) => (answer = resolve)));
    const element = await fixture<EcosystemGrowth>(html`<ecosystem-growth api-base=${API}></ecosystem-growth>`);
    expect(element.state).to.equal('loading');
    expect($(element, '[role="status"]').textContent).to.contain('Loading');
    await expect(element).to.be.accessible();
    answer(json(growth));
    await shown(element);
    expect(element.state).to.equal('data');
  });

  for (const [name, body] of [
    ['no months', emptyGrowth],
    ['months that count nothing', zeroGrowth],
  ] as const) {
    it(`shows the empty state for ${name}`, async () => {
      network = stubFetch(routes({ [PATH]: body }));
      const element = await fixture<EcosystemGrowth>(html`<ecosystem-growth api-base=${API}></ecosystem-growth>`);
      await shown(element);
      expect(element.state).to.equal('empty');
      expect(textOf(element)).to.contain('no history to show yet');
      expect(element.shadowRoot!.querySelector('.chart')).to.equal(null);
      await expect(element).to.be.accessible();
    });
  }

  it('shows the error state with a working retry button, and is accessible there', async () => {
    let fail = true;
    network = stubFetch(() => (fail ? json({ error: { code: 'unavailable', message: 'down' } }, 503) : json(growth)));
    clock = installFakeClock();
    const element = await fixture<EcosystemGrowth>(html`<ecosystem-growth api-base=${API}></ecosystem-growth>`);
    await clock.runUntil(() => element.state === 'error', 'never reached the error state', 1_000);
    expect(network.requests.length, 'one automatic retry').to.equal(2);
    clock.uninstall();
    await expect(element).to.be.accessible();
    fail = false;
    $<HTMLButtonElement>(element, '.error button').click();
    await waitUntil(() => element.state === 'data', 'retry did not recover');
  });

  it('fits 320 px without overflowing, drawing the chart at its real width', async () => {
    const wrapper = await fixture<HTMLDivElement>(html`<div style="width: 320px"><ecosystem-growth .data=${growth}></ecosystem-growth></div>`);
    const element = wrapper.querySelector('ecosystem-growth')!;
    expect(element.scrollWidth).to.be.at.most(320);
    expect(wrapper.scrollWidth).to.be.at.most(320);
    // Few month labels, never overlapping.
    const labels = [...element.shadowRoot!.querySelectorAll('.x span')].filter((t) => t.textContent && getComputedStyle(t).visibility === 'visible');
    expect(labels.length).to.be.at.most(4);
    const boxes = labels.map((label) => label.getBoundingClientRect());
    for (let i = 1; i < boxes.length; i++) expect(boxes[i]!.left, 'labels overlap').to.be.at.least(boxes[i - 1]!.right);
  });

  it('treats a hostile string in a month as a wrong-shaped answer: the error state, never an empty label or markup', async () => {
    // The one string of a month the chart shows is the month itself (in the chart's title and
    // description, under its point, and as the row header of the table): it must be "YYYY-MM",
    // and anything else is the error state, with the string nowhere on the page.
    network = stubFetch(routes({ [PATH]: { months: [{ ...growth.months[0]!, month: HOSTILE }, growth.months[1]!] } }));
    const element = await fixture<EcosystemGrowth>(html`<ecosystem-growth api-base=${API}></ecosystem-growth>`);
    await shown(element);
    expect(element.state).to.equal('error');
    // Counts and markup, not nodes: a failing assertion on a DOM node stalls the test runner.
    const root = element.shadowRoot!;
    expect(root.querySelectorAll('img, [onerror]').length, 'elements made of the hostile string').to.equal(0);
    expect(root.innerHTML, 'the hostile string, even as text').not.to.contain('onerror');
    expect(root.querySelectorAll('.chart, table').length, 'no chart and no table').to.equal(0);
    expect(root.querySelector('[role="alert"]')).to.exist;
    expect(alerts).to.deep.equal([]);
  });

  describeFaults({
    mount: (apiBase, timeout) => fixture(html`<ecosystem-growth api-base=${apiBase} timeout=${timeout}></ecosystem-growth>`),
    healthy: routes({ [PATH]: growth }),
  });
});
