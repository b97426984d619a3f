/** Bitcoin production: players' and NPC hashrate, blocks, rewards, fees, difficulty, halvings. */
import { current, isDraft, type Draft } from 'immer';
import type { Ctx, Phase } from '../context.js';
import { pushNews } from '../context.js';
import type { GameState, HardwareLot, PlayerId } from '../types.js';
import type { HardwareModelSpec } from '../../economy/scenarios/types.js';
import { withRng } from '../rng.js';
import { drawFeesBtcPerBlock, hashpriceAtDifficulty, hashpriceUsdPerPhDay, mineDay, type ChainBoundary } from '../../economy/bitcoin.js';
import { stepFleet } from '../../economy/npcFleet.js';
import { COINBASE, playerAccount, transfer, WORLD } from '../../economy/ledger.js';
import { btcToSats, satsToBtc, satsValueCents } from '../../economy/money.js';
import { raw, recordList, siteRuns } from './capacity.js';
import { pushRecent } from './market.js';
import { renderNewsEn } from '../../economy/newsText.js';

/** Smoothing of each player's daily mining revenue (EMA weight of today). */
const REVENUE_EMA_ALPHA = 0.1;
/** NPC investors look at this many days of hashprice, not at one lucky day. */
const INVEST_HASHPRICE_DAYS = 14;

/**
 * A snapshot of the lots that is never written to later: the base when nothing changed today,
 * else a fresh copy. (capacity's `raw` may hand back immer's working copy, which later phases of
 * the same day can still mutate: unsafe as a memo key.)
 */
function frozenLots(lots: Record<string, HardwareLot>): Record<string, HardwareLot> {
  return isDraft(lots) ? current(lots as Draft<Record<string, HardwareLot>>) : lots;
}

interface AsicGroup {
  ownerId: PlayerId;
  siteId: string;
  ths: number;
}

/**
 * Installed ASIC TH/s summed per (owner, site), memoised on the identity of the lots map: states
 * are immutable outside drafts, so the same map object always holds the same lots, and it stays
 * the same object across days until a lot changes.
 */
const asicGroupCache = new WeakMap<object, { catalogue: readonly HardwareModelSpec[]; groups: AsicGroup[]; generation: number }>();
let generation = 0;

/**
 * Forgets every group: for a caller that changes lots in place (`matchCursor` with `inPlace`),
 * whose lots map stays the same object from day to day.
 */
export function forgetAsicGroups(): void {
  generation += 1;
}

function asicGroups(lots: Record<string, HardwareLot>, catalogue: readonly HardwareModelSpec[]): AsicGroup[] {
  const cached = asicGroupCache.get(lots);
  if (cached && cached.catalogue === catalogue && cached.generation === generation) return cached.groups;
  const thsByModel = new Map<string, number>();
  for (const m of catalogue) if (m.kind === 'asic') thsByModel.set(m.id, m.hashrateThs);
  const byKey = new Map<string, AsicGroup>();
  for (const lot of recordList(lots)) {
    if (lot.status !== 'installed' || !lot.siteId) continue;
    const ths = thsByModel.get(lot.modelId);
    if (ths === undefined) continue;
    const key = `${lot.ownerId}\u0000${lot.siteId}`;
    const g = byKey.get(key);
    if (g) g.ths += ths * lot.count;
    else byKey.set(key, { ownerId: lot.ownerId, siteId: lot.siteId, ths: ths * lot.count });
  }
  const groups = [...byKey.values()];
  asicGroupCache.set(lots, { catalogue, groups, generation });
  return groups;
}

/**
 * TH/s running today per player (the same rule as `runningHashrateThs` in capacity.ts, which
 * scans all lots per player: too slow for 100 players). Only the sites' state is read daily.
 */
