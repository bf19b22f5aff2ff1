import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, normalize } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { Declaration, Manifest } from '../scripts/element-types.ts';
import { buildReactApp, PACKAGE_DIR, type PackedPackage, packWidgets, type ReactApp } from './helpers/react-app.ts';

/**
 * The `ecosystem-widgets` npm package as `npm run build` leaves it in dist/package: its manifest
 * against the sources, `npm pack`'s contents, and a React 19 + Vite app that installs the tarball.
 * (Each element's runtime `observedAttributes` are compared with the manifest in a browser:
 * widgets/package-manifest.test.ts.)
 */
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const WIDGETS = join(ROOT, 'widgets');
const read = (path: string) => readFileSync(path, 'utf8');

assert.ok(existsSync(join(PACKAGE_DIR, 'package.json')), 'dist/package is missing: run `npm run build` first');
const manifest = JSON.parse(read(join(PACKAGE_DIR, 'custom-elements.json'))) as Manifest;
const TAGS = readdirSync(WIDGETS)
  .filter((name) => name.includes('-') && existsSync(join(WIDGETS, name, 'define.ts')))
  .sort();

const elements = manifest.modules.flatMap((mod) => (mod.declarations ?? []).filter((d) => d.tagName).map((declaration) => ({ mod, declaration })));
const elementOf = (tag: string) => {
  const found = elements.find((e) => e.declaration.tagName === tag);
  assert.ok(found, `no manifest entry for <${tag}>`);
  return found;
};
/** The source of a shipped module path (`x/y.js` → widgets/x/y.ts). */
const sourceOf = (path: string) => join(WIDGETS, path.replace(/\.js$/, '.ts'));

/** The source files a module runs, following its relative value imports (type-only imports erase). */
function moduleGraph(entry: string, seen = new Set<string>()): Set<string> {
  if (seen.has(entry)) return seen;
  seen.add(entry);
  // static imports, side-effect imports, and modules loaded on demand (`import('./x.ts')`)
  for (const [, from, bare, lazy] of read(entry).matchAll(
    /^(?:import|export)\s+(?!type\s)[^;]*?from\s+'(\.{1,2}\/[^']+)'|^import\s+'(\.{1,2}\/[^']+)'|(?<!typeof )\bimport\(\s*'(\.{1,2}\/[^']+)'\s*\)/gms,
  )) {
    const specifier = from ?? bare ?? lazy;
    if (specifier) moduleGraph(normalize(join(dirname(entry), specifier)), seen);
  }
  return seen;
}

