#!/usr/bin/env node
import { createRequire as __slipwayCreateRequire } from 'node:module';
import { fileURLToPath as __slipwayFileURLToPath } from 'node:url';
const require = __slipwayCreateRequire(import.meta.url);
const __filename = __slipwayFileURLToPath(import.meta.url);
const __dirname = __filename.slice(0, __filename.lastIndexOf('/'));
import {
  require_tar_stream
} from "./chunk-UXAEXQQB.js";
import {
  MediaType
} from "./chunk-MPILWNXU.js";
import {
  InputError,
  RunError,
  errorMessage
} from "./chunk-B27IFLT6.js";
import {
  __toESM
} from "./chunk-3ILMJHGQ.js";

// src/image/layer.ts
var import_tar_stream = __toESM(require_tar_stream());
import { createHash as createHash2 } from "node:crypto";
import {
  closeSync,
  constants,
  createReadStream,
  fstatSync,
  lstatSync,
  openSync,
  promises as fs2,
  readSync
} from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { Readable } from "node:stream";

// src/image/compression.ts
var TAR_MIN_INCOMPRESSIBLE_PERCENT = 90;
function layerFormat(tarSize, incompressibleBytes) {
  return tarSize > 0 && incompressibleBytes * 100 >= tarSize * TAR_MIN_INCOMPRESSIBLE_PERCENT ? "tar" : "gzip";
}
var COMPRESSED_MAGIC = [
  Buffer.from("PK", "latin1"),
  // zip, jar, nar, whl
  Buffer.from("PK", "latin1"),
  // empty zip
  Buffer.from([31, 139]),
  // gzip, .tgz
  Buffer.from([253, 55, 122, 88, 90, 0]),
  // xz
  Buffer.from([40, 181, 47, 253]),
  // zstd
  Buffer.from("BZh", "latin1"),
  // bzip2
  Buffer.from([55, 122, 188, 175, 39, 28]),
  // 7z
  Buffer.from([137, 80, 78, 71]),
  // png
  Buffer.from([255, 216, 255])
  // jpeg
];
var SMALL_FILE = 64 * 1024;
var SAMPLE_SIZE = 64 * 1024;
var UNIFORM_CHI2 = 1e4;
function hasCompressedMagic(head) {
  return COMPRESSED_MAGIC.some(
    (magic) => head.length >= magic.length && head.subarray(0, magic.length).equals(magic)
  );
}
function shouldStore(size, head) {
  if (size < SMALL_FILE) return false;
  if (hasCompressedMagic(head)) return true;
  const sample = head.subarray(0, SAMPLE_SIZE);
  const n = sample.length;
  if (n === 0) return false;
  const counts = new Uint32Array(256);
  for (let i = 0; i < n; i++) counts[sample[i]]++;
  let sum = 0;
  for (let b = 0; b < 256; b++) {
    const d = 256 * counts[b] - n;
    sum += d * d;
  }
  return sum < UNIFORM_CHI2 * 256 * n;
}

// src/image/layer-sink.ts
import { createHash } from "node:crypto";
import { promises as fs } from "node:fs";
async function inlineSink(file) {
  const out = await fs.open(file, "w");
  const hash = createHash("sha256");
  let size = 0;
  let writing = Promise.resolve();
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    await out.close();
  };
  return {
    async write(buffers) {
      if (buffers.length === 0) return;
      for (const b of buffers) {
        hash.update(b);
        size += b.length;
      }
      await writing;
      writing = out.writev(buffers);
    },
    async finish() {
      await writing;
      await close();
      return { digest: `sha256:${hash.digest("hex")}`, size };
    },
    async abort() {
      await writing.catch(() => void 0);
      await close();
    }
  };
}

