/**
 * Pushing to a registry: every blob the target lacks (HEAD, cross-repository mount when the
 * blob's origin is on the same registry, else a streamed monolithic upload), then manifests last:
 * per-platform manifests by digest, then the index (or the single manifest) under each tag.
 */
import { pipeline, Readable as ReadableStream, Transform } from 'node:stream';
import type { Readable, TransformCallback } from 'node:stream';
import { RunError } from '../../core/errors';
import type { Logger, ProgressEvent } from '../../core/log';
import { sha256, shortDigest } from '../digest';
import { isDistributable, isIndex } from '../image';
import type { Blob, BuiltImageOrIndex, BuiltImage, Layer } from '../image';
import type { BlobTee } from '../layer';
import { forEachLimited } from '../limit';
import type { Reference } from '../reference';
import { pullScope, pushScope } from '../transport/auth';
import { header } from '../transport/client';
import type { RegistryClient, Transport } from '../transport/client';
import { RegistryError } from '../transport/errors';
import type { Operation } from '../transport/errors';
import { withRetry } from '../transport/retry';
import type { Descriptor, Digest } from '../types';

/** What a push sent and what it found already there. */
export interface PushStats {
  bytesUploaded: number;
  bytesSkipped: number;
  blobsUploaded: number;
  blobsMounted: number;
  blobsExisting: number;
}

/**
 * An upload that overlaps the build: it takes the layer's bytes as they are made (BlobTee), may
 * send other blobs early, and is finished once the image is put together or aborted on failure.
 */
export interface LayerStream extends BlobTee {
  pushEarly(blobs: readonly Blob[]): void;
  finish(layer: Layer, built: BuiltImageOrIndex): Promise<void>;
  abort(): void;
}

export interface PushOptions {
  transport: Transport;
  logger?: Logger;
  /** Blobs transferred at once; default 3. */
  concurrency?: number;
}

export interface PushResult {
  /** Digest of the index or single manifest. */
  digest: Digest;
  descriptor: Descriptor;
  /** "registry/repo:tag" per pushed tag (or "registry/repo@digest" when there are no tags). */
  references: string[];
  stats: PushStats;
}

export type BlobOutcome = 'existing' | 'mounted' | 'uploaded';

const DEFAULT_CONCURRENCY = 3;

/** Every blob of the image (or index) once, preferring a copy that can be mounted on the target. */
export function distinctBlobs(built: BuiltImageOrIndex, target: Reference): Blob[] {
  const images: BuiltImage[] = isIndex(built) ? built.images : [built];
  const byDigest = new Map<Digest, Blob>();
  for (const image of images) {
    for (const blob of [image.config, ...image.layers]) {
      if (!isDistributable(blob.descriptor)) continue;
      const seen = byDigest.get(blob.descriptor.digest);
      const mountable = blob.origin?.registry === target.registry;
      if (!seen || (mountable && seen.origin?.registry !== target.registry)) {
        byDigest.set(blob.descriptor.digest, blob);
      }
    }
  }
  return [...byDigest.values()];
}

/** The token scopes of a push: pull,push on the target and pull on every mount source. */
export function pushScopes(target: Reference, blobs: readonly Blob[]): string[] {
  const scopes = new Set([pushScope(target.repository)]);
  for (const blob of blobs) {
    const origin = blob.origin;
    if (origin && origin.registry === target.registry && origin.repository !== target.repository) {
      scopes.add(pullScope(origin.repository));
    }
  }
  return [...scopes];
}

