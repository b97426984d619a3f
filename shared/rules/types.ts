/**
 * The engine's state, events and errors: plain JSON (no classes, Dates or Maps), so a state can be
 * hashed, snapshotted, sent to a worker and replayed byte for byte.
 *
 * Units: money held by anyone is integer cents (`...UsdCents`) or satoshis (`...Sats`) and lives
 * only in the ledger; market prices and indices are floats with their unit in the name.
 */
import type { Scenario, Narrative, Tier, ContractKind, EventKind } from '../economy/scenarios/types.js';

export type { Narrative, Tier, ContractKind, EventKind };

export type PlayerId = string;
/** Ledger account ids: `p:<playerId>`, `world` (utilities, vendors, NPC tenants, lenders, market), `coinbase` (mints BTC), `escrow:<what>`. */
export type AccountId = string;

export interface Balance {
  usdCents: number;
  sats: number;
}

export interface Ledger {
  accounts: Record<AccountId, Balance>;
  /** Running count and a rolling checksum of every posting, so replays can be compared cheaply. */
  postings: number;
  checksum: number;
  /** Cumulative flows per reason, for the debrief and conservation tests. */
  flowsUsdCents: Record<string, number>;
  flowsSats: Record<string, number>;
}

export type RngStream = 'price' | 'events' | 'npc' | 'tenders' | 'power' | 'contest' | 'bots';

/** seedrandom alea state: four numbers. */
export type RngState = { c: number; s0: number; s1: number; s2: number };

export interface BitcoinState {
  heightBlocks: number;
  /** Difficulty expressed as the network hashrate (EH/s) it was set for. */
  difficultyEhs: number;
  /** Height at which the current 2,016-block epoch started, and hash-days accumulated in it. */
  epochStartHeight: number;
  epochHashEhsDays: number;
  epochDays: number;
  /** Fractional blocks carried to the next day so no block is lost to rounding. */
  blockRemainder: number;
  subsidyBtc: number;
  feesBtcPerBlock: number;
  /** Days left on a fee spike and its multiplier. */
  feeSpikeDaysLeft: number;
  feeSpikeMultiplier: number;
  btcUsd: number;
  hashpriceUsdPerPhDay: number;
  networkHashrateEhs: number;
  npcHashrateEhs: number;
  playerHashrateEhs: number;
  /** Net USD players bought (+) or sold (−) today; moves tomorrow's price. */
  playerNetFlowUsd: number;
  /** USD notional of today's manual buys and sells so far: how much of each side of the book is eaten. */
  playerBoughtTodayUsd: number;
  playerSoldTodayUsd: number;
  /** Extra log-return to apply to the next price step (jumps from events). */
  pendingJumpLog: number;
  /** Regime for free-price scenarios. */
  regime: 'bull' | 'bear' | 'calm';
  /** For keyframe scenarios: the Brownian bridge's current deviation from the pinned path, in log space. */
  bridgeLogDeviation: number;
  /** The players' lasting mark on the price (log): their net flow and contest hype, decaying, never pinned. */
  crowdLogOffset: number;
  /**
   * This seed's turning points (days since the start, USD): the published keyframes jittered per
   * seed. Server-side only: a view must not show it, or the future would be on screen.
   */
  keyframePath: { day: number; usd: number }[];
}

export interface NpcCohort {
  id: string;
  efficiencyJPerTh: number;
  hashrateEhs: number;
  /** Hashrate actually running today (switched off when unprofitable). */
  runningEhs: number;
  powerUsdPerMwh: number;
  /** Region it lives in (for bans); '' for the global fleet. */
  regionId: string;
}

export interface NpcFleetState {
  cohorts: NpcCohort[];
  /** Capacity ordered and not yet arrived. */
  orders: { arrivesDay: number; hashrateEhs: number; efficiencyJPerTh: number; regionId: string; powerUsdPerMwh: number }[];
}

