/**
 * What the projector and the phones show of the ⅔ game, from the server's `guess` message
 * (a `GuessView` of shared/classroom/guess.ts): pure helpers, numbers in, labels and bars out.
 */
import type { GuessRoundView, GuessView } from '../../../shared/classroom/guess.js';
import { HISTOGRAM_BIN_WIDTH } from '../../../shared/classroom/guess.js';

/** 2/3 → "⅔", 0.5 → "½", other values as a short decimal. */
export function pLabel(p: number): string {
  const known: [number, string][] = [[2 / 3, '⅔'], [0.5, '½'], [1 / 3, '⅓'], [0.75, '¾'], [4 / 3, '4/3'], [1, '1']];
  for (const [v, s] of known) if (Math.abs(p - v) < 1e-9) return s;
  return String(Math.round(p * 1000) / 1000);
}

/** "2/3", "0.5", "4/3": parses what a teacher types for p; NaN when it is not a number. */
export function parseP(text: string): number {
  const s = text.trim();
  const frac = /^(\d+(?:\.\d+)?)\s*\/\s*(\d+(?:\.\d+)?)$/.exec(s);
  if (frac) return Number(frac[1]) / Number(frac[2]);
  return s === '' ? NaN : Number(s);
}

export function latestRound(view: GuessView | null): GuessRoundView | null {
  return view?.rounds[view.rounds.length - 1] ?? null;
}

export function fmt1(v: number | null): string {
  return v === null || !Number.isFinite(v) ? '–' : (Math.round(v * 10) / 10).toString();
}

/** Bins as "0–9", …, "90–100", with their counts and the bar's share of the tallest bin. */
export function histogramBars(histogram: readonly number[]): { label: string; count: number; share: number }[] {
  const max = Math.max(1, ...histogram);
  return histogram.map((count, i) => {
    const lo = i * HISTOGRAM_BIN_WIDTH;
    const hi = i === histogram.length - 1 ? lo + HISTOGRAM_BIN_WIDTH : lo + HISTOGRAM_BIN_WIDTH - 1;
    return { label: `${lo}–${hi}`, count, share: count / max };
  });
}

/** The level-k reading as rows: "L1 ≈ 33.3 · 12 guesses (40%)". */
export function levelRows(round: GuessRoundView): { label: string; value: number; count: number; pct: number }[] {
  const total = Math.max(1, round.count);
  return round.levels.map((l, i) => {
    const count = round.levelCounts[i] ?? 0;
    return { label: l.label, value: l.value, count, pct: Math.round((count / total) * 100) };
  });
}

/** A student's own outcome once the round has closed: won, or how far off. Null while open. */
export function myOutcome(round: GuessRoundView, playerId: string): { won: boolean; distance: number | null; value: number | null } | null {
  if (round.open || round.target === null) return null;
  const mine = [...round.guesses].reverse().find((g) => g.playerId === playerId);
  const value = mine?.value ?? round.myGuess;
  return { won: round.winners.includes(playerId), distance: value === null ? null : Math.abs(value - round.target), value };
}

/** Parses a guess typed on a phone: "33", "33.5" or "33,5" (decimal comma); NaN when outside 0–100. */
export function parseGuess(text: string): number {
  const s = text.trim().replace(/[٠-٩]/g, (d) => String('٠١٢٣٤٥٦٧٨٩'.indexOf(d))).replace(',', '.');
  if (!/^\d+(\.\d+)?$/.test(s)) return NaN;
  const v = Number(s);
  return v >= 0 && v <= 100 ? v : NaN;
}
