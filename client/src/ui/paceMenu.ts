/** The speed menu shared by the host controls and the projector: every pace a room accepts. */
import { MAX_DAYS_PER_SECOND, MIN_DAYS_PER_SECOND, PACE_STEPS_DAYS_PER_SECOND, matchMinutes, secondsPerDay } from '../../../shared/rules/pace.js';
import { h } from './dom.js';
import { t } from '../i18n/index.js';

/** "0.08 d/s · 12.5 s/day": the slow paces read better as seconds per day. */
export function paceLabel(daysPerSecond: number): string {
  const s = secondsPerDay(daysPerSecond);
  // Below a second a day, seconds per day stop meaning much to a reader.
  if (s < 1) return t('unit.dps', { n: daysPerSecond });
  return t('host.paceOption', { dps: daysPerSecond, seconds: s >= 10 ? s.toFixed(1) : s.toFixed(2) });
}

/** Fills `select` with the pace steps plus `current` when it is off the steps (a typed title-screen pace). */
export function fillPaceMenu(select: HTMLSelectElement, current: number): void {
  const values = [...PACE_STEPS_DAYS_PER_SECOND];
  if (Number.isFinite(current) && current > 0 && !values.includes(current)) values.push(current);
  values.sort((a, b) => a - b);
  const key = values.join(',');
  if (select.dataset.steps !== key) {
    select.dataset.steps = key;
    select.replaceChildren(...values.map((v) => h('option', { value: v }, paceLabel(v))));
  }
  if (document.activeElement !== select) select.value = String(current);
}

/** "≈ 25 min · 12.5 s a day": what a pace means in real time, so nobody starts a 60-second match by accident. */
export function paceLine(days: number, daysPerSecond: number): string {
  if (!(daysPerSecond >= MIN_DAYS_PER_SECOND && daysPerSecond <= MAX_DAYS_PER_SECOND)) return t('title.paceRange', { min: MIN_DAYS_PER_SECOND, max: MAX_DAYS_PER_SECOND });
  const minutes = matchMinutes(days, daysPerSecond);
  return t('title.paceHint', { minutes: minutes >= 10 ? Math.round(minutes) : minutes.toFixed(1), seconds: secondsPerDay(daysPerSecond).toFixed(secondsPerDay(daysPerSecond) >= 10 ? 1 : 2) });
}
