/**
 * Prebuilt JavaScript bundles for the league: its worker threads load one of `worker.ts` instead
 * of starting tsx in every thread (0.25-0.4 s of compiling per worker, on cores the matches need),
 * and `npm run league`, `npm run league:worker` and `npm run sim` themselves start from bundles of
 * their entries (server/cli/bundled.mjs).
 * esbuild (already installed for tsx and vite) builds them on demand into `.cache/league/`; a
 * bundle is reused while none of its source files changed (bundleCache.mjs checks a hash of their
 * contents), so a league started twice compiles once.
 *
 * Pure-JavaScript packages are bundled in: resolving and evaluating openskill's ramda or zod file by
 * file costs more start-up than the code itself. Packages that must load from their own folder stay
 * external (resolved from the repository's `node_modules`, which is why bundles live under the
 * root), as do the ones a plain local league never loads (queue, TypeScript bots, the bundler).
 * Dynamic imports become chunks of their own, so such a package is imported only when needed.
 */
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { CACHE_DIR, cachedBundle, hashInputs, manifestFile, ROOT, type BundleManifest } from './bundleCache.mjs';

/**
 * Left out of bundles: a native addon (better-sqlite3), a package that starts workers from its own
 * files (piscina), the Redis queue (bullmq, ioredis: `--queue` only), tsx (TypeScript bots only) and
 * esbuild (building only).
 */
const EXTERNAL_PACKAGES = ['better-sqlite3', 'piscina', 'bullmq', 'ioredis', 'tsx', 'esbuild'];

/**
 * The expression the plugin below rewrites, spelled so that this file, bundled into the CLI, keeps
 * it: a literal here would be rewritten too.
 */
const META_URL = ['import', 'meta', 'url'].join('.');

/**
 * CommonJS packages bundled into ESM call `require` for Node built-ins: give them a real one. The
 * name is unusual so that it never collides with a bundled module's own `createRequire`.
 */
const REQUIRE_BANNER = `import { createRequire as __bundleCreateRequire } from 'node:module'; const require = __bundleCreateRequire(${META_URL});`;

/** The bundles there are: name → entry relative to the root. */
export const BUNDLE_ENTRIES = {
  worker: 'server/league/worker.ts',
  cli: 'server/cli/league.ts',
  queueWorker: 'server/cli/league-worker.ts',
  sim: 'server/cli/sim.ts',
} as const;
export type BundleName = keyof typeof BUNDLE_ENTRIES;

/**
 * The bundle's entry file (built now if missing or stale), or null when esbuild is unavailable or
 * fails: the caller then runs the TypeScript source through tsx as before.
 */
export async function prebuiltBundle(name: BundleName): Promise<string | null> {
  const hit = cachedBundle(name);
  if (hit) return hit;
  let esbuild: typeof import('esbuild');
  try {
    esbuild = await import('esbuild');
  } catch {
    return null;
  }
  // Each module keeps its own `import.meta.url` (processBot finds hostWorker.mjs beside itself,
  // runLeague finds worker.ts): inside one bundle they would all name the bundle.
  const ownUrl: import('esbuild').Plugin = {
    name: 'own-import-meta-url',
    setup(build) {
      // The repository's own modules only (bundleCache.mjs finds the root from its own URL).
      build.onLoad({ filter: /\.(ts|mjs)$/ }, (args) => {
        if (args.path.split(/[\\/]/).includes('node_modules')) return undefined;
        const source = readFileSync(args.path, 'utf8');
        const contents = source.includes(META_URL) ? source.replaceAll(META_URL, JSON.stringify(pathToFileURL(args.path).href)) : source;
        return { contents, loader: args.path.endsWith('.ts') ? 'ts' : 'js' };
      });
    },
  };
  let result: import('esbuild').BuildResult<{ write: false; metafile: true }>;
  try {
    result = await esbuild.build({
      entryPoints: { [name]: join(ROOT, BUNDLE_ENTRIES[name]) },
      bundle: true,
      splitting: true,
      outdir: join(CACHE_DIR, 'out'),
      platform: 'node',
      format: 'esm',
      target: 'node20',
      external: EXTERNAL_PACKAGES.flatMap((p) => [p, `${p}/*`]),
      banner: { js: REQUIRE_BANNER },
      write: false,
      metafile: true,
      logLevel: 'silent',
      plugins: [ownUrl],
      absWorkingDir: ROOT,
    });
  } catch {
    return null;
  }
  const inputs = Object.keys(result.metafile.inputs)
    .map((p) => relative(ROOT, resolve(ROOT, p)))
    .filter((p) => !p.split(/[\\/]/).includes('node_modules'))
    .sort();
  const hash = hashInputs(inputs);
  if (!hash || !result.outputFiles.length) return null;
  // One folder per build, written under a temporary name and renamed: two leagues building at once
  // never read half a bundle, and a chunk never mixes with another build's.
  const dirName = `${name}-${hash}`;
  const dir = join(CACHE_DIR, dirName);
  const tmp = `${dir}.${process.pid}.tmp`;
  rmSync(tmp, { recursive: true, force: true });
  for (const f of result.outputFiles) {
    const file = join(tmp, relative(join(CACHE_DIR, 'out'), f.path));
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, f.contents);
  }
  try {
    renameSync(tmp, dir);
  } catch {
    // Another league built the same sources first: its folder is identical.
    rmSync(tmp, { recursive: true, force: true });
  }
  const manifest: BundleManifest = { hash, inputs, bundle: join(dirName, `${name}.js`) };
  const manifestTmp = `${manifestFile(name)}.${process.pid}.tmp`;
  writeFileSync(manifestTmp, JSON.stringify(manifest, null, 1));
  renameSync(manifestTmp, manifestFile(name));
  pruneStale(name, dirName);
  return join(CACHE_DIR, manifest.bundle);
}

/**
 * Removes this entry's older builds (and single-file worker bundles of the earlier layout), so the
 * cache holds one build per entry. A league still running from an older build has loaded it already.
 */
function pruneStale(name: BundleName, current: string): void {
  for (const entry of readdirSync(CACHE_DIR)) {
    const older = entry !== current && (entry.startsWith(`${name}-`) ? !entry.endsWith('.tmp') : name === 'worker' && /^worker-[0-9a-f]+\.mjs$/.test(entry));
    if (older) rmSync(join(CACHE_DIR, entry), { recursive: true, force: true });
  }
}

/** The league worker's bundle (see prebuiltBundle). */
export function leagueWorkerBundle(): Promise<string | null> {
  return prebuiltBundle('worker');
}
