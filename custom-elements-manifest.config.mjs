// The custom-elements manifest is read from the widgets' JSDoc (tags, attributes, events, parts,
// custom properties); Storybook's docs and editors read the manifest.
export default {
  globs: ['widgets/*-*/*.ts'],
  exclude: ['widgets/**/*.test.ts', 'widgets/**/*.fixtures.ts', 'widgets/**/*.styles.ts'],
  outdir: '.',
  litelement: true,
};
