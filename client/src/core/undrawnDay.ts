/**
 * Views are built at most once per animation frame (NetworkService.schedulePublish). A tab in the
 * background draws no frames and a slow device draws few, so several days' patches can land before
 * the next view is built; the synced state carries no chart ring and `history` only brings days no
 * patch showed, so without this the charts would join the last drawn day to the next one with a
 * straight line over every day in between.
 */
import type { PlayerView } from '../../../shared/rules/view.js';
import type { StateJson } from '../../../shared/sync/viewAdapter.js';
import type { SeriesStore } from './SeriesStore.js';

/**
 * Before `undrawn` (a state no view was built from yet) gives way to a state of `nextDay`, or to
 * `history` days (`nextDay` undefined: they come after it), its day goes into the series.
 */
export function keepUndrawnDay(series: SeriesStore, undrawn: StateJson | null, nextDay: number | undefined, view: (json: StateJson) => PlayerView | null): void {
  if (!undrawn?.world?.date || undrawn.world.day === nextDay) return;
  const v = view(undrawn);
  if (v) series.addView(v);
}
