/**
 * Issue 11 item 7: one live session per seat. A seat token used inside the owner's reconnection
 * window takes the seat and closes that window; a kicked player, dropped or not, cannot come back
 * and receives nothing private.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client } from 'colyseus.js';
import { bootServer, createRoom, joinRoom, record, waitFor, waitMessage, welcomeOf, type TestServer } from '../helpers.js';

let ts: TestServer;
beforeAll(async () => {
  ts = await bootServer({ reconnectSeconds: 30 });
});
afterAll(async () => {
  await ts?.stop();
});

describe('reconnection', () => {
  it('a seat-token join during the owner\'s reconnection window takes the seat; the old reconnection token then fails', async () => {
    const host = await createRoom(ts.url, { daysPerSecond: 5 });
    const guest = await joinRoom(ts.url, host.room.roomId, { playerName: 'Owner' });
    const gw = await welcomeOf(guest);
    host.room.send('start', {});
    await waitFor(() => host.room.state.room?.phase === 'running', 5000, 'running');
    const reconnectionToken = guest.room.reconnectionToken;
    await guest.room.leave(false);
    await waitFor(() => host.room.state.players.get(gw.playerId)?.connected === false, 5000, 'owner shown dropped');

    const other = await joinRoom(ts.url, host.room.roomId, { seatToken: gw.seatToken });
    expect((await welcomeOf(other)).playerId).toBe(gw.playerId);
    await expect(new Client(ts.url).reconnect(reconnectionToken)).rejects.toThrow();
    other.room.send('setTreasuryPolicy', { sellMinedPct: 42, ref: 'mine' });
    await waitMessage(other, 'ack', (p) => p.ref === 'mine');
    await waitFor(() => host.room.state.players.get(gw.playerId)?.connected === true, 5000, 'seat connected again');
    expect(host.room.state.players.get(gw.playerId).control).toBe('human');
    // While that session is live, the same token cannot open a second one.
    await expect(joinRoom(ts.url, host.room.roomId, { seatToken: gw.seatToken })).rejects.toThrow(/in use/);
    await Promise.all([host.room.leave(), other.room.leave()]);
  });

  it('a player kicked while dropped cannot reconnect, and its seat token is dead', async () => {
    const host = await createRoom(ts.url, { daysPerSecond: 5 });
    const guest = await joinRoom(ts.url, host.room.roomId, { playerName: 'Dropped' });
    const gw = await welcomeOf(guest);
    host.room.send('start', {});
    await waitFor(() => host.room.state.room?.phase === 'running', 5000, 'running');
    const reconnectionToken = guest.room.reconnectionToken;
    await guest.room.leave(false);
    await waitFor(() => host.room.state.players.get(gw.playerId)?.connected === false, 5000, 'shown dropped');
    host.room.send('kick', { playerId: gw.playerId, ref: 'k' });
    await waitMessage(host, 'ack', (p) => p.ref === 'k');

    let back: ReturnType<typeof record> | null = null;
    try {
      back = record(await new Client(ts.url).reconnect(reconnectionToken));
    } catch {
      back = null;
    }
    if (back) {
      // Even if a socket opened, nothing private may reach it.
      await new Promise((r) => setTimeout(r, 500));
      expect(back.messages.filter((m) => m.type === 'private' || m.type === 'welcome' || m.type === 'myEvents')).toEqual([]);
    }
    expect(back).toBeNull();
    await expect(joinRoom(ts.url, host.room.roomId, { seatToken: gw.seatToken })).rejects.toThrow(/not yours/);
    await waitFor(() => host.room.state.players.get(gw.playerId)?.control === 'bot', 5000, 'kicked seat run by a bot');
    await host.room.leave();
  });
});
