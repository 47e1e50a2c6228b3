#!/usr/bin/env node
import { createRequire as __slipwayCreateRequire } from 'node:module';
import { fileURLToPath as __slipwayFileURLToPath } from 'node:url';
const require = __slipwayCreateRequire(import.meta.url);
const __filename = __slipwayFileURLToPath(import.meta.url);
const __dirname = __filename.slice(0, __filename.lastIndexOf('/'));
import {
  assembleWithDocker,
  dockerCliOptions,
  dockerHosts,
  engineInsecureRegistries
} from "./chunk-5ON3ZDTC.js";
import "./chunk-B3QBHUTN.js";
import "./chunk-JIXT4NLB.js";
import "./chunk-NDJXUN3L.js";
import "./chunk-FCCLLEZB.js";
import "./chunk-H6QOYTIP.js";
import "./chunk-7ZB3PTRR.js";
import "./chunk-OG2YEZ62.js";
import "./chunk-5NM6JZDE.js";
import "./chunk-PAQHD33Z.js";
import "./chunk-MPILWNXU.js";
import "./chunk-MKQXDKX4.js";
import "./chunk-NPESS7R3.js";
import "./chunk-ZRIQ3J3R.js";
import "./chunk-B27IFLT6.js";
import "./chunk-3ILMJHGQ.js";
export {
  assembleWithDocker,
  dockerCliOptions,
  dockerHosts,
  engineInsecureRegistries
};
