/** What the owner-only `private` message carries: the player's own card and secrets. */
import { privatePlayer, publicPlayer, type PrivatePlayer, type PublicPlayer } from '../rules/view.js';
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
  const me = card ? { ...card, ...privatePlayer(state, playerId) } : null;
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

/** The static scenario data of the `welcome` message (the synced state carries only what changes). */
export function welcomeScenarioOf(s: GameState['scenario']): WelcomeScenario {
  return {
    id: s.id, name: s.name, description: s.description, startDate: s.startDate, days: s.days, halvingInterval: s.halvingInterval,
    regions: s.regions, catalogue: s.catalogue, capex: s.capex, finance: s.finance, contest: s.contest,
  };
}