export async function pushImage(
  target: Reference,
  built: BuiltImageOrIndex,
  tags: readonly string[],
  opts: PushOptions,
): Promise<PushResult> {
  const blobs = distinctBlobs(built, target);
  const scopes = pushScopes(target, blobs);
  const stats: PushStats = {
    bytesUploaded: 0,
    bytesSkipped: 0,
    blobsUploaded: 0,
    blobsMounted: 0,
    blobsExisting: 0,
  };
  const ctx: BlobContext = { transport: opts.transport, target, scopes, logger: opts.logger };
  await forEachLimited(blobs, opts.concurrency ?? DEFAULT_CONCURRENCY, async (blob) => {
    const outcome = await pushBlob(ctx, blob);
    const size = blob.descriptor.size;
    if (outcome === 'uploaded') {
      stats.blobsUploaded++;
      stats.bytesUploaded += size;
    } else {
      if (outcome === 'mounted') stats.blobsMounted++;
      else stats.blobsExisting++;
      stats.bytesSkipped += size;
    }
  });

  const client = opts.transport.client(target.registry);
  if (isIndex(built)) {
    for (const image of built.images) {
      await putManifest(
        client,
        target,
        image.descriptor.digest,
        image.bytes,
        image.descriptor,
        scopes,
      );
    }
  }
  const references: string[] = [];
  if (tags.length === 0) {
    const d = built.descriptor;
    await putManifest(client, target, d.digest, built.bytes, d, scopes);
    references.push(target.repositoryOnly().withDigest(d.digest).toString());
  }
  for (const tag of tags) {
    await putManifest(client, target, tag, built.bytes, built.descriptor, scopes);
    references.push(target.withTag(tag).toString());
  }
  // What is stored now is what the next run of this build reads by digest (an earlier image).
  for (const m of isIndex(built) ? [built, ...built.images] : [built]) {
    opts.transport.options.documents?.put(m.descriptor.digest, m.bytes);
  }
  return { digest: built.descriptor.digest, descriptor: built.descriptor, references, stats };
}

/**
 * Points `tags` at an image that is already stored by digest (pushImage with no tags): only
 * the top manifest is put again, under each tag. The last step of a push whose checks (a spec
 * run, signatures) must pass before any tag names the image.
 */
export async function tagImage(
  target: Reference,
  built: BuiltImageOrIndex,
  tags: readonly string[],
  opts: PushOptions,
): Promise<string[]> {
  const client = opts.transport.client(target.registry);
  const scopes = [pushScope(target.repository)];
  const references: string[] = [];
  for (const tag of tags) {
    await putManifest(client, target, tag, built.bytes, built.descriptor, scopes);
    references.push(target.withTag(tag).toString());
  }
  return references;
}

export interface BlobContext {
  transport: Transport;
  /** Target repository (tag and digest ignored). */
  target: Reference;
  /** Scopes of the push token (see pushScopes); one token serves every request. */
  scopes: readonly string[];
  logger?: Logger;
  /**
   * Set once the registry refused a monolithic PUT: later blobs of the same push then go straight
   * to the PATCH-then-PUT upload that `docker push` uses.
   */
  patchUploads?: boolean;
  /** The registry's `OCI-Chunk-Min-Length`, once an upload session advertised it. */
  chunkMinLength?: number;
}

/**
 * PATCH uploads send the blob in chunks of this size (or the registry's advertised minimum when
 * larger); the last chunk may be shorter. One chunk per request keeps a registry that bounds a
 * request's size (or that reads a chunk whole before answering) working.
 */
export const PATCH_CHUNK_BYTES = 16 * 1024 * 1024;

/** Answers to a monolithic PUT that mean "not supported here" rather than "bad data". */
const MONOLITHIC_REFUSED = new Set([405, 415, 501]);

