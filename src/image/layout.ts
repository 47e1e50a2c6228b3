/**
 * OCI image layouts on disk (image-spec "image-layout"): writing a build into one (`--output
 * oci:DIR`, merged with what the directory already holds) and reading one as a base image
 * (`oci:DIR[:TAG]`).
 *
 * A layout holds exactly the bytes a registry push would send, so the digest of a build written
 * here equals the digest of the same build pushed.
 */
import { randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream, promises as fs } from 'node:fs';
import * as path from 'node:path';
import { pipeline } from 'node:stream';
import type { Readable } from 'node:stream';
import { pipeline as pipelineAsync } from 'node:stream/promises';
import { InputError, RunError, errorMessage } from '../core/errors';
import { isDigest, sha256 } from './digest';
import type { Logger } from '../core/log';
import { isIndex, memoryBlob } from './image';
import { checkedLabels } from './labels';
import { forEachLimited } from './limit';
import type { BaseImage, BasePlatformImage, Blob, BuiltImageOrIndex, BuiltImage } from './image';
import { canonicalJson } from './mutate';
import { checkedPlatform, platformOfConfig, runnableEntries } from './platform';
import { MAX_CONFIG_BYTES, MAX_MANIFEST_BYTES } from './remote/read';
import { VerifyingStream } from './remote/verify';
import { Annotation, INDEX_MEDIA_TYPES, MANIFEST_MEDIA_TYPES, MediaType } from './types';
import type { Descriptor, ImageConfig, Index, Manifest, Platform } from './types';

export const LAYOUT_VERSION = '1.0.0';
const LAYOUT_FILE = 'oci-layout';
const INDEX_FILE = 'index.json';
/** Blobs copied at once: enough to overlap registry latency, few enough for 2 cores. */
const PARALLEL_BLOBS = 4;

export interface LayoutReference {
  dir: string;
  tag?: string;
}

/**
 * "oci:out/layout:v1" → { dir: "out/layout", tag: "v1" }. As in skopeo, the path ends at the first
 * colon after "oci:", so a path cannot hold one.
 */
export function parseLayoutReference(value: string): LayoutReference {
  const rest = value.startsWith('oci:') ? value.slice(4) : value;
  const colon = rest.indexOf(':');
  const dir = colon >= 0 ? rest.slice(0, colon) : rest;
  const tag = colon >= 0 ? rest.slice(colon + 1) : undefined;
  if (dir === '')
    throw new InputError(`"${value}" names no directory; write oci:DIR or oci:DIR:TAG`);
  if (tag === '')
    throw new InputError(`"${value}" ends with ":" but names no tag; write oci:DIR:TAG`);
  return { dir, tag };
}

export interface WriteLayoutResult {
  /** Descriptor recorded in index.json (with the ref.name annotation). */
  descriptor: Descriptor;
  /** Blobs written now and blobs the layout already held. */
  written: number;
  existing: number;
  bytesWritten: number;
}

/**
 * Writes the image's blobs (streamed, each checked against its size and digest) and records it
 * in index.json under `tag`, replacing an entry of the same tag and keeping the others. Without a
 * tag only the blobs are written (the image is held by digest, and no entry names it yet).
 */
export async function writeLayout(
  dir: string,
  built: BuiltImageOrIndex,
  tag?: string,
): Promise<WriteLayoutResult> {
  if (tag !== undefined && (tag === '' || /[\s]/.test(tag))) {
    throw new InputError(
      `The tag "${tag}" for the OCI layout ${dir} is empty or has spaces; give a tag like "latest"`,
    );
  }
  const blobDir = path.join(dir, 'blobs', 'sha256');
  await fs.mkdir(blobDir, { recursive: true });
  await ensureLayoutFile(dir);

  const blobs = new Map<string, Blob>();
  const addMemory = (descriptor: Descriptor, bytes: Buffer): void => {
    blobs.set(descriptor.digest, memoryBlob(descriptor, bytes));
  };
  const images: BuiltImage[] = isIndex(built) ? built.images : [built];
  for (const image of images) {
    for (const blob of [image.config, ...image.layers]) {
      if (!blobs.has(blob.descriptor.digest)) blobs.set(blob.descriptor.digest, blob);
    }
    addMemory(image.descriptor, image.bytes);
  }
  if (isIndex(built)) addMemory(built.descriptor, built.bytes);

  let written = 0;
  let existing = 0;
  let bytesWritten = 0;
  await forEachLimited([...blobs.values()], PARALLEL_BLOBS, async (blob) => {
    if (await hasBlob(blobDir, blob.descriptor)) {
      existing++;
      return;
    }
    await writeBlob(blobDir, blob);
    written++;
    bytesWritten += blob.descriptor.size;
  });

  const top = built.descriptor;
  const descriptor: Descriptor = {
    mediaType: top.mediaType,
    digest: top.digest,
    size: top.size,
    ...(top.platform ? { platform: top.platform } : {}),
    ...(tag === undefined ? {} : { annotations: { [Annotation.RefName]: tag } }),
  };
  if (tag === undefined) return { descriptor, written, existing, bytesWritten };
  // Read, change and replace index.json under a lock: two runs writing one layout at once would
  // otherwise each drop the other's tag.
  await withIndexLock(dir, async () => {
    const index = await readIndexFile(dir, true);
    index.manifests = index.manifests.filter((d) => d.annotations?.[Annotation.RefName] !== tag);
    index.manifests.push(descriptor);
    await writeAtomically(path.join(dir, INDEX_FILE), canonicalJson(index));
  });
  return { descriptor, written, existing, bytesWritten };
}

