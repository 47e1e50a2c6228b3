/**
 * What lets a rebuilt release send no layer bytes. The usual release flow builds one commit twice
 * (the branch pipeline pushes `sha-<commit>`, the tag pipeline `1.2.3`, `1.2`, `1`, `latest`), and
 * Slipway's digests are reproducible, so the second build is the first, byte for byte. Every image
 * records the sha256 of the files it adds and a hash of its layer's plan (annotations); before the
 * layer streams, the publisher reads the image under the commit's `sha-` tag, and when its record
 * is this build's, the layer is hashed instead of streamed. The push then finds the layer (and,
 * when the config is the same too, the whole image) in the repository and only sends the rest. The record decides only whether to stream: what is pushed is
 * still decided by the digest, so a wrong match costs the overlap, never a wrong image.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import type { ImagePlan } from '../connectors/plan';
import type { ImageAnnotations } from '../image/mutate';
import type { Platform } from '../image/types';
import { commitTag } from './tags';
import type { Env } from './tags';

/** sha256 of the files the image adds: the file's own digest when there is one (`sha256sum`). */
export const ARTIFACT_DIGEST_ANNOTATION = 'dev.slipway.artifact.sha256';
/** sha256 of the layer's plan: in-image paths, modes and owners, directories, platforms, epoch. */
export const PLAN_DIGEST_ANNOTATION = 'dev.slipway.plan.sha256';

async function fileSha256(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path, { highWaterMark: 1024 * 1024 })) {
    hash.update(chunk as Buffer);
  }
  return hash.digest('hex');
}

/**
 * The artifact's digest: one file's sha256, or for several the sha256 of their `sha256sum` lines
 * (digest, two spaces, in-image path), in the plan's order.
 */
export async function artifactDigest(plan: ImagePlan): Promise<string> {
  const digests = await Promise.all(plan.files.map((f) => fileSha256(f.source)));
  if (digests.length === 1) return digests[0];
  const lines = plan.files.map((f, i) => `${digests[i]}  ${f.path}\n`).join('');
  return createHash('sha256').update(lines).digest('hex');
}

/**
 * Everything besides the files' bytes that goes into the layer: in-image paths, modes and owners,
 * the directories, the epoch (every mtime) and the platforms. The config changes are left out on
 * purpose: a release pipeline changes a label (the version from the git tag) but not the layer,
 * and the layer is what must not be sent twice. The base is left out too: a rebase keeps these
 * annotations, so a rebased image must carry the record a fresh build on the new base would
 * write; a base that lacks some directories only makes a false match, which costs the streaming
 * overlap, never a wrong image (the push compares the blobs' digests).
 */
export function planDigest(plan: ImagePlan, epoch: number, requested: readonly Platform[]): string {
  const record = {
    files: plan.files.map(({ path, mode, uid, gid }) => ({ path, mode, uid, gid })),
    directories: plan.directories,
    platforms: plan.platforms ?? requested,
    epoch,
  };
  return createHash('sha256').update(JSON.stringify(record)).digest('hex');
}

/** The record as annotations of the manifest and of the index, beside the user's. */
export async function withReuseRecord(
  annotations: ImageAnnotations,
  record: Promise<Record<string, string>>,
): Promise<ImageAnnotations> {
  const own = await record;
  return {
    manifest: { ...own, ...annotations.manifest },
    index: { ...own, ...annotations.index },
  };
}

/** The record of this build; the artifact is hashed at once, beside the layer. */
export function reuseRecord(
  plan: ImagePlan,
  epoch: number,
  requested: readonly Platform[],
): Promise<Record<string, string>> {
  const plan256 = planDigest(plan, epoch, requested);
  return artifactDigest(plan).then((artifact256) => ({
    [ARTIFACT_DIGEST_ANNOTATION]: artifact256,
    [PLAN_DIGEST_ANNOTATION]: plan256,
  }));
}

/** Tags this run (or the branch pipeline of the same commit) may have pushed the image under. */
export function reuseCandidateTags(env: Env, tags: readonly string[]): string[] {
  const sha = commitTag(env);
  return sha === undefined || tags.includes(sha) ? [] : [sha];
}
