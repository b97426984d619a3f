/**
 * The session export: a zip of CSVs (columns documented in docs/classroom.md). Player-days and
 * contest rounds are re-computed by replaying the match log from day 0 (exact: same engine, same
 * scenario copy, same seed); actions merge the accepted log, the ⅔ guesses and the refusals.
 * The session's own timeline (phases, questions, chat, ⅔ rounds) gives pauses, chat and the time
 * each decision took from the moment it became possible. Every per-person row carries
 * `session_code`, `participant_code` and `participant_label`, so files of many sessions stack.
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
import type { GuessLogRow, RejectedRow, SessionEventRow } from './store.js';
import type { ClassroomSettings } from './settings.js';
import { MARKETS } from './settings.js';
import { toCsv, type CsvValue } from '../csv.js';

type Cell = CsvValue;

/** The match record's facts session.csv reports (from the `matches` table). */
export interface SessionMeta {
  code: string;
  name: string;
  scenarioId: string;
  status: string;
  createdAt: string;
  updatedAt: string;
  daysPerSecond: number | null;
  settings: ClassroomSettings;
}

/**
 * The teacher's rule for payments.csv: students ranked (or scaled) on the headline score, paid
 * linearly from `maxAmount` (best) to `minAmount` (worst), plus a fixed `showUpAmount`.
 */
export interface PaymentRule {
  /** `rank`: by place (ties share a place); `score`: in proportion to the score between the lowest and highest. */
  rule: 'rank' | 'score';
  basis: ScoreBasis;
  maxAmount: number;
  minAmount: number;
  showUpAmount: number;
  /** `points`, or a currency code (`EUR`, `USD`…): currency amounts are rounded to cents, points to whole points. */
  unit: string;
}

export const DEFAULT_PAYMENT_RULE: PaymentRule = Object.freeze({ rule: 'rank', basis: 'market', maxAmount: 100, minAmount: 0, showUpAmount: 0, unit: 'points' });

export interface SessionExportInput {
  session: SessionMeta;
  payments?: PaymentRule;
  /** The room's timeline: phases, questions, chat, ⅔ rounds opening and closing. */
  events: SessionEventRow[];
  scenario: Scenario;
  seed: string;
  finalDay: number;
  entries: LogEntry[];
  /** Accepted log rows with their wall-clock time (`MatchStore.actionRows`). */
  actionRows: { seq: number; day: number; player_id: string; kind: string; entry_json: string; created_at: string; controller?: string | null }[];
  rejected: RejectedRow[];
  guessGames: GuessGame[];
  guessLog: GuessLogRow[];
  realNames: Map<string, string>;
  labels: Map<string, string>;
}

/** First columns of every per-person file: who, identified across files and sessions. */
export const PARTICIPANT_COLUMNS = ['session_code', 'participant_code', 'participant_label', 'player_id', 'name', 'display_name', 'kind'] as const;
const P = PARTICIPANT_COLUMNS;

