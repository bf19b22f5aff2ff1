import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { emulateMedia } from '@web/test-runner-commands';
import { css, LitElement, nothing, render, html as template } from 'lit';
import { controls, tokens } from '../styles/tokens.ts';
import { API, json, stubFetch, textOf } from '../testing/fake-api.ts';
import { type FakeClock, installFakeClock } from '../testing/fake-clock.ts';
import { ApiResource } from './api-resource.ts';
import { AuthenticatedElement } from './authenticated-element.ts';
import { define } from './define.ts';
import type { EmbedSessionAnswer } from './embed-session.ts';
import { emit } from './emit.ts';
import { OnDemand } from './on-demand.ts';
import { expectEach, expectOneOf, expectShape } from './shape.ts';
import { renderStates } from './states.ts';
import { tabFromKey } from './tabs.ts';

const key = (name: string) => new KeyboardEvent('keydown', { key: name, cancelable: true });

describe('tabFromKey', () => {
  const tabs = ['a', 'b', 'c', 'd', 'e'] as const;

  it('moves over any number of tabs, wrapping around, with Home and End at the ends', () => {
    expect(tabFromKey(key('ArrowRight'), tabs, 'a')).to.equal('b');
    expect(tabFromKey(key('ArrowRight'), tabs, 'e')).to.equal('a');
    expect(tabFromKey(key('ArrowLeft'), tabs, 'a')).to.equal('e');
    expect(tabFromKey(key('ArrowLeft'), tabs, 'd')).to.equal('c');
    expect(tabFromKey(key('Home'), tabs, 'd')).to.equal('a');
    expect(tabFromKey(key('End'), tabs, 'b')).to.equal('e');
    expect(tabFromKey(key('ArrowRight'), ['only'], 'only')).to.equal('only');
  });

  it('takes the keys it handles from the page, and leaves every other key alone', () => {
    const handled = key('End');
    tabFromKey(handled, tabs, 'a');
    expect(handled.defaultPrevented).to.equal(true);
    const other = key('Tab');
    expect(tabFromKey(other, tabs, 'a')).to.equal(undefined);
    expect(other.defaultPrevented).to.equal(false);
  });
});

describe('shape checks', () => {
  const fails = (check: () => unknown) => expect(check).to.throw().with.property('kind', 'malformed');

  it('accepts decimal text for a decimal field, and nothing else', () => {
    for (const amount of ['0', '12.50', '-3.1', '48213977.35']) expect(expectShape({ amount }, { amount: 'decimal' })).to.deep.equal({ amount });
    for (const amount of ['', '12.', '.5', '1e3', '12,50', ' 1', 'NaN', '<img src=x onerror=alert(1)>', 12.5, null])
      fails(() => expectShape({ amount }, { amount: 'decimal' }));
    expect(expectShape({ amount: null }, { amount: 'decimal?' })).to.deep.equal({ amount: null });
  });

  it('accepts YYYY-MM for a month field, and nothing else', () => {
    expect(expectEach([{ month: '2026-01' }, { month: '1999-12' }], { month: 'month' })).to.have.length(2);
    for (const month of ['2026-13', '2026-00', '2026-1', '2026-01-01', 'Nov 2026', '', 202601]) fails(() => expectShape({ month }, { month: 'month' }));
  });

  it('checks JSON types, lists and known values', () => {
    expect(expectShape({ n: 1, s: 'x', b: false, a: [], o: {} }, { n: 'number', s: 'string', b: 'boolean', a: 'array', o: 'object' })).to.be.an('object');
    fails(() => expectShape({ a: {} }, { a: 'array' }));
    fails(() => expectShape({ o: [] }, { o: 'object' }));
    fails(() => expectShape([], {}));
    fails(() => expectEach({}, {}));
    expect(expectOneOf('active', ['pending', 'active'])).to.equal('active');
    fails(() => expectOneOf('gone', ['pending', 'active']));
  });
});

