#!/usr/bin/env node
import { createRequire as __slipwayCreateRequire } from 'node:module';
import { fileURLToPath as __slipwayFileURLToPath } from 'node:url';
const require = __slipwayCreateRequire(import.meta.url);
const __filename = __slipwayFileURLToPath(import.meta.url);
const __dirname = __filename.slice(0, __filename.lastIndexOf('/'));
import {
  YamlFile
} from "./chunk-2QLZBW3T.js";
import {
  displayPath
} from "./chunk-EFEMPYRR.js";
import {
  require_tar_stream
} from "./chunk-UXAEXQQB.js";
import {
  InputError,
  errorMessage
} from "./chunk-B27IFLT6.js";
import {
  __toESM
} from "./chunk-3ILMJHGQ.js";

// src/connectors/inspect/tar.ts
var import_tar_stream = __toESM(require_tar_stream());
import { createReadStream, createWriteStream } from "node:fs";
import { chmod, mkdir } from "node:fs/promises";
import { dirname, join } from "node:path";
import { pipeline } from "node:stream/promises";
import { createGunzip } from "node:zlib";

// src/connectors/inspect/zip.ts
var MAX_TEXT_ENTRY_BYTES = 1024 * 1024;
var MAX_NESTED_ARCHIVE_BYTES = 64 * 1024 * 1024;
var MAX_OPEN_NESTED_BYTES = 192 * 1024 * 1024;
var MAX_TOTAL_UNCOMPRESSED_BYTES = 8 * 1024 * 1024 * 1024;
var MAX_ENTRIES = 2e5;
var MAX_DEFLATE_RATIO = 1100;
async function zipReader() {
  return (await import("./yauzl-5HV3C5TD.js")).default;
}
async function openZip(path, label) {
  const yauzl = await zipReader();
  let zip;
  try {
    zip = await yauzl.openPromise(path, { lazyEntries: true, autoClose: false });
  } catch (err) {
    throw new InputError(
      `${label} is not a readable zip archive (${errorMessage(err)}); rebuild it or point artifact at the right file.`,
      { file: label }
    );
  }
  return listArchive(zip, label);
}
async function openZipBuffer(buffer, label) {
  const yauzl = await zipReader();
  let zip;
  try {
    zip = await yauzl.fromBufferPromise(buffer, { lazyEntries: true, autoClose: false });
  } catch (err) {
    throw new InputError(`${label} is not a readable zip archive (${errorMessage(err)}).`, {
      file: label
    });
  }
  return listArchive(zip, label, buffer);
}
async function listArchive(zip, label, bytes) {
  const entries = /* @__PURE__ */ new Map();
  let declaredTotal = 0;
  try {
    if (zip.entryCount > MAX_ENTRIES) {
      throw new InputError(
        `${label} declares ${zip.entryCount} entries (more than ${MAX_ENTRIES}); refusing it as a possible zip bomb.`,
        { file: label }
      );
    }
    for await (const entry of zip.eachEntry()) {
      declaredTotal += entry.uncompressedSize;
      if (declaredTotal > MAX_TOTAL_UNCOMPRESSED_BYTES) {
        throw new InputError(
          `${label} declares more than ${MAX_TOTAL_UNCOMPRESSED_BYTES / 2 ** 30} GiB of uncompressed content; refusing it as a possible zip bomb.`,
          { file: label }
        );
      }
      entries.set(entry.fileName, entry);
    }
  } catch (err) {
    zip.close();
    if (err instanceof InputError) throw err;
    throw unsafeArchiveError(label, err);
  }
  const read = (name, maxBytes = MAX_TEXT_ENTRY_BYTES) => readEntry(zip, label, entries, name, maxBytes);
  const nested = new NestedArchives(label, entries, read);
  const archive = {
    label,
    entries,
    bytes,
    has: (name) => entries.has(name),
    read,
    readText: async (name, maxBytes) => (await read(name, maxBytes)).toString("utf8"),
    nested: (name) => nested.open(name),
    close: () => {
      nested.close();
      zip.close();
    }
  };
  return archive;
}
var NestedArchives = class {
  constructor(label, entries, read) {
    this.label = label;
    this.entries = entries;
    this.read = read;
  }
  label;
  entries;
  read;
  /** By name, least recently used first; a failure stays, so it is not tried again. */
  archives = /* @__PURE__ */ new Map();
  /** Inflated bytes of those that are open. */
  sizes = /* @__PURE__ */ new Map();
  openBytes = 0;
  open(name) {
    const known = this.archives.get(name);
    if (known) {
      this.archives.delete(name);
      this.archives.set(name, known);
      return known;
    }
    const opening = this.inflate(name);
    this.archives.set(name, opening);
    return opening;
  }
  close() {
    for (const opening of this.archives.values()) {
      opening.then((a) => a?.close()).catch(() => void 0);
    }
    this.archives.clear();
    this.sizes.clear();
    this.openBytes = 0;
  }
  async inflate(name) {
    const entry = this.entries.get(name);
    if (!entry || entry.uncompressedSize > MAX_NESTED_ARCHIVE_BYTES) return void 0;
    const bytes = await this.read(name, MAX_NESTED_ARCHIVE_BYTES);
    const archive = await openZipBuffer(bytes, `${this.label}!/${name}`);
    for (const other of this.archives.keys()) {
      if (this.openBytes + bytes.length <= MAX_OPEN_NESTED_BYTES) break;
      const size = this.sizes.get(other);
      if (size === void 0) continue;
      const dropped = this.archives.get(other);
      this.archives.delete(other);
      this.sizes.delete(other);
      this.openBytes -= size;
      dropped?.then((a) => a?.close()).catch(() => void 0);
    }
    this.sizes.set(name, bytes.length);
    this.openBytes += bytes.length;
    return archive;
  }
};
function unsafeArchiveError(label, err) {
  const message = errorMessage(err);
  const slip = /^(invalid relative path|absolute path|invalid characters in fileName): (.*)$/.exec(
    message
  );
  if (slip) {
    return new InputError(
      `${label} holds the entry "${slip[2]}", whose name points outside the folder it would be unpacked into (zip slip); rebuild the archive without it.`,
      { file: label }
    );
  }
  return new InputError(`${label} is not a valid zip archive (${message}); rebuild it.`, {
    file: label
  });
}
async function readEntry(zip, label, entries, name, maxBytes) {
  const entry = entries.get(name);
  const where = `${label}!/${name}`;
  if (!entry) throw new InputError(`${where} does not exist.`, { file: label });
  if (entry.uncompressedSize > maxBytes) {
    throw new InputError(
      `${where} declares ${entry.uncompressedSize} bytes, more than the ${maxBytes} Slipway reads from such an entry; refusing it as a possible zip bomb.`,
      { file: label }
    );
  }
  if (entry.compressionMethod === 8 && entry.uncompressedSize > MAX_DEFLATE_RATIO * Math.max(entry.compressedSize, 1)) {
    throw new InputError(
      `${where} declares a compression ratio deflate cannot reach (${entry.uncompressedSize} from ${entry.compressedSize} bytes); refusing the forged entry.`,
      { file: label }
    );
  }
  try {
    const stream = await zip.openReadStreamPromise(entry);
    const chunks = [];
    for await (const chunk of stream) chunks.push(chunk);
    return Buffer.concat(chunks);
  } catch (err) {
    throw new InputError(`${where} cannot be read (${errorMessage(err)}); rebuild the archive.`, {
      file: label
    });
  }
}
async function withZip(open, fn) {
  const zip = await open;
  try {
    return await fn(zip);
  } finally {
    zip.close();
  }
}

