// Every widget in one module: the all-in-one bundle and the package's main entry.
export * from './ecosystem-impact-card/define.ts';
