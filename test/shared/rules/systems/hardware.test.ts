import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createDraft, finishDraft } from 'immer';
import { applyAction, createGame } from '../../../../shared/rules/engine.js';
import { getScenario } from '../../../../shared/economy/scenarios/index.js';
import { cashCents, ledgerTotals, playerAccount, transfer, WORLD } from '../../../../shared/economy/ledger.js';
import { hardwarePhase } from '../../../../shared/rules/systems/hardware.js';
import { runningH100, runningHashrateThs, siteDrawMw, siteDrawsMw, siteFreeMw, siteUsedMw, lotsAtSite } from '../../../../shared/rules/systems/capacity.js';
import { newUnitPriceUsd, resaleUnitPriceUsd } from '../../../../shared/rules/systems/prices.js';
import type { Action } from '../../../../shared/rules/actions.js';
import type { GameEvent, GameState, HardwareLot } from '../../../../shared/rules/types.js';
import { accept, edit, rejects } from '../../../support/engineSteps.js';

const scenario = getScenario('history-2023-2025')!;
// S19 XP: 140 TH/s × 21.5 J/TH = 3.01 kW; H100 all-in 1.2 kW.
const XP_KW = 3.01;

function phase(s: GameState): { state: GameState; events: GameEvent[] } {
  const ctx = { events: [] as GameEvent[] };
  const d = createDraft(s);
  hardwarePhase(d, ctx);
  return { state: finishDraft(d), events: ctx.events };
}

function lot(id: string, ownerId: string, modelId: string, count: number, siteId: string | null, status: HardwareLot['status']): HardwareLot {
  return { id, ownerId, modelId, count, status, siteId, arrivesDay: 0, unitCostUsd: 0, committedGpus: 0 };
}

/** Alice owns L1 (Texas mining, 50 MW) and L4 (Nordics ai, 20 MW), with cash to spare; Bob owns L2. */
function world(): GameState {
  let s = createGame(scenario, 'hw', [
    { id: 'a', name: 'Alice' },
    { id: 'b', name: 'Bob' },
  ]);
  s = edit(s, (d) => transfer(d.ledger, { from: WORLD, to: playerAccount('a'), usdCents: 500e6 * 100, reason: 'test' }));
  s = accept(s, 'a', { type: 'buySite', siteId: 'L1' });
  s = accept(s, 'a', { type: 'buySite', siteId: 'L4' });
  return accept(s, 'b', { type: 'buySite', siteId: 'L2' });
}

describe('orderHardware', () => {
  it('pays the index price on order and books a lot arriving after the lead time', () => {
    const s0 = world();
    const unit = s0.hardware.asicUsdPerTh * 140 * 0.95;
    expect(newUnitPriceUsd(s0, 's19xp')).toBeCloseTo(unit, 9);
    const s = accept(s0, 'a', { type: 'orderHardware', modelId: 's19xp', count: 100, siteId: 'L1' });
    expect(cashCents(s0.ledger, 'a') - cashCents(s.ledger, 'a')).toBe(Math.round(unit * 100 * 100));
    const l = Object.values(s.lots).find((x) => x.ownerId === 'a')!;
    expect(l).toMatchObject({ modelId: 's19xp', count: 100, status: 'ordered', siteId: 'L1', arrivesDay: s0.hardware.asicLeadTimeDays });
    const g = accept(s0, 'a', { type: 'orderHardware', modelId: 'h100', count: 10 });
    expect(Object.values(g.lots).find((x) => x.modelId === 'h100')!.arrivesDay).toBe(s0.compute.gpuLeadTimeDays);
    expect(g.ledger.flowsUsdCents.hardware).toBe(Math.round(s0.compute.gpuPriceUsd.h100! * 10 * 100));
  });

  it('rejects unknown and unreleased models, foreign or unknown sites, GPUs for a mining site, and no cash', () => {
    const s = world();
    rejects(s, 'a', { type: 'orderHardware', modelId: 'quantum', count: 1 }, 'NOT_FOUND');
    expect(rejects(s, 'a', { type: 'orderHardware', modelId: 's21', count: 1 }, 'NOT_AVAILABLE')).toMatch(/2023-11-01/);
    rejects(s, 'a', { type: 'orderHardware', modelId: 's19xp', count: 1, siteId: 'L99' }, 'NOT_FOUND');
    rejects(s, 'a', { type: 'orderHardware', modelId: 's19xp', count: 1, siteId: 'L2' }, 'NOT_OWNER');
    expect(rejects(s, 'a', { type: 'orderHardware', modelId: 'h100', count: 1, siteId: 'L1' }, 'WRONG_TIER')).toMatch(/GPUs need an ai-tier site/);
    rejects(s, 'b', { type: 'orderHardware', modelId: 'h100', count: 10_000 }, 'INSUFFICIENT_FUNDS');
  });

  it('accepts the S21 once released', () => {
    const s = edit(world(), (d) => {
      d.day = 304;
      d.date = '2023-11-01';
    });
    expect(accept(s, 'a', { type: 'orderHardware', modelId: 's21', count: 1 }).nextId).toBeGreaterThan(s.nextId);
  });
});

