#!/usr/bin/env node
import { createRequire as __slipwayCreateRequire } from 'node:module';
import { fileURLToPath as __slipwayFileURLToPath } from 'node:url';
const require = __slipwayCreateRequire(import.meta.url);
const __filename = __slipwayFileURLToPath(import.meta.url);
const __dirname = __filename.slice(0, __filename.lastIndexOf('/'));
import {
  buildLayer
} from "./chunk-DLUZ6BA6.js";
import {
  dependencyHistory,
  describeTarget
} from "./chunk-FTQOXQVS.js";
import "./chunk-HCXPMCY4.js";
import "./chunk-NDJXUN3L.js";
import "./chunk-FCCLLEZB.js";
import "./chunk-H6QOYTIP.js";
import "./chunk-X5I6WQPR.js";
import "./chunk-7ZB3PTRR.js";
import "./chunk-OG2YEZ62.js";
import {
  basePythonPaths,
  resolvePythonDependencies,
  targetPythonFromBase
} from "./chunk-5IYDADH5.js";
import "./chunk-UXAEXQQB.js";
import "./chunk-XBEXEVC2.js";
import "./chunk-5NM6JZDE.js";
import {
  formatPlatform
} from "./chunk-PAQHD33Z.js";
import "./chunk-MPILWNXU.js";
import "./chunk-MKQXDKX4.js";
import "./chunk-NPESS7R3.js";
import {
  readCacheFile,
  writeCacheFile
} from "./chunk-6XETQOWK.js";
import {
  InputError
} from "./chunk-B27IFLT6.js";
import "./chunk-3ILMJHGQ.js";

// src/assemble/python-deps.ts
import { createHash } from "node:crypto";
import { promises as fs } from "node:fs";
import { dirname, join } from "node:path";
function dependencyDirectory(platform) {
  return `deps/${platform.os}/${platform.architecture}`;
}
async function pythonDependencyLayers(deps, images, baseName, opts) {
  if (images.length === 0) {
    throw new InputError(
      `${deps.label} pins Python dependencies, but the base image is scratch, which has no Python to run them; set base-image to an image with Python 3.`
    );
  }
  const targets = [];
  for (const image of images) {
    const python = await basePython(image, baseName, opts.cacheDir);
    targets.push({ platform: image.platform, python });
  }
  const resolved = await resolvePythonDependencies({
    lock: deps.lock,
    targets,
    cacheDir: join(opts.cacheDir, "wheels"),
    logger: opts.logger
  });
  const byPlatform = /* @__PURE__ */ new Map();
  const layers = [];
  try {
    for (const platformDeps of resolved) {
      const { platform, python, packages, entries } = platformDeps;
      const name = formatPlatform(platform);
      opts.logger?.info(
        `python: ${name}: ${packages.length} packages from ${deps.label} for Python ${python.version} (${python.abi}, ${python.libc} ${python.libcVersion}) into ${python.sitePackages}`
      );
      const layer = await buildLayer(entries, {
        epoch: opts.epoch,
        tmpDir: opts.tmpDir,
        signal: opts.signal
      });
      layers.push(layer);
      const dir = dependencyDirectory(platform);
      byPlatform.set(name, {
        layers: [layer],
        history: [
          dependencyHistory(
            opts.created,
            dir,
            `${describeTarget(python)} dependencies from ${deps.label}: ${packages.length} packages`
          )
        ]
      });
      if (opts.contextDir) await writeTree(join(opts.contextDir, ...dir.split("/")), entries.files);
    }
  } catch (err) {
    await Promise.all(layers.map((l) => l.dispose()));
    throw err;
  }
  return {
    below: (platform) => byPlatform.get(formatPlatform(platform)),
    layers,
    dispose: async () => {
      await Promise.all(layers.map((l) => l.dispose()));
    }
  };
}
async function basePython(image, baseName, cacheDir) {
  return targetPythonFromBase({
    env: image.config.config?.Env ?? [],
    paths: await cachedPythonPaths(image.layers, cacheDir),
    label: `${baseName} (${formatPlatform(image.platform)})`
  });
}
async function cachedPythonPaths(layers, cacheDir) {
  const key = createHash("sha256").update(layers.map((l) => l.descriptor.digest).join("\n")).digest("hex");
  const file = join(cacheDir, "base-paths", `${key}.json`);
  const kept = keptPaths(readCacheFile(file));
  if (kept) return kept;
  const paths = await basePythonPaths(layers);
  writeCacheFile(file, JSON.stringify(paths));
  return paths;
}
function keptPaths(text) {
  try {
    const paths = JSON.parse(text ?? "null");
    return Array.isArray(paths) && paths.every((p) => typeof p === "string") ? paths : void 0;
  } catch {
    return void 0;
  }
}
async function writeTree(root, files) {
  for (const f of files) {
    const target = join(root, ...f.path.split("/"));
    await fs.mkdir(dirname(target), { recursive: true });
    await fs.copyFile(f.source, target);
    await fs.chmod(target, f.mode);
  }
}
export {
  basePython,
  dependencyDirectory,
  pythonDependencyLayers
};
