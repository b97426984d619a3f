/**
 * The classroom side of a `market` room: treatment settings, labels → seats, the ⅔ games, the
 * teacher's roster and the refused-action log. Colyseus-free: the room hands in what it knows
 * (seats, connections, the day) and sends what this returns.
 */
import {
  closeRound, createGuessGame, currentRound, guessView, openRound, submitGuess, botGuessesForRound,
  type GuessGame, type GuessResult,
} from '../../shared/classroom/guess.js';
import type { GameState } from '../../shared/rules/types.js';
import type { ClassroomCues } from '../../shared/sync/syncView.js';
import type { Seat } from '../rooms/seats.js';
import { labelKey, MARKETS, anonymousName, type ClassroomSettings } from './settings.js';
import { classroomStore, type ClassroomStore } from './store.js';
import type { ClassroomErrorCode } from '../../shared/protocol/index.js';
import type Database from 'better-sqlite3';
import { secretToken } from '../rooms/roomCode.js';
import { awayPolicy, type AwayBots } from './seatControl.js';

export interface SessionError {
  code: ClassroomErrorCode;
  message: string;
}

export type { GuessMessage, RosterEntry, StudentLink } from '../../shared/protocol/index.js';
import type { GuessMessage, RosterEntry, StudentLink } from '../../shared/protocol/index.js';

/** Minimum spacing of `guess` broadcasts: a class guessing at once must not cost 40 × 40 messages. */
export const GUESS_BROADCAST_MIN_MS = 250;

/** Rows of `rejected_actions` one client, and one match, may fill; later refusals are only counted. */
export interface RejectedLogLimits {
  perClient: number;
  perMatch: number;
}

/** Longest refused payload kept (JSON characters): enough to see what was sent. */
const REJECTED_PAYLOAD_CHARS = 512;

export class ClassroomSession {
  /** label key → player id. */
  private readonly labelSeats = new Map<string, string>();
  /** player id → label as the teacher wrote it. */
  private readonly seatLabels = new Map<string, string>();
  /** label key → its link token, and back. */
  private readonly linkOfLabel = new Map<string, string>();
  private readonly labelOfLink = new Map<string, string>();
  /** Real names of seats (the engine holds the anonymous one when names are anonymous). */
  readonly realNames = new Map<string, string>();
  private games: GuessGame[] = [];
  /** ⅔-only bots of the current game (ids `gbot1`…). */
  private guessOnlyBots: string[] = [];
  guessDirty = true;
  rosterDirty = true;
  private lastGuessSentMs = 0;
  private readonly store: ClassroomStore;

  /** Rows logged per client key (player id, or the session id of a seatless client) and in all. */
  private readonly rejectedBy = new Map<string, number>();
  private rejectedTotal = 0;
  /** Refusals not written because a cap was reached (reported in the log, not the table). */
  rejectedDropped = 0;

  /** The teacher's "bots for absent students" switch (seatControl.ts); persisted by the room's options. */
  awayBots: AwayBots = { all: false, seats: [] };
  /** Stop the clock before each scheduled event (schedule.ts); `autoPausedDay` is the day it last did. */
  autoPause = false;
  autoPausedDay = -1;

  constructor(
    db: Database.Database, readonly matchId: string, readonly settings: ClassroomSettings, private readonly seed: string,
    private readonly rejectedLimits: RejectedLogLimits = { perClient: 100, perMatch: 2000 },
  ) {
    this.store = classroomStore(db);
    for (const r of this.store.rejectedCounts(matchId)) {
      this.rejectedTotal += r.n;
      if (r.playerId) this.rejectedBy.set(r.playerId, r.n);
    }
  }

  /** Rebuilds a session from the store (server restart, re-opened session). */
  load(): void {
    for (const r of this.store.labels(this.matchId)) {
      this.labelSeats.set(labelKey(r.label), r.playerId);
      this.seatLabels.set(r.playerId, r.label);
    }
    for (const r of this.store.realNames(this.matchId)) this.realNames.set(r.playerId, r.name);
    this.issueLinks();
    this.games = this.store.games(this.matchId);
    const last = this.games[this.games.length - 1];
    if (last) this.guessOnlyBots = guessOnlyBotIds(last);
  }

  // ── seats and labels ────────────────────────────────────────────────────────────────────────

  /** The engine's name for the seat about to be created as number `index` (0-based). */
  engineName(realName: string, index: number): string {
    return this.settings.anonymousNames ? anonymousName(index) : realName;
  }

  /**
   * Gives every label its secret link token (persisted; existing ones are kept, so a link handed
   * out before a restart still works, and sessions stored before links existed get theirs).
   */
  issueLinks(): void {
    for (const r of this.store.links(this.matchId)) this.remember(r.labelKey, r.token);
    for (const label of this.settings.labels) {
      const key = labelKey(label);
      if (this.linkOfLabel.has(key)) continue;
      const token = secretToken();
      this.store.addLink(this.matchId, key, token);
      this.remember(key, token);
    }
  }

  private remember(key: string, token: string): void {
    this.linkOfLabel.set(key, token);
    this.labelOfLink.set(token, key);
  }

