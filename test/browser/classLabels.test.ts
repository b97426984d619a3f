/**
 * "Choose your name from the list" in a browser: the teacher ticks it on the setup form; the
 * class's public join page lists the labels nobody has taken; a laptop that typed the room code
 * on the title page, a phone in English and a phone in Arabic each tap their name; a taken name
 * leaves the list for everyone else, and the device that took it gets it back in one tap after
 * closing its tab. On the laptop a closed market shows a line instead of its form, and after the
 * last ⅔ round the card says the game is over without covering Trade BTC.
 * Screenshots go to /tmp/classgaps-shots (390×844 en + ar, 1280×720, 1920×1080).
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startHarness, type Harness } from './harness.js';
import { layoutProblems } from './layoutCheck.js';
import { arabicLeaks } from './arabicLeaks.js';

const PHONE = { width: 390, height: 844 };
const SHOTS = process.env.CLASSGAPS_SHOTS ?? '/tmp/classgaps-shots';
let H: Harness;

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  H = await startHarness();
});
afterAll(async () => {
  await H?.close();
});

const shot = (p: Page, name: string) => p.screenshot({ path: join(SHOTS, `${name}.png`) });
/** The seat the page plays, once its first view has arrived (the lobby can show before it). */
const seatOf = async (p: Page) => {
  await p.waitForFunction(() => Boolean((window as unknown as { __bc?: { view: { playerId: string } | null } }).__bc?.view?.playerId));
  return p.evaluate(() => (window as unknown as { __bc: { view: { playerId: string } | null } }).__bc.view?.playerId ?? '');
};
const listed = (p: Page) => p.$$eval('[data-testid=class-label-option]', (els) => els.map((e) => e.getAttribute('data-label') ?? ''));

