/**
 * Python dependencies without a container runtime: from a lock to one layer's entries per target
 * platform. For every platform the lock's packages are chosen by markers evaluated for that
 * platform, each package's best wheel is picked by the platform's tags, downloaded (cached by
 * sha256, verified against the lock) and installed into the base's site-packages as entries.
 *
 * A package with no fitting wheel but an sdist is built on the runner with
 * `python3 -m pip wheel --no-deps --no-build-isolation --no-index`: the runner's Python and its
 * build backend (setuptools, poetry-core, hatchling… must be installed there; nothing is fetched),
 * and only when the result is pure Python (a py*-none-any wheel), since the runner cannot build a
 * compiled extension for another platform or libc.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, promises as fs, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { touchCacheEntry } from '../../core/cache';
import { InputError, RunError, errorMessage } from '../../core/errors';
import type { Logger } from '../../core/log';
import type { LayerEntries } from '../../image/layer';
import { formatPlatform } from '../../image/platform';
import type { Platform } from '../../image/types';
import { mapLimited } from '../../image/limit';
import { installWheel } from './install-wheel';
import type { LockedFile, LockedPackage, PythonLock } from './lock';
import type { IndexFile } from './package-index';
import { PackageIndex } from './package-index';
import type { TargetPython } from './tags';
import { machineOf, markerEnvironment, parseWheelName, supportedTags, wheelRank } from './tags';

export interface PythonTarget {
  platform: Platform;
  python: TargetPython;
}

export interface ResolveOptions {
  lock: PythonLock;
  targets: readonly PythonTarget[];
  /** Downloads (<cacheDir>/sha256), unpacked wheels and generated files. Keep it between runs. */
  cacheDir: string;
  logger?: Logger;
  /** Parallel downloads and unpacks; default 4. */
  concurrency?: number;
  /** The runner's Python for sdists; default "python3". */
  runnerPython?: string;
}

export interface InstalledPackage {
  name: string;
  version: string;
  filename: string;
  sha256: string;
  /** "wheel": the locked wheel; "sdist": a wheel built on the runner from the locked sdist. */
  from: 'wheel' | 'sdist';
}

export interface PlatformDependencies {
  platform: Platform;
  python: TargetPython;
  /** Sorted by image path; same inputs → same entries (and source paths under cacheDir). */
  entries: LayerEntries;
  /** Sorted by name. */
  packages: InstalledPackage[];
}

/** The dependency layer's entries for each target, in the targets' order. */
export async function resolvePythonDependencies(
  opts: ResolveOptions,
): Promise<PlatformDependencies[]> {
  const index = new PackageIndex({ cacheDir: opts.cacheDir });
  const out: PlatformDependencies[] = [];
  for (const target of opts.targets) out.push(await resolveOne(opts, index, target));
  return out;
}

async function resolveOne(
  opts: ResolveOptions,
  index: PackageIndex,
  target: PythonTarget,
): Promise<PlatformDependencies> {
  const platformName = formatPlatform(target.platform);
  const machine = machineOf(target.platform.architecture);
  if (target.platform.os !== 'linux' || !machine) {
    throw new InputError(
      `Python wheels have no tags for the platform ${platformName}; build for linux/amd64 or linux/arm64 (platforms: linux/amd64), or set builder: docker`,
    );
  }
  const ranks = new Map(supportedTags(target.python, machine).map((t, i) => [t, i]));
  const packages = opts.lock.packagesFor(markerEnvironment(target.python, machine));
  const installed = await mapLimited(packages, opts.concurrency ?? 4, async (pkg) => {
    const chosen = await chooseFile(opts, index, pkg, ranks, platformName, target.python);
    const files = await installWheel(
      chosen.path,
      chosen.sha256,
      { name: pkg.name, version: pkg.version, filename: chosen.filename },
      target.python,
      path.join(opts.cacheDir, 'stage'),
    );
    return {
      info: {
        name: pkg.name,
        version: pkg.version,
        filename: chosen.filename,
        sha256: chosen.sha256,
        from: chosen.from,
      },
      files,
    };
  });
  // Two packages writing one path: pip lets the later install win; here "later" is name order,
  // so the outcome does not depend on download timing.
  const byPath = new Map<string, LayerEntries['files'][number]>();
  const owner = new Map<string, string>();
  for (const { info, files } of installed) {
    for (const f of files) {
      const previous = byPath.get(f.path);
      if (previous && previous.source !== f.source) {
        opts.logger?.warn(
          `${info.name} ${info.version} overwrites ${f.path} of ${owner.get(f.path) ?? '?'} (as pip would)`,
        );
      }
      byPath.set(f.path, f);
      owner.set(f.path, `${info.name} ${info.version}`);
    }
  }
  const files = [...byPath.values()].sort((a, b) =>
    Buffer.compare(Buffer.from(a.path), Buffer.from(b.path)),
  );
  return {
    platform: target.platform,
    python: target.python,
    entries: { files, directories: [] },
    packages: installed.map((i) => i.info),
  };
}

