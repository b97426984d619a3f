/**
 * Server load figures with real colyseus.js clients in child processes (`bench/processes.ts`):
 * K rooms × N clients for T seconds, the largest client count one process holds with p99 tick
 * under a threshold, and a soak that samples the heap after full GCs. Figures only, no asserts.
 */
import { createStartedRooms, startLoadChild, startServerChild, type LoadChild, type ServerChild } from './processes.js';
import type { LoadReport } from './loadClients.js';
import { emptyParts, WIRE_PARTS, type WirePart } from './wireParts.js';
import { MAX_DAYS_PER_SECOND } from '../shared/rules/pace.js';

const MB = 1024 * 1024;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Game days a fresh server plays, in full rooms, before anything is measured. A room steps each
 * system once a day and builds a view per seat, so at 2 days/s the first minute runs mostly
 * unoptimised code: tick percentiles of a cold process measure V8's compiler, not what a running
 * server holds.
 */
const WARM_UP_DAYS = 600;

/**
 * Ticks a capacity step times before its p99 counts. A few rooms at 2 days/s time a dozen ticks a
 * second: over a 6 s window their p99 was the single slowest tick (one scavenge decided the step).
 */
const MIN_TICKS_FOR_P99 = 300;

export interface LoadCaseRow {
  rooms: number;
  clientsPerRoom: number;
  clients: number;
  seconds: number;
  tickP50Ms: number;
  tickP99Ms: number;
  dayTickP50Ms: number;
  dayTickP99Ms: number;
  eventLoopP99Ms: number;
  /** Server CPU (user + system) per client-second, ms: what a client costs, however busy the machine is. */
  serverCpuMsPerClientS: number;
  /** Share of one core the server process used over the window. */
  serverCpuPct: number;
  bytesPerClientPerS: number;
  /** The same by part: schema patches, private feed, chart, other (bench/wireParts.ts). */
  bytesByPartPerClientPerS: Record<WirePart, number>;
  rssMb: number;
  heapMb: number;
  daysPerRoom: number;
  openClients: number;
  errors: Record<string, number>;
}

export interface LoadCaseOptions {
  rooms: number;
  clientsPerRoom: number;
  seconds: number;
  daysPerSecond?: number;
  scenario?: string;
  /** Load-generating child processes (clients are spread over them room by room). */
  loadProcesses?: number;
}

function merge(reports: LoadReport[]): { open: number; bytes: number; byPart: Record<WirePart, number>; seconds: number; errors: Record<string, number> } {
  const errors: Record<string, number> = {};
  for (const r of reports) for (const [k, v] of Object.entries(r.errors)) errors[k] = (errors[k] ?? 0) + v;
  const byPart = emptyParts();
  for (const r of reports) for (const k of WIRE_PARTS) byPart[k] += r.bytesByPart?.[k] ?? 0;
  return { open: reports.reduce((s, r) => s + r.open, 0), bytes: reports.reduce((s, r) => s + r.bytes, 0), byPart, seconds: Math.max(...reports.map((r) => r.seconds)), errors };
}

/** A harness: one server child and some load children, torn down by `close()`. */
export class LoadHarness {
  server!: ServerChild;
  loads: LoadChild[] = [];
  private hostLeaves: (() => Promise<void>)[] = [];
  rooms = 0;
  clients = 0;

  static async start(loadProcesses = 2): Promise<LoadHarness> {
    const h = new LoadHarness();
    h.server = await startServerChild();
    h.loads = await Promise.all(Array.from({ length: loadProcesses }, () => startLoadChild()));
    await h.warmUp(WARM_UP_DAYS);
    return h;
  }

  /**
   * Plays `days` days in throw-away full rooms at the fastest pace (their clients in a load child of
   * their own, which exits with them), then waits for the rooms to close.
   */
  private async warmUp(days: number): Promise<void> {
    const rooms = await createStartedRooms(this.server.url, 4, { scenario: 'sandbox', daysPerSecond: MAX_DAYS_PER_SECOND, maxPlayers: 8 });
    const load = await startLoadChild();
    await load.join(this.server.url, rooms.codes, 7);
    await this.server.stats(true);
    while ((await this.server.stats()).days < days) await sleep(200);
    await load.leave();
    await rooms.leave();
    for (let waited = 0; waited < 30_000 && (await this.server.stats()).rooms > 0; waited += 200) await sleep(200);
  }

  /** Adds `rooms` started rooms with `clientsPerRoom` clients each (the host counts as one). */
  async addRooms(rooms: number, clientsPerRoom: number, daysPerSecond: number, scenario: string): Promise<void> {
    const created = await createStartedRooms(this.server.url, rooms, { scenario, daysPerSecond, maxPlayers: clientsPerRoom });
    this.hostLeaves.push(created.leave);
    const byChild = this.loads.map((): string[] => []);
    created.codes.forEach((code, i) => byChild[(this.rooms + i) % this.loads.length]!.push(code));
    await Promise.all(this.loads.flatMap((l, i) => (byChild[i]!.length ? [l.join(this.server.url, byChild[i]!, clientsPerRoom - 1)] : [])));
    this.rooms += rooms;
    this.clients += rooms * clientsPerRoom;
  }

