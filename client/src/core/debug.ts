/**
 * `window.__bc`: a read-only window on what the client shows, for browser tests and debugging.
 * Nothing here reaches into the rules; it reports the current scene, view and room.
 */
import type { PlayerView } from '../../../shared/rules/view.js';
import type { ConnectionState, RoomInfo } from './MatchFeed.js';

export interface DebugHook {
  readonly scene: string;
  readonly view: PlayerView | null;
  readonly room: RoomInfo | null;
  readonly connection: ConnectionState;
  readonly banners: readonly string[];
  readonly bench: unknown;
  /** Where the map drew its sites, region nodes and labels (canvas = page pixels), and the tooltip shown. */
  readonly map: MapProbe | null;
  readonly mapTip: string | null;
}

export interface MapProbe {
  sites: { id: string; x: number; y: number }[];
  regions: { id: string; x: number; y: number }[];
  labels: { x: number; y: number; w: number; h: number }[];
  tip: string | null;
}

const state: { scene: string; view: PlayerView | null; room: RoomInfo | null; connection: ConnectionState; banners: string[]; bench: unknown; map: MapProbe | null; mapTip: string | null } = {
  scene: '',
  view: null,
  room: null,
  connection: 'offline',
  banners: [],
  bench: null,
  map: null,
  mapTip: null,
};

export function debugSet<K extends keyof typeof state>(key: K, value: (typeof state)[K]): void {
  state[key] = value;
}

export function installDebugHook(): void {
  const hook: DebugHook = {
    get scene() { return state.scene; },
    get view() { return state.view; },
    get room() { return state.room; },
    get connection() { return state.connection; },
    get banners() { return [...state.banners]; },
    get bench() { return state.bench; },
    get map() { return state.map; },
    get mapTip() { return state.mapTip; },
  };
  Object.defineProperty(window, '__bc', { value: Object.freeze(hook), configurable: false, writable: false });
}
