/** What the owner-only `private` message carries: the player's own card and secrets. */
import { derivedSectorHype } from './derivedFigures.js';
import { derivedResalePrices } from './marketPrices.js';
import type { NavParts } from '../economy/valuation.js';
import { ownCard, publicPlayer, releasedUnitPrices, type EngineQuotes, type PrivatePlayer, type PublicPlayer } from '../rules/view.js';
import type { GameState, PlayerId } from '../rules/types.js';
import type { WelcomeScenario } from '../protocol/server.js';

export interface PrivatePayload {
  /** Same shape as `playerView(state, playerId).me`. */
  me: (PublicPlayer & PrivatePlayer) | null;
  /** This player's sealed tender bids (other players only see `bidCount`). */
  tenderBids: { tenderId: string; priceUsdPerGpuHour: number }[];
  /** This player's sealed bids on hosting and buy-out offers. */
  offerBids: { offerId: string; siteId: string; priceUsdPerKwMonth: number; priceUsdPerMw: number }[];
  /** This player's own payout (cents) in each resolved contest round it took part in; the synced history has no payouts. */
  contestPayouts: { round: number; usdCents: number }[];
}

export function privatePayload(state: GameState, playerId: PlayerId): PrivatePayload {
  const card = publicPlayer(state, playerId);
  const me = card ? ownCard(state, playerId, card) : null;
  const tenderBids: PrivatePayload['tenderBids'] = [];
  for (const t of Object.values(state.tenders)) {
    for (const b of t.bids) if (b.playerId === playerId) tenderBids.push({ tenderId: t.id, priceUsdPerGpuHour: b.priceUsdPerGpuHour });
  }
  const offerBids: PrivatePayload['offerBids'] = [];
  for (const o of Object.values(state.offers)) {
    for (const b of o.bids) {
      if (b.playerId === playerId) offerBids.push({ offerId: o.id, siteId: b.siteId, priceUsdPerKwMonth: b.priceUsdPerKwMonth, priceUsdPerMw: b.priceUsdPerMw });
    }
  }
  const contestPayouts: PrivatePayload['contestPayouts'] = [];
  for (const r of state.contest.history) {
    if (Object.prototype.hasOwnProperty.call(r.payouts, playerId)) contestPayouts.push({ round: r.round, usdCents: r.payouts[playerId]! });
  }
  return { me, tenderBids, offerBids, contestPayouts };
}

/**
 * Parts of a state `privatePayload` never reads for a seat: the other seats' records, the seating
 * order, the news and the counters. States are immutable and share what an action left alone, so
 * two states that differ only there (another seat's narrative or treasury policy) give every other
 * seat the same payload, and the server need not build it again.
 */
const NOT_READ_BY_PRIVATE = new Set<string>(['players', 'playerOrder', 'news', 'events', 'nextId', 'nextSeq']);

/** True when `privatePayload(b, playerId)` is sure to equal `privatePayload(a, playerId)` (same parts, compared by identity). */
export function samePrivateInputs(a: GameState, b: GameState, playerId: PlayerId): boolean {
  if (a === b) return true;
  if (a.players[playerId] !== b.players[playerId]) return false;
  const x = a as unknown as Record<string, unknown>;
  const y = b as unknown as Record<string, unknown>;
  for (const k in y) if (x[k] !== y[k] && !NOT_READ_BY_PRIVATE.has(k)) return false;
  for (const k in x) if (!(k in y)) return false;
  return true;
}

/**
 * Fields of the player's own card the synced `players` card already carries, always equal to it:
 * the wire leaves them out of `me` (they change daily, and every seat would get them twice).
 */
export const CARD_FIELDS_IN_STATE = [
  'bankrupt', 'navUsd', 'marketCapUsd', 'multiple', 'sharesOutstanding', 'founderShares', 'scoreMarketUsd', 'scoreNavUsd',
  'revenueMiningUsdPerDay', 'revenueAiUsdPerDay', 'btcMinedBtc', 'computeDeliveredH100Days',
] as const satisfies readonly (keyof PublicPlayer)[];
type CardFieldInState = (typeof CARD_FIELDS_IN_STATE)[number];

/**
 * `me` as it travels: without CARD_FIELDS_IN_STATE, and without what the client has otherwise
 * (`WireBasis`): `quotes.navParts` (the same as `me.navParts`), `navParts.btcUsd` (the world's),
 * `issuanceWindowEndsDay` when it is today (no window open), `quotes.unitPriceUsd` and
 * `resaleUnitPriceUsd` (the world's prices: marketPrices.ts) and `quotes.sectorHype` (rebuilt from
 * the world's hype and the card's revenue: derivedFigures.ts). A field is only left out when it is
 * equal, so a full payload is valid too.
 */
type WireQuoteField = 'navParts' | 'unitPriceUsd' | 'resaleUnitPriceUsd' | 'sectorHype';
type WireMeField = 'issuanceWindowEndsDay';
type PrivateMe = PublicPlayer & PrivatePlayer;
export type WireMe = Omit<PrivateMe, CardFieldInState | WireMeField | 'quotes' | 'navParts'> & Partial<Pick<PublicPlayer, CardFieldInState>> & Partial<Pick<PrivateMe, WireMeField>> & {
  navParts: Omit<NavParts, 'btcUsd'> & Partial<Pick<NavParts, 'btcUsd'>>;
  quotes: Omit<EngineQuotes, WireQuoteField> & Partial<Pick<EngineQuotes, WireQuoteField>>;
};

