import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { MatchRunner } from '../../../server/game/match.js';
import { MatchStore, SNAPSHOT_EVERY_DAYS } from '../../../server/persistence/store.js';
import { getScenario, SCENARIO_IDS } from '../../../shared/economy/scenarios/index.js';
import { runReplay } from '../../../shared/rules/replay.js';
import { stateHash } from '../../../shared/rules/engine.js';
import { HOST_ACTOR } from '../../../shared/rules/actions.js';

const scenario = getScenario(SCENARIO_IDS.includes('halving-sprint') ? 'halving-sprint' : SCENARIO_IDS[0]!)!;
const dirs: string[] = [];
function store(): MatchStore {
  const dir = mkdtempSync(join(tmpdir(), 'bc-match-'));
  dirs.push(dir);
  return new MatchStore(dir);
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** Plays `days` days, persisting like the room does after each tick. */
function play(r: MatchRunner, days: number): void {
  for (let i = 0; i < days; i++) {
    r.stepDay();
    r.persistProgress();
  }
}

describe('MatchRunner', () => {
  it('logs accepted actions only, before they take effect, and resumes from snapshot + log to the same state', () => {
    const db = store();
    db.createMatch({ id: 'ABCDEF', name: 't', scenarioId: scenario.id, seed: 's', options: {}, hostToken: 'h', status: 'running', currentDay: 0 });
    const live = MatchRunner.create(db, 'ABCDEF', scenario, 's');
    live.join('p1', 'Ann', '');
    live.join('p2', 'Ben', '');
    expect(live.apply('p1', { type: 'setTreasuryPolicy', sellMinedPct: 30 }).ok).toBe(true);
    const rejected = live.apply('p2', { type: 'cancelLeaseOrder', orderId: 'nope' });
    expect(rejected.ok).toBe(false);
    expect(live.seq).toBe(3);
    play(live, SNAPSHOT_EVERY_DAYS * 2 + 5);
    expect(db.latestSnapshot('ABCDEF')!.day).toBe(SNAPSHOT_EVERY_DAYS * 2);
    expect(live.apply(HOST_ACTOR, { type: 'injectEvent', kind: 'crash', params: { pct: 15 } }).ok).toBe(true);
    expect(live.apply('p2', { type: 'announceNarrative', narrative: 'ai' }).ok).toBe(true);
    play(live, 3);

    const resumed = MatchRunner.resume(db, 'ABCDEF', db.getMatch('ABCDEF')!.currentDay);
    expect(resumed.day).toBe(live.day);
    expect(resumed.seq).toBe(live.seq);
    expect(resumed.hash()).toBe(live.hash());
    expect(resumed.history.length).toBe(live.history.length);
    expect(stateHash(runReplay(live.replayFile()))).toBe(live.hash());
    expect(db.entries('ABCDEF').map((e) => (e.kind === 'join' ? 'join' : e.action.type))).toEqual([
      'join', 'join', 'setTreasuryPolicy', 'injectEvent', 'announceNarrative',
    ]);
    db.close();
  });

  it('refuses to fork the log: one entry per sequence number', () => {
    const db = store();
    db.appendEntry('M', 1, { day: 0, kind: 'join', playerId: 'p1', name: 'A', strategy: '' });
    expect(() => db.appendEntry('M', 1, { day: 0, kind: 'join', playerId: 'p2', name: 'B', strategy: '' })).toThrow();
    db.close();
  });
});
