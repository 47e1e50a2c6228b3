#!/usr/bin/env node
import { createRequire as __slipwayCreateRequire } from 'node:module';
import { fileURLToPath as __slipwayFileURLToPath } from 'node:url';
const require = __slipwayCreateRequire(import.meta.url);
const __filename = __slipwayFileURLToPath(import.meta.url);
const __dirname = __filename.slice(0, __filename.lastIndexOf('/'));
import {
  ROOT_BUILD_FILES,
  changedFiles,
  describeReason,
  discoverProjects,
  discoveryJson,
  mavenReactorBuilds,
  projectInputs,
  projectJson,
  selectAll,
  selectChanged,
  selectForFiles
} from "./chunk-TZQC5KML.js";
import {
  CONFIG_FILE,
  CONFIG_FILES,
  readRepositoryConfig
} from "./chunk-VON67727.js";
import "./chunk-HZ5WA2AJ.js";
import "./chunk-2QLZBW3T.js";
import "./chunk-WKKBWN5R.js";
import "./chunk-MKQXDKX4.js";
import "./chunk-NPESS7R3.js";
import "./chunk-B27IFLT6.js";
import "./chunk-3ILMJHGQ.js";
export {
  CONFIG_FILE,
  CONFIG_FILES,
  ROOT_BUILD_FILES,
  changedFiles,
  describeReason,
  discoverProjects,
  discoveryJson,
  mavenReactorBuilds,
  projectInputs,
  projectJson,
  readRepositoryConfig,
  selectAll,
  selectChanged,
  selectForFiles
};