  /** A window of at least `seconds`, extended (up to a minute) until the server has timed `minTicks` ticks. */
  async measure(seconds: number, clientsPerRoom: number, minTicks = 0): Promise<LoadCaseRow> {
    await this.server.stats(true);
    await Promise.all(this.loads.map((l) => l.report(true)));
    await sleep(seconds * 1000);
    for (let extra = 0; extra < 60_000 && (await this.server.stats()).ticks < minTicks; extra += 500) await sleep(500);
    const s = await this.server.stats();
    const m = merge(await Promise.all(this.loads.map((l) => l.report())));
    // Hosts are in-process clients of the harness: count them as open, their bytes are not measured.
    const loadClients = this.clients - this.rooms;
    const perClientS = (b: number) => (loadClients > 0 ? b / loadClients / m.seconds : 0);
    return {
      rooms: this.rooms, clientsPerRoom, clients: this.clients, seconds: m.seconds, tickP50Ms: s.tickP50Ms, tickP99Ms: s.tickP99Ms,
      dayTickP50Ms: s.dayTickP50Ms, dayTickP99Ms: s.dayTickP99Ms, eventLoopP99Ms: s.eventLoopP99Ms,
      serverCpuMsPerClientS: s.cpuMs / Math.max(1, this.clients) / (s.windowMs / 1000), serverCpuPct: (100 * s.cpuMs) / Math.max(1, s.windowMs),
      bytesPerClientPerS: perClientS(m.bytes), bytesByPartPerClientPerS: Object.fromEntries(WIRE_PARTS.map((k) => [k, perClientS(m.byPart[k])])) as Record<WirePart, number>, rssMb: s.rssBytes / MB, heapMb: s.heapUsedBytes / MB,
      daysPerRoom: s.days / Math.max(1, s.rooms), openClients: m.open + this.rooms, errors: m.errors,
    };
  }

  async close(): Promise<void> {
    await Promise.all(this.loads.map((l) => l.leave().catch(() => undefined)));
    await Promise.all(this.hostLeaves.map((f) => f().catch(() => undefined)));
    await this.server.stop();
  }
}

export async function runLoadCase(o: LoadCaseOptions): Promise<LoadCaseRow> {
  const h = await LoadHarness.start(o.loadProcesses ?? 2);
  try {
    await h.addRooms(o.rooms, o.clientsPerRoom, o.daysPerSecond ?? 2, o.scenario ?? 'sandbox');
    await sleep(1500);
    return await h.measure(o.seconds, o.clientsPerRoom);
  } finally {
    await h.close();
  }
}

export interface CapacityResult {
  /** Largest client count measured with tick p99 under the limit (0 if the first step failed). */
  maxClients: number;
  limitMs: number;
  eventLoopLimitMs: number;
  stoppedBecause: string;
  steps: LoadCaseRow[];
}

/**
 * Steps up the number of rooms (`clientsPerRoom` clients each, `roomsPerStep` at first, then +50 %
 * a step, +20 % near a limit) on one server process until the p99 tick reaches `limitMs` or the
 * event loop's p99 delay `eventLoopLimitMs`, clients drop, the rooms fall behind their pace (under
 * 80 % of the days they should play), or the time budget runs out. The load clients run on the
 * same machine, at a lower priority (processes.ts): on a small box they still take what the
 * server leaves idle, so the figure is a floor.
 */
