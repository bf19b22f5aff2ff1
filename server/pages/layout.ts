/**
 * The site shell every page of the API's own site is rendered in: head, header (brand, primary
 * navigation, signed-in identity), main and footer. Pages give only their content; one layout keeps
 * the head, the navigation and the Content-Security-Policy constraints (no inline script or style)
 * in one place.
 */

/** Escapes text for HTML: page content that comes from data is never markup. */
export const esc = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export const SITE_NAME = 'Ecosystem Widgets';

/** The primary navigation, in the header and the footer alike. */
export const NAV = [
  ['/showcase', 'Showcase'],
  ['/developers', 'For developers'],
  ['/partner', 'Partner dashboard'],
  ['/developer', 'Developer dashboard'],
  ['/admin', 'Admin'],
  ['/docs/', 'API reference'],
] as const;

const FOOTER = [
  [
    'Product',
    [
      ['/showcase', 'Showcase'],
      ['/developers', 'For developers'],
      ['/demo/directory', 'Sample partner site'],
    ],
  ],
  [
    'Dashboards',
    [
      ['/partner', 'Partner'],
      ['/developer', 'Developer'],
      ['/admin', 'Admin'],
    ],
  ],
  [
    'Reference',
    [
      ['/docs/', 'API reference'],
      ['/openapi.json', 'OpenAPI document'],
    ],
  ],
] as const;

export interface ShellPage {
  /** The page's address, to mark its navigation link as current. */
  path: string;
  /** The document title; the site name is appended unless `title` already is the site name. */
  title: string;
  description?: string;
  /** More `<head>` markup (canonical link, robots); it must hold no inline script or style. */
  head?: string;
  /** Module scripts the page loads (the shell's own script comes first when `identity` is on). */
  modules?: string[];
  /** Classic scripts, after the content (third-party bundles that expect the DOM). */
  scripts?: string[];
  stylesheets?: string[];
  /**
   * Whether the header shows who is signed in (it asks `GET /session` from a script). Off for
   * the script-free pages, which are publicly cached and the same for every visitor.
   */
  identity?: boolean;
  /** A class for `<main>` (e.g. `narrow`, for a page of text). */
  mainClass?: string;
  /** The page's content: exactly one `<h1>`. */
  body: string;
}

const link = (current: string, href: string, label: string) => `<a href="${href}"${href === current ? ' aria-current="page"' : ''}>${label}</a>`;

function header(page: ShellPage): string {
  const items = NAV.map(([href, label]) => `<li>${link(page.path, href, label)}</li>`).join('');
  const identity = page.identity
    ? `
      <div class="account" data-identity hidden>
        <span class="avatar" aria-hidden="true" data-identity-initial></span>
        <span class="who"><span class="visually-hidden">Signed in as </span><strong data-identity-name></strong><small data-identity-role></small></span>
        <button type="button" class="button quiet" data-action="sign-out">Sign out</button>
      </div>`
    : '';
  // The menu is a <details>: it opens and closes without script. From 641 px up its content is
  // always shown and the button hidden (pages.css).
  return `<a class="skip-link" href="#main">Skip to content</a>
  <header class="site">
    <div class="site-bar">
      <a class="brand" href="/"${page.path === '/' ? ' aria-current="page"' : ''}><img src="/assets/favicon.svg" alt="" width="28" height="28"><span>${SITE_NAME}</span></a>
      <details class="menu">
        <summary><span class="menu-icon" aria-hidden="true"></span><span>Menu</span></summary>
        <nav aria-label="Primary"><ul>${items}</ul></nav>
      </details>${identity}
    </div>
  </header>`;
}

function footer(): string {
  const columns = FOOTER.map(
    ([heading, links]) => `<div><h2>${heading}</h2><ul>${links.map(([href, label]) => `<li><a href="${href}">${label}</a></li>`).join('')}</ul></div>`,
  ).join('\n      ');
  return `<footer class="site">
    <div class="footer-inner">
      <div class="footer-brand"><a class="brand" href="/"><img src="/assets/favicon.svg" alt="" width="24" height="24"><span>${SITE_NAME}</span></a>
        <p>Embeddable widgets and an API that connect a Partner Program and a Developer Platform.</p></div>
      ${columns}
    </div>
  </footer>`;
}

/** A whole HTML document in the site shell. */
export function shell(page: ShellPage): string {
  const title = page.title === SITE_NAME ? SITE_NAME : `${page.title} · ${SITE_NAME}`;
  const modules = [...(page.identity ? ['/assets/shell.js'] : []), ...(page.modules ?? [])];
  const head = [
    page.description ? `<meta name="description" content="${esc(page.description)}">` : '',
    page.head ?? '',
    '<link rel="icon" href="/assets/favicon.svg" type="image/svg+xml">',
    ...(page.stylesheets ?? []).map((href) => `<link rel="stylesheet" href="${href}">`),
    '<link rel="stylesheet" href="/assets/pages.css">',
    ...modules.map((src) => `<script type="module" src="${src}"></script>`),
  ].filter(Boolean);
  return `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>${esc(title)}</title>
  ${head.join('\n  ')}
</head>
<body>
  ${header(page)}
  <main id="main"${page.mainClass ? ` class="${page.mainClass}"` : ''}>
${page.body}
  </main>
  ${footer()}
${(page.scripts ?? []).map((src) => `  <script src="${src}"></script>\n`).join('')}</body>
</html>`;
}

/** The heading block an inner page starts with. */
export function pageHead(title: string, lead: string, eyebrow?: string): string {
  return `    <div class="page-head">
      ${eyebrow ? `<p class="eyebrow">${esc(eyebrow)}</p>\n      ` : ''}<h1>${esc(title)}</h1>
      <p class="lead">${esc(lead)}</p>
    </div>`;
}
