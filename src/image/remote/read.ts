/**
 * Reading from a registry: manifests and indexes (verified against their digest), blobs as
 * verified streams, and whole base images resolved to the platforms a build needs.
 */
import { pipeline } from 'node:stream';
import type { Readable } from 'node:stream';
import { InputError, RunError } from '../../core/errors';
import { isDigest, sha256 } from '../digest';
import type { BaseImage, BasePlatformImage, Blob, BlobOrigin } from '../image';
import { checkedLabels } from '../labels';
import {
  bestMatch,
  checkedPlatform,
  formatPlatform,
  platformOfConfig,
  runnableEntries,
} from '../platform';
import type { Reference } from '../reference';
import { SCRATCH } from '../reference';
import { pullScope, pushScope } from '../transport/auth';
import { header, readBytes } from '../transport/client';
import type { Transport } from '../transport/client';
import { errorForNetwork, RegistryError } from '../transport/errors';
import type { Operation } from '../transport/errors';
import { withRetry } from '../transport/retry';
import {
  INDEX_MEDIA_TYPES,
  MANIFEST_MEDIA_TYPES,
  MediaType,
  type Descriptor,
  type ImageConfig,
  type Index,
  type Manifest,
  type Platform,
} from '../types';
import { VerifyingStream } from './verify';

/** Registries cap manifests at 4 MiB; anything larger is not a manifest Slipway should parse. */
export const MAX_MANIFEST_BYTES = 4 * 1024 * 1024;
/** Image configs hold history and env; 16 MiB is far beyond any real one. */
export const MAX_CONFIG_BYTES = 16 * 1024 * 1024;

export const MANIFEST_ACCEPT = [...MANIFEST_MEDIA_TYPES, ...INDEX_MEDIA_TYPES].join(', ');

const SCHEMA1 = /^application\/vnd\.docker\.distribution\.manifest\.v1\+(prettyjws|json)$/;

export interface FetchedManifest {
  /** mediaType, digest and size of exactly `bytes`. */
  descriptor: Descriptor;
  bytes: Buffer;
  manifest: Manifest | Index;
}

export function isIndexDocument(m: Manifest | Index): m is Index {
  return 'manifests' in m;
}

export interface ReadOptions {
  /** Ask for a pull,push token (when the same run pushes to this repository: one token). */
  push?: boolean;
  /**
   * A manifest read by digest may come from the transport's kept documents: for its content
   * only (a base's platform manifest, an earlier image), never to learn that the registry has it.
   */
  kept?: boolean;
}

function scopesFor(ref: Reference, opts: ReadOptions = {}): string[] {
  return [opts.push ? pushScope(ref.repository) : pullScope(ref.repository)];
}

function manifestOp(ref: Reference): Operation {
  return { access: 'pull', repository: ref.name(), what: `manifest ${ref.identifier()}` };
}

/**
 * Fetches the manifest or index `ref` names; checks its digest when `ref` is pinned. The request
 * and the reading of its body are repeated together: a connection that breaks mid-body is as
 * transient as a 503.
 */
export async function fetchManifest(
  transport: Transport,
  ref: Reference,
  opts: ReadOptions = {},
): Promise<FetchedManifest> {
  const pinned = ref.digest;
  const kept = opts.kept && pinned ? transport.options.documents : undefined;
  const known = pinned && kept?.get(pinned);
  if (pinned && known) {
    const manifest = parseManifest(known, ref);
    const descriptor = {
      mediaType: mediaTypeOf(manifest, undefined),
      digest: pinned,
      size: known.length,
    };
    return { descriptor, bytes: known, manifest };
  }
  const op = manifestOp(ref);
  const { res, bytes } = await withRetry(op.what, transport.retryOptions(), async () => {
    const res = await transport.client(ref.registry).request({
      method: 'GET',
      url: `/v2/${ref.repository}/manifests/${ref.identifier()}`,
      scopes: scopesFor(ref, opts),
      op,
      headers: { accept: MANIFEST_ACCEPT },
      expect: [200],
      retry: false,
    });
    const length = Number(header(res.headers, 'content-length') ?? '0');
    if (length > MAX_MANIFEST_BYTES) {
      res.body.destroy();
      throw tooLarge(ref, length);
    }
    try {
      return {
        res,
        bytes: await readBody(res, MAX_MANIFEST_BYTES, `manifest of ${ref.toString()}`, op),
      };
    } catch (err) {
      if (err instanceof RegistryError && !err.retryable && /larger than/.test(err.message)) {
        throw tooLarge(ref);
      }
      throw err;
    }
  });
  const digest = sha256(bytes);
  if (ref.digest !== undefined && digest !== ref.digest) {
    throw new RunError(
      `The registry returned a manifest for ${ref.toString()} whose digest is ${digest}; the registry or a proxy in between altered it.`,
    );
  }
  const contentType = header(res.headers, 'content-type');
  const manifest = parseManifest(bytes, ref, contentType);
  const mediaType = mediaTypeOf(manifest, contentType);
  // Kept only when the document alone tells its media type, as it does without the header.
  if (kept && mediaTypeOf(manifest, undefined) === mediaType) kept.put(digest, bytes);
  return { descriptor: { mediaType, digest, size: bytes.length }, bytes, manifest };
}