export async function findCapacity(opts: {
  clientsPerRoom: number;
  roomsPerStep: number;
  measureSeconds: number;
  budgetSeconds: number;
  limitMs?: number;
  /** The event loop's p99 delay a step must stay under too (ms); none by default. */
  eventLoopLimitMs?: number;
  maxClients?: number;
  daysPerSecond?: number;
}): Promise<CapacityResult> {
  const limitMs = opts.limitMs ?? 20;
  const eventLoopLimitMs = opts.eventLoopLimitMs ?? Infinity;
  const t0 = Date.now();
  const h = await LoadHarness.start(2);
  const steps: LoadCaseRow[] = [];
  let maxClients = 0;
  let stoppedBecause = 'time budget';
  try {
    for (;;) {
      // Steps grow by half of what is there (fine near the bottom, few steps to reach thousands),
      // by a fifth once the last step came near a limit (the loop's delay at half of its limit: it
      // climbs steadily with load; a few rooms' tick p99 is already half of its own): the figure is
      // where it stops.
      const last = steps[steps.length - 1];
      const near = last !== undefined && (last.tickP99Ms >= 0.8 * limitMs || last.eventLoopP99Ms >= eventLoopLimitMs / 2);
      const add = Math.max(opts.roomsPerStep, Math.round(h.rooms * (near ? 0.2 : 0.5)));
      await h.addRooms(add, opts.clientsPerRoom, opts.daysPerSecond ?? 2, 'sandbox');
      await sleep(1000);
      const row = await h.measure(opts.measureSeconds, opts.clientsPerRoom, MIN_TICKS_FOR_P99);
      steps.push(row);
      if (row.openClients < row.clients) {
        stoppedBecause = `${row.clients - row.openClients} clients dropped at ${row.clients}`;
        break;
      }
      // A process that cannot keep its rooms' pace has no tick to spare, whatever the tick figure says.
      const expectedDays = (opts.daysPerSecond ?? 2) * row.seconds;
      if (row.daysPerRoom < 0.8 * expectedDays) {
        stoppedBecause = `rooms played ${row.daysPerRoom.toFixed(1)} of ${expectedDays.toFixed(1)} days at ${row.clients} clients`;
        break;
      }
      if (row.tickP99Ms >= limitMs) {
        stoppedBecause = `tick p99 ${row.tickP99Ms.toFixed(1)} ms ≥ ${limitMs} ms at ${row.clients} clients`;
        break;
      }
      // Ticks can stay short while messages wait their turn: the loop's delay is what a client feels.
      if (row.eventLoopP99Ms >= eventLoopLimitMs) {
        stoppedBecause = `event-loop p99 ${row.eventLoopP99Ms.toFixed(1)} ms ≥ ${eventLoopLimitMs} ms at ${row.clients} clients`;
        break;
      }
      maxClients = row.clients;
      if (opts.maxClients && row.clients >= opts.maxClients) {
        stoppedBecause = `reached the ${opts.maxClients}-client cap of this run`;
        break;
      }
      const perStep = (Date.now() - t0) / steps.length;
      if (Date.now() - t0 + perStep > opts.budgetSeconds * 1000) break;
    }
  } finally {
    await h.close();
  }
  return { maxClients, limitMs, eventLoopLimitMs, stoppedBecause, steps };
}

export interface SoakResult {
  clients: number;
  seconds: number;
  heapAfterWarmupMb: number;
  heapEndMb: number;
  rssAfterWarmupMb: number;
  rssEndMb: number;
  /** Heap after full GCs, sampled along the way (MB). */
  heapSamplesMb: number[];
  /** Least-squares slope of those samples, MB per minute. */
  heapSlopeMbPerMin: number;
  tickP99Ms: number;
  eventLoopP99Ms: number;
  bytesPerClientPerS: number;
  openClients: number;
}

export async function runSoak(opts: { rooms: number; clientsPerRoom: number; seconds: number; sampleEverySeconds: number }): Promise<SoakResult> {
  const h = await LoadHarness.start(2);
  try {
    await h.addRooms(opts.rooms, opts.clientsPerRoom, 2, 'history-2023-2025');
    await sleep(5000);
    const base = await h.server.gc();
    await h.server.stats(true);
    await Promise.all(h.loads.map((l) => l.report(true)));
    const samples: { t: number; mb: number }[] = [{ t: 0, mb: base.heapUsedBytes / MB }];
    const t0 = Date.now();
    while (Date.now() - t0 < opts.seconds * 1000) {
      await sleep(Math.min(opts.sampleEverySeconds * 1000, opts.seconds * 1000 - (Date.now() - t0) + 1));
      samples.push({ t: (Date.now() - t0) / 1000, mb: (await h.server.gc()).heapUsedBytes / MB });
    }
    const end = await h.server.gc();
    const s = await h.server.stats();
    const m = merge(await Promise.all(h.loads.map((l) => l.report())));
    const n = samples.length;
    const mt = samples.reduce((a, x) => a + x.t, 0) / n;
    const mm = samples.reduce((a, x) => a + x.mb, 0) / n;
    const cov = samples.reduce((a, x) => a + (x.t - mt) * (x.mb - mm), 0);
    const vt = samples.reduce((a, x) => a + (x.t - mt) ** 2, 0);
    return {
      clients: h.clients, seconds: m.seconds, heapAfterWarmupMb: base.heapUsedBytes / MB, heapEndMb: end.heapUsedBytes / MB,
      rssAfterWarmupMb: base.rssBytes / MB, rssEndMb: end.rssBytes / MB, heapSamplesMb: samples.map((x) => +x.mb.toFixed(1)),
      heapSlopeMbPerMin: vt > 0 ? (cov / vt) * 60 : 0, tickP99Ms: s.tickP99Ms, eventLoopP99Ms: s.eventLoopP99Ms,
      bytesPerClientPerS: m.bytes / Math.max(1, h.clients - h.rooms) / m.seconds, openClients: m.open + h.rooms,
    };
  } finally {
    await h.close();
  }
}
