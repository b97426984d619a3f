import { describe, expect, it } from 'vitest';
import { SCENARIO_IDS, getScenario } from '../../../shared/economy/scenarios/index.js';
import {
  MAX_DAYS_PER_SECOND, MIN_DAYS_PER_SECOND, PACE_STEPS_DAYS_PER_SECOND, defaultDaysPerSecond, matchMinutes, secondsPerDay,
} from '../../../shared/rules/pace.js';

describe('pace', () => {
  it('makes halving-sprint a 20-30 minute match at its default pace (days × seconds per day)', () => {
    const sprint = getScenario('halving-sprint')!;
    const dps = defaultDaysPerSecond(sprint.days);
    const minutes = (sprint.days * secondsPerDay(dps)) / 60;
    expect(minutes).toBeGreaterThanOrEqual(20);
    expect(minutes).toBeLessThanOrEqual(30);
    // Enough time to read a headline and place an order each game day.
    expect(secondsPerDay(dps)).toBeGreaterThanOrEqual(8);
  });

  it('gives every scenario a default inside what rooms accept, lasting 20-30 minutes', () => {
    for (const id of SCENARIO_IDS) {
      const days = getScenario(id)!.days;
      const dps = defaultDaysPerSecond(days);
      expect(dps).toBeGreaterThanOrEqual(MIN_DAYS_PER_SECOND);
      expect(dps).toBeLessThanOrEqual(MAX_DAYS_PER_SECOND);
      expect(matchMinutes(days, dps)).toBeGreaterThan(20);
      expect(matchMinutes(days, dps)).toBeLessThan(30);
    }
  });

  it("offers the host every pace from the title screen's slowest to its fastest, in order", () => {
    expect(PACE_STEPS_DAYS_PER_SECOND[0]).toBe(MIN_DAYS_PER_SECOND);
    expect(PACE_STEPS_DAYS_PER_SECOND.at(-1)).toBe(MAX_DAYS_PER_SECOND);
    expect([...PACE_STEPS_DAYS_PER_SECOND].sort((a, b) => a - b)).toEqual(PACE_STEPS_DAYS_PER_SECOND);
    expect(PACE_STEPS_DAYS_PER_SECOND).toContain(defaultDaysPerSecond(getScenario('halving-sprint')!.days));
  });

  it('clamps absurd lengths to the accepted range', () => {
    expect(defaultDaysPerSecond(0)).toBe(MIN_DAYS_PER_SECOND);
    expect(defaultDaysPerSecond(1)).toBe(MIN_DAYS_PER_SECOND);
    expect(defaultDaysPerSecond(10_000_000)).toBe(MAX_DAYS_PER_SECOND);
  });
});
