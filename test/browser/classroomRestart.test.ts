/**
 * Classroom sessions across server restarts.
 * 1. The teacher link after a restart: a session with a labelled student and a closed ⅔ round, the
 *    server stopped and started again on the same data directory (new port); the teacher link
 *    reopens the projector with the same code, the ⅔ result and the roster, and the student's label
 *    gets the same seat back from another device.
 * 2. A class on phones through a restart on the same port: a 1920×1080 projector and six phones
 *    (one in Arabic) reconnect by themselves with an on-screen status; a student who pressed "Back to
 *    title" meanwhile keeps a frozen seat that no bot touches until the teacher says so; the class
 *    auto-pauses before its scheduled crash; the phones' results are readable in both languages;
 *    the export's roster, decisions and actions match what each student did and who controlled it,
 *    and its pauses have the restart.
 *    Screenshots go to /tmp/classphone-shots (390×844, 1280×720, 1920×1080).
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type Page } from 'playwright-core';
import { strFromU8, unzipSync } from 'fflate';
import { createGameServer, type GameServer } from '../../server/app.js';
import { BROWSER_WAIT_CEILING_MS, ROOT, SHOTS, buildClient, submitForm } from './harness.js';
import { layoutProblems } from './layoutCheck.js';
import { csvRecords } from '../support/csv.js';

const PHONE = { width: 390, height: 844 };
/** The class: six phones, P4 in Arabic. */
const LABELS = ['P1', 'P2', 'P3', 'P4', 'P5', 'P6'];
const PHONE_SHOTS = process.env.CLASSPHONE_SHOTS ?? '/tmp/classphone-shots';
/** What a browser prints while its server is down (the test restarts it on purpose). */
const OUTAGE_NOISE = /ERR_CONNECTION_REFUSED|Failed to load resource|WebSocket connection|closed unexpectedly|onError|Failed to fetch|ERR_EMPTY_RESPONSE|ERR_CONNECTION_RESET|seat reservation|not found/i;

let browser: Browser;
let dataDir: string;
const dataDirs: string[] = [];
const servers: GameServer[] = [];
const errors: string[] = [];

beforeAll(async () => {
  await buildClient();
  mkdirSync(SHOTS, { recursive: true });
  mkdirSync(PHONE_SHOTS, { recursive: true });
  dataDir = mkdtempSync(join(tmpdir(), 'bc-restart-'));
  dataDirs.push(dataDir);
  browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
});

afterAll(async () => {
  await browser?.close().catch(() => undefined);
  for (const s of servers) await s.close().catch(() => undefined);
  for (const d of dataDirs) rmSync(d, { recursive: true, force: true });
});

async function start(options: { port?: number; dir?: string; reconnectSeconds?: number } = {}): Promise<{ server: GameServer; url: string }> {
  const server = await createGameServer({
    port: options.port ?? 0, dataDir: options.dir ?? dataDir, clientDir: join(ROOT, 'client', 'dist'), logLevel: 'warn',
    ...(options.reconnectSeconds !== undefined ? { reconnectSeconds: options.reconnectSeconds } : {}),
  });
  servers.push(server);
  return { server, url: `http://127.0.0.1:${server.port}/` };
}

async function page(label: string, viewport = { width: 1280, height: 720 }): Promise<Page> {
  const context = await browser.newContext({ viewport });
  context.setDefaultTimeout(BROWSER_WAIT_CEILING_MS);
  context.setDefaultNavigationTimeout(BROWSER_WAIT_CEILING_MS);
  const p = await context.newPage();
  p.on('console', (m) => { if (m.type() === 'error' && !(outage && OUTAGE_NOISE.test(m.text()))) errors.push(`[${label}] ${m.text()}`); });
  p.on('pageerror', (e) => errors.push(`[${label}] ${e.message}`));
  return p;
}

/** Set while the test has the server down: connection errors are then expected. */
let outage = false;

const seatOf = (p: Page) => p.evaluate(() => (window as unknown as { __bc: { view: { playerId: string } | null } }).__bc.view?.playerId ?? '');

