/** What the owner-only `private` message carries: the player's own card and secrets. */
import { privatePlayer, publicPlayer, type PrivatePlayer, type PublicPlayer } from '../../shared/rules/view.js';
import type { GameState, PlayerId } from '../../shared/rules/types.js';

export interface PrivatePayload {
  /** Same shape as `playerView(state, playerId).me`. */
  me: (PublicPlayer & PrivatePlayer) | null;
  /** This player's sealed tender bids (other players only see `bidCount`). */
  tenderBids: { tenderId: string; priceUsdPerGpuHour: number }[];
  /** This player's sealed bids on hosting and buy-out offers. */
  offerBids: { offerId: string; siteId: string; priceUsdPerKwMonth: number; priceUsdPerMw: number }[];
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
  return { me, tenderBids, offerBids };
}
