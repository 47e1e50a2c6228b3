#!/usr/bin/env node
import { createRequire as __slipwayCreateRequire } from 'node:module';
import { fileURLToPath as __slipwayFileURLToPath } from 'node:url';
const require = __slipwayCreateRequire(import.meta.url);
const __filename = __slipwayFileURLToPath(import.meta.url);
const __dirname = __filename.slice(0, __filename.lastIndexOf('/'));
async function importCommonJs(load){const mod=await load();const named=Object.keys(mod).filter(key=>key!=="default"&&key!=="module.exports");const fallback=mod.default;if(named.length===0&&fallback!==null&&typeof fallback==="object")return fallback;return mod}function loadYaml(){return importCommonJs(()=>import("./dist-KEDRD6H7.js"))}function loadGlob(){return importCommonJs(()=>import("./dist-UYGF3DBC.js"))}export{importCommonJs,loadYaml,loadGlob};
