/**
 * Arabic everywhere: a teacher on a 1920×1080 projector and a student on a 390×844 phone, both in
 * Arabic, through the title, the setup form, the projector, the join page, the game (with a crash
 * and a fee spike in the news) and the results. On every screen no English word may show outside
 * units, brand names and user text (test/browser/arabicLeaks.ts). Screenshots in /tmp/arabic-shots.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startHarness, type Harness } from './harness.js';
import { arabicLeaks } from './arabicLeaks.js';

let H: Harness;
const SHOTS = process.env.BC_ARABIC_SHOTS ?? '/tmp/arabic-shots';

beforeAll(async () => {
  H = await startHarness();
  mkdirSync(SHOTS, { recursive: true });
}, 180_000);

afterAll(async () => {
  await H?.close();
});

const PHONE = { width: 390, height: 844 };
const WIDE = { width: 1920, height: 1080 };
const NAMES = ['Layla', 'Omar', 'S01', 'S02', 'S03', 'Econ'];
const found: string[] = [];

async function scan(page: Page, screen: string): Promise<void> {
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  await page.screenshot({ path: join(SHOTS, `${screen}.png`) });
  // Proper names in the view (sites, hardware models, labs, tenants, colocation providers) stay as they are.
  const proper = await page.evaluate(() => {
    const v = (window as unknown as { __bc?: { view?: Record<string, unknown> | null } }).__bc?.view as Record<string, { name?: string; lab?: string; tenant?: string }[] | undefined> | null | undefined;
    if (!v) return [] as string[];
    const out: string[] = [];
    for (const list of ['sites', 'catalogue', 'players', 'tenders', 'offers', 'colocation']) for (const x of v[list] ?? []) out.push(x.name ?? '', x.lab ?? '', x.tenant ?? '');
    return out;
  });
  const names = [...NAMES, ...proper.flatMap((n) => n.match(/[A-Za-z][A-Za-z0-9]*/g) ?? [])];
  for (const l of await arabicLeaks(page, names)) found.push(`${screen}: "${l.word}" in «${l.text}»`);
}

async function cmdOk(page: Page, testid: string): Promise<void> {
  await page.click(`[data-testid=${testid}]`);
  await page.waitForFunction(() => {
    const t = document.querySelector('[data-testid=proj-cmd-status]')?.textContent ?? '';
    return t !== '' && t !== '…';
  });
  expect(((await page.textContent('[data-testid=proj-cmd-status]')) ?? '').trim()).toMatch(/^✓/);
}

