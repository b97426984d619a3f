/**
 * The synced (public) state of a `market` room, @colyseus/schema 3. Everything here reaches every
 * client, spectators included: no cash, BTC, orders, lots, contracts, loans, tender or offer bids or
 * contest picks (those travel in the owner-only `private` message, see docs/protocol.md).
 *
 * Field names mirror the engine's `PlayerView` (shared/rules/view.ts) so the client can use one
 * vocabulary. Units are in the names. Ids that may be absent are '' (schema has no null).
 * Client: import these classes with `import type` only, or read the state by shape.
 * Charts draw from `world`, `meters` and `regions` day by day (the series so far comes once in the
 * `history` message): no chart ring here, which would send every one of those figures twice.
 * Fractional figures are `float64`: schema's `number` would send them as float32 when close enough,
 * and a view rebuilt from the wire must equal the engine's `playerView` to the last bit. Whole
 * figures are `number` (1-5 bytes, not 9); money that is whole cents travels as cents.
 * Figures a client rebuilds with the engine's own functions (derivedFigures.ts: multiples, power
 * prices, the energy price index) are not here; `overrides` carries any that a client would get wrong.
 */
import { ArraySchema, MapSchema, Schema, type } from '@colyseus/schema';

/** Lobby and host settings. `phase`: 'waiting' until the host starts, then 'running' | 'paused' | 'ended'. */
export class RoomInfo extends Schema {
  @type('string') code = '';
  @type('string') name = '';
  @type('string') scenarioId = '';
  @type('string') phase = 'waiting';
  @type('float64') daysPerSecond = 1;
  /** Seat of the host ('' when the host is a spectator). */
  @type('string') hostPlayerId = '';
  @type('number') maxPlayers = 8;
  @type('boolean') isPrivate = false;
  /** What a seat becomes when its player is gone for good: 'bot' | 'freeze'. */
  @type('string') leaverPolicy = 'bot';
  /** The host's discussion question, set with `pause { question }`, cleared on resume ('' = none). */
  @type('string') question = '';
}

/** Classroom session settings and the ⅔ game's cues (docs/classroom.md). `enabled` false = an ordinary room. */
export class ClassroomInfo extends Schema {
  @type('boolean') enabled = false;
  @type('boolean') anonymousNames = false;
  @type('boolean') chat = false;
  /** Markets this session closed (`btcTrading`, `leaseBook`, `tenders`, `hosting`, `loans`, `equity`, `contest`): their actions get MARKET_CLOSED. */
  @type(['string']) closedMarkets = new ArraySchema<string>();
  /** ⅔ games started so far (0 = none). */
  @type('number') guessGame = 0;
  /** 1-based number of the latest ⅔ round of the current game (0 = none). */
  @type('number') guessRound = 0;
  @type('boolean') guessOpen = false;
  /** Guesses in that round so far. */
  @type('number') guessCount = 0;
}

/** Prices and chain state of today (PlayerView.world, flattened). */
export class WorldInfo extends Schema {
  @type('number') day = 0;
  /** ISO date of `day`. */
  @type('string') date = '';
  @type('number') endDay = 0;
  @type('float64') btcUsd = 0;
  @type('number') heightBlocks = 0;
  @type('float64') difficultyEhs = 0;
  @type('float64') networkHashrateEhs = 0;
  @type('float64') subsidyBtc = 0;
  @type('float64') feesBtcPerBlock = 0;
  @type('float64') hashpriceUsdPerPhDay = 0;
  @type('number') nextHalvingHeight = 0;
  @type('float64') asicUsdPerTh = 0;
  @type('number') asicLeadTimeDays = 0;
  @type('float64') gpuRentUsdPerHour = 0;
  @type('number') gpuLeadTimeDays = 0;
  @type('float64') interestRatePct = 0;
  @type('float64') hypeCrypto = 0;
  @type('float64') hypeAi = 0;
  /** GPU list prices by model id (whole dollars). */
  @type({ map: 'float64' }) gpuPriceUsd = new MapSchema<number>();
  /**
   * New-unit prices (the engine's `newUnitPriceUsd`, what an order pays) that differ from what a
   * client rebuilds from `asicUsdPerTh`, `gpuPriceUsd` and the catalogue (shared/sync/marketPrices.ts):
   * normally empty. The view's `world.unitPriceUsd` is the rebuilt prices with these on top.
   */
  @type({ map: 'float64' }) unitPriceUsd = new MapSchema<number>();
}

