/**
 * The native builder: an ImagePlan becomes an image without a Docker daemon. The base's platforms
 * are read, one reproducible layer is built once and appended to every platform, and an index is
 * made when more than one platform results: multi-arch without emulation.
 *
 * The base is read while the layer is built: one waits on the network, the other on the disk and
 * the CPU. On the first push of a tag the layer also goes to the registry as it is made
 * (publish/stream-upload.ts).
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { epochToIso } from '../core/clock';
import { InputError, RunError, SlipwayError } from '../core/errors';
import type { Logger } from '../core/log';
import type { ImagePlan } from '../connectors/plan';
import { isDistributable, isIndex } from '../image/image';
import type { BaseImage, BasePlatformImage, Blob, BuiltImageOrIndex, Layer } from '../image/image';
import { baseDirectories, worthReading } from '../image/base-directories';
import { readBaseFile } from '../image/base-files';
import type { BaseFile } from '../image/base-files';
import { buildLayer, layerParents } from '../image/layer';
import type { BuiltLayer, FileDigests, LayerEntries, LayerFile } from '../image/layer';
import { parseLayoutReference, readLayoutBase } from '../image/layout';
import { buildImageOrIndex } from '../image/mutate';
import type { ImageAnnotations } from '../image/mutate';
import type { ImageChanges } from '../image/mutate';
import { bestMatch, formatPlatform, samePlatform } from '../image/platform';
import { SCRATCH, isScratch, parseReference } from '../image/reference';
import { resolveBase } from '../image/remote/read';
import type { LayerStream } from '../image/remote/write';
import type { Transport } from '../image/transport/client';
import { MediaType } from '../image/types';
import type { Descriptor, Platform } from '../image/types';
import { BASE_IMAGE_INPUT } from '../connectors/common';
import { history } from './history';
import type { DependencyLayers } from './python-deps';

export interface NativeBuild {
  image: BuiltImageOrIndex;
  layer: Layer;
  platforms: Platform[];
  base: BaseImage;
  /** Removes the layers' temporary files (the plan's and the dependency layers). */
  dispose(): Promise<void>;
}

/** What an earlier image's layer must match to be this build's (NativeOptions.reuse). */
export interface LayerOffer {
  /** This build's base, per platform. */
  images: Promise<BasePlatformImage[]>;
  /** The directories the layer would hold because this base lacks them (layerParents). */
  parents(): Promise<string[]>;
}

/** A layer already in the target repository, taken as this build's. */
export interface OfferedLayer {
  descriptor: Descriptor;
  diffId: string;
}

/** The plan's layer, made or taken. */
type PlanLayer = Layer & { parents: string[] };

export interface NativeOptions {
  epoch: number;
  /** Platforms asked for by the user (already applied when the base was resolved). */
  requested: Platform[];
  tmpDir?: string;
  /** Takes the layer's bytes as they are made; finished (or aborted) here. */
  upload?: LayerStream;
  /** Runs a named step ("base", "layer"), e.g. to time it. */
  phase?: <T>(name: string, step: () => Promise<T>) => Promise<T>;
  logger?: Logger;
  /** The `annotations` input, by level; a function is asked once the layer is made. */
  annotations?: ImageAnnotations | ((layer: { parents: string[] }) => Promise<ImageAnnotations>);
  /**
   * Names a layer already in the target that is exactly the one this build would make
   * (run/reuse.ts earlierLayer): it is taken instead, and made only if its bytes must be sent.
   */
  reuse?: (offer: LayerOffer) => Promise<OfferedLayer | undefined>;
  /** Takes the sha256 of the plan's files from the layer's pass (run/reuse.ts). */
  fileDigests?: FileDigests;
  /** Where a plan's Python dependencies are downloaded and unpacked; kept between runs. */
  cacheDir?: string;
  /** Where the directories learned from base layers are kept between runs (base-directories.ts). */
  baseCacheDir?: string;
  /** The build context, when kept: the dependency trees of the rendered Dockerfile go there. */
  contextDir?: string;
}

/** The platforms the plan can run on, out of those the base offers (none when it offers none). */
function selectImages(plan: ImagePlan, base: BaseImage): BasePlatformImage[] {
  const only = plan.platforms;
  if (!only || base.images.length === 0) return base.images;
  const chosen = base.images.filter((img) => only.some((p) => samePlatform(p, img.platform)));
  if (chosen.length === 0) {
    const offered = base.images.map((img) => formatPlatform(img.platform)).join(', ');
    throw new InputError(
      `The artifact runs only on ${only.map(formatPlatform).join(', ')} but the base image ${base.name} (from ${plan.baseSource ?? BASE_IMAGE_INPUT}) offers ${offered}; build the artifact for one of those or choose another base-image.`,
    );
  }
  return chosen;
}

