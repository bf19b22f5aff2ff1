/**
 * `npm run build`: the widget bundles (rollup), the npm package (dist/package: modules, type
 * declarations, the custom-elements manifest and what is generated from it, see
 * widgets-package.ts), the compiled server (dist/server, see build-server.ts), and tables of each
 * embed file's size, minified and gzipped, and of each budgeted page's total (bench judges them).
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildServer } from './build-server.ts';
import { bundleSizes, kb, pageSizes } from './bundle-sizes.ts';
import { writeWidgetsPackage } from './widgets-package.ts';

const bin = (name: string) => join('node_modules', '.bin', name);
const run = (command: string, args: string[]) => execFileSync(bin(command), args, { stdio: 'inherit' });

rmSync('dist', { recursive: true, force: true });
run('rollup', ['-c', '--silent']);
run('tsc', ['-p', 'widgets/tsconfig.build.json']);
rewriteDeclarationImports('dist/package');
run('cem', ['analyze', '--quiet']);
writeWidgetsPackage('dist/package');
await buildServer('dist');

/**
 * Declarations keep the sources' `.ts` specifiers; the published files are `.js`. Types tsc
 * inferred name Lit's own dependencies (`import("lit-html")`), which a consumer's strict
 * installer does not let the package resolve: `lit`, the peer dependency, re-exports them.
 */
function rewriteDeclarationImports(dir: string): void {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) rewriteDeclarationImports(path);
    else if (entry.name.endsWith('.d.ts'))
      writeFileSync(
        path,
        readFileSync(path, 'utf8')
          .replace(/(from\s+['"]\.{1,2}\/[^'"]+)\.ts(['"])/g, '$1.js$2')
          .replace(/import\((['"])(lit-html|@lit\/reactive-element)\1\)/g, 'import($1lit$1)'),
      );
  }
}

console.log('\nembed files (dist/widgets)              minified     gzip');
for (const { file, bytes, gzip } of bundleSizes()) console.log(`  ${file.padEnd(36)} ${kb(bytes).padStart(9)} ${kb(gzip).padStart(9)}`);
console.log('\npages (gzip of every file loaded)        gzip   budget');
for (const page of pageSizes())
  console.log(
    `  ${page.page.padEnd(36)} ${kb(page.gzip).padStart(9)} ${kb(page.budget).padStart(8)}${page.gzip > page.budget ? `  OVER${page.ceiling ? ` (known; ceiling ${kb(page.ceiling)})` : ''}` : ''}`,
  );