export interface RegionState {
  id: string;
  powerUsdPerMwh: number;
  loadMw: number;
  /** Days a new grid connection waits right now. */
  gridQueueDays: number;
  /** A ban ends on this day (0 = none). Mining sites there cannot run. */
  miningBanUntilDay: number;
  /** Heatwave or other power spike multiplier and days left. */
  spikeMultiplier: number;
  spikeDaysLeft: number;
  /** Mean-reverting log deviation of the power price from its fundamental (seeded, `power` stream). */
  powerLogNoise: number;
}

export type SiteStatus = 'active' | 'building' | 'retrofitting';

export interface Site {
  id: string;
  name: string;
  regionId: string;
  /** null: listed for sale by the world. */
  ownerId: PlayerId | null;
  tier: Tier;
  energisedMw: number;
  /** MW under construction (new build or expansion) and the day it energises. */
  buildingMw: number;
  buildEtaDay: number;
  status: SiteStatus;
  retrofitEtaDay: number;
  contract: ContractKind;
  /** PPA price locked when the contract was signed. */
  ppaUsdPerMwh: number;
  /** A PPA binds until this day: no re-pricing or switch back to index before it. */
  ppaUntilDay: number;
  /** Index contracts switch off above this price and earn demand-response credits. */
  curtailAboveUsdPerMwh: number;
  curtailedToday: boolean;
  /** MW leased to an NPC hosting tenant (not usable by the owner's own hardware). */
  hostedMw: number;
  /** Asking price while listed (whole dollars). */
  listPriceUsd: number;
  /**
   * Colocation: space rented from an NPC provider ('' = a site the player owns). A colo site is
   * never sold, expanded, retrofitted or offered to tenants; it is billed `coloUsdPerKwMonth` on its
   * MW every day it is energised and returns to the provider on `coloEndDay`.
   */
  coloProviderId: string;
  coloUsdPerKwMonth: number;
  coloEndDay: number;
}

export type LotStatus = 'ordered' | 'stored' | 'installed';

export interface HardwareLot {
  id: string;
  ownerId: PlayerId;
  modelId: string;
  count: number;
  status: LotStatus;
  siteId: string | null;
  arrivesDay: number;
  /** What was paid per unit (whole dollars), for the debrief. */
  unitCostUsd: number;
  /** GPUs committed to contracts today (tenders, sold lease blocks); the rest are idle for spot. */
  committedGpus: number;
}

export type LeaseSide = 'bid' | 'ask';

/** Standard lease block: 1 H100-equivalent for `blockDays` days. Quantity in blocks. */
export interface LeaseOrder {
  id: string;
  ownerId: PlayerId;
  side: LeaseSide;
  priceUsdPerGpuHour: number;
  quantity: number;
  remaining: number;
  /** Sequence number for time priority. */
  seq: number;
  placedDay: number;
}

/** Capacity one player leases from another (or from itself via a tender). */
export interface LeaseHolding {
  id: string;
  lesseeId: PlayerId;
  lessorId: PlayerId;
  gpus: number;
  priceUsdPerGpuHour: number;
  startDay: number;
  endDay: number;
}

export interface Tender {
  id: string;
  lab: string;
  gpus: number;
  days: number;
  startDay: number;
  closesDay: number;
  tier: Tier;
  reservePriceUsdPerGpuHour: number;
  /** Sealed bids: never sent to other players. */
  bids: { playerId: PlayerId; priceUsdPerGpuHour: number; seq: number }[];
}

export type ContractKindTag = 'tender' | 'hosting';

export interface Contract {
  id: string;
  kind: ContractKindTag;
  ownerId: PlayerId;
  counterparty: string;
  /** tender: GPUs to deliver; hosting: MW hosted at siteId. */
  gpus: number;
  mw: number;
  siteId: string | null;
  priceUsdPerGpuHour: number;
  priceUsdPerKwMonth: number;
  startDay: number;
  endDay: number;
  /** Cumulative shortfall penalties (whole dollars). */
  penaltiesUsd: number;
}

export type OfferKind = 'hosting' | 'buyout';

