#!/usr/bin/env node
import { createRequire as __slipwayCreateRequire } from 'node:module';
import { fileURLToPath as __slipwayFileURLToPath } from 'node:url';
const require = __slipwayCreateRequire(import.meta.url);
const __filename = __slipwayFileURLToPath(import.meta.url);
const __dirname = __filename.slice(0, __filename.lastIndexOf('/'));
import {
  import_sign,
  keylessSigner,
  privateKeySigner,
  publicKeyHint
} from "./chunk-RFCKZYZ6.js";
import "./chunk-EZ2B3DA4.js";
import "./chunk-VL5U7Y2N.js";
import "./chunk-VMJUAKDN.js";
import "./chunk-CGKBDEOZ.js";
import "./chunk-B27IFLT6.js";
import "./chunk-3ILMJHGQ.js";
var export_DEFAULT_FULCIO_URL = import_sign.DEFAULT_FULCIO_URL;
var export_DEFAULT_REKOR_URL = import_sign.DEFAULT_REKOR_URL;
export {
  export_DEFAULT_FULCIO_URL as DEFAULT_FULCIO_URL,
  export_DEFAULT_REKOR_URL as DEFAULT_REKOR_URL,
  keylessSigner,
  privateKeySigner,
  publicKeyHint
};
