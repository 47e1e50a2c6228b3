#!/usr/bin/env node
import { createRequire as __slipwayCreateRequire } from 'node:module';
import { fileURLToPath as __slipwayFileURLToPath } from 'node:url';
const require = __slipwayCreateRequire(import.meta.url);
const __filename = __slipwayFileURLToPath(import.meta.url);
const __dirname = __filename.slice(0, __filename.lastIndexOf('/'));

// src/connectors/shell-words.ts
var WordError = class extends Error {
};
var Scanner = class {
  constructor(text) {
    this.text = text;
  }
  text;
  pos = 0;
  peek(offset = 0) {
    return this.text[this.pos + offset];
  }
  next() {
    return this.text[this.pos++];
  }
  done() {
    return this.pos >= this.text.length;
  }
};
function processWords(text, lookup, escape = "\\") {
  return lex(text, lookup, escape, true);
}
function processWord(text, lookup, escape = "\\") {
  return lex(text, lookup, escape, false).join("");
}
function lex(text, lookup, escape, split) {
  const s = new Scanner(text);
  const words = [];
  let current = "";
  let inWord = false;
  while (!s.done()) {
    const ch = s.next();
    if (split && /\s/.test(ch)) {
      if (inWord) words.push(current);
      current = "";
      inWord = false;
      continue;
    }
    inWord = true;
    if (ch === escape) {
      const nextCh = s.next();
      current += nextCh ?? "";
    } else if (ch === "'") {
      current += singleQuoted(s);
    } else if (ch === '"') {
      current += doubleQuoted(s, lookup, escape);
    } else if (ch === "$") {
      current += variable(s, lookup, escape);
    } else {
      current += ch;
    }
  }
  if (inWord) words.push(current);
  return words;
}
function singleQuoted(s) {
  let out = "";
  for (; ; ) {
    const ch = s.next();
    if (ch === void 0) throw new WordError("unterminated single quote");
    if (ch === "'") return out;
    out += ch;
  }
}
function doubleQuoted(s, lookup, escape) {
  let out = "";
  for (; ; ) {
    const ch = s.next();
    if (ch === void 0) throw new WordError("unterminated double quote");
    if (ch === '"') return out;
    if (ch === escape) {
      const peek = s.peek();
      if (peek === '"' || peek === "$" || peek === escape) out += s.next();
      else out += ch;
    } else if (ch === "$") {
      out += variable(s, lookup, escape);
    } else {
      out += ch;
    }
  }
}
var NAME_CHAR = /[A-Za-z0-9_]/;
function variable(s, lookup, escape) {
  const first = s.peek();
  if (first === "{") {
    s.next();
    let name2 = "";
    while (s.peek() !== void 0 && NAME_CHAR.test(s.peek())) name2 += s.next();
    const after = s.next();
    if (after === "}") return lookup(name2) ?? "";
    let modifier = after ?? "";
    if (modifier === ":") modifier += s.next() ?? "";
    let depth = 0;
    let raw = "";
    for (; ; ) {
      const ch = s.next();
      if (ch === void 0) throw new WordError(`missing } in \${${name2}`);
      if (ch === "}" && depth === 0) break;
      if (ch === "{") depth++;
      if (ch === "}") depth--;
      raw += ch;
    }
    const word = processWord(raw, lookup, escape);
    const value = lookup(name2);
    switch (modifier) {
      case ":-":
        return value ? value : word;
      case "-":
        return value ?? word;
      case ":+":
        return value ? word : "";
      case "+":
        return value !== void 0 ? word : "";
      case ":?":
      case "?":
        if (value === void 0 || modifier === ":?" && value === "") {
          throw new WordError(`${name2}: ${word || "is not set"}`);
        }
        return value;
      default:
        throw new WordError(`unsupported modifier "${modifier}" in \${${name2}...}`);
    }
  }
  let name = "";
  while (s.peek() !== void 0 && NAME_CHAR.test(s.peek())) name += s.next();
  if (name === "") return "$";
  return lookup(name) ?? "";
}

export {
  WordError,
  processWords,
  processWord
};
