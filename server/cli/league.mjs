#!/usr/bin/env node
/**
 * `npm run league`'s entry: runs server/cli/league.ts from its prebuilt bundle in plain node.
 * Through tsx, start-up alone took ~1.2 s of a core (compiling, then resolving hundreds of package
 * files) before the first match; from the bundle it is a few tens of ms. The bundle is the one
 * server/league/prebuiltBundle.ts builds and bundleCache.mjs checks (a hash of the sources): when
 * it is missing or stale, tsx builds it once, and the league runs from the new bundle. Without
 * esbuild the TypeScript source runs through tsx as before. Same options, same files.
 */
import { pathToFileURL } from 'node:url';
import { setFlagsFromString } from 'node:v8';

// A league's threads spend much of their first matches compiling the engine (about 30 % of a
// 32-match thread's CPU went to TurboFan's background compiles), and recompiling it after inlined
// code bails out. Without inlining, loop peeling and inlined array builtins (map, filter, reduce
// with their callbacks) the graphs are smaller: a 64-match league took ~30 % less CPU than with
// V8's defaults, and warm matches run no slower. V8's flags are the process's, so the worker
// threads get them too.
setFlagsFromString('--no-turbo-inlining');
setFlagsFromString('--no-turbo-loop-peeling');
setFlagsFromString('--no-turbo-inline-array-builtins');
import { cachedBundle } from '../league/bundleCache.mjs';

const hit = cachedBundle('cli');
if (hit) {
  await import(pathToFileURL(hit).href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  const { prebuiltBundle } = await import('../league/prebuiltBundle.ts');
  const built = await prebuiltBundle('cli');
  await import(built ? pathToFileURL(built).href : './league.ts');
}
