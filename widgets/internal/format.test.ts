import { expect } from '@open-wc/testing';
import { formatCount, formatDate, formatDiscount, formatMoney, formatMonth, formatNumber, formatPercent } from './format.ts';

// French groups digits with a narrow no-break space and puts a no-break space before %, $US and units:
// the expectations spell those characters out, since a plain space there would let a figure wrap.
const NNBSP = '\u202f';
const NBSP = '\u00a0';

describe('format', () => {
  it('formats counts grouped, in each locale, with no stray separator', () => {
    expect(formatCount('en', 4280)).to.equal('4,280');
    expect(formatCount('fr', 4280)).to.equal(`4${NNBSP}280`);
    expect(formatCount('en', 0)).to.equal('0');
  });

  it('formats money exactly from its decimal string, beyond what a float holds', () => {
    expect(formatMoney('en', '24625516.44', 'USD')).to.equal('$24,625,516.44');
    expect(formatMoney('fr', '24625516.44', 'USD')).to.equal(`24${NNBSP}625${NNBSP}516,44${NBSP}$US`);
    expect(formatMoney('en', '90071992547409.93', 'USD')).to.equal('$90,071,992,547,409.93');
    expect(formatMoney('en', '0.10', 'USD')).to.equal('$0.10');
  });

  it('formats money in the currency the API states beside it', () => {
    expect(formatMoney('en', '1234.50', 'EUR')).to.equal('€1,234.50');
    expect(formatMoney('en', '1234.50', 'JPY')).to.equal('¥1,235');
    expect(formatMoney('de', '-0.10', 'USD')).to.equal(`-0,10${NBSP}$`);
  });

  it('keeps percentages to one decimal at most, and whole from 100', () => {
    expect(formatPercent('en', '588.07')).to.equal('588%');
    expect(formatPercent('en', '100.00')).to.equal('100%');
    expect(formatPercent('en', '24.75')).to.equal('24.8%');
    expect(formatPercent('en', '5.00')).to.equal('5%');
    expect(formatPercent('en', 12.345)).to.equal('12.3%');
    expect(formatPercent('en', -42.19)).to.equal('-42.2%');
    expect(formatPercent('fr', '588.07')).to.equal(`588${NBSP}%`);
    expect(formatPercent('fr', '24.75')).to.equal(`24,8${NBSP}%`);
  });

  it('shows a discount exactly as the API states it, never a rounded neighbour', () => {
    // 2.50 → 1.88 is a 24.80 % discount: shown as such beside the 25 % of the other products
    expect(formatDiscount('en', '24.80')).to.equal('24.8%');
    expect(formatDiscount('en', '24.75')).to.equal('24.75%');
    expect(formatDiscount('en', '25.00')).to.equal('25%');
    expect(formatDiscount('fr', '24.75')).to.equal(`24,75${NBSP}%`);
  });

  it('formats any number or decimal text with Intl options, exactly and from a reused formatter', () => {
    const compactMoney = { style: 'currency', currency: 'USD', notation: 'compact', maximumFractionDigits: 1 } as const;
    expect(formatNumber('en', '24625516.44', compactMoney)).to.equal('$24.6M');
    expect(formatNumber('fr', '24625516.44', compactMoney)).to.equal(`24,6${NBSP}M${NBSP}$US`);
    const days = { style: 'unit', unit: 'day', unitDisplay: 'long', maximumFractionDigits: 0 } as const;
    expect(formatNumber('en', '163.48', days)).to.equal('163 days');
    expect(formatNumber('fr', '163.48', days)).to.equal(`163${NBSP}jours`);
    expect(formatNumber('en', '1', days)).to.equal('1 day');
    expect(formatNumber('en', '12345678901234567.89')).to.equal('12,345,678,901,234,567.89');
  });

  it('formats dates and months in the locale, and an invalid date as nothing', () => {
    expect(formatDate('en', '2026-11-03T12:00:00Z', { dateStyle: 'medium', timeZone: 'UTC' })).to.equal('Nov 3, 2026');
    expect(formatDate('fr', '2026-11-03T12:00:00Z', { dateStyle: 'medium', timeZone: 'UTC' })).to.equal('3 nov. 2026');
    expect(formatDate('en', 'not a date')).to.equal('');
    expect(formatMonth('en', '2026-11')).to.equal('Nov 2026');
    expect(formatMonth('fr', '2026-11')).to.equal('nov. 2026');
  });
});
