#!/usr/bin/env node
import { createRequire as __slipwayCreateRequire } from 'node:module';
import { fileURLToPath as __slipwayFileURLToPath } from 'node:url';
const require = __slipwayCreateRequire(import.meta.url);
const __filename = __slipwayFileURLToPath(import.meta.url);
const __dirname = __filename.slice(0, __filename.lastIndexOf('/'));
import{ROOT_BUILD_FILES,changedFiles,describeReason,discoverProjects,discoveryJson,mavenReactorBuilds,projectInputs,projectJson,selectAll,selectChanged,selectForFiles}from"./chunk-F2T3AJU3.js";import{CONFIG_FILE,CONFIG_FILES,readRepositoryConfig}from"./chunk-BCTBNUAO.js";import"./chunk-5K4Q7H5U.js";import"./chunk-WFWNLZP5.js";import"./chunk-MMG6EGFG.js";import"./chunk-IZW7QFHS.js";import"./chunk-GJS5ZSDE.js";import"./chunk-DHLIIT3N.js";import"./chunk-5ICV6TCJ.js";export{CONFIG_FILE,CONFIG_FILES,ROOT_BUILD_FILES,changedFiles,describeReason,discoverProjects,discoveryJson,mavenReactorBuilds,projectInputs,projectJson,readRepositoryConfig,selectAll,selectChanged,selectForFiles};
