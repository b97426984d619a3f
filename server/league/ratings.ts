/**
 * OpenSkill ratings over a league, processed strictly in match order (never in worker finish
 * order), so the same matches always give the same table.
 */
import { ordinal, rate, rating } from 'openskill';
import { founderStakeUsd } from '../../shared/rules/score.js';

export interface MatchPlayerResult {
  bot: string;
  /** 1 = best; equal values share a rank. */
  rank: number;
  navUsd: number;
  marketCapUsd: number;
}

export interface MatchResultRow {
  seed: string;
  players: MatchPlayerResult[];
}

export interface RatingRow {
  bot: string;
  mu: number;
  sigma: number;
  ordinal: number;
  matches: number;
  meanRank: number;
}

/**
 * What a match ranks by. The default is the game's headline score: the founders' stake at market
 * (`stakeMarket`) or at NAV (`stakeNav`), so a company that only grew by issuing stock does not
 * outrank one that grew its business (shared/rules/score.ts). Market cap and NAV stay available.
 */
export const RANK_BY = ['stakeMarket', 'stakeNav', 'marketCap', 'nav', 'marketCapPerShare', 'navPerShare'] as const;
export const DEFAULT_RANK_BY: RankBy = 'stakeMarket';
export type RankBy = (typeof RANK_BY)[number];

interface Scored {
  navUsd: number;
  marketCapUsd: number;
  sharesOutstanding?: number;
  founderShares?: number;
}

function founderStake(p: Scored, valueUsd: number): number {
  if (!p.sharesOutstanding || p.founderShares === undefined) return valueUsd;
  return founderStakeUsd({ sharesOutstanding: p.sharesOutstanding, founderShares: p.founderShares, navUsd: valueUsd, marketCapUsd: valueUsd }, 'market');
}

export function rankScore(p: Scored, by: RankBy): number {
  const shares = p.sharesOutstanding && p.sharesOutstanding > 0 ? p.sharesOutstanding : 1;
  switch (by) {
    case 'stakeMarket': return founderStake(p, p.marketCapUsd);
    case 'stakeNav': return founderStake(p, p.navUsd);
    case 'nav': return p.navUsd;
    case 'marketCap': return p.marketCapUsd;
    case 'navPerShare': return p.navUsd / shares;
    case 'marketCapPerShare': return p.marketCapUsd / shares;
  }
}

/** Competition ranks (1, 2, 2, 4) by the chosen score, highest first. */
export function rankPlayers<T extends Scored>(players: T[], by: RankBy): (T & { rank: number })[] {
  const score = (p: T) => rankScore(p, by);
  const sorted = [...players].sort((a, b) => score(b) - score(a));
  return players.map((p) => ({ ...p, rank: 1 + sorted.filter((q) => score(q) > score(p)).length }));
}

const round = (x: number, d = 6) => Math.round(x * 10 ** d) / 10 ** d;

/** Ratings fed one match at a time, in match order (`ratingsInOrder`). */
export interface RatingsInOrder {
  add(match: MatchResultRow): void;
  rows(): RatingRow[];
}

/**
 * Rates every bot from the matches in the order they are added. A bot seated more than once in a
 * match is rated on each seat against its rating before the match, and its seats' updates are
 * averaged. A league adds each match as soon as the ones before it are in, while its threads are
 * still playing: at the end only the last few are left to rate.
 */
export function ratingsInOrder(bots: readonly string[]): RatingsInOrder {
  const current = new Map(bots.map((b) => [b, rating()]));
  const count = new Map(bots.map((b) => [b, 0]));
  const rankSum = new Map(bots.map((b) => [b, 0]));
  const add = (m: MatchResultRow) => {
    if (m.players.length < 2) return;
    const teams = m.players.map((p) => [current.get(p.bot) ?? rating()]);
    const updated = rate(teams, { rank: m.players.map((p) => p.rank) });
    const acc = new Map<string, { mu: number; sigma: number; n: number }>();
    m.players.forEach((p, i) => {
      const r = updated[i]![0]!;
      const a = acc.get(p.bot) ?? { mu: 0, sigma: 0, n: 0 };
      acc.set(p.bot, { mu: a.mu + r.mu, sigma: a.sigma + r.sigma, n: a.n + 1 });
      count.set(p.bot, (count.get(p.bot) ?? 0) + 1);
      rankSum.set(p.bot, (rankSum.get(p.bot) ?? 0) + p.rank);
    });
    for (const [bot, a] of acc) current.set(bot, { mu: a.mu / a.n, sigma: a.sigma / a.n });
  };
  const rows = () => bots
    .map((bot) => {
      const r = current.get(bot)!;
      const n = count.get(bot) ?? 0;
      return { bot, mu: round(r.mu), sigma: round(r.sigma), ordinal: round(ordinal(r)), matches: n, meanRank: n ? round((rankSum.get(bot) ?? 0) / n, 3) : 0 };
    })
    .sort((a, b) => b.ordinal - a.ordinal || a.bot.localeCompare(b.bot));
  return { add, rows };
}

export function computeRatings(bots: readonly string[], matches: readonly MatchResultRow[]): RatingRow[] {
  const book = ratingsInOrder(bots);
  for (const m of matches) book.add(m);
  return book.rows();
}
