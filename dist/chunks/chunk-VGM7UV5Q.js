#!/usr/bin/env node
import { createRequire as __slipwayCreateRequire } from 'node:module';
import { fileURLToPath as __slipwayFileURLToPath } from 'node:url';
const require = __slipwayCreateRequire(import.meta.url);
const __filename = __slipwayFileURLToPath(import.meta.url);
const __dirname = __filename.slice(0, __filename.lastIndexOf('/'));
import {
  InputError
} from "./chunk-B27IFLT6.js";

// src/fronts/report.ts
import { randomBytes } from "node:crypto";
import {
  closeSync,
  constants,
  lstatSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync
} from "node:fs";
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from "node:path";

// src/core/result.ts
var DISCOVER_OUTPUTS = [
  "matrix",
  "matrix-2",
  "matrix-3",
  "matrix-4",
  "matrices",
  "count",
  "projects"
];
var OUTPUT_DESCRIPTIONS = {
  image: "First pushed reference, repo:tag.",
  digest: "Digest of the pushed manifest or index.",
  "image-ref": "The image pinned by digest, repo@sha256:\u2026.",
  tags: "Pushed tags, comma-separated.",
  platforms: "Platforms in the image, comma-separated.",
  "base-digest": "Digest the base image was pinned to.",
  dockerfile: "Path of the rendered Dockerfile.",
  metadata: "JSON with every output.",
  pushed: "true when anything was pushed; false when the registry already had the image.",
  manifest: "Path of the Function Mesh resource, when written.",
  "definition-id": "Airbyte custom connector definition id, when registered.",
  "sbom-digest": "Digest of the pushed SBOM artifact.",
  sbom: "Path of the CycloneDX SBOM file of the image (base image, artifact and what it bundles).",
  attestations: "Signed Sigstore bundles attached to the image, repo@digest, comma-separated.",
  references: "Every repository that holds the image, repo@digest, comma-separated.",
  matrix: "mode: discover \u2014 the selected projects as a job matrix for strategy.matrix: ${{ fromJSON(...) }}; empty when none was selected.",
  "matrix-2": "mode: discover \u2014 the second matrix, past 256 projects (the limit of one GitHub matrix).",
  "matrix-3": "mode: discover \u2014 the third matrix.",
  "matrix-4": "mode: discover \u2014 the fourth matrix.",
  matrices: "mode: discover \u2014 how many matrices hold projects.",
  count: "mode: discover \u2014 how many projects were selected.",
  projects: 'mode: discover \u2014 JSON {"projects": [...]} with every selected project, its inputs and why it was selected.',
  "tag-decisions": "What happened to each tag, repo:tag=created|updated|unchanged|skipped, comma-separated (a refused release tag fails the run)."
};

// src/fronts/report.ts
var OUTPUT_ORDER = Object.keys(OUTPUT_DESCRIPTIONS).filter(
  (name) => name !== "metadata" && !DISCOVER_OUTPUTS.includes(name)
);
var DOTENV_OUTPUTS = OUTPUT_ORDER.filter((name) => name !== "dockerfile");
var FILE_OUTPUTS = ["manifest", "sbom"];
function dotenvName(name) {
  return `SLIPWAY_${name.toUpperCase().replace(/-/g, "_")}`;
}
function outputString(value) {
  if (value === void 0) return "";
  return Array.isArray(value) ? value.join(",") : String(value);
}
function outputStrings(outputs) {
  const out = {};
  for (const name of OUTPUT_ORDER) {
    if (outputs[name] !== void 0) out[name] = outputString(outputs[name]);
  }
  out.metadata = outputsJson(outputs);
  return out;
}
function outputsJson(outputs) {
  const ordered = {};
  for (const name of OUTPUT_ORDER) {
    if (outputs[name] !== void 0) ordered[name] = outputs[name];
  }
  return JSON.stringify(ordered);
}
function dotenvReport(outputs, projectDir) {
  const lines = [];
  for (const name of DOTENV_OUTPUTS) {
    if (outputs[name] === void 0) continue;
    let value = outputString(outputs[name]);
    if (FILE_OUTPUTS.includes(name) && projectDir !== void 0)
      value = underDir(projectDir, value);
    if (/[\s"'#]/.test(value)) continue;
    lines.push(`${dotenvName(name)}=${value}`);
  }
  return `${lines.join("\n")}
`;
}
function underDir(dir, path) {
  const rel = relative(dir, path);
  return rel !== "" && !rel.startsWith("..") && !isAbsolute(rel) ? rel : path;
}
function checkReportPath(path, flag) {
  const refuse = (link) => {
    const what = link === path ? "" : ` (its folder ${link})`;
    throw new InputError(
      `${flag} ${path}${what} is a symbolic link; Slipway never writes through links (one committed to the repository could overwrite any file the job can write): remove the link or choose another path.`
    );
  };
  const cwd = process.cwd();
  const folder = relative(cwd, dirname(resolve(path)));
  if (folder !== "" && !folder.startsWith("..") && !isAbsolute(folder)) {
    let at = cwd;
    for (const part of folder.split(sep)) {
      at = join(at, part);
      const stat = lstatOrUndefined(at);
      if (stat === void 0) break;
      if (stat.isSymbolicLink()) refuse(relative(cwd, at));
    }
  }
  if (lstatOrUndefined(path)?.isSymbolicLink()) refuse(path);
}
function lstatOrUndefined(path) {
  try {
    return lstatSync(path);
  } catch {
    return void 0;
  }
}
function writeReportFile(path, text, flag) {
  checkReportPath(path, flag);
  mkdirSync(dirname(path), { recursive: true });
  const temp = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString("hex")}.tmp`);
  const flags = constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW;
  try {
    const fd = openSync(temp, flags, 420);
    try {
      writeFileSync(fd, text);
    } finally {
      closeSync(fd);
    }
    renameSync(temp, path);
  } catch (err) {
    rmSync(temp, { force: true });
    throw err;
  }
}
function readReportFile(path, flag) {
  let fd;
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NOFOLLOW);
  } catch (err) {
    const code = err.code;
    if (code === "ENOENT") return void 0;
    if (code === "ELOOP") {
      throw new InputError(
        `${flag} ${path} is a symbolic link; Slipway never reads reports through links: remove the link.`
      );
    }
    throw err;
  }
  try {
    return readFileSync(fd, "utf8");
  } finally {
    closeSync(fd);
  }
}
function dotenvValue(value) {
  return value.replace(new RegExp("\\p{Cc}|[\\u2028\\u2029]", "gu"), " ");
}
function jobResultReport(dotenv, project, status) {
  const lines = status === "success" ? (dotenv ?? "").split("\n").filter((line) => /^SLIPWAY_[A-Z0-9_]+=\S*$/.test(line)) : [];
  lines.push(
    `SLIPWAY_PROJECT=${dotenvValue(project)}`,
    `SLIPWAY_JOB_STATUS=${dotenvValue(status)}`
  );
  return `${lines.join("\n")}
`;
}

export {
  OUTPUT_DESCRIPTIONS,
  dotenvName,
  outputStrings,
  outputsJson,
  dotenvReport,
  checkReportPath,
  writeReportFile,
  readReportFile,
  jobResultReport
};
