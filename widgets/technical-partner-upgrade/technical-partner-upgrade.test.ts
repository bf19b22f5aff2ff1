import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { API, type FakeRequest, fakeSession, HOSTILE, json, routes, stubFetch, textOf } from '../testing/fake-api.ts';
import { type FakeClock, installFakeClock } from '../testing/fake-clock.ts';
import { describeFaults } from '../testing/faults.ts';
import {
  active,
  activePartner,
  developerImpact,
  issuedKey,
  notApplied,
  partnerApplication,
  partnerLinkRequest,
  pending,
  prices,
  suspended,
} from './technical-partner-upgrade.fixtures.ts';
import './define.ts';
import type { TechnicalPartnerOverview } from './technical-partner-upgrade.api.ts';
import type { TechnicalPartnerUpgrade } from './technical-partner-upgrade.ts';

const STATUS = '/v1/developer/me/technical-partner';
const APPLY = '/v1/developer/me/technical-partner/apply';
const KEY = '/v1/developer/me/technical-partner/key';
const IMPACT = '/v1/partner/me/developer-impact';
const PARTNER_APPLY = '/v1/partner/me/technical-partner/apply';
const PARTNER_KEY = '/v1/partner/me/technical-partner/key';
const SECRET = 'ews_developer_test_session';

/** Settled, and the form or key panel it shows loaded (each loads the first time it is shown). */
const settled = (element: TechnicalPartnerUpgrade) =>
  waitUntil(
    () => ['data', 'empty', 'error'].includes(element.state) && !element.shadowRoot!.querySelector('.state.loading'),
    `never settled (${element.state})`,
  );
const $ = <T extends Element = HTMLElement>(element: TechnicalPartnerUpgrade, selector: string) => element.shadowRoot!.querySelector<T>(selector);
const developer = () =>
  fixture<TechnicalPartnerUpgrade>(html`<technical-partner-upgrade api-base=${API} .fetchSession=${fakeSession(SECRET)}></technical-partner-upgrade>`);
const partner = () =>
  fixture<TechnicalPartnerUpgrade>(
    html`<technical-partner-upgrade api-base=${API} audience="partner" .fetchSession=${fakeSession(SECRET)}></technical-partner-upgrade>`,
  );

/** Types into a field the way a user does: focus, then keystrokes. */
async function type(element: TechnicalPartnerUpgrade, field: string, text: string) {
  $<HTMLInputElement>(element, `#field-${field}`)!.focus();
  await sendKeys({ type: text });
}
const submit = (element: TechnicalPartnerUpgrade) => $<HTMLButtonElement>(element, 'form button[type="submit"]')!.click();
const focused = (element: TechnicalPartnerUpgrade) => element.shadowRoot!.activeElement;

