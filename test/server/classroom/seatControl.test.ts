import { describe, expect, it } from 'vitest';
import { ALL_SEATS, awayBotsFrom, awayPolicy, controllerOf, seatsToSwitch, setAwayBots } from '../../../server/classroom/seatControl.js';

const none = { all: false, seats: [] as string[] };

describe('who runs a class seat while its student is away', () => {
  it('freezes by default; bots only where the teacher turned them on', () => {
    expect(awayPolicy(none, 'p1')).toBe('freeze');
    const one = setAwayBots(none, 'p1', true);
    expect(awayPolicy(one, 'p1')).toBe('bot');
    expect(awayPolicy(one, 'p2')).toBe('freeze');
    expect(awayPolicy(setAwayBots(one, ALL_SEATS, true), 'p2')).toBe('bot');
    expect(awayPolicy(setAwayBots(one, 'p1', false), 'p1')).toBe('freeze');
  });

  it('turning the class switch off also clears the per-seat choices', () => {
    const choice = setAwayBots(setAwayBots(none, 'p1', true), ALL_SEATS, true);
    expect(setAwayBots(choice, ALL_SEATS, false)).toEqual(none);
  });

  it('switches only away student seats, never a seat its student holds or one in a reconnection window', () => {
    const seats = [
      { playerId: 'p1', control: 'frozen' as const, kicked: false },
      { playerId: 'p2', control: 'human' as const, kicked: false },
      { playerId: 'p3', control: 'frozen' as const, kicked: false },
      { playerId: 'p4', control: 'bot' as const, kicked: false },
      { playerId: 'p5', control: 'frozen' as const, kicked: true },
    ];
    const student = (id: string) => id !== 'p4';
    const reconnecting = (id: string) => id === 'p3';
    expect(seatsToSwitch(seats, { all: true, seats: [] }, student, reconnecting)).toEqual([{ playerId: 'p1', policy: 'bot' }]);
    const botRun = seats.map((s) => (s.playerId === 'p1' ? { ...s, control: 'bot' as const } : s));
    expect(seatsToSwitch(botRun, none, student, reconnecting)).toEqual([{ playerId: 'p1', policy: 'freeze' }]);
  });

  it('reads a stored choice defensively and names who controlled an action', () => {
    expect(awayBotsFrom(undefined)).toEqual(none);
    expect(awayBotsFrom({ all: true, seats: ['p1', 'p1', 3] })).toEqual({ all: true, seats: ['p1'] });
    expect(controllerOf(true, undefined)).toBe('teacher');
    expect(controllerOf(false, 'bot')).toBe('bot');
    expect(controllerOf(false, 'human')).toBe('student');
  });
});