/**
 * A sealed bid on an offer: the site the company would use and its price (hosting: rent it asks in
 * $/kW-month; buy-out: price it asks per energised MW). Never sent to other companies.
 */
export interface OfferBid {
  playerId: PlayerId;
  siteId: string;
  priceUsdPerKwMonth: number;
  priceUsdPerMw: number;
  seq: number;
}

/**
 * An NPC tenant's offer to the whole market (DESIGN §3.4), awarded by sealed bid on `closesDay`:
 * hosting goes to the lowest rent asked (at most `priceUsdPerKwMonth`) from a site that can take
 * `mw`; a buy-out to the lowest price per MW asked (at most `buyoutUsdPerMw`) for a mining site of
 * at least `mw`. Ties go to the earlier bid.
 */
export interface Offer {
  id: string;
  kind: OfferKind;
  tenant: string;
  /** hosting: MW wanted, the most rent the tenant pays, years, share of a retrofit it funds; buyout: smallest site (MW). */
  mw: number;
  priceUsdPerKwMonth: number;
  years: number;
  retrofitFundedPct: number;
  /** buyout: the most the buyer pays per energised MW (whole dollars). */
  buyoutUsdPerMw: number;
  postedDay: number;
  closesDay: number;
  bids: OfferBid[];
}

export interface Loan {
  id: string;
  ownerId: PlayerId;
  principalUsdCents: number;
  ratePctYear: number;
  startDay: number;
  dueDay: number;
  /** BTC pledged as collateral (sats) and the loan-to-value that triggers a margin call. */
  collateralSats: number;
  marginCallLtv: number;
  marginCallDueDay: number;
}

export interface PlayerState {
  id: PlayerId;
  name: string;
  /** Index into the colour-blind-safe palette. */
  colorIndex: number;
  /** Strategy name for bot seats; '' for people. */
  strategy: string;
  narrative: Narrative;
  /** Share of each day's mined BTC sold at once (0–100). */
  sellMinedPct: number;
  sharesOutstanding: number;
  /** Shares the founders hold (the headline score is their stake); fixed, diluted only by issuance. */
  founderShares: number;
  /** The share count when the current issuance window opened, what was issued and retired since (bounded per window). */
  issuanceWindowStartDay: number;
  issuanceWindowBaseShares: number;
  sharesIssuedInWindow: number;
  sharesRetiredInWindow: number;
  /** Day the current narrative was announced: a fresh story earns a premium that turns into a discount if revenue does not follow. */
  narrativeSinceDay: number;
  bankrupt: boolean;
  restructurings: number;
  joinedDay: number;
  /** Exponentially smoothed daily revenue by source (whole dollars/day), for the multiple. */
  revenueMiningUsdPerDay: number;
  revenueAiUsdPerDay: number;
  revenueOtherUsdPerDay: number;
  btcMinedSats: number;
  computeDeliveredH100Days: number;
  navUsd: number;
  marketCapUsd: number;
  multiple: number;
  /** Consecutive days with no cash and liabilities above assets; bankruptcy after a few. */
  distressDays: number;
}

export interface ContestRound {
  round: number;
  resolveDay: number;
  picks: Record<PlayerId, { narrative: Exclude<Narrative, 'none'>; stakeUsdCents: number }>;
  /** BTC price and AI hype when the round opened: the NPC speculators chase the change since. */
  openBtcUsd: number;
  openAiHype: number;
}

export interface ContestResult {
  round: number;
  day: number;
  winner: Exclude<Narrative, 'none'>;
  weightCrypto: number;
  weightAi: number;
  npcWeightCrypto: number;
  npcWeightAi: number;
  poolUsdCents: number;
  payouts: Record<PlayerId, number>;
  /** Companies that staked on each side: decides which aggregates may be published (`publicContestSummary`). */
  stakersCrypto: number;
  stakersAi: number;
}