export function runningHashrateByPlayer(state: GameState): Map<PlayerId, number> {
  const out = new Map<PlayerId, number>();
  const runs = new Map<string, boolean>();
  const sites = raw(state.sites);
  for (const g of asicGroups(frozenLots(state.lots), raw(state.scenario).catalogue)) {
    let siteOk = runs.get(g.siteId);
    if (siteOk === undefined) {
      const site = sites[g.siteId];
      siteOk = !!site && siteRuns(state, site, 'mining');
      runs.set(g.siteId, siteOk);
    }
    if (siteOk) out.set(g.ownerId, (out.get(g.ownerId) ?? 0) + g.ths);
  }
  return out;
}

function mean(xs: readonly number[], lastN: number): number {
  const n = Math.min(lastN, xs.length);
  if (n === 0) return 0;
  let s = 0;
  for (let i = xs.length - n; i < xs.length; i += 1) s += xs[i]!;
  return s / n;
}

/** All-in premium a miner pays over a region's power price (hosting margin, cooling, uptime), $/MWh. */
const REGIONAL_POWER_PREMIUM_USD_PER_MWH = 8;
/** Regional power prices are rounded to this step so arrivals merge into a few cohorts. */
const POWER_PRICE_STEP_USD_PER_MWH = 5;

/**
 * The cheapest region open to mining today (by its base price, so a heatwave does not steer a
 * year of capacity) and what a miner pays there: where relocated and some new machines go.
 */
function cheapestOpenRegion(draft: GameState, banned: ReadonlySet<string>): { regionId: string; powerUsdPerMwh: number } | null {
  let best: { regionId: string; powerUsdPerMwh: number } | null = null;
  for (const spec of draft.scenario.regions) {
    if (banned.has(spec.id)) continue;
    const price = spec.basePowerUsdPerMwh + REGIONAL_POWER_PREMIUM_USD_PER_MWH;
    if (!best || price < best.powerUsdPerMwh) best = { regionId: spec.id, powerUsdPerMwh: price };
  }
  if (best) best.powerUsdPerMwh = Math.round(best.powerUsdPerMwh / POWER_PRICE_STEP_USD_PER_MWH) * POWER_PRICE_STEP_USD_PER_MWH;
  return best;
}

function announce(draft: GameState, ctx: Ctx, b: ChainBoundary): void {
  if (b.kind === 'halving') {
    ctx.events.push({ type: 'halving', day: draft.day, heightBlocks: b.heightBlocks, subsidyBtc: b.subsidyBtc });
    pushNews(draft, ctx, 'halving', renderNewsEn({ key: 'news.halving', params: { heightBlocks: b.heightBlocks, subsidyBtc: b.subsidyBtc } }));
  } else {
    ctx.events.push({ type: 'retarget', day: draft.day, heightBlocks: b.heightBlocks, difficultyEhs: b.difficultyEhs, changePct: b.changePct });
  }
}

/**
 * The day's mining: who runs, how many blocks the network finds, the epoch and halving
 * boundaries crossed, and the players' share of the reward minted in sats (power bills are the
 * sites phase's business).
 */
