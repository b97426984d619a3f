/**
 * A league's worker threads (piscina), from the prebuilt bundle when esbuild can build it, else
 * through tsx. A module of its own so that the CLI can start them before it loads the engine: a
 * thread takes ~75 ms to boot and load its bundle, time the main thread spends loading its own.
 */
import { pathToFileURL } from 'node:url';
import { Piscina } from 'piscina';
import { leagueWorkerBundle } from './prebuiltBundle.js';

/**
 * Matches queued on each thread: the next one is already there when a match ends, so a thread never
 * waits for this one to hand it work (on a loaded machine that wait was ~25 ms a match). A match
 * waiting behind a hung one is lost with its thread and played again (see runLeague.ts).
 */
const MATCHES_PER_THREAD = 2;

/** Default heap cap of each thread (MB): a strategy that hoards memory kills its thread, not the league. */
const DEFAULT_WORKER_MEMORY_MB = 1536;

export async function startLeaguePool(threads: number, workerMemoryMb = DEFAULT_WORKER_MEMORY_MB): Promise<Piscina> {
  // A prebuilt bundle starts a thread in milliseconds; tsx would compile the engine in each one.
  const bundle = await leagueWorkerBundle();
  return new Piscina({
    filename: bundle ? pathToFileURL(bundle).href : new URL('./worker.ts', import.meta.url).href,
    execArgv: bundle ? [] : ['--import', 'tsx'],
    minThreads: threads,
    maxThreads: threads,
    concurrentTasksPerWorker: MATCHES_PER_THREAD,
    resourceLimits: { maxOldGenerationSizeMb: workerMemoryMb },
  });
}
