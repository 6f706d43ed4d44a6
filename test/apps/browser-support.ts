/**
 * Debian's chromium through playwright-core for the apps' browser tests: launch flags, the two screen
 * sizes the apps are checked at, logging in, and screenshots under `.onego/screenshots/` (gitignored) for
 * a person to look at.
 */
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import type { DemoUser } from './apps-test-bed';

/** Debian's chromium, or another one named in ONEGO_CHROMIUM (npm test checks it is there first). */
const CHROMIUM = process.env.ONEGO_CHROMIUM || '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** Desktop and phone (iPhone 14 size). */
export const DESKTOP = { width: 1440, height: 900 };
export const PHONE = { width: 390, height: 844 };

/** Where screenshots go. */
export const SCREENSHOT_DIR = fileURLToPath(new URL('../../.onego/screenshots/', import.meta.url));

/** A browser with one page at desktop size; `close()` removes its profile. */
export interface TestBrowser {
  page: Page;
  context: BrowserContext;
  close(): Promise<void>;
}

/** Launch chromium with a fresh profile. */
export async function launchBrowser(): Promise<TestBrowser> {
  const userDataDir = await mkdtemp(join(tmpdir(), 'onego-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, { executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS, viewport: DESKTOP, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  const page = context.pages()[0] ?? (await context.newPage());
  page.setDefaultTimeout(15_000);
  return {
    page,
    context,
    async close() {
      await context.close();
      await rm(userDataDir, { recursive: true, force: true });
    },
  };
}

/** Open `url` and log in as `user` on the app's login form. */
export async function logIn(page: Page, url: string, user: DemoUser): Promise<void> {
  await page.goto(url);
  await page.fill('#username', user.username);
  await page.fill('#password', user.password);
  await page.click('form.login button[type=submit]');
}

/** Save a full-page screenshot as `<name>.png`; returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  await mkdir(SCREENSHOT_DIR, { recursive: true });
  const path = join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

/**
 * Waits until the list shows exactly `count` task rows. Locators rather than a string predicate: the apps' CSP
 * (`script-src 'self'`) forbids the eval a string predicate of `waitForFunction` needs.
 */
export async function taskRowCount(page: Page, count: number): Promise<void> {
  const rows = page.locator('tr[data-task]');
  await rows.nth(count).waitFor({ state: 'detached' });
  if (count > 0) await rows.nth(count - 1).waitFor();
}
