/**
 * "Guess p × the average": the classic p-beauty contest (Keynes 1936; Nagel 1995) as a pure
 * classroom module. Everyone guesses a number from 0 to 100; the target is p × the mean of the
 * round's guesses; the guess closest to the target wins.
 *
 * State is plain JSON and every function returns new objects (the caller's game is never
 * mutated), so the server can persist it, export it and replay it. Errors are values.
 *
 * Ties: every guess at the smallest distance from the target is a winner (`winners`, in
 * submission order: a teacher who pays a prize splits it among them); `winner` names the earliest
 * submission among them, so a single name on the projector is deterministic. A re-guess is a new
 * submission: it gets a new `seq`, so changing your mind at the last second costs your place in a
 * tie-break.
 */
import { seedRng, type Rng } from '../rules/rng.js';
import * as dm from '../economy/detMath.js';
import { CH_PARAMS, hierarchyGuess, type HierarchyParams } from './cognitiveHierarchy.js';

export const GUESS_MIN = 0;
export const GUESS_MAX = 100;
/** p must lie in (0, P_MAX]; p < 1 is the classic game (equilibrium 0), p > 1 pushes towards 100. */
export const P_MAX = 2;
export const MAX_ROUNDS = 50;
/** Histogram bins are [0,10), [10,20), … [90,100]: 100 falls in the last bin. */
export const HISTOGRAM_BIN_WIDTH = 10;
/** Level-k reading starts from the guess of a player who does not think at all: the middle. */
export const LEVEL0_ANCHOR = 50;
/** Levels shown and classified: L0..L3, then the equilibrium (deeper levels are rare in class data). */
export const DEFAULT_MAX_DEPTH = 3;

/** Distances closer than this count as a tie (targets like 24.666… are not exact in floating point). */
const TIE_EPSILON = 1e-9;

export interface Guess {
  playerId: string;
  /** 0–100 inclusive. */
  value: number;
  /** Submission order within the round, starting at 1; a re-guess gets a fresh, larger seq. */
  seq: number;
}

export interface GuessRound {
  /** Guesses are accepted only while the round is open. */
  open: boolean;
  /** Ascending by seq; at most one per player. */
  guesses: Guess[];
  /** Filled when the round closes (null while open, or when nobody guessed). */
  mean: number | null;
  median: number | null;
  /** p × mean. */
  target: number | null;
  /** Earliest-submitted of `winners`. */
  winner: string | null;
  /** Every player at the smallest distance from the target, in submission order. */
  winners: string[];
}

export interface GuessGame {
  p: number;
  /** How many rounds the teacher planned; `openRound` refuses more. */
  plannedRounds: number;
  rounds: GuessRound[];
}

export type GuessErrorCode =
  | 'BAD_P'
  | 'BAD_ROUNDS'
  | 'BAD_GUESS'
  | 'BAD_PLAYER'
  | 'NO_OPEN_ROUND'
  | 'ROUND_OPEN'
  | 'ALL_ROUNDS_PLAYED';

export interface GuessError {
  code: GuessErrorCode;
  message: string;
}

export type GuessResult = { ok: true; game: GuessGame } | { ok: false; error: GuessError };

const ok = (game: GuessGame): GuessResult => ({ ok: true, game });
const err = (code: GuessErrorCode, message: string): GuessResult => ({ ok: false, error: { code, message } });

// ---------------------------------------------------------------------------------------------
// Game flow

/** A new game with no round yet: call `openRound` to start round 1. */
export function createGuessGame(p: number, plannedRounds: number): GuessResult {
  if (!Number.isFinite(p) || p <= 0 || p > P_MAX) return err('BAD_P', `p must be a number above 0 and at most ${P_MAX} (the classic game uses 2/3).`);
  if (!Number.isInteger(plannedRounds) || plannedRounds < 1 || plannedRounds > MAX_ROUNDS) {
    return err('BAD_ROUNDS', `The number of rounds must be a whole number from 1 to ${MAX_ROUNDS}.`);
  }
  return ok({ p, plannedRounds, rounds: [] });
}

/** The open round, if any (only the last round can be open). */
export function currentRound(game: GuessGame): GuessRound | null {
  const last = game.rounds[game.rounds.length - 1];
  return last && last.open ? last : null;
}

export function openRound(game: GuessGame): GuessResult {
  if (currentRound(game)) return err('ROUND_OPEN', `Round ${game.rounds.length} is still open: close it first.`);
  if (game.rounds.length >= game.plannedRounds) return err('ALL_ROUNDS_PLAYED', `All ${game.plannedRounds} rounds have been played.`);
  const round: GuessRound = { open: true, guesses: [], mean: null, median: null, target: null, winner: null, winners: [] };
  return ok({ ...game, rounds: [...game.rounds, round] });
}

