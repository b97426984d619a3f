/**
 * Browser-test plumbing: builds the client once, boots a real game server in-process on a free
 * port (serving client/dist), launches Debian's Chromium through playwright-core, and records
 * console errors so any of them fails the test.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { build } from 'vite';
import { createGameServer, type GameServer } from '../../server/app.js';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const SHOTS = join(ROOT, 'test-results');
/**
 * Playwright's default ceiling for every wait on a page (selectors, functions, navigations). Tests
 * wait for what the page shows; this only guards against a hang, and is generous because a loaded
 * machine (load ~17 on 2 cores) renders many times slower than a quiet one.
 */
export const BROWSER_WAIT_CEILING_MS = 90_000;
const CLIENT_DIST = join(ROOT, 'client', 'dist');

const LOCK = join(ROOT, 'client', '.build-lock');

/** Newest modification time under the sources the bundle is made of. */
function newestSourceMs(): number {
  let newest = 0;
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, entry.name);
      if (entry.isDirectory()) walk(p);
      else newest = Math.max(newest, statSync(p).mtimeMs);
    }
  };
  for (const dir of ['client/src', 'shared']) walk(join(ROOT, dir));
  for (const f of ['client/index.html', 'client/vite.config.ts']) newest = Math.max(newest, statSync(join(ROOT, f)).mtimeMs);
  return newest;
}

/**
 * Builds client/dist unless it is newer than every source. Test files run in parallel workers, so a
 * lock directory makes the second one wait for the first build instead of racing it.
 * `BC_SKIP_BUILD=1` reuses whatever client/dist holds.
 */
export async function buildClient(): Promise<void> {
  if (process.env.BC_SKIP_BUILD === '1') return;
  const started = Date.now();
  for (;;) {
    try {
      mkdirSync(LOCK);
      break;
    } catch {
      // A lock older than five minutes is from a killed run.
      if (existsSync(LOCK) && Date.now() - statSync(LOCK).mtimeMs > 300_000) rmSync(LOCK, { recursive: true, force: true });
      if (Date.now() - started > 300_000) throw new Error('timed out waiting for another client build');
      await new Promise((r) => setTimeout(r, 250));
    }
  }
  try {
    const index = join(CLIENT_DIST, 'index.html');
    if (existsSync(index) && statSync(index).mtimeMs > newestSourceMs()) return;
    await build({ configFile: join(ROOT, 'client', 'vite.config.ts'), logLevel: 'error' });
  } finally {
    rmSync(LOCK, { recursive: true, force: true });
  }
}

export interface Harness {
  server: GameServer;
  browser: Browser;
  url: string;
  /** Console errors and page errors seen so far, per page label. */
  errors: string[];
  newPage(label: string, viewport?: { width: number; height: number }): Promise<{ context: BrowserContext; page: Page }>;
  close(): Promise<void>;
}

export async function startHarness(): Promise<Harness> {
  await buildClient();
  mkdirSync(SHOTS, { recursive: true });
  const dataDir = mkdtempSync(join(tmpdir(), 'bc-browser-'));
  const server = await createGameServer({ port: 0, dataDir, clientDir: CLIENT_DIST, logLevel: 'warn' });
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  const errors: string[] = [];
  const url = `http://127.0.0.1:${server.port}/`;
  return {
    server,
    browser,
    url,
    errors,
    async newPage(label, viewport = { width: 1280, height: 720 }) {
      const context = await browser.newContext({ viewport });
      context.setDefaultTimeout(BROWSER_WAIT_CEILING_MS);
      context.setDefaultNavigationTimeout(BROWSER_WAIT_CEILING_MS);
      const page = await context.newPage();
      page.on('console', (m) => {
        if (m.type() === 'error') errors.push(`[${label}] console: ${m.text()}`);
      });
      page.on('pageerror', (e) => errors.push(`[${label}] page: ${e.message}`));
      return { context, page };
    },
    async close() {
      await browser.close().catch(() => undefined);
      await server.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Reads `window.__bc` (the client's read-only debug hook). */
export function bc<T>(page: Page, fn: (hook: BcHook) => T): Promise<T> {
  return page.evaluate<T>(`(${fn.toString()})(window.__bc)`);
}

export interface BcHook {
  scene: string;
  view: {
    day: number;
    playerId: string;
    phase: string;
    players: { id: string; name: string }[];
    sites: { id: string; ownerId: string | null; tier: string }[];
    catalogue: { id: string; kind: string }[];
    book: { bids: { priceUsdPerGpuHour: number; quantity: number }[]; asks: { priceUsdPerGpuHour: number }[] };
    me: { lots: { id: string; modelId: string }[]; cashUsd: number } | null;
  } | null;
  room: { status: string; code: string; seats: { id: string }[] } | null;
  connection: string;
  banners: string[];
  bench: unknown;
}

export async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(SHOTS, `${name}.png`) });
}

/** Submits an action form and returns its status line once the server has answered. */
export async function submitForm(page: Page, formId: string, fields: Record<string, string>): Promise<string> {
  const tabOf: Record<string, string> = {
    buySite: 'sites', buildSite: 'sites', orderHardware: 'hardware', installHardware: 'hardware', placeLeaseOrder: 'market', tradeBtc: 'market',
    bidTender: 'tenders', takeLoan: 'finance', contestPick: 'contest',
  };
  const tab = tabOf[formId];
  if (tab) await page.click(`[data-testid=tab-${tab}]`);
  for (const [name, value] of Object.entries(fields)) {
    const sel = `[data-testid=field-${formId}-${name}]`;
    const tag = await page.$eval(sel, (el) => el.tagName);
    if (tag === 'SELECT') await page.selectOption(sel, value);
    else await page.fill(sel, value);
  }
  await page.click(`[data-testid=submit-${formId}]`);
  const status = page.locator(`[data-testid=status-${formId}]`);
  await page.waitForFunction((id) => {
    const t = document.querySelector(`[data-testid=status-${id}]`)?.textContent ?? '';
    return t !== '' && t !== 'Sending…';
  }, formId);
  return (await status.textContent()) ?? '';
}
