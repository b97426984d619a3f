/**
 * Every market event kind as data: its parameters (defaults, bounds, random draws), how it changes
 * the world, and (via news.ts) its headline. Effects only set the fields other systems consume
 * (`btc.pendingJumpLog`, `compute.demandShock`, region bans and spikes, …); they move no money.
 */
import type { GameState } from '../rules/types.js';
import type { Rng } from '../rules/rng.js';
import type { EventKind } from './scenarios/types.js';
import { EVENT_KINDS } from './scenarios/types.js';
import { headlineFor, type HeadlineContext, type ResolvedParams } from './news.js';
import { EVENT_ERRORS_EN, fillEn, type EventErrorText } from './newsText.js';
import * as dm from './detMath.js';
import { own } from '../rules/own.js';

export type EventParams = Record<string, number | string>;

export type ParamSpec =
  | { type: 'number'; default: number; min: number; max: number; /** Range of a random draw, and its rounding step. */ random: [number, number]; step: number }
  /** Empty means: pick one when the event fires (weighted by `weightBy`). */
  | { type: 'region'; weightBy: 'politicalRisk' | 'powerVol' }
  /** Empty means: the newest model of that kind released by today. */
  | { type: 'model'; modelKind: 'asic' | 'gpu' };

export interface EventDef {
  params: Readonly<Record<string, ParamSpec>>;
  /** Applies the event to a draft; params are resolved (defaults filled, region and model chosen). */
  apply: (draft: GameState, p: ResolvedParams) => void;
}

/** Crypto hype moves by this much per unit of BTC log-return an event causes. */
export const HYPE_PER_LOG_RETURN = 0.5;
/** Daily pull of each hype index back to the scenario's starting level. */
export const HYPE_REVERSION_PER_DAY = 0.02;
/** How far BTC momentum and AI rents can push a hype index's target away from its base. */
export const HYPE_BTC_RANGE = 0.4;
export const HYPE_AI_RANGE = 0.3;

const clamp01 = (x: number) => Math.min(1, Math.max(0, x));
const n = (p: ResolvedParams, key: string) => Number(p[key]);
const pct = (def: number, min: number, max: number, random: [number, number], step = 1): ParamSpec => ({
  type: 'number', default: def, min, max, random, step,
});

function jump(draft: GameState, logReturn: number, extraHype = 0): void {
  draft.btc.pendingJumpLog += logReturn;
  draft.hype.crypto = clamp01(draft.hype.crypto + HYPE_PER_LOG_RETURN * logReturn + extraHype);
}

function shockDemand(draft: GameState, demandPct: number, aiHype: number): void {
  draft.compute.demandShock *= 1 + demandPct / 100;
  draft.hype.ai = clamp01(draft.hype.ai + aiHype);
}

