#!/usr/bin/env node
import { createRequire as __slipwayCreateRequire } from 'node:module';
const require = __slipwayCreateRequire(import.meta.url);
import {
  require_dist2 as require_dist
} from "./chunk-6ICUP2BZ.js";
import "./chunk-OENLEMBZ.js";
export default require_dist();
