/**
 * Balance leagues: plays a fixed lineup of strategies over many seeds and reports, per strategy,
 * how often it won and its mean rank by the headline score. The exploit test and `npm run balance`
 * both use it. Pure: no clock, no I/O.
 */
import type { GameState, Scenario } from '../rules/types.js';
import { runMatch } from './runMatch.js';
import { founderScoreUsd, type ScoreBasis } from '../rules/score.js';

export interface BalanceRow {
  bot: string;
  seats: number;
  /** Matches where this strategy held rank 1 (a strategy with several seats counts once per match). */
  wins: number;
  winShare: number;
  meanRank: number;
}

export interface BalanceResult {
  rows: BalanceRow[];
  /** beats[a][b]: share of matches where a's best seat outranked b's best seat. */
  beats: Record<string, Record<string, number>>;
  /** Share of the variance of rank explained by which strategy played the seat (eta squared). */
  rankVarianceExplained: number;
  matches: number;
}

export interface BalanceOptions {
  scenario: Scenario;
  seeds: readonly string[];
  /** One strategy name per seat; a name may appear several times (a ring of colluding seats). */
  lineup: readonly string[];
  basis?: ScoreBasis;
  untilDay?: number;
  onMatch?: (done: number, state: GameState) => void;
}

/** Ranks of the seats of a finished state by the headline score (1 = best; ties share a rank). */
export function seatRanks(state: GameState, basis: ScoreBasis): Record<string, number> {
  const scored = state.playerOrder.map((id) => ({ id, score: founderScoreUsd(state, id, basis) }));
  const ranks: Record<string, number> = {};
  for (const s of scored) ranks[s.id] = 1 + scored.filter((o) => o.score > s.score).length;
  return ranks;
}

export function playBalance(opts: BalanceOptions): BalanceResult {
  const basis = opts.basis ?? 'market';
  const n = opts.lineup.length;
  const byBot = new Map<string, { seats: number; wins: number; rankSum: number }>();
  const samples: { bot: string; rank: number }[] = [];
  const wonOver = new Map<string, Map<string, number>>();
  opts.seeds.forEach((seed, m) => {
    // Rotate who acts first each day so seat order is not a hidden advantage.
    const bots = opts.lineup.map((_, i) => {
      const strategy = opts.lineup[(i + m) % n]!;
      return { id: `p${i + 1}`, name: `${strategy}#${i + 1}`, strategy };
    });
    const { state } = runMatch({ scenario: opts.scenario, seed, bots, untilDay: opts.untilDay });
    const ranks = seatRanks(state, basis);
    const wonThisMatch = new Set<string>();
    for (const b of bots) {
      const rank = ranks[b.id]!;
      const row = byBot.get(b.strategy) ?? { seats: 0, wins: 0, rankSum: 0 };
      row.seats += 1;
      row.rankSum += rank;
      if (rank === 1) wonThisMatch.add(b.strategy);
      byBot.set(b.strategy, row);
      samples.push({ bot: b.strategy, rank });
    }
    for (const bot of wonThisMatch) byBot.get(bot)!.wins += 1;
    const best = new Map<string, number>();
    for (const b of bots) best.set(b.strategy, Math.min(best.get(b.strategy) ?? Infinity, ranks[b.id]!));
    for (const [a, ra] of best) {
      const row = wonOver.get(a) ?? new Map<string, number>();
      for (const [b, rb] of best) if (a !== b && ra < rb) row.set(b, (row.get(b) ?? 0) + 1);
      wonOver.set(a, row);
    }
    opts.onMatch?.(m + 1, state);
  });
  const matches = opts.seeds.length;
  const rows = [...byBot.entries()]
    .map(([bot, r]) => ({ bot, seats: r.seats, wins: r.wins, winShare: matches ? r.wins / matches : 0, meanRank: r.seats ? r.rankSum / r.seats : 0 }))
    .sort((a, b) => a.meanRank - b.meanRank);
  const beats: Record<string, Record<string, number>> = {};
  for (const a of byBot.keys()) {
    beats[a] = {};
    for (const b of byBot.keys()) if (a !== b) beats[a][b] = matches ? (wonOver.get(a)?.get(b) ?? 0) / matches : 0;
  }
  return { rows, beats, rankVarianceExplained: etaSquared(samples), matches };
}

/** Between-group sum of squares over total sum of squares of rank, grouped by strategy. */
export function etaSquared(samples: readonly { bot: string; rank: number }[]): number {
  if (samples.length === 0) return 0;
  const mean = samples.reduce((s, x) => s + x.rank, 0) / samples.length;
  const total = samples.reduce((s, x) => s + (x.rank - mean) * (x.rank - mean), 0);
  if (total === 0) return 0;
  const groups = new Map<string, { sum: number; n: number }>();
  for (const x of samples) {
    const g = groups.get(x.bot) ?? { sum: 0, n: 0 };
    g.sum += x.rank;
    g.n += 1;
    groups.set(x.bot, g);
  }
  let between = 0;
  for (const g of groups.values()) between += g.n * (g.sum / g.n - mean) * (g.sum / g.n - mean);
  return between / total;
}
