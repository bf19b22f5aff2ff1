import { html, svg, type TemplateResult } from 'lit';
import { ApiResource } from '../internal/api-resource.ts';
import { EcosystemElement } from '../internal/ecosystem-element.ts';
import { formatCompact, formatCount, formatMoney } from '../internal/format.ts';
import { fill, type Messages } from '../internal/i18n.ts';
import { expectShape } from '../internal/shape.ts';
import { baseStyles } from '../styles/base.styles.ts';
import { styles } from './ecosystem-impact-card.styles.ts';

/** The answer of `GET /v1/public/ecosystem/impact`. */
export interface EcosystemImpact {
  partner_referred_businesses: number;
  apps_powered_by_partner_data: number;
  combined_cmal_economic_impact: string;
  directories: number;
  developers: number;
  apps: number;
  value_flow: {
    referrals: number;
    converted_businesses: number;
    data_pool_businesses: number;
    records_served: number;
    partner_powered_apps: number;
    partner_earnings: string;
    app_earnings: string;
  };
}

export function parseImpact(json: unknown): EcosystemImpact {
  const impact = expectShape<EcosystemImpact>(json, {
    partner_referred_businesses: 'number',
    apps_powered_by_partner_data: 'number',
    combined_cmal_economic_impact: 'string',
    directories: 'number',
    developers: 'number',
    value_flow: 'object',
  });
  expectShape(impact.value_flow, {
    referrals: 'number',
    converted_businesses: 'number',
    data_pool_businesses: 'number',
    partner_powered_apps: 'number',
    partner_earnings: 'string',
  });
  return impact;
}

const messages: Messages<
  'title' | 'businesses' | 'apps' | 'impact' | 'network' | 'flowTitle' | 'referrals' | 'converted' | 'pool' | 'poweredApps' | 'earnings' | 'empty'
> = {
  en: {
    title: 'Ecosystem impact',
    businesses: 'Partner-referred businesses',
    apps: 'Apps powered by partner data',
    impact: 'Combined economic impact',
    network: '{directories} directories · {developers} developers',
    flowTitle: 'How value flows',
    referrals: 'Referrals',
    converted: 'Businesses',
    pool: 'API data pool',
    poweredApps: 'Apps',
    earnings: 'Partner earnings',
    empty: 'The ecosystem has no partner-referred businesses yet.',
  },
  fr: {
    title: 'Impact de l’écosystème',
    businesses: 'Entreprises recommandées par les partenaires',
    apps: 'Applications alimentées par les données partenaires',
    impact: 'Impact économique combiné',
    network: '{directories} annuaires · {developers} développeurs',
    flowTitle: 'Comment la valeur circule',
    referrals: 'Recommandations',
    converted: 'Entreprises',
    pool: 'Pool de données API',
    poweredApps: 'Applications',
    earnings: 'Gains des partenaires',
    empty: 'L’écosystème ne compte encore aucune entreprise recommandée.',
  },
};

/**
 * Partner-referred businesses, apps powered by partner data and their combined economic impact,
 * with the circular value flow of the ecosystem drawn in SVG.
 *
 * @summary The ecosystem's impact in one card.
 * @tag ecosystem-impact-card
 *
 * @attr {string} api-base - Base URL of the Ecosystem API; empty for the page's own origin.
 * @attr {string} locale - BCP 47 locale for text, numbers and money (English and French built in).
 * @attr {number} timeout - Milliseconds to wait for the API before showing the error state (default 4000).
 * @attr {string} state - Reflected: `loading`, `empty`, `data` or `error`.
 *
 * @csspart base - The card.
 * @csspart header - The title row.
 * @csspart value - Each headline figure.
 * @csspart flow - The value-flow diagram.
 * @csspart state - The loading, empty or error message.
 * @csspart button - The retry button.
 *
 * @cssproperty --ew-color-accent - Accent color of figures, arrows and buttons.
 * @cssproperty --ew-color-text - Text color.
 * @cssproperty --ew-color-muted - Secondary text color.
 * @cssproperty --ew-color-surface - Card background.
 * @cssproperty --ew-color-subtle - Background of figure tiles and diagram nodes.
 * @cssproperty --ew-color-border - Border color.
 * @cssproperty --ew-radius - Corner radius.
 * @cssproperty --ew-space - Base spacing.
 * @cssproperty --ew-font-family - Font family.
 */
export class EcosystemImpactCard extends EcosystemElement {
  static override styles = [baseStyles, styles];
  static override properties = {
    ...EcosystemElement.properties,
    data: { attribute: false },
  };

  /** The impact figures, given directly instead of fetched (server-rendered hosts, Storybook). */
  declare data: EcosystemImpact | undefined;

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
    return html`<dl class="figures">
        <div class="figure"><dt>${t.businesses}</dt><dd part="value">${formatCount(locale, impact.partner_referred_businesses)}</dd></div>
        <div class="figure"><dt>${t.apps}</dt><dd part="value">${formatCount(locale, impact.apps_powered_by_partner_data)}</dd></div>
        <div class="figure"><dt>${t.impact}</dt><dd part="value">${formatMoney(locale, impact.combined_cmal_economic_impact)}</dd></div>
      </dl>
      <p class="muted network">${fill(t.network, { directories: formatCount(locale, impact.directories), developers: formatCount(locale, impact.developers) })}</p>
      ${this.renderFlow(impact)}`;
  }

  /** Five stations on a circle, each arrow leading to the next and the last back to the first. */
  private renderFlow(impact: EcosystemImpact): TemplateResult {
    const t = messages[this.language];
    const locale = this.lang_;
    const flow = impact.value_flow;
    const stations = [
      { label: t.referrals, value: formatCompact(locale, flow.referrals) },
      { label: t.converted, value: formatCompact(locale, flow.converted_businesses) },
      { label: t.pool, value: formatCompact(locale, flow.data_pool_businesses) },
      { label: t.poweredApps, value: formatCompact(locale, flow.partner_powered_apps) },
      { label: t.earnings, value: formatMoney(locale, flow.partner_earnings) },
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
            <text class="station-value" y="-2">${station.value}</text>
            <text class="station-label" y="15">${station.label}</text>
          </g>`;
        })}
      </svg>
      <ol class="visually-hidden">
        ${stations.map((station) => html`<li>${station.label}: ${station.value}</li>`)}
      </ol>
    </figure>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ecosystem-impact-card': EcosystemImpactCard;
  }
}
