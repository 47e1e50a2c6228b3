#!/usr/bin/env node
import { createRequire as __slipwayCreateRequire } from 'node:module';
import { fileURLToPath as __slipwayFileURLToPath } from 'node:url';
const require = __slipwayCreateRequire(import.meta.url);
const __filename = __slipwayFileURLToPath(import.meta.url);
const __dirname = __filename.slice(0, __filename.lastIndexOf('/'));
import {
  imageOf,
  memoryBlob,
  ociBlob
} from "./chunk-HCXPMCY4.js";
import "./chunk-X5I6WQPR.js";
import {
  sha256
} from "./chunk-OG2YEZ62.js";
import {
  require_tar_stream
} from "./chunk-UXAEXQQB.js";
import {
  MediaType
} from "./chunk-MPILWNXU.js";
import "./chunk-NPESS7R3.js";
import {
  RunError
} from "./chunk-B27IFLT6.js";
import {
  __toESM
} from "./chunk-3ILMJHGQ.js";

// src/image/docker-archive.ts
var import_tar_stream = __toESM(require_tar_stream());
import { createHash } from "node:crypto";
import { createReadStream, createWriteStream, promises as fs } from "node:fs";
import { join, posix } from "node:path";
import { Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import { createGzip } from "node:zlib";
var SMALL_FILE = 4 * 1024 * 1024;
async function readDockerArchive(archive, opts) {
  const index = await indexArchive(archive);
  const what = `the image docker saved (${archive})`;
  const entry = parseSaveManifest(file(index, "manifest.json", what), what);
  const configBytes = file(index, entry.Config, what);
  const config = JSON.parse(configBytes.toString("utf8"));
  const diffIds = config.rootfs?.diff_ids ?? [];
  if (diffIds.length !== entry.Layers.length) {
    throw new RunError(
      `${what} lists ${entry.Layers.length} layers but its config ${diffIds.length} diff_ids; build the image again`
    );
  }
  const fromBase = /* @__PURE__ */ new Map();
  for (const base of opts.bases ?? []) {
    base.config.rootfs.diff_ids.forEach((d, i) => {
      const blob = base.layers[i];
      if (blob) fromBase.set(d, ociBlob(blob));
    });
  }
  const wanted = /* @__PURE__ */ new Map();
  entry.Layers.forEach((name, i) => {
    if (!fromBase.has(diffIds[i])) wanted.set(resolve(index, name, what), diffIds[i]);
  });
  const made = await gzipLayers(archive, wanted, opts.tmpDir, what);
  const layers = entry.Layers.map((name, i) => {
    const shared = fromBase.get(diffIds[i]);
    if (shared) return shared;
    const gz = made.get(resolve(index, name, what));
    if (!gz) throw new RunError(`${what} lacks its layer ${name}; build the image again`);
    return gz;
  });
  const configBlob = memoryBlob(
    { mediaType: MediaType.OciConfig, digest: sha256(configBytes), size: configBytes.length },
    configBytes
  );
  const manifest = {
    schemaVersion: 2,
    mediaType: MediaType.OciManifest,
    config: configBlob.descriptor,
    layers: layers.map((l) => l.descriptor)
  };
  const platform = {
    os: config.os,
    architecture: config.architecture,
    ...config.variant ? { variant: config.variant } : {}
  };
  return imageOf(platform, manifest, configBlob, layers);
}
function parseSaveManifest(bytes, what) {
  const parsed = JSON.parse(bytes.toString("utf8"));
  const entries = Array.isArray(parsed) ? parsed : [];
  const [entry] = entries;
  if (entries.length !== 1 || typeof entry.Config !== "string" || !Array.isArray(entry.Layers) || !entry.Layers.every((l) => typeof l === "string")) {
    throw new RunError(
      `${what} has no manifest.json naming one image's config and layers; build the image again`
    );
  }
  return { Config: entry.Config, Layers: entry.Layers };
}
function resolve(index, name, what) {
  let current = name;
  for (let hops = 0; hops < 8; hops++) {
    if (index.files.has(current)) return current;
    const target = index.links.get(current);
    if (target === void 0) break;
    current = target;
  }
  throw new RunError(`${what} lacks ${name}; build the image again`);
}
function file(index, name, what) {
  const bytes = index.files.get(resolve(index, name, what))?.bytes;
  if (!bytes) throw new RunError(`${what}: ${name} is too big for a manifest or config`);
  return bytes;
}
function archiveName(name, from = "") {
  const joined = posix.normalize(posix.join(posix.dirname(from || "."), name));
  if (posix.isAbsolute(name) || joined.startsWith("..") || joined === ".") return void 0;
  return joined.replace(/^\.\//, "");
}
async function indexArchive(archive) {
  const index = { files: /* @__PURE__ */ new Map(), links: /* @__PURE__ */ new Map() };
  await eachEntry(archive, async (header, body) => {
    const name = archiveName(header.name);
    if (name === void 0) return void body.resume();
    if (header.type === "symlink" && header.linkname) {
      const target = archiveName(header.linkname, name);
      if (target !== void 0) index.links.set(name, target);
      return void body.resume();
    }
    if (header.type !== "file") return void body.resume();
    const size = header.size ?? 0;
    if (size > SMALL_FILE || name.endsWith(".tar")) {
      index.files.set(name, { size });
      return void body.resume();
    }
    const chunks = [];
    for await (const chunk of body) chunks.push(chunk);
    index.files.set(name, { size, bytes: Buffer.concat(chunks) });
  });
  return index;
}
async function gzipLayers(archive, wanted, tmpDir, what) {
  const made = /* @__PURE__ */ new Map();
  if (wanted.size === 0) return made;
  await fs.mkdir(tmpDir, { recursive: true });
  await eachEntry(archive, async (header, body) => {
    const name = archiveName(header.name);
    const diffId = name === void 0 ? void 0 : wanted.get(name);
    if (name === void 0 || diffId === void 0 || made.has(name)) return void body.resume();
    const path = join(tmpDir, `layer-${made.size}.tar.gz`);
    const tar = new Digesting();
    const gz = new Digesting();
    await pipeline(body, tar, createGzip(), gz, createWriteStream(path));
    if (tar.digest() !== diffId) {
      throw new RunError(
        `${what}: the layer ${name} is not the one its config lists (${diffId}); build the image again`
      );
    }
    const descriptor = {
      mediaType: MediaType.OciLayerGzip,
      digest: gz.digest(),
      size: gz.size
    };
    made.set(name, {
      descriptor,
      open: () => Promise.resolve(createReadStream(path, { highWaterMark: 1024 * 1024 }))
    });
  });
  return made;
}
var Digesting = class extends Transform {
  hash = createHash("sha256");
  size = 0;
  _transform(chunk, _enc, done) {
    this.hash.update(chunk);
    this.size += chunk.length;
    done(null, chunk);
  }
  digest() {
    return `sha256:${this.hash.digest("hex")}`;
  }
};
async function eachEntry(archive, each) {
  const extract = (0, import_tar_stream.extract)();
  const source = createReadStream(archive, { highWaterMark: 1024 * 1024 });
  source.on("error", (err) => extract.destroy(err));
  source.pipe(extract);
  for await (const entry of extract) {
    await each(entry.header, entry);
  }
}
export {
  readDockerArchive
};
