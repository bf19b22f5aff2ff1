// The custom-elements manifest is read from the widgets' JSDoc (tags, attributes, events, parts,
// custom properties); Storybook's docs and editors read the manifest. The base classes are read
// too, so every element inherits what they document once (api-base, locale, timeout, data, state,
// the common parts and custom properties; fetchSession for the authenticated elements).
export default {
  globs: ['widgets/*-*/*.ts', 'widgets/internal/ecosystem-element.ts', 'widgets/internal/authenticated-element.ts'],
  exclude: [
    'widgets/**/*.test.ts',
    'widgets/**/*.fixtures.ts',
    'widgets/**/*.styles.ts',
    'widgets/**/*.messages.ts',
    'widgets/**/*.api.ts',
    'widgets/**/*.ssr.ts',
  ],
  outdir: '.',
  litelement: true,
  plugins: [internalState()],
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
      for (const mod of customElementsManifest.modules) {
        for (const declaration of mod.declarations ?? []) {
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
      }
    },
  };
}
