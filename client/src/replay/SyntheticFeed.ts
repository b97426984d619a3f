/**
 * A server-free feed for the frame-time probe: the real engine steps a scenario with N seated
 * companies, and the view is dressed with synthetic sites, racks and income events so the map is
 * as busy as a real match of that size. Display only; nothing here is a rule.
 */
import { addPlayer, createGame, step } from '../../../shared/rules/engine.js';
import { getScenario, SCENARIO_IDS } from '../../../shared/economy/scenarios/index.js';
import type { GameEvent, GameState, HardwareLot, Site } from '../../../shared/rules/types.js';
import { playerView, type PlayerView } from '../../../shared/rules/view.js';
import { Emitter } from '../util/Emitter.js';
import { SeriesStore } from '../core/SeriesStore.js';
import type { ActionResult, FeedEvents, MatchFeed, RoomInfo } from '../core/MatchFeed.js';

export class SyntheticFeed implements MatchFeed {
  readonly bus = new Emitter<FeedEvents>();
  readonly series = new SeriesStore();
  readonly canAct = false;
  readonly isHost = false;
  view: PlayerView | null = null;
  room: RoomInfo | null = null;
  private state: GameState;
  private carryMs = 0;

  constructor(private readonly players: number, private readonly daysPerSecond = 10) {
    const scenario = getScenario('halving-sprint') ?? getScenario(SCENARIO_IDS[0] ?? '');
    if (!scenario) throw new Error('no scenario');
    let state = createGame(scenario, 'bench');
    for (let i = 0; i < players; i += 1) state = addPlayer(state, { id: `p${i + 1}`, name: `Company ${i + 1}`, strategy: i === 0 ? '' : 'bench' });
    this.state = state;
    this.publish([]);
  }

  tick(dtMs: number): void {
    this.carryMs += dtMs;
    const msPerDay = 1000 / this.daysPerSecond;
    while (this.carryMs >= msPerDay) {
      this.carryMs -= msPerDay;
      if (this.state.phase === 'ended') this.state = { ...this.state, phase: 'running', day: 0 };
      const r = step(this.state);
      this.state = r.state;
      this.publish(r.events);
    }
  }

  send(): Promise<ActionResult> {
    return Promise.resolve({ ok: false, code: 'BENCH', message: 'Frame-time probe: actions are disabled.' });
  }

  host(): Promise<ActionResult> {
    return this.send();
  }

  private publish(engineEvents: GameEvent[]): void {
    const base = playerView(this.state, 'p1');
    const sites: Site[] = [...base.sites];
    const lots: HardwareLot[] = [];
    const events: GameEvent[] = [...engineEvents];
    const regions = base.regions;
    for (let p = 0; p < this.players; p += 1) {
      const ownerId = `p${p + 1}`;
      for (let k = 0; k < 3; k += 1) {
        const region = regions[(p * 3 + k) % regions.length];
        if (!region) continue;
        const id = `S${p}-${k}`;
        const tier = (p + k) % 2 === 0 ? 'mining' : 'ai';
        sites.push({
          ...(base.sites[0] as Site), id, name: `Site ${id}`, regionId: region.id, ownerId, tier, energisedMw: 20 + ((p * 7 + k * 13) % 80),
          buildingMw: k === 2 ? 10 : 0, buildEtaDay: base.day + 30, status: k === 2 ? 'building' : 'active', curtailedToday: (base.day + p) % 9 === 0,
        });
        if (ownerId === 'p1') lots.push({ id: `lot${k}`, ownerId, modelId: base.catalogue[0]?.id ?? 'x', count: 400, status: 'installed', siteId: id, arrivesDay: 0, unitCostUsd: 1000, committedGpus: 0 });
        if ((base.day + p + k) % 3 === 0) events.push(tier === 'mining' ? { type: 'mined', day: base.day, playerId: ownerId, sats: 1e7 } : { type: 'leaseIncome', day: base.day, playerId: ownerId, usdCents: 5e6 });
      }
    }
    const players = base.players.map((pl, i) => ({ ...pl, navUsd: pl.navUsd * (1 + 0.3 * Math.sin(base.day / 20 + i)), marketCapUsd: pl.marketCapUsd * (1 + 0.5 * Math.sin(base.day / 15 + i)) }));
    const book = {
      bids: Array.from({ length: 8 }, (_, i) => ({ priceUsdPerGpuHour: 2.5 - i * 0.1, quantity: 10 + i * 5, orders: 1 + i })),
      asks: Array.from({ length: 8 }, (_, i) => ({ priceUsdPerGpuHour: 2.6 + i * 0.1, quantity: 12 + i * 4, orders: 1 + i })),
      blockDays: base.book.blockDays,
    };
    // Made-up lots need made-up loads: the engine computes them only for lots it knows.
    const siteLoads = Object.fromEntries(lots.map((l) => [l.siteId ?? '', { usedMw: l.count * 0.003, freeMw: 5, asics: l.count, gpus: 0 }]));
    const view: PlayerView = { ...base, sites, players, book, me: base.me ? { ...base.me, lots, siteLoads } : null };
    this.view = view;
    this.series.addView(view);
    if (events.length) this.bus.emit('events', events);
    this.bus.emit('view', view);
  }
}
