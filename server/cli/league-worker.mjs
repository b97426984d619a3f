#!/usr/bin/env node
/** `npm run league:worker`'s entry: server/cli/league-worker.ts from its prebuilt bundle (see bundled.mjs). */
import { runBundled } from './bundled.mjs';

await runBundled('queueWorker', new URL('./league-worker.ts', import.meta.url).href);
