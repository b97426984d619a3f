/**
 * Hostile input at the server's real rate limit (20 msg/s, burst 40 per client: nothing raised).
 *
 * 1. Several clients send random and malformed messages (wrong types, huge and deeply nested
 *    payloads, NaN/Infinity, negative and overflowing amounts, unknown ids, other players' ids,
 *    Object.prototype names as ids, payload keys and event params, host commands from non-hosts,
 *    unknown message types), each paced just under the limit. The server must answer every one
 *    (ack or error), stay up, and end with the state a replay of only the accepted actions gives.
 * 2. A flood far above the limit: answered up to the budget, one RATE_LIMITED a second, the socket
 *    stays open and serves again once the bucket refills.
 * 3. Raw frames: random bytes, and msgpack built to lie (false str/bin/array/map/ext lengths,
 *    unknown and built-in extension types, record definitions, `__proto__` map keys). Each frame is
 *    answered or closes only its own socket; the others play on and Object.prototype stays clean.
 * 4. HTTP and matchmaking bodies: malformed, oversized, deeply nested and prototype-keyed JSON,
 *    odd methods and room names. Every request is answered below 500 and the server stays healthy.
 * Each part counts what it tried and what held, and prints the figures.
 */
import { Client } from 'colyseus.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PLAYER_ACTION_TYPES, parseAction } from '../../shared/rules/actions.js';
import { EVENT_KINDS } from '../../shared/economy/scenarios/types.js';
import { runReplay, type ReplayFile } from '../../shared/rules/replay.js';
import { stateHash } from '../../shared/rules/engine.js';
import { HOST_COMMANDS } from '../../shared/protocol/index.js';
import { DEFAULT_CONFIG } from '../../server/config.js';
import { pack } from 'msgpackr';
import { bootServer, createRoom, joinRoom, record, waitFor, waitMessage, welcomeOf, type Recorded, type TestServer } from './helpers.js';

const TOTAL = Number(process.env.FUZZ_MESSAGES) || 2_500;
const SEED = Number(process.env.FUZZ_SEED) || 0xbeef;
/** Unanswered messages a client may have in flight. */
const WINDOW = 10;
/** The server's real budget (DEFAULT_CONFIG): each fuzzer sends just under it, so every message is answered. */
const PER_CLIENT_PER_SECOND = DEFAULT_CONFIG.rateLimitPerSecond * 0.85;
/** Names that find Object.prototype members in a plain record. */
const PROTO_NAMES = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf', '__defineGetter__', 'isPrototypeOf'];

/** An object with `key` as an own property (JSON.parse makes `__proto__` a plain key, not a prototype). */
function withOwnKey(base: Record<string, unknown>, key: string, value: unknown): Record<string, unknown> {
  return { ...base, ...(JSON.parse(`{${JSON.stringify(key)}: ${JSON.stringify(value ?? null)}}`) as Record<string, unknown>) };
}

/** Object.prototype must never gain a key, whatever a client sends. */
function expectCleanPrototype(): void {
  expect(Object.getOwnPropertyNames(Object.prototype).filter((k) => !BUILTIN_PROTO_KEYS.has(k))).toEqual([]);
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  expect(({} as Record<string, unknown>).isHost).toBeUndefined();
}
const BUILTIN_PROTO_KEYS = new Set(Object.getOwnPropertyNames(Object.prototype));

/** mulberry32: a seeded PRNG so a failing run can be reproduced with FUZZ_SEED. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WEIRD: unknown[] = [
  NaN, Infinity, -Infinity, 'NaN', 'Infinity', '-Infinity', -1, -0.0001, 0, 1e308, -1e308, Number.MAX_SAFE_INTEGER, 2 ** 64, 1e-300, 3.7,
  -5e12, 1e13, 21_000_001, '', ' ', '1e9', null, true, false, [], {}, [1, 2, 3], { a: 1 }, 'x'.repeat(70), '__proto__', 'constructor', '💥\u0000',
];

const chanceOf = (rand: () => number, p: number) => rand() < p;

/** Message types nobody handles; `*` and `__no_message_handler` are left out: Colyseus uses them itself. */
const UNKNOWN_TYPES = ['hack', 'ack', 'error', 'welcome', 'constructor', '__proto__', 'toString', 'START', 'buysite', '', ' '.repeat(3), 'x'.repeat(200)];

