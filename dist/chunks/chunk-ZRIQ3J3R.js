#!/usr/bin/env node
import { createRequire as __slipwayCreateRequire } from 'node:module';
import { fileURLToPath as __slipwayFileURLToPath } from 'node:url';
const require = __slipwayCreateRequire(import.meta.url);
const __filename = __slipwayFileURLToPath(import.meta.url);
const __dirname = __filename.slice(0, __filename.lastIndexOf('/'));
import {
  RunError
} from "./chunk-B27IFLT6.js";

// src/toolchain/process.ts
import { spawn } from "node:child_process";
import { createInterface } from "node:readline";
var TAIL_LINES = 20;
function runProcess(run) {
  return new Promise((resolve, reject) => {
    const child = spawn(run.command, run.args, {
      cwd: run.cwd,
      env: run.env ?? process.env,
      stdio: [run.input === void 0 ? "ignore" : "pipe", "pipe", "pipe"],
      shell: false
    });
    const stdout = [];
    const tail = [];
    const keep = (line) => {
      if (run.log === "info") run.logger.info(line);
      else run.logger.debug(line);
      tail.push(line);
      if (tail.length > TAIL_LINES) tail.shift();
    };
    const closed = [
      new Promise(
        (done) => createInterface({ input: child.stdout, crlfDelay: Infinity }).on("line", (line) => {
          stdout.push(line);
          keep(line);
        }).on("close", done)
      ),
      new Promise(
        (done) => createInterface({ input: child.stderr, crlfDelay: Infinity }).on("line", keep).on("close", done)
      )
    ];
    const timer = run.timeoutMs === void 0 ? void 0 : setTimeout(() => child.kill("SIGKILL"), run.timeoutMs);
    child.on("error", (err) => {
      if (timer) clearTimeout(timer);
      reject(err);
    });
    child.on("close", (code, signal) => {
      if (timer) clearTimeout(timer);
      void Promise.all(closed).then(() => resolve({ code, signal, stdout, tail }));
    });
    if (run.input !== void 0) child.stdin?.end(run.input);
  });
}
var BuildError = class extends RunError {
  constructor(message, toolExitCode, tail) {
    super(message);
    this.toolExitCode = toolExitCode;
    this.tail = tail;
  }
  toolExitCode;
  tail;
};
async function runTool(run) {
  let result;
  try {
    result = await runProcess({ ...run, log: "info" });
  } catch (err) {
    const e = err;
    if (e.code === "ENOENT") {
      throw new BuildError(`${run.command} was not found on PATH; ${run.missingHint}.`, null, []);
    }
    throw new BuildError(`${run.title} could not start in ${run.cwd}: ${e.message}.`, null, []);
  }
  const { code, signal, tail } = result;
  if (code === 0) return;
  const how = code === null ? `was killed by ${signal ?? "a signal"}` : `failed with exit code ${code}`;
  const last = tail.length ? `; last lines:
${tail.join("\n")}` : "";
  throw new BuildError(`${run.title} ${how} in ${run.cwd}${last}`, code, [...tail]);
}

export {
  TAIL_LINES,
  runProcess,
  BuildError,
  runTool
};
