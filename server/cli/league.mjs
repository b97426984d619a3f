#!/usr/bin/env node
/** `npm run league`'s entry: server/cli/league.ts from its prebuilt bundle (see bundled.mjs). */
import { runBundled } from './bundled.mjs';

await runBundled('cli', new URL('./league.ts', import.meta.url).href);
