import { describe, expect, it } from 'vitest';
import { buildSessionOptions, mixedBots, parseEventSchedule, parseLabels, type SetupValues } from '../../../client/src/classroom/sessionOptions.js';
import { parseSchedule } from '../../../client/src/classroom/eventSchedule.js';
import { applyTreatment, parseClassroomOptions } from '../../../server/classroom/settings.js';
import { getScenario } from '../../../shared/economy/scenarios/index.js';
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

  it('asks for "choose your name from the list" only with labels', () => {
    const withLabels = buildSessionOptions({ ...base, labelsText: 'S1\nS2', labelList: true });
    const without = buildSessionOptions({ ...base, labelList: true });
    expect(withLabels.ok && withLabels.options.classroom).toMatchObject({ labels: ['S1', 'S2'], labelList: true });
    expect(without.ok && 'labelList' in (without.options.classroom ?? {})).toBe(false);
    if (withLabels.ok) expect(parseClassroomOptions(withLabels.options.classroom).labelList).toBe(true);
  });

  it('refuses bad numbers and bad events with every problem listed', () => {
    const r = buildSessionOptions({ ...base, contestPeriodDays: '0', startingCashUsd: '-5', eventsText: '3 nothing' });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors).toHaveLength(3);
  });
});

describe('the event schedule is strict', () => {
  it('reads "30 crash 30% …" as a 30 % crash, never as a default crash headlined "30%"', () => {
    const r = parseSchedule('30 crash 30% Exchange collapse!\n31 openModelRelease 12% Open weights\n32 rateChange -0.5%');
    expect(r.errors).toEqual([]);
    expect(r.events).toEqual([
      { day: 30, kind: 'crash', params: { pct: 30 }, headline: 'Exchange collapse!' },
      { day: 31, kind: 'openModelRelease', params: { demandPct: 12 }, headline: 'Open weights' },
      { day: 32, kind: 'rateChange', params: { deltaPct: -0.5 } },
    ]);
  });

  it('refuses what it cannot read, saying why', () => {
    const r = parseSchedule([
      '30 crash 30 Exchange collapse', '30 crash pct=300', '30 crash size=30', '30 halving 5%', '30 crash pct=30 pct=20', '30 crash pct=lots', '200 crash', '0 crash',
    ].join('\n'), 120);
    expect(r.events).toEqual([]);
    expect(r.errors.map((e) => e.code)).toEqual(['BARE_NUMBER', 'OUT_OF_RANGE', 'UNKNOWN_PARAM', 'NO_PERCENT', 'DUPLICATE_PARAM', 'BAD_VALUE', 'DAY_TOO_LATE', 'BAD_DAY']);
    expect(r.errors[0]!.message).toBe('line 1: "30" after crash is ambiguous: write pct=30 (or 30%), or start the headline with a word');
    expect(r.errors[1]!.message).toMatch(/^line 2: crash\.pct must be between 0\.1 and 95/);
    expect(r.errors[2]!.message).toMatch(/crash has no parameter "size" \(it takes: pct\)/);
    expect(r.errors[6]!.message).toMatch(/the last day an event can fire is 119/);
  });

  it('accepts event names in any case and headlines that start with a word', () => {
    expect(parseSchedule('12 Crash Flash crash').events).toEqual([{ day: 12, kind: 'crash', headline: 'Flash crash' }]);
  });

  it('every event the parser accepts passes the server\u2019s own checks', () => {
    const r = buildSessionOptions({ ...base, eventsText: '30 crash 30% Exchange collapse!\n40 feeSpike multiplier=3 days=5', scenarioDays: 120 });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const scenario = getScenario('halving-sprint')!;
    expect(() => applyTreatment(scenario, parseClassroomOptions(r.options.classroom), 'seed')).not.toThrow();
  });
});
