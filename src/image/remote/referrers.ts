/**
 * Artifacts that refer to an image (an SBOM, a signature): a manifest whose `subject` is the
 * image, found through the OCI referrers API (`GET /v2/<repo>/referrers/<digest>`) or, where the
 * registry lacks that API, through the referrers tag schema: an OCI index tagged
 * `sha256-<hex of the subject>` that lists the referrer descriptors (distribution-spec 1.1).
 */
import { RunError } from '../../core/errors';
import type { Logger } from '../../core/log';
import { sha256 } from '../digest';
import { memoryBlob } from '../image';
import type { Blob } from '../image';
import { canonicalJson } from '../mutate';
import type { Reference } from '../reference';
import { pushScope } from '../transport/auth';
import { header, readBytes } from '../transport/client';
import type { Transport } from '../transport/client';
import { MediaType } from '../types';
import type { Descriptor, Index, Manifest } from '../types';
import { MAX_MANIFEST_BYTES, fetchManifest, isIndexDocument } from './read';
import { pushBlob } from './write';
import type { BlobContext } from './write';

/** The `{}` config of artifacts that have no config of their own (image-spec 1.1). */
export const EMPTY_JSON = Buffer.from('{}');
export const EMPTY_DESCRIPTOR: Descriptor & { data: string } = {
  mediaType: MediaType.OciEmpty,
  digest: sha256(EMPTY_JSON),
  size: EMPTY_JSON.length,
  data: EMPTY_JSON.toString('base64'),
};

export interface ReferrerArtifact {
  manifest: Manifest;
  bytes: Buffer;
  descriptor: Descriptor;
  blobs: Blob[];
}

/**
 * One file as an artifact manifest that refers to `subject`. Same inputs, same bytes: the digest
 * is stable, so a re-run can tell that the artifact is already there.
 */
export function referrerArtifact(opts: {
  artifactType: string;
  subject: Descriptor;
  content: Buffer;
  annotations?: Record<string, string>;
  layerAnnotations?: Record<string, string>;
}): ReferrerArtifact {
  const layer: Descriptor = {
    mediaType: opts.artifactType,
    digest: sha256(opts.content),
    size: opts.content.length,
    annotations: opts.layerAnnotations,
  };
  const manifest: Manifest = {
    schemaVersion: 2,
    mediaType: MediaType.OciManifest,
    artifactType: opts.artifactType,
    config: EMPTY_DESCRIPTOR,
    layers: [layer],
    subject: {
      mediaType: opts.subject.mediaType,
      digest: opts.subject.digest,
      size: opts.subject.size,
    },
    annotations: opts.annotations,
  };
  const bytes = canonicalJson(manifest);
  return {
    manifest,
    bytes,
    descriptor: {
      mediaType: MediaType.OciManifest,
      digest: sha256(bytes),
      size: bytes.length,
      artifactType: opts.artifactType,
      annotations: opts.annotations,
    },
    blobs: [memoryBlob(EMPTY_DESCRIPTOR, EMPTY_JSON), memoryBlob(layer, opts.content)],
  };
}

/** `sha256:abc…` → `sha256-abc…`, the tag of the referrers index when the API is missing. */
export function referrersTag(subject: string): string {
  return subject.replace(':', '-');
}

export type ReferrersSource = 'api' | 'tag';

export interface ReferrersList {
  source: ReferrersSource;
  manifests: Descriptor[];
}

/**
 * The referrers of `subject` in `repository`: from the referrers API when the registry answers
 * it, else from the fallback tag (empty when the tag does not exist yet).
 */
export async function listReferrers(
  transport: Transport,
  repository: Reference,
  subject: string,
): Promise<ReferrersList> {
  const client = transport.client(repository.registry);
  const res = await client.request({
    method: 'GET',
    url: `/v2/${repository.repository}/referrers/${subject}`,
    scopes: [pushScope(repository.repository)],
    op: { access: 'pull', repository: repository.name(), what: `referrers of ${subject}` },
    headers: { accept: MediaType.OciIndex },
    // 404: no referrers API (distribution 2.8 has none); 400/405: some registries say so instead.
    expect: [200, 400, 404, 405],
  });
  if (res.status === 200) {
    const text = await readBytes(res.body, MAX_MANIFEST_BYTES, `referrers of ${subject}`);
    const manifests = parseIndex(text, `the referrers API of ${repository.name()}`).manifests;
    return { source: 'api', manifests };
  }
  await res.body.dump();
  return {
    source: 'tag',
    manifests: (await fallbackIndex(transport, repository, subject)).manifests,
  };
}

