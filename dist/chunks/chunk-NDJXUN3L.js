#!/usr/bin/env node
import { createRequire as __slipwayCreateRequire } from 'node:module';
import { fileURLToPath as __slipwayFileURLToPath } from 'node:url';
const require = __slipwayCreateRequire(import.meta.url);
const __filename = __slipwayFileURLToPath(import.meta.url);
const __dirname = __filename.slice(0, __filename.lastIndexOf('/'));
import {
  RegistryError,
  errorForNetwork,
  header,
  pullScope,
  pushScope,
  readBytes,
  withRetry
} from "./chunk-FCCLLEZB.js";
import {
  SCRATCH
} from "./chunk-7ZB3PTRR.js";
import {
  isDigest,
  sha256
} from "./chunk-OG2YEZ62.js";
import {
  bestMatch,
  checkedPlatform,
  formatPlatform,
  platformOfConfig,
  runnableEntries
} from "./chunk-PAQHD33Z.js";
import {
  INDEX_MEDIA_TYPES,
  MANIFEST_MEDIA_TYPES,
  MediaType
} from "./chunk-MPILWNXU.js";
import {
  InputError,
  RunError
} from "./chunk-B27IFLT6.js";

// src/image/remote/read.ts
import { pipeline } from "node:stream";

// src/image/labels.ts
var LABEL_KEY = /^[A-Za-z0-9][A-Za-z0-9._/:-]{0,254}$/;
function hasControl(value) {
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c <= 31 || c >= 127 && c <= 159 || c === 8232 || c === 8233) return true;
  }
  return false;
}
var MAX_VALUE_CHARS = 4096;
function labelProblem(key, value) {
  if (!LABEL_KEY.test(key)) {
    return 'its key is not a label name (letters, digits, ".", "_", "-", "/", ":"; at most 255)';
  }
  if (typeof value !== "string") return "its value is not a string";
  if (hasControl(value)) return "its value holds a line break or control character";
  if (value.length > MAX_VALUE_CHARS)
    return `its value is longer than ${MAX_VALUE_CHARS} characters`;
  return void 0;
}
function checkedLabels(config, where, warn) {
  const labels = config.config?.Labels;
  if (labels === void 0 || labels === null) return config;
  const kept = {};
  let dropped = false;
  if (typeof labels !== "object" || Array.isArray(labels)) {
    warn(`${where} has labels that are not a map of names to strings; they are left out.`);
    dropped = true;
  } else {
    for (const [key, value] of Object.entries(labels)) {
      const problem = labelProblem(key, value);
      if (problem === void 0) {
        kept[key] = value;
        continue;
      }
      dropped = true;
      warn(
        `${where} has the label ${JSON.stringify(key).slice(0, 80)}, which is left out: ${problem}; fix the label in the base image.`
      );
    }
  }
  if (!dropped) return config;
  return { ...config, config: { ...config.config, Labels: kept } };
}

// src/image/remote/verify.ts
import { createHash } from "node:crypto";
import { Transform } from "node:stream";
var VerifyingStream = class extends Transform {
  constructor(descriptor, source, onBytes) {
    super();
    this.descriptor = descriptor;
    this.source = source;
    this.onBytes = onBytes;
  }
  descriptor;
  source;
  onBytes;
  hash = createHash("sha256");
  seen = 0;
  _transform(chunk, _encoding, callback) {
    this.seen += chunk.length;
    if (this.seen > this.descriptor.size) {
      callback(
        new RegistryError(
          `${this.source} is longer than the ${this.descriptor.size} bytes its descriptor states; the source is corrupt or changed.`
        )
      );
      return;
    }
    this.hash.update(chunk);
    this.onBytes?.(this.seen);
    callback(null, chunk);
  }
  _flush(callback) {
    if (this.seen !== this.descriptor.size) {
      callback(
        // A short body is a broken transfer more often than a broken blob: worth another try.
        new RegistryError(
          `${this.source} ended after ${this.seen} of ${this.descriptor.size} bytes; the source is truncated.`,
          { retryable: true }
        )
      );
      return;
    }
    const digest = `sha256:${this.hash.digest("hex")}`;
    if (digest !== this.descriptor.digest) {
      callback(
        new RegistryError(
          `${this.source} has digest ${digest}, not ${this.descriptor.digest}; the source is corrupt or changed.`
        )
      );
      return;
    }
    callback();
  }
};

