import { describe, expect, it } from 'vitest';
import { buildSessionOptions, mixedBots, parseEventSchedule, parseLabels, type SetupValues } from '../../../client/src/classroom/sessionOptions.js';
import { parseClassroomOptions } from '../../../server/classroom/settings.js';
import { MARKET_KEYS } from '../../../client/src/net/protocol.js';

const base: SetupValues = {
  className: 'Econ 101', scenario: 'halving-sprint', daysPerSecond: 2, startingCashUsd: '', markets: Object.fromEntries(MARKET_KEYS.map((k) => [k, true])) as SetupValues['markets'],
  eventsText: '', contestPeriodDays: '', maxStakeUsd: '', anonymousNames: false, chat: false, bots: 0, labelsText: '',
};

describe('teacher setup form', () => {
  it('parses an event schedule with parameters and headlines, and names bad lines', () => {
    const r = parseEventSchedule('# plan\n20 crash pct=30 Exchange collapse!\n\n35 pump\nx crash\n40 meteor');
    expect(r.events).toEqual([{ day: 20, kind: 'crash', params: { pct: 30 }, headline: 'Exchange collapse!' }, { day: 35, kind: 'pump' }]);
    expect(r.errors).toHaveLength(2);
    expect(r.errors[0]).toMatch(/^line 5:/);
    expect(r.errors[1]).toMatch(/^line 6: unknown event "meteor"/);
  });

  it('reads labels from lines or the first CSV column, dropping duplicates in any case', () => {
    expect(parseLabels('\uFEFFS01\ns02, Alice\n"S03";x\n\nS01\ns01\n  Bob Martin  ')).toEqual(['S01', 's02', 'S03', 'Bob Martin']);
    expect(parseLabels('Label,Email\nS01,a@x\nName\n')).toEqual(['S01', 'Name']);
  });

  it('splits bots evenly over the reference strategies', () => {
    const bots = mixedBots(9);
    expect(bots.reduce((s, b) => s + b.count, 0)).toBe(9);
    expect(Math.max(...bots.map((b) => b.count)) - Math.min(...bots.map((b) => b.count))).toBeLessThanOrEqual(1);
    expect(mixedBots(0)).toEqual([]);
  });

  it('builds classroom options the server accepts', () => {
    const r = buildSessionOptions({
      ...base, startingCashUsd: '25000000', contestPeriodDays: '10', maxStakeUsd: '500000', anonymousNames: true, bots: 2,
      markets: { ...base.markets, loans: false, equity: false }, eventsText: '12 crash Flash crash', labelsText: 'S01\nS02\nS03', teacher: '  Dr Haddad  ',
    });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.options).toMatchObject({ scenario: 'halving-sprint', daysPerSecond: 2, private: true, spectate: true, name: 'Econ 101' });
    const settings = parseClassroomOptions(r.options.classroom);
    expect(settings.startingCashUsd).toBe(25_000_000);
    expect(settings.contestPeriodDays).toBe(10);
    expect(settings.maxStakeUsd).toBe(500_000);
    expect(settings.marketsOpen.loans).toBe(false);
    expect(settings.marketsOpen.btcTrading).toBe(true);
    expect(settings.events).toEqual([{ day: 12, kind: 'crash', params: {}, headline: 'Flash crash' }]);
    expect(settings.labels).toEqual(['S01', 'S02', 'S03']);
    expect(settings.anonymousNames).toBe(true);
    expect(settings.teacher).toBe('Dr Haddad');
    // A blank teacher field leaves the setting out.
    const blank = buildSessionOptions({ ...base, teacher: ' ' });
    expect(blank.ok && 'teacher' in blank.options.classroom!).toBe(false);
  });

  it('refuses bad numbers and bad events with every problem listed', () => {
    const r = buildSessionOptions({ ...base, contestPeriodDays: '0', startingCashUsd: '-5', eventsText: '3 nothing' });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors).toHaveLength(3);
  });
});
