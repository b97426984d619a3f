import { describe, expect, it } from 'vitest';
import { getScenario } from '../../../shared/economy/scenarios/index.js';
import { addPlayer, applyAction, createGame, step } from '../../../shared/rules/engine.js';
import { playerView } from '../../../shared/rules/view.js';
import { wireBasisOf, meFromWire, privatePayload, privateWire, type PrivateWire } from '../../../shared/sync/privateFeed.js';
import { applyPrivateDelta, followPrivateFeed, PrivateFeedCopy, PrivateFeedSender, privateDelta } from '../../../shared/sync/privateDelta.js';

const json = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

function payload(me: Record<string, unknown> | null, extra: Partial<PrivateWire> = {}): PrivateWire {
  return { me: me as PrivateWire['me'], tenderBids: [], offerBids: [], contestPayouts: [], ...extra };
}

/** A client that holds nothing the wire could leave out. */
const NOTHING_HELD = { unitPriceUsd: {}, resaleUnitPriceUsd: {}, day: -1, btcUsd: NaN, hypeCrypto: NaN, hypeAi: NaN };

function sprint() {
  let state = createGame(getScenario('halving-sprint')!, 'delta');
  state = addPlayer(state, { id: 'p1', name: 'A', strategy: '' });
  return state;
}

describe('private deltas', () => {
  it('carry only the changed keys, nested, with removals and whole arrays, and rebuild the next payload exactly', () => {
    const a = payload({ cashUsd: 100, btc: 1, siteLoads: { S1: { usedMw: 1, freeMw: 2 }, S2: { usedMw: 3, freeMw: 0 } }, lots: [{ id: 'L1', units: 4 }] });
    const b = payload({ cashUsd: 90, btc: 1, siteLoads: { S1: { usedMw: 1, freeMw: 3 } }, lots: [{ id: 'L1', units: 4 }, { id: 'L2', units: 1 }], contestPick: null },
      { contestPayouts: [{ round: 1, usdCents: 5 }] });
    const d = privateDelta(json(a), json(b), 7);
    expect(d).toEqual({
      seq: 7,
      set: { me: { cashUsd: 90, siteLoads: { S1: { freeMw: 3 } }, lots: [{ id: 'L1', units: 4 }, { id: 'L2', units: 1 }], contestPick: null }, contestPayouts: [{ round: 1, usdCents: 5 }] },
      del: [['me', 'siteLoads', 'S2']],
    });
    expect(applyPrivateDelta(json(a), json(d))).toEqual(b);
    expect(privateDelta(json(b), json(b), 8)).toEqual({ seq: 8 });
  });

  it('leave the base untouched and share what did not change', () => {
    const a = json(payload({ cashUsd: 1, quotes: { navParts: { cashUsd: 1 } }, lots: [{ id: 'L1' }], siteLoads: { S1: {}, S2: {} } }));
    const frozen = JSON.stringify(a);
    const b = applyPrivateDelta(a, { seq: 1, set: { me: { quotes: { navParts: { cashUsd: 2 } } } }, del: [['me', 'siteLoads', 'S2']] });
    expect(JSON.stringify(a)).toBe(frozen);
    expect(b.me?.quotes.navParts?.cashUsd).toBe(2);
    expect(b.me?.siteLoads).toEqual({ S1: {} });
    expect(b.me?.lots).toBe(a.me?.lots);
  });

  it('leave out of `me` what the synced state carries, and get it back from the card and the world', () => {
    const state = step(sprint()).state;
    const full = privatePayload(state, 'p1');
    const wire = privateWire(full, wireBasisOf(state));
    expect(wire.me).not.toHaveProperty('navUsd');
    expect(wire.me?.quotes).not.toHaveProperty('navParts');
    expect(wire.me?.quotes).not.toHaveProperty('unitPriceUsd');
    expect(wire.me?.quotes).not.toHaveProperty('resaleUnitPriceUsd');
    expect(wire.me?.sellMinedPct).toBe(full.me?.sellMinedPct);
    const view = playerView(state, 'p1');
    const card = view.players.find((p) => p.id === 'p1');
    expect(wire.me?.quotes).not.toHaveProperty('sectorHype');
    expect(wire.me?.navParts).not.toHaveProperty('btcUsd');
    // Left out only while no issuance window is open (it then reads as today).
    expect(wire.me?.issuanceWindowEndsDay === undefined).toBe(full.me!.issuanceWindowEndsDay === state.day);
    const basis = {
      unitPriceUsd: view.me!.quotes.unitPriceUsd, resaleUnitPriceUsd: view.me!.quotes.resaleUnitPriceUsd, day: view.day, btcUsd: view.world.btcUsd,
      hypeCrypto: view.world.hype.crypto, hypeAi: view.world.hype.ai,
    };
    expect(json(meFromWire(json(wire.me!), card, json(basis)))).toEqual(json(view.me));
    // A whole engine payload reads the same, whatever the client holds.
    expect(json(meFromWire(json(full.me!), undefined, NOTHING_HELD))).toEqual(json(view.me));
  });

  it('see nothing new in a payload whose only difference from the last is a field JSON drops', () => {
    const sender = new PrivateFeedSender();
    const market = NOTHING_HELD;
    const withUndefined = () => payload(null, { tenderBids: [{ tenderId: 'T1', priceUsdPerGpuHour: 2, note: undefined } as never] }) as never;
    expect(sender.next(withUndefined(), market)?.type).toBe('private');
    expect(sender.next(withUndefined(), market)).toBeNull();
  });

  it('go out whole first, then as smaller deltas, and whole again after a reset; nothing when nothing changed', () => {
    let state = sprint();
    const sender = new PrivateFeedSender();
    const send = () => sender.next(privatePayload(state, 'p1'), wireBasisOf(state));
    const first = send()!;
    expect(first.type).toBe('private');
    expect(send()).toBeNull();
    // An idle company's day moves only what the client holds otherwise (BTC price, hype): nothing to send.
    state = step(state).state;
    expect(send()).toBeNull();
    const r = applyAction(state, 'p1', { type: 'setTreasuryPolicy', sellMinedPct: 40 });
    if (!r.ok) throw new Error(r.error.message);
    state = step(r.state).state;
    const second = send()!;
    expect(second.type).toBe('privateDelta');
    expect(JSON.stringify(second.body).length).toBeLessThan(JSON.stringify(first.body).length / 2);
    const copy = new PrivateFeedCopy();
    copy.full(json(first.body) as never);
    expect(copy.delta(json(second.body) as never)).toBe(true);
    expect(copy.payload).toEqual(json(privateWire(privatePayload(state, 'p1'), wireBasisOf(state))));
    sender.reset();
    expect(send()?.type).toBe('private');
  });

  it('are refused by a copy they do not follow, which asks once for a whole payload', () => {
    const handlers = new Map<string, (m: never) => void>();
    const sent: string[] = [];
    const seen: PrivateWire[] = [];
    followPrivateFeed({ onMessage: (type, cb) => handlers.set(type, cb), send: (type) => sent.push(type) }, (p) => seen.push(p));
    const deliver = (type: string, m: unknown) => handlers.get(type)!(m as never);
    deliver('privateDelta', { seq: 1, set: { me: null } });
    expect(sent).toEqual(['resyncPrivate']);
    deliver('private', { seq: 4, ...payload(null) });
    deliver('privateDelta', { seq: 6, set: { tenderBids: [{ tenderId: 'T1', priceUsdPerGpuHour: 2 }] } });
    deliver('privateDelta', { seq: 7, set: { tenderBids: [] } });
    expect(sent).toEqual(['resyncPrivate', 'resyncPrivate']);
    deliver('private', { seq: 8, ...payload(null, { tenderBids: [{ tenderId: 'T1', priceUsdPerGpuHour: 2 }] }) });
    deliver('privateDelta', { seq: 9, set: { tenderBids: [{ tenderId: 'T1', priceUsdPerGpuHour: 3 }] } });
    expect(seen.map((p) => p.tenderBids)).toEqual([[], [{ tenderId: 'T1', priceUsdPerGpuHour: 2 }], [{ tenderId: 'T1', priceUsdPerGpuHour: 3 }]]);
    expect(seen.every((p) => !('seq' in p))).toBe(true);
  });
});
