import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { API, type FakeRequest, fakeSession, json, stubFetch } from '../testing/fake-api.ts';
import { crossPollination, health, revenue } from './admin-revenue-dashboard.fixtures.ts';
import type { Signal } from './admin-revenue-dashboard.fraud.ts';
import './define.ts';
import type { AdminRevenueDashboard } from './admin-revenue-dashboard.ts';

const SIGNALS = '/v1/admin/fraud-signals';
const SECRET = 'ews_admin_fraud_session';

const selfReferral: Signal = {
  id: '5b0e7c1e-7d43-4c55-9a57-0a1f3c1b0001',
  beneficiary: { kind: 'partner', id: '5b0e7c1e-7d43-4c55-9a57-0a1f3c1b00aa', name: 'Main Street Directory', status: 'active' },
  kind: 'self_referral',
  evidence: { business_id: 'b-1', payment_id: 'p-1', matched: 'domain', domain: 'mainstreet.example' },
  opened_at: '2026-12-01T10:00:00Z',
  state: 'open',
  resolution: null,
  resolved_by: null,
  resolved_at: null,
  held: { lines: 2, amount: '25.56' },
};
const refundShare: Signal = {
  ...selfReferral,
  id: '5b0e7c1e-7d43-4c55-9a57-0a1f3c1b0002',
  beneficiary: { ...selfReferral.beneficiary, name: 'Local Eats Guide' },
  kind: 'refund_share',
  evidence: { window_days: 90, payments: 6, referred_revenue: '800.00', refunded: '200.01', share: '0.2500', threshold: '0.25', minimum_payments: 5 },
  held: { lines: 1, amount: '4.00' },
};
const released: Signal = { ...selfReferral, id: '5b0e7c1e-7d43-4c55-9a57-0a1f3c1b0003', state: 'released', resolution: 'release', resolved_by: 'admin' };

const STATE_OF = { release: 'released', void: 'voided', suspend: 'voided' } as const;

/** The queue filtered by state as the API filters it; each decision answered as the API would, unless `refuse` answers first. */
const api =
  (refuse?: (request: FakeRequest) => Response | undefined) =>
  (request: FakeRequest): Response => {
    const path = request.url.pathname;
    const all = [selfReferral, refundShare, released];
    if (path === '/v1/admin/revenue') return json(revenue);
    if (path === '/v1/admin/cross-pollination') return json(crossPollination);
    if (path === '/v1/admin/health') return json(health);
    if (request.method === 'GET' && path === SIGNALS) {
      const state = request.url.searchParams.get('state');
      return json({ currency: 'USD', fraud_signals: all.filter((s) => !state || s.state === state), next_cursor: null });
    }
    const match = /^\/v1\/admin\/fraud-signals\/([\w-]+)\/(release|void|suspend)$/.exec(path);
    const signal = all.find((s) => s.id === match?.[1]);
    if (request.method === 'POST' && match && signal) {
      const refused = refuse?.(request);
      if (refused) return refused;
      const action = match[2] as keyof typeof STATE_OF;
      return json({
        fraud_signal: {
          ...signal,
          state: STATE_OF[action],
          resolution: action,
          resolved_by: 'embed-session:s-1',
          resolved_at: '2026-12-03T12:00:00Z',
          beneficiary: { ...signal.beneficiary, status: action === 'suspend' ? 'suspended' : 'active' },
          held: { ...signal.held, amount: action === 'release' ? signal.held.amount : '0.00' },
        },
        voided: [],
        replayed: false,
      });
    }
    return json({ error: { code: 'not_found', message: `No route ${path}` } }, 404);
  };

const mount = () =>
  fixture<AdminRevenueDashboard>(html`<admin-revenue-dashboard api-base=${API} .fetchSession=${fakeSession(SECRET)} panel="fraud"></admin-revenue-dashboard>`);
const rows = (element: AdminRevenueDashboard) => [...element.shadowRoot!.querySelectorAll<HTMLElement>('li[part="signal"]')];
const rowOf = (element: AdminRevenueDashboard, signal: Signal) => element.shadowRoot!.querySelector<HTMLElement>(`li[aria-labelledby="signal-${signal.id}"]`)!;
const listed = (element: AdminRevenueDashboard) => waitUntil(() => rows(element).length > 0, 'the queue never showed');
const rowText = (row: Element) => row.textContent!.replace(/\s+/g, ' ').trim();
const button = (row: Element, text: string) => [...row.querySelectorAll('button')].find((b) => b.textContent!.trim() === text)!;
const evidence = (row: Element) =>
  Object.fromEntries(
    [...row.querySelectorAll('dl > div')].map((pair) => [pair.querySelector('dt')!.textContent!.trim(), pair.querySelector('dd')!.textContent!.trim()]),
  );
