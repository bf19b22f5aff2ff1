import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { API, type FakeRequest, fakeSession, HOSTILE, json, stubFetch, textOf } from '../testing/fake-api.ts';
import { describeFaults } from '../testing/faults.ts';
import './define.ts';
import type { Application } from './technical-partner-approvals.api.ts';
import { active, applications, noApplications, pendingDeveloper, pendingPartner, suspended, transitioned } from './technical-partner-approvals.fixtures.ts';
import type { TechnicalPartnerApprovals } from './technical-partner-approvals.ts';

const LIST = '/v1/admin/technical-partners';
const SECRET = 'ews_admin_review_session';

/** The list, filtered by `status` as the API filters it, and each action answered as the API would. */
const api =
  (refuse?: (request: FakeRequest) => Response | undefined) =>
  (request: FakeRequest): Response => {
    const path = request.url.pathname;
    if (request.method === 'GET' && path === LIST) {
      const status = request.url.searchParams.get('status');
      return json({ ...applications, technical_partners: applications.technical_partners.filter((item) => !status || item.status === status) });
    }
    const match = /^\/v1\/admin\/technical-partners\/([\w-]+)\/(approve|suspend|reactivate)$/.exec(path);
    const item = applications.technical_partners.find((candidate) => candidate.id === match?.[1]);
    if (request.method === 'POST' && match && item) {
      const refused = refuse?.(request);
      if (refused) return refused;
      return json(transitioned(item, match[2] === 'suspend' ? 'suspended' : 'active'));
    }
    return json({ error: { code: 'not_found', message: `No route ${path}` } }, 404);
  };

const settled = (element: TechnicalPartnerApprovals) => waitUntil(() => ['data', 'empty', 'error'].includes(element.state), `never settled (${element.state})`);
const mount = (status = '') =>
  fixture<TechnicalPartnerApprovals>(
    html`<technical-partner-approvals api-base=${API} status=${status} .fetchSession=${fakeSession(SECRET)}></technical-partner-approvals>`,
  );
const rowOf = (element: TechnicalPartnerApprovals, item: Application) =>
  element.shadowRoot!.querySelector<HTMLElement>(`li[aria-labelledby="app-${item.id}"]`)!;
const rowText = (row: Element) => row.textContent!.replace(/\s+/g, ' ').trim();
const button = (row: Element, text: string) => [...row.querySelectorAll('button')].find((b) => b.textContent!.trim() === text)!;
const active$ = (element: TechnicalPartnerApprovals) => element.shadowRoot!.activeElement as HTMLElement | null;

