import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { API, type FakeRequest, fakeSession, HOSTILE, json, routes, stubFetch, textOf } from '../testing/fake-api.ts';
import { type FakeClock, installFakeClock } from '../testing/fake-clock.ts';
import { describeFaults } from '../testing/faults.ts';
import { developerImpact, emptyDeveloperImpact, manyAppsImpact, technicalPartnerImpact } from './developer-ecosystem-tab.fixtures.ts';
import './define.ts';
import { embedCode } from './developer-ecosystem-tab.embed.ts';
import type { DeveloperEcosystemTab } from './developer-ecosystem-tab.ts';

const PATH = '/v1/partner/me/developer-impact';
const SECRET = 'ews_partner_test_session';
const settled = (element: DeveloperEcosystemTab) => waitUntil(() => ['data', 'empty', 'error'].includes(element.state), 'never settled');
const mount = (secret = SECRET) =>
  fixture<DeveloperEcosystemTab>(html`<developer-ecosystem-tab api-base=${API} .fetchSession=${fakeSession(secret)}></developer-ecosystem-tab>`);
const given = (data = developerImpact) =>
  fixture<DeveloperEcosystemTab>(html`<developer-ecosystem-tab api-base=${API} .data=${data}></developer-ecosystem-tab>`);
const $ = <T extends Element = HTMLElement>(element: DeveloperEcosystemTab, selector: string) => element.shadowRoot!.querySelector<T>(selector);
const $$ = (element: DeveloperEcosystemTab, selector: string) => [...element.shadowRoot!.querySelectorAll<HTMLElement>(selector)];
const tab = (element: DeveloperEcosystemTab, name: string) => $<HTMLButtonElement>(element, `#tab-${name}`)!;
const panel = (element: DeveloperEcosystemTab, name: string) => $(element, `#panel-${name}`)!;
const press = (target: HTMLElement, key: string) =>
  target.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, composed: true, cancelable: true }));
const snippetOf = (element: DeveloperEcosystemTab) => $<HTMLTextAreaElement>(element, '#snippet')?.value;

async function choose(element: DeveloperEcosystemTab, selector: string, value: string) {
  const select = $<HTMLSelectElement>(element, selector)!;
  select.value = value;
  select.dispatchEvent(new Event('change', { bubbles: true }));
  await element.updateComplete;
}

/** The generator's code loads when it is first shown: wait for its widget choice. */
const generatorShown = (element: DeveloperEcosystemTab) => waitUntil(() => $(element, '#widget'), 'the embed-code generator never appeared');

/** The earnings panel's code loads when it is first opened: wait for its figures. */
const earningsShown = (element: DeveloperEcosystemTab) => waitUntil(() => $(element, '#panel-earnings .figure'), 'the earnings panel never appeared');

async function openEmbed(element: DeveloperEcosystemTab) {
  tab(element, 'embed').click();
  await generatorShown(element);
}

/** Replaces navigator.clipboard until restored. */
function stubClipboard(writeText: (text: string) => Promise<void>) {
  Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
  return () => delete (navigator as { clipboard?: unknown }).clipboard;
}