interface Fuzzer {
  rec: Recorded;
  playerId: string;
  isHost: boolean;
  spectator: boolean;
  sent: { type: string; payload: unknown }[];
}

describe('fuzzing the market room', () => {
  let ts: TestServer;
  beforeAll(async () => {
    // The real rate limit: no raised config.
    ts = await bootServer({ reconnectSeconds: 0 });
    expect(ts.server.config.rateLimitPerSecond).toBe(DEFAULT_CONFIG.rateLimitPerSecond);
  });
  afterAll(async () => {
    await ts?.stop();
  });

  it(`answers ${TOTAL} hostile messages at the real rate limit, holds a flood and lying msgpack, and matches a replay of the accepted ones`, async () => {
    const rand = prng(SEED);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
    const chance = (p: number) => rand() < p;

    const host = await createRoom(ts.url, { scenario: 'sandbox', seed: 'fuzz', daysPerSecond: 4, maxPlayers: 8, playerName: 'Host' });
    const code = host.room.roomId;
    const joined = [host, ...(await Promise.all([1, 2, 3].map((i) => joinRoom(ts.url, code, { playerName: `Fuzzer ${i}` }))))];
    joined.push(await joinRoom(ts.url, code, { spectate: true }));
    const fuzzers: Fuzzer[] = [];
    for (const rec of joined) {
      const w = await welcomeOf(rec);
      fuzzers.push({ rec, playerId: w.playerId, isHost: w.isHost, spectator: w.spectator, sent: [] });
    }
    host.room.send('start', { ref: 'start' });
    await waitMessage(host, 'ack', (p) => p.ref === 'start');
    const repliesOf = (f: Fuzzer) => f.rec.messages.filter((m) => m.type === 'ack' || m.type === 'error');
    const baseReplies = new Map(fuzzers.map((f) => [f, repliesOf(f).length]));

    // Every id anyone has seen (own and other players' sites, lots, orders, loans, regions, models…).
    const ids = new Set<string>(['p1', 'p2', 'p9', '@host', 'nope', 'site-0', 'lot-1']);
    const harvest = (v: unknown, depth = 0): void => {
      if (depth > 6 || v === null || typeof v !== 'object') return;
      for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
        if (typeof x === 'string' && (k === 'id' || k.endsWith('Id')) && x.length <= 64 && ids.size < 5000) ids.add(x);
        else harvest(x, depth + 1);
      }
    };
    const harvestAll = () => {
      for (const f of fuzzers) for (const m of f.rec.messages.slice(-50)) harvest(m.payload);
      const s = host.room.state;
      for (const key of ['sites', 'tenders', 'players', 'regions'] as const) s[key]?.forEach((_v: unknown, k: string) => ids.add(k));
    };
    harvestAll();
    const anId = () => (chance(0.1) ? pick(PROTO_NAMES) : chance(0.85) ? pick([...ids]) : pick(WEIRD));
    const num = (lo: number, hi: number) => lo + rand() * (hi - lo);
    const weirdOr = (v: unknown) => (chance(0.25) ? pick(WEIRD) : v);

    /** Payloads that could pass validation, with one field sometimes swapped for garbage. */
    const plausible: Record<string, () => Record<string, unknown>> = {
      buySite: () => ({ siteId: anId() }),
      buildSite: () => ({ regionId: anId(), tier: pick(['mining', 'ai', 'gpu']), mw: num(-5, 60) }),
      expandSite: () => ({ siteId: anId(), mw: num(-1, 30) }),
      rentColocation: () => ({ providerId: pick(['dfw-colo', 'fjord-colo', 'ashburn-colo', 'nope']), mw: num(-1, 50) }),
      retrofitSite: () => ({ siteId: anId() }),
      sellSite: () => ({ siteId: anId() }),
      setPowerContract: () => ({ siteId: anId(), contract: pick(['ppa', 'index', 'spot']) }),
      orderHardware: () => ({ modelId: anId(), count: Math.floor(num(-3, 40)), ...(chance(0.5) ? { siteId: anId() } : {}) }),
      installHardware: () => ({ lotId: anId(), siteId: anId() }),
      uninstallHardware: () => ({ lotId: anId() }),
      sellHardware: () => ({ lotId: anId(), count: Math.floor(num(0, 5)) }),
      setTreasuryPolicy: () => ({ sellMinedPct: Math.round(num(-20, 120)) }),
      tradeBtc: () => ({ side: pick(['buy', 'sell', 'hold']), amountBtc: pick([0.01, 0.5, 3, -1, 1e9]) }),
      placeLeaseOrder: () => ({ side: pick(['bid', 'ask']), quantity: Math.floor(num(-5, 500)), priceUsdPerGpuHour: num(-1, 5) }),
      cancelLeaseOrder: () => ({ orderId: anId() }),
      bidTender: () => ({ tenderId: anId(), priceUsdPerGpuHour: num(0, 4) }),
      acceptOffer: () => ({ offerId: anId(), ...(chance(0.5) ? { siteId: anId(), priceUsdPerKwMonth: num(-1, 200) } : {}) }),
      declineOffer: () => ({ offerId: anId() }),
      takeLoan: () => ({ amountUsd: pick([1000, 1e6, 5e7, -1, 2e12]), termDays: pick([10, 30, 365, 4000]) }),
      repayLoan: () => ({ loanId: anId(), amountUsd: pick([1, 1000, 1e9]) }),
      raiseEquity: () => ({ amountUsd: pick([1e5, 1e7, 1e12, 1e13, -5]) }),
      buyback: () => ({ amountUsd: pick([1e3, 1e6, 1e11]) }),
      announceNarrative: () => ({ narrative: pick(['crypto', 'ai', 'none', 'defi']) }),
      contestPick: () => ({ narrative: pick(['crypto', 'ai', 'none']), stakeUsd: pick([0, 100, 1e4, 1e9, -10]) }),
    };
    const hostPayload = (cmd: string, isHost: boolean): Record<string, unknown> => {
      switch (cmd) {
        case 'speed':
          // A valid speed from the host stays slow: the match must outlive the fuzz.
          return { daysPerSecond: isHost ? pick([2, 4, 6, 0, -1, 1e6, NaN]) : num(0.05, 50) };
        case 'inject': {
          const params = chance(0.3) ? withOwnKey({}, pick(PROTO_NAMES), pick(['', 1, { polluted: 1 }])) : { pct: weirdOr(num(-50, 50)) };
          return { kind: chance(0.8) ? pick(EVENT_KINDS) : pick([...WEIRD, ...PROTO_NAMES]), ...(chance(0.6) ? { params } : {}) };
        }
        case 'kick':
          // Non-hosts may name anyone; the host only unknown ids or itself (a real kick ends a fuzzer).
          return { playerId: isHost ? pick(['p99', 'nobody', '', 'p1']) : pick([...ids]) };
        default:
          return chance(0.7) ? {} : { extra: pick(WEIRD) };
      }
    };
    const nested = (depth: number): unknown => {
      let v: unknown = pick([1, 'x', null]);
      for (let i = 0; i < depth; i++) v = chance(0.5) ? [v] : { n: v };
      return v;
    };

    let ref = 0;
    const message = (f: Fuzzer): { type: string; payload: unknown } => {
      const r = rand();
      const type = pick(PLAYER_ACTION_TYPES);
      if (r < 0.4) {
        const body = plausible[type]!();
        if (chance(0.4)) body[pick(Object.keys(body).concat('extra'))] = pick(WEIRD);
        return { type, payload: { ...body, ref: ++ref } };
      }
      if (r < 0.5) return { type, payload: pick([42, 'buy', [1, 2], true, null, undefined, NaN, -Infinity, '{"siteId":"x"}']) };
      if (r < 0.55) return { type, payload: { ...plausible[type]!(), blob: 'A'.repeat(4100 + Math.floor(rand() * 8000)), ref: ++ref } };
      if (r < 0.58) return { type, payload: { ...plausible[type]!(), list: Array.from({ length: 1500 }, (_, i) => i * 1.5), ref: ++ref } };
      if (r < 0.63) return { type, payload: { siteId: nested(pick([50, 500, 1500, 3000])), ref: ++ref } };
      if (r < 0.7) {
        const cmd = pick(HOST_COMMANDS);
        // The host never sends a valid `end` mid-fuzz (it would end the match for everyone).
        if (f.isHost && cmd === 'end') return { type: cmd, payload: { extra: 1, ref: ++ref } };
        return { type: cmd, payload: { ...hostPayload(cmd, f.isHost), ref: ++ref } };
      }
      if (r < 0.75) return { type: pick(['injectEvent', 'endMatch']), payload: { kind: pick(EVENT_KINDS), ref: ++ref } };
      // Prototype names as payload keys (own properties, as a hostile client's msgpack would carry them).
      if (r < 0.79) return { type, payload: withOwnKey({ ...plausible[type]!(), ref: ++ref }, pick(PROTO_NAMES), pick([{ polluted: 1, isHost: true }, 'x', 1, null])) };
      if (r < 0.82) return { type: pick(UNKNOWN_TYPES), payload: chance(0.5) ? { ref: ++ref } : pick(WEIRD) };
      // Well-formed but aimed at others: their ids, absurd amounts.
      const body = plausible[type]!();
      for (const k of Object.keys(body)) if (k.endsWith('Id') && chance(0.7)) body[k] = pick([...ids]);
      return { type, payload: { ...body, ref: ++ref } };
    };

    const t0 = Date.now();
    let sent = 0;
    const inFlight = (f: Fuzzer) => f.sent.length - (repliesOf(f).length - baseReplies.get(f)!);
    while (sent < TOTAL) {
      // Each client under its own budget (tokens refill per client), one message per pass, round robin.
      const allowedEach = Math.floor(((Date.now() - t0) / 1000) * PER_CLIENT_PER_SECOND) + 5;
      for (const f of fuzzers) {
        if (sent >= TOTAL || f.sent.length >= allowedEach || inFlight(f) >= WINDOW) continue;
        const m = message(f);
        f.sent.push(m);
        f.rec.room.send(m.type, m.payload);
        sent++;
      }
      if (sent % 500 < fuzzers.length) harvestAll();
      await new Promise((r) => setTimeout(r, 10));
      expect(Date.now() - t0, 'fuzz took too long: the server stopped answering?').toBeLessThan(300_000);
    }
    for (const f of fuzzers) await waitFor(() => inFlight(f) === 0, 20_000, `all replies for ${f.playerId || 'spectator'}`);
    const fuzzSeconds = (Date.now() - t0) / 1000;

    // Still up and still serving.
    expect((await (await fetch(`${ts.http}/healthz`)).json()).ok).toBe(true);
    for (const f of fuzzers) expect(f.rec.room.connection.isOpen, `socket of ${f.playerId || 'spectator'}`).toBe(true);

    // One reply per message, in order: the n-th reply answers the n-th message.
    const counts = { sent, accepted: 0, rejected: 0, byCode: {} as Record<string, number> };
    const acceptedActions = new Map<string, string[]>();
    for (const f of fuzzers) {
      const replies = repliesOf(f).slice(baseReplies.get(f));
      expect(replies).toHaveLength(f.sent.length);
      let errors = 0;
      f.sent.forEach((m, i) => {
        const reply = replies[i]!;
        const sentRef = (m.payload as { ref?: unknown } | null)?.ref;
        // TOO_LARGE answers without looking inside the payload, so without its ref.
        if (typeof sentRef === 'number' && reply.payload.code !== 'TOO_LARGE') expect(reply.payload.ref).toBe(sentRef);
        if (reply.type === 'error') {
          errors++;
          counts.rejected++;
          counts.byCode[reply.payload.code] = (counts.byCode[reply.payload.code] ?? 0) + 1;
          expect(typeof reply.payload.message).toBe('string');
          return;
        }
        counts.accepted++;
        // What the engine logs for it: player actions under the seat, `inject` under the host actor.
        const { ref: _r, ...body } = m.payload as Record<string, unknown>;
        const asAction = m.type === 'inject' ? { ...body, type: 'injectEvent' } : PLAYER_ACTION_TYPES.includes(m.type as never) ? { ...body, type: m.type } : null;
        if (!asAction) return;
        const parsed = parseAction(asAction);
        expect(parsed.ok).toBe(true);
        const actor = m.type === 'inject' ? '@host' : f.playerId;
        acceptedActions.set(actor, [...(acceptedActions.get(actor) ?? []), JSON.stringify(parsed.ok ? parsed.action : null)]);
      });
      expect(errors, `errors for ${f.playerId || 'spectator'}`).toBeGreaterThan(0);
      if (f.spectator) expect(replies.every((r) => r.type === 'error')).toBe(true);
    }
    expect(counts.byCode.NOT_HOST).toBeGreaterThan(0);
    expect(counts.byCode.TOO_LARGE).toBeGreaterThan(0);
    // Paced under the budget: nothing was rate-limited away (every message got its own reply above).
    expect(counts.byCode.RATE_LIMITED ?? 0).toBe(0);
    expectCleanPrototype();

    // A flood far above the budget: answered up to it, one RATE_LIMITED a second, the socket stays.
    const flooder = await joinRoom(ts.url, code, { playerName: 'Flooder' });
    await welcomeOf(flooder);
    const floodFrom = flooder.messages.length;
    const floodT0 = Date.now();
    for (let i = 0; i < 400; i++) flooder.room.send('announceNarrative', { narrative: 'ai', ref: `flood-${i}` });
    const floodReplies = () => flooder.messages.slice(floodFrom).filter((m) => m.type === 'ack' || m.type === 'error');
    await waitFor(() => floodReplies().some((m) => m.payload.code === 'RATE_LIMITED'), 10_000, 'a RATE_LIMITED reply');
    // Probing until one probe is served again proves the bucket refills; it is an event, not a sleep.
    let probe = 0;
    await waitFor(() => {
      const served = flooder.messages.some((m) => m.type === 'ack' && String(m.payload.ref).startsWith('probe-'));
      if (!served) flooder.room.send('announceNarrative', { narrative: 'crypto', ref: `probe-${++probe}` });
      return served;
    }, 10_000, 'service after the flood');
    const floodSeconds = (Date.now() - floodT0) / 1000;
    const answered = floodReplies().filter((m) => String(m.payload.ref).startsWith('flood-') && m.payload.code !== 'RATE_LIMITED').length;
    const limited = floodReplies().filter((m) => m.payload.code === 'RATE_LIMITED').length;
    expect(answered).toBeLessThanOrEqual(DEFAULT_CONFIG.rateLimitBurst + Math.ceil(floodSeconds * DEFAULT_CONFIG.rateLimitPerSecond) + 1);
    expect(answered).toBeGreaterThanOrEqual(DEFAULT_CONFIG.rateLimitBurst - 1);
    expect(limited).toBeLessThanOrEqual(Math.ceil(floodSeconds) + 1);
    expect(flooder.room.connection.isOpen).toBe(true);
    const flood = { sent: 400, answered, rateLimited: limited, seconds: Number(floodSeconds.toFixed(1)) };
    // What the flood got accepted is in the log too, in ack order.
    const flooderId = (await welcomeOf(flooder)).playerId;
    acceptedActions.set(flooderId, flooder.messages.filter((m) => m.type === 'ack' && /^(flood|probe)-/.test(String(m.payload.ref))).map((m) =>
      JSON.stringify({ type: 'announceNarrative', narrative: String(m.payload.ref).startsWith('flood-') ? 'ai' : 'crypto' })));
    // It stays seated: a leaver's seat is handed to a bot, whose actions would join the log.
    expect(counts.byCode.UNKNOWN_MESSAGE).toBeGreaterThan(0);
    expect(counts.byCode.BAD_ACTION).toBeGreaterThan(0);
    expect(counts.accepted).toBeGreaterThan(sent / 100);

    // A frame over maxPayload closes only that socket; everyone else plays on.
    const vandal = record(await new Client(ts.url).joinById(code, { spectate: true }));
    const closed = new Promise<number>((r) => vandal.room.onLeave((c) => r(c)));
    vandal.room.send('buySite', { siteId: 'Z'.repeat(64 * 1024) });
    expect(await closed).toBe(1009);

    // Raw frames after the ROOM_DATA (13) / ROOM_DATA_BYTES (17) codes: random bytes, and msgpack
    // built to lie. Undecodable msgpack closes that socket (Colyseus' rule); anything decodable must
    // be answered; either way the server and every other client carry on.
    const typeBytes = (t: string) => [0xa0 + t.length, ...Buffer.from(t)];
    const u32 = (n: number) => [(n >>> 24) & 255, (n >>> 16) & 255, (n >>> 8) & 255, n & 255];
    const HOSTILE_MSGPACK: Record<string, () => number[]> = {
      random: () => Array.from({ length: 1 + Math.floor(rand() * 64) }, () => Math.floor(rand() * 256)),
      falseStrLength: () => [0xdb, ...u32(0x7fffffff), 0x61, 0x62],
      falseBinLength: () => [0xc6, ...u32(0xfffffff0), 1, 2, 3],
      falseArrayLength: () => [0xdd, ...u32(0xffffffff), 1],
      falseMapLength: () => [0xdf, ...u32(0xffffffff), 0xa1, 0x61, 1],
      falseExtLength: () => [0xc9, ...u32(0x7fffffff), pick([0x01, 0x65, 0x73, 0x74, 0xff]), 1, 2],
      unknownExt: () => [pick([0xd4, 0xd5, 0xd6, 0xd7, 0xd8]), Math.floor(rand() * 256), ...Array.from({ length: 16 }, () => 0)].slice(0, 3 + Math.floor(rand() * 16)),
      timestampExt: () => [0xd6, 0xff, ...u32(Math.floor(rand() * 2 ** 32))],
      builtinExt: () => [...pack(pick<unknown>([new Set([1, 'x']), new Map([['siteId', 'x']]), new Date(0), /x+/g, new Error('boom'), new Uint8Array(8), new Float64Array(2), 2n ** 63n]))],
      recordDefinition: () => [0xd4, 0x72, 0x40, 0x40 + Math.floor(rand() * 64)],
      protoKeyMap: () => [...pack(JSON.parse('{"__proto__": {"isHost": true, "polluted": 1}, "siteId": "constructor", "constructor": {"prototype": {"polluted": 1}}}'))],
      deepNesting: () => [...Array(5000).fill(0x91), 0xc0],
    };
    const rawStats: Record<string, { tried: number; answered: number; closed: number; held: number }> = {};
    let sockets = 0;
    const newRawSocket = async () => {
      sockets++;
      const r = record(await new Client(ts.url).joinById(code, { spectate: true }));
      await welcomeOf(r);
      const state = { rec: r, open: true };
      r.room.onLeave(() => (state.open = false));
      return state;
    };
    let raw = await newRawSocket();
    const kinds = Object.keys(HOSTILE_MSGPACK);
    const RAW_FRAMES = Number(process.env.FUZZ_RAW_FRAMES) || 240;
    for (let i = 0; i < RAW_FRAMES; i++) {
      const kind = kinds[i % kinds.length]!;
      const st = (rawStats[kind] ??= { tried: 0, answered: 0, closed: 0, held: 0 });
      const body = HOSTILE_MSGPACK[kind]!();
      const frame = kind === 'random' && chance(0.5) ? [chance(0.7) ? 13 : 17, ...body] : [13, ...typeBytes(pick(['buySite', 'inject', 'zzzzzz', 'constructor', '__proto__'])), ...body];
      const before = raw.rec.messages.filter((m) => m.type === 'ack' || m.type === 'error').length;
      st.tried++;
      raw.rec.room.connection.send(Uint8Array.from(frame));
      const outcome = await waitFor(
        () => (!raw.open ? 'closed' : raw.rec.messages.filter((m) => m.type === 'ack' || m.type === 'error').length > before ? 'answered' : null),
        5_000,
        `answer or close after a ${kind} frame`,
      );
      st[outcome]++;
      // Held: the server answered or closed only this socket, and is still healthy for everyone.
      if (fuzzers.every((f) => f.rec.room.connection.isOpen)) st.held++;
      if (outcome === 'closed') raw = await newRawSocket();
      // Stay under this socket's budget too.
      else await new Promise((r) => setTimeout(r, 1000 / PER_CLIENT_PER_SECOND));
    }
    await raw.rec.room.leave();
    const rawFrames = Object.values(rawStats).reduce((n, k) => n + k.tried, 0);
    const rawHeld = Object.values(rawStats).reduce((n, k) => n + k.held, 0);
    expect(rawHeld).toBe(rawFrames);
    expect(rawStats.falseArrayLength!.closed).toBe(rawStats.falseArrayLength!.tried);
    expect(rawStats.protoKeyMap!.answered).toBe(rawStats.protoKeyMap!.tried);
    expectCleanPrototype();
    expect((await (await fetch(`${ts.http}/healthz`)).json()).ok).toBe(true);
    for (const f of fuzzers) expect(f.rec.room.connection.isOpen).toBe(true);

    // End the match and replay only what was accepted.
    host.room.send('end', { ref: 'final' });
    const ended = await waitMessage(host, 'ended', () => true, 0, 10_000);
    const file: ReplayFile = await (await fetch(`${ts.http}/api/matches/${code}/replay.json`)).json();
    const logged = new Map<string, string[]>();
    for (const e of file.entries) if (e.kind === 'action' && e.action.type !== 'endMatch') logged.set(e.playerId, [...(logged.get(e.playerId) ?? []), JSON.stringify(e.action)]);
    expect(logged).toEqual(acceptedActions);
    let replayRejected = 0;
    const replayed = runReplay(file, { onRejected: () => replayRejected++ });
    expect(replayRejected).toBe(0);
    expect(stateHash(replayed)).toBe(ended.stateHash);

    console.log(
      `fuzz: ${JSON.stringify({ ...counts, held: counts.accepted + counts.rejected, clients: fuzzers.length, seconds: Number(fuzzSeconds.toFixed(1)), msgPerS: Math.round(sent / fuzzSeconds), finalDay: ended.finalDay, seed: SEED })}`,
    );
    console.log(`fuzz flood: ${JSON.stringify(flood)}`);
    console.log(`fuzz raw frames: ${JSON.stringify({ tried: rawFrames, held: rawHeld, sockets, byKind: rawStats })}`,
    );
    await Promise.all([...fuzzers.map((f) => f.rec.room.leave()), flooder.room.leave()]);
  }, 300_000);

  it('answers hostile HTTP and matchmaking bodies below 500 and stays healthy', async () => {
    const rand = prng(SEED ^ 0x5eed);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
    const deep = (n: number) => '['.repeat(n) + ']'.repeat(n);
    const BODIES: string[] = [
      '', 'null', '[]', '"str"', '{', '{"scenario":', '1e309', 'x'.repeat(128 * 1024), deep(20_000), `{"a":${deep(5_000)}}`,
      '{"__proto__":{"resumeKey":"x","matchId":"ABCDEF","isHost":true}}', '{"constructor":{"prototype":{"polluted":1}}}',
      '{"resumeKey":"guess","matchId":"ABCDEF"}', '{"scenario":"constructor"}', '{"scenario":"__proto__"}', '{"scenario":"toString"}',
      '{"scenario":"sandbox","bots":[{"strategy":"constructor","count":1}]}', '{"scenario":"sandbox","bots":[{"strategy":"treasurer","count":1e9}]}',
      '{"scenario":"sandbox","maxPlayers":-1}', '{"scenario":"sandbox","daysPerSecond":1e308}', '{"scenario":"sandbox","seed":{"toString":1}}',
      '{"scenario":"sandbox","classroom":{"labels":["__proto__","constructor"]}}', '{"scenario":"sandbox","classroom":{"__proto__":{"polluted":1}}}',
      '{"scenario":"sandbox","name":"\u0000\u202e=HYPERLINK()"}', '{"playerName":"__proto__","seatToken":"constructor","hostToken":"toString"}',
      '{"reconnectionToken":"nope"}', JSON.stringify({ scenario: 'sandbox', name: 'y'.repeat(10_000) }),
    ];
    const PATHS = [
      '/matchmake/create/market', '/matchmake/joinOrCreate/market', '/matchmake/join/market', '/matchmake/joinById/ABCDEF', '/matchmake/joinById/%00',
      '/matchmake/reconnect/ABCDEF', '/matchmake/nope/market', '/matchmake/create/__proto__', '/matchmake/create/constructor', '/matchmake/create/lobby',
      '/matchmake/create/..%2f..%2fmarket', '/matchmake/', '/api/sessions/ABCDEF/open', '/api/matches/ABCDEF/open', '/api/sessions/__proto__/open',
      '/api/matches/constructor/export.csv', '/api/rooms/%E0%A4%A', '/api/matches/ABCDEF/replay.json?token[]=1&token[]=2', '/healthz',
    ];
    const TRIES = Number(process.env.FUZZ_HTTP) || 300;
    const byStatus: Record<string, number> = {};
    let held = 0;
    for (let i = 0; i < TRIES; i++) {
      const path = PATHS[i % PATHS.length]!;
      const method = chanceOf(rand, 0.85) ? 'POST' : pick(['GET', 'PUT', 'DELETE', 'OPTIONS', 'PATCH']);
      const body = method === 'GET' || method === 'OPTIONS' ? undefined : pick(BODIES);
      const headers: Record<string, string> = { 'content-type': pick(['application/json', 'text/plain', 'application/x-www-form-urlencoded']) };
      if (chanceOf(rand, 0.2)) headers.authorization = pick(['Bearer ', 'Bearer constructor', 'Basic Og==', 'x'.repeat(2000)]);
      let status = 0;
      try {
        status = (await fetch(`${ts.http}${path}`, { method, headers, body })).status;
      } catch {
        status = -1;
      }
      byStatus[status] = (byStatus[status] ?? 0) + 1;
      if (status > 0 && status < 500) held++;
      if (i % 50 === 49) expect((await (await fetch(`${ts.http}/healthz`)).json()).ok).toBe(true);
    }
    expect(held, JSON.stringify(byStatus)).toBe(TRIES);
    expect(byStatus['413']).toBeGreaterThan(0);
    expectCleanPrototype();
    expect((await (await fetch(`${ts.http}/healthz`)).json()).ok).toBe(true);
    console.log(`fuzz http: ${JSON.stringify({ tried: TRIES, held, byStatus, guard: ts.server.guard.stats })}`);
  });
});
