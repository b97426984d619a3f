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
import { sessionCsvs, stackedCsvs, zipCsvs, type PaymentRule, type SessionExportInput } from '../classroom/export.js';
import type { ClassroomSettings } from '../classroom/settings.js';
import { classroomStore } from '../classroom/store.js';

export type ExportKind = 'matchCsv' | 'sessionZip' | 'sessionsZip' | 'replayJson';

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
  /** Session zips: the teacher's payment rule (payments.csv). */
  payments?: PaymentRule;
  /** `sessionsZip`: the sessions to stack (each with its own day and log position). */
  sessions?: { matchId: string; finalDay: number; maxSeq: number }[];
}

let open: { dataDir: string; store: MatchStore } | null = null;

function storeFor(dataDir: string): MatchStore {
  if (open?.dataDir !== dataDir) {
    open?.store.close();
    open = { dataDir, store: new MatchStore(dataDir) };
  }
  return open.store;
}

/** Everything the session export reads about one session. */
function sessionInput(store: MatchStore, matchId: string, finalDay: number, maxSeq: number, payments?: PaymentRule): SessionExportInput {
  const first = store.firstState(matchId);
  const m = store.getMatch(matchId);
  if (!first || !m) throw new Error(`match ${matchId} has no snapshot`);
  const file = replayFileFor(store, matchId, first.scenario, first.seed, finalDay);
  const cs = classroomStore(store.db);
  return {
    session: {
      code: m.id, name: m.name, scenarioId: m.scenarioId, status: m.status, createdAt: m.createdAt, updatedAt: m.updatedAt,
      daysPerSecond: typeof m.options.daysPerSecond === 'number' ? m.options.daysPerSecond : null, settings: m.options.classroom as ClassroomSettings,
    },
    ...(payments ? { payments } : {}),
    events: cs.events(matchId),
    scenario: file.scenario, seed: file.seed, finalDay, entries: file.entries.slice(0, maxSeq),
    actionRows: store.actionRows(matchId).filter((r) => r.seq <= maxSeq),
    rejected: cs.rejected(matchId), guessGames: cs.games(matchId), guessLog: cs.guessLog(matchId),
    realNames: new Map(cs.realNames(matchId).map((n) => [n.playerId, n.name])),
    labels: new Map(cs.labels(matchId).map((l) => [l.playerId, l.label])),
  };
}

/** Builds one export; throws when the match has no stored data. */
export function buildExport(task: ExportTask): Uint8Array {
  const store = storeFor(task.dataDir);
  if (task.kind === 'sessionsZip') return zipCsvs(stackedCsvs((task.sessions ?? []).map((s) => sessionInput(store, s.matchId, s.finalDay, s.maxSeq, task.payments))));
  if (task.kind === 'sessionZip') return zipCsvs(sessionCsvs(sessionInput(store, task.matchId, task.finalDay, task.maxSeq, task.payments)));
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
  }
}

/** Piscina's entry point. */
export default function (task: ExportTask): Uint8Array {
  return buildExport(task);
}
