/**
 * Exports and replay files, built on a worker thread (piscina) so that re-running a long match
 * (9 s for 730 days × 21 seats) never stalls the rooms and `/healthz` on the main thread.
 * The worker reads the match straight from the SQLite file (WAL lets it read while rooms write)
 * and hands back the finished bytes.
 */
import { strToU8 } from 'fflate';
import { MatchStore } from '../persistence/store.js';
import { replayFileFor } from '../game/match.js';
import { exportCsv } from './csv.js';
import { sessionCsvs, zipCsvs } from '../classroom/export.js';
import { classroomStore } from '../classroom/store.js';

export type ExportKind = 'matchCsv' | 'sessionZip' | 'replayJson';

export interface ExportTask {
  kind: ExportKind;
  dataDir: string;
  matchId: string;
  /** Day the export covers (the live day, or the final one). */
  finalDay: number;
  /** Log entries up to this sequence number only: the state the export describes. */
  maxSeq: number;
  /** Replay files: the hash of the state at `finalDay`, when known. */
  stateHash?: string;
}

let open: { dataDir: string; store: MatchStore } | null = null;

function storeFor(dataDir: string): MatchStore {
  if (open?.dataDir !== dataDir) {
    open?.store.close();
    open = { dataDir, store: new MatchStore(dataDir) };
  }
  return open.store;
}

/** Builds one export; throws when the match has no stored data. */
export function buildExport(task: ExportTask): Uint8Array {
  const store = storeFor(task.dataDir);
  const first = store.firstState(task.matchId);
  if (!first) throw new Error(`match ${task.matchId} has no snapshot`);
  const file = replayFileFor(store, task.matchId, first.scenario, first.seed, task.finalDay, task.stateHash);
  file.entries = file.entries.slice(0, task.maxSeq);
  const actionRows = store.actionRows(task.matchId).filter((r) => r.seq <= task.maxSeq);
  switch (task.kind) {
    case 'replayJson':
      return strToU8(JSON.stringify(file));
    case 'matchCsv':
      return strToU8(exportCsv(file, actionRows));
    case 'sessionZip': {
      const cs = classroomStore(store.db);
      return zipCsvs(
        sessionCsvs({
          scenario: file.scenario, seed: file.seed, finalDay: task.finalDay, entries: file.entries, actionRows,
          rejected: cs.rejected(task.matchId), guessGames: cs.games(task.matchId), guessLog: cs.guessLog(task.matchId),
          realNames: new Map(cs.realNames(task.matchId).map((n) => [n.playerId, n.name])),
          labels: new Map(cs.labels(task.matchId).map((l) => [l.playerId, l.label])),
        }),
      );
    }
  }
}

/** Piscina's entry point. */
export default function (task: ExportTask): Uint8Array {
  return buildExport(task);
}
