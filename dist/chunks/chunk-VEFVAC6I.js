#!/usr/bin/env node
import { createRequire as __slipwayCreateRequire } from 'node:module';
import { fileURLToPath as __slipwayFileURLToPath } from 'node:url';
const require = __slipwayCreateRequire(import.meta.url);
const __filename = __slipwayFileURLToPath(import.meta.url);
const __dirname = __filename.slice(0, __filename.lastIndexOf('/'));
import {
  parseLayoutReference,
  readLayoutBase,
  readLayoutImage,
  writeLayout,
  writeLayoutReferrer
} from "./chunk-IP6YFWNB.js";
import {
  attachBundles,
  blobPresent,
  bundleReferrer,
  cancelUpload,
  listReferrers,
  pushBlob,
  pushImage,
  pushReferrer,
  pushScopes,
  putBlob,
  referrerArtifact,
  referrersTag,
  startUpload,
  tagImage,
  uploadLocation
} from "./chunk-2HJ3SCXE.js";
import {
  connect,
  insecureRegistries
} from "./chunk-LFVPRIUP.js";
import {
  DEFAULT_SIGSTORE_TOKEN_VARIABLE,
  SIGNING_KEY_VARIABLE,
  ciContext,
  ciIdentity,
  identitySource,
  provenanceStatement,
  sbomStatement,
  sigstoreToken
} from "./chunk-QFPI6PYY.js";
import {
  require_eq,
  require_parse,
  require_valid
} from "./chunk-KDK5PB6Y.js";
import {
  ARTIFACT_FORMATS,
  CONNECTOR_TYPES
} from "./chunk-HZ5WA2AJ.js";
import {
  CYCLONEDX_MEDIA_TYPE,
  buildSbom,
  sbomBytes
} from "./chunk-SAC5UWRA.js";
import {
  MANIFEST_FILE,
  METADATA_FILE,
  exists,
  fileComponents,
  functionFileOf,
  inspectAirbyteFolder,
  inspectJar,
  inspectNar,
  inspectPythonArchive,
  inspectPythonFile,
  javaComponents,
  looksLikeNar,
  openZip,
  pythonComponents,
  withZip
} from "./chunk-ASJGFOS2.js";
import {
  BASE_IMAGE_INPUT,
  targetDirectory
} from "./chunk-HLULNUN7.js";
import {
  elfPlatform,
  isElf,
  readHead
} from "./chunk-SPTBQ62W.js";
import {
  loadGlob
} from "./chunk-WKKBWN5R.js";
import {
  displayPath,
  isInside
} from "./chunk-EFEMPYRR.js";
import {
  LAYER_FORMAT_VERSION,
  buildLayer,
  layerParents
} from "./chunk-DLUZ6BA6.js";
import {
  history
} from "./chunk-FTQOXQVS.js";
import {
  buildImageOrIndex,
  isDistributable,
  isIndex,
  ociBlob
} from "./chunk-HCXPMCY4.js";
import {
  fetchBlob,
  fetchJsonBlob,
  fetchManifest,
  headManifest,
  isIndexDocument,
  resolveBase
} from "./chunk-NDJXUN3L.js";
import {
  RegistryError,
  header,
  pushScope,
  readBytes,
  withRetry
} from "./chunk-FCCLLEZB.js";
import {
  buildEpoch,
  epochToIso,
  githubEvent
} from "./chunk-X5I6WQPR.js";
import {
  SCRATCH,
  isScratch,
  parseReference,
  parseRepository,
  parseTag
} from "./chunk-7ZB3PTRR.js";
import {
  shortDigest
} from "./chunk-OG2YEZ62.js";
import {
  require_tar_stream
} from "./chunk-UXAEXQQB.js";
import {
  mapLimited
} from "./chunk-XBEXEVC2.js";
import {
  bestMatch,
  formatPlatform,
  parsePlatforms,
  samePlatform
} from "./chunk-PAQHD33Z.js";
import {
  Annotation,
  MediaType
} from "./chunk-MPILWNXU.js";
import {
  secrets
} from "./chunk-MKQXDKX4.js";
import {
  isRecord
} from "./chunk-NPESS7R3.js";
import {
  cacheRoot,
  readCacheFile,
  writeCacheFile
} from "./chunk-6XETQOWK.js";
import {
  InputError,
  RunError,
  SlipwayError,
  errorMessage
} from "./chunk-B27IFLT6.js";
import {
  __toESM
} from "./chunk-3ILMJHGQ.js";

// src/toolchain/index.ts
import { access, constants, stat } from "node:fs/promises";
import { join, resolve } from "node:path";
async function isFile(path) {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}
async function isExecutable(path) {
  try {
    await access(path, constants.X_OK);
    return isFile(path);
  } catch {
    return false;
  }
}
var GRADLE_FILES = [
  "build.gradle",
  "build.gradle.kts",
  "settings.gradle",
  "settings.gradle.kts",
  "gradlew"
];
async function detectBuildTool(dir) {
  if (await isFile(join(dir, "pom.xml"))) return "maven";
  for (const name of GRADLE_FILES) if (await isFile(join(dir, name))) return "gradle";
  return void 0;
}
function twoJobHint(tool, image, script, output) {
  return [
    `the job image has no ${tool}. Build in a job of your toolchain's image and package its output with Slipway in a second job (the two-job pattern), e.g. in .gitlab-ci.yml:`,
    `  build:`,
    `    image: ${image}`,
    `    script: ${script}`,
    `    artifacts: { paths: [${output}] }`,
    `  slipway:  # the job the Slipway component adds`,
    `    needs: [build]`,
    `with the component input build: none (on GitHub, a setup action before the Slipway step works too)`
  ].join("\n");
}
function where(env) {
  if (env.GITHUB_ACTIONS === "true") return "github";
  if (env.GITLAB_CI === "true") return "gitlab";
  return "terminal";
}
function missingToolHint(tool, env = process.env) {
  switch (where(env)) {
    case "github":
      return tool === "maven" ? "add actions/setup-java (with cache: maven) before this step, or build in an earlier step and set build: none" : "add actions/setup-java and gradle/actions/setup-gradle before this step, or add the Gradle wrapper (gradle wrapper), or set build: none";
    case "gitlab":
      return tool === "maven" ? twoJobHint("Maven (mvn)", "maven:3-eclipse-temurin-17", "mvn -B package", "target/") : twoJobHint(
        "Gradle (gradle, and no ./gradlew in the project)",
        "gradle:8-jdk17",
        "./gradlew build || gradle build",
        "build/libs/"
      );
    case "terminal":
      return tool === "maven" ? "install Maven (apt-get install maven, brew install maven or sdk install maven) or set --build none" : "add the Gradle wrapper (gradle wrapper) or install Gradle (brew install gradle or sdk install gradle), or set --build none";
  }
}
async function buildCommand(tool, dir, buildArgs, env = process.env) {
  if (tool === "maven") {
    const args2 = ["-B", "package", ...buildArgs];
    return {
      command: "mvn",
      args: args2,
      title: `mvn ${args2.join(" ")}`,
      missingHint: missingToolHint("maven", env)
    };
  }
  const wrapper = join(dir, "gradlew");
  const command = await isExecutable(wrapper) ? wrapper : "gradle";
  const args = ["build", "--console=plain", ...buildArgs];
  return {
    command,
    args,
    title: `${command === wrapper ? "./gradlew" : "gradle"} ${args.join(" ")}`,
    missingHint: missingToolHint("gradle", env)
  };
}
async function runBuild(inputs, workingDirectory, logger, env = process.env) {
  const dir = resolve(workingDirectory);
  const mode = inputs.build;
  if (mode === "none") return;
  let tool;
  if (mode === "maven" || mode === "gradle") {
    tool = mode;
    const marker = tool === "maven" ? ["pom.xml"] : GRADLE_FILES;
    const found = await Promise.all(marker.map((m) => isFile(join(dir, m))));
    if (!found.some(Boolean)) {
      throw new InputError(
        `Input "build" is ${mode} but ${dir} has no ${marker.join(" or ")}; set working-directory to the project or build: none.`
      );
    }
  } else {
    tool = await detectBuildTool(dir);
    if (!tool) {
      logger.debug(`no pom.xml or Gradle build in ${dir}: nothing to build`);
      return;
    }
  }
  const cmd = await buildCommand(tool, dir, inputs["build-args"], env);
  logger.info(`build: ${cmd.title}`);
  const { runTool } = await import("./process-FAIEGPW4.js");
  await runTool({ ...cmd, cwd: dir, logger, env });
}

// src/run/build.ts
import { readFileSync, writeFileSync as writeFileSync2 } from "node:fs";
import { join as join9, resolve as resolve7 } from "node:path";

// src/assemble/native.ts
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join as join3, resolve as resolve2 } from "node:path";

// src/image/base-directories.ts
import { createHash } from "node:crypto";
import { join as join2 } from "node:path";

// src/image/layer-tar.ts
var import_tar_stream = __toESM(require_tar_stream());
import { Readable } from "node:stream";
import { createGunzip } from "node:zlib";
async function openLayerTar(blob, signal) {
  const raw = await blob.open();
  let tar;
  try {
    tar = padded(await uncompressed(raw));
  } catch (err) {
    raw.destroy();
    if (err instanceof UnknownFormat) return void 0;
    throw err;
  }
  const extract = (0, import_tar_stream.extract)();
  const stop = () => extract.destroy(signal?.reason);
  signal?.addEventListener("abort", stop, { once: true });
  tar.on("error", (err) => extract.destroy(err));
  tar.pipe(extract);
  return {
    entries: extract,
    close: () => {
      signal?.removeEventListener("abort", stop);
      raw.destroy();
    }
  };
}
var UnknownFormat = class extends Error {
};
function padded(tar) {
  async function* withPadding() {
    let length = 0;
    for await (const chunk of tar) {
      length += chunk.length;
      yield chunk;
    }
    const partial = length % 512;
    if (partial !== 0) yield Buffer.alloc(512 - partial);
  }
  return Readable.from(withPadding(), { objectMode: false });
}
async function uncompressed(raw) {
  const iterator = raw[Symbol.asyncIterator]();
  const chunks = [];
  let length = 0;
  let ended = false;
  while (length < 512 && !ended) {
    const next = await iterator.next();
    if (next.done) ended = true;
    else {
      chunks.push(next.value);
      length += next.value.length;
    }
  }
  const head = Buffer.concat(chunks);
  async function* all() {
    if (head.length) yield head;
    if (ended) return;
    for (let next = await iterator.next(); !next.done; next = await iterator.next())
      yield next.value;
  }
  const stream = Readable.from(all(), { objectMode: false });
  if (head.length >= 2 && head[0] === 31 && head[1] === 139) {
    const gunzip = createGunzip();
    stream.on("error", (err) => gunzip.destroy(err));
    return stream.pipe(gunzip);
  }
  const ustar = head.subarray(257, 262).toString("latin1") === "ustar";
  const zero = head.length >= 512 && head.subarray(0, 512).every((b) => b === 0);
  if (head.length === 0 || ustar || zero) return stream;
  throw new UnknownFormat();
}

// src/image/base-directories.ts
var READ_LIMIT = 16 * 1024 * 1024;
function worthReading(platforms) {
  const sizes = platforms.map((layers) => layers.reduce((n, l) => n + l.descriptor.size, 0));
  return Math.max(0, ...sizes) <= READ_LIMIT;
}
var PARALLEL = 3;
var CACHE_LIMIT = 64;
var cache = /* @__PURE__ */ new Map();
async function baseDirectories(platforms, paths, opts = {}) {
  const asked = [...new Set(paths.map(normalize))].filter((p) => p !== "").sort();
  const found = /* @__PURE__ */ new Set();
  if (asked.length === 0) return found;
  let pending = asked;
  for (const layers of platforms) {
    if (pending.length === 0) break;
    const facts = await mapLimited(layers, PARALLEL, (blob) => layerFacts(blob, pending, opts));
    const state = /* @__PURE__ */ new Map();
    for (const f of facts) {
      if (f.unreadable) return new Set(paths);
      for (const p of f.removed) state.delete(p);
      for (const [p, kind] of f.written) state.set(p, kind);
      for (const p of f.implied) if (!state.has(p)) state.set(p, "dir");
    }
    for (const [p, kind] of state) if (kind === "dir") found.add(p);
    pending = pending.filter((p) => !found.has(p));
  }
  return new Set(paths.filter((p) => found.has(normalize(p))));
}
function normalize(p) {
  return p.replace(/^(\.?\/)+/, "").replace(/\/+$/, "");
}
function layerFacts(blob, asked, opts) {
  const key = `${blob.descriptor.digest}|${asked.join("\0")}`;
  let facts = cache.get(key);
  if (!facts) {
    const file = opts.cacheDir ? join2(opts.cacheDir, createHash("sha256").update(key).digest("hex")) : void 0;
    const kept = file ? keptFacts(file, key) : void 0;
    facts = kept ? Promise.resolve(kept) : readLayerFacts(blob, asked, opts).then((read) => {
      if (file && !read.unreadable) writeCacheFile(file, JSON.stringify({ key, facts: read }));
      return read;
    });
    cache.set(key, facts);
    facts.catch(() => cache.delete(key));
    if (cache.size > CACHE_LIMIT) cache.delete(cache.keys().next().value);
  }
  return facts;
}
function keptFacts(file, key) {
  try {
    const kept = JSON.parse(readCacheFile(file) ?? "null");
    const facts = kept?.facts;
    const names = (v) => Array.isArray(v) && v.every((x) => typeof x === "string");
    if (kept?.key !== key || !facts || !names(facts.removed) || !names(facts.implied)) {
      return void 0;
    }
    const written = facts.written;
    if (!Array.isArray(written) || !written.every(
      (w) => Array.isArray(w) && typeof w[0] === "string" && (w[1] === "dir" || w[1] === "other")
    )) {
      return void 0;
    }
    return { removed: facts.removed, written, implied: facts.implied };
  } catch {
    return void 0;
  }
}
async function readLayerFacts(blob, asked, opts) {
  if (!isDistributable(blob.descriptor)) {
    return { removed: [], written: [], implied: [], unreadable: true };
  }
  try {
    return await readTarFacts(blob, asked, opts.signal);
  } catch (err) {
    if (opts.signal?.aborted) throw opts.signal.reason;
    opts.logger?.debug(
      `base layer ${blob.descriptor.digest} (${blob.descriptor.mediaType}) could not be read to learn its directories (${errorMessage(err)}); assuming it has every asked one`
    );
    return { removed: [], written: [], implied: [], unreadable: true };
  }
}
async function readTarFacts(blob, asked, signal) {
  const facts = { removed: [], written: [], implied: [] };
  const removed = /* @__PURE__ */ new Set();
  const implied = /* @__PURE__ */ new Set();
  const written = /* @__PURE__ */ new Map();
  const under = (p, dir) => dir === "" || p.startsWith(`${dir}/`);
  const tar = await openLayerTar(blob, signal);
  if (!tar) return { ...facts, unreadable: true };
  try {
    for await (const entry of tar.entries) {
      const name = normalize(entry.header.name);
      const slash = name.lastIndexOf("/");
      const dir = slash < 0 ? "" : name.slice(0, slash);
      const base = name.slice(slash + 1);
      for (const p of asked) if (under(name, p)) implied.add(p);
      if (base === ".wh..wh..opq") {
        for (const p of asked) if (under(p, dir)) removed.add(p);
      } else if (base.startsWith(".wh.")) {
        const gone = `${dir ? `${dir}/` : ""}${base.slice(4)}`;
        for (const p of asked) if (p === gone || under(p, gone)) removed.add(p);
      } else if (name !== "") {
        const isDir = entry.header.type === "directory";
        const isLink = entry.header.type === "symlink";
        if (asked.includes(name)) written.set(name, isDir || isLink ? "dir" : "other");
        if (!isDir) {
          for (const p of asked) if (under(p, name)) removed.add(p);
        }
      }
      entry.resume();
    }
  } catch (err) {
    if (signal?.aborted) throw signal.reason;
    throw err;
  } finally {
    tar.close();
  }
  return { removed: [...removed], written: [...written], implied: [...implied] };
}

