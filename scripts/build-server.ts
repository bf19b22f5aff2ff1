/**
 * The server's part of `npm run build`: plain JavaScript that `node` runs without a TypeScript
 * loader. Inside `<dist>` (normally `dist/`):
 *
 *   server/main.js          the server, every module of server/ bundled into one ES module
 *   server/migrate.js       `db:migrate` / `db:rollback` (server/cli/migrate.ts), bundled the same way
 *   server/migrations/*.js  one self-contained ES module per migration, loaded one by one by knex
 *   server/assets/          the host pages' static files (server/pages/assets)
 *   package.json            the version the server reports (config.ts reads `../package.json`)
 *
 * Bundled, every server module shares the entry's `import.meta.url`, so the paths the sources
 * resolve from it hold from dist/server/ as they do from server/: `../../dist/widgets` is still
 * `<dist>/widgets`, `./assets` is copied beside the bundle, and database.ts looks for the
 * compiled migrations in `./migrations`. Packages stay imports of node_modules.
 */

import { cpSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type BuildOptions, build } from 'esbuild';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

// the transform tsx applies in development (esbuild, this tsconfig), so both run the same code
const common: BuildOptions = {
  absWorkingDir: ROOT,
  tsconfig: join(ROOT, 'tsconfig.json'),
  bundle: true,
  packages: 'external',
  platform: 'node',
  format: 'esm',
  target: 'node20.19',
  keepNames: true, // class and function names survive bundling (error types, log lines)
  sourcemap: 'linked',
  sourcesContent: false,
  logLevel: 'warning',
};

/**
 * Writes the compiled server into `<dist>/server` (replacing it) and `<dist>/package.json`;
 * resolves to what the output imports from outside itself (Node's modules and packages).
 */
export async function buildServer(dist = join(ROOT, 'dist')): Promise<string[]> {
  const out = join(resolve(dist), 'server');
  rmSync(out, { recursive: true, force: true });
  const server = await build({
    ...common,
    entryPoints: [
      { in: 'server/main.ts', out: 'main' },
      { in: 'server/cli/migrate.ts', out: 'migrate' },
    ],
    outdir: out,
    metafile: true,
  });
  const migrations = readdirSync(join(ROOT, 'migrations'))
    .filter((file) => file.endsWith('.ts'))
    .sort();
  const compiledMigrations = await build({
    ...common,
    entryPoints: migrations.map((file) => join('migrations', file)),
    outdir: join(out, 'migrations'),
    metafile: true,
  });
  cpSync(join(ROOT, 'server', 'pages', 'assets'), join(out, 'assets'), { recursive: true });
  const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
  writeFileSync(
    join(dist, 'package.json'),
    `${JSON.stringify(
      {
        private: true,
        description: 'Written by npm run build: the compiled server (dist/server) reads its version here.',
        version,
        type: 'module',
      },
      null,
      2,
    )}\n`,
  );
  const imports = [server, compiledMigrations].flatMap(({ metafile }) =>
    Object.values(metafile.outputs).flatMap((output) => output.imports.filter((entry) => entry.external).map((entry) => entry.path)),
  );
  return [...new Set(imports)].sort();
}
