import { html, type TemplateResult } from 'lit';
import { ApiResource } from '../internal/api-resource.ts';
import { EcosystemElement } from '../internal/ecosystem-element.ts';
import { formatCount, formatNumber } from '../internal/format.ts';
import { figures } from '../internal/templates.ts';
import { baseStyles } from '../styles/base.styles.ts';
import { type EcosystemImpact, parseImpact } from './ecosystem-impact-card.api.ts';
import { messages } from './ecosystem-impact-card.messages.ts';
import { styles } from './ecosystem-impact-card.styles.ts';

/** A headline figure: `text` shown, `exact` read out and shown as a tooltip (equal when nothing was shortened). */
interface Headline {
  text: string;
  exact: string;
}

/**
 * A count (a number) or an amount (its decimal string) compact from 1,000 ("12.8K", "$24.6M"):
 * every figure of the card, headline or value flow, follows this one rule.
 */
const formatHeadline = (locale: string, value: number | string, currency: string): Headline => {
  const options: Intl.NumberFormatOptions = typeof value === 'string' ? { style: 'currency', currency } : {};
  const exact = formatNumber(locale, value, options);
  return { text: Math.abs(+value) < 1000 ? exact : formatNumber(locale, value, { ...options, notation: 'compact', maximumFractionDigits: 1 }), exact };
};

const headline = ({ text, exact }: Headline) =>
  text === exact ? text : html`<span title=${exact}><span aria-hidden="true">${text}</span><span class="visually-hidden">${exact}</span></span>`;

/**
 * Partner-referred businesses, apps powered by partner data and their combined economic impact,
 * with the value flow of the ecosystem: the loop from referrals to earnings, each step captioned.
 * Every figure is compact from 1,000, its exact value a tooltip and read by screen readers.
 *
 * @summary The ecosystem's impact in one card.
 * @tag ecosystem-impact-card
 *
 * @csspart value - Each headline figure.
 * @csspart flow - The value flow.
 */
export class EcosystemImpactCard extends EcosystemElement<EcosystemImpact> {
  static override styles = [baseStyles, styles];

  private readonly impact = new ApiResource<EcosystemImpact>(this, {
    path: () => '/v1/public/ecosystem/impact',
    parse: parseImpact,
    given: () => this.data,
    isEmpty: (impact) => impact.value_flow.referrals === 0 && impact.partner_referred_businesses === 0,
  });

  protected mainResource() {
    return this.impact;
  }

  override render() {
    const t = messages[this.language];
    return html`<section class="frame" part="base" aria-labelledby="title">
      <header part="header"><h2 id="title">${t.title}</h2></header>
      ${this.renderStates(this.impact, (impact) => this.renderImpact(impact), { empty: t.empty })}
    </section>`;
  }

  private renderImpact(impact: EcosystemImpact): TemplateResult {
    const t = messages[this.language];
    const locale = this.lang_;
    return html`${figures([
      [t.businesses, headline(formatHeadline(locale, impact.partner_referred_businesses, impact.currency))],
      [t.apps, headline(formatHeadline(locale, impact.apps_powered_by_partner_data, impact.currency))],
      [t.impact, headline(formatHeadline(locale, impact.combined_cmal_economic_impact, impact.currency))],
    ])}
      <p class="muted network">${t.network(formatCount(locale, impact.directories), formatCount(locale, impact.developers))}</p>
      ${this.renderFlow(impact)}`;
  }

  /**
   * The loop the ecosystem runs, one captioned step after another: partners refer, businesses
   * convert, verified businesses enter the API data pool, apps use the data, and earnings flow back
   * to partners and Technical Partners. Wide, the steps go round a loop (three across, then back
   * along the second row); narrow, they run down one column (the styles' container query).
   */
  private renderFlow(impact: EcosystemImpact): TemplateResult {
    const t = messages[this.language];
    const locale = this.lang_;
    const flow = impact.value_flow;
    const figure = (value: number | string) => headline(formatHeadline(locale, value, impact.currency));
    const steps = [
      [t.referrals, figure(flow.referrals), t.referralsCaption],
      [t.converted, figure(flow.converted_businesses), t.convertedCaption],
      [t.pool, figure(flow.data_pool_businesses), t.poolCaption],
      [t.poweredApps, figure(flow.partner_powered_apps), t.appsCaption(figure(flow.records_served))],
      [t.earnings, figure(flow.partner_earnings), t.earningsCaption(figure(flow.app_earnings))],
    ] as const;
    return html`<figure class="flow" part="flow" aria-labelledby="flow-title">
      <figcaption><h3 id="flow-title">${t.flowTitle}</h3></figcaption>
      <ol class="steps">
        ${steps.map(
          ([label, value, caption]) => html`<li class="step">
            <p class="step-head"><span class="step-value">${value}</span> <span class="step-label">${label}</span></p>
            <p class="step-caption">${caption}</p>
          </li>`,
        )}
      </ol>
    </figure>`;
  }
}