// src/image/base-files.ts
var MAX_BYTES = 4 * 1024 * 1024;
async function readBaseFile(layers, path, opts = {}) {
  const name = path.replace(/^\/+/, "").replace(/\/+$/, "");
  for (let i = layers.length - 1; i >= 0; i--) {
    const verdict = await layerVerdict(layers[i], name, opts.signal);
    if (verdict === void 0) return void 0;
    if (verdict.kind === "file") return verdict.file;
    if (verdict.kind !== "silent") return void 0;
  }
  return void 0;
}
async function layerVerdict(blob, name, signal) {
  if (!isDistributable(blob.descriptor)) return void 0;
  const tar = await openLayerTar(blob, signal);
  if (!tar) return void 0;
  let verdict = { kind: "silent" };
  const ancestors = (p) => name === p || name.startsWith(`${p}/`);
  try {
    for await (const entry of tar.entries) {
      const entryName = entry.header.name.replace(/^(\.?\/)+/, "").replace(/\/+$/, "");
      const slash = entryName.lastIndexOf("/");
      const dir = slash < 0 ? "" : entryName.slice(0, slash);
      const base = entryName.slice(slash + 1);
      if (base === ".wh..wh..opq") {
        if (dir === "" || name.startsWith(`${dir}/`)) verdict = { kind: "removed" };
      } else if (base.startsWith(".wh.")) {
        if (ancestors(`${dir ? `${dir}/` : ""}${base.slice(4)}`)) verdict = { kind: "removed" };
      } else if (entryName === name) {
        if (entry.header.type === "file" && (entry.header.size ?? 0) <= MAX_BYTES) {
          const chunks = [];
          for await (const chunk of entry) chunks.push(chunk);
          const { mode = 420, uid = 0, gid = 0 } = entry.header;
          verdict = {
            kind: "file",
            file: { mode: mode & 4095, uid, gid, bytes: Buffer.concat(chunks) }
          };
          continue;
        }
        verdict = { kind: "other" };
      } else if (name.startsWith(`${entryName}/`) && entry.header.type !== "directory") {
        verdict = { kind: "other" };
      }
      entry.resume();
    }
  } catch (err) {
    if (signal?.aborted) throw signal.reason;
    throw new RunError(
      `Cannot read the base image's layer ${blob.descriptor.digest} to find /${name}: ${errorMessage(err)}; run again`
    );
  } finally {
    tar.close();
  }
  return verdict;
}

// src/assemble/native.ts
function selectImages(plan, base) {
  const only = plan.platforms;
  if (!only || base.images.length === 0) return base.images;
  const chosen = base.images.filter((img) => only.some((p) => samePlatform(p, img.platform)));
  if (chosen.length === 0) {
    const offered = base.images.map((img) => formatPlatform(img.platform)).join(", ");
    throw new InputError(
      `The artifact runs only on ${only.map(formatPlatform).join(", ")} but the base image ${base.name} (from ${plan.baseSource ?? BASE_IMAGE_INPUT}) offers ${offered}; build the artifact for one of those or choose another base-image.`
    );
  }
  return chosen;
}
function baseBlobs(images) {
  return images.flatMap((image) => image.layers).filter((blob) => isDistributable(blob.descriptor));
}
function imageChanges(plan) {
  return {
    env: plan.env,
    labels: plan.labels,
    user: plan.user,
    workdir: plan.workdir,
    entrypoint: plan.entrypoint,
    cmd: plan.cmd,
    exposedPorts: plan.exposedPorts
  };
}
function buildPlanLayer(plan, imagesPromise, opts, signal) {
  return buildLayer(layerEntries(plan), {
    epoch: opts.epoch,
    tmpDir: opts.tmpDir,
    signal,
    tee: opts.upload,
    fileDigests: opts.fileDigests,
    existingDirectories: existingDirectories(imagesPromise, opts, signal)
  });
}
function layerEntries(plan) {
  return { files: plan.files, directories: plan.directories, symlinks: plan.symlinks };
}
function existingDirectories(imagesPromise, opts, signal) {
  return async (paths) => {
    const layers = (await imagesPromise).map((i) => i.layers);
    if (!worthReading(layers)) return new Set(paths);
    return baseDirectories(layers, paths, {
      signal,
      logger: opts.logger,
      cacheDir: opts.baseCacheDir
    });
  };
}
async function takenLayer(plan, imagesPromise, opts, signal) {
  if (!opts.reuse) return void 0;
  let parents;
  const ask = () => parents ??= layerParents(
    layerEntries(plan),
    existingDirectories(imagesPromise, opts, signal)
  );
  const taken = await opts.reuse({ images: imagesPromise, parents: ask });
  if (!taken) return void 0;
  const { descriptor, diffId } = taken;
  let made;
  const make = () => made ??= buildLayer(layerEntries(plan), {
    epoch: opts.epoch,
    tmpDir: opts.tmpDir,
    signal,
    existingDirectories: existingDirectories(imagesPromise, opts, signal),
    // A bare tar is made as it is read, and checked against this digest (layer.ts).
    expected: descriptor.mediaType === MediaType.OciLayer ? descriptor : void 0
  }).then(async (layer) => {
    if (layer.descriptor.digest === descriptor.digest && layer.diffId === diffId) return layer;
    await layer.dispose();
    throw new RunError(
      `The layer made again for the push is ${layer.descriptor.digest}, not ${descriptor.digest} as the image it was taken from records; the files changed during the run, or that image was not built by this Slipway version: run again with another tag, or delete the tag and run again`
    );
  });
  return {
    descriptor,
    diffId,
    parents: await ask(),
    open: async () => (await make()).open(),
    dispose: async () => {
      await (await made?.catch(() => void 0))?.dispose();
    }
  };
}
async function assembleNative(plan, baseSource, opts) {
  const phase = opts.phase ?? ((_name, step) => step());
  const stop = new AbortController();
  const basePromise = phase(
    "base",
    () => openBase(plan.base, baseSource, plan.baseSource ?? BASE_IMAGE_INPUT)
  );
  const imagesPromise = basePromise.then((base) => selectImages(plan, base));
  imagesPromise.catch(() => void 0);
  const python = plan.python;
  const depsPromise = python ? Promise.all([basePromise, imagesPromise]).then(
    ([base, images]) => (
      // Python's resolver and wheel installer load only for a plan with Python dependencies.
      phase(
        "dependencies",
        async () => (await import("./python-deps-A3ZCK5XY.js")).pythonDependencyLayers(python, images, base.name, {
          epoch: opts.epoch,
          created: epochToIso(opts.epoch),
          cacheDir: opts.cacheDir ?? resolve2(opts.tmpDir ?? ".", "python-cache"),
          tmpDir: opts.tmpDir,
          contextDir: opts.contextDir,
          signal: stop.signal,
          logger: opts.logger
        })
      )
    )
  ) : Promise.resolve(void 0);
  depsPromise.catch(() => void 0);
  basePromise.then(
    () => imagesPromise.then(
      // With dependencies, only once they are resolved: a lock the index does not match
      // (bad input) then leaves nothing in the target, not even the base's blobs.
      (images) => depsPromise.then(
        () => opts.upload?.pushEarly(baseBlobs(images)),
        () => opts.upload?.abort()
      ),
      () => opts.upload?.pushEarly([])
      // the build reports the clash itself
    ),
    (err) => {
      opts.upload?.abort();
      stop.abort(err);
    }
  );
  const disposeDeps = async () => {
    await (await depsPromise.catch(() => void 0))?.dispose();
  };
  let layer;
  let copies = [];
  try {
    layer = await phase("layer", async () => {
      const made = await baseExecutableCopies(plan, imagesPromise, opts, stop.signal);
      copies = made.files;
      const withCopies = { ...plan, files: [...plan.files, ...copies] };
      const taken = python ? void 0 : await takenLayer(withCopies, imagesPromise, opts, stop.signal);
      return made.dispose(
        taken ?? await buildPlanLayer(withCopies, imagesPromise, opts, stop.signal)
      );
    });
  } catch (err) {
    opts.upload?.abort();
    stop.abort(err);
    await disposeDeps();
    await basePromise;
    throw err;
  }
  try {
    const base = await basePromise;
    const images = await imagesPromise;
    const deps = await depsPromise;
    if (deps) opts.upload?.pushEarly(deps.layers);
    const changes = imageChanges(plan);
    const image = buildImageOrIndex({
      base: { ...base, images },
      layer,
      below: deps?.below,
      changes,
      history: history(changes, epochToIso(opts.epoch), plan.files, {
        base: plan.base,
        files: copies
      }),
      epoch: opts.epoch,
      platforms: plan.platforms ?? (opts.requested.length ? opts.requested : void 0),
      annotations: typeof opts.annotations === "function" ? await opts.annotations(layer) : opts.annotations
    });
    const upload = opts.upload;
    if (upload) await phase("upload", () => upload.finish(layer, image));
    const platforms = isIndex(image) ? image.images.map((i) => i.platform) : [image.platform];
    const dispose = async () => {
      await layer.dispose();
      await deps?.dispose();
    };
    return { image, layer, platforms, base, dispose };
  } catch (err) {
    opts.upload?.abort();
    stop.abort(err);
    await layer.dispose();
    await disposeDeps();
    throw err;
  }
}
async function baseExecutableCopies(plan, imagesPromise, opts, signal) {
  const wanted = (plan.baseExecutables ?? []).filter(
    (x) => !plan.files.some((f) => f.path === x.path)
  );
  const none = { files: [], dispose: (layer) => layer };
  if (wanted.length === 0) return none;
  const images = await imagesPromise;
  const files = [];
  let dir;
  try {
    for (const executable of wanted) {
      let found;
      for (const image of images) {
        found = await readBaseFile(image.layers, executable.path, { signal });
        if (found) break;
      }
      if (!found) {
        opts.logger?.debug(`the base has no regular file ${executable.path}; left as it is`);
        continue;
      }
      if ((found.mode & 73) !== 0) continue;
      dir ??= await mkdtemp(join3(opts.tmpDir ?? tmpdir(), "slipway-base-files-"));
      const source = join3(dir, String(files.length));
      await writeFile(source, found.bytes);
      files.push({ ...executable, source });
      opts.logger?.info(
        `the base has ${executable.path} without the execute bit (mode ${found.mode.toString(8).padStart(4, "0")}); the layer makes it ${executable.mode.toString(8).padStart(4, "0")}, owned by ${executable.uid}:${executable.gid}`
      );
    }
  } catch (err) {
    if (dir) await rm(dir, { recursive: true, force: true });
    throw err;
  }
  const folder = dir;
  if (!folder) return none;
  return {
    files,
    dispose: (layer) => ({
      ...layer,
      dispose: async () => {
        await layer.dispose();
        await rm(folder, { recursive: true, force: true });
      }
    })
  };
}
async function openBase(name, src, origin) {
  try {
    if (isScratch(name)) return await resolveBase(src.transport, SCRATCH);
    if (name.startsWith("oci:")) {
      const { dir, tag } = parseLayoutReference(name);
      const base = await readLayoutBase(resolve2(src.workingDirectory, dir), tag, {
        name,
        logger: src.transport.options.logger
      });
      return { ...base, images: onlyRequested(base, src.platforms) };
    }
    const ref = parseReference(name, { defaultTag: "latest" });
    return await resolveBase(src.transport, ref, { platforms: src.platforms });
  } catch (err) {
    throw withOrigin(err, name, origin);
  }
}
function withOrigin(err, name, origin) {
  if (err instanceof SlipwayError)
    err.message = `Base image ${name} (from ${origin}): ${err.message}`;
  return err;
}
function onlyRequested(base, requested) {
  if (requested.length === 0) return base.images;
  return requested.map((want) => {
    const match = bestMatch(want, base.images, (img) => img.platform);
    if (!match) {
      const offered = base.images.map((img) => formatPlatform(img.platform)).join(", ");
      throw new InputError(
        `Input "platforms": the base image ${base.name} has no ${formatPlatform(want)} (it offers ${offered}); drop it from platforms or choose another base-image.`
      );
    }
    return match;
  });
}

// src/connectors/index.ts
import { readFile, realpath as realpath2 } from "node:fs/promises";
import { resolve as resolve5 } from "node:path";

// src/connectors/discover.ts
import { readdir, realpath, stat as stat2 } from "node:fs/promises";
import { tmpdir as tmpdir2 } from "node:os";
import { join as join4, resolve as resolve3 } from "node:path";
async function filesIn(dir) {
  try {
    const names = await readdir(dir, { withFileTypes: true });
    return names.filter((d) => d.isFile()).map((d) => d.name).sort();
  } catch {
    return [];
  }
}
async function isDirectory(path) {
  try {
    return (await stat2(path)).isDirectory();
  } catch {
    return false;
  }
}
var SIDE_JARS = /-(sources|javadoc|tests|test-sources)\.jar$/;
function pickShadedJar(names) {
  const jars = names.filter(
    (n) => n.endsWith(".jar") && !n.startsWith("original-") && !SIDE_JARS.test(n)
  );
  if (jars.length <= 1) return jars;
  const originals = new Set(
    names.filter((n) => n.startsWith("original-")).map((n) => n.slice("original-".length))
  );
  const twins = jars.filter((n) => originals.has(n));
  if (twins.length > 0) return twins;
  const attached = jars.filter((n) => /-(shaded|all|jar-with-dependencies)\.jar$/.test(n));
  return attached.length > 0 ? attached : jars;
}
var RULES = [
  {
    describe: `a folder with ${METADATA_FILE} (Airbyte)`,
    find: async (wd) => (await filesIn(wd)).includes(METADATA_FILE) ? [wd] : []
  },
  {
    describe: "target/*.nar",
    find: async (wd) => (await filesIn(join4(wd, "target"))).filter((n) => n.endsWith(".nar")).map((n) => join4(wd, "target", n))
  },
  {
    describe: "the shaded jar in target/",
    find: async (wd) => pickShadedJar(await filesIn(join4(wd, "target"))).map((n) => join4(wd, "target", n))
  },
  {
    describe: "build/libs/*-all.jar",
    find: async (wd) => (await filesIn(join4(wd, "build", "libs"))).filter((n) => n.endsWith("-all.jar")).map((n) => join4(wd, "build", "libs", n))
  },
  {
    describe: "the jar in build/libs/",
    find: async (wd) => (await filesIn(join4(wd, "build", "libs"))).filter((n) => n.endsWith(".jar") && !n.endsWith("-plain.jar") && !SIDE_JARS.test(n)).map((n) => join4(wd, "build", "libs", n))
  }
];
function several(found, wd, where2) {
  const list = found.map((p) => displayPath(p, wd));
  return new InputError(
    `Several artifacts match ${where2}: ${list.join(", ")}; choose one with artifact, e.g. artifact: ${list[0]}.`
  );
}
async function allowedRoots(wd, named = []) {
  const env = process.env;
  const real = async (c) => realpath(c).catch(() => resolve3(c));
  const roots = [];
  for (const c of [wd, env.GITHUB_WORKSPACE, env.CI_PROJECT_DIR]) if (c) roots.push(await real(c));
  for (const c of [env.RUNNER_TEMP, tmpdir2(), env.CI_BUILDS_DIR]) {
    if (!c) continue;
    const root = await real(c);
    const wanted = named.some((path) => isInside(resolve3(c), path) || isInside(root, path));
    if (wanted) roots.push(root);
  }
  return roots;
}
async function isConfined(path, roots) {
  const real = await realpath(path).catch(() => void 0);
  return real === void 0 || roots.some((root) => isInside(root, real));
}
async function confineToRoots(path, roots, what) {
  const real = await realpath(path).catch(() => void 0);
  if (real === void 0) return path;
  if (roots.some((root) => isInside(root, real))) return real;
  throw new InputError(
    `${what} leads to ${real}, which is outside the project (working-directory and the CI checkout); copy it into the project, or name a file in a temp folder with the artifact input.`
  );
}
async function discoverArtifact(artifact, workingDirectory) {
  const wd = resolve3(workingDirectory);
  if (!await isDirectory(wd)) {
    throw new InputError(
      `Input "working-directory" (${workingDirectory}) is not a directory; point it at the connector project.`
    );
  }
  const found = artifact ? await fromInput(artifact, wd) : await byRules(wd);
  if (found === void 0) {
    throw new InputError(
      `No artifact found in ${workingDirectory}: looked for ${RULES.map((r) => r.describe).join(", ")}; build the project (build: maven or gradle) or set artifact to the file (a .py, .whl, .zip or Go binary must be named).`
    );
  }
  const named = artifact ? [found] : [];
  await confineToRoots(found, await allowedRoots(wd, named), `Artifact ${displayPath(found, wd)}`);
  return found;
}
async function findOptionalArtifact(workingDirectory) {
  const wd = resolve3(workingDirectory);
  if (!await isDirectory(wd)) return void 0;
  const found = await byRules(wd);
  if (found === void 0 || !await isConfined(found, await allowedRoots(wd))) return void 0;
  return found;
}
async function byRules(wd) {
  for (const rule of RULES) {
    const found = await rule.find(wd);
    if (found.length === 1) return found[0];
    if (found.length > 1) throw several(found, wd, rule.describe);
  }
  return void 0;
}
async function fromInput(artifact, wd) {
  const direct = resolve3(wd, artifact);
  try {
    await stat2(direct);
    return direct;
  } catch {
  }
  const { glob, isDynamicPattern } = await loadGlob();
  if (!isDynamicPattern(artifact)) {
    throw new InputError(
      `Input "artifact": ${artifact} does not exist in ${displayPath(wd, process.cwd())}; build the project first or fix the path (relative to working-directory).`
    );
  }
  const found = (await glob([artifact], {
    cwd: wd,
    absolute: true,
    onlyFiles: false,
    dot: false,
    expandDirectories: false
  })).sort();
  if (found.length === 1) return resolve3(found[0]);
  if (found.length === 0) {
    throw new InputError(
      `Input "artifact": the pattern ${artifact} matches nothing in ${displayPath(wd, process.cwd())}; build the project first or fix the pattern (relative to working-directory).`
    );
  }
  throw several(
    found.map((p) => resolve3(p)),
    wd,
    `the pattern ${artifact}`
  );
}

