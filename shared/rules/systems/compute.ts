/**
 * AI compute (DESIGN.md §3.4): the daily spot clearing, NPC clouds' GPU orders, tenders from NPC
 * labs, hosting and buy-out offers from NPC tenants, and the players' lease book with its escrow.
 *
 * A player's GPU capacity on a day is a pool: its own running H100-equivalents, plus leases it
 * holds, minus leases it sold. Tender contracts draw on the pool first; whatever is left is idle and
 * sells on the spot market. Lease buyers prepay into `LEASE_ESCROW`; the escrow pays the seller day
 * by day, so the escrow balance always equals resting bids plus the unpaid part of running leases.
 *
 * The NPC clouds' lease desk (`LEASE_MAKER_ID`, economy/leaseMakers.ts) is a party on the book like
 * a seat, except that its cash is `world`'s: its bids are escrowed from the world, and leases it
 * sells pay the world. Capacity it leases out is the clouds' reserved (term) capacity, so a lessee
 * reselling it on spot adds supply; capacity it leases in from players is resold on spot, so
 * players' GPUs move rent whichever way they sell.
 */
import type { Ctx, Phase, Reducer } from '../context.js';
import { fail, newId, nextSeq, pushNews, tooLate } from '../context.js';
import type { AccountId, Contract, DeepReadonly, GameState, LeaseHolding, LeaseOrder, LeaseSide, Offer, PlayerId, RuleError, Scenario, Site } from '../types.js';
import { withRng, type Rng } from '../rng.js';
import { cashCents, LEASE_ESCROW, playerAccount, transfer, WORLD } from '../../economy/ledger.js';
import { centsToUsd, usdToCents } from '../../economy/money.js';
import { blockCents, LEASE_BLOCK_DAYS, leaseDayCents, matchFills, type LeaseFill } from '../../economy/leaseBook.js';
import { clearSpot, DEFAULT_NPC_LEAD_DAYS, spotDemandH100, type SpotCurve } from '../../economy/spotMarket.js';
import {
  DEFAULT_LEASE_MAKERS, inBand, LEASE_MAKER_ID, LEASE_PRICE_BAND_PCT, leasePriceBand, makerInventoryLimitH100, makerQuotes, postOnly, type PriceBand,
} from '../../economy/leaseMakers.js';
import { awardTender, gpuDayCents, LAB_NAMES, shortfallPenaltyCents, tenderTerms } from '../../economy/tenders.js';
import { DAYS_PER_YEAR, hostingDayCents } from '../../economy/hosting.js';
import { HOSTING_OPEX_SHARE } from './computeValue.js';
import { addEntry, forgetRecordList, lotIdsOf, modelSpec, raw, recordList, runningH100, runningH100ByPlayer, siteFreeMw, siteRuns, siteUsedMw } from './capacity.js';
import { tierCapexUsdPerMw, tierMarketUsdPerMw } from './prices.js';
import { coloRefusal, newSite, startRetrofit } from './sites.js';
import { own } from '../own.js';
import { renderNewsEn } from '../../economy/newsText.js';
import { contractRecord } from '../recordShapes.js';
import { recordValues } from '../recordValues.js';
import { entriesOfParty, indexEntry, partyIndex, type PartyIndex } from '../partyIndex.js';

/** Open lease orders one player may have at once (keeps the book and its views small). */
export const MAX_OPEN_LEASE_ORDERS = 20;
/** Days a hosting or buy-out offer takes sealed bids before it is awarded. */
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
  let params = paramsCache.get(c);
  if (!params) paramsCache.set(c, (params = withDefaults(c)));
  return params;
}

// The scenario never changes, so its compute settings with defaults filled in are worked out once.
const paramsCache = new WeakMap<object, ReturnType<typeof withDefaults>>();
function withDefaults(c: DeepReadonly<GameState['scenario']['compute']>) {
  return {
    ...c,
    npcLeadDays: c.npcLeadDays ?? DEFAULT_NPC_LEAD_DAYS,
    npcBreakEvenUsdPerGpuHour: c.npcBreakEvenUsdPerGpuHour ?? 1.65,
    npcInvestResponse: c.npcInvestResponse ?? 0.005,
    demandShockDecayPerDay: c.demandShockDecayPerDay ?? 0.01,
    capUsdPerGpuHour: c.capUsdPerGpuHour ?? c.refPriceUsdPerGpuHour * 10,
    spotShare: (c.spotSharePct ?? 100) / 100,
    leaseMakers: { ...DEFAULT_LEASE_MAKERS, ...(c.leaseMakers ?? {}) },
  };
}

/** The curve of the spot market alone: the spot share of NPC demand (the rest is under term contracts). */
export function spotCurve(state: GameState): SpotCurve {
  const c = computeParams(state);
  return {
    demandScaleH100: state.compute.demandScaleH100 * c.spotShare,
    demandShock: state.compute.demandShock,
    refPriceUsdPerGpuHour: c.refPriceUsdPerGpuHour,
    elasticity: c.elasticity,
    floorUsdPerGpuHour: c.floorUsdPerGpuHour,
    capUsdPerGpuHour: c.capUsdPerGpuHour,
  };
}

/** The ledger account behind a party to a lease: the desk trades with the world's money. */
export function leaseAccount(partyId: PlayerId): AccountId {
  return partyId === LEASE_MAKER_ID ? WORLD : playerAccount(partyId);
}

/** Where lease orders may be priced and trade today (±`LEASE_PRICE_BAND_PCT` of spot). */
export function leaseBand(state: GameState): PriceBand {
  return leasePriceBand(state.compute.spotUsdPerGpuHour, LEASE_PRICE_BAND_PCT);
}

/** Resting orders that may trade under `band`: the whole book, as the daily refresh cancels the rest, unless a state was edited by hand. */
function tradableBook(state: GameState, band: PriceBand): LeaseOrder[] {
  return recordValues(raw(state.leaseOrders)).filter((o) => inBand(band, o.priceUsdPerGpuHour));
}

