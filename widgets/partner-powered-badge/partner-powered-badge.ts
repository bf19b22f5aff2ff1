import { html, nothing, svg, type TemplateResult } from 'lit';
import { ApiResource } from '../internal/api-resource.ts';
import { EcosystemElement } from '../internal/ecosystem-element.ts';
import { formatCount, formatDate, formatPercent } from '../internal/format.ts';
import { fill, type Messages } from '../internal/i18n.ts';
import { expectEach, expectShape } from '../internal/shape.ts';
import { coreStyles } from '../styles/core.styles.ts';
import { styles } from './partner-powered-badge.styles.ts';

/** A directory whose referred businesses an app read. */
export interface BadgeDirectory {
  id: string;
  directory_name: string;
  records_served: number;
  share_percent: string;
}

/** The answer of `GET /v1/public/apps/:appId/badge`. */
export interface Badge {
  app: { id: string; name: string; url: string | null };
  partner_powered: boolean;
  partner_powered_since: string | null;
  records_served: number;
  directories: BadgeDirectory[];
}

export function parseBadge(json: unknown): Badge {
  const badge = expectShape<Badge>(json, {
    app: 'object',
    partner_powered: 'boolean',
    partner_powered_since: 'string?',
    records_served: 'number',
    directories: 'array',
  });
  expectShape(badge.app, { name: 'string', url: 'string?' });
  expectEach(badge.directories, { directory_name: 'string', records_served: 'number', share_percent: 'string' });
  return badge;
}

/** Only web links are followed: an app URL is data from a third party, and `javascript:` must never become a link. */
export const safeUrl = (url: string | null | undefined) => (url && /^https?:\/\//i.test(url) ? url : undefined);

const messages: Messages<'label' | 'since' | 'records' | 'directories' | 'newTab' | 'empty'> = {
  en: {
    label: 'Partner-Powered',
    since: 'Since {date}',
    records: '{count} partner records served',
    directories: 'Contributing directories ({count})',
    newTab: '(opens in a new tab)',
    empty: 'Not partner-powered yet.',
  },
  fr: {
    label: 'Propulsé par les partenaires',
    since: 'Depuis le {date}',
    records: '{count} fiches partenaires servies',
    directories: 'Annuaires contributeurs ({count})',
    newTab: '(s’ouvre dans un nouvel onglet)',
    empty: 'Pas encore propulsé par les partenaires.',
  },
};

/**
 * A compact "Partner-Powered" badge for one app: the mark, the app's name linking to its site,
 * and a disclosure listing the directories whose businesses the app's data came from, with
 * each one's share.
 *
 * @summary The Partner-Powered badge of an app.
 * @tag partner-powered-badge
 *
 * @attr {string} app-id - The app's id; without it nothing is fetched.
 * @attr {string} api-base - Base URL of the Ecosystem API; empty for the page's own origin.
 * @attr {string} locale - BCP 47 locale for text, numbers and dates (English and French built in).
 * @attr {number} timeout - Milliseconds to wait for the API before showing the error state (default 4000).
 * @attr {string} state - Reflected: `idle`, `loading`, `empty`, `data` or `error`.
 *
 * @fires badge-directories-toggle - The user opened or closed the list of directories; `detail: { open: boolean }`.
 *
 * @csspart base - The badge.
 * @csspart header - The mark and the "Partner-Powered" label.
 * @csspart value - The app's name.
 * @csspart toggle - The button that opens the list of directories.
 * @csspart directories - The list of directories.
 * @csspart state - The loading, empty or error message.
 * @csspart button - The retry button.
 *
 * @cssproperty --ew-color-accent - Color of the mark, the link and the toggle.
 * @cssproperty --ew-color-on-accent - Color of the check inside the mark.
 * @cssproperty --ew-color-text - Text color.
 * @cssproperty --ew-color-muted - Secondary text color.
 * @cssproperty --ew-color-surface - Badge background.
 * @cssproperty --ew-color-border - Border color.
 * @cssproperty --ew-radius - Corner radius.
 * @cssproperty --ew-space - Base spacing.
 * @cssproperty --ew-font-family - Font family.
 */
export class PartnerPoweredBadge extends EcosystemElement {
  // the core styles only: the badge sits inline on partner pages and every byte counts
  static override styles = [coreStyles, styles];
  static override properties = {
    ...EcosystemElement.properties,
    appId: { attribute: 'app-id' },
    data: { attribute: false },
    open: { state: true },
  };

  /** The app whose badge is shown. */
  declare appId: string | undefined;
  /** The badge, given directly instead of fetched (server-rendered hosts, Storybook). */
  declare data: Badge | undefined;
  private declare open: boolean;

  constructor() {
    super();
    this.open = false;
  }

  private readonly badge = new ApiResource<Badge>(this, {
    path: () => (this.appId ? `/v1/public/apps/${encodeURIComponent(this.appId)}/badge` : undefined),
    parse: parseBadge,
    given: () => this.data,
    isEmpty: (badge) => !badge.partner_powered,
  });

  protected mainResource() {
    return this.badge;
  }

  override render() {
    const t = messages[this.language];
    return html`<div class="frame" part="base" role="group" aria-labelledby="label">
      <p class="mark" part="header">
        ${svg`<svg viewBox="0 0 20 20" aria-hidden="true"><circle cx="10" cy="10" r="10"></circle><path d="M5.5 10.5l3 3 6-6.5"></path></svg>`}<span id="label">${t.label}</span>
      </p>
      ${this.renderStates(this.badge, (badge) => this.renderBadge(badge), { empty: t.empty })}
    </div>`;
  }

  private renderBadge(badge: Badge): TemplateResult {
    const t = messages[this.language];
    const locale = this.lang_;
    const url = safeUrl(badge.app.url);
    const since = badge.partner_powered_since && formatDate(locale, badge.partner_powered_since);
    const count = badge.directories.length;
    return html`<p class="app" part="value">
        ${url
          ? html`<a href=${url} target="_blank" rel="noopener noreferrer">${badge.app.name}<span class="visually-hidden"> ${t.newTab}</span></a>`
          : badge.app.name}
      </p>
      <p class="muted">${since ? html`${fill(t.since, { date: since })} · ` : nothing}${fill(t.records, { count: formatCount(locale, badge.records_served) })}</p>
      ${count
        ? html`<button type="button" class="secondary" part="toggle" aria-expanded=${this.open} aria-controls="directories" @click=${this.toggle}>
              ${fill(t.directories, { count: formatCount(locale, count) })}
            </button>
            <ul id="directories" part="directories" ?hidden=${!this.open}>
              ${badge.directories.map(
                (d) => html`<li><span>${d.directory_name}</span> <span class="share">${formatPercent(locale, d.share_percent)}</span></li>`,
              )}
            </ul>`
        : nothing}`;
  }

  private toggle() {
    this.open = !this.open;
    this.dispatchEvent(new CustomEvent('badge-directories-toggle', { detail: { open: this.open }, bubbles: true, composed: true }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'partner-powered-badge': PartnerPoweredBadge;
  }
  interface HTMLElementEventMap {
    'badge-directories-toggle': CustomEvent<{ open: boolean }>;
  }
}
