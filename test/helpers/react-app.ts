/**
 * A fresh React 19 app that installs the packed `ecosystem-widgets` tarball, type-checks its TSX
 * (test/fixtures/react-app) with the package's typings, and builds with Vite: what a customer's
 * project does. The same type check covers the package's Vue and Svelte declarations. The app reads `?api-base=`, `?app-id=` and `?session-url=` from its page, so a
 * browser test can serve the built directory from any origin against any server.
 *
 * React, react-dom, their types, Vite, TypeScript and Lit are installed at the versions the
 * repository itself has installed (root devDependencies), so npm finds them in its cache.
 */
import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const FIXTURE = join(ROOT, 'test', 'fixtures', 'react-app');
export const PACKAGE_DIR = join(ROOT, 'dist', 'package');

const exec = promisify(execFile);

// Only for type-checking the package's Vue and Svelte declarations (src/frameworks.ts): the
// repository has no use of its own for them.
const FRAMEWORK_TYPES = { svelte: '5.57.3', vue: '3.5.46' };

/** The version of a package installed in the repository. */
const installed = (name: string) => (JSON.parse(readFileSync(join(ROOT, 'node_modules', name, 'package.json'), 'utf8')) as { version: string }).version;

// Under `npm test` the environment describes the repository (its package, its folder as npm's
// local prefix): the inner npm keeps the user's settings (cache, registry) but not those.
const cleanEnv = () => Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^npm_(package_|lifecycle_|command$|config_local_prefix$)/.test(key)));

/** Runs a command in `cwd` and returns what it printed on stdout; a failure's error carries all its output. */
export async function run(command: string, args: string[], cwd: string): Promise<string> {
  try {
    return (await exec(command, args, { cwd, env: cleanEnv(), maxBuffer: 32 * 1024 * 1024 })).stdout;
  } catch (error) {
    const { stdout = '', stderr = '' } = error as { stdout?: string; stderr?: string };
    throw new Error(`${command} ${args.join(' ')} failed in ${cwd}:\n${stdout}\n${stderr}`);
  }
}

export interface PackedPackage {
  /** Path of the tarball. */
  tarball: string;
  /** Paths inside the package, sorted. */
  files: string[];
  /** Bytes of the tarball and of the unpacked files. */
  size: number;
  unpackedSize: number;
}

/** `npm pack` of dist/package (built by `npm run build`) into `destination`. */
export async function packWidgets(destination: string): Promise<PackedPackage> {
  const out = await run('npm', ['pack', PACKAGE_DIR, '--json', '--pack-destination', destination], ROOT);
  const [info] = JSON.parse(out) as { filename: string; size: number; unpackedSize: number; files: { path: string }[] }[];
  if (!info) throw new Error(`npm pack printed no result: ${out}`);
  return { tarball: join(destination, info.filename), files: info.files.map((f) => f.path).sort(), size: info.size, unpackedSize: info.unpackedSize };
}

export interface ReactApp {
  /** The project (its node_modules hold the installed package). */
  project: string;
  /** Vite's output: index.html and its assets. */
  dist: string;
  packed: PackedPackage;
  /** Packages npm installed into the project. */
  installedPackages: number;
  /** Removes the project and the tarball. */
  remove(): void;
}

/** Packs the widgets, installs them into a new React 19 + Vite project, type-checks it and builds it. */
export async function buildReactApp(): Promise<ReactApp> {
  const project = mkdtempSync(join(tmpdir(), 'ew-react-app-'));
  const remove = () => rmSync(project, { recursive: true, force: true });
  try {
    const packed = await packWidgets(project);
    cpSync(FIXTURE, project, { recursive: true });
    const app = {
      name: 'ecosystem-widgets-react-app',
      private: true,
      type: 'module',
      dependencies: {
        'ecosystem-widgets': `file:./${packed.tarball.slice(project.length + 1)}`,
        lit: installed('lit'),
        react: installed('react'),
        'react-dom': installed('react-dom'),
      },
      devDependencies: {
        '@types/react': installed('@types/react'),
        '@types/react-dom': installed('@types/react-dom'),
        typescript: installed('typescript'),
        ...FRAMEWORK_TYPES,
        vite: installed('vite'),
      },
    };
    writeFileSync(join(project, 'package.json'), `${JSON.stringify(app, null, 2)}\n`);
    await run('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--ignore-scripts', '--loglevel=error'], project);
    const installedPackages = (await run('npm', ['ls', '--all', '--parseable'], project)).trim().split('\n').length - 1;
    await run(join(project, 'node_modules', '.bin', 'tsc'), ['-p', 'tsconfig.json'], project);
    await run(join(project, 'node_modules', '.bin', 'vite'), ['build', '--logLevel', 'warn'], project);
    return { project, dist: join(project, 'dist'), packed, installedPackages, remove };
  } catch (error) {
    remove();
    throw error;
  }
}
