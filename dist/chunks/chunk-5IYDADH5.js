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
  mapLimited
} from "./chunk-XBEXEVC2.js";
import {
  parse
} from "./chunk-5NM6JZDE.js";
import {
  formatPlatform
} from "./chunk-PAQHD33Z.js";
import {
  secrets
} from "./chunk-MKQXDKX4.js";
import {
  isRecord
} from "./chunk-NPESS7R3.js";
import {
  InputError,
  RunError,
  errorMessage
} from "./chunk-B27IFLT6.js";
import {
  __toESM
} from "./chunk-3ILMJHGQ.js";

// src/toolchain/python/base-python.ts
var DEFAULT_GLIBC = "2.31";
var DEFAULT_MUSL = "1.2";
function targetPythonFromBase(facts) {
  const paths = (facts.paths ?? []).map((p) => `/${p.replace(/^\/+/, "").replace(/\/+$/, "")}`);
  const libc = facts.libc ?? (paths.some((p) => /^\/lib\/ld-musl-[^/]+\.so\.1$/.test(p)) ? "musl" : "glibc");
  const libcVersion = facts.libcVersion ?? (libc === "musl" ? DEFAULT_MUSL : glibcFromPaths(paths) ?? DEFAULT_GLIBC);
  const fromEnv = (facts.env ?? []).map((line) => /^PYTHON_VERSION=(\d+)\.(\d+)(\.\d+)?/.exec(line)).find((m) => m !== null);
  if (fromEnv) {
    const version = `${fromEnv[1]}.${fromEnv[2]}`;
    return target(version, `${version}${fromEnv[3] ?? ".0"}`, libc, libcVersion, "local");
  }
  const versions = (re) => paths.flatMap((p) => {
    const m = re.exec(p);
    return m ? [m[1]] : [];
  });
  const newest = (list) => list.sort((a, b) => Number(b.split(".")[1]) - Number(a.split(".")[1]))[0];
  const local = newest(versions(/^\/usr\/local\/lib\/python(3\.\d+)(?:\/site-packages)?$/));
  const local_has_site = local && paths.includes(`/usr/local/lib/python${local}/site-packages`);
  if (local && local_has_site) return target(local, `${local}.0`, libc, libcVersion, "local");
  const system = newest(versions(/^\/usr\/lib\/python(3\.\d+)$/));
  if (system) return target(system, `${system}.0`, libc, libcVersion, "system");
  if (local) return target(local, `${local}.0`, libc, libcVersion, "local");
  throw new InputError(
    `The base image${facts.label ? ` ${facts.label}` : ""} shows no Python 3 (no PYTHON_VERSION in its config Env, no /usr/lib/python3.X or /usr/local/lib/python3.X/site-packages); use a base image with Python 3, such as python:3.11-slim`
  );
}
function target(version, fullVersion, libc, libcVersion, kind) {
  return {
    version,
    fullVersion,
    abi: `cp${version.replace(".", "")}`,
    libc,
    libcVersion,
    sitePackages: kind === "local" ? `/usr/local/lib/python${version}/site-packages` : `/usr/local/lib/python${version}/dist-packages`,
    interpreter: kind === "local" ? "/usr/local/bin/python3" : "/usr/bin/python3",
    prefix: "/usr/local"
  };
}
function glibcFromPaths(paths) {
  for (const p of paths) {
    const m = /\/libc-(2\.\d+)\.so$/.exec(p);
    if (m) return m[1];
  }
  return void 0;
}

// src/toolchain/python/base-paths.ts
var import_tar_stream = __toESM(require_tar_stream());
import { Readable } from "node:stream";
import { createGunzip } from "node:zlib";
var INTERESTING = [
  /^usr\/lib\/python3\.\d+$/,
  /^usr\/local\/lib\/python3\.\d+(\/site-packages)?$/,
  /^lib\/ld-musl-[^/]+\.so\.1$/,
  /\/libc-2\.\d+\.so$/
];
async function basePythonPaths(layers) {
  const found = /* @__PURE__ */ new Set();
  await mapLimited(layers, 3, async (blob) => {
    for (const p of await layerPaths(blob)) found.add(p);
  });
  return [...found].sort();
}
async function layerPaths(blob) {
  const raw = await blob.open();
  const head = await firstBytes(raw);
  if (head.bytes.length >= 4 && head.bytes.readUInt32LE(0) === 4247762216) {
    raw.destroy();
    return [];
  }
  const source = Readable.from(head.rest());
  const tar = head.bytes[0] === 31 && head.bytes[1] === 139 ? source.pipe(createGunzip()) : source;
  const names = [];
  const extract = (0, import_tar_stream.extract)();
  await new Promise((resolve2, reject) => {
    extract.on("entry", (header, stream, next) => {
      const name = header.name.replace(/^(\.?\/)+/, "").replace(/\/+$/, "");
      if (INTERESTING.some((re) => re.test(name))) names.push(name);
      stream.on("end", next);
      stream.resume();
    });
    extract.on("finish", resolve2);
    extract.on("error", reject);
    tar.on("error", reject);
    tar.pipe(extract);
  });
  return names;
}
async function firstBytes(stream) {
  const iterator = stream[Symbol.asyncIterator]();
  const first = await iterator.next();
  const bytes = first.done ? Buffer.alloc(0) : first.value;
  return {
    bytes,
    rest: async function* () {
      if (bytes.length > 0) yield bytes;
      for (let next = await iterator.next(); !next.done; next = await iterator.next())
        yield next.value;
    }
  };
}

// src/toolchain/python/lock.ts
import { existsSync, readFileSync } from "node:fs";
import * as path from "node:path";

// src/toolchain/python/versions.ts
var PRE_RANK = {
  a: 1,
  alpha: 1,
  b: 2,
  beta: 2,
  c: 3,
  rc: 3,
  pre: 3,
  preview: 3
};
var FINAL = 4;
function parse2(version) {
  const m = /^\s*v?(?:(\d+)!)?(\d+(?:\.\d+)*)(?:[-_.]?(a|b|c|rc|alpha|beta|pre|preview)[-_.]?(\d*))?(?:-(\d+)|[-_.]?(?:post|rev|r)[-_.]?(\d*))?(?:[-_.]?dev[-_.]?(\d*))?(?:\+[a-z0-9.]+)?\s*$/i.exec(
    version
  );
  if (!m) return void 0;
  const dev = m[7] !== void 0 ? Number(m[7] || 0) : Infinity;
  const pre = m[3] !== void 0 ? [PRE_RANK[m[3].toLowerCase()], Number(m[4] || 0)] : (
    // A dev release with no pre/post sorts before the release's pre-releases.
    dev !== Infinity && m[5] === void 0 && m[6] === void 0 ? [0, 0] : [FINAL, 0]
  );
  const post = m[5] !== void 0 ? Number(m[5]) : m[6] !== void 0 ? Number(m[6] || 0) : -1;
  return { epoch: Number(m[1] ?? 0), release: m[2].split(".").map(Number), pre, post, dev };
}
function compareVersions(a, b) {
  const x = parse2(a);
  const y = parse2(b);
  if (!x || !y) return a < b ? -1 : a > b ? 1 : 0;
  const steps = [
    x.epoch - y.epoch,
    compareRelease(x.release, y.release),
    x.pre[0] - y.pre[0],
    x.pre[1] - y.pre[1],
    x.post - y.post
  ];
  for (const d of steps) if (d !== 0) return d;
  return x.dev === y.dev ? 0 : x.dev < y.dev ? -1 : 1;
}
function compareRelease(a, b) {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}
function versionMatches(version, op, spec) {
  if ((op === "==" || op === "!=") && spec.endsWith(".*")) {
    const prefix = spec.slice(0, -2).split(".").map(Number);
    const release = parse2(version)?.release ?? [];
    const same = prefix.every((n, i) => (release[i] ?? 0) === n);
    return op === "==" ? same : !same;
  }
  const c = compareVersions(version, spec);
  switch (op) {
    case "==":
      return c === 0;
    case "!=":
      return c !== 0;
    case "<":
      return c < 0;
    case "<=":
      return c <= 0;
    case ">":
      return c > 0;
    case ">=":
      return c >= 0;
    case "~=": {
      const release = parse2(spec)?.release ?? [];
      const prefix = release.slice(0, Math.max(1, release.length - 1)).join(".");
      return c >= 0 && versionMatches(version, "==", `${prefix}.*`);
    }
    default:
      return false;
  }
}

