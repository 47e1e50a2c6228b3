#!/usr/bin/env node
import { createRequire as __slipwayCreateRequire } from 'node:module';
import { fileURLToPath as __slipwayFileURLToPath } from 'node:url';
const require = __slipwayCreateRequire(import.meta.url);
const __filename = __slipwayFileURLToPath(import.meta.url);
const __dirname = __filename.slice(0, __filename.lastIndexOf('/'));
import {
  PYTHON_MAIN_FILE,
  exists,
  extractTar
} from "./chunk-ASJGFOS2.js";
import "./chunk-2QLZBW3T.js";
import {
  pythonDependencies
} from "./chunk-4VNLVHC5.js";
import {
  baseImage,
  directoryPaths,
  targetDirectory
} from "./chunk-HLULNUN7.js";
import "./chunk-WKKBWN5R.js";
import {
  isInside
} from "./chunk-EFEMPYRR.js";
import {
  readProjectPackage
} from "./chunk-5IYDADH5.js";
import "./chunk-UXAEXQQB.js";
import "./chunk-XBEXEVC2.js";
import "./chunk-5NM6JZDE.js";
import "./chunk-PAQHD33Z.js";
import "./chunk-MPILWNXU.js";
import "./chunk-MKQXDKX4.js";
import "./chunk-NPESS7R3.js";
import {
  InputError
} from "./chunk-B27IFLT6.js";
import "./chunk-3ILMJHGQ.js";

// src/connectors/airbyte/plan.ts
import { lstat as lstat2, mkdtemp } from "node:fs/promises";
import { basename, join as join2, posix as posix3, relative } from "node:path";

// src/connectors/folder.ts
import { lstat, readFile, readdir, readlink, realpath } from "node:fs/promises";
import { join, posix as posix2 } from "node:path";

