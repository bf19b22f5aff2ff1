// The custom-elements manifest is read from the widgets' JSDoc (tags, attributes, events, parts,
// custom properties); Storybook's docs, editors and the package's generated typings
// (scripts/element-types.ts) read it. The base classes are read too, so every element inherits
// what they document once (api-base, locale, timeout, data, state, the common parts and custom
// properties; fetchSession for the signed-in elements). It is written into the npm package
// (dist/package), so its paths name the shipped `.js` modules (each with its `.d.ts` beside it),
// and it lists public API only.
export default {
  // the base classes (`*-element.ts`) are read for what the elements inherit
  globs: ['widgets/*-*/*.ts', 'widgets/internal/*-element.ts'],
  exclude: [
    'widgets/**/*.test.ts',
    'widgets/**/*.fixtures.ts',
    'widgets/**/*.styles.ts',
    'widgets/**/*.messages.ts',
    'widgets/**/*.api.ts',
    'widgets/**/*.ssr.ts',
  ],
  outdir: 'dist/package',
  packagejson: false, // the package's package.json is written by scripts/widgets-package.ts
  litelement: true,
  plugins: [internalState(), publicOnly(), eventTypes(), definitions(), shippedPaths()],
};

/**
 * Lit's internal reactive state (`static properties = { x: { state: true } }`) is neither an
 * attribute nor public API, but the analyzer's Lit support lists it as an attribute: drop those.
 */
function internalState() {
  const states = new Map(); // class name → names of its state properties
  return {
    name: 'ecosystem-internal-state',
    analyzePhase({ ts, node }) {
      if (!ts.isClassDeclaration(node) || !node.name) return;
      for (const member of node.members) {
        const isStatic = member.modifiers?.some((m) => m.kind === ts.SyntaxKind.StaticKeyword);
        if (!isStatic || member.name?.getText() !== 'properties' || !member.initializer || !ts.isObjectLiteralExpression(member.initializer)) continue;
        const names = member.initializer.properties
          .filter((p) => ts.isPropertyAssignment(p) && ts.isObjectLiteralExpression(p.initializer))
          .filter((p) => p.initializer.properties.some((o) => o.name?.getText() === 'state' && o.initializer?.kind === ts.SyntaxKind.TrueKeyword))
          .map((p) => p.name.getText());
        states.set(node.name.getText(), new Set(names));
      }
    },
    packageLinkPhase({ customElementsManifest }) {
      for (const declaration of declarations(customElementsManifest)) {
        const names = states.get(declaration.name);
        if (!names?.size) continue;
        declaration.attributes = declaration.attributes?.filter((a) => !names.has(a.fieldName ?? a.name));
        for (const member of declaration.members ?? []) {
          if (names.has(member.name)) {
            member.privacy = 'private';
            delete member.attribute;
          }
        }
      }
    },
  };
}

// The reactive-controller host API: LitElement's own (not listed for the Lit elements), which the
// badge's small element layer implements to stay Lit-compatible.
const CONTROLLER_HOST = new Set(['addController', 'removeController', 'requestUpdate', 'updateComplete']);

/**
 * Only what a page may use: private, protected and static members, `_`-marked helpers and the
 * controller-host plumbing are dropped. Attributes documented with `@attr` on an element that
 * handles them itself (the badge) are linked to their property by name.
 */
function publicOnly() {
  const isInternal = (member) =>
    member.privacy === 'private' ||
    member.privacy === 'protected' ||
    member.static ||
    member.name.startsWith('_') ||
    member.name.startsWith('#') ||
    member.name.endsWith('_') ||
    CONTROLLER_HOST.has(member.name);
  const camel = (attribute) => attribute.replace(/-([a-z])/g, (_, c) => c.toUpperCase());
  return {
    name: 'ecosystem-public-only',
    packageLinkPhase({ customElementsManifest }) {
      for (const declaration of declarations(customElementsManifest)) {
        declaration.members = declaration.members?.filter((member) => !isInternal(member));
        for (const attribute of declaration.attributes ?? []) {
          const field = declaration.members?.find((m) => m.kind === 'field' && m.name === (attribute.fieldName ?? camel(attribute.name)));
          if (!field) continue;
          attribute.fieldName = field.name;
          field.attribute = attribute.name;
        }
      }
    },
  };
}

/**
 * `@fires` gives an event's name and description; its type is declared once, in the element's
 * `HTMLElementEventMap` entry (define.ts), and copied from there.
 */