/**
 * The base layers the image will reference (as remote/write.ts distinctBlobs: not the foreign or
 * non-distributable ones, which registries must not receive).
 */
function baseBlobs(images: BasePlatformImage[]): Blob[] {
  return images.flatMap((image) => image.layers).filter((blob) => isDistributable(blob.descriptor));
}

export function imageChanges(plan: ImagePlan): ImageChanges {
  return {
    env: plan.env,
    labels: plan.labels,
    user: plan.user,
    workdir: plan.workdir,
    entrypoint: plan.entrypoint,
    cmd: plan.cmd,
    exposedPorts: plan.exposedPorts,
  };
}

/**
 * The plan's layer. Which of the directories made only where missing (unlisted parents, folders
 * a COPY --chown creates) the base already has decides the layer's first entries (layer.ts), so
 * it is learnt before the first byte is made, and streamed: from the base's layers when the base
 * is small enough to read quickly, else such directories count as present. A guess checked later
 * would, when wrong, make the layer and send it a second time.
 */
function buildPlanLayer(
  plan: ImagePlan,
  imagesPromise: Promise<BasePlatformImage[]>,
  opts: NativeOptions,
  signal: AbortSignal,
): Promise<BuiltLayer> {
  return buildLayer(layerEntries(plan), {
    epoch: opts.epoch,
    tmpDir: opts.tmpDir,
    signal,
    tee: opts.upload,
    fileDigests: opts.fileDigests,
    existingDirectories: existingDirectories(imagesPromise, opts, signal),
  });
}

function layerEntries(plan: ImagePlan): LayerEntries {
  return { files: plan.files, directories: plan.directories, symlinks: plan.symlinks };
}

/** Which directories the base has; asked only when the plan has some to make only where missing. */
function existingDirectories(
  imagesPromise: Promise<BasePlatformImage[]>,
  opts: NativeOptions,
  signal: AbortSignal,
): (paths: string[]) => Promise<ReadonlySet<string>> {
  return async (paths) => {
    const layers = (await imagesPromise).map((i) => i.layers);
    if (!worthReading(layers)) return new Set(paths);
    return baseDirectories(layers, paths, {
      signal,
      logger: opts.logger,
      cacheDir: opts.baseCacheDir,
    });
  };
}

/**
 * The layer an earlier image holds, when opts.reuse names one: no file is read. Its bytes are
 * made only if the push must send them (a target that lacks them), and must then be the ones
 * named; otherwise the push would send a blob under a digest it does not have.
 */
async function takenLayer(
  plan: ImagePlan,
  imagesPromise: Promise<BasePlatformImage[]>,
  opts: NativeOptions,
  signal: AbortSignal,
): Promise<PlanLayer | undefined> {
  if (!opts.reuse) return undefined;
  let parents: Promise<string[]> | undefined;
  const ask = (): Promise<string[]> =>
    (parents ??= layerParents(
      layerEntries(plan),
      existingDirectories(imagesPromise, opts, signal),
    ));
  // The base is still being resolved: the earlier image's manifests are read meanwhile.
  const taken = await opts.reuse({ images: imagesPromise, parents: ask });
  if (!taken) return undefined;
  const { descriptor, diffId } = taken;
  let made: Promise<BuiltLayer> | undefined;
  const make = (): Promise<BuiltLayer> =>
    (made ??= buildLayer(layerEntries(plan), {
      epoch: opts.epoch,
      tmpDir: opts.tmpDir,
      signal,
      existingDirectories: existingDirectories(imagesPromise, opts, signal),
      // A bare tar is made as it is read, and checked against this digest (layer.ts).
      expected: descriptor.mediaType === MediaType.OciLayer ? descriptor : undefined,
    }).then(async (layer) => {
      if (layer.descriptor.digest === descriptor.digest && layer.diffId === diffId) return layer;
      await layer.dispose();
      throw new RunError(
        `The layer made again for the push is ${layer.descriptor.digest}, not ${descriptor.digest} as the image it was taken from records; the files changed during the run, or that image was not built by this Slipway version: run again with another tag, or delete the tag and run again`,
      );
    }));
  return {
    descriptor,
    diffId,
    parents: await ask(),
    open: async () => (await make()).open(),
    dispose: async () => {
      await (await made?.catch(() => undefined))?.dispose();
    },
  };
}

