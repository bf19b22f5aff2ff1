import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { API, HOSTILE, json, routes, stubFetch, textOf } from '../testing/fake-api.ts';
import { type FakeClock, installFakeClock } from '../testing/fake-clock.ts';
import { describeFaults } from '../testing/faults.ts';
import { emptyImpact, impact } from './ecosystem-impact-card.fixtures.ts';
import './define.ts';
import type { EcosystemImpactCard } from './ecosystem-impact-card.ts';

const PATH = '/v1/public/ecosystem/impact';
/** Every alert() of this page: a script slipped in through the API's strings would call it, at any time. */
const alerts: unknown[] = [];
window.alert = (message?: unknown) => void alerts.push(message);
const shown = (element: EcosystemImpactCard) =>
  waitUntil(() => element.state === 'data' || element.state === 'empty' || element.state === 'error', 'never settled');

describe('ecosystem-impact-card', () => {
  let network: ReturnType<typeof stubFetch> | undefined;
  let clock: FakeClock | undefined;
  afterEach(() => {
    clock?.uninstall();
    network?.restore();
  });

  it('fetches the impact from api-base and shows its figures, formatted for the locale', async () => {
    network = stubFetch(routes({ [PATH]: impact }));
    const element = await fixture<EcosystemImpactCard>(html`<ecosystem-impact-card api-base=${API}></ecosystem-impact-card>`);
    await shown(element);
    expect(element.state).to.equal('data');
    expect(network.requests.map((r) => r.url.href)).to.deep.equal([`${API}${PATH}`]);
    const text = textOf(element);
    expect(text).to.contain('12,840');
    expect(text).to.contain('$48,213,977.35');
    expect(text).to.contain('42 directories · 118 developers');
    expect(element.shadowRoot!.querySelectorAll('.flow .step')).to.have.length(5);
    await expect(element).to.be.accessible();
  });

  it('speaks French with French number and money formats', async () => {
    const element = await fixture<EcosystemImpactCard>(html`<ecosystem-impact-card locale="fr-FR" .data=${impact}></ecosystem-impact-card>`);
    const text = textOf(element);
    expect(text).to.contain('Impact de l’écosystème');
    expect(text).to.match(/12\s840/);
    expect(text).to.match(/48\s213\s977,35\s\$/);
  });

  it('shows its figures compact, each with its exact value as a tooltip and for screen readers, never wrapped', async () => {
    const element = await fixture<EcosystemImpactCard>(
      html`<ecosystem-impact-card .data=${{ ...impact, apps_powered_by_partner_data: 750, combined_cmal_economic_impact: '24625516.44' }}></ecosystem-impact-card>`,
    );
    const values = [...element.shadowRoot!.querySelectorAll('.figure dd')];
    const shown = (dd: Element) => (dd.querySelector('[aria-hidden="true"]') ?? dd).textContent!.trim();
    expect(values.map(shown)).to.deep.equal(['12.8K', '750', '$24.6M']);
    const money = values[2]!;
    expect(money.querySelector('[title]')!.getAttribute('title')).to.equal('$24,625,516.44');
    expect(money.querySelector('.visually-hidden')!.textContent).to.equal('$24,625,516.44');
    expect(values[1]!.querySelector('[title]'), 'a figure shown whole needs no tooltip').to.equal(null);
    expect(getComputedStyle(money).whiteSpace).to.equal('nowrap');
    expect(getComputedStyle(money).fontVariantNumeric).to.equal('tabular-nums');
    element.locale = 'fr';
    await element.updateComplete;
    expect(values.map(shown)).to.deep.equal(['12,8\u00a0k', '750', '24,6\u00a0M\u00a0$US']);
    await expect(element).to.be.accessible();
  });

  it('captions each step of the value flow, with its figures in the same compact form as the headline figures', async () => {
    const element = await fixture<EcosystemImpactCard>(html`<ecosystem-impact-card .data=${impact}></ecosystem-impact-card>`);
    const steps = [...element.shadowRoot!.querySelectorAll('.flow .step')];
    const head = (step: Element) => (step.querySelector('.step-value [aria-hidden="true"]') ?? step.querySelector('.step-value'))!.textContent!.trim();
    expect(steps.map(head)).to.deep.equal(['30.1K', '18K', '12.8K', '37', '$912.5K']);
    const captions = steps.map((step) => step.querySelector('.step-caption')!.textContent!.replace(/\s+/g, ' '));
    expect(captions[0]).to.contain('Directory partners refer businesses');
    expect(captions[1]).to.contain('Referrals that converted');
    // why "Businesses" (converted) is more than the partner-referred businesses above (verified)
    expect(captions[2]).to.contain('verified enter the API data pool').and.contain('partner-referred businesses counted above');
    expect(captions[3]).to.contain('2.2M').and.contain('2,210,450');
    expect(captions[4]).to.contain('Technical Partners earned $55.2K').and.contain('$55,210.75');
    element.locale = 'fr';
    await element.updateComplete;
    expect(steps.map((step) => step.querySelector('.step-caption')!.textContent)[2]).to.contain('vérifiées entrent dans le pool de données API');
  });

  it('lays the value flow out as a loop when wide and as one column at 320 px, its text 12 px or more', async () => {
    const wrapper = await fixture<HTMLDivElement>(html`<div style="width: 900px"><ecosystem-impact-card .data=${impact}></ecosystem-impact-card></div>`);
    const element = wrapper.querySelector<EcosystemImpactCard>('ecosystem-impact-card')!;
    const steps = () => [...element.shadowRoot!.querySelectorAll<HTMLElement>('.flow .step')].map((step) => step.getBoundingClientRect());
    const [first, second, third, fourth, fifth] = steps();
    expect(second!.top, 'the first three side by side').to.equal(first!.top);
    expect(third!.left).to.be.greaterThan(second!.left);
    expect(fourth!.top, 'then down').to.be.greaterThan(third!.bottom);
    expect(fourth!.left).to.equal(third!.left);
    expect(fifth!.left, 'and back').to.be.lessThan(fourth!.left);
    wrapper.style.width = '320px';
    await new Promise(requestAnimationFrame);
    const narrow = steps();
    for (let i = 1; i < narrow.length; i++) {
      expect(narrow[i]!.left, 'one column').to.equal(narrow[0]!.left);
      expect(narrow[i]!.top).to.be.greaterThan(narrow[i - 1]!.bottom);
    }
    for (const node of element.shadowRoot!.querySelectorAll('.flow *')) {
      if (node.childNodes.length && !node.closest('.visually-hidden')) expect(parseFloat(getComputedStyle(node).fontSize)).to.be.at.least(12);
    }
    for (const value of element.shadowRoot!.querySelectorAll('.step-value, .figure dd')) expect(value.scrollWidth).to.be.at.most(value.clientWidth);
    await expect(element).to.be.accessible();
  });

  it('takes its data as a property without fetching', async () => {
    network = stubFetch(() => json({}, 500));
    const element = await fixture<EcosystemImpactCard>(html`<ecosystem-impact-card api-base=${API} .data=${impact}></ecosystem-impact-card>`);
    expect(element.state).to.equal('data');
    expect(network.requests).to.have.length(0);
    expect(textOf(element)).to.contain('12,840');
  });

  it('shows the loading state while the API is answering, announced politely', async () => {
    let answer!: (response: Response) => void;
    network = stubFetch(() => new Promise((resolve) => (answer = resolve)));
    const element = await fixture<EcosystemImpactCard>(html`<ecosystem-impact-card api-base=${API}></ecosystem-impact-card>`);
    expect(element.state).to.equal('loading');
    expect(element.getAttribute('state')).to.equal('loading');
    expect(element.shadowRoot!.querySelector('[role="status"]')!.textContent).to.contain('Loading');
    await expect(element).to.be.accessible();
    answer(json(impact));
    await shown(element);
    expect(element.state).to.equal('data');
  });

  it('shows the empty state when nothing has been referred yet', async () => {
    network = stubFetch(routes({ [PATH]: emptyImpact }));
    const element = await fixture<EcosystemImpactCard>(html`<ecosystem-impact-card api-base=${API}></ecosystem-impact-card>`);
    await shown(element);
    expect(element.state).to.equal('empty');
    expect(textOf(element)).to.contain('no partner-referred businesses yet');
    await expect(element).to.be.accessible();
  });

  it('shows the error state with a working retry button, and is accessible there', async () => {
    let fail = true;
    network = stubFetch(() => (fail ? json({ error: { code: 'unavailable', message: 'down' } }, 503) : json(impact)));
    clock = installFakeClock();
    const element = await fixture<EcosystemImpactCard>(html`<ecosystem-impact-card api-base=${API}></ecosystem-impact-card>`);
    await clock.runUntil(() => element.state === 'error', 'never reached the error state', 1_000);
    expect(network.requests.length, 'one automatic retry').to.equal(2);
    clock.uninstall();
    await expect(element).to.be.accessible();
    fail = false;
    const retry = element.shadowRoot!.querySelector<HTMLButtonElement>('.error button')!;
    retry.focus();
    retry.click();
    await waitUntil(() => element.state === 'data', 'retry did not recover');
  });

  it('does not fetch without api-base, and aborts its request when removed from the page', async () => {
    let signal: AbortSignal | null | undefined;
    network = stubFetch((request) => {
      signal = request.signal;
      return new Promise(() => {});
    });
    const idle = await fixture<EcosystemImpactCard>(html`<ecosystem-impact-card></ecosystem-impact-card>`);
    expect(idle.state).to.equal('idle');
    expect(network.requests).to.have.length(0);
    const element = await fixture<EcosystemImpactCard>(html`<ecosystem-impact-card api-base=${API}></ecosystem-impact-card>`);
    expect(signal?.aborted).to.equal(false);
    element.remove();
    expect(signal?.aborted).to.equal(true);
  });

  it('refetches when api-base changes', async () => {
    network = stubFetch(routes({ [PATH]: impact }));
    const element = await fixture<EcosystemImpactCard>(html`<ecosystem-impact-card api-base=${API}></ecosystem-impact-card>`);
    await shown(element);
    element.apiBase = 'https://other.example.test/';
    await waitUntil(() => network!.requests.length === 2);
    expect(network.requests[1]!.url.href).to.equal(`https://other.example.test${PATH}`);
  });

  it('treats a hostile string in an amount as a wrong-shaped answer: the error state, never "$NaN" or markup', async () => {
    // The strings of the answer the card shows are the two amounts: the combined impact (a
    // headline figure) and the partner earnings (a station of the value flow). Either must be
    // decimal text; anything else is the error state, with the string nowhere on the page.
    for (const hostile of [
      { ...impact, combined_cmal_economic_impact: HOSTILE },
      { ...impact, value_flow: { ...impact.value_flow, partner_earnings: HOSTILE } },
    ]) {
      network?.restore();
      network = stubFetch(routes({ [PATH]: hostile }));
      const element = await fixture<EcosystemImpactCard>(html`<ecosystem-impact-card api-base=${API}></ecosystem-impact-card>`);
      await shown(element);
      expect(element.state).to.equal('error');
      // Counts and markup, not nodes: a failing assertion on a DOM node stalls the test runner.
      const root = element.shadowRoot!;
      expect(root.querySelectorAll('img, [onerror]').length, 'elements made of the hostile string').to.equal(0);
      expect(root.innerHTML, 'the hostile string, even as text').not.to.contain('onerror');
      expect(textOf(element)).not.to.contain('NaN');
      expect(root.querySelector('[role="alert"]')).to.exist;
    }
    expect(alerts).to.deep.equal([]);
  });

  describeFaults({
    mount: (apiBase, timeout) => fixture(html`<ecosystem-impact-card api-base=${apiBase} timeout=${timeout}></ecosystem-impact-card>`),
    healthy: routes({ [PATH]: impact }),
  });
});
