/** The widgets a partner can put on its own site. */
export const EMBEDDABLE = ['ecosystem-impact-card', 'live-business-feed', 'partner-powered-badge'] as const;
export type EmbeddableTag = (typeof EMBEDDABLE)[number];

const ENTITIES: Record<string, string> = { '&': '&amp;', '"': '&quot;', '<': '&lt;', '>': '&gt;' };
const escapeAttribute = (value: string) => value.replace(/[&"<>]/g, (c) => ENTITIES[c]!);

/** An absolute http(s) base without a trailing slash: a relative or empty base resolves against the page. */
export function absoluteBase(base: string | null | undefined): string {
  try {
    const url = new URL(base || '/', location.href);
    if (/^https?:$/.test(url.protocol)) return (url.origin + url.pathname).replace(/\/+$/, '');
  } catch {
    // An unparsable base falls through to the page's origin.
  }
  return location.origin;
}

/** The HTML a partner pastes into its page; every value is quoted and escaped as an attribute. */
export function embedSnippet(tag: EmbeddableTag, options: { apiBase: string; widgetsBase: string; appId?: string | undefined }): string {
  const appId = tag === 'partner-powered-badge' ? ` app-id="${escapeAttribute(options.appId ?? '')}"` : '';
  return `<script type="module" src="${escapeAttribute(`${options.widgetsBase}/widgets/${tag}.js`)}"></script>\n<${tag} api-base="${escapeAttribute(options.apiBase)}"${appId}></${tag}>`;
}