  /** The label (as the teacher wrote it) a student link opens, or null for an unknown key. */
  labelOfKey(token: string): string | null {
    const key = this.labelOfLink.get(token);
    return key === undefined ? null : (this.settings.labels.find((l) => labelKey(l) === key) ?? null);
  }

  /** The stored links with their join paths (for the teacher's HTTP view; does not mint any). */
  linksForTeacher(): (StudentLink & { path: string })[] {
    for (const r of this.store.links(this.matchId)) this.remember(r.labelKey, r.token);
    return this.studentLinks().filter((l) => l.key).map((l) => ({ ...l, path: `/?join=${this.matchId}&key=${encodeURIComponent(l.key)}` }));
  }

  /** Every label's link key, in the teacher's order. */
  studentLinks(): StudentLink[] {
    return this.settings.labels.map((label) => ({ label, key: this.linkOfLabel.get(labelKey(label)) ?? '' }));
  }

  /** Checks a join label: the seat it already owns, or null for a new seat; throws for unknown labels. */
  seatForLabel(label: string): string | null {
    const key = labelKey(label);
    if (!this.settings.labels.some((l) => labelKey(l) === key)) throw new Error(`Unknown label "${label.trim()}": ask your teacher for yours.`);
    return this.labelSeats.get(key) ?? null;
  }

  /** The label as the teacher wrote it, for a label typed or tapped in any case; null if not on the list. */
  canonicalLabel(label: string): string | null {
    const key = labelKey(label);
    return this.settings.labels.find((l) => labelKey(l) === key) ?? null;
  }

  /** Records a seat's real name, and its label when it joined with one (persisted). */
  seatCreated(playerId: string, realName: string, label?: string): void {
    this.realNames.set(playerId, realName);
    this.store.setRealName(this.matchId, playerId, realName);
    if (label !== undefined) {
      const canonical = this.settings.labels.find((l) => labelKey(l) === labelKey(label)) ?? label.trim();
      this.labelSeats.set(labelKey(canonical), playerId);
      this.seatLabels.set(playerId, canonical);
      this.store.addLabel(this.matchId, labelKey(canonical), canonical, playerId);
    }
    this.rosterDirty = true;
  }

  labelOf(playerId: string): string {
    return this.seatLabels.get(playerId) ?? '';
  }

  roster(seats: Iterable<Seat>, state: GameState, connected: (sessionId: string) => boolean): RosterEntry[] {
    const out: RosterEntry[] = [];
    for (const s of seats) {
      const displayName = state.players[s.playerId]?.name ?? s.name;
      out.push({
        playerId: s.playerId, name: this.realNames.get(s.playerId) ?? displayName, displayName, label: this.labelOf(s.playerId),
        kind: state.players[s.playerId]?.strategy ? 'bot' : 'student', control: s.control,
        connected: s.sessionId !== '' && connected(s.sessionId),
        awayBot: !state.players[s.playerId]?.strategy && awayPolicy(this.awayBots, s.playerId) === 'bot',
      });
    }
    return out;
  }

  // ── markets ─────────────────────────────────────────────────────────────────────────────────

  /**
   * Logs a refusal for the export, within the caps: a client flooding refusals (a spectator at the
   * rate limit wrote 344 rows / 1.35 MB in 20 s) fills its own share and then only counts.
   * Returns false when the row was dropped.
   */
  logRejected(sessionId: string, day: number, playerId: string, type: string, payload: unknown, code: string, message: string): boolean {
    const key = playerId || `session:${sessionId}`;
    const mine = this.rejectedBy.get(key) ?? 0;
    if (mine >= this.rejectedLimits.perClient || this.rejectedTotal >= this.rejectedLimits.perMatch) {
      this.rejectedDropped += 1;
      return false;
    }
    this.rejectedBy.set(key, mine + 1);
    this.rejectedTotal += 1;
    let json = '';
    try {
      json = JSON.stringify(payload ?? null).slice(0, REJECTED_PAYLOAD_CHARS);
    } catch {
      json = '"(not serialisable)"';
    }
    this.store.logRejected(this.matchId, { day, playerId, type: type.slice(0, 64), payloadJson: json, code, message });
    return true;
  }

  // ── the session's own timeline (export: pauses.csv, chat.csv, decision timing) ───────────────

  /** The room's phase changed (start, pause, resume, end), or the room came back after a restart (`restored`). */
  logPhase(phase: string, day: number, restored = false): void {
    this.store.logEvent(this.matchId, 'phase', day, '', restored ? { phase, restored } : { phase });
  }

  /** The question on screen while paused changed ('' = removed). */
  logQuestion(question: string, day: number): void {
    this.store.logEvent(this.matchId, 'question', day, '', { question });
  }

  logChat(playerId: string, displayName: string, text: string, day: number, at: string): void {
    this.store.logEvent(this.matchId, 'chat', day, playerId, { displayName, text }, at);
  }

  // ── the ⅔ game ──────────────────────────────────────────────────────────────────────────────

  get game(): GuessGame | null {
    return this.games[this.games.length - 1] ?? null;
  }

