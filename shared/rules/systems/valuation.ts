/** NAV, sentiment multiples, market caps and the world meters. */
import type { Phase } from '../context.js';
import type { DeepReadonly, GameState, Ledger, PlayerId, PlayerState, Site, Tier } from '../types.js';
import type { HardwareModelSpec } from '../../economy/scenarios/types.js';
import { internedId, playerAccount } from '../../economy/ledger.js';
import { centsToUsd, satsToBtc } from '../../economy/money.js';
import { earningPowerDays, marketCapUsd, navUsd, sentimentMultiple, sectorHype, type MultipleInputs, type NavParts } from '../../economy/valuation.js';
import { contractUsdPerMwh, dailyPowerCostUsd } from '../../economy/power.js';
import { blockCents } from '../../economy/leaseBook.js';
import { lotsOf, modelSpec, raw, recordList, regionPue, siteRuns } from './capacity.js';
import { resaleUnitPriceUsd, siteMarketUsdPerMw, siteValueUsd } from './prices.js';
import { contractValuesByPlayer, costOfCapitalPct, type ContractValues } from './computeValue.js';
import { recordValues } from '../recordValues.js';

/** Escrow account holding a loan's BTC collateral: still the borrower's asset until liquidated. */
export const loanEscrow = (loanId: string): string => internedId(escrowIds, loanId, 'escrow:loan:');
const escrowIds = new Map<string, string>();

/** Overhead of NPC facilities on top of the chips' own draw (cooling, conversion). */
export const NPC_MINING_PUE = 1.1;
export const NPC_AI_PUE = 1.3;
/** Power per H100-equivalent in NPC clouds when the catalogue has no H100 (kW, all-in). */
const DEFAULT_H100_KW = 1.2;

/** What the world asks per MW for a site it re-lists (after a bankruptcy): the scenario's average listing price by tier, else build capex. */
export function tierUsdPerMw(state: GameState, tier: Tier): number {
  let sum = 0;
  let count = 0;
  for (const l of state.scenario.listings) {
    if (l.tier !== tier) continue;
    sum += l.priceUsdPerMw;
    count += 1;
  }
  if (count > 0) return sum / count;
  return tier === 'ai' ? state.scenario.capex.aiUsdPerMw : state.scenario.capex.miningUsdPerMw;
}

/**
 * What one running unit of a model earns the crowd's way: today's net margin (hashprice averaged
 * over the recent window, or spot rent, less the site's power) times `earningPowerDays`.
 */
function unitEarningPower(state: GameState): (spec: HardwareModelSpec, site: Site) => number {
  const hashprices = raw(raw(state.recent).hashprice);
  let sum = 0;
  for (const h of hashprices) sum += h;
  const hashpriceUsdPerPhDay = hashprices.length > 0 ? sum / hashprices.length : state.btc.hashpriceUsdPerPhDay;
  const rentUsdPerGpuHour = state.compute.spotUsdPerGpuHour;
  const days = earningPowerDays(costOfCapitalPct(state));
  const regions = raw(state.regions);
  return (spec, site) => {
    const revenueUsdPerDay = spec.kind === 'asic' ? (spec.hashrateThs / 1000) * hashpriceUsdPerPhDay : spec.h100Equivalent * rentUsdPerGpuHour * 24;
    const indexUsdPerMwh = regions[site.regionId]?.powerUsdPerMwh ?? 0;
    const powerUsdPerDay = dailyPowerCostUsd((spec.powerKw / 1000) * regionPue(state, site.regionId), contractUsdPerMwh(site.contract, indexUsdPerMwh, site.ppaUsdPerMwh));
    return Math.max(0, revenueUsdPerDay - powerUsdPerDay) * days;
  };
}

/**
 * NAV components for every seated player, in one pass over lots, sites, loans and orders; with
 * `only`, for that one player (an action needs its own NAV, not everyone's).
 */
export function navPartsByPlayer(draftOrState: GameState, only?: PlayerId): ReadonlyMap<PlayerId, NavParts> {
  return valuation(draftOrState, only).parts;
}

/** `navPartsByPlayer`, and the MW the running hardware it valued draws (every player's, without `only`). */
function valuation(draftOrState: GameState, only?: PlayerId): { parts: ReadonlyMap<PlayerId, NavParts>; runningMw: RunningMw } {
  const h = (only === undefined ? keptHoldings(draftOrState) : null) ?? holdings(draftOrState, only);
  return { parts: withContracts(h.byId, contractValuesByPlayer(draftOrState, only, h.ownH100)), runningMw: h.runningMw };
}

/** Every part of NAV but the contracts and held leases, whose value runs down day by day. */
interface Holdings {
  byId: Map<PlayerId, NavParts>;
  ownH100: Map<PlayerId, number>;
  runningMw: RunningMw;
}