// src/connectors/dockerignore.ts
import { posix } from "node:path";
function clean(p) {
  const rooted = p.startsWith("/");
  const out = posix.normalize(p).replace(/\/+$/, "");
  if (out === "" || out === ".") return rooted ? "/" : ".";
  return out;
}
function readDockerignore(text) {
  const patterns = [];
  for (const [index, raw] of text.split(/\r?\n/).entries()) {
    const line = index === 0 ? raw.replace(/^\uFEFF/, "") : raw;
    if (line.startsWith("#")) continue;
    let pattern = line.trim();
    if (pattern === "") continue;
    const invert = pattern.startsWith("!");
    if (invert) pattern = pattern.slice(1).trim();
    if (pattern.length > 0) {
      pattern = clean(pattern);
      if (pattern.length > 1 && pattern.startsWith("/")) pattern = pattern.slice(1);
    }
    patterns.push(invert ? `!${pattern}` : pattern);
  }
  return patterns;
}
function compile(cleaned) {
  let re = "^";
  let type = "exact";
  const chars = [...cleaned];
  for (let i = 0, step = 0; i < chars.length; i++, step++) {
    const ch = chars[i];
    if (ch === "*") {
      if (chars[i + 1] === "*") {
        i++;
        if (chars[i + 1] === "/") i++;
        if (i + 1 >= chars.length) {
          if (type === "exact") type = "prefix";
          else {
            re += ".*";
            type = "regexp";
          }
        } else {
          re += "(.*/)?";
          type = "regexp";
        }
        if (step === 0) type = "suffix";
      } else {
        re += "[^/]*";
        type = "regexp";
      }
    } else if (ch === "?") {
      re += "[^/]";
      type = "regexp";
    } else if (".+()|{}$".includes(ch)) {
      re += `\\${ch}`;
    } else if (ch === "\\") {
      if (i + 1 < chars.length) {
        i++;
        re += `\\${chars[i]}`;
        type = "regexp";
      } else {
        re += "\\\\";
      }
    } else if (ch === "[" || ch === "]") {
      re += ch;
      type = "regexp";
    } else {
      re += ch;
    }
  }
  if (type !== "regexp") return { type };
  try {
    return { type, regexp: new RegExp(`${re}$`, "u") };
  } catch {
    throw new InputError(`.dockerignore pattern "${cleaned}" is not a valid pattern; fix it.`);
  }
}
function matches(p, path) {
  switch (p.type) {
    case "exact":
      return path === p.cleaned;
    case "prefix":
      return path.startsWith(p.cleaned.slice(0, -2));
    case "suffix": {
      const suffix = p.cleaned.slice(2);
      if (path.endsWith(suffix)) return true;
      return suffix.startsWith("/") && path === suffix.slice(1);
    }
    case "regexp":
      return p.regexp.test(path);
  }
}
var IgnoreMatcher = class {
  patterns = [];
  /** Whether some pattern starts with "!": an excluded folder may then hold included files. */
  hasExceptions;
  constructor(lines) {
    for (const line of lines) {
      let p = line.trim();
      if (p === "") continue;
      p = clean(p);
      const exclusion = p.startsWith("!");
      if (exclusion) {
        if (p.length === 1)
          throw new InputError('.dockerignore has a line "!" alone; give a pattern after "!".');
        p = p.slice(1);
      }
      this.patterns.push({ exclusion, cleaned: p, ...compile(p) });
    }
    this.hasExceptions = this.patterns.some((p) => p.exclusion);
  }
  /** MatchesOrParentMatches: the last pattern that matches the path or one of its parents wins. */
  ignores(path) {
    let matched = false;
    const parent = posix.dirname(path);
    const parentDirs = parent.split("/");
    for (const pattern of this.patterns) {
      if (pattern.exclusion !== matched) continue;
      let match = matches(pattern, path);
      if (!match && parent !== ".") {
        for (let i = 0; i < parentDirs.length && !match; i++)
          match = matches(pattern, parentDirs.slice(0, i + 1).join("/"));
      }
      if (match) matched = !pattern.exclusion;
    }
    return matched;
  }
  /** Whether a "!" pattern names this path (or a parent) itself: how a user lists a file explicitly. */
  includesExplicitly(path) {
    const parentDirs = path.split("/");
    return this.patterns.some(
      (p) => p.exclusion && parentDirs.some((_, i) => matches(p, parentDirs.slice(0, i + 1).join("/")))
    );
  }
};