interface ChosenFile {
  path: string;
  filename: string;
  sha256: string;
  from: 'wheel' | 'sdist';
}

async function chooseFile(
  opts: ResolveOptions,
  index: PackageIndex,
  pkg: LockedPackage,
  ranks: ReadonlyMap<string, number>,
  platformName: string,
  python: TargetPython,
): Promise<ChosenFile> {
  const label = `${pkg.name} ${pkg.version}`;
  const files = await namedFiles(index, pkg, label, opts.lock.file);
  let best: { file: LockedFile & { filename: string }; rank: number } | undefined;
  for (const f of files) {
    const wheel = parseWheelName(f.filename);
    if (!wheel) continue;
    const rank = wheelRank(wheel, ranks);
    if (rank === undefined) continue;
    if (!best || rank < best.rank || (rank === best.rank && f.filename < best.file.filename))
      best = { file: f, rank };
  }
  if (best) {
    const located = await locate(index, pkg, best.file, label);
    return {
      path: await index.download(located, best.file.sha256, label),
      filename: best.file.filename,
      sha256: best.file.sha256,
      from: 'wheel',
    };
  }
  const sdist = files.find((f) => /\.(tar\.gz|zip)$/.test(f.filename));
  const wheels = files.filter((f) => f.filename.endsWith('.whl')).map((f) => f.filename);
  const fix = `build for the platforms it has wheels for (e.g. platforms: linux/amd64), or set builder: docker to build it in a container`;
  if (!sdist) {
    throw new InputError(
      `${label} has no wheel for ${platformName} with Python ${python.version} (${python.libc}) in ${opts.lock.file}${wheels.length ? ` (locked: ${wheels.slice(0, 4).join(', ')}${wheels.length > 4 ? ', …' : ''})` : ''} and no sdist; ${fix}`,
    );
  }
  const located = await locate(index, pkg, sdist, label);
  const sdistPath = await index.download(located, sdist.sha256, label);
  const built = await buildPureWheel(opts, sdistPath, sdist.sha256, label, platformName, fix);
  opts.logger?.info(
    `Built ${built.filename} from ${sdist.filename} with the runner's Python (no wheel fits ${platformName})`,
  );
  return { ...built, from: 'sdist' };
}

/** The lock's files with names; requirements.txt gives hashes only, so names come from the index. */
async function namedFiles(
  index: PackageIndex,
  pkg: LockedPackage,
  label: string,
  lockFile: string,
): Promise<(LockedFile & { filename: string })[]> {
  if (pkg.files.every((f) => f.filename)) return pkg.files as (LockedFile & { filename: string })[];
  const wanted = new Set(pkg.files.map((f) => f.sha256));
  const found = new Map<string, LockedFile & { filename: string }>();
  for (const url of pkg.indexes) {
    for (const f of (await index.listFiles(url, pkg.name)) ?? []) {
      if (f.sha256 && wanted.has(f.sha256) && !found.has(f.sha256))
        found.set(f.sha256, { filename: f.filename, sha256: f.sha256 });
    }
  }
  for (const f of pkg.files)
    if (f.filename && !found.has(f.sha256))
      found.set(f.sha256, f as LockedFile & { filename: string });
  if (found.size === 0) {
    throw new InputError(
      `None of the indexes (${pkg.indexes.join(', ')}) lists a file of ${label} with a hash that ${lockFile} pins; check the index URL (PIP_INDEX_URL, -i) and the hashes`,
    );
  }
  return [...found.values()];
}