// ---------------------------------------------------------------------------------------------
// Capacity accounting (one player, for validation)

const leaseActive = (l: LeaseHolding, day: number) => l.startDay <= day && day < l.endDay;
const contractLive = (c: Contract, day: number) => c.endDay > day;

// Leases by lessee and lessor, contracts by owner: a check for one player reads its own.
const leaseIndexes = new WeakMap<object, PartyIndex>();
const leaseParties = (l: DeepReadonly<LeaseHolding>): PlayerId[] => [l.lesseeId, l.lessorId];
const contractIndexes = new WeakMap<object, PartyIndex>();
const contractParties = (c: DeepReadonly<Contract>): PlayerId[] => [c.ownerId];

function leasesOfParty(state: GameState, playerId: PlayerId): DeepReadonly<LeaseHolding>[] {
  const leases = raw(state.leases);
  return entriesOfParty(partyIndex(leaseIndexes, leases, leaseParties), leases, playerId);
}

function contractsOfOwner(state: GameState, playerId: PlayerId): DeepReadonly<Contract>[] {
  const contracts = raw(state.contracts);
  return entriesOfParty(partyIndex(contractIndexes, contracts, contractParties), contracts, playerId);
}

/** Lease capacity a player holds (in) and owes (out) today. */
export function leaseTotals(state: GameState, playerId: PlayerId): { inH100: number; outH100: number } {
  let inH100 = 0;
  let outH100 = 0;
  for (const l of leasesOfParty(state, playerId)) {
    if (!leaseActive(l, state.day)) continue;
    if (l.lesseeId === playerId) inH100 += l.gpus;
    if (l.lessorId === playerId) outH100 += l.gpus;
  }
  return { inH100, outH100 };
}

/** GPUs promised to tender contracts running now or starting later. */
export function tenderCommittedH100(state: GameState, playerId: PlayerId): number {
  let n = 0;
  for (const c of contractsOfOwner(state, playerId)) if (c.kind === 'tender' && contractLive(c, state.day)) n += c.gpus;
  return n;
}

/**
 * A player's resting orders (how many, and how many blocks its asks still offer) and the book that
 * may trade under `band` (`tradableBook`), in one pass over the orders.
 */
function ownOrdersAndBook(state: GameState, playerId: PlayerId, band: PriceBand): { count: number; askRemaining: number; tradable: LeaseOrder[] } {
  let count = 0;
  let askRemaining = 0;
  const tradable: LeaseOrder[] = [];
  const orders = raw(state.leaseOrders);
  for (const id in orders) {
    const o = orders[id]!;
    if (inBand(band, o.priceUsdPerGpuHour)) tradable.push(o);
    if (o.ownerId !== playerId) continue;
    count += 1;
    if (o.side === 'ask') askRemaining += o.remaining;
  }
  return { count, askRemaining, tradable };
}

/** Running H100-equivalents plus held leases, minus leases sold and tender commitments: what can still be promised. */
export function uncommittedH100(state: GameState, playerId: PlayerId): number {
  const { inH100, outH100 } = leaseTotals(state, playerId);
  return runningH100(state, playerId) + inH100 - outH100 - tenderCommittedH100(state, playerId);
}

// ---------------------------------------------------------------------------------------------
// Reducers

function leaseFill(draft: GameState, ctx: Ctx, f: LeaseFill, startDay: number): void {
  const id = newId(draft, 'LH');
  const { buyerId, sellerId, quantity, priceUsdPerGpuHour } = f;
  const lease: LeaseHolding = {
    id, lesseeId: buyerId, lessorId: sellerId, gpus: quantity, priceUsdPerGpuHour,
    startDay, endDay: startDay + LEASE_BLOCK_DAYS,
  };
  addEntry(draft.leases, id, lease);
  indexEntry(leaseIndexes, raw(draft.leases), id, lease, leaseParties);
  ctx.events.push({ type: 'leaseTrade', day: startDay, buyerId, sellerId, quantity, priceUsdPerGpuHour });
}

const placeLeaseOrder: Reducer<'placeLeaseOrder'> = (draft, playerId, action, ctx) => {
  const { side, quantity, priceUsdPerGpuHour: price } = action;
  const band = leaseBand(draft);
  const mine = ownOrdersAndBook(draft, playerId, band);
  if (mine.count >= MAX_OPEN_LEASE_ORDERS) return fail('LIMIT', `You already have ${mine.count} open lease orders; cancel one first.`);
  if (!inBand(band, price)) {
    return fail('PRICE_BAND', `Lease orders must be priced within ±${LEASE_PRICE_BAND_PCT} % of today's spot rent ($${draft.compute.spotUsdPerGpuHour.toFixed(2)}/GPU-h): between $${band.minUsdPerGpuHour.toFixed(2)} and $${band.maxUsdPerGpuHour.toFixed(2)}; $${price} is outside.`);
  }
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
  matchIncoming(draft, ctx, incoming, band, draft.day, true, mine.tradable);
};

/**
 * Matches an escrowed incoming order against the tradable book, settles its fills and rests the
 * remainder. Leases start on `startDay`: today for a player's action, tomorrow for the desk's
 * refresh (today's lease payments have already run by then).
 */
function matchIncoming(draft: GameState, ctx: Ctx, incoming: LeaseOrder, band: PriceBand, startDay: number, rest = true, book = tradableBook(draft, band)): number {
  const result = matchFills(book, incoming);
  for (const f of result.fills) {
    const resting = draft.leaseOrders[f.restingOrderId];
    if (resting) {
      resting.remaining -= f.quantity;
      if (resting.remaining <= 0) delete draft.leaseOrders[f.restingOrderId];
    }
    // The bid escrowed at its own limit; a cheaper resting ask returns the difference at once.
    const refund = f.quantity * (blockCents(f.bidPriceUsdPerGpuHour) - blockCents(f.priceUsdPerGpuHour));
    if (refund > 0) transfer(draft.ledger, { from: LEASE_ESCROW, to: leaseAccount(f.buyerId), usdCents: refund, reason: 'leaseRefund' });
    leaseFill(draft, ctx, f, startDay);
  }
  if (result.resting && rest) draft.leaseOrders[incoming.id] = result.resting;
  return result.resting?.remaining ?? 0;
}

