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
} from "./chunk-SS3QNEN2.js";
import "./chunk-QFPI6PYY.js";
import "./chunk-2Z4YGNBI.js";
import "./chunk-KDK5PB6Y.js";
import "./chunk-HZ5WA2AJ.js";
import "./chunk-VL5U7Y2N.js";
import "./chunk-MKQXDKX4.js";
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
