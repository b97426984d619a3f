import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SCENARIO_IDS } from '../../shared/economy/scenarios/index.js';
import { runReplay, type ReplayFile } from '../../shared/rules/replay.js';
import { stateHash } from '../../shared/rules/engine.js';
import { scheduleMatch, schedule } from '../../server/league/scheduler.js';
import { computeRatings, rankPlayers } from '../../server/league/ratings.js';
import { runLeague, type LeagueOptions } from '../../server/league/runLeague.js';

const tmp = mkdtempSync(join(tmpdir(), 'league-test-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const scenarioId = SCENARIO_IDS[0]!;
const league = (name: string, extra: Partial<LeagueOptions> = {}): LeagueOptions => ({
  bots: ['random', 'hodl-miner', 'disciplined-miner', 'narrative-chaser'],
  matches: 4,
  scenarioId,
  seed: 'det',
  playersPerMatch: 3,
  workers: 0,
  outDir: join(tmp, name),
  dbFile: join(tmp, `${name}.sqlite`),
  days: 25,
  // Timeouts depend on machine load; a generous budget keeps this determinism test about the rules.
  decisionBudgetMs: 5_000,
  ...extra,
});

describe('league schedule', () => {
  it('balances appearances and rotates seats when fewer seats than bots', () => {
    const bots = ['a', 'b', 'c', 'd', 'e'];
    const matches = schedule(bots, 3, 's', 0, 20);
    const count = new Map<string, number>();
    for (const m of matches) {
      expect(new Set(m.seats.map((s) => s.bot)).size).toBe(3);
      for (const s of m.seats) count.set(s.bot, (count.get(s.bot) ?? 0) + 1);
    }
    // 60 seats over 5 bots: each plays 12 ± 1 times.
    for (const b of bots) expect(Math.abs((count.get(b) ?? 0) - 12)).toBeLessThanOrEqual(1);
    expect(matches.map((m) => m.seed)).toEqual(matches.map((_, i) => `s-m${i + 1}`));
  });

  it('seats every bot in every match and rotates who acts first when seats ≥ bots', () => {
    const firsts = schedule(['a', 'b', 'c'], 3, 's', 0, 6).map((m) => m.seats[0]!.bot);
    expect(firsts).toEqual(['a', 'b', 'c', 'a', 'b', 'c']);
    expect(scheduleMatch(['a', 'b'], 4, 's', 0).seats.map((s) => s.bot)).toEqual(['a', 'b', 'a', 'b']);
  });

  it('does not depend on the league length (a longer league extends a shorter one)', () => {
    expect(schedule(['a', 'b', 'c', 'd'], 2, 'x', 0, 5)).toEqual(schedule(['a', 'b', 'c', 'd'], 2, 'x', 0, 9).slice(0, 5));
  });
});

describe('league ratings', () => {
  it('ranks with ties sharing a place', () => {
    const ranked = rankPlayers([{ navUsd: 1, marketCapUsd: 5 }, { navUsd: 3, marketCapUsd: 5 }, { navUsd: 2, marketCapUsd: 9 }], 'marketCap');
    expect(ranked.map((p) => p.rank)).toEqual([2, 2, 1]);
    expect(rankPlayers([{ navUsd: 1, marketCapUsd: 5 }, { navUsd: 3, marketCapUsd: 5 }], 'nav').map((p) => p.rank)).toEqual([2, 1]);
    // Issuing stock doubles NAV but not NAV per share.
    const diluted = [{ navUsd: 100, marketCapUsd: 150, sharesOutstanding: 20 }, { navUsd: 60, marketCapUsd: 60, sharesOutstanding: 10 }];
    expect(rankPlayers(diluted, 'nav').map((p) => p.rank)).toEqual([1, 2]);
    expect(rankPlayers(diluted, 'navPerShare').map((p) => p.rank)).toEqual([2, 1]);
    expect(rankPlayers(diluted, 'marketCapPerShare').map((p) => p.rank)).toEqual([1, 2]);
  });

  it('puts a bot that always wins first and one that always loses last', () => {
    const matches = Array.from({ length: 10 }, (_, i) => ({
      seed: `m${i}`,
      players: [
        { bot: 'loser', rank: 3, navUsd: 0, marketCapUsd: 0 },
        { bot: 'mid', rank: 2, navUsd: 0, marketCapUsd: 0 },
        { bot: 'winner', rank: 1, navUsd: 0, marketCapUsd: 0 },
      ],
    }));
    const r = computeRatings(['loser', 'mid', 'winner'], matches);
    expect(r.map((x) => x.bot)).toEqual(['winner', 'mid', 'loser']);
    expect(r[0]).toMatchObject({ matches: 10, meanRank: 1 });
    expect(r[0]!.sigma).toBeLessThan(25 / 3);
  });
});

describe('runLeague', () => {
  it('gives identical results.json for the same arguments, in-process or on worker threads', async () => {
    const a = await runLeague(league('a'));
    await runLeague(league('b', { workers: 2 }));
    expect(a.played).toBe(4);
    const ja = readFileSync(join(tmp, 'a', 'results.json'), 'utf8');
    expect(readFileSync(join(tmp, 'b', 'results.json'), 'utf8')).toBe(ja);
    const results = JSON.parse(ja) as { matches: { seed: string; players: { bot: string; rank: number }[] }[]; ratings: { bot: string; matches: number }[] };
    expect(results.matches).toHaveLength(4);
    expect(results.matches[0]!.players).toHaveLength(3);
    expect(results.ratings.reduce((s, r) => s + r.matches, 0)).toBe(12);
    const csv = readFileSync(join(tmp, 'a', 'leaderboard.csv'), 'utf8').trim().split('\n');
    expect(csv[0]).toMatch(/^place,bot,ordinal,mu,sigma,matches,mean_rank/);
    expect(csv).toHaveLength(5);
  });

  it('continues a league from the database: 2 matches then 4 equals 4 at once', async () => {
    const first = await runLeague(league('c', { matches: 2 }));
    expect(first.played).toBe(2);
    const second = await runLeague(league('c'));
    expect(second.played).toBe(2);
    expect(readFileSync(join(tmp, 'c', 'results.json'), 'utf8')).toBe(readFileSync(join(tmp, 'a', 'results.json'), 'utf8'));
    const again = await runLeague(league('c'));
    expect(again.played).toBe(0);
  });

  it('writes replays that reproduce each match\'s stateHash', () => {
    const file = JSON.parse(readFileSync(join(tmp, 'a', 'replays', 'det-m2.json'), 'utf8')) as ReplayFile;
    expect(file.finalDay).toBe(25);
    expect(stateHash(runReplay(file))).toBe(file.stateHash);
  });
});
