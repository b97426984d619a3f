/**
 * A classroom session in the browser: a teacher (projector, 1280×720) and three students (two
 * phones at 390×844, one laptop) on a real server. Setup form → projector with code, join URL and
 * QR → students join (name, label) → a ⅔ round → a pause with a question → the teacher switches to
 * Arabic (the teacher link reopens the projector) → an injected crash → the debrief → the end → the
 * zip export, whose CSV rows must match what happened. Screenshots in English and Arabic.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { unzipSync, strFromU8 } from 'fflate';
import { shot, startHarness, submitForm, type Harness } from './harness.js';
import { csvRecords } from '../support/csv.js';

let H: Harness;

beforeAll(async () => {
  H = await startHarness();
});

afterAll(async () => {
  await H?.close();
});

const PHONE = { width: 390, height: 844 };

const parseCsv = csvRecords;

async function text(page: Page, testid: string): Promise<string> {
  return ((await page.textContent(`[data-testid=${testid}]`)) ?? '').trim();
}

async function waitText(page: Page, testid: string, pattern: RegExp): Promise<void> {
  await page.waitForFunction(([id, src]) => new RegExp(src as string).test(document.querySelector(`[data-testid=${id}]`)?.textContent ?? ''), [testid, pattern.source]);
}

async function cmdOk(page: Page, testid: string, fill?: () => Promise<void>): Promise<void> {
  await fill?.();
  await page.click(`[data-testid=${testid}]`);
  await page.waitForFunction(() => {
    const t = document.querySelector('[data-testid=proj-cmd-status]')?.textContent ?? '';
    return t !== '' && t !== '…';
  });
  expect(await text(page, 'proj-cmd-status')).toMatch(/^✓/);
}

/** Types a guess and waits for the server's ack to echo `shown`. */
async function guess(page: Page, value: string, shown = value): Promise<void> {
  await page.fill('[data-testid=guess-input]', value);
  await page.click('[data-testid=guess-submit]');
  await waitText(page, 'guess-echo', new RegExp(`: ${shown}$`));
}