function holdings(draftOrState: GameState, only?: PlayerId): Holdings {
  // Read-only: every read goes past immer's proxies (a draft would otherwise proxy each record it touches).
  const state = raw(draftOrState);
  const accounts = raw(raw(state.ledger).accounts);
  const order = only === undefined ? raw(state.playerOrder) : raw(state.playerOrder).filter((id) => id === only);
  // One small function per pass: V8 compiles each in a few ms, where one function holding them all
  // took it ~100 ms, and again after each deopt.
  const byId = emptyParts(order, accounts, state.btc.btcUsd);
  const lots = addLots(draftOrState, byId, only);
  addSites(draftOrState, byId, lots.siteKw);
  addDebtsAndReserves(state, byId, accounts, order);
  return { byId, ownH100: lots.ownH100, runningMw: lots.runningMw };
}

/**
 * The holdings the day's valuation found, for the views of the next day's start: a bot match and a
 * room value every seat right after the step, on the state the step ended with. Nothing but the
 * date has moved then, and the holdings read the date only where a mining ban ends, so they are
 * reused unless one ends today; the contracts are valued afresh. Every step, action and seating
 * forgets them first (`forgetHoldings`), so no change to the state can slip past.
 */
let kept: { state: object; day: number; postings: number; h: Holdings } | null = null;

export function forgetHoldings(): void {
  kept = null;
}

function keepHoldings(draft: GameState, h: Holdings): void {
  const state = raw(draft);
  kept = { state, day: state.day, postings: raw(state.ledger).postings, h };
}

function keptHoldings(draftOrState: GameState): Holdings | null {
  const state = raw(draftOrState);
  if (!kept || kept.state !== state || kept.day + 1 !== state.day || kept.postings !== raw(state.ledger).postings) return null;
  const regions = raw(state.regions);
  for (const id in regions) if (regions[id]!.miningBanUntilDay === state.day) return null;
  return kept.h;
}

/** MW drawn at the meter (PUE included) by every player's hardware running today, by kind. */
interface RunningMw {
  miningMw: number;
  aiMw: number;
}

type Accounts = DeepReadonly<Ledger['accounts']>;

/**
 * Where each sum starts: -0, not 0. From a 0 literal V8 gives the fields a small-integer
 * representation, and each of the day's new objects then changes its hidden class, one by one, at
 * its first fractional addition (the valuation's pass over the lots took twice as long). -0 + x is
 * x for every x; `settleSums` turns a sum nothing was added to back into 0.
 */
const SUM_START = -0;

/** Every sum that started at SUM_START, with -0 made 0 (field by field: V8 reads these by name far faster than by key). */
function settleSums(p: NavParts): void {
  p.reservedUsd += 0;
  p.heldLeasesUsd += 0;
  p.hardwareUsd += 0;
  p.operatingHardwareUsd += 0;
  p.earningPowerUsd += 0;
  p.sitesUsd += 0;
  p.operatingSitesUsd += 0;
  p.contractsPvUsd += 0;
  p.debtUsd += 0;
}

// A Map (V8 looks up a Map by string faster than an object of a hundred keys).
function emptyParts(order: readonly PlayerId[], accounts: Accounts, btcUsd: number): Map<PlayerId, NavParts> {
  const byId = new Map<PlayerId, NavParts>();
  for (const id of order) {
    const bal = accounts[playerAccount(id)];
    byId.set(id, {
      cashUsd: centsToUsd(bal?.usdCents ?? 0), btc: satsToBtc(bal?.sats ?? 0), btcUsd, reservedUsd: SUM_START, heldLeasesUsd: SUM_START,
      hardwareUsd: SUM_START, operatingHardwareUsd: SUM_START, earningPowerUsd: SUM_START, sitesUsd: SUM_START, operatingSitesUsd: SUM_START,
      contractsPvUsd: SUM_START, debtUsd: SUM_START,
    });
  }
  return byId;
}

/** What `addLots` knows of a site after its first lot there: whether it runs each kind, and what a unit of each model earns in it. */
interface LotSite {
  site: Site;
  runsMining: boolean;
  runsAi: boolean;
  earningPerUnitUsd: Map<string, number>;
}

/**
 * Hardware at resale and earning power. The same pass sums each site's installed kW (what
 * `siteUsedMw` would find by scanning the owner's lots once per site), in the same order, so the
 * figures are the same, and each player's running GPUs for the contracts' valuation (`gpuBooks`).
 * A site is looked up and checked once, at its first lot: a player has a few lots per site.
 */
