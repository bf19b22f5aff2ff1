import { css, html, svg, type TemplateResult } from 'lit';
import { formatMoney, formatMonth } from '../internal/format.ts';
import { languageOf } from '../internal/i18n.ts';
import { figures, tableRows } from '../internal/templates.ts';
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
  // Amounts are only turned into numbers to size the bars; every shown amount is formatted from the string.
  const max = Math.max(0.01, ...months.map((m) => Number(m.amount) || 0));
  const step = 240 / months.length;
  const description = t.byMonthDesc(money(first.amount), month(first.month), money(last.amount), month(last.month));
  return html`${panel}
      <div class="chart" part="chart">
        <h3 id="chart-title">${t.byMonth}</h3>
        <svg viewBox="0 0 240 74" role="img" aria-labelledby="chart-title chart-desc">
          <desc id="chart-desc">${description}</desc>
          ${months.map((m, i) => {
            const height = Math.max(1, ((Number(m.amount) || 0) / max) * 60);
            return svg`<rect x=${(i + 0.15) * step} y=${60 - height} width=${step * 0.7} height=${height}></rect>`;
          })}
          <text y="72">${month(first.month)}</text>
          <text x="240" y="72" text-anchor="end">${month(last.month)}</text>
        </svg>
        <p class="muted">${description}</p>
        <table class="visually-hidden">
          <caption>${t.byMonth}</caption>
          ${tableRows(
            [t.month, t.amount],
            months.map((m) => [month(m.month), money(m.amount)]),
            2,
          )}
        </table>
      </div>`;
}

/** The chart's styles, which join the element's when the panel first shows (on-demand.ts). */
export const styles = css`
  svg {
    max-width: 420px;
    fill: var(--_muted);
    font-size: 8px;
  }
  rect {
    fill: var(--_accent);
  }
`;
