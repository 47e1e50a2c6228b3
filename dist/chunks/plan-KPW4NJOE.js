#!/usr/bin/env node
import { createRequire as __slipwayCreateRequire } from 'node:module';
import { fileURLToPath as __slipwayFileURLToPath } from 'node:url';
const require = __slipwayCreateRequire(import.meta.url);
const __filename = __slipwayFileURLToPath(import.meta.url);
const __dirname = __filename.slice(0, __filename.lastIndexOf('/'));
import{CONNECTORS_DIR,PULSAR_HOME,RUNNER_DIR_MODE,RUNNER_OWNER,planPulsarConnector,runnerImage}from"./chunk-3GK7BB7Z.js";import"./chunk-A3BK2RT4.js";import"./chunk-DHLIIT3N.js";import"./chunk-5ICV6TCJ.js";export{CONNECTORS_DIR,PULSAR_HOME,RUNNER_DIR_MODE,RUNNER_OWNER,planPulsarConnector,runnerImage};
