import { describe, expect, it } from 'vitest';
import { createDraft, finishDraft } from 'immer';
import {
  applyEvent,
  driftHype,
  EVENT_KINDS,
  EVENT_TABLE,
  eventHeadline,
  randomEventParams,
  resolveEventParams,
  validateEventParams,
} from '../../../shared/economy/events.js';
import { HEADLINES } from '../../../shared/economy/news.js';
import { createGame, stateHash } from '../../../shared/rules/engine.js';
import { getScenario, SCENARIOS } from '../../../shared/economy/scenarios/index.js';
import { seedRng } from '../../../shared/rules/rng.js';
import type { EventKind, GameState } from '../../../shared/rules/types.js';

const scenario = getScenario('history-2023-2025')!;
const base = createGame(scenario, 'events-test');

function fired(kind: EventKind, params: Record<string, number | string> = {}, state: GameState = base): { before: GameState; after: GameState; headline: string } {
  const resolved = resolveEventParams(state, kind, params, seedRng('pick'));
  const headline = eventHeadline(state, kind, resolved);
  const draft = createDraft(state);
  applyEvent(draft, kind, resolved);
  return { before: state, after: finishDraft(draft), headline };
}

describe('the event table', () => {
  it('has parameters, an effect and a headline for every kind', () => {
    for (const kind of EVENT_KINDS) {
      expect(EVENT_TABLE[kind]).toBeDefined();
      expect(typeof EVENT_TABLE[kind].apply).toBe('function');
      expect(typeof HEADLINES[kind]).toBe('function');
      const { headline } = fired(kind);
      expect(headline.length).toBeGreaterThan(10);
      expect(headline).not.toMatch(/undefined|NaN/);
    }
  });

  it('changes the world for every kind except the news-only ones', () => {
    const newsOnly = new Set<EventKind>(['halving', 'newAsicGeneration']);
    for (const kind of EVENT_KINDS) {
      const { before, after } = fired(kind);
      expect(stateHash(after) !== stateHash(before), kind).toBe(!newsOnly.has(kind));
    }
  });

  it('builds headlines from the parameters', () => {
    expect(fired('miningBan', { regionId: 'kazakhstan', days: 180 }).headline).toBe('Kazakhstan bans mining for 180 days');
    expect(fired('etfApproval', { pct: 12 }).headline).toBe('BTC jumps 12% on ETF approval');
    expect(fired('heatwave', { regionId: 'texas', multiplier: 3, days: 10 }).headline).toBe('Texas (ERCOT) heatwave: power prices ×3 for 10 days');
    // 4.5% base − 50 bp
    expect(fired('rateChange', { deltaPct: -0.5 }).headline).toBe('Central bank cuts rates by 50 bp to 4%');
    expect(fired('newGpuGeneration', { modelId: 'b200' }).headline).toContain('NVIDIA B200');
  });

  it('validates every preset scenario event', () => {
    for (const s of Object.values(SCENARIOS)) {
      const game = createGame(s, 'x');
      for (const e of s.events) expect(validateEventParams(game, e.kind, e.params), `${s.id} ${e.date} ${e.kind}`).toBeNull();
    }
  });

  it('rejects unknown regions, models, keys and out-of-range numbers with a clear message', () => {
    expect(validateEventParams(base, 'miningBan', { regionId: 'atlantis' })).toMatch(/Unknown region "atlantis"/);
    expect(validateEventParams(base, 'newGpuGeneration', { modelId: 's21' })).toMatch(/Unknown GPU model/);
    expect(validateEventParams(base, 'pump', { pcts: 5 })).toMatch(/no parameter "pcts".*pct/);
    expect(validateEventParams(base, 'crash', { pct: 120 })).toMatch(/between 0.1 and 95/);
    expect(validateEventParams(base, 'crash', { pct: 'big' })).toMatch(/must be a number/);
    expect(validateEventParams(base, 'heatwave', { regionId: 'texas', days: 5 })).toBeNull();
  });
});

