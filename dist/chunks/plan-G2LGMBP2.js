#!/usr/bin/env node
import { createRequire as __slipwayCreateRequire } from 'node:module';
import { fileURLToPath as __slipwayFileURLToPath } from 'node:url';
const require = __slipwayCreateRequire(import.meta.url);
const __filename = __slipwayFileURLToPath(import.meta.url);
const __dirname = __filename.slice(0, __filename.lastIndexOf('/'));
import {
  CONNECTORS_DIR,
  PULSAR_HOME,
  RUNNER_DIR_MODE,
  RUNNER_OWNER,
  planPulsarConnector,
  runnerImage
} from "./chunk-KJERDCHB.js";
import "./chunk-HLULNUN7.js";
import "./chunk-B27IFLT6.js";
import "./chunk-3ILMJHGQ.js";
export {
  CONNECTORS_DIR,
  PULSAR_HOME,
  RUNNER_DIR_MODE,
  RUNNER_OWNER,
  planPulsarConnector,
  runnerImage
};
