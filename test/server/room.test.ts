import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client } from 'colyseus.js';
import { SHORTEST, bootServer, createRoom, joinRoom, waitFor, waitMessage, welcomeOf, type Recorded, type TestServer } from './helpers.js';

let ts: TestServer;
beforeAll(async () => {
  ts = await bootServer({ rateLimitPerSecond: 20, rateLimitBurst: 40 });
});
afterAll(async () => {
  await ts?.stop();
});

function players(rec: Recorded): any[] {
  return [...rec.room.state.players.values()];
}

describe('market room', () => {
  it('creates a room with a 6-letter code and lets a second client join it by a lower-case code', async () => {
    const host = await createRoom(ts.url, { name: 'Test room', playerName: 'Hosty' });
    const code = host.room.roomId;
    expect(code).toMatch(/^[A-Z]{6}$/);
    const hostWelcome = await welcomeOf(host);
    expect(hostWelcome.isHost).toBe(true);
    expect(hostWelcome.hostToken).not.toBe('');

    const resolved = await (await fetch(`${ts.http}/api/rooms/${code.toLowerCase()}`)).json();
    expect(resolved.roomId).toBe(code);
    const guest = await joinRoom(ts.url, resolved.roomId, { playerName: 'Guest' });
    const guestWelcome = await welcomeOf(guest);
    expect(guestWelcome.isHost).toBe(false);
    expect(guestWelcome.hostToken).toBe('');
    await waitFor(() => players(host).length === 2 && players(guest).length === 2, 5000, 'both players synced');
    expect(players(guest).map((p) => p.name).sort()).toEqual(['Guest', 'Hosty']);
    expect(guest.room.state.room.code).toBe(code);
    expect(guest.room.state.room.phase).toBe('waiting');

    const stored = await (await fetch(`${ts.http}/api/matches/${code}`)).json();
    expect(stored.seed).toBeNull();
    expect((await fetch(`${ts.http}/api/matches/${code}/replay.json`)).status).toBe(403);
    expect((await fetch(`${ts.http}/api/matches/${code}/replay.json?token=${hostWelcome.hostToken}`)).status).toBe(200);
    const lobby = await (await fetch(`${ts.http}/api/rooms`)).json();
    expect(lobby.map((r: { roomId: string }) => r.roomId)).toContain(code);
    expect(lobby.find((r: { roomId: string }) => r.roomId === code).phase).toBe('waiting');
    const lobbyRoom = await new Client(ts.url).joinOrCreate('lobby');
    const listed = await new Promise<any[]>((res) => lobbyRoom.onMessage('rooms', res));
    expect(listed.map((r) => r.roomId)).toContain(code);
    await lobbyRoom.leave();
    expect((await fetch(`${ts.http}/api/rooms/ZZZZZZ`)).status).toBe(404);
    await host.room.leave();
    await guest.room.leave();
  });

  it('applies an action and its effect reaches every client in a patch; days advance after start', async () => {
    const host = await createRoom(ts.url, { daysPerSecond: 20 });
    const guest = await joinRoom(ts.url, host.room.roomId, { playerName: 'G' });
    const g = await welcomeOf(guest);
    host.room.send('start', { ref: 's1' });
    await waitMessage(host, 'ack', (p) => p.ref === 's1');
    await waitFor(() => host.room.state.world?.day >= 2, 5000, 'days to advance');

    guest.room.send('announceNarrative', { narrative: 'ai', ref: 7 });
    await waitMessage(guest, 'ack', (p) => p.ref === 7);
    await waitFor(() => host.room.state.players.get(g.playerId)?.narrative === 'ai', 5000, 'narrative in host patch');
    expect(guest.room.state.players.get(g.playerId).narrative).toBe('ai');

    guest.room.send('setTreasuryPolicy', { sellMinedPct: 35 });
    await waitMessage(guest, 'private', (p) => p.me.sellMinedPct === 35);
    await host.room.leave();
    await guest.room.leave();
  });

  it('rejects malformed, unknown and unauthorised messages: error to the sender only, state unchanged', async () => {
    const host = await createRoom(ts.url, {});
    const guest = await joinRoom(ts.url, host.room.roomId, {});
    const spectator = await joinRoom(ts.url, host.room.roomId, { spectate: true });
    const hw = await welcomeOf(host);
    const gw = await welcomeOf(guest);
    expect((await welcomeOf(spectator)).spectator).toBe(true);

    // Before the start: actions are refused with WRONG_PHASE.
    guest.room.send('setTreasuryPolicy', { sellMinedPct: 10, ref: 'early' });
    expect((await waitMessage(guest, 'error', (p) => p.ref === 'early')).code).toBe('WRONG_PHASE');
    host.room.send('start', {});
    await waitFor(() => guest.room.state.room?.phase === 'running');
    host.room.send('pause', { ref: 'p' });
    await waitFor(() => guest.room.state.room?.phase === 'paused');
    await waitFor(() => host.messages.some((m) => m.type === 'private') && guest.messages.some((m) => m.type === 'private'));
    const hostErrorsBefore = host.messages.filter((m) => m.type === 'error').length;
    const before = JSON.stringify(guest.room.state.toJSON());
    const privateBefore = guest.messages.filter((m) => m.type === 'private').length;

    const cases: [Recorded, string, unknown, string][] = [
      [guest, 'setTreasuryPolicy', { sellMinedPct: 500, ref: 'a' }, 'BAD_ACTION'],
      [guest, 'setTreasuryPolicy', 'not an object', 'BAD_ACTION'],
      [guest, 'setTreasuryPolicy', { sellMinedPct: 5, extra: true, ref: 'c' }, 'BAD_ACTION'],
      [guest, 'setTreasuryPolicy', { sellMinedPct: 5, ref: { not: 'a ref' } }, 'BAD_ACTION'],
      [guest, 'noSuchThing', { ref: 'd' }, 'UNKNOWN_MESSAGE'],
      [guest, 'pause', { ref: 'e' }, 'NOT_HOST'],
      [guest, 'end', { ref: 'f' }, 'NOT_HOST'],
      [guest, 'kick', { playerId: hw.playerId, ref: 'g' }, 'NOT_HOST'],
      [guest, 'endMatch', { ref: 'h' }, 'NOT_HOST'],
      [guest, 'injectEvent', { kind: 'crash', ref: 'i' }, 'NOT_HOST'],
      [guest, 'cancelLeaseOrder', { orderId: 'nope', ref: 'j' }, ''],
      [spectator, 'announceNarrative', { narrative: 'ai', ref: 'k' }, 'SPECTATOR'],
      [guest, 'announceNarrative', { narrative: 'ai', ref: 'big', pad: 'x'.repeat(5000) }, 'TOO_LARGE'],
      [host, 'speed', { daysPerSecond: 0, ref: 'l' }, 'BAD_ACTION'],
      [host, 'resume', { ref: 'm', extra: 1 }, 'BAD_ACTION'],
      [host, 'start', { ref: 'n' }, 'WRONG_PHASE'],
    ];
    for (const [rec, type, payload, code] of cases) {
      const from = rec.messages.length;
      rec.room.send(type, payload);
      const err = await waitMessage(rec, 'error', () => true, from);
      if (code) expect(err.code, `${type} ${JSON.stringify(payload).slice(0, 60)}`).toBe(code);
      else expect(['NOT_FOUND', 'NOT_AVAILABLE', 'NOT_OWNER']).toContain(err.code);
      const ref = typeof payload === 'object' && payload && 'ref' in payload ? payload.ref : undefined;
      if ((typeof ref === 'string' || typeof ref === 'number') && code !== 'TOO_LARGE') expect(err.ref).toBe(ref);
      expect(err.message.length).toBeGreaterThan(5);
    }
    // Nothing changed: no patch altered the state, no new private data, no error leaked to others.
    await new Promise((r) => setTimeout(r, 250));
    expect(JSON.stringify(guest.room.state.toJSON())).toBe(before);
    expect(guest.messages.filter((m) => m.type === 'private').length).toBe(privateBefore);
    const hostErrorRefs = host.messages.filter((m) => m.type === 'error').slice(hostErrorsBefore).map((m) => m.payload.ref);
    expect(hostErrorRefs.sort()).toEqual(['l', 'm', 'n']);
    expect(spectator.messages.filter((m) => m.type === 'error').map((m) => m.payload.ref)).toEqual(['k']);
    expect(gw.playerId).not.toBe(hw.playerId);
    await Promise.all([host.room.leave(), guest.room.leave(), spectator.room.leave()]);
  });

  it('rate-limits a flooding client with RATE_LIMITED and keeps serving the others', async () => {
    const host = await createRoom(ts.url, {});
    const guest = await joinRoom(ts.url, host.room.roomId, {});
    host.room.send('start', {});
    await waitFor(() => guest.room.state.room?.phase === 'running');
    const from = guest.messages.length;
    for (let i = 0; i < 80; i++) guest.room.send('setTreasuryPolicy', { sellMinedPct: i % 100, ref: i });
    const limited = await waitMessage(guest, 'error', (p) => p.code === 'RATE_LIMITED', from);
    expect(limited.message).toMatch(/per second/);
    await waitFor(() => guest.messages.slice(from).filter((m) => m.type === 'ack').length >= 40);
    await new Promise((r) => setTimeout(r, 200));
    const acks = guest.messages.slice(from).filter((m) => m.type === 'ack').length;
    expect(acks).toBeGreaterThanOrEqual(40);
    expect(acks).toBeLessThanOrEqual(70);
    host.room.send('pause', { ref: 'ok' });
    await waitMessage(host, 'ack', (p) => p.ref === 'ok');
    await Promise.all([host.room.leave(), guest.room.leave()]);
  });

  it('closes the socket of a client whose frame exceeds the transport cap (16 KB)', async () => {
    const host = await createRoom(ts.url, {});
    const guest = await joinRoom(ts.url, host.room.roomId, {});
    const gw = await welcomeOf(guest);
    const closed = new Promise<number>((res) => guest.room.onLeave((code) => res(code)));
    guest.room.send('announceNarrative', { narrative: 'ai', pad: 'x'.repeat(20_000) });
    expect(await closed).toBe(1009);
    await waitFor(() => host.room.state.players.get(gw.playerId)?.connected === false, 5000, 'seat shown disconnected');
    expect(host.room.state.players.get(gw.playerId).narrative).toBe('none');
    await host.room.leave();
  });
});

