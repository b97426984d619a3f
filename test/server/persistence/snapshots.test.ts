/**
 * Snapshots store the chart history incrementally (issue 11, item 6): a snapshot holds the state,
 * each day's summary is written once to `day_summaries`, and a resumed room still sends the whole
 * history.
 */
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createGameServer } from '../../../server/app.js';
import { createLogger } from '../../../server/logger.js';
import { DB_FILE, SNAPSHOT_EVERY_DAYS } from '../../../server/persistence/store.js';
import { createRoom, joinRoom, waitFor, waitMessage, welcomeOf } from '../helpers.js';

const dataDir = mkdtempSync(join(tmpdir(), 'bc-snap-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));
const boot = () => createGameServer({ port: 0, dataDir, logger: createLogger('silent'), clientDir: join(dataDir, 'none') });

describe('snapshots', () => {
  it('write each day summary once and no history in the snapshot rows; a resume still sends every day', async () => {
    const first = await boot();
    const host = await createRoom(`ws://127.0.0.1:${first.port}`, { scenario: 'sandbox', daysPerSecond: 50 });
    const hw = await welcomeOf(host);
    const code = host.room.roomId;
    host.room.send('start', { ref: 's' });
    await waitMessage(host, 'ack', (p) => p.ref === 's');
    await waitFor(() => host.room.state.world?.day >= 4 * SNAPSHOT_EVERY_DAYS + 5, 30_000, 'four snapshots');
    await first.close();

    const db = new Database(join(dataDir, DB_FILE), { readonly: true });
    const snaps = db.prepare('SELECT day, length(history_json) AS historyBytes, length(state_json) AS stateBytes FROM snapshots WHERE match_id = ? ORDER BY day').all(code) as { day: number; historyBytes: number; stateBytes: number }[];
    const summaries = db.prepare('SELECT day FROM day_summaries WHERE match_id = ? ORDER BY day').all(code) as { day: number }[];
    const stoppedAt = (db.prepare('SELECT current_day AS day FROM matches WHERE id = ?').get(code) as { day: number }).day;
    db.close();
    expect(snaps.length).toBeGreaterThanOrEqual(5);
    // Before: each snapshot re-stored the whole history (477 KB in the last one of a 730-day match).
    expect(snaps.every((s) => s.historyBytes === 0)).toBe(true);
    const lastSnap = snaps[snaps.length - 1]!.day;
    expect(summaries.map((s) => s.day)).toEqual(Array.from({ length: lastSnap + 1 }, (_, d) => d));

    const second = await boot();
    try {
      const back = await joinRoom(`ws://127.0.0.1:${second.port}`, code, { seatToken: hw.seatToken });
      const history = await waitMessage(back, 'history');
      // The days after the last snapshot are re-played on resume; together, every day from 0.
      const days: number[] = history.days.map((d: { day: number }) => d.day);
      expect(days).toEqual(Array.from({ length: days.length }, (_, d) => d));
      expect(days.length).toBeGreaterThanOrEqual(stoppedAt + 1);
      await back.room.leave();
    } finally {
      await second.close();
    }
  });
});
