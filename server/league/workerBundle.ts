/**
 * The league's worker threads load one prebuilt JavaScript bundle of `worker.ts` instead of
 * starting tsx in every thread (0.25-0.4 s of compiling per worker, on cores the matches need).
 * esbuild (already installed for tsx and vite) builds it on demand into `.cache/league/`; the
 * bundle is reused while none of its source files changed (a hash of their contents), so a league
 * started twice compiles once. Packages stay external and resolve from the repository's
 * `node_modules`, which is why the bundle lives under the repository root.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const ENTRY = join(ROOT, 'server', 'league', 'worker.ts');
const CACHE_DIR = join(ROOT, '.cache', 'league');
const MANIFEST = join(CACHE_DIR, 'worker.manifest.json');

interface Manifest {
  /** Hash over every input file's path and contents. */
  hash: string;
  /** Inputs relative to the repository root, as esbuild reported them. */
  inputs: string[];
  bundle: string;
}

function hashInputs(inputs: string[]): string | null {
  const h = createHash('sha256');
  for (const rel of inputs) {
    const file = join(ROOT, rel);
    if (!existsSync(file)) return null;
    h.update(rel).update('\0').update(readFileSync(file)).update('\0');
  }
  return h.digest('hex').slice(0, 16);
}

function cached(): string | null {
  if (!existsSync(MANIFEST)) return null;
  try {
    const m = JSON.parse(readFileSync(MANIFEST, 'utf8')) as Manifest;
    const bundle = join(CACHE_DIR, m.bundle);
    return existsSync(bundle) && hashInputs(m.inputs) === m.hash ? bundle : null;
  } catch {
    return null;
  }
}

/**
 * The bundle's path (built now if missing or stale), or null when esbuild is unavailable: the
 * caller then runs `worker.ts` through tsx as before.
 */
export async function leagueWorkerBundle(): Promise<string | null> {
  const hit = cached();
  if (hit) return hit;
  let esbuild: typeof import('esbuild');
  try {
    esbuild = await import('esbuild');
  } catch {
    return null;
  }
  // Each module keeps its own `import.meta.url` (processBot finds hostWorker.mjs beside itself):
  // inside one bundle they would all name the bundle.
  const ownUrl: import('esbuild').Plugin = {
    name: 'own-import-meta-url',
    setup(build) {
      build.onLoad({ filter: /\.ts$/ }, (args) => {
        const source = readFileSync(args.path, 'utf8');
        const contents = source.includes('import.meta.url') ? source.replaceAll('import.meta.url', JSON.stringify(pathToFileURL(args.path).href)) : source;
        return { contents, loader: 'ts' };
      });
    },
  };
  const result = await esbuild.build({
    entryPoints: [ENTRY],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    write: false,
    metafile: true,
    logLevel: 'silent',
    plugins: [ownUrl],
    absWorkingDir: ROOT,
  });
  const inputs = Object.keys(result.metafile.inputs).map((p) => relative(ROOT, resolve(ROOT, p))).sort();
  const hash = hashInputs(inputs);
  const code = result.outputFiles[0]?.contents;
  if (!hash || !code) return null;
  mkdirSync(CACHE_DIR, { recursive: true });
  const name = `worker-${hash}.mjs`;
  const bundle = join(CACHE_DIR, name);
  // Written under a unique name and renamed: two leagues building at once never read half a file.
  const tmp = `${bundle}.${process.pid}.tmp`;
  writeFileSync(tmp, code);
  renameSync(tmp, bundle);
  const manifest: Manifest = { hash, inputs, bundle: name };
  writeFileSync(`${MANIFEST}.${process.pid}.tmp`, JSON.stringify(manifest, null, 1));
  renameSync(`${MANIFEST}.${process.pid}.tmp`, MANIFEST);
  return bundle;
}
