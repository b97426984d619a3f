/** Scheduled, random and host-injected events: their effects on the world and their headlines. */
import type { Ctx, Phase, Reducer } from '../context.js';
import { fail, pushNews } from '../context.js';
import type { EventKind, GameState } from '../types.js';
import { withRng, type Rng } from '../rng.js';
import {
  applyEvent,
  driftHype,
  EVENT_KINDS,
  eventHeadline,
  randomEventParams,
  resolveEventParams,
  validateEventParams,
  type EventParams,
} from '../../economy/events.js';
import * as dm from '../../economy/detMath.js';

const DAYS_PER_YEAR = 365;

function fire(draft: GameState, ctx: Ctx, rng: Rng, kind: EventKind, params: EventParams, headline?: string): void {
  // A scripted event with bad data must not stop a class: skip it (presets are validated by tests).
  if (validateEventParams(draft, kind, params)) return;
  const resolved = resolveEventParams(draft, kind, params, rng);
  const text = headline ?? eventHeadline(draft, kind, resolved);
  applyEvent(draft, kind, resolved);
  pushNews(draft, ctx, kind, text);
  ctx.events.push({ type: 'marketEvent', day: draft.day, kind, headline: text, params: resolved });
}

function btcMomentumLog(draft: GameState): number {
  const prices = draft.recent.btcUsd;
  const first = prices[0];
  const last = prices[prices.length - 1];
  return first && last && first > 0 && last > 0 ? dm.log(last / first) : 0;
}

/** Hype drifts, then today's scheduled events fire (in order), then random ones by the scenario's yearly rates. */
export const eventsPhase: Phase = (draft, ctx) => {
  const ref = draft.scenario.compute.refPriceUsdPerGpuHour;
  const next = driftHype(draft.hype, draft.scenario.hype, btcMomentumLog(draft), ref > 0 ? draft.compute.spotUsdPerGpuHour / ref : 1);
  draft.hype.crypto = next.crypto;
  draft.hype.ai = next.ai;

  withRng(draft.rng, 'events', (rng) => {
    if (draft.events.some((e) => e.day <= draft.day)) {
      const due = draft.events.filter((e) => e.day <= draft.day);
      draft.events = draft.events.filter((e) => e.day > draft.day);
      for (const e of due) fire(draft, ctx, rng, e.kind, e.params, e.headline);
    }
    const rates = draft.scenario.randomEvents;
    for (const kind of EVENT_KINDS) {
      const perYear = rates[kind];
      if (!perYear || perYear <= 0) continue;
      if (rng.chance(1 - dm.exp(-perYear / DAYS_PER_YEAR))) fire(draft, ctx, rng, kind, randomEventParams(kind, rng));
    }
  });
};

export const hostReducers: { injectEvent: Reducer<'injectEvent'>; endMatch: Reducer<'endMatch'> } = {
  injectEvent: (draft, _p, action) => {
    const params = action.params ?? {};
    const problem = validateEventParams(draft, action.kind, params);
    if (problem) return fail('BAD_ACTION', problem);
    draft.events.push({ day: draft.day, kind: action.kind, params, source: 'host', headline: action.headline });
  },
  endMatch: (draft, _p, _a, ctx) => {
    draft.phase = 'ended';
    ctx.events.push({ type: 'matchEnded', day: draft.day });
  },
};