/** A response body read whole; a connection breaking mid-body becomes a retryable error. */
async function readBody(
  res: { body: Readable; url: string },
  limit: number,
  what: string,
  op: Operation,
): Promise<Buffer> {
  try {
    return await readBytes(res.body, limit, what);
  } catch (err) {
    if (err instanceof RegistryError || err instanceof RunError) throw err;
    throw errorForNetwork(op, err, res.url);
  }
}

function tooLarge(ref: Reference, size?: number): RunError {
  return new RunError(
    `The manifest of ${ref.toString()} is ${size === undefined ? 'over' : `${size} bytes,`} larger than the ${MAX_MANIFEST_BYTES}-byte limit; it is not an image manifest Slipway can use.`,
  );
}

function stripParams(contentType: string | undefined): string | undefined {
  return contentType?.split(';')[0]?.trim().toLowerCase() || undefined;
}

function mediaTypeOf(m: Manifest | Index, contentType: string | undefined): string {
  const type = stripParams(contentType);
  if (type && (MANIFEST_MEDIA_TYPES.includes(type) || INDEX_MEDIA_TYPES.includes(type))) {
    return type;
  }
  if (m.mediaType) return m.mediaType;
  return isIndexDocument(m) ? MediaType.OciIndex : MediaType.OciManifest;
}

/** Parses and checks the shape of a manifest or index; the errors name the reference. */
export function parseManifest(
  bytes: Buffer,
  ref: Reference,
  contentType?: string,
): Manifest | Index {
  const type = stripParams(contentType);
  const bad = (why: string): never => {
    throw new RunError(`The manifest of ${ref.toString()} ${why}.`);
  };
  if (type && SCHEMA1.test(type)) {
    bad('uses Docker schema 1, which Slipway does not read; use a newer tag of the image');
  }
  let doc: unknown;
  try {
    doc = JSON.parse(bytes.toString('utf8'));
  } catch (err) {
    bad(`is not valid JSON (${err instanceof Error ? err.message : String(err)})`);
  }
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) bad('is not a JSON object');
  const m = doc as Record<string, unknown>;
  if (m.schemaVersion === 1) {
    bad('uses Docker schema 1, which Slipway does not read; use a newer tag of the image');
  }
  if (m.schemaVersion !== 2) bad(`has schemaVersion ${JSON.stringify(m.schemaVersion)}, not 2`);
  if (Array.isArray(m.manifests)) {
    m.manifests.forEach((d, i) => checkDescriptor(d, `manifests[${i}]`, bad));
    return m as unknown as Index;
  }
  checkDescriptor(m.config, 'config', bad);
  if (!Array.isArray(m.layers)) bad('has no "layers" array');
  (m.layers as unknown[]).forEach((d, i) => checkDescriptor(d, `layers[${i}]`, bad));
  return m as unknown as Manifest;
}

function checkDescriptor(d: unknown, where: string, bad: (why: string) => never): void {
  if (typeof d !== 'object' || d === null) bad(`has no valid ${where} descriptor`);
  const { mediaType, digest, size } = d as Record<string, unknown>;
  if (typeof mediaType !== 'string') bad(`has no mediaType in ${where}`);
  if (typeof digest !== 'string' || !isDigest(digest)) {
    bad(`has ${where}.digest ${JSON.stringify(digest)}; only sha256 digests are supported`);
  }
  if (typeof size !== 'number' || !Number.isSafeInteger(size) || size < 0) {
    bad(`has an invalid ${where}.size ${JSON.stringify(size)}`);
  }
}

/**
 * The descriptor `ref` points at now, without downloading it; undefined when there is no such
 * tag or digest (for if-exists and "already pushed" checks).
 */
