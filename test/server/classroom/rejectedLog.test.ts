/**
 * `rejected_actions` cannot be grown without bound (issue 11, item 6): a spectator flooding
 * refusals at the real rate limit fills its own share, and all clients together the match's.
 */
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DB_FILE } from '../../../server/persistence/store.js';
import { bootServer, createRoom, joinRoom, waitFor, welcomeOf, type Recorded, type TestServer } from '../helpers.js';

const PER_CLIENT = 10;
const PER_MATCH = 25;

let ts: TestServer;
beforeAll(async () => {
  // The real rate limit (20/s, burst 40): the caps must hold at the pace a client may really send.
  ts = await bootServer({ rejectedLogPerClient: PER_CLIENT, rejectedLogPerMatch: PER_MATCH });
});
afterAll(async () => {
  await ts?.stop();
});

/** Sends `n` refused messages and waits until each is answered (or rate-limited away). */
async function flood(rec: Recorded, n: number): Promise<number> {
  const before = rec.messages.length;
  for (let i = 0; i < n; i++) rec.room.send('buySite', { siteId: `nope-${i}`, junk: 'x'.repeat(300), ref: i });
  // 40 answered from the burst, then one RATE_LIMITED per second at most.
  await waitFor(() => rec.messages.slice(before).filter((m) => m.type === 'error').length >= 40, 10_000, 'refusals');
  return rec.messages.slice(before).filter((m) => m.type === 'error').length;
}

function rows(code: string): { playerId: string; bytes: number }[] {
  const db = new Database(join(ts.dataDir, DB_FILE), { readonly: true });
  try {
    return db.prepare('SELECT player_id AS playerId, length(payload_json) + length(message) AS bytes FROM rejected_actions WHERE match_id = ?').all(code) as { playerId: string; bytes: number }[];
  } finally {
    db.close();
  }
}

describe('refusal log caps', () => {
  it('keeps at most PER_CLIENT rows per spectator and PER_MATCH per session, with short payloads', async () => {
    const teacher = await createRoom(ts.url, { daysPerSecond: 1, classroom: { labels: ['S1'], allowGuests: true } });
    await welcomeOf(teacher);
    const code = teacher.room.roomId;
    const spies = await Promise.all([1, 2, 3].map(() => joinRoom(ts.url, code, { spectate: true })));
    await Promise.all(spies.map(welcomeOf));
    const refused = await flood(spies[0]!, 60);
    expect(refused).toBeGreaterThanOrEqual(40);
    // Before: every refusal became a row (344 rows / 1.35 MB in 20 s from one spectator).
    expect(rows(code)).toHaveLength(PER_CLIENT);
    for (const spy of spies.slice(1)) await flood(spy, 60);
    const all = rows(code);
    expect(all).toHaveLength(PER_MATCH);
    expect(Math.max(...all.map((r) => r.bytes))).toBeLessThan(700);
    // The room still answers everyone.
    expect(spies.every((s) => s.room.connection.isOpen)).toBe(true);
    await Promise.all([teacher, ...spies].map((r) => r.room.leave()));
  });
});
