/**
 * The replay viewer: a recorded match (built here with the shared engine, as a league would) is
 * opened through the file picker and through `?replay=URL`, re-simulated in the browser to the same
 * state hash, scrubbed, and played through the halving with its banner.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { addPlayer, createGame, stateHash, step, applyAction } from '../../shared/rules/engine.js';
import { REPLAY_FORMAT, type LogEntry, type ReplayFile } from '../../shared/rules/replay.js';
import { halvingSprint } from '../../shared/economy/scenarios/halvingSprint.js';
import type { GameState } from '../../shared/rules/types.js';
import { bc, shot, startHarness, type Harness } from './harness.js';

let H: Harness;
let file: ReplayFile;
let path: string;
let final: GameState;

/** Two companies; each buys the cheapest listed site on day 2; the match stops on day 70. */
function recordMatch(): ReplayFile {
  let state: GameState = createGame(halvingSprint, 'replay-test');
  const entries: LogEntry[] = [];
  for (const [id, name] of [['p1', 'Ada'], ['p2', 'Grace']] as const) {
    state = addPlayer(state, { id, name, strategy: '' });
    entries.push({ day: 0, kind: 'join', playerId: id, name, strategy: '' });
  }
  while (state.day < 2) state = step(state).state;
  for (const id of ['p1', 'p2']) {
    const site = Object.values(state.sites).filter((s) => s.ownerId === null).sort((a, b) => a.listPriceUsd - b.listPriceUsd)[0]!;
    const action = { type: 'buySite' as const, siteId: site.id };
    const r = applyAction(state, id, action);
    if (r.ok) {
      state = r.state;
      entries.push({ day: state.day, kind: 'action', playerId: id, action });
    }
  }
  while (state.day < 70) state = step(state).state;
  final = state;
  return { format: REPLAY_FORMAT, scenario: halvingSprint, seed: 'replay-test', finalDay: 70, entries, stateHash: stateHash(state) };
}

beforeAll(async () => {
  H = await startHarness();
  file = recordMatch();
  path = join(mkdtempSync(join(tmpdir(), 'bc-replay-')), 'match.replay.json');
  writeFileSync(path, JSON.stringify(file));
});

afterAll(async () => {
  await H?.close();
});

describe('replay viewer', () => {
  it('opens a file from the picker, re-simulates it, scrubs and plays through the halving', async () => {
    const { page } = await H.newPage('replay');
    await page.goto(H.url);
    await page.click('[data-testid=open-replay]');
    await page.setInputFiles('[data-testid=replay-file]', path);
    await page.waitForSelector('[data-testid=replay-scrubber]');
    // The engine avoids engine-dependent float functions (detMath), so Chromium reproduces Node's hash.
    const summary = await page.textContent('[data-testid=replay-summary]');
    expect(summary).toContain('0 rejected');
    expect(summary).toContain('hash ✓');

    await page.fill('[data-testid=replay-scrubber]', '40');
    await page.waitForFunction(() => (document.querySelector('[data-testid=replay-day]')?.textContent ?? '').startsWith('day 40'));
    expect(await bc(page, (h) => h.view!.day)).toBe(40);
    const owned = await bc(page, (h) => h.view!.sites.filter((s) => s.ownerId !== null).length);
    expect(owned).toBeGreaterThanOrEqual(2);

    await page.selectOption('[data-testid=replay-speed]', '20');
    await page.click('[data-testid=replay-play]');
    await page.waitForSelector('[data-testid=banner-halving]');
    await shot(page, '09-replay-halving');
    await page.waitForFunction(() => (document.querySelector('[data-testid=replay-day]')?.textContent ?? '').startsWith('day 70'));
    const shown = await bc(page, (h) => h.view as unknown as { world: { btcUsd: number; hashpriceUsdPerPhDay: number }; players: { navUsd: number }[] });
    expect(shown.world.btcUsd).toBeCloseTo(final.btc.btcUsd, 2);
    expect(shown.world.hashpriceUsdPerPhDay).toBeCloseTo(final.btc.hashpriceUsdPerPhDay, 4);
    expect(shown.players.map((p) => Math.round(p.navUsd))).toEqual(final.playerOrder.map((id) => Math.round(final.players[id]!.navUsd)));
    expect(H.errors).toEqual([]);
  });

  it('opens ?replay=URL and says so when the file is not a replay', async () => {
    const { page, context } = await H.newPage('replay-url');
    await context.route('**/files/*.json', (route) => {
      const body = route.request().url().endsWith('good.json') ? JSON.stringify(file) : JSON.stringify({ hello: 'world' });
      return route.fulfill({ status: 200, contentType: 'application/json', body });
    });
    await page.goto(`${H.url}?replay=${encodeURIComponent(`${H.url}files/good.json`)}`);
    await page.waitForSelector('[data-testid=replay-scrubber]');
    await page.goto(`${H.url}?replay=${encodeURIComponent(`${H.url}files/bad.json`)}`);
    await page.waitForSelector('[data-testid=replay-error]');
    expect(await page.textContent('[data-testid=replay-error]')).toContain('Not a replay file');
    expect(H.errors).toEqual([]);
  });
});
