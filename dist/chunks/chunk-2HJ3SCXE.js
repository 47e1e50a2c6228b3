#!/usr/bin/env node
import { createRequire as __slipwayCreateRequire } from 'node:module';
import { fileURLToPath as __slipwayFileURLToPath } from 'node:url';
const require = __slipwayCreateRequire(import.meta.url);
const __filename = __slipwayFileURLToPath(import.meta.url);
const __dirname = __filename.slice(0, __filename.lastIndexOf('/'));
import {
  canonicalJson,
  isDistributable,
  isIndex,
  memoryBlob
} from "./chunk-HCXPMCY4.js";
import {
  MAX_MANIFEST_BYTES,
  fetchManifest,
  isIndexDocument
} from "./chunk-NDJXUN3L.js";
import {
  RegistryError,
  header,
  pullScope,
  pushScope,
  readBytes,
  withRetry
} from "./chunk-FCCLLEZB.js";
import {
  sha256,
  shortDigest
} from "./chunk-OG2YEZ62.js";
import {
  forEachLimited
} from "./chunk-XBEXEVC2.js";
import {
  Annotation,
  MediaType
} from "./chunk-MPILWNXU.js";
import {
  RunError
} from "./chunk-B27IFLT6.js";

// src/image/remote/write.ts
import { pipeline, Readable as ReadableStream, Transform } from "node:stream";
var DEFAULT_CONCURRENCY = 3;
function distinctBlobs(built, target) {
  const images = isIndex(built) ? built.images : [built];
  const byDigest = /* @__PURE__ */ new Map();
  for (const image of images) {
    for (const blob of [image.config, ...image.layers]) {
      if (!isDistributable(blob.descriptor)) continue;
      const seen = byDigest.get(blob.descriptor.digest);
      const mountable = blob.origin?.registry === target.registry;
      if (!seen || mountable && seen.origin?.registry !== target.registry) {
        byDigest.set(blob.descriptor.digest, blob);
      }
    }
  }
  return [...byDigest.values()];
}
function pushScopes(target, blobs) {
  const scopes = /* @__PURE__ */ new Set([pushScope(target.repository)]);
  for (const blob of blobs) {
    const origin = blob.origin;
    if (origin && origin.registry === target.registry && origin.repository !== target.repository) {
      scopes.add(pullScope(origin.repository));
    }
  }
  return [...scopes];
}
async function pushImage(target, built, tags, opts) {
  const blobs = distinctBlobs(built, target);
  const scopes = pushScopes(target, blobs);
  const stats = {
    bytesUploaded: 0,
    bytesSkipped: 0,
    blobsUploaded: 0,
    blobsMounted: 0,
    blobsExisting: 0
  };
  const ctx = { transport: opts.transport, target, scopes, logger: opts.logger };
  await forEachLimited(blobs, opts.concurrency ?? DEFAULT_CONCURRENCY, async (blob) => {
    const outcome = await pushBlob(ctx, blob);
    const size = blob.descriptor.size;
    if (outcome === "uploaded") {
      stats.blobsUploaded++;
      stats.bytesUploaded += size;
    } else {
      if (outcome === "mounted") stats.blobsMounted++;
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
        scopes
      );
    }
  }
  const references = [];
  if (tags.length === 0) {
    const d = built.descriptor;
    await putManifest(client, target, d.digest, built.bytes, d, scopes);
    references.push(target.repositoryOnly().withDigest(d.digest).toString());
  }
  for (const tag of tags) {
    await putManifest(client, target, tag, built.bytes, built.descriptor, scopes);
    references.push(target.withTag(tag).toString());
  }
  return { digest: built.descriptor.digest, descriptor: built.descriptor, references, stats };
}
async function tagImage(target, built, tags, opts) {
  const client = opts.transport.client(target.registry);
  const scopes = [pushScope(target.repository)];
  const references = [];
  for (const tag of tags) {
    await putManifest(client, target, tag, built.bytes, built.descriptor, scopes);
    references.push(target.withTag(tag).toString());
  }
  return references;
}
var PATCH_CHUNK_BYTES = 16 * 1024 * 1024;
var MONOLITHIC_REFUSED = /* @__PURE__ */ new Set([405, 415, 501]);
async function pushBlob(ctx, blob) {
  const { target, scopes } = ctx;
  const d = blob.descriptor;
  const client = ctx.transport.client(target.registry);
  const id = shortDigest(d.digest);
  const op = (what) => ({
    access: "push",
    repository: target.name(),
    what: `${what} blob ${d.digest}`
  });
  const done = blob.pushedTo;
  if (done?.registry === target.registry && done.repository === target.repository) {
    return done.outcome;
  }
  if (await blobPresent(client, ctx, d, op, { before: true }) === true) {
    ctx.logger?.progress({ id, action: "exists", bytes: d.size, total: d.size });
    return "existing";
  }
  let location;
  const origin = blob.origin;
  if (origin && origin.registry === target.registry && origin.repository !== target.repository) {
    const query = new URLSearchParams({ mount: d.digest, from: origin.repository });
    try {
      const res = await client.request({
        method: "POST",
        url: `/v2/${target.repository}/blobs/uploads/?${query.toString()}`,
        scopes,
        op: op("mounting"),
        headers: { "content-length": "0" },
        expect: [201, 202]
      });
      await res.body.dump();
      if (res.status === 201) {
        ctx.logger?.progress({ id, action: "mount", bytes: d.size, total: d.size });
        return "mounted";
      }
      location = uploadLocation(res.url, header(res.headers, "location"), target);
    } catch (err) {
      if (!(err instanceof RegistryError) || ![401, 403, 404].includes(err.status ?? 0)) throw err;
      ctx.logger?.debug(`mount of ${id} from ${origin.repository} refused: ${err.message}`);
    }
  }
  const action = origin ? "copy" : "upload";
  const retry = { ...ctx.transport.retryOptions(), logger: ctx.logger };
  await withRetry(`uploading blob ${id} to ${target.name()}`, retry, async (attempt) => {
    if (attempt > 0) {
      if (location !== void 0) await cancelUpload(client, ctx, location);
      location = void 0;
      if (await blobPresent(client, ctx, d, op) === true) return;
    }
    location ??= await startUpload(client, ctx, op, { attempt });
    if (!ctx.patchUploads) {
      try {
        await putBlob(client, ctx, blob, location, op, action, true, attempt);
        return;
      } catch (err) {
        if (!(err instanceof RegistryError) || !MONOLITHIC_REFUSED.has(err.status ?? 0)) throw err;
        ctx.logger?.debug(
          `${target.registry} refused a monolithic upload (HTTP ${err.status}); using PATCH then PUT`
        );
        ctx.patchUploads = true;
        location = await startUpload(client, ctx, op, { attempt });
      }
    }
    const next = await patchBlob(client, ctx, blob, location, op, action, attempt);
    await putBlob(client, ctx, blob, next, op, action, false, attempt);
  });
  return "uploaded";
}
async function blobPresent(client, ctx, d, op, opts = {}) {
  try {
    const res = await client.request({
      method: "HEAD",
      url: `/v2/${ctx.target.repository}/blobs/${d.digest}`,
      scopes: ctx.scopes,
      op: op("checking"),
      expect: [200, 404],
      // Some registries answer a blob HEAD with a redirect to their storage.
      followRedirects: true,
      retry: opts.before === true
    });
    await res.body.dump();
    if (res.status === 404) return false;
    const length = header(res.headers, "content-length");
    return opts.before || length === void 0 || Number(length) === d.size;
  } catch (err) {
    if (opts.before) throw err;
    ctx.logger?.debug(`checking ${shortDigest(d.digest)} after a failed upload: ${String(err)}`);
    return void 0;
  }
}
var CANCEL_TIMEOUT_MS = 1e4;
async function cancelUpload(client, ctx, location, timeoutMs = CANCEL_TIMEOUT_MS) {
  try {
    const res = await client.request({
      method: "DELETE",
      url: location,
      scopes: ctx.scopes,
      op: { access: "push", repository: ctx.target.name(), what: "cancelling an upload" },
      expect: [200, 202, 204, 404],
      retry: false,
      timeoutMs: Math.min(timeoutMs, ctx.transport.options.requestTimeoutMs ?? timeoutMs)
    });
    await res.body.dump();
  } catch {
  }
}
async function startUpload(client, ctx, op, opts = {}) {
  const res = await client.request({
    method: "POST",
    url: `/v2/${ctx.target.repository}/blobs/uploads/`,
    scopes: ctx.scopes,
    op: op("starting the upload of"),
    headers: { "content-length": "0" },
    expect: [202],
    retry: opts.retry ?? false,
    // by default the caller's retry loop repeats the whole upload
    attempt: opts.attempt
  });
  await res.body.dump();
  const min = Number(header(res.headers, "oci-chunk-min-length"));
  if (Number.isSafeInteger(min) && min > 0) ctx.chunkMinLength = min;
  return uploadLocation(res.url, header(res.headers, "location"), ctx.target);
}
function uploadLocation(requestUrl, location, target) {
  if (!location) {
    throw new RegistryError(
      `${target.registry} started an upload to ${target.name()} without a Location header; the registry is not OCI-compliant.`
    );
  }
  return new URL(location, requestUrl).toString();
}
async function putBlob(client, ctx, blob, location, op, action, withBody, attempt = 0) {
  const d = blob.descriptor;
  const url = new URL(location);
  url.searchParams.set("digest", d.digest);
  const res = await client.request({
    method: "PUT",
    url: url.toString(),
    scopes: ctx.scopes,
    op: op(withBody ? "uploading" : "completing the upload of"),
    headers: {
      "content-type": "application/octet-stream",
      "content-length": withBody ? String(d.size) : "0"
    },
    body: withBody ? blobBody(ctx, blob, action) : void 0,
    expect: [201, 204],
    // The surrounding withRetry restarts the whole upload; a PUT alone cannot be repeated.
    retry: false,
    // The registry hashes and stores the whole blob before it answers.
    commitBytes: d.size,
    attempt
  });
  await res.body.dump();
  const stored = header(res.headers, "docker-content-digest");
  if (stored !== void 0 && stored !== d.digest) {
    throw new RunError(
      `${ctx.target.registry} stored blob ${d.digest} of ${ctx.target.name()} as ${stored}; the registry altered the bytes.`
    );
  }
  if (stored === void 0 && await blobPresent(client, ctx, d, op) === false) {
    throw new RegistryError(
      `${ctx.target.registry} accepted blob ${d.digest} of ${ctx.target.name()} but does not hold it; run again.`,
      { retryable: true }
    );
  }
}
async function patchBlob(client, ctx, blob, location, op, action, attempt) {
  const size = blob.descriptor.size;
  const chunk = Math.max(ctx.chunkMinLength ?? 0, PATCH_CHUNK_BYTES);
  const source = (await blobBody(ctx, blob, action)())[Symbol.asyncIterator]();
  const pending = {};
  let next = location;
  let offset = 0;
  try {
    do {
      const length = Math.min(chunk, size - offset);
      let opened = false;
      const res = await client.request({
        method: "PATCH",
        url: next,
        scopes: ctx.scopes,
        op: op("uploading"),
        headers: {
          "content-type": "application/octet-stream",
          "content-length": String(length),
          ...length > 0 ? { "content-range": `${offset}-${offset + length - 1}` } : {}
        },
        body: () => {
          if (opened) return Promise.reject(new RegistryError("the chunk was already sent"));
          opened = true;
          return Promise.resolve(ReadableStream.from(take(source, pending, length)));
        },
        expect: [202, 201, 204],
        retry: false,
        commitBytes: length,
        attempt
      });
      await res.body.dump();
      offset += length;
      const range = /^(?:bytes=)?\d+-(\d+)$/.exec(header(res.headers, "range")?.trim() ?? "");
      if (range && Number(range[1]) + 1 !== offset) {
        ctx.logger?.debug(
          `${ctx.target.registry} reports Range ${range[0]} after ${offset} bytes; tracking the offset by bytes sent`
        );
      }
      next = uploadLocation(res.url, header(res.headers, "location") ?? next, ctx.target);
    } while (offset < size);
  } finally {
    await source.return?.();
  }
  return next;
}
async function* take(source, pending, length) {
  let left = length;
  while (left > 0) {
    let buf = pending.rest;
    pending.rest = void 0;
    if (buf === void 0) {
      const step = await source.next();
      if (step.done) return;
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
function blobBody(ctx, blob, action) {
  const d = blob.descriptor;
  const id = shortDigest(d.digest);
  return async () => {
    const source = await blob.open();
    const counter = new ByteCounter(
      d,
      (bytes) => ctx.logger?.progress({ id, action, bytes, total: d.size })
    );
    pipeline(source, counter, () => {
    });
    return counter;
  };
}
var ByteCounter = class extends Transform {
  constructor(descriptor, report) {
    super();
    this.descriptor = descriptor;
    this.report = report;
    this.step = Math.max(1024 * 1024, Math.floor(descriptor.size / 20));
    this.reportProgress(0);
  }
  descriptor;
  report;
  seen = 0;
  lastReported = -1;
  step;
  _transform(chunk, _encoding, callback) {
    this.seen += chunk.length;
    if (this.seen > this.descriptor.size) {
      callback(
        new RunError(
          `Blob ${this.descriptor.digest} has more than the ${this.descriptor.size} bytes its descriptor states; the build produced inconsistent data.`
        )
      );
      return;
    }
    if (this.seen - this.lastReported >= this.step || this.seen === this.descriptor.size) {
      this.reportProgress(this.seen);
    }
    callback(null, chunk);
  }
  _flush(callback) {
    if (this.seen !== this.descriptor.size) {
      callback(
        new RunError(
          `Blob ${this.descriptor.digest} ended after ${this.seen} of ${this.descriptor.size} bytes; the build produced inconsistent data.`
        )
      );
      return;
    }
    callback();
  }
  reportProgress(bytes) {
    this.lastReported = bytes;
    this.report(bytes);
  }
};
var BLOB_LINK_LAG_CODES = ["MANIFEST_BLOB_UNKNOWN", "BLOB_UNKNOWN", "DIGEST_INVALID"];
async function putManifest(client, target, reference, bytes, descriptor, scopes) {
  const computed = sha256(bytes);
  if (computed !== descriptor.digest) {
    throw new RunError(
      `Internal error: manifest bytes hash to ${computed} but their descriptor says ${descriptor.digest}.`
    );
  }
  const res = await client.request({
    method: "PUT",
    url: `/v2/${target.repository}/manifests/${reference}`,
    scopes,
    op: {
      access: "push",
      repository: target.name(),
      what: `manifest ${reference}`,
      transientCodes: BLOB_LINK_LAG_CODES
    },
    headers: { "content-type": descriptor.mediaType },
    body: bytes,
    expect: [201, 200, 204]
  });
  await res.body.dump();
  let stored = header(res.headers, "docker-content-digest");
  if (stored === void 0) {
    const check = await client.request({
      method: "HEAD",
      url: `/v2/${target.repository}/manifests/${descriptor.digest}`,
      scopes,
      op: { access: "push", repository: target.name(), what: `manifest ${descriptor.digest}` },
      headers: { accept: descriptor.mediaType },
      expect: [200, 404]
    });
    await check.body.dump();
    if (check.status === 404) {
      throw new RunError(
        `${target.registry} accepted manifest ${reference} of ${target.name()} but holds no manifest ${descriptor.digest}; the registry did not store what was sent.`
      );
    }
    stored = descriptor.digest;
  }
  if (stored !== descriptor.digest) {
    throw new RunError(
      `${target.registry} stored manifest ${reference} of ${target.name()} as ${stored} instead of ${descriptor.digest}; the registry rewrote it (it may not support ${descriptor.mediaType}).`
    );
  }
}

// src/image/remote/referrers.ts
var EMPTY_JSON = Buffer.from("{}");
var EMPTY_DESCRIPTOR = {
  mediaType: MediaType.OciEmpty,
  digest: sha256(EMPTY_JSON),
  size: EMPTY_JSON.length,
  data: EMPTY_JSON.toString("base64")
};
function referrerArtifact(opts) {
  const layer = {
    mediaType: opts.artifactType,
    digest: sha256(opts.content),
    size: opts.content.length,
    annotations: opts.layerAnnotations
  };
  const manifest = {
    schemaVersion: 2,
    mediaType: MediaType.OciManifest,
    artifactType: opts.artifactType,
    config: EMPTY_DESCRIPTOR,
    layers: [layer],
    subject: {
      mediaType: opts.subject.mediaType,
      digest: opts.subject.digest,
      size: opts.subject.size
    },
    annotations: opts.annotations
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
      annotations: opts.annotations
    },
    blobs: [memoryBlob(EMPTY_DESCRIPTOR, EMPTY_JSON), memoryBlob(layer, opts.content)]
  };
}
function referrersTag(subject) {
  return subject.replace(":", "-");
}
async function listReferrers(transport, repository, subject) {
  const client = transport.client(repository.registry);
  const res = await client.request({
    method: "GET",
    url: `/v2/${repository.repository}/referrers/${subject}`,
    scopes: [pushScope(repository.repository)],
    op: { access: "pull", repository: repository.name(), what: `referrers of ${subject}` },
    headers: { accept: MediaType.OciIndex },
    // 404: no referrers API (distribution 2.8 has none); 400/405: some registries say so instead.
    expect: [200, 400, 404, 405]
  });
  if (res.status === 200) {
    const text = await readBytes(res.body, MAX_MANIFEST_BYTES, `referrers of ${subject}`);
    const manifests = parseIndex(text, `the referrers API of ${repository.name()}`).manifests;
    return { source: "api", manifests };
  }
  await res.body.dump();
  return {
    source: "tag",
    manifests: (await fallbackIndex(transport, repository, subject)).manifests
  };
}
async function fallbackIndex(transport, repository, subject) {
  const ref = repository.withTag(referrersTag(subject));
  const client = transport.client(repository.registry);
  const probe = await client.request({
    method: "HEAD",
    url: `/v2/${repository.repository}/manifests/${ref.identifier()}`,
    scopes: [pushScope(repository.repository)],
    op: { access: "pull", repository: repository.name(), what: `manifest ${ref.identifier()}` },
    headers: { accept: `${MediaType.OciIndex}, ${MediaType.OciManifest}` },
    expect: [200, 404]
  });
  await probe.body.dump();
  if (probe.status === 404)
    return { schemaVersion: 2, mediaType: MediaType.OciIndex, manifests: [] };
  const fetched = await fetchManifest(transport, ref, { push: true });
  if (!isIndexDocument(fetched.manifest)) {
    throw new RunError(
      `The tag ${ref.toString()} is not an OCI index of referrers; it was pushed by another tool, so Slipway leaves it alone: delete the tag or set sbom: false.`
    );
  }
  return fetched.manifest;
}
function parseIndex(bytes, where) {
  try {
    const doc = JSON.parse(bytes.toString("utf8"));
    if (Array.isArray(doc.manifests)) return { schemaVersion: 2, manifests: doc.manifests };
  } catch {
  }
  throw new RunError(`${where} answered with something that is not an OCI index.`);
}
async function pushReferrer(transport, repository, artifact, logger) {
  const subject = artifact.manifest.subject?.digest;
  if (!subject) throw new Error("pushReferrer: the artifact has no subject");
  const existing = await listReferrers(transport, repository, subject);
  const digest = artifact.descriptor.digest;
  if (existing.manifests.some((d) => d.digest === digest)) {
    logger?.info(`unchanged: ${repository.name()}@${digest} already refers to ${subject}`);
    return { descriptor: artifact.descriptor, pushed: false, source: existing.source };
  }
  const scopes = [pushScope(repository.repository)];
  const ctx = { transport, target: repository, scopes, logger };
  for (const blob of artifact.blobs) await pushBlob(ctx, blob);
  const client = transport.client(repository.registry);
  const res = await client.request({
    method: "PUT",
    url: `/v2/${repository.repository}/manifests/${digest}`,
    scopes,
    op: { access: "push", repository: repository.name(), what: `manifest ${digest}` },
    headers: { "content-type": MediaType.OciManifest },
    body: artifact.bytes,
    expect: [200, 201, 204]
  });
  await res.body.dump();
  const stored = header(res.headers, "docker-content-digest");
  if (stored !== void 0 && stored !== digest) {
    throw new RunError(
      `${repository.registry} stored the artifact ${digest} of ${repository.name()} as ${stored}; the registry rewrote it, so the referrer cannot be found by its digest.`
    );
  }
  if (header(res.headers, "oci-subject") === subject || existing.source === "api") {
    return { descriptor: artifact.descriptor, pushed: true, source: "api" };
  }
  const current = await fallbackIndex(transport, repository, subject);
  const entry = {
    mediaType: MediaType.OciManifest,
    digest,
    size: artifact.bytes.length,
    artifactType: artifact.manifest.artifactType ?? artifact.manifest.config.mediaType,
    annotations: artifact.manifest.annotations
  };
  const index = {
    schemaVersion: 2,
    mediaType: MediaType.OciIndex,
    manifests: [...current.manifests.filter((d) => d.digest !== digest), entry]
  };
  const indexBytes = canonicalJson(index);
  const tag = referrersTag(subject);
  const put = await client.request({
    method: "PUT",
    url: `/v2/${repository.repository}/manifests/${tag}`,
    scopes,
    op: { access: "push", repository: repository.name(), what: `referrers index ${tag}` },
    headers: { "content-type": MediaType.OciIndex },
    body: indexBytes,
    expect: [200, 201, 204]
  });
  await put.body.dump();
  logger?.debug(`referrers index ${repository.name()}:${tag} lists ${index.manifests.length}`);
  return { descriptor: artifact.descriptor, pushed: true, source: "tag" };
}

// src/attest/attach.ts
var SIGSTORE_BUNDLE_V03_MEDIA_TYPE = "application/vnd.dev.sigstore.bundle.v0.3+json";
var BundleAnnotation = {
  Content: "dev.sigstore.bundle.content",
  PredicateType: "dev.sigstore.bundle.predicateType"
};
function bundleReferrer(attestation, subject, created) {
  return referrerArtifact({
    artifactType: SIGSTORE_BUNDLE_V03_MEDIA_TYPE,
    subject,
    content: attestation.bytes,
    annotations: {
      [BundleAnnotation.Content]: "dsse-envelope",
      [BundleAnnotation.PredicateType]: attestation.predicateType,
      [Annotation.Created]: created
    }
  });
}
async function attachBundles(opts) {
  const out = [];
  for (const subject of opts.subjects) {
    for (const attestation of opts.attestations) {
      const artifact = bundleReferrer(attestation, subject, opts.created);
      const result = await pushReferrer(opts.transport, opts.repository, artifact, opts.logger);
      out.push({
        predicateType: attestation.predicateType,
        subject: subject.digest,
        digest: result.descriptor.digest,
        pushed: result.pushed,
        source: result.source
      });
      if (result.pushed) {
        opts.logger.info(
          `attest: ${attestation.predicateType} bundle ${opts.repository.name()}@${result.descriptor.digest} refers to ${subject.digest}`
        );
      }
    }
  }
  return out;
}

export {
  pushScopes,
  pushImage,
  tagImage,
  pushBlob,
  blobPresent,
  cancelUpload,
  startUpload,
  uploadLocation,
  putBlob,
  referrerArtifact,
  referrersTag,
  listReferrers,
  pushReferrer,
  SIGSTORE_BUNDLE_V03_MEDIA_TYPE,
  bundleReferrer,
  attachBundles
};