function addLots(draftOrState: GameState, byId: Map<PlayerId, NavParts>, only?: PlayerId): { siteKw: Map<string, number>; ownH100: Map<PlayerId, number>; runningMw: RunningMw } {
  const state = raw(draftOrState);
  const sites = raw(state.sites);
  const resale = new Map<string, number>();
  const earning = unitEarningPower(draftOrState);
  const siteKw = new Map<string, number>();
  const ownH100 = new Map<PlayerId, number>();
  const lotSites = new Map<string, LotSite | null>();
  const lotSite = (siteId: string): LotSite | null => {
    let at = lotSites.get(siteId);
    if (at === undefined) {
      const site = sites[siteId];
      at = site ? { site, runsMining: siteRuns(draftOrState, site, 'mining'), runsAi: siteRuns(draftOrState, site, 'ai'), earningPerUnitUsd: new Map() } : null;
      lotSites.set(siteId, at);
    }
    return at;
  };
  const runningMw: RunningMw = { miningMw: 0, aiMw: 0 };
  // One player's NAV (an action's, a distressed company's) reads its own lots, in the order every
  // lot is read (the owner index follows the lots' key order), so its sums are the same.
  for (const lot of only === undefined ? recordList(state.lots) : lotsOf(draftOrState, only)) {
    const at = lot.status === 'installed' && lot.siteId ? lotSite(lot.siteId) : null;
    const spec = at ? modelSpec(draftOrState, lot.modelId) : undefined;
    const running = !!spec && (spec.kind === 'asic' ? at!.runsMining : at!.runsAi);
    // Every running lot, whoever holds it (the world meters), summed in the lots' order.
    if (running) {
      const mw = ((spec.powerKw * lot.count) / 1000) * regionPue(draftOrState, at!.site.regionId);
      if (spec.kind === 'asic') runningMw.miningMw += mw;
      else runningMw.aiMw += mw;
    }
    const parts = byId.get(lot.ownerId);
    if (!parts) continue;
    let unit = resale.get(lot.modelId);
    if (unit === undefined) resale.set(lot.modelId, (unit = resaleUnitPriceUsd(draftOrState, lot.modelId)));
    parts.hardwareUsd += unit * lot.count;
    if (!at) continue;
    const site = at.site;
    if (site.ownerId === lot.ownerId) siteKw.set(site.id, (siteKw.get(site.id) ?? 0) + (spec?.powerKw ?? 0) * lot.count);
    if (!running) continue;
    parts.operatingHardwareUsd += unit * lot.count;
    if (spec.kind === 'gpu') ownH100.set(lot.ownerId, (ownH100.get(lot.ownerId) ?? 0) + spec.h100Equivalent * lot.count);
    let perUnit = at.earningPerUnitUsd.get(spec.id);
    if (perUnit === undefined) at.earningPerUnitUsd.set(spec.id, (perUnit = earning(spec, site)));
    parts.earningPowerUsd += Math.max(unit, perUnit) * lot.count;
  }
  return { siteKw, ownH100, runningMw };
}

function addSites(draftOrState: GameState, byId: Map<PlayerId, NavParts>, siteKw: ReadonlyMap<string, number>): void {
  const usdPerMw: Record<Tier, Map<string, number>> = { mining: new Map<string, number>(), ai: new Map<string, number>() };
  for (const site of recordList(raw(draftOrState).sites)) {
    const parts = site.ownerId ? byId.get(site.ownerId) : undefined;
    if (!parts) continue;
    const totalMw = site.energisedMw + site.buildingMw;
    // Hosted MW earn through their contract: counting them here as well would count them twice.
    const ownMw = Math.max(0, totalMw - site.hostedMw);
    const value = totalMw > 0 ? (siteValue(draftOrState, site, usdPerMw) * ownMw) / totalMw : 0;
    parts.sitesUsd += value;
    const usableMw = site.energisedMw - site.hostedMw;
    if (site.status === 'active' && usableMw > 0) {
      const usedMw = ((siteKw.get(site.id) ?? 0) / 1000) * regionPue(draftOrState, site.regionId);
      const usedShare = Math.min(1, usedMw / usableMw);
      parts.operatingSitesUsd += ((value * usableMw) / Math.max(usableMw, ownMw)) * usedShare;
    }
  }
}

/** Loans (and the BTC in their escrow), cash reserved by lease bids and contest stakes. */
function addDebtsAndReserves(state: DeepReadonly<GameState>, byId: Map<PlayerId, NavParts>, accounts: Accounts, order: readonly PlayerId[]): void {
  for (const loan of recordValues(raw(state.loans))) {
    const parts = byId.get(loan.ownerId);
    if (!parts) continue;
    parts.debtUsd += centsToUsd(loan.principalUsdCents);
    parts.btc += satsToBtc(accounts[loanEscrow(loan.id)]?.sats ?? 0);
  }
  for (const o of recordValues(raw(state.leaseOrders))) {
    const parts = byId.get(o.ownerId);
    if (parts && o.side === 'bid') parts.reservedUsd += centsToUsd(o.remaining * blockCents(o.priceUsdPerGpuHour));
  }
  const picks = raw(raw(state.contest).current).picks;
  for (const id of order) {
    const pick = Object.prototype.hasOwnProperty.call(picks, id) ? picks[id] : undefined;
    if (pick) byId.get(id)!.reservedUsd += centsToUsd(pick.stakeUsdCents);
  }
}

