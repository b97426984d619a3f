/**
 * Hardware: orders, arrivals, installing, resale; the ASIC $/TH index, GPU prices and lead times.
 *
 * Orders are paid in full when placed and arrive after today's lead time, into the named site if it
 * then has the tier and free MW (as many units as fit), the rest into storage.
 */
import type { Ctx, Phase, Reducer } from '../context.js';
import { fail, newId, tooLate } from '../context.js';
import type { GameState, HardwareLot, PlayerId, RuleError, Site } from '../types.js';
import type { HardwareModelSpec } from '../../economy/scenarios/types.js';
import { canTransfer, playerAccount, transfer, WORLD } from '../../economy/ledger.js';
import { usdToCents } from '../../economy/money.js';
import {
  asicIndexUsdPerTh,
  gpuTargetPriceUsd,
  hashpriceForIndex,
  lagHashprice,
  leadTimeDays,
  stickyPriceStep,
} from '../../economy/hardware.js';
import { addLot, forgetRecordList, modelSpec, raw, recordList, siteFreeMw, unitMw } from './capacity.js';
import { newUnitPriceUsd, resaleUnitPriceUsd } from './prices.js';
import { own } from '../own.js';

const fmtUsd = (usd: number) => `$${Math.round(usd).toLocaleString('en-US')}`;

/** Today's lead time for a model kind (days). */
export function leadTimeFor(state: GameState, spec: HardwareModelSpec): number {
  return spec.kind === 'asic' ? state.hardware.asicLeadTimeDays : state.compute.gpuLeadTimeDays;
}

/** Why `spec` cannot go into `site` (tier or state), or null if it can. Capacity is checked separately. */
function placementProblem(spec: HardwareModelSpec, site: Site): RuleError | null {
  if (spec.kind === 'gpu' && site.tier !== 'ai') {
    return fail('WRONG_TIER', `Site ${site.name} is mining tier; GPUs need an ai-tier site.`);
  }
  if (site.status !== 'active' || site.energisedMw <= 0) {
    return fail('WRONG_STATE', `Site ${site.name} is ${site.status === 'active' ? 'not energised' : site.status}; hardware can go in once it is active.`);
  }
  return null;
}

/** Moves `count` units of a lot into a new lot (same owner, model, cost), returning the new one. */
function splitLot(draft: GameState, lot: HardwareLot, count: number): HardwareLot {
  const part: HardwareLot = { ...lot, id: newId(draft, 'H'), count, committedGpus: 0 };
  lot.count -= count;
  lot.committedGpus = Math.min(lot.committedGpus, lot.count);
  addLot(draft, part);
  return draft.lots[part.id]!;
}

function ownedLot(draft: GameState, playerId: PlayerId, lotId: string): HardwareLot | RuleError {
  const lot = own(draft.lots, lotId);
  if (!lot) return fail('NOT_FOUND', `No hardware lot ${lotId}.`);
  if (lot.ownerId !== playerId) return fail('NOT_OWNER', `Lot ${lotId} is not yours.`);
  return lot;
}

const isError = (x: unknown): x is RuleError => typeof x === 'object' && x !== null && 'code' in x && 'message' in x;

