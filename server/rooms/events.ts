/** Splits engine events into what everyone may see and what only one player may see. */
import type { GameEvent, PlayerId } from '../../shared/rules/types.js';

/** Events about one player's own business: sent to that player only. */
const OWNER_EVENTS = new Set<GameEvent['type']>(['mined', 'leaseIncome', 'hardwareArrived', 'siteEnergised', 'marginCall', 'leaseOrderCancelled', 'contestPayout']);
/** Bookkeeping nobody needs on the wire. */
const DROPPED_EVENTS = new Set<GameEvent['type']>(['actionApplied']);

export type PublicEvent = Exclude<GameEvent, { type: 'leaseTrade' }> | { type: 'leaseTrade'; day: number; quantity: number; priceUsdPerGpuHour: number };

export interface SplitEvents {
  public: PublicEvent[];
  byOwner: Map<PlayerId, GameEvent[]>;
}

export function splitEvents(events: GameEvent[], into: SplitEvents = { public: [], byOwner: new Map() }): SplitEvents {
  for (const e of events) {
    if (DROPPED_EVENTS.has(e.type)) continue;
    if (OWNER_EVENTS.has(e.type) && 'playerId' in e && e.playerId) {
      const list = into.byOwner.get(e.playerId) ?? [];
      list.push(e);
      into.byOwner.set(e.playerId, list);
    } else if (e.type === 'leaseTrade') {
      // Trade prints are public; who traded with whom is not.
      into.public.push({ type: 'leaseTrade', day: e.day, quantity: e.quantity, priceUsdPerGpuHour: e.priceUsdPerGpuHour });
    } else {
      into.public.push(e);
    }
  }
  return into;
}