describe('emit', () => {
  it('dispatches a bubbling, composed event with its detail, or with none', () => {
    const target = document.createElement('div');
    const events: CustomEvent[] = [];
    target.addEventListener('growth-metric-change', (event) => events.push(event));
    target.addEventListener('technical-partner-cta', (event) => events.push(event));
    emit(target, 'growth-metric-change', { metric: 'developers' });
    emit(target, 'technical-partner-cta');
    expect(events.map((event) => [event.type, event.detail, event.bubbles, event.composed])).to.deep.equal([
      ['growth-metric-change', { metric: 'developers' }, true, true],
      ['technical-partner-cta', null, true, true],
    ]);
  });
});

/** The smallest authenticated element: one resource, its states. */
class SessionProbe extends AuthenticatedElement {
  readonly resource = new ApiResource<unknown>(this, {
    path: () => '/v1/partner/me/probe',
    parse: (value) => value,
    given: () => this.data,
    authenticated: true,
  });
  protected mainResource() {
    return this.resource;
  }
  override render() {
    return this.renderStates(this.resource, () => template`<p>ok</p>`, { idle: this.signInMessage });
  }
}
customElements.define('session-probe', SessionProbe);

describe('embed sessions', () => {
  let network: ReturnType<typeof stubFetch> | undefined;
  let clock: FakeClock | undefined;
  afterEach(() => {
    clock?.uninstall();
    network?.restore();
  });

  /** A host's fetchSession that answers `answers` in turn (the last one again when they run out) and counts its calls. */
  function host(...answers: (EmbedSessionAnswer | Error)[]) {
    const calls: number[] = [];
    const fetchSession = async () => {
      calls.push(calls.length);
      const answer = answers[Math.min(calls.length, answers.length) - 1]!;
      if (answer instanceof Error) throw answer;
      return answer;
    };
    return { fetchSession, calls };
  }
  const inMinutes = (minutes: number) => new Date(Date.now() + minutes * 60_000).toISOString();
  const bearers = () => network!.requests.map((r) => r.headers.get('Authorization'));
  const mount = (fetchSession: () => Promise<EmbedSessionAnswer>) =>
    fixture<SessionProbe>(html`<session-probe api-base=${API} .fetchSession=${fetchSession}></session-probe>`);
  const settled = (element: SessionProbe) => waitUntil(() => ['data', 'error'].includes(element.state), 'never settled');

  it('asks for a session once, when it first needs one, and sends its secret as the Bearer', async () => {
    network = stubFetch(() => json({ ok: true }));
    const { fetchSession, calls } = host({ client_secret: 'ews_one', expires_at: inMinutes(15) });
    const idle = await fixture<SessionProbe>(html`<session-probe .fetchSession=${fetchSession}></session-probe>`);
    expect(idle.state, 'no api-base: nothing to ask').to.equal('idle');
    expect(calls).to.have.length(0);
    const element = await mount(fetchSession);
    await settled(element);
    expect(element.state).to.equal('data');
    element.resource.retry();
    await waitUntil(() => network!.requests.length === 2, 'no second request');
    expect(bearers()).to.deep.equal(['Bearer ews_one', 'Bearer ews_one']);
    expect(calls, 'one call for both requests').to.have.length(1);
  });

  it('takes the client secret alone as an answer too', async () => {
    network = stubFetch(() => json({ ok: true }));
    const element = await mount(async () => 'ews_plain');
    await settled(element);
    expect(bearers()).to.deep.equal(['Bearer ews_plain']);
  });

  it('asks for the next session about a minute before this one expires', async () => {
    network = stubFetch(() => json({ ok: true }));
    clock = installFakeClock();
    const { fetchSession, calls } = host({ client_secret: 'ews_first', expires_in: 70 }, { client_secret: 'ews_second', expires_in: 900 });
    const element = await mount(fetchSession);
    await clock.until(() => element.state === 'data', 'never loaded');
    await clock.tick(10_000);
    expect(calls, 'refreshed 60 s before expiry').to.have.length(2);
    element.resource.retry();
    await clock.until(() => network!.requests.length === 2, 'no second request');
    expect(bearers()).to.deep.equal(['Bearer ews_first', 'Bearer ews_second']);
  });

  it('reads expires_at when that is all the answer gives, and never asks more often than every 5 s', async () => {
    network = stubFetch(() => json({ ok: true }));
    clock = installFakeClock();
    const { fetchSession, calls } = host({ client_secret: 'ews_short', expires_at: inMinutes(0.5) });
    const element = await mount(fetchSession);
    await clock.until(() => element.state === 'data', 'never loaded');
    await clock.tick(4_999);
    expect(calls, 'not before 5 s').to.have.length(1);
    await clock.tick(1);
    expect(calls).to.have.length(2);
  });

  it('asks for a new session rather than send one known to have expired', async () => {
    network = stubFetch(() => json({ ok: true }));
    clock = installFakeClock();
    const { fetchSession, calls } = host({ client_secret: 'ews_brief', expires_in: 0.001 }, { client_secret: 'ews_next', expires_in: 900 });
    const element = await mount(fetchSession);
    await clock.until(() => element.state === 'data', 'never loaded');
    const loaded = Date.now();
    await clock.until(() => Date.now() > loaded + 2, 'the first session never expired');
    element.resource.retry();
    await clock.until(() => network!.requests.length === 2, 'no second request');
    expect(bearers()).to.deep.equal(['Bearer ews_brief', 'Bearer ews_next']);
    expect(calls).to.have.length(2);
  });

  it('after a 401 session_expired, asks for a new session once and sends the request again', async () => {
    network = stubFetch(({ headers }) =>
      headers.get('Authorization') === 'Bearer ews_fresh' ? json({ ok: true }) : json({ error: { code: 'session_expired', message: 'Session expired' } }, 401),
    );
    const { fetchSession, calls } = host({ client_secret: 'ews_stale', expires_at: inMinutes(15) }, { client_secret: 'ews_fresh', expires_at: inMinutes(15) });
    const element = await mount(fetchSession);
    await settled(element);
    expect(element.state).to.equal('data');
    expect(bearers()).to.deep.equal(['Bearer ews_stale', 'Bearer ews_fresh']);
    expect(calls).to.have.length(2);
  });

  it('shows the error state when the renewed session is refused too, without asking again and again', async () => {
    network = stubFetch(() => json({ error: { code: 'session_expired', message: 'Session expired' } }, 401));
    const { fetchSession, calls } = host({ client_secret: 'ews_a' }, { client_secret: 'ews_b' }, { client_secret: 'ews_c' });
    const element = await mount(fetchSession);
    await settled(element);
    expect(element.state).to.equal('error');
    expect(bearers()).to.deep.equal(['Bearer ews_a', 'Bearer ews_b']);
    expect(calls).to.have.length(2);
  });

  it('shows the error state when fetchSession fails or gives no secret, and asks again on retry', async () => {
    network = stubFetch(() => json({ ok: true }));
    const signedOut = await mount(async () => ({ error: { code: 'unauthorized' } }) as unknown as EmbedSessionAnswer);
    await settled(signedOut);
    expect(signedOut.state).to.equal('error');
    const { fetchSession, calls } = host(new Error('host server down'), { client_secret: 'ews_back', expires_at: inMinutes(15) });
    const element = await mount(fetchSession);
    await settled(element);
    expect(element.state).to.equal('error');
    expect(textOf(element)).to.contain('Your credential was not accepted');
    expect(network.requests, 'nothing sent without a secret').to.have.length(0);
    expect(calls, 'no automatic retry').to.have.length(1);
    element.shadowRoot!.querySelector<HTMLButtonElement>('.error button')!.click();
    await waitUntil(() => element.state === 'data', 'retry did not recover');
    expect(calls).to.have.length(2);
    expect(bearers()).to.deep.equal(['Bearer ews_back']);
  });

  it('shares one call and its session between the elements given the same function', async () => {
    network = stubFetch(() => json({ ok: true }));
    let resolve!: (answer: EmbedSessionAnswer) => void;
    let calls = 0;
    const fetchSession = () => {
      calls++;
      return new Promise<EmbedSessionAnswer>((r) => (resolve = r));
    };
    const page = await fixture<HTMLDivElement>(html`<div>
      <session-probe api-base=${API} .fetchSession=${fetchSession}></session-probe>
      <session-probe api-base=${API} .fetchSession=${fetchSession}></session-probe>
    </div>`);
    const [first, second] = [...page.querySelectorAll<SessionProbe>('session-probe')];
    await waitUntil(() => calls > 0, 'never asked');
    resolve({ client_secret: 'ews_shared', expires_at: inMinutes(15) });
    await settled(first!);
    await settled(second!);
    const third = await mount(fetchSession);
    await settled(third);
    expect(calls).to.equal(1);
    expect(bearers()).to.deep.equal(['Bearer ews_shared', 'Bearer ews_shared', 'Bearer ews_shared']);
  });

  it('stops its refresh timer when disconnected', async () => {
    network = stubFetch(() => json({ ok: true }));
    clock = installFakeClock();
    const { fetchSession, calls } = host({ client_secret: 'ews_gone', expires_in: 70 });
    const element = await mount(fetchSession);
    await clock.until(() => element.state === 'data', 'never loaded');
    element.remove();
    await clock.tick(3_600_000);
    expect(calls).to.have.length(1);
  });

  it('removes a credential attribute from the markup at once and warns once per page', async () => {
    const warnings: unknown[][] = [];
    const warn = console.warn;
    console.warn = (...args: unknown[]) => void warnings.push(args);
    try {
      const page = await fixture<HTMLDivElement>(html`<div>
        <session-probe token="ewp_secret_partner_token"></session-probe>
        <session-probe api-key="ewk_secret_developer_key" client-secret="ews_x"></session-probe>
      </div>`);
      const [first, second] = [...page.querySelectorAll<SessionProbe>('session-probe')];
      second!.setAttribute('secret', 'admin');
      expect(page.innerHTML).not.to.match(/ewp_|ewk_|ews_|admin/);
      expect([first!.getAttributeNames(), second!.getAttributeNames()]).to.deep.equal([['state'], ['state']]);
      expect(warnings).to.have.length(1);
      expect(String(warnings[0]![0])).to.contain('fetchSession').and.contain('embed session');
    } finally {
      console.warn = warn;
    }
  });
});