/** The events a source file dispatches: every dispatch goes through `emit(this | host, 'name', …)`. */
function emitted(file: string): string[] {
  const source = read(file);
  // the element itself (`this`) or, in a module it loads, the element handed to it (`host`)
  const names = [...source.matchAll(/\bemit\(\s*(?:this|host)\s*,\s*'([a-z-]+)'/g)].map((m) => m[1]!);
  const calls = [...source.matchAll(/\bemit\(/g)].length - [...source.matchAll(/function emit\(/g)].length;
  assert.equal(names.length, calls, `${file}: an emit() call this test cannot read`);
  return names;
}

describe('custom-elements.json', () => {
  it('lists every element once, defined by its define module', () => {
    assert.deepEqual(elements.map((e) => e.declaration.tagName).sort(), TAGS);
    for (const tag of TAGS) {
      const define = manifest.modules.find((mod) => mod.path === `${tag}/define.js`);
      const definition = define?.exports?.find((entry) => entry.kind === 'custom-element-definition');
      assert.deepEqual(definition, {
        kind: 'custom-element-definition',
        name: tag,
        declaration: { name: elementOf(tag).declaration.name, module: elementOf(tag).mod.path },
      });
    }
  });

  it('names shipped modules: each a .js file of the package with its .d.ts beside it', () => {
    const paths = new Set<string>();
    for (const mod of manifest.modules) {
      paths.add(mod.path);
      for (const entry of mod.exports ?? []) if (entry.declaration.module) paths.add(entry.declaration.module);
      for (const declaration of mod.declarations ?? []) {
        const d = declaration as Declaration & { superclass?: { module?: string } };
        if (d.superclass?.module) paths.add(d.superclass.module);
      }
    }
    for (const path of paths) {
      assert.match(path, /^[a-z-]+\/[a-z.-]+\.js$/, path);
      assert.ok(existsSync(join(PACKAGE_DIR, path)), `${path} is not in the package`);
      assert.ok(existsSync(join(PACKAGE_DIR, path.replace(/\.js$/, '.d.ts'))), `${path} has no declarations`);
    }
  });

  it("lists each element's public properties, inherited ones included, and nothing internal", () => {
    for (const tag of TAGS) {
      const { mod, declaration } = elementOf(tag);
      const members = declaration.members ?? [];
      // the element's class and its base classes, as the manifest chains them
      const chain: string[] = [sourceOf(mod.path)];
      let superclass = (declaration as { superclass?: { name: string; module?: string } }).superclass;
      while (superclass?.module && !chain.includes(sourceOf(superclass.module))) {
        chain.push(sourceOf(superclass.module));
        const { name, module } = superclass;
        const base = manifest.modules.find((m) => m.path === module)?.declarations?.find((d) => d.name === name);
        assert.ok(base, `<${tag}>: its base class ${name} (${module}) is not in the manifest`);
        superclass = (base as { superclass?: { name: string; module?: string } }).superclass;
      }
      for (const file of chain) {
        const source = read(file);
        for (const [, name] of source.matchAll(/^ {2}declare (\w+)[?!]?:/gm)) {
          assert.ok(
            members.some((m) => m.name === name),
            `<${tag}>: public property ${name} (${file}) is missing`,
          );
        }
        // Lit's internal reactive state and private or protected members stay out
        const hidden = [
          ...[...source.matchAll(/^ {4}(\w+): \{[^}]*\bstate: true/gm)].map((m) => m[1]!),
          ...[...source.matchAll(/^ {2}(?:declare )?(?:private|protected) (?:readonly |override |get |abstract )*(\w+)/gm)].map((m) => m[1]!),
        ];
        for (const name of hidden) {
          assert.ok(!members.some((m) => m.name === name), `<${tag}>: internal ${name} is listed`);
          assert.ok(!(declaration.attributes ?? []).some((a) => a.fieldName === name), `<${tag}>: internal ${name} is listed as an attribute`);
        }
      }
      for (const member of members) {
        assert.ok((member.privacy ?? 'public') === 'public' && !member.static && !/^_|_$/.test(member.name), `<${tag}>: ${member.name} is not public API`);
      }
      for (const name of ['apiBase', 'locale', 'timeout', 'data'])
        assert.ok(
          members.some((m) => m.name === name),
          `<${tag}>: ${name}`,
        );
      for (const name of ['api-base', 'locale', 'timeout'])
        assert.ok(
          declaration.attributes?.some((a) => a.name === name),
          `<${tag}>: [${name}]`,
        );
      assert.ok(
        declaration.cssParts?.some((p) => p.name === 'base'),
        `<${tag}>: ::part(base)`,
      );
      assert.ok(
        declaration.cssProperties?.some((p) => p.name === '--ew-color-accent'),
        `<${tag}>: --ew-color-accent`,
      );
    }
  });

  it('lists exactly the events each element dispatches, typed as HTMLElementEventMap declares them', () => {
    for (const tag of TAGS) {
      const { mod, declaration } = elementOf(tag);
      const dispatched = new Set([...moduleGraph(sourceOf(mod.path))].flatMap(emitted));
      assert.deepEqual(new Set(declaration.events?.map((e) => e.name)), dispatched, `<${tag}>`);
      const eventMap = read(join(WIDGETS, tag, 'define.ts'));
      for (const event of declaration.events ?? []) {
        assert.match(event.type?.text ?? '', /^CustomEvent<.+>$/, `<${tag}> ${event.name}`);
        assert.ok(eventMap.includes(`'${event.name}': ${event.type?.text}`.split('<')[0]!), `<${tag}> ${event.name} in HTMLElementEventMap`);
      }
    }
  });

  it('leaves no other way to dispatch an event than emit()', () => {
    const files = readdirSync(WIDGETS, { recursive: true, encoding: 'utf8' }).filter(
      (file) => file.endsWith('.ts') && !/\.(test|fixtures)\.ts$|^testing\/|internal\/emit\.ts$/.test(file),
    );
    for (const file of files) assert.doesNotMatch(read(join(WIDGETS, file)), /dispatchEvent\(|new CustomEvent\(/, file);
  });

  it('has an HTMLElementTagNameMap entry for every tag in the shipped declarations', () => {
    for (const tag of TAGS) {
      const declarations = read(join(PACKAGE_DIR, tag, 'define.d.ts'));
      assert.match(declarations, new RegExp(`interface HTMLElementTagNameMap \\{\\s*'${tag}': ${elementOf(tag).declaration.name};`), tag);
    }
  });
});

describe('generated typings and editor data', () => {
  it('declare every element for React, Vue and Svelte', () => {
    const typings = {
      react: /namespace JSX \{\s*interface IntrinsicElements \{([^}]*)\}/,
      vue: /interface GlobalComponents \{([^}]*)\}/,
      svelte: /namespace svelteHTML \{\s*interface IntrinsicElements \{([^}]*)\}/,
    };
    for (const [name, block] of Object.entries(typings)) {
      const body = block.exec(read(join(PACKAGE_DIR, 'types', `${name}.d.ts`)))?.[1] ?? '';
      assert.deepEqual(
        [...body.matchAll(/^\s*'([a-z-]+)':/gm)].map((m) => m[1]),
        TAGS,
        name,
      );
    }
  });

  it("give VS Code every element's attributes, custom properties and parts", () => {
    const html = JSON.parse(read(join(PACKAGE_DIR, 'vscode.html-custom-data.json'))) as { tags: { name: string; attributes: { name: string }[] }[] };
    const css = JSON.parse(read(join(PACKAGE_DIR, 'vscode.css-custom-data.json'))) as { properties: { name: string }[]; pseudoElements: { name: string }[] };
    assert.deepEqual(
      html.tags.map((t) => t.name),
      TAGS,
    );
    for (const tag of html.tags) {
      const { declaration } = elementOf(tag.name);
      assert.deepEqual(
        tag.attributes.map((a) => a.name),
        (declaration.attributes ?? []).map((a) => a.name),
      );
      for (const property of declaration.cssProperties ?? [])
        assert.ok(
          css.properties.some((p) => p.name === property.name),
          property.name,
        );
      for (const part of declaration.cssParts ?? [])
        assert.ok(
          css.pseudoElements.some((p) => p.name === `::part(${part.name})`),
          part.name,
        );
    }
  });
});

describe('npm pack', () => {
  let tmp: string;
  let packed: PackedPackage;
  before(async () => {
    tmp = mkdtempSync(join(tmpdir(), 'ew-pack-'));
    packed = await packWidgets(tmp);
  });
  after(() => rmSync(tmp, { recursive: true, force: true }));

  it('ships the built modules, their declarations, the manifest, the typings, README and LICENSE only', () => {
    for (const file of packed.files) {
      assert.match(
        file,
        /^(package\.json|README\.md|LICENSE|custom-elements\.json|vscode\.(html|css)-custom-data\.json|types\/(react|vue|svelte)\.d\.ts|([a-z-]+\/)?[a-z0-9.-]+\.(js|d\.ts))$/,
        file,
      );
      if (file.endsWith('.js')) assert.ok(packed.files.includes(file.replace(/\.js$/, '.d.ts')), `${file} without declarations`);
    }
    for (const tag of TAGS) for (const file of [`${tag}/define.js`, `${tag}/define.d.ts`, `${tag}/${tag}.js`]) assert.ok(packed.files.includes(file), file);
    for (const file of ['index.js', 'index.d.ts', 'LICENSE', 'README.md', 'custom-elements.json', 'types/react.d.ts'])
      assert.ok(packed.files.includes(file), file);
    assert.ok(!packed.files.some((f) => f.startsWith('server/') || f.endsWith('.map') || /(?<!\.d)\.ts$/.test(f)));
  });

  it('depends on nothing but Lit, as a peer (and optional peers only a server-side entry imports)', () => {
    const pkg = JSON.parse(read(join(PACKAGE_DIR, 'package.json'))) as Record<string, unknown> & {
      peerDependencies: Record<string, string>;
      peerDependenciesMeta?: Record<string, { optional?: boolean }>;
    };
    assert.equal(pkg.name, 'ecosystem-widgets');
    assert.equal(pkg.license, 'MIT');
    assert.equal(pkg.private, undefined);
    for (const field of ['dependencies', 'optionalDependencies', 'bundleDependencies', 'devDependencies', 'scripts'])
      assert.equal(pkg[field], undefined, field);
    assert.equal(pkg.peerDependencies.lit, '^3');
    const optional = Object.keys(pkg.peerDependencies).filter((name) => name !== 'lit');
    for (const name of optional) assert.equal(pkg.peerDependenciesMeta?.[name]?.optional, true, `${name} is a required peer`);
    // and the code imports nothing else
    const allowed = (specifier: string) =>
      specifier.startsWith('.') || ['lit', ...optional].some((name) => specifier === name || specifier.startsWith(`${name}/`));
    for (const file of packed.files.filter((f) => f.endsWith('.js') || f.endsWith('.d.ts'))) {
      const code = read(join(PACKAGE_DIR, file));
      const specifiers = [
        ...code.matchAll(/^(?:import|export)\b[^;'"]*?\bfrom\s*['"]([^'"]+)['"]/gm), // imports and re-exports
        ...code.matchAll(/^import\s*['"]([^'"]+)['"]/gm), // side-effect imports
        ...code.matchAll(/\bimport\(\s*['"]([^'"]+)['"]\s*\)/g), // dynamic imports and import types
      ];
      for (const [, specifier] of specifiers) {
        if (file.startsWith('types/') && ['react', 'vue', 'svelte/elements'].includes(specifier!)) continue; // the opt-in framework typings
        assert.ok(allowed(specifier!), `${file} imports ${specifier}`);
      }
    }
  });

  it('exports each element by tag, types first, to files it ships', () => {
    const pkg = JSON.parse(read(join(PACKAGE_DIR, 'package.json'))) as { exports: Record<string, string | Record<string, string>>; sideEffects: string[] };
    for (const tag of TAGS) assert.deepEqual(pkg.exports[`./${tag}`], { types: `./${tag}/define.d.ts`, default: `./${tag}/define.js` });
    for (const target of Object.values(pkg.exports).flatMap((t) => (typeof t === 'string' ? [t] : Object.values(t)))) {
      assert.ok(target === './package.json' || packed.files.includes(target.slice(2)), target);
    }
    assert.ok(pkg.sideEffects.includes('./index.js') && pkg.sideEffects.includes('./*/define.js'), String(pkg.sideEffects));
    for (const entry of pkg.sideEffects.filter((e) => !e.includes('*'))) assert.ok(packed.files.includes(entry.slice(2)), entry);
  });
});

describe('a React 19 app installing the packed package', () => {
  let app: ReactApp;
  before(async () => {
    app = await buildReactApp();
  });
  after(() => app?.remove());

  it('type-checks its TSX with the JSX types and builds with Vite', () => {
    // buildReactApp throws with tsc's or Vite's output when either fails
    const page = read(join(app.dist, 'index.html'));
    const script = /<script type="module"[^>]* src="\/(assets\/[^"]+\.js)"/.exec(page)?.[1];
    assert.ok(script, page);
    const bundle = read(join(app.dist, script));
    for (const tag of ['partner-powered-badge', 'ecosystem-impact-card', 'developer-ecosystem-tab']) assert.ok(bundle.includes(tag), tag);
  });

  it('installs the package without dependencies of its own', () => {
    const installed = JSON.parse(read(join(app.project, 'node_modules', 'ecosystem-widgets', 'package.json'))) as { dependencies?: object };
    assert.equal(installed.dependencies, undefined);
    assert.ok(!existsSync(join(app.project, 'node_modules', 'express')) && !existsSync(join(app.project, 'node_modules', 'knex')));
  });
});
