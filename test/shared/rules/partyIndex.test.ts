import { describe, expect, it } from 'vitest';
import { entriesOfParty, indexEntry, partyIndex, type PartyIndex } from '../../../shared/rules/partyIndex.js';
import { getScenario } from '../../../shared/economy/scenarios/index.js';
import { createGame } from '../../../shared/rules/engine.js';
import { matchCursor } from '../../../shared/rules/matchCursor.js';
import { BotSeat } from '../../../shared/bots/botSeat.js';
import { getStrategy } from '../../../shared/bots/index.js';
import { seedRng } from '../../../shared/rules/rng.js';
import { playerViews } from '../../../shared/rules/view.js';
import { leaseTotals, tenderCommittedH100 } from '../../../shared/rules/systems/compute.js';
import type { GameState } from '../../../shared/rules/types.js';

interface Deal { id: string; a: string; b: string }
const parties = (d: Deal) => [d.a, d.b];

describe('partyIndex', () => {
  it('lists each party its entries, follows indexEntry, and drops entries that are gone', () => {
    const cache = new WeakMap<object, PartyIndex>();
    const deals: Record<string, Deal> = { d1: { id: 'd1', a: 'p1', b: 'p2' }, d2: { id: 'd2', a: 'p2', b: 'p3' } };
    const idx = partyIndex(cache, deals, parties);
    expect(entriesOfParty(idx, deals, 'p2').map((d) => d.id)).toEqual(['d1', 'd2']);
    deals.d3 = { id: 'd3', a: 'p1', b: 'p1' };
    indexEntry(cache, deals, 'd3', deals.d3, parties);
    delete deals.d1;
    expect(entriesOfParty(idx, deals, 'p1').map((d) => d.id)).toEqual(['d3']);
    expect(idx.get('p1')).toEqual(['d3']);
    expect(partyIndex(cache, deals, parties)).toBe(idx);
    expect(partyIndex(cache, { ...deals }, parties)).not.toBe(idx);
  });

  it('keeps lease and tender totals equal to a scan of every record, day by day, in a match played in place', () => {
    const scenario = getScenario('halving-sprint')!;
    const names = ['lease-speculator', 'ai-pivot', 'lease-speculator', 'random', 'ai-pivot', 'narrative-chaser'];
    const m = matchCursor(createGame(scenario, 'party-index'), { inPlace: true });
    const ids = names.map((_, i) => `p${i}`);
    names.forEach((n, i) => m.addPlayer({ id: ids[i]!, name: n, strategy: n }));
    const seats = names.map((n, i) => new BotSeat(getStrategy(n)!, seedRng(`party-index/${i}`)));
    const scan = (s: GameState, id: string) => {
      let inH100 = 0;
      let outH100 = 0;
      let tenders = 0;
      for (const l of Object.values(s.leases)) {
        if (l.startDay > s.day || s.day >= l.endDay) continue;
        if (l.lesseeId === id) inH100 += l.gpus;
        if (l.lessorId === id) outH100 += l.gpus;
      }
      for (const c of Object.values(s.contracts)) if (c.kind === 'tender' && c.ownerId === id && c.endDay > s.day) tenders += c.gpus;
      return { inH100, outH100, tenders };
    };
    let leasesSeen = 0;
    while (m.state.phase === 'running' && m.state.day < 120) {
      const views = playerViews(m.state, ids);
      const decisions = seats.map((seat, i) => seat.decide(views[i]!, () => {}));
      decisions.forEach((d, i) => { if (d.ok) for (const a of d.actions) m.apply(ids[i]!, a); });
      for (const id of ids) expect({ ...leaseTotals(m.state, id), tenders: tenderCommittedH100(m.state, id) }).toEqual(scan(m.state, id));
      leasesSeen += Object.keys(m.state.leases).length;
      m.step();
    }
    expect(leasesSeen).toBeGreaterThan(0);
  });
});
