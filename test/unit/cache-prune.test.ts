/**
 * Pruning of the cache folder (core/cache-prune.ts) on a real file system, with the time given:
 * entries unused for the maximum age go from every keyed folder and used ones stay (a hit moves an
 * entry's mtime), temporary files of crashed writers go after an hour, the compile cache keeps
 * only the running Node's folder, a symlink is removed as a link, and it all happens at most once
 * a day.
 */
import {
  existsSync,
  lstatSync,
  lutimesSync,
  mkdirSync,
  readdirSync,
  statSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { execFileSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { readCacheFile, touchCacheEntry } from '../../src/core/cache';
import { KEYED_FOLDERS, cacheMaxAgeDays, pruneCache } from '../../src/core/cache-prune';
import { InputError } from '../../src/core/errors';
import { defaultInputs } from '../../src/core/inputs';
import { MemoryLogger } from '../../src/core/log';
import { runMode } from '../../src/run';
import { node24 } from '../fixtures/nodes';
import { makeTempDir, removeTempDir } from '../fixtures/process';

const DAY = 24 * 60 * 60 * 1000;
const HOUR = 60 * 60 * 1000;
/** The time the tests prune at: real now, so that a hit's touch (at the real now) is fresh. */
const NOW = Date.now();

let work: string;
let n = 0;

beforeAll(async () => {
  work = await makeTempDir('cache-prune');
});
afterAll(async () => {
  await removeTempDir(work);
});

/** A fresh cache root and its env. */
function cache(extra: NodeJS.ProcessEnv = {}): { root: string; env: NodeJS.ProcessEnv } {
  n += 1;
  const root = join(work, `cache-${n}`);
  mkdirSync(root, { recursive: true });
  return { root, env: { SLIPWAY_CACHE_DIR: root, ...extra } };
}

/** Sets the mtime of `path` (not following a symlink) to `ageMs` before NOW. */
function age(path: string, ageMs: number): void {
  const t = new Date(NOW - ageMs);
  // a symlink's own time, not its target's
  if (lstatSync(path).isSymbolicLink()) lutimesSync(path, t, t);
  else utimesSync(path, t, t);
}

/** A file at `path` with text, `ageMs` old. */
function file(path: string, ageMs: number, text = 'x'): string {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
  age(path, ageMs);
  return path;
}

/** A folder entry (an unpacked wheel) holding a file, both `ageMs` old. */
function folder(path: string, ageMs: number): string {
  file(join(path, 'pkg', 'mod.py'), ageMs);
  age(join(path, 'pkg'), ageMs);
  age(path, ageMs);
  return path;
}

const noCompile = { compileDir: undefined };

describe('pruneCache', () => {
  test('entries unused for 30 days go from every keyed folder; fresh ones stay', () => {
    const { root, env } = cache();
    const kept: string[] = [];
    const gone: string[] = [];
    for (const f of KEYED_FOLDERS) {
      gone.push(file(join(root, f, 'a'.repeat(64)), 31 * DAY));
      gone.push(folder(join(root, f, 'b'.repeat(64)), 40 * DAY));
      kept.push(file(join(root, f, 'c'.repeat(64)), 29 * DAY));
      kept.push(folder(join(root, f, 'd'.repeat(64)), 2 * DAY));
    }
    expect(KEYED_FOLDERS).toEqual(expect.arrayContaining(['digests', 'base-directories', 'sboms']));
    pruneCache(env, NOW, noCompile);
    for (const p of gone) expect(existsSync(p)).toBe(false);
    for (const p of kept) expect(existsSync(p)).toBe(true);
    for (const f of KEYED_FOLDERS) expect(statSync(join(root, f)).isDirectory()).toBe(true);
    expect(existsSync(root)).toBe(true);
  });

  test('a hit moves an old entry to now, so it survives; a hit on a fresh one writes nothing', () => {
    const { root, env } = cache();
    const used = file(join(root, 'digests', 'used'), 40 * DAY, 'digest');
    const unused = file(join(root, 'digests', 'unused'), 40 * DAY);
    const wheel = folder(join(root, 'python/wheels/stage/wheels', 'e'.repeat(64)), 40 * DAY);
    const hot = file(join(root, 'sboms', 'hot.json'), 12 * HOUR, '{}');
    expect(readCacheFile(used)).toBe('digest');
    touchCacheEntry(wheel);
    expect(readCacheFile(hot)).toBe('{}');
    expect(statSync(used).mtimeMs).toBeGreaterThan(NOW - HOUR);
    expect(statSync(hot).mtimeMs).toBeCloseTo(NOW - 12 * HOUR, -3);
    pruneCache(env, NOW, noCompile);
    expect(readCacheFile(used)).toBe('digest');
    expect(existsSync(join(wheel, 'pkg', 'mod.py'))).toBe(true);
    expect(existsSync(hot)).toBe(true);
    expect(existsSync(unused)).toBe(false);
  });

  test('a miss touches nothing and a missing cache is not made', () => {
    const missing = join(work, 'never-made');
    expect(readCacheFile(join(missing, 'digests', 'x'))).toBeUndefined();
    pruneCache({ SLIPWAY_CACHE_DIR: missing }, NOW, noCompile);
    expect(existsSync(missing)).toBe(false);
  });

  test('it prunes at most once a day (the stamp is .pruned, its mtime)', () => {
    const { root, env } = cache();
    pruneCache(env, NOW - 2 * HOUR, noCompile);
    expect(statSync(join(root, '.pruned')).mtimeMs).toBeCloseTo(NOW - 2 * HOUR, -3);
    const old = file(join(root, 'digests', 'old'), 31 * DAY);
    pruneCache(env, NOW, noCompile);
    expect(existsSync(old)).toBe(true);
    pruneCache(env, NOW + 22 * HOUR + 1, noCompile);
    expect(existsSync(old)).toBe(false);
    expect(readdirSync(root).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });

  test('temporary files of a crashed writer go after an hour, whatever the maximum age', () => {
    const { root, env } = cache();
    const stale = file(join(root, 'digests', 'abc.123.deadbeef.tmp'), 2 * HOUR);
    const writing = file(join(root, 'digests', 'abd.124.deadbeef.tmp'), 10 * 60 * 1000);
    const part = folder(
      join(root, 'python/wheels/stage/wheels', 'f'.repeat(64) + '.0a1b.part'),
      3 * HOUR,
    );
    const download = file(
      join(root, 'python/wheels/sha256', 'f'.repeat(64) + '.0a1b.part'),
      3 * HOUR,
    );
    const stamp = file(join(root, '.pruned.99.cafe.tmp'), 2 * HOUR);
    pruneCache(env, NOW, noCompile);
    for (const p of [stale, part, download, stamp]) expect(existsSync(p)).toBe(false);
    expect(existsSync(writing)).toBe(true);
  });

  test('a symlink is removed as a link; what it points to, outside the cache, stays', () => {
    const { root, env } = cache();
    const outside = join(work, `outside-${n}`);
    const target = file(join(outside, 'precious'), 100 * DAY);
    const targetDir = folder(join(outside, 'tree'), 100 * DAY);
    mkdirSync(join(root, 'digests'));
    const link = join(root, 'digests', 'link');
    const dirLink = join(root, 'digests', 'dir-link');
    symlinkSync(target, link);
    symlinkSync(targetDir, dirLink);
    age(link, 40 * DAY);
    age(dirLink, 40 * DAY);
    // a keyed folder that is itself a symlink is not walked into
    symlinkSync(outside, join(root, 'sboms'));
    pruneCache(env, NOW, noCompile);
    expect(lstatSync(link, { throwIfNoEntry: false })).toBeUndefined();
    expect(lstatSync(dirLink, { throwIfNoEntry: false })).toBeUndefined();
    expect(existsSync(target)).toBe(true);
    expect(existsSync(join(targetDir, 'pkg', 'mod.py'))).toBe(true);
    expect(lstatSync(join(root, 'sboms')).isSymbolicLink()).toBe(true);
  });

  test('the compile cache keeps only the running Node’s folder', () => {
    const { root, env } = cache();
    const current = folder(join(root, 'compile', 'v24.21.0-x64-964aae3f-0'), 100 * DAY);
    const others = [
      folder(join(root, 'compile', 'v22.12.0-x64-1a2b3c4d-0'), 0),
      folder(join(root, 'compile', 'v24.20.0-x64-964aae3f-0'), 5 * DAY),
    ];
    pruneCache(env, NOW, { compileDir: current });
    expect(existsSync(join(current, 'pkg', 'mod.py'))).toBe(true);
    for (const p of others) expect(existsSync(p)).toBe(false);
  });

  test('Node 24 keeps its compile cache in a folder of <cache>/compile, which stays', () => {
    const { root, env } = cache();
    const other = folder(join(root, 'compile', 'v22.12.0-x64-1a2b3c4d-0'), 0);
    // what enableCompileCache (core/cache.ts) asks of Node, and what Node then says is current
    const script = `const m = require('node:module'); m.enableCompileCache(${JSON.stringify(join(root, 'compile'))}); process.stdout.write(m.getCompileCacheDir());`;
    const current = execFileSync(node24(), ['-e', script], { encoding: 'utf8' });
    expect(dirname(current)).toBe(join(root, 'compile'));
    pruneCache(env, NOW, { compileDir: current });
    expect(existsSync(current)).toBe(true);
    expect(existsSync(other)).toBe(false);
  });

  test('without a compile cache of its own (Node 20, NODE_COMPILE_CACHE elsewhere) it is left alone', () => {
    for (const compileDir of [undefined, join(work, 'elsewhere', 'v24.21.0-x64-964aae3f-0')]) {
      const { root, env } = cache();
      const kept = folder(join(root, 'compile', 'v22.12.0-x64-1a2b3c4d-0'), 100 * DAY);
      pruneCache(env, NOW, { compileDir });
      expect(existsSync(kept)).toBe(true);
    }
  });

  test('SLIPWAY_CACHE_MAX_AGE_DAYS sets the age; 0 turns pruning off', () => {
    const week = cache({ SLIPWAY_CACHE_MAX_AGE_DAYS: '7' });
    const old = file(join(week.root, 'digests', 'old'), 8 * DAY);
    const young = file(join(week.root, 'digests', 'young'), 6 * DAY);
    pruneCache(week.env, NOW, noCompile);
    expect(existsSync(old)).toBe(false);
    expect(existsSync(young)).toBe(true);

    const off = cache({ SLIPWAY_CACHE_MAX_AGE_DAYS: '0' });
    const ancient = file(join(off.root, 'digests', 'ancient'), 1000 * DAY);
    const temp = file(join(off.root, 'digests', 'x.1.ab.tmp'), 1000 * DAY);
    const compile = folder(join(off.root, 'compile', 'v22.12.0-x64-1a2b3c4d-0'), 1000 * DAY);
    pruneCache(off.env, NOW, { compileDir: join(off.root, 'compile', 'v24.21.0-x64-964aae3f-0') });
    for (const p of [ancient, temp, compile]) expect(existsSync(p)).toBe(true);
    expect(existsSync(join(off.root, '.pruned'))).toBe(false);
  });

  test.each(['thirty', '-1', '1e3', '30d'])(
    'SLIPWAY_CACHE_MAX_AGE_DAYS=%s is an InputError naming it and the fix',
    (value) => {
      const { root, env } = cache({ SLIPWAY_CACHE_MAX_AGE_DAYS: value });
      const old = file(join(root, 'digests', 'old'), 100 * DAY);
      const run = (): void => pruneCache(env, NOW, noCompile);
      expect(run).toThrow(InputError);
      expect(run).toThrow(
        `SLIPWAY_CACHE_MAX_AGE_DAYS is "${value}", not a number of days; set it to the days an unused cache entry is kept (e.g. 30), or 0 to never prune the cache.`,
      );
      expect(existsSync(old)).toBe(true);
    },
  );

  test('unset or empty is 30 days; a fraction of a day is taken', () => {
    expect(cacheMaxAgeDays({})).toBe(30);
    expect(cacheMaxAgeDays({ SLIPWAY_CACHE_MAX_AGE_DAYS: '' })).toBe(30);
    expect(cacheMaxAgeDays({ SLIPWAY_CACHE_MAX_AGE_DAYS: ' 0.5 ' })).toBe(0.5);
  });
});

describe('in a build (run/build.ts)', () => {
  /** A dry run of a build of one file on scratch, with this cache. */
  function build(env: NodeJS.ProcessEnv): ReturnType<typeof runMode> {
    const project = join(work, `project-${n}`);
    file(join(project, 'a.txt'), 0, 'hello');
    const inputs = defaultInputs({
      artifact: 'a.txt',
      'artifact-path': '/app/',
      'base-image': 'scratch',
      output: 'none',
      sbom: false,
      'working-directory': project,
    });
    const ctx = {
      env: { ...env, RUNNER_TEMP: join(work, `runner-temp-${n}`) },
      logger: new MemoryLogger(),
      ciOidcToken: () => Promise.resolve(undefined),
    };
    return runMode(inputs, ctx);
  }

  test('prunes the cache once the run is done', async () => {
    const { root, env } = cache();
    const old = file(join(root, 'digests', 'old'), 31 * DAY);
    const result = await build(env);
    expect(result.outputs.digest).toMatch(/^sha256:/);
    expect(existsSync(old)).toBe(false);
    expect(statSync(join(root, '.pruned')).mtimeMs).toBeGreaterThan(NOW - HOUR);
  });

  test('a bad SLIPWAY_CACHE_MAX_AGE_DAYS fails the run before anything is built', async () => {
    const { root, env } = cache({ SLIPWAY_CACHE_MAX_AGE_DAYS: 'a month' });
    await expect(build(env)).rejects.toThrow(InputError);
    await expect(build(env)).rejects.toThrow(/^SLIPWAY_CACHE_MAX_AGE_DAYS is "a month"/);
    expect(existsSync(join(work, `runner-temp-${n}`))).toBe(false);
    expect(readdirSync(root)).toEqual([]);
  });
});
