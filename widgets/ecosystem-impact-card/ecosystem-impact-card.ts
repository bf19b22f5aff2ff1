import { html, svg, type TemplateResult } from 'lit';
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
const formatHeadline = (locale: string, value: number | string): Headline => {
  const options: Intl.NumberFormatOptions = typeof value === 'string' ? { style: 'currency', currency: 'USD' } : {};
  const exact = formatNumber(locale, value, options);
  return { text: Math.abs(+value) < 1000 ? exact : formatNumber(locale, value, { ...options, notation: 'compact', maximumFractionDigits: 1 }), exact };
};

const headline = ({ text, exact }: Headline) =>
  text === exact ? text : html`<span title=${exact}><span aria-hidden="true">${text}</span><span class="visually-hidden">${exact}</span></span>`;

/**
 * Partner-referred businesses, apps powered by partner data and their combined economic impact,
 * with the circular value flow of the ecosystem drawn in SVG.
 *
 * @summary The ecosystem's impact in one card.
 * @tag ecosystem-impact-card
 *
 * @csspart value - Each headline figure.
 * @csspart flow - The value-flow diagram.
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
      [t.businesses, headline(formatHeadline(locale, impact.partner_referred_businesses))],
      [t.apps, headline(formatHeadline(locale, impact.apps_powered_by_partner_data))],
      [t.impact, headline(formatHeadline(locale, impact.combined_cmal_economic_impact))],
    ])}
      <p class="muted network">${t.network(formatCount(locale, impact.directories), formatCount(locale, impact.developers))}</p>
      ${this.renderFlow(impact)}`;
  }

  /** Five stations on a circle, each arrow leading to the next and the last back to the first. */
  private renderFlow(impact: EcosystemImpact): TemplateResult {
    const t = messages[this.language];
    const locale = this.lang_;
    const flow = impact.value_flow;
    const stations = [
      { label: t.referrals, value: formatHeadline(locale, flow.referrals) },
      { label: t.converted, value: formatHeadline(locale, flow.converted_businesses) },
      { label: t.pool, value: formatHeadline(locale, flow.data_pool_businesses) },
      { label: t.poweredApps, value: formatHeadline(locale, flow.partner_powered_apps) },
      { label: t.earnings, value: formatHeadline(locale, flow.partner_earnings) },
    ];
    const center = 160;
    const radius = 112;
    const at = (i: number, r = radius) => {
      const angle = -Math.PI / 2 + (i * 2 * Math.PI) / stations.length;
      return [center + r * Math.cos(angle), center + r * Math.sin(angle)] as const;
    };
    const arcs = stations.map((_, i) => {
      // An arc between neighbouring stations, trimmed so it starts and ends outside the nodes.
      const step = (2 * Math.PI) / stations.length;
      const from = -Math.PI / 2 + i * step + 0.36;
      const to = -Math.PI / 2 + (i + 1) * step - 0.36;
      const [x1, y1] = [center + radius * Math.cos(from), center + radius * Math.sin(from)];
      const [x2, y2] = [center + radius * Math.cos(to), center + radius * Math.sin(to)];
      return svg`<path class="arc" d="M${x1.toFixed(1)} ${y1.toFixed(1)} A${radius} ${radius} 0 0 1 ${x2.toFixed(1)} ${y2.toFixed(1)}" marker-end="url(#arrow)"></path>`;
    });
    return html`<figure class="flow" part="flow">
      <figcaption><h3>${t.flowTitle}</h3></figcaption>
      <svg viewBox="0 0 320 320" aria-hidden="true">
        <defs>
          <marker id="arrow" viewBox="0 0 10 10" refX="8" refY="5" markerWidth="6" markerHeight="6" orient="auto-start-reverse">
            <path d="M0 0 L10 5 L0 10 z" class="arrowhead"></path>
          </marker>
        </defs>
        ${arcs}
        ${stations.map((station, i) => {
          const [x, y] = at(i);
          return svg`<g class="station" transform="translate(${x.toFixed(1)} ${y.toFixed(1)})">
            <circle r="40"></circle>
            <text class="station-value" y="-2">${station.value.text}</text>
            <text class="station-label" y="15">${station.label}</text>
          </g>`;
        })}
      </svg>
      <ol class="visually-hidden">
        ${stations.map((station) => html`<li>${station.label}: ${station.value.exact}</li>`)}
      </ol>
    </figure>`;
  }
}
