import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runReplay, type ReplayFile } from '../../shared/rules/replay.js';
import { stateHash } from '../../shared/rules/engine.js';
import { runLeague, type LeagueResults } from '../../server/league/runLeague.js';

const ROOT = join(import.meta.dirname, '..', '..');
const tmp = mkdtempSync(join(tmpdir(), 'league-bots-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const KITS = ['kits/python/bot.py', 'kits/js/bot.mjs'];
const BAD = ['test/server/bots/fixtures/loop.py', 'test/server/bots/fixtures/exit.sh', 'test/server/bots/fixtures/garbage.py'];
const HUNG = 'test/server/bots/fixtures/loopStrategy.ts';

describe('a league of bots from anywhere', () => {
  it('plays kits, broken programs and a hung module to the end: strikes for the bad ones, none for the kits', async () => {
    const outDir = join(tmp, 'mixed');
    const bots = ['hodl-miner', 'random', ...KITS, ...BAD, HUNG];
    const summary = await runLeague({
      bots, matches: 2, scenarioId: 'halving-sprint', seed: 'any', playersPerMatch: bots.length, workers: 2, outDir,
      dbFile: join(tmp, 'mixed.sqlite'), days: 120, decisionBudgetMs: 50, botCwd: ROOT, maxStrikes: 3, hangMs: 1000,
    });
    expect(summary.played).toBe(2);
    const strikes = Object.fromEntries(summary.totals.map((t) => [t.bot, t.strikes]));
    for (const kit of KITS) expect(strikes[kit]).toBe(0);
    for (const bad of BAD) expect(strikes[bad]).toBe(6); // retired after 3 strikes, in each of 2 matches
    expect(strikes[HUNG]).toBe(2); // killed once per match, then sat out
    for (const kit of KITS) expect(summary.totals.find((t) => t.bot === kit)!.actions).toBeGreaterThan(0);

    // The bad bots sit out with their starting cash, which the founders' stake counts at par: a
    // kit's simple plan beats that in most sprints, not all. Each kit beats each bad bot at least once.
    const results = JSON.parse(readFileSync(join(outDir, 'results.json'), 'utf8')) as LeagueResults;
    const h = results.headToHead;
    const at = (b: string) => h.bots.indexOf(b);
    for (const kit of KITS) for (const bad of BAD) expect(h.wins[at(kit)]![at(bad)]).toBeGreaterThanOrEqual(1);
    expect(h.games[at(KITS[0]!)]![at(KITS[1]!)]).toBe(2);
    expect(readFileSync(join(outDir, 'head-to-head.csv'), 'utf8').split('\n')[0]).toBe(`bot,${bots.map((b) => `vs ${b}`).join(',')}`);

    // Per-bot logs beside the replays: stderr of process bots, strikes, the hung module's kill.
    const logs = readdirSync(join(outDir, 'logs', 'any-m1'));
    expect(logs).toHaveLength(bots.length);
    const read = (name: string) => readFileSync(join(outDir, 'logs', 'any-m1', logs.find((f) => f.endsWith(`-${name}.log`))!), 'utf8');
    expect(read('python')).toMatch(/hello: I am p\d in halving-sprint/);
    expect(read('python')).toMatch(/strikes 0/);
    // Killed by its CPU time, or, when the machine is too loaded to give it that CPU before the
    // silence limit, by that limit (processBot.test.ts proves each kill on its own).
    expect(read('loop')).toMatch(/# strike d0 (timeout: killed after \d+ ms of CPU|silent: killed after [\d.]+ s without an answer)/);
    expect(read('exit')).toMatch(/crashed: did not start: exited with code 3; last stderr line: I quit/);
    expect(read('garbage')).toMatch(/garbage: not JSON/);
    expect(read('loopStrategy')).toMatch(/# strike d3 killed: a decision never returned/);

    // The match replays to its hash even though it was re-played after the hung module was retired.
    const file = JSON.parse(readFileSync(join(outDir, 'replays', 'any-m1.json'), 'utf8')) as ReplayFile;
    expect(stateHash(runReplay(file))).toBe(file.stateHash);
  });

  it('plays a match that waited on a thread killed for another match\'s hung bot again, with the same results as on its own thread', async () => {
    // Two matches are queued per thread: on one thread, every match but the first waits behind a
    // match whose hung bot gets the thread terminated.
    const run = (name: string, workers: number) => runLeague({
      bots: ['hodl-miner', 'random', HUNG], matches: 3, scenarioId: 'halving-sprint', seed: 'bystander', playersPerMatch: 3, workers, outDir: join(tmp, name),
      dbFile: join(tmp, `${name}.sqlite`), days: 8, decisionBudgetMs: 1_000, botCwd: ROOT, hangMs: 1000,
    });
    const one = await run('bystander1', 1);
    expect(one.played).toBe(3);
    expect(one.totals.find((t) => t.bot === HUNG)!.strikes).toBe(3); // killed once per match, never twice
    const three = await run('bystander3', 3);
    expect(readFileSync(join(tmp, 'bystander1', 'results.json'), 'utf8')).toBe(readFileSync(join(tmp, 'bystander3', 'results.json'), 'utf8'));
    expect(three.totals).toEqual(one.totals);
  });

  it('charges a worker that ran out of memory to the strategy deciding at the time, and replays the match without it', async () => {
    const hog = 'test/server/bots/fixtures/hogStrategy.ts';
    const summary = await runLeague({
      bots: ['hodl-miner', hog], matches: 1, scenarioId: 'halving-sprint', seed: 'oom', playersPerMatch: 2, workers: 1, outDir: join(tmp, 'oom'),
      dbFile: join(tmp, 'oom.sqlite'), days: 10, decisionBudgetMs: 50, botCwd: ROOT, workerMemoryMb: 200,
    });
    expect(summary.totals.map((t) => [t.bot, t.strikes])).toEqual([['hodl-miner', 0], [hog, 1]]);
    const log = readFileSync(join(tmp, 'oom', 'logs', 'oom-m1', 'p2-hogStrategy.log'), 'utf8');
    expect(log).toMatch(/# strike d2 killed: a decision never returned \(a loop, or the worker ran out of memory\)/);
  });

  it('gives the same results.json twice for the kits (process bots are deterministic programs)', async () => {
    // --watch's feed: the table after every match.
    const watched: number[] = [];
    const run = (name: string) => runLeague({
      bots: ['disciplined-miner', ...KITS], matches: 2, scenarioId: 'halving-sprint', seed: 'kits', playersPerMatch: 3, workers: 0,
      outDir: join(tmp, name), dbFile: join(tmp, `${name}.sqlite`), days: 30, decisionBudgetMs: 2_000, botCwd: ROOT,
      onResults: (results, totals, done, total) => {
        expect(totals).toHaveLength(3);
        expect(total).toBe(2);
        watched.push(done, results.matches.length, results.ratings.reduce((n, r) => n + r.matches, 0));
      },
    });
    await run('k1');
    expect(watched).toEqual([1, 1, 3, 2, 2, 6]);
    await run('k2');
    const a = readFileSync(join(tmp, 'k1', 'results.json'), 'utf8');
    expect(readFileSync(join(tmp, 'k2', 'results.json'), 'utf8')).toBe(a);
    expect(existsSync(join(tmp, 'k1', 'logs', 'kits-m2'))).toBe(true);
  });
});