// The contracts' parts written into the holdings, which become the NAV parts. Kept holdings get
// them again the next morning, so both are set whether or not the player has contracts today.
function withContracts(byId: Map<PlayerId, NavParts>, contracts: ReadonlyMap<PlayerId, ContractValues>): ReadonlyMap<PlayerId, NavParts> {
  for (const [id, parts] of byId) {
    const v = contracts.get(id);
    parts.contractsPvUsd = v ? v.contractsPvUsd : 0;
    parts.heldLeasesUsd = v ? v.heldLeasesUsd : 0;
    settleSums(parts);
  }
  return byId;
}

/** `siteValueUsd`, with the market price per MW of each tier and region looked up once per valuation. */
function siteValue(state: GameState, site: Site, usdPerMw: Record<Tier, Map<string, number>>): number {
  const byRegion = usdPerMw[site.tier];
  let price = byRegion.get(site.regionId);
  if (price === undefined) byRegion.set(site.regionId, (price = siteMarketUsdPerMw(state, site)));
  return siteValueUsd(state, site, price);
}

/** Today's NAV of one player in dollars (fresh, not yesterday's `navUsd`). */
export function playerNavUsd(state: GameState, playerId: PlayerId): number {
  const parts = navPartsByPlayer(state, playerId).get(playerId);
  return parts ? navUsd(parts) : 0;
}

/** The inputs of a player's sentiment multiple today. */
export function multipleInputs(state: GameState, p: PlayerState): MultipleInputs {
  return {
    hypeCrypto: state.hype.crypto,
    hypeAi: state.hype.ai,
    revenueMiningUsdPerDay: p.revenueMiningUsdPerDay,
    revenueAiUsdPerDay: p.revenueAiUsdPerDay,
    narrative: p.narrative,
    narrativeAgeDays: state.day - p.narrativeSinceDay,
  };
}

/** Sector hype the crowd (and a lender) applies to a player, from its revenue mix. */
export function playerSectorHype(state: GameState, playerId: PlayerId): number {
  const p = state.players[playerId];
  return p ? sectorHype(multipleInputs(state, p)) : 0.5;
}

function updateMeters(draft: GameState, players: RunningMw): void {
  const scenario = raw(draft.scenario);
  // EH/s × J/TH = MW (1 EH/s = 10^6 TH/s, and 10^6 W = 1 MW).
  let npcMiningMw = 0;
  for (const c of raw(raw(draft.npc).cohorts)) npcMiningMw += c.runningEhs * c.efficiencyJPerTh * NPC_MINING_PUE;
  const h100Kw = modelSpec(draft, 'h100')?.powerKw ?? DEFAULT_H100_KW;
  const npcAiMw = (draft.compute.npcSupplyH100 * h100Kw * NPC_AI_PUE) / 1000;
  draft.meters.miningGw = (players.miningMw + npcMiningMw) / 1000;
  draft.meters.aiGw = (players.aiMw + npcAiMw) / 1000;

  let now = 0;
  let base = 0;
  const regions = raw(draft.regions);
  for (const r of scenario.regions) {
    now += regions[r.id]?.powerUsdPerMwh ?? r.basePowerUsdPerMwh;
    base += r.basePowerUsdPerMwh;
  }
  draft.meters.energyPriceIndex = base > 0 ? (100 * now) / base : 100;
}

/** Scores every player (NAV, multiple, market cap) and updates the world meters. */
export const valuationPhase: Phase = (draft) => {
  const h = holdings(draft);
  const parts = withContracts(h.byId, contractValuesByPlayer(draft, undefined, h.ownH100));
  const runningMw = h.runningMw;
  const players = raw(draft.players);
  for (const id of raw(draft.playerOrder)) {
    const p = players[id];
    const np = parts.get(id);
    if (!p || !np) continue;
    const multiple = sentimentMultiple(multipleInputs(draft, p));
    const navRounded = Math.round(navUsd(np));
    const capRounded = Math.round(marketCapUsd(np, multiple));
    // Writing only what changed keeps idle players' records out of the day's draft.
    if (p.navUsd === navRounded && p.multiple === multiple && p.marketCapUsd === capRounded) continue;
    const w = draft.players[id]!;
    w.navUsd = navRounded;
    w.multiple = multiple;
    w.marketCapUsd = capRounded;
  }
  updateMeters(draft, runningMw);
  keepHoldings(draft, h);
};
