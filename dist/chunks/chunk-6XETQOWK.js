#!/usr/bin/env node
import { createRequire as __slipwayCreateRequire } from 'node:module';
import { fileURLToPath as __slipwayFileURLToPath } from 'node:url';
const require = __slipwayCreateRequire(import.meta.url);
const __filename = __slipwayFileURLToPath(import.meta.url);
const __dirname = __filename.slice(0, __filename.lastIndexOf('/'));

// src/core/cache.ts
import { randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import * as nodeModule from "node:module";
import { homedir } from "node:os";
import { dirname, join } from "node:path";
function cacheRoot(env = process.env) {
  return env.SLIPWAY_CACHE_DIR || join(env.XDG_CACHE_HOME || join(homedir(), ".cache"), "slipway");
}
function enableCompileCache2(env = process.env) {
  const enable = nodeModule.enableCompileCache;
  if (typeof enable !== "function" || env.NODE_COMPILE_CACHE) return;
  try {
    enable(join(cacheRoot(env), "compile"));
  } catch {
  }
}
function readCacheFile(path) {
  try {
    return readFileSync(path, "utf8");
  } catch {
    return void 0;
  }
}
function writeCacheFile(path, text) {
  const temp = `${path}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`;
  try {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(temp, text);
    renameSync(temp, path);
  } catch {
    try {
      rmSync(temp, { force: true });
    } catch {
    }
  }
}

export {
  cacheRoot,
  enableCompileCache2 as enableCompileCache,
  readCacheFile,
  writeCacheFile
};