/**
 * Records `playerId`'s guess in the open round. One guess per player per round: a second guess
 * replaces the first and takes a new seq (see the tie rule above).
 */
export function submitGuess(game: GuessGame, playerId: string, value: number): GuessResult {
  const round = currentRound(game);
  if (!round) return err('NO_OPEN_ROUND', 'No round is open: wait for the teacher to start the next round.');
  if (typeof playerId !== 'string' || playerId.length === 0) return err('BAD_PLAYER', 'A guess needs a player.');
  if (typeof value !== 'number' || !Number.isFinite(value) || value < GUESS_MIN || value > GUESS_MAX) {
    return err('BAD_GUESS', `Your guess must be a number from ${GUESS_MIN} to ${GUESS_MAX}.`);
  }
  const last = round.guesses[round.guesses.length - 1];
  const seq = (last?.seq ?? 0) + 1;
  const guesses = [...round.guesses.filter((g) => g.playerId !== playerId), { playerId, value, seq }];
  return ok(replaceLastRound(game, { ...round, guesses }));
}

/** Closes the open round and scores it. A round nobody guessed in closes with nulls and no winner. */
export function closeRound(game: GuessGame): GuessResult {
  const round = currentRound(game);
  if (!round) return err('NO_OPEN_ROUND', 'No round is open.');
  const scored = scoreRound(game.p, round.guesses);
  return ok(replaceLastRound(game, { ...round, open: false, ...scored }));
}

function replaceLastRound(game: GuessGame, round: GuessRound): GuessGame {
  return { ...game, rounds: [...game.rounds.slice(0, -1), round] };
}

export interface RoundScore {
  mean: number | null;
  median: number | null;
  target: number | null;
  winner: string | null;
  winners: string[];
}

/** Scores a set of guesses: target = p × mean; closest wins; ties as described in the file header. */
export function scoreRound(p: number, guesses: readonly Guess[]): RoundScore {
  if (guesses.length === 0) return { mean: null, median: null, target: null, winner: null, winners: [] };
  const values = guesses.map((g) => g.value);
  const m = mean(values);
  const target = p * m;
  let best = Infinity;
  for (const g of guesses) best = Math.min(best, Math.abs(g.value - target));
  const winners = [...guesses]
    .sort((a, b) => a.seq - b.seq)
    .filter((g) => Math.abs(g.value - target) - best <= TIE_EPSILON)
    .map((g) => g.playerId);
  return { mean: m, median: median(values), target, winner: winners[0] ?? null, winners };
}

// ---------------------------------------------------------------------------------------------
// Statistics

/** Arithmetic mean; NaN for an empty list. */
export function mean(values: readonly number[]): number {
  let sum = 0;
  for (const v of values) sum += v;
  return values.length ? sum / values.length : NaN;
}

/** Median (the average of the two middle values for an even count); NaN for an empty list. */
export function median(values: readonly number[]): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Counts per bin of HISTOGRAM_BIN_WIDTH over 0–100: ten bins, 100 goes in the last. */
export function histogram(values: readonly number[]): number[] {
  const bins = Math.ceil((GUESS_MAX - GUESS_MIN) / HISTOGRAM_BIN_WIDTH);
  const counts = new Array<number>(bins).fill(0);
  for (const v of values) {
    const i = Math.min(bins - 1, Math.max(0, Math.floor((v - GUESS_MIN) / HISTOGRAM_BIN_WIDTH)));
    counts[i]! += 1;
  }
  return counts;
}

// ---------------------------------------------------------------------------------------------
// Level-k reading

/**
 * The Nash equilibrium guess: 0 for p < 1, 100 for p > 1 (guesses are capped at 100); null for
 * p = 1, where any common guess is an equilibrium.
 */
export function equilibriumGuess(p: number): number | null {
  if (p < 1) return GUESS_MIN;
  if (p > 1) return GUESS_MAX;
  return null;
}

function clampGuess(v: number): number {
  return Math.min(GUESS_MAX, Math.max(GUESS_MIN, v));
}

/** Level k's guess: a player who thinks everyone else is level k−1 plays p × their guess. Capped to 0–100. */
export function levelGuess(p: number, depth: number, anchor: number = LEVEL0_ANCHOR): number {
  return clampGuess(anchor * dm.pow(p, depth));
}

export interface LevelK {
  /** 'L0', 'L1', … or 'EQ'. */
  label: string;
  /** k for Lk; null for the equilibrium. */
  depth: number | null;
  value: number;
}

/**
 * L0 = anchor (50 by default), L1 = anchor·p, L2 = anchor·p², … up to `maxDepth`, then the
 * equilibrium. Levels that coincide (p = 1, or the cap at 100 for p > 1) are listed once.
 * In later rounds Nagel (1995) reads depth from the previous round's mean: pass it as `anchor`.
 */