/**
 * What the client holds besides its private feed, as of the same sync: today's hardware prices
 * (the synced world's, or rebuilt: marketPrices.ts) and the synced world's day, BTC price and hype.
 */
export interface WireBasis {
  unitPriceUsd: Record<string, number>;
  resaleUnitPriceUsd: Record<string, number>;
  day: number;
  btcUsd: number;
  hypeCrypto: number;
  hypeAi: number;
}

export type PrivateWire = Omit<PrivatePayload, 'me'> & { me: WireMe | null };

/** Flat records of numbers (NAV parts, prices by model) compared without building their JSON. */
function sameRecord(a: Readonly<Record<string, unknown>> | undefined, b: Readonly<Record<string, unknown>> | undefined): boolean {
  if (a === b) return true;
  if (!a || !b) return false;
  let n = 0;
  for (const k in a) {
    // 0 and -0 are one number on the wire (JSON has no -0).
    if (a[k] !== b[k] && !(Number.isNaN(a[k]) && Number.isNaN(b[k]))) return false;
    n++;
  }
  return n === Object.keys(b).length;
}

/** Equal as the wire carries numbers (JSON: -0 is 0; NaN is null either way). */
const sameNumber = (a: number, b: number) => a === b || (Number.isNaN(a) && Number.isNaN(b));

export function privateWire(p: PrivatePayload, basis: WireBasis): PrivateWire {
  if (!p.me) return p;
  const me: Record<string, unknown> = { ...p.me };
  for (const k of CARD_FIELDS_IN_STATE) delete me[k];
  if (sameNumber(p.me.issuanceWindowEndsDay, basis.day)) delete me.issuanceWindowEndsDay;
  const quotes: Partial<EngineQuotes> = { ...p.me.quotes };
  if (sameRecord(quotes.navParts as unknown as Record<string, unknown>, p.me.navParts as unknown as Record<string, unknown>)) delete quotes.navParts;
  if (sameRecord(quotes.unitPriceUsd, basis.unitPriceUsd)) delete quotes.unitPriceUsd;
  if (sameRecord(quotes.resaleUnitPriceUsd, basis.resaleUnitPriceUsd)) delete quotes.resaleUnitPriceUsd;
  if (quotes.sectorHype !== undefined && sameNumber(quotes.sectorHype, derivedSectorHype(basis, p.me))) delete quotes.sectorHype;
  me.quotes = quotes;
  if (sameNumber(p.me.navParts.btcUsd, basis.btcUsd)) {
    const { btcUsd: _world, ...navParts } = p.me.navParts;
    me.navParts = navParts;
  }
  return { ...p, me: me as unknown as WireMe };
}

/** The engine's `me` again, from the wire's `me`, the player's synced card and what else the client holds. */
export function meFromWire(me: WireMe, card: Partial<Pick<PublicPlayer, CardFieldInState>> | undefined, basis: WireBasis): PrivateMe {
  const fromCard: Record<string, unknown> = {};
  for (const k of CARD_FIELDS_IN_STATE) if (card?.[k] !== undefined && me[k] === undefined) fromCard[k] = card[k];
  const whole = { ...me, ...fromCard } as unknown as PrivateMe;
  const navParts = { ...me.navParts, btcUsd: me.navParts.btcUsd ?? basis.btcUsd };
  const q = me.quotes;
  const quotes = {
    ...q, navParts: q.navParts ?? { ...navParts }, unitPriceUsd: q.unitPriceUsd ?? { ...basis.unitPriceUsd },
    resaleUnitPriceUsd: q.resaleUnitPriceUsd ?? { ...basis.resaleUnitPriceUsd }, sectorHype: q.sectorHype ?? derivedSectorHype(basis, whole),
  };
  return { ...whole, issuanceWindowEndsDay: me.issuanceWindowEndsDay ?? basis.day, navParts, quotes };
}

/** What the wire leaves out of `me` when equal (the server's side of marketPrices.ts and of the synced world). */
export function wireBasisOf(state: GameState): WireBasis {
  const unitPriceUsd = releasedUnitPrices(state);
  return {
    unitPriceUsd, resaleUnitPriceUsd: derivedResalePrices(unitPriceUsd, state.scenario.hardware.resaleHaircutPct), day: state.day,
    btcUsd: state.btc.btcUsd, hypeCrypto: state.hype.crypto, hypeAi: state.hype.ai,
  };
}

/** The static scenario data of the `welcome` message (the synced state carries only what changes). */
export function welcomeScenarioOf(s: GameState['scenario']): WelcomeScenario {
  return {
    id: s.id, name: s.name, description: s.description, startDate: s.startDate, days: s.days, halvingInterval: s.halvingInterval,
    regions: s.regions, catalogue: s.catalogue, capex: s.capex, finance: s.finance, contest: s.contest, hardware: s.hardware,
  };
}
