/**
 * The names a Python module defines at its top level, found without running it: `def`, `async def`
 * and `class` statements and simple assignments (`name = …`, `name: T = …`), also inside top-level
 * `if`/`try`/`with`/`for`/`while` blocks (which still bind module attributes), never inside a
 * function or class body. Strings (all prefixes, triple quotes), comments, bracket and backslash
 * continuations are skipped the way Python's tokenizer does.
 *
 * Hand-written: there is no maintained npm package that parses Python 3 syntax (the tree-sitter
 * grammars need native or WASM builds), and Pulsar only needs `getattr(module, name)` to succeed.
 */

interface LogicalLine {
  indent: number;
  /** The code with string bodies blanked and comments removed. */
  code: string;
}

function logicalLines(source: string): LogicalLine[] {
  const lines: LogicalLine[] = [];
  let code = '';
  let indent = -1;
  let depth = 0;
  let atLineStart = true;
  let column = 0;
  const text = source.replace(/\r\n?/g, '\n');
  const flush = (): void => {
    if (code.trim() !== '' && indent >= 0) lines.push({ indent, code: code.trim() });
    code = '';
    indent = -1;
  };
  for (let i = 0; i < text.length;) {
    const c = text[i];
    if (atLineStart) {
      // Indentation of a new logical line: tabs to the next multiple of 8, as Python does.
      column = 0;
      while (text[i] === ' ' || text[i] === '\t' || text[i] === '\f') {
        column = text[i] === '\t' ? (Math.floor(column / 8) + 1) * 8 : column + 1;
        i++;
      }
      atLineStart = false;
      if (text[i] === '\n' || text[i] === '#' || i >= text.length) continue;
      if (indent < 0) indent = column;
      continue;
    }
    if (c === '#') {
      while (i < text.length && text[i] !== '\n') i++;
      continue;
    }
    if (c === '\\' && text[i + 1] === '\n') {
      i += 2;
      continue;
    }
    if (c === '\n') {
      i++;
      if (depth > 0) continue;
      flush();
      atLineStart = true;
      continue;
    }
    if (c === '"' || c === "'") {
      // Any quote outside a string opens one; a prefix (r, b, f, rb, …) only changes escapes,
      // and a backslash keeps the next character inside the string even in a raw string.
      const triple = text.startsWith(c.repeat(3), i);
      const quote = triple ? c.repeat(3) : c;
      i += quote.length;
      for (;;) {
        if (i >= text.length) break;
        if (text.startsWith(quote, i)) {
          i += quote.length;
          break;
        }
        if (!triple && text[i] === '\n') break; // unterminated: Python's error to report, not ours
        i += text[i] === '\\' ? 2 : 1;
      }
      code += '""';
      continue;
    }
    if ('([{'.includes(c)) depth++;
    else if (')]}'.includes(c)) depth = Math.max(0, depth - 1);
    code += c;
    i++;
  }
  flush();
  return lines;
}

const DEFINITION = /^(?:async\s+)?(?:def|class)\s+([A-Za-z_]\w*)/;
const ASSIGNMENT = /^([A-Za-z_]\w*)\s*(?::[^=]*)?=(?!=)/;
const SCOPE = /^(?:async\s+)?(?:def|class)\b/;

/** Top-level names of a Python module, in the order they appear. */
export function moduleTopLevelNames(source: string): string[] {
  const names: string[] = [];
  // Open blocks: their indentation and whether they start a new scope (def/class).
  const blocks: { indent: number; scope: boolean }[] = [];
  for (const line of logicalLines(source)) {
    while (blocks.length > 0 && blocks[blocks.length - 1].indent >= line.indent) blocks.pop();
    const inScope = blocks.some((b) => b.scope);
    const statement = line.code.replace(/^@.*$/, '');
    if (!inScope) {
      const name = DEFINITION.exec(statement)?.[1] ?? ASSIGNMENT.exec(statement)?.[1];
      if (name && !names.includes(name)) names.push(name);
    }
    if (/:\s*$/.test(statement) || SCOPE.test(statement)) {
      blocks.push({ indent: line.indent, scope: SCOPE.test(statement) });
    }
  }
  return names;
}