export class MetersInfo extends Schema {
  @type('float64') miningGw = 0;
  @type('float64') aiGw = 0;
  @type('float64') aiComputeH100Days = 0;
  @type('float64') btcMinedBtc = 0;
  /** `energyPriceIndex` is rebuilt from the regions' prices (derivedFigures.ts). */
}

/** Live regional state; static region data (names, map positions) is in the `welcome` message. */
export class RegionCard extends Schema {
  @type('string') id = '';
  /** `powerUsdPerMwh` is rebuilt from the fields below and the `welcome` region (derivedFigures.ts). */
  @type('float64') loadMw = 0;
  @type('number') gridQueueDays = 0;
  @type('number') miningBanUntilDay = 0;
  @type('float64') spikeMultiplier = 1;
  /** The regional power price's random walk (public: a bot may read the trend). */
  @type('float64') powerLogNoise = 0;
  @type('number') spikeDaysLeft = 0;
}

/** A company's public card (PublicPlayer) plus seat status. */
export class PlayerCard extends Schema {
  @type('string') id = '';
  @type('string') name = '';
  @type('number') colorIndex = 0;
  /** Bot strategy of the seat ('' for a person; set when a leaver's seat is bot-run). */
  @type('string') strategy = '';
  @type('string') narrative = 'none';
  @type('boolean') bankrupt = false;
  @type('float64') navUsd = 0;
  @type('float64') marketCapUsd = 0;
  /** The day `narrative` was announced: with the world's hype and the revenue here, the client rebuilds `multiple` (derivedFigures.ts). */
  @type('number') narrativeSinceDay = 0;
  @type('number') sharesOutstanding = 0;
  @type('number') founderShares = 0;
  /** The headline score: founders' stake at market and at NAV. */
  @type('float64') scoreMarketUsd = 0;
  @type('float64') scoreNavUsd = 0;
  @type('float64') revenueMiningUsdPerDay = 0;
  @type('float64') revenueAiUsdPerDay = 0;
  @type('float64') btcMinedBtc = 0;
  @type('float64') computeDeliveredH100Days = 0;
  /** 'human' | 'bot' | 'frozen'. */
  @type('string') control = 'human';
  @type('boolean') connected = false;
  @type('boolean') isHost = false;
}

/** A site (owned or listed). `ownerId` '' = listed for sale by the world at `listPriceUsd`. */
export class SiteCard extends Schema {
  @type('string') id = '';
  @type('string') name = '';
  @type('string') regionId = '';
  @type('string') ownerId = '';
  /** 'mining' | 'ai'. */
  @type('string') tier = '';
  @type('float64') energisedMw = 0;
  @type('float64') buildingMw = 0;
  @type('number') buildEtaDay = 0;
  /** 'active' | 'building' | 'retrofitting'. */
  @type('string') status = '';
  @type('number') retrofitEtaDay = 0;
  /** 'ppa' | 'index'. */
  @type('string') contract = '';
  @type('float64') ppaUsdPerMwh = 0;
  @type('number') ppaUntilDay = 0;
  @type('float64') curtailAboveUsdPerMwh = 0;
  @type('boolean') curtailedToday = false;
  @type('float64') hostedMw = 0;
  @type('float64') listPriceUsd = 0;
  /** Colocation: the provider renting this space ('' = owned), its rent and the day it goes back. */
  @type('string') coloProviderId = '';
  @type('float64') coloUsdPerKwMonth = 0;
  @type('number') coloEndDay = 0;
}

/** A hosting or buy-out offer open to every company. Sealed bids are never synced; `bidCount` only. */
export class OfferCard extends Schema {
  @type('string') id = '';
  /** 'hosting' | 'buyout'. */
  @type('string') kind = '';
  @type('string') tenant = '';
  @type('float64') mw = 0;
  @type('float64') priceUsdPerKwMonth = 0;
  @type('number') years = 0;
  @type('float64') retrofitFundedPct = 0;
  @type('float64') buyoutUsdPerMw = 0;
  @type('number') postedDay = 0;
  @type('number') closesDay = 0;
  @type('number') bidCount = 0;
}