describe('a classroom session', () => {
  it('runs a session with ⅔, a pause, a crash, the debrief and the export, in English and Arabic', async () => {
    const teacher = (await H.newPage('teacher')).page;
    teacher.on('dialog', (d) => void d.accept());

    // ── setup ──
    await teacher.goto(H.url);
    await teacher.click('[data-testid=teach]');
    await teacher.waitForSelector('[data-testid=teach-setup]');
    await teacher.waitForFunction(() => document.querySelector<HTMLSelectElement>('[data-testid=teach-scenario]')?.value === 'halving-sprint');
    await teacher.fill('[data-testid=teach-name]', 'Econ 101');
    await teacher.fill('[data-testid=teach-pace]', '2');
    await teacher.fill('[data-testid=teach-contest-days]', '5');
    await teacher.uncheck('[data-testid=teach-market-loans]');
    await teacher.check('[data-testid=teach-chat]');
    // The label list comes from a CSV file (first column, header skipped).
    await teacher.setInputFiles('[data-testid=teach-labels-file]', { name: 'class.csv', mimeType: 'text/csv', buffer: Buffer.from('Label,Email\nS01,a@school\nS02,b@school\nS03,c@school\n') });
    await waitText(teacher, 'teach-label-count', /^3$/);
    expect(await teacher.inputValue('[data-testid=teach-labels]')).toContain('S02,b@school');
    // Sam has no label: the teacher lets guests in too.
    await teacher.check('[data-testid=teach-guests]');
    await shot(teacher, 'classroom-setup-en');
    const title = (await H.newPage('title-ar')).page;
    await title.goto(`${H.url}?lang=ar`);
    await title.waitForSelector('[data-testid=title]');
    expect(await text(title, 'teach')).toBe('درّس صفًّا');
    await shot(title, 'classroom-title-ar');
    await title.close();
    await teacher.click('[data-testid=teach-create]');
    await teacher.waitForSelector('[data-testid=projector]');
    const code = await text(teacher, 'proj-code');
    expect(code).toMatch(/^[A-Z]{6}$/);
    const joinUrl = await text(teacher, 'proj-join-url');
    // Opened as 127.0.0.1: the students' links use the server's LAN address when it has one.
    const joinBase = (await (await fetch(`${H.url}api/join-base`)).json()) as { url: string; source: string };
    const studentBase = joinBase.source === 'lan' ? joinBase.url : H.url;
    expect(joinUrl).toBe(`${studentBase}?join=${code}`);
    expect(await teacher.getAttribute('[data-testid=join-qr]', 'data-text')).toBe(joinUrl);
    expect(new URL(teacher.url()).searchParams.get('teach')).toBe(code);

    // Each label has its personal link (folded on the projector, printable); a label alone lets nobody in.
    const links = new Map(await teacher.$$eval('[data-testid=proj-student-link] a', (els) => els.map((a) => [a.getAttribute('data-label') ?? '', a.getAttribute('href') ?? ''] as [string, string])));
    expect([...links.keys()]).toEqual(['S01', 'S02', 'S03']);
    for (const href of links.values()) expect(href).toMatch(new RegExp(`\\?join=${code}&key=[\\w-]{20,}$`));
    expect([...links.values()].every((href) => href.startsWith(`${studentBase}?join=${code}&key=`))).toBe(true);

    // ── students: Arabic phone with its personal link, English phone as a guest with a name, laptop with its link ──
    const s1 = (await H.newPage('student1', PHONE)).page;
    const s2 = (await H.newPage('student2', PHONE)).page;
    const s3 = (await H.newPage('student3')).page;
    await s1.goto(`${links.get('S01')}&lang=ar`);
    await s1.waitForSelector('[data-testid=class-join]');
    expect(await s1.getAttribute('html', 'dir')).toBe('rtl');
    expect(await s1.inputValue('[data-testid=class-code]')).toBe(code);
    await s1.fill('[data-testid=class-name]', 'ليلى');
    await s1.waitForSelector('[data-testid=class-key]');
    await shot(s1, 'classroom-join-phone-ar');
    await s1.click('[data-testid=class-join-button]');
    await s2.goto(joinUrl);
    await s2.fill('[data-testid=class-name]', 'Sam');
    await s2.click('[data-testid=class-join-button]');
    await s3.goto(links.get('S03')!);
    await s3.click('[data-testid=class-join-button]');
    for (const s of [s1, s2, s3]) await s.waitForSelector('[data-testid=lobby]');
    await waitText(teacher, 'proj-roster-count', /^3 online · 3 seats$/);
    const roster = await teacher.$$eval('[data-testid^=roster-state-]', (els) => els.map((e) => e.textContent));
    expect(roster).toEqual(['● online', '● online', '● online']);
    // Chat is on: a student's line reaches the projector and the other students.
    await s2.fill('[data-testid=chat-input]', 'Hello class');
    await s2.click('[data-testid=chat-send]');
    await waitText(teacher, 'chat-lines', /Sam Hello class/);
    await waitText(s1, 'chat-lines', /Sam Hello class/);
    await shot(teacher, 'classroom-projector-lobby-en');

    // ── start; a ⅔ round: 20, 40, 60 → mean 40, target 26.7, the 20 wins ──
    await cmdOk(teacher, 'proj-start');
    for (const s of [s1, s2, s3]) await s.waitForSelector('[data-testid=game-screen]');
    await teacher.fill('[data-testid=guess-rounds]', '1');
    await teacher.click('[data-testid=guess-start]');
    await waitText(teacher, 'guess-round', /open/);
    for (const s of [s1, s2, s3]) await s.waitForSelector('[data-testid=guess-input]', { state: 'visible' });
    await guess(s1, '٢٠', '20');
    await guess(s2, '45');
    await guess(s2, '40');
    await guess(s3, '60');
    expect(await text(s2, 'guess-echo')).toBe('Your guess: 40');
    await waitText(teacher, 'guess-round', /3 guesses/);
    await shot(s2, 'classroom-guess-phone-en');
    await shot(s1, 'classroom-guess-phone-ar');
    await teacher.click('[data-testid=guess-close]');
    await waitText(teacher, 'guess-target', /^26\.7$/);
    expect(await text(teacher, 'guess-mean')).toBe('40');
    expect(await text(teacher, 'guess-median')).toBe('40');
    expect(await text(teacher, 'guess-winner')).toBe('ليلى · 20');
    await waitText(s1, 'guess-won', /\S/);
    await waitText(s2, 'guess-result', /target 26\.7/);
    expect(await text(s2, 'guess-result')).toContain('You were 13.3 away.');
    await shot(teacher, 'classroom-projector-guess-en');
    await shot(s2, 'classroom-guess-result-phone-en');
    // The card folds to its title so the phone can show the market, and unfolds again.
    await s2.click('[data-testid=guess-card-toggle]');
    expect(await s2.isVisible('[data-testid=guess-result]')).toBe(false);
    await s2.click('[data-testid=guess-card-toggle]');
    expect(await s2.isVisible('[data-testid=guess-result]')).toBe(true);
    await shot(s1, 'classroom-guess-result-phone-ar');

    // Arabic-Indic digits by setting: the page reloads, the seat comes back, the echo reads ٢٠.
    await s1.click('[data-testid=digits-toggle]');
    await s1.waitForSelector('[data-testid=game-screen]');
    await waitText(s1, 'guess-echo', /٢٠/);
    expect(await text(s1, 'top-day')).toMatch(/^[٠-٩]+ \/ ١٢٠$/);
    await shot(s1, 'classroom-guess-result-phone-ar-digits');

    // ── a contest pick from the laptop, so the export has a student action ──
    expect(await submitForm(s3, 'contestPick', { narrative: 'ai', stakeUsd: '100000' })).toMatch(/accepted|✓/i);

    // ── pause with a question: every student sees it ──
    const question = 'Why would anyone pay more than NAV?';
    await cmdOk(teacher, 'proj-pause', () => teacher.fill('[data-testid=proj-question-input]', question));
    for (const s of [s1, s2, s3]) await waitText(s, 'class-question-text', /NAV/);
    expect(await text(teacher, 'proj-question-text')).toBe(question);
    await shot(s2, 'classroom-question-phone-en');
    await shot(s1, 'classroom-question-phone-ar');
    await shot(teacher, 'classroom-projector-paused-en');
    // The laptop student switches to Arabic: the game screen mirrors (right-to-left) and keeps the seat.
    await s3.selectOption('[data-testid=lang-select]', 'ar');
    await s3.waitForSelector('[data-testid=game-screen]');
    expect(await s3.getAttribute('#ui', 'dir')).toBe('rtl');
    await waitText(s3, 'class-question-text', /NAV/);
    expect(await text(s3, 'tab-contest')).toContain('المسابقة');
    await shot(s3, 'classroom-game-desktop-ar');

    // ── the teacher switches to Arabic: the page reloads on the teacher link, back to the projector ──
    await teacher.selectOption('[data-testid=lang-select]', 'ar');
    await teacher.waitForSelector('[data-testid=projector]');
    expect(await teacher.getAttribute('html', 'dir')).toBe('rtl');
    await waitText(teacher, 'proj-question-text', /NAV/);
    await waitText(teacher, 'guess-target', /^26\.7$/);
    await shot(teacher, 'classroom-projector-paused-ar');
    await cmdOk(teacher, 'proj-resume');

    // ── an injected crash with a custom headline ──
    await teacher.selectOption('[data-testid=proj-event-kind]', 'crash');
    await cmdOk(teacher, 'proj-inject', () => teacher.fill('[data-testid=proj-event-headline]', 'Class crash!'));
    await s3.waitForFunction(() => (document.querySelector('[data-testid=news]')?.textContent ?? '').includes('Class crash!'));
    // Play on until a contest round resolves; a student's screen shows the next round open.
    await cmdOk(teacher, 'proj-advance');
    await s3.waitForFunction(() => ((window as unknown as { __bc: { view: { contest: { round: number } } | null } }).__bc.view?.contest.round ?? 0) >= 2);
    // Paused from here on: at 2 days a second the match would end by itself under a slow debrief.
    await cmdOk(teacher, 'proj-pause');

    // ── debrief during the session (Arabic) ──
    await teacher.click('[data-testid=proj-debrief]');
    await teacher.waitForSelector('[data-testid=chart-nav]');
    const deb = await teacher.evaluate(() => (window as unknown as { __bcDebrief: { events: { kind: string; headline: string; indicator: string; shockPct: number | null }[]; companies: number; contests: number } }).__bcDebrief);
    expect(deb.companies).toBe(3);
    expect(deb.contests).toBeGreaterThanOrEqual(1);
    const crash = deb.events.find((e) => e.headline === 'Class crash!');
    expect(crash?.kind).toBe('crash');
    // The crash's own shock (halving-sprint's default −15%), read on the BTC price; the measured move may still be pending under load.
    expect(crash).toMatchObject({ indicator: 'btcUsd', shockPct: -15 });
    await shot(teacher, 'classroom-debrief-ar');
    const [png] = await Promise.all([teacher.waitForEvent('download'), teacher.click('[data-testid=png-nav]')]);
    const pngBytes = readFileSync((await png.path()));
    expect(pngBytes.subarray(1, 4).toString()).toBe('PNG');
    await teacher.click('[data-testid=debrief-close]');
    await teacher.waitForSelector('[data-testid=projector]');

    // ── the end, then the export ──
    await cmdOk(teacher, 'proj-end');
    for (const s of [s1, s2, s3]) await s.waitForSelector('[data-testid=results]');
    const [zip] = await Promise.all([teacher.waitForEvent('download'), teacher.click('[data-testid=proj-export]')]);
    const files = unzipSync(new Uint8Array(readFileSync((await zip.path()))));
    const csv = (name: string) => parseCsv(strFromU8(files[name] ?? new Uint8Array()));
    expect(Object.keys(files).sort()).toEqual([
      'actions.csv', 'chat.csv', 'contests.csv', 'decisions.csv', 'guesses.csv', 'pauses.csv', 'payments.csv', 'player_days.csv', 'roster.csv', 'session.csv', 'summary.csv',
    ]);
    const guesses = csv('guesses.csv');
    // Sam's 45 was replaced by 40: one row per student's standing guess.
    expect(guesses.map((g) => Number(g.value)).sort((a, b) => a - b)).toEqual([20, 40, 60]);
    const winners = guesses.filter((g) => g.won === 'true');
    expect(winners.map((g) => g.participant_label)).toEqual(['S01']);
    expect(Number(winners[0]?.round_target)).toBeCloseTo(80 / 3, 6);
    const summary = csv('summary.csv');
    expect(summary.map((r) => r.participant_label || r.name).sort()).toEqual(['S01', 'S03', 'Sam']);
    const actions = csv('actions.csv');
    expect(actions.some((a) => a.action_type === 'contestPick' && a.participant_label === 'S03' && a.result === 'accepted')).toBe(true);
    const contests = csv('contests.csv');
    expect(contests.length).toBeGreaterThanOrEqual(1);
    const days = csv('player_days.csv');
    const finalDay = Math.max(...days.map((d) => Number(d.day)));
    expect(days.filter((d) => Number(d.day) === finalDay)).toHaveLength(3);

    await shot(s2, 'classroom-results-phone-en');

    // The teacher link reopens the ended session later, in another browser (English): the debrief.
    const later = (await H.newPage('teacher-later')).page;
    // The address bar has no token (it is on the wall); the teacher link from the projector has it.
    expect(new URL(teacher.url()).searchParams.has('token')).toBe(false);
    await later.goto(((await teacher.getAttribute('[data-testid=proj-teacher-link]', 'href')) ?? '').replace(/&?lang=ar/, ''));
    await later.waitForSelector('[data-testid=projector]');
    expect(await later.getAttribute('html', 'dir')).toBe('ltr');
    await later.click('[data-testid=proj-debrief]');
    await later.waitForSelector('[data-testid=debrief-events]');
    expect(await later.textContent('[data-testid=debrief-events]')).toContain('Class crash!');
    expect(await later.textContent('[data-testid=debrief-guess]')).toContain('26.7');
    await shot(later, 'classroom-debrief-en');
    await later.evaluate(() => document.querySelector('[data-testid=debrief-events]')?.scrollIntoView());
    await shot(later, 'classroom-debrief-tables-en');
    expect(H.errors).toEqual([]);
  });
});