export async function assembleNative(
  plan: ImagePlan,
  baseSource: BaseSource,
  opts: NativeOptions,
): Promise<NativeBuild> {
  const phase = opts.phase ?? (<T>(_name: string, step: () => Promise<T>): Promise<T> => step());
  const stop = new AbortController();
  const basePromise = phase('base', () =>
    openBase(plan.base, baseSource, plan.baseSource ?? BASE_IMAGE_INPUT),
  );
  // The base's images for the plan's platforms, chosen once for the early push, the layer's
  // directories and the image; a clash is reported where the image is made.
  const imagesPromise = basePromise.then((base) => selectImages(plan, base));
  imagesPromise.catch(() => undefined); // its error is the base's or the clash, reported below
  // Each platform's dependency layer is made beside the plan's layer (it waits on the base and
  // the index); it goes below it in the image.
  const python = plan.python;
  const depsPromise: Promise<DependencyLayers | undefined> = python
    ? Promise.all([basePromise, imagesPromise]).then(([base, images]) =>
        // Python's resolver and wheel installer load only for a plan with Python dependencies.
        phase('dependencies', async () =>
          (await import('./python-deps')).pythonDependencyLayers(python, images, base.name, {
            epoch: opts.epoch,
            created: epochToIso(opts.epoch),
            cacheDir: opts.cacheDir ?? resolve(opts.tmpDir ?? '.', 'python-cache'),
            tmpDir: opts.tmpDir,
            contextDir: opts.contextDir,
            signal: stop.signal,
            logger: opts.logger,
          }),
        ),
      )
    : Promise.resolve(undefined);
  depsPromise.catch(() => undefined); // awaited below
  // A base that cannot be read ends the layer's pass (and the upload) early; its error is the
  // one reported. Handled here at once, so an early failure is never an unhandled rejection.
  basePromise.then(
    () =>
      imagesPromise.then(
        // With dependencies, only once they are resolved: a lock the index does not match
        // (bad input) then leaves nothing in the target, not even the base's blobs.
        (images) =>
          depsPromise.then(
            () => opts.upload?.pushEarly(baseBlobs(images)),
            () => opts.upload?.abort(),
          ),
        () => opts.upload?.pushEarly([]), // the build reports the clash itself
      ),
    (err: unknown) => {
      opts.upload?.abort();
      stop.abort(err);
    },
  );
  const disposeDeps = async (): Promise<void> => {
    await (await depsPromise.catch(() => undefined))?.dispose();
  };
  let layer: PlanLayer;
  let copies: LayerFile[] = [];
  try {
    layer = await phase('layer', async () => {
      const made = await baseExecutableCopies(plan, imagesPromise, opts, stop.signal);
      copies = made.files;
      const withCopies = { ...plan, files: [...plan.files, ...copies] };
      // Python dependency layers sit between the base and this one: not offered (reuse.ts).
      const taken = python
        ? undefined
        : await takenLayer(withCopies, imagesPromise, opts, stop.signal);
      return made.dispose(
        taken ?? (await buildPlanLayer(withCopies, imagesPromise, opts, stop.signal)),
      );
    });
  } catch (err) {
    opts.upload?.abort();
    stop.abort(err);
    await disposeDeps();
    await basePromise; // when the base failed too, its error explains more
    throw err;
  }
  try {
    const base = await basePromise;
    const images = await imagesPromise;
    const deps = await depsPromise;
    // Sent beside the plan's layer on a first push; otherwise the push finds them (HEAD).
    if (deps) opts.upload?.pushEarly(deps.layers);
    const changes = imageChanges(plan);
    const image = buildImageOrIndex({
      base: { ...base, images },
      layer,
      below: deps?.below,
      changes,
      history: history(changes, epochToIso(opts.epoch), plan.files, {
        base: plan.base,
        files: copies,
      }),
      epoch: opts.epoch,
      platforms: plan.platforms ?? (opts.requested.length ? opts.requested : undefined),
      annotations:
        typeof opts.annotations === 'function' ? await opts.annotations(layer) : opts.annotations,
    });
    // The layer's pass ends with its last byte handed to the stream; the registry still has to
    // take the rest and commit it ("upload"), while the configs go up beside it.
    const upload = opts.upload;
    if (upload) await phase('upload', () => upload.finish(layer, image));
    const platforms = isIndex(image) ? image.images.map((i) => i.platform) : [image.platform];
    const dispose = async (): Promise<void> => {
      await layer.dispose();
      await deps?.dispose();
    };
    return { image, layer, platforms, base, dispose };
  } catch (err) {
    opts.upload?.abort();
    stop.abort(err);
    await layer.dispose();
    await disposeDeps();
    throw err;
  }
}

