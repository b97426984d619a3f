/**
 * The cache of prebuilt bundles in `.cache/league/`: which bundle of an entry is current. Plain
 * JavaScript on purpose: `npm run league` starts in plain node (server/cli/bundled.mjs) and asks
 * this module whether its bundle is still good before anything needs compiling.
 * prebuiltBundle.ts builds the bundles and writes the manifests read here.
 *
 * A manifest lists the bundle's inputs. Repository files are hashed by content; packages are
 * covered by package-lock.json instead of their files (thousands of reads at every start), so an
 * install with other versions rebuilds.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const CACHE_DIR = join(ROOT, '.cache', 'league');
const LOCKFILE = 'package-lock.json';

/** Where the manifest of the bundle called `name` lives. */
export function manifestFile(name) {
  return join(CACHE_DIR, `${name}.manifest.json`);
}

/**
 * Hash over the inputs' paths and contents (relative to the root), plus the lockfile; null when an
 * input is gone (a deleted source file means the bundle is stale).
 */
export function hashInputs(inputs) {
  const h = createHash('sha256');
  for (const rel of inputs) {
    const file = join(ROOT, rel);
    if (!existsSync(file)) return null;
    h.update(rel).update('\0').update(readFileSync(file)).update('\0');
  }
  const lock = join(ROOT, LOCKFILE);
  if (existsSync(lock)) h.update(LOCKFILE).update('\0').update(readFileSync(lock));
  return h.digest('hex').slice(0, 16);
}

/** The current bundle's entry file for `name`, or null when there is none or its sources changed. */
export function cachedBundle(name) {
  const manifest = manifestFile(name);
  if (!existsSync(manifest)) return null;
  try {
    const m = JSON.parse(readFileSync(manifest, 'utf8'));
    const bundle = join(CACHE_DIR, m.bundle);
    return existsSync(bundle) && hashInputs(m.inputs) === m.hash ? bundle : null;
  } catch {
    return null;
  }
}