export const miningPhase: Phase = (draft, ctx) => {
  const s = raw(draft.scenario);
  const btc = draft.btc;

  const playerThs = runningHashrateByPlayer(draft);
  let playerEhs = 0;
  for (const id of draft.playerOrder) playerEhs += (playerThs.get(id) ?? 0) / 1e6;

  const fees = withRng(draft.rng, 'npc', (rng) => drawFeesBtcPerBlock(s.startFeesBtcPerBlock, s.feeSigma, btc.feeSpikeDaysLeft > 0 ? btc.feeSpikeMultiplier : 1, rng.normal()));
  if (btc.feeSpikeDaysLeft > 0) {
    btc.feeSpikeDaysLeft -= 1;
    if (btc.feeSpikeDaysLeft === 0) btc.feeSpikeMultiplier = 1;
  }
  btc.feesBtcPerBlock = fees;

  // What a machine earns today is fixed by the difficulty, so NPCs can decide before the blocks come.
  const hashpriceToday = hashpriceAtDifficulty(btc.difficultyEhs, btc.subsidyBtc, fees, btc.btcUsd);
  const banned = new Set<string>();
  for (const id in draft.regions) if (draft.regions[id]!.miningBanUntilDay > draft.day) banned.add(id);
  const fleet = stepFleet(raw(draft.npc), {
    day: draft.day,
    date: draft.date,
    hashpriceUsdPerPhDay: hashpriceToday,
    investHashpriceUsdPerPhDay: draft.recent.hashprice.length > 0 ? mean(draft.recent.hashprice, INVEST_HASHPRICE_DAYS) : hashpriceToday,
    asicUsdPerTh: draft.hardware.asicUsdPerTh,
    catalogue: s.catalogue,
    networkEhs: btc.networkHashrateEhs,
    paybackHorizonDays: s.npc.paybackHorizonDays,
    leadTimeDays: s.npc.leadTimeDays,
    maxGrowthPerDay: s.npc.maxGrowthPerDay,
    newPowerUsdPerMwh: s.npc.newPowerUsdPerMwh,
    bannedRegions: banned,
    relocateTo: cheapestOpenRegion(draft, banned),
  });
  draft.npc = fleet.fleet;

  const networkEhs = playerEhs + fleet.runningEhs;
  btc.playerHashrateEhs = playerEhs;
  btc.npcHashrateEhs = fleet.runningEhs;
  btc.networkHashrateEhs = networkEhs;

  const mined = mineDay(
    {
      heightBlocks: btc.heightBlocks,
      blockRemainder: btc.blockRemainder,
      difficultyEhs: btc.difficultyEhs,
      epochStartHeight: btc.epochStartHeight,
      epochHashEhsDays: btc.epochHashEhsDays,
      epochDays: btc.epochDays,
    },
    networkEhs,
    s.halvingInterval,
    fees,
  );
  Object.assign(btc, mined.chain);
  btc.subsidyBtc = mined.subsidyBtc;
  for (const b of mined.boundaries) announce(draft, ctx, b);

  const avgRewardPerBlock = mined.blocks > 0 ? mined.rewardBtc / mined.blocks : btc.subsidyBtc + fees;
  btc.hashpriceUsdPerPhDay = networkEhs > 0 ? hashpriceUsdPerPhDay(mined.blocks, avgRewardPerBlock, 0, btc.btcUsd, networkEhs) : hashpriceToday;
  pushRecent(draft, 'hashprice', btc.hashpriceUsdPerPhDay);
  pushRecent(draft, 'networkEhs', networkEhs);
  draft.meters.btcMinedBtc += mined.rewardBtc;

  const players = raw(draft.players);
  for (const id of draft.playerOrder) {
    const ehs = (playerThs.get(id) ?? 0) / 1e6;
    const sats = networkEhs > 0 ? btcToSats((mined.rewardBtc * ehs) / networkEhs) : 0;
    const before = players[id]!.revenueMiningUsdPerDay;
    const revenue = Math.round((1 - REVENUE_EMA_ALPHA) * before + REVENUE_EMA_ALPHA * satsToBtc(sats) * btc.btcUsd);
    // Touch the draft only when something changes: most players in a class mine nothing.
    if (sats <= 0 && revenue === before) continue;
    const player = draft.players[id]!;
    player.revenueMiningUsdPerDay = revenue;
    if (sats <= 0) continue;
    const account = playerAccount(id);
    transfer(draft.ledger, { from: COINBASE, to: account, sats, reason: 'blockReward' });
    player.btcMinedSats += sats;
    ctx.events.push({ type: 'mined', day: draft.day, playerId: id, sats });
    const sold = Math.floor((sats * Math.min(100, Math.max(0, player.sellMinedPct))) / 100);
    const cents = satsValueCents(sold, btc.btcUsd);
    if (sold > 0 && cents > 0) {
      transfer(draft.ledger, { from: account, to: WORLD, sats: sold, reason: 'btcSale' });
      transfer(draft.ledger, { from: WORLD, to: account, usdCents: cents, reason: 'btcSale' });
      btc.playerNetFlowUsd -= cents / 100;
    }
  }
};
