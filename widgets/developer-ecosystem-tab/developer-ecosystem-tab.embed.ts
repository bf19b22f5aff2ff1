/** The widgets a partner can put on its own site: the public ones, then those that need a partner's embed session. */
export const EMBEDDABLE = [
  'ecosystem-impact-card',
  'live-business-feed',
  'partner-powered-badge',
  'developer-ecosystem-tab',
  'technical-partner-upgrade',
] as const;
export type EmbeddableTag = (typeof EMBEDDABLE)[number];

/** Widgets that read the partner's own account: the page gets an embed session from the partner's server. */
const SESSION_SCOPES: Partial<Record<EmbeddableTag, string[]>> = {
  'developer-ecosystem-tab': [],
  'technical-partner-upgrade': ['read', 'technical_partner:apply'],
};
/** The route the generated server code adds to the partner's server, and the page calls. */
const SESSION_ROUTE = '/ecosystem/embed-session';

const ENTITIES: Record<string, string> = { '&': '&amp;', '"': '&quot;', '<': '&lt;', '>': '&gt;' };
const escapeAttribute = (value: string) => value.replace(/[&"<>]/g, (c) => ENTITIES[c]!);
/** A single-quoted shell word. */
const shellWord = (value: string) => `'${value.replace(/'/g, `'\\''`)}'`;

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

export interface EmbedOptions {
  apiBase: string;
  widgetsBase: string;
  appId?: string | undefined;
  /** `light` or `dark` pins the widget's colour scheme; without it the widget follows the visitor's. */
  theme?: 'light' | 'dark' | undefined;
  /** `en` or `fr` pins the widget's language; without it the widget speaks the page's. */
  locale?: 'en' | 'fr' | undefined;
}

/** The attributes every widget takes from the generator's options, in the order the code shows them. */
export const optionAttributes = ({ theme, locale }: EmbedOptions): [string, string][] => [
  ...(theme ? [['theme', theme] as [string, string]] : []),
  ...(locale ? [['locale', locale] as [string, string]] : []),
];

/**
 * The code a partner pastes: `page` for its page (every value quoted and escaped as an attribute)
 * and, for a widget that needs an embed session, `server` (a Node.js/Express route) and `curl`,
 * which mint the session with the partner token on the partner's server. No credential ever
 * appears in `page`: it fetches the session from that route.
 */
/** Widgets that read the partner's own account and need an embed session from its server. */
export const needsSession = (tag: EmbeddableTag) => SESSION_SCOPES[tag] !== undefined;

export function embedCode(tag: EmbeddableTag, options: EmbedOptions): { page: string; server?: string; curl?: string } {
  const pinned = optionAttributes(options)
    .map(([name, value]) => ` ${name}="${escapeAttribute(value)}"`)
    .join('');
  const element = `<script type="module" src="${escapeAttribute(`${options.widgetsBase}/widgets/${tag}.js`)}"></script>\n<${tag} api-base="${escapeAttribute(options.apiBase)}"`;
  const scopes = SESSION_SCOPES[tag];
  if (!scopes) {
    const appId = tag === 'partner-powered-badge' ? ` app-id="${escapeAttribute(options.appId ?? '')}"` : '';
    return { page: `${element}${appId}${pinned}></${tag}>` };
  }
  const audience = tag === 'technical-partner-upgrade' ? ' audience="partner"' : '';
  const mint = `${options.apiBase}/v1/partner/embed-sessions`;
  const body = scopes.length ? `{ origin: SITE_ORIGIN, scopes: ${JSON.stringify(scopes)} }` : '{ origin: SITE_ORIGIN }';
  return {
    page: `${element}${audience}${pinned}></${tag}>
<script type="module">
  // The embed session comes from your server: no credential in this page.
  document.querySelector('${tag}').fetchSession = () =>
    fetch('${SESSION_ROUTE}', { method: 'POST' }).then((r) => (r.ok ? r.json() : Promise.reject(new Error(\`HTTP \${r.status}\`))));
</script>`,
    server: `// SITE_ORIGIN: your pages' origin (https://dir.example), one of your allowed origins.
const SITE_ORIGIN = process.env.SITE_ORIGIN;
app.post('${SESSION_ROUTE}', requireSignedIn /* your own check */, async (req, res) => {
  const response = await fetch(${JSON.stringify(mint)}, {
    method: 'POST',
    headers: { Authorization: \`Bearer \${process.env.ECOSYSTEM_PARTNER_TOKEN}\`, 'Content-Type': 'application/json' },
    body: JSON.stringify(${body}),
  });
  res.status(response.status).json(await response.json());
});`,
    curl: `curl -X POST ${shellWord(mint)} \\
  -H "Authorization: Bearer $ECOSYSTEM_PARTNER_TOKEN" \\
  -H 'Content-Type: application/json' \\
  -d ${shellWord(JSON.stringify(scopes.length ? { origin: 'https://dir.example', scopes } : { origin: 'https://dir.example' }))}`,
  };
}