describe('Arabic everywhere', () => {
  it('shows no English outside units, brands and names on the main screens, at projector and phone sizes', async () => {
    const teacher = (await H.newPage('teacher-ar', WIDE)).page;
    teacher.on('dialog', (d) => void d.accept());
    await teacher.goto(`${H.url}?lang=ar`);
    await teacher.waitForSelector('[data-testid=title]');
    await teacher.waitForFunction(() => document.querySelector<HTMLSelectElement>('[data-testid=scenario]')?.value === 'halving-sprint');
    await scan(teacher, 'title-wide-ar');

    await teacher.click('[data-testid=teach]');
    await teacher.waitForSelector('[data-testid=teach-setup]');
    await teacher.waitForFunction(() => document.querySelector<HTMLSelectElement>('[data-testid=teach-scenario]')?.value === 'halving-sprint');
    await teacher.fill('[data-testid=teach-name]', 'Econ');
    await teacher.fill('[data-testid=teach-labels]', 'S01\nS02\nS03');
    await teacher.fill('[data-testid=teach-pace]', '2');
    await teacher.fill('[data-testid=teach-contest-days]', '2');
    // A schedule error is said in Arabic; the keywords stay as typed.
    await teacher.fill('[data-testid=teach-events]', 'x crash');
    await teacher.click('[data-testid=teach-create]');
    await teacher.waitForFunction(() => /السطر 1/.test(document.querySelector('[data-testid=teach-status]')?.textContent ?? ''));
    await teacher.fill('[data-testid=teach-events]', '');
    await teacher.check('[data-testid=teach-guests]');
    await teacher.uncheck('[data-testid=teach-market-loans]');
    await scan(teacher, 'setup-wide-ar');
    await teacher.click('[data-testid=teach-create]');
    await teacher.waitForSelector('[data-testid=projector]');
    const code = ((await teacher.textContent('[data-testid=proj-code]')) ?? '').trim();
    NAMES.push(code);

    const phone = (await H.newPage('phone-ar', PHONE)).page;
    await phone.goto(`${H.url}?lang=ar`);
    await phone.waitForFunction(() => document.querySelector<HTMLSelectElement>('[data-testid=scenario]')?.value === 'halving-sprint');
    await scan(phone, 'title-phone-ar');
    await phone.goto(`${H.url}?join=${code}&lang=ar`);
    await phone.waitForSelector('[data-testid=class-join]');
    await scan(phone, 'join-phone-ar');
    await phone.fill('[data-testid=class-name]', 'Layla');
    await phone.click('[data-testid=class-join-button]');
    await phone.waitForSelector('[data-testid=lobby]');
    await scan(phone, 'lobby-phone-ar');
    await scan(teacher, 'projector-lobby-wide-ar');

    const laptop = (await H.newPage('laptop-ar', WIDE)).page;
    // Join by code on the title page: a class sends its student to the class page, where a pasted personal link claims the label's seat.
    await laptop.goto(`${H.url}?lang=ar`);
    await laptop.waitForSelector('[data-testid=title]');
    await laptop.fill('[data-testid=name]', 'Omar');
    await laptop.fill('[data-testid=join-code]', code);
    await laptop.click('[data-testid=join]');
    await laptop.waitForSelector('[data-testid=class-join]');
    const s02 = await teacher.getAttribute('[data-testid=proj-student-link] a[data-label=S02]', 'href');
    await laptop.fill('[data-testid=class-name]', 'Omar');
    await laptop.fill('[data-testid=class-link-input]', s02 ?? '');
    await laptop.click('[data-testid=class-join-button]');
    await laptop.waitForSelector('[data-testid=lobby]');
    await teacher.waitForFunction(() => /S02/.test(document.querySelector('[data-testid=proj-roster]')?.textContent ?? ''));

    await cmdOk(teacher, 'proj-start');
    await phone.waitForSelector('[data-testid=game-screen]');
    await laptop.waitForSelector('[data-testid=game-screen]');
    // The teacher closed loans: the form gives way to a line saying so.
    await laptop.click('[data-testid=tab-finance]');
    expect(await laptop.isVisible('[data-testid=closed-takeLoan]')).toBe(true);
    expect(await laptop.isVisible('[data-testid=form-takeLoan]')).toBe(false);
    expect(await laptop.isVisible('[data-testid=form-repayLoan]')).toBe(true);

    // One ⅔ round: after the last one the card says the game is over and gets out of the market's way.
    await teacher.fill('[data-testid=guess-rounds]', '1');
    await teacher.click('[data-testid=guess-start]');
    for (const s of [phone, laptop]) await s.waitForSelector('[data-testid=guess-input]', { state: 'visible' });
    await scan(laptop, 'guess-open-wide-ar');
    for (const [s, v] of [[phone, '٣٠'], [laptop, '40']] as const) {
      await s.fill('[data-testid=guess-input]', v);
      await s.click('[data-testid=guess-submit]');
      await s.waitForFunction(() => /\d|[٠-٩]/.test(document.querySelector('[data-testid=guess-echo]')?.textContent ?? ''));
    }
    await teacher.click('[data-testid=guess-close]');
    for (const s of [phone, laptop]) await s.waitForSelector('[data-testid=guess-card-done]', { state: 'visible' });
    expect(await laptop.textContent('[data-testid=guess-card-round]')).toContain('لُعبت كل الجولات');
    await scan(phone, 'guess-over-phone-ar');
    await phone.click('[data-testid=guess-card-done]');
    expect(await phone.isVisible('[data-testid=guess-result]')).toBe(false);
    // On the laptop, reaching for the market folds the card by itself.
    await laptop.click('[data-testid=tab-market]');
    await laptop.waitForSelector('[data-testid=guess-card-done]', { state: 'hidden' });
    const overlap = await laptop.evaluate(() => {
      const a = document.querySelector('[data-testid=guess-card]')!.getBoundingClientRect();
      const b = document.querySelector('[data-testid=form-tradeBtc]')!.getBoundingClientRect();
      return a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
    });
    expect(overlap).toBe(false);
    expect(await laptop.isVisible('[data-testid=guess-card-title]')).toBe(true);
    for (const kind of ['crash', 'feeSpike']) {
      await teacher.selectOption('[data-testid=proj-event-kind]', kind);
      await cmdOk(teacher, 'proj-inject');
    }
    // A teacher's Latin headline is isolated, so its "!" stays at its end in the Arabic page.
    await teacher.selectOption('[data-testid=proj-event-kind]', 'pump');
    await teacher.fill('[data-testid=proj-event-headline]', 'Exchange collapse!');
    await cmdOk(teacher, 'proj-inject');
    // The events and a contest round are in the student's news once the days have run.
    await phone.waitForFunction(() => ['crash', 'feeSpike', 'pump', 'contest'].every((k) => document.querySelector(`[data-testid=news] [data-kind=${k}]`)), undefined, { timeout: 30_000 });
    const news = await phone.$$eval('[data-testid=news] .item', (els) => els.map((e) => ({ kind: e.getAttribute('data-kind'), tag: e.lastElementChild?.tagName, user: e.lastElementChild?.hasAttribute('data-user-text'), text: e.lastElementChild?.textContent ?? '' })));
    expect(news.find((n) => n.kind === 'crash')?.text).toMatch(/^البيتكوين يهبط \d+(\.\d+)?% في موجة بيع مفاجئة$/);
    expect(news.find((n) => n.kind === 'feeSpike')?.text).toMatch(/^رسوم البيتكوين تقفز ×/);
    expect(news.find((n) => n.kind === 'contest')?.text).toMatch(/^الجولة \d+: الجمهور يختار/);
    expect(news.find((n) => n.kind === 'pump')).toEqual({ kind: 'pump', tag: 'BDI', user: true, text: 'Exchange collapse!' });
    await cmdOk(teacher, 'proj-pause');
    await scan(teacher, 'projector-game-wide-ar');
    await scan(phone, 'game-phone-ar');
    await scan(laptop, 'game-wide-ar');
    for (const tab of ['sites', 'hardware', 'market', 'tenders', 'finance', 'contest', 'activity']) {
      await phone.click(`[data-testid=tab-${tab}]`);
      await scan(phone, `game-${tab}-phone-ar`);
    }
    // The debrief in Arabic on the projector: tables inside their panels, none cut off.
    await teacher.click('[data-testid=proj-debrief]');
    await teacher.waitForSelector('[data-testid=debrief-events]', { timeout: 30_000 });
    await scan(teacher, 'debrief-wide-ar');
    await teacher.evaluate(() => document.querySelector('[data-testid=debrief-events]')?.scrollIntoView());
    await scan(teacher, 'debrief-tables-wide-ar');
    const clipped = await teacher.$$eval('.debrief .tables table', (tables) => tables.filter((tb) => {
      const box = (tb.parentElement as HTMLElement).getBoundingClientRect();
      const r = tb.getBoundingClientRect();
      return r.left < box.left - 1 || r.right > box.right + 1;
    }).length);
    expect(clipped).toBe(0);
    await teacher.click('[data-testid=debrief-close]');
    await teacher.waitForSelector('[data-testid=projector]');
    await cmdOk(teacher, 'proj-end');
    await phone.waitForSelector('[data-testid=results]', { timeout: 20_000 });
    await phone.waitForSelector('[data-testid=placed]');
    await scan(phone, 'results-phone-ar');
    await laptop.waitForSelector('[data-testid=results]', { timeout: 20_000 });
    await scan(laptop, 'results-wide-ar');

    const unique = [...new Set(found.map((f) => f.replace(/^[^:]+: /, '')))];
    expect(unique, unique.join('\n')).toEqual([]);
    expect(H.errors).toEqual([]);
  }, 240_000);
});