export async function headManifest(
  transport: Transport,
  ref: Reference,
  opts: ReadOptions = {},
): Promise<Descriptor | undefined> {
  const res = await transport.client(ref.registry).request({
    method: 'HEAD',
    url: `/v2/${ref.repository}/manifests/${ref.identifier()}`,
    scopes: scopesFor(ref, opts),
    op: manifestOp(ref),
    headers: { accept: MANIFEST_ACCEPT },
    expect: [200, 404],
  });
  await res.body.dump();
  if (res.status === 404) return undefined;
  const digest = header(res.headers, 'docker-content-digest');
  const size = Number(header(res.headers, 'content-length'));
  const mediaType = stripParams(header(res.headers, 'content-type'));
  if (digest && isDigest(digest) && Number.isSafeInteger(size) && size > 0 && mediaType) {
    return { mediaType, digest, size };
  }
  // Some registries omit Docker-Content-Digest on HEAD: fall back to reading the manifest.
  return (await fetchManifest(transport, ref, opts)).descriptor;
}

/** Opens a stream of the blob's bytes that fails unless they match the descriptor. */
export async function fetchBlob(
  transport: Transport,
  repository: Reference,
  descriptor: Descriptor,
  opts: ReadOptions & { onBytes?: (total: number) => void; retry?: boolean } = {},
): Promise<Readable> {
  const what = `blob ${descriptor.digest}`;
  const res = await transport.client(repository.registry).request({
    method: 'GET',
    url: `/v2/${repository.repository}/blobs/${descriptor.digest}`,
    scopes: scopesFor(repository, opts),
    op: { access: 'pull', repository: repository.name(), what },
    expect: [200],
    followRedirects: true,
    retry: opts.retry,
  });
  const verifier = new VerifyingStream(descriptor, `${what} of ${repository.name()}`, opts.onBytes);
  pipeline(res.body, verifier, () => {
    // errors reach the consumer through `verifier`; nothing else to do here
  });
  return verifier;
}

/** Reads a small JSON blob (a config) whole, checking its digest; repeated when the read breaks. */
export async function fetchJsonBlob<T>(
  transport: Transport,
  repository: Reference,
  descriptor: Descriptor,
  limit = MAX_CONFIG_BYTES,
): Promise<{ bytes: Buffer; value: T }> {
  if (descriptor.size > limit) {
    throw new RunError(
      `Blob ${descriptor.digest} of ${repository.name()} is ${descriptor.size} bytes, over the ${limit}-byte limit for a config.`,
    );
  }
  const what = `blob ${descriptor.digest}`;
  const op: Operation = { access: 'pull', repository: repository.name(), what };
  // A config is read for its content only: a kept copy is as good as the registry's.
  const { documents } = transport.options;
  let bytes = documents?.get(descriptor.digest);
  if (bytes?.length !== descriptor.size) {
    bytes = await withRetry(what, transport.retryOptions(), async () => {
      const stream = await fetchBlob(transport, repository, descriptor, { retry: false });
      const url = `${await transport.client(repository.registry).baseUrl()}/v2/${repository.repository}/blobs/${descriptor.digest}`;
      return readBody({ body: stream, url }, limit, what, op);
    });
    documents?.put(descriptor.digest, bytes);
  }
  try {
    return { bytes, value: JSON.parse(bytes.toString('utf8')) as T };
  } catch (err) {
    throw new RunError(
      `Blob ${descriptor.digest} of ${repository.name()} is not valid JSON (${err instanceof Error ? err.message : String(err)}).`,
    );
  }
}

/** A layer of a remote image: streamed from its registry on demand, mountable from there. */
export function remoteBlob(transport: Transport, repository: Reference, d: Descriptor): Blob {
  const origin: BlobOrigin = { registry: repository.registry, repository: repository.repository };
  return { descriptor: d, origin, open: () => fetchBlob(transport, repository, d) };
}

export interface ResolveOptions {
  /** Platforms to keep; undefined or empty keeps every platform of the base. */
  platforms?: readonly Platform[];
  /**
   * Where the caller got the reference, for messages: 'input "image"',
   * "connectorBuildOptions.baseImage in metadata.yaml". Given by the caller; the engine does not
   * know inputs or connectors.
   */
  origin?: string;
}

