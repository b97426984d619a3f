/**
 * Where a bot comes from. `--bots`, `npm run bot` and a room's seats take, for each bot, one of:
 * - a registry name (`hodl-miner`),
 * - a path to a TypeScript/JavaScript module exporting a Strategy (`./my-bot.ts`),
 * - a path to a program speaking the bot protocol (any language: `./kits/python/bot.py`), or a
 *   folder holding one (`bot`, `bot.py`, `bot.mjs`, `bot.js`, `main.py`).
 * A path is anything with a `/` or a file extension. A `.js`/`.mjs` file is a protocol program when
 * it starts with a `#!` line and a Strategy module otherwise; `exec:` or `module:` in front decides.
 */
import { accessSync, constants, existsSync, readFileSync, statSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { basename, dirname, extname, isAbsolute, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { getStrategy, STRATEGY_NAMES } from '../../shared/bots/index.js';
import type { Strategy } from '../../shared/bots/types.js';
import type { SpawnSpec } from './process/hostProtocol.js';

export type BotSource =
  | { kind: 'registry'; spec: string; name: string }
  | { kind: 'module'; spec: string; file: string }
  | { kind: 'process'; spec: string; file: string; spawn: SpawnSpec };

const MODULE_EXT = new Set(['.ts', '.mts', '.cts', '.js', '.mjs', '.cjs']);
const INTERPRETERS: Record<string, string> = { '.py': 'python3', '.js': process.execPath, '.mjs': process.execPath, '.cjs': process.execPath, '.rb': 'ruby', '.sh': '/bin/sh' };
const FOLDER_ENTRIES = ['bot', 'bot.py', 'bot.mjs', 'bot.js', 'main.py'];

export function looksLikePath(spec: string): boolean {
  return /^(exec|module):/.test(spec) || spec.includes('/') || spec.includes('\\') || /\.[A-Za-z0-9]+$/.test(spec);
}

function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function shebang(file: string): string | null {
  const head = readFileSync(file, { encoding: 'utf8', flag: 'r' }).slice(0, 200);
  return head.startsWith('#!') ? head.slice(2).split('\n')[0]!.trim() : null;
}

/** How to run a protocol program: directly when executable, else by its extension's interpreter. */
function spawnFor(file: string): SpawnSpec {
  const bang = shebang(file);
  const ext = extname(file).toLowerCase();
  const isNode = (bang !== null && /\bnode\b/.test(bang)) || (bang === null && ['.js', '.mjs', '.cjs'].includes(ext));
  const cwd = dirname(file);
  // Node bots run on this node so the heap cap flag applies; the rest run as their shebang says.
  if (isNode) return { command: process.execPath, args: [file], cwd, memoryCap: 'node-heap' };
  if (isExecutable(file)) return { command: file, args: [], cwd, memoryCap: 'ulimit' };
  const interpreter = INTERPRETERS[ext];
  if (!interpreter) throw new Error(`${file} is not executable (chmod +x it, or give it a #! line)`);
  return { command: interpreter, args: [file], cwd, memoryCap: 'ulimit' };
}

/**
 * Resolves one `--bots` entry. Relative paths are taken from `cwd`; `dirs` are extra folders to
 * look in (a server's BOTS_DIR). Throws an Error whose message says what was tried.
 */
export function resolveBot(spec: string, opts: { cwd?: string; dirs?: string[] } = {}): BotSource {
  const cwd = opts.cwd || process.cwd();
  if (!looksLikePath(spec)) {
    if (getStrategy(spec)) return { kind: 'registry', spec, name: spec };
    for (const dir of opts.dirs ?? []) {
      const inDir = join(dir, spec);
      if (existsSync(inDir)) return resolveBot(inDir, opts);
    }
    throw new Error(`unknown bot "${spec}" (registry: ${STRATEGY_NAMES.join(', ')}; or give a path to a module or a program)`);
  }
  const forced = /^(exec|module):/.exec(spec)?.[1];
  const raw = forced ? spec.slice(forced.length + 1) : spec;
  let file = isAbsolute(raw) ? raw : resolve(cwd, raw);
  if (!existsSync(file)) throw new Error(`bot "${spec}": no such file ${file}`);
  if (statSync(file).isDirectory()) {
    const entry = FOLDER_ENTRIES.map((e) => join(file, e)).find((f) => existsSync(f) && statSync(f).isFile());
    if (!entry) throw new Error(`bot "${spec}": folder ${file} has none of ${FOLDER_ENTRIES.join(', ')}`);
    file = entry;
  }
  const ext = extname(file).toLowerCase();
  const asModule = forced === 'module' || (forced !== 'exec' && MODULE_EXT.has(ext) && (ext.endsWith('ts') || shebang(file) === null));
  if (asModule) return { kind: 'module', spec, file };
  return { kind: 'process', spec, file, spawn: spawnFor(file) };
}

/** A short name for tables and player names: the registry name, or the file's name (its folder's for `bot.*`). */
export function botLabel(spec: string): string {
  if (!looksLikePath(spec)) return spec;
  const raw = spec.replace(/^(exec|module):/, '').replace(/\/+$/, '');
  const base = basename(raw).replace(/\.[^.]+$/, '');
  return base === 'bot' || base === 'main' || base === 'index' ? basename(dirname(raw)) || base : base;
}

/** Content digest of a path bot, so a league re-plays when the bot's code changes. */
export function botDigest(src: BotSource): string | null {
  if (src.kind === 'registry') return null;
  return createHash('sha256').update(readFileSync(src.file)).digest('hex').slice(0, 12);
}

function isStrategy(x: unknown): x is Strategy {
  return typeof x === 'object' && x !== null && typeof (x as Strategy).decide === 'function';
}

/** Imports a module bot and finds its Strategy: the default export, `strategy`, or the only Strategy export. */
export async function loadModuleStrategy(file: string, label: string): Promise<Strategy> {
  // tsImport compiles TypeScript whatever loader the current thread was started with (a worker
  // thread's `--import tsx` hooks do not reach dynamic imports of files outside its own graph).
  const url = pathToFileURL(file).href;
  // Imported here, not at the top: loading tsx costs every league thread ~0.1 s, and only a
  // TypeScript bot needs it.
  const mod = (/\.[cm]?ts$/.test(file) ? await (await import('tsx/esm/api')).tsImport(url, import.meta.url) : await import(url)) as Record<string, unknown>;
  const candidates = [mod.default, mod.strategy, ...Object.values(mod)].filter(isStrategy);
  const found = candidates[0];
  if (!found) throw new Error(`${file} exports no Strategy (an object with a decide(view, ctx) function)`);
  return { ...found, name: found.name || label, description: found.description || `module ${file}` };
}