describe('technical-partner-approvals', () => {
  let network: ReturnType<typeof stubFetch> | undefined;
  afterEach(() => network?.restore());

  it('shows the loading state until the list arrives', async () => {
    let answer!: (response: Response) => void;
    network = stubFetch(() => new Promise((resolve) => (answer = resolve)));
    const element = await mount();
    expect(element.state).to.equal('loading');
    expect(element.shadowRoot!.querySelector('.loading[role="status"]')!.textContent).to.contain('Loading');
    await expect(element).to.be.accessible();
    answer(json(applications));
    await settled(element);
    expect(element.state).to.equal('data');
  });

  it('lists the applications in the API’s order, pending first, with their evidence, asking with the admin session', async () => {
    network = stubFetch(api());
    const element = await mount();
    await settled(element);
    expect(network.requests.map((r) => r.url.href)).to.deep.equal([`${API}${LIST}?limit=100`]);
    expect(network.requests[0]!.headers.get('Authorization')).to.equal(`Bearer ${SECRET}`);
    const rows = [...element.shadowRoot!.querySelectorAll('li')];
    expect(rows.map((row) => row.querySelector('h3')!.textContent!.replace(/\s+/g, ' ').trim())).to.deep.equal([
      'Main Street Maps Pending',
      'Local Eats Pending',
      'Fix-It Finder Active',
      'Untitled app Suspended',
    ]);
    const evidence = Object.fromEntries(
      [...rows[0]!.querySelectorAll('dl > div')].map((pair) => [pair.querySelector('dt')!.textContent!.trim(), pair.querySelector('dd')!.textContent!.trim()]),
    );
    expect(evidence).to.deep.include({
      Developer: 'Mia Street (Main Street Directory)mia@mainstreet.example',
      Directory: 'Main Street Directory',
      Applied: 'Nov 30, 2026',
      Apps: '2',
      'Businesses attributed': '14',
      'API calls, 30 days': '18,240',
      'Directory referrals (converted)': '120 (87)',
      'Revenue share': '5%',
    });
    expect(rowText(rows[1]!)).to.contain('DirectoryNone');
    expect(rowText(rows[2]!)).to.contain('App earnings$1,234.50');
    // the one action each status allows
    expect(rows.map((row) => [...row.querySelectorAll('button')].map((b) => b.textContent!.trim()))).to.deep.equal([
      ['Approve'],
      ['Approve'],
      ['Suspend'],
      ['Reactivate'],
    ]);
    await expect(element).to.be.accessible();
  });

  it('shows the empty state for a status without applications', async () => {
    network = stubFetch(() => json(noApplications));
    const element = await mount('suspended');
    await settled(element);
    expect(element.state).to.equal('empty');
    expect(textOf(element)).to.contain('No application with this status.');
    expect(network.requests[0]!.url.searchParams.get('status')).to.equal('suspended');
    await expect(element).to.be.accessible();
  });

  it('filters by status, asking the API again', async () => {
    network = stubFetch(api());
    const element = await mount();
    await settled(element);
    const select = element.shadowRoot!.querySelector('select')!;
    expect([...select.options].map((o) => o.textContent)).to.deep.equal(['All (pending first)', 'Pending', 'Active', 'Suspended']);
    select.value = 'active';
    select.dispatchEvent(new Event('change'));
    await waitUntil(() => element.shadowRoot!.querySelectorAll('li').length === 1, 'never filtered');
    expect(network.requests.at(-1)!.url.searchParams.get('status')).to.equal('active');
    expect(rowText(rowOf(element, active))).to.contain('Fix-It Finder');
  });

  it('asks for confirmation before acting; Cancel and Escape send nothing and give focus back', async () => {
    network = stubFetch(api());
    const element = await mount();
    await settled(element);
    const row = rowOf(element, pendingDeveloper);
    button(row, 'Approve').click();
    await element.updateComplete;
    const group = row.querySelector('[role="group"]')!;
    expect(group.textContent).to.contain('Approve Local Eats? It becomes active');
    expect(active$(element)!.textContent!.trim(), 'focus on the confirm button').to.equal('Approve');
    expect(active$(element)!.closest('[role="group"]')).to.equal(group);
    await expect(element).to.be.accessible();
    button(row, 'Cancel').click();
    await element.updateComplete;
    expect(row.querySelector('[role="group"]')).to.equal(null);
    await waitUntil(() => active$(element)?.classList.contains(`act-${pendingDeveloper.id}`), 'focus back on the action');
    // by keyboard: Enter opens the confirmation, Escape closes it
    await sendKeys({ press: 'Enter' });
    await element.updateComplete;
    expect(row.querySelector('[role="group"]')).to.exist;
    await sendKeys({ press: 'Escape' });
    await element.updateComplete;
    expect(row.querySelector('[role="group"]')).to.equal(null);
    expect(network.requests.filter((r) => r.method === 'POST')).to.have.length(0);
  });

  it('approves on confirmation: shows progress, updates the row, announces it, fires technical-partner-reviewed, never shows the key', async () => {
    let answer!: () => void;
    const answered = new Promise<void>((resolve) => (answer = resolve));
    const handler = api();
    network = stubFetch(async (request) => {
      if (request.method === 'POST') await answered;
      return handler(request);
    });
    const element = await mount();
    await settled(element);
    const row = rowOf(element, pendingPartner);
    button(row, 'Approve').click();
    await element.updateComplete;
    const events: CustomEvent[] = [];
    document.addEventListener('technical-partner-reviewed', (event) => events.push(event as CustomEvent), { once: true });
    button(row.querySelector('[role="group"]')!, 'Approve').click();
    await element.updateComplete;
    const progress = button(row, 'Saving…');
    expect(progress.getAttribute('aria-disabled')).to.equal('true');
    expect(active$(element), 'focus stays on the busy button').to.equal(progress);
    progress.click(); // a second click while sending does nothing
    // nor does another row's action: one at a time, so none is cut short
    const other = rowOf(element, pendingDeveloper);
    expect(button(other, 'Approve').getAttribute('aria-disabled')).to.equal('true');
    button(other, 'Approve').click();
    await element.updateComplete;
    expect(row.querySelector('[role="group"]')).to.equal(null);
    expect(other.querySelector('[role="group"]')).to.equal(null);
    answer();
    await waitUntil(() => rowText(row).includes('Active'), 'row never updated');
    const post = network.requests.find((r) => r.method === 'POST')!;
    expect(post.url.href).to.equal(`${API}${LIST}/${pendingPartner.id}/approve`);
    expect(post.headers.get('Authorization')).to.equal(`Bearer ${SECRET}`);
    expect(network.requests.filter((r) => r.method === 'POST')).to.have.length(1);
    expect(row.querySelector('.badge')!.className).to.contain('active');
    expect(button(row, 'Suspend')).to.exist;
    expect(element.shadowRoot!.querySelector('[role="status"][aria-live="polite"]')!.textContent).to.equal('Main Street Maps: Active.');
    expect(events).to.have.length(1);
    expect(events[0]!.detail).to.deep.equal({ id: pendingPartner.id, action: 'approve', status: 'active' });
    expect(events[0]!.bubbles && events[0]!.composed).to.equal(true);
    expect(textOf(element)).not.to.contain('SECRET');
    await waitUntil(() => active$(element) === button(row, 'Suspend'), 'focus on the new action');
    await expect(element).to.be.accessible();
  });

  it('suspends and reactivates the same way', async () => {
    network = stubFetch(api());
    const element = await mount();
    await settled(element);
    for (const [item, action, after] of [
      [active, 'Suspend', 'Suspended'],
      [suspended, 'Reactivate', 'Active'],
    ] as const) {
      const row = rowOf(element, item);
      button(row, action).click();
      await element.updateComplete;
      button(row.querySelector('[role="group"]')!, action).click();
      await waitUntil(() => row.querySelector('.badge')!.textContent === after, `${action} never applied`);
    }
    expect(network.requests.filter((r) => r.method === 'POST').map((r) => r.url.pathname.split('/').pop())).to.deep.equal(['suspend', 'reactivate']);
  });

  it('shows a refusal on the row in the API’s words, keeps the row as it was, and lets the admin try again', async () => {
    let refuse = true;
    network = stubFetch(
      api(() =>
        refuse
          ? json({ error: { code: 'invalid_transition', message: 'Cannot approve a technical partner that is active; only a pending one' } }, 409)
          : undefined,
      ),
    );
    const element = await mount();
    await settled(element);
    const row = rowOf(element, pendingDeveloper);
    let fired = false;
    element.addEventListener('technical-partner-reviewed', () => (fired = true));
    button(row, 'Approve').click();
    await element.updateComplete;
    button(row.querySelector('[role="group"]')!, 'Approve').click();
    await waitUntil(() => row.querySelector('.error')!.textContent !== '', 'no error shown');
    const error = row.querySelector('.error')!;
    expect(error.getAttribute('role')).to.equal('alert');
    expect(error.textContent).to.equal('Cannot approve a technical partner that is active; only a pending one');
    expect(button(row, 'Approve').getAttribute('aria-describedby')).to.equal(error.id);
    expect(row.querySelector('.badge')!.textContent).to.equal('Pending');
    expect(fired).to.equal(false);
    await expect(element).to.be.accessible();
    refuse = false;
    button(row, 'Approve').click();
    await element.updateComplete;
    button(row.querySelector('[role="group"]')!, 'Approve').click();
    await waitUntil(() => row.querySelector('.badge')!.textContent === 'Active', 'retry never applied');
    expect(row.querySelector('.error')!.textContent).to.equal('');
  });

  it('says a network failure or a refused session in its own words', async () => {
    let answer: () => Response | Promise<Response> = () => Promise.reject(new TypeError('Failed to fetch'));
    network = stubFetch(api(() => undefined));
    const element = await mount();
    await settled(element);
    network.restore();
    network = stubFetch((request) => (request.method === 'POST' ? answer() : api()(request)));
    const row = rowOf(element, pendingDeveloper);
    const act = async (expected: string) => {
      button(row, 'Approve').click();
      await element.updateComplete;
      button(row.querySelector('[role="group"]')!, 'Approve').click();
      await waitUntil(() => row.querySelector('.error')!.textContent === expected, `never said: ${expected}`, { timeout: 3000 });
    };
    await act('The change could not be saved. Try again.');
    answer = () => json({ error: { code: 'forbidden', message: 'This embed session lacks the scope technical_partners:review' } }, 403);
    await act('This credential may not see this.');
  });

  it('speaks French', async () => {
    const element = await fixture<TechnicalPartnerApprovals>(
      html`<technical-partner-approvals locale="fr-FR" .data=${applications}></technical-partner-approvals>`,
    );
    const text = textOf(element);
    expect(text).to.contain('Candidatures Partenaire technique');
    expect(text).to.contain('En attente');
    expect(text).to.contain('18 240');
    expect(text).to.contain('1 234,50 $US');
    expect(text).to.contain('30 nov. 2026');
    const row = rowOf(element, pendingDeveloper);
    button(row, 'Approuver').click();
    await element.updateComplete;
    expect(row.querySelector('[role="group"]')!.textContent).to.contain('Approuver Local Eats ?');
    expect(button(row, 'Annuler')).to.exist;
    await expect(element).to.be.accessible();
  });

  it('takes its data as a property without fetching, and stays idle without fetchSession', async () => {
    network = stubFetch(api());
    const given = await fixture<TechnicalPartnerApprovals>(
      html`<technical-partner-approvals api-base=${API} .data=${applications}></technical-partner-approvals>`,
    );
    expect(given.state).to.equal('data');
    const idle = await fixture<TechnicalPartnerApprovals>(html`<technical-partner-approvals api-base=${API}></technical-partner-approvals>`);
    expect(idle.state).to.equal('idle');
    expect(textOf(idle)).to.contain('Sign in to see this.');
    expect(network.requests).to.have.length(0);
  });

  it('renders hostile strings from the API as text', async () => {
    const hostile = { ...pendingDeveloper, app_name: HOSTILE, developer: { name: HOSTILE, email: HOSTILE, company: HOSTILE }, directory_name: HOSTILE };
    const element = await fixture<TechnicalPartnerApprovals>(
      html`<technical-partner-approvals .data=${{ currency: 'USD', technical_partners: [hostile], next_cursor: null }}></technical-partner-approvals>`,
    );
    expect(element.shadowRoot!.querySelector('img')).to.equal(null);
    expect(textOf(element)).to.contain(HOSTILE);
  });

  describeFaults({
    mount: (apiBase, timeout) =>
      fixture(html`<technical-partner-approvals api-base=${apiBase} timeout=${timeout} .fetchSession=${fakeSession(SECRET)}></technical-partner-approvals>`),
    healthy: api(),
  });
});
