#!/usr/bin/env node
import { createRequire as __slipwayCreateRequire } from 'node:module';
import { fileURLToPath as __slipwayFileURLToPath } from 'node:url';
const require = __slipwayCreateRequire(import.meta.url);
const __filename = __slipwayFileURLToPath(import.meta.url);
const __dirname = __filename.slice(0, __filename.lastIndexOf('/'));
var SlipwayError=class extends Error{constructor(message,exitCode,location){super(message);this.exitCode=exitCode;this.location=location;this.name=new.target.name}exitCode;location};var InputError=class extends SlipwayError{constructor(message,location){super(message,2,location)}};var RunError=class extends SlipwayError{constructor(message,location){super(message,1,location)}};function errorMessage(err){return err instanceof Error?err.message:String(err)}export{SlipwayError,InputError,RunError,errorMessage};
