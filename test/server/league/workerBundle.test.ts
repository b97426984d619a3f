import { statSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { leagueWorkerBundle } from '../../../server/league/workerBundle.js';
import { playMatch, type MatchOutcome, type MatchTask } from '../../../server/league/worker.js';

const task: MatchTask = {
  index: 0, seed: 'bundle-1', scenarioId: 'halving-sprint', days: 20, decisionBudgetMs: 1000, replayDir: '',
  seats: [{ id: 'p1', name: 'A', bot: 'hodl-miner' }, { id: 'p2', name: 'B', bot: 'ai-pivot' }, { id: 'p3', name: 'C', bot: 'random' }],
};

describe('league worker bundle', () => {
  it('is built once and reused while its sources are unchanged', async () => {
    const first = await leagueWorkerBundle();
    expect(first).not.toBeNull();
    const built = statSync(first!).mtimeMs;
    const second = await leagueWorkerBundle();
    expect(second).toBe(first);
    expect(statSync(second!).mtimeMs).toBe(built);
  });

  it('plays a match exactly as the source worker does', async () => {
    const bundle = await leagueWorkerBundle();
    const mod = (await import(pathToFileURL(bundle!).href)) as { default: (t: MatchTask) => Promise<MatchOutcome> };
    const fromBundle = await mod.default(task);
    const fromSource = await playMatch(task);
    expect(fromBundle.stateHash).toBe(fromSource.stateHash);
    expect(fromBundle.players).toEqual(fromSource.players);
  });
});
