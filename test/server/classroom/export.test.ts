/** The session export's timeline: pauses (teacher's and server restarts), decision timing, who controlled, payments. */
import { describe, expect, it } from 'vitest';
import { getScenario } from '../../../shared/economy/scenarios/index.js';
import { paymentAmounts, sessionCsvs, type SessionExportInput } from '../../../server/classroom/export.js';
import { parseClassroomOptions } from '../../../server/classroom/settings.js';
import type { SessionEventRow } from '../../../server/classroom/store.js';
import type { LogEntry } from '../../../shared/rules/replay.js';
import { csvRecords } from '../../support/csv.js';

const T0 = Date.parse('2026-03-02T09:00:00.000Z');
const at = (s: number) => new Date(T0 + s * 1000).toISOString();

const parse = csvRecords;

function input(): SessionExportInput {
  const scenario = getScenario('halving-sprint')!;
  const entries: LogEntry[] = [
    { day: 0, kind: 'join', playerId: 'p1', name: 'Ana', strategy: '' },
    { day: 0, kind: 'join', playerId: 'p2', name: 'treasurer 1', strategy: 'treasurer' },
    { day: 1, kind: 'action', playerId: 'p1', action: { type: 'setTreasuryPolicy', sellMinedPct: 40 } as never },
    { day: 2, kind: 'action', playerId: 'p1', action: { type: 'setTreasuryPolicy', sellMinedPct: 100 } as never },
  ];
  const times = [at(0), at(1), at(100), at(210)];
  const ev = (s: number, kind: SessionEventRow['kind'], data: Record<string, unknown>, day = 0): SessionEventRow => ({ kind, day, playerId: '', data, createdAt: at(s) });
  return {
    session: {
      code: 'ABCD', name: 'Class', scenarioId: 'halving-sprint', status: 'running', createdAt: at(-30), updatedAt: at(210), daysPerSecond: 1,
      settings: parseClassroomOptions({ labels: ['S1', 'S2'], teacher: 'Dr Haddad' }),
    },
    events: [
      ev(10, 'phase', { phase: 'running' }),
      ev(60, 'phase', { phase: 'paused' }, 1),
      ev(61, 'question', { question: 'Why?' }, 1),
      ev(70, 'question', { question: 'Why now?' }, 1),
      ev(90, 'phase', { phase: 'running' }, 1),
      // The server died after the decision at 100 s (its last record) and came back running at 200 s.
      ev(200, 'phase', { phase: 'running', restored: true }, 2),
    ],
    scenario, seed: 'seed-1', finalDay: 3, entries,
    actionRows: entries.map((e, i) => ({
      seq: i + 1, day: e.day, player_id: e.playerId, kind: e.kind === 'join' ? 'join' : e.action.type,
      // The room records who controlled the seat; the second change was made by the seat's bot.
      entry_json: JSON.stringify(i === 3 ? { ...e, controller: 'bot' } : e), created_at: times[i]!,
    })),
    rejected: [], guessGames: [], guessLog: [],
    realNames: new Map([['p1', 'Ana Real']]), labels: new Map([['p1', 'S1']]),
  };
}

describe('session export timeline', () => {
  const files = sessionCsvs(input());

  it('lists the teacher pause with its questions and the server restart as a pause from the last record to the return', () => {
    const pauses = parse(files['pauses.csv']!);
    expect(pauses.map((p) => [p.reason, p.paused_at, p.resumed_at, p.seconds])).toEqual([
      ['teacher', at(60), at(90), '30'],
      ['server_restart', at(100), at(200), '100'],
    ]);
    expect(files['pauses.csv']).toContain('"Why?\nWhy now?"');
    expect(pauses[0]!.question).toBe('Why now?');
  });

  it('times each decision from when it became possible and from the previous one, and records who controlled it', () => {
    const d = parse(files['decisions.csv']!);
    expect(d.map((r) => [r.decision_no, r.possible_because, r.possible_since, r.seconds_since_possible, r.seconds_since_previous, r.controlled_by])).toEqual([
      ['1', 'resume', at(90), '10', '', 'student'],
      ['2', 'restart', at(200), '10', '10', 'bot'],
    ]);
    expect(d[0]).toMatchObject({ session_code: 'ABCD', participant_code: 'ABCD-p1', participant_label: 'S1', name: 'Ana Real' });
  });

  it('writes the session row with treatment, teacher and times, and the roster with the label that never joined', () => {
    const [s] = parse(files['session.csv']!);
    expect(s).toMatchObject({ session_code: 'ABCD', teacher: 'Dr Haddad', started_at: at(10), pauses: '2', pause_seconds: '130', labels: '2', labels_joined: '1', seats_students: '1', seats_bots: '1' });
    const roster = parse(files['roster.csv']!);
    expect(roster.map((r) => [r.participant_label, r.player_id, r.joined, r.kind])).toEqual([['S1', 'p1', 'true', 'student'], ['S2', '', 'false', 'student'], ['', 'p2', 'true', 'bot']]);
  });
});

describe('payment rules', () => {
  it('pays by rank linearly from max to min, ties sharing the better place', () => {
    const rule = { rule: 'rank', basis: 'market', maxAmount: 100, minAmount: 0, showUpAmount: 0, unit: 'points' } as const;
    expect(paymentAmounts([5, 9, 9, 1, 3], rule)).toEqual([
      { rank: 3, amount: 50 }, { rank: 1, amount: 100 }, { rank: 1, amount: 100 }, { rank: 5, amount: 0 }, { rank: 4, amount: 25 },
    ]);
  });

  it('pays in proportion to the score, in cents for a currency, plus a show-up fee', () => {
    const rule = { rule: 'score', basis: 'nav', maxAmount: 20, minAmount: 5, showUpAmount: 2.5, unit: 'EUR' } as const;
    expect(paymentAmounts([0, 1, 3], rule).map((a) => a.amount)).toEqual([7.5, 12.5, 22.5]);
    expect(paymentAmounts([4, 4], rule).map((a) => a.amount)).toEqual([22.5, 22.5]);
  });
});
