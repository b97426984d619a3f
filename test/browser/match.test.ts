/**
 * Two people in two browser contexts play a `halving-sprint` match against a bot on a real server:
 * create and join, buy sites and hardware, a lease order seen in the other's book, a reload that
 * keeps the seat, the halving banner, the results screen with both rankings, and the replay.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { matchMaker } from '@colyseus/core';
import { bc, shot, startHarness, submitForm, type Harness } from './harness.js';

let H: Harness;

beforeAll(async () => {
  H = await startHarness();
});

afterAll(async () => {
  await H?.close();
});

async function enterTitle(page: Page, name: string): Promise<void> {
  await page.goto(H.url);
  await page.waitForSelector('[data-testid=title]');
  await page.fill('[data-testid=name]', name);
}

async function cheapestListed(page: Page, skip: string[] = []): Promise<{ id: string; tier: string }> {
  return bc(page, (b) => {
    const v = b.view!;
    return v.sites.filter((s) => s.ownerId === null).map((s) => s as unknown as { id: string; tier: string; listPriceUsd: number })
      .sort((a, c) => a.listPriceUsd - c.listPriceUsd)
      .map((s) => ({ id: s.id, tier: s.tier }));
  }).then((list) => {
    const pick = list.find((s) => !skip.includes(s.id));
    if (!pick) throw new Error('no listed site left');
    return pick;
  });
}

describe('a two-person match in the browser', () => {
  it('plays halving-sprint from the title screen to the results and the replay', async () => {
    const a = (await H.newPage('alice')).page;
    const b = (await H.newPage('bob')).page;

    await enterTitle(a, 'Alice');
    await a.waitForFunction(() => document.querySelector<HTMLSelectElement>('[data-testid=scenario]')?.value === 'halving-sprint');
    await shot(a, '01-title');
    await a.fill('[data-testid=pace]', '1');
    await a.fill('[data-testid=bots]', '1');
    await a.selectOption('[data-testid=bot-strategy]', 'hodl-miner');
    await a.click('[data-testid=create]');
    await a.waitForSelector('[data-testid=lobby]');
    await a.waitForFunction(() => (document.querySelector('[data-testid=room-code]')?.textContent ?? '').length >= 4);
    const code = (await a.textContent('[data-testid=room-code]'))!.trim();

    await enterTitle(b, 'Bob');
    await b.fill('[data-testid=join-code]', code);
    await b.click('[data-testid=join]');
    await b.waitForSelector('[data-testid=lobby]');
    await a.waitForFunction(() => document.querySelectorAll('[data-testid^=seat-]').length === 3);
    await shot(a, '02-lobby');
    expect(await b.isVisible('[data-testid=start]')).toBe(false);

    await a.click('[data-testid=start]');
    for (const p of [a, b]) await p.waitForSelector('[data-testid=game-screen]');
    await a.waitForFunction(() => (window as unknown as { __bc: { view: { me: unknown } | null } }).__bc.view?.me != null);
    await b.waitForFunction(() => (window as unknown as { __bc: { view: { me: unknown } | null } }).__bc.view?.me != null);
    // Actions are accepted while paused: the host holds the clock so the halving waits for us.
    await a.click('[data-testid=host-pause]');
    await a.waitForFunction(() => (window as unknown as { __bc: { room: { status: string } } }).__bc.room.status === 'paused');
    const aId = await bc(a, (h) => h.view!.playerId);
    const bId = await bc(b, (h) => h.view!.playerId);
    expect(aId).not.toBe(bId);

    // Each buys a site and orders hardware.
    const siteA = await cheapestListed(a);
    expect(await submitForm(a, 'buySite', { siteId: siteA.id })).toContain('Accepted');
    await b.waitForFunction((id) => (window as unknown as { __bc: { view: { sites: { id: string; ownerId: string | null }[] } } }).__bc.view.sites.find((s) => s.id === id)?.ownerId != null, siteA.id);
    const siteB = await cheapestListed(b, [siteA.id]);
    expect(await submitForm(b, 'buySite', { siteId: siteB.id })).toContain('Accepted');
    for (const [page, site] of [[a, siteA], [b, siteB]] as const) {
      const model = await bc(page, (h) => h.view!.catalogue.map((m) => ({ id: m.id, kind: m.kind })));
      const pick = model.find((m) => m.kind === (site.tier === 'ai' ? 'gpu' : 'asic')) ?? model[0]!;
      expect(await submitForm(page, 'orderHardware', { modelId: pick.id, count: '20', siteId: site.id })).toContain('Accepted');
      await page.waitForFunction(() => ((window as unknown as { __bc: { view: { me: { lots: unknown[] } } } }).__bc.view.me.lots.length ?? 0) > 0);
    }
    // A rejected action shows the server's message in place.
    const rejected = await submitForm(a, 'tradeBtc', { side: 'sell', amountBtc: '5000' });
    expect(rejected).toMatch(/\([A-Z_]+\)$/);
    expect(rejected).not.toContain('Accepted');
    await shot(a, '03-game-1280');

    // Alice bids for lease capacity (inside the ±20 % band around $4.90 spot, under the NPC desk's
    // asks, so it rests); Bob sees the level in his depth ladder, next to the desk's quotes.
    expect(await submitForm(a, 'placeLeaseOrder', { side: 'bid', quantity: '3', priceUsdPerGpuHour: '4.25' })).toContain('Accepted');
    await b.click('[data-testid=tab-market]');
    await b.waitForFunction(() => Array.from(document.querySelectorAll('[data-testid=book-bid]')).some((r) => (r.textContent ?? '').includes('$4.25')));
    await shot(b, '04-lease-book-bob');

    // A spectator sees the match read-only.
    const c = (await H.newPage('spectator')).page;
    await enterTitle(c, 'Class');
    await c.fill('[data-testid=join-code]', code);
    await c.click('[data-testid=spectate]');
    await c.waitForSelector('[data-testid=game-screen]');
    await c.waitForFunction(() => (document.querySelector('[data-testid=company]')?.textContent ?? '').includes('Spectating'));
    expect(await c.isDisabled('[data-testid=submit-buySite]')).toBe(true);
    expect(await c.locator('[data-testid=host-controls]').count()).toBe(0);
    await shot(c, '04b-spectator');
    await c.close();

    // Keyboard: L jumps to the lease form; the same screen reads at 1920×1080.
    await a.click('[data-testid=topbar]');
    await a.keyboard.press('l');
    expect(await a.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('field-placeLeaseOrder-side');
    await a.keyboard.press('Escape');
    await a.setViewportSize({ width: 1920, height: 1080 });
    await a.waitForTimeout(600);
    await shot(a, '03b-game-1920');
    await a.setViewportSize({ width: 1280, height: 720 });

    // Reload Bob's page: he comes back to the same seat with his site.
    await b.reload();
    await b.waitForSelector('[data-testid=game-screen]');
    await b.waitForFunction(() => (window as unknown as { __bc: { view: { me: unknown } | null } }).__bc.view?.me != null);
    expect(await bc(b, (h) => h.view!.playerId)).toBe(bId);
    expect(await bc(b, (h) => h.view!.sites.filter((s) => s.ownerId === h.view!.playerId).map((s) => s.id))).toContain(siteB.id);
    await shot(b, '05-after-reload-bob');

    // The network drops (sockets killed server-side): the overlay shows, the client reconnects by itself.
    const room = matchMaker.getLocalRoomById(code);
    for (const c of room.clients) (c as unknown as { ref: { terminate(): void } }).ref.terminate();
    await b.waitForFunction(() => (window as unknown as { __bc: { connection: string } }).__bc.connection === 'reconnecting', undefined, { polling: 10 });
    await shot(b, '05c-reconnecting-bob');
    for (const p of [a, b]) {
      await p.waitForFunction(() => (window as unknown as { __bc: { connection: string } }).__bc.connection === 'connected');
      expect(await p.isVisible('[data-testid=reconnect-overlay]')).toBe(false);
    }
    expect(await bc(b, (h) => h.view!.playerId)).toBe(bId);
    expect(await bc(a, (h) => h.view!.playerId)).toBe(aId);
    await a.waitForSelector('[data-testid=host-pause]');

    // Speed up to the halving: both see the banner. The button resumes only once it knows the room
    // is paused again (after the reconnect a click could come before that state and pause anew).
    await a.waitForSelector('[data-testid=host-pause][data-paused=true]');
    await a.click('[data-testid=host-pause]');
    await a.waitForFunction(() => (window as unknown as { __bc: { room: { status: string } } }).__bc.room.status === 'running');
    await a.click('[data-testid=host-events]');
    await a.selectOption('[data-testid=host-event-kind]', 'pump');
    await a.fill('[data-testid=host-event-headline]', 'Teacher: a sudden pump');
    await a.click('[data-testid=host-inject]');
    await a.waitForFunction(() => (document.querySelector('[data-testid=status-host]')?.textContent ?? '') === '✓');
    await shot(a, '05b-host-inject');
    await a.click('[data-testid=host-events]');
    await a.selectOption('[data-testid=host-speed]', '8');
    await a.waitForSelector('[data-testid=banner-halving]');
    await shot(a, '06-halving-banner');
    await b.waitForFunction(() => (window as unknown as { __bc: { banners: string[] } }).__bc.banners.includes('halving'));

    // Race to the end: results with both rankings on both screens.
    await a.selectOption('[data-testid=host-speed]', '16');
    for (const p of [a, b]) await p.waitForSelector('[data-testid=results]');
    for (const p of [a, b]) {
      expect(await p.locator('[data-testid=rank-mcap-row]').count()).toBe(3);
      expect(await p.locator('[data-testid=rank-nav-row]').count()).toBe(3);
    }
    await a.waitForTimeout(300);
    await shot(a, '07-results');

    // The replay of the finished match plays back in the browser.
    await a.click('[data-testid=watch-replay]');
    await a.waitForSelector('[data-testid=replay-scrubber]');
    expect(await a.textContent('[data-testid=replay-summary]')).toMatch(/0 rejected · hash/);
    await a.click('[data-testid=replay-play]');
    await a.waitForFunction(() => Number((document.querySelector('[data-testid=replay-scrubber]') as HTMLInputElement).value) > 15);
    await shot(a, '08-replay');

    expect(H.errors).toEqual([]);
  });
});
