#!/usr/bin/env node
import { createRequire as __slipwayCreateRequire } from 'node:module';
import { fileURLToPath as __slipwayFileURLToPath } from 'node:url';
const require = __slipwayCreateRequire(import.meta.url);
const __filename = __slipwayFileURLToPath(import.meta.url);
const __dirname = __filename.slice(0, __filename.lastIndexOf('/'));
import{BuildError,TAIL_LINES,runProcess,runTool}from"./chunk-3HBZ6ZKG.js";import"./chunk-DHLIIT3N.js";import"./chunk-5ICV6TCJ.js";export{BuildError,TAIL_LINES,runProcess,runTool};
