#!/usr/bin/env node
import { createRequire as __slipwayCreateRequire } from 'node:module';
import { fileURLToPath as __slipwayFileURLToPath } from 'node:url';
const require = __slipwayCreateRequire(import.meta.url);
const __filename = __slipwayFileURLToPath(import.meta.url);
const __dirname = __filename.slice(0, __filename.lastIndexOf('/'));
import {
  loadYaml
} from "./chunk-WKKBWN5R.js";
import {
  InputError
} from "./chunk-B27IFLT6.js";

// src/connectors/inspect/yaml.ts
var YamlFile = class _YamlFile {
  constructor(yaml, label, doc, lines, annotate) {
    this.yaml = yaml;
    this.label = label;
    this.doc = doc;
    this.lines = lines;
    this.annotate = annotate;
  }
  yaml;
  label;
  doc;
  lines;
  annotate;
  static async parse(text, label, annotate = label) {
    const yaml = await loadYaml();
    const lines = new yaml.LineCounter();
    const doc = yaml.parseDocument(text, { lineCounter: lines });
    const first = doc.errors[0];
    if (first) {
      const line = first.linePos?.[0].line;
      throw new InputError(
        `${label}${line ? `:${line}` : ""}: invalid YAML (${first.message.split("\n")[0].replace(/ at line \d+, column \d+:?$/, "")}); fix the syntax.`,
        { file: annotate, line }
      );
    }
    if (doc.contents !== null && !yaml.isMap(doc.contents)) {
      throw new InputError(`${label}: expected a YAML mapping at the top level.`, {
        file: annotate,
        line: 1
      });
    }
    return new _YamlFile(yaml, label, doc, lines, annotate);
  }
  /** A non-empty string at `path` (numbers are accepted as text: `dockerImageTag: 1.0`). */
  string(path) {
    const node = this.doc.getIn(path.split("."), true);
    if (!this.yaml.isScalar(node)) return void 0;
    const value = node.value;
    if (typeof value === "string") return value.trim() === "" ? void 0 : value.trim();
    if (typeof value === "number") return node.source ?? String(value);
    return void 0;
  }
  has(path) {
    return this.doc.hasIn(path.split("."));
  }
  /** Line of the key at `path`, or of its closest existing parent. */
  line(path) {
    const keys = path.split(".");
    for (let n = keys.length; n > 0; n--) {
      const parent = n === 1 ? this.doc.contents : this.doc.getIn(keys.slice(0, n - 1), true);
      if (!this.yaml.isMap(parent)) continue;
      const pair = parent.items.find(
        (p) => this.yaml.isScalar(p.key) && p.key.value === keys[n - 1]
      );
      const offset = pair && this.yaml.isScalar(pair.key) ? pair.key.range?.[0] : void 0;
      if (offset !== void 0) return this.lines.linePos(offset).line;
    }
    return void 0;
  }
  /** An InputError that points at `path` in this file: "label: message". */
  error(path, message) {
    const line = path ? this.line(path) : void 0;
    return new InputError(`${this.label}: ${message}`, { file: this.annotate, line });
  }
};

export {
  YamlFile
};
