#!/usr/bin/env node
import { createRequire as __slipwayCreateRequire } from 'node:module';
import { fileURLToPath as __slipwayFileURLToPath } from 'node:url';
const require = __slipwayCreateRequire(import.meta.url);
const __filename = __slipwayFileURLToPath(import.meta.url);
const __dirname = __filename.slice(0, __filename.lastIndexOf('/'));
import {
  baseImage,
  directoryChain,
  targetDirectory
} from "./chunk-HLULNUN7.js";
import {
  InputError
} from "./chunk-B27IFLT6.js";

// src/connectors/pulsar/plan.ts
import { basename, posix } from "node:path";
var RUNNER_OWNER = { uid: 1e4, gid: 10001 };
var RUNNER_DIR_MODE = 509;
var PULSAR_HOME = "/pulsar";
var CONNECTORS_DIR = "/pulsar/connectors";
function runnerImage(language, pulsarVersion) {
  return `streamnative/pulsar-functions-${language}-runner:${pulsarVersion}`;
}
function planPulsarConnector(inputs, info) {
  if (info.connectorType !== "pulsar-source" && info.connectorType !== "pulsar-sink") {
    throw new InputError(`${info.label} is not a Pulsar source or sink.`);
  }
  if (info.format !== "nar" && info.format !== "uber-jar") {
    throw new InputError(
      `${info.label} is a ${info.format} artifact; a Pulsar connector is a NAR or an uber JAR (set artifact to the built archive).`
    );
  }
  const dir = targetDirectory(inputs, CONNECTORS_DIR);
  return {
    ...baseImage(
      inputs,
      runnerImage("java", inputs["pulsar-version"]),
      `the default runner of ${info.connectorType} for pulsar-version ${inputs["pulsar-version"]}`
    ),
    files: [
      {
        path: posix.join(dir, basename(info.path)),
        source: info.path,
        mode: 420,
        ...RUNNER_OWNER
      }
    ],
    directories: directoryChain(dir, PULSAR_HOME, RUNNER_OWNER, RUNNER_DIR_MODE),
    env: {},
    labels: {},
    run: []
  };
}

export {
  RUNNER_OWNER,
  RUNNER_DIR_MODE,
  PULSAR_HOME,
  CONNECTORS_DIR,
  runnerImage,
  planPulsarConnector
};