// src/connectors/inspect/tar.ts
function openTar(path) {
  const raw = createReadStream(path);
  return /\.(tgz|tar\.gz)$/i.test(path) ? raw.pipe(createGunzip()) : raw;
}
function entryName(label, rawName, strip) {
  const name = rawName.replace(/^(\.\/)+/, "").replace(/\/+$/, "");
  if (name === "" || name === ".") return void 0;
  const parts = name.split("/");
  if (name.startsWith("/") || parts.includes("..") || name.includes("\\")) {
    throw new InputError(
      `${label} holds the entry "${rawName}", whose name points outside the folder it is unpacked into; rebuild the archive without it.`,
      { file: label }
    );
  }
  const kept = parts.slice(strip).filter((p) => p !== "." && p !== "");
  return kept.length === 0 ? void 0 : kept.join("/");
}
async function walkTar(path, label, strip, visit) {
  const extract = import_tar_stream.default.extract();
  const source = openTar(path);
  source.on("error", (err) => extract.destroy(err));
  source.pipe(extract);
  let total = 0;
  try {
    for await (const entry of extract) {
      const header = entry.header;
      const type = header.type ?? "file";
      const name = entryName(label, header.name, strip);
      if (type !== "file" && type !== "directory" && type !== "contiguous-file") {
        throw new InputError(
          `${label} holds "${header.name}", a ${type}; only files and folders are supported in a distribution tar.`,
          { file: label }
        );
      }
      total += header.size ?? 0;
      if (total > MAX_TOTAL_UNCOMPRESSED_BYTES) {
        throw new InputError(`${label} is bigger than 8 GiB unpacked; refusing it.`, {
          file: label
        });
      }
      if (name === void 0) {
        entry.resume();
        continue;
      }
      await visit(
        {
          name,
          type: type === "directory" ? "directory" : "file",
          mode: (header.mode ?? 420) & 4095,
          size: header.size ?? 0
        },
        entry
      );
      entry.resume();
    }
  } catch (err) {
    source.destroy();
    if (err instanceof InputError) throw err;
    throw new InputError(`${label} is not a readable tar archive (${errorMessage(err)}).`, {
      file: label
    });
  }
}
async function listTar(path, label, strip = 0) {
  const out = [];
  await walkTar(path, label, strip, (entry) => {
    out.push(entry);
    return Promise.resolve();
  });
  return out;
}
async function extractTar(path, label, destination, strip) {
  const out = [];
  await walkTar(path, label, strip, async (entry, body) => {
    const target = join(destination, entry.name);
    if (entry.type === "directory") {
      await mkdir(target, { recursive: true });
    } else {
      await mkdir(dirname(target), { recursive: true });
      await pipeline(body, createWriteStream(target, { mode: 384 }));
      await chmod(target, entry.mode & 511 | 384);
    }
    out.push(entry);
  });
  return out;
}

// src/connectors/inspect/airbyte.ts
import { readFile as readFile2, readdir as readdir2, stat } from "node:fs/promises";
import { join as join3 } from "node:path";

// src/connectors/inspect/components.ts
import { createHash } from "node:crypto";
import { basename as basename3, extname as extname2 } from "node:path";

// src/connectors/inspect/java.ts
var MANIFEST_ENTRY = "META-INF/MANIFEST.MF";
var BUNDLED_DEPENDENCIES = "META-INF/bundled-dependencies/";
function parseManifest(text) {
  const out = {};
  let last;
  for (const line of text.split(/\r\n|\r|\n/)) {
    if (line === "") break;
    if (line.startsWith(" ") && last !== void 0) {
      out[last] += line.slice(1);
      continue;
    }
    const colon = line.indexOf(":");
    if (colon <= 0) continue;
    last = line.slice(0, colon).trim();
    out[last] = line.slice(colon + 1).trim();
  }
  return out;
}
function parseProperties(text) {
  const out = {};
  for (const raw of text.split(/\r\n|\r|\n/)) {
    const line = raw.trim();
    if (line === "" || line.startsWith("#") || line.startsWith("!")) continue;
    const match = /^((?:\\.|[^=:\s\\])+)\s*[=:\s]\s*(.*)$/.exec(line);
    if (!match) continue;
    out[match[1].replace(/\\(.)/g, "$1")] = match[2].replace(/\\(.)/g, "$1");
  }
  return out;
}
var CLASS_NAME = /^[A-Za-z_$][\w$]*(\.[A-Za-z_$][\w$]*)*$/;
function isClassName(value) {
  return CLASS_NAME.test(value);
}
function classEntry(className) {
  return `${className.replace(/\./g, "/")}.class`;
}
function bundledJars(zip) {
  return [...zip.entries.keys()].filter(
    (name) => name.startsWith(BUNDLED_DEPENDENCIES) && name.toLowerCase().endsWith(".jar")
  ).filter((name) => !name.slice(BUNDLED_DEPENDENCIES.length).includes("/")).sort();
}
async function findClasses(zip, classNames) {
  const found = /* @__PURE__ */ new Map();
  const unreadable = [];
  let missing = classNames.filter((name) => {
    if (zip.has(classEntry(name))) found.set(name, { in: "root" });
    else if (zip.has(BUNDLED_DEPENDENCIES + classEntry(name))) found.set(name, { in: "root" });
    return !found.has(name);
  });
  for (const jar of bundledJars(zip)) {
    if (missing.length === 0) break;
    try {
      const inner = await zip.nested(jar);
      if (!inner) {
        unreadable.push(jar);
        continue;
      }
      missing = missing.filter((name) => {
        if (inner.has(classEntry(name))) found.set(name, { in: "bundled", jar });
        return !found.has(name);
      });
    } catch (err) {
      if (!(err instanceof InputError)) throw err;
      unreadable.push(jar);
    }
  }
  return { found, unreadable };
}
async function ownCoordinates(zip, fileName) {
  const poms = [...zip.entries.keys()].filter(
    (name) => name.startsWith("META-INF/maven/") && name.endsWith("/pom.properties")
  );
  const byName = poms.filter((name) => {
    const artifactId = name.split("/")[3];
    return artifactId !== void 0 && fileName.startsWith(`${artifactId}-`);
  });
  const chosen = byName.length >= 1 ? byName[0] : poms.length === 1 ? poms[0] : void 0;
  if (!chosen) return void 0;
  const props = parseProperties(await zip.readText(chosen));
  return { groupId: props.groupId, artifactId: props.artifactId, version: props.version };
}

// src/connectors/inspect/pulsar.ts
import { basename } from "node:path";

