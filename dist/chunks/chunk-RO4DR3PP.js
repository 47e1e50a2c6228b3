#!/usr/bin/env node
import { createRequire as __slipwayCreateRequire } from 'node:module';
import { fileURLToPath as __slipwayFileURLToPath } from 'node:url';
const require = __slipwayCreateRequire(import.meta.url);
const __filename = __slipwayFileURLToPath(import.meta.url);
const __dirname = __filename.slice(0, __filename.lastIndexOf('/'));
import{createHash}from"node:crypto";var DIGEST=/^sha256:[a-f0-9]{64}$/;function sha256(data){return`sha256:${createHash("sha256").update(data).digest("hex")}`}function isDigest(value){return DIGEST.test(value)}function shortDigest(digest){return digest.slice(digest.indexOf(":")+1,digest.indexOf(":")+13)}export{sha256,isDigest,shortDigest};
