/**
 * A plan's Python dependencies as layers of their own, one per platform of the base, stacked
 * below the plan's files: the wheels the lock pins that fit the base's Python on that platform,
 * installed natively (toolchain/python). The base's Python is learned from the base itself (its
 * config Env and the paths its layers hold), so the plan does not need to know it.
 *
 * A change to the connector's code leaves these layers' bytes as they were, so a push finds them
 * in the registry (HEAD) and sends only the code layer.
 *
 * The rendered Dockerfile copies the same trees with `COPY deps/${TARGETOS}/${TARGETARCH}/ /`;
 * they are written into the build context only when the context is kept
 * (SLIPWAY_KEEP_CONTEXT=true), since nothing else reads them.
 */
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { dirname, join } from 'node:path';
import { readCacheFile, writeCacheFile } from '../core/cache';
import { InputError } from '../core/errors';
import type { Logger } from '../core/log';
import type { PythonDependencies } from '../connectors/plan';
import type { BasePlatformImage, Blob } from '../image/image';
import { buildLayer } from '../image/layer';
import type { BuiltLayer } from '../image/layer';
import type { PlatformLayers } from '../image/mutate';
import { formatPlatform } from '../image/platform';
import type { Platform } from '../image/types';
import {
  basePythonPaths,
  resolvePythonDependencies,
  targetPythonFromBase,
} from '../toolchain/python';
import type { PythonTarget, TargetPython } from '../toolchain/python';
import { dependencyHistory, describeTarget } from './history';

export interface DependencyLayers {
  /** The layers below the plan's, for each platform (mutate.ts `below`). */
  below: (platform: Platform) => PlatformLayers | undefined;
  layers: BuiltLayer[];
  dispose(): Promise<void>;
}

export interface DependencyOptions {
  epoch: number;
  created: string;
  /** Downloads, unpacked wheels and base facts, kept between runs (content-addressed). */
  cacheDir: string;
  tmpDir?: string;
  /** When set, the deps/<os>/<arch>/ trees of the rendered Dockerfile are written here. */
  contextDir?: string;
  signal?: AbortSignal;
  logger?: Logger;
}

/** deps/<os>/<arch>: what `COPY deps/${TARGETOS}/${TARGETARCH}/ /` reads for this platform. */
export function dependencyDirectory(platform: Platform): string {
  return `deps/${platform.os}/${platform.architecture}`;
}

export async function pythonDependencyLayers(
  deps: PythonDependencies,
  images: BasePlatformImage[],
  baseName: string,
  opts: DependencyOptions,
): Promise<DependencyLayers> {
  if (images.length === 0) {
    throw new InputError(
      `${deps.label} pins Python dependencies, but the base image is scratch, which has no Python to run them; set base-image to an image with Python 3.`,
    );
  }
  const targets: PythonTarget[] = [];
  for (const image of images) {
    const python = await basePython(image, baseName, opts.cacheDir);
    targets.push({ platform: image.platform, python });
  }
  const resolved = await resolvePythonDependencies({
    lock: deps.lock,
    targets,
    cacheDir: join(opts.cacheDir, 'wheels'),
    logger: opts.logger,
  });
  const byPlatform = new Map<string, PlatformLayers>();
  const layers: BuiltLayer[] = [];
  try {
    for (const platformDeps of resolved) {
      const { platform, python, packages, entries } = platformDeps;
      const name = formatPlatform(platform);
      opts.logger?.info(
        `python: ${name}: ${packages.length} packages from ${deps.label} for Python ${python.version} (${python.abi}, ${python.libc} ${python.libcVersion}) into ${python.sitePackages}`,
      );
      const layer = await buildLayer(entries, {
        epoch: opts.epoch,
        tmpDir: opts.tmpDir,
        signal: opts.signal,
      });
      layers.push(layer);
      const dir = dependencyDirectory(platform);
      byPlatform.set(name, {
        layers: [layer],
        history: [
          dependencyHistory(
            opts.created,
            dir,
            `${describeTarget(python)} dependencies from ${deps.label}: ${packages.length} packages`,
          ),
        ],
      });
      if (opts.contextDir) await writeTree(join(opts.contextDir, ...dir.split('/')), entries.files);
    }
  } catch (err) {
    await Promise.all(layers.map((l) => l.dispose()));
    throw err;
  }
  return {
    below: (platform) => byPlatform.get(formatPlatform(platform)),
    layers,
    dispose: async () => {
      await Promise.all(layers.map((l) => l.dispose()));
    },
  };
}

/** The Python a base's image runs, learned from its Env and (cached) paths. */
export async function basePython(
  image: BasePlatformImage,
  baseName: string,
  cacheDir: string,
): Promise<TargetPython> {
  return targetPythonFromBase({
    env: image.config.config?.Env ?? [],
    paths: await cachedPythonPaths(image.layers, cacheDir),
    label: `${baseName} (${formatPlatform(image.platform)})`,
  });
}

/**
 * basePythonPaths reads every layer of the base (tens of MB for a Python base); the answer
 * depends only on the layers' digests, so it is kept in the cache under their hash.
 */
async function cachedPythonPaths(layers: readonly Blob[], cacheDir: string): Promise<string[]> {
  const key = createHash('sha256')
    .update(layers.map((l) => l.descriptor.digest).join('\n'))
    .digest('hex');
  const file = join(cacheDir, 'base-paths', `${key}.json`);
  const kept = keptPaths(readCacheFile(file));
  if (kept) return kept;
  const paths = await basePythonPaths(layers);
  writeCacheFile(file, JSON.stringify(paths));
  return paths;
}

/** The paths an earlier run kept; undefined when missing or unsound (then the base is read). */
function keptPaths(text: string | undefined): string[] | undefined {
  try {
    const paths: unknown = JSON.parse(text ?? 'null');
    return Array.isArray(paths) && paths.every((p) => typeof p === 'string') ? paths : undefined;
  } catch {
    return undefined;
  }
}

/** The layer's files as a folder tree with their modes (owners are 0:0, as COPY makes them). */
async function writeTree(
  root: string,
  files: readonly { path: string; source: string; mode: number }[],
): Promise<void> {
  for (const f of files) {
    const target = join(root, ...f.path.split('/'));
    await fs.mkdir(dirname(target), { recursive: true });
    await fs.copyFile(f.source, target);
    await fs.chmod(target, f.mode);
  }
}