describe('arrivals', () => {
  it('installs into the addressed site when it fits, and announces it', () => {
    let s = accept(world(), 'a', { type: 'orderHardware', modelId: 's19xp', count: 100, siteId: 'L1' });
    const id = Object.values(s.lots).find((x) => x.status === 'ordered')!.id;
    s = edit(s, (d) => void (d.day = d.lots[id]!.arrivesDay - 1));
    expect(phase(s).state.lots[id]!.status).toBe('ordered');
    const r = phase(edit(s, (d) => void (d.day += 1)));
    expect(r.state.lots[id]).toMatchObject({ status: 'installed', siteId: 'L1' });
    expect(r.events).toContainEqual({ type: 'hardwareArrived', day: r.state.day, playerId: 'a', lotId: id });
    expect(siteUsedMw(r.state, r.state.sites.L1!)).toBeCloseTo((100 * XP_KW * 1.1) / 1000, 9);
    expect(runningHashrateThs(r.state, 'a')).toBe(14_000);
  });

  it('splits what fits into the site and stores the rest', () => {
    // L1 has 50 MW: 50 / (3.01 kW × 1.1) = 15,100 units fit.
    let s = accept(world(), 'a', { type: 'orderHardware', modelId: 's19xp', count: 16_000, siteId: 'L1' });
    const id = Object.values(s.lots).find((x) => x.status === 'ordered')!.id;
    s = edit(s, (d) => void (d.day = 200));
    const r = phase(s);
    const lots = Object.values(r.state.lots).filter((x) => x.ownerId === 'a');
    const installed = lots.find((x) => x.status === 'installed')!;
    expect(installed.count).toBe(Math.floor(50 / ((XP_KW * 1.1) / 1000)));
    expect(r.state.lots[id]).toMatchObject({ status: 'stored', siteId: null, count: 16_000 - installed.count });
    expect(r.events.filter((e) => e.type === 'hardwareArrived')).toHaveLength(2);
    expect(siteFreeMw(r.state, r.state.sites.L1!)).toBeLessThan((XP_KW * 1.1) / 1000);
  });

  it('stores deliveries addressed to a site that was sold meanwhile or is not active', () => {
    let s = accept(world(), 'a', { type: 'orderHardware', modelId: 's19xp', count: 10, siteId: 'L1' });
    s = accept(s, 'a', { type: 'retrofitSite', siteId: 'L1' });
    const r = phase(edit(s, (d) => void (d.day = 100)));
    expect(Object.values(r.state.lots).find((x) => x.ownerId === 'a')).toMatchObject({ status: 'stored', siteId: null });
  });
});

