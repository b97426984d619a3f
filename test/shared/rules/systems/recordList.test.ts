import { describe, expect, it } from 'vitest';
import { getScenario } from '../../../../shared/economy/scenarios/index.js';
import { createGame } from '../../../../shared/rules/engine.js';
import { matchCursor } from '../../../../shared/rules/matchCursor.js';
import { BotSeat } from '../../../../shared/bots/botSeat.js';
import { getStrategy } from '../../../../shared/bots/index.js';
import { seedRng } from '../../../../shared/rules/rng.js';
import { playerViews } from '../../../../shared/rules/view.js';
import { addEntry, forgetRecordList, recordList } from '../../../../shared/rules/systems/capacity.js';
import type { GameState } from '../../../../shared/rules/types.js';
import type { Strategy } from '../../../../shared/bots/types.js';

// A miner that sells one of its lots whole every ten days, so lots are deleted as well as added.
const hodl = getStrategy('hodl-miner')!;
const seller: Strategy = {
  name: 'seller',
  description: 'mines, and sells a lot every ten days',
  decide(view, ctx) {
    const out = hodl.decide(view, ctx);
    const lot = view.day % 10 === 9 ? view.me?.lots.find((l) => l.status !== 'ordered') : undefined;
    return lot ? [...out, { type: 'sellHardware', lotId: lot.id }] : out;
  },
};

// The shared list must hold exactly the record's current entries, in key order, the same objects.
function expectListed(record: Record<string, object>): void {
  const list = recordList(record);
  const values = Object.values(record);
  expect(list.length).toBe(values.length);
  values.forEach((v, i) => expect(list[i]).toBe(v));
}

describe('recordList', () => {
  it('lists a record in key order and keeps the list until a key is added or deleted', () => {
    const record: Record<string, { id: string }> = { a: { id: 'a' }, b: { id: 'b' } };
    const first = recordList(record);
    expect(first.map((x) => x.id)).toEqual(['a', 'b']);
    expect(recordList(record)).toBe(first);
    record.c = { id: 'c' };
    forgetRecordList(record);
    expect(recordList(record).map((x) => x.id)).toEqual(['a', 'b', 'c']);
    delete record.a;
    forgetRecordList(record);
    expect(recordList(record).map((x) => x.id)).toEqual(['b', 'c']);
  });

  it('extends the list with an entry added under a new key, and lists anew when a key is written again', () => {
    const record: Record<string, { id: string; v: number }> = { a: { id: 'a', v: 1 } };
    const first = recordList(record);
    addEntry(record, 'b', { id: 'b', v: 1 });
    expect(recordList(record)).toBe(first);
    expect(recordList(record).map((x) => x.id)).toEqual(['a', 'b']);
    const again = { id: 'a', v: 2 };
    addEntry(record, 'a', again);
    expect(recordList(record)).toEqual([again, { id: 'b', v: 1 }]);
  });

  it('stays equal to the lots, sites, leases and contracts, after every action and every day, in a match played in place', () => {
    const scenario = getScenario('history-2023-2025')!;
    // Miners and landlords build, buy and fill sites; ai-pivot rents colocation (its rentals end);
    // the seller deletes lots; the defaulter goes bankrupt.
    const names = ['hodl-miner', 'disciplined-miner', 'power-landlord', 'ai-pivot', 'random', 'seller', 'lease-speculator', 'borrow-defaulter'];
    const m = matchCursor(createGame(scenario, 'record-list'), { inPlace: true });
    const ids = names.map((_, i) => `p${i}`);
    names.forEach((n, i) => m.addPlayer({ id: ids[i]!, name: n, strategy: n }));
    const seats = names.map((n, i) => new BotSeat(n === 'seller' ? seller : getStrategy(n)!, seedRng(`record-list/${i}`)));
    const RECORDS = ['lots', 'sites', 'leases', 'contracts'] as const;
    const keys = (s: GameState) => RECORDS.map((r) => new Set(Object.keys(s[r])));
    const added = RECORDS.map(() => 0);
    const removed = RECORDS.map(() => 0);
    let before = keys(m.state);
    const check = () => {
      for (const r of RECORDS) expectListed(m.state[r]);
      const now = keys(m.state);
      now.forEach((ks, i) => {
        for (const k of ks) if (!before[i]!.has(k)) added[i]! += 1;
        for (const k of before[i]!) if (!ks.has(k)) removed[i]! += 1;
      });
      before = now;
    };
    while (m.state.phase === 'running') {
      const views = playerViews(m.state, ids);
      const decisions = seats.map((seat, i) => seat.decide(views[i]!, () => {}));
      decisions.forEach((d, i) => {
        if (!d.ok) return;
        for (const a of d.actions) {
          m.apply(ids[i]!, a);
          check();
        }
      });
      m.step();
      check();
    }
    for (const n of [...added, ...removed]) expect(n).toBeGreaterThan(2);
  });
});