/** Makes one blob present in the target repository, transferring bytes only when needed. */
export async function pushBlob(ctx: BlobContext, blob: Blob): Promise<BlobOutcome> {
  const { target, scopes } = ctx;
  const d = blob.descriptor;
  const client = ctx.transport.client(target.registry);
  const id = shortDigest(d.digest);
  const op = (what: string): Operation => ({
    access: 'push',
    repository: target.name(),
    what: `${what} blob ${d.digest}`,
  });
  const done = blob.pushedTo;
  if (done?.registry === target.registry && done.repository === target.repository) {
    return done.outcome; // pushed while the layer was built (stream-upload.ts)
  }

  if ((await blobPresent(client, ctx, d, op, { before: true })) === true) {
    ctx.logger?.progress({ id, action: 'exists', bytes: d.size, total: d.size });
    return 'existing';
  }

  let location: string | undefined;
  const origin = blob.origin;
  if (origin && origin.registry === target.registry && origin.repository !== target.repository) {
    const query = new URLSearchParams({ mount: d.digest, from: origin.repository });
    try {
      const res = await client.request({
        method: 'POST',
        url: `/v2/${target.repository}/blobs/uploads/?${query.toString()}`,
        scopes,
        op: op('mounting'),
        headers: { 'content-length': '0' },
        expect: [201, 202],
      });
      await res.body.dump();
      if (res.status === 201) {
        ctx.logger?.progress({ id, action: 'mount', bytes: d.size, total: d.size });
        return 'mounted';
      }
      // 202: the registry could not mount and opened an upload session instead; use it.
      location = uploadLocation(res.url, header(res.headers, 'location'), target);
    } catch (err) {
      // Some registries refuse a mount outright (no read access to the source repository):
      // copying the bytes still works, and a real permission problem shows on the upload itself.
      if (!(err instanceof RegistryError) || ![401, 403, 404].includes(err.status ?? 0)) throw err;
      ctx.logger?.debug(`mount of ${id} from ${origin.repository} refused: ${err.message}`);
    }
  }

  const action: ProgressEvent['action'] = origin ? 'copy' : 'upload';
  const retry = { ...ctx.transport.retryOptions(), logger: ctx.logger };
  await withRetry(`uploading blob ${id} to ${target.name()}`, retry, async (attempt) => {
    if (attempt > 0) {
      // A broken upload restarts from byte 0 in a fresh session; the old one is dropped.
      if (location !== undefined) await cancelUpload(client, ctx, location);
      location = undefined;
      // The failed attempt may have stored the blob and lost only the answer.
      if ((await blobPresent(client, ctx, d, op)) === true) return;
    }
    location ??= await startUpload(client, ctx, op, { attempt });
    if (!ctx.patchUploads) {
      try {
        await putBlob(client, ctx, blob, location, op, action, true, attempt);
        return;
      } catch (err) {
        if (!(err instanceof RegistryError) || !MONOLITHIC_REFUSED.has(err.status ?? 0)) throw err;
        ctx.logger?.debug(
          `${target.registry} refused a monolithic upload (HTTP ${err.status}); using PATCH then PUT`,
        );
        ctx.patchUploads = true;
        location = await startUpload(client, ctx, op, { attempt });
      }
    }
    const next = await patchBlob(client, ctx, blob, location, op, action, attempt);
    await putBlob(client, ctx, blob, next, op, action, false, attempt);
  });
  return 'uploaded';
}

/**
 * Whether the target holds the blob. After an upload (the default) the size must match too, and a
 * failed HEAD gives undefined: the caller then uploads, and the upload's own retries handle the
 * registry's state. Before a push (`before`) the HEAD is retried as any request, a failure is the
 * push's, and a 200 is taken at its word as docker does (a registry lying here fails the
 * manifest PUT, which names the blob).
 */
export async function blobPresent(
  client: RegistryClient,
  ctx: BlobContext,
  d: Descriptor,
  op: (what: string) => Operation,
  opts: { before?: boolean } = {},
): Promise<boolean | undefined> {
  try {
    const res = await client.request({
      method: 'HEAD',
      url: `/v2/${ctx.target.repository}/blobs/${d.digest}`,
      scopes: ctx.scopes,
      op: op('checking'),
      expect: [200, 404],
      // Some registries answer a blob HEAD with a redirect to their storage.
      followRedirects: true,
      retry: opts.before === true,
    });
    await res.body.dump();
    if (res.status === 404) return false;
    const length = header(res.headers, 'content-length');
    return opts.before || length === undefined || Number(length) === d.size;
  } catch (err) {
    if (opts.before) throw err;
    ctx.logger?.debug(`checking ${shortDigest(d.digest)} after a failed upload: ${String(err)}`);
    return undefined;
  }
}

