/** Types of bundleCache.mjs (plain JavaScript so that a plain-node entry can read the cache). */

/** The repository root. */
export declare const ROOT: string;
/** `.cache/league` under the root: bundles and their manifests. */
export declare const CACHE_DIR: string;

/** What prebuiltBundle.ts writes next to a bundle. */
export interface BundleManifest {
  /** hashInputs(inputs) when the bundle was built. */
  hash: string;
  /** Repository files the bundle was built from, relative to the root (packages excluded). */
  inputs: string[];
  /** The entry file, relative to CACHE_DIR. */
  bundle: string;
}

export declare function manifestFile(name: string): string;
export declare function hashInputs(inputs: readonly string[]): string | null;
export declare function cachedBundle(name: string): string | null;
