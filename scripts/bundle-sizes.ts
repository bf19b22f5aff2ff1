import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import { gzipSync } from 'node:zlib';

export interface BundleSize {
  /** Path under dist/widgets, such as `partner-powered-badge.js` or `chunks/runtime-1a2b3c4d.js`. */
  file: string;
  bytes: number;
  gzip: number;
}

/** Size of each embed file (entries, then chunks), minified and gzipped (level 9, as a CDN would serve it). */
export function bundleSizes(dir = 'dist/widgets'): BundleSize[] {
  const files = readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((file) => file.replaceAll('\\', '/'))
    .filter((file) => file.endsWith('.js'))
    .sort((a, b) => Number(a.includes('/')) - Number(b.includes('/')) || a.localeCompare(b));
  return files.map((file) => {
    const content = readFileSync(join(dir, file));
    return { file, bytes: content.length, gzip: gzipSync(content, { level: 9 }).length };
  });
}

/** The relative module specifiers a built file imports (`from"./chunks/x.js"`, `import"./y.js"`). */
const importsOf = (source: string): string[] => [...source.matchAll(/(?:\bfrom|\bimport)\s*["'](\.{1,2}\/[^"']+\.js)["']/g)].map((match) => match[1]!);

/** Every file a page with these entries loads: the entries and, once each, every file they import. */
export function pageFiles(entries: readonly string[], dir = 'dist/widgets'): string[] {
  const files = new Set<string>();
  const visit = (file: string) => {
    if (files.has(file)) return;
    files.add(file);
    for (const specifier of importsOf(readFileSync(join(dir, file), 'utf8')))
      visit(relative(dir, normalize(join(dir, dirname(file), specifier))).replaceAll('\\', '/'));
  };
  for (const entry of entries) visit(entry);
  return [...files].sort();
}

export interface PageBudget {
  page: string;
  /** The entry files the page's script tags load. */
  entries: string[];
  /** Bytes, gzip, of every file the page loads (DESIGN §8). */
  budget: number;
  /**
   * For a page known to be over its budget: the most it may weigh until it is brought under
   * (KNOWN_OVERRUNS). Growing past it fails like being over budget does.
   */
  ceiling?: number;
}

export const KB = 1024;

/**
 * Pages over their DESIGN §8 budget today, each with the bytes it weighs now (plus a few dozen)
 * as its ceiling, so none can grow while the work to bring it under is open (docs/PERFORMANCE.md §3 says where the
 * bytes go). Lower a ceiling whenever a page shrinks; delete its line once it is within budget.
 */
export const KNOWN_OVERRUNS: Record<string, number> = {};

/**
 * DESIGN §8: budgets are per page, gzip, Lit included: the badge alone ≤ 8 KB; badge + impact
 * card + live feed ≤ 20 KB; any one widget ≤ 15 KB.
 */
export function pageBudgets(dir = 'dist/widgets'): PageBudget[] {
  const tags = readdirSync(dir)
    .filter((file) => file.endsWith('.js') && file.includes('-') && file !== 'ecosystem-widgets.js')
    .map((file) => file.slice(0, -3))
    .sort();
  const pages: PageBudget[] = [
    { page: 'partner-powered-badge alone', entries: ['partner-powered-badge.js'], budget: 8 * KB },
    { page: 'badge + impact card + live feed', entries: ['partner-powered-badge.js', 'ecosystem-impact-card.js', 'live-business-feed.js'], budget: 20 * KB },
    ...tags.filter((tag) => tag !== 'partner-powered-badge').map((tag) => ({ page: `${tag} alone`, entries: [`${tag}.js`], budget: 15 * KB })),
  ];
  return pages.map((page) => {
    const ceiling = KNOWN_OVERRUNS[page.page];
    return ceiling === undefined ? page : { ...page, ceiling };
  });
}

/** How a page stands: within its budget, over it but not past its known ceiling, or failing. */
export function verdict(page: PageSize): 'within budget' | 'over budget (known, at most its ceiling)' | 'FAILS' {
  if (page.gzip <= page.budget) return 'within budget';
  return page.ceiling !== undefined && page.gzip <= page.ceiling ? 'over budget (known, at most its ceiling)' : 'FAILS';
}

export interface PageSize extends PageBudget {
  files: string[];
  gzip: number;
}

/** Each budgeted page's files and their gzip total (each file gzipped on its own, as served). */
export function pageSizes(dir = 'dist/widgets'): PageSize[] {
  const sizes = new Map(bundleSizes(dir).map((size) => [size.file, size.gzip]));
  return pageBudgets(dir).map((page) => {
    const files = pageFiles(page.entries, dir);
    return { ...page, files, gzip: files.reduce((sum, file) => sum + (sizes.get(file) ?? 0), 0) };
  });
}

export const kb = (bytes: number) => `${(bytes / KB).toFixed(2)} KB`;