/** Where to download a locked file: its own URL (pylock.toml), else the first index listing it. */
async function locate(
  index: PackageIndex,
  pkg: LockedPackage,
  file: LockedFile & { filename: string },
  label: string,
): Promise<IndexFile> {
  if (file.url) return { filename: file.filename, url: file.url, index: new URL(file.url).origin };
  let knownProject = false;
  for (const url of pkg.indexes) {
    const listing = await index.listFiles(url, pkg.name);
    if (!listing) continue;
    knownProject = true;
    const hit =
      listing.find((f) => f.filename === file.filename) ??
      listing.find((f) => f.sha256 === file.sha256);
    if (hit) return hit;
  }
  throw new InputError(
    knownProject
      ? `The index ${pkg.indexes.join(', ')} does not list ${file.filename}, the file the lock pins for ${label}; publish it there or update the lock`
      : `The index ${pkg.indexes.join(', ')} answered 404 for ${label} (needed for ${file.filename}); check the index URL (lock source, PIP_INDEX_URL) or publish the package there`,
  );
}

const run = promisify(execFile);

async function buildPureWheel(
  opts: ResolveOptions,
  sdistPath: string,
  sdistSha: string,
  label: string,
  platformName: string,
  fix: string,
): Promise<Omit<ChosenFile, 'from'>> {
  const out = path.join(opts.cacheDir, 'built', sdistSha);
  const python = opts.runnerPython ?? 'python3';
  let wheel = existsSync(out) ? (await fs.readdir(out)).find((f) => f.endsWith('.whl')) : undefined;
  if (wheel) touchCacheEntry(out);
  else {
    const work = `${out}.part`;
    await fs.rm(work, { recursive: true, force: true });
    await fs.mkdir(work, { recursive: true });
    // pip wants the archive's own name (it reads name and version from it).
    const named = path.join(
      work,
      'src',
      label.replace(/\s+/g, '-') + (sdistPath.endsWith('.zip') ? '.zip' : '.tar.gz'),
    );
    await fs.mkdir(path.dirname(named));
    await fs.copyFile(sdistPath, named);
    try {
      await run(
        python,
        [
          '-m',
          'pip',
          'wheel',
          '--no-deps',
          '--no-build-isolation',
          '--no-index',
          '--disable-pip-version-check',
          '-w',
          path.join(work, 'out'),
          named,
        ],
        {
          env: { ...process.env, SOURCE_DATE_EPOCH: process.env.SOURCE_DATE_EPOCH ?? '315532800' },
          maxBuffer: 16 * 1024 * 1024,
        },
      );
    } catch (err) {
      throw new InputError(
        `${label} has no wheel for ${platformName}, and building its sdist with the runner's \`${python} -m pip wheel\` failed (${errorMessage(err).split('\n').slice(-3).join(' ')}); ${fix}`,
      );
    }
    const built = (await fs.readdir(path.join(work, 'out'))).find((f) => f.endsWith('.whl'));
    if (!built) throw new RunError(`pip wheel built no wheel for ${label}`);
    await fs.rm(out, { recursive: true, force: true });
    await fs.mkdir(out, { recursive: true });
    await fs.rename(path.join(work, 'out', built), path.join(out, built));
    await fs.rm(work, { recursive: true, force: true });
    wheel = built;
  }
  const parsed = parseWheelName(wheel);
  if (!parsed || !parsed.tags.every((t) => t.endsWith('-none-any'))) {
    throw new InputError(
      `${label} has no wheel for ${platformName} and its sdist builds a compiled wheel (${wheel}), which the runner cannot build for another platform; ${fix}`,
    );
  }
  const file = path.join(out, wheel);
  const sha256 = createHash('sha256').update(readFileSync(file)).digest('hex');
  return { path: file, filename: wheel, sha256 };
}