describe('define', () => {
  it('registers a tag, keeps another version already registered, and warns once about it', () => {
    const tag = `define-probe-${Math.random().toString(36).slice(2)}`;
    class First extends HTMLElement {}
    class Second extends HTMLElement {}
    const warnings: unknown[][] = [];
    const warn = console.warn;
    console.warn = (...args: unknown[]) => warnings.push(args);
    try {
      define(tag, First);
      define(tag, First);
      expect(warnings).to.have.length(0);
      define(tag, Second);
      define(tag, Second);
    } finally {
      console.warn = warn;
    }
    expect(customElements.get(tag)).to.equal(First);
    expect(warnings).to.have.length(1);
    expect(String(warnings[0]![0])).to.include(`<${tag}> was already defined by another version`);
  });
});

describe('renderStates', () => {
  const loading = { status: 'loading' } as ApiResource<unknown>;
  const mount = () => {
    const host = document.createElement('div');
    document.body.append(host);
    const root = host.attachShadow({ mode: 'open' });
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(tokens + controls);
    root.adoptedStyleSheets = [sheet];
    render(
      renderStates(loading, 'en', () => html``),
      root,
    );
    return { host, state: root.querySelector('.state.loading')! };
  };
  afterEach(() => emulateMedia({ reducedMotion: 'no-preference' }));

  it('shows a turning ring with the loading text, announced as a status', async () => {
    const { host, state } = mount();
    expect(state.getAttribute('role')).to.equal('status');
    expect(state.textContent).to.equal('Loading…');
    const ring = getComputedStyle(state, '::before');
    expect(ring.content).to.equal('""');
    expect(ring.animationName).to.equal('ew-spin');
    expect(parseFloat(ring.width)).to.be.greaterThan(0);
    host.remove();
  });

  it('keeps the ring still when the user asks for less motion', async () => {
    await emulateMedia({ reducedMotion: 'reduce' });
    const { host, state } = mount();
    const ring = getComputedStyle(state, '::before');
    expect(ring.content).to.equal('""');
    expect(ring.animationName).to.equal('none');
    host.remove();
  });
});