const cancelLeaseOrder: Reducer<'cancelLeaseOrder'> = (draft, playerId, action) => {
  const o = own(raw(draft.leaseOrders), action.orderId);
  if (!o) return fail('NOT_FOUND', `Lease order ${action.orderId} is not on the book (filled or cancelled already).`);
  if (o.ownerId !== playerId) return fail('NOT_OWNER', `Lease order ${action.orderId} is not yours.`);
  delete draft.leaseOrders[action.orderId];
  if (o.side === 'bid') transfer(draft.ledger, { from: LEASE_ESCROW, to: playerAccount(playerId), usdCents: o.remaining * blockCents(o.priceUsdPerGpuHour), reason: 'leaseRefund' });
};

const bidTender: Reducer<'bidTender'> = (draft, playerId, action) => {
  const t = own(draft.tenders, action.tenderId);
  if (!t) return fail('NOT_FOUND', `Tender ${action.tenderId} does not exist or has been awarded.`);
  if (draft.day >= t.closesDay) return fail('WRONG_STATE', `Tender ${t.id} closed on day ${t.closesDay}.`);
  if (!ownsAiSite(draft, playerId) && runningH100(draft, playerId) + leaseTotals(draft, playerId).inH100 <= 0) {
    return fail('WRONG_TIER', 'Tenders need GPU capacity: own an ai-tier site or hold leased GPUs first.');
  }
  t.bids = t.bids.filter((b) => b.playerId !== playerId);
  t.bids.push({ playerId, priceUsdPerGpuHour: action.priceUsdPerGpuHour, seq: nextSeq(draft) });
};

