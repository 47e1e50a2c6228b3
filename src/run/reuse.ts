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
 * layer's pass does not hash them again.
 */
import { createHash } from 'node:crypto';
import { createReadStream, lstatSync, statSync } from 'node:fs';
import type { ImagePlan } from '../connectors/plan';
import type { FileDigests } from '../image/layer';
import type { ImageAnnotations } from '../image/mutate';
import type { Platform } from '../image/types';
import type { BuildRecord } from '../publish/registry';
import { commitTag } from './tags';
import type { Env } from './tags';

/** sha256 of the files the image adds: the file's own digest when there is one (`sha256sum`). */
export const ARTIFACT_DIGEST_ANNOTATION = 'dev.slipway.artifact.sha256';
/**
 * sha256 of the layer's plan: in-image paths, modes, owners and sizes of the files, directories,
 * platforms, epoch.
 */
export const PLAN_DIGEST_ANNOTATION = 'dev.slipway.plan.sha256';

async function fileSha256(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path, { highWaterMark: 1024 * 1024 })) {
    hash.update(chunk as Buffer);
  }
  return hash.digest('hex');
}

/**
 * Each file's sha256, read at most once a run: handed over by the layer's pass, which reads every
 * byte anyway, or taken by a pass of its own when asked first. The reuse record, the SBOM and the
 * provenance all ask here. Files are known by identity (device, inode, size, mtime), not by path:
 * the layer reads the build context's hard links, the SBOM names the artifact where it was built.
 */
export class FileHashes {
  private readonly digests = new Map<string, Promise<string>>();

  /** What the layer's pass computed while it read the files. */
  add(digests: ReadonlyMap<string, string>): void {
    for (const [source, digest] of digests) {
      const key = identity(source);
      if (key && !this.digests.has(key)) this.digests.set(key, Promise.resolve(digest));
    }
  }

  sha256(path: string): Promise<string> {
    const key = identity(path);
    if (!key) return fileSha256(path);
    let digest = this.digests.get(key);
    if (!digest) {
      digest = fileSha256(path);
      this.digests.set(key, digest);
      // A failed read is not remembered: a later ask reads again and reports in its own words.
      digest.catch(() => this.digests.delete(key));
    }
    return digest;
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

/** A file's identity for FileHashes; undefined when it cannot be read (the read says why). */
function identity(path: string): string | undefined {
  try {
    const st = statSync(path);
    return `${st.dev}:${st.ino}:${st.size}:${st.mtimeMs}`;
  } catch {
    return undefined;
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
    platforms: plan.platforms ?? requested,
    epoch,
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
): Promise<ImageAnnotations> {
  const own = await record;
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
}

/** Tags this run (or the branch pipeline of the same commit) may have pushed the image under. */
export function reuseCandidateTags(env: Env, tags: readonly string[]): string[] {
  const sha = commitTag(env);
  return sha === undefined || tags.includes(sha) ? [] : [sha];
}