describe('replay', () => {
  it('the replay file of a live match with bots reproduces its final stateHash', async () => {
    const { STRATEGY_NAMES } = await import('../../server/game/bots.js').then(async (m) => ({ STRATEGY_NAMES: Object.keys(await m.loadStrategies()) }));
    const wanted = ['random', 'hodl-miner', 'ai-pivot', 'narrative-chaser', 'treasurer'].filter((n) => STRATEGY_NAMES.includes(n));
    const host = await createRoom(ts.url, { daysPerSecond: 50, bots: wanted.map((strategy) => ({ strategy, count: 1 })) });
    const hw = await welcomeOf(host);
    host.room.send('start', {});
    host.room.send('contestPick', { narrative: 'ai', stakeUsd: 500 });
    await waitFor(() => host.room.state.world?.day >= 70, 10_000, '70 days');
    host.room.send('inject', { kind: 'crash', params: { pct: 20 } });
    await waitFor(() => host.room.state.world?.day >= 80, 10_000, '80 days');
    host.room.send('end', {});
    const ended = await waitMessage(host, 'ended');
    const file = await (await fetch(`${ts.http}/api/matches/${host.room.roomId}/replay.json?token=${hw.hostToken}`)).json();
    expect(file.format).toBe('beauty-contest-replay/1');
    expect(file.entries.length).toBeGreaterThan(wanted.length + 2);
    expect(file.stateHash).toBe(ended.stateHash);
    const { runReplay } = await import('../../shared/rules/replay.js');
    const { stateHash } = await import('../../shared/rules/engine.js');
    expect(stateHash(runReplay(file))).toBe(ended.stateHash);
    await host.room.leave();
  });

  it('two clients play the shortest scenario to its natural end; results and replay agree', async () => {
    const { getScenario } = await import('../../shared/economy/scenarios/index.js');
    const days = getScenario(SHORTEST)!.days;
    const host = await createRoom(ts.url, { scenario: SHORTEST, daysPerSecond: 50, playerName: 'Ann' });
    const guest = await joinRoom(ts.url, host.room.roomId, { playerName: 'Ben' });
    await welcomeOf(guest);
    host.room.send('start', {});
    guest.room.send('contestPick', { narrative: 'crypto', stakeUsd: 1000 });
    host.room.send('announceNarrative', { narrative: 'ai' });
    await waitFor(() => host.room.state.world?.day >= days / 2, 20_000, 'half time');
    host.room.send('speed', { daysPerSecond: 50 });
    guest.room.send('setTreasuryPolicy', { sellMinedPct: 80 });
    const ended = await waitMessage(guest, 'ended', () => true, 0, 30_000);
    expect(ended.finalDay).toBe(days);
    expect(ended.standings.map((s: { name: string }) => s.name).sort()).toEqual(['Ann', 'Ben']);
    await waitFor(() => host.room.state.room.phase === 'ended');
    const from = guest.messages.length;
    guest.room.send('announceNarrative', { narrative: 'crypto', ref: 'late' });
    expect((await waitMessage(guest, 'error', (p) => p.ref === 'late', from)).code).toBe('MATCH_ENDED');
    const match = await (await fetch(`${ts.http}/api/matches/${host.room.roomId}`)).json();
    expect(match.status).toBe('ended');
    expect(match.seed).toBe('test');
    expect(match.result.stateHash).toBe(ended.stateHash);
    const file = await (await fetch(`${ts.http}/api/matches/${host.room.roomId}/replay.json`)).json();
    const { runReplay } = await import('../../shared/rules/replay.js');
    const { stateHash } = await import('../../shared/rules/engine.js');
    expect(stateHash(runReplay(file))).toBe(ended.stateHash);
    await Promise.all([host.room.leave(), guest.room.leave()]);
  });
});
