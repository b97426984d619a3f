/**
 * Room-level status from the synced state (the waiting room, pace, seats). The game itself is read
 * through shared/sync/viewAdapter.ts, the one adapter the online bot uses too.
 */
import type { StateJson } from '../../../shared/sync/viewAdapter.js';
import type { RoomInfo } from '../core/MatchFeed.js';

export { classroomFrom, viewFromState, type PrivateMessage, type StateJson } from '../../../shared/sync/viewAdapter.js';
export type { Welcome } from '../../../shared/protocol/index.js';

const values = <T>(v: Record<string, T> | T[] | undefined): T[] => (Array.isArray(v) ? v : Object.values(v ?? {}));

export function roomInfoFrom(json: StateJson): RoomInfo {
  const r = json.room ?? {};
  return {
    code: r.code ?? '',
    status: (r.phase as RoomInfo['status'] | undefined) ?? 'waiting',
    scenarioId: r.scenarioId ?? '',
    // A pace the host typed is kept to six decimals, as the menus show it.
    daysPerSecond: Math.round((r.daysPerSecond ?? 1) * 1e6) / 1e6,
    hostId: r.hostPlayerId ?? '',
    seats: values(json.players)
      .map((p) => ({ id: p.id, name: p.name, colorIndex: p.colorIndex, bot: p.control === 'bot', connected: p.connected || p.control === 'bot' }))
      .sort((a, b) => a.colorIndex - b.colorIndex),
  };
}
