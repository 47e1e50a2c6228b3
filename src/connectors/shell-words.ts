/**
 * Dockerfile word processing: quotes, the escape character and `$VAR` / `${VAR:-default}`
 * expansion, as Docker's shell lexer does it for FROM, ARG, ENV, LABEL, COPY, ADD, USER,
 * WORKDIR and EXPOSE. dockerfile-ast tokenizes instructions but neither evaluates the
 * `${VAR:-x}` forms nor keeps quoting intact, so this small evaluator is hand-written.
 */

export type Lookup = (name: string) => string | undefined;

export class WordError extends Error {}

class Scanner {
  pos = 0;
  constructor(readonly text: string) {}
  peek(offset = 0): string | undefined {
    return this.text[this.pos + offset];
  }
  next(): string | undefined {
    return this.text[this.pos++];
  }
  done(): boolean {
    return this.pos >= this.text.length;
  }
}

/** Splits `text` into words on unquoted whitespace, expanding variables. */
export function processWords(text: string, lookup: Lookup, escape = '\\'): string[] {
  return lex(text, lookup, escape, true);
}

/** One word: whitespace is kept (ENV values, WORKDIR paths with spaces). */
export function processWord(text: string, lookup: Lookup, escape = '\\'): string {
  return lex(text, lookup, escape, false).join('');
}

function lex(text: string, lookup: Lookup, escape: string, split: boolean): string[] {
  const s = new Scanner(text);
  const words: string[] = [];
  let current = '';
  let inWord = false;
  while (!s.done()) {
    const ch = s.next() as string;
    if (split && /\s/.test(ch)) {
      if (inWord) words.push(current);
      current = '';
      inWord = false;
      continue;
    }
    inWord = true;
    if (ch === escape) {
      const nextCh = s.next();
      current += nextCh ?? '';
    } else if (ch === "'") {
      current += singleQuoted(s);
    } else if (ch === '"') {
      current += doubleQuoted(s, lookup, escape);
    } else if (ch === '$') {
      current += variable(s, lookup, escape);
    } else {
      current += ch;
    }
  }
  if (inWord) words.push(current);
  return words;
}

function singleQuoted(s: Scanner): string {
  let out = '';
  for (;;) {
    const ch = s.next();
    if (ch === undefined) throw new WordError('unterminated single quote');
    if (ch === "'") return out;
    out += ch;
  }
}

function doubleQuoted(s: Scanner, lookup: Lookup, escape: string): string {
  let out = '';
  for (;;) {
    const ch = s.next();
    if (ch === undefined) throw new WordError('unterminated double quote');
    if (ch === '"') return out;
    if (ch === escape) {
      const peek = s.peek();
      if (peek === '"' || peek === '$' || peek === escape) out += s.next();
      else out += ch;
    } else if (ch === '$') {
      out += variable(s, lookup, escape);
    } else {
      out += ch;
    }
  }
}

const NAME_CHAR = /[A-Za-z0-9_]/;

function variable(s: Scanner, lookup: Lookup, escape: string): string {
  const first = s.peek();
  if (first === '{') {
    s.next();
    let name = '';
    while (s.peek() !== undefined && NAME_CHAR.test(s.peek() as string)) name += s.next();
    const after = s.next();
    if (after === '}') return lookup(name) ?? '';
    let modifier = after ?? '';
    if (modifier === ':') modifier += s.next() ?? '';
    // The word after the modifier may itself hold variables and quotes, up to the closing brace.
    let depth = 0;
    let raw = '';
    for (;;) {
      const ch = s.next();
      if (ch === undefined) throw new WordError(`missing } in \${${name}`);
      if (ch === '}' && depth === 0) break;
      if (ch === '{') depth++;
      if (ch === '}') depth--;
      raw += ch;
    }
    const word = processWord(raw, lookup, escape);
    const value = lookup(name);
    switch (modifier) {
      case ':-':
        return value ? value : word;
      case '-':
        return value ?? word;
      case ':+':
        return value ? word : '';
      case '+':
        return value !== undefined ? word : '';
      case ':?':
      case '?':
        if (value === undefined || (modifier === ':?' && value === '')) {
          throw new WordError(`${name}: ${word || 'is not set'}`);
        }
        return value;
      default:
        throw new WordError(`unsupported modifier "${modifier}" in \${${name}...}`);
    }
  }
  let name = '';
  while (s.peek() !== undefined && NAME_CHAR.test(s.peek() as string)) name += s.next();
  if (name === '') return '$';
  return lookup(name) ?? '';
}