describe('technical-partner-upgrade', () => {
  let network: ReturnType<typeof stubFetch> | undefined;
  let clock: FakeClock | undefined;
  afterEach(() => {
    clock?.uninstall();
    network?.restore();
  });

  describe('developer audience', () => {
    it('fetches the status with the embed session and, not applied yet, shows the form and the preferential prices', async () => {
      network = stubFetch(routes({ [STATUS]: notApplied }));
      const element = await developer();
      await settled(element);
      expect(element.state).to.equal('empty');
      expect(network.requests.map((r) => r.url.href)).to.deep.equal([`${API}${STATUS}`]);
      expect(network.requests[0]!.headers.get('Authorization')).to.equal(`Bearer ${SECRET}`);
      const text = textOf(element);
      expect(text).to.contain('You are not a Technical Partner yet.');
      expect(text).to.contain('Apply to become a Technical Partner');
      expect($(element, '#field-app_name')).to.exist;
      expect($(element, '#field-email'), 'partner-only field').to.equal(null);
      const rows = [...element.shadowRoot!.querySelectorAll('.prices tbody tr')].map((row) => row.textContent!.replace(/\s+/g, ' ').trim());
      expect(rows[0]).to.equal('CMAL business data $4.00 $3.00 25%');
      expect(rows).to.have.length(4);
      await expect(element).to.be.accessible();
    });

    it('shows each discount exactly as the API states it, never rounded to a neighbouring 25%', async () => {
      const voice = { ...prices[1]!, price_per_1000: '2.50', technical_partner_price_per_1000: '1.88', discount_percent: '24.80' };
      const odd = { ...prices[2]!, price_per_1000: '4.00', technical_partner_price_per_1000: '3.01', discount_percent: '24.75' };
      network = stubFetch(routes({ [STATUS]: { ...notApplied, prices: [prices[0]!, voice, odd] } }));
      const element = await developer();
      await settled(element);
      const discounts = () => [...element.shadowRoot!.querySelectorAll('.prices tbody tr td:last-child')].map((cell) => cell.textContent!.trim());
      expect(discounts()).to.deep.equal(['25%', '24.8%', '24.75%']);
      element.locale = 'fr';
      await element.updateComplete;
      expect(discounts()).to.deep.equal(['25\u00a0%', '24,8\u00a0%', '24,75\u00a0%']);
    });

    it('validates on submit: marks fields invalid, explains why, focuses the first, and sends nothing', async () => {
      network = stubFetch(routes({ [STATUS]: notApplied }));
      const element = await developer();
      await settled(element);
      submit(element);
      await waitUntil(() => $(element, '#error-app_name'));
      const name = $<HTMLInputElement>(element, '#field-app_name')!;
      expect(name.getAttribute('aria-invalid')).to.equal('true');
      expect(name.getAttribute('aria-describedby')).to.contain('error-app_name');
      expect($(element, '#error-app_name')!.textContent).to.equal('Enter this field.');
      expect(focused(element)).to.equal(name);
      expect($(element, '#field-app_url')!.getAttribute('aria-invalid')).to.equal('false');
      await expect(element).to.be.accessible();

      await type(element, 'app_name', 'Ledgerly');
      await type(element, 'app_url', 'ftp://files.example.com');
      submit(element);
      await waitUntil(() => $(element, '#error-app_url'));
      expect($(element, '#error-app_name')).to.equal(null);
      expect($(element, '#error-app_url')!.textContent).to.contain('https://');
      expect(focused(element)).to.equal($(element, '#field-app_url'));

      $<HTMLInputElement>(element, '#field-app_name')!.value = 'x'.repeat(201);
      $<HTMLInputElement>(element, '#field-app_url')!.value = '';
      submit(element);
      await waitUntil(() => $(element, '#error-app_name'));
      expect($(element, '#error-app_name')!.textContent).to.contain('at most 200');
      expect(network.requests.filter((r) => r.method === 'POST')).to.have.length(0);
    });

    it('applies with a renewed session when the API says the session expired meanwhile', async () => {
      const secrets = ['ews_first', 'ews_renewed'];
      const fetchSession = async () => ({ client_secret: secrets.shift() ?? 'ews_more', expires_at: new Date(Date.now() + 900_000).toISOString() });
      network = stubFetch(
        routes({
          [STATUS]: notApplied,
          [APPLY]: ({ headers }: FakeRequest) =>
            headers.get('Authorization') === 'Bearer ews_renewed'
              ? json(pending, 201)
              : json({ error: { code: 'session_expired', message: 'Session expired' } }, 401),
        }),
      );
      const element = await fixture<TechnicalPartnerUpgrade>(
        html`<technical-partner-upgrade api-base=${API} .fetchSession=${fetchSession}></technical-partner-upgrade>`,
      );
      await settled(element);
      await type(element, 'app_name', 'Ledgerly Books');
      submit(element);
      await oneEvent(element, 'technical-partner-applied');
      const posts = network.requests.filter((r) => r.method === 'POST').map((r) => r.headers.get('Authorization'));
      expect(posts).to.deep.equal(['Bearer ews_first', 'Bearer ews_renewed']);
      expect(secrets, 'fetchSession called twice').to.deep.equal([]);
    });

    it('applies: disables the submit button while sending, posts the fields, fires technical-partner-applied and shows the pending status', async () => {
      let answer!: (response: Response) => void;
      let posted: FakeRequest | undefined;
      network = stubFetch(
        routes({
          [STATUS]: notApplied,
          [APPLY]: (request: FakeRequest) => {
            posted = request;
            return new Promise<Response>((resolve) => (answer = resolve));
          },
        }),
      );
      const element = await developer();
      await settled(element);
      await type(element, 'app_name', '  Ledgerly Books ');
      await type(element, 'app_url', 'https://ledgerly.example.com');
      const applied = oneEvent(element, 'technical-partner-applied');
      await sendKeys({ press: 'Enter' });
      await waitUntil(() => posted);
      await element.updateComplete;
      const button = $<HTMLButtonElement>(element, 'form button[type="submit"]')!;
      expect(button.disabled).to.equal(true);
      expect(button.textContent).to.contain('Sending');
      expect(posted!.method).to.equal('POST');
      expect(posted!.headers.get('Authorization')).to.equal(`Bearer ${SECRET}`);
      expect(posted!.body).to.deep.equal({ app_name: 'Ledgerly Books', app_url: 'https://ledgerly.example.com' });
      answer(json(pending, 201));
      const event = await applied;
      expect(event.detail).to.deep.equal({ status: 'pending', technicalPartnerId: pending.technical_partner!.id });
      expect(event.bubbles && event.composed).to.equal(true);
      await element.updateComplete;
      expect(element.state).to.equal('data');
      expect($(element, 'form')).to.equal(null);
      expect($(element, '[part="status"]')!.textContent).to.equal('Pending review');
      expect(focused(element)).to.equal($(element, '#status-title'));
      expect($(element, '.visually-hidden[role="status"]')!.textContent).to.contain('Application sent');
      await expect(element).to.be.accessible();
    });

    it('omits an empty optional URL from the body', async () => {
      network = stubFetch(routes({ [STATUS]: notApplied, [APPLY]: () => json(pending, 201) }));
      const element = await developer();
      await settled(element);
      await type(element, 'app_name', 'Ledgerly');
      submit(element);
      await waitUntil(() => element.state === 'data');
      expect(network.requests.find((r) => r.method === 'POST')!.body).to.deep.equal({ app_name: 'Ledgerly' });
    });

    it('shows the server’s message next to the form on a 400, keeping what was typed', async () => {
      network = stubFetch(
        routes({ [STATUS]: notApplied, [APPLY]: () => json({ error: { code: 'validation_failed', message: 'app_url: must be an http(s) URL' } }, 400) }),
      );
      const element = await developer();
      await settled(element);
      await type(element, 'app_name', 'Ledgerly');
      submit(element);
      await waitUntil(() => $(element, '#form-error')!.textContent);
      expect($(element, '#form-error')!.textContent).to.equal('app_url: must be an http(s) URL');
      expect($(element, '#form-error')!.getAttribute('role')).to.equal('alert');
      expect($<HTMLInputElement>(element, '#field-app_name')!.value).to.equal('Ledgerly');
      expect($<HTMLButtonElement>(element, 'form button[type="submit"]')!.disabled).to.equal(false);
      expect(element.state).to.equal('empty');
      await expect(element).to.be.accessible();
    });

    it('reloads the status when the server says it already has an application (409)', async () => {
      let status: TechnicalPartnerOverview = notApplied;
      network = stubFetch(
        routes({
          [STATUS]: () => json(status),
          [APPLY]: () => {
            status = pending;
            return json(
              { error: { code: 'conflict', message: 'Already applied to become a Technical Partner (status: pending)', details: { status: 'pending' } } },
              409,
            );
          },
        }),
      );
      const element = await developer();
      await settled(element);
      await type(element, 'app_name', 'Ledgerly');
      submit(element);
      await waitUntil(() => element.state === 'data', 'status not reloaded');
      expect(network.requests.filter((r) => r.url.pathname === STATUS)).to.have.length(2);
      expect($(element, '[part="status"]')!.textContent).to.equal('Pending review');
    });

    it('shows an active partner’s revenue share, referrals, earnings and price table', async () => {
      network = stubFetch(routes({ [STATUS]: active }));
      const element = await developer();
      await settled(element);
      expect(element.state).to.equal('data');
      const text = textOf(element);
      expect($(element, '[part="status"]')!.textContent).to.equal('Active');
      expect(text).to.contain('7.5%');
      expect(text).to.contain('1,284');
      expect(text).to.contain('$18,342.75');
      expect(element.shadowRoot!.querySelectorAll('.prices th[scope="col"]')).to.have.length(4);
      expect($(element, 'a[href="https://ledgerly.example.com"]')!.textContent).to.equal('Ledgerly Books');
      await expect(element).to.be.accessible();
    });

    it('shows a suspended status in words, without the key button', async () => {
      network = stubFetch(routes({ [STATUS]: suspended }));
      const element = await developer();
      await settled(element);
      expect($(element, '[part="status"]')!.textContent).to.equal('Suspended');
      expect(textOf(element)).to.contain('paused');
      expect($(element, 'button.issue')).to.equal(null);
      await expect(element).to.be.accessible();
    });

    it('offers no key to a pending application', async () => {
      network = stubFetch(routes({ [STATUS]: pending }));
      const element = await developer();
      await settled(element);
      expect($(element, 'button.issue')).to.equal(null);
    });

    it('asks before issuing a key, shows it once with a warning and copy, fires the prefix only, and forgets it when stored', async () => {
      let copied = '';
      const clipboard = navigator.clipboard;
      const writeText = clipboard.writeText;
      clipboard.writeText = async (text: string) => void (copied = text);
      try {
        network = stubFetch(routes({ [STATUS]: active, [KEY]: () => json(issuedKey, 201) }));
        const element = await developer();
        await settled(element);
        $<HTMLButtonElement>(element, 'button.issue')!.click();
        await element.updateComplete;
        expect(
          network.requests.filter((r) => r.method === 'POST'),
          'nothing issued before confirming',
        ).to.have.length(0);
        expect(textOf(element)).to.contain('revokes your earlier Technical Partner key');
        expect(focused(element)).to.equal($(element, 'button.confirm-issue'));
        await expect(element).to.be.accessible();

        const issued = oneEvent(element, 'technical-partner-key-issued');
        await sendKeys({ press: 'Enter' });
        const event = await issued;
        expect(event.detail).to.deep.equal({ prefix: issuedKey.prefix });
        expect(JSON.stringify(event.detail)).not.to.contain(issuedKey.key);
        expect(event.bubbles && event.composed).to.equal(true);
        const post = network.requests.find((r) => r.method === 'POST')!;
        expect(post.url.pathname).to.equal(KEY);
        expect(post.body).to.equal(undefined);
        await element.updateComplete;
        const field = $<HTMLInputElement>(element, '#issued-key')!;
        expect(field.readOnly).to.equal(true);
        expect(field.value).to.equal(issuedKey.key);
        expect(focused(element)).to.equal(field);
        expect(textOf(element)).to.contain('it will not be shown again');
        expect(textOf(element)).to.contain('earlier Technical Partner key is now revoked');
        await expect(element).to.be.accessible();

        $<HTMLButtonElement>(element, 'button.copy')!.click();
        await waitUntil(() => copied);
        expect(copied).to.equal(issuedKey.key);
        await element.updateComplete;
        expect($(element, '.visually-hidden[role="status"]')!.textContent).to.contain('copied');

        $<HTMLButtonElement>(element, 'button.stored')!.click();
        await element.updateComplete;
        expect($(element, '#issued-key')).to.equal(null);
        expect(element.shadowRoot!.innerHTML).not.to.contain(issuedKey.key);
        expect((element as unknown as { issued?: unknown }).issued, 'secret still held in memory').to.equal(undefined);
        expect(focused(element)).to.equal($(element, 'button.issue'));
      } finally {
        clipboard.writeText = writeText;
      }
    });

    it('issues nothing when the confirmation is cancelled', async () => {
      network = stubFetch(routes({ [STATUS]: active, [KEY]: () => json(issuedKey, 201) }));
      const element = await developer();
      await settled(element);
      $<HTMLButtonElement>(element, 'button.issue')!.click();
      await element.updateComplete;
      $<HTMLButtonElement>(element, 'button.cancel')!.click();
      await element.updateComplete;
      expect(network.requests.filter((r) => r.method === 'POST')).to.have.length(0);
      expect(focused(element)).to.equal($(element, 'button.issue'));
    });

    it('explains a refused key issue and reloads the status', async () => {
      let status: TechnicalPartnerOverview = active;
      network = stubFetch(
        routes({
          [STATUS]: () => json(status),
          [KEY]: () => {
            status = suspended;
            return json({ error: { code: 'invalid_transition', message: 'Only an active Technical Partner has a preferential key; yours is suspended' } }, 409);
          },
        }),
      );
      const element = await developer();
      await settled(element);
      $<HTMLButtonElement>(element, 'button.issue')!.click();
      await element.updateComplete;
      $<HTMLButtonElement>(element, 'button.confirm-issue')!.click();
      await waitUntil(() => $(element, '[part="status"]')?.textContent === 'Suspended', 'status not reloaded');
      expect(network.requests.filter((r) => r.url.pathname === STATUS)).to.have.length(2);
    });
  });

  describe('partner audience', () => {
    it('reads the status from developer-impact and applies with the partner form', async () => {
      network = stubFetch(routes({ [IMPACT]: developerImpact(null), [PARTNER_APPLY]: () => json(partnerApplication, 202) }));
      const element = await partner();
      await settled(element);
      expect(element.state).to.equal('empty');
      expect(network.requests[0]!.url.pathname).to.equal(IMPACT);
      expect($(element, '.prices'), 'no price list for partners').to.equal(null);
      await expect(element).to.be.accessible();

      await type(element, 'email', 'not-an-email');
      submit(element);
      await waitUntil(() => $(element, '#error-email'));
      expect($(element, '#error-email')!.textContent).to.contain('email address');
      expect($(element, '#error-app_name')!.textContent).to.equal('Enter this field.');
      expect(focused(element)).to.equal($(element, '#field-email'));

      $<HTMLInputElement>(element, '#field-email')!.value = '';
      await type(element, 'email', 'kofi@ledgerly.example.com');
      await type(element, 'name', 'Kofi Mensah');
      await type(element, 'app_name', 'Ledgerly Books');
      const applied = oneEvent(element, 'technical-partner-applied');
      submit(element);
      const event = await applied;
      expect(event.detail).to.deep.equal({ status: 'pending', technicalPartnerId: partnerApplication.technical_partner.id });
      const post = network.requests.find((r) => r.method === 'POST')!;
      expect(post.url.pathname).to.equal(PARTNER_APPLY);
      expect(post.body).to.deep.equal({ email: 'kofi@ledgerly.example.com', name: 'Kofi Mensah', app_name: 'Ledgerly Books' });
      await element.updateComplete;
      expect($(element, '[part="status"]')!.textContent).to.equal('Pending review');
    });

    it('shows the one-time link code when no developer account is linked yet, and files nothing', async () => {
      network = stubFetch(routes({ [IMPACT]: developerImpact(null), [PARTNER_APPLY]: () => json(partnerLinkRequest, 202) }));
      const element = await partner();
      await settled(element);
      await type(element, 'email', 'kofi@ledgerly.example.com');
      await type(element, 'app_name', 'Ledgerly Books');
      let fired = false;
      element.addEventListener('technical-partner-applied', () => {
        fired = true;
      });
      submit(element);
      await waitUntil(() => $(element, '.link-code'), 'no link code shown');
      expect($(element, '.link-code')!.textContent).to.equal(partnerLinkRequest.link_code);
      expect($(element, 'form'), 'the form is gone').to.equal(null);
      expect(focused(element)).to.equal($(element, '#link-title'));
      expect(fired).to.equal(false);
      await expect(element).to.be.accessible();
    });

    it('describes the discount in words and, once active, issues the linked developer’s key once from the partner route', async () => {
      network = stubFetch(routes({ [IMPACT]: developerImpact(activePartner), [PARTNER_KEY]: () => json(issuedKey, 201) }));
      const element = await partner();
      await settled(element);
      expect(element.state).to.equal('data');
      expect(textOf(element)).to.contain('discounted price on every API product');
      expect($(element, '.prices')).to.equal(null);
      await expect(element).to.be.accessible();
      $<HTMLButtonElement>(element, 'button.issue')!.click();
      await element.updateComplete;
      const issued = oneEvent(element, 'technical-partner-key-issued');
      $<HTMLButtonElement>(element, 'button.confirm-issue')!.click();
      expect((await issued).detail).to.deep.equal({ prefix: issuedKey.prefix });
      expect(network.requests.find((r) => r.method === 'POST')!.url.pathname).to.equal(PARTNER_KEY);
      await element.updateComplete;
      expect($<HTMLInputElement>(element, '#issued-key')!.value).to.equal(issuedKey.key);
      $<HTMLButtonElement>(element, 'button.stored')!.click();
      await element.updateComplete;
      expect(element.shadowRoot!.innerHTML).not.to.contain(issuedKey.key);
    });

    it('offers no key to a pending partner application', async () => {
      network = stubFetch(routes({ [IMPACT]: developerImpact({ ...activePartner, status: 'pending', approved_at: null }) }));
      const element = await partner();
      await settled(element);
      expect($(element, 'button.issue')).to.equal(null);
    });
  });

  it('speaks French with French numbers and money', async () => {
    const element = await fixture<TechnicalPartnerUpgrade>(html`<technical-partner-upgrade locale="fr-FR" .data=${active}></technical-partner-upgrade>`);
    const text = textOf(element);
    expect(text).to.contain('Votre statut de Partenaire technique');
    expect($(element, '[part="status"]')!.textContent).to.equal('Actif');
    expect(text).to.match(/18\s342,75\s\$/);
    expect(text).to.match(/7,5\s%/);
    expect(text).to.match(/1\s284/);
  });

  it('takes its data as a property without fetching', async () => {
    network = stubFetch(() => json({}, 500));
    const element = await fixture<TechnicalPartnerUpgrade>(
      html`<technical-partner-upgrade api-base=${API} .fetchSession=${fakeSession(SECRET)} .data=${pending}></technical-partner-upgrade>`,
    );
    expect(element.state).to.equal('data');
    expect(network.requests).to.have.length(0);
    expect($(element, '[part="status"]')!.textContent).to.equal('Pending review');
  });

  it('stays idle with a sign-in message and fetches nothing without fetchSession', async () => {
    network = stubFetch(routes({ [STATUS]: active }));
    const element = await fixture<TechnicalPartnerUpgrade>(html`<technical-partner-upgrade api-base=${API}></technical-partner-upgrade>`);
    expect(element.state).to.equal('idle');
    expect(textOf(element)).to.contain('Sign in to see this.');
    expect(network.requests).to.have.length(0);
    await expect(element).to.be.accessible();
    element.fetchSession = fakeSession(SECRET);
    await settled(element);
    expect(element.state).to.equal('data');
  });

  it('shows the loading state while the API is answering', async () => {
    let answer!: (response: Response) => void;
    network = stubFetch(() => new Promise((resolve) => (answer = resolve)));
    const element = await developer();
    expect(element.state).to.equal('loading');
    expect($(element, '.loading[role="status"]')!.textContent).to.contain('Loading');
    await expect(element).to.be.accessible();
    answer(json(active));
    await settled(element);
    expect(element.state).to.equal('data');
  });

  it('shows the error state with a working retry button', async () => {
    let fail = true;
    network = stubFetch(() => (fail ? json({ error: { code: 'unavailable', message: 'down' } }, 503) : json(pending)));
    clock = installFakeClock();
    const element = await developer();
    await clock.runUntil(() => element.state === 'error', 'never reached the error state', 1_000);
    clock.uninstall();
    await expect(element).to.be.accessible();
    fail = false;
    $<HTMLButtonElement>(element, '.error button')!.click();
    await waitUntil(() => element.state === 'data', 'retry did not recover');
  });

  it('tells the user when the session is refused', async () => {
    network = stubFetch(() => json({ error: { code: 'unauthorized', message: 'Unknown or revoked session' } }, 401));
    const element = await developer();
    await settled(element);
    expect(textOf(element)).to.contain('Your credential was not accepted');
  });

  it('renders hostile names from the API as text', async () => {
    const hostile: TechnicalPartnerOverview = {
      currency: 'USD',
      technical_partner: { ...activePartner, app_name: HOSTILE, app_url: 'javascript:alert(1)' },
      prices: [{ ...prices[0]!, name: HOSTILE }],
    };
    network = stubFetch(routes({ [STATUS]: hostile }));
    const element = await developer();
    await settled(element);
    expect(element.shadowRoot!.querySelector('img')).to.equal(null);
    expect(element.shadowRoot!.querySelector('a'), 'no javascript: link').to.equal(null);
    expect(textOf(element)).to.contain(HOSTILE);
  });

  describeFaults({
    mount: (apiBase, timeout) =>
      fixture(html`<technical-partner-upgrade api-base=${apiBase} timeout=${timeout} .fetchSession=${fakeSession(SECRET)}></technical-partner-upgrade>`),
    healthy: routes({ [STATUS]: active }),
  });
});
