#!/usr/bin/env node
import { createRequire as __slipwayCreateRequire } from 'node:module';
import { fileURLToPath as __slipwayFileURLToPath } from 'node:url';
const require = __slipwayCreateRequire(import.meta.url);
const __filename = __slipwayFileURLToPath(import.meta.url);
const __dirname = __filename.slice(0, __filename.lastIndexOf('/'));
import {
  enableCompileCache
} from "./chunks/chunk-6XETQOWK.js";
import "./chunks/chunk-3ILMJHGQ.js";

// src/index.ts
enableCompileCache();
var settled = false;
void import("./chunks/main-MOU2BZ6X.js").then(({ run, setFailed }) => {
  process.on("beforeExit", () => {
    if (!settled)
      setFailed("slipway: the run stopped before it finished; this is a bug, please report it");
    settled = true;
  });
  return run().then(() => {
    settled = true;
  });
});