export const SESSION_COLUMNS = [
  'session_code', 'session_name', 'scenario', 'seed', 'status', 'teacher', 'created_at', 'started_at', 'ended_at', 'last_activity_at',
  'final_day', 'days_per_second', 'starting_cash_usd', ...MARKETS.map((m) => `market_${m}` as const), 'scheduled_events_json', 'contest_period_days',
  'max_stake_usd', 'anonymous_names', 'chat', 'allow_guests', 'labels', 'labels_joined', 'seats_students', 'seats_bots', 'pauses', 'pause_seconds',
  'chat_messages', 'guess_games', 'guess_rounds', 'payment_rule',
] as const;
export const PLAYER_DAY_COLUMNS = [
  'day', 'date', ...P, 'cash_usd', 'btc', 'debt_usd', 'nav_usd', 'market_cap_usd', 'multiple', 'sentiment_multiple',
  'shares_outstanding', 'founder_shares', 'score_market_usd', 'score_nav_usd', 'revenue_mining_usd_per_day', 'revenue_ai_usd_per_day',
  'ai_revenue_share', 'narrative', 'bankrupt', 'btc_mined_btc',
  'compute_delivered_h100_days', 'btc_usd',
] as const;
export const ACTION_COLUMNS = [
  'time', 'day', 'date', ...P, 'controlled_by', 'action_type', 'payload_json', 'result', 'message', 'log_seq',
] as const;
export const DECISION_COLUMNS = [
  ...P, 'controlled_by', 'decision_no', 'time', 'day', 'date', 'action_type', 'payload_json', 'log_seq', 'game', 'round', 'possible_since', 'possible_because',
  'seconds_since_possible', 'seconds_since_previous',
] as const;
export const CHAT_COLUMNS = [...P, 'time', 'day', 'date', 'text'] as const;
export const PAUSE_COLUMNS = ['session_code', 'pause_no', 'reason', 'paused_at', 'resumed_at', 'seconds', 'day', 'date', 'question', 'questions_asked'] as const;
export const ROSTER_COLUMNS = [...P, 'joined', 'joined_day', 'joined_at', 'decisions', 'chat_messages'] as const;
export const PAYMENT_COLUMNS = [...P, 'basis', 'score_usd', 'rank', 'students', 'rule', 'amount', 'unit'] as const;
export const CONTEST_COLUMNS = [
  'session_code', 'round', 'resolve_day', 'resolve_date', 'winner', 'pool_usd', 'weight_crypto_usd', 'weight_ai_usd', 'npc_weight_crypto_usd', 'npc_weight_ai_usd',
  'picks_crypto', 'picks_ai', 'stake_crypto_usd', 'stake_ai_usd', 'paid_out_usd', 'winners', 'winner_participant_codes', 'btc_usd', 'hype_crypto', 'hype_ai',
] as const;
export const GUESS_COLUMNS = [
  ...P, 'game', 'p', 'round', 'value', 'seq', 'level', 'distance', 'won', 'round_mean',
  'round_median', 'round_target', 'day', 'time',
] as const;
export const SUMMARY_COLUMNS = [
  ...P, 'joined_day', 'final_day', 'cash_usd', 'btc', 'debt_usd', 'nav_usd', 'market_cap_usd',
  'multiple', 'sentiment_multiple', 'score_market_usd', 'score_nav_usd', 'rank_score_market', 'rank_score_nav', 'bankrupt', 'narrative', 'btc_mined_btc', 'compute_delivered_h100_days', 'actions_accepted', 'actions_rejected',
  'contest_rounds_staked', 'contest_staked_usd', 'contest_paid_usd', 'guesses', 'guess_rounds_won', 'mean_guess', 'mean_guess_distance',
] as const;


type Kind = 'student' | 'bot' | 'teacher' | 'spectator';
type Controller = 'student' | 'bot' | 'teacher';

interface Who {
  name: string;
  displayName: string;
  label: string;
  kind: Kind;
  joinedDay: number;
  joinedAt: string;
}

/** A participant's code: unique across sessions, stable across exports (`CODE-p3`, `CODE-gbot1`, `CODE-@host`). */
export function participantCode(sessionCode: string, playerId: string): string {
  return playerId ? `${sessionCode}-${playerId}` : '';
}

function debtsByPlayer(state: GameState): Map<string, number> {
  const out = new Map<string, number>();
  for (const l of Object.values(state.loans)) out.set(l.ownerId, (out.get(l.ownerId) ?? 0) + l.principalUsdCents);
  return out;
}

/** Market cap ÷ NAV: what the market pays per dollar of net assets (empty when NAV ≤ 0). */
function capOverNav(marketCapUsd: number, navUsd: number): number | null {
  return navUsd > 0 ? marketCapUsd / navUsd : null;
}

const seconds = (from: string, to: string) => (Date.parse(to) - Date.parse(from)) / 1000;

/** Payment amounts: currency to cents, points to whole points. */
function roundAmount(amount: number, unit: string): number {
  return unit === 'points' ? Math.round(amount) : Math.round(amount * 100) / 100;
}

/**
 * Amounts under `rule` for scores (one per paid participant, same order). Ties share the better
 * place (competition ranking 1, 2, 2, 4), so equal scores are paid equally.
 */
export function paymentAmounts(scores: number[], rule: PaymentRule): { rank: number; amount: number }[] {
  const n = scores.length;
  const lo = Math.min(...scores);
  const hi = Math.max(...scores);
  return scores.map((sc) => {
    const rank = 1 + scores.filter((o) => o > sc).length;
    const share = rule.rule === 'rank' ? (n > 1 ? (n - rank) / (n - 1) : 1) : hi > lo ? (sc - lo) / (hi - lo) : 1;
    return { rank, amount: roundAmount(rule.showUpAmount + rule.minAmount + (rule.maxAmount - rule.minAmount) * share, rule.unit) };
  });
}