describe('developer-ecosystem-tab', () => {
  let network: ReturnType<typeof stubFetch> | undefined;
  let clock: FakeClock | undefined;
  afterEach(() => {
    clock?.uninstall();
    network?.restore();
  });

  it('fetches the developer impact with the partner embed session and shows apps and API usage', async () => {
    network = stubFetch(routes({ [PATH]: developerImpact }));
    const element = await mount();
    await settled(element);
    expect(element.state).to.equal('data');
    expect(network.requests.map((r) => r.url.href)).to.deep.equal([`${API}${PATH}`]);
    expect(network.requests[0]!.headers.get('Authorization')).to.equal(`Bearer ${SECRET}`);
    const text = textOf(element);
    expect(text).to.contain('Black Business Directory of Atlanta · 10% commission');
    expect(text).to.contain('1,840');
    expect(text).to.contain('1,097');
    expect(text).to.contain('89,120');
    expect(text).to.contain('40,215');
    const rows = $$(element, '#panel-apps tbody tr');
    expect(rows.map((r) => r.querySelector('th')!.textContent!.trim().replace(/\s+/g, ' '))).to.deep.equal([
      'ShopBlack Finder (opens in a new tab)',
      'Main Street Payroll (opens in a new tab)',
      'Susu Circle',
      'Neighborhood Eats (opens in a new tab)',
      'CMAL',
      'Susu',
      'Voice',
      'Fraud',
    ]);
    const link = rows[0]!.querySelector('a')!;
    expect(link.getAttribute('href')).to.equal('https://shopblack.example');
    expect(link.getAttribute('rel')).to.equal('noopener noreferrer');
    expect(rows[2]!.querySelector('a'), 'an app without a URL is not a link').to.equal(null);
    expect(rows[0]!.textContent).to.match(/52,110\s+318/);
    await expect(element).to.be.accessible();
  });

  it('follows the WAI-ARIA tabs pattern: arrow keys, Home and End move between sections', async () => {
    const element = await given();
    expect(tab(element, 'apps').getAttribute('aria-selected')).to.equal('true');
    expect(tab(element, 'earnings').tabIndex).to.equal(-1);
    expect(panel(element, 'earnings').hidden).to.equal(true);
    tab(element, 'apps').focus();
    press(tab(element, 'apps'), 'ArrowRight');
    await waitUntil(() => element.shadowRoot!.activeElement === tab(element, 'earnings'), 'focus did not move to Earnings');
    expect(tab(element, 'earnings').getAttribute('aria-selected')).to.equal('true');
    expect(tab(element, 'earnings').tabIndex).to.equal(0);
    expect(tab(element, 'apps').getAttribute('aria-selected')).to.equal('false');
    expect(panel(element, 'earnings').hidden).to.equal(false);
    expect(panel(element, 'apps').hidden).to.equal(true);
    await earningsShown(element);
    expect(textOf(element)).to.contain('Commissions by month');
    press(tab(element, 'earnings'), 'End');
    await waitUntil(() => element.shadowRoot!.activeElement === tab(element, 'embed'));
    press(tab(element, 'embed'), 'ArrowRight');
    await waitUntil(() => element.shadowRoot!.activeElement === tab(element, 'apps'), 'ArrowRight wraps to the first tab');
    press(tab(element, 'apps'), 'ArrowLeft');
    await waitUntil(() => element.shadowRoot!.activeElement === tab(element, 'embed'), 'ArrowLeft wraps to the last tab');
    press(tab(element, 'embed'), 'Home');
    await waitUntil(() => element.shadowRoot!.activeElement === tab(element, 'apps'));
    expect(panel(element, 'apps').hidden).to.equal(false);
  });

  it('fires ecosystem-tab-change when the user opens another section, not when it is already open', async () => {
    const element = await given();
    const seen: string[] = [];
    element.addEventListener('ecosystem-tab-change', (event) => seen.push((event as CustomEvent<{ tab: string }>).detail.tab));
    setTimeout(() => tab(element, 'earnings').click());
    const event = await oneEvent(element, 'ecosystem-tab-change');
    expect(event.bubbles && event.composed).to.equal(true);
    tab(element, 'earnings').click();
    tab(element, 'embed').click();
    expect(seen).to.deep.equal(['earnings', 'embed']);
  });

  it('opens the section named by the tab attribute', async () => {
    const element = await fixture<DeveloperEcosystemTab>(html`<developer-ecosystem-tab tab="earnings" .data=${developerImpact}></developer-ecosystem-tab>`);
    expect(tab(element, 'earnings').getAttribute('aria-selected')).to.equal('true');
    expect(panel(element, 'earnings').hidden).to.equal(false);
  });

  it('shows commissions as money, by month as a chart with a description and a table', async () => {
    const element = await given();
    tab(element, 'earnings').click();
    await earningsShown(element);
    const text = textOf(element);
    expect(text).to.contain('$48,210.55');
    expect($(element, '.chart figcaption')!.textContent!.trim()).to.equal('From $2,104.10 in Dec 2025 to $5,630.45 in Nov 2026.');
    expect($(element, '.slots')!.getAttribute('aria-label')).to.equal('Commissions by month');
    const months = $$(element, '.slots > [role="img"]');
    expect(months).to.have.length(12);
    const heights = months.map((m) => m.querySelector('i')!.getBoundingClientRect().height);
    expect(heights[0]).to.be.lessThan(heights[11]!);
    expect(months[11]!.getAttribute('aria-label')).to.equal('Nov 2026\nCommissions $5,630.45');
    // a compact money axis at round values, its labels 12 px
    expect($$(element, '.chart .y span').map((t) => t.textContent)).to.deep.equal(['$6K', '$4K', '$2K', '$0']);
    expect(getComputedStyle($(element, '.chart .y span')!).fontSize).to.equal('12px');
    expect($(element, '.chart table')!.classList.contains('visually-hidden')).to.equal(true);
    expect($$(element, '.chart tbody tr')[11]!.textContent).to.match(/Nov 2026\s*\$5,630\.45/);
    await expect(element).to.be.accessible();
  });

  it('invites a partner who is not a Technical Partner, firing technical-partner-cta', async () => {
    const element = await given();
    const cta = $<HTMLButtonElement>(element, '.cta button')!;
    expect(cta.textContent!.trim()).to.equal('Become a Technical Partner');
    setTimeout(() => cta.click());
    const event = await oneEvent(element, 'technical-partner-cta');
    expect(event.bubbles && event.composed).to.equal(true);
  });

  it('switches the invitation to the pending application when an upgrade widget on the page files one, and stops listening once removed', async () => {
    let applied = false;
    const pendingImpact = {
      ...developerImpact,
      technical_partner: { ...technicalPartnerImpact.technical_partner!, status: 'pending' as const, approved_at: null },
    };
    network = stubFetch(routes({ [PATH]: () => json(applied ? pendingImpact : developerImpact) }));
    const element = await mount();
    await settled(element);
    expect($(element, '.cta button')!.textContent!.trim()).to.equal('Become a Technical Partner');
    // the upgrade widget fires from its own shadow root: the event bubbles and crosses it to the document
    const host = document.createElement('div');
    const inner = host.attachShadow({ mode: 'open' }).appendChild(document.createElement('form'));
    document.body.append(host);
    applied = true;
    inner.dispatchEvent(
      new CustomEvent('technical-partner-applied', { detail: { status: 'pending', technicalPartnerId: 'x' }, bubbles: true, composed: true }),
    );
    await waitUntil(() => $(element, '.tp') && !$(element, '.cta') && $(element, '.tp')!.textContent!.includes('Pending'), 'never switched to pending');
    expect(network.requests.filter((r) => r.url.pathname === PATH)).to.have.length(2);
    element.remove();
    inner.dispatchEvent(new CustomEvent('technical-partner-applied', { bubbles: true, composed: true }));
    expect(network.requests.filter((r) => r.url.pathname === PATH)).to.have.length(2);
    host.remove();
  });

  it('shows a Technical Partner its status, revenue share and app earnings instead of the invitation', async () => {
    const element = await given(technicalPartnerImpact);
    expect($(element, '.cta')).to.equal(null);
    const panelText = $(element, '.tp')!.textContent!.replace(/\s+/g, ' ');
    expect(panelText).to.contain('App: ATL Directory App');
    expect(panelText).to.contain('Active');
    expect(panelText).to.contain('7.5%');
    expect(panelText).to.contain('96');
    expect(panelText).to.contain('$6,342.20');
    tab(element, 'earnings').click();
    await earningsShown(element);
    expect(textOf(element)).to.contain('Combined earnings$54,552.75');
    await expect(element).to.be.accessible();
  });

  describe('embed-code generator', () => {
    let restoreClipboard: (() => void) | undefined;
    afterEach(() => restoreClipboard?.());

    it('shows the exact snippet for the chosen widget, with the badge app chosen from the partner’s apps', async () => {
      const element = await given();
      await openEmbed(element);
      expect(snippetOf(element)).to.equal(
        `<script type="module" src="${API}/widgets/ecosystem-impact-card.js"></script>\n<ecosystem-impact-card api-base="${API}"></ecosystem-impact-card>`,
      );
      expect($(element, '#app'), 'no app choice for the impact card').to.equal(null);
      await choose(element, '#widget', 'live-business-feed');
      expect(snippetOf(element)).to.equal(
        `<script type="module" src="${API}/widgets/live-business-feed.js"></script>\n<live-business-feed api-base="${API}"></live-business-feed>`,
      );
      await choose(element, '#widget', 'partner-powered-badge');
      const apps = [...$<HTMLSelectElement>(element, '#app')!.options].map((o) => o.textContent);
      expect(apps).to.deep.equal(['ShopBlack Finder', 'Main Street Payroll', 'Susu Circle', 'Neighborhood Eats']);
      expect(snippetOf(element)).to.contain(`<partner-powered-badge api-base="${API}" app-id="${developerImpact.apps[0]!.id}"></partner-powered-badge>`);
      await choose(element, '#app', developerImpact.apps[2]!.id);
      expect(snippetOf(element)).to.contain(`app-id="${developerImpact.apps[2]!.id}"`);
      const area = $<HTMLTextAreaElement>(element, '#snippet')!;
      expect(area.readOnly).to.equal(true);
      expect(area.labels![0]!.textContent).to.equal('Embed code');
      await expect(element).to.be.accessible();
    });

    it('makes a relative api-base absolute, and lets widgets-base choose where scripts load from', async () => {
      const relative = await fixture<DeveloperEcosystemTab>(
        html`<developer-ecosystem-tab api-base="" tab="embed" .data=${developerImpact}></developer-ecosystem-tab>`,
      );
      await generatorShown(relative);
      expect(snippetOf(relative)).to.equal(
        `<script type="module" src="${location.origin}/widgets/ecosystem-impact-card.js"></script>\n<ecosystem-impact-card api-base="${location.origin}"></ecosystem-impact-card>`,
      );
      const cdn = await fixture<DeveloperEcosystemTab>(
        html`<developer-ecosystem-tab api-base="${API}/" widgets-base="https://cdn.example.test/eco/" tab="embed" .data=${developerImpact}></developer-ecosystem-tab>`,
      );
      await generatorShown(cdn);
      expect(snippetOf(cdn)).to.equal(
        `<script type="module" src="https://cdn.example.test/eco/widgets/ecosystem-impact-card.js"></script>\n<ecosystem-impact-card api-base="${API}"></ecosystem-impact-card>`,
      );
    });

    it('quotes and escapes every value as an HTML attribute', () => {
      const snippet = embedCode('partner-powered-badge', {
        apiBase: 'https://a.test/x"y&z',
        widgetsBase: 'https://w.test/<p>',
        appId: '"><script>alert(1)</script>',
      }).page;
      expect(snippet).to.equal(
        '<script type="module" src="https://w.test/&lt;p&gt;/widgets/partner-powered-badge.js"></script>\n' +
          '<partner-powered-badge api-base="https://a.test/x&quot;y&amp;z" app-id="&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"></partner-powered-badge>',
      );
      const parsed = new DOMParser().parseFromString(snippet, 'text/html');
      expect(parsed.querySelectorAll('script')).to.have.length(1);
      expect(parsed.querySelector('partner-powered-badge')!.getAttribute('app-id')).to.equal('"><script>alert(1)</script>');
      expect(parsed.querySelector('partner-powered-badge')!.getAttribute('api-base')).to.equal('https://a.test/x"y&z');
    });

    it('gives both halves for a signed-in widget: server code that mints a session, and a page without any credential', async () => {
      const element = await given();
      await openEmbed(element);
      await choose(element, '#widget', 'developer-ecosystem-tab');
      const code = (id: string) => $<HTMLTextAreaElement>(element, `#${id}`)!.value;
      expect(textOf(element)).to.contain('never goes into a page');
      expect(code('server'))
        .to.contain(`fetch("${API}/v1/partner/embed-sessions"`)
        .and.contain('ECOSYSTEM_PARTNER_TOKEN')
        .and.contain('{ origin: SITE_ORIGIN }');
      expect(code('server')).to.contain("app.post('/ecosystem/embed-session'");
      expect(code('curl')).to.contain(`curl -X POST '${API}/v1/partner/embed-sessions'`).and.contain(`-d '{"origin":"https://dir.example"}'`);
      const page = code('snippet');
      expect(page).not.to.match(/ewp_|ewk_|ews_|Bearer|TOKEN|token/i);
      const parsed = new DOMParser().parseFromString(page, 'text/html');
      expect(parsed.querySelector('developer-ecosystem-tab')!.getAttributeNames()).to.deep.equal(['api-base']);
      expect(parsed.querySelectorAll('script')).to.have.length(2);
      await choose(element, '#widget', 'technical-partner-upgrade');
      expect(code('server')).to.contain('scopes: ["read","technical_partner:apply"]');
      expect(code('curl')).to.contain('"scopes":["read","technical_partner:apply"]');
      expect(code('snippet')).to.contain('<technical-partner-upgrade api-base="https://api.example.test" audience="partner">');
      expect([...element.shadowRoot!.querySelectorAll('textarea')].map((area) => area.labels![0]!.textContent)).to.deep.equal([
        'Your page',
        'Your server (Node.js, Express)',
        'The same from a shell (curl)',
      ]);
      await expect(element).to.be.accessible();
    });

    it('generates a page whose fetchSession calls the partner’s own route and feeds the element', async () => {
      const { page } = embedCode('developer-ecosystem-tab', { apiBase: API, widgetsBase: API });
      network = stubFetch(
        routes({
          '/ecosystem/embed-session': ({ method }: FakeRequest) =>
            method === 'POST'
              ? json({ client_secret: 'ews_from_the_partner_server', expires_at: new Date(Date.now() + 900_000).toISOString() }, 201)
              : json({}, 405),
          [PATH]: developerImpact,
        }),
      );
      const host = await fixture<HTMLDivElement>(html`<div></div>`);
      const parsed = new DOMParser().parseFromString(page, 'text/html');
      host.append(...parsed.body.querySelectorAll('developer-ecosystem-tab'));
      // The inline script as the page would run it (the element's own script is already loaded here).
      new Function(parsed.querySelectorAll('script')[1]!.textContent!)();
      const element = host.querySelector<DeveloperEcosystemTab>('developer-ecosystem-tab')!;
      await settled(element);
      expect(element.state).to.equal('data');
      expect(network.requests.map((r) => [r.method, r.url.pathname, r.headers.get('Authorization')])).to.deep.equal([
        ['POST', '/ecosystem/embed-session', null],
        ['GET', PATH, 'Bearer ews_from_the_partner_server'],
      ]);
    });

    it('pins the colour scheme and the language in the code and in a live preview of the widget', async () => {
      await import('../live-business-feed/define.ts');
      network = stubFetch(routes({}));
      const element = await given();
      await openEmbed(element);
      await choose(element, '#widget', 'live-business-feed');
      const preview = () => $(element, '[part="preview"]')!;
      const previewed = () => preview().querySelector('live-business-feed')!;
      expect(['theme', 'locale'].filter((name) => previewed().hasAttribute(name))).to.deep.equal([]);
      expect(previewed().getAttribute('api-base')).to.equal(API);
      await choose(element, '#theme', 'dark');
      await choose(element, '#locale', 'fr');
      expect(snippetOf(element)).to.equal(
        `<script type="module" src="${API}/widgets/live-business-feed.js"></script>\n<live-business-feed api-base="${API}" theme="dark" locale="fr"></live-business-feed>`,
      );
      expect(previewed().getAttribute('theme')).to.equal('dark');
      expect(previewed().getAttribute('locale')).to.equal('fr');
      expect(preview().classList.contains('dark')).to.equal(true);
      // the widget really draws dark: its card takes the dark surface colour
      await waitUntil(() => previewed().shadowRoot?.querySelector('[part="base"]'), 'the preview never rendered');
      expect(getComputedStyle(previewed().shadowRoot!.querySelector('[part="base"]')!).colorScheme).to.equal('dark');
      await choose(element, '#theme', '');
      expect(previewed().hasAttribute('theme')).to.equal(false);
      expect(snippetOf(element)).not.to.contain('theme=');
      await expect(element).to.be.accessible();
    });

    it('previews a signed-in widget on the partner’s own site only, and says when a preview cannot load', async () => {
      const element = await fixture<DeveloperEcosystemTab>(
        html`<developer-ecosystem-tab api-base=${API} widgets-base="${location.origin}/nowhere" tab="embed" .data=${developerImpact}></developer-ecosystem-tab>`,
      );
      await generatorShown(element);
      await choose(element, '#widget', 'technical-partner-upgrade');
      expect($(element, '[part="preview"]')!.textContent).to.contain('preview it on your own site');
      expect($(element, '[part="preview"] technical-partner-upgrade')).to.equal(null);
      // the badge's script is not on this page and not at widgets-base
      await choose(element, '#widget', 'partner-powered-badge');
      await waitUntil(() => $(element, '[part="preview"]')!.textContent!.includes('could not load'), 'no failure message');
      expect(snippetOf(element)).to.contain('<partner-powered-badge');
    });

    it('copies the snippet to the clipboard, says so and fires embed-code-copied', async () => {
      const written: string[] = [];
      restoreClipboard = stubClipboard(async (text) => void written.push(text));
      const element = await given();
      await openEmbed(element);
      await choose(element, '#widget', 'live-business-feed');
      const copy = $$(element, '.copy-row button')[0]!;
      copy.focus();
      setTimeout(() => copy.click());
      const event = await oneEvent(element, 'embed-code-copied');
      expect(event.detail).to.deep.equal({ tag: 'live-business-feed' });
      expect(event.bubbles && event.composed).to.equal(true);
      expect(written).to.deep.equal([snippetOf(element)]);
      await element.updateComplete;
      expect($(element, '.copy-result')!.textContent).to.equal('Copied to the clipboard.');
      expect($(element, '.copy-result')!.getAttribute('aria-live')).to.equal('polite');
      await expect(element).to.be.accessible();
    });

    it('selects the code and says so when the clipboard refuses', async () => {
      restoreClipboard = stubClipboard(() => Promise.reject(new DOMException('denied', 'NotAllowedError')));
      const element = await given();
      await openEmbed(element);
      let fired = false;
      element.addEventListener('embed-code-copied', () => (fired = true));
      $$(element, '.copy-row button')[0]!.click();
      await waitUntil(() => $(element, '.copy-result')!.textContent!.includes('Could not copy'), 'no failure message');
      const area = $<HTMLTextAreaElement>(element, '#snippet')!;
      expect(element.shadowRoot!.activeElement).to.equal(area);
      expect([area.selectionStart, area.selectionEnd]).to.deep.equal([0, area.value.length]);
      expect(fired).to.equal(false);
    });
  });

  it('speaks French with French number, percent, money and month formats', async () => {
    const element = await fixture<DeveloperEcosystemTab>(
      html`<developer-ecosystem-tab locale="fr-FR" .data=${technicalPartnerImpact}></developer-ecosystem-tab>`,
    );
    let text = textOf(element);
    expect(text).to.contain('Écosystème des développeurs');
    expect(text).to.match(/commission de 10\s%/);
    expect(text).to.match(/1\s840/);
    expect(text).to.match(/7,5\s%/);
    expect(text).to.match(/6\s342,20\s\$/);
    expect(text).to.contain('Actif');
    tab(element, 'earnings').click();
    await element.updateComplete;
    text = textOf(element);
    expect(text).to.match(/48\s210,55\s\$/);
    expect(text).to.match(/déc\. 2025/);
    await openEmbed(element);
    expect(textOf(element)).to.contain('Code d’intégration');
  });

  it('fits 320 px in every section: nothing overflows the card', async () => {
    const wrapper = await fixture<HTMLDivElement>(
      html`<div style="width: 320px"><developer-ecosystem-tab .data=${technicalPartnerImpact}></developer-ecosystem-tab></div>`,
    );
    const element = wrapper.firstElementChild as DeveloperEcosystemTab;
    const frame = $(element, '.frame')!;
    expect(element.getBoundingClientRect().width).to.equal(320);
    for (const name of ['apps', 'earnings', 'embed']) {
      tab(element, name).click();
      await element.updateComplete;
      if (name === 'embed') await generatorShown(element);
      expect(frame.scrollWidth, name).to.be.at.most(frame.clientWidth);
    }
    await choose(element, '#widget', 'technical-partner-upgrade');
    expect(frame.scrollWidth, 'the session widget’s three codes').to.be.at.most(frame.clientWidth);
    tab(element, 'apps').click();
    await element.updateComplete;
    expect($$(element, '.table-scroll').every((region) => region.tabIndex === 0)).to.equal(true);
    await expect(element).to.be.accessible();
  });

  describe('with more than a page of apps', () => {
    /** The paged table's code loads when it first shows: wait for its search box. */
    const pagerShown = (element: DeveloperEcosystemTab) => waitUntil(() => $(element, '#apps-q'), 'the paged table never appeared');
    const appNames = (element: DeveloperEcosystemTab) => $$(element, 'table.apps tbody th').map((th) => th.textContent!.trim());
    const pager = (element: DeveloperEcosystemTab) => {
      const [previous, next] = $$(element, '.pager button') as HTMLButtonElement[];
      return { previous: previous!, next: next!, status: $(element, '.pager [role="status"]')!.textContent!.trim() };
    };
    async function search(element: DeveloperEcosystemTab, text: string) {
      const input = $<HTMLInputElement>(element, '#apps-q')!;
      input.value = text;
      input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
      await element.updateComplete;
    }

    it('shows ten apps a page, with Previous and Next disabled at the ends and the range announced', async () => {
      const element = await given(manyAppsImpact);
      await pagerShown(element);
      expect(appNames(element)).to.deep.equal(manyAppsImpact.apps.slice(0, 10).map((app) => app.name));
      let { previous, next, status } = pager(element);
      expect(status).to.equal('1–10 of 50');
      expect($(element, '.pager [role="status"]')!.closest('[aria-live], [role="status"]')).to.exist;
      expect(previous.getAttribute('aria-disabled')).to.equal('true');
      expect(next.getAttribute('aria-disabled')).to.equal('false');
      previous.click();
      await element.updateComplete;
      expect(pager(element).status, 'a disabled button does nothing').to.equal('1–10 of 50');
      await expect(element).to.be.accessible();
      for (let page = 1; page < 5; page++) {
        next.click();
        await element.updateComplete;
      }
      ({ previous, next, status } = pager(element));
      expect(status).to.equal('41–50 of 50');
      expect(appNames(element)).to.deep.equal(manyAppsImpact.apps.slice(40).map((app) => app.name));
      expect(next.getAttribute('aria-disabled')).to.equal('true');
      expect(previous.getAttribute('aria-disabled')).to.equal('false');
      next.focus();
      next.click();
      await element.updateComplete;
      expect(pager(element).status).to.equal('41–50 of 50');
      expect(element.shadowRoot!.activeElement, 'the disabled button keeps the focus').to.equal(next);
      previous.click();
      await element.updateComplete;
      expect(pager(element).status).to.equal('31–40 of 50');
    });

    it('searches apps by name, back on the first page, keeping search and page across tabs', async () => {
      const element = await given(manyAppsImpact);
      await pagerShown(element);
      pager(element).next.click();
      await element.updateComplete;
      expect(pager(element).status).to.equal('11–20 of 50');
      expect($(element, 'label[for="apps-q"]')!.textContent).to.equal('Search apps');
      await search(element, 'cedar');
      expect(pager(element).status, 'a new search starts on the first page').to.equal('1–10 of 10');
      expect(appNames(element).every((name) => name.startsWith('Cedar'))).to.equal(true);
      expect(pager(element).next.getAttribute('aria-disabled')).to.equal('true');
      await search(element, '  BEACON app 4');
      expect(appNames(element)).to.deep.equal(['Beacon App 42', 'Beacon App 47']);
      expect(pager(element).status).to.equal('1–2 of 2');
      tab(element, 'earnings').click();
      await earningsShown(element);
      tab(element, 'apps').click();
      await pagerShown(element);
      expect($<HTMLInputElement>(element, '#apps-q')!.value, 'the search survives a visit to another tab').to.equal('  BEACON app 4');
      expect(appNames(element)).to.deep.equal(['Beacon App 42', 'Beacon App 47']);
      await search(element, 'zebra');
      expect(appNames(element)).to.deep.equal([]);
      expect(pager(element).status).to.equal('Nothing matches this search.');
      await expect(element).to.be.accessible();
    });

    it('speaks French in the pager', async () => {
      const element = await fixture<DeveloperEcosystemTab>(html`<developer-ecosystem-tab locale="fr-FR" .data=${manyAppsImpact}></developer-ecosystem-tab>`);
      await pagerShown(element);
      expect(pager(element).status).to.equal('1–10 sur 50');
      expect(pager(element).next.textContent!.trim()).to.equal('Suivant');
      expect($(element, 'label[for="apps-q"]')!.textContent).to.equal('Rechercher une application');
    });

    it('lays each app out as a card at 390 px, and as a table row at 1280 px', async () => {
      const wrapper = await fixture<HTMLDivElement>(
        html`<div style="width: 390px"><developer-ecosystem-tab .data=${manyAppsImpact}></developer-ecosystem-tab></div>`,
      );
      const element = wrapper.firstElementChild as DeveloperEcosystemTab;
      await pagerShown(element);
      const frame = $(element, '.frame')!;
      const row = $(element, 'table.apps tbody tr')!;
      expect(getComputedStyle(row).display).to.equal('block');
      expect(getComputedStyle($(element, 'table.apps thead')!).display).to.equal('none');
      const cell = row.querySelector('td')!;
      expect(getComputedStyle(cell, '::before').content).to.equal('"Company"');
      expect(cell.getBoundingClientRect().width, 'a cell spans its card').to.be.greaterThan(250);
      const region = $(element, '#apps')!;
      expect(region.scrollWidth, 'no sideways scrolling').to.be.at.most(region.clientWidth);
      expect(frame.scrollWidth).to.be.at.most(frame.clientWidth);
      await expect(element).to.be.accessible();
      wrapper.style.width = '1280px';
      await waitUntil(() => getComputedStyle(row).display === 'table-row', 'the cards never became rows again');
      expect(getComputedStyle(cell, '::before').content).to.equal('none');
    });
  });

  it('takes its data as a property without fetching', async () => {
    network = stubFetch(() => json({}, 500));
    const element = await fixture<DeveloperEcosystemTab>(
      html`<developer-ecosystem-tab api-base=${API} .fetchSession=${fakeSession(SECRET)} .data=${developerImpact}></developer-ecosystem-tab>`,
    );
    expect(element.state).to.equal('data');
    expect(network.requests).to.have.length(0);
    expect(textOf(element)).to.contain('1,840');
  });

  it('stays idle with a sign-in message and fetches nothing without fetchSession', async () => {
    network = stubFetch(routes({ [PATH]: developerImpact }));
    const element = await fixture<DeveloperEcosystemTab>(html`<developer-ecosystem-tab api-base=${API}></developer-ecosystem-tab>`);
    expect(element.state).to.equal('idle');
    expect(textOf(element)).to.contain('Sign in to see this.');
    expect(network.requests).to.have.length(0);
    await expect(element).to.be.accessible();
    element.fetchSession = fakeSession(SECRET);
    await settled(element);
    expect(element.state).to.equal('data');
  });

  it('shows a rejected session as an error without retrying by itself', async () => {
    network = stubFetch(() => json({ error: { code: 'unauthorized', message: 'Unknown or revoked session' } }, 401));
    const element = await mount('pt_revoked');
    await settled(element);
    expect(element.state).to.equal('error');
    expect(textOf(element)).to.contain('Your credential was not accepted');
    expect(network.requests).to.have.length(1);
    await expect(element).to.be.accessible();
  });

  it('shows the loading state while the API is answering, announced politely', async () => {
    let answer!: (response: Response) => void;
    network = stubFetch(() => new Promise((resolve) => (answer = resolve)));
    const element = await mount();
    expect(element.state).to.equal('loading');
    expect($(element, '[role="status"]')!.textContent).to.contain('Loading');
    await expect(element).to.be.accessible();
    answer(json(developerImpact));
    await settled(element);
    expect(element.state).to.equal('data');
  });

  it('shows the empty state for a new partner, still offering the embed code and the invitation', async () => {
    network = stubFetch(routes({ [PATH]: emptyDeveloperImpact }));
    const element = await mount();
    await settled(element);
    expect(element.state).to.equal('empty');
    expect(textOf(element)).to.contain('No businesses referred and no apps yet');
    expect($(element, '[role="tablist"]')).to.equal(null);
    await generatorShown(element);
    expect(snippetOf(element)).to.contain('<ecosystem-impact-card');
    await choose(element, '#widget', 'partner-powered-badge');
    expect(snippetOf(element)).to.equal(undefined);
    expect(textOf(element)).to.contain('there is no badge to show');
    expect($(element, '.cta button')).to.exist;
    await expect(element).to.be.accessible();
  });

  it('shows the error state with a working retry button, and is accessible there', async () => {
    let fail = true;
    network = stubFetch(() => (fail ? json({ error: { code: 'unavailable', message: 'down' } }, 503) : json(developerImpact)));
    clock = installFakeClock();
    const element = await mount();
    await clock.runUntil(() => element.state === 'error', 'never reached the error state', 1_000);
    clock.uninstall();
    await expect(element).to.be.accessible();
    fail = false;
    $(element, '.error button')!.click();
    await waitUntil(() => element.state === 'data', 'retry did not recover');
  });

  it('renders hostile names from the API as text and never links a non-web URL', async () => {
    const hostile = {
      ...developerImpact,
      partner: { ...developerImpact.partner, directory_name: HOSTILE },
      apps: [{ ...developerImpact.apps[0]!, name: HOSTILE, company: HOSTILE, url: 'javascript:alert(1)' }],
    };
    network = stubFetch(routes({ [PATH]: hostile }));
    const element = await mount();
    await settled(element);
    expect(element.shadowRoot!.querySelector('img')).to.equal(null);
    expect(element.shadowRoot!.querySelector('a')).to.equal(null);
    expect(textOf(element)).to.contain(HOSTILE);
    await openEmbed(element);
    await choose(element, '#widget', 'partner-powered-badge');
    expect($<HTMLSelectElement>(element, '#app')!.options[0]!.textContent).to.equal(HOSTILE);
    expect(element.shadowRoot!.querySelector('img')).to.equal(null);
  });

  it('treats an answer of the wrong shape as an error', async () => {
    network = stubFetch(routes({ [PATH]: { ...developerImpact, apps: [{ name: 'X' }] } }));
    clock = installFakeClock();
    const element = await mount();
    await clock.runUntil(() => element.state === 'error', 'never reached the error state', 1_000);
  });

  describeFaults({
    mount: (apiBase, timeout) =>
      fixture(html`<developer-ecosystem-tab api-base=${apiBase} timeout=${timeout} .fetchSession=${fakeSession(SECRET)}></developer-ecosystem-tab>`),
    healthy: routes({ [PATH]: developerImpact }),
  });
});
