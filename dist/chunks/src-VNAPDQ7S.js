#!/usr/bin/env node
import { createRequire as __slipwayCreateRequire } from 'node:module';
const require = __slipwayCreateRequire(import.meta.url);
import {
  require_src2 as require_src
} from "./chunk-US2HW7RI.js";
import "./chunk-ESTICYN4.js";
import "./chunk-OENLEMBZ.js";
export default require_src();
