/**
 * What rooms need from the server that Colyseus cannot hand them (it constructs rooms itself):
 * the store, settings, logger, and the registry of live matches the HTTP API reads.
 * One game server per process (Colyseus' matchmaker is a process singleton), so one context.
 */
import type { ServerConfig } from '../config.js';
import type { Logger } from '../logger.js';
import type { MatchStore } from '../persistence/store.js';
import type { MatchRunner } from '../game/match.js';
import type { HeavyWork } from '../http/heavyWork.js';

export interface LiveMatch {
  runner: MatchRunner;
  /** Durations in ms of ticks that did work (ring), for the bench. */
  tickMs: number[];
  /** The subset of those ticks that advanced at least one day. */
  dayTickMs: number[];
  /** Player ids whose person is connected now (classroom roster over HTTP). */
  connectedPlayers?: () => string[];
  /** The room's phase: 'waiting' | 'running' | 'paused' | 'ended'. */
  phase?: () => string;
}

export interface RoomContext {
  config: ServerConfig;
  store: MatchStore;
  logger: Logger;
  /** Secret that only this process knows: lets it ask the matchmaker to resume a stored match. */
  resumeKey: string;
  live: Map<string, LiveMatch>;
  /** Matches being brought back right now (server/rooms/resume.ts): one room instance per match. */
  resuming: Map<string, Promise<void>>;
  /** Worker pool and admission for exports and replay files. */
  heavy: HeavyWork;
  /** True while the server shuts down: rooms then keep their matches resumable. */
  shuttingDown: boolean;
}

let current: RoomContext | null = null;

export function setRoomContext(ctx: RoomContext | null): void {
  current = ctx;
}

export function roomContext(): RoomContext {
  if (!current) throw new Error('room context not set: create rooms through createGameServer');
  return current;
}