type T = 'orderHardware' | 'installHardware' | 'uninstallHardware' | 'sellHardware';
export const hardwareReducers: { [K in T]: Reducer<K> } = {
  orderHardware: (draft, playerId, action) => {
    const spec = modelSpec(draft, action.modelId);
    if (!spec) return fail('NOT_FOUND', `No hardware model ${action.modelId}.`);
    if (spec.releaseDate > draft.date) return fail('NOT_AVAILABLE', `${spec.name} is not released until ${spec.releaseDate}.`);
    if (action.siteId !== undefined) {
      const site = own(draft.sites, action.siteId);
      if (!site) return fail('NOT_FOUND', `No site ${action.siteId}.`);
      if (site.ownerId !== playerId) return fail('NOT_OWNER', `Site ${site.name} is not yours.`);
      // A site being retrofitted will be ai tier when GPUs arrive.
      if (spec.kind === 'gpu' && site.tier !== 'ai' && site.status !== 'retrofitting') {
        return fail('WRONG_TIER', `Site ${site.name} is mining tier; GPUs need an ai-tier site.`);
      }
    }
    const arrivesDay = draft.day + leadTimeFor(draft, spec);
    const late = tooLate(draft, arrivesDay, `${action.count} × ${spec.name} (lead time ${arrivesDay - draft.day} days)`);
    if (late) return late;
    const unitUsd = newUnitPriceUsd(draft, spec.id);
    const totalUsd = unitUsd * action.count;
    const t = { from: playerAccount(playerId), to: WORLD, usdCents: usdToCents(totalUsd), reason: 'hardware' };
    if (!canTransfer(draft.ledger, t)) {
      return fail('INSUFFICIENT_FUNDS', `${action.count} × ${spec.name} cost ${fmtUsd(totalUsd)}; you do not have enough cash.`);
    }
    transfer(draft.ledger, t);
    addLot(draft, {
      id: newId(draft, 'H'),
      ownerId: playerId,
      modelId: spec.id,
      count: action.count,
      status: 'ordered',
      siteId: action.siteId ?? null,
      arrivesDay,
      unitCostUsd: Math.round(unitUsd),
      committedGpus: 0,
    });
  },

  installHardware: (draft, playerId, action) => {
    const lot = ownedLot(draft, playerId, action.lotId);
    if (isError(lot)) return lot;
    if (lot.status !== 'stored') {
      return fail('WRONG_STATE', lot.status === 'ordered' ? `Lot ${lot.id} has not arrived yet.` : `Lot ${lot.id} is already installed; uninstall it first.`);
    }
    const count = action.count ?? lot.count;
    if (count > lot.count) return fail('BAD_ACTION', `Lot ${lot.id} has only ${lot.count} units.`);
    const site = own(draft.sites, action.siteId);
    if (!site) return fail('NOT_FOUND', `No site ${action.siteId}.`);
    if (site.ownerId !== playerId) return fail('NOT_OWNER', `Site ${site.name} is not yours.`);
    const spec = modelSpec(draft, lot.modelId);
    if (!spec) return fail('NOT_FOUND', `No hardware model ${lot.modelId}.`);
    const problem = placementProblem(spec, site);
    if (problem) return problem;
    const needMw = unitMw(draft, spec.id, site.regionId) * count;
    const freeMw = siteFreeMw(draft, site);
    if (needMw > freeMw + 1e-9) {
      return fail('NO_CAPACITY', `${count} × ${spec.name} need ${needMw.toFixed(2)} MW; site ${site.name} has ${freeMw.toFixed(2)} MW free.`);
    }
    const target = count < lot.count ? splitLot(draft, lot, count) : lot;
    target.status = 'installed';
    target.siteId = site.id;
  },

  uninstallHardware: (draft, playerId, action) => {
    const lot = ownedLot(draft, playerId, action.lotId);
    if (isError(lot)) return lot;
    if (lot.status !== 'installed') return fail('WRONG_STATE', `Lot ${lot.id} is not installed.`);
    const count = action.count ?? lot.count;
    if (count > lot.count) return fail('BAD_ACTION', `Lot ${lot.id} has only ${lot.count} units.`);
    const target = count < lot.count ? splitLot(draft, lot, count) : lot;
    target.status = 'stored';
    target.siteId = null;
    target.committedGpus = 0;
  },

  sellHardware: (draft, playerId, action) => {
    const lot = ownedLot(draft, playerId, action.lotId);
    if (isError(lot)) return lot;
    if (lot.status === 'ordered') return fail('WRONG_STATE', `Lot ${lot.id} has not arrived yet; it can be sold once delivered.`);
    const count = action.count ?? lot.count;
    if (count > lot.count) return fail('BAD_ACTION', `Lot ${lot.id} has only ${lot.count} units.`);
    const proceedsUsd = resaleUnitPriceUsd(draft, lot.modelId) * count;
    transfer(draft.ledger, { from: WORLD, to: playerAccount(playerId), usdCents: usdToCents(proceedsUsd), reason: 'hardwareSale' });
    if (count === lot.count) {
      delete draft.lots[lot.id];
      forgetRecordList(draft.lots);
    }
    else {
      lot.count -= count;
      lot.committedGpus = Math.min(lot.committedGpus, lot.count);
    }
  },
};

