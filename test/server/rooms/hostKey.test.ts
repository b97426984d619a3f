/**
 * Issue 11 item 1: host and teacher rights belong to the create request, not to whoever connects
 * first. The creator here opens its socket late (a slow phone), after an attacker who watched the
 * lobby and `GET /api/rooms` (or read the code off the projector) has already joined.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client } from 'colyseus.js';
import { SCENARIO, bootServer, record, waitFor, waitMessage, welcomeOf, WAIT_CEILING_MS, type TestServer } from '../helpers.js';

let ts: TestServer;
beforeAll(async () => {
  ts = await bootServer();
});
afterAll(async () => {
  await ts?.stop();
});

/** The create request alone, as a slow client makes it: the reservation, no socket yet. */
async function reserveCreate(options: Record<string, unknown>): Promise<any> {
  const res = await fetch(`${ts.http}/matchmake/create/market`, {
    method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ scenario: SCENARIO, seed: 'host-race', ...options }),
  });
  const reservation = await res.json();
  expect(reservation.error).toBeUndefined();
  return reservation;
}

describe('host key', () => {
  it('an attacker who joins a new room from the lobby before the creator connects gets no host rights; the creator does', async () => {
    const reservation = await reserveCreate({ name: 'Race me' });
    const code: string = reservation.room.roomId;
    // Where an attacker learns new codes: polling /api/rooms, and the lobby.
    await waitFor(async () => ((await (await fetch(`${ts.http}/api/rooms`)).json()) as { roomId: string }[]).some((r) => r.roomId === code), WAIT_CEILING_MS, 'the new code in /api/rooms');
    const lobby = await new Client(ts.url).joinOrCreate('lobby');
    const listed = await new Promise<{ roomId: string }[]>((res) => lobby.onMessage('rooms', res));
    expect(listed.map((r) => r.roomId)).toContain(code);

    // The attacker is in, with every trick a client has: first socket, forged options.
    const attacker = record(await new Client(ts.url).joinById(code, { playerName: 'Mallory', creatorKey: 'guess', hostToken: '' }));
    const aw = await welcomeOf(attacker);
    expect(aw.isHost).toBe(false);
    expect(aw.hostToken).toBe('');
    attacker.room.send('start', { ref: 'steal' });
    expect((await waitMessage(attacker, 'error', (p) => p.ref === 'steal')).code).toBe('NOT_HOST');
    await new Promise((r) => setTimeout(r, 200));

    // The creator's socket opens 200 ms later than the attacker's.
    const creator = record(await new Client(ts.url).consumeSeatReservation(reservation));
    const cw = await welcomeOf(creator);
    expect(cw.isHost).toBe(true);
    expect(cw.hostToken).not.toBe('');
    await waitFor(() => creator.room.state.players?.get(cw.playerId)?.isHost === true, 5000, 'creator shown as host');
    expect(creator.room.state.players.get(aw.playerId).isHost).toBe(false);
    creator.room.send('start', { ref: 'go' });
    await waitMessage(creator, 'ack', (p) => p.ref === 'go');
    expect(attacker.raw().includes(cw.hostToken)).toBe(false);
    expect((await fetch(`${ts.http}/api/matches/${code}/export.csv?token=${cw.hostToken}`)).status).toBe(200);
    await Promise.all([lobby.leave(), attacker.room.leave(), creator.room.leave()]);
  });

  it('a class code read off the projector before the teacher connects gives no teacher rights, roster or export', async () => {
    const reservation = await reserveCreate({ classroom: {} });
    const code: string = reservation.room.roomId;
    const attacker = record(await new Client(ts.url).joinById(code, { spectate: true }));
    const aw = await welcomeOf(attacker);
    expect(aw.isHost).toBe(false);
    expect(aw.hostToken).toBe('');
    attacker.room.send('guessStart', { p: 0.67, rounds: 1, ref: 'g' });
    expect((await waitMessage(attacker, 'error', (p) => p.ref === 'g')).code).toBe('NOT_HOST');

    const teacher = record(await new Client(ts.url).consumeSeatReservation(reservation));
    const tw = await welcomeOf(teacher);
    expect(tw.isHost).toBe(true);
    expect(tw.spectator).toBe(true);
    await waitMessage(teacher, 'roster');
    expect(attacker.messages.some((m) => m.type === 'roster')).toBe(false);
    expect((await fetch(`${ts.http}/api/sessions/${code}/export.zip`)).status).toBe(403);
    expect((await fetch(`${ts.http}/api/sessions/${code}/export.zip?token=${tw.hostToken}`)).status).toBe(200);
    await Promise.all([attacker.room.leave(), teacher.room.leave()]);
  });

  it('a reservation that is not the create request\'s never becomes host, even if it is the only one', async () => {
    const reservation = await reserveCreate({});
    const code: string = reservation.room.roomId;
    const first = record(await new Client(ts.url).joinById(code, {}));
    expect((await welcomeOf(first)).isHost).toBe(false);
    const creator = record(await new Client(ts.url).consumeSeatReservation(reservation));
    expect((await welcomeOf(creator)).isHost).toBe(true);
    // The key is spent: a second socket on a copied reservation is refused by Colyseus, and a later join is a guest.
    const later = record(await new Client(ts.url).joinById(code, {}));
    expect((await welcomeOf(later)).isHost).toBe(false);
    await Promise.all([first.room.leave(), creator.room.leave(), later.room.leave()]);
  });
});