/**
 * A resolved round as one viewer may see it. Player-derived figures are withheld (null) when too
 * few companies staked for them to hide any one stake; `payouts` holds the viewer's own payout only.
 */
export interface ContestSummary {
  round: number;
  day: number;
  winner: Exclude<Narrative, 'none'>;
  npcWeightCrypto: number;
  npcWeightAi: number;
  stakers: number;
  /** Null when fewer than CONTEST_DISCLOSURE_MIN_STAKERS companies staked. */
  poolUsdCents: number | null;
  /** Null unless each side with stakes has at least CONTEST_DISCLOSURE_MIN_STAKERS stakers. */
  weightCrypto: number | null;
  weightAi: number | null;
  payouts: Record<PlayerId, number>;
}

export interface ContestState {
  current: ContestRound;
  history: ContestResult[];
}

export interface ComputeState {
  spotUsdPerGpuHour: number;
  /** NPC demand scale A(t) in H100-equivalents at the reference price. */
  demandScaleH100: number;
  npcSupplyH100: number;
  playerSupplyH100: number;
  clearedH100: number;
  /** Multiplier on demand from events (open-model release < 1, breakthrough > 1), decaying to 1. */
  demandShock: number;
  gpuPriceUsd: Record<string, number>;
  gpuLeadTimeDays: number;
  /**
   * GPUs NPC clouds ordered and have not yet racked (H100-equivalents), one entry per day, oldest
   * first, the first placed on `npcOrdersFirstDay`: the lead time that makes the 2024 glut.
   * Plain numbers keep the daily copy cheap.
   */
  npcOrdersH100: number[];
  npcOrdersFirstDay: number;
}

export interface HardwareMarketState {
  asicUsdPerTh: number;
  /** Smoothed hashprice the ASIC index follows (the lag). */
  /** First smoothing stage of hashprice; the lagged value is a second stage over it (a humped lag kernel). */
  smoothedHashpriceUsdPerPhDay: number;
  laggedHashpriceUsdPerPhDay: number;
  asicLeadTimeDays: number;
}

export interface Meters {
  miningGw: number;
  aiGw: number;
  aiComputeH100Days: number;
  btcMinedBtc: number;
  energyPriceIndex: number;
}

export interface NewsItem {
  day: number;
  date: string;
  kind: string;
  headline: string;
}

export interface ScheduledEvent {
  day: number;
  kind: EventKind;
  params: Record<string, number | string>;
  /** 'scenario' | 'random' | 'host' */
  source: string;
  headline?: string;
}

/** Read-only all the way down (`raw()` hands out objects an earlier state may share). */
export type DeepReadonly<T> = T extends (infer U)[] ? readonly DeepReadonly<U>[] : T extends object ? { readonly [K in keyof T]: DeepReadonly<T[K]> } : T;

export interface GameState {
  version: 1;
  /** The whole scenario (possibly with a teacher's treatment overrides): a state replays on its own. */
  scenario: Scenario;
  seed: string;
  /** Days since the scenario start; `date` is derived from it. */
  day: number;
  date: string;
  endDay: number;
  phase: 'running' | 'ended';
  nextId: number;
  nextSeq: number;
  rng: Record<RngStream, RngState>;
  ledger: Ledger;
  btc: BitcoinState;
  npc: NpcFleetState;
  regions: Record<string, RegionState>;
  hardware: HardwareMarketState;
  compute: ComputeState;
  hype: { crypto: number; ai: number };
  interestRatePct: number;
  players: Record<PlayerId, PlayerState>;
  /** Order in which players joined: iteration order for everything per-player. */
  playerOrder: PlayerId[];
  sites: Record<string, Site>;
  lots: Record<string, HardwareLot>;
  leaseOrders: Record<string, LeaseOrder>;
  leases: Record<string, LeaseHolding>;
  tenders: Record<string, Tender>;
  contracts: Record<string, Contract>;
  offers: Record<string, Offer>;
  /** The latest closed offers (who won, or null when it lapsed), so a late bid hears why it is refused. */
  closedOffers?: Record<string, { day: number; kind: OfferKind; winnerId: PlayerId | null }>;
  loans: Record<string, Loan>;
  contest: ContestState;
  events: ScheduledEvent[];
  news: NewsItem[];
  meters: Meters;
  /** Short rolling windows the rules need (momentum, lags). Newest last. */
  recent: { btcUsd: number[]; hashprice: number[]; networkEhs: number[] };
}