/** Builds the CSVs of one session (file name → text). Pure apart from the replay's CPU time. */
export function sessionCsvs(input: SessionExportInput): Record<string, string> {
  const tables = sessionTables(input);
  return Object.fromEntries(Object.entries(tables).map(([name, t]) => [name, toCsv(t.columns, t.rows)]));
}

/** Files of several sessions stacked into one set (the across-sessions export). */
export function stackedCsvs(inputs: SessionExportInput[]): Record<string, string> {
  const all = inputs.map(sessionTables);
  const names = Object.keys(all[0] ?? sessionTablesEmpty());
  return Object.fromEntries(names.map((name) => {
    const columns = (all[0]?.[name] ?? sessionTablesEmpty()[name]!).columns;
    return [name, toCsv(columns, all.flatMap((t) => t[name]!.rows))];
  }));
}

type Table = { columns: readonly string[]; rows: Partial<Record<string, Cell>>[] };

function sessionTablesEmpty(): Record<string, Table> {
  const cols: [string, readonly string[]][] = [
    ['session.csv', SESSION_COLUMNS], ['roster.csv', ROSTER_COLUMNS], ['player_days.csv', PLAYER_DAY_COLUMNS], ['decisions.csv', DECISION_COLUMNS],
    ['actions.csv', ACTION_COLUMNS], ['chat.csv', CHAT_COLUMNS], ['pauses.csv', PAUSE_COLUMNS], ['contests.csv', CONTEST_COLUMNS],
    ['guesses.csv', GUESS_COLUMNS], ['summary.csv', SUMMARY_COLUMNS], ['payments.csv', PAYMENT_COLUMNS],
  ];
  return Object.fromEntries(cols.map(([n, c]) => [n, { columns: c, rows: [] }]));
}

