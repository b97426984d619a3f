/**
 * The session export: a zip of CSVs (columns documented in docs/classroom.md). Player-days and
 * contest rounds are re-computed by replaying the match log from day 0 (exact: same engine, same
 * scenario copy, same seed); actions merge the accepted log, the ⅔ guesses and the refusals.
 */
import { strToU8, zipSync } from 'fflate';
import { founderStakeUsd, type ScoreBasis } from '../../shared/rules/score.js';
import { guessExportRows, type GuessGame } from '../../shared/classroom/guess.js';
import { addDays } from '../../shared/economy/calendar.js';
import { balanceOf, playerAccount } from '../../shared/economy/ledger.js';
import { centsToUsd, satsToBtc } from '../../shared/economy/money.js';
import { createGame, step } from '../../shared/rules/engine.js';
import { applyEntry, type LogEntry } from '../../shared/rules/replay.js';
import { HOST_ACTOR } from '../../shared/rules/actions.js';
import type { ContestResult, ContestRound, GameState, Scenario } from '../../shared/rules/types.js';
import type { GuessLogRow, RejectedRow } from './store.js';
import { toCsv, type CsvValue } from '../csv.js';

type Cell = CsvValue;

export interface SessionExportInput {
  scenario: Scenario;
  seed: string;
  finalDay: number;
  entries: LogEntry[];
  /** Accepted log rows with their wall-clock time (`MatchStore.actionRows`). */
  actionRows: { seq: number; day: number; player_id: string; kind: string; entry_json: string; created_at: string }[];
  rejected: RejectedRow[];
  guessGames: GuessGame[];
  guessLog: GuessLogRow[];
  realNames: Map<string, string>;
  labels: Map<string, string>;
}

export const PLAYER_DAY_COLUMNS = [
  'day', 'date', 'player_id', 'name', 'display_name', 'label', 'kind', 'cash_usd', 'btc', 'debt_usd', 'nav_usd', 'market_cap_usd', 'multiple',
  'shares_outstanding', 'founder_shares', 'score_market_usd', 'score_nav_usd', 'revenue_mining_usd_per_day', 'revenue_ai_usd_per_day',
  'ai_revenue_share', 'narrative', 'bankrupt', 'btc_mined_btc',
  'compute_delivered_h100_days', 'btc_usd',
] as const;
export const ACTION_COLUMNS = [
  'time', 'day', 'date', 'player_id', 'name', 'display_name', 'label', 'kind', 'action_type', 'payload_json', 'result', 'message', 'log_seq',
] as const;
export const CONTEST_COLUMNS = [
  'round', 'resolve_day', 'resolve_date', 'winner', 'pool_usd', 'weight_crypto_usd', 'weight_ai_usd', 'npc_weight_crypto_usd', 'npc_weight_ai_usd',
  'picks_crypto', 'picks_ai', 'stake_crypto_usd', 'stake_ai_usd', 'paid_out_usd', 'winners', 'btc_usd', 'hype_crypto', 'hype_ai',
] as const;
export const GUESS_COLUMNS = [
  'game', 'p', 'round', 'player_id', 'name', 'display_name', 'label', 'kind', 'value', 'seq', 'level', 'distance', 'won', 'round_mean',
  'round_median', 'round_target', 'day', 'time',
] as const;
export const SUMMARY_COLUMNS = [
  'player_id', 'name', 'display_name', 'label', 'kind', 'joined_day', 'final_day', 'cash_usd', 'btc', 'debt_usd', 'nav_usd', 'market_cap_usd',
  'multiple', 'score_market_usd', 'score_nav_usd', 'rank_score_market', 'rank_score_nav', 'bankrupt', 'narrative', 'btc_mined_btc', 'compute_delivered_h100_days', 'actions_accepted', 'actions_rejected',
  'contest_rounds_staked', 'contest_staked_usd', 'contest_paid_usd', 'guesses', 'guess_rounds_won', 'mean_guess', 'mean_guess_distance',
] as const;


