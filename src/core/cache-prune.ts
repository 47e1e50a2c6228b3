/**
 * Pruning of the cache folder (core/cache.ts), once a day at the end of a run. Entries of the
 * keyed folders go when unused for SLIPWAY_CACHE_MAX_AGE_DAYS (30 by default; 0 keeps all): every
 * hit moves an entry's mtime (touchCacheEntry), so the mtime says when it was last used. Node's
 * compile cache keeps one folder per Node version and never removes the others: those go.
 *
 * Pruning only ever saves space, so any error leaves the entry where it is. Another run may be
 * using the cache meanwhile: what it uses was touched or made by it, and a file it has open stays
 * readable after it is removed. Nothing outside the cache is touched: an entry is looked at with
 * lstat and a symlink is removed as a link.
 */
import { lstatSync, readdirSync, rmSync, statSync, utimesSync } from 'node:fs';
import * as nodeModule from 'node:module';
import { basename, dirname, join, resolve } from 'node:path';
import { cacheRoot, writeCacheFile } from './cache';
import { InputError } from './errors';

const HOUR_MS = 60 * 60 * 1000;
const DAY_MS = 24 * HOUR_MS;
const DEFAULT_MAX_AGE_DAYS = 30;

/**
 * The folders (under the cache root) whose every entry is one key's whole value, a file or a
 * folder named by a digest, found there again only by that key: an old one can go whole.
 */
export const KEYED_FOLDERS: readonly string[] = [
  'digests',
  'base-directories',
  'sboms',
  'commit-times',
  'documents/sha256',
  'python/base-paths',
  'python/wheels/sha256',
  'python/wheels/built',
  'python/wheels/stage/wheels',
  'python/wheels/stage/generated',
];

/** The stamp whose mtime says when the cache was last pruned. */
const STAMP = '.pruned';

/** What a crashed writer leaves: writeCacheFile's `.tmp`, the downloads' and unpacks' `.part`. */
const TEMPORARY = /\.(tmp|part)$/;

/** SLIPWAY_CACHE_MAX_AGE_DAYS, or 30 when unset; 0 turns pruning off. */
export function cacheMaxAgeDays(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.SLIPWAY_CACHE_MAX_AGE_DAYS?.trim();
  if (!raw) return DEFAULT_MAX_AGE_DAYS;
  if (!/^\d+(\.\d+)?$/.test(raw)) {
    throw new InputError(
      `SLIPWAY_CACHE_MAX_AGE_DAYS is "${raw}", not a number of days; set it to the days an unused cache entry is kept (e.g. 30), or 0 to never prune the cache.`,
    );
  }
  return Number(raw);
}

export interface PruneOptions {
  /**
   * The compile cache folder of the running Node (without options: getCompileCacheDir()); when
   * there is none, the compile cache is left as it is.
   */
  compileDir: string | undefined;
}

/** node:module's getCompileCacheDir (Node 22.1+); @types/node 20 does not declare it. */
type GetCompileCacheDir = () => string | undefined;

/** The running Node's compile cache folder, when it has one (Node 22.1+, enabled). */
export function currentCompileDir(): string | undefined {
  const get = (nodeModule as { getCompileCacheDir?: GetCompileCacheDir }).getCompileCacheDir;
  try {
    return typeof get === 'function' ? get() : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Validates SLIPWAY_CACHE_MAX_AGE_DAYS now (an InputError before anything is built) and returns
 * the pruning for the end of the run: `prune(now)`.
 */
export function cachePruner(
  env: NodeJS.ProcessEnv = process.env,
): (now?: number, opts?: PruneOptions) => void {
  const days = cacheMaxAgeDays(env);
  const root = cacheRoot(env);
  return (now = Date.now(), opts) => {
    if (days > 0) prune(root, now, days * DAY_MS, opts);
  };
}

/** Prunes the cache of `env` as of `now` (at most once a day); see cachePruner. */
export function pruneCache(
  env: NodeJS.ProcessEnv,
  now: number = Date.now(),
  opts?: PruneOptions,
): void {
  cachePruner(env)(now, opts);
}

function prune(root: string, now: number, maxAgeMs: number, opts?: PruneOptions): void {
  if (!stampIsStale(root, now)) return;
  // Stamped first: runs ending meanwhile (a monorepo's projects) then leave it to this one.
  const stamp = join(root, STAMP);
  writeCacheFile(stamp, `${new Date(now).toISOString()}\n`);
  try {
    utimesSync(stamp, new Date(now), new Date(now));
  } catch {
    // an unwritable stamp: the next run prunes again, which costs time, never an entry
  }
  removeOld(root, now, Infinity);
  for (const folder of KEYED_FOLDERS) {
    const dir = realFolder(root, folder);
    if (dir) removeOld(dir, now, maxAgeMs);
  }
  pruneCompileCache(root, opts ? opts.compileDir : currentCompileDir());
}

/** True when the cache exists and was not pruned within the last day (one stat when it was). */
function stampIsStale(root: string, now: number): boolean {
  try {
    const age = now - statSync(join(root, STAMP)).mtimeMs;
    return age < 0 || age >= DAY_MS;
  } catch {
    try {
      return statSync(root).isDirectory();
    } catch {
      return false;
    }
  }
}

/** `root/folder` when each part of it is a folder, not a symlink (which may point anywhere). */
function realFolder(root: string, folder: string): string | undefined {
  let dir = root;
  for (const part of folder.split('/')) {
    dir = join(dir, part);
    try {
      if (!lstatSync(dir).isDirectory()) return undefined;
    } catch {
      return undefined;
    }
  }
  return dir;
}

/** Removes the entries of `dir` unused for `maxAgeMs`, and temporary files over an hour old. */
function removeOld(dir: string, now: number, maxAgeMs: number): void {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return;
  }
  for (const name of names) {
    const path = join(dir, name);
    try {
      const age = now - lstatSync(path).mtimeMs;
      if (age > (TEMPORARY.test(name) ? HOUR_MS : maxAgeMs)) remove(path);
    } catch {
      // gone meanwhile, or not ours to look at
    }
  }
}

/** The folders of other Node versions in `<root>/compile`; the running Node's stays. */
function pruneCompileCache(root: string, compileDir: string | undefined): void {
  const compile = realFolder(root, 'compile');
  // Only a folder of ours says which one is current (NODE_COMPILE_CACHE may point elsewhere).
  if (!compile || !compileDir || dirname(resolve(compileDir)) !== resolve(compile)) return;
  const current = basename(compileDir);
  let names: string[];
  try {
    names = readdirSync(compile);
  } catch {
    return;
  }
  for (const name of names) if (name !== current) remove(join(compile, name));
}

/** rm -rf of one entry: a symlink is unlinked, never followed (rmSync lstat's what it removes). */
function remove(path: string): void {
  try {
    rmSync(path, { recursive: true, force: true });
  } catch {
    // in use or not ours: it stays until the next pruning
  }
}