function eventTypes() {
  const types = new Map(); // event name → type text
  return {
    name: 'ecosystem-event-types',
    analyzePhase({ ts, node }) {
      if (!ts.isInterfaceDeclaration(node) || node.name.text !== 'HTMLElementEventMap') return;
      for (const member of node.members) {
        if (ts.isPropertySignature(member) && member.type && ts.isStringLiteral(member.name)) types.set(member.name.text, member.type.getText());
      }
    },
    packageLinkPhase({ customElementsManifest }) {
      for (const declaration of declarations(customElementsManifest)) {
        for (const event of declaration.events ?? []) {
          const text = types.get(event.name);
          if (text) event.type = { text: text.replace(/\s+/g, ' ') };
        }
      }
    },
  };
}

/**
 * Tags are registered through `define(tag, Class)` (widgets/internal/define.ts), which the analyzer
 * does not read: record each define module's `custom-element-definition` export. The manifest
 * then keeps the element modules (their element classes only), the define modules (their
 * definitions and the classes they re-export; the re-exported types are no JavaScript) and the
 * base classes; helpers of an element's own module are not API.
 */
function definitions() {
  const defined = new Map(); // module path → [{ tag, className }]
  return {
    name: 'ecosystem-definitions',
    analyzePhase({ ts, node, moduleDoc }) {
      if (!ts.isCallExpression(node) || !ts.isIdentifier(node.expression) || node.expression.text !== 'define') return;
      const [tag, element] = node.arguments;
      if (!tag || !element || !ts.isStringLiteral(tag) || !ts.isIdentifier(element)) return;
      defined.set(moduleDoc.path, [...(defined.get(moduleDoc.path) ?? []), { tag: tag.text, className: element.text }]);
    },
    packageLinkPhase({ customElementsManifest }) {
      // the elements and the base classes they extend, by name → their module's path
      const all = [...declarations(customElementsManifest)];
      const bases = new Set(all.map((d) => d.superclass?.name).filter(Boolean));
      const kept = (declaration) => declaration.kind === 'class' && (declaration.customElement || bases.has(declaration.name));
      const classes = new Map();
      for (const mod of customElementsManifest.modules) {
        for (const declaration of mod.declarations ?? []) if (kept(declaration)) classes.set(declaration.name, mod.path);
      }
      // a base the manifest does not describe (a local alias such as `const Base = HTMLElement`)
      // would be a dangling reference: such an element inherits nothing documented
      for (const declaration of all) {
        if (declaration.superclass?.module && !classes.has(declaration.superclass.name)) delete declaration.superclass;
      }
      customElementsManifest.modules = customElementsManifest.modules.filter((mod) => {
        mod.declarations = mod.declarations?.filter(kept);
        // a re-exported class is declared in its own module, not in the one re-exporting it
        mod.exports = mod.exports
          ?.filter((entry) => classes.has(entry.declaration.name))
          .map((entry) => ({ ...entry, declaration: { name: entry.declaration.name, module: classes.get(entry.declaration.name) } }));
        for (const { tag, className } of defined.get(mod.path) ?? []) {
          mod.exports.push({ kind: 'custom-element-definition', name: tag, declaration: { name: className, module: classes.get(className) } });
        }
        return mod.exports.length > 0;
      });
    },
  };
}

/** Module paths as published: `widgets/x/y.ts` → `x/y.js`. */
function shippedPaths() {
  const shipped = (path) => path.replace(/^\/?widgets\//, '').replace(/\.ts$/, '.js');
  const fix = (reference) => {
    if (reference?.module) reference.module = shipped(reference.module);
  };
  return {
    name: 'ecosystem-shipped-paths',
    packageLinkPhase({ customElementsManifest }) {
      for (const mod of customElementsManifest.modules) {
        mod.path = shipped(mod.path);
        for (const entry of mod.exports ?? []) fix(entry.declaration);
        for (const declaration of mod.declarations ?? []) {
          fix(declaration.superclass);
          for (const list of [
            declaration.members,
            declaration.attributes,
            declaration.events,
            declaration.cssParts,
            declaration.cssProperties,
            declaration.slots,
          ]) {
            for (const item of list ?? []) fix(item.inheritedFrom);
          }
        }
      }
    },
  };
}

function* declarations(manifest) {
  for (const mod of manifest.modules) yield* mod.declarations ?? [];
}