/** A registry that does not answer a cancel within this is not waited for. */
const CANCEL_TIMEOUT_MS = 10_000;

/** Best effort: tells the registry to drop an upload session that broke (or is not needed). */
export async function cancelUpload(
  client: RegistryClient,
  ctx: BlobContext,
  location: string,
  timeoutMs = CANCEL_TIMEOUT_MS,
): Promise<void> {
  try {
    const res = await client.request({
      method: 'DELETE',
      url: location,
      scopes: ctx.scopes,
      op: { access: 'push', repository: ctx.target.name(), what: 'cancelling an upload' },
      expect: [200, 202, 204, 404],
      retry: false,
      timeoutMs: Math.min(timeoutMs, ctx.transport.options.requestTimeoutMs ?? timeoutMs),
    });
    await res.body.dump();
  } catch {
    // the registry purges abandoned sessions itself; nothing depends on this
  }
}

/**
 * Opens an upload session; returns its absolute URL. `retry` repeats the POST itself, for callers
 * that do not retry the whole upload around it.
 */
export async function startUpload(
  client: RegistryClient,
  ctx: BlobContext,
  op: (what: string) => Operation,
  opts: { retry?: boolean; attempt?: number } = {},
): Promise<string> {
  const res = await client.request({
    method: 'POST',
    url: `/v2/${ctx.target.repository}/blobs/uploads/`,
    scopes: ctx.scopes,
    op: op('starting the upload of'),
    headers: { 'content-length': '0' },
    expect: [202],
    retry: opts.retry ?? false, // by default the caller's retry loop repeats the whole upload
    attempt: opts.attempt,
  });
  await res.body.dump();
  const min = Number(header(res.headers, 'oci-chunk-min-length'));
  if (Number.isSafeInteger(min) && min > 0) ctx.chunkMinLength = min;
  return uploadLocation(res.url, header(res.headers, 'location'), ctx.target);
}

/** The absolute URL of an upload session from a Location header (often relative). */
export function uploadLocation(
  requestUrl: string,
  location: string | undefined,
  target: Reference,
): string {
  if (!location) {
    throw new RegistryError(
      `${target.registry} started an upload to ${target.name()} without a Location header; the registry is not OCI-compliant.`,
    );
  }
  return new URL(location, requestUrl).toString();
}

/** PUT ?digest=: with the whole blob, or (withBody false) completing a PATCHed session. */
export async function putBlob(
  client: RegistryClient,
  ctx: BlobContext,
  blob: Blob,
  location: string,
  op: (what: string) => Operation,
  action: ProgressEvent['action'],
  withBody: boolean,
  attempt = 0,
): Promise<void> {
  const d = blob.descriptor;
  const url = new URL(location);
  url.searchParams.set('digest', d.digest);
  const res = await client.request({
    method: 'PUT',
    url: url.toString(),
    scopes: ctx.scopes,
    op: op(withBody ? 'uploading' : 'completing the upload of'),
    headers: {
      'content-type': 'application/octet-stream',
      'content-length': withBody ? String(d.size) : '0',
    },
    body: withBody ? blobBody(ctx, blob, action) : undefined,
    expect: [201, 204],
    // The surrounding withRetry restarts the whole upload; a PUT alone cannot be repeated.
    retry: false,
    // The registry hashes and stores the whole blob before it answers.
    commitBytes: d.size,
    attempt,
  });
  await res.body.dump();
  const stored = header(res.headers, 'docker-content-digest');
  if (stored !== undefined && stored !== d.digest) {
    throw new RunError(
      `${ctx.target.registry} stored blob ${d.digest} of ${ctx.target.name()} as ${stored}; the registry altered the bytes.`,
    );
  }
  // The registry checked ?digest= and said so in Docker-Content-Digest; without that answer,
  // ask whether it really holds the blob before a manifest refers to it.
  if (stored === undefined && (await blobPresent(client, ctx, d, op)) === false) {
    throw new RegistryError(
      `${ctx.target.registry} accepted blob ${d.digest} of ${ctx.target.name()} but does not hold it; run again.`,
      { retryable: true },
    );
  }
}

