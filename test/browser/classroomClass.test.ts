/**
 * The projector and the debrief at class size, in Chromium at 1920×1080: 34 of 40 labelled
 * students joined over the protocol plus 2 seat bots, a crash and a fee spike injected on the same
 * day, a three-round ⅔ game. The roster and every company fit the wall, the six missing labels are
 * listed, and the debrief's Chart.js charts draw (non-blank canvases, 36 companies with the leaders
 * named and the others counted, the ⅔ convergence chart and last round's histogram, merged event
 * markers, tooltips, a PNG download), read the crash and the fee spike on different figures, and
 * write Arabic-Indic digits on their axes in Arabic. Screenshots (English and Arabic, 1920 × 1080
 * and 390 × 844) go to /tmp/charts-shots.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startHarness, type Harness } from './harness.js';
import { createRoom, joinRoom, studentKeys, waitFor, waitMessage, welcomeOf, type Recorded } from '../server/helpers.js';

const SHOTS = process.env.CHARTS_SHOTS ?? '/tmp/charts-shots';
const PHONE = { width: 390, height: 844 };
const WALL = { width: 1920, height: 1080 };
const LABELS = Array.from({ length: 40 }, (_, i) => `S${String(i + 1).padStart(2, '0')}`);
const JOINED = 34;

let H: Harness;
const rooms: Recorded[] = [];

beforeAll(async () => {
  H = await startHarness();
  mkdirSync(SHOTS, { recursive: true });
}, 180_000);

afterAll(async () => {
  await Promise.all(rooms.map((r) => r.room.leave().catch(() => undefined)));
  await H?.close();
});

async function ask(rec: Recorded, type: string, payload: Record<string, unknown> = {}): Promise<{ ok: boolean; payload: any }> {
  const ref = `${type}-${Math.random().toString(36).slice(2)}`;
  rec.room.send(type, { ...payload, ref });
  const reply = await waitFor(() => rec.messages.find((m) => (m.type === 'ack' || m.type === 'error') && m.payload.ref === ref), 15_000, `reply to ${type}`);
  return { ok: reply.type === 'ack', payload: reply.payload };
}

type DrawnChart = { ticks: string[]; datasets: number; annotations: string[]; width: number; height: number };

/** The debrief's charts as last drawn (charts.ts exposes them for tests). */
async function drawn(page: Page): Promise<Record<string, DrawnChart>> {
  return page.evaluate(() => (window as unknown as { __bcCharts: Record<string, DrawnChart> }).__bcCharts);
}

/** Distinct colours in a canvas's pixels, sampled: a blank (one-colour) chart has 1. */
async function colours(page: Page, id: string): Promise<number> {
  return page.$eval(`[data-testid=chart-${id}]`, (el) => {
    const c = el as HTMLCanvasElement;
    const data = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
    const seen = new Set<number>();
    for (let i = 0; i < data.length; i += 4 * 7) seen.add((data[i]! << 16) | (data[i + 1]! << 8) | data[i + 2]!);
    return seen.size;
  });
}

/** Screenshots of the page at the phone's size, then back to the wall. */
async function phoneShot(page: Page, name: string, scrollTo?: string): Promise<void> {
  await page.setViewportSize(PHONE);
  if (scrollTo) await page.evaluate((sel) => document.querySelector(sel)?.scrollIntoView(), scrollTo);
  // Chart.js redraws on the next frame after its box resized.
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  await page.screenshot({ path: join(SHOTS, `${name}.png`) });
  await page.setViewportSize(WALL);
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
}

/** Every element matching `sel` lies inside the viewport (nothing cut off the wall). */
async function allInside(page: Page, sel: string): Promise<{ n: number; outside: number }> {
  return page.$$eval(sel, (els) => {
    const out = els.filter((e) => {
      const r = e.getBoundingClientRect();
      return r.bottom > window.innerHeight + 1 || r.right > window.innerWidth + 1 || r.top < 0 || r.left < 0;
    });
    return { n: els.length, outside: out.length };
  });
}

