/**
 * One live match around the pure engine: the current state, the accepted-action log and its
 * persistence. Colyseus-free so tests, the room and tools share it.
 *
 * Write-ahead: `apply` computes the engine's result (pure), appends the entry to SQLite, and only
 * then makes the new state current. A crash between the two replays the entry on resume, which
 * yields the same state, so the log and the state never disagree.
 */
import { applyUntrusted, addPlayer, createGame, stateHash, step } from '../../shared/rules/engine.js';
import { founderStakeUsd } from '../../shared/rules/score.js';
import { applyEntry, REPLAY_FORMAT, type LogEntry, type ReplayFile } from '../../shared/rules/replay.js';
import { daySummary, type DaySummary } from '../../shared/rules/summary.js';
import type { Action } from '../../shared/rules/actions.js';
import type { ApplyResult, GameEvent, GameState, PlayerId, Scenario } from '../../shared/rules/types.js';
import { SNAPSHOT_EVERY_DAYS, type MatchStore } from '../persistence/store.js';
import type { Standing } from '../../shared/protocol/server.js';

/** Days of chart history kept in memory (the whole match is at most a few thousand days). */
const HISTORY_CAP = 5000;

/** A row of the final standings (the `ended` message): defined once in shared/protocol. */
export type { Standing };

export class MatchRunner {
  /** Log entries accepted so far (the last `seq` written). */
  seq: number;

  private constructor(
    private readonly store: MatchStore,
    readonly matchId: string,
    public state: GameState,
    seq: number,
    readonly history: DaySummary[],
  ) {
    this.seq = seq;
  }

  /** A fresh match at day 0; writes the day-0 snapshot (which carries the scenario). */
  static create(store: MatchStore, matchId: string, scenario: Scenario, seed: string): MatchRunner {
    const state = createGame(scenario, seed);
    const runner = new MatchRunner(store, matchId, state, 0, [daySummary(state)]);
    store.transaction(() => {
      store.appendSummaries(matchId, runner.history);
      store.saveSnapshot(matchId, { day: 0, seq: 0, state });
    });
    runner.summariesSavedDay = 0;
    return runner;
  }

  /** Latest snapshot + the log after it, then the quiet days up to `currentDay` (they are deterministic). */
  static resume(store: MatchStore, matchId: string, currentDay: number): MatchRunner {
    const snap = store.latestSnapshot(matchId, HISTORY_CAP);
    if (!snap) throw new Error(`match ${matchId} has no snapshot`);
    const runner = new MatchRunner(store, matchId, snap.state, snap.seq, snap.history.slice());
    runner.lastSnapshotDay = snap.day;
    runner.summariesSavedDay = snap.day;
    for (const entry of store.entries(matchId, snap.seq)) {
      runner.advanceTo(entry.day);
      const r = applyEntry(runner.state, entry);
      // Only accepted entries are logged, so a rejection here means the engine changed under the log.
      if (r.rejected) throw new Error(`match ${matchId}: logged entry ${runner.seq + 1} rejected on resume (${r.rejected})`);
      runner.state = r.state;
      runner.seq += 1;
    }
    runner.advanceTo(currentDay);
    return runner;
  }

  private advanceTo(day: number): void {
    while (this.state.day < day && this.state.phase === 'running') this.stepDay();
  }

  get day(): number {
    return this.state.day;
  }

  get ended(): boolean {
    return this.state.phase === 'ended';
  }

  /** Seats a company; the join is logged first (replays seat players from the log). */
  join(playerId: PlayerId, name: string, strategy: string): void {
    const entry: LogEntry = { day: this.state.day, kind: 'join', playerId, name, strategy };
    const next = addPlayer(this.state, { id: playerId, name, strategy });
    this.store.appendEntry(this.matchId, this.seq + 1, entry);
    this.seq += 1;
    this.state = next;
  }

  /**
   * Applies one action for `actor` (a player id or HOST_ACTOR); logs it only if the engine accepts it.
   * `controller` (who really sent it: the export's `controlled_by`) is recorded with the entry.
   */
  apply(actor: PlayerId, action: Action, controller?: 'student' | 'bot' | 'teacher'): ApplyResult {
    // The room's edge: host commands and bot seats build actions the action schemas have not seen,
    // and one parse per click costs nothing next to a tick.
    const result = applyUntrusted(this.state, actor, action);
    if (!result.ok) return result;
    this.store.appendEntry(this.matchId, this.seq + 1, { day: this.state.day, kind: 'action', playerId: actor, action, ...(controller ? { controller } : {}) });
    this.seq += 1;
    this.state = result.state;
    return result;
  }

  /** One game day. Persists the day counter, and a snapshot every SNAPSHOT_EVERY_DAYS days. */
  stepDay(): GameEvent[] {
    const r = step(this.state);
    this.state = r.state;
    this.history.push(daySummary(r.state));
    if (this.history.length > HISTORY_CAP) this.history.splice(0, this.history.length - HISTORY_CAP);
    return r.events;
  }

  /** Called by the room after a batch of days, so the DB writes are per tick, not per day. */
  persistProgress(): void {
    this.store.setCurrentDay(this.matchId, this.state.day);
    if (this.state.day - this.lastSnapshotDay >= SNAPSHOT_EVERY_DAYS) this.snapshot();
  }

  private lastSnapshotDay = 0;
  /** Last day whose chart summary is in the store: each snapshot appends only the days since. */
  private summariesSavedDay = 0;

  snapshot(): void {
    this.lastSnapshotDay = this.state.day;
    this.store.transaction(() => {
      this.store.appendSummaries(this.matchId, this.history.filter((s) => s.day > this.summariesSavedDay));
      this.store.saveSnapshot(this.matchId, { day: this.state.day, seq: this.seq, state: this.state });
    });
    this.summariesSavedDay = this.state.day;
  }

  hash(): string {
    return stateHash(this.state);
  }

  standings(): Standing[] {
    return this.state.playerOrder
      .map((id) => this.state.players[id])
      .filter((p): p is NonNullable<typeof p> => p !== undefined)
      .map((p) => ({
        playerId: p.id, name: p.name, strategy: p.strategy, navUsd: p.navUsd, marketCapUsd: p.marketCapUsd, multiple: p.multiple, bankrupt: p.bankrupt,
        scoreMarketUsd: founderStakeUsd(p, 'market'), scoreNavUsd: founderStakeUsd(p, 'nav'),
      }))
      .sort((a, b) => b.scoreMarketUsd - a.scoreMarketUsd);
  }

  replayFile(): ReplayFile {
    return replayFileFor(this.store, this.matchId, this.state.scenario, this.state.seed, this.state.day, this.hash());
  }
}

/** The replay file of any stored match: scenario and seed from its day-0 snapshot, the whole log. */
export function replayFileFor(store: MatchStore, matchId: string, scenario: Scenario, seed: string, finalDay: number, hash?: string): ReplayFile {
  const file: ReplayFile = { format: REPLAY_FORMAT, scenario, seed, finalDay, entries: store.entries(matchId, 0) };
  if (hash) file.stateHash = hash;
  return file;
}