export const EVENT_TABLE: Readonly<Record<EventKind, EventDef>> = Object.freeze({
  // The mining system emits the real halving from the block height; a scripted one is news only.
  halving: { params: {}, apply: () => {} },
  pump: { params: { pct: pct(10, 0.1, 300, [5, 20]) }, apply: (d, p) => jump(d, dm.log(1 + n(p, 'pct') / 100)) },
  crash: { params: { pct: pct(15, 0.1, 95, [8, 30]) }, apply: (d, p) => jump(d, dm.log(1 - n(p, 'pct') / 100)) },
  etfApproval: { params: { pct: pct(8, 0.1, 300, [4, 12]) }, apply: (d, p) => jump(d, dm.log(1 + n(p, 'pct') / 100), 0.1) },
  miningBan: {
    params: { regionId: { type: 'region', weightBy: 'politicalRisk' }, days: pct(180, 1, 3650, [90, 365]) },
    apply: (d, p) => {
      const region = d.regions[String(p.regionId)];
      if (region) region.miningBanUntilDay = Math.max(region.miningBanUntilDay, d.day + n(p, 'days'));
    },
  },
  heatwave: {
    params: { regionId: { type: 'region', weightBy: 'powerVol' }, multiplier: pct(3, 1, 20, [1.5, 4], 0.5), days: pct(7, 1, 90, [3, 10]) },
    apply: (d, p) => {
      const region = d.regions[String(p.regionId)];
      if (!region) return;
      region.spikeMultiplier = n(p, 'multiplier');
      region.spikeDaysLeft = Math.max(region.spikeDaysLeft, n(p, 'days'));
    },
  },
  openModelRelease: { params: { demandPct: pct(10, 0, 90, [5, 15]) }, apply: (d, p) => shockDemand(d, -n(p, 'demandPct'), 0) },
  aiBreakthrough: { params: { demandPct: pct(20, 0, 500, [10, 40]) }, apply: (d, p) => shockDemand(d, n(p, 'demandPct'), 0.1) },
  capexBoom: { params: { demandPct: pct(15, 0, 500, [5, 20]) }, apply: (d, p) => shockDemand(d, n(p, 'demandPct'), 0.05) },
  gpuGlut: {
    params: { supplyPct: pct(20, 0, 500, [10, 30]) },
    apply: (d, p) => {
      d.compute.npcSupplyH100 *= 1 + n(p, 'supplyPct') / 100;
      d.hype.ai = clamp01(d.hype.ai - 0.03);
    },
  },
  newAsicGeneration: { params: { modelId: { type: 'model', modelKind: 'asic' } }, apply: () => {} },
  newGpuGeneration: {
    params: { modelId: { type: 'model', modelKind: 'gpu' }, olderPricePct: pct(10, 0, 90, [5, 15]) },
    apply: (d, p) => {
      const released = d.scenario.catalogue.find((m) => m.id === p.modelId)?.releaseDate ?? '';
      const cut = 1 - n(p, 'olderPricePct') / 100;
      for (const m of d.scenario.catalogue) {
        if (m.kind !== 'gpu' || m.id === p.modelId || m.releaseDate >= released) continue;
        const price = d.compute.gpuPriceUsd[m.id];
        if (price !== undefined) d.compute.gpuPriceUsd[m.id] = Math.round(price * cut);
      }
    },
  },
  rateChange: {
    params: { deltaPct: pct(0.25, -10, 10, [-0.5, 0.5], 0.25) },
    apply: (d, p) => {
      d.interestRatePct = Math.max(0, d.interestRatePct + n(p, 'deltaPct'));
    },
  },
  feeSpike: {
    params: { multiplier: pct(4, 1, 50, [2, 6], 0.5), days: pct(7, 1, 90, [3, 10]) },
    apply: (d, p) => {
      d.btc.feeSpikeMultiplier = d.btc.feeSpikeDaysLeft > 0 ? Math.max(d.btc.feeSpikeMultiplier, n(p, 'multiplier')) : n(p, 'multiplier');
      d.btc.feeSpikeDaysLeft = Math.max(d.btc.feeSpikeDaysLeft, n(p, 'days'));
    },
  },
});

/** Why `params` cannot be used for `kind` in this state, as a message key with parameters, or null when they can. */
export function eventParamsProblem(state: GameState, kind: EventKind, params: EventParams): EventErrorText | null {
  const def = EVENT_TABLE[kind];
  for (const [key, value] of Object.entries(params)) {
    const spec = own(def.params, key);
    if (!spec) {
      const known = Object.keys(def.params);
      return known.length ? { key: 'eventError.noParamKnown', params: { kind, param: key, known: known.join(', ') } } : { key: 'eventError.noParam', params: { kind, param: key } };
    }
    if (spec.type === 'number') {
      if (typeof value !== 'number' || !Number.isFinite(value)) return { key: 'eventError.number', params: { kind, param: key } };
      if (value < spec.min || value > spec.max) return { key: 'eventError.range', params: { kind, param: key, min: spec.min, max: spec.max } };
    } else if (spec.type === 'region') {
      if (typeof value !== 'string') return { key: 'eventError.regionType', params: { kind, param: key } };
      if (value !== '' && !own(state.regions, value)) return { key: 'eventError.region', params: { value, known: Object.keys(state.regions).join(', ') } };
    } else {
      if (typeof value !== 'string') return { key: 'eventError.modelType', params: { kind, param: key } };
      const model = state.scenario.catalogue.find((m) => m.id === value);
      if (value !== '' && model?.kind !== spec.modelKind) return { key: 'eventError.model', params: { modelKind: spec.modelKind.toUpperCase(), value } };
    }
  }
  return null;
}

/** Why `params` cannot be used for `kind` in this state (English, as RuleError messages carry it), or null when they can. */
export function validateEventParams(state: GameState, kind: EventKind, params: EventParams): string | null {
  const problem = eventParamsProblem(state, kind, params);
  return problem ? fillEn(EVENT_ERRORS_EN[problem.key], problem.params) : null;
}

