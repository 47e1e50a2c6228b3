/**
 * What lets a rebuilt release send no layer bytes. The usual release flow builds one commit twice
 * (the branch pipeline pushes `sha-<commit>`, the tag pipeline `1.2.3`, `1.2`, `1`, `latest`), and
 * Slipway's digests are reproducible, so the second build is the first, byte for byte. Every image
 * records the sha256 of the files it adds and a hash of its layer's plan (annotations). Before the
 * layer streams, the publisher reads the images under the tags being pushed and the commit's
 * `sha-` tag: when one records this build's layer, the layer is not streamed, and the push finds it
 * (and, when the config is the same too, the whole image) in the repository and only sends the
 * rest; when every such image records another plan, the layer streams at once, as for a new tag.
 * The record decides only whether to stream: what is pushed is still decided by the digest, so a
 * wrong match costs the overlap, never a wrong image.
 *
 * The files are read once for their digest: by the layer's pass, which reads every byte anyway,
 * or, when an image there has this very plan, by one hashing pass before the layer streams (the
 * only way to tell an unchanged re-push, which sends nothing, from new bytes), and then the
 * layer's pass does not hash them again. Across runs they are not read at all while unchanged:
 * the digest cache (digest-cache.ts) knows them, and an image there with this very record gives
 * its layer (earlierLayer below), which is then not made either. That one decides what is
 * pushed, so it asks for more than the record: see its conditions.
 */
import { createHash } from 'node:crypto';
import { createReadStream, lstatSync, statSync } from 'node:fs';
import type { LayerOffer, OfferedLayer } from '../assemble/native';
import type { ImagePlan } from '../connectors/plan';
import { errorMessage } from '../core/errors';
import type { Logger } from '../core/log';
import { LAYER_FORMAT_VERSION } from '../image/layer';
import type { FileDigests } from '../image/layer';
import { ociBlob } from '../image/mutate';
import type { ImageAnnotations } from '../image/mutate';
import { samePlatform } from '../image/platform';
import type { Reference } from '../image/reference';
import { fetchJsonBlob, isIndexDocument } from '../image/remote/read';
import type { FetchedManifest } from '../image/remote/read';
import type { Transport } from '../image/transport/client';
import { MediaType } from '../image/types';
import type { Descriptor, ImageConfig, Manifest, Platform } from '../image/types';
import type { BuildRecord } from '../publish/registry';
import { fileIdentity } from './digest-cache';
import type { DigestStore } from './digest-cache';
import { commitTag } from './tags';
import type { Env } from './tags';

/** sha256 of the files the image adds: the file's own digest when there is one (`sha256sum`). */
export const ARTIFACT_DIGEST_ANNOTATION = 'dev.slipway.artifact.sha256';
/**
 * sha256 of the layer's plan: in-image paths, modes, owners and sizes of the files, directories,
 * platforms, epoch.
 */
export const PLAN_DIGEST_ANNOTATION = 'dev.slipway.plan.sha256';
/**
 * sha256 of the directories the layer holds only because its base lacked them (layerParents).
 * The rest of the layer's bytes follow from the plan and the files; these follow from the base
 * it was built on, which a rebase changes while it keeps the layer and the annotations. A rebased
 * image's layer is therefore taken as this build's only when it has the parents this base gives.
 */
export const LAYER_PARENTS_ANNOTATION = 'dev.slipway.layer.parents.sha256';

function parentsDigest(parents: readonly string[]): string {
  return createHash('sha256').update(JSON.stringify(parents)).digest('hex');
}

async function fileSha256(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path, { highWaterMark: 1024 * 1024 })) {
    hash.update(chunk as Buffer);
  }
  return hash.digest('hex');
}

/**
 * Each file's sha256, read at most once a run, and across runs not at all while the file is
 * unchanged (the DigestStore, digest-cache.ts): handed over by the layer's pass, which reads
 * every byte anyway, or taken by a pass of its own when asked first. The reuse record, the SBOM
 * and the provenance all ask here. Files are known by identity (device, inode, size, mtime,
 * ctime), not by path.
 */
export class FileHashes {
  private readonly digests = new Map<string, Promise<string>>();
  /** Identities taken before the layer's pass: what it hands over is for these only. */
  private readonly before = new Map<string, string>();

  constructor(private readonly store?: DigestStore) {}

  /** Notes the files' identities now, before a pass that will hand their digests over (add). */
  expect(paths: Iterable<string>): void {
    for (const path of paths) {
      const key = fileIdentity(path);
      if (key) this.before.set(path, key);
    }
  }

