import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { getScenario } from '../../../../shared/economy/scenarios/index.js';
import { botSeed, runMatch, type MatchResult } from '../../../../shared/bots/runMatch.js';
import { limitsFor, processStrategy, type ProcessLimits, type ProcessStrategy } from '../../../../server/bots/process/processBot.js';
import { resolveBot } from '../../../../server/bots/resolve.js';

const ROOT = join(import.meta.dirname, '..', '..', '..', '..');
const FIXTURES = join(ROOT, 'test', 'server', 'bots', 'fixtures');
const scenario = getScenario('halving-sprint')!;

/** Plays `days` days with one process bot (p1) against hodl-miner (p2). */
function play(path: string, days: number, limits: Partial<ProcessLimits> = {}, maxStrikes = 10): { result: MatchResult; bot: ProcessStrategy } {
  const src = resolveBot(path, { cwd: ROOT });
  if (src.kind !== 'process') throw new Error(`${path} is not a process bot`);
  const bot = processStrategy({
    spawn: src.spawn, label: path, seed: botSeed('t', 'p1'),
    limits: limitsFor(50, limits), maxStrikes,
  });
  try {
    const result = runMatch({
      scenario, seed: 't', untilDay: days, clock: () => performance.now(),
      bots: [{ id: 'p1', name: 'proc', strategy: bot }, { id: 'p2', name: 'hodl', strategy: 'hodl-miner' }],
    });
    return { result, bot };
  } finally {
    bot.close(days, 'test over');
  }
}

describe('process bots', () => {
  it.each(['kits/python/bot.py', 'kits/js/bot.mjs'])('%s plays through the protocol without a strike and logs on stderr', (kit) => {
    const { result, bot } = play(kit, 30);
    expect(result.stats.p1!.strikes).toBe(0);
    expect(result.stats.p1!.actions).toBeGreaterThan(0);
    expect(result.stats.p1!.rejected).toBe(0);
    expect(result.state.players.p1!.navUsd).toBeGreaterThan(0);
    expect(bot.stats).toMatchObject({ decisions: 30, restarts: 0, retiredOnDay: null });
    expect(bot.stats.handshakeName).toMatch(/kit$/);
    expect(result.logs.p1!.some((l) => l.includes('hello: I am p1'))).toBe(true);
    // The accepted actions are in the replay log like any in-process bot's.
    expect(result.log.filter((e) => e.kind === 'action' && e.playerId === 'p1')).toHaveLength(result.stats.p1!.actions);
  });

  it('kills a bot that loops forever by its CPU time, restarts it the next day, and retires it after N strikes', () => {
    // No silence limit to speak of: on a loaded machine the loop may get its 400 ms of CPU only after
    // seconds of wall time, and this test is about the CPU kill (the silence kill has its own).
    const { result, bot } = play(join(FIXTURES, 'loop.py'), 8, { silenceMs: 120_000 }, 3);
    expect(result.state.day).toBe(8);
    expect(result.strikes.filter((s) => s.botId === 'p1').map((s) => [s.day, s.reason])).toEqual([[0, 'timeout'], [1, 'timeout'], [2, 'timeout']]);
    expect(result.strikes[0]!.message).toMatch(/killed after \d+ ms of CPU/);
    expect(result.strikes[2]!.message).toMatch(/retired after 3 strikes/);
    expect(bot.stats).toMatchObject({ restarts: 2, retiredOnDay: 2, decisions: 3 });
    // CPU, not wall time: the kill limit is 4 × 50 + 200 ms of CPU.
    expect(bot.stats.cpuMs / bot.stats.decisions).toBeGreaterThanOrEqual(400);
    expect(result.logs.p1).toContain('d0 thinking very hard');
    expect(result.stats.p2!.strikes).toBe(0);
  });

  it('strikes a bot that exits at once as crashed, with its last words', () => {
    const { result } = play(join(FIXTURES, 'exit.sh'), 4, {}, 10);
    expect(result.strikes.map((s) => s.reason)).toEqual(['crashed', 'crashed', 'crashed', 'crashed']);
    expect(result.strikes[0]!.message).toBe('did not start: exited with code 3; last stderr line: I quit');
  });

  it('strikes garbage with a message that says what is wrong', () => {
    const { result, bot } = play(join(FIXTURES, 'garbage.py'), 3);
    expect(result.strikes.map((s) => [s.reason, s.message])).toEqual([
      ['garbage', 'not JSON: "hello world"'],
      ['garbage', 'action 0: Unknown action type "fly".'],
      ['garbage', 'not JSON: "[1,2"'],
    ]);
    expect(bot.stats.restarts).toBe(0);
  });

  it('strikes a silent bot and kills it after the silence limit', () => {
    const { result, bot } = play(join(FIXTURES, 'silent.py'), 2, { silenceMs: 400 });
    expect(result.strikes.map((s) => s.reason)).toEqual(['silent', 'silent']);
    expect(result.strikes[0]!.message).toMatch(/killed after 0\.\d s without an answer/);
    expect(bot.stats.restarts).toBe(1);
  });

  it('drops an answer that took more CPU than the budget, without killing the bot', () => {
    const { result, bot } = play(join(FIXTURES, 'slow.py'), 2);
    expect(result.strikes.map((s) => s.reason)).toEqual(['timeout', 'timeout']);
    expect(result.strikes[0]!.message).toMatch(/answered after \d+ ms of CPU \(budget 50 ms\)/);
    expect(bot.stats.restarts).toBe(0);
  });

  it('caps a bot\'s memory: a 2 GB allocation under a 256 MB cap crashes the bot, not the league', () => {
    const { result } = play(join(FIXTURES, 'hog.py'), 1, { memoryMb: 256 });
    expect(result.strikes.map((s) => s.reason)).toEqual(['crashed']);
    expect(result.strikes[0]!.message).toMatch(/MemoryError/);
  });

  it('refuses a handshake in another protocol version', () => {
    const { result } = play(join(FIXTURES, 'oldProtocol.py'), 1);
    expect(result.strikes.map((s) => [s.reason, s.message])).toEqual([['garbage', 'handshake: bot speaks protocol 0, engine speaks 1']]);
  });
});
