#!/usr/bin/env node
import { createRequire as __slipwayCreateRequire } from 'node:module';
import { fileURLToPath as __slipwayFileURLToPath } from 'node:url';
const require = __slipwayCreateRequire(import.meta.url);
const __filename = __slipwayFileURLToPath(import.meta.url);
const __dirname = __filename.slice(0, __filename.lastIndexOf('/'));
import{enableCompileCache}from"./chunks/chunk-HPRPOYMD.js";import"./chunks/chunk-5ICV6TCJ.js";enableCompileCache();var settled=false;void import("./chunks/main-TD3EZDOA.js").then(({run,setFailed})=>{process.on("beforeExit",()=>{if(!settled)setFailed("slipway: the run stopped before it finished; this is a bug, please report it");settled=true});return run().then(()=>{settled=true})});
