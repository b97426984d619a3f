/**
 * Exports off the event loop (issue 11, item 2): a 730-day, 21-seat match re-simulated for its
 * CSV must not stall `/healthz` (or any room), and one token gets one export at a time.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MatchStore } from '../../../server/persistence/store.js';
import { MatchRunner } from '../../../server/game/match.js';
import { BotSeat, loadStrategies, strategyNames } from '../../../server/game/bots.js';
import { getScenario } from '../../../shared/economy/scenarios/index.js';
import { bootServer, waitFor, type TestServer } from '../helpers.js';

const ID = 'LONGXX';
const TOKEN = 'host-token-long';
const SEATS = 21;

/** A finished 730-day match with 21 bot seats, written straight into a fresh data dir. */
async function longMatch(dataDir: string): Promise<{ day: number; seq: number }> {
  await loadStrategies();
  const scenario = getScenario('history-2023-2025')!;
  expect(scenario.days).toBeGreaterThanOrEqual(730);
  const store = new MatchStore(dataDir);
  store.createMatch({ id: ID, name: 'Long', scenarioId: scenario.id, seed: 'long', options: {}, hostToken: TOKEN, status: 'ended', currentDay: 0 });
  const runner = MatchRunner.create(store, ID, scenario, 'long');
  const names = strategyNames().filter((n) => n !== 'idle');
  const bots = Array.from({ length: SEATS }, (_, i) => {
    const strategy = names[i % names.length]!;
    runner.join(`p${i + 1}`, `Company ${i + 1}`, strategy);
    return new BotSeat(`p${i + 1}`, strategy, 'long');
  });
  store.transaction(() => {
    while (runner.day < 730 && !runner.ended) {
      for (const b of bots) for (const a of b.decide(runner.state)) runner.apply(b.playerId, a);
      runner.stepDay();
      runner.persistProgress();
    }
  });
  store.saveResult({ matchId: ID, finalDay: runner.day, stateHash: runner.hash(), standings: runner.standings(), endedAt: new Date().toISOString() });
  store.setCurrentDay(ID, runner.day);
  const out = { day: runner.day, seq: runner.seq };
  store.close();
  return out;
}

describe('exports on the worker pool', () => {
  let ts: TestServer;
  let match: { day: number; seq: number };
  beforeAll(async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'bc-exports-'));
    match = await longMatch(dataDir);
    ts = await bootServer({ dataDir });
  });
  afterAll(async () => {
    await ts?.stop();
  });

  it('answers /healthz while a 730-day 21-seat export runs, and the export is complete', async () => {
    const delay = monitorEventLoopDelay({ resolution: 10 });
    delay.enable();
    // The export's headers go out only once the file is built: health checks answered before them
    // were answered while it was being built.
    let exportAnswered = false;
    const exported = fetch(`${ts.http}/api/matches/${ID}/export.csv?token=${TOKEN}`).then(async (r) => {
      exportAnswered = true;
      return { status: r.status, body: Buffer.from(await r.arrayBuffer()) };
    });
    let healthyDuring = 0;
    while (!exportAnswered) {
      const h = await fetch(`${ts.http}/healthz`);
      expect(h.status).toBe(200);
      if (!exportAnswered) healthyDuring++;
    }
    const { status, body } = await exported;
    delay.disable();
    expect(status).toBe(200);
    // Before: the re-simulation ran in the request handler and /healthz waited for all of it.
    expect(healthyDuring).toBeGreaterThanOrEqual(3);
    const text = body.toString('utf8');
    expect(text.startsWith('\uFEFFrecord,')).toBe(true);
    const lines = text.trim().split('\n');
    expect(lines.filter((l) => l.startsWith('player-day,')).length).toBe(SEATS * match.day);
    console.log(`export: ${JSON.stringify({ days: match.day, seats: SEATS, bytes: body.length, healthzDuring: healthyDuring, loopDelayP99Ms: Math.round(delay.percentile(99) / 1e6), loopDelayMaxMs: Math.round(delay.max / 1e6) })}`);
  });

  it('runs one export per token at a time (429 with a clear code), then serves the next', async () => {
    const first = fetch(`${ts.http}/api/matches/${ID}/export.csv?token=${TOKEN}`);
    const runs = ts.server.context.heavy.stats.run;
    await waitFor(() => ts.server.context.heavy.stats.run > runs, 10_000, 'first export admitted');
    const second = await fetch(`${ts.http}/api/matches/${ID}/export.csv`, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(second.status).toBe(429);
    expect(await second.json()).toMatchObject({ error: 'ONE_AT_A_TIME', message: expect.stringMatching(/already running/) });
    expect((await first).status).toBe(200);
    await (await first).arrayBuffer();
    const replay = await fetch(`${ts.http}/api/matches/${ID}/replay.json?token=${TOKEN}`);
    expect(replay.status).toBe(200);
    const file = await replay.json();
    expect(file.entries).toHaveLength(match.seq);
    expect(file.finalDay).toBe(match.day);
  });

  it('serves an ended match\'s replay to a whole class behind one address: no 429, built once', async () => {
    const runs = ts.server.context.heavy.stats.run;
    const replies = await Promise.all(Array.from({ length: 6 }, () => fetch(`${ts.http}/api/matches/${ID}/replay.json`)));
    expect(replies.map((r) => r.status)).toEqual([200, 200, 200, 200, 200, 200]);
    const files = await Promise.all(replies.map((r) => r.json() as Promise<{ entries: unknown[] }>));
    for (const f of files) expect(f.entries).toHaveLength(match.seq);
    // Built at most once more (the previous test may already have built it).
    expect(ts.server.context.heavy.stats.run - runs).toBeLessThanOrEqual(1);
  });
});
