/**
 * Every screen at 1280×720, 1920×1080 and a 390×844 phone: screenshots of the title, waiting
 * room, each game tab, the results and the replay, and a measurement of the page on each that
 * fails when visible text boxes overlap, are cut or leave the viewport (test/browser/layoutCheck.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { join } from 'node:path';
import { SHOTS, startHarness, type Harness } from './harness.js';
import { layoutProblems } from './layoutCheck.js';

let H: Harness;

beforeAll(async () => {
  H = await startHarness();
});

afterAll(async () => {
  await H?.close();
});

const SIZES = [
  { label: 'desk', width: 1280, height: 720, touch: false },
  { label: 'wide', width: 1920, height: 1080, touch: false },
  { label: 'phone', width: 390, height: 844, touch: true },
] as const;

type Sized = { page: Page; label: string };

async function open(size: (typeof SIZES)[number]): Promise<Sized> {
  const context = await H.browser.newContext({ viewport: { width: size.width, height: size.height }, hasTouch: size.touch, isMobile: size.touch, deviceScaleFactor: 1 });
  const page = await context.newPage();
  page.on('console', (m) => { if (m.type() === 'error') H.errors.push(`[${size.label}] console: ${m.text()}`); });
  page.on('pageerror', (e) => H.errors.push(`[${size.label}] page: ${e.message}`));
  return { page, label: size.label };
}

const found: string[] = [];

/** Screenshot + measurement of one screen; problems are collected so one run reports them all. */
async function check(s: Sized, screen: string): Promise<void> {
  // Let the grid settle and the canvas re-lay out after a tab or scene change.
  await s.page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  await s.page.screenshot({ path: join(SHOTS, `layout-${screen}-${s.label}.png`) });
  for (const p of await layoutProblems(s.page)) found.push(`${screen} @ ${s.label}: ${p}`);
}

const bcRoom = (p: Page) => p.evaluate(() => (window as unknown as { __bc: { room: { status: string } | null } }).__bc.room?.status ?? '');

describe('every screen at three sizes', () => {
  it('keeps text inside the viewport and off other text on the title, lobby, game tabs, results and replay', async () => {
    const [desk, wide, phone] = await Promise.all(SIZES.map(open)) as [Sized, Sized, Sized];
    const all = [desk, wide, phone];
    for (const s of all) {
      await s.page.goto(H.url);
      await s.page.waitForSelector('[data-testid=title]');
      await s.page.fill('[data-testid=name]', `P-${s.label}`);
      await s.page.waitForFunction(() => document.querySelector<HTMLSelectElement>('[data-testid=scenario]')?.value === 'halving-sprint');
      await check(s, 'title');
    }
    await desk.page.fill('[data-testid=bots]', '3');
    await desk.page.click('[data-testid=create]');
    await desk.page.waitForSelector('[data-testid=lobby]');
    await desk.page.waitForFunction(() => (document.querySelector('[data-testid=room-code]')?.textContent ?? '').length >= 4);
    const code = (await desk.page.textContent('[data-testid=room-code]'))!.trim();
    for (const s of [wide, phone]) {
      await s.page.fill('[data-testid=join-code]', code);
      await s.page.click('[data-testid=join]');
      await s.page.waitForSelector('[data-testid=lobby]');
    }
    await desk.page.waitForFunction(() => document.querySelectorAll('[data-testid^=seat-]').length === 6);
    for (const s of all) await check(s, 'lobby');
    await desk.page.click('[data-testid=start]');
    for (const s of all) await s.page.waitForSelector('[data-testid=game-screen]');
    await desk.page.click('[data-testid=host-pause]');
    for (const s of all) await s.page.waitForFunction(() => (window as unknown as { __bc: { room: { status: string } | null } }).__bc.room?.status === 'paused');
    // Something in every list: a site, an order, a loan (the company panel grows as a player's would).
    for (const s of all) {
      await s.page.click('[data-testid=tab-sites]');
      await s.page.click('[data-testid=submit-buySite]');
      await s.page.waitForFunction(() => (document.querySelector('[data-testid=status-buySite]')?.textContent ?? '') !== 'Sending…' && (document.querySelector('[data-testid=status-buySite]')?.textContent ?? '') !== '');
    }
    for (const tab of ['sites', 'hardware', 'market', 'tenders', 'finance', 'contest', 'activity']) {
      for (const s of all) {
        await s.page.click(`[data-testid=tab-${tab}]`);
        await check(s, `game-${tab}`);
      }
    }
    // The map's canvas labels: none over another label or a site or region marker, at every size.
    for (const s of all) {
      await s.page.evaluate(() => document.getElementById('center')?.scrollIntoView());
      await s.page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
      const map = await s.page.evaluate(() => (window as unknown as { __bc: { map: { sites: { id: string; x: number; y: number }[]; regions: { x: number; y: number }[]; labels: { x: number; y: number; w: number; h: number }[] } | null } }).__bc.map);
      if (!map) { found.push(`map @ ${s.label}: no map probe`); continue; }
      const hit = (a: { x: number; y: number; w: number; h: number }, b: { x: number; y: number; w: number; h: number }) => a.x < b.x + b.w - 1 && b.x < a.x + a.w - 1 && a.y < b.y + b.h - 1 && b.y < a.y + a.h - 1;
      map.labels.forEach((l, i) => {
        map.labels.slice(i + 1).forEach((o) => { if (hit(l, o)) found.push(`map @ ${s.label}: two region labels overlap`); });
        for (const m of map.sites) if (hit(l, { x: m.x - 4, y: m.y - 4, w: 8, h: 8 })) found.push(`map @ ${s.label}: a label covers site ${m.id}`);
        for (const m of map.regions) if (hit(l, { x: m.x - 4, y: m.y - 4, w: 8, h: 8 })) found.push(`map @ ${s.label}: a label covers a region node`);
      });
    }
    // Phone: the map and charts are on the page too, in a compact form.
    const mapBox = await phone.page.evaluate(() => { const r = document.getElementById('center')!.getBoundingClientRect(); return { w: r.width, h: r.height }; });
    expect(mapBox.w).toBeGreaterThan(300);
    expect(mapBox.h).toBeGreaterThan(250);

    await desk.page.selectOption('[data-testid=host-speed]', '50');
    await desk.page.click('[data-testid=host-pause]');
    for (const s of all) await s.page.waitForSelector('[data-testid=results]');
    for (const s of all) {
      await s.page.waitForFunction(() => document.querySelector('[data-testid=placed]') !== null);
      await check(s, 'results');
    }
    for (const s of all) {
      await s.page.click('[data-testid=watch-replay]');
      await s.page.waitForSelector('[data-testid=replay-bar]');
      await check(s, 'replay');
    }
    // Leaving the replay returns to the results it came from.
    await phone.page.click('[data-testid=replay-exit]');
    await phone.page.waitForSelector('[data-testid=results]');
    expect(await bcRoom(phone.page)).toBe('ended');
    // Back on the title: no rejoin of the ended match, it has left the live list, and the replay button opens the picker.
    await phone.page.click('[data-testid=back-title]');
    await phone.page.waitForSelector('[data-testid=title]');
    await phone.page.waitForSelector('[data-testid=room-list] .item');
    expect(await phone.page.locator(`[data-testid=room-${code}]`).count()).toBe(0);
    await phone.page.click('[data-testid=open-replay]');
    await phone.page.waitForSelector('[data-testid=replay-open]');
    expect(await phone.page.isVisible('[data-testid=replay-bar]')).toBe(false);
    expect(found, found.join('\n')).toEqual([]);
    expect(H.errors).toEqual([]);
  }, 300_000);
});
