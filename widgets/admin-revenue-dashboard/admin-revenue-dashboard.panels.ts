import { css, html, type TemplateResult } from 'lit';
import { formatCount, formatDate, formatMonth, formatNumber, formatPercent } from '../internal/format.ts';
import { languageOf, localeOf } from '../internal/i18n.ts';
import { OnDemand } from '../internal/on-demand.ts';
import { figures, scrollTable } from '../internal/templates.ts';
import type { CrossPollination, Health } from './admin-revenue-dashboard.api.ts';
import { panelMessages } from './admin-revenue-dashboard.panels.messages.ts';
import type { AdminRevenueDashboard } from './admin-revenue-dashboard.ts';

// The dashboard's cross-pollination and health panels, loaded the first time one is opened
// (admin-revenue-dashboard.ts): the revenue panel shows first. They import only types from the
// element's modules, so its entry stays one file.

/** The fraud review panel, loaded in turn the first time its tab opens. */
const review = new OnDemand(() => import('./admin-revenue-dashboard.fraud.ts'));

/** The fraud review queue (admin-revenue-dashboard.fraud.ts) of one dashboard. */
export function renderFraud(host: AdminRevenueDashboard): TemplateResult {
  const locale = localeOf(host, host.locale);
  return review.render(host, languageOf(locale), (m) => m.renderReview(host, locale));
}

/** The conversion rates in the order shown. */
const RATES: (keyof CrossPollination['rates'])[] = [
  'partner_to_developer_percent',
  'developer_to_partner_percent',
  'developer_to_technical_partner_percent',
  'technical_partner_approval_percent',
];

/** Accounts on both sides, Technical Partners, conversion rates and their months. */
export function renderCross(cross: CrossPollination, locale: string): TemplateResult {
  const t = panelMessages[languageOf(locale)];
  const count = (value: number) => formatCount(locale, value);
  const tp = cross.technical_partners;
  return html`${figures([
    [t.directories, count(cross.directories)],
    [t.developers, count(cross.developers)],
    [t.devToPartner, count(cross.developers_who_became_partners)],
    [t.partnerToDev, count(cross.partners_who_became_developers)],
  ])}
      <h3>${t.technicalPartners}</h3>
      ${figures(
        [
          [t.pending, count(tp.pending)],
          [t.active, count(tp.active)],
          [t.suspended, count(tp.suspended)],
          [t.linked, count(tp.linked_to_directory)],
        ],
        'small',
      )}
      <h3>${t.rates}</h3>
      ${figures(
        RATES.map((rate) => [t[rate], formatPercent(locale, cross.rates[rate])]),
        'small',
      )}
      ${scrollTable(
        'cross-months',
        t.byMonth,
        [t.month, t.devToPartner, t.partnerToDev, t.tpApplications],
        cross.months.map((month) => [
          formatMonth(locale, month.month),
          ...[month.developers_became_partners, month.partners_became_developers, month.technical_partner_applications].map(count),
        ]),
      )}`;
}

/** Each health indicator with its status, and how it is measured. */
export function renderHealth(health: Health, locale: string): TemplateResult {
  const t = panelMessages[languageOf(locale)];
  return html`<p class="muted">${t.updated(formatDate(locale, health.generated_at, { dateStyle: 'medium', timeStyle: 'short' }))}</p>
      <ul class="indicators">
        ${health.indicators.map(({ label, value, unit, status, definition, thresholds }) => {
          // days with one decimal under 10 (a 3.4 must not read as a met "≤ 3 days"), whole from 10: never "163.48 days"
          const number =
            unit === 'percent'
              ? formatPercent(locale, value)
              : formatNumber(
                  locale,
                  value,
                  unit === 'days' ? { style: 'unit', unit: 'day', unitDisplay: 'long', maximumFractionDigits: +value < 10 ? 1 : 0 } : {},
                );
          return html`<li class="figure indicator" part="indicator">
            <h3>${label}</h3>
            <p><span part="value">${number}</span> <span class="badge ${status}">${t[status]}</span></p>
            <details>
              <summary>${t.measured}</summary>
              <p>${definition}</p>
              <p class="muted">${t.thresholds(thresholds.healthy, thresholds.watch)}</p>
            </details>
          </li>`;
        })}
      </ul>`;
}

/** The health panel's styles, which join the element's when a panel first shows (on-demand.ts). */
export const styles = css`
  .indicator [part='value'] {
    font-size: 1.15em;
    font-weight: 650;
  }
  .indicators {
    list-style: none;
    padding: 0;
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(15em, 1fr));
    gap: var(--_space);
  }
  .indicator h3 {
    margin: 0;
  }
  .badge {
    font-size: 0.85em;
    padding: 0 0.5em;
    border: 1px solid;
    border-radius: 1em;
  }
  .healthy {
    color: var(--_positive);
  }
  .watch {
    color: var(--_warning);
  }
  .at_risk {
    color: var(--_danger);
  }
  summary {
    cursor: pointer;
    color: var(--_accent);
  }
`;
