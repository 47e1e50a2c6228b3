#!/usr/bin/env node
import { createRequire as __slipwayCreateRequire } from 'node:module';
import { fileURLToPath as __slipwayFileURLToPath } from 'node:url';
const require = __slipwayCreateRequire(import.meta.url);
const __filename = __slipwayFileURLToPath(import.meta.url);
const __dirname = __filename.slice(0, __filename.lastIndexOf('/'));
import {
  readHead
} from "./chunk-SPTBQ62W.js";
import {
  WordError,
  processWord,
  processWords
} from "./chunk-JIXT4NLB.js";
import {
  importCommonJs,
  loadGlob
} from "./chunk-WKKBWN5R.js";
import {
  isInside
} from "./chunk-EFEMPYRR.js";
import {
  InputError
} from "./chunk-B27IFLT6.js";
import "./chunk-3ILMJHGQ.js";

// src/connectors/dockerfile-parse.ts
import { lstat, readdir, readlink, realpath } from "node:fs/promises";
import { join, posix, relative, resolve, sep } from "node:path";
var NeedsDocker = class extends Error {
  constructor(reason, line) {
    super(reason);
    this.reason = reason;
    this.line = line;
  }
  reason;
  line;
};
function lineOf(instruction) {
  return instruction.getRange().start.line + 1;
}
function fail(state, instruction, message) {
  const line = lineOf(instruction);
  return new InputError(`${state.label}:${line}: ${message}`, { file: state.label, line });
}
function words(state, instruction, text) {
  try {
    return processWords(text, (n) => state.vars.get(n), state.escape);
  } catch (err) {
    if (err instanceof WordError)
      throw fail(state, instruction, `${err.message}; fix the quoting.`);
    throw err;
  }
}
function word(state, instruction, text) {
  try {
    return processWord(text, (n) => state.vars.get(n), state.escape);
  } catch (err) {
    if (err instanceof WordError)
      throw fail(state, instruction, `${err.message}; fix the quoting.`);
    throw err;
  }
}
function jsonArray(text) {
  const trimmed = text.trim();
  if (!trimmed.startsWith("[")) return void 0;
  try {
    const value = JSON.parse(trimmed);
    if (Array.isArray(value) && value.every((v) => typeof v === "string"))
      return value;
  } catch {
  }
  return void 0;
}
function propertyValue(state, instruction, p) {
  return word(state, instruction, p.getUnescapedValue() ?? "");
}
function properties(instruction) {
  const withProps = instruction;
  return withProps.getProperties ? withProps.getProperties() : [];
}
function flags(instruction) {
  const withFlags = instruction;
  return withFlags.getFlags ? withFlags.getFlags() : [];
}
async function parseDockerfile(text, contextDir, opts = {}) {
  const { DockerfileParser } = await importCommonJs(() => import("./main-ZCPQQ472.js"));
  const dockerfile = DockerfileParser.parse(text);
  const state = {
    label: opts.label ?? "Dockerfile",
    contextDir: resolve(contextDir),
    escape: dockerfile.getEscapeCharacter(),
    vars: /* @__PURE__ */ new Map(),
    plan: { base: "", files: [], directories: [], env: {}, labels: {}, run: [] },
    files: /* @__PURE__ */ new Map(),
    directories: /* @__PURE__ */ new Map(),
    symlinks: /* @__PURE__ */ new Map(),
    realContext: await realpath(contextDir).catch(() => resolve(contextDir)),
    made: /* @__PURE__ */ new Map(),
    hasDockerignore: await lstat(join(contextDir, ".dockerignore")).then(
      () => true,
      () => false
    )
  };
  const buildArgs = opts.buildArgs ?? {};
  const globalArgs = /* @__PURE__ */ new Map();
  let seenFrom = false;
  try {
    for (const instruction of dockerfile.getInstructions()) {
      const keyword = instruction.getKeyword();
      const args = instruction.getArgumentsContent() ?? "";
      const line = lineOf(instruction);
      if (!seenFrom && keyword !== "FROM" && keyword !== "ARG") {
        throw fail(
          state,
          instruction,
          `${keyword} before FROM; a Dockerfile starts with FROM (after optional ARGs).`
        );
      }
      switch (keyword) {
        case "ARG":
          for (const p of properties(instruction)) {
            const name = p.getName();
            const fallback = p.getValue() === null ? seenFrom ? globalArgs.get(name) : void 0 : propertyValue(state, instruction, p);
            const value = buildArgs[name] ?? fallback;
            const target = seenFrom ? state.vars : globalArgs;
            if (value !== void 0) target.set(name, value);
            if (!seenFrom && value !== void 0) state.vars.set(name, value);
          }
          break;
        case "FROM": {
          if (seenFrom)
            throw new NeedsDocker(
              `a second FROM (multi-stage build) at ${state.label}:${line}`,
              line
            );
          if (flags(instruction).length > 0) {
            throw new NeedsDocker(
              `FROM --${flags(instruction)[0].getName()} at ${state.label}:${line}`,
              line
            );
          }
          const [image, as] = words(state, instruction, args);
          if (!image)
            throw fail(state, instruction, "FROM names no image; write e.g. FROM busybox:1.36.");
          if (as !== void 0 && as.toUpperCase() !== "AS")
            throw fail(
              state,
              instruction,
              `unexpected "${as}" after the image; write FROM image [AS name].`
            );
          state.plan.base = image;
          state.plan.baseSource = `FROM at ${state.label}:${line}`;
          seenFrom = true;
          state.vars = /* @__PURE__ */ new Map();
          break;
        }
        case "ENV":
          for (const p of properties(instruction)) {
            const value = propertyValue(state, instruction, p);
            state.plan.env[p.getName()] = value;
            state.vars.set(p.getName(), value);
          }
          break;
        case "LABEL":
          for (const p of properties(instruction)) {
            state.plan.labels[word(state, instruction, p.getName())] = propertyValue(
              state,
              instruction,
              p
            );
          }
          break;
        case "USER":
          state.plan.user = word(state, instruction, args.trim());
          break;
        case "WORKDIR": {
          const dir = word(state, instruction, args.trim());
          state.plan.workdir = posix.resolve(state.plan.workdir ?? "/", dir);
          claimMissingDirectories(state, [state.plan.workdir], ROOT_DIRECTORY);
          break;
        }
        case "EXPOSE":
          state.plan.exposedPorts = [
            ...state.plan.exposedPorts ?? [],
            ...words(state, instruction, args)
          ];
          break;
        case "ENTRYPOINT":
        case "CMD": {
          const exec = jsonArray(args) ?? ["/bin/sh", "-c", args.trim()];
          if (keyword === "ENTRYPOINT") state.plan.entrypoint = exec;
          else state.plan.cmd = exec;
          break;
        }
        case "COPY":
        case "ADD":
          await copy(state, instruction, keyword, args);
          break;
        case "RUN":
        case "VOLUME":
        case "SHELL":
        case "STOPSIGNAL":
        case "HEALTHCHECK":
        case "ONBUILD":
        case "MAINTAINER":
          throw new NeedsDocker(`${keyword} at ${state.label}:${line}`, line);
        default:
          throw fail(
            state,
            instruction,
            `unknown instruction ${instruction.getInstruction()}; fix the typo.`
          );
      }
    }
  } catch (err) {
    if (err instanceof NeedsDocker) {
      return {
        kind: "docker",
        reason: err.reason,
        line: err.line,
        bases: fromImages(dockerfile, buildArgs)
      };
    }
    throw err;
  }
  if (!seenFrom) {
    throw new InputError(
      `${state.label}: no FROM instruction; start the Dockerfile with FROM <base image>.`,
      {
        file: state.label
      }
    );
  }
  const plan = state.plan;
  plan.files = [...state.files.values()].sort((a, b) => a.path < b.path ? -1 : 1);
  if (state.symlinks.size > 0)
    plan.symlinks = [...state.symlinks.values()].sort((a, b) => a.path < b.path ? -1 : 1);
  const made = [...state.made.values()].filter((d) => !state.directories.has(d.path) && !state.files.has(d.path)).filter((d) => !state.symlinks.has(d.path)).filter((d) => d.uid !== 0 || d.gid !== 0 || d.mode !== ROOT_DIRECTORY.mode).map((d) => ({ ...d, ifMissing: true }));
  plan.directories = [...state.directories.values(), ...made].sort(
    (a, b) => a.path < b.path ? -1 : 1
  );
  return { kind: "plan", plan };
}
var SUPPORTED_COPY_FLAGS = /* @__PURE__ */ new Set(["chown", "chmod", "link"]);
function parseOwner(state, instruction, value) {
  const [user, group] = value.split(":");
  const id = (v, fallback) => {
    if (v === void 0 || v === "") return fallback;
    if (v === "root") return 0;
    return /^\d+$/.test(v) ? Number(v) : void 0;
  };
  const uid = id(user, 0);
  const gid = id(group, uid ?? 0);
  if (uid === void 0 || gid === void 0) {
    throw new NeedsDocker(
      `--chown=${value} with user or group names at ${state.label}:${lineOf(instruction)}`,
      lineOf(instruction)
    );
  }
  return { uid, gid };
}
var ARCHIVE_MAGIC = [
  Buffer.from([31, 139]),
  // gzip
  Buffer.from("BZh"),
  // bzip2
  Buffer.from([253, 55, 122, 88, 90, 0])
  // xz
];
async function isLocalArchive(path) {
  const head = await readHead(path, 512);
  if (ARCHIVE_MAGIC.some((m) => head.subarray(0, m.length).equals(m))) return true;
  return head.length >= 262 && head.subarray(257, 262).toString("latin1") === "ustar";
}
async function copy(state, instruction, keyword, args) {
  const line = lineOf(instruction);
  const here = `${state.label}:${line}`;
  let owner = { uid: 0, gid: 0 };
  let chmod;
  for (const flag of flags(instruction)) {
    const name = flag.getName();
    const value = word(state, instruction, flag.getValue() ?? "");
    if (!SUPPORTED_COPY_FLAGS.has(name))
      throw new NeedsDocker(`${keyword} --${name} at ${here}`, line);
    if (name === "chown") owner = parseOwner(state, instruction, value);
    if (name === "chmod") {
      if (!/^[0-7]{3,4}$/.test(value))
        throw new NeedsDocker(`${keyword} --chmod=${value} (not octal) at ${here}`, line);
      chmod = parseInt(value, 8);
    }
  }
  if (/<<-?["']?[A-Za-z_]/.test(args))
    throw new NeedsDocker(`${keyword} with a here-document at ${here}`, line);
  const all = jsonArray(args) ?? words(state, instruction, args);
  if (all.length < 2)
    throw fail(state, instruction, `${keyword} needs a source and a destination.`);
  const dest = all[all.length - 1];
  const sources = all.slice(0, -1);
  const matches = [];
  for (const source of sources) {
    if (keyword === "ADD" && (/^[a-z][a-z0-9+.-]*:\/\//i.test(source) || source.startsWith("git@"))) {
      throw new NeedsDocker(`ADD of a remote source at ${here}`, line);
    }
    const found = await resolveSources(state, instruction, source);
    matches.push(...found);
  }
  const destination = posix.resolve(state.plan.workdir ?? "/", dest);
  const intoDirectory = dest.endsWith("/") || matches.length > 1 || await anyDirectory(matches);
  const into = /* @__PURE__ */ new Set();
  for (const src of matches) {
    const st = await lstat(src);
    if (keyword === "ADD" && st.isFile() && await isLocalArchive(src)) {
      throw new NeedsDocker(`ADD of a local archive (unpacked by ADD) at ${here}`, line);
    }
    if (st.isDirectory()) {
      into.add(destination);
      await copyTree(state, instruction, src, destination, owner, chmod);
    } else {
      const path = intoDirectory ? posix.join(destination, posix.basename(src)) : destination;
      addFile(state, path, src, chmod ?? st.mode & 4095, owner);
      into.add(posix.dirname(path));
    }
  }
  claimMissingDirectories(state, [...into], { mode: ROOT_DIRECTORY.mode, ...owner });
}
var ROOT_DIRECTORY = { mode: 493, uid: 0, gid: 0 };
function claimMissingDirectories(state, dirs, meta) {
  for (const dir of dirs) {
    for (let p = dir; p !== "/" && p !== "."; p = posix.dirname(p)) {
      if (!state.made.has(p) && !state.directories.has(p)) state.made.set(p, { path: p, ...meta });
    }
  }
}
async function anyDirectory(paths) {
  for (const p of paths) if ((await lstat(p)).isDirectory()) return true;
  return false;
}
async function resolveSources(state, instruction, source) {
  const here = `${state.label}:${lineOf(instruction)}`;
  const direct = resolve(state.contextDir, source.replace(/^\/+/, ""));
  if (!isInside(state.contextDir, direct)) {
    throw fail(
      state,
      instruction,
      `source ${source} is outside the build context ${state.contextDir}; move it into the context.`
    );
  }
  const { glob, isDynamicPattern } = await loadGlob();
  if (isDynamicPattern(source)) {
    if (state.hasDockerignore)
      throw new NeedsDocker(
        `a wildcard source with a .dockerignore at ${here}`,
        lineOf(instruction)
      );
    const found = await glob([source.replace(/^\/+/, "")], {
      cwd: state.contextDir,
      absolute: true,
      onlyFiles: false,
      dot: true,
      expandDirectories: false
    });
    if (found.length === 0)
      throw fail(
        state,
        instruction,
        `source ${source} matches nothing in the build context ${state.contextDir}.`
      );
    const matches = found.map((f) => resolve(f)).sort();
    for (const match of matches) {
      const shown = relative(state.contextDir, match).split(sep).join("/");
      await confineSource(state, instruction, shown, match);
      if ((await lstat(match)).isSymbolicLink())
        throw new NeedsDocker(`a symbolic link source (${shown}) at ${here}`, lineOf(instruction));
    }
    return matches;
  }
  let link;
  try {
    const st = await lstat(direct);
    const target = await realpath(direct).catch(() => void 0);
    if (target !== void 0 && !isInside(state.realContext, target)) link = target;
    else if (st.isSymbolicLink())
      throw new NeedsDocker(`a symbolic link source (${source}) at ${here}`, lineOf(instruction));
    if (st.isDirectory() && state.hasDockerignore)
      throw new NeedsDocker(`a folder source with a .dockerignore at ${here}`, lineOf(instruction));
  } catch (err) {
    if (err instanceof NeedsDocker) throw err;
    throw fail(
      state,
      instruction,
      `source ${source} does not exist in the build context ${state.contextDir}.`
    );
  }
  if (link !== void 0) {
    throw fail(
      state,
      instruction,
      `source ${source} leads through a symbolic link to ${link}, outside the build context ${state.contextDir}; copy the file into the context.`
    );
  }
  return [direct];
}
async function confineSource(state, instruction, shown, path) {
  const real = await realpath(path).catch(() => void 0);
  if (real === void 0 || isInside(state.realContext, real)) return;
  throw fail(
    state,
    instruction,
    `source ${shown} leads through a symbolic link to ${real}, outside the build context ${state.contextDir}; copy the file into the context.`
  );
}
function addFile(state, path, source, mode, owner) {
  state.directories.delete(path);
  state.made.delete(path);
  state.symlinks.delete(path);
  state.files.set(path, { path, source, mode, ...owner });
}
async function copyTree(state, instruction, dir, destination, owner, chmod) {
  for (const name of (await readdir(dir)).sort()) {
    const src = join(dir, name);
    const target = posix.join(destination, name);
    const st = await lstat(src);
    if (st.isSymbolicLink()) {
      const linkTarget = await readlink(src);
      const real = await realpath(src).catch(() => void 0);
      const lexical = posix.isAbsolute(linkTarget) ? void 0 : resolve(dir, linkTarget.split("/").join(sep));
      const staysInside = lexical !== void 0 && isInside(state.contextDir, lexical) && (real === void 0 || isInside(state.realContext, real));
      if (!staysInside) {
        throw new NeedsDocker(
          `a symbolic link leading out of the context (${relative(state.contextDir, src).split(sep).join("/")}) in a copied folder at ${state.label}:${lineOf(instruction)}`,
          lineOf(instruction)
        );
      }
      state.files.delete(target);
      state.directories.delete(target);
      state.made.delete(target);
      state.symlinks.set(target, { path: target, target: linkTarget, ...owner });
      continue;
    }
    if (st.isDirectory()) {
      state.files.delete(target);
      state.symlinks.delete(target);
      state.directories.set(target, { path: target, mode: chmod ?? st.mode & 4095, ...owner });
      await copyTree(state, instruction, src, target, owner, chmod);
    } else if (st.isFile()) {
      addFile(state, target, src, chmod ?? st.mode & 4095, owner);
    }
  }
}
function fromImages(dockerfile, buildArgs) {
  const args = /* @__PURE__ */ new Map();
  const stages = /* @__PURE__ */ new Set();
  const images = [];
  const escape = dockerfile.getEscapeCharacter();
  let seenFrom = false;
  for (const instruction of dockerfile.getInstructions()) {
    const keyword = instruction.getKeyword();
    if (keyword === "ARG" && !seenFrom) {
      for (const p of properties(instruction)) {
        const raw = p.getUnescapedValue();
        const value = buildArgs[p.getName()] ?? (raw === null ? void 0 : safeWord(raw, args, escape));
        if (value !== void 0) args.set(p.getName(), value);
      }
    }
    if (keyword !== "FROM") continue;
    seenFrom = true;
    const words2 = safeWords(instruction.getArgumentsContent() ?? "", args, escape);
    const [image, as, stage] = words2;
    if (image && !stages.has(image) && image !== "scratch") images.push(image);
    if (as?.toUpperCase() === "AS" && stage) stages.add(stage);
  }
  return images;
}
function safeWord(text, vars, escape) {
  try {
    return processWord(text, (n) => vars.get(n), escape);
  } catch {
    return void 0;
  }
}
function safeWords(text, vars, escape) {
  try {
    return processWords(text, (n) => vars.get(n), escape);
  } catch {
    return [];
  }
}
export {
  parseDockerfile
};
