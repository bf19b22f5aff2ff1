// Two builds of the widgets (see docs/DECISIONS.md):
// - dist/widgets/: one self-contained minified ES module per element, and one with all of them,
//   for `<script type="module" src=".../widgets/<tag>.js">` embeds. Lit is bundled in each.
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

const embed = (input, file) => ({
  input,
  // maps are published beside the files but not referenced: the comment would cost every visitor
  output: { file, format: 'es', sourcemap: 'hidden' },
  plugins: [
    // Lit's production build: no dev-mode warnings, smaller.
    resolve({ exportConditions: ['production'] }),
    transform(),
    // Whitespace and comments inside html`` and css`` templates: terser leaves template text alone.
    minifyTemplateLiterals({ include: ['widgets/**/*.ts'], exclude: ['widgets/styles/tokens.styles.ts'], failOnError: true }),
    terser({ module: true, ecma: 2022, compress: { passes: 2 }, format: { comments: false } }),
  ],
});

// WIDGETS=a-tag,b-tag builds only those embed files (a quick size check while working on one).
const only = process.env.WIDGETS ? process.env.WIDGETS.split(',').filter(Boolean) : undefined;

export default only
  ? only.map((tag) => embed(`widgets/${tag}/define.ts`, `dist/widgets/${tag}.js`))
  : [
      ...tags.map((tag) => embed(`widgets/${tag}/define.ts`, `dist/widgets/${tag}.js`)),
      embed('widgets/index.ts', 'dist/widgets/ecosystem-widgets.js'),
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