describe('a classroom session across a server restart', () => {
  it('reopens from the teacher link with its roster and ⅔ result; a personal link returns to its seat', async () => {
    const first = await start();
    const teacher = await page('teacher');
    await teacher.goto(first.url);
    await teacher.click('[data-testid=teach]');
    await teacher.waitForFunction(() => document.querySelector<HTMLSelectElement>('[data-testid=teach-scenario]')?.value === 'halving-sprint');
    await teacher.fill('[data-testid=teach-labels]', 'S01\nS02');
    await teacher.fill('[data-testid=teach-pace]', '0.5');
    await teacher.click('[data-testid=teach-create]');
    await teacher.waitForSelector('[data-testid=projector]');
    const code = ((await teacher.textContent('[data-testid=proj-code]')) ?? '').trim();
    // The projected address bar has no token; the teacher link (folded on the projector) has it.
    expect(new URL(teacher.url()).searchParams.has('token')).toBe(false);
    const link = new URL((await teacher.getAttribute('[data-testid=proj-teacher-link]', 'href')) ?? '');
    expect(link.searchParams.get('token')).toBeTruthy();

    const studentLink = await teacher.getAttribute('[data-testid=proj-student-link] a[data-label="S01"]', 'href');
    const key = new URL(studentLink ?? '').searchParams.get('key') ?? '';
    expect(key).not.toBe('');
    const student = await page('student');
    await student.goto(`${first.url}?join=${code}&key=${encodeURIComponent(key)}`);
    await student.click('[data-testid=class-join-button]');
    await student.waitForSelector('[data-testid=lobby]');
    await teacher.click('[data-testid=proj-start]');
    await student.waitForSelector('[data-testid=game-screen]');
    const seat = await seatOf(student);
    expect(seat).not.toBe('');
    await teacher.fill('[data-testid=guess-rounds]', '2');
    await teacher.click('[data-testid=guess-start]');
    await student.waitForSelector('[data-testid=guess-input]', { state: 'visible' });
    await student.fill('[data-testid=guess-input]', '30');
    await student.click('[data-testid=guess-submit]');
    await student.waitForFunction(() => /30$/.test(document.querySelector('[data-testid=guess-echo]')?.textContent ?? ''));
    await teacher.click('[data-testid=guess-close]');
    await teacher.waitForFunction(() => document.querySelector('[data-testid=guess-target]')?.textContent === '20');

    // Everyone leaves (no reconnect noise in the console), the server restarts on a new port.
    await teacher.context().close();
    await student.context().close();
    await first.server.close();
    const second = await start();

    const again = await page('teacher-again');
    await again.goto(`${second.url}${link.search}`);
    await again.waitForFunction(() => !new URLSearchParams(window.location.search).has('token'));
    await again.waitForSelector('[data-testid=projector]');
    expect(((await again.textContent('[data-testid=proj-code]')) ?? '').trim()).toBe(code);
    await again.waitForFunction(() => document.querySelector('[data-testid=guess-target]')?.textContent === '20');
    await again.waitForSelector(`[data-testid=roster-${seat}]`);

    const phone = await page('student-other-device');
    // The same personal link, after the restart, on another device.
    await phone.goto(`${second.url}?join=${code}&key=${encodeURIComponent(key)}`);
    await phone.click('[data-testid=class-join-button]');
    await phone.waitForFunction(() => Boolean((window as unknown as { __bc: { view: unknown } }).__bc.view));
    expect(await seatOf(phone)).toBe(seat);
    await again.waitForFunction((id) => (document.querySelector(`[data-testid=roster-state-${id}]`)?.textContent ?? '').includes('online'), seat);
    await again.screenshot({ path: join(SHOTS, 'classroom-restart-en.png') });
    expect(errors).toEqual([]);
  });
  it('a class of phones comes back by itself after a restart, and no bot plays for a student who is away', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bc-restart-phones-'));
    dataDirs.push(dir);
    const first = await start({ dir });
    const port = first.server.port;
    const shotAt = (p: Page, name: string) => p.screenshot({ path: join(PHONE_SHOTS, `${name}.png`) });
    const teacher = await page('projector', { width: 1920, height: 1080 });
    teacher.on('dialog', (d) => void d.accept());
    await teacher.goto(first.url);
    await teacher.click('[data-testid=teach]');
    await teacher.waitForFunction(() => document.querySelector<HTMLSelectElement>('[data-testid=teach-scenario]')?.value === 'halving-sprint');
    await teacher.fill('[data-testid=teach-labels]', LABELS.join('\n'));
    // Slow enough that the restart comes long before the crash on a loaded machine; the teacher speeds up after it.
    await teacher.fill('[data-testid=teach-pace]', '0.5');
    // The estimate follows the pace; a bare number after the event is refused with the reason.
    await teacher.waitForFunction(() => /≈ 4 min of play \(120 game days/.test(document.querySelector('[data-testid=teach-duration]')?.textContent ?? ''));
    await teacher.fill('[data-testid=teach-events]', '40 crash 30 Exchange collapse!');
    await teacher.waitForFunction(() => /ambiguous: write pct=30/.test(document.querySelector('[data-testid=teach-event-error]')?.textContent ?? ''));
    await teacher.fill('[data-testid=teach-events]', '40 crash 30% Exchange collapse!');
    await teacher.waitForFunction(() => /day 40 · crash pct=30 · “Exchange collapse!” · ≈ 1:20/.test(document.querySelector('[data-testid=teach-event-line]')?.textContent ?? ''));
    await shotAt(teacher, 'setup-1920x1080-en');
    await teacher.click('[data-testid=teach-create]');
    await teacher.waitForSelector('[data-testid=projector]');
    const code = ((await teacher.textContent('[data-testid=proj-code]')) ?? '').trim();

    // Joinable by phones: the join link is the server's LAN address (the page was opened as 127.0.0.1).
    expect(new URL(teacher.url()).searchParams.has('token')).toBe(false);
    const base = (await (await fetch(`${first.url}api/join-base`)).json()) as { url: string; source: string };
    const joinUrl = ((await teacher.textContent('[data-testid=proj-join-url]')) ?? '').trim();
    if (base.source === 'lan') {
      expect(joinUrl).toBe(`${base.url}?join=${code}`);
      expect(await teacher.$('[data-testid=proj-join-warning]')).toBeNull();
    } else {
      expect(await teacher.isVisible('[data-testid=proj-join-warning]')).toBe(true);
    }
    expect(await teacher.getAttribute('[data-testid=join-qr]', 'data-text')).toBe(joinUrl);
    const qrBox = await teacher.locator('[data-testid=proj-qr-button] canvas').boundingBox();
    expect(qrBox!.width).toBeGreaterThanOrEqual(300);
    await teacher.waitForSelector('[data-testid=proj-event-40-crash]');
    await shotAt(teacher, 'projector-waiting-1920x1080-en');

    const links = new Map(await teacher.$$eval('[data-testid=proj-student-link] a', (els) => els.map((a) => [a.getAttribute('data-label') ?? '', a.getAttribute('href') ?? ''] as [string, string])));
    const phones: Page[] = [];
    for (const label of LABELS) {
      const phone = await page(`phone-${label}`, PHONE);
      await phone.goto(`${links.get(label)}${label === 'P4' ? '&lang=ar' : ''}`);
      await phone.click('[data-testid=class-join-button]');
      await phone.waitForSelector('[data-testid=lobby]');
      phones.push(phone);
    }
    const [p1, p2, p3, p4, p5, p6] = phones as [Page, Page, Page, Page, Page, Page];
    await teacher.check('[data-testid=proj-autopause]');
    await teacher.waitForFunction(() => /✓ autoPause/.test(document.querySelector('[data-testid=proj-cmd-status]')?.textContent ?? ''));
    await teacher.click('[data-testid=proj-start]');
    for (const phone of phones) await phone.waitForSelector('[data-testid=game-screen]');
    const seats = await Promise.all(phones.map(seatOf));
    // A class on a phone: news, then the charts, then the actions; the company list folded.
    for (const phone of [p1, p4]) {
      await phone.waitForFunction(() => document.querySelector('[data-testid=game-screen]')?.classList.contains('classmode'));
      const order = await phone.evaluate(() => {
        const top = (sel: string) => document.querySelector(sel)?.getBoundingClientRect().top ?? -1;
        return { news: top('.game > .ticker'), charts: top('.game > #center'), actions: top('.game > .side.right'), company: top('.game > .side.left'),
          folded: !document.querySelector<HTMLDetailsElement>('[data-testid=players-details]')?.open };
      });
      expect(order.news).toBeLessThan(order.charts);
      expect(order.charts).toBeLessThan(order.actions);
      expect(order.actions).toBeLessThan(order.company);
      expect(order.news).toBeLessThan(844);
      expect(order.folded).toBe(true);
    }
    await shotAt(p1, 'phone-game-top-390x844-en');
    await shotAt(p4, 'phone-game-top-390x844-ar');
    const layout: string[] = [];
    const check = async (p: Page, what: string) => { for (const problem of await layoutProblems(p)) layout.push(`${what}: ${problem}`); };
    await check(p1, 'phone game en');
    await check(p4, 'phone game ar');
    await check(teacher, 'projector 1920');
    await p1.evaluate(() => { const g = document.querySelector('[data-testid=game-screen]')!; g.scrollTop = g.scrollHeight; });
    await shotAt(p1, 'phone-game-bottom-390x844-en');
    for (const phone of [p1, p2, p3]) expect(await submitForm(phone, 'tradeBtc', { side: 'buy', amountBtc: '1' })).toContain('Accepted');
    await shotAt(p1, 'phone-game-390x844-en');
    await shotAt(p4, 'phone-game-390x844-ar');
    await teacher.waitForSelector(`[data-testid=roster-bot-${seats[0]}]`);
    await shotAt(teacher, 'projector-running-1920x1080-en');

    // ── the server stops while the market runs: every screen says so, on screen, and keeps trying ──
    expect(await teacher.textContent('[data-testid=proj-status]')).toMatch(/running/i);
    outage = true;
    await first.server.close();
    for (const p of [teacher, ...phones]) {
      await p.waitForSelector('[data-testid=reconnect-overlay]', { state: 'visible', timeout: 20_000 });
      const box = await p.locator('[data-testid=reconnect-status]').boundingBox();
      const viewport = p.viewportSize()!;
      expect(box!.y).toBeGreaterThanOrEqual(0);
      expect(box!.y + box!.height).toBeLessThanOrEqual(viewport.height);
    }
    await p1.waitForSelector('[data-testid=reconnect-elapsed]:not(:empty)');
    await shotAt(p1, 'phone-reconnecting-390x844-en');
    await shotAt(p4, 'phone-reconnecting-390x844-ar');
    // P3 gives up and goes back to the title: that must not hand the company to a bot.
    await p3.click('[data-testid=reconnect-overlay] button');
    await p3.waitForSelector('[data-testid=title]');

    const second = await start({ dir, port, reconnectSeconds: 3 });
    for (const p of [teacher, p1, p2, p4, p5, p6]) {
      await p.waitForFunction(() => (window as unknown as { __bc: { connection: string } }).__bc.connection === 'connected', undefined, { timeout: 30_000 });
      await p.waitForSelector('[data-testid=reconnect-overlay]', { state: 'hidden' });
    }
    outage = false;
    for (const [i, p] of [p1, p2, p4, p5, p6].entries()) expect(await seatOf(p)).toBe(seats[[0, 1, 3, 4, 5][i]!]);
    // P3's seat waits for P3: frozen once the reconnection window is over, never bot-run.
    await teacher.waitForFunction((id) => /away · waits/.test(document.querySelector(`[data-testid=roster-state-${id}]`)?.textContent ?? ''), seats[2], { timeout: 20_000 });
    const studentSeats = new Set(seats);
    const botActionsForStudents = () => second.server.store.entries(code)
      .filter((e) => e.kind === 'action' && studentSeats.has(e.playerId) && (e as { controller?: string }).controller === 'bot');
    expect(botActionsForStudents()).toEqual([]);
    expect(second.server.store.entries(code).filter((e) => e.kind === 'action' && e.playerId === seats[2])).toHaveLength(1);
    await shotAt(teacher, 'projector-after-restart-1920x1080-en');

    // The class auto-pauses on day 40, just before the crash it scheduled (the setting survived the
    // restart; the scenario's own events come later, on days 50, 94 and 111).
    await teacher.selectOption('[data-testid=proj-speed]', '8');
    await teacher.waitForFunction(() => /✓ speed/.test(document.querySelector('[data-testid=proj-cmd-status]')?.textContent ?? ''));
    await teacher.waitForFunction(() => document.querySelector('[data-testid=proj-status]')?.textContent?.match(/paused/i), undefined, { timeout: 60_000 });
    expect(await teacher.textContent('[data-testid=proj-day]')).toMatch(/Day 40 \//);
    expect(botActionsForStudents()).toEqual([]);
    await shotAt(p1, 'phone-paused-390x844-en');

    // Only the teacher's switch lets a bot play for P3.
    await teacher.check(`[data-testid=roster-bot-${seats[2]}]`);
    await teacher.waitForFunction((id) => /away · bot plays/.test(document.querySelector(`[data-testid=roster-state-${id}]`)?.textContent ?? ''), seats[2]);
    await teacher.uncheck(`[data-testid=roster-bot-${seats[2]}]`);
    await teacher.waitForFunction((id) => /away · waits/.test(document.querySelector(`[data-testid=roster-state-${id}]`)?.textContent ?? ''), seats[2]);
    expect(botActionsForStudents().every((e) => e.playerId === seats[2])).toBe(true);
    await teacher.setViewportSize({ width: 1280, height: 720 });
    await shotAt(teacher, 'projector-paused-1280x720-en');
    await check(teacher, 'projector 1280');
    await teacher.setViewportSize({ width: 1920, height: 1080 });
    // In Arabic (a language switch may reload the page: the token kept in the tab reopens it).
    await teacher.selectOption('[data-testid=lang-select]', 'ar');
    await teacher.waitForFunction(() => document.documentElement.dir === 'rtl' && Boolean(document.querySelector('[data-testid=proj-event-40-crash]')));
    await teacher.waitForSelector(`[data-testid=roster-bot-${seats[0]}]`);
    expect(new URL(teacher.url()).searchParams.has('token')).toBe(false);
    await shotAt(teacher, 'projector-paused-1920x1080-ar');
    await check(teacher, 'projector 1920 ar');

    // ── results on phones, English and Arabic: two tables that neither overlap nor run off screen ──
    await teacher.click('[data-testid=proj-end]');
    for (const p of [p1, p4]) {
      await p.waitForSelector('[data-testid=results]', { timeout: 20_000 });
      const layout = await p.evaluate(() => {
        const boxes = Array.from(document.querySelectorAll('[data-testid=results] table')).map((t) => t.getBoundingClientRect()).filter((r) => r.width > 0);
        const overlap = boxes.some((a, i) => boxes.some((b, j) => j > i && a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom));
        const panel = document.querySelector('[data-testid=results]') as HTMLElement;
        return { tables: boxes.length, overlap, wide: panel.scrollWidth > panel.clientWidth + 1, width: window.innerWidth, right: Math.max(...boxes.map((b) => b.right)), left: Math.min(...boxes.map((b) => b.left)) };
      });
      expect(layout.tables).toBeGreaterThanOrEqual(2);
      expect(layout.overlap).toBe(false);
      expect(layout.wide).toBe(false);
      expect(layout.left).toBeGreaterThanOrEqual(0);
      expect(layout.right).toBeLessThanOrEqual(layout.width);
    }
    await shotAt(p1, 'phone-results-390x844-en');
    await shotAt(p4, 'phone-results-390x844-ar');
    await check(p1, 'phone results en');
    await check(p4, 'phone results ar');

    // ── the export says what happened: every student's decisions, who controlled them, the restart ──
    const token = new URL((await teacher.getAttribute('[data-testid=proj-teacher-link]', 'href')) ?? '', second.url).searchParams.get('token') ?? '';
    const res = await fetch(`${second.url}api/sessions/${code}/export.zip?token=${encodeURIComponent(token)}`);
    expect(res.status).toBe(200);
    const zip = unzipSync(new Uint8Array(await res.arrayBuffer()));
    const csv = (name: string) => csvRecords(strFromU8(zip[name]!));
    const roster = csv('roster.csv');
    const decisions = csv('decisions.csv');
    const accepted = csv('actions.csv').filter((r) => r.result === 'accepted');
    const logged = second.server.store.entries(code).filter((e) => e.kind === 'action') as { playerId: string; controller?: string }[];
    for (const [i, label] of LABELS.entries()) {
      const seat = seats[i]!;
      const row = roster.find((r) => r.participant_label === label);
      expect(row).toMatchObject({ player_id: seat, participant_code: `${code}-${seat}`, joined: 'true', kind: 'student' });
      const mine = decisions.filter((d) => d.player_id === seat);
      // One row per action the engine logged for the seat, with who controlled it.
      expect(mine.map((d) => d.controlled_by)).toEqual(logged.filter((e) => e.playerId === seat).map((e) => e.controller ?? 'student'));
      expect(accepted.filter((a) => a.player_id === seat).map((a) => a.controlled_by)).toEqual(mine.map((d) => d.controlled_by));
      expect(row!.decisions).toBe(String(mine.length));
      // P1–P3 traded once, by hand; P4–P6 did nothing and nothing was done for them.
      const byStudent = mine.filter((d) => d.controlled_by === 'student');
      expect(byStudent.map((d) => d.action_type)).toEqual(i < 3 ? ['tradeBtc'] : []);
      expect(mine.every((d) => d.participant_label === label && d.session_code === code)).toBe(true);
      // Only P3's seat, while the teacher had its bot on, was ever played by a bot.
      if (i !== 2) expect(mine.filter((d) => d.controlled_by !== 'student')).toEqual([]);
    }
    // The teacher's end (player `@host`, written `'@host` by the CSV's formula escaping).
    expect(accepted.filter((a) => a.participant_code === `${code}-@host`).map((a) => [a.action_type, a.controlled_by])).toContainEqual(['endMatch', 'teacher']);
    const pauses = csv('pauses.csv');
    const restart = pauses.find((p) => p.reason === 'server_restart');
    expect(restart).toBeDefined();
    expect(restart!.resumed_at! > restart!.paused_at!).toBe(true);
    expect(pauses.find((p) => p.reason === 'teacher')).toMatchObject({ day: '40' });
    expect(layout).toEqual([]);
    expect(errors).toEqual([]);
    // Seven browsers and two server starts: 45 s on a quiet machine, several minutes on a busy one.
  }, 600_000);
});