// src/image/remote/read.ts
var MAX_MANIFEST_BYTES = 4 * 1024 * 1024;
var MAX_CONFIG_BYTES = 16 * 1024 * 1024;
var MANIFEST_ACCEPT = [...MANIFEST_MEDIA_TYPES, ...INDEX_MEDIA_TYPES].join(", ");
var SCHEMA1 = /^application\/vnd\.docker\.distribution\.manifest\.v1\+(prettyjws|json)$/;
function isIndexDocument(m) {
  return "manifests" in m;
}
function scopesFor(ref, opts = {}) {
  return [opts.push ? pushScope(ref.repository) : pullScope(ref.repository)];
}
function manifestOp(ref) {
  return { access: "pull", repository: ref.name(), what: `manifest ${ref.identifier()}` };
}
async function fetchManifest(transport, ref, opts = {}) {
  const op = manifestOp(ref);
  const { res, bytes } = await withRetry(op.what, transport.retryOptions(), async () => {
    const res2 = await transport.client(ref.registry).request({
      method: "GET",
      url: `/v2/${ref.repository}/manifests/${ref.identifier()}`,
      scopes: scopesFor(ref, opts),
      op,
      headers: { accept: MANIFEST_ACCEPT },
      expect: [200],
      retry: false
    });
    const length = Number(header(res2.headers, "content-length") ?? "0");
    if (length > MAX_MANIFEST_BYTES) {
      res2.body.destroy();
      throw tooLarge(ref, length);
    }
    try {
      return {
        res: res2,
        bytes: await readBody(res2, MAX_MANIFEST_BYTES, `manifest of ${ref.toString()}`, op)
      };
    } catch (err) {
      if (err instanceof RegistryError && !err.retryable && /larger than/.test(err.message)) {
        throw tooLarge(ref);
      }
      throw err;
    }
  });
  const digest = sha256(bytes);
  if (ref.digest !== void 0 && digest !== ref.digest) {
    throw new RunError(
      `The registry returned a manifest for ${ref.toString()} whose digest is ${digest}; the registry or a proxy in between altered it.`
    );
  }
  const contentType = header(res.headers, "content-type");
  const manifest = parseManifest(bytes, ref, contentType);
  const mediaType = mediaTypeOf(manifest, contentType);
  return { descriptor: { mediaType, digest, size: bytes.length }, bytes, manifest };
}
async function readBody(res, limit, what, op) {
  try {
    return await readBytes(res.body, limit, what);
  } catch (err) {
    if (err instanceof RegistryError || err instanceof RunError) throw err;
    throw errorForNetwork(op, err, res.url);
  }
}
function tooLarge(ref, size) {
  return new RunError(
    `The manifest of ${ref.toString()} is ${size === void 0 ? "over" : `${size} bytes,`} larger than the ${MAX_MANIFEST_BYTES}-byte limit; it is not an image manifest Slipway can use.`
  );
}
function stripParams(contentType) {
  return contentType?.split(";")[0]?.trim().toLowerCase() || void 0;
}
function mediaTypeOf(m, contentType) {
  const type = stripParams(contentType);
  if (type && (MANIFEST_MEDIA_TYPES.includes(type) || INDEX_MEDIA_TYPES.includes(type))) {
    return type;
  }
  if (m.mediaType) return m.mediaType;
  return isIndexDocument(m) ? MediaType.OciIndex : MediaType.OciManifest;
}
function parseManifest(bytes, ref, contentType) {
  const type = stripParams(contentType);
  const bad = (why) => {
    throw new RunError(`The manifest of ${ref.toString()} ${why}.`);
  };
  if (type && SCHEMA1.test(type)) {
    bad("uses Docker schema 1, which Slipway does not read; use a newer tag of the image");
  }
  let doc;
  try {
    doc = JSON.parse(bytes.toString("utf8"));
  } catch (err) {
    bad(`is not valid JSON (${err instanceof Error ? err.message : String(err)})`);
  }
  if (typeof doc !== "object" || doc === null || Array.isArray(doc)) bad("is not a JSON object");
  const m = doc;
  if (m.schemaVersion === 1) {
    bad("uses Docker schema 1, which Slipway does not read; use a newer tag of the image");
  }
  if (m.schemaVersion !== 2) bad(`has schemaVersion ${JSON.stringify(m.schemaVersion)}, not 2`);
  if (Array.isArray(m.manifests)) {
    m.manifests.forEach((d, i) => checkDescriptor(d, `manifests[${i}]`, bad));
    return m;
  }
  checkDescriptor(m.config, "config", bad);
  if (!Array.isArray(m.layers)) bad('has no "layers" array');
  m.layers.forEach((d, i) => checkDescriptor(d, `layers[${i}]`, bad));
  return m;
}
function checkDescriptor(d, where, bad) {
  if (typeof d !== "object" || d === null) bad(`has no valid ${where} descriptor`);
  const { mediaType, digest, size } = d;
  if (typeof mediaType !== "string") bad(`has no mediaType in ${where}`);
  if (typeof digest !== "string" || !isDigest(digest)) {
    bad(`has ${where}.digest ${JSON.stringify(digest)}; only sha256 digests are supported`);
  }
  if (typeof size !== "number" || !Number.isSafeInteger(size) || size < 0) {
    bad(`has an invalid ${where}.size ${JSON.stringify(size)}`);
  }
}
async function headManifest(transport, ref, opts = {}) {
  const res = await transport.client(ref.registry).request({
    method: "HEAD",
    url: `/v2/${ref.repository}/manifests/${ref.identifier()}`,
    scopes: scopesFor(ref, opts),
    op: manifestOp(ref),
    headers: { accept: MANIFEST_ACCEPT },
    expect: [200, 404]
  });
  await res.body.dump();
  if (res.status === 404) return void 0;
  const digest = header(res.headers, "docker-content-digest");
  const size = Number(header(res.headers, "content-length"));
  const mediaType = stripParams(header(res.headers, "content-type"));
  if (digest && isDigest(digest) && Number.isSafeInteger(size) && size > 0 && mediaType) {
    return { mediaType, digest, size };
  }
  return (await fetchManifest(transport, ref, opts)).descriptor;
}
async function fetchBlob(transport, repository, descriptor, opts = {}) {
  const what = `blob ${descriptor.digest}`;
  const res = await transport.client(repository.registry).request({
    method: "GET",
    url: `/v2/${repository.repository}/blobs/${descriptor.digest}`,
    scopes: scopesFor(repository, opts),
    op: { access: "pull", repository: repository.name(), what },
    expect: [200],
    followRedirects: true,
    retry: opts.retry
  });
  const verifier = new VerifyingStream(descriptor, `${what} of ${repository.name()}`, opts.onBytes);
  pipeline(res.body, verifier, () => {
  });
  return verifier;
}
async function fetchJsonBlob(transport, repository, descriptor, limit = MAX_CONFIG_BYTES) {
  if (descriptor.size > limit) {
    throw new RunError(
      `Blob ${descriptor.digest} of ${repository.name()} is ${descriptor.size} bytes, over the ${limit}-byte limit for a config.`
    );
  }
  const what = `blob ${descriptor.digest}`;
  const op = { access: "pull", repository: repository.name(), what };
  const bytes = await withRetry(what, transport.retryOptions(), async () => {
    const stream = await fetchBlob(transport, repository, descriptor, { retry: false });
    const url = `${await transport.client(repository.registry).baseUrl()}/v2/${repository.repository}/blobs/${descriptor.digest}`;
    return readBody({ body: stream, url }, limit, what, op);
  });
  try {
    return { bytes, value: JSON.parse(bytes.toString("utf8")) };
  } catch (err) {
    throw new RunError(
      `Blob ${descriptor.digest} of ${repository.name()} is not valid JSON (${err instanceof Error ? err.message : String(err)}).`
    );
  }
}
function remoteBlob(transport, repository, d) {
  const origin = { registry: repository.registry, repository: repository.repository };
  return { descriptor: d, origin, open: () => fetchBlob(transport, repository, d) };
}
async function resolveBase(transport, ref, opts = {}) {
  if (ref === SCRATCH) return { name: SCRATCH, images: [] };
  const { name, digest, images } = await resolveImage(transport, ref, opts);
  return { name, digest, images };
}
async function resolveImage(transport, ref, opts = {}) {
  const top = await fetchManifest(transport, ref);
  const requested = opts.platforms ?? [];
  const from = opts.origin ? ` (from ${opts.origin})` : "";
  const resolved = (isIndex, images2) => ({
    name: ref.toString(),
    digest: top.descriptor.digest,
    descriptor: top.descriptor,
    isIndex,
    images: images2
  });
  if (!isIndexDocument(top.manifest)) {
    const image = await platformImage(transport, ref, top.descriptor, top.manifest, void 0);
    for (const want of requested) {
      if (!bestMatch(want, [image.platform], (p) => p)) {
        throw new InputError(
          `input "platforms": the base image ${ref.toString()}${from} is single-platform ${formatPlatform(image.platform)} and has no ${formatPlatform(want)}; drop it from platforms or use a multi-platform base.`
        );
      }
    }
    return resolved(false, [image]);
  }
  const entries = runnableEntries(top.manifest.manifests);
  if (entries.length === 0) {
    throw new RunError(
      `The index ${ref.toString()} lists no image manifests with a platform; it is not a runnable image${from}.`
    );
  }
  let selected = entries;
  if (requested.length > 0) {
    const chosen = /* @__PURE__ */ new Set();
    for (const want of requested) {
      const match = bestMatch(want, entries, (d) => d.platform);
      if (!match) {
        const available = entries.map((d) => formatPlatform(d.platform)).join(", ");
        throw new InputError(
          `input "platforms": the base image ${ref.toString()}${from} has no ${formatPlatform(want)}; it has ${available}.`
        );
      }
      chosen.add(match);
    }
    selected = entries.filter((d) => chosen.has(d));
  }
  const images = await Promise.all(
    selected.map(async (entry) => {
      const fetched = await fetchManifest(transport, ref.repositoryOnly().withDigest(entry.digest));
      if (isIndexDocument(fetched.manifest)) {
        throw new RunError(
          `The index ${ref.toString()} nests another index at ${entry.digest}; Slipway reads one level of index only.`
        );
      }
      const descriptor = {
        ...fetched.descriptor,
        platform: entry.platform,
        ...entry.annotations ? { annotations: entry.annotations } : {}
      };
      return platformImage(transport, ref, descriptor, fetched.manifest, entry.platform);
    })
  );
  return resolved(true, images);
}
async function platformImage(transport, ref, manifestDescriptor, manifest, indexPlatform) {
  const repo = ref.repositoryOnly();
  const { value: stated } = await fetchJsonBlob(transport, repo, manifest.config);
  if (typeof stated !== "object" || stated === null || typeof stated.architecture !== "string") {
    throw new RunError(
      `The config ${manifest.config.digest} of ${ref.toString()} has no architecture; it is not an image config.`
    );
  }
  const where = `The base image ${ref.toString()}`;
  const platform = checkedPlatform(indexPlatform ?? platformOfConfig(stated), where);
  const config = checkedLabels(stated, where, (line) => transport.options.logger?.warn(line));
  return {
    platform,
    manifestDescriptor: { ...manifestDescriptor, platform },
    manifest,
    config,
    layers: manifest.layers.map((d) => remoteBlob(transport, repo, d))
  };
}

export {
  checkedLabels,
  VerifyingStream,
  MAX_MANIFEST_BYTES,
  MAX_CONFIG_BYTES,
  isIndexDocument,
  fetchManifest,
  headManifest,
  fetchBlob,
  fetchJsonBlob,
  remoteBlob,
  resolveBase,
  resolveImage
};
