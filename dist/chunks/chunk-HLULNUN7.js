#!/usr/bin/env node
import { createRequire as __slipwayCreateRequire } from 'node:module';
import { fileURLToPath as __slipwayFileURLToPath } from 'node:url';
const require = __slipwayCreateRequire(import.meta.url);
const __filename = __slipwayFileURLToPath(import.meta.url);
const __dirname = __filename.slice(0, __filename.lastIndexOf('/'));
import {
  InputError
} from "./chunk-B27IFLT6.js";

// src/connectors/common.ts
import { posix } from "node:path";
function targetDirectory(inputs, fallback) {
  const given = inputs["artifact-path"];
  if (!given) return fallback;
  if (!given.startsWith("/")) {
    throw new InputError(
      `Input "artifact-path" must be an absolute path inside the image (got "${given}"); write e.g. ${fallback}.`
    );
  }
  const normal = posix.normalize(given).replace(/\/+$/, "");
  return normal === "" ? "/" : normal;
}
var BASE_IMAGE_INPUT = 'input "base-image"';
function baseImage(inputs, fallback, fallbackSource) {
  return inputs["base-image"] ? { base: inputs["base-image"], baseSource: BASE_IMAGE_INPUT } : { base: fallback, baseSource: fallbackSource };
}
function directoryChain(dir, root, owner, mode) {
  return directoryPaths(dir, root).map((path) => ({ path, mode, ...owner }));
}
function directoryPaths(dir, root) {
  const rel = posix.relative(root, dir);
  if (rel === ".." || rel.startsWith("../")) return [];
  const out = [root];
  if (rel === "") return out;
  for (const part of rel.split("/")) out.push(posix.join(out[out.length - 1], part));
  return out;
}

export {
  targetDirectory,
  BASE_IMAGE_INPUT,
  baseImage,
  directoryChain,
  directoryPaths
};
