#!/usr/bin/env node
import { createRequire as __slipwayCreateRequire } from 'node:module';
import { fileURLToPath as __slipwayFileURLToPath } from 'node:url';
const require = __slipwayCreateRequire(import.meta.url);
const __filename = __slipwayFileURLToPath(import.meta.url);
const __dirname = __filename.slice(0, __filename.lastIndexOf('/'));
async function mapLimited(items,limit,each){const out=new Array(items.length);let next=0;let failure;const worker=async()=>{while(failure===void 0&&next<items.length){const i=next++;try{out[i]=await each(items[i])}catch(error){failure??={error}}}};await Promise.all(Array.from({length:Math.max(1,Math.min(limit,items.length))},worker));if(failure!==void 0)throw failure.error;return out}async function forEachLimited(items,limit,each){await mapLimited(items,limit,each)}export{mapLimited,forEachLimited};
