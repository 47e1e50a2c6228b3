#!/usr/bin/env node
import { createRequire as __slipwayCreateRequire } from 'node:module';
import { fileURLToPath as __slipwayFileURLToPath } from 'node:url';
const require = __slipwayCreateRequire(import.meta.url);
const __filename = __slipwayFileURLToPath(import.meta.url);
const __dirname = __filename.slice(0, __filename.lastIndexOf('/'));
import {
  canonicalJson,
  isIndex,
  memoryBlob
} from "./chunk-HCXPMCY4.js";
import {
  MAX_CONFIG_BYTES,
  MAX_MANIFEST_BYTES,
  VerifyingStream,
  checkedLabels
} from "./chunk-NDJXUN3L.js";
import {
  isDigest,
  sha256
} from "./chunk-OG2YEZ62.js";
import {
  forEachLimited
} from "./chunk-XBEXEVC2.js";
import {
  checkedPlatform,
  platformOfConfig,
  runnableEntries
} from "./chunk-PAQHD33Z.js";
import {
  Annotation,
  INDEX_MEDIA_TYPES,
  MANIFEST_MEDIA_TYPES,
  MediaType
} from "./chunk-MPILWNXU.js";
import {
  InputError,
  RunError,
  errorMessage
} from "./chunk-B27IFLT6.js";

