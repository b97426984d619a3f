import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runReplay, type ReplayFile } from '../../shared/rules/replay.js';
import { stateHash } from '../../shared/rules/engine.js';
import { createRoom, fetchIdempotent, joinRoom, waitFor, waitMessage, welcomeOf, type Recorded } from './helpers.js';
import { freePort } from './processes.js';

const ROOT = resolve(import.meta.dirname, '../..');
const dataDir = mkdtempSync(join(tmpdir(), 'bc-persist-'));
const children: ChildProcess[] = [];


/** `server/start.ts` as a child process with its own DATA_DIR; resolves once it prints its URL. */
async function startChild(): Promise<{ child: ChildProcess; url: string; http: string }> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/start.ts'], {
    cwd: ROOT,
    env: { ...process.env, PORT: String(port), DATA_DIR: dataDir, SKIP_CLIENT_BUILD: '1', LOG_LEVEL: 'warn', CLIENT_DIR: join(dataDir, 'none') },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let out = '';
  child.stdout.on('data', (d) => (out += String(d)));
  child.stderr.on('data', (d) => (out += String(d)));
  await waitFor(() => out.includes('Beauty Contest is running') || child.exitCode !== null, 20_000, 'server child to start');
  if (child.exitCode !== null) throw new Error(`server exited: ${out}`);
  return { child, url: `ws://127.0.0.1:${port}`, http: `http://127.0.0.1:${port}` };
}

afterAll(() => {
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
});

interface Sent { type: string; payload: Record<string, unknown> }

/** Sends an action and waits for its ack; returns it as the log should hold it. */
async function act(rec: Recorded, type: string, payload: Record<string, unknown>, acked: Sent[]): Promise<void> {
  const ref = `${type}-${acked.length}`;
  rec.room.send(type, { ...payload, ref });
  await waitMessage(rec, 'ack', (p) => p.ref === ref, 0, 10_000);
  acked.push({ type, payload });
}

describe('persistence', () => {
  it('resumes a match killed with SIGKILL with every accepted action, then its replay file reproduces the final hash', async () => {
    const first = await startChild();
    const host = await createRoom(first.url, { daysPerSecond: 25, bots: [{ strategy: 'treasurer', count: 1 }] });
    const guest = await joinRoom(first.url, host.room.roomId, { playerName: 'Guest' });
    const code = host.room.roomId;
    const hw = await welcomeOf(host);
    const gw = await welcomeOf(guest);
    const acked: Sent[] = [];
    await act(host, 'start', {}, []);
    await act(guest, 'setTreasuryPolicy', { sellMinedPct: 20 }, acked);
    await act(guest, 'announceNarrative', { narrative: 'ai' }, acked);
    await act(host, 'inject', { kind: 'pump', params: { pct: 10 }, headline: 'Test pump' }, acked);
    await waitFor(() => host.room.state.world?.day >= 33, 10_000, 'past the first 30-day snapshot');
    await act(guest, 'setTreasuryPolicy', { sellMinedPct: 45 }, acked);
    await act(host, 'setTreasuryPolicy', { sellMinedPct: 5 }, acked);
    const daySeen = host.room.state.world.day;

    first.child.kill('SIGKILL');
    await waitFor(() => first.child.exitCode !== null || first.child.signalCode !== null, 5000, 'child to die');

    const second = await startChild();
    const stored = await (await fetchIdempotent(`${second.http}/api/matches/${code.toLowerCase()}`)).json();
    expect(stored.status).toBe('running');
    expect(stored.currentDay).toBeGreaterThanOrEqual(daySeen);

    // Every acked action is in the log, in order.
    const live: ReplayFile = await (await fetchIdempotent(`${second.http}/api/matches/${code}/replay.json`, { headers: { authorization: `Bearer ${hw.hostToken}` } })).json();
    const people = new Set([hw.playerId, gw.playerId, '@host']);
    const logged = live.entries.flatMap((e) => (e.kind === 'action' && people.has(e.playerId) ? [e.action] : []));
    const expected = acked.map((a) => (a.type === 'inject' ? { type: 'injectEvent', ...a.payload } : { type: a.type, ...a.payload }));
    expect(logged).toEqual(expected);
    expect(live.entries.filter((e) => e.kind === 'join')).toHaveLength(3);

    // People take their seats back with their tokens; private data is as they left it.
    const host2 = await joinRoom(second.url, code, { hostToken: hw.hostToken, seatToken: hw.seatToken });
    const guest2 = await joinRoom(second.url, code.toLowerCase().toUpperCase(), { seatToken: gw.seatToken });
    expect((await welcomeOf(host2)).isHost).toBe(true);
    expect((await welcomeOf(guest2)).playerId).toBe(gw.playerId);
    expect((await waitMessage(guest2, 'private')).me.sellMinedPct).toBe(45);
    await waitFor(() => host2.room.state.players?.get(gw.playerId)?.narrative === 'ai', 5000, 'public narrative restored');
    expect(host2.room.state.world.day).toBeGreaterThanOrEqual(daySeen);
    await waitFor(() => host2.room.state.world.day > stored.currentDay, 5000, 'clock running again');

    await act(guest2, 'announceNarrative', { narrative: 'crypto' }, acked);
    host2.room.send('end', { ref: 'end' });
    const ended = await waitMessage(host2, 'ended', () => true, 0, 10_000);
    expect((await waitMessage(guest2, 'ended')).stateHash).toBe(ended.stateHash);

    const file: ReplayFile = await (await fetchIdempotent(`${second.http}/api/matches/${code}/replay.json`)).json();
    expect(file.stateHash).toBe(ended.stateHash);
    expect(file.finalDay).toBe(ended.finalDay);
    expect(stateHash(runReplay(file))).toBe(ended.stateHash);

    const csv = await fetchIdempotent(`${second.http}/api/matches/${code}/export.csv?token=${hw.hostToken}`);
    expect(csv.status).toBe(200);
    const text = await csv.text();
    expect(text.split('\n')[0]).toMatch(/^record,seq,day/);
    expect(text).toContain('player-day');
    expect((await fetchIdempotent(`${second.http}/api/matches/${code}/export.csv?token=wrong`)).status).toBe(403);
    const result = await (await fetchIdempotent(`${second.http}/api/matches/${code}`)).json();
    expect(result.status).toBe('ended');
    expect(result.result.stateHash).toBe(ended.stateHash);
    await Promise.all([host2.room.leave(), guest2.room.leave()]);
    second.child.kill('SIGTERM');
    await waitFor(() => second.child.exitCode !== null, 10_000, 'graceful exit');
    expect(second.child.exitCode).toBe(0);
  });
});
