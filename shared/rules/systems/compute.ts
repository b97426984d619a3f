/**
 * AI compute (DESIGN.md §3.4): the daily spot clearing, NPC clouds' GPU orders, tenders from NPC
 * labs, hosting and buy-out offers from NPC tenants, and the players' lease book with its escrow.
 *
 * A player's GPU capacity on a day is a pool: its own running H100-equivalents, plus leases it
 * holds, minus leases it sold. Tender contracts draw on the pool first; whatever is left is idle and
 * sells on the spot market. Lease buyers prepay into `LEASE_ESCROW`; the escrow pays the seller day
 * by day, so the escrow balance always equals resting bids plus the unpaid part of running leases.
 */
import type { Ctx, Phase, Reducer } from '../context.js';
import { fail, newId, nextSeq, pushNews } from '../context.js';
import type { Contract, GameState, LeaseHolding, LeaseOrder, Offer, PlayerId, Site } from '../types.js';
import { withRng, type Rng } from '../rng.js';
import { cashCents, LEASE_ESCROW, playerAccount, transfer, WORLD } from '../../economy/ledger.js';
import { centsToUsd, usdToCents } from '../../economy/money.js';
import { blockCents, cancelOrder, LEASE_BLOCK_DAYS, leaseDayCents, matchOrder } from '../../economy/leaseBook.js';
import { clearSpot, DEFAULT_NPC_LEAD_DAYS, type SpotCurve } from '../../economy/spotMarket.js';
import { awardTender, gpuDayCents, LAB_NAMES, shortfallPenaltyCents, tenderTerms } from '../../economy/tenders.js';
import { buyoutPriceUsd, DAYS_PER_YEAR, hostingDayCents } from '../../economy/hosting.js';
import { lotIdsOf, modelSpec, raw, runningH100, siteFreeMw, siteRuns } from './capacity.js';
import { siteSaleValueUsd, tierCapexUsdPerMw } from './prices.js';
import { startRetrofit } from './sites.js';
import { own } from '../own.js';

