import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

export interface BundleSize {
  file: string;
  bytes: number;
  gzip: number;
}

/** Size of each embed bundle, minified and gzipped (level 9, as a CDN would serve it). */
export function bundleSizes(dir = 'dist/widgets'): BundleSize[] {
  return readdirSync(dir)
    .filter((file) => file.endsWith('.js'))
    .sort()
    .map((file) => {
      const content = readFileSync(join(dir, file));
      return { file, bytes: content.length, gzip: gzipSync(content, { level: 9 }).length };
    });
}

export const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