// src/toolchain/python/markers.ts
var VARIABLES = /* @__PURE__ */ new Set([
  "python_version",
  "python_full_version",
  "sys_platform",
  "platform_system",
  "os_name",
  "platform_machine",
  "implementation_name",
  "platform_python_implementation",
  "implementation_version",
  "platform_release",
  "platform_version",
  "extra",
  "extras",
  "dependency_groups",
  // Old spellings packaging still accepts (PEP 345).
  "os.name",
  "sys.platform",
  "platform.version",
  "platform.machine",
  "platform.python_implementation",
  "python_implementation"
]);
var ALIASES = {
  "os.name": "os_name",
  "sys.platform": "sys_platform",
  "platform.version": "platform_version",
  "platform.machine": "platform_machine",
  "platform.python_implementation": "platform_python_implementation",
  python_implementation: "platform_python_implementation"
};
var VERSION_VARIABLES = /* @__PURE__ */ new Set([
  "python_version",
  "python_full_version",
  "implementation_version"
]);
function tokenize(marker, where) {
  const tokens = [];
  const re = /\s*(?:(['"])(.*?)\1|(===|==|!=|<=|>=|~=|<|>)|(not\s+in\b)|([()])|([A-Za-z_][A-Za-z0-9_.]*))/y;
  let pos = 0;
  while (pos < marker.length) {
    if (/^\s*$/.test(marker.slice(pos))) break;
    re.lastIndex = pos;
    const m = re.exec(marker);
    if (!m) throw badMarker(marker, where, `unexpected text at "${marker.slice(pos)}"`);
    pos = re.lastIndex;
    if (m[1] !== void 0) tokens.push({ kind: "string", value: m[2] });
    else if (m[3] !== void 0) tokens.push({ kind: "op", value: m[3] });
    else if (m[4] !== void 0) tokens.push({ kind: "op", value: "not in" });
    else if (m[5] !== void 0) tokens.push({ kind: "paren", value: m[5] });
    else if (m[6] === "in") tokens.push({ kind: "op", value: "in" });
    else tokens.push({ kind: "name", value: m[6] });
  }
  return tokens;
}
function badMarker(marker, where, why) {
  return new InputError(
    `The environment marker "${marker}" in ${where} cannot be read (${why}); write it as PEP 508 describes, e.g. python_version >= "3.10" and sys_platform == "linux"`
  );
}
function evaluateMarker(marker, env, where) {
  const tokens = tokenize(marker, where);
  if (tokens.length === 0) return true;
  let i = 0;
  const peek = () => tokens[i];
  const fail = (why) => {
    throw badMarker(marker, where, why);
  };
  const value = () => {
    const t = tokens[i++];
    if (!t) return fail("it ends too early");
    if (t.kind === "string") return { literal: t.value };
    if (t.kind === "name" && VARIABLES.has(t.value))
      return { variable: ALIASES[t.value] ?? t.value };
    return fail(`"${t.value}" is not a marker variable or a quoted string`);
  };
  const comparison = () => {
    const t = peek();
    if (t?.kind === "paren" && t.value === "(") {
      i++;
      const result2 = orExpr();
      const close = tokens[i++];
      if (close?.kind !== "paren" || close.value !== ")") fail('a "(" is not closed');
      return result2;
    }
    const left = value();
    const op = tokens[i++];
    if (op?.kind !== "op") return fail("a comparison operator is missing");
    const right = value();
    return compare(left, op.value, right, env, () => fail(`"${op.value}" cannot compare these`));
  };
  const andExpr = () => {
    let result2 = comparison();
    while (peek()?.kind === "name" && peek()?.value === "and") {
      i++;
      const next = comparison();
      result2 = result2 && next;
    }
    return result2;
  };
  const orExpr = () => {
    let result2 = andExpr();
    while (peek()?.kind === "name" && peek()?.value === "or") {
      i++;
      const next = andExpr();
      result2 = result2 || next;
    }
    return result2;
  };
  const result = orExpr();
  if (i !== tokens.length) fail(`unexpected "${tokens[i].value}"`);
  return result;
}
function compare(left, op, right, env, fail) {
  const set = (variable) => variable === "extra" || variable === "extras" ? env.extras : variable === "dependency_groups" ? env.dependency_groups : void 0;
  const leftSet = set(left.variable);
  const rightSet = set(right.variable);
  if (leftSet || rightSet) {
    const members = (leftSet ?? rightSet ?? []).map(normalizeName);
    const other = normalizeName(left.literal ?? right.literal ?? fail());
    if (left.variable === "extra" || right.variable === "extra") {
      if (op === "==") return members.includes(other);
      if (op === "!=") return !members.includes(other);
      return fail();
    }
    if (op === "in" && rightSet) return members.includes(other);
    if (op === "not in" && rightSet) return !members.includes(other);
    return fail();
  }
  const resolve2 = (v) => v.literal ?? String(env[v.variable]);
  const a = resolve2(left);
  const b = resolve2(right);
  const isVersion = VERSION_VARIABLES.has(left.variable ?? "") || VERSION_VARIABLES.has(right.variable ?? "");
  switch (op) {
    case "in":
      return b.includes(a);
    case "not in":
      return !b.includes(a);
    case "===":
      return a === b;
  }
  if (isVersion && /^\d/.test(a) && /^\d/.test(b)) {
    return left.variable ? versionMatches(a, op, b) : versionMatches(b, flip(op), a);
  }
  switch (op) {
    case "==":
      return a === b;
    case "!=":
      return a !== b;
    case "<":
      return a < b;
    case "<=":
      return a <= b;
    case ">":
      return a > b;
    case ">=":
      return a >= b;
    default:
      return fail();
  }
}
function flip(op) {
  return { "<": ">", ">": "<", "<=": ">=", ">=": "<=" }[op] ?? op;
}
function normalizeName(name) {
  return name.replace(/[-_.]+/g, "-").toLowerCase();
}

// src/toolchain/python/lock.ts
var PYPI_SIMPLE = "https://pypi.org/simple";
var LOCK_NAMES = ["poetry.lock", "pylock.toml", "requirements.txt"];
function findLock(projectDir) {
  return LOCK_NAMES.map((n) => path.join(projectDir, n)).find((f) => existsSync(f));
}
function readPythonLock(file, opts = {}) {
  const env = opts.env ?? process.env;
  const base = path.basename(file);
  if (base === "poetry.lock") return readPoetryLock(file, env);
  if (base === "pylock.toml" || /^pylock\.[^.]+\.toml$/.test(base)) return readPylock(file, env);
  return readRequirements(file, env);
}
function defaultIndexes(env, primary, extra = []) {
  const first = primary ?? (env.PIP_INDEX_URL?.trim() || PYPI_SIMPLE);
  const more = (env.PIP_EXTRA_INDEX_URL ?? "").split(/\s+/).filter(Boolean);
  return [...new Set([first, ...extra, ...more].map((u) => u.replace(/\/+$/, "")))];
}
function readToml(file) {
  let text;
  try {
    text = readFileSync(file, "utf8");
  } catch (err) {
    throw new InputError(`Cannot read ${file}: ${errorMessage(err)}`, { file });
  }
  try {
    return parse(text);
  } catch (err) {
    throw new InputError(
      `${file} is not valid TOML (${errorMessage(err)}); fix the file or regenerate it with its tool`,
      { file }
    );
  }
}
function str(value) {
  return typeof value === "string" ? value : void 0;
}
function records(value) {
  return Array.isArray(value) ? value.filter(isRecord) : [];
}
function sha256Of(hash, where, file) {
  const m = /^sha256:([0-9a-fA-F]{64})$/.exec(hash ?? "");
  if (!m)
    throw new InputError(
      `${where} in ${file} has no sha256 hash ("${hash ?? ""}"); regenerate the lock so that every file is pinned by sha256`,
      { file }
    );
  return m[1].toLowerCase();
}
function readPoetryLock(file, env) {
  const lock = readToml(file);
  const pyprojectFile = path.join(path.dirname(file), "pyproject.toml");
  const pyproject = existsSync(pyprojectFile) ? readToml(pyprojectFile) : void 0;
  const poetry = isRecord(pyproject?.tool) && isRecord(pyproject.tool.poetry) ? pyproject.tool.poetry : void 0;
  const sources = records(poetry?.source);
  const primary = sources.find(
    (s) => s.priority === "primary" || s.priority === "default" || s.default === true
  );
  const defaults = defaultIndexes(env, str(primary?.url));
  const nodes = /* @__PURE__ */ new Map();
  for (const entry of records(lock.package)) {
    const name = str(entry.name);
    const version = str(entry.version);
    if (!name || !version)
      throw new InputError(
        `A [[package]] in ${file} lacks name or version; regenerate it with \`poetry lock\``,
        { file }
      );
    const where = `the package ${name} ${version}`;
    let indexes = defaults;
    if (isRecord(entry.source)) {
      const type = str(entry.source.type);
      const url = str(entry.source.url);
      if (type !== "legacy" || !url)
        throw new InputError(
          `${where} in ${file} comes from a ${type ?? "unknown"} source (${url ?? "no url"}), which Slipway cannot install natively; publish it to a package index, or set builder: docker`,
          { file }
        );
      indexes = [url.replace(/\/+$/, "")];
    }
    const files = records(entry.files).map((f) => ({
      filename: str(f.file),
      sha256: sha256Of(str(f.hash), `${where} (file ${str(f.file) ?? "?"})`, file)
    }));
    const meta = isRecord(lock.metadata) && isRecord(lock.metadata.files) ? lock.metadata.files : {};
    for (const f of records(meta[name]))
      files.push({
        filename: str(f.file),
        sha256: sha256Of(str(f.hash), `${where} (file ${str(f.file) ?? "?"})`, file)
      });
    const key = normalizeName(name);
    nodes.set(key, {
      pkg: { name, key, version, files, indexes },
      category: str(entry.category),
      ...Array.isArray(entry.groups) ? { groups: entry.groups.filter((g) => typeof g === "string") } : {},
      mainMarker: isRecord(entry.markers) ? str(entry.markers.main) : str(entry.markers),
      edges: poetryEdges(entry.dependencies),
      extras: new Map(
        Object.entries(isRecord(entry.extras) ? entry.extras : {}).map(([extra, deps]) => [
          normalizeName(extra),
          (Array.isArray(deps) ? deps : []).flatMap(
            (d) => typeof d === "string" ? [normalizeName(requirementName(d))] : []
          )
        ])
      )
    });
  }
  const roots = rootEdges(pyproject);
  return {
    kind: "poetry",
    file,
    packagesFor(target2) {
      if ([...nodes.values()].every((n) => n.groups)) {
        return [...nodes.values()].filter((n) => n.groups?.includes("main")).filter(
          (n) => !n.mainMarker || evaluateMarker(n.mainMarker, target2, `${n.pkg.name} in ${file}`)
        ).map((n) => n.pkg).sort(byKey);
      }
      if (!roots) {
        const main = [...nodes.values()].filter(
          (n) => n.category === void 0 || n.category === "main"
        );
        return main.map((n) => n.pkg).sort(byKey);
      }
      const chosen = /* @__PURE__ */ new Map();
      const queue = [];
      const follow = (edges, parentExtras, from, enabled) => {
        for (const edge of edges) {
          const key = normalizeName(edge.name);
          if (edge.optional && !enabled?.has(key)) continue;
          if (!edgeHolds(edge, { ...target2, extras: parentExtras }, from)) continue;
          const extras = chosen.get(key) ?? /* @__PURE__ */ new Set();
          const fresh = !chosen.has(key) || edge.extras.some((e) => !extras.has(normalizeName(e)));
          for (const e of edge.extras) extras.add(normalizeName(e));
          chosen.set(key, extras);
          if (fresh) queue.push([key, [...extras]]);
        }
      };
      follow(roots, [], "pyproject.toml");
      while (queue.length > 0) {
        const [key, extras] = queue.shift();
        const node = nodes.get(key);
        if (!node) {
          throw new InputError(
            `${file} does not list ${key}, which the project depends on; run \`poetry lock\` again`,
            { file }
          );
        }
        const enabled = new Set(extras.flatMap((e) => node.extras.get(e) ?? []));
        follow(node.edges, extras, `${node.pkg.name} ${node.pkg.version} in ${file}`, enabled);
      }
      return [...chosen.keys()].map((k) => nodes.get(k).pkg).sort(byKey);
    }
  };
}
function byKey(a, b) {
  return a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
}
function edgeHolds(edge, env, where) {
  if (edge.marker && !evaluateMarker(edge.marker, env, where)) return false;
  if (edge.python && !poetryConstraintHolds(env.python_full_version, edge.python)) return false;
  if (edge.platform && edge.platform !== env.sys_platform) return false;
  return true;
}
function poetryEdges(deps) {
  if (!isRecord(deps)) return [];
  const edges = [];
  for (const [name, spec] of Object.entries(deps)) {
    if (name.toLowerCase() === "python") continue;
    const variants = Array.isArray(spec) ? spec : [spec];
    for (const v of variants) {
      if (typeof v === "string") edges.push({ name, optional: false, extras: [] });
      else if (isRecord(v))
        edges.push({
          name,
          marker: str(v.markers),
          optional: v.optional === true,
          extras: Array.isArray(v.extras) ? v.extras.filter((e) => typeof e === "string") : [],
          python: str(v.python),
          platform: str(v.platform)
        });
    }
  }
  return edges;
}
function rootEdges(pyproject) {
  if (!pyproject) return void 0;
  const tool = isRecord(pyproject.tool) ? pyproject.tool : {};
  const poetry = isRecord(tool.poetry) ? tool.poetry : {};
  const edges = poetryEdges(poetry.dependencies);
  const groups = isRecord(poetry.group) ? poetry.group : {};
  if (isRecord(groups.main)) edges.push(...poetryEdges(groups.main.dependencies));
  const project = isRecord(pyproject.project) ? pyproject.project : {};
  for (const req of Array.isArray(project.dependencies) ? project.dependencies : []) {
    if (typeof req !== "string") continue;
    const parsed = parseRequirement(req);
    edges.push({
      name: parsed.name,
      marker: parsed.marker,
      optional: false,
      extras: parsed.extras
    });
  }
  if (edges.length === 0 && !isRecord(poetry.dependencies) && !Array.isArray(project.dependencies))
    return void 0;
  return edges;
}
function poetryConstraintHolds(version, constraint) {
  return constraint.split("||").some(
    (alternative) => alternative.split(/,|\s+(?=[<>=!~^\d])/).map((c) => c.trim()).filter(Boolean).every((c) => {
      if (c === "*") return true;
      const m = /^(\^|~=|~|==|!=|>=|<=|>|<|=)?\s*(\S+)$/.exec(c);
      if (!m) return true;
      const [, op = "==", v] = m;
      const parts = v.replace(/\.\*$/, "").split(".").map(Number);
      if (op === "^") {
        const firstNonZero = parts.findIndex((n) => n !== 0);
        const i = firstNonZero === -1 ? parts.length - 1 : firstNonZero;
        const upper = parts.slice(0, i + 1).map((n, j) => j === i ? n + 1 : n).join(".");
        return versionMatches(version, ">=", v) && versionMatches(version, "<", upper);
      }
      if (op === "~") {
        const i = parts.length > 1 ? 1 : 0;
        const upper = parts.slice(0, i + 1).map((n, j) => j === i ? n + 1 : n).join(".");
        return versionMatches(version, ">=", v) && versionMatches(version, "<", upper);
      }
      return versionMatches(version, op === "=" ? "==" : op, v);
    })
  );
}
function parseRequirement(text) {
  const m = /^\s*([A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?)\s*(?:\[([^\]]*)\])?\s*(?:@\s*([^;\s]+)\s*)?([^;]*?)\s*(?:;\s*(.*?))?\s*$/.exec(
    text
  );
  if (!m)
    throw new InputError(
      `"${text}" is not a PEP 508 requirement (name[extras] specifier ; marker)`
    );
  return {
    name: m[1],
    extras: (m[2] ?? "").split(",").map((e) => e.trim()).filter(Boolean),
    specifier: m[4].replace(/^\(|\)$/g, "").replace(/\s+/g, ""),
    ...m[3] ? { url: m[3] } : {},
    ...m[5] ? { marker: m[5] } : {}
  };
}
function requirementName(text) {
  return /^\s*([A-Za-z0-9][A-Za-z0-9._-]*)/.exec(text)?.[1] ?? text;
}
function readRequirements(file, env) {
  const lines = [];
  let primary;
  const extra = [];
  const visit = (current, depth) => {
    let text;
    try {
      text = readFileSync(current, "utf8");
    } catch (err) {
      throw new InputError(`Cannot read ${current}: ${errorMessage(err)}`, { file: current });
    }
    const physical = text.split(/\r?\n/);
    for (let i = 0; i < physical.length; i++) {
      const lineNo = i + 1;
      let logical = physical[i];
      while (logical.endsWith("\\") && i + 1 < physical.length)
        logical = `${logical.slice(0, -1)} ${physical[++i]}`;
      logical = logical.replace(/(^|\s)#.*$/, "").trim();
      if (!logical) continue;
      const where = `${current} line ${lineNo}`;
      const option = /^(-i|--index-url|--extra-index-url|-r|--requirement|-c|--constraint|-e|--editable|-f|--find-links|--no-index|--[a-z-]+)(?:[=\s]\s*(\S+))?/.exec(
        logical
      );
      if (option && logical.startsWith("-") && !/^--hash/.test(logical)) {
        const [, flag, value] = option;
        if ((flag === "-i" || flag === "--index-url") && value) primary = value;
        else if (flag === "--extra-index-url" && value) extra.push(value);
        else if ((flag === "-r" || flag === "--requirement") && value) {
          if (depth > 10)
            throw new InputError(`${where}: -r includes nest more than 10 deep; remove the cycle`, {
              file: current,
              line: lineNo
            });
          visit(path.resolve(path.dirname(current), value), depth + 1);
        } else if ([
          "--trusted-host",
          "--prefer-binary",
          "--only-binary",
          "--no-binary",
          "--pre",
          "--require-hashes"
        ].includes(flag)) {
        } else {
          throw new InputError(
            `${where}: the option ${flag} needs pip itself; remove it (pin every package with ==version and --hash=sha256:\u2026), or set builder: docker`,
            { file: current, line: lineNo }
          );
        }
        continue;
      }
      const hashes = [...logical.matchAll(/--hash[=\s]\s*(\S+)/g)].map((m) => m[1]);
      const body = logical.replace(/--hash[=\s]\s*\S+/g, "").trim();
      const req = parseRequirement(body);
      const pin = /^===?([^,*]+)$/.exec(req.specifier);
      if (!pin || req.url) {
        throw new InputError(
          `${where}: "${body}" is not pinned to one version (name==version); pin every package, e.g. with \`pip-compile --generate-hashes\`, so that the image is reproducible`,
          { file: current, line: lineNo }
        );
      }
      if (hashes.length === 0) {
        throw new InputError(
          `${where}: ${req.name}==${pin[1]} has no --hash=sha256:\u2026; add the hashes (\`pip-compile --generate-hashes\` writes them) so that every download is verified`,
          { file: current, line: lineNo }
        );
      }
      lines.push({
        req,
        version: pin[1],
        hashes: hashes.map(
          (h) => sha256Of(h.replace(/^sha256=/, "sha256:"), `${req.name}==${pin[1]}`, current)
        ),
        line: lineNo,
        file: current
      });
    }
  };
  visit(file, 0);
  const indexes = defaultIndexes(env, primary, extra);
  return {
    kind: "requirements",
    file,
    packagesFor(target2) {
      const byKey2 = /* @__PURE__ */ new Map();
      for (const l of lines) {
        if (l.req.marker && !evaluateMarker(l.req.marker, target2, `${l.file} line ${l.line}`))
          continue;
        const key = normalizeName(l.req.name);
        const seen = byKey2.get(key);
        if (seen && seen.version !== l.version) {
          throw new InputError(
            `${l.file} line ${l.line}: ${l.req.name} is pinned to ${seen.version} and to ${l.version}; keep one pin`,
            { file: l.file, line: l.line }
          );
        }
        byKey2.set(key, {
          name: l.req.name,
          key,
          version: l.version,
          files: l.hashes.map((sha256) => ({ sha256 })),
          indexes
        });
      }
      return [...byKey2.values()].sort((a, b) => a.key < b.key ? -1 : 1);
    }
  };
}
function readPylock(file, env) {
  const lock = readToml(file);
  if (str(lock["lock-version"])?.split(".")[0] !== "1")
    throw new InputError(
      `${file} has lock-version "${String(lock["lock-version"])}", Slipway reads PEP 751 lock-version 1.x; regenerate it`,
      { file }
    );
  const groups = Array.isArray(lock["default-groups"]) ? lock["default-groups"].filter((g) => typeof g === "string") : [];
  const entries = records(lock.packages).map((entry) => {
    const name = str(entry.name) ?? "";
    const version = str(entry.version) ?? "";
    const where = `the package ${name} ${version}`;
    if (!name || !version && !isRecord(entry.directory))
      throw new InputError(
        `A [[packages]] entry in ${file} lacks name or version; regenerate the lock`,
        { file }
      );
    const fileOf = (f) => {
      const hashes = isRecord(f.hashes) ? f.hashes : {};
      const url = str(f.url);
      const filename = str(f.name) ?? (url ? decodeURIComponent(url.split("/").pop() ?? "") : void 0);
      return {
        ...filename ? { filename } : {},
        sha256: sha256Of(
          typeof hashes.sha256 === "string" ? `sha256:${hashes.sha256}` : void 0,
          `${where} (${filename ?? "a file"})`,
          file
        ),
        ...url ? { url } : {}
      };
    };
    const files = records(entry.wheels).map(fileOf);
    if (isRecord(entry.sdist)) files.push(fileOf(entry.sdist));
    if (files.length === 0)
      throw new InputError(
        `${where} in ${file} is not locked as wheels or an sdist (vcs, directory or archive sources need pip); lock it from an index, or set builder: docker`,
        { file }
      );
    const index = str(entry.index);
    return {
      marker: str(entry.marker),
      pkg: {
        name,
        key: normalizeName(name),
        version,
        files,
        indexes: defaultIndexes(env, index)
      }
    };
  });
  return {
    kind: "pylock",
    file,
    packagesFor(target2) {
      const env2 = { ...target2, dependency_groups: groups };
      return entries.filter((e) => !e.marker || evaluateMarker(e.marker, env2, `${e.pkg.name} in ${file}`)).map((e) => e.pkg).sort(byKey);
    }
  };
}
function readProjectPackage(projectDir) {
  const file = path.join(projectDir, "pyproject.toml");
  const toml = readToml(file);
  const tool = isRecord(toml.tool) ? toml.tool : {};
  const poetry = isRecord(tool.poetry) ? tool.poetry : {};
  const project = isRecord(toml.project) ? toml.project : {};
  const name = str(project.name) ?? str(poetry.name);
  if (!name)
    throw new InputError(
      `${file} names no project ([project] name or [tool.poetry] name); add the name`,
      { file }
    );
  const version = str(project.version) ?? str(poetry.version) ?? "0.0.0";
  let packages = records(poetry.packages).flatMap((p) => {
    const include = str(p.include);
    return include ? [path.posix.join(str(p.from) ?? ".", include)] : [];
  });
  if (packages.length === 0) {
    const guess = name.replace(/[-.]/g, "_").toLowerCase();
    packages = [guess, `src/${guess}`, `${guess}.py`].filter((p) => existsSync(path.join(projectDir, p))).slice(0, 1);
  }
  const scriptTable = isRecord(project.scripts) ? project.scripts : isRecord(poetry.scripts) ? poetry.scripts : {};
  const scripts = {};
  for (const [k, v] of Object.entries(scriptTable)) {
    const target2 = typeof v === "string" ? v : isRecord(v) ? str(v.reference) : void 0;
    if (target2) scripts[k] = target2;
  }
  return { name, version, packages, scripts };
}

// src/toolchain/python/resolve.ts
import { execFile } from "node:child_process";
import { createHash as createHash3 } from "node:crypto";
import { existsSync as existsSync4, promises as fs3, readFileSync as readFileSync2 } from "node:fs";
import * as path4 from "node:path";
import { promisify } from "node:util";

// src/toolchain/python/install-wheel.ts
import { createHash, randomBytes } from "node:crypto";
import { createWriteStream, existsSync as existsSync2, promises as fs } from "node:fs";
import * as path2 from "node:path";
import { pipeline } from "node:stream/promises";
import { Transform } from "node:stream";
var MANIFEST = ".slipway-wheel.json";
var unpacking = /* @__PURE__ */ new Map();
async function installWheel(wheelPath, sha256, pkg, target2, stageDir) {
  const key = `${stageDir}\0${sha256}`;
  let pending = unpacking.get(key);
  if (!pending) {
    pending = stageWheel(wheelPath, sha256, pkg, stageDir);
    unpacking.set(key, pending);
    pending.catch(() => unpacking.delete(key));
  }
  const staged = await pending;
  return layout(staged, pkg, target2, stageDir);
}
async function stageWheel(wheelPath, sha256, pkg, stageDir) {
  const dir = path2.join(stageDir, "wheels", sha256);
  const manifest = path2.join(dir, MANIFEST);
  if (existsSync2(manifest)) return JSON.parse(await fs.readFile(manifest, "utf8"));
  const work = `${dir}.${randomBytes(6).toString("hex")}.part`;
  await fs.mkdir(work, { recursive: true });
  try {
    const files = await unzipHashed(wheelPath, work, pkg);
    const { distInfo, dataDir } = await checkRecord(work, files, pkg);
    const staged = {
      dir,
      distInfo,
      dataDir,
      files: files.sort((a, b) => cmp(a.name, b.name))
    };
    await fs.writeFile(path2.join(work, MANIFEST), JSON.stringify(staged));
    try {
      await fs.rename(work, dir);
    } catch {
    }
    return staged;
  } finally {
    await fs.rm(work, { recursive: true, force: true });
  }
}
function cmp(a, b) {
  return Buffer.compare(Buffer.from(a), Buffer.from(b));
}
function bad(pkg, why, fix = "rebuild or re-download the wheel") {
  return new InputError(`The wheel ${pkg.filename} of ${pkg.name} ${pkg.version} ${why}; ${fix}`);
}
async function unzipHashed(wheelPath, into, pkg) {
  const yauzl = (await import("./yauzl-5HV3C5TD.js")).default;
  let zip;
  try {
    zip = await yauzl.openPromise(wheelPath, { lazyEntries: true, autoClose: false });
  } catch (err) {
    throw bad(pkg, `is not a readable zip archive (${errorMessage(err)})`);
  }
  const files = [];
  try {
    const entries = [];
    await new Promise((resolve2, reject) => {
      zip.on("entry", (e) => {
        entries.push(e);
        zip.readEntry();
      });
      zip.on("end", () => resolve2());
      zip.on("error", reject);
      zip.readEntry();
    });
    for (const entry of entries) {
      const name = entry.fileName;
      if (name.endsWith("/")) continue;
      const norm = path2.posix.normalize(name);
      if (name.startsWith("/") || norm.startsWith("../") || norm !== name || name.includes("\\")) {
        throw bad(pkg, `holds the unsafe path "${name}"`);
      }
      const unixMode = entry.externalFileAttributes >>> 16 & 61440;
      if (unixMode === 40960)
        throw bad(pkg, `holds the symbolic link "${name}", which wheels cannot carry`);
      const dest = path2.join(into, name);
      await fs.mkdir(path2.dirname(dest), { recursive: true });
      const hash = createHash("sha256");
      let size = 0;
      const hashing = new Transform({
        transform(chunk, _enc, done) {
          hash.update(chunk);
          size += chunk.length;
          done(null, chunk);
        }
      });
      try {
        await pipeline(await zip.openReadStreamPromise(entry), hashing, createWriteStream(dest));
      } catch (err) {
        throw bad(pkg, `has the unreadable entry ${name} (${errorMessage(err)})`);
      }
      const executable = (entry.externalFileAttributes >>> 16 & 73) !== 0;
      files.push({
        name,
        mode: executable ? 493 : 420,
        sha256: hash.digest("base64url"),
        size
      });
    }
  } finally {
    zip.close();
  }
  return files;
}
async function checkRecord(dir, files, pkg) {
  const want = normalizeName(pkg.name).replace(/-/g, "_");
  const distInfos = [
    ...new Set(files.map((f) => f.name.split("/")[0]).filter((d) => d.endsWith(".dist-info")))
  ];
  const distInfo = distInfos.find((d) => normalizeName(d.slice(0, d.indexOf("-"))).replace(/-/g, "_") === want) ?? (distInfos.length === 1 ? distInfos[0] : void 0);
  if (!distInfo) throw bad(pkg, `has no ${want}-${pkg.version}.dist-info folder`);
  const dataDir = `${distInfo.slice(0, -".dist-info".length)}.data`;
  const recordName = `${distInfo}/RECORD`;
  if (!files.some((f) => f.name === recordName)) throw bad(pkg, `has no ${recordName}`);
  const recorded = /* @__PURE__ */ new Map();
  for (const row of parseCsv(await fs.readFile(path2.join(dir, recordName), "utf8"))) {
    if (row.length === 0 || row[0] === "") continue;
    recorded.set(row[0], { hash: row[1] ?? "", size: row[2] ?? "" });
  }
  for (const f of files) {
    if (f.name === recordName || f.name === `${distInfo}/RECORD.jws` || f.name === `${distInfo}/RECORD.p7s`)
      continue;
    const line = recorded.get(f.name);
    if (!line)
      throw bad(
        pkg,
        `holds ${f.name}, which its RECORD does not list`,
        "the wheel was altered after it was built: rebuild it"
      );
    const m = /^sha256=([A-Za-z0-9_-]+)$/.exec(line.hash);
    if (!m) throw bad(pkg, `lists ${f.name} in RECORD without a sha256 hash ("${line.hash}")`);
    if (m[1].replace(/=+$/, "") !== f.sha256 || line.size !== "" && Number(line.size) !== f.size) {
      throw bad(
        pkg,
        `holds ${f.name}, whose content does not match its RECORD (sha256 ${f.sha256}, ${f.size} bytes; RECORD says ${m[1]}, ${line.size} bytes)`,
        "the wheel was altered after it was built: rebuild it"
      );
    }
  }
  const present = new Set(files.map((f) => f.name));
  for (const name of recorded.keys()) {
    if (name !== recordName && !name.endsWith(".pyc") && !present.has(name))
      throw bad(
        pkg,
        `lists ${name} in RECORD, but the wheel does not hold it`,
        "the wheel was altered after it was built: rebuild it"
      );
  }
  return { distInfo, dataDir };
}
function parseCsv(text) {
  const rows = [];
  for (const line of text.split(/\r?\n/)) {
    if (line === "") continue;
    const cells = [];
    let cell = "";
    let quoted = false;
    for (let i = 0; i < line.length; i++) {
      const c = line[i];
      if (quoted) {
        if (c === '"' && line[i + 1] === '"') {
          cell += '"';
          i++;
        } else if (c === '"') quoted = false;
        else cell += c;
      } else if (c === '"') quoted = true;
      else if (c === ",") {
        cells.push(cell);
        cell = "";
      } else cell += c;
    }
    cells.push(cell);
    rows.push(cells);
  }
  return rows;
}
function csvCell(value) {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}
async function layout(staged, pkg, target2, stageDir) {
  const site = target2.sitePackages;
  const bin = path2.posix.join(target2.prefix, "bin");
  const out = [];
  const record = [];
  const relToSite = (imagePath) => path2.posix.relative(site, imagePath);
  const add = (imagePath, source, mode, sha256b64, size) => {
    out.push({ path: imagePath, source, mode, uid: 0, gid: 0 });
    record.push([relToSite(imagePath), `sha256=${sha256b64}`, String(size)]);
  };
  const generated = async (imagePath, content, mode) => {
    const source = await storeGenerated(stageDir, content);
    add(
      imagePath,
      source,
      mode,
      createHash("sha256").update(content).digest("base64url"),
      content.length
    );
  };
  const recordName = `${staged.distInfo}/RECORD`;
  const distName = staged.distInfo.slice(0, staged.distInfo.indexOf("-"));
  for (const f of staged.files) {
    if (f.name === recordName || f.name === `${staged.distInfo}/INSTALLER`) continue;
    const source = path2.join(staged.dir, f.name);
    if (!f.name.startsWith(`${staged.dataDir}/`)) {
      add(path2.posix.join(site, f.name), source, f.mode, f.sha256, f.size);
      continue;
    }
    const rest = f.name.slice(staged.dataDir.length + 1);
    const slash = rest.indexOf("/");
    const scheme = rest.slice(0, slash);
    const inner = rest.slice(slash + 1);
    switch (scheme) {
      case "purelib":
      case "platlib":
        add(path2.posix.join(site, inner), source, f.mode, f.sha256, f.size);
        break;
      case "scripts": {
        const content = await fs.readFile(source);
        const m = /^#!python(w)?(?=\s)/.exec(content.subarray(0, 16).toString("latin1"));
        if (m) {
          const rewritten = Buffer.concat([
            Buffer.from(`#!${target2.interpreter}`),
            content.subarray(m[0].length)
          ]);
          await generated(path2.posix.join(bin, inner), rewritten, 493);
        } else add(path2.posix.join(bin, inner), source, f.mode, f.sha256, f.size);
        break;
      }
      case "headers":
        add(
          path2.posix.join(target2.prefix, "include", `python${target2.version}`, distName, inner),
          source,
          f.mode,
          f.sha256,
          f.size
        );
        break;
      case "data":
        add(path2.posix.join(target2.prefix, inner), source, f.mode, f.sha256, f.size);
        break;
      default:
        throw bad(
          pkg,
          `holds ${f.name}, in the unknown install scheme "${scheme}" (PEP 427 knows purelib, platlib, headers, scripts, data)`
        );
    }
  }
  const entryPoints = staged.files.find((f) => f.name === `${staged.distInfo}/entry_points.txt`);
  if (entryPoints) {
    const text = await fs.readFile(path2.join(staged.dir, entryPoints.name), "utf8");
    for (const [name, reference] of consoleScripts(text)) {
      await generated(
        path2.posix.join(bin, name),
        Buffer.from(launcher(target2.interpreter, reference, name, pkg)),
        493
      );
    }
  }
  await generated(
    path2.posix.join(site, staged.distInfo, "INSTALLER"),
    Buffer.from("slipway\n"),
    420
  );
  const recordPath = path2.posix.join(site, recordName);
  const lines = record.sort((a, b) => cmp(a[0], b[0])).map((r) => r.map(csvCell).join(",")).concat(`${csvCell(relToSite(recordPath))},,`);
  const recordContent = Buffer.from(`${lines.join("\n")}
`);
  out.push({
    path: recordPath,
    source: await storeGenerated(stageDir, recordContent),
    mode: 420,
    uid: 0,
    gid: 0
  });
  return out.sort((a, b) => cmp(a.path, b.path));
}
function consoleScripts(text) {
  const out = [];
  let section = "";
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line || line.startsWith("#") || line.startsWith(";")) continue;
    const header = /^\[(.+)\]$/.exec(line);
    if (header) {
      section = header[1].trim();
      continue;
    }
    if (section !== "console_scripts" && section !== "gui_scripts") continue;
    const eq = line.indexOf("=");
    if (eq <= 0) continue;
    out.push([
      line.slice(0, eq).trim(),
      line.slice(eq + 1).replace(/\[.*\]\s*$/, "").trim()
    ]);
  }
  return out;
}
function launcher(interpreter, reference, name, pkg) {
  const m = /^([\w.]+)\s*:\s*([\w.]+)$/.exec(reference);
  if (!m)
    throw bad(pkg, `declares the script ${name} = "${reference}", which is not module:function`);
  const [, module, attr] = m;
  const importName = attr.split(".")[0];
  return [
    `#!${interpreter}`,
    "# -*- coding: utf-8 -*-",
    "import re",
    "import sys",
    `from ${module} import ${importName}`,
    "if __name__ == '__main__':",
    "    sys.argv[0] = re.sub(r'(-script\\.pyw|\\.exe)?$', '', sys.argv[0])",
    `    sys.exit(${attr}())`,
    ""
  ].join("\n");
}
async function storeGenerated(stageDir, content) {
  const hex = createHash("sha256").update(content).digest("hex");
  const file = path2.join(stageDir, "generated", hex);
  if (existsSync2(file)) return file;
  await fs.mkdir(path2.dirname(file), { recursive: true });
  const partial = `${file}.${randomBytes(6).toString("hex")}.part`;
  await fs.writeFile(partial, content);
  await fs.rename(partial, file);
  return file;
}

// src/toolchain/python/package-index.ts
import { createHash as createHash2, randomBytes as randomBytes2 } from "node:crypto";
import { createWriteStream as createWriteStream2, existsSync as existsSync3, promises as fs2 } from "node:fs";
import * as path3 from "node:path";
import { Readable as Readable2 } from "node:stream";
import { pipeline as pipeline2 } from "node:stream/promises";
var ACCEPT = "application/vnd.pypi.simple.v1+json, application/vnd.pypi.simple.v1+html;q=0.2, text/html;q=0.01";
var PackageIndex = class {
  constructor(opts) {
    this.opts = opts;
  }
  opts;
  listings = /* @__PURE__ */ new Map();
  /** The project's files on one index; undefined when the index does not know the project (404). */
  listFiles(index, project) {
    const url = `${index.replace(/\/+$/, "")}/${normalizeName(project)}/`;
    let pending = this.listings.get(url);
    if (!pending) {
      pending = this.fetchListing(index, url);
      this.listings.set(url, pending);
    }
    return pending;
  }
  async fetchListing(index, pageUrl) {
    const { url, headers } = splitCredentials(pageUrl);
    const response = await this.request(
      url,
      { ...headers, Accept: ACCEPT },
      `the index page ${url}`
    );
    if (response.status === 404 || response.status === 410) return void 0;
    if (!response.ok) {
      throw new RunError(
        `The package index answered ${response.status} ${response.statusText} for ${url}; check the index URL and its credentials`
      );
    }
    const finalUrl = response.url || url;
    const type = response.headers.get("content-type") ?? "";
    const body = await response.text();
    if (type.includes("application/vnd.pypi.simple.v1+json"))
      return parseJsonPage(body, finalUrl, index);
    return parseHtmlPage(body, finalUrl, index);
  }
  /**
   * The file's path in the cache, downloading it first when absent. The bytes must hash to
   * `sha256` (from the lock); `pkg` ("requests 2.31.0") names the package in errors.
   */
  async download(file, sha256, pkg) {
    const cached = path3.join(this.opts.cacheDir, "sha256", sha256);
    if (existsSync3(cached)) return cached;
    await fs2.mkdir(path3.dirname(cached), { recursive: true });
    const { url, headers } = splitCredentials(file.url);
    const response = await this.request(url, headers, `${file.filename} of ${pkg}`);
    if (response.status === 404 || response.status === 410) {
      throw new InputError(
        `The index ${file.index} answered ${response.status} for ${file.filename}, the file the lock pins for ${pkg}; publish the file there again or update the lock`
      );
    }
    if (!response.ok || !response.body) {
      throw new RunError(
        `Downloading ${file.filename} of ${pkg} from ${url} failed: ${response.status} ${response.statusText}`
      );
    }
    const partial = `${cached}.${randomBytes2(6).toString("hex")}.part`;
    const hash = createHash2("sha256");
    try {
      const hashing = Readable2.fromWeb(response.body);
      hashing.on("data", (chunk) => hash.update(chunk));
      await pipeline2(hashing, createWriteStream2(partial));
      const got = hash.digest("hex");
      if (got !== sha256) {
        throw new InputError(
          `${file.filename} of ${pkg} from ${file.index} has sha256 ${got}, but the lock pins ${sha256}; the index serves different bytes than were locked: check the index, or update the lock if the change is expected`
        );
      }
      await fs2.rename(partial, cached);
      return cached;
    } finally {
      await fs2.rm(partial, { force: true });
    }
  }
  async request(url, headers, what) {
    try {
      return await fetch(url, {
        headers,
        redirect: "follow",
        signal: AbortSignal.timeout(this.opts.timeoutMs ?? 6e4)
      });
    } catch (err) {
      throw new RunError(`Cannot reach the package index for ${what}: ${errorMessage(err)}`);
    }
  }
};
function splitCredentials(raw) {
  const u = new URL(raw);
  if (!u.username && !u.password) return { url: raw, headers: {} };
  const user = decodeURIComponent(u.username);
  const password = decodeURIComponent(u.password);
  secrets.add(password);
  const token = Buffer.from(`${user}:${password}`).toString("base64");
  secrets.add(token);
  u.username = "";
  u.password = "";
  return { url: u.toString(), headers: { Authorization: `Basic ${token}` } };
}
function parseJsonPage(body, pageUrl, index) {
  let parsed;
  try {
    parsed = JSON.parse(body);
  } catch (err) {
    throw new RunError(`The package index page ${pageUrl} is not valid JSON: ${errorMessage(err)}`);
  }
  const files = isRecord(parsed) && Array.isArray(parsed.files) ? parsed.files : [];
  return files.filter(isRecord).flatMap((f) => {
    if (typeof f.filename !== "string" || typeof f.url !== "string") return [];
    const sha = isRecord(f.hashes) && typeof f.hashes.sha256 === "string" ? f.hashes.sha256.toLowerCase() : void 0;
    return [
      {
        filename: f.filename,
        url: new URL(f.url, pageUrl).toString(),
        index,
        ...sha ? { sha256: sha } : {}
      }
    ];
  });
}
function parseHtmlPage(body, pageUrl, index) {
  const base = /<base\s[^>]*href\s*=\s*["']([^"']+)["']/i.exec(body)?.[1];
  const baseUrl = base ? new URL(base, pageUrl).toString() : pageUrl;
  const out = [];
  for (const m of body.matchAll(/<a\s[^>]*?href\s*=\s*(["'])(.*?)\1[^>]*>(.*?)<\/a>/gis)) {
    const href = decodeEntities(m[2]);
    const absolute = new URL(href, baseUrl);
    const sha = /(?:^|&)sha256=([0-9a-fA-F]{64})/.exec(absolute.hash.slice(1))?.[1]?.toLowerCase();
    absolute.hash = "";
    const text = decodeEntities(m[3].replace(/<[^>]*>/g, "")).trim();
    const filename = text || decodeURIComponent(absolute.pathname.split("/").pop() ?? "");
    out.push({ filename, url: absolute.toString(), index, ...sha ? { sha256: sha } : {} });
  }
  return out;
}
function decodeEntities(s) {
  return s.replace(/&amp;/g, "&").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&#(\d+);/g, (_, n) => String.fromCharCode(Number(n)));
}

// src/toolchain/python/tags.ts
function parseWheelName(filename) {
  if (!filename.endsWith(".whl")) return void 0;
  const parts = filename.slice(0, -4).split("-");
  if (parts.length !== 5 && parts.length !== 6) return void 0;
  const [name, version] = parts;
  const build = parts.length === 6 ? parts[2] : void 0;
  const [pythons, abis, platforms] = parts.slice(-3).map((p) => p.split("."));
  const tags = [];
  for (const py of pythons)
    for (const abi of abis) for (const plat of platforms) tags.push(`${py}-${abi}-${plat}`);
  return { name: normalizeName(name), version, ...build ? { build } : {}, tags };
}
var MACHINES = {
  amd64: "x86_64",
  arm64: "aarch64",
  "386": "i686",
  ppc64le: "ppc64le",
  s390x: "s390x",
  arm: "armv7l",
  riscv64: "riscv64"
};
function machineOf(architecture) {
  return MACHINES[architecture];
}
function firstGlibcMinor(machine) {
  return machine === "x86_64" || machine === "i686" ? 5 : 17;
}
function platformTags(target2, machine) {
  const [major, minor] = target2.libcVersion.split(".").map(Number);
  const tags = [];
  if (target2.libc === "musl") {
    for (let m = minor; m >= 0; m--) tags.push(`musllinux_${major}_${m}_${machine}`);
  } else {
    const legacy = {
      17: "manylinux2014",
      12: "manylinux2010",
      5: "manylinux1"
    };
    for (let m = minor; m >= firstGlibcMinor(machine); m--) {
      tags.push(`manylinux_${major}_${m}_${machine}`);
      const alias = legacy[m];
      if (alias && (m === 17 || machine === "x86_64" || machine === "i686"))
        tags.push(`${alias}_${machine}`);
    }
  }
  tags.push(`linux_${machine}`);
  return tags;
}
function supportedTags(target2, machine) {
  const platforms = platformTags(target2, machine);
  const [major, minor] = target2.version.split(".").map(Number);
  const cp = `cp${major}${minor}`;
  const tags = [];
  for (const abi of [target2.abi, "abi3", "none"])
    for (const p of platforms) tags.push(`${cp}-${abi}-${p}`);
  for (let m = minor - 1; m >= 2; m--)
    for (const p of platforms) tags.push(`cp${major}${m}-abi3-${p}`);
  const pys = [`py${major}${minor}`, `py${major}`];
  for (let m = minor - 1; m >= 0; m--) pys.push(`py${major}${m}`);
  for (const py of pys) for (const p of platforms) tags.push(`${py}-none-${p}`);
  tags.push(`${cp}-none-any`);
  for (const py of pys) tags.push(`${py}-none-any`);
  return tags;
}
function wheelRank(wheel, ranks) {
  let best;
  for (const tag of wheel.tags) {
    const rank = ranks.get(tag);
    if (rank !== void 0 && (best === void 0 || rank < best)) best = rank;
  }
  return best;
}
function markerEnvironment(target2, machine, extras = []) {
  return {
    python_version: target2.version,
    python_full_version: target2.fullVersion,
    sys_platform: "linux",
    platform_system: "Linux",
    os_name: "posix",
    platform_machine: machine,
    implementation_name: "cpython",
    platform_python_implementation: "CPython",
    implementation_version: target2.fullVersion,
    platform_release: "",
    platform_version: "",
    extras,
    dependency_groups: []
  };
}

// src/toolchain/python/resolve.ts
async function resolvePythonDependencies(opts) {
  const index = new PackageIndex({ cacheDir: opts.cacheDir });
  const out = [];
  for (const target2 of opts.targets) out.push(await resolveOne(opts, index, target2));
  return out;
}
async function resolveOne(opts, index, target2) {
  const platformName = formatPlatform(target2.platform);
  const machine = machineOf(target2.platform.architecture);
  if (target2.platform.os !== "linux" || !machine) {
    throw new InputError(
      `Python wheels have no tags for the platform ${platformName}; build for linux/amd64 or linux/arm64 (platforms: linux/amd64), or set builder: docker`
    );
  }
  const ranks = new Map(supportedTags(target2.python, machine).map((t, i) => [t, i]));
  const packages = opts.lock.packagesFor(markerEnvironment(target2.python, machine));
  const installed = await mapLimited(packages, opts.concurrency ?? 4, async (pkg) => {
    const chosen = await chooseFile(opts, index, pkg, ranks, platformName, target2.python);
    const files2 = await installWheel(
      chosen.path,
      chosen.sha256,
      { name: pkg.name, version: pkg.version, filename: chosen.filename },
      target2.python,
      path4.join(opts.cacheDir, "stage")
    );
    return {
      info: {
        name: pkg.name,
        version: pkg.version,
        filename: chosen.filename,
        sha256: chosen.sha256,
        from: chosen.from
      },
      files: files2
    };
  });
  const byPath = /* @__PURE__ */ new Map();
  const owner = /* @__PURE__ */ new Map();
  for (const { info, files: files2 } of installed) {
    for (const f of files2) {
      const previous = byPath.get(f.path);
      if (previous && previous.source !== f.source) {
        opts.logger?.warn(
          `${info.name} ${info.version} overwrites ${f.path} of ${owner.get(f.path) ?? "?"} (as pip would)`
        );
      }
      byPath.set(f.path, f);
      owner.set(f.path, `${info.name} ${info.version}`);
    }
  }
  const files = [...byPath.values()].sort(
    (a, b) => Buffer.compare(Buffer.from(a.path), Buffer.from(b.path))
  );
  return {
    platform: target2.platform,
    python: target2.python,
    entries: { files, directories: [] },
    packages: installed.map((i) => i.info)
  };
}
async function chooseFile(opts, index, pkg, ranks, platformName, python) {
  const label = `${pkg.name} ${pkg.version}`;
  const files = await namedFiles(index, pkg, label, opts.lock.file);
  let best;
  for (const f of files) {
    const wheel = parseWheelName(f.filename);
    if (!wheel) continue;
    const rank = wheelRank(wheel, ranks);
    if (rank === void 0) continue;
    if (!best || rank < best.rank || rank === best.rank && f.filename < best.file.filename)
      best = { file: f, rank };
  }
  if (best) {
    const located2 = await locate(index, pkg, best.file, label);
    return {
      path: await index.download(located2, best.file.sha256, label),
      filename: best.file.filename,
      sha256: best.file.sha256,
      from: "wheel"
    };
  }
  const sdist = files.find((f) => /\.(tar\.gz|zip)$/.test(f.filename));
  const wheels = files.filter((f) => f.filename.endsWith(".whl")).map((f) => f.filename);
  const fix = `build for the platforms it has wheels for (e.g. platforms: linux/amd64), or set builder: docker to build it in a container`;
  if (!sdist) {
    throw new InputError(
      `${label} has no wheel for ${platformName} with Python ${python.version} (${python.libc}) in ${opts.lock.file}${wheels.length ? ` (locked: ${wheels.slice(0, 4).join(", ")}${wheels.length > 4 ? ", \u2026" : ""})` : ""} and no sdist; ${fix}`
    );
  }
  const located = await locate(index, pkg, sdist, label);
  const sdistPath = await index.download(located, sdist.sha256, label);
  const built = await buildPureWheel(opts, sdistPath, sdist.sha256, label, platformName, fix);
  opts.logger?.info(
    `Built ${built.filename} from ${sdist.filename} with the runner's Python (no wheel fits ${platformName})`
  );
  return { ...built, from: "sdist" };
}
async function namedFiles(index, pkg, label, lockFile) {
  if (pkg.files.every((f) => f.filename)) return pkg.files;
  const wanted = new Set(pkg.files.map((f) => f.sha256));
  const found = /* @__PURE__ */ new Map();
  for (const url of pkg.indexes) {
    for (const f of await index.listFiles(url, pkg.name) ?? []) {
      if (f.sha256 && wanted.has(f.sha256) && !found.has(f.sha256))
        found.set(f.sha256, { filename: f.filename, sha256: f.sha256 });
    }
  }
  for (const f of pkg.files)
    if (f.filename && !found.has(f.sha256))
      found.set(f.sha256, f);
  if (found.size === 0) {
    throw new InputError(
      `None of the indexes (${pkg.indexes.join(", ")}) lists a file of ${label} with a hash that ${lockFile} pins; check the index URL (PIP_INDEX_URL, -i) and the hashes`
    );
  }
  return [...found.values()];
}
async function locate(index, pkg, file, label) {
  if (file.url) return { filename: file.filename, url: file.url, index: new URL(file.url).origin };
  let knownProject = false;
  for (const url of pkg.indexes) {
    const listing = await index.listFiles(url, pkg.name);
    if (!listing) continue;
    knownProject = true;
    const hit = listing.find((f) => f.filename === file.filename) ?? listing.find((f) => f.sha256 === file.sha256);
    if (hit) return hit;
  }
  throw new InputError(
    knownProject ? `The index ${pkg.indexes.join(", ")} does not list ${file.filename}, the file the lock pins for ${label}; publish it there or update the lock` : `The index ${pkg.indexes.join(", ")} answered 404 for ${label} (needed for ${file.filename}); check the index URL (lock source, PIP_INDEX_URL) or publish the package there`
  );
}
var run = promisify(execFile);
async function buildPureWheel(opts, sdistPath, sdistSha, label, platformName, fix) {
  const out = path4.join(opts.cacheDir, "built", sdistSha);
  const python = opts.runnerPython ?? "python3";
  let wheel = existsSync4(out) ? (await fs3.readdir(out)).find((f) => f.endsWith(".whl")) : void 0;
  if (!wheel) {
    const work = `${out}.part`;
    await fs3.rm(work, { recursive: true, force: true });
    await fs3.mkdir(work, { recursive: true });
    const named = path4.join(
      work,
      "src",
      label.replace(/\s+/g, "-") + (sdistPath.endsWith(".zip") ? ".zip" : ".tar.gz")
    );
    await fs3.mkdir(path4.dirname(named));
    await fs3.copyFile(sdistPath, named);
    try {
      await run(
        python,
        [
          "-m",
          "pip",
          "wheel",
          "--no-deps",
          "--no-build-isolation",
          "--no-index",
          "--disable-pip-version-check",
          "-w",
          path4.join(work, "out"),
          named
        ],
        {
          env: { ...process.env, SOURCE_DATE_EPOCH: process.env.SOURCE_DATE_EPOCH ?? "315532800" },
          maxBuffer: 16 * 1024 * 1024
        }
      );
    } catch (err) {
      throw new InputError(
        `${label} has no wheel for ${platformName}, and building its sdist with the runner's \`${python} -m pip wheel\` failed (${errorMessage(err).split("\n").slice(-3).join(" ")}); ${fix}`
      );
    }
    const built = (await fs3.readdir(path4.join(work, "out"))).find((f) => f.endsWith(".whl"));
    if (!built) throw new RunError(`pip wheel built no wheel for ${label}`);
    await fs3.rm(out, { recursive: true, force: true });
    await fs3.mkdir(out, { recursive: true });
    await fs3.rename(path4.join(work, "out", built), path4.join(out, built));
    await fs3.rm(work, { recursive: true, force: true });
    wheel = built;
  }
  const parsed = parseWheelName(wheel);
  if (!parsed || !parsed.tags.every((t) => t.endsWith("-none-any"))) {
    throw new InputError(
      `${label} has no wheel for ${platformName} and its sdist builds a compiled wheel (${wheel}), which the runner cannot build for another platform; ${fix}`
    );
  }
  const file = path4.join(out, wheel);
  const sha256 = createHash3("sha256").update(readFileSync2(file)).digest("hex");
  return { path: file, filename: wheel, sha256 };
}

// src/toolchain/python/pip-lock.ts
import { execFile as execFile2 } from "node:child_process";
import { promises as fs4 } from "node:fs";
import { tmpdir } from "node:os";
import { join as join5 } from "node:path";
import { promisify as promisify2 } from "node:util";
var run2 = promisify2(execFile2);
var MACHINES2 = ["x86_64", "aarch64"];
function platformTags2(machine) {
  const tags = [`manylinux2014_${machine}`];
  for (let minor = 17; minor <= 31; minor++) tags.push(`manylinux_2_${minor}_${machine}`);
  return tags;
}
function requirementsArePinned(file) {
  try {
    readPythonLock(file, { env: {} });
    return true;
  } catch (err) {
    if (err instanceof InputError && /is not pinned to one version|has no --hash=/.test(err.message))
      return false;
    throw err;
  }
}
async function lockWithPip(requirements, out, opts) {
  const python = opts.runnerPython ?? "python3";
  const work = await fs4.mkdtemp(join5(tmpdir(), "slipway-pip-lock-"));
  const byKey2 = /* @__PURE__ */ new Map();
  try {
    for (const machine of MACHINES2) {
      const report = join5(work, `${machine}.json`);
      const args = [
        "-m",
        "pip",
        "install",
        "--dry-run",
        "--ignore-installed",
        "--quiet",
        "--disable-pip-version-check",
        "--no-input",
        "--only-binary=:all:",
        "--implementation",
        "cp",
        ...platformTags2(machine).flatMap((t) => ["--platform", t]),
        // pip refuses platform options without --target; with --dry-run nothing lands there.
        "--target",
        join5(work, "target"),
        "--report",
        report,
        "-r",
        requirements
      ];
      try {
        await run2(python, args, { env: opts.env, maxBuffer: 16 * 1024 * 1024 });
      } catch (err) {
        throw new InputError(
          `Locking ${requirements} with the runner's \`${python} -m pip\` for ${machine} failed (${errorMessage(err).split("\n").filter(Boolean).slice(-2).join(" ")}); pin it with \`pip-compile --generate-hashes\` and commit the lock.`
        );
      }
      for (const item of installs(JSON.parse(await fs4.readFile(report, "utf8")))) {
        const key = normalizeName(item.name);
        const seen = byKey2.get(key);
        if (seen && seen.version !== item.version) {
          throw new InputError(
            `pip resolves ${requirements} to ${item.name} ${seen.version} on one machine and ${item.version} on ${machine}; pin it (name==version) in ${requirements}.`
          );
        }
        const entry = seen ?? { name: item.name, version: item.version, hashes: /* @__PURE__ */ new Set() };
        entry.hashes.add(item.sha256);
        byKey2.set(key, entry);
      }
    }
  } finally {
    await fs4.rm(work, { recursive: true, force: true });
  }
  const lines = [
    `# Locked by Slipway with the runner's pip from ${requirements}, for x86_64 and aarch64.`,
    "# Commit a lock of your own (pip-compile --generate-hashes) to make this reproducible.",
    ...[...byKey2.keys()].sort().map((key) => {
      const r = byKey2.get(key);
      const hashes = [...r.hashes].sort().map((h) => `    --hash=sha256:${h}`);
      return [`${r.name}==${r.version}`, ...hashes].join(" \\\n");
    })
  ];
  await fs4.writeFile(out, `${lines.join("\n")}
`);
  opts.logger?.info(`python: locked ${byKey2.size} packages into ${out}`);
}
function installs(report) {
  const items = isRecord(report) && Array.isArray(report.install) ? report.install : [];
  return items.filter(isRecord).flatMap((item) => {
    const metadata = isRecord(item.metadata) ? item.metadata : {};
    const info = isRecord(item.download_info) ? item.download_info : {};
    const archive = isRecord(info.archive_info) ? info.archive_info : {};
    const hashes = isRecord(archive.hashes) ? archive.hashes : {};
    const legacy = typeof archive.hash === "string" ? /^sha256=(\w+)$/.exec(archive.hash)?.[1] : void 0;
    const sha256 = typeof hashes.sha256 === "string" ? hashes.sha256 : legacy;
    const { name, version } = metadata;
    if (typeof name !== "string" || typeof version !== "string") return [];
    if (!sha256) {
      throw new InputError(
        `The index gave no sha256 for the file pip chose for ${name} ${version}, so it cannot be locked; lock it with pip-compile --generate-hashes against an index that lists hashes.`
      );
    }
    return [{ name, version, sha256: sha256.toLowerCase() }];
  });
}

export {
  targetPythonFromBase,
  basePythonPaths,
  findLock,
  readPythonLock,
  readProjectPackage,
  requirementsArePinned,
  lockWithPip,
  resolvePythonDependencies
};
