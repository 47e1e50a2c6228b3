import { randomBytes } from 'node:crypto';
import {
  mkdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import * as nodeModule from 'node:module';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';

/**
 * The folder Slipway keeps things in between runs (wheels, what was learned from bases, compiled
 * code): SLIPWAY_CACHE_DIR, else the XDG cache folder.
 */
export function cacheRoot(env: NodeJS.ProcessEnv = process.env): string {
  return env.SLIPWAY_CACHE_DIR || join(env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'slipway');
}

/** node:module's enableCompileCache (Node 22.1+); @types/node 20 does not declare it. */
type EnableCompileCache = (dir?: string) => unknown;

/**
 * Lets Node keep the V8 code of every module loaded from here on (Node 22.1+; nothing on Node 20),
 * so a later run skips compiling the bundle's megabyte: the entries call it before they import
 * the rest. NODE_COMPILE_CACHE, when set, has already made Node do so in the folder it names.
 * A cache that cannot be written only costs the time it would have saved.
 */
export function enableCompileCache(env: NodeJS.ProcessEnv = process.env): void {
  const enable = (nodeModule as { enableCompileCache?: EnableCompileCache }).enableCompileCache;
  if (typeof enable !== 'function' || env.NODE_COMPILE_CACHE) return;
  try {
    enable(join(cacheRoot(env), 'compile'));
  } catch {
    // an unusable cache folder: run without it
  }
}

/**
 * Small files of the cache folder. The cache only ever saves time: a file is read whole or not at
 * all, written under a temporary name and renamed into place (no reader sees half of one, two
 * runs writing at once leave one whole), and any error means a miss. readCacheFile: the file's
 * text, undefined when it cannot be read.
 */
export function readCacheFile(path: string): string | undefined {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
  touchCacheEntry(path);
  return text;
}

/** How stale an entry's mtime may be before a hit moves it to now. */
const TOUCH_AFTER_MS = 24 * 60 * 60 * 1000;

/**
 * Marks the entry at `path` (a file or a whole folder) as used, for pruning (core/cache-prune.ts),
 * which goes by mtime: every hit of the cache calls this. The mtime moves only when it is over a
 * day old, so an entry used every run costs one stat, not a write.
 */
export function touchCacheEntry(path: string, now: number = Date.now()): void {
  try {
    if (now - statSync(path).mtimeMs <= TOUCH_AFTER_MS) return;
    const time = new Date(now);
    utimesSync(path, time, time);
  } catch {
    // a read-only cache is still a cache: the entry only ages
  }
}

/** Writes `text` atomically; a failure leaves the entry out, never fails the caller. */
export function writeCacheFile(path: string, text: string): void {
  const temp = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(temp, text);
    renameSync(temp, path);
  } catch {
    try {
      rmSync(temp, { force: true });
    } catch {
      // a stray temp file costs a few bytes, never a build
    }
  }
}