  /**
   * What the layer's pass computed while it read the files. Kept (and stored) only for a file
   * whose identity is the one noted before the pass: one that changed meanwhile was read as
   * some mix of its versions.
   */
  add(digests: ReadonlyMap<string, string>): void {
    for (const [source, digest] of digests) {
      const key = fileIdentity(source);
      const before = this.before.get(source);
      if (!key || (before !== undefined && before !== key)) continue;
      if (!this.digests.has(key)) this.digests.set(key, Promise.resolve(digest));
      if (before === key) this.store?.put(source, key, digest);
    }
  }

  sha256(path: string): Promise<string> {
    const key = fileIdentity(path);
    if (!key) return fileSha256(path);
    let digest = this.digests.get(key);
    if (!digest) {
      const stored = this.store?.get(key);
      digest =
        stored !== undefined
          ? Promise.resolve(stored)
          : fileSha256(path).then((d) => {
              this.store?.put(path, key, d);
              return d;
            });
      this.digests.set(key, digest);
      // A failed read is not remembered: a later ask reads again and reports in its own words.
      digest.catch(() => this.digests.delete(key));
    }
    return digest;
  }

  /** The sha256 when it is known without reading the file (this run, or the store). */
  async known(path: string): Promise<string | undefined> {
    const key = fileIdentity(path);
    if (!key) return undefined;
    const digest = this.digests.get(key);
    if (digest) return digest.catch(() => undefined);
    const stored = this.store?.get(key);
    if (stored !== undefined) this.digests.set(key, Promise.resolve(stored));
    return stored;
  }

  /** The sha256 of a regular file; undefined for a folder (an Airbyte project) or a missing path. */
  async ofFile(path: string): Promise<string | undefined> {
    try {
      if (!statSync(path).isFile()) return undefined;
      return await this.sha256(path);
    } catch {
      return undefined;
    }
  }
}

/**
 * The artifact's digest: one file's sha256, or for several the sha256 of their `sha256sum` lines
 * (digest, two spaces, in-image path), in the plan's order. Undefined when a file's is missing.
 */
function artifactDigest(
  plan: ImagePlan,
  digestOf: (source: string) => string | undefined,
): string | undefined {
  const digests = plan.files.map((f) => digestOf(f.source));
  if (digests.some((d) => d === undefined)) return undefined;
  if (digests.length === 1) return digests[0];
  const lines = plan.files.map((f, i) => `${digests[i]}  ${f.path}\n`).join('');
  return createHash('sha256').update(lines).digest('hex');
}

/** The artifact's digest when every file's is known without reading it (FileHashes.known). */
async function knownArtifact(plan: ImagePlan, hashes: FileHashes): Promise<string | undefined> {
  const sources = [...new Set(plan.files.map((f) => f.source))];
  const digests = new Map(
    await Promise.all(sources.map(async (s) => [s, await hashes.known(s)] as const)),
  );
  return artifactDigest(plan, (source) => digests.get(source));
}

/** The artifact's digest, each file hashed once a run. */
async function hashArtifact(plan: ImagePlan, hashes: FileHashes): Promise<string> {
  const sources = [...new Set(plan.files.map((f) => f.source))];
  const digests = new Map(
    await Promise.all(sources.map(async (s) => [s, await hashes.sha256(s)] as const)),
  );
  const digest = artifactDigest(plan, (source) => digests.get(source));
  if (digest === undefined) throw new Error('internal: a file of the plan was not hashed');
  return digest;
}

/**
 * Everything besides the files' bytes that goes into the layer: in-image paths, modes and owners,
 * the directories, the epoch (every mtime) and the platforms; with the files' sizes, so that new
 * bytes of another length are told apart without reading them. The config changes are left out on
 * purpose: a release pipeline changes a label (the version from the git tag) but not the layer,
 * and the layer is what must not be sent twice. The base is left out too: a rebase keeps these
 * annotations, so a rebased image must carry the record a fresh build on the new base would
 * write; a base that lacks some directories only makes a false match, which costs the streaming
 * overlap, never a wrong image (the push compares the blobs' digests).
 */
export function planDigest(plan: ImagePlan, epoch: number, requested: readonly Platform[]): string {
  const record = {
    files: plan.files.map(({ path, source, mode, uid, gid }) => ({
      path,
      mode,
      uid,
      gid,
      size: sizeOf(source),
    })),
    directories: plan.directories,
    symlinks: plan.symlinks ?? [],
    // Copied from the base into the layer (their bytes are the base's, which reuse compares).
    baseExecutables: plan.baseExecutables ?? [],
    platforms: plan.platforms ?? requested,
    epoch,
    layerFormat: LAYER_FORMAT_VERSION,
  };
  return createHash('sha256').update(JSON.stringify(record)).digest('hex');
}

