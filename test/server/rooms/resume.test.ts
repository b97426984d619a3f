/**
 * Bringing stored matches back (issue 11, item 6): one room instance per match however `open`
 * races the boot-time resume, and a resumed room nobody returns to closes after the grace period
 * yet stays resumable from the database.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { matchMaker } from '@colyseus/core';
import { pino } from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { createGameServer, type GameServer } from '../../../server/app.js';
import { createLogger } from '../../../server/logger.js';
import { createRoom, joinRoom, waitFor, waitMessage, welcomeOf } from '../helpers.js';
import { freePort, killAll, startRedis } from '../processes.js';

const dirs: string[] = [];
afterAll(async () => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
  await killAll();
});

function boot(dataDir: string, extra: Parameters<typeof createGameServer>[0] = {}): Promise<GameServer> {
  return createGameServer({ port: 0, dataDir, logger: createLogger('silent'), clientDir: join(dataDir, 'no-client'), ...extra });
}

/** A logger that keeps its lines: every room instance logs "room ready" once from onCreate. */
function recordingLogger() {
  const lines: { room?: string; msg?: string }[] = [];
  const logger = pino({ level: 'info' }, { write: (line: string) => void lines.push(JSON.parse(line)) });
  return { logger, instancesOf: (code: string) => lines.filter((l) => l.msg === 'room ready' && l.room === code).length };
}

describe('resuming stored matches', () => {
  it('never runs two room instances of one match when sessions are opened while the server boots', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'bc-resume-'));
    dirs.push(dataDir);
    const first = await boot(dataDir);
    const url = `ws://127.0.0.1:${first.port}`;
    const sessions: { id: string; token: string }[] = [];
    for (let i = 0; i < 16; i++) {
      const teacher = await createRoom(url, { daysPerSecond: 1, classroom: { labels: ['S1'] } });
      sessions.push({ id: teacher.room.roomId, token: (await welcomeOf(teacher)).hostToken });
    }
    // A graceful stop keeps them unfinished: the next boot resumes all of them, one after another.
    await first.close();

    const port = await freePort();
    const log = recordingLogger();
    // With Redis the boot-time resume does real I/O between rooms, so requests are served meanwhile
    // (with the in-memory driver the whole loop runs before the first request is read).
    const redis = await startRedis();
    let booted = false;
    const booting = boot(dataDir, { port, logger: log.logger, redisUrl: redis.url, publicAddress: `127.0.0.1:${port}` }).then((s) => {
      booted = true;
      return s;
    });
    let opened = 0;
    let rounds = 0;
    while (!booted || rounds < 3) {
      if (booted) rounds++;
      const replies = await Promise.all(
        sessions.map((s) =>
          fetch(`http://127.0.0.1:${port}/api/sessions/${s.id}/open?token=${s.token}`, { method: 'POST' }).then((r) => r.status, () => 0),
        ),
      );
      opened += replies.filter((s) => s === 200).length;
      await new Promise((r) => setTimeout(r, 5));
    }
    const second = await booting;
    try {
      expect(opened).toBeGreaterThan(0);
      const rooms = await matchMaker.query({ name: 'market' });
      const perMatch = new Map<string, number>();
      for (const r of rooms) perMatch.set(r.roomId, (perMatch.get(r.roomId) ?? 0) + 1);
      expect([...perMatch.entries()].filter(([, n]) => n > 1)).toEqual([]);
      expect([...perMatch.keys()].sort()).toEqual(sessions.map((s) => s.id).sort());
      // The registry keeps one listing per code, so count the instances themselves.
      expect(sessions.map((s) => log.instancesOf(s.id))).toEqual(sessions.map(() => 1));
      // None was given up as "could not resume" because `open` got there first.
      expect(second.resumed.sort()).toEqual(sessions.map((s) => s.id).sort());
      for (const s of sessions) expect(second.store.getMatch(s.id)!.status).toBe('waiting');
    } finally {
      await second.close();
    }
  });

  it('closes a resumed room nobody returns to after the grace, keeps its status, and re-opens it with the host token', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'bc-grace-'));
    dirs.push(dataDir);
    const first = await boot(dataDir);
    const url = `ws://127.0.0.1:${first.port}`;
    const host = await createRoom(url, { daysPerSecond: 20 });
    const hw = await welcomeOf(host);
    const code = host.room.roomId;
    host.room.send('start', { ref: 's' });
    await waitMessage(host, 'ack', (p) => p.ref === 's');
    await waitFor(() => host.room.state.world?.day >= 3, 10_000, 'a few days');
    await first.close();

    const second = await boot(dataDir, { resumeGraceSeconds: 1 });
    try {
      expect(second.resumed).toEqual([code]);
      // Before: a resumed room with nobody in it stayed up for good.
      await waitFor(() => !second.context.live.has(code), 10_000, 'idle resumed room to close');
      const stored = second.store.getMatch(code)!;
      expect(stored.status).toBe('running');
      expect(stored.currentDay).toBeGreaterThanOrEqual(3);
      const http = `http://127.0.0.1:${second.port}`;
      expect((await fetch(`${http}/api/matches/${code}/open?token=wrong`, { method: 'POST' })).status).toBe(403);
      const reopened = await fetch(`${http}/api/matches/${code}/open`, { method: 'POST', headers: { authorization: `Bearer ${hw.hostToken}` } });
      expect(reopened.status).toBe(200);
      expect(await reopened.json()).toEqual({ id: code, live: true });
      const back = await joinRoom(`ws://127.0.0.1:${second.port}`, code, { seatToken: hw.seatToken });
      const bw = await welcomeOf(back);
      expect(bw.playerId).toBe(hw.playerId);
      // Someone came back: the clock runs again, and the room outlives the grace (30 days at 20/s > 1 s).
      const d0: number = await waitFor(() => back.room.state.world?.day, 5000, 'synced day');
      await waitFor(() => back.room.state.world.day >= d0 + 30, 10_000, 'days to pass');
      expect(second.context.live.has(code)).toBe(true);
      await back.room.leave();
    } finally {
      await second.close();
    }
  });
});
