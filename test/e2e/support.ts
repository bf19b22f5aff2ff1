import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import type { DemoCredentials } from '../../server/seed/demo-credentials.ts';
import { CHROME_PATH, CHROMIUM_ARGS } from '../chromium.mjs';

export const launchBrowser = (): Promise<Browser> => chromium.launch({ executablePath: CHROME_PATH, headless: true, args: CHROMIUM_ARGS });

export interface RunningServer {
  base: string;
  adminToken: string;
  credentials: DemoCredentials;
  stop(): Promise<void>;
}

/**
 * The real server as a newcomer runs it (`server/main.ts`): embedded database in a fresh data
 * folder, demo data seeded on first run, a free port. It serves the built widgets from dist/.
 */
export async function startServer(): Promise<RunningServer> {
  const dir = mkdtempSync(join(tmpdir(), 'ew-e2e-'));
  const dataDir = join(dir, 'data');
  const adminToken = randomBytes(24).toString('hex');
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    env: {
      ...process.env,
      DATABASE_URL: '',
      REDIS_URL: '',
      PORT: '0',
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      ADMIN_TOKEN: adminToken,
      LOG_LEVEL: 'warn',
      NODE_ENV: 'development',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const base = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${output}`)), 120_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk;
      const match = /listening on (http:\/\/\S+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    });
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk));
    child.once('exit', (code) => reject(new Error(`server exited with ${code}:\n${output}`)));
  });
  const credentials = JSON.parse(readFileSync(`${dataDir}-demo-credentials.json`, 'utf8')) as DemoCredentials;
  return {
    base,
    adminToken,
    credentials,
    async stop() {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Collects what a page logs as an error, and uncaught exceptions. */
export function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
  // the console says "404" without the address; this says which one
  page.on('response', (response) => {
    if (response.status() >= 400) errors.push(`response: ${response.status()} ${response.url()}`);
  });
  return errors;
}

/** Waits until a widget shows data and returns the text of its shadow root. */
export async function widgetText(page: Page, selector: string, timeout = 10_000): Promise<string> {
  const element = page.locator(selector).first();
  await page
    .waitForFunction(
      (sel) => {
        const el = document.querySelector(sel);
        return el?.getAttribute('state') === 'data';
      },
      selector,
      { timeout },
    )
    .catch(async (error) => {
      const state = await element.getAttribute('state').catch(() => 'missing');
      throw new Error(`${selector} never showed data (state ${state}): ${(error as Error).message}`);
    });
  return element.evaluate((el) => (el.shadowRoot?.textContent ?? '').replace(/\s+/g, ' ').trim());
}

/** Signs a host page in through its form, as a user would. */
export async function signIn(page: Page, secret: string): Promise<void> {
  await page.locator('form.sign-in input').fill(secret);
  await page.locator('form.sign-in button[type="submit"]').click();
}

export async function api<T = any>(base: string, path: string, token?: string, init: { method?: string; body?: unknown } = {}): Promise<T> {
  const response = await fetch(`${base}${path}`, {
    method: init.method ?? 'GET',
    headers: { ...(token ? { Authorization: `Bearer ${token}` } : {}), ...(init.body ? { 'Content-Type': 'application/json' } : {}) },
    ...(init.body ? { body: JSON.stringify(init.body) } : {}),
  });
  const body = await response.json();
  if (!response.ok) throw new Error(`${path}: ${response.status} ${JSON.stringify(body)}`);
  return body as T;
}

export const count = (value: number) => new Intl.NumberFormat('en').format(value);
export const money = (amount: string) => new Intl.NumberFormat('en', { style: 'currency', currency: 'USD' }).format(amount as Intl.StringNumericLiteral);
