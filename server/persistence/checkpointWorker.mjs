/**
 * Moves the WAL's contents into the database file on a thread of its own. A checkpoint fsyncs the
 * WAL and the database: run from the commit that crosses SQLite's threshold (the default), it
 * stalled the server's event loop for tens of milliseconds at a time under load. A PASSIVE
 * checkpoint never blocks the writer, which keeps committing to the WAL meanwhile.
 *
 * Plain JavaScript: nothing here needs the TypeScript loader, and a worker starts faster without it.
 * workerData: { file, everyMs }. Posts `{ log, checkpointed, busy }` after each checkpoint; stops on
 * the message 'stop'.
 */
import Database from 'better-sqlite3';
import { parentPort, workerData } from 'node:worker_threads';

const { file, everyMs } = workerData;
const db = new Database(file, { fileMustExist: true, timeout: 1000 });

function checkpoint() {
  const [r] = db.pragma('wal_checkpoint(PASSIVE)');
  parentPort.postMessage({ log: r.log, checkpointed: r.checkpointed, busy: r.busy });
}

const timer = setInterval(() => {
  try {
    checkpoint();
  } catch {
    // Busy or locked: the next round tries again; the writer's own threshold is the backstop.
  }
}, everyMs);

parentPort.on('message', (msg) => {
  if (msg !== 'stop') return;
  clearInterval(timer);
  db.close();
  parentPort.close();
});
