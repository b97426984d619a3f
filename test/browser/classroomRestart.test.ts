/**
 * The teacher link after a server restart: a session with a labelled student and a closed ⅔ round,
 * the server stopped and started again on the same data directory (new port); the teacher link
 * reopens the projector with the same code, the ⅔ result and the roster, and the student's label
 * gets the same seat back from another device.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type Page } from 'playwright-core';
import { createGameServer, type GameServer } from '../../server/app.js';
import { BROWSER_WAIT_CEILING_MS, ROOT, SHOTS, buildClient } from './harness.js';

let browser: Browser;
let dataDir: string;
const servers: GameServer[] = [];
const errors: string[] = [];

beforeAll(async () => {
  await buildClient();
  mkdirSync(SHOTS, { recursive: true });
  dataDir = mkdtempSync(join(tmpdir(), 'bc-restart-'));
  browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
});

afterAll(async () => {
  await browser?.close().catch(() => undefined);
  for (const s of servers) await s.close().catch(() => undefined);
  rmSync(dataDir, { recursive: true, force: true });
});

async function start(): Promise<{ server: GameServer; url: string }> {
  const server = await createGameServer({ port: 0, dataDir, clientDir: join(ROOT, 'client', 'dist'), logLevel: 'warn' });
  servers.push(server);
  return { server, url: `http://127.0.0.1:${server.port}/` };
}

async function page(label: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  context.setDefaultTimeout(BROWSER_WAIT_CEILING_MS);
  context.setDefaultNavigationTimeout(BROWSER_WAIT_CEILING_MS);
  const p = await context.newPage();
  p.on('console', (m) => { if (m.type() === 'error') errors.push(`[${label}] ${m.text()}`); });
  p.on('pageerror', (e) => errors.push(`[${label}] ${e.message}`));
  return p;
}

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
    const link = new URL(teacher.url());

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
});
