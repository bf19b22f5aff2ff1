import { expect } from '@open-wc/testing';
import { emulateMedia } from '@web/test-runner-commands';
import { html, render } from 'lit/html.js';
import { controls, tokens } from '../styles/tokens.ts';
import type { ApiResource } from './api-resource.ts';
import { define } from './define.ts';
import { emit } from './emit.ts';
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