function pickWeighted<T>(items: readonly T[], weight: (t: T) => number, rng: Rng): T | undefined {
  const total = items.reduce((s, t) => s + Math.max(0, weight(t)), 0);
  if (total <= 0) return items.length ? rng.pick(items) : undefined;
  let u = rng.next() * total;
  for (const t of items) {
    u -= Math.max(0, weight(t));
    if (u < 0) return t;
  }
  return items[items.length - 1];
}

/** The newest model of `kind` released by today, or the first to come if none is out yet. */
function newestModel(state: GameState, kind: 'asic' | 'gpu'): string {
  const models = state.scenario.catalogue.filter((m) => m.kind === kind);
  const released = models.filter((m) => m.releaseDate <= state.date);
  const pool = released.length ? released : models;
  const better = released.length ? (a: string, b: string) => a > b : (a: string, b: string) => a < b;
  let best = pool[0];
  for (const m of pool) if (best && better(m.releaseDate, best.releaseDate)) best = m;
  return best?.id ?? '';
}

/** Fills defaults and chooses a region or model where none was given. Call after `validateEventParams`. */
export function resolveEventParams(state: GameState, kind: EventKind, params: EventParams, rng: Rng): ResolvedParams {
  const out: ResolvedParams = {};
  for (const [key, spec] of Object.entries(EVENT_TABLE[kind].params)) {
    const given = params[key];
    if (spec.type === 'number') out[key] = typeof given === 'number' ? given : spec.default;
    else if (spec.type === 'region') {
      if (typeof given === 'string' && given !== '') out[key] = given;
      else {
        const pick = pickWeighted(state.scenario.regions, (r) => (spec.weightBy === 'politicalRisk' ? r.politicalRiskPerYear : r.powerVolDaily), rng);
        out[key] = pick?.id ?? '';
      }
    } else out[key] = typeof given === 'string' && given !== '' ? given : newestModel(state, spec.modelKind);
  }
  return out;
}

/** Parameters of a randomly occurring event: each number drawn from its range, on its step. */
export function randomEventParams(kind: EventKind, rng: Rng): EventParams {
  const out: EventParams = {};
  for (const [key, spec] of Object.entries(EVENT_TABLE[kind].params)) {
    if (spec.type !== 'number') continue;
    const [lo, hi] = spec.random;
    let value = Math.round((lo + rng.next() * (hi - lo)) / spec.step) * spec.step;
    // A random rate change of exactly zero would be a non-event.
    if (value === 0) value = spec.step;
    out[key] = Math.min(spec.max, Math.max(spec.min, value));
  }
  return out;
}

export function headlineContext(state: GameState): HeadlineContext {
  return {
    regionName: (id) => state.scenario.regions.find((r) => r.id === id)?.name ?? id,
    modelName: (id) => state.scenario.catalogue.find((m) => m.id === id)?.name ?? id,
    interestRatePct: state.interestRatePct,
  };
}

/** The headline for resolved params, read before the effect is applied (a rate change quotes the new rate). */
export function eventHeadline(state: GameState, kind: EventKind, params: ResolvedParams): string {
  return headlineFor(kind, params, headlineContext(state));
}

export function applyEvent(draft: GameState, kind: EventKind, params: ResolvedParams): void {
  EVENT_TABLE[kind].apply(draft, params);
}

/**
 * One day of hype drift: each index reverts toward its base, which BTC momentum (log-return over the
 * recent window) and AI rents (relative to the reference rent) push up or down.
 */
export function driftHype(
  hype: { crypto: number; ai: number },
  base: { crypto: number; ai: number },
  btcMomentumLog: number,
  aiRentRatio: number,
): { crypto: number; ai: number } {
  const cryptoTarget = clamp01(base.crypto + HYPE_BTC_RANGE * dm.tanh(2 * btcMomentumLog));
  const aiTarget = clamp01(base.ai + HYPE_AI_RANGE * dm.tanh(aiRentRatio > 0 ? dm.log(aiRentRatio) : 0));
  return {
    crypto: clamp01(hype.crypto + HYPE_REVERSION_PER_DAY * (cryptoTarget - hype.crypto)),
    ai: clamp01(hype.ai + HYPE_REVERSION_PER_DAY * (aiTarget - hype.ai)),
  };
}

export { EVENT_KINDS };
