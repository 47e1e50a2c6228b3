#!/usr/bin/env node
import { createRequire as __slipwayCreateRequire } from 'node:module';
import { fileURLToPath as __slipwayFileURLToPath } from 'node:url';
const require = __slipwayCreateRequire(import.meta.url);
const __filename = __slipwayFileURLToPath(import.meta.url);
const __dirname = __filename.slice(0, __filename.lastIndexOf('/'));
import {
  INPUTS
} from "./chunk-HZ5WA2AJ.js";
import {
  YamlFile
} from "./chunk-2QLZBW3T.js";
import {
  loadYaml
} from "./chunk-WKKBWN5R.js";
import {
  isRecord
} from "./chunk-NPESS7R3.js";
import {
  InputError
} from "./chunk-B27IFLT6.js";

// src/connectors/projects/config.ts
import { stat } from "node:fs/promises";
import { join as join2 } from "node:path";

// src/connectors/projects/walk.ts
import { readFile, readdir } from "node:fs/promises";
import { join, posix } from "node:path";
var SKIPPED_FOLDERS = /* @__PURE__ */ new Set(["node_modules", ".git", "target", "build", "dist"]);
function joinRelative(dir, rel) {
  return posix.normalize(posix.join(dir, rel)).replace(/\/$/, "") || ".";
}
function isUnder(dir, path) {
  return dir === "." || path === dir || path.startsWith(`${dir}/`);
}
async function fileText(root, rel) {
  try {
    return await readFile(join(root, rel), "utf8");
  } catch {
    return void 0;
  }
}
async function walkRepository(root) {
  const folders = [];
  const visit = async (dir) => {
    const entries = await readdir(dir === "." ? root : join(root, dir), { withFileTypes: true });
    const files = /* @__PURE__ */ new Set();
    const subfolders = [];
    for (const entry of entries) {
      if (entry.isFile()) files.add(entry.name);
      else if (entry.isDirectory() && !SKIPPED_FOLDERS.has(entry.name) && !entry.name.startsWith(".")) {
        subfolders.push(joinRelative(dir, entry.name));
      }
    }
    folders.push({ dir, files });
    for (const sub of subfolders.sort()) await visit(sub);
  };
  await visit(".");
  return folders.sort((a, b) => a.dir.localeCompare(b.dir));
}