// src/image/layer.ts
var LAYER_FORMAT_VERSION = 1;
var READ_NO_FOLLOW = constants.O_RDONLY | constants.O_NOFOLLOW;
var CHUNK = 4 * 1024 * 1024;
var MAX_ID = 2097151;
var S_IFREG = 32768;
var S_IFDIR = 16384;
var S_IFLNK = 40960;
async function buildLayer(entries, opts) {
  if (!Number.isInteger(opts.epoch) || opts.epoch < 0 || opts.epoch > 2147483647) {
    throw new InputError(
      `The build epoch ${opts.epoch} is not whole seconds between 1970 and 2038-01-19; set SOURCE_DATE_EPOCH to e.g. $(git log -1 --format=%ct)`
    );
  }
  const sorted = await withoutExistingParents(planEntries(entries), opts.existingDirectories);
  const parents2 = impliedNames(sorted);
  const mode = opts.compression ?? "auto";
  const mtime = new Date(opts.epoch * 1e3);
  const format = mode === "none" ? "tar" : mode === "auto" ? autoFormat(sorted) : "gzip";
  const hashing = opts.fileDigests && new FileHashing(opts.fileDigests, sorted);
  if (format === "tar" && opts.expected) {
    return { ...checkedTarLayer(sorted, mtime, opts.expected), parents: parents2 };
  }
  if (format === "tar") return { ...await buildTarLayer(sorted, mtime, opts, hashing), parents: parents2 };
  const dir = await fs2.mkdtemp(path.join(opts.tmpDir ?? os.tmpdir(), "slipway-layer-"));
  const blobPath = path.join(dir, "layer.tar.gz");
  try {
    const result = await writeGzipLayer(sorted, mtime, mode, blobPath, opts, hashing);
    let disposed = false;
    return {
      descriptor: { mediaType: MediaType.OciLayerGzip, digest: result.digest, size: result.size },
      diffId: result.diffId,
      format,
      tarSize: result.tarSize,
      storedBytes: result.storedBytes,
      parents: parents2,
      open: () => {
        if (disposed)
          return Promise.reject(new Error(`layer ${result.digest} was already disposed`));
        return Promise.resolve(createReadStream(blobPath, { highWaterMark: 1024 * 1024 }));
      },
      dispose: async () => {
        disposed = true;
        await fs2.rm(dir, { recursive: true, force: true });
      }
    };
  } catch (err) {
    await fs2.rm(dir, { recursive: true, force: true });
    throw err;
  }
}
function autoFormat(entries) {
  let tarSize = 1024;
  let candidates = 0;
  for (const entry of entries) {
    tarSize += 512;
    if (entry.kind !== "file") continue;
    tarSize += Math.ceil(entry.size / 512) * 512;
    if (entry.size >= SMALL_FILE) candidates += entry.size;
  }
  if (layerFormat(tarSize, candidates) === "gzip") return "gzip";
  let incompressible = 0;
  for (const entry of entries) {
    if (entry.kind === "file" && entry.size >= SMALL_FILE && shouldStore(entry.size, readHead(entry)))
      incompressible += entry.size;
  }
  return layerFormat(tarSize, incompressible);
}
function readHead(entry) {
  const { file } = entry;
  let fd;
  try {
    fd = openSync(file.source, READ_NO_FOLLOW);
  } catch (err) {
    throw new InputError(`Cannot read ${file.source} (for ${file.path}): ${errorMessage(err)}`);
  }
  try {
    const buf = Buffer.allocUnsafe(Math.min(SAMPLE_SIZE, entry.size));
    let got = 0;
    for (let n = -1; n !== 0 && got < buf.length; got += n)
      n = readSync(fd, buf, got, buf.length - got, got);
    return buf.subarray(0, got);
  } finally {
    closeSync(fd);
  }
}
async function layerParents(entries, existingDirectories) {
  return impliedNames(await withoutExistingParents(planEntries(entries), existingDirectories));
}
function impliedNames(entries) {
  return entries.flatMap((e) => e.kind === "dir" && e.implied ? [`/${e.name.slice(0, -1)}`] : []);
}
async function buildTarLayer(entries, mtime, { tee, signal }, hashing) {
  const hash = createHash2("sha256");
  let size = 0;
  for await (const data of startPack(entries, mtime, void 0, hashing)) {
    signal?.throwIfAborted();
    const chunk = data;
    hash.update(chunk);
    size += chunk.length;
    if (tee) await tee.write(chunk);
  }
  hashing?.handOut();
  return checkedTarLayer(entries, mtime, { digest: `sha256:${hash.digest("hex")}`, size });
}
function checkedTarLayer(entries, mtime, expected) {
  const { digest, size } = expected;
  const descriptor = { mediaType: MediaType.OciLayer, digest, size };
  let disposed = false;
  return {
    descriptor,
    diffId: digest,
    format: "tar",
    tarSize: size,
    storedBytes: size,
    open: () => {
      if (disposed) return Promise.reject(new Error(`layer ${digest} was already disposed`));
      return Promise.resolve(
        Readable.from(retar(entries, mtime, descriptor), { objectMode: false })
      );
    },
    dispose: () => {
      disposed = true;
      return Promise.resolve();
    }
  };
}
async function* retar(entries, mtime, expected) {
  const hash = createHash2("sha256");
  let size = 0;
  let held;
  for await (const data of startPack(entries, mtime)) {
    const chunk = data;
    hash.update(chunk);
    size += chunk.length;
    if (held) yield held;
    held = chunk;
  }
  const digest = `sha256:${hash.digest("hex")}`;
  if (digest !== expected.digest || size !== expected.size) {
    const sources = entries.flatMap((e) => e.kind === "file" ? [e.file.source] : []);
    throw new RunError(
      `The layer's files changed after the layer was built (its tar is now ${size} bytes with digest ${digest}, not ${expected.size} bytes with ${expected.digest}); make sure no other step writes ${sources.slice(0, 3).join(", ")}${sources.length > 3 ? ", \u2026" : ""} during the build, then run again`
    );
  }
  if (held) yield held;
}
function planEntries(entries) {
  const byName = /* @__PURE__ */ new Map();
  const add = (entry, what) => {
    const existing = byName.get(entry.name);
    if (existing?.kind === "dir" && entry.kind === "dir" && !existing.implied !== !entry.implied) {
      if (existing.implied) byName.set(entry.name, entry);
      return;
    }
    if (existing && !sameEntry(existing, entry)) {
      throw new InputError(
        `The image path /${entry.name.replace(/\/$/, "")} is given twice with different contents or owners (${what}); give each path once`
      );
    }
    byName.set(entry.name, entry);
  };
  for (const d of entries.directories) {
    const rel = imagePath(d.path, "directory");
    checkOwner(d.path, d.uid, d.gid, d.mode);
    const entry = { kind: "dir", name: `${rel}/`, mode: d.mode, uid: d.uid, gid: d.gid };
    if (d.ifMissing) entry.implied = true;
    add(entry, "directory");
  }
  const files = [];
  for (const f of entries.files) {
    const rel = imagePath(f.path, "file");
    checkOwner(f.path, f.uid, f.gid, f.mode);
    if (byName.has(`${rel}/`)) {
      throw new InputError(
        `The image path ${f.path} is both a file and a directory in the plan; give it once`
      );
    }
    let stat;
    try {
      stat = lstatSync(f.source);
    } catch (err) {
      throw new InputError(
        `Cannot read ${f.source} (for ${f.path}): ${errorMessage(err)}; check that the artifact was built`
      );
    }
    if (stat.isSymbolicLink()) {
      throw new InputError(
        `${f.source} (for ${f.path}) is a symbolic link, which Slipway does not follow into a layer; point the plan at the file itself`
      );
    }
    if (!stat.isFile()) {
      throw new InputError(
        `${f.source} (for ${f.path}) is not a regular file; point the plan at a file`
      );
    }
    const entry = {
      kind: "file",
      name: rel,
      file: f,
      size: stat.size,
      mtimeMs: stat.mtimeMs
    };
    add(entry, "file");
    files.push(entry);
  }
  for (const l of entries.symlinks ?? []) {
    const rel = imagePath(l.path, "link");
    checkOwner(l.path, l.uid, l.gid, 511);
    if (l.target === "" || l.target.includes("\0")) {
      throw new InputError(`The image link ${l.path} has an empty target or one with a NUL byte`);
    }
    if (byName.has(`${rel}/`)) {
      throw new InputError(
        `The image path ${l.path} is both a link and a directory in the plan; give it once`
      );
    }
    add({ kind: "link", name: rel, link: l }, "link");
  }
  for (const name of [...byName.keys()]) {
    for (const parent of parents(name)) {
      if (!byName.has(parent))
        byName.set(parent, {
          kind: "dir",
          name: parent,
          mode: 493,
          uid: 0,
          gid: 0,
          implied: true
        });
      const clash = byName.get(parent.slice(0, -1));
      if (clash) {
        throw new InputError(
          `The image path /${clash.name} is a file in the plan but also a parent directory of /${name}; rename one`
        );
      }
    }
  }
  return [...byName.values()].map((entry) => ({ entry, key: Buffer.from(entry.name) })).sort((a, b) => Buffer.compare(a.key, b.key)).map(({ entry }) => entry);
}
async function withoutExistingParents(entries, existing) {
  const implied = entries.flatMap(
    (e) => e.kind === "dir" && e.implied ? [`/${e.name.slice(0, -1)}`] : []
  );
  if (!existing || implied.length === 0) return entries;
  const has = await existing(implied);
  return entries.filter(
    (e) => !(e.kind === "dir" && e.implied && has.has(`/${e.name.slice(0, -1)}`))
  );
}
function sameEntry(a, b) {
  if (a.kind === "dir" && b.kind === "dir")
    return a.mode === b.mode && a.uid === b.uid && a.gid === b.gid;
  if (a.kind === "link" && b.kind === "link") {
    return a.link.target === b.link.target && a.link.uid === b.link.uid && a.link.gid === b.link.gid;
  }
  if (a.kind === "file" && b.kind === "file") {
    return a.file.source === b.file.source && a.file.mode === b.file.mode && a.file.uid === b.file.uid && a.file.gid === b.file.gid;
  }
  return false;
}
function imagePath(p, what) {
  if (!p.startsWith("/")) {
    throw new InputError(`The image ${what} path "${p}" must be absolute (start with /)`);
  }
  if (p.includes("\0")) throw new InputError(`The image ${what} path "${p}" contains a NUL byte`);
  const rel = path.posix.normalize(p).replace(/^\/+/, "").replace(/\/+$/, "");
  if (rel === "" || rel === ".")
    throw new InputError(`The image ${what} path "${p}" names the root; give a path below /`);
  return rel;
}
function checkOwner(p, uid, gid, mode) {
  for (const [name, value] of [
    ["uid", uid],
    ["gid", gid]
  ]) {
    if (!Number.isInteger(value) || value < 0 || value > MAX_ID) {
      throw new InputError(`The ${name} ${value} of ${p} is not between 0 and ${MAX_ID}`);
    }
  }
  if (!Number.isInteger(mode) || mode < 0 || mode > 4095) {
    throw new InputError(
      `The mode ${mode.toString(8)} of ${p} is not an octal mode between 0 and 7777`
    );
  }
}
function parents(name) {
  const parts = name.replace(/\/$/, "").split("/");
  const out = [];
  for (let i = 1; i < parts.length; i++) out.push(`${parts.slice(0, i).join("/")}/`);
  return out;
}
var FileHashing = class {
  constructor(want, entries) {
    this.want = want;
    this.entries = entries;
  }
  want;
  entries;
  digests = /* @__PURE__ */ new Map();
  wanted() {
    return this.want.wanted();
  }
  done(source, sha256) {
    this.digests.set(source, sha256);
  }
  /** Hands the digests out when the pass hashed every file. */
  handOut() {
    const all = this.entries.every((e) => e.kind !== "file" || this.digests.has(e.file.source));
    if (all) this.want.take(this.digests);
  }
};
function startPack(entries, mtime, store, hashing) {
  const pack = (0, import_tar_stream.pack)();
  pack.on("error", () => void 0);
  const produce = async () => {
    for (const entry of entries) {
      if (entry.kind === "dir") {
        await addEntry(pack, {
          name: entry.name,
          type: "directory",
          // the file-type bits keep tar-stream from replacing mode 0 by its default
          mode: S_IFDIR | entry.mode,
          uid: entry.uid,
          gid: entry.gid,
          mtime,
          uname: "",
          gname: ""
        });
      } else if (entry.kind === "link") {
        await addEntry(pack, {
          name: entry.name,
          type: "symlink",
          linkname: entry.link.target,
          mode: S_IFLNK | 511,
          uid: entry.link.uid,
          gid: entry.link.gid,
          mtime,
          uname: "",
          gname: ""
        });
      } else {
        await addFile(
          pack,
          entry,
          mtime,
          (head) => store?.decide(entry, head) ?? false,
          (chunk) => store?.mark(chunk),
          hashing
        );
      }
    }
    pack.finalize();
  };
  produce().catch((err) => {
    pack.destroy(err instanceof Error ? err : new Error(String(err)));
  });
  return pack;
}
async function writeGzipLayer(entries, mtime, mode, blobPath, { tee, signal }, hashing) {
  const storedChunks = /* @__PURE__ */ new WeakSet();
  let storedPlanned = 0;
  const pack = startPack(
    entries,
    mtime,
    {
      decide: (entry, head) => mode === "store" || mode === "auto" && shouldStore(entry.size, head),
      mark: (chunk) => {
        storedChunks.add(chunk);
        storedPlanned += chunk.length;
      }
    },
    hashing
  );
  const tarHash = createHash2("sha256");
  let tarSize = 0;
  let storedBytes = 0;
  let recognised = 0;
  const { GzipWriter, PAKO_LEVEL } = await import("./gzip-OB5BV7VK.js");
  const sink = await inlineSink(blobPath);
  const gzip = new GzipWriter(PAKO_LEVEL, true);
  const out = async (buffers) => {
    await sink.write(buffers);
    if (tee) for (const b of buffers) await tee.write(b);
  };
  let blob;
  try {
    for await (const data of pack) {
      signal?.throwIfAborted();
      const chunk = data;
      tarHash.update(chunk);
      tarSize += chunk.length;
      const marked = storedChunks.has(chunk);
      if (marked) recognised += chunk.length;
      if (marked || mode === "store") {
        storedBytes += chunk.length;
        await out(gzip.store(chunk));
      } else {
        await out(gzip.deflate(chunk));
      }
    }
    await out(gzip.finish());
    blob = await sink.finish();
  } catch (err) {
    pack.destroy(err instanceof Error ? err : new Error(String(err)));
    await sink.abort();
    throw err;
  }
  if (recognised !== storedPlanned) {
    throw new Error(`internal: ${storedPlanned} bytes planned as stored, ${recognised} recognised`);
  }
  hashing?.handOut();
  return {
    diffId: `sha256:${tarHash.digest("hex")}`,
    digest: blob.digest,
    size: blob.size,
    tarSize,
    storedBytes
  };
}
function addEntry(pack, header) {
  return new Promise((resolve, reject) => {
    pack.entry(header, (err) => err ? reject(err) : resolve());
  });
}
async function addFile(pack, entry, mtime, decideStore, markStored, hashing) {
  let hash = hashing?.wanted() ? createHash2("sha256") : void 0;
  const hashed = (chunk) => {
    if (hash && !hashing?.wanted()) hash = void 0;
    hash?.update(chunk);
  };
  const header = {
    name: entry.name,
    type: "file",
    size: entry.size,
    mode: S_IFREG | entry.file.mode,
    uid: entry.file.uid,
    gid: entry.file.gid,
    mtime,
    uname: "",
    gname: ""
  };
  if (entry.size <= SMALL_READ) {
    const data = readSmallFile(entry);
    hashed(data);
    if (data.length > 0 && decideStore(data.subarray(0, SAMPLE_SIZE))) markStored(data);
    await new Promise((resolve, reject) => {
      pack.entry(header, data, (err) => err ? reject(err) : resolve()).on("error", () => void 0);
    });
    if (hash) hashing?.done(entry.file.source, hash.digest("hex"));
    return;
  }
  const { file, size } = entry;
  let fh;
  try {
    fh = await fs2.open(file.source, READ_NO_FOLLOW);
  } catch (err) {
    throw new InputError(`Cannot read ${file.source} (for ${file.path}): ${errorMessage(err)}`);
  }
  try {
    checkUnchanged(entry, await fh.stat(), "size or time changed");
    let finished = () => void 0;
    const done = new Promise((resolve, reject) => {
      finished = (err) => err ? reject(err) : resolve();
    });
    done.catch(() => void 0);
    const sink = pack.entry(header, (err) => finished(err));
    sink.on("error", () => void 0);
    let position = 0;
    let store;
    while (position < size) {
      const chunk = await readFully(fh, Math.min(CHUNK, size - position), position);
      if (chunk.length === 0) throw changed(entry, position, "it became shorter");
      store ??= decideStore(chunk.subarray(0, SAMPLE_SIZE));
      if (store) markStored(chunk);
      hashed(chunk);
      position += chunk.length;
      if (!sink.write(chunk)) await drained(sink);
    }
    const probe = await fh.read(Buffer.alloc(1), 0, 1, size);
    if (probe.bytesRead > 0) throw changed(entry, (await fh.stat()).size, "it grew");
    checkUnchanged(entry, await fh.stat(), "it was modified");
    sink.end(null);
    await done;
    if (hash) hashing?.done(file.source, hash.digest("hex"));
  } finally {
    await fh.close();
  }
}
var SMALL_READ = 1024 * 1024;
function readSmallFile(entry) {
  const { file, size } = entry;
  let fd;
  try {
    fd = openSync(file.source, READ_NO_FOLLOW);
  } catch (err) {
    throw new InputError(`Cannot read ${file.source} (for ${file.path}): ${errorMessage(err)}`);
  }
  try {
    checkUnchanged(entry, fstatSync(fd), "size or time changed");
    const buf = Buffer.allocUnsafe(size + 1);
    let got = 0;
    for (let n = -1; n !== 0 && got <= size; got += n)
      n = readSync(fd, buf, got, size + 1 - got, got);
    if (got > size) throw changed(entry, fstatSync(fd).size, "it grew");
    if (got < size) throw changed(entry, got, "it became shorter");
    checkUnchanged(entry, fstatSync(fd), "it was modified");
    return buf.subarray(0, size);
  } finally {
    closeSync(fd);
  }
}
function checkUnchanged(entry, now, why) {
  if (now.size !== entry.size || now.mtimeMs !== entry.mtimeMs) throw changed(entry, now.size, why);
}
function changed(entry, now, why) {
  return new RunError(
    `${entry.file.source} changed while Slipway was reading it into the layer (${why}: ${entry.size} bytes at the start, ${now} now); make sure no other step writes it during the build, then run again`
  );
}
async function readFully(fh, length, position) {
  const buf = Buffer.allocUnsafe(length);
  let got = 0;
  while (got < length) {
    const { bytesRead } = await fh.read(buf, got, length - got, position + got);
    if (bytesRead === 0) break;
    got += bytesRead;
  }
  return got === length ? buf : buf.subarray(0, got);
}
function drained(sink) {
  return new Promise((resolve, reject) => {
    const onDrain = () => {
      sink.off("close", onClose);
      resolve();
    };
    const onClose = () => {
      sink.off("drain", onDrain);
      reject(new Error("the layer tar stream was closed while a file was written into it"));
    };
    sink.once("drain", onDrain);
    sink.once("close", onClose);
  });
}

export {
  LAYER_FORMAT_VERSION,
  buildLayer,
  layerParents
};
