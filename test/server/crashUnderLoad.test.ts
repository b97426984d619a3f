/**
 * SIGKILL during heavy play: four people stream actions (≈50/s each, at most IN_FLIGHT unanswered) into a fast match with bots
 * when the server process is killed. After a restart on the same DATA_DIR every acknowledged action
 * is in the log (in order; unacknowledged ones may or may not be), the people take their seats back
 * with their tokens, play on, and the final hash equals the replay of the log.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { runReplay, type ReplayFile } from '../../shared/rules/replay.js';
import { stateHash } from '../../shared/rules/engine.js';
import { createRoom, joinRoom, waitFor, waitMessage, welcomeOf, type Recorded } from './helpers.js';
import { killAll, startServerProcess, tempDir } from './processes.js';

afterAll(killAll);

interface Person {
  rec: Recorded;
  playerId: string;
  seatToken: string;
  sent: Map<string, unknown>;
  acked: string[];
  /** Acks and errors received for what this person sent. */
  answered: number;
}

/**
 * Each person keeps at most this many actions unanswered, as a client with flow control would: the
 * actions logged but not acknowledged at the kill are then bounded by it, however slow the server.
 */
const IN_FLIGHT = 8;

const narratives = ['crypto', 'ai', 'none'] as const;

function actionFor(n: number): { type: string; payload: Record<string, unknown> } {
  switch (n % 3) {
    case 0:
      return { type: 'setTreasuryPolicy', payload: { sellMinedPct: n % 101 } };
    case 1:
      return { type: 'announceNarrative', payload: { narrative: narratives[n % 3] } };
    default:
      return { type: 'tradeBtc', payload: { side: n % 2 ? 'buy' : 'sell', amountBtc: 0.001 } };
  }
}

describe('SIGKILL under load', () => {
  it('loses no acknowledged action and the people resume the match', async () => {
    const dataDir = tempDir('bc-crash-');
    const env = { DATA_DIR: dataDir, RATE_LIMIT_PER_SECOND: '500', RATE_LIMIT_BURST: '500' };
    const first = await startServerProcess(env);
    const host = await createRoom(first.url, { daysPerSecond: 20, maxPlayers: 10, bots: [{ strategy: 'treasurer', count: 4 }], playerName: 'Host' });
    const code = host.room.roomId;
    const hw = await welcomeOf(host);
    const recs = [host, ...(await Promise.all([1, 2, 3].map((i) => joinRoom(first.url, code, { playerName: `P${i}` }))))];
    const people: Person[] = [];
    for (const rec of recs) {
      const w = await welcomeOf(rec);
      people.push({ rec, playerId: w.playerId, seatToken: w.seatToken, sent: new Map(), acked: [], answered: 0 });
    }
    host.room.send('start', { ref: 'start' });
    await waitMessage(host, 'ack', (p) => p.ref === 'start');

    // Each person streams actions; acks are matched by ref.
    let n = 0;
    let streaming = true;
    for (const p of people) {
      p.rec.room.onMessage('ack', (a: { ref: string }) => {
        if (!p.sent.has(a.ref)) return;
        p.acked.push(a.ref);
        p.answered++;
      });
      p.rec.room.onMessage('error', (e: { ref?: string }) => {
        if (e.ref !== undefined && p.sent.has(e.ref)) p.answered++;
      });
    }
    const pump = setInterval(() => {
      if (!streaming) return;
      for (const p of people) {
        if (!p.rec.room.connection.isOpen || p.sent.size - p.answered >= IN_FLIGHT) continue;
        const ref = `${p.playerId}-${n++}`;
        const a = actionFor(n);
        p.sent.set(ref, { type: a.type, ...a.payload });
        p.rec.room.send(a.type, { ...a.payload, ref });
      }
    }, 20);
    await waitFor(() => people.every((p) => p.acked.length >= 60), 20_000, 'a few seconds of heavy play');
    first.child.kill('SIGKILL');
    await waitFor(() => first.child.exitCode !== null || first.child.signalCode !== null, 5000, 'server to die');
    streaming = false;
    clearInterval(pump);
    const ackedTotal = people.reduce((s, p) => s + p.acked.length, 0);

    const second = await startServerProcess(env);
    const live: ReplayFile = await (await fetch(`${second.http}/api/matches/${code}/replay.json`, { headers: { authorization: `Bearer ${hw.hostToken}` } })).json();
    for (const p of people) {
      const logged = live.entries.flatMap((e) => (e.kind === 'action' && e.playerId === p.playerId ? [JSON.stringify(e.action)] : []));
      const ackedActions = p.acked.map((ref) => JSON.stringify(p.sent.get(ref)));
      // Every acked action is logged, in order; the log holds at most a few more that were in flight.
      expect(logged.slice(0, ackedActions.length)).toEqual(ackedActions);
      expect(logged.length - ackedActions.length).toBeLessThanOrEqual(IN_FLIGHT);
    }

    // The people come back with their seat tokens (reconnection tokens die with the process).
    const back = await Promise.all(
      people.map((p, i) => joinRoom(second.url, code, i === 0 ? { seatToken: p.seatToken, hostToken: hw.hostToken } : { seatToken: p.seatToken })),
    );
    for (const [i, rec] of back.entries()) expect((await welcomeOf(rec)).playerId).toBe(people[i]!.playerId);
    const day = back[0]!.room.state.world.day;
    await waitFor(() => back[0]!.room.state.world.day > day, 10_000, 'the clock running again');
    back[1]!.room.send('announceNarrative', { narrative: 'ai', ref: 'after' });
    await waitMessage(back[1]!, 'ack', (p) => p.ref === 'after');
    back[0]!.room.send('end', { ref: 'end' });
    const ended = await waitMessage(back[0]!, 'ended', () => true, 0, 10_000);
    const file: ReplayFile = await (await fetch(`${second.http}/api/matches/${code}/replay.json`)).json();
    expect(stateHash(runReplay(file))).toBe(ended.stateHash);
    console.log(`crash: ${ackedTotal} actions acknowledged before SIGKILL, all in the log; resumed at day ${day}, ended at ${ended.finalDay}`);
    await Promise.all(back.map((r) => r.room.leave()));
  });
});