function ownsAiSite(state: GameState, playerId: PlayerId): boolean {
  for (const s of recordList(state.sites)) {
    if (s.ownerId === playerId && s.tier === 'ai') return true;
  }
  return false;
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

const mwText = (mw: number) => `${Math.round(mw * 10) / 10} MW`;

/**
 * Why `site` cannot serve `offer` for `playerId` today, or null. Hosting: an ai-tier hall with
 * `mw` free, or a whole mining site of at least `mw` that can be retrofitted before the match
 * ends; buy-out: a mining site of at least `mw` with no tenant and no contract. Colocation space
 * is the provider's and never qualifies.
 */
export function offerSiteProblem(state: GameState, playerId: PlayerId, offer: DeepReadonly<Offer>, site: Site): RuleError | null {
  if (site.ownerId !== playerId) return fail('NOT_OWNER', `Site ${site.name} is not yours.`);
  const colo = coloRefusal(site, offer.kind === 'buyout' ? 'sold' : 'sublet to a tenant');
  if (colo) return colo;
  if (site.status !== 'active' || site.buildingMw > 0) {
    return fail('WRONG_STATE', `Site ${site.name} is ${site.buildingMw > 0 ? 'building' : site.status}; offers need an active site with nothing under construction.`);
  }
  if (offer.kind === 'buyout') {
    if (site.tier !== 'mining') return fail('WRONG_TIER', `${offer.tenant} buys mining sites; ${site.name} is ai tier.`);
    if (site.hostedMw > 0) return fail('WRONG_STATE', `Site ${site.name} hosts a tenant; it cannot be sold while the lease runs.`);
    if (site.energisedMw + 1e-9 < offer.mw) return fail('NO_CAPACITY', `${offer.tenant} wants a site of at least ${mwText(offer.mw)}; ${site.name} has ${mwText(site.energisedMw)}.`);
    for (const c of recordList(state.contracts)) {
      if (c.siteId === site.id && c.endDay > state.day) return fail('WRONG_STATE', `Site ${site.name} is bound by contract ${c.id}.`);
    }
    return null;
  }
  if (site.tier === 'ai') {
    const free = siteFreeMw(state, site);
    if (free + 1e-9 < offer.mw) return fail('NO_CAPACITY', `Site ${site.name} has ${mwText(free)} free; ${offer.tenant} wants ${mwText(offer.mw)}.`);
    return null;
  }
  // A mining site: `mw` of it become an ai hall for the tenant once retrofitted (carved out if the
  // site is bigger; the rest keeps mining).
  if (site.hostedMw > 0) return fail('WRONG_STATE', `Site ${site.name} already hosts a tenant.`);
  if (site.energisedMw + 1e-9 < offer.mw) return fail('NO_CAPACITY', `Site ${site.name} has ${mwText(site.energisedMw)}; ${offer.tenant} wants ${mwText(offer.mw)}.`);
  return tooLate(state, state.day + state.scenario.capex.retrofitDays, `Retrofitting ${site.name} for ${offer.tenant}`);
}

/**
 * The player's share of retrofitting the tenant's `mw` of a mining site (whole dollars; 0 for ai
 * sites and buy-outs). Takes the capex table, not the state, so the client's preview calls it too.
 */
export function offerOwnCostUsd(capex: Pick<Scenario['capex'], 'retrofitUsdPerMw'>, offer: Pick<Offer, 'kind' | 'mw' | 'retrofitFundedPct'>, site: Pick<Site, 'tier'>): number {
  if (offer.kind !== 'hosting' || site.tier === 'ai') return 0;
  return offer.mw * capex.retrofitUsdPerMw * (1 - Math.min(100, Math.max(0, offer.retrofitFundedPct)) / 100);
}

/**
 * Splits `mw` energised MW off a mining site into a new site of the same owner and region (the
 * tenant's hall); hardware the rest no longer holds goes to storage, largest draw first.
 */
function carveHall(draft: GameState, playerId: PlayerId, site: Site, mw: number, tenant: string): Site {
  const id = newId(draft, 'S');
  addEntry(draft.sites, id, newSite({ id, name: `${site.name} · ${tenant} hall`, regionId: site.regionId, ownerId: playerId, tier: site.tier, energisedMw: mw }));
  site.energisedMw -= mw;
  const installed = lotIdsOf(draft, playerId)
    .map((lid) => raw(draft.lots)[lid])
    .filter((l): l is NonNullable<typeof l> => !!l && l.ownerId === playerId && l.siteId === site.id && l.status === 'installed')
    .sort((x, y) => y.count * (modelSpec(draft, y.modelId)?.powerKw ?? 0) - x.count * (modelSpec(draft, x.modelId)?.powerKw ?? 0));
  for (const l of installed) {
    if (siteUsedMw(draft, site) <= site.energisedMw + 1e-9) break;
    const d = draft.lots[l.id]!;
    d.status = 'stored';
    d.siteId = null;
    d.committedGpus = 0;
  }
  return draft.sites[id]!;
}

/** The player's sites that could take `offer` today: ai halls first (no retrofit to pay), then in id order. */
export function offerEligibleSites(state: GameState, playerId: PlayerId, offer: Offer): Site[] {
  const out: Site[] = [];
  for (const s of recordList(state.sites) as Site[]) {
    if (s.ownerId === playerId && offerSiteProblem(state, playerId, offer, s) === null) out.push(s);
  }
  return out.sort((x, y) => (x.tier === y.tier ? 0 : x.tier === 'ai' ? -1 : 1));
}

function offerWants(offer: Offer): string {
  return offer.kind === 'buyout'
    ? `a mining site of at least ${mwText(offer.mw)} with no tenant`
    : `${mwText(offer.mw)} free in an ai-tier site, or ${mwText(offer.mw)} of a mining site to retrofit before the match ends`;
}

/** Closed offers remembered for late bidders. */
export const CLOSED_OFFERS_KEPT = 20;

/** Why an offer id is not open: who won it and when, that it lapsed, or that it never existed. */
function closedOfferMessage(state: GameState, offerId: string): string {
  const closed = state.closedOffers ? raw(state.closedOffers)[offerId] : undefined;
  if (!closed) return `Offer ${offerId} does not exist or has been awarded.`;
  if (!closed.winnerId) return `Offer ${offerId} lapsed on day ${closed.day}: no company could take it.`;
  const name = raw(state.players)[closed.winnerId]?.name ?? closed.winnerId;
  return `Offer ${offerId} has been awarded: ${name} won it on day ${closed.day}.`;
}

const acceptOffer: Reducer<'acceptOffer'> = (draft, playerId, action) => {
  const offer = own(draft.offers, action.offerId);
  if (!offer) return fail('NOT_FOUND', closedOfferMessage(draft, action.offerId));
  if (draft.day >= offer.closesDay) return fail('WRONG_STATE', `Offer ${offer.id} closed on day ${offer.closesDay}.`);
  if (draft.players[playerId]?.bankrupt) return fail('BANKRUPT', 'A company in bankruptcy cannot bid.');
  const hosting = offer.kind === 'hosting';
  if (hosting ? action.priceUsdPerMw !== undefined : action.priceUsdPerKwMonth !== undefined) {
    return fail('BAD_ACTION', hosting ? 'Hosting bids are in priceUsdPerKwMonth.' : 'Buy-out bids are in priceUsdPerMw.');
  }
  const price = hosting ? (action.priceUsdPerKwMonth ?? offer.priceUsdPerKwMonth) : (action.priceUsdPerMw ?? offer.buyoutUsdPerMw);
  const cap = hosting ? offer.priceUsdPerKwMonth : offer.buyoutUsdPerMw;
  if (price > cap + 1e-9) {
    return fail('LIMIT', hosting
      ? `${offer.tenant} pays at most $${cap.toFixed(2)}/kW-month; ask that or less.`
      : `${offer.tenant} pays at most $${thousands(cap)} per MW; ask that or less.`);
  }
  let site: Site | undefined;
  if (action.siteId !== undefined) {
    site = own(draft.sites, action.siteId);
    if (!site) return fail('NOT_FOUND', `No site ${action.siteId}.`);
    const problem = offerSiteProblem(draft, playerId, offer, site);
    if (problem) return problem;
  } else {
    const eligible = offerEligibleSites(draft, playerId, offer);
    const cash = cashCents(draft.ledger, playerId);
    site = eligible.find((x) => usdToCents(offerOwnCostUsd(draft.scenario.capex, offer, x)) <= cash) ?? eligible[0];
    if (!site) return fail('NO_CAPACITY', `None of your sites can take offer ${offer.id}: ${offer.tenant} wants ${offerWants(offer)}.`);
  }
  const ownUsd = offerOwnCostUsd(draft.scenario.capex, offer, site);
  if (usdToCents(ownUsd) > cashCents(draft.ledger, playerId)) {
    return fail('INSUFFICIENT_FUNDS', `Your share of retrofitting ${site.name} is $${thousands(ownUsd)}; you do not have enough cash.`);
  }
  offer.bids = offer.bids.filter((b) => b.playerId !== playerId);
  offer.bids.push({
    playerId, siteId: site.id, priceUsdPerKwMonth: hosting ? price : 0, priceUsdPerMw: hosting ? 0 : price, seq: nextSeq(draft),
  });
};

const declineOffer: Reducer<'declineOffer'> = (draft, playerId, action) => {
  const offer = own(draft.offers, action.offerId);
  if (!offer) return fail('NOT_FOUND', closedOfferMessage(draft, action.offerId));
  if (!offer.bids.some((b) => b.playerId === playerId)) return fail('NOT_FOUND', `You have no bid on offer ${offer.id}.`);
  offer.bids = offer.bids.filter((b) => b.playerId !== playerId);
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

/**
 * A player's compute day, every field a double from the start: from 0 literals V8 made them small
 * integers, and the day's hundred records then changed hidden class at their first fraction (the
 * contracts' pass over them took a tenth of a replay). -0 + x is x for every x, and no field that
 * stays -0 reaches the state (the figures written are sums, maxima and positives).
 */
function playerDay(ownH100: number): PlayerDay {
  const pd: PlayerDay = {
    ownH100: -0, inH100: -0, outH100: -0, tenderDeliveredH100: -0, spotOfferedH100: -0, revenueCents: -0, leaseIncomeCents: -0,
  };
  pd.ownH100 = ownH100;
  return pd;
}

/** Pays what a player owes up to its cash (penalties never overdraw); returns cents paid. */
function payUpTo(draft: GameState, playerId: PlayerId, cents: number, reason: string): number {
  const paid = Math.min(cents, Math.max(0, cashCents(draft.ledger, playerId)));
  if (paid > 0) transfer(draft.ledger, { from: playerAccount(playerId), to: WORLD, usdCents: paid, reason });
  return paid;
}

/**
 * Marks on each lot how many of its GPUs serve leases sold and tenders today (the rest were idle for
 * spot). One pass over the lots: each owner's lots come in the order `lotIdsOf` lists them, so each
 * owner's commitment is spread over the same lots.
 */
function markCommittedGpus(draft: GameState, committed: Map<PlayerId, number>): void {
  const sites = raw(draft.sites);
  const left = new Map<PlayerId, number>();
  for (const pid of draft.playerOrder) left.set(pid, committed.get(pid) ?? 0);
  for (const lot of recordList(draft.lots)) {
    const owed = left.get(lot.ownerId);
    if (owed === undefined) continue;
    let n = 0;
    if (owed > 0 && lot.status === 'installed' && lot.siteId) {
      const spec = modelSpec(draft, lot.modelId);
      const site = sites[lot.siteId];
      if (spec?.kind === 'gpu' && spec.h100Equivalent > 0 && site && siteRuns(draft, site, 'ai')) {
        n = Math.min(lot.count, Math.ceil(owed / spec.h100Equivalent - 1e-9));
        left.set(lot.ownerId, owed - n * spec.h100Equivalent);
      }
    }
    if (lot.committedGpus !== n) draft.lots[lot.id]!.committedGpus = n;
  }
}

/** The desk's leases running today: capacity it holds from players (in) and has leased to them (out). */
interface MakerDay {
  inH100: number;
  outH100: number;
}

function payLeases(draft: GameState, days: Map<PlayerId, PlayerDay>, maker: MakerDay): void {
  let ended = false;
  for (const l of recordList(draft.leases)) {
    if (!leaseActive(l, draft.day)) continue;
    const lessee = days.get(l.lesseeId);
    const lessor = days.get(l.lessorId);
    if (lessee) lessee.inH100 += l.gpus;
    if (lessor) lessor.outH100 += l.gpus;
    if (l.lesseeId === LEASE_MAKER_ID) maker.inH100 += l.gpus;
    if (l.lessorId === LEASE_MAKER_ID) maker.outH100 += l.gpus;
    const cents = leaseDayCents(l.gpus * blockCents(l.priceUsdPerGpuHour), draft.day - l.startDay, l.endDay - l.startDay);
    if (cents > 0) {
      transfer(draft.ledger, { from: LEASE_ESCROW, to: leaseAccount(l.lessorId), usdCents: cents, reason: 'leasePayment' });
      if (lessor) {
        lessor.leaseIncomeCents += cents;
        lessor.revenueCents += cents;
      }
    }
    if (draft.day + 1 >= l.endDay) {
      delete draft.leases[l.id];
      ended = true;
    }
  }
  if (ended) forgetRecordList(draft.leases);
}

/** Tender deliveries (from the pool), hosting rent, and contracts that end today. */
function runContracts(draft: GameState, days: Map<PlayerId, PlayerDay>): void {
  const pool = new Map<PlayerId, number>();
  for (const [id, pd] of days) pool.set(id, Math.max(0, pd.ownH100 + pd.inH100 - pd.outH100));
  let ended = false;
  for (const c of recordList(draft.contracts)) {
    const id = c.id;
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
          ended = true;
          continue;
        }
        const pay = hostingDayCents(c.mw, c.priceUsdPerKwMonth);
        transfer(draft.ledger, { from: WORLD, to: playerAccount(c.ownerId), usdCents: pay, reason: 'hosting' });
        // The hall's running costs: what makes hosting a margin, not a gift (valued the same way).
        payUpTo(draft, c.ownerId, Math.round(pay * HOSTING_OPEX_SHARE), 'hostingOpex');
        pd.revenueCents += pay;
      }
    }
    if (draft.day + 1 >= c.endDay) {
      if (c.kind === 'hosting' && c.siteId && draft.sites[c.siteId]) {
        const site = draft.sites[c.siteId]!;
        site.hostedMw = Math.max(0, site.hostedMw - c.mw);
      }
      delete draft.contracts[id];
      ended = true;
    }
  }
  if (ended) forgetRecordList(draft.contracts);
  for (const [id, pd] of days) pd.spotOfferedH100 = pool.get(id) ?? 0;
}