describe('install, uninstall, sell', () => {
  function stocked(): GameState {
    return edit(world(), (d) => {
      d.lots.A1 = lot('A1', 'a', 's19xp', 100, null, 'stored');
      d.lots.G1 = lot('G1', 'a', 'h100', 8, null, 'stored');
      d.lots.O1 = lot('O1', 'a', 's19xp', 5, 'L1', 'ordered');
      d.lots.B1 = lot('B1', 'b', 's19xp', 5, null, 'stored');
    });
  }

  it('installs a whole lot, or splits off a partial count into a new lot', () => {
    const s = stocked();
    const all = accept(s, 'a', { type: 'installHardware', lotId: 'A1', siteId: 'L1' });
    expect(all.lots.A1).toMatchObject({ status: 'installed', siteId: 'L1', count: 100 });
    const part = accept(s, 'a', { type: 'installHardware', lotId: 'A1', siteId: 'L1', count: 30 });
    expect(part.lots.A1).toMatchObject({ status: 'stored', count: 70 });
    const split = Object.values(part.lots).find((x) => x.siteId === 'L1' && x.status === 'installed')!;
    expect(split).toMatchObject({ count: 30, modelId: 's19xp', ownerId: 'a' });
    expect(runningHashrateThs(part, 'a')).toBe(30 * 140);
    expect(lotsAtSite(part, 'L1').map((x) => x.id)).toEqual([split.id]);
    const gpus = accept(s, 'a', { type: 'installHardware', lotId: 'G1', siteId: 'L4' });
    expect(runningH100(gpus, 'a')).toBe(8);
  });

  it('rejects every way an install can be wrong, with the state unchanged', () => {
    const s = stocked();
    rejects(s, 'a', { type: 'installHardware', lotId: 'ZZ', siteId: 'L1' }, 'NOT_FOUND');
    rejects(s, 'a', { type: 'installHardware', lotId: 'B1', siteId: 'L1' }, 'NOT_OWNER');
    rejects(s, 'a', { type: 'installHardware', lotId: 'O1', siteId: 'L1' }, 'WRONG_STATE');
    rejects(s, 'a', { type: 'installHardware', lotId: 'A1', siteId: 'L2' }, 'NOT_OWNER');
    rejects(s, 'a', { type: 'installHardware', lotId: 'A1', siteId: 'L99' }, 'NOT_FOUND');
    expect(rejects(s, 'a', { type: 'installHardware', lotId: 'G1', siteId: 'L1' }, 'WRONG_TIER')).toBe('Site Permian Basin Yard is mining tier; GPUs need an ai-tier site.');
    rejects(s, 'a', { type: 'installHardware', lotId: 'A1', siteId: 'L1', count: 101 }, 'BAD_ACTION');
    const full = edit(s, (d) => void (d.sites.L1!.hostedMw = 49.9));
    expect(rejects(full, 'a', { type: 'installHardware', lotId: 'A1', siteId: 'L1' }, 'NO_CAPACITY')).toMatch(/0\.10 MW free/);
    const retro = accept(s, 'a', { type: 'retrofitSite', siteId: 'L1' });
    rejects(retro, 'a', { type: 'installHardware', lotId: 'A1', siteId: 'L1' }, 'WRONG_STATE');
    const installed = accept(s, 'a', { type: 'installHardware', lotId: 'A1', siteId: 'L1' });
    rejects(installed, 'a', { type: 'installHardware', lotId: 'A1', siteId: 'L1' }, 'WRONG_STATE');
  });

  it('uninstalls to storage, whole or partial, and rejects lots not installed', () => {
    const s = accept(stocked(), 'a', { type: 'installHardware', lotId: 'A1', siteId: 'L1' });
    const out = accept(s, 'a', { type: 'uninstallHardware', lotId: 'A1', count: 40 });
    expect(out.lots.A1).toMatchObject({ status: 'installed', count: 60 });
    expect(Object.values(out.lots).filter((x) => x.status === 'stored' && x.modelId === 's19xp' && x.ownerId === 'a').map((x) => x.count)).toEqual([40]);
    expect(accept(s, 'a', { type: 'uninstallHardware', lotId: 'A1' }).lots.A1).toMatchObject({ status: 'stored', siteId: null });
    rejects(s, 'a', { type: 'uninstallHardware', lotId: 'G1' }, 'WRONG_STATE');
    rejects(s, 'b', { type: 'uninstallHardware', lotId: 'A1' }, 'NOT_OWNER');
    rejects(s, 'a', { type: 'uninstallHardware', lotId: 'A1', count: 1000 }, 'BAD_ACTION');
  });

  it('sells stored or installed units at the new price less the 30% haircut, paid by the world', () => {
    const s = accept(stocked(), 'a', { type: 'installHardware', lotId: 'A1', siteId: 'L1' });
    const unitUsd = resaleUnitPriceUsd(s, 's19xp');
    expect(unitUsd).toBeCloseTo(newUnitPriceUsd(s, 's19xp') * 0.7, 9);
    const part = accept(s, 'a', { type: 'sellHardware', lotId: 'A1', count: 10 });
    expect(cashCents(part.ledger, 'a') - cashCents(s.ledger, 'a')).toBe(Math.round(unitUsd * 10 * 100));
    expect(part.lots.A1!.count).toBe(90);
    const all = accept(s, 'a', { type: 'sellHardware', lotId: 'G1' });
    expect(all.lots.G1).toBeUndefined();
    expect(all.ledger.flowsUsdCents.hardwareSale).toBe(Math.round(resaleUnitPriceUsd(s, 'h100') * 8 * 100));
    rejects(s, 'a', { type: 'sellHardware', lotId: 'O1' }, 'WRONG_STATE');
    rejects(s, 'a', { type: 'sellHardware', lotId: 'B1' }, 'NOT_OWNER');
    rejects(s, 'a', { type: 'sellHardware', lotId: 'A1', count: 101 }, 'BAD_ACTION');
    rejects(s, 'a', { type: 'sellHardware', lotId: 'nope' }, 'NOT_FOUND');
  });
});