/**
 * PATCHes the blob in chunks of at least the registry's advertised minimum (OCI-Chunk-Min-Length),
 * each with its Content-Range and Content-Length; returns where to PUT the digest. The offset is
 * the bytes sent: a registry whose Range does not advance past its first chunk (Amazon ECR) or
 * that answers 201 instead of 202 still gets the next chunk at the right place, and the final
 * PUT ?digest= proves what it holds.
 */
async function patchBlob(
  client: RegistryClient,
  ctx: BlobContext,
  blob: Blob,
  location: string,
  op: (what: string) => Operation,
  action: ProgressEvent['action'],
  attempt: number,
): Promise<string> {
  const size = blob.descriptor.size;
  const chunk = Math.max(ctx.chunkMinLength ?? 0, PATCH_CHUNK_BYTES);
  const source = (await blobBody(ctx, blob, action)())[Symbol.asyncIterator]() as AsyncIterator<
    Buffer,
    undefined
  >;
  const pending: { rest?: Buffer } = {};
  let next = location;
  let offset = 0;
  try {
    do {
      const length = Math.min(chunk, size - offset);
      let opened = false;
      const res = await client.request({
        method: 'PATCH',
        url: next,
        scopes: ctx.scopes,
        op: op('uploading'),
        headers: {
          'content-type': 'application/octet-stream',
          'content-length': String(length),
          ...(length > 0 ? { 'content-range': `${offset}-${offset + length - 1}` } : {}),
        },
        body: () => {
          // One source for all chunks: a chunk cannot be sent twice (e.g. again after a 401).
          if (opened) return Promise.reject(new RegistryError('the chunk was already sent'));
          opened = true;
          return Promise.resolve(ReadableStream.from(take(source, pending, length)));
        },
        expect: [202, 201, 204],
        retry: false,
        commitBytes: length,
        attempt,
      });
      await res.body.dump();
      offset += length;
      const range = /^(?:bytes=)?\d+-(\d+)$/.exec(header(res.headers, 'range')?.trim() ?? '');
      if (range && Number(range[1]) + 1 !== offset) {
        ctx.logger?.debug(
          `${ctx.target.registry} reports Range ${range[0]} after ${offset} bytes; tracking the offset by bytes sent`,
        );
      }
      next = uploadLocation(res.url, header(res.headers, 'location') ?? next, ctx.target);
    } while (offset < size);
  } finally {
    await source.return?.();
  }
  return next;
}

/** The next `length` bytes of `source`, keeping what goes past them for the next chunk. */
async function* take(
  source: AsyncIterator<Buffer, undefined>,
  pending: { rest?: Buffer },
  length: number,
): AsyncGenerator<Buffer> {
  let left = length;
  while (left > 0) {
    let buf = pending.rest;
    pending.rest = undefined;
    if (buf === undefined) {
      const step = await source.next();
      if (step.done) return; // a short source: the ByteCounter has failed the request already
      buf = step.value;
    }
    if (buf.length > left) {
      pending.rest = buf.subarray(left);
      buf = buf.subarray(0, left);
    }
    left -= buf.length;
    yield buf;
  }
}

/** A fresh stream of the blob per attempt, counted for progress and checked for size. */
function blobBody(
  ctx: BlobContext,
  blob: Blob,
  action: ProgressEvent['action'],
): () => Promise<Readable> {
  const d = blob.descriptor;
  const id = shortDigest(d.digest);
  return async () => {
    const source = await blob.open();
    const counter = new ByteCounter(d, (bytes) =>
      ctx.logger?.progress({ id, action, bytes, total: d.size }),
    );
    pipeline(source, counter, () => {
      // an error here already failed `counter`, which fails the request
    });
    return counter;
  };
}

