/**
 * A 40-student `halving-sprint` class: 40 headless colyseus.js clients play some days and a ⅔
 * round, the teacher downloads the data. Prints the room's tick time and the downstream bandwidth
 * per client (figures for docs/classroom.md; no timing asserts: the machine is shared).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { strFromU8, unzipSync } from 'fflate';
import { Client } from 'colyseus.js';
import { bootServer, record, waitFor, waitMessage, studentKeys, welcomeOf, type Recorded, type TestServer } from './helpers.js';

const STUDENTS = 40;
const DAYS_PER_SECOND = 4;
const MEASURE_MS = 10_000;

let ts: TestServer;
beforeAll(async () => {
  ts = await bootServer({ rateLimitPerSecond: 20, rateLimitBurst: 40 });
});
afterAll(async () => {
  await ts?.stop();
});

function percentile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]! : NaN;
}

describe('a 40-student class', () => {
  it('runs halving-sprint with 40 clients and a ⅔ round; reports tick time and bandwidth', async () => {
    const teacherRoom = await new Client(ts.url).create('market', {
      scenario: 'halving-sprint', seed: 'class40', daysPerSecond: DAYS_PER_SECOND, maxPlayers: STUDENTS, private: true,
      classroom: { labels: Array.from({ length: STUDENTS }, (_, i) => `S${String(i + 1).padStart(2, '0')}`) },
    });
    const teacher = record(teacherRoom, false);
    const tw = await welcomeOf(teacher);
    const code = teacherRoom.roomId;
    const keys = await studentKeys(teacher);
    const students: Recorded[] = await Promise.all(
      Array.from({ length: STUDENTS }, async (_, i) => record(await new Client(ts.url).joinById(code, { studentKey: keys.get(`S${String(i + 1).padStart(2, '0')}`) }), false)),
    );
    const ids = await Promise.all(students.map(async (s) => (await welcomeOf(s)).playerId));
    expect(new Set(ids).size).toBe(STUDENTS);
    await waitMessage(teacher, 'roster', (r) => r.students.length === STUDENTS && r.students.every((s: any) => s.connected), 0, 15_000);

    // Students act now and then, like a class does: a treasury tweak or a contest pick every few days.
    let sent = 0;
    students.forEach((s, i) => {
      let lastDay = -1;
      s.room.onStateChange((state: any) => {
        const day = state.world?.day ?? 0;
        if (state.room?.phase !== 'running' || day === lastDay) return;
        lastDay = day;
        if ((day + i) % 5 === 0) {
          sent += 1;
          if (i % 2) s.room.send('setTreasuryPolicy', { sellMinedPct: (day * 7 + i) % 100 });
          else s.room.send('contestPick', { narrative: day % 2 ? 'ai' : 'crypto', stakeUsd: 1000 + i });
        }
      });
    });

    const live = ts.server.context.live.get(code)!;
    live.tickMs.length = 0;
    live.dayTickMs.length = 0;
    const bytesBefore = students.map((s) => s.bytes());
    const t0 = Date.now();
    teacherRoom.send('start', {});
    await new Promise((r) => setTimeout(r, MEASURE_MS / 2));
    // A ⅔ round in the middle of the market: everyone guesses within a second.
    teacherRoom.send('guessStart', { p: 2 / 3, rounds: 1 });
    await waitFor(() => students.every((s) => s.room.state.classroom?.guessOpen), 5000, 'round open everywhere');
    students.forEach((s, i) => s.room.send('guess', { value: (i * 37) % 101, ref: 'g' }));
    await waitFor(() => teacher.room.state.classroom.guessCount === STUDENTS, 10_000, 'all guesses in');
    teacherRoom.send('guessClose', {});
    const result = await waitMessage(students[0]!, 'guess', (v) => v.rounds[0] && !v.rounds[0].open, 0, 10_000);
    await new Promise((r) => setTimeout(r, Math.max(0, MEASURE_MS - (Date.now() - t0))));
    const seconds = (Date.now() - t0) / 1000;
    const perClient = students.map((s, i) => (s.bytes() - bytesBefore[i]!) / seconds);
    const day = teacher.room.state.world.day;

    const tick = { p50: percentile(live.tickMs, 0.5), p99: percentile(live.tickMs, 0.99), n: live.tickMs.length };
    const dayTick = { p50: percentile(live.dayTickMs, 0.5), p99: percentile(live.dayTickMs, 0.99), n: live.dayTickMs.length };
    const bw = { meanBytesPerS: perClient.reduce((a, b) => a + b, 0) / perClient.length, maxBytesPerS: Math.max(...perClient) };
    console.log(
      `[classroom-40] ${STUDENTS} students, ${DAYS_PER_SECOND} days/s, ${seconds.toFixed(1)} s, days 0→${day}, ${sent} actions sent; ` +
        `tick (ms, ticks that did work) p50 ${tick.p50.toFixed(2)} p99 ${tick.p99.toFixed(2)} (n=${tick.n}); ` +
        `day ticks p50 ${dayTick.p50.toFixed(2)} p99 ${dayTick.p99.toFixed(2)} (n=${dayTick.n}); ` +
        `downstream per client ${(bw.meanBytesPerS / 1024).toFixed(1)} KiB/s mean, ${(bw.maxBytesPerS / 1024).toFixed(1)} KiB/s max; ` +
        `slowest ticks ${[...live.tickMs].sort((a, b) => b - a).slice(0, 3).map((v) => v.toFixed(1)).join(', ')} ms; ` +
        `⅔ round: mean ${result.rounds[0].mean.toFixed(2)}, target ${result.rounds[0].target.toFixed(2)}`,
    );
    expect(day).toBeGreaterThan(10);
    expect(result.rounds[0].count).toBe(STUDENTS);
    expect(live.tickMs.length).toBeGreaterThan(0);

    teacherRoom.send('pause', {});
    await waitFor(() => teacher.room.state.room.phase === 'paused', 5000, 'paused');
    const info = await (await fetch(`${ts.http}/api/sessions/${code}?token=${tw.hostToken}`)).json();
    const zip = unzipSync(new Uint8Array(await (await fetch(`${ts.http}/api/sessions/${code}/export.zip?token=${tw.hostToken}`)).arrayBuffer()));
    const lines = (name: string) => strFromU8(zip[name]!).trim().split('\n').length - 1;
    expect(lines('player_days.csv')).toBe(STUDENTS * info.currentDay);
    expect(lines('summary.csv')).toBe(STUDENTS);
    expect(lines('guesses.csv')).toBe(STUDENTS);
    await Promise.all([...students.map((s) => s.room.leave()), teacherRoom.leave()]);
  });
});
