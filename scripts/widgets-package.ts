/**
 * Makes `dist/package` the publishable `ecosystem-widgets` package (`npm pack dist/package`), after
 * rollup (the modules), `tsc` (their declarations) and the analyzer (custom-elements.json) have
 * written into it: its package.json, README.md (the root README's "Install from npm" section and a
 * table of the elements from the manifest), LICENSE, and the typings and editor data generated from
 * the manifest (scripts/element-types.ts). The repository's own package.json is the server's and
 * stays private; this one has no dependencies, only Lit as a peer.
 */
import { copyFileSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { elementsOf, type Manifest, writeElementTypes } from './element-types.ts';

/**
 * Every package the modules may import besides their own files, as peer dependencies: Lit, and
 * Lit SSR for a server-rendering entry (optional: browsers never load it). An import of anything
 * else fails the build: the package has no dependencies of its own.
 */
export const PEERS: Record<string, { range: string; optional?: boolean }> = {
  lit: { range: '^3' },
  '@lit-labs/ssr': { range: '^4', optional: true },
};

/** The packages a module imports (`lit/html.js` → `lit`). */
export function importedPackages(code: string): string[] {
  const specifiers = [
    ...code.matchAll(/^(?:import|export)\b[^;'"]*?\bfrom\s*['"]([^'"]+)['"]|^import\s*['"]([^'"]+)['"]|\bimport\(\s*['"]([^'"]+)['"]\s*\)/gm),
  ].map((m) => m[1] ?? m[2] ?? m[3] ?? '');
  return specifiers
    .filter((s) => !s.startsWith('.'))
    .map((s) =>
      s
        .split('/')
        .slice(0, s.startsWith('@') ? 2 : 1)
        .join('/'),
    );
}

export function writeWidgetsPackage(dir: string, root = '.'): void {
  const rootPackage = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };
  const tags = readdirSync(dir)
    .filter((name) => name.includes('-') && statSync(join(dir, name)).isDirectory())
    .sort();
  // entries beside index.js (a server-rendering module, say) are exported by their names
  const entries = readdirSync(dir)
    .filter((name) => name.endsWith('.js') && name !== 'index.js')
    .map((name) => name.slice(0, -3))
    .sort();
  const used = new Set(['lit']);
  for (const file of readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.js'))) {
    for (const name of importedPackages(readFileSync(join(dir, file), 'utf8'))) {
      if (!PEERS[name]) throw new Error(`${file} imports ${name}, which the package does not declare (scripts/widgets-package.ts PEERS)`);
      used.add(name);
    }
  }
  const peers = [...used].sort();
  const optional = peers.filter((name) => PEERS[name]?.optional);
  const types = (name: string) => ({ types: `./types/${name}.d.ts` });
  const manifest = {
    name: 'ecosystem-widgets',
    version: rootPackage.version,
    description: 'Embeddable web components for partner and developer ecosystems: badges, impact cards, live feeds and dashboards, built with Lit',
    license: 'MIT',
    keywords: ['web-components', 'custom-elements', 'lit', 'widgets'],
    type: 'module',
    types: './index.d.ts',
    exports: {
      '.': { types: './index.d.ts', default: './index.js' },
      ...Object.fromEntries(tags.map((tag) => [`./${tag}`, { types: `./${tag}/define.d.ts`, default: `./${tag}/define.js` }])),
      ...Object.fromEntries(entries.map((name) => [`./${name}`, { types: `./${name}.d.ts`, default: `./${name}.js` }])),
      // type-only entries: `import type {} from 'ecosystem-widgets/react'`
      './react': types('react'),
      './vue': types('vue'),
      './svelte': types('svelte'),
      './custom-elements.json': './custom-elements.json',
      './vscode.html-custom-data.json': './vscode.html-custom-data.json',
      './vscode.css-custom-data.json': './vscode.css-custom-data.json',
      './package.json': './package.json',
    },
    // Only the define modules and the entries that import them register tags.
    sideEffects: ['./index.js', ...entries.map((name) => `./${name}.js`), './*/define.js'],
    // Source maps stay out: they point at sources the package does not ship.
    files: ['**/*.js', '**/*.d.ts', 'custom-elements.json', 'vscode.*.json'],
    customElements: 'custom-elements.json',
    peerDependencies: Object.fromEntries(peers.map((name) => [name, PEERS[name]!.range])),
    ...(optional.length ? { peerDependenciesMeta: Object.fromEntries(optional.map((name) => [name, { optional: true }])) } : {}),
  };
  writeFileSync(join(dir, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  copyFileSync(join(root, 'LICENSE'), join(dir, 'LICENSE'));
  writeElementTypes(dir);
  writeFileSync(
    join(dir, 'README.md'),
    packageReadme(readFileSync(join(root, 'README.md'), 'utf8'), JSON.parse(readFileSync(join(dir, 'custom-elements.json'), 'utf8'))),
  );
}

/** The package's README: the root README's "Install from npm" section, then every element's reference from the manifest. */
export function packageReadme(readme: string, manifest: Manifest): string {
  const section = /^## Install from npm\n([\s\S]*?)(?=^## )/m.exec(readme)?.[1];
  if (!section) throw new Error('README.md has no "## Install from npm" section to publish');
  const cell = (text = '') => text.replace(/\|/g, '\\|').replace(/\s*\n\s*/g, ' ');
  let out = `# ecosystem-widgets\n\nEmbeddable web components (Lit) for partner and developer ecosystems.\n${section.replace(/^###/gm, '##')}## Elements\n`;
  for (const { tag, declaration: d } of elementsOf(manifest)) {
    out += `\n### \`<${tag}>\`\n\n${d.summary ?? ''}\n\n\`import 'ecosystem-widgets/${tag}';\`\n\n`;
    const rows = (title: string, list: { name: string; description?: string }[] | undefined, name = (n: string) => `\`${n}\``) =>
      list?.length ? `| ${title} | |\n| --- | --- |\n${list.map((i) => `| ${name(i.name)} | ${cell(i.description)} |`).join('\n')}\n\n` : '';
    out += rows('attribute', d.attributes);
    out += rows(
      'property',
      d.members?.filter((m) => m.kind === 'field' && !m.attribute),
    );
    out += rows('event', d.events);
    out += rows('part', d.cssParts, (n) => `\`::part(${n})\``);
  }
  out += '\nThe `--ew-*` custom properties each element reads are listed in `custom-elements.json` and `vscode.css-custom-data.json`.\n';
  return out;
}