interface Who {
  name: string;
  displayName: string;
  label: string;
  kind: 'student' | 'bot' | 'teacher' | 'spectator';
  joinedDay: number;
}

function debtsByPlayer(state: GameState): Map<string, number> {
  const out = new Map<string, number>();
  for (const l of Object.values(state.loans)) out.set(l.ownerId, (out.get(l.ownerId) ?? 0) + l.principalUsdCents);
  return out;
}

function playerDayRow(state: GameState, id: string, who: Who | undefined, debts: Map<string, number>) {
  const p = state.players[id]!;
  const bal = balanceOf(state.ledger, playerAccount(id));
  const revenue = p.revenueMiningUsdPerDay + p.revenueAiUsdPerDay;
  return {
    day: state.day, date: state.date, player_id: id, name: who?.name ?? p.name, display_name: p.name, label: who?.label ?? '', kind: who?.kind ?? 'student',
    cash_usd: centsToUsd(bal.usdCents), btc: satsToBtc(bal.sats), debt_usd: centsToUsd(debts.get(id) ?? 0), nav_usd: p.navUsd,
    market_cap_usd: p.marketCapUsd, multiple: p.multiple, shares_outstanding: p.sharesOutstanding, founder_shares: p.founderShares,
    score_market_usd: founderStakeUsd(p, 'market'), score_nav_usd: founderStakeUsd(p, 'nav'), revenue_mining_usd_per_day: p.revenueMiningUsdPerDay,
    revenue_ai_usd_per_day: p.revenueAiUsdPerDay, ai_revenue_share: revenue > 0 ? p.revenueAiUsdPerDay / revenue : null, narrative: p.narrative,
    bankrupt: p.bankrupt, btc_mined_btc: satsToBtc(p.btcMinedSats), compute_delivered_h100_days: p.computeDeliveredH100Days, btc_usd: state.btc.btcUsd,
  };
}

