/**
 * Two server processes share one real `redis-server`: a room created through process A is found,
 * joined and played from process B (and the other way round), each process with its own DATA_DIR.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRoom, joinRoom, waitFor, waitMessage, welcomeOf, type Recorded } from './helpers.js';
import { getJson, hasRedisServer, killAll, REDIS_MISSING_MESSAGE, startRedis, startServerProcess, type ServerProc } from './processes.js';

const redisAvailable = hasRedisServer();

afterAll(killAll);

async function act(rec: Recorded, type: string, payload: Record<string, unknown>): Promise<void> {
  const ref = `${type}-${Math.random().toString(36).slice(2)}`;
  rec.room.send(type, { ...payload, ref });
  const reply = await waitFor(() => rec.messages.find((m) => (m.type === 'ack' || m.type === 'error') && m.payload.ref === ref), 10_000, `reply to ${type}`);
  if (reply.type === 'error') throw new Error(`${type} refused: ${reply.payload.code} ${reply.payload.message}`);
}

async function roomsOn(p: ServerProc): Promise<number> {
  return (await getJson<{ rooms: number }>(`${p.http}/healthz`)).rooms;
}

// Never skipped: without redis-server the suite fails with the reason (`npm test` installs it or says how).
describe('scale-out over Redis', () => {
  let a: ServerProc;
  let b: ServerProc;

  beforeAll(async () => {
    if (!redisAvailable) throw new Error(REDIS_MISSING_MESSAGE);
    const redis = await startRedis();
    [a, b] = await Promise.all([startServerProcess({ REDIS_URL: redis.url }), startServerProcess({ REDIS_URL: redis.url })]);
  });

  it('a room created through process A is joined by code through process B; everyone sees everyone', async () => {
    expect(a.dataDir).not.toBe(b.dataDir);
    const host = await createRoom(a.url, { daysPerSecond: 5, maxPlayers: 4, playerName: 'Host' });
    const code = host.room.roomId;
    const hw = await welcomeOf(host);
    expect(hw.isHost).toBe(true);

    // The room lives in exactly one process; the other one knows it through Redis.
    const [onA, onB] = [await roomsOn(a), await roomsOn(b)];
    expect(onA + onB).toBe(1);
    const owner = onA === 1 ? a : b;
    const remote = owner === a ? b : a;
    expect((await getJson(`${b.http}/api/rooms/${code.toLowerCase()}`)).roomId).toBe(code);
    expect((await getJson<{ roomId: string }[]>(`${a.http}/api/rooms`)).map((r) => r.roomId)).toContain(code);
    expect((await getJson<{ roomId: string }[]>(`${b.http}/api/rooms`)).map((r) => r.roomId)).toContain(code);

    // B's guest reaches process B by HTTP; the other guest always goes through the process that
    // does NOT host the room, so at least one join is a seat reserved across processes.
    const viaB = await joinRoom(b.url, code, { playerName: 'ViaB' });
    const viaRemote = await joinRoom(remote.url, code, { playerName: 'ViaRemote' });
    const gb = await welcomeOf(viaB);
    const gr = await welcomeOf(viaRemote);
    expect(new Set([hw.playerId, gb.playerId, gr.playerId]).size).toBe(3);
    expect((await roomsOn(owner)) + (await roomsOn(remote))).toBe(1);

    await act(host, 'start', {});
    await act(viaB, 'announceNarrative', { narrative: 'ai' });
    await act(viaRemote, 'announceNarrative', { narrative: 'crypto' });
    await act(host, 'setTreasuryPolicy', { sellMinedPct: 30 });

    for (const rec of [host, viaB, viaRemote]) {
      await waitFor(() => rec.room.state.players?.get(gb.playerId)?.narrative === 'ai', 10_000, 'B guest narrative everywhere');
      await waitFor(() => rec.room.state.players?.get(gr.playerId)?.narrative === 'crypto', 10_000, 'remote guest narrative everywhere');
      await waitFor(() => rec.room.state.players?.size === 3, 10_000, 'three players everywhere');
    }
    // The clock runs for everyone, whatever process they asked.
    const day = host.room.state.world.day;
    await waitFor(() => viaB.room.state.world.day > day && viaRemote.room.state.world.day > day, 10_000, 'days advancing for all');
    expect((await waitMessage(viaB, 'private')).me).toBeTruthy();

    // The match is stored by the owner only (separate DATA_DIRs).
    expect((await fetch(`${owner.http}/api/matches/${code}`)).status).toBe(200);
    expect((await fetch(`${remote.http}/api/matches/${code}`)).status).toBe(404);

    // And the other way round: a room created through B is joined through A.
    const host2 = await createRoom(b.url, { playerName: 'Host2' });
    const guest2 = await joinRoom(a.url, host2.room.roomId, { playerName: 'ViaA' });
    const g2 = await welcomeOf(guest2);
    await act(host2, 'start', {});
    await act(guest2, 'announceNarrative', { narrative: 'ai' });
    await waitFor(() => host2.room.state.players?.get(g2.playerId)?.narrative === 'ai', 10_000, 'A guest seen by B host');
    expect((await roomsOn(a)) + (await roomsOn(b))).toBe(2);

    await Promise.all([host, viaB, viaRemote, host2, guest2].map((r) => r.room.leave()));
  });
});