export type ErrorCode =
  | 'BAD_ACTION'
  | 'UNKNOWN_PLAYER'
  | 'NOT_FOUND'
  | 'NOT_OWNER'
  | 'INSUFFICIENT_FUNDS'
  | 'INSUFFICIENT_BTC'
  | 'NO_CAPACITY'
  | 'WRONG_TIER'
  | 'NOT_AVAILABLE'
  | 'WRONG_STATE'
  | 'LIMIT'
  /** A lease order priced outside the day's band around spot rent. */
  | 'PRICE_BAND'
  | 'BANKRUPT'
  | 'MATCH_ENDED'
  | 'NOT_HOST'
  /** It would complete after the match's last day. */
  | 'TOO_LATE'
  | 'COVENANT'
  /** The scenario closed the market this action trades on (shared/rules/markets.ts). */
  | 'MARKET_CLOSED'
  // Raised by the server, never by the engine:
  | 'UNKNOWN_MESSAGE'
  | 'RATE_LIMITED'
  | 'WRONG_PHASE'
  | 'TOO_LARGE'
  | 'SPECTATOR';

export interface RuleError {
  code: ErrorCode;
  message: string;
}

/** What happened, for news tickers, banners, animations and logs. */
export type GameEvent =
  | { type: 'news'; day: number; kind: string; headline: string }
  | { type: 'halving'; day: number; heightBlocks: number; subsidyBtc: number }
  | { type: 'retarget'; day: number; heightBlocks: number; difficultyEhs: number; changePct: number }
  | { type: 'marketEvent'; day: number; kind: EventKind; headline: string; params: Record<string, number | string> }
  | { type: 'mined'; day: number; playerId: PlayerId; sats: number }
  | { type: 'leaseIncome'; day: number; playerId: PlayerId; usdCents: number }
  | { type: 'leaseTrade'; day: number; buyerId: PlayerId; sellerId: PlayerId; quantity: number; priceUsdPerGpuHour: number }
  /** A resting order the day's price band left outside: taken off the book, escrow refunded. */
  | { type: 'leaseOrderCancelled'; day: number; playerId: PlayerId; orderId: string; reason: 'priceBand' }
  | { type: 'tenderPosted'; day: number; tenderId: string }
  | { type: 'tenderAwarded'; day: number; tenderId: string; playerId: PlayerId | null; priceUsdPerGpuHour: number }
  | { type: 'offer'; day: number; offerId: string; kind: OfferKind }
  | { type: 'offerAwarded'; day: number; offerId: string; kind: OfferKind; playerId: PlayerId | null; siteId: string; bidCount: number }
  | { type: 'hardwareArrived'; day: number; playerId: PlayerId; lotId: string }
  | { type: 'siteEnergised'; day: number; playerId: PlayerId; siteId: string }
  | { type: 'marginCall'; day: number; playerId: PlayerId; loanId: string }
  | { type: 'bankrupt'; day: number; playerId: PlayerId }
  | { type: 'contestResolved'; day: number; result: ContestSummary }
  /** To one staker: what the round paid it (0 when its side lost). */
  | { type: 'contestPayout'; day: number; playerId: PlayerId; round: number; stakeUsdCents: number; payoutUsdCents: number }
  | { type: 'actionApplied'; day: number; playerId: PlayerId; actionType: string }
  | { type: 'matchEnded'; day: number };

export interface StepResult {
  state: GameState;
  events: GameEvent[];
}

export type ApplyResult = { ok: true; state: GameState; events: GameEvent[] } | { ok: false; error: RuleError };

export type { Scenario };