const LOCK_FILE = `${INDEX_FILE}.lock`;
/** A lock older than this is left over from a killed writer (an update takes milliseconds). */
const STALE_LOCK_MS = 30_000;
/** How long a writer waits for another one before giving up. */
const LOCK_WAIT_MS = 120_000;

/**
 * Runs `update` holding <dir>/index.json.lock, a file made with O_EXCL (atomic on local file
 * systems and NFSv3+), so that concurrent writers, in this process or others, update index.json
 * one after the other. A lock older than STALE_LOCK_MS is taken over.
 */
async function withIndexLock(dir: string, update: () => Promise<void>): Promise<void> {
  const lock = path.join(dir, LOCK_FILE);
  const owner = `${process.pid} ${randomBytes(8).toString('hex')}\n`;
  const deadline = Date.now() + LOCK_WAIT_MS;
  for (let attempt = 0; ; attempt++) {
    try {
      await fs.writeFile(lock, owner, { flag: 'wx' });
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    const age = await fs.stat(lock).then(
      (st) => Date.now() - st.mtimeMs,
      () => 0,
    );
    if (age > STALE_LOCK_MS) {
      await fs.rm(lock, { force: true });
      continue;
    }
    if (Date.now() > deadline) {
      throw new RunError(
        `Another writer has held ${lock} for over ${LOCK_WAIT_MS / 1000} s; if no other run writes this OCI layout, remove the file and run again`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, Math.min(200, 5 + attempt * 5)));
  }
  try {
    await update();
  } finally {
    // Only our own lock: a writer that took over a stale one must keep its.
    const held = await fs.readFile(lock, 'utf8').catch(() => '');
    if (held === owner) await fs.rm(lock, { force: true });
  }
}

/** A manifest that refers to another (a signature, an SBOM): its bytes, descriptor and blobs. */
export interface LayoutReferrer {
  bytes: Buffer;
  descriptor: Descriptor;
  blobs: Blob[];
}

/**
 * Writes a referrer into the layout untagged: its blobs and manifest, and an index.json entry
 * without `ref.name` (image-layout allows untagged entries; tools find referrers there by their
 * `subject`). An entry of the same digest is not added twice.
 */
export async function writeLayoutReferrer(dir: string, referrer: LayoutReferrer): Promise<void> {
  const blobDir = path.join(dir, 'blobs', 'sha256');
  await fs.mkdir(blobDir, { recursive: true });
  await ensureLayoutFile(dir);
  const manifest = memoryBlob(referrer.descriptor, referrer.bytes);
  for (const blob of [...referrer.blobs, manifest]) {
    if (!(await hasBlob(blobDir, blob.descriptor))) await writeBlob(blobDir, blob);
  }
  await withIndexLock(dir, async () => {
    const index = await readIndexFile(dir, true);
    if (index.manifests.some((d) => d.digest === referrer.descriptor.digest)) return;
    index.manifests.push(referrer.descriptor);
    await writeAtomically(path.join(dir, INDEX_FILE), canonicalJson(index));
  });
}

async function ensureLayoutFile(dir: string): Promise<void> {
  const file = path.join(dir, LAYOUT_FILE);
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch {
    await writeAtomically(file, canonicalJson({ imageLayoutVersion: LAYOUT_VERSION }));
    return;
  }
  const version = parseJson<{ imageLayoutVersion?: unknown }>(text, file).imageLayoutVersion;
  if (version !== LAYOUT_VERSION) {
    throw new InputError(
      `${file} declares image layout version ${String(version)}, not ${LAYOUT_VERSION}; use another output directory`,
    );
  }
}

async function hasBlob(blobDir: string, d: Descriptor): Promise<boolean> {
  try {
    const st = await fs.stat(path.join(blobDir, hexOf(d.digest)));
    // Blobs are only ever renamed into place after their digest was checked.
    return st.isFile() && st.size === d.size;
  } catch {
    return false;
  }
}

async function writeBlob(blobDir: string, blob: Blob): Promise<void> {
  const { digest, size } = blob.descriptor;
  const final = path.join(blobDir, hexOf(digest));
  const temp = path.join(
    blobDir,
    `.${hexOf(digest)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`,
  );
  try {
    const check = new VerifyingStream(blob.descriptor, `blob ${digest}`);
    await pipelineAsync(
      await blob.open(),
      check,
      createWriteStream(temp, { highWaterMark: 1024 * 1024 }),
    );
    await fs.rename(temp, final);
  } catch (err) {
    await fs.rm(temp, { force: true });
    throw new RunError(
      `Writing blob ${digest} (${size} bytes) into the OCI layout ${path.dirname(path.dirname(blobDir))} failed: ${errorMessage(err)}`,
    );
  }
}

/**
 * Reads an image from a layout, as a base: `tag` picks the index.json entry by its ref.name;
 * without a tag the layout must hold exactly one. Layer blobs are read from the layout's files,
 * checked against their digests while streamed. `name` (default "oci:DIR[:TAG]" as given) goes
 * into the base annotation: keep it free of absolute paths for reproducible digests.
 */
export async function readLayoutBase(
  dir: string,
  tag?: string,
  opts: { name?: string; logger?: Logger } = {},
): Promise<BaseImage> {
  const name = opts.name ?? `oci:${dir}${tag === undefined ? '' : `:${tag}`}`;
  try {
    await fs.access(path.join(dir, LAYOUT_FILE));
  } catch {
    throw new InputError(
      `${dir} is not an OCI image layout (it has no ${LAYOUT_FILE} file); give a directory written by slipway, skopeo or umoci`,
    );
  }
  await ensureLayoutFile(dir);
  const index = await readIndexFile(dir, false);
  const tags = index.manifests
    .map((d) => d.annotations?.[Annotation.RefName])
    .filter((t): t is string => !!t);
  let top: Descriptor | undefined;
  if (tag !== undefined) {
    top = index.manifests.find((d) => d.annotations?.[Annotation.RefName] === tag);
    if (!top) {
      throw new InputError(
        `The OCI layout ${dir} has no image tagged "${tag}"; it has ${tags.length ? tags.join(', ') : 'no tags'}`,
      );
    }
  } else if (index.manifests.length === 1) {
    top = index.manifests[0];
  } else {
    throw new InputError(
      `The OCI layout ${dir} holds ${index.manifests.length} images; name one as oci:${dir}:TAG (tags: ${tags.join(', ') || 'none'})`,
    );
  }
  checkDescriptor(top, dir);

  if (INDEX_MEDIA_TYPES.includes(top.mediaType)) {
    const nested = await readJsonBlob<Index>(dir, top, MAX_MANIFEST_BYTES);
    const entries = runnableEntries(nested.manifests ?? []);
    if (entries.length === 0) {
      throw new RunError(
        `The index ${top.digest} in the OCI layout ${dir} lists no image manifest with a platform`,
      );
    }
    const images = await Promise.all(entries.map((d) => readPlatformImage(dir, d, opts.logger)));
    return { name, digest: top.digest, images };
  }
  if (!MANIFEST_MEDIA_TYPES.includes(top.mediaType)) {
    throw new RunError(
      `The OCI layout ${dir} entry ${top.digest} has media type ${top.mediaType}, which is not an image`,
    );
  }
  return { name, digest: top.digest, images: [await readPlatformImage(dir, top, opts.logger)] };
}

async function readPlatformImage(
  dir: string,
  d: Descriptor,
  logger: Logger | undefined,
): Promise<BasePlatformImage> {
  checkDescriptor(d, dir);
  const manifest = await readJsonBlob<Manifest>(dir, d, MAX_MANIFEST_BYTES);
  if (!manifest.config || !Array.isArray(manifest.layers)) {
    throw new RunError(`The manifest ${d.digest} in the OCI layout ${dir} has no config or layers`);
  }
  checkDescriptor(manifest.config, dir);
  const stated = await readJsonBlob<ImageConfig>(dir, manifest.config, MAX_CONFIG_BYTES);
  if (typeof stated.architecture !== 'string' || typeof stated.os !== 'string') {
    throw new RunError(
      `The config ${manifest.config.digest} in the OCI layout ${dir} has no os/architecture`,
    );
  }
  const where = `The image ${d.digest} in the OCI layout ${dir}`;
  const platform: Platform = checkedPlatform(d.platform ?? platformOfConfig(stated), where);
  const config = checkedLabels(stated, where, (line) => logger?.warn(line));
  return {
    platform,
    manifestDescriptor: { mediaType: d.mediaType, digest: d.digest, size: d.size, platform },
    manifest,
    config,
    layers: manifest.layers.map((layer) => {
      checkDescriptor(layer, dir);
      return layoutBlob(dir, layer);
    }),
  };
}

/**
 * The one image of a layout another tool wrote (podman's copy of what it built), as it is: the
 * manifest's own bytes and the layout's blobs, ready to be pushed with the same digest.
 */
export async function readLayoutImage(dir: string): Promise<BuiltImage> {
  const base = await readLayoutBase(dir);
  const [image] = base.images;
  if (base.images.length !== 1 || !image) {
    throw new RunError(
      `The OCI layout ${dir} holds ${base.images.length} platform images where one was built`,
    );
  }
  const descriptor = image.manifestDescriptor;
  const bytes = await fs.readFile(blobPath(dir, descriptor.digest));
  if (sha256(bytes) !== descriptor.digest) {
    throw new RunError(`The manifest ${descriptor.digest} in the OCI layout ${dir} is damaged`);
  }
  return {
    platform: image.platform,
    manifest: image.manifest,
    bytes,
    descriptor,
    config: layoutBlob(dir, image.manifest.config),
    layers: image.layers,
  };
}

/** A blob of a layout: a fresh checked stream of its file on every open(). */
export function layoutBlob(dir: string, descriptor: Descriptor): Blob {
  return {
    descriptor,
    open: async (): Promise<Readable> => {
      const file = blobPath(dir, descriptor.digest);
      const st = await fs.stat(file).catch(() => undefined);
      if (!st)
        throw new RunError(
          `The OCI layout ${dir} lacks blob ${descriptor.digest}; it is incomplete, write it again`,
        );
      const check = new VerifyingStream(
        descriptor,
        `blob ${descriptor.digest} in the OCI layout ${dir}`,
      );
      pipeline(createReadStream(file, { highWaterMark: 1024 * 1024 }), check, () => {
        // errors reach the consumer through `check`
      });
      return check;
    },
  };
}

async function readJsonBlob<T>(dir: string, d: Descriptor, limit: number): Promise<T> {
  if (d.size > limit) {
    throw new RunError(
      `Blob ${d.digest} in the OCI layout ${dir} is ${d.size} bytes, over the ${limit}-byte limit for JSON`,
    );
  }
  const file = blobPath(dir, d.digest);
  let bytes: Buffer;
  try {
    bytes = await fs.readFile(file);
  } catch {
    throw new RunError(
      `The OCI layout ${dir} lacks blob ${d.digest}; it is incomplete, write it again`,
    );
  }
  if (bytes.length !== d.size || sha256(bytes) !== d.digest) {
    throw new RunError(
      `Blob ${d.digest} in the OCI layout ${dir} does not match its digest or size; the layout is corrupt`,
    );
  }
  return parseJson<T>(bytes.toString('utf8'), file);
}

async function readIndexFile(dir: string, createMissing: boolean): Promise<Index> {
  const file = path.join(dir, INDEX_FILE);
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch {
    if (createMissing) return { schemaVersion: 2, mediaType: MediaType.OciIndex, manifests: [] };
    throw new InputError(
      `${dir} is not an OCI image layout (it has no ${INDEX_FILE}); give a directory written by slipway, skopeo or umoci`,
    );
  }
  const index = parseJson<Index>(text, file);
  if (index.schemaVersion !== 2 || !Array.isArray(index.manifests)) {
    throw new InputError(
      `${file} is not an OCI image index (schemaVersion 2 with manifests); fix or remove it`,
    );
  }
  return index;
}

function checkDescriptor(d: Descriptor, dir: string): void {
  if (!d || typeof d.digest !== 'string' || !isDigest(d.digest) || typeof d.size !== 'number') {
    throw new RunError(
      `The OCI layout ${dir} has a descriptor without a sha256 digest and size; the layout is corrupt`,
    );
  }
}

function parseJson<T>(text: string, file: string): T {
  try {
    return JSON.parse(text) as T;
  } catch (err) {
    throw new InputError(`${file} is not valid JSON (${errorMessage(err)}); fix or remove it`);
  }
}

function hexOf(digest: string): string {
  if (!isDigest(digest)) throw new Error(`not a sha256 digest: ${String(digest)}`);
  return digest.slice('sha256:'.length);
}

function blobPath(dir: string, digest: string): string {
  return path.join(dir, 'blobs', 'sha256', hexOf(digest));
}

async function writeAtomically(file: string, bytes: Buffer): Promise<void> {
  const temp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  await fs.writeFile(temp, bytes);
  await fs.rename(temp, file);
}