  get gameCount(): number {
    return this.games.length;
  }

  /** A new game with round 1 open and the bots' guesses in. */
  startGame(p: number, rounds: number, extraBots: number, seatBots: string[], day: number): SessionError | null {
    const current = this.game;
    if (current && currentRound(current)) return { code: 'ROUND_OPEN', message: `Round ${current.rounds.length} is still open: close it first.` };
    const created = createGuessGame(p, rounds);
    if (!created.ok) return created.error;
    this.games.push(created.game);
    this.guessOnlyBots = Array.from({ length: extraBots }, (_, i) => `gbot${i + 1}`);
    this.saveGame();
    return this.openNext(seatBots, day);
  }

  openNext(seatBots: string[], day: number): SessionError | null {
    const game = this.game;
    if (!game) return { code: 'NO_GUESS_GAME', message: 'Start a ⅔ game first (guessStart).' };
    const opened = openRound(game);
    if (!opened.ok) return opened.error;
    let next = opened.game;
    // Before the bots' guesses: a round becomes possible the moment it opens.
    this.store.logEvent(this.matchId, 'guessOpen', day, '', { game: this.games.length, round: next.rounds.length });
    const bots = [...seatBots, ...this.guessOnlyBots];
    // Seeded by the match seed and the game number: the same class replays the same bot guesses.
    for (const g of botGuessesForRound(next, bots, `${this.seed}/game${this.games.length}`)) {
      const r = submitGuess(next, g.playerId, g.value);
      if (r.ok) {
        next = r.game;
        this.logGuess(next, g.playerId, day);
      }
    }
    this.replaceGame(next);
    return null;
  }

  close(day = 0): SessionError | null {
    const game = this.game;
    if (!game) return { code: 'NO_GUESS_GAME', message: 'No ⅔ game has been started.' };
    const err = this.apply(closeRound(game));
    if (!err) this.store.logEvent(this.matchId, 'guessClose', day, '', { game: this.games.length, round: game.rounds.length });
    return err;
  }

  /** A student's guess; returns the round number (1-based) on success. */
  guess(playerId: string, value: number, day: number): { round: number } | SessionError {
    const game = this.game;
    if (!game) return { code: 'NO_GUESS_GAME', message: 'No ⅔ game is running: wait for your teacher.' };
    const r = submitGuess(game, playerId, value);
    if (!r.ok) return r.error;
    this.replaceGame(r.game);
    this.logGuess(r.game, playerId, day);
    return { round: r.game.rounds.length };
  }

  hasOpenRound(): boolean {
    const g = this.game;
    return g !== null && currentRound(g) !== null;
  }

  private apply(r: GuessResult): SessionError | null {
    if (!r.ok) return r.error;
    this.replaceGame(r.game);
    return null;
  }

  private replaceGame(game: GuessGame): void {
    this.games[this.games.length - 1] = game;
    this.saveGame();
  }

  private saveGame(): void {
    const game = this.game;
    if (game) this.store.saveGame(this.matchId, this.games.length, game);
    this.guessDirty = true;
  }

  private logGuess(game: GuessGame, playerId: string, day: number): void {
    const round = game.rounds[game.rounds.length - 1];
    const g = round?.guesses.find((x) => x.playerId === playerId);
    if (g) this.store.logGuess(this.matchId, { gameNo: this.games.length, round: game.rounds.length, playerId, value: g.value, seq: g.seq, day });
  }

  /** The `guess` message for one viewer (null: teacher, projector, spectators). */
  guessMessage(viewerId: string | null): GuessMessage | null {
    const game = this.game;
    return game ? { ...guessView(game, viewerId), game: this.games.length } : null;
  }

  /** True when a throttled `guess` broadcast is due now. */
  guessBroadcastDue(nowMs: number): boolean {
    if (!this.guessDirty || nowMs - this.lastGuessSentMs < GUESS_BROADCAST_MIN_MS) return false;
    this.guessDirty = false;
    this.lastGuessSentMs = nowMs;
    return true;
  }

  /** Copies settings and the ⅔ cues into the synced schema (only changed fields cost bytes). */
  /** The session's public cues for the synced state (syncView writes them). */
  cues(): ClassroomCues {
    const game = this.game;
    const last = game?.rounds[game.rounds.length - 1];
    return {
      anonymousNames: this.settings.anonymousNames, chat: this.settings.chat, closedMarkets: MARKETS.filter((m) => !this.settings.marketsOpen[m]),
      guessGame: this.games.length, guessRound: game?.rounds.length ?? 0, guessOpen: last?.open ?? false, guessCount: last?.guesses.length ?? 0,
    };
  }

  allGames(): GuessGame[] {
    return this.games;
  }
}

/** The ⅔-only bots of a stored game, read back from its guesses (they are not seats). */
function guessOnlyBotIds(game: GuessGame): string[] {
  const ids = new Set<string>();
  for (const r of game.rounds) for (const g of r.guesses) if (/^gbot\d+$/.test(g.playerId)) ids.add(g.playerId);
  return [...ids].sort((a, b) => Number(a.slice(4)) - Number(b.slice(4)));
}
