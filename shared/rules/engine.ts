/**
 * The engine's two doors: `applyAction` (a player's or the host's decision) and `step` (one day).
 * Both are pure: they take a state and return a new one (immer drafts, structural sharing) plus
 * events, or a RuleError with the input state untouched. `applyActionInPlace` and `stepInPlace`
 * change a state the caller owns; only `matchCursor.ts` uses them.
 */
import { finishDraft, setAutoFreeze, type Draft } from 'immer';
import { parseAction, HOST_ACTOR, HOST_ACTION_TYPES, type Action, type ActionType } from './actions.js';
import type { Ctx, Phase, Reducer, ReducerTable } from './context.js';
import { fail } from './context.js';
import { hashJson } from './hash.js';
import type { ApplyResult, GameEvent, GameState, PlayerId, RuleError, StepResult, Scenario } from './types.js';
import { own } from './own.js';
import { playerRecord } from './recordShapes.js';
import { addDays } from '../economy/calendar.js';
import { initialRngStates } from './rng.js';
import { workingCopy } from './workingCopy.js';
import { emptyLedger, playerAccount, transfer, WORLD } from '../economy/ledger.js';
import { usdToCents } from '../economy/money.js';
import { initialWorld } from './systems/world.js';
import { drafting } from './systems/capacity.js';
import { eventsPhase, hostReducers } from './systems/events.js';
import { powerPhase } from './systems/power.js';
import { marketPhase, treasuryReducers } from './systems/market.js';
import { sitesPhase, siteReducers } from './systems/sites.js';
import { hardwarePhase, hardwareReducers } from './systems/hardware.js';
import { colocationPhase, colocationReducers } from './systems/colocation.js';
import { miningPhase } from './systems/mining.js';
import { computePhase, computeReducers, refreshLeaseMakers } from './systems/compute.js';
import { LEASE_MAKER_ID } from '../economy/leaseMakers.js';
import { financePhase, financeReducers } from './systems/finance.js';
import { contestPhase, contestReducers } from './systems/contest.js';
import { forgetHoldings, valuationPhase } from './systems/valuation.js';
import { closedMarketError } from './markets.js';

// States are shared between the room, snapshots and bots; freezing costs more than it protects
// (bench: see docs/engine.md). Nobody mutates a state outside a draft.
setAutoFreeze(false);

const reducers: ReducerTable = {
  ...siteReducers,
  ...colocationReducers,
  ...hardwareReducers,
  ...treasuryReducers,
  ...computeReducers,
  ...financeReducers,
  ...contestReducers,
  ...hostReducers,
};

/** The day's phases, in order: the world moves, then production, then money, then scores. */
const PHASES: readonly Phase[] = [
  eventsPhase,
  powerPhase,
  marketPhase,
  sitesPhase,
  colocationPhase,
  hardwarePhase,
  miningPhase,
  computePhase,
  financePhase,
  contestPhase,
  valuationPhase,
];

export interface NewPlayer {
  id: PlayerId;
  name: string;
  strategy?: string;
}

/** A fresh match at day 0 of `scenario`. Players can be added now or later with `addPlayer`. */
export function createGame(scenario: Scenario, seed: string, players: NewPlayer[] = []): GameState {
  let state: GameState = {
    version: 1,
    scenario,
    seed,
    day: 0,
    date: scenario.startDate,
    endDay: scenario.days,
    phase: 'running',
    nextId: 0,
    nextSeq: 0,
    rng: initialRngStates(seed),
    ledger: emptyLedger(),
    players: {},
    playerOrder: [],
    lots: {},
    leaseOrders: {},
    leases: {},
    tenders: {},
    contracts: {},
    offers: {},
    // Present from day 0 though empty (an undefined key is left out of the hash and the JSON): a key
    // added on the first closed offer gave every match's state a second hidden class, and the code
    // compiled for one deoptimised on the other.
    closedOffers: undefined,
    loans: {},
    news: [],
    ...initialWorld(scenario, seed),
  };
  // The NPC lease desk quotes from day 0, so the book is two-sided before the first step. It
  // writes only the book, the ledger and the id counters, all made just above: no draft needed.
  refreshLeaseMakers(state, { events: [] }, 0);
  for (const p of players) state = addPlayer(state, p);
  return state;
}