// src/connectors/dockerfile.ts
import { copyFile, link, mkdir, symlink } from "node:fs/promises";
import { join as join5, posix, relative, sep } from "node:path";
var DEFAULT_DIR = { mode: 493, uid: 0, gid: 0 };
var EMPTY_DIR = "dirs/empty";
function octal(mode) {
  return (mode & 4095).toString(8).padStart(4, "0");
}
function metaKey(d) {
  return `${d.uid}:${d.gid}:${octal(d.mode)}`;
}
function depth(path) {
  return path === "/" ? 0 : path.split("/").length - 1;
}
function byPath(a, b) {
  return a.path < b.path ? -1 : a.path > b.path ? 1 : 0;
}
function listedDirectories(plan) {
  const dirs = /* @__PURE__ */ new Map();
  for (const d of plan.directories) {
    if (!d.ifMissing) dirs.set(posix.normalize(d.path), { ...d, path: posix.normalize(d.path) });
  }
  return dirs;
}
function ifMissingDirectories(plan) {
  const listed = listedDirectories(plan);
  const dirs = /* @__PURE__ */ new Map();
  for (const d of plan.directories) {
    const path = posix.normalize(d.path);
    if (d.ifMissing && !listed.has(path)) dirs.set(path, { ...d, path });
  }
  return dirs;
}
function impliedDirectories(plan) {
  const listed = listedDirectories(plan);
  const ifMissing = ifMissingDirectories(plan);
  const implied = /* @__PURE__ */ new Set();
  const addParents = (path) => {
    for (let p = posix.dirname(path); p !== "/" && p !== "."; p = posix.dirname(p)) {
      if (!listed.has(p) && !ifMissing.has(p)) implied.add(p);
    }
  };
  for (const d of listed.keys()) addParents(d);
  for (const d of ifMissing.keys()) addParents(d);
  for (const f of plan.files) addParents(posix.normalize(f.path));
  for (const l of plan.symlinks ?? []) addParents(posix.normalize(l.path));
  return [...implied].sort();
}
function missingOnlyDirectories(plan) {
  const implied = impliedDirectories(plan).map((path) => ({ path, ...DEFAULT_DIR }));
  return [...ifMissingDirectories(plan).values(), ...implied].sort(byPath);
}
function parentCopies(plan) {
  const missing = new Map(missingOnlyDirectories(plan).map((d) => [d.path, d]));
  const above = (path) => {
    for (let p = posix.dirname(path); p !== "/" && p !== "."; p = posix.dirname(p)) {
      const d = missing.get(p);
      if (d) return d;
    }
    return void 0;
  };
  const notDeepest = /* @__PURE__ */ new Set();
  for (const d of missing.values()) {
    const parent = above(d.path);
    if (parent && metaKey(parent) === metaKey(d)) notDeepest.add(parent.path);
  }
  const runTop = (d) => {
    let top = d;
    for (let up = above(d.path); up && metaKey(up) === metaKey(d); up = above(up.path)) top = up;
    return top;
  };
  const oneOwner = new Set([...missing.values()].map(metaKey)).size <= 1;
  return [...missing.values()].filter((d) => !notDeepest.has(d.path)).map((d) => ({ d, top: oneOwner ? 0 : depth(runTop(d).path) })).sort((a, b) => a.top - b.top || byPath(a.d, b.d)).map(({ d }) => d);
}
function directoryCopies(plan) {
  const listed = listedDirectories(plan);
  const groups = /* @__PURE__ */ new Map();
  for (const d of [...listed.values()].sort(byPath)) {
    let top = d.path;
    for (; ; ) {
      const parent = listed.get(posix.dirname(top));
      if (!parent || posix.dirname(top) === top || metaKey(parent) !== metaKey(d)) break;
      top = parent.path;
    }
    const dest = posix.dirname(top);
    const key = `${dest}|${metaKey(d)}`;
    let group = groups.get(key);
    if (!group) {
      group = { uid: d.uid, gid: d.gid, mode: d.mode, dest, paths: [] };
      groups.set(key, group);
    }
    group.paths.push(d.path);
  }
  return [...groups.values()].sort(
    (a, b) => depth(b.dest) - depth(a.dest) || (a.dest < b.dest ? -1 : a.dest > b.dest ? 1 : 0) || (metaKey(a) < metaKey(b) ? -1 : 1)
  ).map((group, index) => ({ index, ...group }));
}
function linkCopies(plan) {
  const groups = /* @__PURE__ */ new Map();
  for (const l of [...plan.symlinks ?? []].sort(byPath)) {
    const dest = posix.dirname(posix.normalize(l.path));
    const key = `${dest}|${l.uid}:${l.gid}`;
    let group = groups.get(key);
    if (!group) {
      group = { uid: l.uid, gid: l.gid, dest, links: [] };
      groups.set(key, group);
    }
    group.links.push(l);
  }
  return [...groups.values()].map((group, index) => ({ index, ...group }));
}
var SAFE_NAME = /^[A-Za-z0-9._+@=,-]+$/;
function contextName(file, index) {
  const name = posix.basename(file.path);
  return `files/${index}/${SAFE_NAME.test(name) ? name : "file"}`;
}
function inBuildContext(plan, contextDir) {
  const files = sortedFiles(plan).map((file, index) => ({
    ...file,
    source: join5(contextDir, ...contextName(file, index).split("/"))
  }));
  return { ...plan, files };
}
async function prepareBuildContext(plan, contextDir) {
  await mkdir(contextDir, { recursive: true });
  const moved = inBuildContext(plan, contextDir);
  for (const [index, file] of sortedFiles(plan).entries()) {
    const target = moved.files[index].source;
    await mkdir(join5(target, ".."), { recursive: true });
    try {
      await link(file.source, target);
    } catch {
      await copyFile(file.source, target);
    }
  }
  for (const copy of directoryCopies(plan)) {
    for (const path of copy.paths) {
      const inTree = posix.relative(copy.dest, path).split("/");
      await mkdir(join5(contextDir, "dirs", String(copy.index), ...inTree), { recursive: true });
    }
  }
  for (const copy of linkCopies(plan)) {
    const dir = join5(contextDir, "links", String(copy.index));
    await mkdir(dir, { recursive: true });
    for (const l of copy.links) await symlink(l.target, join5(dir, posix.basename(l.path)));
  }
  if (parentCopies(plan).length > 0)
    await mkdir(join5(contextDir, ...EMPTY_DIR.split("/")), { recursive: true });
  return moved;
}
function sortedFiles(plan) {
  return [...plan.files].sort((a, b) => a.path < b.path ? -1 : a.path > b.path ? 1 : 0);
}
function noNewline(what, value) {
  if (/[\r\n]/.test(value)) {
    throw new InputError(
      `${what} contains a line break, which a Dockerfile cannot hold; remove it.`
    );
  }
  return value;
}
function word(what, value) {
  if (value.includes("\\")) {
    throw new InputError(
      `${what} "${value}" contains a backslash, which Dockerfiles treat as an escape; rename it.`
    );
  }
  return noNewline(what, value).replace(/\$/g, "\\$");
}
function quoted(what, value) {
  return `"${noNewline(what, value).replace(/([\\"$])/g, "\\$1")}"`;
}
function copyInstruction(flags, sources, dest) {
  const words = [...sources, dest];
  if (words.every((w) => !/[\s"'[\]]/.test(w))) return ["COPY", ...flags, ...words].join(" ");
  return `COPY ${flags.join(" ")} ${JSON.stringify(words)}`;
}
function contextPath(contextDir, source) {
  const rel = relative(contextDir, source);
  if (rel === "" || !isInside(contextDir, source)) {
    throw new Error(
      `renderDockerfile: ${source} is outside the build context ${contextDir}; call prepareBuildContext first.`
    );
  }
  return rel.split(sep).join("/");
}
function renderDockerfile(plan, contextDir) {
  const lines = [
    "# Rendered by Slipway from its image plan; the native builder produces the same image.",
    `FROM ${word("base image", plan.base)}`
  ];
  if (plan.python) {
    lines.push(
      `# Python dependencies from ${noNewline("lock", plan.python.label)}, installed natively per platform`,
      "ARG TARGETOS",
      "ARG TARGETARCH",
      "COPY deps/${TARGETOS}/${TARGETARCH}/ /"
    );
  }
  for (const parent of parentCopies(plan)) {
    if ((parent.mode & 4095) !== DEFAULT_DIR.mode) {
      throw new Error(
        `renderDockerfile: ${parent.path} is to be made with mode ${octal(parent.mode)} where the base lacks it, which no Dockerfile COPY does; only 0755 can be rendered.`
      );
    }
    lines.push(
      copyInstruction(
        [`--chown=${parent.uid}:${parent.gid}`, "--chmod=0755"],
        [`${EMPTY_DIR}/`],
        `${word("path", parent.path)}/`
      )
    );
  }
  for (const copy of directoryCopies(plan)) {
    const dest = copy.dest === "/" ? "/" : `${word("path", copy.dest)}/`;
    const flags = [`--chown=${copy.uid}:${copy.gid}`, `--chmod=${octal(copy.mode)}`];
    lines.push(copyInstruction(flags, [`dirs/${copy.index}/`], dest));
  }
  const groups = /* @__PURE__ */ new Map();
  for (const file of sortedFiles(plan)) {
    const src = contextPath(contextDir, file.source);
    const sameName = posix.basename(src) === posix.basename(file.path);
    const key = sameName ? `${metaKey(file)}|${posix.dirname(file.path)}` : `single|${file.path}`;
    groups.set(key, [...groups.get(key) ?? [], { file, src }]);
  }
  for (const group of groups.values()) {
    const { file } = group[0];
    const flags = [`--chown=${file.uid}:${file.gid}`, `--chmod=${octal(file.mode)}`];
    const sources = group.map((g) => word("file", g.src));
    const dest = group.length === 1 ? file.path : `${posix.dirname(file.path)}/`;
    lines.push(copyInstruction(flags, sources, word("path", dest)));
  }
  for (const x of plan.baseExecutables ?? []) {
    const flags = [
      `--from=${word("base image", plan.base)}`,
      `--chown=${x.uid}:${x.gid}`,
      `--chmod=${octal(x.mode)}`
    ];
    lines.push(copyInstruction(flags, [word("path", x.path)], word("path", x.path)));
  }
  for (const copy of linkCopies(plan)) {
    for (const l of copy.links) word("link", posix.basename(l.path));
    const dest = copy.dest === "/" ? "/" : `${word("path", copy.dest)}/`;
    lines.push(
      copyInstruction([`--chown=${copy.uid}:${copy.gid}`], [`links/${copy.index}/`], dest)
    );
  }
  if (plan.workdir) lines.push(`WORKDIR ${word("workdir", plan.workdir)}`);
  for (const [key, value] of Object.entries(plan.env)) {
    if (!/^[A-Za-z_][A-Za-z0-9_.-]*$/.test(key)) {
      throw new InputError(
        `Environment variable name "${key}" cannot be written in a Dockerfile; rename it.`
      );
    }
    lines.push(`ENV ${key}=${quoted(`ENV ${key}`, value)}`);
  }
  for (const [key, value] of Object.entries(plan.labels)) {
    lines.push(`LABEL ${quoted("label name", key)}=${quoted(`label ${key}`, value)}`);
  }
  for (const command of plan.run) lines.push(`RUN ${noNewline("RUN command", command)}`);
  if (plan.user) lines.push(`USER ${word("user", plan.user)}`);
  if (plan.exposedPorts?.length)
    lines.push(`EXPOSE ${plan.exposedPorts.map((p) => word("port", p)).join(" ")}`);
  if (plan.entrypoint) lines.push(`ENTRYPOINT ${JSON.stringify(plan.entrypoint)}`);
  if (plan.cmd) lines.push(`CMD ${JSON.stringify(plan.cmd)}`);
  return `${lines.join("\n")}
`;
}

// src/connectors/file/plan.ts
import { basename, posix as posix2 } from "node:path";
var ROOT = { uid: 0, gid: 0 };
function planFile(inputs, info) {
  if (!inputs["base-image"]) {
    throw new InputError(
      `${info.label} is not a connector Slipway knows, so there is no default base: set base-image (e.g. base-image: docker.io/library/busybox:1.36), or set connector-type.`
    );
  }
  if (!inputs["artifact-path"]) {
    throw new InputError(
      `${info.label} is not a connector Slipway knows, so there is no default place for it: set artifact-path (e.g. artifact-path: /opt/app/), or set connector-type.`
    );
  }
  const dir = targetDirectory(inputs, "/");
  return {
    base: inputs["base-image"],
    baseSource: BASE_IMAGE_INPUT,
    files: [
      {
        path: posix2.join(dir, basename(info.path)),
        source: info.path,
        mode: info.format === "go" ? 493 : 420,
        ...ROOT
      }
    ],
    directories: [],
    env: {},
    labels: {},
    run: [],
    platforms: info.platform ? [info.platform] : void 0
  };
}

// src/connectors/inspect/index.ts
import { stat as stat3 } from "node:fs/promises";
import { basename as basename2, dirname, extname, join as join6, resolve as resolve4 } from "node:path";

// src/connectors/types.ts
function connectorTypeInput(value) {
  return CONNECTOR_TYPES.includes(value) ? value : "auto";
}
function artifactFormatInput(value) {
  return ARTIFACT_FORMATS.includes(value) ? value : "auto";
}

// src/connectors/inspect/index.ts
var ZIP_MAGIC = [Buffer.from("PK", "latin1"), Buffer.from("PK", "latin1")];
var GZIP_MAGIC = Buffer.from([31, 139]);
async function inspectArtifact(inputs, artifactPath, workingDirectory, logger, { components = true } = {}) {
  const wd = resolve4(workingDirectory);
  const path = resolve4(wd, artifactPath);
  const label = displayPath(path, wd);
  const connectorType = connectorTypeInput(inputs["connector-type"]);
  const format = artifactFormatInput(inputs["artifact-format"]);
  const className = inputs["class-name"];
  let info;
  try {
    info = await stat3(path);
  } catch {
    throw new InputError(
      `Artifact ${label} does not exist; build the project first or fix artifact.`
    );
  }
  if (info.isDirectory()) {
    const pythonFunction = (connectorType === "pulsar-function" || format === "python") && !await exists(join6(path, METADATA_FILE));
    if (pythonFunction) {
      const file = await functionFileOf(path, className, label);
      return withFileBom(
        await inspectPythonFile({
          path: file,
          label: displayPath(file, wd),
          connectorType,
          className
        })
      );
    }
    return inspectAirbyteFolder({ folder: path, workingDirectory: wd, connectorType, format });
  }
  const name = basename2(path);
  if (name === METADATA_FILE || name === MANIFEST_FILE) {
    return inspectAirbyteFolder({
      folder: dirname(path),
      workingDirectory: wd,
      connectorType,
      format
    });
  }
  const head = await readHead(path, 512);
  const ext = extname(name).toLowerCase();
  const isZip = ZIP_MAGIC.some((magic) => head.subarray(0, 4).equals(magic));
  const isTar = /\.(tar|tgz|tar\.gz)$/i.test(name) && (head.subarray(0, 2).equals(GZIP_MAGIC) || head.subarray(257, 262).toString("latin1") === "ustar" || head.length < 262);
  const wantsGo = format === "go" || format === "auto" && isElf(head);
  if (wantsGo) {
    if (connectorType !== "auto" && connectorType !== "pulsar-function") {
      throw new InputError(
        `${label} is a Go binary, which only a Pulsar Function can be (connector-type is ${connectorType}); set connector-type: pulsar-function.`,
        { file: label }
      );
    }
    const elf = elfPlatform(head);
    if (!elf.ok) {
      throw new InputError(
        `${label} cannot run as a Go function: ${elf.reason}; build it with GOOS=linux GOARCH=amd64 (or arm64).`,
        { file: label }
      );
    }
    return withFileBom({
      connectorType: "pulsar-function",
      format: "go",
      path,
      label,
      name: basename2(name, ext),
      className: className || void 0,
      platform: elf.platform
    });
  }
  if (format === "airbyte-java" || format === "auto" && isTar) {
    return inspectAirbyteFolder({
      folder: await connectorFolderOf(path, wd),
      tar: path,
      workingDirectory: wd,
      connectorType,
      format: "airbyte-java"
    });
  }
  const javaCtx = { path, label, connectorType, className, logger };
  if (format === "python" || format === "auto" && (ext === ".py" || ext === ".whl" || ext === ".zip")) {
    if (!isZip) {
      if (ext === ".py" || format === "python") {
        return withFileBom(await inspectPythonFile(javaCtx));
      }
      throw new InputError(
        `${label} is not a zip archive; rebuild the ${ext === ".whl" ? "wheel" : "zip"}.`,
        { file: label }
      );
    }
    return withZip(openZip(path, label), async (zip) => {
      const found = await inspectPythonArchive(zip, javaCtx);
      return components ? { ...found, bom: await pythonComponents(zip, found) } : found;
    });
  }
  if (format === "nar" || format === "uber-jar" || format === "jar" || format === "auto" && isZip) {
    if (!isZip) {
      throw new InputError(
        `${label} is not a zip archive, so it cannot be a ${format === "auto" ? "JAR or NAR" : format}; point artifact at the built archive.`,
        { file: label }
      );
    }
    return withZip(openZip(path, label), async (zip) => {
      const nar = format === "nar" || format === "auto" && (looksLikeNar(zip) || ext === ".nar");
      const found = nar ? await inspectNar(zip, javaCtx) : await inspectJar(zip, javaCtx);
      return components ? { ...found, bom: await javaComponents(zip, found, logger) } : found;
    });
  }
  if (format === "auto" && [".nar", ".jar", ".whl", ".zip"].includes(ext)) {
    throw new InputError(
      `${label} is not a zip archive, although its name says ${ext}; rebuild it or point artifact at the right file.`,
      { file: label }
    );
  }
  if (format === "file" || format === "auto" && connectorType === "auto") {
    return {
      connectorType: connectorType === "auto" ? void 0 : connectorType,
      format: "file",
      path,
      label,
      name: basename2(name, ext)
    };
  }
  throw new InputError(
    `Cannot tell what ${label} is (not a NAR, JAR, wheel, zip, .py, ELF binary, distribution tar or Airbyte folder); set artifact-format or point artifact at the built connector.`,
    { file: label }
  );
}
function withFileBom(info) {
  return { ...info, bom: fileComponents(info) };
}
async function connectorFolderOf(tar, workingDirectory) {
  for (let dir = dirname(tar); ; dir = dirname(dir)) {
    if (await exists(resolve4(dir, METADATA_FILE))) return dir;
    if (dir === workingDirectory || dir === dirname(dir) || !isInside(workingDirectory, dir)) break;
  }
  return workingDirectory;
}

// src/connectors/index.ts
async function planImage(inputs, info, opts) {
  switch (info.connectorType) {
    case "pulsar-source":
    case "pulsar-sink":
      return (await import("./plan-G2LGMBP2.js")).planPulsarConnector(inputs, info);
    case "pulsar-function":
      return (await import("./plan-6OYGVWEL.js")).planFunction(inputs, info, opts);
    case "airbyte-source":
    case "airbyte-destination":
      return (await import("./plan-DN2QEQ3A.js")).planAirbyte(inputs, info, opts);
    default:
      return planFile(inputs, info);
  }
}
async function prepareArtifact(inputs, opts) {
  const wd = resolve5(opts.workingDirectory);
  const { logger } = opts;
  await runBuild(inputs, wd, logger, opts.env);
  let info;
  let plan;
  let dockerReason;
  let userDockerfile;
  if (inputs.dockerfile) {
    const path = resolve5(wd, inputs.dockerfile);
    const label = displayPath(path, wd);
    let text;
    try {
      text = await readFile(path, "utf8");
    } catch {
      throw new InputError(
        `Input "dockerfile": ${label} does not exist; fix the path (relative to working-directory).`
      );
    }
    info = await inspectIfPresent(inputs, wd, logger, opts.components);
    const { parseDockerfile } = await import("./dockerfile-parse-ECZ4W2NV.js");
    const parsed = await parseDockerfile(text, wd, { label });
    if (parsed.kind === "plan") {
      plan = parsed.plan;
    } else {
      dockerReason = parsed.reason;
      userDockerfile = { path, contextDir: wd, bases: parsed.bases };
      plan = {
        base: parsed.bases[parsed.bases.length - 1] ?? "",
        baseSource: `the last FROM of ${label}`,
        files: [],
        directories: [],
        env: {},
        labels: {},
        run: []
      };
    }
  } else {
    const artifact = await discoverArtifact(inputs.artifact, wd);
    info = await inspectArtifact(inputs, artifact, wd, logger, { components: opts.components });
    logger.info(
      `artifact: ${info.label} (${info.connectorType ?? "unknown type"}, ${info.format}${info.version ? `, ${info.version}` : ""})`
    );
    plan = await planImage(inputs, info, {
      stagingDir: opts.stagingDir,
      logger,
      workingDirectory: wd,
      env: opts.env,
      outputDir: opts.outputDir
    });
    if (plan.run.length > 0) dockerReason = `RUN ${plan.run[0]} (${info.format})`;
  }
  let builder = dockerReason ? "docker" : "native";
  if (inputs.builder === "docker") builder = "docker";
  if (inputs.builder === "native" && dockerReason) {
    throw new InputError(
      `Input "builder" is native, but the image needs ${dockerReason}, which only a docker-compatible builder can run; set builder: auto (or docker) and docker-command.`
    );
  }
  const { contextDir } = opts;
  if (plan.files.length > 0) {
    const named = inputs.artifact ? [info.path] : [];
    const staging = await realpath2(opts.stagingDir).catch(() => resolve5(opts.stagingDir));
    const roots = [...await allowedRoots(wd, named), staging];
    const files = [];
    for (const file of plan.files) {
      const source = await confineToRoots(file.source, roots, displayPath(file.source, wd));
      files.push({ ...file, source });
    }
    plan = { ...plan, files };
  }
  if (!userDockerfile) {
    plan = { ...plan, files: sortedFiles(plan) };
    if (builder === "docker" || opts.keepContext) await prepareBuildContext(plan, contextDir);
  }
  return {
    info,
    plan,
    contextDir: userDockerfile ? wd : contextDir,
    builder,
    dockerReason,
    userDockerfile
  };
}
async function inspectIfPresent(inputs, wd, logger, components) {
  const artifact = inputs.artifact ? await discoverArtifact(inputs.artifact, wd) : await findOptionalArtifact(wd);
  if (artifact === void 0) return { format: "file", path: wd, label: "." };
  return inspectArtifact(inputs, artifact, wd, logger, { components });
}

// src/publish/index.ts
import { resolve as resolve6 } from "node:path";
function parseOutput(value) {
  if (value === "registry" || value === "none") return { kind: value };
  if (value.startsWith("oci:") && value.length > 4) {
    return { kind: "oci", dir: resolve6(value.slice(4)) };
  }
  throw new InputError(
    `Input "output" must be registry, oci:DIR or none (got "${value}"); e.g. output: oci:out/image`
  );
}
var NOTHING_SENT = {
  bytesUploaded: 0,
  bytesSkipped: 0,
  blobsUploaded: 0,
  blobsMounted: 0,
  blobsExisting: 0
};

// src/publish/dry-run.ts
var DryRunPublisher = class {
  constructor(logger) {
    this.logger = logger;
  }
  logger;
  output = { kind: "none" };
  layerStream() {
    return void 0;
  }
  publish(image) {
    this.logger.info(`dry run: ${image.descriptor.digest} (output: none)`);
    return Promise.resolve({
      references: [],
      pinned: "",
      stored: [],
      pushed: false,
      stats: NOTHING_SENT
    });
  }
};

// src/publish/layout.ts
var LayoutPublisher = class {
  constructor(dir, tags, logger) {
    this.dir = dir;
    this.tags = tags;
    this.logger = logger;
    this.output = { kind: "oci", dir };
  }
  dir;
  tags;
  logger;
  output;
  layerStream() {
    return void 0;
  }
  async publish(image, beforeTags2) {
    const digest = image.descriptor.digest;
    await writeLayout(this.dir, image);
    await beforeTags2?.({ kind: "oci", dir: this.dir, image });
    for (const tag of this.tags) {
      await writeLayout(this.dir, image, tag);
      this.logger.info(`wrote oci:${this.dir}:${tag} (${digest})`);
    }
    const pinned = `oci:${this.dir}@${digest}`;
    return {
      references: this.tags.map((tag) => `oci:${this.dir}:${tag}`),
      pinned,
      stored: [pinned],
      pushed: false,
      stats: NOTHING_SENT
    };
  }
};

// src/publish/if-exists.ts
var import_valid = __toESM(require_valid());
function ifExists({
  reference,
  existingDigest,
  newDigest,
  policy,
  release = false
}) {
  if (existingDigest === void 0) return { action: "push", outcome: "created" };
  if (existingDigest === newDigest) return { action: "no-op", outcome: "unchanged" };
  const other = `${existingDigest.slice(0, 19)}\u2026`;
  switch (policy) {
    case "overwrite":
      return { action: "push", outcome: "updated" };
    case "protect-releases":
      if (!release) return { action: "push", outcome: "updated" };
      return {
        action: "fail",
        message: `Release tag ${reference} already points at ${existingDigest}, and this build is ${newDigest}; a release tag is never moved to other content by default: release a new version, or set if-exists: overwrite to replace it.`
      };
    case "skip":
      return {
        action: "skip",
        outcome: "skipped",
        message: `${reference} already points at ${other}, left as it is (if-exists: skip)`
      };
    case "fail":
      return {
        action: "fail",
        message: `Tag ${reference} already exists with another image (${other}) and if-exists is fail; push a new tag, or set if-exists to overwrite or skip.`
      };
  }
}
function formatTagDecision(reference, outcome) {
  return `${reference}=${outcome}`;
}
function isReleaseTag(tag) {
  return /^v?\d+\.\d+\.\d+$/.test(tag) && (0, import_valid.default)(tag) !== null;
}

// src/publish/stream-upload.ts
import { PassThrough } from "node:stream";
var CANCEL_TIMEOUT_MS = 5e3;
var BUFFER = 8 * 1024 * 1024;
var LayerUpload = class {
  constructor(opts) {
    this.opts = opts;
    this.client = opts.transport.client(opts.target.registry);
    this.scopes = [pushScope(opts.target.repository)];
    this.body.on("error", () => void 0);
    this.pushing = this.decide().catch((err) => {
      this.abandon(errorMessage(err));
      return false;
    });
  }
  opts;
  state = "deciding";
  body = new PassThrough({ highWaterMark: BUFFER });
  client;
  scopes;
  /** Resolves true when no tag exists, i.e. the push will happen (so blobs may go early). */
  pushing;
  patch;
  written = 0;
  why = "";
  stopped = false;
  /** Blobs pushed early, by digest; each promise never rejects. */
  early = /* @__PURE__ */ new Map();
  async write(chunk) {
    if (this.state === "abandoned") return;
    this.written += chunk.length;
    if (this.body.write(chunk)) return;
    if (this.body.destroyed) return;
    await new Promise((resolve8) => {
      const done = () => {
        this.body.off("drain", done);
        this.body.off("close", done);
        resolve8();
      };
      this.body.on("drain", done);
      this.body.on("close", done);
    });
  }
  /**
   * Makes these blobs present in the target now, once it is known that the push will happen
   * (HEAD, mount, or copy as the push would). Failures are left to the push.
   */
  pushEarly(blobs) {
    const fresh = blobs.filter((b) => !this.early.has(b.descriptor.digest));
    if (fresh.length === 0) return;
    const ctx = {
      transport: this.opts.transport,
      target: this.opts.target,
      scopes: pushScopes(this.opts.target, fresh),
      logger: this.opts.logger
    };
    for (const blob of fresh) {
      const outcome = this.pushing.then(async (pushing) => {
        if (!pushing || this.stopped) return void 0;
        try {
          return await pushBlob(ctx, blob);
        } catch (err) {
          this.opts.logger?.debug(
            `early push of ${shortDigest(blob.descriptor.digest)} failed: ${errorMessage(err)}`
          );
          return void 0;
        }
      });
      this.early.set(blob.descriptor.digest, outcome);
    }
  }
  /**
   * Completes the upload as the built layer's blob, while the image's configs go up, then
   * marks every blob of the image that is now in the target (`pushedTo`), so that the push
   * skips it. What did not work out is left unmarked for the push to send. Never rejects.
   */
  async finish(layer, built) {
    const images = isIndex(built) ? built.images : [built];
    this.pushEarly(images.map((i) => i.config));
    const streamed = await this.complete(layer);
    const placed = /* @__PURE__ */ new Map();
    for (const [digest, outcome] of this.early) {
      const done = await outcome;
      if (done) placed.set(digest, done);
    }
    if (streamed) placed.set(layer.descriptor.digest, "uploaded");
    const { registry, repository } = this.opts.target;
    for (const image of images) {
      for (const blob of [image.config, ...image.layers]) {
        const outcome = placed.get(blob.descriptor.digest);
        if (outcome) blob.pushedTo = { registry, repository, outcome };
      }
    }
  }
  /** Stops sending (a failed build); the registry drops the unfinished session. */
  abort() {
    this.stopped = true;
    this.abandon("the build stopped");
  }
  async decide() {
    await this.opts.prepare?.();
    if (this.gaveUp()) return false;
    const session = this.openSession();
    session.catch(() => void 0);
    const location = await session;
    if (this.gaveUp()) {
      await this.cancel(session);
      return false;
    }
    this.state = "sending";
    let opened = false;
    this.patch = this.client.request({
      method: "PATCH",
      url: location,
      scopes: this.scopes,
      op: this.op("uploading"),
      // No Content-Length: the size is not known yet, so the body goes chunked.
      headers: { "content-type": "application/octet-stream" },
      body: () => {
        if (opened) return Promise.reject(new RegistryError("the streamed layer was already sent"));
        opened = true;
        return Promise.resolve(this.body);
      },
      // Amazon ECR answers 201: the bytes are taken all the same, and PUT ?digest= checks them.
      expect: [202, 201, 204],
      retry: false
    });
    this.patch.catch((err) => this.abandon(errorMessage(err)));
    return true;
  }
  /** The session's URL; opened without waiting for the push's retries around a whole upload. */
  openSession() {
    return startUpload(this.client, this.context(), (what) => this.op(what), { retry: true });
  }
  /** Best effort: a registry also drops an abandoned session by itself, in time. */
  async cancel(session) {
    const location = await session.catch(() => void 0);
    if (location !== void 0) {
      await cancelUpload(this.client, this.context(), location, CANCEL_TIMEOUT_MS);
    }
  }
  /** Ends the stream and commits it under the layer's digest; true when the registry has it. */
  async complete(layer) {
    await this.pushing;
    const d = layer.descriptor;
    const { target } = this.opts;
    if (this.state !== "sending" || !this.patch) {
      this.abandon(this.why || "not started");
      return false;
    }
    if (this.written !== d.size) {
      this.abandon(`${this.written} bytes streamed for a ${d.size}-byte blob`);
      return false;
    }
    this.body.end();
    let sent = false;
    try {
      const res = await this.patch;
      await res.body.dump();
      sent = true;
      checkRange(header(res.headers, "range"), d.size, this.opts.logger);
      const next = uploadLocation(res.url, header(res.headers, "location") ?? res.url, target);
      await putBlob(this.client, this.context(), layer, next, (w) => this.op(w), "upload", false);
    } catch (err) {
      const held = sent && await blobPresent(this.client, this.context(), d, (w) => this.op(w)) === true;
      if (!held) {
        this.abandon(errorMessage(err));
        return false;
      }
      this.opts.logger?.debug(
        `the layer's commit was not confirmed, but ${target.name()} holds it`
      );
    }
    this.opts.logger?.progress({
      id: shortDigest(d.digest),
      action: "upload",
      bytes: d.size,
      total: d.size
    });
    return true;
  }
  /** write.ts's view of this push: the layer's session uses the layer's push token. */
  context() {
    const { transport, target, logger } = this.opts;
    return { transport, target, scopes: this.scopes, logger };
  }
  /** A method, not a field test: the state changes while decide() awaits. */
  gaveUp() {
    return this.state === "abandoned";
  }
  abandon(why) {
    if (this.state === "abandoned") return;
    this.state = "abandoned";
    this.why = why;
    this.body.destroy();
    this.opts.logger?.debug(`layer not streamed to ${this.opts.target.name()}: ${why}`);
  }
  op(what) {
    return { access: "push", repository: this.opts.target.name(), what: `${what} the layer` };
  }
};
function checkRange(range, size, logger) {
  if (range === void 0) return;
  const m = /^(?:bytes=)?0-(\d+)$/.exec(range.trim());
  if (size === 0 || !m) return;
  if (Number(m[1]) !== size - 1) {
    logger?.debug(`the registry reports bytes ${range} of ${size}; its PUT ?digest= will tell`);
  }
}

// src/publish/registry.ts
var RegistryPublisher = class {
  constructor(opts) {
    this.opts = opts;
    if (opts.targets.length === 0) throw new Error("RegistryPublisher: no target");
  }
  opts;
  output = { kind: "registry" };
  lookups;
  /** Whether an image (by repo@digest) records this build's layer; each is read once. */
  compared = /* @__PURE__ */ new Map();
  /** Manifests read by digest, each once: the tag checks and run/reuse.ts ask for the same. */
  manifests = /* @__PURE__ */ new Map();
  /** The digests under the `sameAs` tags, looked up once. */
  sameAsLookup;
  layerStream() {
    const { transport, targets, logger } = this.opts;
    const [first] = targets;
    return new LayerUpload({
      transport,
      target: first.repository,
      // Throwing here just means "do not stream".
      prepare: () => this.streamable(),
      logger
    });
  }
  /**
   * Streaming sends the layer before its digest is known, so only when the push will surely send
   * it to the first target: one of its tags is new or moves (its image records another layer),
   * no tag anywhere would refuse other content (so no streamed byte serves a run that fails on
   * its digest), and no image there (a tag, or an earlier run's `sameAs`) records this layer (a
   * rebuilt release, an unchanged re-push: those send no layer bytes). Throws why not.
   */
  async streamable() {
    const { policy, targets } = this.opts;
    const first = targets[0].repository;
    let sends = false;
    for (const { target, existing } of await this.lookUp()) {
      for (const [i, tag] of target.tags.entries()) {
        const digest = existing[i];
        const onFirst = target.repository === first;
        const ref = target.repository.withTag(tag).toString();
        if (digest === void 0) {
          sends ||= onFirst;
          continue;
        }
        if (await this.recordsThisLayer(target.repository, digest)) {
          if (onFirst) throw new Error(`${ref} has this layer`);
          continue;
        }
        const decision = ifExists({
          reference: ref,
          existingDigest: digest,
          newDigest: "another image",
          policy,
          release: isReleaseTag(tag)
        });
        if (decision.action === "fail") throw new Error(`${ref} would refuse another image`);
        sends ||= onFirst && decision.action === "push";
      }
    }
    if (!sends) throw new Error(`no tag of ${first.name()} is new or moves`);
    const earlier = await this.builtBefore();
    if (earlier) throw new Error(`${earlier} has this layer`);
  }
  async publish(image, beforeTags2) {
    const { transport, targets, logger } = this.opts;
    const digest = image.descriptor.digest;
    const decided = this.decide(await this.lookUp(), digest);
    const decisions = decided.flatMap((d) => d.decisions);
    const first = targets[0].repository;
    const references = targets[0].tags.map((tag) => first.withTag(tag).toString());
    const pinned = `${first.name()}@${digest}`;
    const active = decided.filter((d) => d.toPush.length > 0);
    const holding = decided.filter((d) => d.toPush.length > 0 || d.unchanged.length > 0);
    const stored = holding.map((d) => `${d.target.repository.name()}@${digest}`);
    for (const d of decided) {
      if (d.unchanged.length > 0 && d.toPush.length === 0) {
        logger.info(`unchanged: ${d.unchanged.join(", ")} already at ${digest}; nothing sent`);
      }
    }
    if (active.length === 0) {
      return { references, pinned, stored, pushed: false, stats: NOTHING_SENT, decisions };
    }
    const stats = { ...NOTHING_SENT };
    const pushedTo = [];
    for (const { target, unchanged } of active) {
      const held = unchanged.length > 0 || await headManifest(transport, target.repository.withDigest(digest), { push: true });
      if (held) {
        logger.debug(`${target.repository.name()}@${digest} is there already`);
        pushedTo.push(target.repository);
        continue;
      }
      const source = mountableFrom(image, target.repository, pushedTo);
      const result = await pushImage(target.repository, source, [], { transport, logger });
      for (const key of Object.keys(stats)) stats[key] += result.stats[key];
      pushedTo.push(target.repository);
      logger.debug(`stored ${target.repository.name()}@${digest}; no tag yet`);
    }
    await beforeTags2?.({
      kind: "registry",
      transport,
      repositories: holding.map((d) => d.target.repository),
      image
    });
    for (const { target, toPush } of active) {
      const tagged = await tagImage(target.repository, image, toPush, { transport, logger });
      for (const ref of tagged) logger.info(`pushed ${ref}@${digest}`);
    }
    return { references, pinned, stored, pushed: true, stats, decisions };
  }
  /**
   * The images (repo@digest) in the first target under its tags and the `sameAs` tags: where an
   * earlier push of this very build may be (run/reuse.ts earlierLayer). Each looked up once.
   */
  async candidates() {
    const repository = this.opts.targets[0].repository;
    const [first] = await this.lookUp();
    const digests = /* @__PURE__ */ new Set();
    for (const digest of first.existing) if (digest) digests.add(digest);
    for (const { digest } of await this.sameAsDigests()) digests.add(digest);
    return [...digests].map((d) => repository.withDigest(d));
  }
  /** The manifest at repo@digest, read once a run (an immutable reference). */
  manifest(ref) {
    const key = ref.toString();
    let found = this.manifests.get(key);
    if (!found) {
      found = fetchManifest(this.opts.transport, ref, { push: true });
      this.manifests.set(key, found);
      found.catch(() => this.manifests.delete(key));
    }
    return found;
  }
  /** The `sameAs` tags of the first target that exist, with their digests; one lookup each. */
  sameAsDigests() {
    this.sameAsLookup ??= (async () => {
      const { transport, targets, sameAs = [], logger } = this.opts;
      const repository = targets[0].repository;
      const found = [];
      for (const tag of sameAs) {
        const ref = repository.withTag(tag);
        try {
          const head = await headManifest(transport, ref, { push: true });
          if (head) found.push({ tag, digest: head.digest });
        } catch (err) {
          logger.debug(`could not look ${ref.toString()} up: ${errorMessage(err)}`);
        }
      }
      return found;
    })();
    return this.sameAsLookup;
  }
  /** The first target's reference of an earlier push of this very build, if there is one. */
  async builtBefore() {
    if (!this.opts.record) return void 0;
    const repository = this.opts.targets[0].repository;
    for (const { tag, digest } of await this.sameAsDigests()) {
      if (await this.recordsThisLayer(repository, digest)) {
        return repository.withTag(tag).toString();
      }
    }
    return void 0;
  }
  /**
   * Whether the image at repository@digest records this build's layer. The files are hashed
   * only for an image of this very plan; one that cannot be read counts as another layer.
   */
  recordsThisLayer(repository, digest) {
    const { record, logger } = this.opts;
    const ref = repository.withDigest(digest);
    const key = ref.toString();
    let answer = this.compared.get(key);
    if (answer) return answer;
    answer = (async () => {
      if (!record) return false;
      try {
        const { manifest } = await this.manifest(ref);
        const theirs = manifest.annotations ?? {};
        const holds = (own2) => Object.keys(own2).length > 0 && Object.entries(own2).every(([k, v]) => theirs[k] === v);
        if (!holds(record.planned)) {
          logger.debug(`${key} was built from another plan or other files`);
          return false;
        }
        logger.debug(`${key} was built from this plan; hashing the files to compare`);
        return holds(await record.full());
      } catch (err) {
        logger.debug(`could not compare with ${key}: ${errorMessage(err)}`);
        return false;
      }
    })();
    this.compared.set(key, answer);
    return answer;
  }
  /** Looks every tag of every target up once (repositories made first, where that is needed). */
  lookUp() {
    this.lookups ??= (async () => {
      const { transport, targets, ensureRepository } = this.opts;
      for (const target of targets) await ensureRepository?.(target.repository);
      return Promise.all(
        targets.map(async (target) => ({
          target,
          existing: await Promise.all(
            target.tags.map(
              async (tag) => (await headManifest(transport, target.repository.withTag(tag), { push: true }))?.digest
            )
          )
        }))
      );
    })();
    return this.lookups;
  }
  /** The policy for every tag of every target; a `fail` anywhere throws before anything is sent. */
  decide(looked, digest) {
    const { policy, logger } = this.opts;
    return looked.map(({ target, existing }) => {
      const toPush = [];
      const unchanged = [];
      const decisions = [];
      target.tags.forEach((tag, i) => {
        const ref = target.repository.withTag(tag).toString();
        const release = isReleaseTag(tag);
        const decision = ifExists({
          reference: ref,
          existingDigest: existing[i],
          newDigest: digest,
          policy,
          release
        });
        if (decision.action === "fail") throw new RunError(decision.message);
        if (decision.action === "skip") logger.warn(decision.message);
        if (decision.action === "no-op") unchanged.push(ref);
        if (decision.action === "push") toPush.push(tag);
        logger.info(`tag ${ref} (${release ? "release tag" : "moving tag"}): ${decision.outcome}`);
        decisions.push(formatTagDecision(ref, decision.outcome));
      });
      return { target, toPush, unchanged, decisions };
    });
  }
};
function mountableFrom(built, target, pushedTo) {
  const sibling = pushedTo.find((r) => r.registry === target.registry);
  if (!sibling) return built;
  const origin = { registry: sibling.registry, repository: sibling.repository };
  const blob = (b) => b.origin?.registry === target.registry ? b : { ...b, origin };
  const image = (i) => ({
    ...i,
    config: blob(i.config),
    layers: i.layers.map(blob)
  });
  return isIndex(built) ? { ...built, images: built.images.map(image) } : image(built);
}
function pushToRegistry(image, target) {
  const { repository, tags, ...rest } = target;
  return new RegistryPublisher({ ...rest, targets: [{ repository, tags }] }).publish(image);
}

// src/run/after-push.ts
import { writeFileSync } from "node:fs";
import { basename as basename3, posix as posix3 } from "node:path";

// src/attest/publish-sbom.ts
async function publishSbom(target) {
  const { logger } = target;
  const bom = buildSbom(target.info, target.epoch, target.artifactSha256);
  if (!bom) {
    logger.info("sbom: a plain file bundles nothing to list; no SBOM pushed");
    return void 0;
  }
  const subject = await target.subject();
  const artifact = referrerArtifact({
    artifactType: CYCLONEDX_MEDIA_TYPE,
    subject,
    content: sbomBytes(bom),
    annotations: { [Annotation.Created]: epochToIso(target.epoch) },
    layerAnnotations: { "org.opencontainers.image.title": "sbom.cdx.json" }
  });
  const result = await pushReferrer(target.transport, target.repository, artifact, logger);
  const where2 = result.source === "api" ? "referrers API" : `tag ${target.repository.name()}:${referrersTag(subject.digest)}`;
  if (result.pushed) {
    logger.info(
      `sbom: ${bom.components.length} components, pushed ${target.repository.name()}@${result.descriptor.digest} (found through the ${where2})`
    );
  }
  return result.descriptor.digest;
}
var MAX_SBOM_BYTES = 64 * 1024 * 1024;
async function carrySbom(opts) {
  const { transport, repository, logger } = opts;
  const listed = await listReferrers(transport, repository, opts.from);
  const entry = listed.manifests.find((d) => d.artifactType === CYCLONEDX_MEDIA_TYPE);
  if (!entry) {
    logger.info(`sbom: ${repository.name()}@${opts.from} has no SBOM to carry over`);
    return void 0;
  }
  const old = await fetchManifest(transport, repository.withDigest(entry.digest), { push: true });
  const layer = isIndexDocument(old.manifest) ? void 0 : old.manifest.layers[0];
  if (!layer || layer.size > MAX_SBOM_BYTES) {
    logger.warn(`sbom: ${entry.digest} is not an SBOM Slipway can carry over; none pushed`);
    return void 0;
  }
  const stream = await fetchBlob(transport, repository, layer, { push: true });
  const content = await readBytes(stream, MAX_SBOM_BYTES, `SBOM ${layer.digest}`);
  const artifact = referrerArtifact({
    artifactType: CYCLONEDX_MEDIA_TYPE,
    subject: opts.subject,
    content,
    annotations: isIndexDocument(old.manifest) ? void 0 : old.manifest.annotations,
    layerAnnotations: layer.annotations
  });
  const result = await pushReferrer(transport, repository, artifact, logger);
  logger.info(`sbom: carried over as ${repository.name()}@${result.descriptor.digest}`);
  return result.descriptor.digest;
}

// src/run/after-push.ts
var FUNCTION_MESH_FILE = "function-mesh.yaml";
var functionMesh = () => import("./resource-7H52MYY7.js");
var airbyte = () => import("./registration-F3OSQRYA.js");
async function afterPush(run, image) {
  const out = {};
  const { inputs } = run;
  if (inputs["function-mesh-manifest"]) out.manifest = await writeFunctionMesh(run, image);
  if (inputs.sbom) {
    const digest = await sbomStep(run, image);
    if (digest) out["sbom-digest"] = digest;
  }
  if (inputs["airbyte-url"]) out["definition-id"] = await airbyteStep(run);
  return out;
}
async function checkAfterPush(inputs, prepared, workdir) {
  const { info } = prepared;
  if (inputs["function-mesh-manifest"]) {
    if (!inputs.image && !info.defaultImage) {
      throw new InputError(
        'Input "function-mesh-manifest" pins the resource to the pushed image, so it needs image (the target repository).'
      );
    }
    await (await functionMesh()).generateResource(
      functionMeshInput(inputs, prepared, workdir, `example.invalid/image@${STAND_IN}`)
    );
  }
  if (inputs["airbyte-url"]) {
    requireAirbyteConnector(info);
    (await airbyte()).checkAirbyteInputs({
      url: inputs["airbyte-url"],
      workspaceId: inputs["airbyte-workspace-id"],
      auth: airbyteAuth(inputs)
    });
  }
}
function requireAirbyteConnector(info) {
  if (info.connectorType !== "airbyte-source" && info.connectorType !== "airbyte-destination") {
    throw new InputError(
      `Input "airbyte-url" registers an Airbyte connector, but this artifact is ${info.connectorType ?? "not a connector"}; remove airbyte-url.`
    );
  }
}
var STAND_IN = `sha256:${"0".repeat(64)}`;
function airbyteAuth(inputs) {
  return {
    token: inputs["airbyte-token"] || void 0,
    clientId: inputs["airbyte-client-id"] || void 0,
    clientSecret: inputs["airbyte-client-secret"] || void 0
  };
}
function functionMeshInput(inputs, prepared, workdir, imageRef) {
  const { info, plan } = prepared;
  const file = plan.files.find((f) => posix3.basename(f.path) === basename3(info.path));
  const pathInImage = file?.path ?? plan.files[0]?.path;
  if (!pathInImage) {
    throw new InputError(
      'Input "function-mesh-manifest": the image plan has no artifact file to point the runtime at.'
    );
  }
  return {
    connectorType: info.connectorType,
    format: info.format,
    name: info.name,
    className: info.className,
    imageRef,
    pathInImage,
    values: inputs["function-mesh-values"],
    workingDirectory: workdir
  };
}
async function writeFunctionMesh(run, image) {
  if (!run.repository) {
    throw new InputError(
      'Input "function-mesh-manifest" pins the resource to the pushed image, so it needs image (the target repository).'
    );
  }
  const imageRef = `${run.repository.name()}@${image.digest}`;
  const { kind, yaml } = await (await functionMesh()).generateResource(
    functionMeshInput(run.inputs, run.prepared, run.projectDir, imageRef),
    run.ctx.logger
  );
  const path = run.workspace.output(FUNCTION_MESH_FILE);
  writeFileSync(path, yaml);
  run.ctx.logger.info(`function mesh: wrote ${kind} resource ${path}`);
  return path;
}
async function sbomStep(run, image) {
  const { repository } = run;
  const { logger } = run.ctx;
  if (run.output.kind !== "registry" || !repository) {
    logger.debug("sbom: pushed only with output: registry");
    return void 0;
  }
  const subject = async () => {
    const found = await headManifest(run.transport, repository.withDigest(image.digest), {
      push: true
    });
    if (!found) throw new RunError(`${repository.name()}@${image.digest} is not in the registry`);
    return { mediaType: found.mediaType, digest: image.digest, size: found.size };
  };
  try {
    return await publishSbom({
      transport: run.transport,
      repository: repository.repositoryOnly(),
      subject,
      info: run.prepared.info,
      artifactSha256: await run.hashes.ofFile(run.prepared.info.path),
      epoch: run.epoch,
      logger
    });
  } catch (err) {
    if (err instanceof InputError) throw err;
    logger.warn(`sbom: not pushed (${errorMessage(err)}); set sbom: false to skip it`);
    return void 0;
  }
}
function airbyteRepository(repository) {
  if (repository.registry !== "docker.io") return repository.name();
  return repository.repository.replace(/^library\//, "");
}
async function airbyteStep(run) {
  const { inputs, repository } = run;
  const { logger } = run.ctx;
  const { info } = run.prepared;
  requireAirbyteConnector(info);
  if (run.output.kind !== "registry" || !repository) {
    throw new InputError(
      'Input "airbyte-url" registers the pushed image, so it needs output: registry and image.'
    );
  }
  const tag = run.tags[0];
  if (!tag) {
    throw new InputError(
      'Input "airbyte-url": Airbyte runs an image by tag, but no tag was pushed; set tags.'
    );
  }
  const result = await (await airbyte()).registerDefinition({
    url: inputs["airbyte-url"],
    workspaceId: inputs["airbyte-workspace-id"],
    auth: airbyteAuth(inputs),
    kind: info.connectorType === "airbyte-destination" ? "destinations" : "sources",
    name: info.name ?? repository.repository,
    dockerRepository: airbyteRepository(repository),
    dockerImageTag: tag,
    documentationUrl: info.airbyte?.documentationUrl,
    logger,
    timeoutMs: inputs["request-timeout"] * 1e3
  });
  return result.id;
}

// src/run/attest.ts
import { execFileSync } from "node:child_process";
import { writeFile as writeFile2 } from "node:fs/promises";
import { basename as basename4 } from "node:path";

// src/attest/github.ts
function githubRepositoryVisibility(env) {
  const repo = githubEvent(env)?.repository;
  if (!isRecord(repo)) return void 0;
  if (typeof repo.visibility === "string") return repo.visibility;
  if (typeof repo.private === "boolean") return repo.private ? "private" : "public";
  return void 0;
}
function githubSigstoreInstance(env) {
  if (githubRepositoryVisibility(env) === "public") return { name: "public-good" };
  let host = new URL(env.GITHUB_SERVER_URL || "https://github.com").hostname;
  if (host === "github.com") host = "githubapp.com";
  return {
    name: "github",
    fulcioUrl: `https://fulcio.${host}`,
    rekorUrl: false,
    tsaUrl: `https://timestamp.${host}`
  };
}
async function storeGithubAttestation(api, bundle, logger) {
  secrets.add(api.token);
  const url = `${api.apiUrl.replace(/\/+$/, "")}/repos/${api.repository}/attestations`;
  const what = `storing the attestation in ${api.repository}`;
  const retry = { maxRetries: api.retries, baseDelayMs: api.baseDelayMs, logger };
  const answer = await withRetry(what, retry, async () => {
    let res;
    try {
      res = await fetch(url, {
        method: "POST",
        headers: {
          authorization: `Bearer ${api.token}`,
          accept: "application/vnd.github+json",
          "content-type": "application/json",
          "x-github-api-version": "2022-11-28"
        },
        body: JSON.stringify({ bundle })
      });
    } catch (err) {
      throw new RegistryError(`${url}: ${errorMessage(err)}`, { retryable: true, url });
    }
    const text = await res.text();
    if (res.ok) return text;
    const status = res.status;
    const retryable = status === 408 || status === 429 || status >= 500;
    throw new RegistryError(`${url} answered HTTP ${status}: ${text.slice(0, 200)}`, {
      status,
      retryable,
      url
    });
  }).catch((err) => {
    const status = err instanceof RegistryError ? err.status : void 0;
    const fix = status === 401 || status === 403 || status === 404 ? 'give the job "permissions: attestations: write" (and id-token: write), or set github-attestations: false' : "run the job again, or set github-attestations: false";
    throw new RunError(
      secrets.redact(
        `GitHub's attestations API refused the bundle (${errorMessage(err)}); ${fix}.`
      )
    );
  });
  let id;
  try {
    id = JSON.parse(answer).id;
  } catch {
    id = void 0;
  }
  return typeof id === "number" || typeof id === "string" ? String(id) : "";
}

// src/run/attest.ts
function signs(inputs, env) {
  if (inputs.sign === "false") return false;
  if (inputs["signing-key"] || env[SIGNING_KEY_VARIABLE]) return true;
  if (inputs.sign !== "auto") return true;
  const custom = Boolean(inputs["fulcio-url"] || inputs["rekor-url"] || inputs["tsa-url"]);
  return autoUnsigned(env, inputs["sigstore-token-variable"], custom) === void 0;
}
async function signingFor(inputs, env, logger) {
  const mode = inputs.sign;
  if (mode === "false") return void 0;
  const bestEffort = mode !== "true";
  const key = inputs["signing-key"] || env[SIGNING_KEY_VARIABLE] || "";
  if (key) {
    const { privateKeySigner } = await import("./sign-3C742273.js");
    return {
      signer: privateKeySigner(key, `Input "signing-key" (${SIGNING_KEY_VARIABLE})`),
      bestEffort,
      github: githubAttestations(inputs, env, false)
    };
  }
  const tokenVariable = inputs["sigstore-token-variable"];
  const custom = Boolean(inputs["fulcio-url"] || inputs["rekor-url"] || inputs["tsa-url"]);
  if (mode === "auto") {
    const unsigned = autoUnsigned(env, tokenVariable, custom);
    if (unsigned) {
      logger.info(`sign: the image is not signed: ${unsigned}; sign: false silences this`);
      return void 0;
    }
  }
  try {
    await sigstoreToken({ env, tokenVariable });
  } catch (err) {
    if (mode !== "auto") throw err;
    logger.warn(`sign: the image is not signed (${errorMessage(err)}); sign is auto`);
    return void 0;
  }
  const instance = !custom && env.GITHUB_ACTIONS === "true" ? githubSigstoreInstance(env) : { name: "public-good" };
  if (instance.name === "github") {
    logger.info(
      "sign: the repository is not public: GitHub's Sigstore instance signs and timestamps (nothing enters the public Rekor log), as actions/attest does"
    );
  }
  const rekor = inputs["rekor-url"];
  const { keylessSigner } = await import("./sign-3C742273.js");
  const signer = keylessSigner({
    identity: ciIdentity({ env, tokenVariable }),
    fulcioUrl: inputs["fulcio-url"] || instance.fulcioUrl,
    rekorUrl: rekor === "none" ? false : rekor || instance.rekorUrl,
    tsaUrl: inputs["tsa-url"] || instance.tsaUrl,
    retries: inputs["max-retries"],
    logger
  });
  return { signer, bestEffort, github: githubAttestations(inputs, env, true) };
}
function autoUnsigned(env, tokenVariable, custom) {
  if (!identitySource({ env, tokenVariable })) {
    const variable = tokenVariable || DEFAULT_SIGSTORE_TOKEN_VARIABLE;
    return `the job offers no OIDC token for Sigstore; to sign, on GitHub give the job "permissions: id-token: write", on GitLab add "id_tokens: ${variable}: aud: sigstore", or set ${SIGNING_KEY_VARIABLE}`;
  }
  const visibility = env.CI_PROJECT_VISIBILITY;
  if (!custom && env.GITLAB_CI === "true" && visibility && visibility !== "public") {
    return `the GitLab project is ${visibility} and the public Rekor log would publish its identity; set sign: true to sign with the public-good instance anyway, or fulcio-url and rekor-url for a private Sigstore`;
  }
  return void 0;
}
function githubAttestations(inputs, env, keyless) {
  const mode = inputs["github-attestations"];
  if (mode === "false") return void 0;
  const token = inputs["github-token"] || env.GITHUB_TOKEN || "";
  const repository = env.GITHUB_REPOSITORY || "";
  if (mode === "auto" && !(env.GITHUB_ACTIONS === "true" && keyless && token && repository)) {
    return void 0;
  }
  if (!token || !repository) {
    throw new InputError(
      'Input "github-attestations" is true, but the GitHub repository (GITHUB_REPOSITORY) or token (github-token, or GITHUB_TOKEN) is missing; run it in GitHub Actions with the token, or set github-attestations: auto.'
    );
  }
  return {
    apiUrl: env.GITHUB_API_URL || "https://api.github.com",
    repository,
    token,
    retries: inputs["max-retries"],
    required: mode === "true" && inputs.sign === "true"
  };
}
var sbomWriter;
function loadSbomWriter() {
  sbomWriter ??= import("./sbom-YVXJHQAZ.js");
  return sbomWriter;
}
function preloadSbomWriter() {
  loadSbomWriter().catch(() => void 0);
}
async function writeImageSbom(run, file, digest, base) {
  const { buildImageSbom } = await loadSbomWriter();
  const sbom = buildImageSbom({
    info: run.info,
    artifactSha256: await run.artifactSha256(),
    epoch: run.epoch,
    image: { repository: run.repository?.name() ?? "localhost/image", digest },
    base: base.digest ? { reference: base.name, digest: base.digest } : void 0
  });
  await writeFile2(file, sbom.bytes);
  run.logger.info(`sbom: ${sbom.componentCount} components, wrote ${file}`);
  return sbom;
}
async function signStored(run, signing, stored, subjects, base, sbom) {
  try {
    return await signAndAttach(run, signing, stored, subjects, base, sbom);
  } catch (err) {
    if (!signing.bestEffort || err instanceof InputError) throw err;
    run.logger.warn(
      `sign: the image is not signed (${errorMessage(err)}); tagged anyway as sign is best-effort`
    );
    return [];
  }
}
async function signAndAttach(run, { signer, github }, stored, subjects, base, sbom) {
  const names = stored.kind === "registry" ? stored.repositories.map((r) => r.name()) : [run.repository?.name() ?? `oci:${stored.dir}`];
  const pushed = names.flatMap(
    (repository) => subjects.map((s) => ({ repository, digest: s.digest }))
  );
  const ci = ciContext(run.env);
  const provenance = provenanceStatement({
    subjects: pushed,
    inputs: run.inputs,
    base: base.digest ? { reference: base.name, digest: base.digest } : void 0,
    artifact: await artifactFacts(run),
    ci,
    commit: ci.commit ? void 0 : headCommit(run.projectDir)
  });
  run.logger.info(`sign: ${signer.description}`);
  const signed = [];
  for (const statement of [provenance, sbomStatement(pushed, sbom.document)]) {
    signed.push(await signer.sign(statement));
  }
  const created = epochToIso(run.epoch);
  const out = await attach(stored, subjects, signed, created, run.logger);
  if (github) await storeOnGithub(github, signed, run.logger);
  return out;
}
async function storeOnGithub(github, signed, logger) {
  for (const attestation of signed) {
    try {
      const id = await storeGithubAttestation(github, attestation.bundle, logger);
      logger.info(
        `attest: ${attestation.predicateType} bundle stored in ${github.repository}'s attestations${id ? ` (id ${id})` : ""}`
      );
    } catch (err) {
      if (github.required) throw err;
      logger.warn(`${errorMessage(err)} The image stays signed by its referrers.`);
      return;
    }
  }
}
async function attach(stored, subjects, signed, created, logger) {
  if (stored.kind === "oci") {
    const out2 = [];
    for (const subject of subjects) {
      for (const attestation of signed) {
        const referrer = bundleReferrer(attestation, subject, created);
        await writeLayoutReferrer(stored.dir, referrer);
        out2.push(`oci:${stored.dir}@${referrer.descriptor.digest}`);
      }
    }
    logger.info(`sign: wrote ${out2.length} bundle(s) into oci:${stored.dir}`);
    return out2;
  }
  const out = [];
  for (const repository of stored.repositories) {
    const attached = await attachBundles({
      transport: stored.transport,
      repository,
      subjects,
      attestations: signed,
      created,
      logger
    });
    out.push(...attached.map((a) => `${repository.name()}@${a.digest}`));
  }
  return out;
}
function subjectDescriptors(image) {
  const top = image.descriptor;
  const own2 = (d) => ({
    mediaType: d.mediaType,
    digest: d.digest,
    size: d.size
  });
  return isIndex(image) ? [own2(top), ...image.images.map((i) => own2(i.descriptor))] : [own2(top)];
}
async function artifactFacts(run) {
  const sha256 = await run.artifactSha256();
  return sha256 === void 0 ? void 0 : { name: basename4(run.info.path), sha256 };
}
function headCommit(dir) {
  try {
    const out = execFileSync("git", ["rev-parse", "HEAD"], {
      cwd: dir,
      stdio: ["ignore", "pipe", "ignore"],
      encoding: "utf8"
    }).trim();
    return /^[0-9a-f]{40,64}$/.test(out) ? out : void 0;
  } catch {
    return void 0;
  }
}

// src/run/before-tags.ts
function writesSbom(run) {
  return run.inputs.sbom || Boolean(run.signing);
}
async function imageSbom(run, digest, base) {
  if (!writesSbom(run)) return void 0;
  const file = run.workspace.output("sbom.cdx.json");
  const sbom = await writeImageSbom(attestRun(run), file, digest, base);
  return { ...sbom, file };
}
function attestRun(run) {
  return {
    inputs: run.inputs,
    env: run.ctx.env,
    logger: run.ctx.logger,
    projectDir: run.projectDir,
    epoch: run.epoch,
    info: run.prepared.info,
    artifactSha256: () => run.hashes.ofFile(run.prepared.info.path),
    repository: run.repository
  };
}
var own = (d) => ({
  mediaType: d.mediaType,
  digest: d.digest,
  size: d.size
});
function beforeTags(run, base, sbom) {
  const { inputs, signing, phases } = run;
  let attested;
  const check = async (where2, images, subjects) => {
    if (inputs.verify && where2.kind === "registry") {
      const spec = {
        inputs,
        session: {
          access: run.access,
          prepared: {}
        },
        info: run.prepared.info,
        logger: run.ctx.logger,
        tmpDir: run.workspace.root
      };
      const { verifySpec } = await import("./airbyte-verify-BGSOGMFY.js");
      await phases.run("verify", () => verifySpec(spec, where2.repositories[0], images));
    }
    if (signing && sbom) {
      attested = await phases.run(
        "sign",
        () => signStored(attestRun(run), signing, where2, subjects, base, sbom)
      );
    }
  };
  return {
    run: async (stored) => {
      const built = stored.image;
      const images = isIndex(built) ? built.images.map((i) => ({ digest: i.descriptor.digest, platform: i.platform })) : [{ digest: built.descriptor.digest, platform: built.platform }];
      await check(stored, images, subjectDescriptors(built));
    },
    afterDockerPush: async (repository, digest) => {
      if (!inputs.verify && !signing) return;
      const fetched = await fetchManifest(run.transport, repository.withDigest(digest));
      const entries = isIndexDocument(fetched.manifest) ? fetched.manifest.manifests : [];
      const where2 = {
        kind: "registry",
        transport: run.transport,
        repositories: [repository]
      };
      await check(where2, [{ digest }], [own(fetched.descriptor), ...entries.map(own)]);
    },
    attestations: () => attested
  };
}

// src/run/tags.ts
var import_eq = __toESM(require_eq());
var import_parse = __toESM(require_parse());
var import_valid2 = __toESM(require_valid());
function nonEmpty(value) {
  return value === void 0 || value === "" ? void 0 : value;
}
function githubDefaultBranch(env) {
  const repository = githubEvent(env)?.repository;
  const branch = isRecord(repository) ? repository.default_branch : void 0;
  return typeof branch === "string" && branch !== "" ? branch : void 0;
}
function positiveInteger(value) {
  return value !== void 0 && /^[1-9]\d*$/.test(value) ? Number(value) : void 0;
}
function ciContext2(env) {
  if (env.GITHUB_ACTIONS === "true" || nonEmpty(env.GITHUB_REF) !== void 0) {
    const ref = env.GITHUB_REF ?? "";
    let gitTag;
    let branch;
    let pullRequest;
    const pull = /^refs\/pull\/(\d+)\/(?:merge|head)$/.exec(ref);
    if (ref.startsWith("refs/tags/")) gitTag = ref.slice("refs/tags/".length);
    else if (ref.startsWith("refs/heads/")) branch = ref.slice("refs/heads/".length);
    else if (pull !== null) pullRequest = positiveInteger(pull[1]);
    else if (env.GITHUB_REF_TYPE === "tag") gitTag = nonEmpty(env.GITHUB_REF_NAME);
    else if (env.GITHUB_REF_TYPE === "branch") branch = nonEmpty(env.GITHUB_REF_NAME);
    const server = nonEmpty(env.GITHUB_SERVER_URL) ?? "https://github.com";
    const repo = nonEmpty(env.GITHUB_REPOSITORY);
    const context = {
      ci: "github",
      sha: nonEmpty(env.GITHUB_SHA),
      gitTag,
      branch,
      repositoryUrl: repo === void 0 ? void 0 : `${server.replace(/\/+$/, "")}/${repo}`
    };
    const defaultBranch = githubDefaultBranch(env);
    if (defaultBranch !== void 0) context.defaultBranch = defaultBranch;
    if (pullRequest !== void 0) context.pullRequest = pullRequest;
    return context;
  }
  if (env.GITLAB_CI === "true" || nonEmpty(env.CI_COMMIT_SHA) !== void 0) {
    const context = {
      ci: "gitlab",
      sha: nonEmpty(env.CI_COMMIT_SHA) ?? nonEmpty(env.CI_COMMIT_SHORT_SHA),
      gitTag: nonEmpty(env.CI_COMMIT_TAG),
      branch: nonEmpty(env.CI_COMMIT_BRANCH),
      repositoryUrl: nonEmpty(env.CI_PROJECT_URL)
    };
    const defaultBranch = nonEmpty(env.CI_DEFAULT_BRANCH);
    if (defaultBranch !== void 0) context.defaultBranch = defaultBranch;
    const mergeRequest = positiveInteger(env.CI_MERGE_REQUEST_IID);
    if (mergeRequest !== void 0) context.pullRequest = mergeRequest;
    return context;
  }
  return { ci: "none" };
}
function sanitizeTag(value) {
  const cleaned = value.trim().replace(/[^A-Za-z0-9_.-]+/g, "-").replace(/^[.-]+/, "").slice(0, 128);
  return cleaned === "" ? void 0 : cleaned;
}
function gitTagVersion(gitTag) {
  const raw = gitTag.replace(/\//g, "-");
  if ((0, import_valid2.default)(raw) === null) return void 0;
  return (0, import_parse.default)(raw, { loose: true }) ?? void 0;
}
function tagsForGitTag(gitTag) {
  const version = gitTagVersion(gitTag);
  if (version === void 0) {
    const tag = sanitizeTag(gitTag);
    return tag === void 0 ? [] : [tag];
  }
  if (version.prerelease.length > 0) return [version.version];
  const tags = [version.version, `${version.major}.${version.minor}`];
  if (version.major !== 0) tags.push(String(version.major));
  return tags;
}
function dedupe(tags) {
  return [...new Set(tags)];
}
function commitTag(env) {
  return shortSha(ciContext2(env).sha);
}
function shortSha(sha) {
  return sha !== void 0 && /^[0-9a-f]{7,}$/i.test(sha) ? `sha-${sha.slice(0, 7).toLowerCase()}` : void 0;
}
function ciTags(ci) {
  const tags = [];
  if (ci.gitTag !== void 0) {
    tags.push(...tagsForGitTag(ci.gitTag));
    const version = gitTagVersion(ci.gitTag);
    if (version !== void 0 && version.prerelease.length === 0) tags.push("latest");
  } else if (ci.pullRequest !== void 0) {
    tags.push(`${ci.ci === "gitlab" ? "mr" : "pr"}-${ci.pullRequest}`);
  } else if (ci.branch !== void 0) {
    const branch = sanitizeTag(ci.branch);
    if (branch !== void 0) tags.push(branch);
    if (ci.defaultBranch !== void 0 && ci.branch === ci.defaultBranch) tags.push("edge");
  }
  if (ci.gitTag === void 0) {
    const sha = shortSha(ci.sha);
    if (sha !== void 0) tags.push(sha);
  }
  return tags.length > 0 ? dedupe(tags) : ["latest"];
}
function parseTagEntry(entry) {
  const value = entry.trim();
  if (!value.includes("/")) {
    const stray = /[:@]/.exec(value)?.[0];
    if (stray !== void 0) {
      throw new InputError(
        `Input "tags": tag "${value}" has an invalid character "${stray}"; write a bare tag (1.0.0) or a full reference with its repository (ghcr.io/acme/x:1.0.0).`
      );
    }
    return { tag: parseTag(value, "tags") };
  }
  const ref = parseReference(value, { input: "tags" });
  if (ref.digest !== void 0 || ref.tag === void 0) {
    throw new InputError(
      `Input "tags": "${value}" names ${ref.digest !== void 0 ? "a digest" : "no tag"}; write a tag (1.0.0) or a reference with a tag (ghcr.io/acme/x:1.0.0).`
    );
  }
  return { repository: parseRepository(ref.name(), "tags"), tag: ref.tag };
}
function checkVersion(sources, ci) {
  const { artifactVersion, strictVersion, logger } = sources;
  if (ci.gitTag === void 0 || artifactVersion === void 0) return;
  const released = gitTagVersion(ci.gitTag);
  if (released === void 0) return;
  const own2 = (0, import_parse.default)(artifactVersion, { loose: true });
  if (own2 !== null && (0, import_eq.default)(own2, released)) return;
  const message = `The git tag ${ci.gitTag} releases version ${released.version} but the artifact says ${artifactVersion}`;
  if (strictVersion) {
    throw new InputError(
      `${message}; bump the artifact's version to ${released.version} (or tag the commit v${artifactVersion}), or set strict-version: false.`
    );
  }
  logger?.warn(
    `${message}; the image is tagged from the git tag (strict-version: true fails here).`
  );
}
function resolveTags(sources) {
  const ci = ciContext2(sources.env);
  checkVersion(sources, ci);
  const entries = sources.inputTags.length > 0 ? sources.inputTags.map(parseTagEntry) : ciTags(ci).map((tag) => ({ tag, repository: void 0 }));
  const image = sources.image?.trim();
  const primary = image !== void 0 && image !== "" ? parseRepository(image) : entries.find((e) => e.repository !== void 0)?.repository;
  const targets = [];
  const seen = /* @__PURE__ */ new Set();
  for (const entry of entries) {
    const repository = entry.repository ?? primary;
    const key = repository === void 0 ? `:${entry.tag}` : repository.withTag(entry.tag).toString();
    if (seen.has(key)) continue;
    seen.add(key);
    targets.push(repository === void 0 ? { tag: entry.tag } : { repository, tag: entry.tag });
  }
  const tags = targets.filter((t) => t.repository?.name() === primary?.name()).map((t) => t.tag);
  return { primary, targets, tags };
}

// src/run/labels.ts
var OCI = "org.opencontainers.image";
function defaultLabels(env, info) {
  const ci = ciContext2(env);
  const labels = {};
  const set = (key, value) => {
    if (value !== void 0 && value !== "") labels[`${OCI}.${key}`] = value;
  };
  set("created", epochToIso(info.epoch));
  set("source", ci.repositoryUrl);
  set("url", ci.repositoryUrl);
  set("revision", ci.sha);
  set(
    "version",
    info.version ?? (ci.gitTag === void 0 ? void 0 : tagsForGitTag(ci.gitTag)[0])
  );
  set("title", info.title);
  set("description", info.description);
  set("licenses", info.licenses);
  return labels;
}
function oneLine(value) {
  return value?.replace(/\s+/g, " ").trim();
}
function imageLabels({ env, info, plan, user }) {
  const defaults = defaultLabels(env, {
    ...info,
    title: oneLine(info.title),
    version: oneLine(info.version),
    description: oneLine(info.description)
  });
  return { ...defaults, ...plan, ...user };
}
var ANNOTATION_LEVELS = {
  manifest: "manifest",
  index: "index",
  "manifest-descriptor": "descriptor"
};
function imageAnnotations(input) {
  const out = { manifest: {}, index: {}, descriptor: {} };
  for (const [raw, value] of Object.entries(input)) {
    const colon = raw.indexOf(":");
    const prefix = colon < 0 ? "manifest" : raw.slice(0, colon).trim();
    const key = raw.slice(colon + 1).trim();
    const level = Object.hasOwn(ANNOTATION_LEVELS, prefix) ? ANNOTATION_LEVELS[prefix] : void 0;
    if (level === void 0 || key === "") {
      throw new InputError(
        `Input "annotations": "${raw}=${value}" has the prefix "${prefix}", which Slipway does not write; use manifest:${key || "key"}=value, index:${key || "key"}=value or manifest-descriptor:${key || "key"}=value.`
      );
    }
    out[level][key] = value;
  }
  return out;
}

// src/run/digest-cache.ts
import { createHash as createHash2 } from "node:crypto";
import { statSync } from "node:fs";
import { join as join7 } from "node:path";
var RACY_NS = 2000000000n;
var SHA256_HEX = /^[0-9a-f]{64}$/;
function fileIdentity(path) {
  try {
    return identityOf(statSync(path, { bigint: true }));
  } catch {
    return void 0;
  }
}
function identityOf(st) {
  return `${st.dev}:${st.ino}:${st.size}:${st.mtimeNs}:${st.ctimeNs}`;
}
var DigestStore = class _DigestStore {
  /** `runStartMs`: when the run started (Date.now()); a test may give another time. */
  constructor(dir, runStartMs) {
    this.dir = dir;
    this.settledBefore = BigInt(Math.floor(runStartMs)) * 1000000n - RACY_NS;
  }
  dir;
  /** Files last changed after this (ns since 1970) are not recorded. */
  settledBefore;
  static forRun(env, runStartMs) {
    return new _DigestStore(join7(cacheRoot(env), "digests"), runStartMs);
  }
  /** The recorded sha256 (hex) of the file with this identity, if there is a sound one. */
  get(identity) {
    const [key, digest, ...rest] = (readCacheFile(this.entry(identity)) ?? "").split("\n");
    if (key !== identity || !SHA256_HEX.test(digest ?? "") || rest.join("") !== "") {
      return void 0;
    }
    return digest;
  }
  /**
   * Records `digest` for the file at `path`, read while it had `identity`: only when it still
   * has it and it had settled before the run started (the racy rule above).
   */
  put(path, identity, digest) {
    let st;
    try {
      st = statSync(path, { bigint: true });
    } catch {
      return;
    }
    if (identityOf(st) !== identity || !SHA256_HEX.test(digest)) return;
    if (st.mtimeNs > this.settledBefore || st.ctimeNs > this.settledBefore) return;
    if (this.get(identity) === digest) return;
    writeCacheFile(this.entry(identity), `${identity}
${digest}
`);
  }
  entry(identity) {
    return join7(this.dir, createHash2("sha256").update(identity).digest("hex"));
  }
};

// src/run/reuse.ts
import { createHash as createHash3 } from "node:crypto";
import { createReadStream, lstatSync, statSync as statSync2 } from "node:fs";
var ARTIFACT_DIGEST_ANNOTATION = "dev.slipway.artifact.sha256";
var PLAN_DIGEST_ANNOTATION = "dev.slipway.plan.sha256";
var LAYER_PARENTS_ANNOTATION = "dev.slipway.layer.parents.sha256";
function parentsDigest(parents) {
  return createHash3("sha256").update(JSON.stringify(parents)).digest("hex");
}
async function fileSha256(path) {
  const hash = createHash3("sha256");
  for await (const chunk of createReadStream(path, { highWaterMark: 1024 * 1024 })) {
    hash.update(chunk);
  }
  return hash.digest("hex");
}
var FileHashes = class {
  constructor(store) {
    this.store = store;
  }
  store;
  digests = /* @__PURE__ */ new Map();
  /** Identities taken before the layer's pass: what it hands over is for these only. */
  before = /* @__PURE__ */ new Map();
  /** Notes the files' identities now, before a pass that will hand their digests over (add). */
  expect(paths) {
    for (const path of paths) {
      const key = fileIdentity(path);
      if (key) this.before.set(path, key);
    }
  }
  /**
   * What the layer's pass computed while it read the files. Kept (and stored) only for a file
   * whose identity is the one noted before the pass: one that changed meanwhile was read as
   * some mix of its versions.
   */
  add(digests) {
    for (const [source, digest] of digests) {
      const key = fileIdentity(source);
      const before = this.before.get(source);
      if (!key || before !== void 0 && before !== key) continue;
      if (!this.digests.has(key)) this.digests.set(key, Promise.resolve(digest));
      if (before === key) this.store?.put(source, key, digest);
    }
  }
  sha256(path) {
    const key = fileIdentity(path);
    if (!key) return fileSha256(path);
    let digest = this.digests.get(key);
    if (!digest) {
      const stored = this.store?.get(key);
      digest = stored !== void 0 ? Promise.resolve(stored) : fileSha256(path).then((d) => {
        this.store?.put(path, key, d);
        return d;
      });
      this.digests.set(key, digest);
      digest.catch(() => this.digests.delete(key));
    }
    return digest;
  }
  /** The sha256 when it is known without reading the file (this run, or the store). */
  async known(path) {
    const key = fileIdentity(path);
    if (!key) return void 0;
    const digest = this.digests.get(key);
    if (digest) return digest.catch(() => void 0);
    const stored = this.store?.get(key);
    if (stored !== void 0) this.digests.set(key, Promise.resolve(stored));
    return stored;
  }
  /** The sha256 of a regular file; undefined for a folder (an Airbyte project) or a missing path. */
  async ofFile(path) {
    try {
      if (!statSync2(path).isFile()) return void 0;
      return await this.sha256(path);
    } catch {
      return void 0;
    }
  }
};
function artifactDigest(plan, digestOf) {
  const digests = plan.files.map((f) => digestOf(f.source));
  if (digests.some((d) => d === void 0)) return void 0;
  if (digests.length === 1) return digests[0];
  const lines = plan.files.map((f, i) => `${digests[i]}  ${f.path}
`).join("");
  return createHash3("sha256").update(lines).digest("hex");
}
async function knownArtifact(plan, hashes) {
  const sources = [...new Set(plan.files.map((f) => f.source))];
  const digests = new Map(
    await Promise.all(sources.map(async (s) => [s, await hashes.known(s)]))
  );
  return artifactDigest(plan, (source) => digests.get(source));
}
async function hashArtifact(plan, hashes) {
  const sources = [...new Set(plan.files.map((f) => f.source))];
  const digests = new Map(
    await Promise.all(sources.map(async (s) => [s, await hashes.sha256(s)]))
  );
  const digest = artifactDigest(plan, (source) => digests.get(source));
  if (digest === void 0) throw new Error("internal: a file of the plan was not hashed");
  return digest;
}
function planDigest(plan, epoch, requested) {
  const record = {
    files: plan.files.map(({ path, source, mode, uid, gid }) => ({
      path,
      mode,
      uid,
      gid,
      size: sizeOf(source)
    })),
    directories: plan.directories,
    symlinks: plan.symlinks ?? [],
    // Copied from the base into the layer (their bytes are the base's, which reuse compares).
    baseExecutables: plan.baseExecutables ?? [],
    platforms: plan.platforms ?? requested,
    epoch,
    layerFormat: LAYER_FORMAT_VERSION
  };
  return createHash3("sha256").update(JSON.stringify(record)).digest("hex");
}
function sizeOf(source) {
  try {
    return lstatSync(source).size;
  } catch {
    return null;
  }
}
async function withReuseRecord(annotations, record, layer) {
  const own2 = { ...await record, [LAYER_PARENTS_ANNOTATION]: parentsDigest(layer.parents) };
  return {
    ...annotations,
    manifest: { ...own2, ...annotations.manifest },
    index: { ...own2, ...annotations.index }
  };
}
var ReuseRecord = class {
  constructor(plan, epoch, requested, hashes) {
    this.plan = plan;
    this.hashes = hashes;
    this.planned = { [PLAN_DIGEST_ANNOTATION]: planDigest(plan, epoch, requested) };
    hashes.expect(plan.files.map((f) => f.source));
  }
  plan;
  hashes;
  planned;
  fromLayer;
  hashed;
  /** For the layer's pass (LayerOptions.fileDigests). */
  fileDigests = {
    wanted: () => this.hashed === void 0,
    take: (digests) => {
      this.hashes.add(digests);
      this.fromLayer = artifactDigest(this.plan, (source) => digests.get(source));
    }
  };
  /** The whole record: the layer's digest when its pass is over, else one hashing pass. */
  async full() {
    let artifact = this.fromLayer;
    if (artifact === void 0) {
      this.hashed ??= hashArtifact(this.plan, this.hashes);
      try {
        artifact = await this.hashed;
      } catch (err) {
        this.hashed = void 0;
        throw err;
      }
    }
    return { [ARTIFACT_DIGEST_ANNOTATION]: artifact, ...this.planned };
  }
  /** The whole record when it is known without reading a byte; else undefined. */
  async known() {
    const artifact = this.fromLayer ?? await knownArtifact(this.plan, this.hashes);
    return artifact === void 0 ? void 0 : { [ARTIFACT_DIGEST_ANNOTATION]: artifact, ...this.planned };
  }
};
function reuseCandidateTags(env, tags) {
  const sha = commitTag(env);
  return sha === void 0 || tags.includes(sha) ? [] : [sha];
}
async function earlierLayer(opts) {
  const { transport, repository, record, offer, logger } = opts;
  const own2 = await record.known();
  if (!own2) return void 0;
  const candidates = await opts.earlier.candidates().catch(() => []);
  for (const ref of candidates) {
    try {
      const found = await opts.earlier.manifest(ref);
      const theirs = found.manifest.annotations ?? {};
      if (!Object.entries(own2).every(([k, v]) => theirs[k] === v)) continue;
      if (theirs[LAYER_PARENTS_ANNOTATION] !== parentsDigest(await offer.parents())) {
        logger.debug(`${ref.toString()} has this layer's files on another base's parents`);
        continue;
      }
      const platforms = isIndexDocument(
        found.manifest
      ) ? await Promise.all(
        found.manifest.manifests.map(async (d) => {
          const child = await opts.earlier.manifest(repository.withDigest(d.digest));
          if (isIndexDocument(child.manifest)) throw new Error("an index inside the index");
          return { manifest: child.manifest, platform: d.platform };
        })
      ) : [{ manifest: found.manifest }];
      const layer = await sameTopLayer(transport, repository, platforms, offer);
      if (!layer) {
        logger.debug(`${ref.toString()} records this layer on another base`);
        continue;
      }
      logger.info(
        `layer: the same plan, files and base as ${ref.toString()}; its layer ${layer.descriptor.digest} is taken, not made again`
      );
      return layer;
    } catch (err) {
      logger.debug(`could not compare layers with ${ref.toString()}: ${errorMessage(err)}`);
    }
  }
  return void 0;
}
var OWN_LAYER_TYPES = [MediaType.OciLayer, MediaType.OciLayerGzip];
async function sameTopLayer(transport, repository, platforms, offer) {
  const images = await offer.images;
  const bases = images.length > 0 ? images : [void 0];
  if (platforms.length === 0 || platforms.length === 1 && bases.length > 1) return void 0;
  const sameBlob = (a, b) => a.digest === b.digest && a.size === b.size && a.mediaType === b.mediaType;
  let top;
  const configs = [];
  for (const base of bases) {
    const below = base?.layers.map((l) => ociBlob(l).descriptor) ?? [];
    const match = platforms.find(
      ({ manifest, platform }) => (!base || !platform || samePlatform(platform, base.platform)) && manifest.layers.length === below.length + 1 && below.every((d, i) => sameBlob(d, manifest.layers[i]))
    );
    if (!match) return void 0;
    const last = match.manifest.layers[below.length];
    if (top && !sameBlob(top, last)) return void 0;
    top = last;
    configs.push(match.manifest.config);
  }
  if (!top || !OWN_LAYER_TYPES.includes(top.mediaType)) return void 0;
  const diffIds = await Promise.all(
    configs.map(
      async (config) => (await fetchJsonBlob(transport, repository, config)).value.rootfs?.diff_ids?.at(
        -1
      )
    )
  );
  const diffId = diffIds[0];
  if (diffIds.some((d) => d !== diffId)) return void 0;
  if (!diffId || top.mediaType === MediaType.OciLayer && diffId !== top.digest) return void 0;
  return {
    descriptor: { mediaType: top.mediaType, digest: top.digest, size: top.size },
    diffId
  };
}

// src/run/permission-hint.ts
async function withPermissionHint(run, step) {
  try {
    return await step();
  } catch (err) {
    if (!(err instanceof RegistryError) || err.status !== 401 && err.status !== 403) throw err;
    const registry = err.registry ?? run.repository?.registry;
    if (!registry) throw err;
    const access2 = err.access ?? (registry === run.repository?.registry ? "push" : "pull");
    const hint = run.access.hint(registry, access2);
    throw hint ? new RunError(`${err.message} ${hint}`, err.location) : err;
  }
}

// src/run/phases.ts
var Phases = class {
  constructor(logger) {
    this.logger = logger;
  }
  logger;
  ms = {};
  async run(name, step) {
    const start = performance.now();
    const end = this.logger?.section?.(name);
    try {
      return await step();
    } finally {
      end?.();
      this.ms[name] = Math.round(performance.now() - start);
    }
  }
  summary() {
    return Object.entries(this.ms).map(([name, ms]) => `${name} ${ms} ms`).join(", ");
  }
};

// src/run/targets.ts
function publishTargets(resolved) {
  const targets = [];
  for (const { repository, tag } of resolved.targets) {
    if (!repository) continue;
    const same = targets.find((t) => t.repository.name() === repository.name());
    if (same) {
      if (!same.tags.includes(tag)) same.tags.push(tag);
    } else {
      targets.push({ repository: repository.repositoryOnly(), tags: [tag] });
    }
  }
  const primary = resolved.primary?.name();
  return [
    ...targets.filter((t) => t.repository.name() === primary),
    ...targets.filter((t) => t.repository.name() !== primary)
  ];
}

// src/run/workspace.ts
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir as tmpdir3 } from "node:os";
import { join as join8 } from "node:path";
var Workspace = class _Workspace {
  constructor(root) {
    this.root = root;
  }
  root;
  /**
   * A new folder under the CI runner's temp folder (cleaned by the runner; the GitLab component
   * points it at its `.slipway/` artifacts), else under `.slipway/` in the current directory, where
   * the user finds the run's outputs and nothing piles up in the system's temp folder. Only a
   * current directory that cannot be written to falls back to the system's.
   */
  static create(env, cwd = process.cwd()) {
    let parent = env.RUNNER_TEMP || join8(cwd, ".slipway");
    try {
      mkdirSync(parent, { recursive: true });
    } catch {
      parent = tmpdir3();
    }
    return new _Workspace(mkdtempSync(join8(parent, "slipway-")));
  }
  get dockerfile() {
    return join8(this.root, "Dockerfile");
  }
  /**
   * The build context the docker builder reads, laid out only for it or when kept: the native
   * builder reads the plan's files where they are.
   */
  get context() {
    return join8(this.root, "context");
  }
  /** Where plans unpack what they need (an Airbyte Java distribution). */
  get staging() {
    const dir = join8(this.root, "staging");
    mkdirSync(dir, { recursive: true });
    return dir;
  }
  /** An output file of the run, kept after it. */
  output(name) {
    return join8(this.root, name);
  }
  /**
   * Removes what only the run needed; the outputs stay. `keepContext` (SLIPWAY_KEEP_CONTEXT=true)
   * leaves the context beside the Dockerfile so that it can be built by hand.
   */
  dispose(keepContext) {
    rmSync(join8(this.root, "staging"), { recursive: true, force: true });
    if (!keepContext) rmSync(this.context, { recursive: true, force: true });
  }
};

// src/run/build.ts
async function runBuild2(inputs, ctx) {
  const started = Date.now();
  const { logger, env } = ctx;
  const phases = new Phases(logger);
  const projectDir = resolve7(inputs["working-directory"]);
  const output = parseOutput(inputs.output);
  const platforms = parsePlatforms(inputs.platforms);
  const annotations = imageAnnotations(inputs.annotations);
  if (inputs.verify && output.kind !== "registry") {
    throw new InputError(
      'Input "verify" runs the pushed image, so it needs output: registry; set verify: false to write a layout or do a dry run.'
    );
  }
  const workspace = Workspace.create(env);
  try {
    const prepared = await phases.run(
      "artifact",
      () => prepareArtifact(inputs, {
        workingDirectory: projectDir,
        logger,
        contextDir: workspace.context,
        keepContext: env.SLIPWAY_KEEP_CONTEXT === "true",
        stagingDir: workspace.staging,
        outputDir: workspace.root,
        env,
        components: inputs.sbom || signs(inputs, env)
      })
    );
    const { info, plan } = prepared;
    await checkAfterPush(inputs, prepared, projectDir);
    const epoch = buildEpoch(projectDir, env);
    plan.labels = imageLabels({
      env,
      info: { epoch, version: info.version, title: info.name, description: info.description },
      plan: plan.labels,
      user: inputs.labels
    });
    const dockerfileText = prepared.userDockerfile ? readFileSync(prepared.userDockerfile.path, "utf8") : renderDockerfile(inBuildContext(plan, prepared.contextDir), prepared.contextDir);
    const dockerfile = prepared.userDockerfile?.path ?? workspace.dockerfile;
    if (!prepared.userDockerfile) writeFileSync2(dockerfile, dockerfileText);
    const resolved = resolveTags({
      inputTags: inputs.tags,
      image: inputs.image || info.defaultImage,
      artifactVersion: info.defaultTag ?? info.version,
      strictVersion: inputs["strict-version"],
      env,
      logger
    });
    const targets = publishTargets(resolved);
    if (output.kind === "registry" && targets.length === 0) {
      throw new InputError(
        'Input "image" is required to push: set image to the target repository (e.g. ghcr.io/acme/my-sink), or set output to oci:DIR to write an OCI layout instead.'
      );
    }
    const repository = resolved.primary;
    const { tags } = resolved;
    const signing = await signingFor(inputs, env, logger);
    const connection = connect(inputs, ctx, repository);
    const build = {
      ...connection,
      inputs,
      ctx,
      phases,
      prepared,
      dockerfile,
      output,
      repository,
      tags,
      targets,
      annotations,
      signing,
      platforms,
      projectDir,
      workspace,
      epoch,
      hashes: new FileHashes(DigestStore.forRun(env, started))
    };
    try {
      const image = await withPermissionHint(
        build,
        () => prepared.builder === "docker" ? assembleDocker(build) : assembleHere(build)
      );
      const after = await phases.run("after-push", () => afterPush(build, image));
      const { published } = image;
      logger.info(`done: ${phases.summary()}`);
      return {
        outputs: {
          image: published.references[0] ?? "",
          digest: image.digest,
          "image-ref": published.pinned,
          tags,
          platforms: image.platforms,
          "base-digest": image.baseDigest,
          dockerfile,
          pushed: published.pushed,
          references: published.stored,
          ...published.decisions ? { "tag-decisions": published.decisions } : {},
          ...image.sbomFile ? { sbom: image.sbomFile } : {},
          ...image.attestations ? { attestations: image.attestations } : {},
          ...after
        },
        stats: { ...published.stats, phases: phases.ms },
        dockerfileText,
        base: image.baseName
      };
    } finally {
      await connection.close();
    }
  } finally {
    workspace.dispose(env.SLIPWAY_KEEP_CONTEXT === "true");
  }
}
function publisherFor(build, record) {
  const { output, repository, ctx } = build;
  if (output.kind === "oci") return new LayoutPublisher(output.dir, build.tags, ctx.logger);
  if (output.kind === "none" || !repository) return new DryRunPublisher(ctx.logger);
  return new RegistryPublisher({
    transport: build.transport,
    targets: build.targets,
    policy: build.inputs["if-exists"],
    logger: ctx.logger,
    ensureRepository: (r) => build.access.ensureRepository(r),
    record,
    sameAs: reuseCandidateTags(build.ctx.env, build.targets[0]?.tags ?? [])
  });
}
async function assembleHere(build) {
  const { plan } = build.prepared;
  const record = new ReuseRecord(plan, build.epoch, build.platforms, build.hashes);
  const publisher = publisherFor(build, record);
  const built = await assembleNative(
    plan,
    { transport: build.transport, platforms: build.platforms, workingDirectory: build.projectDir },
    {
      epoch: build.epoch,
      requested: build.platforms,
      tmpDir: build.workspace.root,
      phase: (name, step) => {
        if (name === "layer" && build.output.kind === "registry" && writesSbom(build)) {
          preloadSbomWriter();
        }
        return build.phases.run(name, step);
      },
      upload: publisher.layerStream(),
      logger: build.ctx.logger,
      fileDigests: record.fileDigests,
      annotations: (layer) => withReuseRecord(build.annotations, record.full(), layer),
      reuse: publisher instanceof RegistryPublisher && build.repository ? (offer) => earlierLayer({
        transport: build.transport,
        repository: build.targets[0].repository,
        record,
        earlier: publisher,
        offer,
        logger: build.ctx.logger
      }) : void 0,
      cacheDir: pythonCacheDir(build.ctx.env),
      baseCacheDir: join9(cacheRoot(build.ctx.env), "base-directories"),
      contextDir: build.ctx.env.SLIPWAY_KEEP_CONTEXT === "true" ? build.prepared.contextDir : void 0
    }
  );
  try {
    const { image, base } = built;
    const facts = { name: base.name, digest: base.digest ?? "" };
    const sbom = await imageSbom(build, image.descriptor.digest, facts);
    const checks = beforeTags(build, facts, sbom);
    const phase = publisher.output.kind === "registry" ? "push" : "write";
    const published = await build.phases.run(phase, () => publisher.publish(image, checks.run));
    return {
      digest: image.descriptor.digest,
      platforms: built.platforms.map(formatPlatform),
      baseName: base.name,
      baseDigest: base.digest ?? "",
      published,
      sbomFile: sbom?.file,
      attestations: checks.attestations()
    };
  } finally {
    await built.dispose();
  }
}
async function engineImage(build, built) {
  if (built.layout) return readLayoutImage(built.layout);
  if (!built.archive) return void 0;
  const { readDockerArchive } = await import("./docker-archive-NY4PSN2W.js");
  return readDockerArchive(built.archive, {
    bases: await dockerBaseImages(build),
    tmpDir: join9(build.workspace.root, "engine-layers")
  });
}
async function dockerBaseImages(build) {
  const { plan } = build.prepared;
  try {
    const base = await openBase(
      plan.base,
      { transport: build.transport, platforms: [], workingDirectory: build.projectDir },
      plan.baseSource ?? "base-image"
    );
    return base.images;
  } catch (err) {
    build.ctx.logger.debug(
      `the base ${plan.base} was not read (${errorMessage(err)}); every layer of the image is sent`
    );
    return [];
  }
}
function pythonCacheDir(env) {
  return join9(cacheRoot(env), "python");
}
async function assembleDocker(build) {
  const { prepared, repository, inputs } = build;
  if (build.output.kind !== "registry" || !repository) {
    throw new InputError(
      `The image needs ${prepared.dockerReason ?? "a docker-compatible builder"}, which is built with docker-command and pushed, so output must be registry; remove the RUN steps to write an OCI layout.`
    );
  }
  if (build.targets.length > 1) {
    throw new InputError(
      `Input "tags" names ${build.targets.length} repositories, but the image needs ${prepared.dockerReason ?? "a docker-compatible builder"}, which pushes to one; push to one repository, or remove the RUN steps for a native build.`
    );
  }
  const { manifest, index } = build.annotations;
  if (Object.keys(manifest).length + Object.keys(index).length > 0) {
    build.ctx.logger.warn(
      "annotations are written by the native builder only; this image is built with docker-command and carries its labels but not the annotations"
    );
  }
  const checked = inputs.verify || Boolean(build.signing);
  const { assembleWithDocker } = await import("./docker-build-RQD4YVCQ.js");
  const built = await build.phases.run(
    "docker",
    () => assembleWithDocker({
      ...build,
      repository,
      insecureRegistries: insecureRegistries(inputs, repository),
      skipTlsVerify: inputs["skip-tls-verify"],
      command: inputs["docker-command"],
      logger: build.ctx.logger,
      tmpDir: build.workspace.root,
      layoutDir: checked ? join9(build.workspace.root, "engine-image") : void 0
    })
  );
  const base = { name: prepared.plan.base, digest: "" };
  const image = await engineImage(build, built);
  if (image) {
    const sbom2 = await imageSbom(build, image.descriptor.digest, base);
    const checks2 = beforeTags(build, base, sbom2);
    const publisher = publisherFor(build);
    const published = await build.phases.run("push", () => publisher.publish(image, checks2.run));
    return {
      digest: image.descriptor.digest,
      platforms: [formatPlatform(image.platform)],
      baseName: base.name,
      baseDigest: "",
      published,
      sbomFile: sbom2?.file,
      attestations: checks2.attestations()
    };
  }
  const pinned = `${repository.name()}@${built.digest}`;
  const sbom = await imageSbom(build, built.digest, base);
  const checks = beforeTags(build, base, sbom);
  await checks.afterDockerPush(repository, built.digest);
  return {
    digest: built.digest,
    platforms: built.platforms,
    baseName: prepared.plan.base,
    baseDigest: "",
    published: {
      references: built.references,
      pinned,
      stored: [pinned],
      pushed: true,
      stats: NOTHING_SENT
    },
    sbomFile: sbom?.file,
    attestations: checks.attestations()
  };
}

export {
  buildCommand,
  pushToRegistry,
  carrySbom,
  runBuild2 as runBuild,
  pythonCacheDir
};
