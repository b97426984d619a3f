#!/usr/bin/env node
/** `npm run sim`'s entry: server/cli/sim.ts from its prebuilt bundle (see bundled.mjs). */
import { runBundled } from './bundled.mjs';

await runBundled('sim', new URL('./sim.ts', import.meta.url).href);
