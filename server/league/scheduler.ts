/**
 * League schedule: which bots sit where in which match, and with which seed. Everything is derived
 * from the league seed and the match index, so the schedule of match i never depends on how many
 * matches the league has: a league can be extended later and its first matches stay the same.
 */
import { seedRng } from '../../shared/rules/rng.js';
import { botLabel } from '../bots/resolve.js';

export interface Seat {
  /** Player id in the match (p1…pK, seat order = action order each day). */
  id: string;
  name: string;
  bot: string;
}

export interface ScheduledMatch {
  index: number;
  seed: string;
  seats: Seat[];
}

/** The match seed for index i: readable, and a valid sim seed (`[A-Za-z0-9_-]`). */
export function matchSeed(leagueSeed: string, index: number): string {
  return `${leagueSeed}-m${index + 1}`;
}

/**
 * Picks K bots per match so that appearances stay balanced: each match seats the K bots that have
 * played least so far (ties broken by a seeded draw per match), so counts never differ by more
 * than one; then the seats are rotated so every bot takes every position (who acts first each day)
 * about equally often. With K ≥ n every bot plays every match (K > n seats some bots twice).
 * Match i depends only on the seed and matches 0…i−1, never on the league's length.
 */
export function schedule(bots: readonly string[], playersPerMatch: number, leagueSeed: string, from: number, to: number): ScheduledMatch[] {
  const n = bots.length;
  const k = playersPerMatch;
  const played = new Map(bots.map((b) => [b, 0]));
  const out: ScheduledMatch[] = [];
  for (let index = 0; index < to; index++) {
    let chosen: string[];
    if (k >= n) {
      chosen = Array.from({ length: k }, (_, i) => bots[i % n]!);
    } else {
      const order = shuffled(bots, `${leagueSeed}/match/${index}`);
      const picked = new Set([...order].sort((a, b) => played.get(a)! - played.get(b)!).slice(0, k));
      chosen = bots.filter((b) => picked.has(b));
      for (const b of chosen) played.set(b, played.get(b)! + 1);
    }
    if (index < from) continue;
    const shift = index % chosen.length;
    const rotated = [...chosen.slice(shift), ...chosen.slice(0, shift)];
    out.push({
      index,
      seed: matchSeed(leagueSeed, index),
      // A path bot's player is named after its file (`python #3`), not the whole path.
      seats: rotated.map((bot, i) => ({ id: `p${i + 1}`, name: `${botLabel(bot)} #${i + 1}`, bot })),
    });
  }
  return out;
}

export function scheduleMatch(bots: readonly string[], playersPerMatch: number, leagueSeed: string, index: number): ScheduledMatch {
  return schedule(bots, playersPerMatch, leagueSeed, index, index + 1)[0]!;
}

function shuffled<T>(items: readonly T[], seed: string): T[] {
  const rng = seedRng(seed);
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = rng.int(0, i);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}
