/**
 * Short soak: 200 real colyseus.js players (two child processes) in 4 running rooms for ~20 s
 * against a server child started with `--expose-gc`. After a full GC, the heap at the end must not
 * have grown much past the heap after warm-up. `npm run bench` runs a longer variant.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { createStartedRooms, startLoadChild, startServerChild, type LoadChild, type ServerChild } from '../../bench/processes.js';

const SECONDS = Number(process.env.SOAK_SECONDS) || 20;
const ROOMS = 4;
const PER_ROOM = 50;
const MB = 1024 * 1024;

let server: ServerChild | null = null;
const loads: LoadChild[] = [];

afterAll(async () => {
  await Promise.all(loads.map((l) => l.kill()));
  await server?.stop();
});

describe('soak', () => {
  it(`holds ${ROOMS * PER_ROOM} clients for ${SECONDS} s without unbounded memory growth`, async () => {
    server = await startServerChild();
    loads.push(...(await Promise.all([startLoadChild(), startLoadChild()])));
    // Sandbox lasts 365 days: at 4 days/s no room ends during the soak.
    const rooms = await createStartedRooms(server.url, ROOMS, { scenario: 'sandbox', daysPerSecond: 4, maxPlayers: PER_ROOM + 1 });
    const joined = await Promise.all([
      loads[0]!.join(server.url, rooms.codes.slice(0, ROOMS / 2), PER_ROOM),
      loads[1]!.join(server.url, rooms.codes.slice(ROOMS / 2), PER_ROOM),
    ]);
    expect(joined.reduce((s, r) => s + r.clients, 0)).toBe(ROOMS * PER_ROOM);

    // Warm-up: caches, JIT, per-client buffers settle; then the baseline after a full GC.
    await new Promise((r) => setTimeout(r, 4000));
    const base = await server.gc();
    expect(base.gc).toBe(true);
    await Promise.all(loads.map((l) => l.report(true)));
    await server.stats(true);
    const samples: number[] = [base.heapUsedBytes];
    const t0 = Date.now();
    while (Date.now() - t0 < SECONDS * 1000) {
      await new Promise((r) => setTimeout(r, 4000));
      samples.push((await server.stats()).heapUsedBytes);
    }
    const end = await server.gc();
    const stats = await server.stats();
    const reports = await Promise.all(loads.map((l) => l.report()));
    const open = reports.reduce((s, r) => s + r.open, 0);
    const bytes = reports.reduce((s, r) => s + r.bytes, 0);
    const seconds = reports[0]!.seconds;
    console.log(
      `soak: ${JSON.stringify({
        clients: open, seconds: Math.round(seconds), days: stats.days, heapBaseMb: +(base.heapUsedBytes / MB).toFixed(1), heapEndMb: +(end.heapUsedBytes / MB).toFixed(1),
        rssBaseMb: +(base.rssBytes / MB).toFixed(1), rssEndMb: +(end.rssBytes / MB).toFixed(1), tickP99Ms: +stats.tickP99Ms.toFixed(2),
        eventLoopP99Ms: +stats.eventLoopP99Ms.toFixed(1), bytesPerClientS: Math.round(bytes / open / seconds), errors: reports.map((r) => r.errors),
        heapSamplesMb: samples.map((s) => +(s / MB).toFixed(1)),
      })}`,
    );
    expect(open).toBe(ROOMS * PER_ROOM);
    expect(stats.rooms).toBe(ROOMS);
    expect(stats.days).toBeGreaterThan(0);
    // Generous: matches grow (history, news, logs) a little; a leak per message or per patch does not stay under this.
    expect(end.heapUsedBytes).toBeLessThan(base.heapUsedBytes * 1.3 + 15 * MB);
    expect(end.rssBytes).toBeLessThan(base.rssBytes * 1.5 + 50 * MB);

    await Promise.all(loads.map((l) => l.leave()));
    await rooms.leave();
  });
});
