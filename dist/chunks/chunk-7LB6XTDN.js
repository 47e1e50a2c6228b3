#!/usr/bin/env node
import { createRequire as __slipwayCreateRequire } from 'node:module';
import { fileURLToPath as __slipwayFileURLToPath } from 'node:url';
const require = __slipwayCreateRequire(import.meta.url);
const __filename = __slipwayFileURLToPath(import.meta.url);
const __dirname = __filename.slice(0, __filename.lastIndexOf('/'));
import{isAbsolute,relative,sep}from"node:path";function isInside(root,path){const rel=relative(root,path);return rel===""||rel!==".."&&!rel.startsWith(`..${sep}`)&&!isAbsolute(rel)}function displayPath(path,workingDirectory){if(!isInside(workingDirectory,path))return path;return relative(workingDirectory,path)||"."}export{isInside,displayPath};
