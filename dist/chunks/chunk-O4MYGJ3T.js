#!/usr/bin/env node
import { createRequire as __slipwayCreateRequire } from 'node:module';
import { fileURLToPath as __slipwayFileURLToPath } from 'node:url';
const require = __slipwayCreateRequire(import.meta.url);
const __filename = __slipwayFileURLToPath(import.meta.url);
const __dirname = __filename.slice(0, __filename.lastIndexOf('/'));
import{__commonJS,__require}from"./chunk-5ICV6TCJ.js";var require_node_https=__commonJS({"required-http:node:https"(exports,module){module.exports=__require("node:https")}});export{require_node_https};
