import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { sql } from 'kysely';
import { addDays, localDateOf } from '@parley/protocol';
import { startTestApp, type TestApp } from '../packages/server/test/harness.js';
import { loadSeed } from '../packages/server/src/seed/load.js';

export { ADMIN } from '../packages/server/test/harness.js';

/** Debian's Chromium with the flags this machine needs (no downloads, no background network). */
export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export const SCREENSHOTS = path.resolve(import.meta.dirname, 'screenshots');

/** Saves a full-page screenshot under e2e/screenshots/<name>.png (look at them). */
export async function shot(page: Page, name: string): Promise<void> {
  await mkdir(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

export type E2E = {
  app: TestApp;
  browser: Browser;
  /** A new browser context (its own cookies) with a page on the app. */
  newPage(opts?: {
    viewport?: { width: number; height: number };
  }): Promise<{ context: BrowserContext; page: Page }>;
  /** Signs in through the login page. */
  login(page: Page, email: string, password: string): Promise<void>;
  close(): Promise<void>;
};

/** The real app (built web app and widget, fresh database) on a random port, and Chromium. */
export async function startE2E(env: Record<string, string> = {}): Promise<E2E> {
  const app = await startTestApp(env);
  const browser = await launchBrowser();
  const contexts: BrowserContext[] = [];
  return {
    app,
    browser,
    async newPage(opts = {}) {
      const context = await browser.newContext({
        baseURL: app.url,
        viewport: opts.viewport ?? { width: 1280, height: 800 },
      });
      contexts.push(context);
      const page = await context.newPage();
      return { context, page };
    },
    async login(page, email, password) {
      await page.goto('/login');
      await page.getByLabel('Email', { exact: true }).fill(email);
      await page.getByLabel('Password', { exact: true }).fill(password);
      await page.getByRole('button', { name: 'Login' }).click();
      await page.waitForURL((url) => !url.pathname.startsWith('/login'));
    },
    async close() {
      for (const c of contexts) await c.close().catch(() => {});
      await browser.close();
      await app.close();
    },
  };
}

/**
 * Sample data (the seed generator) in the Demo account: `chats` chats over the two weeks ending today in
 * Europe/Amsterdam, set as the account's time zone. Returns that period. Loads once per app.
 */
export async function seedStatistics(e: E2E, chats = 300): Promise<{ from: string; to: string }> {
  const TZ = 'Europe/Amsterdam';
  const now = new Date();
  const to = localDateOf(now, TZ);
  const from = addDays(to, -13);
  if (!seeded.has(e)) {
    seeded.add(e);
    const { db, kind } = e.app.runtime.database;
    const accountId = e.app.admin.me!.account.id;
    await sql`update accounts set time_zone = ${TZ} where id = ${accountId}`.execute(db);
    await loadSeed(
      db,
      { accountId, timeZone: TZ, chats, days: 14, lastDate: to, now, seed: 'e2e', passwordHash: 'unusable' },
      undefined,
      kind,
    );
  }
  return { from, to };
}
const seeded = new WeakSet<E2E>();