// src/image/layout.ts
import { randomBytes } from "node:crypto";
import { createReadStream, createWriteStream, promises as fs } from "node:fs";
import * as path from "node:path";
import { pipeline } from "node:stream";
import { pipeline as pipelineAsync } from "node:stream/promises";
var LAYOUT_VERSION = "1.0.0";
var LAYOUT_FILE = "oci-layout";
var INDEX_FILE = "index.json";
var PARALLEL_BLOBS = 4;
function parseLayoutReference(value) {
  const rest = value.startsWith("oci:") ? value.slice(4) : value;
  const colon = rest.indexOf(":");
  const dir = colon >= 0 ? rest.slice(0, colon) : rest;
  const tag = colon >= 0 ? rest.slice(colon + 1) : void 0;
  if (dir === "")
    throw new InputError(`"${value}" names no directory; write oci:DIR or oci:DIR:TAG`);
  if (tag === "")
    throw new InputError(`"${value}" ends with ":" but names no tag; write oci:DIR:TAG`);
  return { dir, tag };
}
async function writeLayout(dir, built, tag) {
  if (tag !== void 0 && (tag === "" || /[\s]/.test(tag))) {
    throw new InputError(
      `The tag "${tag}" for the OCI layout ${dir} is empty or has spaces; give a tag like "latest"`
    );
  }
  const blobDir = path.join(dir, "blobs", "sha256");
  await fs.mkdir(blobDir, { recursive: true });
  await ensureLayoutFile(dir);
  const blobs = /* @__PURE__ */ new Map();
  const addMemory = (descriptor2, bytes) => {
    blobs.set(descriptor2.digest, memoryBlob(descriptor2, bytes));
  };
  const images = isIndex(built) ? built.images : [built];
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
  const descriptor = {
    mediaType: top.mediaType,
    digest: top.digest,
    size: top.size,
    ...top.platform ? { platform: top.platform } : {},
    ...tag === void 0 ? {} : { annotations: { [Annotation.RefName]: tag } }
  };
  if (tag === void 0) return { descriptor, written, existing, bytesWritten };
  await withIndexLock(dir, async () => {
    const index = await readIndexFile(dir, true);
    index.manifests = index.manifests.filter((d) => d.annotations?.[Annotation.RefName] !== tag);
    index.manifests.push(descriptor);
    await writeAtomically(path.join(dir, INDEX_FILE), canonicalJson(index));
  });
  return { descriptor, written, existing, bytesWritten };
}
var LOCK_FILE = `${INDEX_FILE}.lock`;
var STALE_LOCK_MS = 3e4;
var LOCK_WAIT_MS = 12e4;
async function withIndexLock(dir, update) {
  const lock = path.join(dir, LOCK_FILE);
  const owner = `${process.pid} ${randomBytes(8).toString("hex")}
`;
  const deadline = Date.now() + LOCK_WAIT_MS;
  for (let attempt = 0; ; attempt++) {
    try {
      await fs.writeFile(lock, owner, { flag: "wx" });
      break;
    } catch (err) {
      if (err.code !== "EEXIST") throw err;
    }
    const age = await fs.stat(lock).then(
      (st) => Date.now() - st.mtimeMs,
      () => 0
    );
    if (age > STALE_LOCK_MS) {
      await fs.rm(lock, { force: true });
      continue;
    }
    if (Date.now() > deadline) {
      throw new RunError(
        `Another writer has held ${lock} for over ${LOCK_WAIT_MS / 1e3} s; if no other run writes this OCI layout, remove the file and run again`
      );
    }
    await new Promise((resolve) => setTimeout(resolve, Math.min(200, 5 + attempt * 5)));
  }
  try {
    await update();
  } finally {
    const held = await fs.readFile(lock, "utf8").catch(() => "");
    if (held === owner) await fs.rm(lock, { force: true });
  }
}
async function writeLayoutReferrer(dir, referrer) {
  const blobDir = path.join(dir, "blobs", "sha256");
  await fs.mkdir(blobDir, { recursive: true });
  await ensureLayoutFile(dir);
  const manifest = memoryBlob(referrer.descriptor, referrer.bytes);
  for (const blob of [...referrer.blobs, manifest]) {
    if (!await hasBlob(blobDir, blob.descriptor)) await writeBlob(blobDir, blob);
  }
  await withIndexLock(dir, async () => {
    const index = await readIndexFile(dir, true);
    if (index.manifests.some((d) => d.digest === referrer.descriptor.digest)) return;
    index.manifests.push(referrer.descriptor);
    await writeAtomically(path.join(dir, INDEX_FILE), canonicalJson(index));
  });
}
async function ensureLayoutFile(dir) {
  const file = path.join(dir, LAYOUT_FILE);
  let text;
  try {
    text = await fs.readFile(file, "utf8");
  } catch {
    await writeAtomically(file, canonicalJson({ imageLayoutVersion: LAYOUT_VERSION }));
    return;
  }
  const version = parseJson(text, file).imageLayoutVersion;
  if (version !== LAYOUT_VERSION) {
    throw new InputError(
      `${file} declares image layout version ${String(version)}, not ${LAYOUT_VERSION}; use another output directory`
    );
  }
}
async function hasBlob(blobDir, d) {
  try {
    const st = await fs.stat(path.join(blobDir, hexOf(d.digest)));
    return st.isFile() && st.size === d.size;
  } catch {
    return false;
  }
}
async function writeBlob(blobDir, blob) {
  const { digest, size } = blob.descriptor;
  const final = path.join(blobDir, hexOf(digest));
  const temp = path.join(
    blobDir,
    `.${hexOf(digest)}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`
  );
  try {
    const check = new VerifyingStream(blob.descriptor, `blob ${digest}`);
    await pipelineAsync(
      await blob.open(),
      check,
      createWriteStream(temp, { highWaterMark: 1024 * 1024 })
    );
    await fs.rename(temp, final);
  } catch (err) {
    await fs.rm(temp, { force: true });
    throw new RunError(
      `Writing blob ${digest} (${size} bytes) into the OCI layout ${path.dirname(path.dirname(blobDir))} failed: ${errorMessage(err)}`
    );
  }
}
async function readLayoutBase(dir, tag, opts = {}) {
  const name = opts.name ?? `oci:${dir}${tag === void 0 ? "" : `:${tag}`}`;
  try {
    await fs.access(path.join(dir, LAYOUT_FILE));
  } catch {
    throw new InputError(
      `${dir} is not an OCI image layout (it has no ${LAYOUT_FILE} file); give a directory written by slipway, skopeo or umoci`
    );
  }
  await ensureLayoutFile(dir);
  const index = await readIndexFile(dir, false);
  const tags = index.manifests.map((d) => d.annotations?.[Annotation.RefName]).filter((t) => !!t);
  let top;
  if (tag !== void 0) {
    top = index.manifests.find((d) => d.annotations?.[Annotation.RefName] === tag);
    if (!top) {
      throw new InputError(
        `The OCI layout ${dir} has no image tagged "${tag}"; it has ${tags.length ? tags.join(", ") : "no tags"}`
      );
    }
  } else if (index.manifests.length === 1) {
    top = index.manifests[0];
  } else {
    throw new InputError(
      `The OCI layout ${dir} holds ${index.manifests.length} images; name one as oci:${dir}:TAG (tags: ${tags.join(", ") || "none"})`
    );
  }
  checkDescriptor(top, dir);
  if (INDEX_MEDIA_TYPES.includes(top.mediaType)) {
    const nested = await readJsonBlob(dir, top, MAX_MANIFEST_BYTES);
    const entries = runnableEntries(nested.manifests ?? []);
    if (entries.length === 0) {
      throw new RunError(
        `The index ${top.digest} in the OCI layout ${dir} lists no image manifest with a platform`
      );
    }
    const images = await Promise.all(entries.map((d) => readPlatformImage(dir, d, opts.logger)));
    return { name, digest: top.digest, images };
  }
  if (!MANIFEST_MEDIA_TYPES.includes(top.mediaType)) {
    throw new RunError(
      `The OCI layout ${dir} entry ${top.digest} has media type ${top.mediaType}, which is not an image`
    );
  }
  return { name, digest: top.digest, images: [await readPlatformImage(dir, top, opts.logger)] };
}
async function readPlatformImage(dir, d, logger) {
  checkDescriptor(d, dir);
  const manifest = await readJsonBlob(dir, d, MAX_MANIFEST_BYTES);
  if (!manifest.config || !Array.isArray(manifest.layers)) {
    throw new RunError(`The manifest ${d.digest} in the OCI layout ${dir} has no config or layers`);
  }
  checkDescriptor(manifest.config, dir);
  const stated = await readJsonBlob(dir, manifest.config, MAX_CONFIG_BYTES);
  if (typeof stated.architecture !== "string" || typeof stated.os !== "string") {
    throw new RunError(
      `The config ${manifest.config.digest} in the OCI layout ${dir} has no os/architecture`
    );
  }
  const where = `The image ${d.digest} in the OCI layout ${dir}`;
  const platform = checkedPlatform(d.platform ?? platformOfConfig(stated), where);
  const config = checkedLabels(stated, where, (line) => logger?.warn(line));
  return {
    platform,
    manifestDescriptor: { mediaType: d.mediaType, digest: d.digest, size: d.size, platform },
    manifest,
    config,
    layers: manifest.layers.map((layer) => {
      checkDescriptor(layer, dir);
      return layoutBlob(dir, layer);
    })
  };
}
async function readLayoutImage(dir) {
  const base = await readLayoutBase(dir);
  const [image] = base.images;
  if (base.images.length !== 1 || !image) {
    throw new RunError(
      `The OCI layout ${dir} holds ${base.images.length} platform images where one was built`
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
    layers: image.layers
  };
}
function layoutBlob(dir, descriptor) {
  return {
    descriptor,
    open: async () => {
      const file = blobPath(dir, descriptor.digest);
      const st = await fs.stat(file).catch(() => void 0);
      if (!st)
        throw new RunError(
          `The OCI layout ${dir} lacks blob ${descriptor.digest}; it is incomplete, write it again`
        );
      const check = new VerifyingStream(
        descriptor,
        `blob ${descriptor.digest} in the OCI layout ${dir}`
      );
      pipeline(createReadStream(file, { highWaterMark: 1024 * 1024 }), check, () => {
      });
      return check;
    }
  };
}
async function readJsonBlob(dir, d, limit) {
  if (d.size > limit) {
    throw new RunError(
      `Blob ${d.digest} in the OCI layout ${dir} is ${d.size} bytes, over the ${limit}-byte limit for JSON`
    );
  }
  const file = blobPath(dir, d.digest);
  let bytes;
  try {
    bytes = await fs.readFile(file);
  } catch {
    throw new RunError(
      `The OCI layout ${dir} lacks blob ${d.digest}; it is incomplete, write it again`
    );
  }
  if (bytes.length !== d.size || sha256(bytes) !== d.digest) {
    throw new RunError(
      `Blob ${d.digest} in the OCI layout ${dir} does not match its digest or size; the layout is corrupt`
    );
  }
  return parseJson(bytes.toString("utf8"), file);
}
async function readIndexFile(dir, createMissing) {
  const file = path.join(dir, INDEX_FILE);
  let text;
  try {
    text = await fs.readFile(file, "utf8");
  } catch {
    if (createMissing) return { schemaVersion: 2, mediaType: MediaType.OciIndex, manifests: [] };
    throw new InputError(
      `${dir} is not an OCI image layout (it has no ${INDEX_FILE}); give a directory written by slipway, skopeo or umoci`
    );
  }
  const index = parseJson(text, file);
  if (index.schemaVersion !== 2 || !Array.isArray(index.manifests)) {
    throw new InputError(
      `${file} is not an OCI image index (schemaVersion 2 with manifests); fix or remove it`
    );
  }
  return index;
}
function checkDescriptor(d, dir) {
  if (!d || typeof d.digest !== "string" || !isDigest(d.digest) || typeof d.size !== "number") {
    throw new RunError(
      `The OCI layout ${dir} has a descriptor without a sha256 digest and size; the layout is corrupt`
    );
  }
}
function parseJson(text, file) {
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new InputError(`${file} is not valid JSON (${errorMessage(err)}); fix or remove it`);
  }
}
function hexOf(digest) {
  if (!isDigest(digest)) throw new Error(`not a sha256 digest: ${String(digest)}`);
  return digest.slice("sha256:".length);
}
function blobPath(dir, digest) {
  return path.join(dir, "blobs", "sha256", hexOf(digest));
}
async function writeAtomically(file, bytes) {
  const temp = `${file}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`;
  await fs.writeFile(temp, bytes);
  await fs.rename(temp, file);
}

export {
  parseLayoutReference,
  writeLayout,
  writeLayoutReferrer,
  readLayoutBase,
  readLayoutImage
};
