#!/usr/bin/env node
import { createRequire as __slipwayCreateRequire } from 'node:module';
import { fileURLToPath as __slipwayFileURLToPath } from 'node:url';
const require = __slipwayCreateRequire(import.meta.url);
const __filename = __slipwayFileURLToPath(import.meta.url);
const __dirname = __filename.slice(0, __filename.lastIndexOf('/'));
import {
  displayPath
} from "./chunk-EFEMPYRR.js";
import {
  findLock,
  lockWithPip,
  readPythonLock,
  requirementsArePinned
} from "./chunk-5IYDADH5.js";
import {
  parse
} from "./chunk-5NM6JZDE.js";
import {
  isRecord
} from "./chunk-NPESS7R3.js";
import {
  InputError
} from "./chunk-B27IFLT6.js";

// src/connectors/python.ts
import { existsSync, readFileSync } from "node:fs";
import { basename, join } from "node:path";
async function pythonDependencies(folder, opts) {
  const lockFile = findLock(folder);
  const readOpts = { env: opts.env };
  if (lockFile && (basename(lockFile) !== "requirements.txt" || requirementsArePinned(lockFile))) {
    return {
      lock: readPythonLock(lockFile, readOpts),
      label: displayPath(lockFile, opts.workingDirectory)
    };
  }
  const label = lockFile ? displayPath(lockFile, opts.workingDirectory) : void 0;
  if (!lockFile) {
    const pyproject = join(folder, "pyproject.toml");
    if (opts.unlockedProject === "ignore") return void 0;
    if (!existsSync(pyproject) || !declaresDependencies(pyproject)) return void 0;
    throw new InputError(
      `${displayPath(pyproject, opts.workingDirectory)} declares dependencies but the folder has no lock (poetry.lock, pylock.toml or requirements.txt pinned with hashes); run \`poetry lock\` (or \`pip-compile --generate-hashes\`) and commit the lock, or set builder: docker.`
    );
  }
  if (opts.requireLock) {
    throw new InputError(
      `${label} is not a lock (not every line is pinned with ==version and --hash), and require-lock is true; pin it with \`pip-compile --generate-hashes\`, or set require-lock: false to let Slipway lock it with the runner's pip.`
    );
  }
  const out = join(opts.outputDir ?? folder, "requirements.lock.txt");
  opts.logger?.warn(
    `${label} is not pinned with hashes, so the image is only as reproducible as today's index: locking it with the runner's pip into ${out} (commit a lock, or set require-lock: true to refuse)`
  );
  await lockWithPip(lockFile, out, { env: opts.env, logger: opts.logger });
  return { lock: readPythonLock(out, readOpts), label: `${label} (locked into ${out})` };
}
function declaresDependencies(file) {
  let toml;
  try {
    toml = parse(readFileSync(file, "utf8"));
  } catch {
    return false;
  }
  const project = isRecord(toml.project) ? toml.project : {};
  if (Array.isArray(project.dependencies) && project.dependencies.length > 0) return true;
  const tool = isRecord(toml.tool) ? toml.tool : {};
  const poetry = isRecord(tool.poetry) ? tool.poetry : {};
  const deps = isRecord(poetry.dependencies) ? Object.keys(poetry.dependencies) : [];
  return deps.some((name) => name.toLowerCase() !== "python");
}

export {
  pythonDependencies
};