async function fallbackIndex(
  transport: Transport,
  repository: Reference,
  subject: string,
): Promise<Index> {
  const ref = repository.withTag(referrersTag(subject));
  const client = transport.client(repository.registry);
  const probe = await client.request({
    method: 'HEAD',
    url: `/v2/${repository.repository}/manifests/${ref.identifier()}`,
    scopes: [pushScope(repository.repository)],
    op: { access: 'pull', repository: repository.name(), what: `manifest ${ref.identifier()}` },
    headers: { accept: `${MediaType.OciIndex}, ${MediaType.OciManifest}` },
    expect: [200, 404],
  });
  await probe.body.dump();
  if (probe.status === 404)
    return { schemaVersion: 2, mediaType: MediaType.OciIndex, manifests: [] };
  const fetched = await fetchManifest(transport, ref, { push: true });
  if (!isIndexDocument(fetched.manifest)) {
    throw new RunError(
      `The tag ${ref.toString()} is not an OCI index of referrers; it was pushed by another tool, so Slipway leaves it alone: delete the tag or set sbom: false.`,
    );
  }
  return fetched.manifest;
}

function parseIndex(bytes: Buffer, where: string): Index {
  try {
    const doc = JSON.parse(bytes.toString('utf8')) as Partial<Index>;
    if (Array.isArray(doc.manifests)) return { schemaVersion: 2, manifests: doc.manifests };
  } catch {
    // reported below
  }
  throw new RunError(`${where} answered with something that is not an OCI index.`);
}

export interface ReferrerPush {
  descriptor: Descriptor;
  /** false when the registry already listed this very artifact as a referrer: nothing was sent. */
  pushed: boolean;
  source: ReferrersSource;
}

/**
 * Pushes a referrer artifact to `repository` unless it is listed already: blobs, then the
 * manifest by digest; when the registry did not confirm the subject (no `OCI-Subject` header),
 * the artifact is added to the `sha256-<hex>` referrers index, as the distribution spec asks.
 */
export async function pushReferrer(
  transport: Transport,
  repository: Reference,
  artifact: ReferrerArtifact,
  logger?: Logger,
): Promise<ReferrerPush> {
  const subject = artifact.manifest.subject?.digest;
  if (!subject) throw new Error('pushReferrer: the artifact has no subject');
  const existing = await listReferrers(transport, repository, subject);
  const digest = artifact.descriptor.digest;
  if (existing.manifests.some((d) => d.digest === digest)) {
    logger?.info(`unchanged: ${repository.name()}@${digest} already refers to ${subject}`);
    return { descriptor: artifact.descriptor, pushed: false, source: existing.source };
  }

  const scopes = [pushScope(repository.repository)];
  const ctx: BlobContext = { transport, target: repository, scopes, logger };
  for (const blob of artifact.blobs) await pushBlob(ctx, blob);
  const client = transport.client(repository.registry);
  const res = await client.request({
    method: 'PUT',
    url: `/v2/${repository.repository}/manifests/${digest}`,
    scopes,
    op: { access: 'push', repository: repository.name(), what: `manifest ${digest}` },
    headers: { 'content-type': MediaType.OciManifest },
    body: artifact.bytes,
    expect: [200, 201, 204],
  });
  await res.body.dump();
  const stored = header(res.headers, 'docker-content-digest');
  if (stored !== undefined && stored !== digest) {
    throw new RunError(
      `${repository.registry} stored the artifact ${digest} of ${repository.name()} as ${stored}; the registry rewrote it, so the referrer cannot be found by its digest.`,
    );
  }
  if (header(res.headers, 'oci-subject') === subject || existing.source === 'api') {
    return { descriptor: artifact.descriptor, pushed: true, source: 'api' };
  }

  // No referrers API: list the artifact in the fallback index, keeping what other tools put there.
  const current = await fallbackIndex(transport, repository, subject);
  const entry: Descriptor = {
    mediaType: MediaType.OciManifest,
    digest,
    size: artifact.bytes.length,
    artifactType: artifact.manifest.artifactType ?? artifact.manifest.config.mediaType,
    annotations: artifact.manifest.annotations,
  };
  const index: Index = {
    schemaVersion: 2,
    mediaType: MediaType.OciIndex,
    manifests: [...current.manifests.filter((d) => d.digest !== digest), entry],
  };
  const indexBytes = canonicalJson(index);
  const tag = referrersTag(subject);
  const put = await client.request({
    method: 'PUT',
    url: `/v2/${repository.repository}/manifests/${tag}`,
    scopes,
    op: { access: 'push', repository: repository.name(), what: `referrers index ${tag}` },
    headers: { 'content-type': MediaType.OciIndex },
    body: indexBytes,
    expect: [200, 201, 204],
  });
  await put.body.dump();
  logger?.debug(`referrers index ${repository.name()}:${tag} lists ${index.manifests.length}`);
  return { descriptor: artifact.descriptor, pushed: true, source: 'tag' };
}