// src/connectors/projects/config.ts
var CONFIG_FILE = "slipway.yaml";
var CONFIG_FILES = [CONFIG_FILE, ".slipway.yaml"];
var TOP_LEVEL_KEYS = ["image-prefix", "inputs", "exclude", "projects", "shared"];
var NOT_PER_PROJECT = ["working-directory"];
var EMPTY_CONFIG = {
  runInputs: {},
  inputs: {},
  exclude: [],
  projects: [],
  shared: [],
  error: (_path, message) => new InputError(`${CONFIG_FILE}: ${message}`)
};
async function isFolder(path) {
  try {
    return (await stat(path)).isDirectory();
  } catch {
    return false;
  }
}
function scalar(value) {
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return void 0;
}
async function readRepositoryConfig(root) {
  let name = CONFIG_FILE;
  let content;
  for (const candidate of CONFIG_FILES) {
    content = await fileText(root, candidate);
    name = candidate;
    if (content !== void 0) break;
  }
  if (content === void 0) return EMPTY_CONFIG;
  const file = await YamlFile.parse(content, name);
  const data = (await loadYaml()).parse(content);
  const error = (path, message) => file.error(path, message);
  if (data === null || data === void 0) return { ...EMPTY_CONFIG, file: name, error };
  if (!isRecord(data)) throw error("", "expected a mapping at the top level.");
  const isInput = (key) => INPUTS[key] !== void 0;
  for (const key of Object.keys(data)) {
    if (!TOP_LEVEL_KEYS.includes(key) && !isInput(key)) {
      throw error(
        key,
        `unknown key "${key}"; use an input name (see slipway build --help) or ${TOP_LEVEL_KEYS.join(", ")}.`
      );
    }
  }
  const stringList = (path, value) => {
    if (value === void 0 || value === null) return [];
    const list = Array.isArray(value) ? value : [value];
    return list.map((item, i) => {
      const s = scalar(item);
      if (s === void 0 || s.trim() === "") {
        throw error(`${path}.${i}`, `${path}[${i}] must be a non-empty string.`);
      }
      return s.trim();
    });
  };
  const folder = async (path, value) => {
    const raw = scalar(value)?.trim();
    if (!raw)
      throw error(path, `${path} is missing; give the folder relative to the repository root.`);
    const rel = joinRelative(".", raw);
    if (rel.startsWith("..") || raw.startsWith("/")) {
      throw error(
        path,
        `${path} "${raw}" is outside the repository; give a folder relative to its root.`
      );
    }
    if (!await isFolder(join2(root, rel))) {
      throw error(
        path,
        `${path} "${raw}" is not a folder of the repository; fix the path or remove the entry.`
      );
    }
    return rel;
  };
  const inputsAt = (path, value, topLevel = false) => {
    if (value === void 0 || value === null) return {};
    if (!isRecord(value)) throw error(path, `${path} must be a mapping of input names to values.`);
    const inputs = {};
    for (const [name2, raw] of Object.entries(value)) {
      const spec = INPUTS[name2];
      if (!spec || !topLevel && NOT_PER_PROJECT.includes(name2)) {
        throw error(
          `${path}.${name2}`,
          `${path}.${name2} is not a per-project input; use the names of the action inputs (${name2 === "working-directory" ? "the folder is the entry's path" : "see action.yml"}).`
        );
      }
      const at = path ? `${path}.${name2}` : name2;
      if (spec.secret) {
        throw error(
          at,
          `${at} is a secret and does not belong in a committed file; pass it to the CI job as a masked variable or secret.`
        );
      }
      const value2 = Array.isArray(raw) ? raw.map(scalar).join(",") : scalar(raw);
      if (value2 === void 0) throw error(at, `${at} must be a string, number, boolean or list.`);
      const choices = spec.choices;
      if (choices && !choices.includes(value2)) {
        throw error(at, `${at} is "${value2}"; use one of ${choices.join(", ")}.`);
      }
      inputs[name2] = value2;
    }
    return inputs;
  };
  const imagePrefix = scalar(data["image-prefix"])?.trim().replace(/\/+$/, "") || void 0;
  if (data["image-prefix"] !== void 0 && imagePrefix === void 0) {
    throw error(
      "image-prefix",
      "image-prefix must be a registry path such as registry.example.com/team."
    );
  }
  const projects = [];
  const rawProjects = data.projects ?? [];
  if (!Array.isArray(rawProjects))
    throw error("projects", "projects must be a list of entries with path and inputs.");
  for (const [i, entry] of rawProjects.entries()) {
    const label = `projects[${i}]`;
    if (!isRecord(entry))
      throw error(`projects.${i}`, `${label} must be a mapping with path (and name, inputs).`);
    for (const key of Object.keys(entry)) {
      if (!["path", "name", "inputs"].includes(key)) {
        throw error(
          `projects.${i}.${key}`,
          `${label} has an unknown key "${key}"; use path, name and inputs (input values go under inputs).`
        );
      }
    }
    projects.push({
      path: await folder(`projects.${i}.path`, entry.path),
      name: scalar(entry.name)?.trim() || void 0,
      inputs: inputsAt(`projects.${i}.inputs`, entry.inputs),
      label
    });
  }
  const shared = [];
  const rawShared = data.shared ?? [];
  if (!Array.isArray(rawShared))
    throw error("shared", "shared must be a list of entries with path and used-by.");
  for (const [i, entry] of rawShared.entries()) {
    const label = `shared[${i}]`;
    if (!isRecord(entry))
      throw error(`shared.${i}`, `${label} must be a mapping with path and used-by.`);
    const usedBy = stringList(`shared.${i}.used-by`, entry["used-by"]);
    if (usedBy.length === 0) {
      throw error(
        `shared.${i}`,
        `${label} has no used-by; list the project paths or names built from ${scalar(entry.path) ?? "it"}.`
      );
    }
    shared.push({ path: await folder(`shared.${i}.path`, entry.path), usedBy, label });
  }
  const topLevelInputs = Object.fromEntries(Object.entries(data).filter(([key]) => isInput(key)));
  return {
    file: name,
    runInputs: inputsAt("", topLevelInputs, true),
    imagePrefix,
    inputs: inputsAt("inputs", data.inputs),
    exclude: stringList("exclude", data.exclude),
    projects,
    shared,
    error
  };
}

export {
  joinRelative,
  isUnder,
  fileText,
  walkRepository,
  CONFIG_FILE,
  CONFIG_FILES,
  readRepositoryConfig
};
