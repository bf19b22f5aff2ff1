// Widget tests in Debian's headless Chromium; no test tool downloads a browser of its own.
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher } from '@web/test-runner-chrome';
import { CHROME_PATH, CHROMIUM_ARGS } from './test/chromium.mjs';

export default {
  files: 'widgets/**/*.test.ts',
  nodeResolve: { exportConditions: ['development'] },
  plugins: [esbuildPlugin({ ts: true, tsconfig: new URL('./widgets/tsconfig.json', import.meta.url).pathname, target: 'es2022' })],
  browsers: [
    chromeLauncher({
      launchOptions: {
        executablePath: CHROME_PATH,
        headless: true,
        args: CHROMIUM_ARGS,
      },
    }),
  ],
  concurrency: 1,
  testFramework: { config: { timeout: 15000 } },
  testsFinishTimeout: 600000,
};
