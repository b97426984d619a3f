/**
 * What one SQLite commit costs the thread that writes it (the server's event loop): the room logs
 * each accepted action in a commit of its own. At about 1,000 commits a second (the server near its
 * capacity) SQLite's own checkpoint, run inside every ~1,000th commit, fsyncs the WAL and the
 * database there; the server's store checkpoints on a thread instead (store.ts). Figures only.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MatchStore } from '../server/persistence/store.js';

export interface CommitRow {
  checkpoints: 'in the commit' | 'background thread';
  commits: number;
  p50Ms: number;
  p99Ms: number;
  p999Ms: number;
  maxMs: number;
  over5Ms: number;
  /** Time the writing thread spent in commits, per commit (µs). */
  meanUs: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function timeCommits(background: boolean, seconds: number): Promise<CommitRow> {
  const dir = mkdtempSync(join(tmpdir(), 'bc-commits-'));
  const store = new MatchStore(dir, background ? { checkpointEveryMs: 500 } : {});
  const ms: number[] = [];
  let seq = 0;
  try {
    // 10 every 10 ms: ~1,000 commits a second, steadily (idle gaps would let the thread catch up).
    for (let burst = 0; burst < seconds * 100; burst++) {
      for (let i = 0; i < 10; i++) {
        seq += 1;
        const t0 = performance.now();
        store.appendEntry('bench', seq, { day: seq, kind: 'action', playerId: 'p1', action: { type: 'setTreasuryPolicy', sellMinedPct: seq % 100 } });
        ms.push(performance.now() - t0);
      }
      await sleep(10);
    }
  } finally {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  }
  ms.sort((a, b) => a - b);
  const at = (p: number) => ms[Math.min(ms.length - 1, Math.floor(p * ms.length))]!;
  return {
    checkpoints: background ? 'background thread' : 'in the commit', commits: ms.length, p50Ms: at(0.5), p99Ms: at(0.99), p999Ms: at(0.999),
    maxMs: ms[ms.length - 1]!, over5Ms: ms.filter((x) => x > 5).length, meanUs: (1000 * ms.reduce((s, x) => s + x, 0)) / ms.length,
  };
}

export async function benchCommits(seconds: number): Promise<CommitRow[]> {
  return [await timeCommits(false, seconds), await timeCommits(true, seconds)];
}
