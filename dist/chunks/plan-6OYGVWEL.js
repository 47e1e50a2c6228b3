#!/usr/bin/env node
import { createRequire as __slipwayCreateRequire } from 'node:module';
import { fileURLToPath as __slipwayFileURLToPath } from 'node:url';
const require = __slipwayCreateRequire(import.meta.url);
const __filename = __slipwayFileURLToPath(import.meta.url);
const __dirname = __filename.slice(0, __filename.lastIndexOf('/'));
import {
  PULSAR_HOME,
  RUNNER_DIR_MODE,
  RUNNER_OWNER,
  runnerImage
} from "./chunk-KJERDCHB.js";
import {
  pythonDependencies
} from "./chunk-4VNLVHC5.js";
import {
  baseImage,
  directoryChain,
  targetDirectory
} from "./chunk-HLULNUN7.js";
import "./chunk-EFEMPYRR.js";
import "./chunk-5IYDADH5.js";
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

// src/connectors/functionmesh/plan.ts
import { basename, dirname, extname, posix } from "node:path";
function languageOf(info) {
  switch (info.format) {
    case "go":
      return "go";
    case "python":
      return "python";
    case "jar":
    case "uber-jar":
    case "nar":
    case "file":
      return "java";
    default:
      throw new InputError(
        `${info.label} is a ${info.format} artifact, which is not a Pulsar Function; a function is a Java JAR/NAR, a Python .py/.zip/.whl or a Go binary.`
      );
  }
}
async function planFunction(inputs, info, opts) {
  const language = languageOf(info);
  const dir = targetDirectory(inputs, PULSAR_HOME);
  const python = language === "python" && extname(info.path).toLowerCase() === ".py" ? await pythonDependencies(dirname(info.path), {
    workingDirectory: opts.workingDirectory ?? process.cwd(),
    env: opts.env ?? process.env,
    requireLock: inputs["require-lock"],
    outputDir: opts.outputDir,
    logger: opts.logger,
    unlockedProject: "ignore"
  }) : void 0;
  return {
    ...baseImage(
      inputs,
      runnerImage(language, inputs["pulsar-version"]),
      `the default ${language} runner of pulsar-function for pulsar-version ${inputs["pulsar-version"]}`
    ),
    files: [
      {
        path: posix.join(dir, basename(info.path)),
        source: info.path,
        // The Go runner executes the binary itself; everything else is read by a runtime.
        mode: language === "go" ? 493 : 420,
        ...RUNNER_OWNER
      }
    ],
    directories: directoryChain(dir, PULSAR_HOME, RUNNER_OWNER, RUNNER_DIR_MODE),
    env: {},
    labels: {},
    run: [],
    platforms: info.platform ? [info.platform] : void 0,
    python
  };
}
export {
  planFunction
};
