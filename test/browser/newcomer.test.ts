/**
 * A newcomer's first minutes, in Chromium against a real server: the title screen proposes a
 * ~25-minute pace, the host's speed menu reaches the slowest pace, everyone sees the pause, and the
 * map answers hover and tap on sites and regions with labels that overlap nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { bc, shot, startHarness, type Harness } from './harness.js';

let H: Harness;

beforeAll(async () => {
  H = await startHarness();
});

afterAll(async () => {
  await H?.close();
});

interface Box { x: number; y: number; w: number; h: number }
interface MapProbe { sites: { id: string; x: number; y: number }[]; regions: { id: string; x: number; y: number }[]; labels: Box[]; tip: string | null }

const probe = (page: Page) => bc(page, (b) => (b as unknown as { map: MapProbe | null }).map);
const tipText = (page: Page) => bc(page, (b) => (b as unknown as { mapTip: string | null }).mapTip);

function overlaps(a: Box, b: Box): boolean {
  return a.x < b.x + b.w - 1 && b.x < a.x + a.w - 1 && a.y < b.y + b.h - 1 && b.y < a.y + a.h - 1;
}

describe('a newcomer starts a match', () => {
  it('gets a 25-minute pace, a speed menu down to 0.05 d/s, an obvious pause and a map that answers the pointer', async () => {
    const a = (await H.newPage('host')).page;
    const b = (await H.newPage('guest')).page;
    await a.goto(H.url);
    await a.waitForSelector('[data-testid=title]');
    await a.fill('[data-testid=name]', 'Newcomer');
    await a.waitForFunction(() => document.querySelector<HTMLSelectElement>('[data-testid=scenario]')?.value === 'halving-sprint');
    // halving-sprint's 120 days at the proposed pace: 120 × 12.5 s = 25 minutes.
    expect(await a.inputValue('[data-testid=pace]')).toBe('0.08');
    expect(await a.textContent('[data-testid=pace-hint]')).toContain('25 min');
    await a.fill('[data-testid=bots]', '2');
    await a.click('[data-testid=create]');
    await a.waitForSelector('[data-testid=lobby]');
    await a.waitForFunction(() => (document.querySelector('[data-testid=room-code]')?.textContent ?? '').length >= 4);
    const code = (await a.textContent('[data-testid=room-code]'))!.trim();
    await b.goto(H.url);
    await b.waitForSelector('[data-testid=title]');
    await b.fill('[data-testid=name]', 'Guest');
    await b.fill('[data-testid=join-code]', code);
    await b.click('[data-testid=join]');
    await b.waitForSelector('[data-testid=lobby]');
    await a.click('[data-testid=start]');
    for (const p of [a, b]) await p.waitForSelector('[data-testid=game-screen]');
    await a.waitForFunction(() => (window as unknown as { __bc: { room: { daysPerSecond: number } | null } }).__bc.room?.daysPerSecond === 0.08);

    const speeds = await a.$$eval('[data-testid=host-speed] option', (os) => os.map((o) => Number((o as HTMLOptionElement).value)));
    expect(speeds[0]).toBe(0.05);
    expect(speeds).toContain(0.08);
    expect(speeds.at(-1)).toBe(50);
    expect(await a.inputValue('[data-testid=host-speed]')).toBe('0.08');

    await a.click('[data-testid=host-pause]');
    for (const p of [a, b]) await p.waitForSelector('[data-testid=paused-flag]', { state: 'visible' });
    expect(await b.textContent('[data-testid=paused-flag]')).toContain('PAUSED');
    await shot(a, 'newcomer-paused');

    // Hover a listed site: the tooltip names it and its price; hover a region node: power and queue.
    await a.waitForFunction(() => ((window as unknown as { __bc: { map: MapProbe | null } }).__bc.map?.sites.length ?? 0) > 0);
    const map = (await probe(a))!;
    const listed = await bc(a, (h) => h.view!.sites.filter((s) => s.ownerId === null).map((s) => s.id));
    const site = map.sites.find((s) => listed.includes(s.id))!;
    await a.mouse.move(site.x, site.y);
    await a.waitForFunction(() => (window as unknown as { __bc: { mapTip: string | null } }).__bc.mapTip !== null);
    expect(await tipText(a)).toContain(site.id);
    expect(await tipText(a)).toContain('buy this site');
    await shot(a, 'newcomer-map-site-tip');
    const region = map.regions[0]!;
    await a.mouse.move(region.x, region.y);
    await a.waitForFunction(() => ((window as unknown as { __bc: { mapTip: string | null } }).__bc.mapTip ?? '').includes('grid queue'));
    expect(await tipText(a)).toMatch(/power now \$\d+\/MWh/);
    await shot(a, 'newcomer-map-region-tip');

    // Region labels overlap neither each other nor any site or region marker.
    for (const [i, l] of map.labels.entries()) {
      for (const other of map.labels.slice(i + 1)) expect(overlaps(l, other), 'two labels overlap').toBe(false);
      for (const s of map.sites) expect(overlaps(l, { x: s.x - 4, y: s.y - 4, w: 8, h: 8 }), `label over site ${s.id}`).toBe(false);
    }

    // A tap on a listed site (touch has no hover) shows the same tooltip and opens the buy form.
    await a.mouse.move(5, 5);
    await a.mouse.click(site.x, site.y);
    await a.waitForFunction(() => (window as unknown as { __bc: { mapTip: string | null } }).__bc.mapTip !== null);
    expect(await a.inputValue('[data-testid=field-buySite-siteId]')).toBe(site.id);

    // The goal and every top-bar number explain themselves.
    expect(await a.textContent('[data-testid=goal-line]')).toMatch(/Goal by day 120/);
    expect(await a.textContent('[data-testid=goal-line]')).toMatch(/of 4 at market/);
    await a.hover('[data-testid=top-btc]');
    await a.waitForSelector('[data-testid=gloss-tip]', { state: 'visible' });
    expect(await a.textContent('[data-testid=gloss-tip]')).toContain('US$ per BTC');
    await shot(a, 'newcomer-glossary-btc');
    for (const key of ['date', 'day', 'halving', 'contest', 'gw', 'compute', 'hype', 'status']) {
      expect(await a.getAttribute(`[data-testid=top-${key}] >> xpath=..`, 'data-gloss'), key).toBe(key);
    }
    await a.hover('[data-testid=chart-gloss-hashpriceUsdPerPhDay]');
    await a.waitForFunction(() => (document.querySelector('[data-testid=gloss-tip]')?.textContent ?? '').includes('per PH/s per day'));
    await a.hover('[data-gloss=multiple]');
    expect(await a.textContent('[data-testid=gloss-tip]')).toContain('operating business');

    // Before the click: the site's price, MW, what fills it and what NAV will count it at.
    const pvSite = (await a.textContent('[data-testid=preview-buySite]'))!;
    expect(pvSite).toMatch(/Costs \$[\d.]+[kMB]? for [\d.]+ MW/);
    expect(pvSite).toMatch(/NAV counts it at/);
    expect((await a.textContent('[data-testid=submit-buySite]'))!.length).toBeGreaterThan(0);
    await a.click('[data-testid=submit-buySite]');
    await a.waitForFunction(() => (document.querySelector('[data-testid=status-buySite]')?.textContent ?? '').includes('Accepted'));
    await a.waitForFunction((id) => (window as unknown as { __bc: { view: { sites: { id: string; ownerId: string | null }[] } } }).__bc.view.sites.find((s) => s.id === id)?.ownerId != null, site.id);
    await a.waitForSelector('[data-testid=nav-breakdown]');
    expect(await a.textContent('[data-testid=nav-breakdown]')).toContain('Sites');

    // Hardware: cost, MW, revenue per day and payback before the order.
    await a.click('[data-testid=tab-hardware]');
    await a.fill('[data-testid=field-orderHardware-count]', '500');
    const pvOrder = (await a.textContent('[data-testid=preview-orderHardware]'))!;
    expect(pvOrder).toMatch(/500 × \$[\d.]+[kM]? = \$[\d.]+[kM]?/);
    expect(pvOrder).toMatch(/Draws [\d.]+ MW/);
    expect(pvOrder).toMatch(/\/day/);
    expect(pvOrder).toMatch(/payback|no payback/);
    await shot(a, 'newcomer-preview-order');
    await a.click('[data-testid=submit-orderHardware]');
    await a.waitForFunction(() => (document.querySelector('[data-testid=status-orderHardware]')?.textContent ?? '').includes('Accepted'));
    // Success lines fade instead of staying for weeks of game time.
    await a.waitForFunction(() => (document.querySelector('[data-testid=status-orderHardware]')?.textContent ?? '') === '');

    // The loan form quotes the rate the engine then sets on the loan.
    await a.click('[data-testid=tab-finance]');
    // Unsecured lenders advance against machines, sites and contracts: borrow within that room.
    const room = await bc(a, (h) => (h.view!.me as unknown as { quotes: { borrowRoomUsd: number } }).quotes.borrowRoomUsd);
    expect(room).toBeGreaterThan(100_000);
    await a.fill('[data-testid=field-takeLoan-amountUsd]', String(Math.floor(Math.min(5_000_000, room * 0.9))));
    const pvLoan = (await a.textContent('[data-testid=preview-takeLoan]'))!;
    const quoted = Number(/Your rate today: ([\d.]+)%/.exec(pvLoan)![1]);
    await a.click('[data-testid=submit-takeLoan]');
    await a.waitForFunction(() => ((window as unknown as { __bc: { view: { me: { loans: unknown[] } | null } } }).__bc.view.me?.loans.length ?? 0) > 0);
    const rate = await bc(a, (h) => (h.view!.me as unknown as { loans: { ratePctYear: number }[] }).loans[0]!.ratePctYear);
    expect(rate).toBeCloseTo(quoted, 2);
    await shot(a, 'newcomer-nav-breakdown');

    // My activity: the order waits with its arrival day; once it arrives the inbox says so.
    await a.click('[data-testid=tab-activity]');
    const lotId = await bc(a, (h) => h.view!.me!.lots[0]!.id);
    expect(await a.textContent(`[data-testid=open-${lotId}]`)).toMatch(/arrives day \d+/);
    // Run until the lot arrives, then pause again: the rest of the test takes as long as the machine
    // needs, and the match must not end under it (4 d/s leaves many seconds for the pause to land).
    await a.click('[data-testid=tab-sites]');
    await a.selectOption('[data-testid=host-speed]', '4');
    await a.click('[data-testid=host-pause]');
    await a.waitForFunction((id) => (window as unknown as { __bc: { view: { me: { lots: { id: string; status: string }[] } | null } } }).__bc.view.me?.lots.find((l) => l.id === id)?.status !== 'ordered', lotId);
    await a.click('[data-testid=host-pause]');
    await a.waitForSelector('[data-testid=paused-flag]', { state: 'visible' });
    await a.waitForFunction(() => (document.querySelector('[data-testid=activity-unread]')?.textContent ?? '') !== '');
    await a.click('[data-testid=tab-activity]');
    await a.waitForFunction(() => Array.from(document.querySelectorAll('[data-testid=inbox] .item')).some((e) => (e.textContent ?? '').includes('Hardware arrived')));
    expect(await a.textContent('[data-testid=activity-unread]')).toBe('');
    await shot(a, 'newcomer-activity');

    // Chat and emotes in an ordinary match: plain text for everyone; the host can mute it.
    await b.click('[data-testid=tab-activity]');
    await b.fill('[data-testid=match-chat-input]', '<i>hello</i> table');
    await b.click('[data-testid=match-chat-send]');
    await a.waitForFunction(() => (document.querySelector('[data-testid=match-chat-lines]')?.textContent ?? '').includes('<i>hello</i> table'));
    expect(await a.$$eval('[data-testid=match-chat-lines] i', (els) => els.length)).toBe(0);
    await a.click('[data-testid=emote-1]');
    await b.waitForFunction(() => document.querySelector('[data-testid=match-chat-lines] .emote') !== null);
    await a.click('[data-testid=host-events]');
    await a.click('[data-testid=host-mute-chat]');
    await a.waitForFunction(() => (document.querySelector('[data-testid=host-mute-chat]')?.textContent ?? '') === 'Reopen chat');
    await b.fill('[data-testid=match-chat-input]', 'anyone?');
    await b.click('[data-testid=match-chat-send]');
    await b.waitForFunction(() => (document.querySelector('[data-testid=match-chat-status]')?.textContent ?? '').includes('muted'));
    await shot(b, 'newcomer-chat');
    expect(H.errors).toEqual([]);
  });
});