/** Open lease orders one player may have at once (keeps the book and its views small). */
export const MAX_OPEN_LEASE_ORDERS = 20;
/** Days a hosting or buy-out offer stays open. */
export const OFFER_OPEN_DAYS = 10;
/** 12,345,678: locale-free, so headlines (which live in the state) hash the same everywhere. */
export function thousands(n: number): string {
  return String(Math.round(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** Smoothing of the revenue the sentiment multiple reads. */
const REVENUE_EMA_ALPHA = 0.1;

const TENANTS = ['Hyperion Cloud', 'Stratus Compute', 'Nimbus Hyperscale', 'Atlas GPU Cloud', 'Vantage AI Infrastructure'] as const;

/** The scenario's compute parameters with defaults for the optional ones. */
export function computeParams(state: GameState) {
  const c = raw(raw(state.scenario).compute);
  return {
    ...c,
    npcLeadDays: c.npcLeadDays ?? DEFAULT_NPC_LEAD_DAYS,
    npcBreakEvenUsdPerGpuHour: c.npcBreakEvenUsdPerGpuHour ?? 1.65,
    npcInvestResponse: c.npcInvestResponse ?? 0.005,
    demandShockDecayPerDay: c.demandShockDecayPerDay ?? 0.01,
    capUsdPerGpuHour: c.capUsdPerGpuHour ?? c.refPriceUsdPerGpuHour * 10,
  };
}

export function spotCurve(state: GameState): SpotCurve {
  const c = computeParams(state);
  return {
    demandScaleH100: state.compute.demandScaleH100,
    demandShock: state.compute.demandShock,
    refPriceUsdPerGpuHour: c.refPriceUsdPerGpuHour,
    elasticity: c.elasticity,
    floorUsdPerGpuHour: c.floorUsdPerGpuHour,
    capUsdPerGpuHour: c.capUsdPerGpuHour,
  };
}

// ---------------------------------------------------------------------------------------------
// Capacity accounting (one player, for validation)

const leaseActive = (l: LeaseHolding, day: number) => l.startDay <= day && day < l.endDay;
const contractLive = (c: Contract, day: number) => c.endDay > day;

/** Lease capacity a player holds (in) and owes (out) today. */
export function leaseTotals(state: GameState, playerId: PlayerId): { inH100: number; outH100: number } {
  let inH100 = 0;
  let outH100 = 0;
  for (const l of Object.values(raw(state.leases))) {
    if (!leaseActive(l, state.day)) continue;
    if (l.lesseeId === playerId) inH100 += l.gpus;
    if (l.lessorId === playerId) outH100 += l.gpus;
  }
  return { inH100, outH100 };
}

/** GPUs promised to tender contracts running now or starting later. */
export function tenderCommittedH100(state: GameState, playerId: PlayerId): number {
  let n = 0;
  for (const c of Object.values(raw(state.contracts))) if (c.kind === 'tender' && c.ownerId === playerId && contractLive(c, state.day)) n += c.gpus;
  return n;
}

/** A player's resting orders: how many, and how many blocks its asks still offer. */
function ownOrders(state: GameState, playerId: PlayerId): { count: number; askRemaining: number } {
  let count = 0;
  let askRemaining = 0;
  for (const o of Object.values(raw(state.leaseOrders))) {
    if (o.ownerId !== playerId) continue;
    count += 1;
    if (o.side === 'ask') askRemaining += o.remaining;
  }
  return { count, askRemaining };
}

/** Running H100-equivalents plus held leases, minus leases sold and tender commitments: what can still be promised. */
export function uncommittedH100(state: GameState, playerId: PlayerId): number {
  const { inH100, outH100 } = leaseTotals(state, playerId);
  return runningH100(state, playerId) + inH100 - outH100 - tenderCommittedH100(state, playerId);
}

// ---------------------------------------------------------------------------------------------
// Reducers

function leaseFill(draft: GameState, ctx: Ctx, buyerId: PlayerId, sellerId: PlayerId, quantity: number, priceUsdPerGpuHour: number): void {
  const id = newId(draft, 'LH');
  draft.leases[id] = {
    id, lesseeId: buyerId, lessorId: sellerId, gpus: quantity, priceUsdPerGpuHour,
    startDay: draft.day, endDay: draft.day + LEASE_BLOCK_DAYS,
  };
  ctx.events.push({ type: 'leaseTrade', day: draft.day, buyerId, sellerId, quantity, priceUsdPerGpuHour });
}

const placeLeaseOrder: Reducer<'placeLeaseOrder'> = (draft, playerId, action, ctx) => {
  const { side, quantity, priceUsdPerGpuHour: price } = action;
  const mine = ownOrders(draft, playerId);
  if (mine.count >= MAX_OPEN_LEASE_ORDERS) return fail('LIMIT', `You already have ${mine.count} open lease orders; cancel one first.`);
  const escrowCents = quantity * blockCents(price);
  if (side === 'bid') {
    const cash = cashCents(draft.ledger, playerId);
    if (cash < escrowCents) {
      return fail('INSUFFICIENT_FUNDS', `A bid for ${quantity} lease blocks at $${price}/GPU-h needs $${thousands(centsToUsd(escrowCents))} in escrow; you have $${thousands(centsToUsd(cash))}.`);
    }
  } else {
    const free = uncommittedH100(draft, playerId) - mine.askRemaining;
    if (quantity > free) {
      return fail('NO_CAPACITY', `You can offer ${Math.max(0, Math.floor(free))} more H100-equivalents (running GPUs plus held leases, less what is leased out, promised to tenders or already offered); this ask needs ${quantity}.`);
    }
  }
  if (side === 'bid') transfer(draft.ledger, { from: playerAccount(playerId), to: LEASE_ESCROW, usdCents: escrowCents, reason: 'leaseEscrow' });
  const incoming: LeaseOrder = {
    id: newId(draft, 'LO'), ownerId: playerId, side, priceUsdPerGpuHour: price, quantity, remaining: quantity,
    seq: nextSeq(draft), placedDay: draft.day,
  };
  const result = matchOrder(Object.values(draft.leaseOrders), incoming);
  for (const f of result.fills) {
    const resting = draft.leaseOrders[f.restingOrderId];
    if (resting) {
      resting.remaining -= f.quantity;
      if (resting.remaining <= 0) delete draft.leaseOrders[f.restingOrderId];
    }
    // The bid escrowed at its own limit; a cheaper resting ask returns the difference at once.
    const refund = f.quantity * (blockCents(f.bidPriceUsdPerGpuHour) - blockCents(f.priceUsdPerGpuHour));
    if (refund > 0) transfer(draft.ledger, { from: LEASE_ESCROW, to: playerAccount(f.buyerId), usdCents: refund, reason: 'leaseRefund' });
    leaseFill(draft, ctx, f.buyerId, f.sellerId, f.quantity, f.priceUsdPerGpuHour);
  }
  if (result.resting) draft.leaseOrders[incoming.id] = result.resting;
};

const cancelLeaseOrder: Reducer<'cancelLeaseOrder'> = (draft, playerId, action) => {
  const r = cancelOrder(Object.values(draft.leaseOrders), action.orderId, playerId);
  if (!r.ok) {
    return r.reason === 'notFound'
      ? fail('NOT_FOUND', `Lease order ${action.orderId} is not on the book (filled or cancelled already).`)
      : fail('NOT_OWNER', `Lease order ${action.orderId} is not yours.`);
  }
  delete draft.leaseOrders[action.orderId];
  const o = r.cancelled;
  if (o.side === 'bid') transfer(draft.ledger, { from: LEASE_ESCROW, to: playerAccount(playerId), usdCents: o.remaining * blockCents(o.priceUsdPerGpuHour), reason: 'leaseRefund' });
};

const bidTender: Reducer<'bidTender'> = (draft, playerId, action) => {
  const t = own(draft.tenders, action.tenderId);
  if (!t) return fail('NOT_FOUND', `Tender ${action.tenderId} does not exist or has been awarded.`);
  if (draft.day >= t.closesDay) return fail('WRONG_STATE', `Tender ${t.id} closed on day ${t.closesDay}.`);
  const hasAiSite = Object.values(draft.sites).some((s) => s.ownerId === playerId && s.tier === 'ai');
  if (!hasAiSite && runningH100(draft, playerId) + leaseTotals(draft, playerId).inH100 <= 0) {
    return fail('WRONG_TIER', 'Tenders need GPU capacity: own an ai-tier site or hold leased GPUs first.');
  }
  t.bids = t.bids.filter((b) => b.playerId !== playerId);
  t.bids.push({ playerId, priceUsdPerGpuHour: action.priceUsdPerGpuHour, seq: nextSeq(draft) });
};

function ownedSite(draft: GameState, playerId: PlayerId, offer: Offer): Site | string {
  const site = draft.sites[offer.siteId];
  if (!site || site.ownerId !== playerId) return `Site ${offer.siteId} is no longer yours.`;
  return site;
}

/** Hardware leaves a site for storage (a tenant takes the hall, or the site is sold); orders addressed there too. */
function moveLotsToStorage(draft: GameState, playerId: PlayerId, siteId: string): void {
  const lots = raw(draft.lots);
  for (const id of lotIdsOf(draft, playerId)) {
    const lot = lots[id];
    if (!lot || lot.ownerId !== playerId || lot.siteId !== siteId) continue;
    const d = draft.lots[id]!;
    if (d.status === 'installed') d.status = 'stored';
    d.siteId = null;
    d.committedGpus = 0;
  }
}

function dropOffersFor(draft: GameState, siteId: string): void {
  for (const o of Object.values(draft.offers)) if (o.siteId === siteId) delete draft.offers[o.id];
}

const acceptOffer: Reducer<'acceptOffer'> = (draft, playerId, action, ctx) => {
  const offer = own(draft.offers, action.offerId);
  if (!offer) return fail('NOT_FOUND', `Offer ${action.offerId} does not exist or has expired.`);
  if (offer.playerId !== playerId) return fail('NOT_OWNER', `Offer ${offer.id} was made to another company.`);
  if (offer.expiresDay <= draft.day) return fail('WRONG_STATE', `Offer ${offer.id} expired on day ${offer.expiresDay}.`);
  const site = ownedSite(draft, playerId, offer);
  if (typeof site === 'string') return fail('NOT_OWNER', site);
  if (site.status !== 'active') return fail('WRONG_STATE', `Site ${site.name} is ${site.status}; offers need an active site.`);

  if (offer.kind === 'buyout') {
    if (site.hostedMw > 0) return fail('WRONG_STATE', `Site ${site.name} hosts a tenant; it cannot be sold while the lease runs.`);
    moveLotsToStorage(draft, playerId, site.id);
    // Back on the listing, as the sites system relists a sold site.
    site.ownerId = null;
    site.listPriceUsd = Math.round(site.energisedMw * tierCapexUsdPerMw(draft, site.tier));
    site.contract = 'index';
    site.ppaUsdPerMwh = 0;
    site.ppaUntilDay = 0;
    site.curtailAboveUsdPerMwh = 0;
    site.curtailedToday = false;
    transfer(draft.ledger, { from: WORLD, to: playerAccount(playerId), usdCents: usdToCents(offer.buyoutPriceUsd), reason: 'siteBuyout' });
    dropOffersFor(draft, site.id);
    pushNews(draft, ctx, 'buyout', `${offer.tenant} buys ${site.name} (${site.energisedMw} MW) for $${Math.round(offer.buyoutPriceUsd / 1e6)}M.`);
    return;
  }

  let startDay = draft.day;
  if (site.tier === 'ai') {
    if (siteFreeMw(draft, site) + 1e-9 < offer.mw) {
      return fail('NO_CAPACITY', `Site ${site.name} has ${siteFreeMw(draft, site).toFixed(1)} MW free; the tenant wants ${offer.mw} MW.`);
    }
  } else {
    // The tenant takes the whole hall: the retrofit follows the sites system's rules, the tenant
    // funding its share off the player's books, and the ASICs go to storage.
    const err = startRetrofit(draft, playerId, site.id, offer.retrofitFundedPct / 100);
    if (err) return err;
    moveLotsToStorage(draft, playerId, site.id);
    startDay = site.retrofitEtaDay;
  }
  site.hostedMw += offer.mw;
  const id = newId(draft, 'C');
  draft.contracts[id] = {
    id, kind: 'hosting', ownerId: playerId, counterparty: offer.tenant, gpus: 0, mw: offer.mw, siteId: site.id,
    priceUsdPerGpuHour: 0, priceUsdPerKwMonth: offer.priceUsdPerKwMonth,
    startDay, endDay: startDay + Math.round(offer.years * DAYS_PER_YEAR), penaltiesUsd: 0,
  };
  dropOffersFor(draft, site.id);
  pushNews(draft, ctx, 'hosting', `${offer.tenant} leases ${offer.mw} MW at ${site.name} for ${offer.years} years.`);
};

const declineOffer: Reducer<'declineOffer'> = (draft, playerId, action) => {
  const offer = own(draft.offers, action.offerId);
  if (!offer) return fail('NOT_FOUND', `Offer ${action.offerId} does not exist or has expired.`);
  if (offer.playerId !== playerId) return fail('NOT_OWNER', `Offer ${offer.id} was made to another company.`);
  delete draft.offers[offer.id];
};

type T = 'placeLeaseOrder' | 'cancelLeaseOrder' | 'bidTender' | 'acceptOffer' | 'declineOffer';
export const computeReducers: { [K in T]: Reducer<K> } = { placeLeaseOrder, cancelLeaseOrder, bidTender, acceptOffer, declineOffer };

// ---------------------------------------------------------------------------------------------
// The day
//
// Reads go through `raw()` (no immer proxy per record); only records that change are drafted.

interface PlayerDay {
  ownH100: number;
  inH100: number;
  outH100: number;
  tenderDeliveredH100: number;
  spotOfferedH100: number;
  revenueCents: number;
  leaseIncomeCents: number;
}

/** Pays what a player owes up to its cash (penalties never overdraw); returns cents paid. */
function payUpTo(draft: GameState, playerId: PlayerId, cents: number, reason: string): number {
  const paid = Math.min(cents, Math.max(0, cashCents(draft.ledger, playerId)));
  if (paid > 0) transfer(draft.ledger, { from: playerAccount(playerId), to: WORLD, usdCents: paid, reason });
  return paid;
}

/** Marks on each lot how many of its GPUs serve leases sold and tenders today (the rest were idle for spot). */
function markCommittedGpus(draft: GameState, committed: Map<PlayerId, number>): void {
  const lots = raw(draft.lots);
  const sites = raw(draft.sites);
  for (const pid of draft.playerOrder) {
    let left = committed.get(pid) ?? 0;
    for (const id of lotIdsOf(draft, pid)) {
      const lot = lots[id];
      if (!lot || lot.ownerId !== pid) continue;
      let n = 0;
      if (left > 0 && lot.status === 'installed' && lot.siteId) {
        const spec = modelSpec(draft, lot.modelId);
        const site = sites[lot.siteId];
        if (spec?.kind === 'gpu' && spec.h100Equivalent > 0 && site && siteRuns(draft, site, 'ai')) {
          n = Math.min(lot.count, Math.ceil(left / spec.h100Equivalent - 1e-9));
          left -= n * spec.h100Equivalent;
        }
      }
      if (lot.committedGpus !== n) draft.lots[id]!.committedGpus = n;
    }
  }
}

function payLeases(draft: GameState, days: Map<PlayerId, PlayerDay>): void {
  const leases = raw(draft.leases);
  for (const id in leases) {
    const l = leases[id]!;
    if (!leaseActive(l, draft.day)) continue;
    const lessee = days.get(l.lesseeId);
    const lessor = days.get(l.lessorId);
    if (lessee) lessee.inH100 += l.gpus;
    if (lessor) lessor.outH100 += l.gpus;
    const cents = leaseDayCents(l.gpus * blockCents(l.priceUsdPerGpuHour), draft.day - l.startDay, l.endDay - l.startDay);
    if (cents > 0) {
      transfer(draft.ledger, { from: LEASE_ESCROW, to: playerAccount(l.lessorId), usdCents: cents, reason: 'leasePayment' });
      if (lessor) {
        lessor.leaseIncomeCents += cents;
        lessor.revenueCents += cents;
      }
    }
    if (draft.day + 1 >= l.endDay) delete draft.leases[id];
  }
}

/** Tender deliveries (from the pool), hosting rent, and contracts that end today. */
function runContracts(draft: GameState, days: Map<PlayerId, PlayerDay>): void {
  const pool = new Map<PlayerId, number>();
  for (const [id, pd] of days) pool.set(id, Math.max(0, pd.ownH100 + pd.inH100 - pd.outH100));
  const contracts = raw(draft.contracts);
  for (const id in contracts) {
    const c = contracts[id]!;
    const pd = days.get(c.ownerId);
    if (c.startDay <= draft.day && draft.day < c.endDay && pd) {
      if (c.kind === 'tender') {
        const left = pool.get(c.ownerId) ?? 0;
        const delivered = Math.min(c.gpus, left);
        pool.set(c.ownerId, left - delivered);
        pd.tenderDeliveredH100 += delivered;
        const pay = gpuDayCents(delivered, c.priceUsdPerGpuHour);
        transfer(draft.ledger, { from: WORLD, to: playerAccount(c.ownerId), usdCents: pay, reason: 'tender' });
        pd.revenueCents += pay;
        const penalty = shortfallPenaltyCents(c.gpus - delivered, c.priceUsdPerGpuHour);
        if (penalty > 0) {
          const paid = payUpTo(draft, c.ownerId, penalty, 'tenderPenalty');
          draft.contracts[id]!.penaltiesUsd += centsToUsd(paid);
          pd.revenueCents -= paid;
        }
      } else {
        const site = c.siteId ? raw(draft.sites)[c.siteId] : undefined;
        if (!site || site.ownerId !== c.ownerId) {
          // The site changed hands: the tenant's lease went with it.
          delete draft.contracts[id];
          continue;
        }
        const pay = hostingDayCents(c.mw, c.priceUsdPerKwMonth);
        transfer(draft.ledger, { from: WORLD, to: playerAccount(c.ownerId), usdCents: pay, reason: 'hosting' });
        pd.revenueCents += pay;
      }
    }
    if (draft.day + 1 >= c.endDay) {
      if (c.kind === 'hosting' && c.siteId && draft.sites[c.siteId]) {
        const site = draft.sites[c.siteId]!;
        site.hostedMw = Math.max(0, site.hostedMw - c.mw);
      }
      delete draft.contracts[id];
    }
  }
  for (const [id, pd] of days) pd.spotOfferedH100 = pool.get(id) ?? 0;
}

/** A lessor short of GPUs buys the missing capacity for its lessees at today's spot price. */
function leaseShortfalls(draft: GameState, days: Map<PlayerId, PlayerDay>, spot: number): void {
  for (const [id, pd] of days) {
    const missing = pd.outH100 - pd.ownH100 - pd.inH100;
    if (missing > 0) pd.revenueCents -= payUpTo(draft, id, gpuDayCents(missing, spot), 'leaseShortfall');
  }
}

function clearSpotMarket(draft: GameState, ctx: Ctx, days: Map<PlayerId, PlayerDay>): void {
  const npcSupply = draft.compute.npcSupplyH100;
  const supplies = [npcSupply];
  for (const id of draft.playerOrder) supplies.push(days.get(id)?.spotOfferedH100 ?? 0);
  const r = clearSpot(spotCurve(draft), supplies);
  const c = draft.compute;
  c.spotUsdPerGpuHour = r.priceUsdPerGpuHour;
  c.playerSupplyH100 = r.supplyH100 - npcSupply;
  c.clearedH100 = r.clearedH100;
  leaseShortfalls(draft, days, r.priceUsdPerGpuHour);
  let delivered = r.clearedH100;
  const committed = new Map<PlayerId, number>();
  const players = raw(draft.players);
  const order = raw(draft.playerOrder);
  for (let i = 0; i < order.length; i++) {
    const id = order[i]!;
    const pd = days.get(id);
    const before = players[id];
    if (!pd || !before) continue;
    const sold = r.soldH100[i + 1] ?? 0;
    const pay = gpuDayCents(sold, r.priceUsdPerGpuHour);
    if (pay > 0) transfer(draft.ledger, { from: WORLD, to: playerAccount(id), usdCents: pay, reason: 'spot' });
    pd.revenueCents += pay;
    delivered += pd.tenderDeliveredH100;
    const today = Math.max(0, pd.revenueCents) / 100;
    const ema = Math.round((1 - REVENUE_EMA_ALPHA) * before.revenueAiUsdPerDay + REVENUE_EMA_ALPHA * today);
    const computed = sold + pd.tenderDeliveredH100;
    if (ema !== before.revenueAiUsdPerDay || computed > 0) {
      const p = draft.players[id]!;
      p.revenueAiUsdPerDay = ema;
      p.computeDeliveredH100Days += computed;
    }
    if (pd.leaseIncomeCents > 0) ctx.events.push({ type: 'leaseIncome', day: draft.day, playerId: id, usdCents: pd.leaseIncomeCents });
    committed.set(id, Math.min(pd.ownH100, pd.outH100 + pd.tenderDeliveredH100));
  }
  draft.meters.aiComputeH100Days += delivered;
  markCommittedGpus(draft, committed);
}

/** NPC clouds order more GPUs while rent beats break-even (they arrive after the lead time); demand grows with AI hype. */
function moveNpcMarket(draft: GameState): void {
  const p = computeParams(draft);
  const c = draft.compute;
  const margin = c.spotUsdPerGpuHour / p.npcBreakEvenUsdPerGpuHour - 1;
  const growth = Math.min(p.npcSupplyGrowthPerDay, p.npcInvestResponse * Math.max(0, margin));
  if (raw(c.npcOrdersH100).length === 0) c.npcOrdersFirstDay = draft.day;
  c.npcOrdersH100.push(c.npcSupplyH100 * growth);
  const baseHype = Math.max(0.05, raw(draft.scenario).hype.ai);
  const hypeFactor = Math.min(3, Math.max(0, draft.hype.ai / baseHype));
  c.demandScaleH100 *= 1 + p.demandGrowthPerDay * hypeFactor;
  c.demandShock = 1 + (c.demandShock - 1) * (1 - p.demandShockDecayPerDay);
}

/** Racks the orders placed `npcLeadDays` ago or earlier. */
function rackNpcOrders(draft: GameState): void {
  const c = draft.compute;
  const orders = raw(c.npcOrdersH100);
  const due = Math.min(orders.length, draft.day - computeParams(draft).npcLeadDays - c.npcOrdersFirstDay + 1);
  if (due <= 0) return;
  let h100 = 0;
  for (let i = 0; i < due; i++) h100 += orders[i] ?? 0;
  c.npcSupplyH100 += h100;
  c.npcOrdersH100 = orders.slice(due);
  c.npcOrdersFirstDay += due;
}

/** Awards tenders closing today to the cheapest bidder that can still supply the GPUs. */
function awardTenders(draft: GameState, ctx: Ctx): void {
  const tenders = raw(draft.tenders);
  for (const tid in tenders) {
    const t = tenders[tid]!;
    if (t.closesDay > draft.day) continue;
    const winner = awardTender(t.bids, t.reservePriceUsdPerGpuHour, (pid) => {
      const p = draft.players[pid];
      return !!p && !p.bankrupt && uncommittedH100(draft, pid) >= t.gpus;
    });
    if (winner) {
      const id = newId(draft, 'C');
      draft.contracts[id] = {
        id, kind: 'tender', ownerId: winner.playerId, counterparty: t.lab, gpus: t.gpus, mw: 0, siteId: null,
        priceUsdPerGpuHour: winner.priceUsdPerGpuHour, priceUsdPerKwMonth: 0,
        startDay: t.startDay, endDay: t.startDay + t.days, penaltiesUsd: 0,
      };
      const name = draft.players[winner.playerId]?.name ?? winner.playerId;
      pushNews(draft, ctx, 'tender', `${t.lab} awards ${thousands(t.gpus)} GPUs × ${t.days} days to ${name} at $${winner.priceUsdPerGpuHour.toFixed(2)}/h.`);
    }
    ctx.events.push({ type: 'tenderAwarded', day: draft.day, tenderId: t.id, playerId: winner?.playerId ?? null, priceUsdPerGpuHour: winner?.priceUsdPerGpuHour ?? 0 });
    delete draft.tenders[tid];
  }
}

/** Whole occurrences today of a daily rate (rates above 1 give several). */
const occurrences = (rng: Rng, ratePerDay: number): number => Math.floor(ratePerDay) + (rng.chance(ratePerDay % 1) ? 1 : 0);

function postTenders(draft: GameState, ctx: Ctx, rng: Rng): void {
  const spot = draft.compute.spotUsdPerGpuHour;
  const posted = [];
  for (let n = occurrences(rng, computeParams(draft).tenderRatePerDay); n > 0; n--) {
    const terms = tenderTerms(spot, [rng.next(), rng.next(), rng.next(), rng.next(), rng.next()]);
    posted.push({ terms, lab: rng.pick(LAB_NAMES) });
  }
  for (const { terms, lab } of posted) {
    const id = newId(draft, 'T');
    const closesDay = draft.day + terms.openDays;
    draft.tenders[id] = {
      id, lab, gpus: terms.gpus, days: terms.days, startDay: closesDay + terms.leadDays, closesDay, tier: 'ai',
      reservePriceUsdPerGpuHour: terms.reservePriceUsdPerGpuHour, bids: [],
    };
    ctx.events.push({ type: 'tenderPosted', day: draft.day, tenderId: id });
  }
}

/** Sites of a player an NPC tenant would bid on: ai-tier halls with ≥ 1 MW free, or whole mining sites. */
function offerTargets(draft: GameState, playerId: PlayerId, kind: 'hosting' | 'buyout', taken: ReadonlySet<string>): Site[] {
  const sites = raw(draft.sites);
  const out: Site[] = [];
  for (const id in sites) {
    const s = sites[id]!;
    if (s.ownerId !== playerId || s.status !== 'active' || taken.has(id)) continue;
    const fits = kind === 'buyout'
      ? s.tier === 'mining' && s.hostedMw === 0
      : s.tier === 'ai' ? siteFreeMw(draft, s) >= 1 : s.hostedMw === 0 && s.energisedMw >= 1;
    if (fits) out.push(s);
  }
  return out;
}

function postOffers(draft: GameState, ctx: Ctx, rng: Rng): void {
  const offers = raw(draft.offers);
  for (const id in offers) if (offers[id]!.expiresDay <= draft.day) delete draft.offers[id];
  const c = computeParams(draft);
  const made: Offer[] = [];
  let taken: Set<string> | null = null;
  for (const pid of draft.playerOrder) {
    const wantHosting = rng.chance(c.hostingOfferRatePerDay);
    const wantBuyout = rng.chance(c.buyoutOfferRatePerDay);
    const p = raw(draft.players)[pid];
    if (!p || p.bankrupt || (!wantHosting && !wantBuyout)) continue;
    // One open offer per site at a time.
    taken ??= new Set(Object.values(raw(draft.offers)).map((o) => o.siteId));
    const base = { playerId: pid, tenant: rng.pick(TENANTS), expiresDay: draft.day + OFFER_OPEN_DAYS };
    const hosting = wantHosting ? offerTargets(draft, pid, 'hosting', taken) : [];
    if (hosting.length > 0) {
      const site = rng.pick(hosting);
      taken.add(site.id);
      const isAi = site.tier === 'ai';
      const mw = isAi ? Math.floor(siteFreeMw(draft, site)) : site.energisedMw;
      // A tenant that funds the retrofit asks a little less rent.
      const price = c.hostingUsdPerKwMonth * (isAi ? 0.9 + 0.25 * rng.next() : 0.85 + 0.15 * rng.next());
      made.push({
        ...base, id: '', kind: 'hosting', siteId: site.id, mw, priceUsdPerKwMonth: Math.round(price * 100) / 100,
        years: rng.int(10, 15), retrofitFundedPct: isAi ? 0 : 10 * rng.int(4, 8), buyoutPriceUsd: 0,
      });
    }
    const buyout = wantBuyout ? offerTargets(draft, pid, 'buyout', taken) : [];
    if (buyout.length > 0) {
      const site = rng.pick(buyout);
      taken.add(site.id);
      made.push({
        ...base, id: '', kind: 'buyout', siteId: site.id, mw: site.energisedMw, priceUsdPerKwMonth: 0, years: 0, retrofitFundedPct: 0,
        buyoutPriceUsd: buyoutPriceUsd(siteSaleValueUsd(draft, site), 1.2 + 0.5 * rng.next() + 0.3 * draft.hype.ai),
      });
    }
  }
  for (const o of made) {
    o.id = newId(draft, 'OF');
    draft.offers[o.id] = o;
    ctx.events.push({ type: 'offer', day: draft.day, offerId: o.id, playerId: o.playerId, kind: o.kind });
  }
}

export const computePhase: Phase = (draft, ctx) => {
  rackNpcOrders(draft);
  const days = new Map<PlayerId, PlayerDay>();
  for (const id of draft.playerOrder) {
    days.set(id, { ownH100: runningH100(draft, id), inH100: 0, outH100: 0, tenderDeliveredH100: 0, spotOfferedH100: 0, revenueCents: 0, leaseIncomeCents: 0 });
  }
  payLeases(draft, days);
  runContracts(draft, days);
  clearSpotMarket(draft, ctx, days);
  moveNpcMarket(draft);
  awardTenders(draft, ctx);
  // One restore of the stream a day: tenders, then offers.
  withRng(draft.rng, 'tenders', (rng) => {
    postTenders(draft, ctx, rng);
    postOffers(draft, ctx, rng);
  });
};