describe('a class of 40 on the projector and in the debrief', () => {
  it('fits the roster and companies on the wall, lists missing labels, and debriefs every event on its own figure', async () => {
    const ws = `ws://127.0.0.1:${H.server.port}`;
    const host = await createRoom(ws, {
      daysPerSecond: 4, maxPlayers: 60, bots: [{ strategy: 'treasurer', count: 2 }],
      classroom: { labels: LABELS, anonymousNames: false, teacher: 'Dr Haddad' },
    });
    rooms.push(host);
    const hw = await welcomeOf(host);
    const code = host.room.roomId;
    const keys = await studentKeys(host);
    // Students join a few at a time (each join replays the roster to the teacher).
    const students: Recorded[] = [];
    for (let i = 0; i < JOINED; i += 6) {
      const batch = await Promise.all(LABELS.slice(i, Math.min(JOINED, i + 6)).map((label, k) =>
        joinRoom(ws, code, { studentKey: keys.get(label), playerName: k % 5 === 0 ? `طالب ${label}` : `Student ${label} Longname` })));
      students.push(...batch);
    }
    rooms.push(...students);
    await Promise.all(students.map((s) => welcomeOf(s)));

    const { page: wall } = await H.newPage('wall', WALL);
    await wall.goto(`${H.url}?teach=${code}&token=${encodeURIComponent(hw.hostToken)}`);
    await wall.waitForSelector('[data-testid=projector]');
    await wall.waitForFunction((n) => document.querySelectorAll('[data-testid=proj-roster] .item').length === n, JOINED + 2, { timeout: 20_000 });
    expect(await wall.$$eval('[data-testid=proj-missing-label]', (els) => els.map((e) => e.textContent))).toEqual(LABELS.slice(JOINED));

    expect((await ask(host, 'start')).ok).toBe(true);
    // Different bets before the crash, so the debrief's 36 lines part.
    await Promise.all(students.map((s, i) => (i % 3 === 2 ? Promise.resolve() : ask(s, 'tradeBtc', { side: 'buy', amountBtc: 20 + 10 * (i % 17) }))));
    await waitFor(() => host.room.state.world.day >= 3, 20_000, 'day 3');
    // A crash and a fee spike in the same game day.
    host.room.send('inject', { kind: 'crash', params: { pct: 30 }, headline: 'Exchange collapse', ref: 'c1' });
    host.room.send('inject', { kind: 'feeSpike', params: { multiplier: 6, days: 5 }, headline: 'Ordinals craze', ref: 'c2' });
    await waitMessage(host, 'ack', (p) => p.ref === 'c2', 0, 15_000);

    // Three ⅔ rounds: every student guesses, bots too.
    expect((await ask(host, 'guessStart', { p: 2 / 3, rounds: 3 })).ok).toBe(true);
    for (let r = 0; r < 3; r++) {
      if (r > 0) expect((await ask(host, 'guessOpen')).ok).toBe(true);
      await Promise.all(students.map((s, i) => ask(s, 'guess', { value: Math.round(((i * 37) % 60) * (0.7 ** r)) + 5 })));
      expect((await ask(host, 'guessClose')).ok).toBe(true);
    }
    await waitFor(() => host.room.state.world.day >= 12, 30_000, 'day 12');
    expect((await ask(host, 'pause', { question: 'Why did hashprice jump while BTC fell?' })).ok).toBe(true);

    await wall.waitForFunction((n) => document.querySelectorAll('[data-testid=proj-companies] .crow:not(.head)').length === n, JOINED + 2, { timeout: 20_000 });
    expect(await allInside(wall, '[data-testid=proj-companies] .crow')).toMatchObject({ n: JOINED + 3, outside: 0 });
    expect(await allInside(wall, '[data-testid=proj-roster] .item')).toMatchObject({ n: JOINED + 2, outside: 0 });
    expect(await allInside(wall, '[data-testid=proj-missing-label]')).toMatchObject({ n: 6, outside: 0 });
    // The language switch does not sit on the roster.
    const overlap = await wall.evaluate(() => {
      const a = document.querySelector('.langswitch')?.getBoundingClientRect();
      const b = document.querySelector('[data-testid=proj-roster]')?.closest('.proj-col')?.getBoundingClientRect();
      return a && b ? a.top < b.bottom && a.bottom > b.top && a.left < b.right && a.right > b.left : false;
    });
    expect(overlap).toBe(false);
    await wall.screenshot({ path: join(SHOTS, 'projector-40-en.png') });
    await phoneShot(wall, 'projector-40-phone-en');

    // ── the debrief ──
    await wall.click('[data-testid=proj-debrief]');
    await wall.waitForSelector('[data-testid=chart-guess]', { timeout: 60_000 });
    const deb = await wall.evaluate(() => (window as unknown as { __bcDebrief: { companies: number; events: { kind: string; day: number; indicator: string; changePct: number | null; shockPct: number | null }[] } }).__bcDebrief);
    expect(deb.companies).toBe(JOINED + 2);
    const crash = deb.events.find((e) => e.kind === 'crash')!;
    const fee = deb.events.find((e) => e.kind === 'feeSpike')!;
    expect(crash.day).toBe(fee.day);
    expect(crash).toMatchObject({ indicator: 'btcUsd', shockPct: -30 });
    expect(fee.indicator).toBe('hashpriceBtc');
    expect(crash.changePct).not.toBeNull();
    expect(fee.changePct).not.toBeNull();
    expect(crash.changePct!).toBeLessThan(-20);
    expect(fee.changePct!).toBeGreaterThan(0);
    expect(fee.changePct).not.toBeCloseTo(crash.changePct!, 1);
    expect(await wall.textContent('[data-testid=figure-guess]')).toBeTruthy();

    // Every chart drew something (a blank canvas is one colour), at a size read across a room.
    await wall.waitForFunction(() => Object.keys((window as unknown as { __bcCharts?: object }).__bcCharts ?? {}).length >= 11);
    const charts = await drawn(wall);
    for (const id of ['score-market', 'score-nav', 'btc', 'guess', 'guess-hist', 'gap', 'mcap', 'nav', 'cash', 'gw', 'compute']) {
      expect(charts[id], id).toBeDefined();
      expect(await colours(wall, id), id).toBeGreaterThan(8);
    }
    expect(charts['score-market']!.width).toBeGreaterThan(800);
    // 36 companies plus the legend's "others" entry; the rest of the names in the scrollable list.
    expect(charts['score-market']!.datasets).toBe(JOINED + 3);
    expect(await wall.$$eval('[data-testid=legend-score-market] .legenditem', (els) => els.length)).toBe(JOINED + 2);
    // The crash and the fee spike of the same day: one marker naming both, on the BTC chart.
    expect(charts.btc!.annotations).toHaveLength(1);
    expect(charts.btc!.annotations[0]).toMatch(/^Day \d+: Crash · Fee spike$/i);
    expect(charts['guess-hist']!.annotations.join(' ')).toMatch(/mean .*target/i);
    // A hover shows the nearest company's value.
    const box = (await wall.$('[data-testid=chart-score-market]'))!;
    const bb = (await box.boundingBox())!;
    await wall.mouse.move(bb.x + bb.width * 0.6, bb.y + bb.height * 0.5);
    await wall.waitForSelector('[data-testid=chart-score-market-tip]', { state: 'visible' });
    expect(await wall.textContent('[data-testid=chart-score-market-tip]')).toMatch(/Day \d+.*: −?\$/);
    await wall.mouse.move(0, 0);
    // A click on a muted company in the list lights its line up (its legend entry joins the leaders').
    await wall.click('[data-testid=legend-score-market] .legenditem >> nth=0');
    expect(await wall.getAttribute('[data-testid=legend-score-market] .legenditem >> nth=0', 'aria-pressed')).toBe('true');
    const [png] = await Promise.all([wall.waitForEvent('download'), wall.click('[data-testid=png-guess]')]);
    const pngBytes = readFileSync((await png.path()));
    await png.saveAs(join(SHOTS, 'png-guess-en.png'));
    expect(pngBytes.subarray(1, 4).toString()).toBe('PNG');
    // IHDR: the image is the chart at twice its drawn size (for slides and print), not an empty canvas.
    expect(pngBytes.readUInt32BE(16)).toBeGreaterThan(1600);
    expect(pngBytes.length).toBeGreaterThan(20_000);
    await wall.evaluate(() => document.querySelector('[data-testid=debrief]')?.scrollTo(0, 0));
    await wall.screenshot({ path: join(SHOTS, 'debrief-40-en.png') });
    await wall.evaluate(() => document.querySelector('[data-testid=figure-guess]')?.scrollIntoView());
    await wall.screenshot({ path: join(SHOTS, 'debrief-40-guess-en.png') });
    await wall.evaluate(() => document.querySelector('[data-testid=figure-gap]')?.scrollIntoView());
    await wall.screenshot({ path: join(SHOTS, 'debrief-40-gap-en.png') });
    await wall.evaluate(() => document.querySelector('[data-testid=debrief-events]')?.scrollIntoView());
    await wall.screenshot({ path: join(SHOTS, 'debrief-40-events-en.png') });
    await phoneShot(wall, 'debrief-40-phone-en', '[data-testid=figure-score-market]');
    await phoneShot(wall, 'debrief-40-phone-guess-en', '[data-testid=figure-guess]');
    // The payment rule and the across-sessions link follow the teacher's fields.
    await wall.selectOption('[data-testid=pay-rule]', 'score');
    await wall.fill('[data-testid=pay-unit]', 'eur');
    expect(await wall.getAttribute('[data-testid=debrief-export]', 'href')).toMatch(/pay_rule=score.*pay_unit=EUR/);

    // ── Arabic ──
    await wall.click('[data-testid=debrief-close]');
    await wall.waitForSelector('[data-testid=projector]');
    await wall.selectOption('[data-testid=lang-select]', 'ar');
    await wall.waitForSelector('[data-testid=projector]');
    // Arabic-Indic digits (the reader's choice in the corner switch; it reloads the page).
    await wall.click('[data-testid=digits-toggle]');
    await wall.waitForSelector('[data-testid=projector]');
    await wall.waitForFunction((n) => document.querySelectorAll('[data-testid=proj-companies] .crow:not(.head)').length === n, JOINED + 2, { timeout: 20_000 });
    expect(await allInside(wall, '[data-testid=proj-roster] .item')).toMatchObject({ outside: 0 });
    await wall.screenshot({ path: join(SHOTS, 'projector-40-ar.png') });
    await phoneShot(wall, 'projector-40-phone-ar');
    await wall.click('[data-testid=proj-debrief]');
    await wall.waitForSelector('[data-testid=chart-guess]', { timeout: 60_000 });
    expect(await wall.textContent('[data-testid=debrief-events]')).toContain('سعر التجزئة بالبيتكوين');
    await wall.waitForFunction(() => Object.keys((window as unknown as { __bcCharts?: object }).__bcCharts ?? {}).length >= 11);
    const arCharts = await drawn(wall);
    for (const id of ['btc', 'score-market', 'guess', 'guess-hist']) {
      const ticks = arCharts[id]!.ticks.join(' ');
      expect(ticks, id).toMatch(/[٠-٩]/);
      expect(ticks, id).not.toMatch(/[0-9]/);
      expect(await colours(wall, id), id).toBeGreaterThan(8);
    }
    expect(arCharts.btc!.annotations[0]).toMatch(/^اليوم [٠-٩]+: /);
    expect(arCharts.btc!.annotations[0]).not.toMatch(/crash|fee/i);
    await wall.screenshot({ path: join(SHOTS, 'debrief-40-ar.png') });
    const [btcPng] = await Promise.all([wall.waitForEvent('download'), wall.click('[data-testid=png-btc]')]);
    await btcPng.saveAs(join(SHOTS, 'png-btc-ar.png'));
    expect(readFileSync(join(SHOTS, 'png-btc-ar.png')).subarray(1, 4).toString()).toBe('PNG');
    await wall.evaluate(() => document.querySelector('[data-testid=figure-guess]')?.scrollIntoView());
    await wall.screenshot({ path: join(SHOTS, 'debrief-40-guess-ar.png') });
    await wall.evaluate(() => document.querySelector('[data-testid=figure-gap]')?.scrollIntoView());
    await wall.screenshot({ path: join(SHOTS, 'debrief-40-gap-ar.png') });
    await phoneShot(wall, 'debrief-40-phone-ar', '[data-testid=figure-score-market]');
    await phoneShot(wall, 'debrief-40-phone-guess-ar', '[data-testid=figure-guess]');
    expect(H.errors).toEqual([]);
  }, 300_000);
});
