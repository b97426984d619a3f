/**
 * The server's store checkpoints its WAL on a thread of its own (store.ts, checkpointWorker.mjs):
 * commits never wait for a checkpoint's fsyncs, the WAL is still emptied into the database, and
 * nothing written is lost, after a clean close or after the writer vanishes without one.
 */
import Database from 'better-sqlite3';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DB_FILE, MatchStore, type CheckpointReport } from '../../../server/persistence/store.js';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'bc-ckpt-'));
  dirs.push(d);
  return d;
};

/** One row per commit, as the room logs actions: each commit adds WAL frames. */
function writeEntries(store: MatchStore, matchId: string, from: number, count: number): void {
  for (let seq = from; seq < from + count; seq++) {
    store.appendEntry(matchId, seq, { day: seq, kind: 'action', playerId: 'p1', action: { type: 'setTreasuryPolicy', sellMinedPct: seq % 100 } });
  }
}

const autocheckpointPages = (store: MatchStore): number => (store.db.pragma('wal_autocheckpoint') as { wal_autocheckpoint: number }[])[0]!.wal_autocheckpoint;

const countRows = (dir: string): number => {
  const db = new Database(join(dir, DB_FILE));
  try {
    return (db.prepare('SELECT COUNT(*) AS n FROM actions').get() as { n: number }).n;
  } finally {
    db.close();
  }
};

/** Waits for a report that found every frame of the WAL already in the database (writes stopped). */
async function untilCaughtUp(store: MatchStore): Promise<CheckpointReport> {
  for (;;) {
    const r = await store.nextCheckpoint();
    if (r.busy === 0 && r.checkpointed === r.log) return r;
  }
}

describe('background checkpoints', () => {
  it('empty the WAL into the database while the writer never checkpoints below its backstop', async () => {
    const dir = tempDir();
    const store = new MatchStore(dir, { checkpointEveryMs: 20 });
    // Past SQLite's default threshold (1,000 pages), where a commit would have checkpointed itself.
    writeEntries(store, 'm1', 1, 1500);
    const report = await untilCaughtUp(store);
    expect(report.log).toBeGreaterThan(1000);
    expect(autocheckpointPages(store)).toBeGreaterThan(1000);
    // Everything is in the database file itself: a copy of it alone, without the WAL, holds every row.
    const copyDir = tempDir();
    copyFileSync(join(dir, DB_FILE), join(copyDir, DB_FILE));
    expect(countRows(copyDir)).toBe(1500);
    store.close();
    expect(countRows(dir)).toBe(1500);
  });

  it('keep every committed row when the writer goes away without closing', async () => {
    const dir = tempDir();
    const store = new MatchStore(dir, { checkpointEveryMs: 20 });
    writeEntries(store, 'm2', 1, 300);
    await store.nextCheckpoint();
    writeEntries(store, 'm2', 301, 200);
    // No close: the next opener recovers what the WAL holds beyond the last checkpoint.
    const reopened = new MatchStore(dir);
    expect(reopened.entries('m2')).toHaveLength(500);
    expect(reopened.entries('m2').at(-1)).toMatchObject({ day: 500 });
    reopened.close();
    store.close();
  });

  it('are off unless asked for: the writer keeps SQLite\'s own threshold', () => {
    const store = new MatchStore(tempDir());
    expect(autocheckpointPages(store)).toBe(1000);
    store.close();
  });
});
