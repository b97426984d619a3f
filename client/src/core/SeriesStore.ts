/**
 * Daily time series the charts and the results screen draw: one point per game day, kept in
 * columnar arrays so 730 days × 20 players stay cheap to append and to draw.
 */
import type { PlayerView } from '../../../shared/rules/view.js';
import { expectedHashpriceUsdPerPhDay } from '../../../shared/rules/quotes.js';

export interface MarketPoint {
  day: number;
  btcUsd: number;
  hashpriceUsdPerPhDay: number;
  gpuRentUsdPerHour: number;
  /** Load-weighted mean of the regions' power prices. */
  powerUsdPerMwh: number;
}

export interface PlayerPoint {
  day: number;
  navUsd: number;
  marketCapUsd: number;
}

export const MARKET_SERIES = ['btcUsd', 'hashpriceUsdPerPhDay', 'gpuRentUsdPerHour', 'powerUsdPerMwh'] as const;
export type MarketSeriesKey = (typeof MARKET_SERIES)[number];

export class SeriesStore {
  readonly days: number[] = [];
  readonly market: Record<MarketSeriesKey, number[]> = { btcUsd: [], hashpriceUsdPerPhDay: [], gpuRentUsdPerHour: [], powerUsdPerMwh: [] };
  readonly players = new Map<string, { days: number[]; nav: number[]; mcap: number[] }>();
  /** Bumped on every change so widgets can skip redraws. */
  version = 0;

  clear(): void {
    this.days.length = 0;
    for (const k of MARKET_SERIES) this.market[k].length = 0;
    this.players.clear();
    this.version += 1;
  }

  /** Adds the view's day, or overwrites the last point when the day has not moved (intraday patches). */
  addView(view: PlayerView): void {
    this.addMarket({
      day: view.day,
      btcUsd: view.world.btcUsd,
      // Day 0 has no mined day yet (0): chart the hashprice the difficulty implies instead of a $0 start.
      hashpriceUsdPerPhDay: expectedHashpriceUsdPerPhDay(view),
      gpuRentUsdPerHour: view.world.gpuRentUsdPerHour,
      powerUsdPerMwh: meanPower(view),
    });
    for (const p of view.players) this.addPlayer(p.id, { day: view.day, navUsd: p.navUsd, marketCapUsd: p.marketCapUsd });
  }

  addMarket(pt: MarketPoint): void {
    const last = this.days.length - 1;
    if (last >= 0 && (this.days[last] ?? 0) > pt.day) return;
    const same = last >= 0 && this.days[last] === pt.day;
    // The server's day-0 summary has no mined day yet (hashprice 0): start the line at day 1's value, not at $0.
    const hp = this.market.hashpriceUsdPerPhDay;
    if (!same && last === 0 && this.days[0] === 0 && hp[0] === 0) hp[0] = pt.hashpriceUsdPerPhDay;
    if (!same) this.days.push(pt.day);
    for (const k of MARKET_SERIES) {
      const arr = this.market[k];
      if (same) arr[arr.length - 1] = pt[k];
      else arr.push(pt[k]);
    }
    this.version += 1;
  }

  addPlayer(id: string, pt: PlayerPoint): void {
    let s = this.players.get(id);
    if (!s) this.players.set(id, (s = { days: [], nav: [], mcap: [] }));
    const last = s.days.length - 1;
    if (last >= 0 && (s.days[last] ?? 0) > pt.day) return;
    if (last >= 0 && s.days[last] === pt.day) {
      s.nav[last] = pt.navUsd;
      s.mcap[last] = pt.marketCapUsd;
    } else {
      s.days.push(pt.day);
      s.nav.push(pt.navUsd);
      s.mcap.push(pt.marketCapUsd);
    }
    this.version += 1;
  }
}

export function meanPower(view: Pick<PlayerView, 'regions'>): number {
  if (view.regions.length === 0) return 0;
  let sum = 0;
  for (const r of view.regions) sum += r.powerUsdPerMwh;
  return sum / view.regions.length;
}