describe('OnDemand', () => {
  /** A Lit element that renders what its `content` function gives. */
  class OnDemandHost extends LitElement {
    content: () => unknown = () => nothing;
    override render() {
      return this.content();
    }
  }
  define('on-demand-host', OnDemandHost);
  const hostOf = async (content: (element: OnDemandHost) => unknown) => {
    const element = await fixture<OnDemandHost>(html`<on-demand-host></on-demand-host>`);
    element.content = () => content(element);
    element.requestUpdate();
    await element.updateComplete;
    return element;
  };

  it('shows the loading state, loads once for every element, then renders the module and adopts its styles', async () => {
    let loads = 0;
    let arrive!: (module: { styles: typeof moduleStyles; word: string }) => void;
    const moduleStyles = css`
      p {
        letter-spacing: 3px;
      }
    `;
    const panel = new OnDemand(() => {
      loads++;
      return new Promise<{ styles: typeof moduleStyles; word: string }>((resolve) => (arrive = resolve));
    });
    const first = await hostOf((host) => panel.render(host, 'en', (module) => template`<p>${module.word}</p>`));
    const second = await hostOf((host) => panel.render(host, 'fr', (module) => template`<p>${module.word}</p>`));
    expect(first.shadowRoot!.querySelector('[role="status"]')!.textContent).to.contain('Loading');
    expect(second.shadowRoot!.querySelector('[role="status"]')!.textContent).to.contain('Chargement');
    expect(loads).to.equal(1);
    arrive({ styles: moduleStyles, word: 'loaded' });
    for (const element of [first, second]) {
      await waitUntil(() => element.shadowRoot!.querySelector('p')?.textContent === 'loaded', 'never rendered the module');
      expect(getComputedStyle(element.shadowRoot!.querySelector('p')!).letterSpacing).to.equal('3px');
    }
    expect(loads).to.equal(1);
  });

  it('shows the error state when the load fails, and its retry button loads again', async () => {
    let loads = 0;
    const panel = new OnDemand(async () => {
      if (++loads === 1) throw new TypeError('Failed to fetch dynamically imported module');
      return { word: 'second time' };
    });
    const element = await hostOf((host) => panel.render(host, 'en', (module) => template`<p>${module.word}</p>`));
    await waitUntil(() => element.shadowRoot!.querySelector('[role="alert"]'), 'no error state');
    element.shadowRoot!.querySelector<HTMLButtonElement>('[role="alert"] button')!.click();
    await waitUntil(() => element.shadowRoot!.querySelector('p')?.textContent === 'second time', 'retry did not load');
    expect(loads).to.equal(2);
  });

  it('shows the plainer rendering it is given until the module arrives, and keeps it if the load fails', async () => {
    let arrive!: (module: { word: string }) => void;
    const panel = new OnDemand(() => new Promise<{ word: string }>((resolve) => (arrive = resolve)));
    const element = await hostOf((host) => panel.render(host, 'en', (module) => template`<p>${module.word}</p>`, template`<p>plain</p>`));
    expect(element.shadowRoot!.querySelector('p')!.textContent).to.equal('plain');
    expect(element.shadowRoot!.querySelector('[role="status"]'), 'no loading state').to.equal(null);
    arrive({ word: 'enhanced' });
    await waitUntil(() => element.shadowRoot!.querySelector('p')?.textContent === 'enhanced', 'never rendered the module');
    const failing = new OnDemand(() => Promise.reject(new TypeError('Failed to fetch dynamically imported module')));
    const kept = await hostOf((host) => failing.render(host, 'en', () => template`<p>never</p>`, template`<p>plain</p>`));
    await new Promise((resolve) => setTimeout(resolve, 50));
    await kept.updateComplete;
    expect(kept.shadowRoot!.querySelector('p')!.textContent).to.equal('plain');
    expect(kept.shadowRoot!.querySelector('[role="alert"]'), 'no error state').to.equal(null);
  });
});