/** A file's size; null when it cannot be read, which the layer reports in its own words. */
function sizeOf(source: string): number | null {
  try {
    return lstatSync(source).size;
  } catch {
    return null;
  }
}

/** The record as annotations of the manifest and of the index, beside the user's. */
export async function withReuseRecord(
  annotations: ImageAnnotations,
  record: Promise<Record<string, string>>,
  layer: { parents: readonly string[] },
): Promise<ImageAnnotations> {
  const own = { ...(await record), [LAYER_PARENTS_ANNOTATION]: parentsDigest(layer.parents) };
  return {
    ...annotations,
    manifest: { ...own, ...annotations.manifest },
    index: { ...own, ...annotations.index },
  };
}

/**
 * This build's record. The plan's hash is known at once; the artifact's digest comes from the
 * layer's pass (`fileDigests`), unless `full()` is asked for it before that pass is over: then
 * the files are hashed once, and the layer's pass stops hashing them.
 */
export class ReuseRecord implements BuildRecord {
  readonly planned: Record<string, string>;
  private fromLayer: string | undefined;
  private hashed: Promise<string> | undefined;

  constructor(
    private readonly plan: ImagePlan,
    epoch: number,
    requested: readonly Platform[],
    private readonly hashes: FileHashes,
  ) {
    this.planned = { [PLAN_DIGEST_ANNOTATION]: planDigest(plan, epoch, requested) };
    hashes.expect(plan.files.map((f) => f.source));
  }

  /** For the layer's pass (LayerOptions.fileDigests). */
  readonly fileDigests: FileDigests = {
    wanted: () => this.hashed === undefined,
    take: (digests) => {
      this.hashes.add(digests);
      this.fromLayer = artifactDigest(this.plan, (source) => digests.get(source));
    },
  };

  /** The whole record: the layer's digest when its pass is over, else one hashing pass. */
  async full(): Promise<Record<string, string>> {
    let artifact = this.fromLayer;
    if (artifact === undefined) {
      this.hashed ??= hashArtifact(this.plan, this.hashes);
      try {
        artifact = await this.hashed;
      } catch (err) {
        // A later ask (the image's annotations) reads the files again rather than fail for this.
        this.hashed = undefined;
        throw err;
      }
    }
    return { [ARTIFACT_DIGEST_ANNOTATION]: artifact, ...this.planned };
  }

  /** The whole record when it is known without reading a byte; else undefined. */
  async known(): Promise<Record<string, string> | undefined> {
    const artifact = this.fromLayer ?? (await knownArtifact(this.plan, this.hashes));
    return artifact === undefined
      ? undefined
      : { [ARTIFACT_DIGEST_ANNOTATION]: artifact, ...this.planned };
  }
}

/** Tags this run (or the branch pipeline of the same commit) may have pushed the image under. */
export function reuseCandidateTags(env: Env, tags: readonly string[]): string[] {
  const sha = commitTag(env);
  return sha === undefined || tags.includes(sha) ? [] : [sha];
}

/** The images under the tags pushed and the commit's `sha-` tag, and their manifests. */
export interface EarlierImages {
  candidates(): Promise<Reference[]>;
  manifest(ref: Reference): Promise<FetchedManifest>;
}

/**
 * The layer of an image already in the repository that is exactly the layer this build would
 * make, so that it need not be made: no byte of the artifact is read, and the image digest comes
 * out as that image's. Taken only when all of this holds:
 *
 * - the image records this artifact: its digest is known without reading it (the digest cache:
 *   an unchanged file), or, once everything else below matches, the files are hashed (one pass,
 *   no tar made: a rebuilt release on a runner with no cache);
 * - the image records this plan (paths, modes, owners, sizes, epoch, platforms and the layer
 *   writer's version: planDigest) and this artifact, so the layer's entries and bytes are these;
 * - it records the parents this build's base gives (LAYER_PARENTS_ANNOTATION), the one part of
 *   the bytes that depends on the base;
 * - each of this build's base images (per platform, of an index too) is below the layer in an
 *   image of that platform there, and every platform ends in the same layer: this build's image
 *   is then that image's, byte for byte;
 * - the layer is a bare tar (its digest is its diff id) or gzip, the two this writer makes.
 *
 * Gzip bytes are as reproducible as the tar (gzip.ts: one deflate implementation, fixed level),
 * so either is taken; when the bytes must still be sent (another target lacks them), the layer
 * is made then, and its digest must be the one taken (native.ts). A plan with Python
 * dependencies is never offered (native.ts): its dependency layers sit between the base and this
 * one and are only known once built. A wrong match would push that image for this build, so any
 * doubt (an unreadable manifest or config, another media type) means making the layer.
 */
