import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client } from 'colyseus.js';
import { bootServer, createRoom, joinRoom, record, waitFor, waitMessage, welcomeOf, WAIT_CEILING_MS, type TestServer } from './helpers.js';

let ts: TestServer;
beforeAll(async () => {
  ts = await bootServer({ reconnectSeconds: 1 });
});
afterAll(async () => {
  await ts?.stop();
});

describe('seats, privacy and reconnection', () => {
  it('never sends a player another player\'s private data', async () => {
    const a = await createRoom(ts.url, { daysPerSecond: 10 });
    const b = await joinRoom(ts.url, a.room.roomId, { playerName: 'Bea' });
    const spectator = await joinRoom(ts.url, a.room.roomId, { spectate: true });
    const aw = await welcomeOf(a);
    const bw = await welcomeOf(b);
    a.room.send('start', {});
    await waitFor(() => b.room.state.room?.phase === 'running');
    b.room.send('setTreasuryPolicy', { sellMinedPct: 73 });
    b.room.send('contestPick', { narrative: 'crypto', stakeUsd: 1000, ref: 'pick' });
    a.room.send('setTreasuryPolicy', { sellMinedPct: 11 });
    await waitMessage(b, 'ack', (p) => p.ref === 'pick');
    await waitMessage(b, 'private', (p) => p.me.sellMinedPct === 73 && p.me.contestPick?.stakeUsd === 1000);
    await waitMessage(a, 'private', (p) => p.me.sellMinedPct === 11);
    await waitFor(() => a.room.state.contest?.pickCount === 1, 5000, 'public pick count');
    // A whole day more: every private push of the day the actions landed has gone out to both.
    const dayOfPick = a.room.state.world.day;
    await waitFor(() => a.room.state.world.day > dayOfPick && b.room.state.world.day > dayOfPick, 5000, 'the next day');

    for (const [rec, self] of [[a, aw], [b, bw]] as const) {
      const privates = rec.messages.filter((m) => m.type === 'private' || m.type === 'myEvents');
      expect(privates.length).toBeGreaterThan(0);
      for (const m of privates.filter((x) => x.type === 'private')) expect(m.payload.me.id).toBe(self.playerId);
      for (const m of privates.filter((x) => x.type === 'myEvents')) for (const e of m.payload.events) expect(e.playerId).toBe(self.playerId);
    }
    expect(spectator.messages.some((m) => m.type === 'private' || m.type === 'myEvents')).toBe(false);
    // Tokens are per seat: nobody else's ever crosses the wire.
    expect(a.raw().includes(bw.seatToken)).toBe(false);
    expect(spectator.raw().includes(bw.seatToken)).toBe(false);
    expect(spectator.raw().includes(aw.seatToken)).toBe(false);
    expect(b.raw().includes(aw.hostToken)).toBe(false);
    // The synced state has no private fields at all.
    const json = JSON.stringify(spectator.room.state.toJSON());
    for (const key of ['cashUsd', 'sellMinedPct', 'stakeUsd', 'lots', 'loans', 'bids"']) expect(json).not.toContain(key);
    await Promise.all([a.room.leave(), b.room.leave(), spectator.room.leave()]);
  });

  it('a dropped player reconnects with its token and finds its holdings intact', async () => {
    const host = await createRoom(ts.url, { daysPerSecond: 5 });
    const guest = await joinRoom(ts.url, host.room.roomId, {});
    const gw = await welcomeOf(guest);
    host.room.send('start', {});
    await waitFor(() => guest.room.state.room?.phase === 'running');
    guest.room.send('contestPick', { narrative: 'ai', stakeUsd: 2500 });
    guest.room.send('setTreasuryPolicy', { sellMinedPct: 64 });
    const before = await waitMessage(guest, 'private', (p) => p.me.sellMinedPct === 64 && p.me.contestPick?.stakeUsd === 2500);
    host.room.send('pause', {});
    await waitFor(() => host.room.state.room?.phase === 'paused');
    const token = guest.room.reconnectionToken;
    await guest.room.leave(false);
    await waitFor(() => host.room.state.players.get(gw.playerId)?.connected === false, 5000, 'seat shown disconnected');

    const back = record(await new Client(ts.url).reconnect(token));
    const w = await welcomeOf(back);
    expect(w.playerId).toBe(gw.playerId);
    const after = await waitMessage(back, 'private');
    expect(after.me.cashUsd).toBe((await waitMessage(guest, 'private', (p) => p.me.sellMinedPct === 64)).me.cashUsd);
    expect(after.me.sellMinedPct).toBe(64);
    expect(after.me.contestPick).toEqual(before.me.contestPick);
    await waitFor(() => host.room.state.players.get(gw.playerId)?.connected === true, 5000, 'seat shown connected');
    expect(host.room.state.players.get(gw.playerId).control).toBe('human');
    back.room.send('announceNarrative', { narrative: 'crypto', ref: 'again' });
    host.room.send('resume', {});
    await waitMessage(back, 'ack', (p) => p.ref === 'again');
    await Promise.all([host.room.leave(), back.room.leave()]);
  });

  it('a player gone for good leaves a bot-run seat (default) that its seat token takes back', async () => {
    const host = await createRoom(ts.url, { daysPerSecond: 5 });
    const guest = await joinRoom(ts.url, host.room.roomId, {});
    const gw = await welcomeOf(guest);
    await guest.room.leave(false);
    await waitFor(() => host.room.state.players.get(gw.playerId)?.control === 'bot', 5000, 'seat turned bot');
    expect(host.room.state.players.get(gw.playerId).strategy).not.toBe('');
    const again = await joinRoom(ts.url, host.room.roomId, { seatToken: gw.seatToken });
    expect((await welcomeOf(again)).playerId).toBe(gw.playerId);
    await waitFor(() => host.room.state.players.get(gw.playerId)?.control === 'human', 5000, 'seat back to human');
    await Promise.all([host.room.leave(), again.room.leave()]);
  });

  it('freeze policy and kick: a kicked player is removed, its seat frozen, its token revoked', async () => {
    const host = await createRoom(ts.url, { leaverPolicy: 'freeze' });
    const guest = await joinRoom(ts.url, host.room.roomId, {});
    const gw = await welcomeOf(guest);
    host.room.send('kick', { playerId: gw.playerId, ref: 'k' });
    await waitMessage(guest, 'kicked');
    await waitMessage(host, 'ack', (p) => p.ref === 'k');
    await waitFor(() => host.room.state.players.get(gw.playerId)?.control === 'frozen', 5000, 'seat frozen');
    await expect(joinRoom(ts.url, host.room.roomId, { seatToken: gw.seatToken })).rejects.toThrow(/not yours/);
    await host.room.leave();
  });

  it('fills seats with built-in bots that act on their own', async () => {
    const host = await createRoom(ts.url, { daysPerSecond: 30, bots: [{ strategy: 'treasurer', count: 2 }] });
    await waitFor(() => host.room.state.players?.size === 3, 5000, 'bots seated');
    const bots = [...host.room.state.players.values()].filter((p: any) => p.control === 'bot');
    expect(bots.map((p: any) => p.strategy)).toEqual(['treasurer', 'treasurer']);
    host.room.send('start', {});
    await waitFor(() => host.room.state.world.day >= 1, 5000, 'a day');
    const matches = await (await fetch(`${ts.http}/api/matches/${host.room.roomId}`)).json();
    expect(matches.players).toHaveLength(3);
    await host.room.leave();
  });

  it('a client joining after the state changed while nobody was connected gets the fresh state (colyseus#917)', async () => {
    const host = await createRoom(ts.url, { daysPerSecond: 20, bots: [{ strategy: 'treasurer', count: 1 }] });
    host.room.send('start', {});
    await waitFor(() => host.room.state.world?.day >= 2, 5000, 'days');
    const code = host.room.roomId;
    await host.room.leave(false);
    // The room runs on with no client connected (the host's reconnection window is open).
    const dayLeft = host.room.state.world.day;
    const dayNow = await waitFor(async () => {
      const day: number = (await (await fetch(`${ts.http}/api/matches/${code}`)).json()).currentDay;
      return day > dayLeft + 1 ? day : null;
    }, WAIT_CEILING_MS, 'days to pass with nobody connected');
    const late = await joinRoom(ts.url, code, { spectate: true });
    await waitFor(() => late.room.state.world?.day >= dayNow && late.room.state.players?.size === 2, 5000, 'fresh full state');
    expect(late.room.state.room.phase).toBe('running');
    await late.room.leave();
  });

  it('refuses bad create options and unknown bot strategies', async () => {
    await expect(new Client(ts.url).create('market', { scenario: 'no-such-scenario' })).rejects.toThrow(/scenario/);
    await expect(new Client(ts.url).create('market', { scenario: 'x'.repeat(100) })).rejects.toThrow();
    await expect(createRoom(ts.url, { bots: [{ strategy: 'nope', count: 1 }] })).rejects.toThrow(/strategy/);
  });
});