/** Builds the five CSVs. Pure apart from the replay's CPU time. */
export function sessionCsvs(input: SessionExportInput): Record<string, string> {
  const who = new Map<string, Who>();
  for (const e of input.entries) {
    if (e.kind !== 'join') continue;
    who.set(e.playerId, {
      name: input.realNames.get(e.playerId) ?? e.name, displayName: e.name, label: input.labels.get(e.playerId) ?? '',
      kind: e.strategy ? 'bot' : 'student', joinedDay: e.day,
    });
  }
  const whoOf = (id: string): Who =>
    who.get(id) ??
    (id === HOST_ACTOR
      ? { name: 'teacher', displayName: 'teacher', label: '', kind: 'teacher', joinedDay: 0 }
      : { name: id, displayName: id, label: '', kind: /^gbot\d+$/.test(id) ? 'bot' : id === '' ? 'spectator' : 'student', joinedDay: 0 });

  // Replay: one row per player per day; the picks of each contest round as they stood just before it resolved.
  const playerDays: ReturnType<typeof playerDayRow>[] = [];
  const picksByRound = new Map<number, ContestRound['picks']>();
  const contestRows: { result: ContestResult; state: GameState }[] = [];
  let state = createGame(input.scenario, input.seed);
  const stepOnce = () => {
    picksByRound.set(state.contest.current.round, state.contest.current.picks);
    const r = step(state);
    state = r.state;
    const debts = debtsByPlayer(state);
    for (const id of state.playerOrder) if (state.players[id]) playerDays.push(playerDayRow(state, id, who.get(id), debts));
    // The teacher's export reads the full result from the state; the event only carries the public summary.
    for (const e of r.events) if (e.type === 'contestResolved') contestRows.push({ result: state.contest.history[state.contest.history.length - 1]!, state });
  };
  for (const entry of input.entries) {
    while (state.day < entry.day && state.phase === 'running') stepOnce();
    state = applyEntry(state, entry).state;
  }
  while (state.day < input.finalDay && state.phase === 'running') stepOnce();
  const final = state;

  const dateOf = (day: number) => addDays(input.scenario.startDate, day);

  // actions.csv: accepted log entries (joins are seats, not actions), guesses, refusals; by time.
  type ActionRow = Partial<Record<(typeof ACTION_COLUMNS)[number], Cell>> & { order: number };
  const actions: ActionRow[] = [];
  const counts = new Map<string, { accepted: number; rejected: number }>();
  const count = (id: string, k: 'accepted' | 'rejected') => {
    const c = counts.get(id) ?? { accepted: 0, rejected: 0 };
    c[k] += 1;
    counts.set(id, c);
  };
  const base = (id: string, day: number, time: string) => {
    const w = whoOf(id);
    return { time, day, date: dateOf(day), player_id: id, name: w.name, display_name: w.displayName, label: w.label, kind: w.kind };
  };
  for (const a of input.actionRows) {
    if (a.kind === 'join') continue;
    const entry = JSON.parse(a.entry_json) as { action?: Record<string, unknown> };
    const { type: _type, ...payload } = entry.action ?? {};
    actions.push({ ...base(a.player_id, a.day, a.created_at), action_type: a.kind, payload_json: JSON.stringify(payload), result: 'accepted', message: '', log_seq: a.seq, order: actions.length });
    count(a.player_id, 'accepted');
  }
  for (const g of input.guessLog) {
    actions.push({
      ...base(g.playerId, g.day, g.createdAt), action_type: 'guess', payload_json: JSON.stringify({ value: g.value }), result: 'accepted', message: '', log_seq: '',
      order: actions.length,
    });
    count(g.playerId, 'accepted');
  }
  for (const r of input.rejected) {
    actions.push({ ...base(r.playerId, r.day, r.createdAt), action_type: r.type, payload_json: r.payloadJson, result: r.code, message: r.message, log_seq: '', order: actions.length });
    count(r.playerId, 'rejected');
  }
  actions.sort((a, b) => String(a.time).localeCompare(String(b.time)) || a.order - b.order);

  // contests.csv
  const staked = new Map<string, { rounds: number; usdCents: number; paidCents: number }>();
  const contests = contestRows.map(({ result, state: s }) => {
    const picks = Object.entries(picksByRound.get(result.round) ?? {});
    let stakeCrypto = 0;
    let stakeAi = 0;
    for (const [id, pick] of picks) {
      if (pick.narrative === 'crypto') stakeCrypto += pick.stakeUsdCents;
      else stakeAi += pick.stakeUsdCents;
      const st = staked.get(id) ?? { rounds: 0, usdCents: 0, paidCents: 0 };
      st.rounds += 1;
      st.usdCents += pick.stakeUsdCents;
      staked.set(id, st);
    }
    let paid = 0;
    for (const [id, cents] of Object.entries(result.payouts)) {
      paid += cents;
      const st = staked.get(id) ?? { rounds: 0, usdCents: 0, paidCents: 0 };
      st.paidCents += cents;
      staked.set(id, st);
    }
    return {
      round: result.round, resolve_day: result.day, resolve_date: dateOf(result.day), winner: result.winner, pool_usd: centsToUsd(result.poolUsdCents),
      weight_crypto_usd: result.weightCrypto, weight_ai_usd: result.weightAi, npc_weight_crypto_usd: result.npcWeightCrypto, npc_weight_ai_usd: result.npcWeightAi,
      picks_crypto: picks.filter(([, p]) => p.narrative === 'crypto').length, picks_ai: picks.filter(([, p]) => p.narrative === 'ai').length,
      stake_crypto_usd: centsToUsd(stakeCrypto), stake_ai_usd: centsToUsd(stakeAi), paid_out_usd: centsToUsd(paid),
      winners: Object.keys(result.payouts).join(' '), btc_usd: s.btc.btcUsd, hype_crypto: s.hype.crypto, hype_ai: s.hype.ai,
    };
  });

  // guesses.csv: one row per guess (the last one of each player per round), with its time.
  const times = new Map<string, GuessLogRow>();
  for (const g of input.guessLog) times.set(`${g.gameNo}/${g.round}/${g.playerId}`, g);
  const guessStats = new Map<string, { n: number; sum: number; won: number; dist: number; distN: number }>();
  const guesses = input.guessGames.flatMap((game, gi) =>
    guessExportRows(game).map((r) => {
      const w = whoOf(r.playerId);
      const round = game.rounds[r.round - 1]!;
      const t = times.get(`${gi + 1}/${r.round}/${r.playerId}`);
      const st = guessStats.get(r.playerId) ?? { n: 0, sum: 0, won: 0, dist: 0, distN: 0 };
      st.n += 1;
      st.sum += r.value;
      if (r.won) st.won += 1;
      if (r.distance !== null) {
        st.dist += r.distance;
        st.distN += 1;
      }
      guessStats.set(r.playerId, st);
      return {
        game: gi + 1, p: game.p, round: r.round, player_id: r.playerId, name: w.name, display_name: w.displayName, label: w.label, kind: w.kind,
        value: r.value, seq: r.seq, level: r.level, distance: r.distance, won: r.won, round_mean: round.mean, round_median: round.median,
        round_target: round.target, day: t?.day, time: t?.createdAt,
      };
    }),
  );

  // summary.csv: one row per seat, ranked by the headline score (founders' stake) at market and at NAV.
  const ids = final.playerOrder.filter((id) => final.players[id]);
  const rankBy = (basis: ScoreBasis) => new Map([...ids].sort((a, b) => founderStakeUsd(final.players[b]!, basis) - founderStakeUsd(final.players[a]!, basis)).map((id, i) => [id, i + 1]));
  const rank = rankBy('market');
  const rankNav = rankBy('nav');
  const finalDebts = debtsByPlayer(final);
  const summary = ids.map((id) => {
    const d = playerDayRow(final, id, who.get(id), finalDebts);
    const c = counts.get(id) ?? { accepted: 0, rejected: 0 };
    const st = staked.get(id);
    const gs = guessStats.get(id);
    return {
      player_id: id, name: d.name, display_name: d.display_name, label: d.label, kind: d.kind, joined_day: who.get(id)?.joinedDay ?? 0, final_day: final.day,
      cash_usd: d.cash_usd, btc: d.btc, debt_usd: d.debt_usd, nav_usd: d.nav_usd, market_cap_usd: d.market_cap_usd, multiple: d.multiple,
      score_market_usd: d.score_market_usd, score_nav_usd: d.score_nav_usd, rank_score_market: rank.get(id), rank_score_nav: rankNav.get(id), bankrupt: d.bankrupt, narrative: d.narrative, btc_mined_btc: d.btc_mined_btc,
      compute_delivered_h100_days: d.compute_delivered_h100_days, actions_accepted: c.accepted, actions_rejected: c.rejected,
      contest_rounds_staked: st?.rounds ?? 0, contest_staked_usd: centsToUsd(st?.usdCents ?? 0), contest_paid_usd: centsToUsd(st?.paidCents ?? 0),
      guesses: gs?.n ?? 0, guess_rounds_won: gs?.won ?? 0, mean_guess: gs ? gs.sum / gs.n : null, mean_guess_distance: gs && gs.distN ? gs.dist / gs.distN : null,
    };
  });

  return {
    'player_days.csv': toCsv(PLAYER_DAY_COLUMNS, playerDays),
    'actions.csv': toCsv(ACTION_COLUMNS, actions),
    'contests.csv': toCsv(CONTEST_COLUMNS, contests),
    'guesses.csv': toCsv(GUESS_COLUMNS, guesses),
    'summary.csv': toCsv(SUMMARY_COLUMNS, summary),
  };
}

export function zipCsvs(files: Record<string, string>): Uint8Array {
  return zipSync(Object.fromEntries(Object.entries(files).map(([name, text]) => [name, strToU8(text)])), { level: 6 });
}
