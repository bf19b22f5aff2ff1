// Two builds of the widgets (see docs/DECISIONS.md):
// - dist/widgets/: the embed build, code-split. `<tag>.js` is a one-tag entry for
//   `<script type="module" src=".../widgets/<tag>.js">`; it imports the shared runtime from
//   `chunks/`, whose file names carry a content hash, so a page with several widgets loads Lit
//   and the shared code once. `ecosystem-widgets.js` imports every tag's entry.
// - dist/package/: the npm build, one module per source file with Lit left external, so an app
//   that already uses Lit loads it once. Type declarations come from `tsc` (scripts/build.ts).
import { existsSync, readdirSync } from 'node:fs';
import resolve from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import esbuild from 'rollup-plugin-esbuild';
import { minifyTemplateLiterals } from 'rollup-plugin-minify-template-literals';

const tags = readdirSync('widgets', { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && entry.name.includes('-') && existsSync(`widgets/${entry.name}/define.ts`))
  .map((entry) => entry.name)
  .sort();

const transform = () => esbuild({ target: 'es2022', tsconfig: 'widgets/tsconfig.json', legalComments: 'none' });

/**
 * The runtime in three chunks, split by which widgets import a shared module (one of
 * `widgets/internal`, `widgets/styles` or node_modules), so that no page loads shared code it
 * never runs:
 * - `runtime`: the shared code the badge imports (API client, fetch controller, formatting,
 *   design tokens), loaded by every widget;
 * - `elements`: Lit and the shared code a public Lit widget imports (base element, state
 *   templates, panel styles), loaded by every widget but the badge, which builds its few nodes
 *   itself to stay within its 8 KB page;
 * - `session`: the shared code only the signed-in widgets import (embed sessions, tabs), which
 *   the public widgets' pages leave out.
 * The sets come from the import graph, so a module moves by itself when its importers change. A
 * widget's own modules and Lit directives stay with the widgets that use them (rollup puts a
 * directive two widgets share in a chunk of its own).
 */
const BADGE = 'partner-powered-badge';
const SIGNED_IN = 'widgets/internal/authenticated-element.ts';
let layers;
/** Every module `id` imports statically, itself included. */
const reachable = (id, getModuleInfo) => {
  const seen = new Set();
  const visit = (module) => {
    if (!module || seen.has(module.id)) return;
    seen.add(module.id);
    for (const imported of module.importedIds) visit(getModuleInfo(imported));
  };
  visit(getModuleInfo(id));
  return seen;
};
const absolute = (path) => new URL(path, import.meta.url).pathname;
const chunkOf = (id, { getModuleInfo }) => {
  const path = id.replaceAll('\\', '/');
  if (!path.includes('/node_modules/') && !path.includes('/widgets/internal/') && !path.includes('/widgets/styles/')) return undefined;
  // a directive goes with the widgets that use it, not into every page
  if (path.includes('/node_modules/lit/directives/') || path.includes('/node_modules/lit-html/directive')) return undefined;
  // so does the chart: rollup gives it a chunk of its own, loaded only by the pages that draw one
  if (path.includes('/widgets/internal/chart')) return undefined;
  if (!layers) {
    const graphs = tags.map((tag) => reachable(absolute(`widgets/${tag}/define.ts`), getModuleInfo));
    const signedIn = absolute(SIGNED_IN);
    layers = {
      runtime: graphs[tags.indexOf(BADGE)],
      elements: new Set(graphs.filter((graph) => !graph.has(signedIn)).flatMap((graph) => [...graph])),
      entries: new Set(graphs.flatMap((graph) => [...graph])),
    };
  }
  // a module only code loaded on demand imports (the embed-code generator's) goes with that code
  if (!layers.entries.has(id)) return undefined;
  return layers.runtime.has(id) ? 'runtime' : layers.elements.has(id) ? 'elements' : 'session';
};

// WIDGETS=a-tag,b-tag builds only those entries (a quick size check while working on one).
const only = process.env.WIDGETS ? process.env.WIDGETS.split(',').filter(Boolean) : undefined;
const entries = Object.fromEntries(
  only
    ? only.map((tag) => [tag, `widgets/${tag}/define.ts`])
    : [...tags.map((tag) => [tag, `widgets/${tag}/define.ts`]), ['ecosystem-widgets', 'widgets/index.ts']],
);

const embed = {
  input: entries,
  output: {
    dir: 'dist/widgets',
    format: 'es',
    entryFileNames: '[name].js',
    chunkFileNames: 'chunks/[name]-[hash].js',
    manualChunks: chunkOf,
    // maps are published beside the files but not referenced: the comment would cost every visitor
    sourcemap: 'hidden',
  },
  // an entry exports its element class and nothing else
  preserveEntrySignatures: 'exports-only',
  plugins: [
    // Lit's production build: no dev-mode warnings, smaller.
    resolve({ exportConditions: ['production'] }),
    transform(),
    // Whitespace and comments inside html`` and css`` templates: terser leaves template text alone.
    minifyTemplateLiterals({ include: ['widgets/**/*.ts'], exclude: ['widgets/styles/tokens.styles.ts'], failOnError: true }),
    terser({ module: true, ecma: 2022, compress: { passes: 2 }, format: { comments: false } }),
  ],
};

export default only
  ? embed
  : [
      embed,
      {
        input: Object.fromEntries([
          ['index', 'widgets/index.ts'],
          ['ssr', 'widgets/ssr.ts'],
          ...tags.map((tag) => [`${tag}/define`, `widgets/${tag}/define.ts`]),
        ]),
        external: (id) => id === 'lit' || id.startsWith('lit/') || id.startsWith('@lit/') || id.startsWith('@lit-labs/'),
        output: { dir: 'dist/package', format: 'es', preserveModules: true, preserveModulesRoot: 'widgets', sourcemap: true },
        plugins: [resolve(), transform()],
      },
    ];
