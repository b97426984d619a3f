/** What the owner-only `private` message carries: the player's own card and secrets. */
import { derivedResalePrices } from './marketPrices.js';
import { privatePlayer, publicPlayer, releasedUnitPrices, type EngineQuotes, type PrivatePlayer, type PublicPlayer } from '../rules/view.js';
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
  const me = card ? Object.assign({}, card, privatePlayer(state, playerId)) : null;
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
 * Fields of the player's own card the synced `players` card already carries, always equal to it:
 * the wire leaves them out of `me` (they change daily, and every seat would get them twice).
 */
export const CARD_FIELDS_IN_STATE = [
  'bankrupt', 'navUsd', 'marketCapUsd', 'multiple', 'sharesOutstanding', 'founderShares', 'scoreMarketUsd', 'scoreNavUsd',
  'revenueMiningUsdPerDay', 'revenueAiUsdPerDay', 'btcMinedBtc', 'computeDeliveredH100Days',
] as const satisfies readonly (keyof PublicPlayer)[];
type CardFieldInState = (typeof CARD_FIELDS_IN_STATE)[number];

/**
 * `me` as it travels: without CARD_FIELDS_IN_STATE, and `quotes` without what the client has
 * otherwise (`navParts`, the same as `me.navParts`; `unitPriceUsd` and `resaleUnitPriceUsd`, the
 * world's prices: marketPrices.ts). A field is only left out when it is equal, so a full payload is valid too.
 */
type WireQuoteField = 'navParts' | 'unitPriceUsd' | 'resaleUnitPriceUsd';
export type WireMe = Omit<PublicPlayer & PrivatePlayer, CardFieldInState | 'quotes'> & Partial<Pick<PublicPlayer, CardFieldInState>> & {
  quotes: Omit<EngineQuotes, WireQuoteField> & Partial<Pick<EngineQuotes, WireQuoteField>>;
};

/** Today's hardware prices as the client holds them (the synced world's, or rebuilt: marketPrices.ts). */
export interface MarketPrices {
  unitPriceUsd: Record<string, number>;
  resaleUnitPriceUsd: Record<string, number>;
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

export function privateWire(p: PrivatePayload, market: MarketPrices): PrivateWire {
  if (!p.me) return p;
  const me: Record<string, unknown> = { ...p.me };
  for (const k of CARD_FIELDS_IN_STATE) delete me[k];
  const quotes: Partial<EngineQuotes> = { ...p.me.quotes };
  if (sameRecord(quotes.navParts as unknown as Record<string, unknown>, p.me.navParts as unknown as Record<string, unknown>)) delete quotes.navParts;
  if (sameRecord(quotes.unitPriceUsd, market.unitPriceUsd)) delete quotes.unitPriceUsd;
  if (sameRecord(quotes.resaleUnitPriceUsd, market.resaleUnitPriceUsd)) delete quotes.resaleUnitPriceUsd;
  me.quotes = quotes;
  return { ...p, me: me as unknown as WireMe };
}

/** The engine's `me` again, from the wire's `me`, the player's synced card and today's prices. */
export function meFromWire(me: WireMe, card: Partial<Pick<PublicPlayer, CardFieldInState>> | undefined, market: MarketPrices): PublicPlayer & PrivatePlayer {
  const fromCard: Record<string, unknown> = {};
  for (const k of CARD_FIELDS_IN_STATE) if (card?.[k] !== undefined && me[k] === undefined) fromCard[k] = card[k];
  const q = me.quotes;
  const quotes = {
    ...q, navParts: q.navParts ?? { ...me.navParts }, unitPriceUsd: q.unitPriceUsd ?? { ...market.unitPriceUsd },
    resaleUnitPriceUsd: q.resaleUnitPriceUsd ?? { ...market.resaleUnitPriceUsd },
  };
  return { ...me, ...fromCard, quotes } as PublicPlayer & PrivatePlayer;
}

/** The prices the wire leaves out of `quotes` when they equal these (the server's side of marketPrices.ts). */
export function marketPricesOf(state: GameState): MarketPrices {
  const unitPriceUsd = releasedUnitPrices(state);
  return { unitPriceUsd, resaleUnitPriceUsd: derivedResalePrices(unitPriceUsd, state.scenario.hardware.resaleHaircutPct) };
}

/** The static scenario data of the `welcome` message (the synced state carries only what changes). */
export function welcomeScenarioOf(s: GameState['scenario']): WelcomeScenario {
  return {
    id: s.id, name: s.name, description: s.description, startDate: s.startDate, days: s.days, halvingInterval: s.halvingInterval,
    regions: s.regions, catalogue: s.catalogue, capex: s.capex, finance: s.finance, contest: s.contest, hardware: s.hardware,
  };
}