export async function earlierLayer(opts: {
  transport: Transport;
  repository: Reference;
  record: ReuseRecord;
  /** Where earlier pushes of this build may be (the publisher, which reads each once). */
  earlier: EarlierImages;
  offer: LayerOffer;
  logger: Logger;
}): Promise<OfferedLayer | undefined> {
  const { transport, repository, record, offer, logger } = opts;
  // A lookup that fails fails the push too, where it is reported; here it only means "make it".
  const candidates = await opts.earlier.candidates().catch(() => []);
  const holds = (theirs: Record<string, string>, own: Record<string, string>): boolean =>
    Object.entries(own).every(([k, v]) => theirs[k] === v);
  let own = candidates.length > 0 ? await record.known() : undefined;
  for (const ref of candidates) {
    try {
      const found = await opts.earlier.manifest(ref);
      const theirs = found.manifest.annotations ?? {};
      if (!holds(theirs, own ?? record.planned)) continue;
      if (theirs[LAYER_PARENTS_ANNOTATION] !== parentsDigest(await offer.parents())) {
        logger.debug(`${ref.toString()} has this layer's files on another base's parents`);
        continue;
      }
      const platforms: { manifest: Manifest; platform?: Platform }[] = isIndexDocument(
        found.manifest,
      )
        ? await Promise.all(
            found.manifest.manifests.map(async (d) => {
              const child = await opts.earlier.manifest(repository.withDigest(d.digest));
              if (isIndexDocument(child.manifest)) throw new Error('an index inside the index');
              return { manifest: child.manifest, platform: d.platform };
            }),
          )
        : [{ manifest: found.manifest }];
      const layer = await sameTopLayer(transport, repository, platforms, offer);
      if (!layer) {
        logger.debug(`${ref.toString()} records this layer on another base`);
        continue;
      }
      // Only the files are left to compare: hashing them is one pass, making the layer two.
      own ??= await record.full();
      if (!holds(theirs, own)) {
        logger.debug(`${ref.toString()} was built from other files`);
        continue;
      }
      logger.info(
        `layer: the same plan, files and base as ${ref.toString()}; its layer ${layer.descriptor.digest} is taken, not made again`,
      );
      return layer;
    } catch (err) {
      logger.debug(`could not compare layers with ${ref.toString()}: ${errorMessage(err)}`);
    }
  }
  return undefined;
}

const OWN_LAYER_TYPES: readonly string[] = [MediaType.OciLayer, MediaType.OciLayerGzip];

/**
 * The one layer every base image of the offer has on top in the image's platforms (a platform
 * image whose other layers are exactly that base's); undefined when one is missing or differs.
 */
async function sameTopLayer(
  transport: Transport,
  repository: Reference,
  platforms: { manifest: Manifest; platform?: Platform }[],
  offer: LayerOffer,
): Promise<OfferedLayer | undefined> {
  const images = await offer.images;
  const bases = images.length > 0 ? images : [undefined];
  if (platforms.length === 0 || (platforms.length === 1 && bases.length > 1)) return undefined;
  const sameBlob = (a: Descriptor, b: Descriptor): boolean =>
    a.digest === b.digest && a.size === b.size && a.mediaType === b.mediaType;
  let top: Descriptor | undefined;
  const configs: Descriptor[] = [];
  for (const base of bases) {
    // As the image holds them: a base's Docker layer types become their OCI equivalents.
    const below = base?.layers.map((l) => ociBlob(l).descriptor) ?? [];
    const match = platforms.find(
      ({ manifest, platform }) =>
        (!base || !platform || samePlatform(platform, base.platform)) &&
        manifest.layers.length === below.length + 1 &&
        below.every((d, i) => sameBlob(d, manifest.layers[i])),
    );
    if (!match) return undefined;
    const last = match.manifest.layers[below.length];
    if (top && !sameBlob(top, last)) return undefined;
    top = last;
    configs.push(match.manifest.config);
  }
  if (!top || !OWN_LAYER_TYPES.includes(top.mediaType)) return undefined;
  const descriptor = { mediaType: top.mediaType, digest: top.digest, size: top.size };
  // A bare tar is its own diff id: no config needs reading (one round trip less).
  if (top.mediaType === MediaType.OciLayer) return { descriptor, diffId: top.digest };
  const diffIds = await Promise.all(
    configs.map(async (config) =>
      (await fetchJsonBlob<ImageConfig>(transport, repository, config)).value.rootfs?.diff_ids?.at(
        -1,
      ),
    ),
  );
  const diffId = diffIds[0];
  if (diffIds.some((d) => d !== diffId)) return undefined;
  return diffId ? { descriptor, diffId } : undefined;
}