/** A base image as read, with what a rebase needs to know of its top document. */
export interface ResolvedImage extends BaseImage {
  digest: string;
  /** The tag's (or digest's) own document: the index, or the single manifest. */
  descriptor: Descriptor;
  isIndex: boolean;
}

/**
 * Reads a base image: its index (or single manifest), the manifests and configs of the platforms
 * asked for, and its layers as lazily streamed blobs. Attestation entries (unknown/unknown) are
 * skipped. "scratch" gives a base with no images.
 */
export async function resolveBase(
  transport: Transport,
  ref: Reference | typeof SCRATCH,
  opts: ResolveOptions = {},
): Promise<BaseImage> {
  if (ref === SCRATCH) return { name: SCRATCH, images: [] };
  const { name, digest, images } = await resolveImage(transport, ref, opts);
  return { name, digest, images };
}

/** resolveBase for a real image, also saying what the reference itself names. */
export async function resolveImage(
  transport: Transport,
  ref: Reference,
  opts: ResolveOptions = {},
): Promise<ResolvedImage> {
  const top = await fetchManifest(transport, ref);
  const requested = opts.platforms ?? [];
  const from = opts.origin ? ` (from ${opts.origin})` : '';
  const resolved = (isIndex: boolean, images: BasePlatformImage[]): ResolvedImage => ({
    name: ref.toString(),
    digest: top.descriptor.digest,
    descriptor: top.descriptor,
    isIndex,
    images,
  });

  if (!isIndexDocument(top.manifest)) {
    const image = await platformImage(transport, ref, top.descriptor, top.manifest, undefined);
    for (const want of requested) {
      if (!bestMatch(want, [image.platform], (p) => p)) {
        throw new InputError(
          `input "platforms": the base image ${ref.toString()}${from} is single-platform ${formatPlatform(image.platform)} and has no ${formatPlatform(want)}; drop it from platforms or use a multi-platform base.`,
        );
      }
    }
    return resolved(false, [image]);
  }

  const entries = runnableEntries(top.manifest.manifests);
  if (entries.length === 0) {
    throw new RunError(
      `The index ${ref.toString()} lists no image manifests with a platform; it is not a runnable image${from}.`,
    );
  }
  let selected = entries;
  if (requested.length > 0) {
    const chosen = new Set<Descriptor>();
    for (const want of requested) {
      const match = bestMatch(want, entries, (d) => d.platform);
      if (!match) {
        const available = entries.map((d) => formatPlatform(d.platform as Platform)).join(', ');
        throw new InputError(
          `input "platforms": the base image ${ref.toString()}${from} has no ${formatPlatform(want)}; it has ${available}.`,
        );
      }
      chosen.add(match);
    }
    selected = entries.filter((d) => chosen.has(d)); // the base's order, for reproducibility
  }
  const images = await Promise.all(
    selected.map(async (entry) => {
      const fetched = await fetchManifest(
        transport,
        ref.repositoryOnly().withDigest(entry.digest),
        {
          kept: true,
        },
      );
      if (isIndexDocument(fetched.manifest)) {
        throw new RunError(
          `The index ${ref.toString()} nests another index at ${entry.digest}; Slipway reads one level of index only.`,
        );
      }
      const descriptor: Descriptor = {
        ...fetched.descriptor,
        platform: entry.platform,
        ...(entry.annotations ? { annotations: entry.annotations } : {}),
      };
      return platformImage(transport, ref, descriptor, fetched.manifest, entry.platform);
    }),
  );
  return resolved(true, images);
}

async function platformImage(
  transport: Transport,
  ref: Reference,
  manifestDescriptor: Descriptor,
  manifest: Manifest,
  indexPlatform: Platform | undefined,
): Promise<BasePlatformImage> {
  const repo = ref.repositoryOnly();
  const { value: stated } = await fetchJsonBlob<ImageConfig>(transport, repo, manifest.config);
  if (typeof stated !== 'object' || stated === null || typeof stated.architecture !== 'string') {
    throw new RunError(
      `The config ${manifest.config.digest} of ${ref.toString()} has no architecture; it is not an image config.`,
    );
  }
  const where = `The base image ${ref.toString()}`;
  const platform: Platform = checkedPlatform(indexPlatform ?? platformOfConfig(stated), where);
  const config = checkedLabels(stated, where, (line) => transport.options.logger?.warn(line));
  return {
    platform,
    manifestDescriptor: { ...manifestDescriptor, platform },
    manifest,
    config,
    layers: manifest.layers.map((d) => remoteBlob(transport, repo, d)),
  };
}