/** A lessor short of GPUs buys the missing capacity for its lessees at today's spot price. */
function leaseShortfalls(draft: GameState, days: Map<PlayerId, PlayerDay>, spot: number): void {
  for (const [id, pd] of days) {
    const missing = pd.outH100 - pd.ownH100 - pd.inH100;
    if (missing > 0) pd.revenueCents -= payUpTo(draft, id, gpuDayCents(missing, spot), 'leaseShortfall');
  }
}

/** The NPC clouds' capacity that sells on the spot market (their spot share; what the desk's limits scale with). */
export function npcSpotCapacityH100(state: GameState): number {
  return state.compute.npcSupplyH100 * computeParams(state).spotShare;
}

function clearSpotMarket(draft: GameState, ctx: Ctx, days: Map<PlayerId, PlayerDay>, maker: MakerDay): void {
  const share = computeParams(draft).spotShare;
  const npcSupply = draft.compute.npcSupplyH100;
  // What the desk leases out is reserved capacity (the term share, then spot if there is no term
  // share): a lessee who dumps it on spot adds to supply, the seed's "resale of reserved capacity
  // collapses rent". What it leases in from players is resold here.
  const fromTermH100 = Math.min(maker.outH100, npcSupply * (1 - share));
  const termSupplyH100 = npcSupply * (1 - share) - fromTermH100;
  const npcSpot = Math.max(0, npcSupply * share - (maker.outH100 - fromTermH100)) + maker.inH100;
  const supplies = [npcSpot];
  for (const id of draft.playerOrder) supplies.push(days.get(id)?.spotOfferedH100 ?? 0);
  const curve = spotCurve(draft);
  const r = clearSpot(curve, supplies);
  const c = draft.compute;
  c.spotUsdPerGpuHour = r.priceUsdPerGpuHour;
  c.playerSupplyH100 = r.supplyH100 - npcSpot;
  // Reserved capacity runs too: the term share clears like the spot share would without players.
  const termDemandH100 = (spotDemandH100(curve, r.priceUsdPerGpuHour) * (1 - share)) / Math.max(share, 1e-9);
  const termClearedH100 = share < 1 ? Math.min(termSupplyH100, termDemandH100) : 0;
  c.clearedH100 = r.clearedH100 + termClearedH100;
  leaseShortfalls(draft, days, r.priceUsdPerGpuHour);
  let delivered = c.clearedH100;
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

/** The one way to create a contract: keeps the owner index in step. */
function addContract(draft: GameState, c: Contract): void {
  addEntry(draft.contracts, c.id, c);
  indexEntry(contractIndexes, raw(draft.contracts), c.id, c, contractParties);
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
      addContract(draft, contractRecord({
        id, kind: 'tender', ownerId: winner.playerId, counterparty: t.lab, gpus: t.gpus, mw: 0, siteId: null,
        priceUsdPerGpuHour: winner.priceUsdPerGpuHour, priceUsdPerKwMonth: 0,
        startDay: t.startDay, endDay: t.startDay + t.days, penaltiesUsd: 0,
      }));
      const name = draft.players[winner.playerId]?.name ?? winner.playerId;
      pushNews(draft, ctx, 'tender', renderNewsEn({ key: 'news.tenderAwarded', params: { lab: t.lab, gpus: t.gpus, days: t.days, company: name, priceUsdPerGpuHour: winner.priceUsdPerGpuHour } }));
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

/** The winning bid's site goes to the buyer, back on the world's listing at build cost. */
function executeBuyout(draft: GameState, ctx: Ctx, offer: DeepReadonly<Offer>, playerId: PlayerId, site: Site, usdPerMw: number): void {
  const priceUsd = Math.round(usdPerMw * site.energisedMw);
  moveLotsToStorage(draft, playerId, site.id);
  site.ownerId = null;
  site.listPriceUsd = Math.round(site.energisedMw * tierCapexUsdPerMw(draft, site.tier));
  site.contract = 'index';
  site.ppaUsdPerMwh = 0;
  site.ppaUntilDay = 0;
  site.curtailAboveUsdPerMwh = 0;
  site.curtailedToday = false;
  transfer(draft.ledger, { from: WORLD, to: playerAccount(playerId), usdCents: usdToCents(priceUsd), reason: 'siteBuyout' });
  const name = raw(draft.players)[playerId]?.name ?? playerId;
  pushNews(draft, ctx, 'buyout', renderNewsEn({ key: 'news.buyout', params: { tenant: offer.tenant, site: site.name, mw: site.energisedMw, company: name, priceMUsd: priceUsd / 1e6, bids: offer.bids.length } }));
}

/**
 * The tenant leases `mw` at the winning rent: at once in an ai hall; from a mining site, `mw` of
 * it (carved into a hall of their own when the site is bigger) are retrofitted first, the tenant
 * funding its share off the player's books, and rent starts when the retrofit ends.
 */
function executeHosting(draft: GameState, ctx: Ctx, offer: DeepReadonly<Offer>, playerId: PlayerId, site: Site, usdPerKwMonth: number): boolean {
  let startDay = draft.day;
  if (site.tier !== 'ai') {
    const hall = site.energisedMw > offer.mw + 1e-9 ? carveHall(draft, playerId, site, offer.mw, offer.tenant) : site;
    if (hall === site) moveLotsToStorage(draft, playerId, site.id);
    // The tenant funds its share of the retrofit off the player's books; the player pays the rest.
    if (startRetrofit(draft, playerId, hall.id, offer.retrofitFundedPct / 100)) return false;
    site = hall;
    startDay = hall.retrofitEtaDay;
  }
  site.hostedMw += offer.mw;
  const id = newId(draft, 'C');
  addContract(draft, contractRecord({
    id, kind: 'hosting', ownerId: playerId, counterparty: offer.tenant, gpus: 0, mw: offer.mw, siteId: site.id,
    priceUsdPerGpuHour: 0, priceUsdPerKwMonth: usdPerKwMonth,
    startDay, endDay: startDay + Math.round(offer.years * DAYS_PER_YEAR), penaltiesUsd: 0,
  }));
  const name = raw(draft.players)[playerId]?.name ?? playerId;
  pushNews(draft, ctx, 'hosting', renderNewsEn({ key: 'news.hostingAwarded', params: { tenant: offer.tenant, mw: offer.mw, site: site.name, company: name, years: offer.years, usdPerKwMonth, bids: offer.bids.length } }));
  return true;
}

/**
 * Offers closing today go to the lowest price asked (earlier bid on a tie) whose site still
 * qualifies and whose company can still pay its share; offers nobody can take lapse.
 */
function awardOffers(draft: GameState, ctx: Ctx): void {
  const offers = raw(draft.offers);
  for (const oid in offers) {
    const o = offers[oid]!;
    if (o.closesDay > draft.day) continue;
    const price = (b: Offer['bids'][number]) => (o.kind === 'hosting' ? b.priceUsdPerKwMonth : b.priceUsdPerMw);
    const ranked = [...o.bids].sort((x, y) => price(x) - price(y) || x.seq - y.seq);
    let winner: Offer['bids'][number] | null = null;
    for (const b of ranked) {
      const p = raw(draft.players)[b.playerId];
      const site = draft.sites[b.siteId];
      if (!p || p.bankrupt || !site || offerSiteProblem(draft, b.playerId, o, site)) continue;
      if (usdToCents(offerOwnCostUsd(draft.scenario.capex, o, site)) > cashCents(draft.ledger, b.playerId)) continue;
      if (o.kind === 'buyout') executeBuyout(draft, ctx, o, b.playerId, site, b.priceUsdPerMw);
      else if (!executeHosting(draft, ctx, o, b.playerId, site, b.priceUsdPerKwMonth)) continue;
      winner = b;
      break;
    }
    if (!winner) pushNews(draft, ctx, o.kind, renderNewsEn({ key: o.kind === 'buyout' ? 'news.buyoutLapsed' : 'news.hostingLapsed', params: { tenant: o.tenant } }));
    ctx.events.push({ type: 'offerAwarded', day: draft.day, offerId: o.id, kind: o.kind, playerId: winner?.playerId ?? null, siteId: winner?.siteId ?? '', bidCount: o.bids.length });
    const closed = { ...(draft.closedOffers ? raw(draft.closedOffers) : {}), [o.id]: { day: draft.day, kind: o.kind, winnerId: winner?.playerId ?? null } };
    const ids = Object.keys(closed);
    for (const id of ids.slice(0, Math.max(0, ids.length - CLOSED_OFFERS_KEPT))) delete closed[id];
    draft.closedOffers = closed;
    delete draft.offers[oid];
  }
}

/** Whether some company could take `offer` today (an offer nobody could bid on is not made). */
function anyoneEligible(draft: GameState, offer: Offer): boolean {
  const players = raw(draft.players);
  return raw(draft.playerOrder).some((pid) => !players[pid]?.bankrupt && offerEligibleSites(draft, pid, offer).length > 0);
}

/**
 * NPC tenants make a few offers a match to the whole market (rates are per day, not per company),
 * each open OFFER_OPEN_DAYS for sealed bids. The draws are the same whatever the players own, so
 * the stream stays aligned across matches of one seed.
 */
function postOffers(draft: GameState, ctx: Ctx, rng: Rng): void {
  const c = computeParams(draft);
  const wantHosting = rng.chance(c.hostingOfferRatePerDay);
  const wantBuyout = rng.chance(c.buyoutOfferRatePerDay);
  if (!wantHosting && !wantBuyout) return;
  const base = { id: '', tenant: rng.pick(TENANTS), postedDay: draft.day, closesDay: draft.day + OFFER_OPEN_DAYS };
  const hosting: Offer = {
    ...base, bids: [], kind: 'hosting', mw: rng.int(2, 12), priceUsdPerKwMonth: Math.round(c.hostingUsdPerKwMonth * (0.95 + 0.2 * rng.next()) * 100) / 100,
    years: rng.int(10, 15), retrofitFundedPct: 10 * rng.int(3, 7), buyoutUsdPerMw: 0,
  };
  // A buyer pays above market for speed to power (DESIGN §3.4), more when AI is hot.
  const buyout: Offer = {
    ...base, bids: [], kind: 'buyout', mw: 10 * rng.int(1, 5), priceUsdPerKwMonth: 0, years: 0, retrofitFundedPct: 0,
    buyoutUsdPerMw: Math.round(tierMarketUsdPerMw(draft, 'mining') * (1.05 + 0.35 * rng.next() + 0.2 * draft.hype.ai)),
  };
  const made = [...(wantHosting ? [hosting] : []), ...(wantBuyout ? [buyout] : [])];
  for (const o of made) {
    if (!anyoneEligible(draft, o)) continue;
    o.id = newId(draft, 'OF');
    draft.offers[o.id] = o;
    ctx.events.push({ type: 'offer', day: draft.day, offerId: o.id, kind: o.kind });
    pushNews(draft, ctx, 'offer', renderNewsEn(o.kind === 'hosting'
      ? { key: 'news.hostingOffer', params: { tenant: o.tenant, mw: o.mw, years: o.years, usdPerKwMonth: o.priceUsdPerKwMonth, closesDay: o.closesDay } }
      : { key: 'news.buyoutOffer', params: { tenant: o.tenant, mw: o.mw, usdPerMw: o.buyoutUsdPerMw, closesDay: o.closesDay } }));
  }
}

/** The desk's net position in blocks: leased in from players minus leased out to them, still running after today. */
function makerInventoryH100(state: GameState): number {
  let n = 0;
  for (const l of recordList(state.leases)) {
    if (l.endDay <= state.day + 1) continue;
    if (l.lesseeId === LEASE_MAKER_ID) n += l.gpus;
    if (l.lessorId === LEASE_MAKER_ID) n -= l.gpus;
  }
  return n;
}

/**
 * The desk's daily refresh, for `tradingDay` (tomorrow in the day step, day 0 when a match is
 * created), around the spot price just cleared:
 * 1. yesterday's quotes come off (their escrow back to the world), and so do players' orders the
 *    new band leaves outside (escrow back to the player, a `leaseOrderCancelled` event), so
 *    the ladder never shows prices that cannot trade;
 * 2. it takes players' resting orders its new best quotes would cross, at the players' prices, as
 *    far as its position limit allows (a player's ask under the desk's bid is sold, as it asked);
 * 3. orders resting at the very edge of the band (asks at its floor, bids at its ceiling) leave no
 *    price to quote between them and the edge, so the desk takes them all, position limit or not
 *    (asks without bound: it resells them on spot, where they would have gone anyway; bids up to
 *    the clouds' spot capacity, which it must be able to deliver): the band's backstop;
 * 4. it posts its levels, post-only: never crossing what is left, so both sides stay on the book.
 */
export function refreshLeaseMakers(draft: GameState, ctx: Ctx, tradingDay = draft.day + 1): void {
  // The trading day's band is set by the spot just cleared.
  const band = leaseBand(draft);
  const orders = raw(draft.leaseOrders);
  for (const id in orders) {
    const o = orders[id]!;
    const desk = o.ownerId === LEASE_MAKER_ID;
    if (!desk && inBand(band, o.priceUsdPerGpuHour)) continue;
    if (o.side === 'bid') {
      transfer(draft.ledger, { from: LEASE_ESCROW, to: leaseAccount(o.ownerId), usdCents: o.remaining * blockCents(o.priceUsdPerGpuHour), reason: desk ? 'leaseMakerRefund' : 'leaseRefund' });
    }
    delete draft.leaseOrders[id];
    if (!desk) ctx.events.push({ type: 'leaseOrderCancelled', day: draft.day, playerId: o.ownerId, orderId: o.id, reason: 'priceBand' });
  }
  const spot = draft.compute.spotUsdPerGpuHour;
  const capacity = npcSpotCapacityH100(draft);
  const params = computeParams(draft).leaseMakers;
  const limit = makerInventoryLimitH100(capacity, params);
  const order = (side: LeaseSide, priceUsdPerGpuHour: number, quantity: number): LeaseOrder => ({
    id: newId(draft, 'LO'), ownerId: LEASE_MAKER_ID, side, priceUsdPerGpuHour, quantity, remaining: quantity, seq: nextSeq(draft), placedDay: tradingDay,
  });
  // Leases change below only through the desk's own fills, which all run past tomorrow: its
  // position moves by what each of its orders fills, without another pass over the leases.
  let inventory = makerInventoryH100(draft);
  const deskOrder = (side: LeaseSide, priceUsdPerGpuHour: number, quantity: number): number => {
    const left = matchIncoming(draft, ctx, order(side, priceUsdPerGpuHour, quantity), band, tradingDay, false);
    inventory += side === 'bid' ? quantity - left : left - quantity;
    return left;
  };
  for (const side of ['bid', 'ask'] as const) {
    const best = makerQuotes(spot, capacity, inventory, band, params).find((q) => q.side === side);
    const room = side === 'bid' ? limit - inventory : limit + inventory;
    if (!best || room <= 0) continue;
    if (side === 'bid') transfer(draft.ledger, { from: WORLD, to: LEASE_ESCROW, usdCents: room * blockCents(best.priceUsdPerGpuHour), reason: 'leaseMakerEscrow' });
    const left = deskOrder(side, best.priceUsdPerGpuHour, room);
    if (side === 'bid' && left > 0) transfer(draft.ledger, { from: LEASE_ESCROW, to: WORLD, usdCents: left * blockCents(best.priceUsdPerGpuHour), reason: 'leaseMakerRefund' });
  }
  let atFloor = 0;
  let atCeiling = 0;
  for (const o of tradableBook(draft, band)) {
    if (o.side === 'ask' && o.priceUsdPerGpuHour <= band.minUsdPerGpuHour) atFloor += o.remaining;
    if (o.side === 'bid' && o.priceUsdPerGpuHour >= band.maxUsdPerGpuHour) atCeiling += o.remaining;
  }
  if (atFloor > 0) {
    transfer(draft.ledger, { from: WORLD, to: LEASE_ESCROW, usdCents: atFloor * blockCents(band.minUsdPerGpuHour), reason: 'leaseMakerEscrow' });
    const left = deskOrder('bid', band.minUsdPerGpuHour, atFloor);
    if (left > 0) transfer(draft.ledger, { from: LEASE_ESCROW, to: WORLD, usdCents: left * blockCents(band.minUsdPerGpuHour), reason: 'leaseMakerRefund' });
  }
  const deliverable = Math.floor(capacity + Math.min(0, inventory));
  if (atCeiling > 0 && deliverable > 0) deskOrder('ask', band.maxUsdPerGpuHour, Math.min(atCeiling, deliverable));
  let bestBid = -Infinity;
  let bestAsk = Infinity;
  for (const o of tradableBook(draft, band)) {
    if (o.side === 'bid') bestBid = Math.max(bestBid, o.priceUsdPerGpuHour);
    else bestAsk = Math.min(bestAsk, o.priceUsdPerGpuHour);
  }
  const quotes = postOnly(makerQuotes(spot, capacity, inventory, band, params), bestBid, bestAsk, band);
  for (const q of quotes) {
    if (q.side === 'bid') transfer(draft.ledger, { from: WORLD, to: LEASE_ESCROW, usdCents: q.quantity * blockCents(q.priceUsdPerGpuHour), reason: 'leaseMakerEscrow' });
    const o = order(q.side, q.priceUsdPerGpuHour, q.quantity);
    draft.leaseOrders[o.id] = o;
  }
}

export const computePhase: Phase = (draft, ctx) => {
  rackNpcOrders(draft);
  const days = new Map<PlayerId, PlayerDay>();
  const running = runningH100ByPlayer(draft);
  for (const id of draft.playerOrder) {
    days.set(id, playerDay(running.get(id) ?? 0));
  }
  const maker: MakerDay = { inH100: 0, outH100: 0 };
  payLeases(draft, days, maker);
  runContracts(draft, days);
  clearSpotMarket(draft, ctx, days, maker);
  moveNpcMarket(draft);
  refreshLeaseMakers(draft, ctx);
  awardTenders(draft, ctx);
  awardOffers(draft, ctx);
  // One restore of the stream a day: tenders, then offers.
  withRng(draft.rng, 'tenders', (rng) => {
    postTenders(draft, ctx, rng);
    postOffers(draft, ctx, rng);
  });
};
