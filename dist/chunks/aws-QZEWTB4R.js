#!/usr/bin/env node
import { createRequire as __slipwayCreateRequire } from 'node:module';
import { fileURLToPath as __slipwayFileURLToPath } from 'node:url';
const require = __slipwayCreateRequire(import.meta.url);
const __filename = __slipwayFileURLToPath(import.meta.url);
const __dirname = __filename.slice(0, __filename.lastIndexOf('/'));
import {
  AwsIdentity,
  awsErrorName,
  awsFailure
} from "./chunk-CGVYV7HB.js";
import "./chunk-X6WEFAWC.js";
import "./chunk-WKKBWN5R.js";
import "./chunk-MKQXDKX4.js";
import "./chunk-B27IFLT6.js";
import "./chunk-3ILMJHGQ.js";
export {
  AwsIdentity,
  awsErrorName,
  awsFailure
};
