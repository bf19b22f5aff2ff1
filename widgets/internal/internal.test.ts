import { expect } from '@open-wc/testing';
import { emit } from './emit.ts';
import { expectEach, expectOneOf, expectShape } from './shape.ts';
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