/** Seats a new company with the scenario's starting capital (paid by the world, through the ledger). */
export function addPlayer(state: GameState, p: NewPlayer): GameState {
  checkSeat(state, p);
  return drafting(state, (draft) => {
    seatPlayer(draft, p);
    return finishDraft(draft);
  });
}

/** `addPlayer` on a state the caller owns (`matchCursor.ts`): seated in place, no draft. */
export function addPlayerInPlace(work: GameState, p: NewPlayer): void {
  forgetHoldings();
  checkSeat(work, p);
  seatPlayer(work, p);
}

function checkSeat(state: GameState, p: NewPlayer): void {
  if (state.players[p.id]) throw new Error(`player ${p.id} already seated`);
  if (p.id === LEASE_MAKER_ID || p.id === HOST_ACTOR) throw new Error(`player id ${p.id} is reserved`);
}

/**
 * The id as V8 keeps a property name: one internalized string. Ids arrive built at run time (a
 * template, a worker's message), and once such a string has been used as a key V8 makes it a thin
 * string pointing at the key. Owner ids of both kinds in one match sent every comparison compiled
 * for one kind back to be compiled again.
 */
function internalized(id: string): string {
  return Object.keys({ [id]: 0 })[0]!;
}

function seatPlayer(draft: Draft<GameState> | GameState, p: NewPlayer): void {
  const id = internalized(p.id);
  draft.players[id] = playerRecord({
    id,
    name: p.name,
    colorIndex: draft.playerOrder.length,
    strategy: p.strategy ?? '',
    narrative: 'none',
    sellMinedPct: 0,
    sharesOutstanding: draft.scenario.finance.startShares,
    founderShares: draft.scenario.finance.startShares,
    issuanceWindowStartDay: draft.day,
    issuanceWindowBaseShares: draft.scenario.finance.startShares,
    sharesIssuedInWindow: 0,
    sharesRetiredInWindow: 0,
    narrativeSinceDay: draft.day,
    bankrupt: false,
    restructurings: 0,
    joinedDay: draft.day,
    revenueMiningUsdPerDay: 0,
    revenueAiUsdPerDay: 0,
    revenueOtherUsdPerDay: 0,
    btcMinedSats: 0,
    computeDeliveredH100Days: 0,
    navUsd: draft.scenario.finance.startCashUsd,
    marketCapUsd: draft.scenario.finance.startCashUsd,
    multiple: 1,
    distressDays: 0,
  });
  draft.playerOrder.push(id);
  transfer(draft.ledger, {
    from: WORLD,
    to: playerAccount(id),
    usdCents: usdToCents(draft.scenario.finance.startCashUsd),
    reason: 'startingCapital',
  });
}

/**
 * Applies one typed action for `playerId` (or HOST_ACTOR for host actions). The action is trusted:
 * it was parsed at the edge (a room's message, a bot's decision, a recorded log), so it is not
 * re-validated here. Input from outside goes through `applyUntrusted`.
 */
export function applyAction(state: GameState, playerId: PlayerId, action: Action): ApplyResult {
  const refused = refusal(state, playerId, action);
  if (refused) return { ok: false, error: refused };
  return drafting(state, (draft): ApplyResult => {
    const r = reduce(draft, playerId, action);
    return r.ok ? { ok: true, state: finishDraft(draft), events: r.events } : r;
  });
}

/**
 * `applyAction` on a state the caller owns and lets the engine change in place (`matchCursor.ts`):
 * no draft, no copy. After a rejection `work` may be half-changed; the caller must rebuild it.
 */