const active$ = (element: AdminRevenueDashboard) => element.shadowRoot!.activeElement as HTMLElement | null;
const posts = (network: ReturnType<typeof stubFetch>) => network.requests.filter((r) => r.method === 'POST');

describe('admin-revenue-dashboard fraud review panel', () => {
  let network: ReturnType<typeof stubFetch> | undefined;
  afterEach(() => network?.restore());

  it('loads only when its tab opens, then lists the open signals with their evidence, asking with the admin session', async () => {
    network = stubFetch(api());
    const element = await fixture<AdminRevenueDashboard>(
      html`<admin-revenue-dashboard api-base=${API} .fetchSession=${fakeSession(SECRET)}></admin-revenue-dashboard>`,
    );
    await waitUntil(() => element.state === 'data', 'dashboard never loaded');
    expect(element.shadowRoot!.querySelector('#tab-fraud')!.textContent!.trim()).to.equal('Fraud');
    expect(network.requests.some((r) => r.url.pathname === SIGNALS)).to.equal(false);
    element.shadowRoot!.querySelector<HTMLButtonElement>('#tab-fraud')!.click();
    await listed(element);
    const asked = network.requests.filter((r) => r.url.pathname === SIGNALS);
    expect(asked.map((r) => r.url.search)).to.deep.equal(['?limit=100&state=open']);
    expect(asked[0]!.headers.get('Authorization')).to.equal(`Bearer ${SECRET}`);
    expect(rows(element).map((row) => row.querySelector('h4')!.textContent!.replace(/\s+/g, ' ').trim())).to.deep.equal([
      'Main Street Directory · Business of the partner’s own Open',
      'Local Eats Guide · High refund share Open',
    ]);
    expect(evidence(rowOf(element, selfReferral))).to.deep.include({
      Opened: 'Dec 1, 2026',
      Held: '$25.56 (2 earnings)',
      'Partner status': 'active',
      'Matched on': 'domain',
      Domain: 'mainstreet.example',
    });
    expect(evidence(rowOf(element, refundShare))).to.deep.include({
      'Referred revenue': '$800.00',
      Refunded: '$200.01',
      'Refunded share': '25%',
      Threshold: '25%',
      'Window, days': '90',
      Payments: '6',
    });
    expect([...rowOf(element, selfReferral).querySelectorAll('button')].map((b) => b.textContent!.trim())).to.deep.equal([
      'Release',
      'Void',
      'Suspend partner',
    ]);
    await expect(element).to.be.accessible();
  });

  it('filters by state, asking again; a resolved signal has no actions', async () => {
    network = stubFetch(api());
    const element = await mount();
    await listed(element);
    const select = element.shadowRoot!.querySelector<HTMLSelectElement>('.review select')!;
    expect([...select.options].map((o) => o.textContent)).to.deep.equal(['Open', 'Released', 'Voided', 'All']);
    select.value = 'released';
    select.dispatchEvent(new Event('change'));
    await waitUntil(() => rows(element).length === 1 && rowText(rows(element)[0]!).includes('Released'), 'never filtered');
    expect(network.requests.at(-1)!.url.searchParams.get('state')).to.equal('released');
    expect(rowOf(element, released).querySelectorAll('button')).to.have.length(0);
    expect(evidence(rowOf(element, released))['Decided by']).to.equal('admin');
  });

  it('asks for confirmation before each action; Cancel and Escape send nothing and give focus back', async () => {
    network = stubFetch(api());
    const element = await mount();
    await listed(element);
    const row = rowOf(element, selfReferral);
    for (const [action, words] of [
      ['Release', 'Release $25.56 held for Main Street Directory?'],
      ['Void', 'Void $25.56 held for Main Street Directory? Negative lines'],
      ['Suspend partner', 'Suspend Main Street Directory and void $25.56 held?'],
    ] as const) {
      button(row, action).click();
      await element.updateComplete;
      const group = row.querySelector('[role="group"]')!;
      expect(group.textContent).to.contain(words);
      await waitUntil(() => active$(element)?.closest('[role="group"]') === group, 'focus on the confirm button');
      expect(active$(element)!.textContent!.trim()).to.equal(action);
      await expect(element).to.be.accessible();
      button(row, 'Cancel').click();
      await element.updateComplete;
      expect(row.querySelector('[role="group"]')).to.equal(null);
      await waitUntil(() => active$(element)?.textContent?.trim() === action, 'focus back on the action');
    }
    await sendKeys({ press: 'Enter' }); // the focused Suspend partner
    await element.updateComplete;
    expect(row.querySelector('[role="group"]')).to.exist;
    await sendKeys({ press: 'Escape' });
    await element.updateComplete;
    expect(row.querySelector('[role="group"]')).to.equal(null);
    expect(posts(network)).to.have.length(0);
  });

  for (const [action, label, badge] of [
    ['release', 'Release', 'Released'],
    ['void', 'Void', 'Voided'],
    ['suspend', 'Suspend partner', 'Voided'],
  ] as const) {
    it(`${action}: on confirmation, sends it with the session, updates the row when the API agrees and announces it`, async () => {
      let answer!: () => void;
      const answered = new Promise<void>((resolve) => (answer = resolve));
      const handler = api();
      network = stubFetch(async (request) => {
        if (request.method === 'POST') await answered;
        return handler(request);
      });
      const element = await mount();
      await listed(element);
      const row = rowOf(element, refundShare);
      button(row, label).click();
      await element.updateComplete;
      button(row.querySelector('[role="group"]')!, label).click();
      await element.updateComplete;
      const busy = button(row, 'Saving…');
      expect(busy.getAttribute('aria-disabled')).to.equal('true');
      busy.click(); // nothing more while sending
      button(rowOf(element, selfReferral), 'Void').click(); // nor on another row
      await element.updateComplete;
      expect(element.shadowRoot!.querySelector('[role="group"]')).to.equal(null);
      answer();
      await waitUntil(() => rowText(row).includes(badge), 'row never updated');
      expect(posts(network).map((r) => r.url.href)).to.deep.equal([`${API}${SIGNALS}/${refundShare.id}/${action}`]);
      expect(posts(network)[0]!.headers.get('Authorization')).to.equal(`Bearer ${SECRET}`);
      expect(row.querySelectorAll('button')).to.have.length(0);
      expect(evidence(row)['Decided by']).to.equal('embed-session:s-1');
      if (action !== 'release') expect(evidence(row).Held).to.equal('$0.00 (1 earnings)');
      if (action === 'suspend') expect(evidence(row)['Partner status']).to.equal('suspended');
      expect(element.shadowRoot!.querySelector('.review [role="status"]')!.textContent).to.equal(`Local Eats Guide: ${badge}.`);
      await expect(element).to.be.accessible();
    });
  }

  it('shows a refusal on the row in the API’s words, and a 403 as not allowed; the row keeps its actions', async () => {
    network = stubFetch(
      api((request) =>
        request.url.pathname.endsWith('/void')
          ? json({ error: { code: 'invalid_transition', message: 'Fraud signal was already resolved (release); it cannot be voided now' } }, 409)
          : json({ error: { code: 'forbidden', message: 'Missing scope fraud_signals:review' } }, 403),
      ),
    );
    const element = await mount();
    await listed(element);
    const row = rowOf(element, selfReferral);
    button(row, 'Void').click();
    await element.updateComplete;
    button(row.querySelector('[role="group"]')!, 'Void').click();
    await waitUntil(() => row.querySelector('.error')!.textContent!.includes('already resolved'), 'refusal never shown');
    expect(row.querySelector('.error')!.getAttribute('role')).to.equal('alert');
    expect(rowText(row)).to.contain('Open');
    expect(button(row, 'Void').getAttribute('aria-describedby')).to.equal(`error-${selfReferral.id}`);
    button(row, 'Release').click();
    await element.updateComplete;
    button(row.querySelector('[role="group"]')!, 'Release').click();
    await waitUntil(
      () => !row.querySelector('.error')!.textContent!.includes('already resolved') && row.querySelector('.error')!.textContent!.length > 0,
      '403 never shown',
    );
    expect(row.querySelector('.error')!.textContent).not.to.contain('Missing scope');
    await expect(element).to.be.accessible();
  });

  it('is in French with lang="fr"', async () => {
    network = stubFetch(api());
    const element = await fixture<AdminRevenueDashboard>(
      html`<div lang="fr"><admin-revenue-dashboard api-base=${API} .fetchSession=${fakeSession(SECRET)} panel="fraud"></admin-revenue-dashboard></div>`,
    ).then((div) => div.querySelector('admin-revenue-dashboard')!);
    await listed(element);
    expect(element.shadowRoot!.querySelector('#tab-fraud')!.textContent!.trim()).to.equal('Fraude');
    expect(rowText(rowOf(element, selfReferral))).to.contain('Entreprise du partenaire lui-même');
    expect(button(rowOf(element, selfReferral), 'Libérer')).to.exist;
  });
});