// src/connectors/folder.ts
var SECRET_NAMES = [
  /^\.git$/,
  /^\.env($|\.)/,
  /^\.npmrc$/,
  /^\.pypirc$/,
  /^\.netrc$/,
  /^\.docker$/,
  /^gha-creds-.*\.json$/
];
var KEY_NAMES = [/\.pem$/, /\.key$/];
async function walkFolder(folder, opts) {
  const root = await realpath(folder);
  const ignore = new IgnoreMatcher(
    readDockerignore(await readFile(join(root, ".dockerignore"), "utf8").catch(() => ""))
  );
  const secrets = [];
  const ignored = [];
  const entries = [];
  const visit = async (rel) => {
    const names = (await readdir(rel ? join(root, rel) : root)).sort();
    for (const name of names) {
      const childRel = rel ? `${rel}/${name}` : name;
      const source = join(root, childRel);
      const st = await lstat(source);
      if (SECRET_NAMES.some((re) => re.test(name))) {
        secrets.push(st.isDirectory() ? `${childRel}/` : childRel);
        continue;
      }
      if (opts.excludeNames?.has(name) || opts.excludeSuffixes?.some((suffix) => name.endsWith(suffix)))
        continue;
      if (!st.isDirectory() && KEY_NAMES.some((re) => re.test(name)) && !ignore.includesExplicitly(childRel)) {
        secrets.push(childRel);
        continue;
      }
      const ignoredHere = ignore.ignores(childRel);
      if (st.isDirectory()) {
        if (ignoredHere && !ignore.hasExceptions) {
          ignored.push(`${childRel}/`);
          continue;
        }
        const before = entries.length;
        if (!ignoredHere) entries.push({ rel: childRel, kind: "dir", source, mode: st.mode });
        await visit(childRel);
        if (ignoredHere && entries.length > before)
          entries.splice(before, 0, { rel: childRel, kind: "dir", source, mode: st.mode });
        continue;
      }
      if (ignoredHere) {
        ignored.push(childRel);
        continue;
      }
      if (st.isSymbolicLink()) {
        entries.push({ ...await checkedLink(root, childRel, opts.label), mode: 511 });
      } else if (st.isFile()) {
        entries.push({ rel: childRel, kind: "file", source, mode: st.mode });
      }
    }
  };
  await visit("");
  if (secrets.length > 0) {
    opts.logger?.info(
      `left out of the image (secrets are never packaged; a *.pem or *.key comes in when a "!" line of .dockerignore names it): ${summarise(secrets)}`
    );
  }
  if (ignored.length > 0)
    opts.logger?.info(`left out of the image by .dockerignore: ${summarise(ignored)}`);
  return entries;
}
function summarise(paths) {
  const shown = paths.slice(0, 10).join(", ");
  return paths.length > 10 ? `${shown} and ${paths.length - 10} more` : shown;
}
async function checkedLink(root, rel, label) {
  const source = join(root, rel);
  const target = await readlink(source);
  const where = label === "." ? rel : `${label}/${rel}`;
  const folder = label === "." ? "the connector folder" : label;
  const refuse = (why) => {
    throw new InputError(
      `${where} is a symbolic link to ${target}, which ${why}; only links that stay inside ${folder} are packaged (as links): replace it with the file it points to, or make it a relative link inside the folder.`
    );
  };
  if (posix2.isAbsolute(target)) refuse("is an absolute path");
  const resolved = posix2.normalize(posix2.join(posix2.dirname(rel), target));
  if (resolved === ".." || resolved.startsWith("../")) refuse(`leaves ${folder}`);
  const real = await realpath(source).catch(() => void 0);
  if (real !== void 0 && !isInside(root, real)) refuse(`leads to ${real}, outside ${folder}`);
  return { rel, kind: "link", source, target };
}

