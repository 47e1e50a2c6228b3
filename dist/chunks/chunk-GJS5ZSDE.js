#!/usr/bin/env node
import { createRequire as __slipwayCreateRequire } from 'node:module';
import { fileURLToPath as __slipwayFileURLToPath } from 'node:url';
const require = __slipwayCreateRequire(import.meta.url);
const __filename = __slipwayFileURLToPath(import.meta.url);
const __dirname = __filename.slice(0, __filename.lastIndexOf('/'));
var MIN_SECRET_LENGTH=4;var SecretRegistry=class{values=new Set;listeners=[];add(value){if(!value||value.length<MIN_SECRET_LENGTH||this.values.has(value))return;this.values.add(value);const encoded=Buffer.from(value).toString("base64");this.values.add(encoded);for(const listener of this.listeners){listener(value);listener(encoded)}}onAdd(listener){this.listeners.push(listener);for(const value of this.values)listener(value)}redact(text){let out=text;for(const value of[...this.values].sort((a,b)=>b.length-a.length)){out=out.split(value).join("***")}return out}clear(){this.values.clear()}};var secrets=new SecretRegistry;export{secrets};