/**
 * Counts bytes on their way to the registry for progress, and fails when the blob is not exactly
 * its descriptor's size (the registry then never sees a short body as a complete one). Digests
 * are checked by the source (remote blobs verify themselves) and by the registry (?digest=).
 */
class ByteCounter extends Transform {
  private seen = 0;
  private lastReported = -1;
  private readonly step: number;

  constructor(
    private readonly descriptor: Descriptor,
    private readonly report: (bytes: number) => void,
  ) {
    super();
    this.step = Math.max(1024 * 1024, Math.floor(descriptor.size / 20));
    this.reportProgress(0);
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.seen += chunk.length;
    if (this.seen > this.descriptor.size) {
      callback(
        new RunError(
          `Blob ${this.descriptor.digest} has more than the ${this.descriptor.size} bytes its descriptor states; the build produced inconsistent data.`,
        ),
      );
      return;
    }
    if (this.seen - this.lastReported >= this.step || this.seen === this.descriptor.size) {
      this.reportProgress(this.seen);
    }
    callback(null, chunk);
  }

  override _flush(callback: TransformCallback): void {
    if (this.seen !== this.descriptor.size) {
      callback(
        new RunError(
          `Blob ${this.descriptor.digest} ended after ${this.seen} of ${this.descriptor.size} bytes; the build produced inconsistent data.`,
        ),
      );
      return;
    }
    callback();
  }

  private reportProgress(bytes: number): void {
    this.lastReported = bytes;
    this.report(bytes);
  }
}

/**
 * What a registry answers to a manifest PUT when it cannot yet see a blob that was confirmed a
 * moment ago. Every blob is HEADed or uploaded before its manifest, so these mean "not yet":
 * eventually consistent storage, or distribution's filesystem driver, which rewrites a
 * repository's blob link in place (truncate, then write) when concurrent pushes link the same
 * blob, and reads an empty link as an invalid digest meanwhile.
 */
const BLOB_LINK_LAG_CODES = ['MANIFEST_BLOB_UNKNOWN', 'BLOB_UNKNOWN', 'DIGEST_INVALID'] as const;

async function putManifest(
  client: RegistryClient,
  target: Reference,
  reference: string,
  bytes: Buffer,
  descriptor: Descriptor,
  scopes: readonly string[],
): Promise<void> {
  const computed = sha256(bytes);
  if (computed !== descriptor.digest) {
    throw new RunError(
      `Internal error: manifest bytes hash to ${computed} but their descriptor says ${descriptor.digest}.`,
    );
  }
  const res = await client.request({
    method: 'PUT',
    url: `/v2/${target.repository}/manifests/${reference}`,
    scopes,
    op: {
      access: 'push',
      repository: target.name(),
      what: `manifest ${reference}`,
      transientCodes: BLOB_LINK_LAG_CODES,
    },
    headers: { 'content-type': descriptor.mediaType },
    body: bytes,
    expect: [201, 200, 204],
  });
  await res.body.dump();
  let stored = header(res.headers, 'docker-content-digest');
  if (stored === undefined) {
    // No digest in the answer: the manifest must at least be there under its own digest.
    const check = await client.request({
      method: 'HEAD',
      url: `/v2/${target.repository}/manifests/${descriptor.digest}`,
      scopes,
      op: { access: 'push', repository: target.name(), what: `manifest ${descriptor.digest}` },
      headers: { accept: descriptor.mediaType },
      expect: [200, 404],
    });
    await check.body.dump();
    if (check.status === 404) {
      throw new RunError(
        `${target.registry} accepted manifest ${reference} of ${target.name()} but holds no manifest ${descriptor.digest}; the registry did not store what was sent.`,
      );
    }
    stored = descriptor.digest;
  }
  if (stored !== descriptor.digest) {
    throw new RunError(
      `${target.registry} stored manifest ${reference} of ${target.name()} as ${stored} instead of ${descriptor.digest}; the registry rewrote it (it may not support ${descriptor.mediaType}).`,
    );
  }
}
