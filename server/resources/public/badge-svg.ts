import type { VerifiedApp } from './public.service.ts';

export type BadgeTheme = 'light' | 'dark';

/** Escapes text for XML: app names are third-party data and never markup. */
export const escapeXml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const COLORS: Record<BadgeTheme, { label: string; verified: string; unverified: string; text: string }> = {
  light: { label: '#555555', verified: '#2e7d32', unverified: '#9f9f9f', text: '#ffffff' },
  dark: { label: '#30363d', verified: '#238636', unverified: '#6e7681', text: '#f0f6fc' },
};

const LABEL = 'Partner-Powered';
const HEIGHT = 20;
/** Widths of the two halves for 11px Verdana-like text; the visible words never vary, so neither do they. */
const LABEL_WIDTH = 104;
const WIDTHS = { verified: 60, 'not verified': 80 } as const;

const dateOf = (iso: string) => new Intl.DateTimeFormat('en-US', { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(iso));

/**
 * A shields-style badge: "Partner-Powered | verified" for a partner-powered app, "Partner-Powered
 * | not verified" otherwise. The app's name appears only in the accessible title, escaped.
 */
export function badgeSvg(app: VerifiedApp | undefined, theme: BadgeTheme): string {
  const status = app ? 'verified' : 'not verified';
  const colors = COLORS[theme];
  const statusWidth = WIDTHS[status];
  const width = LABEL_WIDTH + statusWidth;
  const title = app ? `${LABEL}: ${app.app.name}, verified since ${dateOf(app.partner_powered_since)}` : `${LABEL}: not verified`;
  const text = (x: number, words: string) => `<text x="${x}" y="15" fill="#010101" fill-opacity=".3">${words}</text><text x="${x}" y="14">${words}</text>`;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${HEIGHT}" viewBox="0 0 ${width} ${HEIGHT}" role="img" aria-label="${escapeXml(title)}">
<title>${escapeXml(title)}</title>
<linearGradient id="s" x2="0" y2="100%"><stop offset="0" stop-color="#bbb" stop-opacity=".1"/><stop offset="1" stop-opacity=".1"/></linearGradient>
<clipPath id="r"><rect width="${width}" height="${HEIGHT}" rx="3" fill="#fff"/></clipPath>
<g clip-path="url(#r)"><rect width="${LABEL_WIDTH}" height="${HEIGHT}" fill="${colors.label}"/><rect x="${LABEL_WIDTH}" width="${statusWidth}" height="${HEIGHT}" fill="${app ? colors.verified : colors.unverified}"/><rect width="${width}" height="${HEIGHT}" fill="url(#s)"/></g>
<g fill="${colors.text}" text-anchor="middle" font-family="Verdana,Geneva,DejaVu Sans,sans-serif" font-size="11" aria-hidden="true">${text(LABEL_WIDTH / 2, LABEL)}${text(LABEL_WIDTH + statusWidth / 2, status)}</g>
</svg>
`;
}
