import { describe, expect, it } from 'vitest';
import { resolveSeat, type SeatClassroom, type SeatWorld } from '../../../server/rooms/seatPolicy.js';
import type { Seat } from '../../../server/rooms/seats.js';

const seat = (playerId: string, over: Partial<Seat> = {}): Seat => ({
  playerId, name: playerId, seatToken: `tok-${playerId}`, control: 'human', kicked: false, sessionId: '', bot: null, ...over,
});

function world(seats: Seat[], over: Partial<SeatWorld> = {}): SeatWorld {
  return {
    seats: new Map(seats.map((s) => [s.playerId, s])), phase: 'running', maxPlayers: 4, classroom: null,
    createdAsBot: () => false, reconnecting: () => false, connected: () => false, ...over,
  };
}

const labelled = (bound: Record<string, string> = {}): SeatClassroom => ({
  hasLabels: true, guestsAllowed: false, labelList: false,
  canonicalLabel: (l) => ['Ana', 'Ben'].find((x) => x.toLowerCase() === l.trim().toLowerCase()) ?? null,
  labelOfKey: (k) => (k === 'key-ana' ? 'Ana' : null),
  seatForLabel: (l) => {
    if (!['ana', 'ben'].includes(l.trim().toLowerCase())) throw new Error(`Unknown label "${l}": ask your teacher for yours.`);
    return Object.entries(bound).find(([k]) => k.toLowerCase() === l.trim().toLowerCase())?.[1] ?? null;
  },
  labelOf: (id) => Object.entries(bound).find(([, p]) => p === id)?.[0] ?? '',
});

describe('resolveSeat (pure)', () => {
  it('gives a free seat to a newcomer, named as typed or numbered', () => {
    expect(resolveSeat({ playerName: '  Ada ' }, world([seat('p1')]))).toEqual({ kind: 'new', name: 'Ada' });
    expect(resolveSeat({}, world([seat('p1')]))).toEqual({ kind: 'new', name: 'Player 2' });
  });

  it('returns its own seat to a seat token, takes it from a dropped holder, refuses a live one or a kicked seat', () => {
    const mine = seat('p1', { sessionId: 's1' });
    expect(resolveSeat({ seatToken: 'tok-p1' }, world([mine]))).toEqual({ kind: 'own', seat: mine, takeBack: false });
    expect(resolveSeat({ seatToken: 'tok-p1' }, world([mine], { reconnecting: () => true }))).toEqual({ kind: 'own', seat: mine, takeBack: true });
    expect(resolveSeat({ seatToken: 'tok-p1' }, world([mine], { connected: () => true }))).toEqual({ kind: 'refuse', message: 'This seat is in use.' });
    expect(resolveSeat({ seatToken: 'tok-p1' }, world([seat('p1', { kicked: true })]))).toMatchObject({ kind: 'refuse', message: /not yours/ });
    expect(resolveSeat({ seatToken: 'nope' }, world([mine]))).toMatchObject({ kind: 'refuse' });
  });

  it('in a full room hands over the earliest seat a person left for good, never a bot-created, reconnecting or labelled one', () => {
    const seats = [seat('p1'), seat('p2', { control: 'bot' }), seat('p3', { control: 'bot' }), seat('p4', { control: 'frozen' })];
    const full = world(seats, { createdAsBot: (id) => id === 'p2', reconnecting: (id) => id === 'p3' });
    expect(resolveSeat({ playerName: 'Zoe' }, full)).toEqual({ kind: 'takeover', seat: seats[3], name: 'Zoe' });
    expect(resolveSeat({}, world(seats.slice(0, 2).concat(seat('p3'), seat('p4')), { createdAsBot: () => true }))).toEqual({ kind: 'refuse', message: 'The room is full; join as a spectator.' });
    expect(resolveSeat({}, world([seat('p1')], { phase: 'ended' }))).toMatchObject({ kind: 'refuse', message: /ended/ });
  });

  it('admits a labelled session only by personal link: the link finds its label\'s seat, a label alone or no link is refused', () => {
    const ana = seat('p1');
    expect(resolveSeat({ studentKey: 'key-ana' }, world([], { classroom: labelled() }))).toEqual({ kind: 'new', name: 'Ana', label: 'Ana' });
    expect(resolveSeat({ studentKey: 'key-ana' }, world([ana], { classroom: labelled({ Ana: 'p1' }) }))).toEqual({ kind: 'own', seat: ana, takeBack: false });
    expect(resolveSeat({ studentKey: 'bad' }, world([], { classroom: labelled() }))).toMatchObject({ kind: 'refuse', message: /not valid/ });
    expect(resolveSeat({ label: 'Ana' }, world([], { classroom: labelled() }))).toMatchObject({ kind: 'refuse', message: /label alone/ });
    expect(resolveSeat({ playerName: 'Guest' }, world([], { classroom: labelled() }))).toMatchObject({ kind: 'refuse', message: /only its students/ });
    expect(resolveSeat({ playerName: 'Guest' }, world([], { classroom: { ...labelled(), guestsAllowed: true } }))).toEqual({ kind: 'new', name: 'Guest' });
  });

  it('"choose your name from the list": a free label takes its seat, a taken or unlisted one is refused, the seat token still returns', () => {
    const list = (bound: Record<string, string> = {}) => ({ ...labelled(bound), labelList: true });
    expect(resolveSeat({ label: ' ana ' }, world([], { classroom: list() }))).toEqual({ kind: 'new', name: 'Ana', label: 'Ana' });
    expect(resolveSeat({ label: 'Ben', playerName: 'Benjamin' }, world([], { classroom: list() }))).toEqual({ kind: 'new', name: 'Benjamin', label: 'Ben' });
    const ana = seat('p1');
    expect(resolveSeat({ label: 'Ana' }, world([ana], { classroom: list({ Ana: 'p1' }) }))).toMatchObject({ kind: 'refuse', message: /"Ana" is already taken/ });
    // The device that took it comes back with its seat token; the personal link works too.
    expect(resolveSeat({ label: 'Ana', seatToken: 'tok-p1' }, world([ana], { classroom: list({ Ana: 'p1' }) }))).toEqual({ kind: 'own', seat: ana, takeBack: false });
    expect(resolveSeat({ studentKey: 'key-ana' }, world([ana], { classroom: list({ Ana: 'p1' }) }))).toEqual({ kind: 'own', seat: ana, takeBack: false });
    for (const label of ['Zoe', '__proto__', 'constructor']) {
      expect(resolveSeat({ label }, world([], { classroom: list() }))).toMatchObject({ kind: 'refuse', message: /not on this class's list/ });
    }
    // Still no guests by name alone.
    expect(resolveSeat({ playerName: 'Guest' }, world([], { classroom: list() }))).toMatchObject({ kind: 'refuse', message: /only its students/ });
  });
});