describe('choose your name from the list', () => {
  it('each device taps a free name and gets its seat; a taken name leaves the list; its own device returns in one tap', async () => {
    const { page: teacher } = await H.newPage('projector', { width: 1920, height: 1080 });
    await teacher.goto(H.url);
    await teacher.click('[data-testid=teach]');
    await teacher.waitForFunction(() => document.querySelector<HTMLSelectElement>('[data-testid=teach-scenario]')?.value === 'halving-sprint');
    await teacher.fill('[data-testid=teach-labels]', 'Amira\nBen\nChloé\nDev 2');
    await teacher.check('[data-testid=teach-label-list]');
    await teacher.uncheck('[data-testid=teach-market-loans]');
    await teacher.fill('[data-testid=teach-pace]', '0.5');
    await teacher.click('[data-testid=teach-create]');
    await teacher.waitForSelector('[data-testid=projector]');
    const code = ((await teacher.textContent('[data-testid=proj-code]')) ?? '').trim();
    // The wall says what the link will ask for.
    expect(await teacher.textContent('[data-testid=proj-join-hint]')).toMatch(/tap your name/);
    const joinPage = `${H.url}?join=${code}`;

    // A laptop types the code on the title page: the class's page asks for the name from the list.
    const { page: laptop } = await H.newPage('laptop');
    await laptop.goto(H.url);
    await laptop.fill('[data-testid=join-code]', code);
    await laptop.click('[data-testid=join]');
    await laptop.waitForSelector('[data-testid=class-label-list] [data-testid=class-label-option]');
    expect(await listed(laptop)).toEqual(['Amira', 'Ben', 'Chloé', 'Dev 2']);
    await shot(laptop, 'label-picker-1280x720-en');
    await laptop.click('[data-testid=class-label-option][data-label="Ben"]');
    await laptop.waitForSelector('[data-testid=lobby]');

    const { context: phoneCtx, page: phone } = await H.newPage('phone-en', PHONE);
    await phone.goto(joinPage);
    await phone.waitForSelector('[data-testid=class-label-option]');
    expect(await listed(phone)).toEqual(['Amira', 'Chloé', 'Dev 2']);
    await shot(phone, 'label-picker-390x844-en');
    const layout = [...(await layoutProblems(phone)).map((p) => `phone en: ${p}`)];
    await phone.click('[data-testid=class-label-option][data-label="Amira"]');
    await phone.waitForSelector('[data-testid=lobby]');
    const amiraSeat = await seatOf(phone);

    const { page: phoneAr } = await H.newPage('phone-ar', PHONE);
    await phoneAr.goto(`${joinPage}&lang=ar`);
    await phoneAr.waitForSelector('[data-testid=class-label-option]');
    expect(await phoneAr.evaluate(() => document.documentElement.dir)).toBe('rtl');
    expect(await listed(phoneAr)).toEqual(['Chloé', 'Dev 2']);
    expect(await phoneAr.textContent('[data-testid=class-join] h2')).toBe('اختر اسمك');
    await shot(phoneAr, 'label-picker-390x844-ar');
    layout.push(...(await layoutProblems(phoneAr)).map((p) => `phone ar: ${p}`));
    // Everything but the names and the room code is in Arabic.
    expect((await arabicLeaks(phoneAr, [code])).map((l) => `"${l.word}" in «${l.text}»`)).toEqual([]);
    await phoneAr.click('[data-testid=class-label-option][data-label="Chloé"]');
    await phoneAr.waitForSelector('[data-testid=lobby]');

    // The projector: three names joined, one still missing.
    await teacher.waitForFunction(() => /Dev 2/.test(document.querySelector('[data-testid=proj-not-joined]')?.textContent ?? '')
      && ['Amira', 'Ben', 'Chloé'].every((n) => (document.querySelector('[data-testid=proj-roster]')?.textContent ?? '').includes(n)));
    await shot(teacher, 'projector-labels-1920x1080-en');

    // Amira closes her tab and opens the join page again on the same phone: one tap, same seat.
    await phone.close();
    const again = await phoneCtx.newPage();
    again.on('console', (m) => { if (m.type() === 'error') H.errors.push(`[phone-en again] ${m.text()}`); });
    await again.goto(joinPage);
    await again.waitForSelector('[data-testid=class-label-mine]');
    expect(await listed(again)).toEqual(['Dev 2']);
    await shot(again, 'label-picker-return-390x844-en');
    await again.click('[data-testid=class-label-mine]');
    await again.waitForSelector('[data-testid=lobby]');
    expect(await seatOf(again)).toBe(amiraSeat);
    // Another device does not see Amira's name at all.
    const { page: other } = await H.newPage('other-device', PHONE);
    await other.goto(joinPage);
    await other.waitForSelector('[data-testid=class-label-option]');
    expect(await listed(other)).toEqual(['Dev 2']);
    expect(await other.$('[data-testid=class-label-mine]')).toBeNull();

    // In the game: loans closed on the laptop; after the last ⅔ round the card is out of Trade BTC's way.
    await teacher.click('[data-testid=proj-start]');
    await laptop.waitForSelector('[data-testid=game-screen]');
    await laptop.click('[data-testid=tab-finance]');
    expect(await laptop.isVisible('[data-testid=closed-takeLoan]')).toBe(true);
    expect(await laptop.isVisible('[data-testid=form-takeLoan]')).toBe(false);
    await laptop.click('[data-testid=tab-market]');
    await teacher.fill('[data-testid=guess-rounds]', '1');
    await teacher.click('[data-testid=guess-start]');
    await laptop.waitForSelector('[data-testid=guess-input]', { state: 'visible' });
    await laptop.fill('[data-testid=guess-input]', '40');
    await laptop.click('[data-testid=guess-submit]');
    await laptop.waitForFunction(() => /40/.test(document.querySelector('[data-testid=guess-echo]')?.textContent ?? ''));
    await teacher.click('[data-testid=guess-close]');
    await laptop.waitForSelector('[data-testid=guess-card-done]', { state: 'visible' });
    expect(await laptop.textContent('[data-testid=guess-card-round]')).toBe('The round is played');
    expect(await laptop.textContent('[data-testid=guess-card]')).not.toMatch(/Wait for the teacher/);
    const covers = await laptop.evaluate(() => {
      const a = document.querySelector('[data-testid=guess-card]')!.getBoundingClientRect();
      const b = document.querySelector('[data-testid=form-tradeBtc]')!.getBoundingClientRect();
      return b.width > 0 && a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
    });
    expect(covers).toBe(false);
    await shot(laptop, 'class-guess-over-1280x720-en');
    expect(layout).toEqual([]);
    expect(H.errors).toEqual([]);
  });
});