export function levelKTable(p: number, opts: { anchor?: number; maxDepth?: number } = {}): LevelK[] {
  const anchor = opts.anchor ?? LEVEL0_ANCHOR;
  const maxDepth = opts.maxDepth ?? DEFAULT_MAX_DEPTH;
  const table: LevelK[] = [];
  for (let k = 0; k <= maxDepth; k++) {
    const value = levelGuess(p, k, anchor);
    const prev = table[table.length - 1];
    if (prev && Math.abs(prev.value - value) <= TIE_EPSILON) break;
    table.push({ label: `L${k}`, depth: k, value });
  }
  const eq = equilibriumGuess(p);
  const prev = table[table.length - 1];
  if (eq !== null && !(prev && Math.abs(prev.value - eq) <= TIE_EPSILON)) table.push({ label: 'EQ', depth: null, value: eq });
  return table;
}

/** The level whose guess is nearest to `value`; on an exact tie, the shallower level. */
export function classifyGuess(value: number, table: readonly LevelK[]): LevelK {
  let best = table[0];
  if (!best) throw new Error('classifyGuess needs a non-empty level table');
  for (const level of table) {
    if (Math.abs(value - level.value) < Math.abs(value - best.value) - TIE_EPSILON) best = level;
  }
  return best;
}

/** How many of `values` fall nearest to each level of `table` (same order as the table). */
export function levelKCounts(values: readonly number[], table: readonly LevelK[]): number[] {
  const counts = new Array<number>(table.length).fill(0);
  for (const v of values) counts[table.indexOf(classifyGuess(v, table))]! += 1;
  return counts;
}

export interface RoundReading {
  count: number;
  histogram: number[];
  levels: LevelK[];
  /** Aligned with `levels`. */
  levelCounts: number[];
}

/**
 * What the projector shows for round `index` (0-based): the histogram and the level-k reading.
 * Round 1 is read from 50; later rounds from the previous round's mean, as Nagel (1995) does,
 * because players who saw the last result start from it, not from 50.
 */
export function readRound(game: GuessGame, index: number): RoundReading {
  const round = game.rounds[index];
  if (!round) throw new Error(`no round ${index}`);
  const values = round.guesses.map((g) => g.value);
  const previousMean = index > 0 ? game.rounds[index - 1]?.mean ?? null : null;
  const levels = levelKTable(game.p, { anchor: previousMean ?? LEVEL0_ANCHOR });
  return { count: values.length, histogram: histogram(values), levels, levelCounts: levelKCounts(values, levels) };
}

// ---------------------------------------------------------------------------------------------
// Bots

/**
 * Nagel (1995), "Unraveling in Guessing Games", AER 85(5): p = 2/3, first round, mean 36.73,
 * median 33; later rounds' means fall roughly 36.7 → 24 → 16.5 → 10.9.
 */
export const NAGEL_1995 = { p: 2 / 3, firstRoundMean: 36.73, firstRoundMedian: 33, laterRoundMeans: [36.73, 24, 16.5, 10.9] } as const;

/**
 * Nagel (1995)'s first-period means for the other p she ran (0–100 range). The model is never
 * fitted on these: they test its prediction (test/shared/classroom/guess.test.ts).
 */
export const NAGEL_1995_OTHER_P = [
  { p: 1 / 2, firstRoundMean: 27.05 },
  { p: 4 / 3, firstRoundMean: 60.12 },
] as const;

/**
 * One bot's guess, a whole number like most people write: a draw from the Poisson cognitive
 * hierarchy (`cognitiveHierarchy.ts`). `roundIndex` is 0-based; `previousMean` is the mean of the
 * round before (null in round 1 or if nobody guessed).
 */
export function botGuess(rng: Rng, p: number, roundIndex: number, previousMean: number | null, params: HierarchyParams = CH_PARAMS): number {
  return hierarchyGuess(rng, p, roundIndex, previousMean, params).value;
}

/**
 * Guesses for `botIds` in the game's open round (or the next round if none is open), drawn from
 * a generator seeded by `seed` and the round number, so the same seed gives the same class.
 */
export function botGuessesForRound(
  game: GuessGame, botIds: readonly string[], seed: string, params: HierarchyParams = CH_PARAMS,
): { playerId: string; value: number }[] {
  const open = currentRound(game);
  const roundIndex = open ? game.rounds.length - 1 : game.rounds.length;
  const previousMean = roundIndex > 0 ? game.rounds[roundIndex - 1]?.mean ?? null : null;
  const rng = seedRng(`${seed}/guess/${roundIndex}`);
  return botIds.map((playerId) => ({ playerId, value: botGuess(rng, game.p, roundIndex, previousMean, params) }));
}