// src/connectors/inspect/classpath.ts
var BUNDLED_DIRECTORY_ENTRY = BUNDLED_DEPENDENCIES;
var MAX_CLASS_FILE_BYTES = 8 * 1024 * 1024;
function mayBeANarArchive(zip) {
  const entry = zip.entries.get(BUNDLED_DIRECTORY_ENTRY);
  return entry !== void 0 && entry.fileName.endsWith("/");
}
function narClassPathJars(zip) {
  return [...zip.entries.keys()].filter((name) => name.startsWith(BUNDLED_DEPENDENCIES) && !name.endsWith("/")).filter((name) => !name.slice(BUNDLED_DEPENDENCIES.length).includes("/")).filter((name) => name.toLowerCase().endsWith(".jar")).sort();
}
var ArchiveClassPath = class _ArchiveClassPath {
  constructor(zip, asNar, jars) {
    this.zip = zip;
    this.asNar = asNar;
    this.jars = jars;
  }
  zip;
  asNar;
  jars;
  /** Bundled jars too big or broken to look into. */
  unreadable = [];
  /** Entry names of the nested jars: kept when the archive closes a jar to make room. */
  jarNames = /* @__PURE__ */ new Map();
  static of(zip) {
    const asNar = mayBeANarArchive(zip);
    return new _ArchiveClassPath(zip, asNar, asNar ? narClassPathJars(zip) : []);
  }
  /** The class file for a binary name, or undefined when the class path does not hold it. */
  async find(className) {
    const entry = classEntry(className);
    const label = this.zip.label;
    if (this.zip.has(entry)) {
      return {
        bytes: await this.zip.read(entry, MAX_CLASS_FILE_BYTES),
        where: `${label}!/${entry}`
      };
    }
    if (!this.asNar) return void 0;
    const loose = `${BUNDLED_DEPENDENCIES}${entry}`;
    if (this.zip.has(loose)) {
      return {
        bytes: await this.zip.read(loose, MAX_CLASS_FILE_BYTES),
        where: `${label}!/${loose}`
      };
    }
    for (const jar of this.jars) {
      const names = await this.namesOf(jar);
      if (!names?.has(entry)) continue;
      const archive = await this.open(jar);
      if (!archive) continue;
      return {
        bytes: await archive.read(entry, MAX_CLASS_FILE_BYTES),
        where: `${archive.label}!/${entry}`,
        jar
      };
    }
    return void 0;
  }
  /** Every class on the class path (binary names, nested classes left out), in class path order. */
  async classNames() {
    const out = /* @__PURE__ */ new Set();
    const add = (names, prefix = "") => {
      for (const name of names) {
        if (!name.startsWith(prefix) || !name.endsWith(".class") || name.includes("$")) continue;
        const rest = name.slice(prefix.length);
        if (rest.startsWith("META-INF/") || rest === "module-info.class") continue;
        out.add(rest.slice(0, -".class".length).replace(/\//g, "."));
      }
    };
    add(this.zip.entries.keys());
    if (this.asNar) {
      add(this.zip.entries.keys(), BUNDLED_DEPENDENCIES);
      for (const jar of this.jars) add(await this.namesOf(jar) ?? []);
    }
    return [...out];
  }
  async namesOf(jar) {
    const known = this.jarNames.get(jar);
    if (known) return known;
    const archive = await this.open(jar);
    if (!archive) return void 0;
    const names = new Set(archive.entries.keys());
    this.jarNames.set(jar, names);
    return names;
  }
  /** The nested jar, opened by the archive (which keeps recent ones open for its other readers). */
  async open(jar) {
    if (this.unreadable.includes(jar)) return void 0;
    try {
      const archive = await this.zip.nested(jar);
      if (!archive) this.unreadable.push(jar);
      return archive;
    } catch (err) {
      if (!(err instanceof InputError)) throw err;
      this.unreadable.push(jar);
      return void 0;
    }
  }
};

// src/connectors/inspect/classfile.ts
var CLASS_MAGIC = 3405691582;
var ACC_INTERFACE = 512;
var ACC_ABSTRACT = 1024;
var ClassFileError = class extends Error {
};
var TAG = {
  Utf8: 1,
  Integer: 3,
  Float: 4,
  Long: 5,
  Double: 6,
  Class: 7,
  String: 8,
  Fieldref: 9,
  Methodref: 10,
  InterfaceMethodref: 11,
  NameAndType: 12,
  MethodHandle: 15,
  MethodType: 16,
  Dynamic: 17,
  InvokeDynamic: 18,
  Module: 19,
  Package: 20
};
var FIXED_BODY_SIZE = {
  [TAG.Integer]: 4,
  [TAG.Float]: 4,
  [TAG.Long]: 8,
  [TAG.Double]: 8,
  [TAG.Class]: 2,
  [TAG.String]: 2,
  [TAG.Fieldref]: 4,
  [TAG.Methodref]: 4,
  [TAG.InterfaceMethodref]: 4,
  [TAG.NameAndType]: 4,
  [TAG.MethodHandle]: 3,
  [TAG.MethodType]: 2,
  [TAG.Dynamic]: 4,
  [TAG.InvokeDynamic]: 4,
  [TAG.Module]: 2,
  [TAG.Package]: 2
};
var Reader = class {
  constructor(bytes) {
    this.bytes = bytes;
  }
  bytes;
  at = 0;
  need(n) {
    if (this.at + n > this.bytes.length) {
      throw new ClassFileError(`the class file ends at byte ${this.bytes.length}`);
    }
  }
  u1() {
    this.need(1);
    return this.bytes[this.at++];
  }
  u2() {
    this.need(2);
    const v = this.bytes.readUInt16BE(this.at);
    this.at += 2;
    return v;
  }
  u4() {
    this.need(4);
    const v = this.bytes.readUInt32BE(this.at);
    this.at += 4;
    return v;
  }
  take(n) {
    this.need(n);
    const v = this.bytes.subarray(this.at, this.at + n);
    this.at += n;
    return v;
  }
  skip(n) {
    this.need(n);
    this.at += n;
  }
};
function decodeModifiedUtf8(bytes) {
  const units = [];
  for (let i = 0; i < bytes.length; ) {
    const a = bytes[i];
    if (a < 128 && a !== 0) {
      units.push(a);
      i += 1;
    } else if ((a & 224) === 192 && i + 1 < bytes.length) {
      units.push((a & 31) << 6 | bytes[i + 1] & 63);
      i += 2;
    } else if ((a & 240) === 224 && i + 2 < bytes.length) {
      units.push((a & 15) << 12 | (bytes[i + 1] & 63) << 6 | bytes[i + 2] & 63);
      i += 3;
    } else {
      throw new ClassFileError(`a constant pool string holds the invalid byte 0x${a.toString(16)}`);
    }
  }
  let out = "";
  for (let i = 0; i < units.length; i += 4096) {
    out += String.fromCharCode(...units.slice(i, i + 4096));
  }
  return out;
}
function parseClassFile(bytes) {
  const r = new Reader(bytes);
  if (bytes.length < 4 || r.u4() !== CLASS_MAGIC) {
    throw new ClassFileError("it does not start with 0xCAFEBABE");
  }
  const minorVersion = r.u2();
  const majorVersion = r.u2();
  const poolCount = r.u2();
  const pool = [void 0];
  for (let index = 1; index < poolCount; index++) {
    const tag = r.u1();
    if (tag === TAG.Utf8) {
      pool.push({ tag, text: decodeModifiedUtf8(r.take(r.u2())) });
      continue;
    }
    const size = FIXED_BODY_SIZE[tag];
    if (size === void 0) {
      throw new ClassFileError(`constant pool entry ${index} has the unknown tag ${tag}`);
    }
    if (tag === TAG.Class || tag === TAG.Module || tag === TAG.Package) {
      pool.push({ tag, ref: r.u2() });
    } else {
      r.skip(size);
      pool.push({ tag, ref: 0 });
    }
    if (tag === TAG.Long || tag === TAG.Double) {
      pool.push(void 0);
      index++;
    }
  }
  const utf8 = (index) => {
    const entry = pool[index];
    if (!entry || entry.tag !== TAG.Utf8 || !("text" in entry)) {
      throw new ClassFileError(`constant pool entry ${index} is not a UTF-8 string`);
    }
    return entry.text;
  };
  const className = (index) => {
    const entry = pool[index];
    if (!entry || entry.tag !== TAG.Class || !("ref" in entry)) {
      throw new ClassFileError(`constant pool entry ${index} is not a class`);
    }
    return utf8(entry.ref).replace(/\//g, ".");
  };
  const accessFlags = r.u2();
  const thisClass = className(r.u2());
  const superIndex = r.u2();
  const superClass = superIndex === 0 ? void 0 : className(superIndex);
  const interfaceCount = r.u2();
  const interfaces = [];
  for (let i = 0; i < interfaceCount; i++) interfaces.push(className(r.u2()));
  const isInterface = (accessFlags & ACC_INTERFACE) !== 0;
  return {
    majorVersion,
    minorVersion,
    accessFlags,
    thisClass,
    superClass,
    interfaces,
    isInterface,
    isAbstract: isInterface || (accessFlags & ACC_ABSTRACT) !== 0
  };
}

// src/connectors/inspect/roles.ts
var ROLE_TYPES = {
  source: "org.apache.pulsar.io.core.Source",
  "batch-source": "org.apache.pulsar.io.core.BatchSource",
  sink: "org.apache.pulsar.io.core.Sink",
  "pulsar-function": "org.apache.pulsar.functions.api.Function",
  "java-function": "java.util.function.Function",
  "window-function": "org.apache.pulsar.functions.api.WindowFunction"
};
var ACCEPTS = {
  source: ["source", "batch-source"],
  sink: ["sink"],
  // A WindowFunction runs through WindowFunctionExecutor when the function has a window config.
  function: ["pulsar-function", "java-function", "window-function"]
};
var PULSAR_RUNTIME_TYPES = {
  "java.lang.Object": { abstract: false, interfaces: [] },
  "java.lang.AutoCloseable": { abstract: true, interfaces: [] },
  "java.io.Closeable": { abstract: true, interfaces: ["java.lang.AutoCloseable"] },
  "java.io.Serializable": { abstract: true, interfaces: [] },
  "java.util.function.Function": { abstract: true, interfaces: [] },
  "java.util.function.UnaryOperator": {
    abstract: true,
    interfaces: ["java.util.function.Function"]
  },
  "org.apache.pulsar.io.core.Source": { abstract: true, interfaces: ["java.lang.AutoCloseable"] },
  "org.apache.pulsar.io.core.BatchSource": {
    abstract: true,
    interfaces: ["java.lang.AutoCloseable"]
  },
  "org.apache.pulsar.io.core.Sink": { abstract: true, interfaces: ["java.lang.AutoCloseable"] },
  "org.apache.pulsar.io.core.AbstractPushSource": {
    abstract: true,
    superClass: "java.lang.Object",
    interfaces: []
  },
  "org.apache.pulsar.io.core.PushSource": {
    abstract: true,
    superClass: "org.apache.pulsar.io.core.AbstractPushSource",
    interfaces: ["org.apache.pulsar.io.core.Source"]
  },
  "org.apache.pulsar.io.core.BatchPushSource": {
    abstract: true,
    superClass: "org.apache.pulsar.io.core.AbstractPushSource",
    interfaces: ["org.apache.pulsar.io.core.BatchSource"]
  },
  "org.apache.pulsar.io.core.BatchSourceTriggerer": { abstract: true, interfaces: [] },
  "org.apache.pulsar.functions.api.Function": { abstract: true, interfaces: [] },
  "org.apache.pulsar.functions.api.WindowFunction": { abstract: true, interfaces: [] }
};
async function findRoles(classPath, className) {
  const result = {
    className,
    status: "resolved",
    abstract: false,
    roles: [],
    unresolved: []
  };
  const parent = /* @__PURE__ */ new Map([[className, void 0]]);
  const queue = [className];
  const chainTo = (name) => {
    const chain = [];
    for (let at = name; at !== void 0; at = parent.get(at))
      chain.unshift(at);
    return chain;
  };
  while (queue.length > 0) {
    const name = queue.shift();
    const role = Object.keys(ROLE_TYPES).find((r) => ROLE_TYPES[r] === name);
    if (role && !result.roles.some((r) => r.role === role)) {
      result.roles.push({ role, chain: chainTo(name) });
    }
    const type = await typeOf(classPath, name);
    if (name === className) {
      if (type.kind === "unreadable") {
        return { ...result, status: "unknown", reason: type.reason };
      }
      if (type.kind === "known") result.abstract = type.abstract;
    }
    if (type.kind !== "known") {
      if (type.kind === "missing" || type.kind === "unreadable") result.unresolved.push(name);
      continue;
    }
    for (const next of [type.superClass, ...type.interfaces]) {
      if (next === void 0 || parent.has(next)) continue;
      parent.set(next, name);
      queue.push(next);
    }
  }
  return result;
}
async function typeOf(classPath, name) {
  const runtime = PULSAR_RUNTIME_TYPES[name];
  if (runtime) return { kind: "known", ...runtime };
  if (/^(java|javax|jdk|sun)\./.test(name)) return { kind: "jdk" };
  let found;
  try {
    found = await classPath.find(name);
  } catch (err) {
    return { kind: "unreadable", reason: errorMessage(err) };
  }
  if (!found) return { kind: "missing" };
  try {
    const head = parseClassFile(found.bytes);
    return {
      kind: "known",
      abstract: head.isAbstract,
      superClass: head.superClass,
      interfaces: head.interfaces
    };
  } catch (err) {
    if (!(err instanceof ClassFileError)) throw err;
    return {
      kind: "unreadable",
      reason: `${found.where} is not a readable class file (${err.message})`
    };
  }
}
function describeRoles(found) {
  if (found.roles.length === 0) return "implements none of Source, BatchSource, Sink or Function";
  return `implements ${found.roles.map((r) => `${ROLE_TYPES[r.role]} (${r.chain.join(" \u2192 ")})`).join(" and ")}`;
}
var ROLE_WORD = {
  source: "org.apache.pulsar.io.core.Source or BatchSource",
  sink: "org.apache.pulsar.io.core.Sink",
  function: "org.apache.pulsar.functions.api.Function or java.util.function.Function"
};
function typeFor(found) {
  const roles = found.roles.map((r) => r.role);
  if (roles.includes("sink")) return "pulsar-sink";
  if (roles.includes("source") || roles.includes("batch-source")) return "pulsar-source";
  if (ACCEPTS.function.some((r) => roles.includes(r))) return "pulsar-function";
  return void 0;
}
async function checkRole(classPath, className, wanted, options = {}) {
  const roles = await findRoles(classPath, className);
  const log = options.logger;
  if (roles.status === "unknown") {
    log?.debug(
      `role of ${className} not checked: ${roles.reason ?? "its class file cannot be read"}.`
    );
    return { roles };
  }
  const instead = options.suggestion && options.suggestion !== className ? ` (e.g. ${options.suggestion})` : "";
  const matching = roles.roles.find((r) => ACCEPTS[wanted].includes(r.role));
  if (matching) {
    log?.debug(`${className} ${describeRoles(roles)}.`);
    if (roles.abstract) {
      return {
        roles,
        problem: `is abstract or an interface, so Pulsar cannot create it; name a concrete class that extends it${instead}`
      };
    }
    return { roles };
  }
  if (roles.unresolved.length > 0) {
    log?.debug(
      `role of ${className} not checked: ${roles.unresolved.join(", ")} ${roles.unresolved.length === 1 ? "is" : "are"} not in the archive nor among Pulsar's own types.`
    );
    return { roles };
  }
  const other = typeFor(roles);
  const fix = other && other !== `pulsar-${wanted}` ? `set connector-type: ${other} if that is what it is, or name a class that implements ${ROLE_WORD[wanted]}${instead}` : `name a class that implements ${ROLE_WORD[wanted]}${instead}`;
  return {
    roles,
    problem: `${describeRoles(roles)}, not ${ROLE_WORD[wanted]}, so Pulsar refuses it as a ${wanted}; ${fix}`
  };
}
async function preferConcrete(classPath, candidates, wanted, limit = 20) {
  let undecided;
  for (const candidate of candidates.slice(0, limit)) {
    let roles;
    try {
      roles = await findRoles(classPath, candidate);
    } catch {
      continue;
    }
    if (roles.status === "unknown") {
      undecided ??= candidate;
      continue;
    }
    if (roles.abstract) continue;
    if (roles.roles.some((r) => ACCEPTS[wanted].includes(r.role))) return candidate;
    if (roles.roles.length === 0 && roles.unresolved.length > 0) undecided ??= candidate;
  }
  return undecided;
}
function wantedRole(connectorType) {
  return connectorType === "pulsar-source" ? "source" : connectorType === "pulsar-sink" ? "sink" : "function";
}
async function classRoleProblem(zip, className, connectorType, logger) {
  const classPath = ArchiveClassPath.of(zip);
  const wanted = wantedRole(connectorType);
  if (!classPath.asNar && !zip.has(classEntry(className))) {
    const bundled = [...zip.entries.keys()].some((n) => n.startsWith(BUNDLED_DIRECTORY_ENTRY));
    if (bundled) {
      return `is not in the archive root, and ${zip.label} has no ${BUNDLED_DIRECTORY_ENTRY} directory entry, so Pulsar loads it as a plain JAR and never reads its bundled jars (FileUtils.mayBeANarArchive); rebuild the NAR with nifi-nar-maven-plugin or add the directory entry to the archive`;
    }
  }
  const first = await checkRole(classPath, className, wanted, { logger });
  if (!first.problem) return void 0;
  const suggestion = await suggestConcreteClass(classPath, wanted, [className]);
  return (await checkRole(classPath, className, wanted, { suggestion })).problem;
}
async function suggestConcreteClass(classPath, wanted, exclude = []) {
  const suffix = wanted === "source" ? "Source" : wanted === "sink" ? "Sink" : "Function";
  const named = (await classPath.classNames()).filter(
    (name) => name.endsWith(suffix) && !exclude.includes(name)
  );
  return preferConcrete(classPath, named, wanted);
}
async function suggestClassOf(zip, connectorType) {
  return suggestConcreteClass(ArchiveClassPath.of(zip), wantedRole(connectorType));
}

// src/connectors/inspect/pulsar.ts
var PULSAR_IO_YAML = "META-INF/services/pulsar-io.yaml";
function looksLikeNar(zip) {
  return zip.has(PULSAR_IO_YAML) || mayBeANarArchive(zip);
}
var ROLE = {
  "pulsar-source": { classKey: "sourceClass", configKey: "sourceConfigClass", suffix: "Source" },
  "pulsar-sink": { classKey: "sinkClass", configKey: "sinkConfigClass", suffix: "Sink" },
  "pulsar-function": { classKey: "functionClass", configKey: void 0, suffix: "Function" }
};
function isPulsarType(t) {
  return t === "pulsar-source" || t === "pulsar-sink" || t === "pulsar-function";
}
async function manifestOf(zip) {
  return zip.has(MANIFEST_ENTRY) ? parseManifest(await zip.readText(MANIFEST_ENTRY)) : {};
}
async function suggestClass(zip, type, className) {
  if (className) return className;
  return await suggestClassOf(zip, type) ?? `com.example.My${ROLE[type].suffix}`;
}
async function inspectNar(zip, ctx) {
  const where = `${ctx.label}!/${PULSAR_IO_YAML}`;
  if (ctx.connectorType !== "auto" && !isPulsarType(ctx.connectorType)) {
    throw new InputError(
      `${ctx.label} is a Pulsar NAR but connector-type is ${ctx.connectorType}; set connector-type to pulsar-source, pulsar-sink or pulsar-function.`,
      { file: ctx.label }
    );
  }
  if (!zip.has(PULSAR_IO_YAML)) {
    const type2 = ctx.connectorType === "auto" ? void 0 : ctx.connectorType;
    const fix = type2 ? `name and ${ROLE[type2].classKey}: ${await suggestClass(zip, type2, ctx.className)}` : "name and sourceClass or sinkClass";
    throw new InputError(`${where} is missing; add it to the NAR with ${fix}.`, {
      file: ctx.label
    });
  }
  const yaml = await YamlFile.parse(await zip.readText(PULSAR_IO_YAML), where, ctx.label);
  const type = await resolveType(zip, yaml, ctx);
  const role = ROLE[type];
  const declared = yaml.string(role.classKey);
  if (!declared) {
    throw yaml.error(
      role.classKey,
      `${role.classKey} is missing; add ${role.classKey}: ${await suggestClass(zip, type, ctx.className)}`
    );
  }
  const name = yaml.string("name");
  if (!name) {
    const suggestion = basename(ctx.path).replace(/(-\d[\w.-]*)?\.\w+$/, "");
    throw yaml.error("name", `name is missing; add name: ${suggestion}`);
  }
  const wanted = [
    { key: role.classKey, className: declared }
  ];
  const configClass = role.configKey ? yaml.string(role.configKey) : void 0;
  if (role.configKey && configClass) wanted.push({ key: role.configKey, className: configClass });
  if (ctx.className && ctx.className !== declared) {
    ctx.logger?.warn(
      `class-name ${ctx.className} differs from ${role.classKey} ${declared} in ${where}; Pulsar loads ${declared}.`
    );
  }
  for (const w of wanted) {
    if (!isClassName(w.className)) {
      throw yaml.error(
        w.key,
        `${w.key} "${w.className}" is not a Java class name; write e.g. ${w.key}: com.example.My${role.suffix}`
      );
    }
  }
  const jars = bundledJars(zip);
  const search = await findClasses(
    zip,
    wanted.map((w) => w.className)
  );
  for (const w of wanted) {
    if (search.found.has(w.className)) continue;
    if (search.unreadable.length > 0) {
      ctx.logger?.warn(
        `${w.key} ${w.className} was not found in ${ctx.label}, but ${search.unreadable.length} bundled jar(s) were too big or unreadable to check (${search.unreadable.join(", ")}).`
      );
      continue;
    }
    throw yaml.error(
      w.key,
      `${w.key} ${w.className} is not inside the NAR (looked for ${classEntry(w.className)} in its root and in ${jars.length} jar(s) under ${BUNDLED_DEPENDENCIES}); fix the class name or bundle the jar that holds it.`
    );
  }
  const roleProblem = await classRoleProblem(zip, declared, type, ctx.logger);
  if (roleProblem) throw yaml.error(role.classKey, `${role.classKey} ${declared} ${roleProblem}.`);
  const manifest = await manifestOf(zip);
  const pom = await ownCoordinates(zip, basename(ctx.path));
  const description = yaml.string("description");
  return {
    connectorType: type,
    format: "nar",
    path: ctx.path,
    label: ctx.label,
    name,
    version: manifest["Nar-Version"] ?? manifest["Implementation-Version"] ?? pom?.version ?? versionFromFileName(ctx.path),
    className: declared,
    description,
    descriptorFile: where,
    nar: { manifest, bundledJars: jars }
  };
}
async function resolveType(zip, yaml, ctx) {
  if (ctx.connectorType !== "auto" && isPulsarType(ctx.connectorType)) return ctx.connectorType;
  const declared = Object.keys(ROLE).filter((t) => yaml.has(ROLE[t].classKey));
  if (declared.length === 1) return declared[0];
  if (declared.length > 1) {
    throw yaml.error(
      void 0,
      `it declares ${declared.map((t) => ROLE[t].classKey).join(" and ")}; set connector-type to ${declared.join(" or ")} to choose which one this image runs.`
    );
  }
  throw yaml.error(
    void 0,
    `it names no sourceClass or sinkClass; add sinkClass: ${await suggestClass(zip, "pulsar-sink", ctx.className)} (or sourceClass for a source).`
  );
}
async function inspectJar(zip, ctx) {
  const type = ctx.connectorType;
  if (type === "auto") {
    throw new InputError(
      `${ctx.label} is a plain JAR without ${PULSAR_IO_YAML}, so its kind is unknown; set connector-type to pulsar-function, or pulsar-source/pulsar-sink with class-name for an uber JAR connector.`,
      { file: ctx.label }
    );
  }
  if (!isPulsarType(type)) {
    throw new InputError(
      `${ctx.label} is a Java JAR, which connector-type ${type} cannot run; Airbyte Java connectors are built as a distribution tar (gradle distTar).`,
      { file: ctx.label }
    );
  }
  const isConnector = type !== "pulsar-function";
  if (isConnector && !ctx.className) {
    throw new InputError(
      `Input "class-name" is required for an uber JAR connector (${ctx.label}); set it to the ${ROLE[type].suffix.toLowerCase()} class, e.g. class-name: ${await suggestClass(zip, type, "")}.`
    );
  }
  if (ctx.className) {
    if (!isClassName(ctx.className)) {
      throw new InputError(
        `Input "class-name" (${ctx.className}) is not a Java class name; write e.g. com.example.My${ROLE[type].suffix}.`
      );
    }
    const search = await findClasses(zip, [ctx.className]);
    if (!search.found.has(ctx.className)) {
      throw new InputError(
        `${ctx.label} does not contain ${classEntry(ctx.className)}; fix class-name or shade the class into the JAR.`,
        { file: ctx.label }
      );
    }
    const roleProblem = await classRoleProblem(zip, ctx.className, type, ctx.logger);
    if (roleProblem) {
      throw new InputError(`Input "class-name" ${ctx.className} in ${ctx.label} ${roleProblem}.`, {
        file: ctx.label
      });
    }
  }
  const manifest = await manifestOf(zip);
  const pom = await ownCoordinates(zip, basename(ctx.path));
  return {
    connectorType: type,
    format: isConnector ? "uber-jar" : "jar",
    path: ctx.path,
    label: ctx.label,
    name: manifest["Implementation-Title"] ?? pom?.artifactId ?? basename(ctx.path).replace(/(-\d[\w.-]*)?\.jar$/i, ""),
    version: manifest["Implementation-Version"] ?? pom?.version ?? versionFromFileName(ctx.path),
    className: ctx.className || void 0
  };
}
function versionFromFileName(path) {
  return /-(\d+(?:\.\d+)*(?:[-.][\w.]+)?)\.[a-z]+$/i.exec(basename(path))?.[1];
}

// src/connectors/inspect/python.ts
import { readFile, readdir } from "node:fs/promises";
import { basename as basename2, extname, join as join2 } from "node:path";

// src/connectors/inspect/python-names.ts
function logicalLines(source) {
  const lines = [];
  let code = "";
  let indent = -1;
  let depth = 0;
  let atLineStart = true;
  let column = 0;
  const text = source.replace(/\r\n?/g, "\n");
  const flush = () => {
    if (code.trim() !== "" && indent >= 0) lines.push({ indent, code: code.trim() });
    code = "";
    indent = -1;
  };
  for (let i = 0; i < text.length; ) {
    const c = text[i];
    if (atLineStart) {
      column = 0;
      while (text[i] === " " || text[i] === "	" || text[i] === "\f") {
        column = text[i] === "	" ? (Math.floor(column / 8) + 1) * 8 : column + 1;
        i++;
      }
      atLineStart = false;
      if (text[i] === "\n" || text[i] === "#" || i >= text.length) continue;
      if (indent < 0) indent = column;
      continue;
    }
    if (c === "#") {
      while (i < text.length && text[i] !== "\n") i++;
      continue;
    }
    if (c === "\\" && text[i + 1] === "\n") {
      i += 2;
      continue;
    }
    if (c === "\n") {
      i++;
      if (depth > 0) continue;
      flush();
      atLineStart = true;
      continue;
    }
    if (c === '"' || c === "'") {
      const triple = text.startsWith(c.repeat(3), i);
      const quote = triple ? c.repeat(3) : c;
      i += quote.length;
      for (; ; ) {
        if (i >= text.length) break;
        if (text.startsWith(quote, i)) {
          i += quote.length;
          break;
        }
        if (!triple && text[i] === "\n") break;
        i += text[i] === "\\" ? 2 : 1;
      }
      code += '""';
      continue;
    }
    if ("([{".includes(c)) depth++;
    else if (")]}".includes(c)) depth = Math.max(0, depth - 1);
    code += c;
    i++;
  }
  flush();
  return lines;
}
var DEFINITION = /^(?:async\s+)?(?:def|class)\s+([A-Za-z_]\w*)/;
var ASSIGNMENT = /^([A-Za-z_]\w*)\s*(?::[^=]*)?=(?!=)/;
var SCOPE = /^(?:async\s+)?(?:def|class)\b/;
function moduleTopLevelNames(source) {
  const names = [];
  const blocks = [];
  for (const line of logicalLines(source)) {
    while (blocks.length > 0 && blocks[blocks.length - 1].indent >= line.indent) blocks.pop();
    const inScope = blocks.some((b) => b.scope);
    const statement = line.code.replace(/^@.*$/, "");
    if (!inScope) {
      const name = DEFINITION.exec(statement)?.[1] ?? ASSIGNMENT.exec(statement)?.[1];
      if (name && !names.includes(name)) names.push(name);
    }
    if (/:\s*$/.test(statement) || SCOPE.test(statement)) {
      blocks.push({ indent: line.indent, scope: SCOPE.test(statement) });
    }
  }
  return names;
}

// src/connectors/inspect/python.ts
function requireFunction(ctx, what) {
  if (ctx.connectorType !== "auto" && ctx.connectorType !== "pulsar-function") {
    throw new InputError(
      `${ctx.label} is ${what}, which only a Pulsar Function can be (connector-type is ${ctx.connectorType}); set connector-type: pulsar-function, or point artifact at the connector folder.`,
      { file: ctx.label }
    );
  }
}
var MAX_SCANNED_PYTHON_BYTES = 4 * 1024 * 1024;
async function checkPythonClassName(ctx) {
  if (!ctx.className) return;
  const moduleName = basename2(ctx.path, extname(ctx.path));
  const dot = ctx.className.lastIndexOf(".");
  const modulePart = dot < 0 ? "" : ctx.className.slice(0, dot);
  const name = ctx.className.slice(dot + 1);
  if (modulePart !== "" && modulePart !== moduleName) return;
  const source = await readFile(ctx.path);
  if (source.length > MAX_SCANNED_PYTHON_BYTES) return;
  const names = moduleTopLevelNames(source.toString("utf8"));
  const known = names.length > 0 ? `it defines ${names.join(", ")}` : "it defines no function or class at its top level";
  const example = `class-name: ${moduleName}.${names.includes(name) ? name : names[0] ?? "process"}`;
  if (modulePart === "") {
    throw new InputError(
      `Input "class-name" (${ctx.className}) has no module part, so Pulsar would import a module named ${name} instead of reading ${ctx.label}; write ${example} (${known}).`,
      { file: ctx.label }
    );
  }
  if (!names.includes(name)) {
    throw new InputError(
      `Input "class-name" (${ctx.className}) names ${name}, which ${ctx.label} does not define at its top level (${known}); write ${example}.`,
      { file: ctx.label }
    );
  }
}
async function functionFileOf(folder, className, label) {
  const modules = (await readdir(folder, { withFileTypes: true })).filter((e) => e.isFile() && e.name.endsWith(".py")).map((e) => e.name).sort();
  const dot = className.lastIndexOf(".");
  if (dot > 0) {
    const wanted = `${className.slice(0, dot)}.py`;
    if (modules.includes(wanted)) return join2(folder, wanted);
    throw new InputError(
      `Input "class-name" (${className}) names the module ${wanted}, which ${label} does not hold (it has ${modules.join(", ") || "no .py file"}); fix class-name or point artifact at the function file.`,
      { file: label }
    );
  }
  if (modules.length === 1) return join2(folder, modules[0]);
  throw new InputError(
    `${label} is a folder with ${modules.length === 0 ? "no .py file" : `several .py files (${modules.join(", ")})`}, so its function file is unknown; set class-name to module.Name or point artifact at the function file.`,
    { file: label }
  );
}
async function inspectPythonFile(ctx) {
  requireFunction(ctx, "a Python file");
  await checkPythonClassName(ctx);
  return {
    connectorType: "pulsar-function",
    format: "python",
    path: ctx.path,
    label: ctx.label,
    name: basename2(ctx.path, extname(ctx.path)),
    className: ctx.className || void 0
  };
}
function coreMetadataFields(text) {
  const out = [];
  for (const line of text.split(/\r\n|\r|\n/)) {
    if (line === "") break;
    const colon = line.indexOf(":");
    if (colon <= 0 || line.startsWith(" ") || line.startsWith("	")) continue;
    out.push([line.slice(0, colon).trim(), line.slice(colon + 1).trim()]);
  }
  return out;
}
function parseCoreMetadata(text) {
  const out = {};
  for (const [key, value] of coreMetadataFields(text)) if (!(key in out)) out[key] = value;
  return out;
}
async function inspectPythonArchive(zip, ctx) {
  const isWheel = extname(ctx.path).toLowerCase() === ".whl";
  requireFunction(ctx, isWheel ? "a Python wheel" : "a zip archive");
  const base = {
    connectorType: "pulsar-function",
    format: "python",
    path: ctx.path,
    label: ctx.label,
    name: basename2(ctx.path, extname(ctx.path)),
    version: versionFromFileName(ctx.path),
    className: ctx.className || void 0
  };
  if (!isWheel) return base;
  const metadata = [...zip.entries.keys()].filter((n) => /^[^/]+\.dist-info\/METADATA$/.test(n));
  if (metadata.length !== 1) {
    throw new InputError(
      `${ctx.label} is not a valid wheel: it has ${metadata.length} *.dist-info/METADATA entries instead of one; rebuild it with pip wheel or python -m build.`,
      { file: ctx.label }
    );
  }
  const fields = parseCoreMetadata(await zip.readText(metadata[0]));
  if (!fields.Name || !fields.Version) {
    throw new InputError(
      `${ctx.label}!/${metadata[0]}: Name or Version is missing; rebuild the wheel with a project name and version.`,
      { file: ctx.label }
    );
  }
  return {
    ...base,
    name: fields.Name,
    version: fields.Version,
    description: fields.Summary,
    descriptorFile: `${ctx.label}!/${metadata[0]}`
  };
}

// src/connectors/inspect/components.ts
var LOCATION = "slipway:location";
function sha256Hex(data) {
  return createHash("sha256").update(data).digest("hex");
}
function enc(s) {
  return encodeURIComponent(s);
}
function mavenPurl(group, artifact, version) {
  return `pkg:maven/${enc(group)}/${enc(artifact)}${version ? `@${enc(version)}` : ""}`;
}
function pypiPurl(name, version) {
  const normalized = name.toLowerCase().replace(/[-_.]+/g, "-");
  return `pkg:pypi/${enc(normalized)}${version ? `@${enc(version)}` : ""}`;
}
function addProperty(c, name, value) {
  (c.properties ??= []).push({ name, value });
}
function fileComponent(info, type) {
  return {
    type,
    "bom-ref": `artifact:${basename3(info.path)}`,
    name: info.name ?? basename3(info.path),
    version: info.version,
    description: info.description
  };
}
function fileComponents(info) {
  return { main: fileComponent(info, "application"), components: [] };
}
function mavenComponent(props, location, type = "library") {
  const { groupId, artifactId, version } = props;
  if (!groupId || !artifactId) return void 0;
  const purl = mavenPurl(groupId, artifactId, version);
  return {
    type,
    "bom-ref": purl,
    group: groupId,
    name: artifactId,
    version: version || void 0,
    purl,
    properties: [{ name: LOCATION, value: location }]
  };
}
function pomEntries(zip) {
  return [...zip.entries.keys()].filter((name) => name.startsWith("META-INF/maven/") && name.endsWith("/pom.properties")).sort();
}
async function pomComponents(zip, where) {
  const out = [];
  for (const entry of pomEntries(zip)) {
    const c = mavenComponent(parseProperties(await zip.readText(entry)), `${where}${entry}`);
    if (c) out.push(c);
  }
  return out;
}
async function javaComponents(zip, info, logger) {
  const main = fileComponent(info, "application");
  const own = await ownCoordinates(zip, basename3(info.path));
  if (own?.groupId && own.artifactId) {
    const purl = mavenPurl(own.groupId, own.artifactId, own.version);
    Object.assign(main, {
      "bom-ref": purl,
      group: own.groupId,
      name: own.artifactId,
      version: own.version ?? main.version,
      purl
    });
  }
  const components = (await pomComponents(zip, "")).filter((c) => c.purl !== main.purl);
  for (const jar of bundledJars(zip)) {
    components.push(...await bundledJar(zip, jar, logger));
  }
  return { main, components };
}
async function bundledJar(zip, jar, logger) {
  const fileName = jar.slice(BUNDLED_DEPENDENCIES.length);
  const byName = {
    type: "library",
    "bom-ref": `file:${jar}`,
    name: fileName.replace(/(-\d[\w.-]*)?\.jar$/i, ""),
    version: versionFromFileName(fileName),
    properties: [{ name: LOCATION, value: jar }]
  };
  let inner;
  try {
    inner = await zip.nested(jar);
  } catch (err) {
    logger?.warn(`sbom: ${errorMessage(err)}; it is listed by file name`);
    return [byName];
  }
  if (!inner?.bytes) {
    logger?.warn(`sbom: ${zip.label}!/${jar} is too big to look into; it is listed by file name`);
    return [byName];
  }
  const hashes = [{ alg: "SHA-256", content: sha256Hex(inner.bytes) }];
  try {
    const found = await pomComponents(inner, `${jar}!/`);
    if (found.length === 0) return [{ ...byName, hashes }];
    const own = await ownCoordinates(inner, fileName);
    const ownPurl = own?.groupId && own.artifactId ? mavenPurl(own.groupId, own.artifactId, own.version) : void 0;
    for (const c of found) if (c.purl === ownPurl || found.length === 1) c.hashes = hashes;
    return found;
  } catch (err) {
    logger?.warn(`sbom: ${errorMessage(err)}; it is listed by file name`);
    return [{ ...byName, hashes }];
  }
}
function pypiComponent(fields, location, type) {
  const get = (key) => fields.find(([k]) => k === key)?.[1];
  const name = get("Name");
  if (!name) return void 0;
  const version = get("Version");
  const purl = pypiPurl(name, version);
  const license = get("License-Expression") ?? get("License");
  return {
    type,
    "bom-ref": purl,
    name,
    version,
    description: get("Summary"),
    purl,
    licenses: license ? [{ license: { name: license } }] : void 0,
    properties: [{ name: LOCATION, value: location }]
  };
}
async function pythonComponents(zip, info) {
  const main = fileComponent(info, "application");
  const isWheel = extname2(info.path).toLowerCase() === ".whl";
  const metadata = [...zip.entries.keys()].filter((n) => /(^|\/)[^/]+\.dist-info\/METADATA$/.test(n)).sort();
  const components = [];
  for (const entry of metadata) {
    const fields = coreMetadataFields(await zip.readText(entry));
    const isOwn = isWheel && /^[^/]+\.dist-info\/METADATA$/.test(entry);
    const c = pypiComponent(fields, entry, isOwn ? "application" : "library");
    if (!c) continue;
    if (!isOwn) {
      components.push(c);
      continue;
    }
    Object.assign(main, { ...c, hashes: main.hashes });
    for (const [key, value] of fields) {
      if (key !== "Requires-Dist") continue;
      const name = /^[A-Za-z0-9][A-Za-z0-9._-]*/.exec(value)?.[0];
      if (!name) continue;
      components.push({
        type: "library",
        "bom-ref": pypiPurl(name),
        name,
        purl: pypiPurl(name),
        properties: [{ name: "slipway:requirement", value }]
      });
    }
  }
  return { main, components };
}
function airbyteComponents(meta, info, distribution) {
  const data = (key) => meta.string(`data.${key}`);
  const repository = data("dockerRepository") ?? info.defaultImage ?? info.name ?? "connector";
  const tag = data("dockerImageTag") ?? info.version;
  const purl = `pkg:docker/${repository.split("/").map(enc).join("/")}${tag ? `@${enc(tag)}` : ""}`;
  const license = data("license");
  const main = {
    type: "application",
    "bom-ref": purl,
    name: repository,
    version: tag,
    description: data("name"),
    purl,
    licenses: license ? [{ license: { name: license } }] : void 0
  };
  for (const key of ["definitionId", "connectorType", "connectorSubtype", "releaseStage"]) {
    const value = data(key);
    if (value) addProperty(main, `airbyte:${key}`, value);
  }
  const components = [];
  const baseImage = data("connectorBuildOptions.baseImage");
  if (baseImage) {
    components.push({
      type: "container",
      "bom-ref": `base:${baseImage}`,
      name: baseImage,
      properties: [{ name: LOCATION, value: "metadata.yaml data.connectorBuildOptions.baseImage" }]
    });
  }
  for (const entry of distribution?.entries ?? []) {
    if (entry.type !== "file" || !/^lib\/[^/]+\.jar$/.test(entry.name)) continue;
    const fileName = entry.name.slice("lib/".length);
    components.push({
      type: "library",
      "bom-ref": `file:${entry.name}`,
      name: fileName.replace(/(-\d[\w.-]*)?\.jar$/i, ""),
      version: versionFromFileName(fileName),
      properties: [
        { name: LOCATION, value: `${basename3(distribution?.tar ?? "")}!/${entry.name}` }
      ]
    });
  }
  return { main, components };
}

// src/connectors/inspect/airbyte.ts
var METADATA_FILE = "metadata.yaml";
var MANIFEST_FILE = "manifest.yaml";
var COMPONENTS_FILE = "components.py";
var PYTHON_MAIN_FILE = "main.py";
var DISTRIBUTIONS_DIR = "build/distributions";
async function exists(path) {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}
function show(ctx, path) {
  return displayPath(path, ctx.workingDirectory);
}
async function distributionTars(folder) {
  try {
    const names = await readdir2(join3(folder, DISTRIBUTIONS_DIR));
    return names.filter((n) => /\.(tar|tgz|tar\.gz)$/.test(n)).sort().map((n) => join3(folder, DISTRIBUTIONS_DIR, n));
  } catch {
    return [];
  }
}
async function inspectAirbyteFolder(ctx) {
  const folderLabel = show(ctx, ctx.folder);
  const metadataPath = join3(ctx.folder, METADATA_FILE);
  const metadataLabel = show(ctx, metadataPath);
  if (!await exists(metadataPath)) {
    throw new InputError(
      `${metadataLabel} is missing; an Airbyte connector folder needs it with data.dockerRepository, data.dockerImageTag and data.connectorType (or point artifact at the right folder).`,
      { file: metadataLabel }
    );
  }
  const meta = await YamlFile.parse(await readFile2(metadataPath, "utf8"), metadataLabel);
  const repository = meta.string("data.dockerRepository");
  const tag = meta.string("data.dockerImageTag");
  if (!repository) {
    throw meta.error(
      "data.dockerRepository",
      "data.dockerRepository is missing; add e.g. dockerRepository: airbyte/source-my-api under data:."
    );
  }
  if (!tag) {
    throw meta.error(
      "data.dockerImageTag",
      "data.dockerImageTag is missing; add e.g. dockerImageTag: 0.1.0 under data:."
    );
  }
  const connectorType = resolveAirbyteType(ctx, meta);
  const project = {
    folder: ctx.folder,
    metadataFile: metadataPath,
    documentationUrl: meta.string("data.documentationUrl")
  };
  const format = await resolveFormat(ctx, project, folderLabel);
  let distribution;
  if (format === "airbyte-manifest") {
    if (connectorType !== "airbyte-source") {
      throw meta.error(
        "data.connectorType",
        "a declarative manifest can only be a source; set connectorType: source or build the destination as Java or Python."
      );
    }
    await checkManifest(ctx, project);
  } else if (format === "airbyte-java") {
    distribution = await inspectDistribution(ctx, project);
  } else {
    const main = join3(ctx.folder, PYTHON_MAIN_FILE);
    if (!await exists(main)) {
      throw new InputError(
        `${show(ctx, main)} is missing; a Python Airbyte connector starts with python /airbyte/integration_code/main.py, so add main.py to ${folderLabel}.`,
        { file: folderLabel }
      );
    }
  }
  const info = {
    connectorType,
    format,
    path: ctx.folder,
    label: folderLabel,
    name: meta.string("data.name") ?? repository.split("/").pop(),
    version: tag,
    defaultImage: repository,
    defaultTag: tag,
    baseImage: meta.string("data.connectorBuildOptions.baseImage"),
    descriptorFile: metadataPath,
    airbyte: project
  };
  return { ...info, bom: airbyteComponents(meta, info, distribution) };
}
function resolveAirbyteType(ctx, meta) {
  if (ctx.connectorType === "airbyte-source" || ctx.connectorType === "airbyte-destination") {
    return ctx.connectorType;
  }
  if (ctx.connectorType !== "auto") {
    throw meta.error(
      void 0,
      `this is an Airbyte connector but connector-type is ${ctx.connectorType}; set connector-type to airbyte-source or airbyte-destination.`
    );
  }
  const declared = meta.string("data.connectorType");
  if (declared === "source") return "airbyte-source";
  if (declared === "destination") return "airbyte-destination";
  throw meta.error(
    "data.connectorType",
    `data.connectorType is ${declared ? `"${declared}"` : "missing"}; set it to source or destination (or set connector-type).`
  );
}
async function resolveFormat(ctx, project, folderLabel) {
  const wanted = ctx.format;
  if (wanted !== "auto" && !wanted.startsWith("airbyte-")) {
    throw new InputError(
      `${folderLabel} is an Airbyte connector folder, but artifact-format is ${wanted}; use auto, airbyte-manifest, airbyte-java or airbyte-python.`
    );
  }
  if (wanted === "airbyte-manifest" || wanted === "auto" && !ctx.tar && await exists(join3(ctx.folder, MANIFEST_FILE))) {
    return "airbyte-manifest";
  }
  if (wanted === "airbyte-java" || wanted === "auto") {
    const tars = ctx.tar ? [ctx.tar] : await distributionTars(ctx.folder);
    if (tars.length === 1) {
      project.distributionTar = tars[0];
      return "airbyte-java";
    }
    if (tars.length > 1) {
      throw new InputError(
        `Several distribution tars in ${show(ctx, join3(ctx.folder, DISTRIBUTIONS_DIR))} (${tars.map((t) => show(ctx, t)).join(", ")}); choose one with artifact.`
      );
    }
    if (wanted === "airbyte-java") {
      throw new InputError(
        `No distribution tar in ${show(ctx, join3(ctx.folder, DISTRIBUTIONS_DIR))}; run gradle distTar (build: gradle, build-args: distTar) or set artifact to the tar.`
      );
    }
  }
  const python = ["pyproject.toml", "setup.py", PYTHON_MAIN_FILE];
  for (const file of python) {
    if (await exists(join3(ctx.folder, file))) return "airbyte-python";
  }
  if (wanted === "airbyte-python") return "airbyte-python";
  throw new InputError(
    `${folderLabel} has metadata.yaml but no manifest.yaml, build/distributions/*.tar, pyproject.toml or main.py; add the connector code or set artifact-format.`
  );
}
async function checkManifest(ctx, project) {
  const path = join3(ctx.folder, MANIFEST_FILE);
  const label = show(ctx, path);
  if (!await exists(path)) {
    throw new InputError(`${label} is missing; a declarative connector needs its manifest.yaml.`, {
      file: label
    });
  }
  const manifest = await YamlFile.parse(await readFile2(path, "utf8"), label);
  if (!manifest.has("spec")) {
    throw manifest.error(
      void 0,
      "spec is missing; add spec: with connection_specification so that the image can answer spec."
    );
  }
  project.manifestFile = path;
  const components = join3(ctx.folder, COMPONENTS_FILE);
  if (await exists(components)) project.componentsFile = components;
}
async function inspectDistribution(ctx, project) {
  const tar2 = project.distributionTar;
  const label = show(ctx, tar2);
  const entries = await listTar(tar2, label, 1);
  const scripts = entries.filter((e) => e.type === "file" && /^bin\/[^/]+$/.test(e.name) && !e.name.endsWith(".bat")).map((e) => e.name.slice("bin/".length));
  if (scripts.length === 0) {
    throw new InputError(
      `${label} has no start script under <name>/bin/; build it with Gradle's application plugin (distTar).`,
      { file: label }
    );
  }
  if (scripts.length > 1) {
    throw new InputError(
      `${label} has several start scripts in bin/ (${scripts.join(", ")}); Airbyte's base.sh runs one, so keep one application per distribution.`,
      { file: label }
    );
  }
  project.application = scripts[0];
  return { tar: tar2, entries };
}

export {
  looksLikeNar,
  inspectNar,
  inspectJar,
  functionFileOf,
  inspectPythonFile,
  inspectPythonArchive,
  fileComponents,
  javaComponents,
  pythonComponents,
  openZip,
  withZip,
  extractTar,
  METADATA_FILE,
  MANIFEST_FILE,
  PYTHON_MAIN_FILE,
  exists,
  inspectAirbyteFolder
};
