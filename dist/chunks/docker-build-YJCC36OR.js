#!/usr/bin/env node
import { createRequire as __slipwayCreateRequire } from 'node:module';
import { fileURLToPath as __slipwayFileURLToPath } from 'node:url';
const require = __slipwayCreateRequire(import.meta.url);
const __filename = __slipwayFileURLToPath(import.meta.url);
const __dirname = __filename.slice(0, __filename.lastIndexOf('/'));
import{assembleWithDocker,dockerCliOptions,dockerHosts,engineInsecureRegistries}from"./chunk-GGHVXIIH.js";import"./chunk-IUVS3KHI.js";import"./chunk-6YBIWRSS.js";import"./chunk-4TYDF2QV.js";import"./chunk-C5YJDOBZ.js";import"./chunk-KA4JGUND.js";import"./chunk-F4UZDOJO.js";import"./chunk-RO4DR3PP.js";import"./chunk-TMW55PK7.js";import"./chunk-FSSATYMU.js";import"./chunk-C77AXC7W.js";import"./chunk-IZW7QFHS.js";import"./chunk-GJS5ZSDE.js";import"./chunk-O4MYGJ3T.js";import"./chunk-RS3EOORX.js";import"./chunk-3HBZ6ZKG.js";import"./chunk-DHLIIT3N.js";import"./chunk-5ICV6TCJ.js";export{assembleWithDocker,dockerCliOptions,dockerHosts,engineInsecureRegistries};
