/**
 * Issue 11 item 4: a room cannot be locked against its own players. Join/leave cycles do not fill
 * it for good, spectators never lock it, and a seat-token or host-token rejoin always gets in.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client } from 'colyseus.js';
import { bootServer, createRoom, joinRoom, record, waitFor, waitMessage, welcomeOf, type Recorded, type TestServer } from '../helpers.js';

let ts: TestServer;
beforeAll(async () => {
  // The room limit is the default (100); the per-address limit is lifted so one test client can reach it.
  ts = await bootServer({ reconnectSeconds: 30, maxSpectatorsPerAddress: 1000 });
});
afterAll(async () => {
  await ts?.stop();
});

describe('seat policy', () => {
  it('six join/leave cycles in a 4-seat room still leave a seat for a fresh player; a taken-over seat\'s old token dies', async () => {
    const host = await createRoom(ts.url, { maxPlayers: 4 });
    const tokens: { playerId: string; seatToken: string }[] = [];
    for (let i = 0; i < 6; i++) {
      const guest = await joinRoom(ts.url, host.room.roomId, { playerName: `Cycle ${i + 1}` });
      tokens.push(await welcomeOf(guest));
      await guest.room.leave(true);
      await waitFor(() => host.room.state.players.get(tokens[i]!.playerId)?.control === 'bot', 5000, `seat ${i + 1} released`);
    }
    expect(host.room.state.players.size).toBe(4);
    const fresh = await joinRoom(ts.url, host.room.roomId, { playerName: 'Fresh' });
    const fw = await welcomeOf(fresh);
    expect(fw.spectator).toBe(false);
    await waitFor(() => host.room.state.players.get(fw.playerId)?.control === 'human', 5000, 'fresh player seated');
    expect(host.room.state.players.size).toBe(4);
    // Whoever left that company last cannot take it back from the newcomer with its old token.
    const lastOwner = tokens.filter((t) => t.playerId === fw.playerId).at(-1)!;
    await expect(joinRoom(ts.url, host.room.roomId, { seatToken: lastOwner.seatToken })).rejects.toThrow(/not yours/);
    // Everyone else's token still takes their own company back.
    const other = tokens.filter((t) => t.playerId !== fw.playerId).at(-1)!;
    const back = await joinRoom(ts.url, host.room.roomId, { seatToken: other.seatToken });
    expect((await welcomeOf(back)).playerId).toBe(other.playerId);
    await Promise.all([host.room.leave(), fresh.room.leave(), back.room.leave()]);
  });

  it('110 spectator sockets neither take seats nor lock the room: the 101st is refused, seat-token and host-token rejoins get in', async () => {
    const host = await createRoom(ts.url, { maxPlayers: 2 });
    const hw = await welcomeOf(host);
    const guest = await joinRoom(ts.url, host.room.roomId, { playerName: 'Guest' });
    const gw = await welcomeOf(guest);
    const code = host.room.roomId;
    const watchers: Recorded[] = [];
    const refusals: string[] = [];
    for (let i = 0; i < 110; i++) {
      try {
        watchers.push(record(await new Client(ts.url).joinById(code, { spectate: true }), false));
      } catch (err) {
        refusals.push((err as Error).message);
      }
    }
    expect(watchers).toHaveLength(100);
    expect(refusals).toHaveLength(10);
    expect(refusals[0]).toMatch(/100 spectators, its limit/);
    const listing = ((await (await fetch(`${ts.http}/api/rooms`)).json()) as { roomId: string; locked: boolean; seats: number }[]).find((r) => r.roomId === code)!;
    expect(listing.locked).toBe(false);
    expect(listing.seats).toBe(2);

    // Both people drop (their windows open) and come back on new devices with their tokens.
    await Promise.all([guest.room.leave(false), host.room.leave(false)]);
    await waitFor(() => watchers[0]!.room.state.players.get(gw.playerId)?.connected === false, 5000, 'guest shown dropped');
    const guestBack = await joinRoom(ts.url, code, { seatToken: gw.seatToken });
    expect((await welcomeOf(guestBack)).playerId).toBe(gw.playerId);
    const hostBack = await joinRoom(ts.url, code, { seatToken: hw.seatToken, hostToken: hw.hostToken });
    const hb = await welcomeOf(hostBack);
    expect(hb.isHost).toBe(true);
    expect(hb.playerId).toBe(hw.playerId);
    // A host watching from a second screen is not a spectator that counts either.
    const hostScreen = await joinRoom(ts.url, code, { spectate: true, hostToken: hw.hostToken });
    expect((await welcomeOf(hostScreen)).isHost).toBe(true);
    hostBack.room.send('start', { ref: 'go' });
    await waitMessage(hostBack, 'ack', (p) => p.ref === 'go');
    await Promise.all([...watchers.map((w) => w.room.leave()), guestBack.room.leave(), hostBack.room.leave(), hostScreen.room.leave()]);
  });
});

describe('spectators per address', () => {
  let small: TestServer;
  beforeAll(async () => {
    small = await bootServer({ maxSpectatorsPerAddress: 3 });
  });
  afterAll(async () => {
    await small?.stop();
  });

  it('caps spectators from one address with a clear error, and a forged X-Real-IP / X-Forwarded-For does not get around it', async () => {
    const host = await createRoom(small.url, {});
    const code = host.room.roomId;
    const watchers = await Promise.all([1, 2, 3].map(() => joinRoom(small.url, code, { spectate: true })));
    await expect(joinRoom(small.url, code, { spectate: true })).rejects.toThrow(/Too many spectators from your address: at most 3/);
    const forged = await fetch(`${small.http}/matchmake/joinById/${code}`, {
      method: 'POST', headers: { 'Content-Type': 'application/json', 'X-Real-IP': '203.0.113.9', 'X-Forwarded-For': '198.51.100.7' },
      body: JSON.stringify({ spectate: true }),
    });
    await expect(new Client(small.url).consumeSeatReservation(await forged.json())).rejects.toThrow(/Too many spectators from your address/);
    // Players are not spectators: a fresh player still gets a seat.
    const player = await joinRoom(small.url, code, {});
    expect((await welcomeOf(player)).spectator).toBe(false);
    await Promise.all([host.room.leave(), player.room.leave(), ...watchers.map((w) => w.room.leave())]);
  });
});
