/** Real headless Chromium (Debian's package) driven by playwright-core. */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { onCleanup } from '../helpers';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const SCREENSHOT_DIR = 'screenshots';

const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** A fresh browser profile (its own localStorage): one per simulated person, English unless `locale` says otherwise. */
export async function newContext(viewport = { width: 1280, height: 860 }, locale = 'en-US'): Promise<BrowserContext> {
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}: apt-get install -y chromium`);
  const dir = mkdtempSync(join(tmpdir(), 'draftroom-chromium-'));
  const context = await chromium.launchPersistentContext(dir, {
    executablePath: CHROMIUM,
    args: FLAGS,
    viewport,
    locale,
    permissions: ['clipboard-read', 'clipboard-write'],
  });
  onCleanup(async () => {
    await context.close();
    rmSync(dir, { recursive: true, force: true });
  });
  return context;
}

export async function newPage(viewport?: { width: number; height: number }, locale?: string): Promise<Page> {
  const context = await newContext(viewport, locale);
  const page = context.pages()[0] ?? (await context.newPage());
  page.setDefaultTimeout(10_000);
  return page;
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });
}