/** An NPC colocation provider's terms and the MW it still has to let. */
export class ColoCard extends Schema {
  @type('string') id = '';
  @type('string') name = '';
  @type('string') regionId = '';
  @type('float64') capacityMw = 0;
  @type('float64') availableMw = 0;
  @type('float64') usdPerKwMonth = 0;
  @type('number') termDays = 0;
  @type('number') readyDays = 0;
}

/** An open AI-lab tender. Sealed bids are never synced; `bidCount` only. */
export class TenderCard extends Schema {
  @type('string') id = '';
  @type('string') lab = '';
  @type('number') gpus = 0;
  @type('number') days = 0;
  @type('number') startDay = 0;
  @type('number') closesDay = 0;
  @type('string') tier = '';
  @type('float64') reservePriceUsdPerGpuHour = 0;
  @type('number') bidCount = 0;
}

/**
 * One aggregated price level of the GPU-lease book (orders' owners are not shown). The price is
 * `priceCents` / 100 when it is whole cents (`priceUsdPerGpuHour` then 0), else `priceUsdPerGpuHour`;
 * the quantity is `quantity` when whole (`exactQuantity` then 0), else `exactQuantity`.
 */
export class BookLevelCard extends Schema {
  @type('float64') priceUsdPerGpuHour = 0;
  @type('number') quantity = 0;
  @type('number') orders = 0;
  @type('number') priceCents = 0;
  @type('float64') exactQuantity = 0;
}

export class ContestInfo extends Schema {
  @type('number') round = 0;
  @type('number') resolveDay = 0;
  @type('number') pickCount = 0;
  @type('float64') maxStakeUsd = 0;
  /** Last resolved round: number (0 = none yet), winning narrative and pool. */
  @type('number') lastRound = 0;
  @type('string') lastWinner = '';
  @type('float64') lastPoolUsd = 0;
  /**
   * Every resolved round as JSON of its public summary (`publicContestSummary` without payouts;
   * each player's own payouts travel in `private`). Append-only: a patch carries only the new round,
   * and a late joiner or a reloaded page gets the whole history.
   */
  @type(['string']) history = new ArraySchema<string>();
}

/** A headline. The `news` array holds the latest NEWS_RING, oldest first (rewritten in place). */
export class NewsCard extends Schema {
  @type('number') day = 0;
  @type('string') date = '';
  @type('string') kind = '';
  @type('string') headline = '';
}

export const NEWS_RING = 20;

export class MarketState extends Schema {
  @type(RoomInfo) room = new RoomInfo();
  @type(WorldInfo) world = new WorldInfo();
  @type(MetersInfo) meters = new MetersInfo();
  @type({ map: RegionCard }) regions = new MapSchema<RegionCard>();
  /** Keyed by player id (`p1`, `p2`, …). */
  @type({ map: PlayerCard }) players = new MapSchema<PlayerCard>();
  @type({ map: SiteCard }) sites = new MapSchema<SiteCard>();
  @type({ map: TenderCard }) tenders = new MapSchema<TenderCard>();
  @type({ map: OfferCard }) offers = new MapSchema<OfferCard>();
  @type({ map: ColoCard }) colocation = new MapSchema<ColoCard>();
  /** Best first: bids high→low, asks low→high, at most 10 levels each. */
  @type([BookLevelCard]) bookBids = new ArraySchema<BookLevelCard>();
  @type([BookLevelCard]) bookAsks = new ArraySchema<BookLevelCard>();
  @type(ContestInfo) contest = new ContestInfo();
  /** The last NEWS_RING headlines, oldest first. */
  @type([NewsCard]) news = new ArraySchema<NewsCard>();
  @type(ClassroomInfo) classroom = new ClassroomInfo();
  /**
   * The engine's figure wherever the one a client rebuilds (derivedFigures.ts) would differ, by
   * `<block>.<id>.<field>` (`players.p3.multiple`, `regions.texas.powerUsdPerMwh`,
   * `meters.energyPriceIndex`): normally empty, or a new narrative's multiple until the next day.
   */
  @type({ map: 'float64' }) overrides = new MapSchema<number>();
}