describe('hardware markets', () => {
  it('moves the ASIC index toward the payback multiple of hashprice, with a lag', () => {
    let s = edit(world(), (d) => void (d.btc.hashpriceUsdPerPhDay = 160));
    const start = s.hardware.asicUsdPerTh;
    expect(start).toBe(16);
    const path: number[] = [];
    for (let i = 0; i < 720; i++) {
      s = phase(s).state;
      path.push(s.hardware.asicUsdPerTh);
    }
    expect(path[0]!).toBeLessThan(16.1); // barely moves on day one
    expect(path[59]!).toBeLessThan(24); // still short of the half-way mark after two months
    expect(path[719]!).toBeCloseTo(160 * scenario.hardware.asicUsdPerThPerHashprice, 0);
    // Hashprice above its lag: vendors' books fill, lead times stretch.
    expect(s.hardware.asicLeadTimeDays).toBeGreaterThanOrEqual(scenario.hardware.asicLeadTimeDays);
    const hot = phase(edit(s, (d) => void (d.btc.hashpriceUsdPerPhDay = 400))).state;
    expect(hot.hardware.asicLeadTimeDays).toBeGreaterThan(scenario.hardware.asicLeadTimeDays);
  });

  it('moves GPU prices slowly toward what rent justifies and stretches lead times when rent is hot', () => {
    let s = edit(world(), (d) => void (d.compute.spotUsdPerGpuHour = 1.2));
    const h100 = s.compute.gpuPriceUsd.h100!;
    s = phase(s).state;
    expect(s.compute.gpuPriceUsd.h100!).toBeLessThan(h100);
    expect(h100 - s.compute.gpuPriceUsd.h100!).toBeLessThan(100);
    expect(s.compute.gpuLeadTimeDays).toBeLessThan(scenario.hardware.gpuLeadTimeDays);
    // Unreleased parts keep their list price.
    expect(s.compute.gpuPriceUsd.b200).toBe(40_000);
    const hot = phase(edit(s, (d) => void (d.compute.spotUsdPerGpuHour = 9))).state;
    expect(hot.compute.gpuLeadTimeDays).toBeGreaterThan(scenario.hardware.gpuLeadTimeDays);
  });
});

describe('capacity index', () => {
  it('agrees with a brute-force scan after any sequence of orders, installs, uninstalls and sales', () => {
    const ops = fc.array(
      fc.record({ kind: fc.constantFrom('order', 'install', 'uninstall', 'sell', 'day'), n: fc.integer({ min: 1, max: 400 }), who: fc.constantFrom('a', 'b') }),
      { maxLength: 25 },
    );
    fc.assert(
      fc.property(ops, (list) => {
        let s = edit(world(), (d) => transfer(d.ledger, { from: WORLD, to: playerAccount('b'), usdCents: 500e6 * 100, reason: 'test' }));
        for (const op of list) {
          const mine = Object.values(s.lots).filter((x) => x.ownerId === op.who);
          const site = op.who === 'a' ? 'L1' : 'L2';
          let action: Action | null = null;
          if (op.kind === 'order') action = { type: 'orderHardware', modelId: 's19xp', count: op.n, siteId: site };
          if (op.kind === 'install') {
            const l = mine.find((x) => x.status === 'stored');
            if (l) action = { type: 'installHardware', lotId: l.id, siteId: site, count: Math.min(l.count, op.n) };
          }
          if (op.kind === 'uninstall') {
            const l = mine.find((x) => x.status === 'installed');
            if (l) action = { type: 'uninstallHardware', lotId: l.id, count: Math.min(l.count, op.n) };
          }
          if (op.kind === 'sell') {
            const l = mine.find((x) => x.status !== 'ordered');
            if (l) action = { type: 'sellHardware', lotId: l.id, count: Math.min(l.count, op.n) };
          }
          if (op.kind === 'day') s = phase(edit(s, (d) => void (d.day += 30))).state;
          if (action) {
            const r = applyAction(s, op.who, action);
            if (r.ok) s = r.state;
          }
          for (const p of ['a', 'b']) {
            let ths = 0;
            for (const l of Object.values(s.lots)) if (l.ownerId === p && l.status === 'installed') ths += 140 * l.count;
            if (runningHashrateThs(s, p) !== ths) return false;
          }
          for (const id of ['L1', 'L2']) {
            let kw = 0;
            for (const l of Object.values(s.lots)) if (l.siteId === id && l.status === 'installed') kw += XP_KW * l.count;
            if (Math.abs(siteUsedMw(s, s.sites[id]!) - (kw / 1000) * 1.1) > 1e-9) return false;
            if (siteUsedMw(s, s.sites[id]!) > s.sites[id]!.energisedMw + 1e-9) return false;
            if (Math.abs((siteDrawsMw(s).get(id) ?? 0) - siteDrawMw(s, s.sites[id]!)) > 1e-9) return false;
            if (Math.abs(siteDrawMw(s, s.sites[id]!) - siteUsedMw(s, s.sites[id]!)) > 1e-9) return false;
          }
          if (ledgerTotals(s.ledger).usdCents !== 0) return false;
        }
        return true;
      }),
      { numRuns: 40 },
    );
  });
});