/**
 * The plan's baseExecutables that the base holds as regular files without any execute bit, as
 * layer files: the base's bytes (from the first platform that has the file; the scripts this is
 * for are not platform-specific) with the plan's mode and owner, as Airbyte's `RUN chmod +x`
 * leaves them. The copies live in a folder of their own until the layer is disposed: the layer
 * reads its files again when it is opened for the push.
 */
async function baseExecutableCopies(
  plan: ImagePlan,
  imagesPromise: Promise<BasePlatformImage[]>,
  opts: NativeOptions,
  signal: AbortSignal,
): Promise<{ files: LayerFile[]; dispose: <L extends Layer>(layer: L) => L }> {
  const wanted = (plan.baseExecutables ?? []).filter(
    (x) => !plan.files.some((f) => f.path === x.path),
  );
  const none = { files: [], dispose: <L extends Layer>(layer: L): L => layer };
  if (wanted.length === 0) return none;
  const images = await imagesPromise;
  const files: LayerFile[] = [];
  let dir: string | undefined;
  try {
    for (const executable of wanted) {
      let found: BaseFile | undefined;
      for (const image of images) {
        found = await readBaseFile(image.layers, executable.path, { signal });
        if (found) break;
      }
      if (!found) {
        opts.logger?.debug(`the base has no regular file ${executable.path}; left as it is`);
        continue;
      }
      if ((found.mode & 0o111) !== 0) continue;
      dir ??= await mkdtemp(join(opts.tmpDir ?? tmpdir(), 'slipway-base-files-'));
      const source = join(dir, String(files.length));
      await writeFile(source, found.bytes);
      files.push({ ...executable, source });
      opts.logger?.info(
        `the base has ${executable.path} without the execute bit (mode ${found.mode.toString(8).padStart(4, '0')}); the layer makes it ${executable.mode.toString(8).padStart(4, '0')}, owned by ${executable.uid}:${executable.gid}`,
      );
    }
  } catch (err) {
    if (dir) await rm(dir, { recursive: true, force: true });
    throw err;
  }
  const folder = dir;
  if (!folder) return none;
  return {
    files,
    dispose: <L extends Layer>(layer: L): L => ({
      ...layer,
      dispose: async () => {
        await layer.dispose();
        await rm(folder, { recursive: true, force: true });
      },
    }),
  };
}

export interface BaseSource {
  transport: Transport;
  platforms: Platform[];
  workingDirectory: string;
}

/**
 * Opens the base named by the plan: `scratch` (no base), `oci:DIR[:TAG]` (an OCI image layout on
 * disk, which needs no registry) or a registry reference. Every error names `origin`, where the
 * name came from (an input, metadata.yaml, a Dockerfile's FROM): the registry's own words name
 * only its host, and a typo is fixed where the name was written.
 */
export async function openBase(name: string, src: BaseSource, origin: string): Promise<BaseImage> {
  try {
    if (isScratch(name)) return await resolveBase(src.transport, SCRATCH);
    if (name.startsWith('oci:')) {
      const { dir, tag } = parseLayoutReference(name);
      const base = await readLayoutBase(resolve(src.workingDirectory, dir), tag, {
        name,
        logger: src.transport.options.logger,
      });
      return { ...base, images: onlyRequested(base, src.platforms) };
    }
    const ref = parseReference(name, { defaultTag: 'latest' });
    return await resolveBase(src.transport, ref, { platforms: src.platforms });
  } catch (err) {
    throw withOrigin(err, name, origin);
  }
}

/**
 * Puts the base's origin in front of an error about it. The error is changed in place rather than
 * wrapped: its class carries the exit code and, for a registry's refusal, the status and host
 * that the permission hint (run/permission-hint.ts) reads.
 */
function withOrigin(err: unknown, name: string, origin: string): unknown {
  if (err instanceof SlipwayError)
    err.message = `Base image ${name} (from ${origin}): ${err.message}`;
  return err;
}

/** The base's images for the requested platforms (all when none were requested). */
function onlyRequested(base: BaseImage, requested: Platform[]): BasePlatformImage[] {
  if (requested.length === 0) return base.images;
  return requested.map((want) => {
    const match = bestMatch(want, base.images, (img) => img.platform);
    if (!match) {
      const offered = base.images.map((img) => formatPlatform(img.platform)).join(', ');
      throw new InputError(
        `Input "platforms": the base image ${base.name} has no ${formatPlatform(want)} (it offers ${offered}); drop it from platforms or choose another base-image.`,
      );
    }
    return match;
  });
}