function sessionTables(input: SessionExportInput): Record<string, Table> {
  const code = input.session.code;
  const settings = input.session.settings;
  const who = new Map<string, Who>();
  const joinedAt = new Map<string, string>();
  for (const a of input.actionRows) if (a.kind === 'join' && !joinedAt.has(a.player_id)) joinedAt.set(a.player_id, a.created_at);
  for (const e of input.entries) {
    if (e.kind !== 'join') continue;
    who.set(e.playerId, {
      name: input.realNames.get(e.playerId) ?? e.name, displayName: e.name, label: input.labels.get(e.playerId) ?? '',
      kind: e.strategy ? 'bot' : 'student', joinedDay: e.day, joinedAt: joinedAt.get(e.playerId) ?? '',
    });
  }
  const whoOf = (id: string): Who =>
    who.get(id) ??
    (id === HOST_ACTOR
      ? { name: 'teacher', displayName: 'teacher', label: '', kind: 'teacher', joinedDay: 0, joinedAt: input.session.createdAt }
      : { name: id, displayName: id, label: '', kind: /^gbot\d+$/.test(id) ? 'bot' : id === '' ? 'spectator' : 'student', joinedDay: 0, joinedAt: '' });
  const person = (id: string) => {
    const w = whoOf(id);
    return { session_code: code, participant_code: participantCode(code, id), participant_label: w.label, player_id: id, name: w.name, display_name: w.displayName, kind: w.kind };
  };
  /** Who decided: the field the room writes on each action record, else the seat's kind. */
  const controllerOf = (id: string, recorded?: unknown): Controller => {
    if (recorded === 'student' || recorded === 'bot' || recorded === 'teacher') return recorded;
    const k = whoOf(id).kind;
    return k === 'teacher' ? 'teacher' : k === 'bot' ? 'bot' : 'student';
  };
  const dateOf = (day: number) => addDays(input.scenario.startDate, day);

  // Replay: one row per player per day; the picks of each contest round as they stood just before it resolved.
  const playerDays: Partial<Record<string, Cell>>[] = [];
  const picksByRound = new Map<number, ContestRound['picks']>();
  const contestRows: { result: ContestResult; state: GameState }[] = [];
  const playerDayRow = (state: GameState, id: string, debts: Map<string, number>) => {
    const p = state.players[id]!;
    const bal = balanceOf(state.ledger, playerAccount(id));
    const revenue = p.revenueMiningUsdPerDay + p.revenueAiUsdPerDay;
    const w = who.get(id);
    return {
      day: state.day, date: state.date, ...person(id), name: w?.name ?? p.name, display_name: p.name, kind: w?.kind ?? 'student',
      cash_usd: centsToUsd(bal.usdCents), btc: satsToBtc(bal.sats), debt_usd: centsToUsd(debts.get(id) ?? 0), nav_usd: p.navUsd,
      market_cap_usd: p.marketCapUsd, multiple: capOverNav(p.marketCapUsd, p.navUsd), sentiment_multiple: p.multiple,
      shares_outstanding: p.sharesOutstanding, founder_shares: p.founderShares,
      score_market_usd: founderStakeUsd(p, 'market'), score_nav_usd: founderStakeUsd(p, 'nav'), revenue_mining_usd_per_day: p.revenueMiningUsdPerDay,
      revenue_ai_usd_per_day: p.revenueAiUsdPerDay, ai_revenue_share: revenue > 0 ? p.revenueAiUsdPerDay / revenue : null, narrative: p.narrative,
      bankrupt: p.bankrupt, btc_mined_btc: satsToBtc(p.btcMinedSats), compute_delivered_h100_days: p.computeDeliveredH100Days, btc_usd: state.btc.btcUsd,
    };
  };
  let state = createGame(input.scenario, input.seed);
  const stepOnce = () => {
    picksByRound.set(state.contest.current.round, state.contest.current.picks);
    const r = step(state);
    state = r.state;
    const debts = debtsByPlayer(state);
    for (const id of state.playerOrder) if (state.players[id]) playerDays.push(playerDayRow(state, id, debts));
    // The teacher's export reads the full result from the state; the event only carries the public summary.
    for (const e of r.events) if (e.type === 'contestResolved') contestRows.push({ result: state.contest.history[state.contest.history.length - 1]!, state });
  };
  for (const entry of input.entries) {
    while (state.day < entry.day && state.phase === 'running') stepOnce();
    state = applyEntry(state, entry).state;
  }
  while (state.day < input.finalDay && state.phase === 'running') stepOnce();
  const final = state;

  // The timeline: running stretches (for "possible since"), pauses, chat, ⅔ round openings.
  const events = input.events;
  const runningSince: { at: string; because: string }[] = [];
  let lastPhase = '';
  for (const e of events) {
    if (e.kind !== 'phase') continue;
    const phase = String(e.data.phase);
    if (phase === 'running' && (lastPhase !== 'running' || e.data.restored)) {
      runningSince.push({ at: e.createdAt, because: e.data.restored ? 'restart' : runningSince.length === 0 ? 'start' : 'resume' });
    }
    lastPhase = phase;
  }
  const roundOpened = new Map<string, string>();
  for (const e of events) if (e.kind === 'guessOpen') roundOpened.set(`${String(e.data.game)}/${String(e.data.round)}`, e.createdAt);

  // actions.csv: accepted log entries (joins are seats, not actions), guesses, refusals; by time.
  type ActionRow = Partial<Record<(typeof ACTION_COLUMNS)[number], Cell>> & { order: number };
  const actions: ActionRow[] = [];
  type DecisionRow = Partial<Record<(typeof DECISION_COLUMNS)[number], Cell>> & { order: number };
  const decisions: DecisionRow[] = [];
  const counts = new Map<string, { accepted: number; rejected: number }>();
  const count = (id: string, k: 'accepted' | 'rejected') => {
    const c = counts.get(id) ?? { accepted: 0, rejected: 0 };
    c[k] += 1;
    counts.set(id, c);
  };
  const base = (id: string, day: number, time: string) => ({ time, day, date: dateOf(day), ...person(id) });
  for (const a of input.actionRows) {
    if (a.kind === 'join') continue;
    const entry = JSON.parse(a.entry_json) as { action?: Record<string, unknown>; controller?: unknown };
    const { type: _type, ...payload } = entry.action ?? {};
    // The room may keep who controlled the seat in its own column or inside the entry.
    const controlled = controllerOf(a.player_id, a.controller ?? entry.controller);
    const payloadJson = JSON.stringify(payload);
    actions.push({ ...base(a.player_id, a.day, a.created_at), controlled_by: controlled, action_type: a.kind, payload_json: payloadJson, result: 'accepted', message: '', log_seq: a.seq, order: actions.length });
    decisions.push({ ...base(a.player_id, a.day, a.created_at), controlled_by: controlled, action_type: a.kind, payload_json: payloadJson, log_seq: a.seq, order: decisions.length });
    count(a.player_id, 'accepted');
  }
  for (const g of input.guessLog) {
    const payloadJson = JSON.stringify({ value: g.value });
    const controlled = controllerOf(g.playerId);
    actions.push({ ...base(g.playerId, g.day, g.createdAt), controlled_by: controlled, action_type: 'guess', payload_json: payloadJson, result: 'accepted', message: '', log_seq: '', order: actions.length });
    decisions.push({ ...base(g.playerId, g.day, g.createdAt), controlled_by: controlled, action_type: 'guess', payload_json: payloadJson, log_seq: '', game: g.gameNo, round: g.round, order: decisions.length });
    count(g.playerId, 'accepted');
  }
  for (const r of input.rejected) {
    actions.push({ ...base(r.playerId, r.day, r.createdAt), controlled_by: controllerOf(r.playerId), action_type: r.type, payload_json: r.payloadJson, result: r.code, message: r.message, log_seq: '', order: actions.length });
    count(r.playerId, 'rejected');
  }
  const byTime = (a: { time?: Cell; order: number }, b: { time?: Cell; order: number }) => String(a.time).localeCompare(String(b.time)) || a.order - b.order;
  actions.sort(byTime);
  decisions.sort(byTime);

  // decisions.csv: when each decision became possible — the latest of the seat's arrival, the
  // market running again (start, resume, restart) and, for a guess, its round opening — and how
  // long the participant took from then and from their previous decision.
  const previous = new Map<string, string>();
  const decisionNo = new Map<string, number>();
  for (const d of decisions) {
    const id = String(d.player_id);
    const t = String(d.time);
    const candidates: { at: string; because: string }[] = [];
    const seatAt = whoOf(id).joinedAt;
    if (seatAt) candidates.push({ at: seatAt, because: 'join' });
    if (d.action_type === 'guess') {
      const opened = roundOpened.get(`${String(d.game)}/${String(d.round)}`);
      if (opened) candidates.push({ at: opened, because: 'round_open' });
    } else {
      const run = runningSince.filter((r) => r.at <= t).pop();
      if (run) candidates.push(run);
    }
    const since = candidates.filter((c) => c.at <= t).sort((a, b) => a.at.localeCompare(b.at)).pop();
    if (since) {
      d.possible_since = since.at;
      d.possible_because = since.because;
      d.seconds_since_possible = seconds(since.at, t);
    }
    const prev = previous.get(id);
    const from = prev && (!since || prev > since.at) ? prev : since?.at;
    d.seconds_since_previous = prev && from ? seconds(from, t) : null;
    previous.set(id, t);
    decisionNo.set(id, (decisionNo.get(id) ?? 0) + 1);
    d.decision_no = decisionNo.get(id);
  }

  // chat.csv and pauses.csv from the timeline.
  const chat = events.filter((e) => e.kind === 'chat').map((e) => ({
    ...person(e.playerId), display_name: textOf(e.data.displayName ?? whoOf(e.playerId).displayName), time: e.createdAt, day: e.day, date: dateOf(e.day), text: textOf(e.data.text),
  }));
  const chatCount = new Map<string, number>();
  for (const c of chat) chatCount.set(c.player_id, (chatCount.get(c.player_id) ?? 0) + 1);
  type Pause = { reason: string; paused_at: string; resumed_at: string; day: number; questions: string[] };
  const pauses: Pause[] = [];
  let open: Pause | null = null;
  const stamps = [
    ...events.map((e) => e.createdAt), ...input.actionRows.map((a) => a.created_at), ...input.guessLog.map((g) => g.createdAt), ...input.rejected.map((r) => r.createdAt),
  ].sort();
  /** The last thing the server recorded before `t`: where a crash's outage begins. */
  const lastBefore = (t: string) => stamps.filter((x) => x < t).pop() ?? input.session.createdAt;
  let phaseNow = '';
  for (const e of events) {
    if (e.kind === 'phase') {
      const phase = String(e.data.phase);
      if (e.data.restored && phaseNow && phaseNow !== 'paused' && phaseNow !== 'waiting' && phaseNow !== 'ended' && !open) {
        // The server was down from the last thing it recorded until the room came back.
        pauses.push({ reason: 'server_restart', paused_at: lastBefore(e.createdAt), resumed_at: phase === 'running' ? e.createdAt : '', day: e.day, questions: [] });
        if (phase !== 'running') open = pauses[pauses.length - 1]!;
      } else if (phase === 'paused' && !open && phaseNow !== 'paused') {
        open = { reason: 'teacher', paused_at: e.createdAt, resumed_at: '', day: e.day, questions: [] };
        pauses.push(open);
      } else if (phase !== 'paused' && open) {
        open.resumed_at = e.createdAt;
        open = null;
      }
      phaseNow = phase;
    } else if (e.kind === 'question' && open && e.data.question) {
      open.questions.push(textOf(e.data.question));
    }
  }
  const pauseRows = pauses.map((p, i) => ({
    session_code: code, pause_no: i + 1, reason: p.reason, paused_at: p.paused_at, resumed_at: p.resumed_at,
    seconds: p.resumed_at ? seconds(p.paused_at, p.resumed_at) : null, day: p.day, date: dateOf(p.day),
    question: p.questions[p.questions.length - 1] ?? '', questions_asked: p.questions.join('\n'),
  }));

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
      session_code: code, round: result.round, resolve_day: result.day, resolve_date: dateOf(result.day), winner: result.winner, pool_usd: centsToUsd(result.poolUsdCents),
      weight_crypto_usd: result.weightCrypto, weight_ai_usd: result.weightAi, npc_weight_crypto_usd: result.npcWeightCrypto, npc_weight_ai_usd: result.npcWeightAi,
      picks_crypto: picks.filter(([, p]) => p.narrative === 'crypto').length, picks_ai: picks.filter(([, p]) => p.narrative === 'ai').length,
      stake_crypto_usd: centsToUsd(stakeCrypto), stake_ai_usd: centsToUsd(stakeAi), paid_out_usd: centsToUsd(paid),
      winners: Object.keys(result.payouts).join(' '), winner_participant_codes: Object.keys(result.payouts).map((id) => participantCode(code, id)).join(' '),
      btc_usd: s.btc.btcUsd, hype_crypto: s.hype.crypto, hype_ai: s.hype.ai,
    };
  });

  // guesses.csv: one row per guess (the last one of each player per round), with its time.
  const times = new Map<string, GuessLogRow>();
  for (const g of input.guessLog) times.set(`${g.gameNo}/${g.round}/${g.playerId}`, g);
  const guessStats = new Map<string, { n: number; sum: number; won: number; dist: number; distN: number }>();
  const guesses = input.guessGames.flatMap((game, gi) =>
    guessExportRows(game).map((r) => {
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
        ...person(r.playerId), game: gi + 1, p: game.p, round: r.round,
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
    const d = playerDayRow(final, id, finalDebts);
    const c = counts.get(id) ?? { accepted: 0, rejected: 0 };
    const st = staked.get(id);
    const gs = guessStats.get(id);
    const { day: _day, date: _date, revenue_mining_usd_per_day: _rm, revenue_ai_usd_per_day: _ra, ai_revenue_share: _share, btc_usd: _btc, shares_outstanding: _so, founder_shares: _fs, ...rest } = d;
    return {
      ...rest, joined_day: who.get(id)?.joinedDay ?? 0, final_day: final.day,
      rank_score_market: rank.get(id), rank_score_nav: rankNav.get(id), actions_accepted: c.accepted, actions_rejected: c.rejected,
      contest_rounds_staked: st?.rounds ?? 0, contest_staked_usd: centsToUsd(st?.usdCents ?? 0), contest_paid_usd: centsToUsd(st?.paidCents ?? 0),
      guesses: gs?.n ?? 0, guess_rounds_won: gs?.won ?? 0, mean_guess: gs ? gs.sum / gs.n : null, mean_guess_distance: gs && gs.distN ? gs.dist / gs.distN : null,
    };
  });

  // payments.csv: students only (bots are not paid), under the teacher's rule.
  const rule = input.payments ?? DEFAULT_PAYMENT_RULE;
  const paid = ids.filter((id) => whoOf(id).kind === 'student');
  const scores = paid.map((id) => founderStakeUsd(final.players[id]!, rule.basis));
  const amounts = paid.length ? paymentAmounts(scores, rule) : [];
  const ruleText = `${rule.rule} on score_${rule.basis}: ${rule.minAmount}–${rule.maxAmount} ${rule.unit}${rule.showUpAmount ? ` + ${rule.showUpAmount} show-up` : ''}`;
  const payments = paid.map((id, i) => ({
    ...person(id), basis: rule.basis, score_usd: scores[i], rank: amounts[i]!.rank, students: paid.length, rule: rule.rule, amount: amounts[i]!.amount, unit: rule.unit,
  }));

  // roster.csv: every label of the teacher's list (joined or not), then the seats without a label.
  const seatOfLabel = new Map([...input.labels].map(([id, label]) => [label.trim().toLowerCase(), id]));
  const decisionsOf = (id: string) => decisionNo.get(id) ?? 0;
  const rosterRow = (id: string) => {
    const w = whoOf(id);
    return { ...person(id), joined: true, joined_day: w.joinedDay, joined_at: w.joinedAt, decisions: decisionsOf(id), chat_messages: chatCount.get(id) ?? 0 };
  };
  const roster = [
    ...settings.labels.map((label) => {
      const id = seatOfLabel.get(label.trim().toLowerCase());
      return id && who.has(id)
        ? rosterRow(id)
        : { session_code: code, participant_code: '', participant_label: label, player_id: '', name: '', display_name: '', kind: 'student', joined: false, decisions: 0, chat_messages: 0 };
    }),
    ...[...who.keys()].filter((id) => !input.labels.has(id)).map(rosterRow),
  ];

  const ended = events.filter((e) => e.kind === 'phase' && e.data.phase === 'ended').pop();
  const pauseSeconds = pauseRows.reduce((sum, p) => sum + (p.seconds ?? 0), 0);
  const sessionRow = {
    session_code: code, session_name: input.session.name, scenario: input.session.scenarioId, seed: input.seed, status: input.session.status,
    teacher: settings.teacher ?? '', created_at: input.session.createdAt, started_at: runningSince[0]?.at ?? '', ended_at: ended?.createdAt ?? '',
    last_activity_at: stamps[stamps.length - 1] ?? input.session.updatedAt, final_day: final.day, days_per_second: input.session.daysPerSecond,
    starting_cash_usd: settings.startingCashUsd ?? input.scenario.finance.startCashUsd,
    ...Object.fromEntries(MARKETS.map((m) => [`market_${m}`, settings.marketsOpen[m]])),
    scheduled_events_json: JSON.stringify(settings.events), contest_period_days: settings.contestPeriodDays ?? input.scenario.contest.periodDays,
    max_stake_usd: settings.maxStakeUsd ?? input.scenario.contest.maxStakeUsd, anonymous_names: settings.anonymousNames, chat: settings.chat,
    allow_guests: settings.allowGuests ?? settings.labels.length === 0, labels: settings.labels.length, labels_joined: roster.filter((r) => r.participant_label && r.joined).length,
    seats_students: ids.filter((id) => whoOf(id).kind === 'student').length, seats_bots: ids.filter((id) => whoOf(id).kind === 'bot').length,
    pauses: pauseRows.length, pause_seconds: pauseSeconds, chat_messages: chat.length, guess_games: input.guessGames.length,
    guess_rounds: input.guessGames.reduce((n, g) => n + g.rounds.length, 0), payment_rule: ruleText,
  };

  const t = (columns: readonly string[], rows: Partial<Record<string, Cell>>[]): Table => ({ columns, rows });
  return {
    'session.csv': t(SESSION_COLUMNS, [sessionRow]),
    'roster.csv': t(ROSTER_COLUMNS, roster),
    'player_days.csv': t(PLAYER_DAY_COLUMNS, playerDays),
    'decisions.csv': t(DECISION_COLUMNS, decisions),
    'actions.csv': t(ACTION_COLUMNS, actions),
    'chat.csv': t(CHAT_COLUMNS, chat),
    'pauses.csv': t(PAUSE_COLUMNS, pauseRows),
    'contests.csv': t(CONTEST_COLUMNS, contests),
    'guesses.csv': t(GUESS_COLUMNS, guesses),
    'summary.csv': t(SUMMARY_COLUMNS, summary),
    'payments.csv': t(PAYMENT_COLUMNS, payments),
  };
}

export function zipCsvs(files: Record<string, string>): Uint8Array {
  return zipSync(Object.fromEntries(Object.entries(files).map(([name, text]) => [name, strToU8(text)])), { level: 6 });
}

/** A timeline field as text: what was stored as a string, else its JSON (never "[object Object]"). */
function textOf(v: unknown): string {
  if (v === undefined || v === null) return '';
  return typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : JSON.stringify(v);
}
