#!/usr/bin/env node
import { createRequire as __slipwayCreateRequire } from 'node:module';
import { fileURLToPath as __slipwayFileURLToPath } from 'node:url';
const require = __slipwayCreateRequire(import.meta.url);
const __filename = __slipwayFileURLToPath(import.meta.url);
const __dirname = __filename.slice(0, __filename.lastIndexOf('/'));
import {
  isRecord
} from "./chunk-NPESS7R3.js";
import {
  InputError
} from "./chunk-B27IFLT6.js";

// src/core/clock.ts
import { execFileSync } from "node:child_process";

// src/core/github-event.ts
import { readFileSync } from "node:fs";
function githubEvent(env) {
  const path = env.GITHUB_EVENT_PATH;
  if (!path) return void 0;
  try {
    const event = JSON.parse(readFileSync(path, "utf8"));
    return isRecord(event) ? event : void 0;
  } catch {
    return void 0;
  }
}

// src/core/clock.ts
function buildEpoch(workingDirectory, env = process.env) {
  const fromEnv = env.SOURCE_DATE_EPOCH;
  if (fromEnv !== void 0 && fromEnv !== "") {
    if (!/^\d+$/.test(fromEnv)) {
      throw new InputError(
        `SOURCE_DATE_EPOCH must be whole seconds since 1970 (got "${fromEnv}"); unset it or set e.g. SOURCE_DATE_EPOCH=$(git log -1 --format=%ct)`
      );
    }
    return Number(fromEnv);
  }
  const fromCi = ciCommitEpoch(env);
  if (fromCi !== void 0) return fromCi;
  try {
    const out = execFileSync("git", ["log", "-1", "--format=%ct"], {
      cwd: workingDirectory,
      stdio: ["ignore", "pipe", "ignore"],
      encoding: "utf8"
    }).trim();
    if (/^\d+$/.test(out)) return Number(out);
  } catch {
  }
  return 0;
}
function isoSeconds(value) {
  if (typeof value !== "string" || !/^\d{4}-\d\d-\d\dT.*(Z|[+-]\d\d:?\d\d)$/.test(value)) {
    return void 0;
  }
  const ms = Date.parse(value);
  return Number.isFinite(ms) && ms >= 0 ? Math.floor(ms / 1e3) : void 0;
}
function ciCommitEpoch(env) {
  if (env.GITLAB_CI === "true") {
    const gitlab = isoSeconds(env.CI_COMMIT_TIMESTAMP);
    if (gitlab !== void 0) return gitlab;
  }
  const sha = env.GITHUB_SHA;
  if (env.GITHUB_ACTIONS !== "true" || !sha) return void 0;
  const head = githubEvent(env)?.head_commit;
  return isRecord(head) && head.id === sha ? isoSeconds(head.timestamp) : void 0;
}
function epochToIso(epoch) {
  return new Date(epoch * 1e3).toISOString().replace(".000Z", "Z");
}

export {
  githubEvent,
  buildEpoch,
  epochToIso
};