/** Deliveries due today: into the addressed site as far as it has room, the rest into storage. */
function deliver(draft: GameState, ctx: Ctx): void {
  const due: string[] = [];
  for (const lot of recordList(draft.lots)) {
    if (lot.status === 'ordered' && lot.arrivesDay <= draft.day) due.push(lot.id);
  }
  for (const id of due) {
    const lot = draft.lots[id]!;
    const spec = modelSpec(draft, lot.modelId);
    const site = lot.siteId ? draft.sites[lot.siteId] : undefined;
    let fits = 0;
    if (spec && site && site.ownerId === lot.ownerId && !placementProblem(spec, site)) {
      const perUnitMw = unitMw(draft, spec.id, site.regionId);
      fits = perUnitMw > 0 ? Math.min(lot.count, Math.floor((siteFreeMw(draft, site) + 1e-9) / perUnitMw)) : lot.count;
    }
    const installAll = fits === lot.count;
    if (fits > 0 && !installAll) {
      const placed = splitLot(draft, lot, fits);
      placed.status = 'installed';
      ctx.events.push({ type: 'hardwareArrived', day: draft.day, playerId: placed.ownerId, lotId: placed.id });
    }
    if (installAll) lot.status = 'installed';
    else {
      lot.status = 'stored';
      lot.siteId = null;
    }
    ctx.events.push({ type: 'hardwareArrived', day: draft.day, playerId: lot.ownerId, lotId: lot.id });
  }
}

/** The ASIC index follows lagged hashprice; its lead time stretches when hashprice runs above its lag. */
function updateAsicMarket(draft: GameState): void {
  const cfg = draft.scenario.hardware;
  const hw = draft.hardware;
  if (hw.laggedHashpriceUsdPerPhDay <= 0) {
    const start = hashpriceForIndex(cfg.asicStartUsdPerTh, cfg.asicUsdPerThPerHashprice);
    hw.smoothedHashpriceUsdPerPhDay = start;
    hw.laggedHashpriceUsdPerPhDay = start;
  }
  const hashprice = draft.btc.hashpriceUsdPerPhDay;
  if (hashprice <= 0) return; // not yet computed (day 0): keep the scenario's start index
  const next = lagHashprice(hw.smoothedHashpriceUsdPerPhDay, hw.laggedHashpriceUsdPerPhDay, hashprice, cfg.asicLagDays);
  hw.smoothedHashpriceUsdPerPhDay = next.stage1;
  hw.laggedHashpriceUsdPerPhDay = next.stage2;
  hw.asicUsdPerTh = asicIndexUsdPerTh(next.stage2, cfg.asicUsdPerThPerHashprice);
  hw.asicLeadTimeDays = leadTimeDays(cfg.asicLeadTimeDays, hashprice / next.stage2);
}

/** GPU list prices creep toward what rent justifies; lead times follow how hot rent is. */
function updateGpuMarket(draft: GameState): void {
  const compute = draft.compute;
  const rent = compute.spotUsdPerGpuHour;
  const refRent = draft.scenario.compute.refPriceUsdPerGpuHour;
  for (const spec of raw(draft.scenario.catalogue)) {
    if (spec.kind !== 'gpu') continue;
    const current = compute.gpuPriceUsd[spec.id] ?? spec.basePriceUsd;
    // Unreleased parts keep their announced list price.
    if (spec.releaseDate > draft.date) continue;
    compute.gpuPriceUsd[spec.id] = stickyPriceStep(current, gpuTargetPriceUsd(spec.basePriceUsd, rent, refRent));
  }
  compute.gpuLeadTimeDays = leadTimeDays(draft.scenario.hardware.gpuLeadTimeDays, refRent > 0 ? rent / refRent : 1);
}

export const hardwarePhase: Phase = (draft, ctx) => {
  deliver(draft, ctx);
  updateAsicMarket(draft);
  updateGpuMarket(draft);
};
