import { describe, expect, it } from 'vitest';
import { getScenario } from '../../../shared/economy/scenarios/index.js';
import { addPlayer, createGame, step } from '../../../shared/rules/engine.js';
import type { PrivatePayload } from '../../../shared/sync/privateFeed.js';
import { privatePayload } from '../../../shared/sync/privateFeed.js';
import { applyPrivateDelta, followPrivateFeed, PrivateFeedCopy, PrivateFeedSender, privateDelta } from '../../../shared/sync/privateDelta.js';

const json = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

function payload(me: Record<string, unknown> | null, extra: Partial<PrivatePayload> = {}): PrivatePayload {
  return { me: me as PrivatePayload['me'], tenderBids: [], offerBids: [], contestPayouts: [], ...extra };
}

describe('private deltas', () => {
  it('carry only the changed keys, removals and replaced arrays, and rebuild the next payload exactly', () => {
    const a = payload({ cashUsd: 100, btc: 1, siteLoads: { S1: { usedMw: 1, freeMw: 2 }, S2: { usedMw: 3, freeMw: 0 } }, lots: [{ id: 'L1', units: 4 }] });
    const b = payload({ cashUsd: 90, btc: 1, siteLoads: { S1: { usedMw: 1, freeMw: 2 } }, lots: [{ id: 'L1', units: 4 }, { id: 'L2', units: 1 }], contestPick: null },
      { contestPayouts: [{ round: 1, usdCents: 5 }] });
    const d = privateDelta(json(a), json(b), 7);
    expect(d.seq).toBe(7);
    expect(d.set).toEqual([
      [['me', 'cashUsd'], 90],
      [['me', 'lots'], [{ id: 'L1', units: 4 }, { id: 'L2', units: 1 }]],
      [['me', 'contestPick'], null],
      [['contestPayouts'], [{ round: 1, usdCents: 5 }]],
    ]);
    expect(d.del).toEqual([['me', 'siteLoads', 'S2']]);
    expect(applyPrivateDelta(json(a), json(d))).toEqual(b);
  });

  it('leave the base untouched and share what did not change', () => {
    const a = json(payload({ cashUsd: 1, quotes: { navParts: { cashUsd: 1 } }, lots: [{ id: 'L1' }] }));
    const frozen = JSON.stringify(a);
    const b = applyPrivateDelta(a, { seq: 1, set: [[['me', 'quotes', 'navParts', 'cashUsd'], 2]] });
    expect(JSON.stringify(a)).toBe(frozen);
    expect((b.me as unknown as { quotes: { navParts: { cashUsd: number } } }).quotes.navParts.cashUsd).toBe(2);
    expect((b.me as unknown as { lots: unknown }).lots).toBe((a.me as unknown as { lots: unknown }).lots);
  });

  it('send a node that mostly changed as one value', () => {
    const before = { usedMw: 1, freeMw: 2, asics: 3, gpus: 4, extraMw: 5 };
    const after = { usedMw: 10, freeMw: 20, asics: 30, gpus: 40, extraMw: 50 };
    const d = privateDelta(json(payload({ siteLoads: { S1: before } })), json(payload({ siteLoads: { S1: after } })), 1);
    expect(d.set).toEqual([[['me', 'siteLoads', 'S1'], after]]);
  });

  it('go out whole first, then as deltas, and whole again after a reset; nothing when nothing changed', () => {
    let state = createGame(getScenario('halving-sprint')!, 'delta');
    state = addPlayer(state, { id: 'p1', name: 'A', strategy: '' });
    const sender = new PrivateFeedSender();
    const first = sender.next(privatePayload(state, 'p1'))!;
    expect(first.type).toBe('private');
    expect(sender.next(privatePayload(state, 'p1'))).toBeNull();
    state = step(state).state;
    const second = sender.next(privatePayload(state, 'p1'))!;
    expect(second.type).toBe('privateDelta');
    expect(JSON.stringify(second.body).length).toBeLessThan(JSON.stringify(first.body).length);
    const copy = new PrivateFeedCopy();
    copy.full(json(first.body) as never);
    expect(copy.delta(json(second.body) as never)).toBe(true);
    expect(copy.payload).toEqual(json(privatePayload(state, 'p1')));
    sender.reset();
    expect(sender.next(privatePayload(state, 'p1'))?.type).toBe('private');
  });

  it('are refused by a copy they do not follow, which asks once for a whole payload', () => {
    const handlers = new Map<string, (m: never) => void>();
    const sent: string[] = [];
    const seen: PrivatePayload[] = [];
    followPrivateFeed({ onMessage: (type, cb) => handlers.set(type, cb), send: (type) => sent.push(type) }, (p) => seen.push(p));
    const deliver = (type: string, m: unknown) => handlers.get(type)!(m as never);
    deliver('privateDelta', { seq: 1, set: [[['me'], null]] });
    expect(sent).toEqual(['resyncPrivate']);
    deliver('private', { seq: 4, ...payload(null) });
    deliver('privateDelta', { seq: 6, set: [[['tenderBids'], [{ tenderId: 'T1', priceUsdPerGpuHour: 2 }]]] });
    deliver('privateDelta', { seq: 7, set: [[['tenderBids'], []]] });
    expect(sent).toEqual(['resyncPrivate', 'resyncPrivate']);
    deliver('private', { seq: 8, ...payload(null, { tenderBids: [{ tenderId: 'T1', priceUsdPerGpuHour: 2 }] }) });
    deliver('privateDelta', { seq: 9, set: [[['tenderBids', 0, 'priceUsdPerGpuHour'], 3]] });
    expect(seen.map((p) => p.tenderBids)).toEqual([[], [{ tenderId: 'T1', priceUsdPerGpuHour: 2 }], [{ tenderId: 'T1', priceUsdPerGpuHour: 3 }]]);
    expect(seen.every((p) => !('seq' in p))).toBe(true);
  });
});
