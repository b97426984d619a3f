/**
 * Start-up of the headless command-line entries (`npm run league`, `npm run league:worker`,
 * `npm run sim`): each runs its TypeScript entry from the prebuilt bundle in plain node. Through
 * tsx, start-up alone took ~1.2 s of a core (compiling, then resolving hundreds of package files)
 * before the first match; from the bundle it is a few tens of ms. The bundle is the one
 * server/league/prebuiltBundle.ts builds and bundleCache.mjs checks (a hash of the sources): when it
 * is missing or stale, tsx builds it once, and the entry runs from the new bundle. Without esbuild
 * the TypeScript source runs through tsx as before. Same options, same files.
 */
import { pathToFileURL } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { cachedBundle } from '../league/bundleCache.mjs';

// A league's threads (and a sim's one match) spend much of their first matches compiling the
// engine (about 30 % of a 32-match thread's CPU went to TurboFan's background compiles), and
// recompiling it after inlined code bails out. Without inlining, loop peeling and inlined array
// builtins (map, filter, reduce with their callbacks) the graphs are smaller: a 64-match league
// took ~30 % less CPU than with V8's defaults, and a 100-bot sim's first match ~40 % less. V8's
// flags are the process's, so worker threads get them too; they are set before any bundled code
// is compiled.
for (const flag of ['--no-turbo-inlining', '--no-turbo-loop-peeling', '--no-turbo-inline-array-builtins']) setFlagsFromString(flag);

/**
 * Runs bundle `name` (a key of prebuiltBundle.ts's BUNDLE_ENTRIES) whose TypeScript entry is
 * `sourceUrl`.
 */
export async function runBundled(name, sourceUrl) {
  const hit = cachedBundle(name);
  if (hit) {
    await import(pathToFileURL(hit).href);
    return;
  }
  const { register } = await import('tsx/esm/api');
  register();
  const { prebuiltBundle } = await import('../league/prebuiltBundle.ts');
  const built = await prebuiltBundle(name);
  await import(built ? pathToFileURL(built).href : sourceUrl);
}
