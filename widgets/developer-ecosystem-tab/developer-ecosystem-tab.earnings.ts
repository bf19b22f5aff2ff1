import { html, type TemplateResult } from 'lit';
import { chart } from '../internal/chart.ts';
import { formatMoney, formatMonth } from '../internal/format.ts';
import { languageOf } from '../internal/i18n.ts';
import { figures } from '../internal/templates.ts';
import type { DeveloperImpact } from './developer-ecosystem-tab.api.ts';
import { earningsMessages } from './developer-ecosystem-tab.earnings.messages.ts';

// The developer tab's "Earnings" panel, loaded the first time it is opened
// (developer-ecosystem-tab.ts): the apps panel shows first.

/** Commissions, app earnings and their months, as a chart with a description and a table. */
export function renderEarnings(impact: DeveloperImpact, locale: string): TemplateResult {
  const t = earningsMessages[languageOf(locale)];
  const money = (amount: string) => formatMoney(locale, amount, impact.currency);
  const month = (value: string) => formatMonth(locale, value);
  const tp = impact.technical_partner;
  const months = impact.commissions.by_month;
  const first = months[0];
  const last = months[months.length - 1];
  const panel = figures([
    [t.commissions, money(impact.commissions.total)],
    tp && [t.appEarnings, money(tp.total_app_earnings)],
    [t.combined, money(impact.combined_earnings)],
  ]);
  if (!first || !last) return html`${panel}<h3>${t.byMonth}</h3><p class="muted">${t.none}</p>`;
  const description = t.byMonthDesc(money(first.amount), month(first.month), money(last.amount), month(last.month));
  return html`${panel}
      <h3>${t.byMonth}</h3>
      ${chart(locale, {
        title: t.byMonth,
        months: months.map((m) => m.month),
        series: [{ name: t.commissions, values: months.map((m) => m.amount) }],
        money: impact.currency,
        caption: description,
      })}`;
}

/** The chart's styles join the element's when the panel first shows (on-demand.ts). */
export { styles } from '../internal/chart.ts';