describe('effects', () => {
  it('turns pumps and crashes into log-return jumps and crypto hype', () => {
    const pump = fired('pump', { pct: 10 }).after;
    expect(pump.btc.pendingJumpLog).toBeCloseTo(Math.log(1.1), 12);
    expect(pump.hype.crypto).toBeCloseTo(base.hype.crypto + 0.5 * Math.log(1.1), 12);
    const crash = fired('crash', { pct: 20 }).after;
    expect(crash.btc.pendingJumpLog).toBeCloseTo(Math.log(0.8), 12);
    expect(crash.hype.crypto).toBeLessThan(base.hype.crypto);
  });

  it('bans mining in a region from today for the given days', () => {
    const after = fired('miningBan', { regionId: 'quebec', days: 90 }).after;
    expect(after.regions.quebec!.miningBanUntilDay).toBe(base.day + 90);
  });

  it('picks a region for a ban weighted by political risk when none is given', () => {
    const counts: Record<string, number> = {};
    const rng = seedRng('ban-picks');
    for (let i = 0; i < 2000; i++) {
      const id = String(resolveEventParams(base, 'miningBan', {}, rng).regionId);
      counts[id] = (counts[id] ?? 0) + 1;
    }
    // Kazakhstan has 0.25 of 0.41 total political risk: ~61%
    expect(counts.kazakhstan! / 2000).toBeGreaterThan(0.55);
    expect(counts.kazakhstan! / 2000).toBeLessThan(0.67);
    expect(counts.nova ?? 0).toBeLessThan(counts.quebec!);
  });

  it('moves AI demand, supply, rates, fees and regional power spikes', () => {
    expect(fired('openModelRelease', { demandPct: 10 }).after.compute.demandShock).toBeCloseTo(0.9, 12);
    const boom = fired('aiBreakthrough', { demandPct: 25 }).after;
    expect(boom.compute.demandShock).toBeCloseTo(1.25, 12);
    expect(boom.hype.ai).toBeCloseTo(base.hype.ai + 0.1, 12);
    expect(fired('gpuGlut', { supplyPct: 20 }).after.compute.npcSupplyH100).toBeCloseTo(base.compute.npcSupplyH100 * 1.2, 6);
    expect(fired('rateChange', { deltaPct: 0.75 }).after.interestRatePct).toBeCloseTo(5.25, 12);
    const fees = fired('feeSpike', { multiplier: 4, days: 7 }).after.btc;
    expect([fees.feeSpikeMultiplier, fees.feeSpikeDaysLeft]).toEqual([4, 7]);
    const heat = fired('heatwave', { regionId: 'texas', multiplier: 3, days: 10 }).after.regions.texas!;
    expect([heat.spikeMultiplier, heat.spikeDaysLeft]).toEqual([3, 10]);
    const gpu = fired('newGpuGeneration', { modelId: 'b200', olderPricePct: 10 }).after.compute.gpuPriceUsd;
    expect(gpu.h100).toBe(27_000);
    expect(gpu.b200).toBe(base.compute.gpuPriceUsd.b200);
  });

  it('defaults a model event to the newest model already released', () => {
    expect(resolveEventParams(base, 'newAsicGeneration', {}, seedRng('m')).modelId).toBe('s19xp');
  });
});

describe('random parameters', () => {
  it('draws each number inside its random range and its bounds', () => {
    const rng = seedRng('random-params');
    for (const kind of EVENT_KINDS) {
      for (let i = 0; i < 50; i++) {
        const p = randomEventParams(kind, rng);
        expect(validateEventParams(base, kind, p), kind).toBeNull();
        if (kind === 'rateChange') expect(p.deltaPct).not.toBe(0);
      }
    }
  });
});

describe('hype drift', () => {
  it('reverts toward the base and follows BTC momentum and AI rents', () => {
    const flat = driftHype({ crypto: 0.9, ai: 0.1 }, { crypto: 0.5, ai: 0.5 }, 0, 1);
    expect(flat.crypto).toBeCloseTo(0.9 + 0.02 * (0.5 - 0.9), 12);
    expect(flat.ai).toBeCloseTo(0.1 + 0.02 * (0.5 - 0.1), 12);
    const bull = driftHype({ crypto: 0.5, ai: 0.5 }, { crypto: 0.5, ai: 0.5 }, 0.3, 2);
    expect(bull.crypto).toBeGreaterThan(0.5);
    expect(bull.ai).toBeGreaterThan(0.5);
    const bear = driftHype({ crypto: 0.5, ai: 0.5 }, { crypto: 0.5, ai: 0.5 }, -0.3, 0.5);
    expect(bear.crypto).toBeLessThan(0.5);
    expect(bear.ai).toBeLessThan(0.5);
  });
});