export function applyActionInPlace(work: GameState, playerId: PlayerId, action: Action): { ok: true; events: GameEvent[] } | { ok: false; error: RuleError; touched: boolean } {
  forgetHoldings();
  const refused = refusal(work, playerId, action);
  if (refused) return { ok: false, error: refused, touched: false };
  const r = reduce(work, playerId, action);
  return r.ok ? r : { ...r, touched: !REFUSES_BEFORE_WRITING.has(action.type) };
}

/**
 * Reducers that check everything before their first write, so a refusal in place leaves the state as
 * it was (read by hand; `test/shared/rules/refusals.test.ts` refuses thousands of each and compares
 * hashes). Together they are all but a few in a thousand of what bots send. The others (selling and
 * retrofitting sites, answering offers, host actions) may write first, so their refusals are undone by
 * the caller.
 */
export const REFUSES_BEFORE_WRITING: ReadonlySet<ActionType> = new Set<ActionType>([
  'tradeBtc', 'setTreasuryPolicy', 'takeLoan', 'repayLoan', 'raiseEquity', 'buyback', 'buySite', 'buildSite', 'expandSite',
  'rentColocation', 'setPowerContract', 'orderHardware', 'installHardware', 'uninstallHardware', 'sellHardware',
  'placeLeaseOrder', 'cancelLeaseOrder', 'bidTender', 'contestPick', 'announceNarrative',
]);

/** The checks every action passes before its reducer runs (they read, never write). */
function refusal(state: GameState, playerId: PlayerId, action: Action): RuleError | null {
  const isHostAction = HOST_ACTION_TYPES.has(action.type);
  if (isHostAction !== (playerId === HOST_ACTOR)) {
    return isHostAction ? fail('NOT_HOST', `Only the host may ${action.type}.`) : fail('UNKNOWN_PLAYER', 'The host acts through host commands only.');
  }
  if (state.phase === 'ended') return fail('MATCH_ENDED', 'The match has ended.');
  if (!isHostAction && !own(state.players, playerId)) return fail('UNKNOWN_PLAYER', `No player ${playerId} in this match.`);
  return closedMarketError(state, action);
}

function reduce(target: GameState, actor: PlayerId, action: Action): { ok: true; events: GameEvent[] } | { ok: false; error: RuleError } {
  const ctx: Ctx = { events: [] };
  const reducer = reducers[action.type] as Reducer<ActionType>;
  // The seated id (`internalized`), which the records the action creates carry as their owner.
  const playerId = own(target.players, actor)?.id ?? actor;
  const error = reducer(target, playerId, action, ctx);
  if (error) return { ok: false, error };
  ctx.events.push({ type: 'actionApplied', day: target.day, playerId, actionType: action.type });
  return { ok: true, events: ctx.events };
}

/** `applyAction` for input of unknown shape: parsed with the zod schemas first (BAD_ACTION if it fails). */
export function applyUntrusted(state: GameState, playerId: PlayerId, input: unknown): ApplyResult {
  const parsed = parseAction(input);
  if (!parsed.ok) return { ok: false, error: fail('BAD_ACTION', parsed.message) };
  return applyAction(state, playerId, parsed.action);
}

/** Advances the world by one day. A match that has ended stays as it is. */
export function step(state: GameState): StepResult {
  if (state.phase === 'ended') return { state, events: [] };
  return stepInPlace(workingCopy(state));
}

/** `step` on a state the caller owns (`matchCursor.ts`): the day is played on `work` itself. */
export function stepInPlace(work: GameState): StepResult {
  if (work.phase === 'ended') return { state: work, events: [] };
  forgetHoldings();
  const ctx: Ctx = { events: [] };
  for (const phase of PHASES) phase(work, ctx);
  work.day += 1;
  work.date = addDays(work.scenario.startDate, work.day);
  if (work.day >= work.endDay) {
    work.phase = 'ended';
    ctx.events.push({ type: 'matchEnded', day: work.day });
  }
  return { state: work, events: ctx.events };
}

/** Same seed + same action log ⇒ same hash, on any machine. */
export function stateHash(state: GameState): string {
  return hashJson(state);
}
