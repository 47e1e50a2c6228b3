#!/usr/bin/env node
import { createRequire as __slipwayCreateRequire } from 'node:module';
import { fileURLToPath as __slipwayFileURLToPath } from 'node:url';
const require = __slipwayCreateRequire(import.meta.url);
const __filename = __slipwayFileURLToPath(import.meta.url);
const __dirname = __filename.slice(0, __filename.lastIndexOf('/'));
import{AwsIdentity,awsErrorName,awsFailure}from"./chunk-2FMCOCQ2.js";import"./chunk-6CCESHPB.js";import"./chunk-MMG6EGFG.js";import"./chunk-GJS5ZSDE.js";import"./chunk-DHLIIT3N.js";import"./chunk-5ICV6TCJ.js";export{AwsIdentity,awsErrorName,awsFailure};