// src/connectors/airbyte/plan.ts
var DEFAULT_BASES = {
  manifest: "docker.io/airbyte/source-declarative-manifest:latest",
  java: "docker.io/airbyte/java-connector-base:2.0.1",
  python: "docker.io/airbyte/python-connector-base:4.0.0"
};
var AIRBYTE_OWNER = { uid: 1e3, gid: 1e3 };
var INTEGRATION_CODE = "/airbyte/integration_code";
var AIRBYTE_HOME = "/airbyte";
var DIR_MODE = 493;
var BUILD_CUSTOMIZATION = "build_customization.py";
var PYTHON_EXCLUDES = /* @__PURE__ */ new Set([
  ".git",
  ".slipway",
  // the GitLab component's outputs and workspace (gitlab/templates/slipway.yml)
  ".venv",
  "venv",
  "__pycache__",
  ".pytest_cache",
  ".mypy_cache",
  ".ruff_cache",
  "node_modules",
  "secrets",
  "build",
  "dist",
  ".idea",
  ".vscode"
]);
function airbyteLabels(info) {
  return {
    "io.airbyte.name": info.defaultImage ?? "",
    "io.airbyte.version": info.defaultTag ?? ""
  };
}
function entrypointEnv(entrypoint) {
  return { AIRBYTE_ENTRYPOINT: entrypoint.join(" ") };
}
var KIND_NAMES = { manifest: "declarative manifest", java: "Java", python: "Python" };
function airbyteBase(inputs, info, kind) {
  return info.baseImage ? baseImage(inputs, info.baseImage, "connectorBuildOptions.baseImage in metadata.yaml") : baseImage(
    inputs,
    DEFAULT_BASES[kind],
    `the default base of ${info.connectorType ?? "Airbyte"} ${KIND_NAMES[kind]} connectors`
  );
}
function dirs(paths) {
  return [...new Set(paths)].sort().map((path) => ({ path, mode: DIR_MODE, ...AIRBYTE_OWNER }));
}
async function planAirbyte(inputs, info, opts) {
  const project = info.airbyte;
  if (!project) throw new InputError(`${info.label} is not an Airbyte connector folder.`);
  switch (info.format) {
    case "airbyte-manifest":
      return planManifest(inputs, info);
    case "airbyte-java":
      return planJava(inputs, info, opts);
    case "airbyte-python":
      return planPython(inputs, info, opts);
    default:
      throw new InputError(
        `${info.label} is a ${info.format} artifact; an Airbyte connector is a folder with metadata.yaml.`
      );
  }
}
function planManifest(inputs, info) {
  const project = info.airbyte;
  const code = targetDirectory(inputs, INTEGRATION_CODE);
  const packageDir = posix3.join(code, "source_declarative_manifest");
  const files = [
    {
      path: posix3.join(packageDir, "manifest.yaml"),
      source: project.manifestFile,
      mode: 420,
      ...AIRBYTE_OWNER
    }
  ];
  if (project.componentsFile) {
    files.push({
      path: posix3.join(packageDir, "components.py"),
      source: project.componentsFile,
      mode: 420,
      ...AIRBYTE_OWNER
    });
  }
  const entrypoint = ["python", posix3.join(code, "main.py")];
  return {
    ...airbyteBase(inputs, info, "manifest"),
    files,
    directories: dirs(directoryPaths(packageDir, AIRBYTE_HOME)),
    env: entrypointEnv(entrypoint),
    labels: airbyteLabels(info),
    workdir: code,
    entrypoint,
    run: []
  };
}
async function planJava(inputs, info, opts) {
  const project = info.airbyte;
  const home = targetDirectory(inputs, AIRBYTE_HOME);
  const staging = await mkdtemp(join2(opts.stagingDir, "airbyte-dist-"));
  const tar = project.distributionTar;
  const entries = await extractTar(tar, relative(info.path, tar), staging, 1);
  const files = [];
  const directories = directoryPaths(home, home);
  for (const entry of entries) {
    const path = posix3.join(home, entry.name);
    if (entry.type === "directory") {
      directories.push(path);
      continue;
    }
    for (const d of directoryPaths(posix3.dirname(path), home)) directories.push(d);
    files.push({
      path,
      source: join2(staging, entry.name),
      mode: entry.mode & 73 ? 493 : 420,
      ...AIRBYTE_OWNER
    });
  }
  const entrypoint = [posix3.join(home, "base.sh")];
  const baseExecutables = ["base.sh", "javabase.sh"].map((name) => ({
    path: posix3.join(AIRBYTE_HOME, name),
    mode: 493,
    ...AIRBYTE_OWNER
  }));
  return {
    ...airbyteBase(inputs, info, "java"),
    files: files.sort((a, b) => a.path < b.path ? -1 : a.path > b.path ? 1 : 0),
    directories: dirs(directories),
    // base.sh runs /airbyte/bin/$APPLICATION.
    env: { APPLICATION: project.application, ...entrypointEnv(entrypoint) },
    labels: airbyteLabels(info),
    workdir: home,
    entrypoint,
    baseExecutables,
    run: []
  };
}
async function copyFolder(folder, target, label, tree, opts) {
  const entries = await walkFolder(folder, {
    excludeNames: PYTHON_EXCLUDES,
    excludeSuffixes: [".pyc"],
    logger: opts.logger,
    label
  });
  for (const entry of entries) {
    const path = posix3.join(target, entry.rel);
    if (entry.kind === "dir") tree.directories.push(path);
    else if (entry.kind === "link")
      tree.symlinks.push({ path, target: entry.target, ...AIRBYTE_OWNER });
    else
      tree.files.push({
        path,
        source: entry.source,
        mode: entry.mode & 64 ? 493 : 420,
        ...AIRBYTE_OWNER
      });
  }
}
async function planPython(inputs, info, opts) {
  const project = info.airbyte;
  const hooks = join2(project.folder, BUILD_CUSTOMIZATION);
  if (await exists(hooks)) {
    opts.logger?.info(
      `${info.label === "." ? "" : `${info.label}/`}${BUILD_CUSTOMIZATION} holds airbyte-ci's pre/post-install hooks, which only a container build can run: building with the docker builder (docker-command)`
    );
    return planPythonWithPip(inputs, info, opts);
  }
  if (inputs.builder === "docker") return planPythonWithPip(inputs, info, opts);
  const code = targetDirectory(inputs, INTEGRATION_CODE);
  const files = [];
  const symlinks = [];
  const directories = directoryPaths(code, AIRBYTE_HOME);
  const addFile = async (rel) => {
    const st = await lstat2(join2(project.folder, rel));
    files.push({
      path: posix3.join(code, rel),
      source: join2(project.folder, rel),
      mode: st.mode & 64 ? 493 : 420,
      ...AIRBYTE_OWNER
    });
  };
  await addFile(PYTHON_MAIN_FILE);
  const hasPyproject = await exists(join2(project.folder, "pyproject.toml"));
  const packages = hasPyproject ? readProjectPackage(project.folder).packages : [];
  if (!hasPyproject) {
    const guess = basename(project.folder).replace(/-/g, "_");
    if (await exists(join2(project.folder, guess))) packages.push(guess);
  }
  for (const pkg of packages) {
    const source = join2(project.folder, ...pkg.split("/"));
    const st = await lstat2(source).catch(() => void 0);
    if (!st) {
      throw new InputError(
        `${info.label}/pyproject.toml names the package ${pkg}, which is not in the folder; fix packages in pyproject.toml or add the package.`
      );
    }
    const target = posix3.join(code, posix3.basename(pkg));
    if (st.isFile()) {
      files.push({ path: target, source, mode: 420, ...AIRBYTE_OWNER });
      continue;
    }
    directories.push(target);
    await copyFolder(
      source,
      target,
      `${info.label}/${pkg}`,
      { files, directories, symlinks },
      opts
    );
  }
  const python = await pythonDependencies(project.folder, {
    workingDirectory: opts.workingDirectory ?? process.cwd(),
    env: opts.env ?? process.env,
    requireLock: inputs["require-lock"],
    outputDir: opts.outputDir,
    logger: opts.logger
  });
  const entrypoint = ["python", posix3.join(code, PYTHON_MAIN_FILE)];
  return {
    ...airbyteBase(inputs, info, "python"),
    files: files.sort((a, b) => a.path < b.path ? -1 : a.path > b.path ? 1 : 0),
    directories: dirs(directories),
    env: entrypointEnv(entrypoint),
    labels: airbyteLabels(info),
    workdir: code,
    entrypoint,
    run: [],
    python,
    ...symlinks.length > 0 ? { symlinks } : {}
  };
}
async function planPythonWithPip(inputs, info, opts) {
  const project = info.airbyte;
  const code = targetDirectory(inputs, INTEGRATION_CODE);
  const files = [];
  const symlinks = [];
  const directories = directoryPaths(code, AIRBYTE_HOME);
  await copyFolder(project.folder, code, info.label, { files, directories, symlinks }, opts);
  const run = [];
  if (await exists(join2(project.folder, "pyproject.toml")) || await exists(join2(project.folder, "setup.py"))) {
    run.push("pip install --no-cache-dir .");
  } else if (await exists(join2(project.folder, "requirements.txt"))) {
    run.push("pip install --no-cache-dir -r requirements.txt");
  }
  const entrypoint = ["python", posix3.join(code, PYTHON_MAIN_FILE)];
  return {
    ...airbyteBase(inputs, info, "python"),
    files,
    directories: dirs(directories),
    ...symlinks.length > 0 ? { symlinks } : {},
    env: entrypointEnv(entrypoint),
    labels: airbyteLabels(info),
    workdir: code,
    entrypoint,
    run
  };
}
export {
  AIRBYTE_HOME,
  AIRBYTE_OWNER,
  DEFAULT_BASES,
  INTEGRATION_CODE,
  planAirbyte
};
