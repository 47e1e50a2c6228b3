#!/usr/bin/env node
import { createRequire as __slipwayCreateRequire } from 'node:module';
import { fileURLToPath as __slipwayFileURLToPath } from 'node:url';
const require = __slipwayCreateRequire(import.meta.url);
const __filename = __slipwayFileURLToPath(import.meta.url);
const __dirname = __filename.slice(0, __filename.lastIndexOf('/'));
import{import_sign,keylessSigner,privateKeySigner,publicKeyHint}from"./chunk-WLKYRWHL.js";import"./chunk-Q3OVZN7O.js";import"./chunk-5K4Q7H5U.js";import"./chunk-CQWSFV35.js";import"./chunk-R5L77U2J.js";import"./chunk-O4MOKAYX.js";import"./chunk-GJS5ZSDE.js";import"./chunk-O4MYGJ3T.js";import"./chunk-RS3EOORX.js";import"./chunk-DHLIIT3N.js";import"./chunk-5ICV6TCJ.js";var export_DEFAULT_FULCIO_URL=import_sign.DEFAULT_FULCIO_URL;var export_DEFAULT_REKOR_URL=import_sign.DEFAULT_REKOR_URL;export{export_DEFAULT_FULCIO_URL as DEFAULT_FULCIO_URL,export_DEFAULT_REKOR_URL as DEFAULT_REKOR_URL,keylessSigner,privateKeySigner,publicKeyHint};
