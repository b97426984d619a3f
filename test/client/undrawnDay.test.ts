import { describe, expect, it } from 'vitest';
import { viewFromState, type StateJson, type Welcome } from '../../client/src/net/viewAdapter.js';
import { SeriesStore } from '../../client/src/core/SeriesStore.js';
import { keepUndrawnDay } from '../../client/src/core/undrawnDay.js';
import { halvingSprint } from '../../shared/economy/scenarios/halvingSprint.js';
import { addDays } from '../../shared/economy/calendar.js';

const welcome: Welcome = {
  roomCode: 'ABCDEF', playerId: 'p1', spectator: false, isHost: false, seatToken: 's', hostToken: '', reconnectSeconds: 120,
  scenario: {
    id: halvingSprint.id, name: halvingSprint.name, description: '', startDate: halvingSprint.startDate, days: halvingSprint.days,
    halvingInterval: halvingSprint.halvingInterval, regions: halvingSprint.regions, catalogue: halvingSprint.catalogue, capex: halvingSprint.capex,
    finance: halvingSprint.finance, contest: halvingSprint.contest, hardware: halvingSprint.hardware,
  },
};

/** A synced state of `day` whose BTC price tells the days apart. */
function stateOf(day: number): StateJson {
  return {
    room: { code: 'ABCDEF', phase: 'running', scenarioId: 'halving-sprint' },
    world: { day, date: addDays(halvingSprint.startDate, day), endDay: 120, btcUsd: 60_000 + day },
    players: { p1: { id: 'p1', name: 'Alice', colorIndex: 0, navUsd: day, marketCapUsd: day } as never },
  };
}

const view = (json: StateJson) => viewFromState(json, welcome, null);
const point = (day: number) => ({ day, btcUsd: 60_000 + day, hashpriceUsdPerPhDay: 0, gpuRentUsdPerHour: 0, powerUsdPerMwh: 0 });

describe('keepUndrawnDay', () => {
  it('puts the day of a state no frame drew into the series before a later day replaces it', () => {
    const series = new SeriesStore();
    series.addView(view(stateOf(3)));
    // Day 4 arrived and day 5 follows before the next frame: day 4 is kept, then the frame draws day 5.
    keepUndrawnDay(series, stateOf(4), 5, view);
    series.addView(view(stateOf(5)));
    expect(series.days).toEqual([3, 4, 5]);
    expect(series.market.btcUsd).toEqual([60_003, 60_004, 60_005]);
    expect(series.players.get('p1')!.days).toEqual([3, 4, 5]);
  });

  it('keeps nothing for a patch of the same day, nor when every state was drawn', () => {
    const series = new SeriesStore();
    series.addView(view(stateOf(3)));
    keepUndrawnDay(series, stateOf(4), 4, view);
    keepUndrawnDay(series, null, 5, view);
    expect(series.days).toEqual([3]);
  });

  it('keeps the undrawn day ahead of the history days that come after it', () => {
    const series = new SeriesStore();
    series.addView(view(stateOf(3)));
    // A fast tick: day 4 was in a patch no frame drew, days 5-6 come as `history` before the patch of day 7.
    keepUndrawnDay(series, stateOf(4), undefined, view);
    for (const d of [5, 6]) series.addMarket(point(d));
    series.addView(view(stateOf(7)));
    expect(series.days).toEqual([3, 4, 5, 6, 7]);
  });
});