export interface SimulateOptions {
  p: number;
  players: number;
  rounds: number;
  seed: string;
  /** The bots' model parameters (the fitted ones by default). */
  params?: HierarchyParams;
}

/** A whole class of bots (`bot1`…`botN`) playing every round; same options, same game. */
export function simulateClass(opts: SimulateOptions): GuessResult {
  if (!Number.isInteger(opts.players) || opts.players < 1) return err('BAD_PLAYER', 'A class needs at least one player.');
  const created = createGuessGame(opts.p, opts.rounds);
  if (!created.ok) return created;
  let game = created.game;
  const botIds = Array.from({ length: opts.players }, (_, i) => `bot${i + 1}`);
  for (let r = 0; r < opts.rounds; r++) {
    game = must(openRound(game));
    for (const g of botGuessesForRound(game, botIds, opts.seed, opts.params)) game = must(submitGuess(game, g.playerId, g.value));
    game = must(closeRound(game));
  }
  return ok(game);
}

/** Per round, over many classes: the average of class means and of class medians, and the sd of class means. */
export interface ClassesSummary {
  classes: number;
  rounds: { mean: number; meanSd: number; median: number }[];
}

/** `classes` classes with seeds `${seed}-0`, `${seed}-1`, …: what a typical class does, and how much classes differ. */
export function simulateClasses(opts: SimulateOptions & { classes: number }): ClassesSummary | { code: GuessErrorCode; message: string } {
  const sums = Array.from({ length: opts.rounds }, () => ({ mean: 0, meanSq: 0, median: 0 }));
  for (let c = 0; c < opts.classes; c++) {
    const r = simulateClass({ ...opts, seed: `${opts.seed}-${c}` });
    if (!r.ok) return r.error;
    r.game.rounds.forEach((round, i) => {
      sums[i]!.mean += round.mean!;
      sums[i]!.meanSq += round.mean! * round.mean!;
      sums[i]!.median += round.median!;
    });
  }
  const n = opts.classes;
  return {
    classes: n,
    rounds: sums.map((s) => ({ mean: s.mean / n, meanSd: Math.sqrt(Math.max(0, s.meanSq / n - (s.mean / n) * (s.mean / n))), median: s.median / n })),
  };
}

function must(result: GuessResult): GuessGame {
  // Only reachable through a bug in this module: the simulator builds valid moves by construction.
  if (!result.ok) throw new Error(`guess simulator: ${result.error.code} ${result.error.message}`);
  return result.game;
}

// ---------------------------------------------------------------------------------------------
// Views and export

export interface GuessRoundView extends RoundReading {
  round: number;
  open: boolean;
  /** Only the viewer's own guess while the round is open (others' guesses are secret until it closes). */
  myGuess: number | null;
  /** Every guess, in submission order, once the round has closed; empty while it is open. */
  guesses: Guess[];
  mean: number | null;
  median: number | null;
  target: number | null;
  winner: string | null;
  winners: string[];
}

export interface GuessView {
  p: number;
  plannedRounds: number;
  equilibrium: number | null;
  rounds: GuessRoundView[];
}

/**
 * What a screen may see. While a round is open the live histogram and count are public (the
 * projector shows them) but who guessed what is not, so nobody can copy a neighbour; everything
 * is revealed when the round closes. `viewerId` null is the projector/teacher.
 */
export function guessView(game: GuessGame, viewerId: string | null): GuessView {
  return {
    p: game.p,
    plannedRounds: game.plannedRounds,
    equilibrium: equilibriumGuess(game.p),
    rounds: game.rounds.map((r, i) => ({
      round: i + 1,
      open: r.open,
      myGuess: viewerId === null ? null : r.guesses.find((g) => g.playerId === viewerId)?.value ?? null,
      guesses: r.open ? [] : r.guesses,
      mean: r.mean,
      median: r.median,
      target: r.target,
      winner: r.winner,
      winners: r.winners,
      ...readRound(game, i),
    })),
  };
}

/** One row per guess for the CSV export: round is 1-based; level is the nearest level-k label. */
export interface GuessExportRow {
  round: number;
  playerId: string;
  value: number;
  seq: number;
  level: string;
  /** |value − target|; null while the round is open. */
  distance: number | null;
  won: boolean;
}

export function guessExportRows(game: GuessGame): GuessExportRow[] {
  const rows: GuessExportRow[] = [];
  game.rounds.forEach((r, i) => {
    const { levels } = readRound(game, i);
    for (const g of r.guesses) {
      rows.push({
        round: i + 1,
        playerId: g.playerId,
        value: g.value,
        seq: g.seq,
        level: classifyGuess(g.value, levels).label,
        distance: r.target === null ? null : Math.abs(g.value - r.target),
        won: r.winners.includes(g.playerId),
      });
    }
  });
  return rows;
}
