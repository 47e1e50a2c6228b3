/**
 * Parses `WWW-Authenticate` (RFC 7235 challenges):
 *
 *   Bearer realm="https://auth.example/token",service="registry.example",scope="repository:a:pull"
 *   Basic realm="Registry", Bearer realm="…"
 *
 * Hand-written because no maintained npm library parses this header (the few that exist are
 * unmaintained or handle only one scheme), and the grammar is small: scheme, then comma-separated
 * name=value pairs whose values are tokens or quoted strings with backslash escapes. A comma can
 * appear inside a quoted value (scope="repository:a:pull,push"), and a new challenge starts where
 * a bare token is not followed by "=".
 */

export interface Challenge {
  /** Lowercased scheme: "bearer", "basic". */
  scheme: string;
  /** Parameter names lowercased; values unquoted. */
  params: Record<string, string>;
}

const TOKEN_CHAR = /[!#$%&'*+\-.^_`|~0-9A-Za-z]/;

class Scanner {
  pos = 0;
  constructor(readonly text: string) {}

  done(): boolean {
    return this.pos >= this.text.length;
  }

  skipSpace(): void {
    while (!this.done() && /[ \t]/.test(this.text[this.pos])) this.pos++;
  }

  skipSeparators(): void {
    while (!this.done() && /[ \t,]/.test(this.text[this.pos])) this.pos++;
  }

  peek(): string | undefined {
    return this.text[this.pos];
  }

  token(): string {
    const start = this.pos;
    // token68 values (Basic's base64 blobs) may also contain "/" and trailing "="
    while (!this.done() && (TOKEN_CHAR.test(this.peek() as string) || this.peek() === '/')) {
      this.pos++;
    }
    return this.text.slice(start, this.pos);
  }

  quoted(): string {
    // assumes peek() === '"'
    this.pos++;
    let out = '';
    while (!this.done()) {
      const c = this.text[this.pos++];
      if (c === '"') return out;
      if (c === '\\' && !this.done()) {
        out += this.text[this.pos++];
      } else {
        out += c;
      }
    }
    return out; // unterminated: take what there is
  }
}

export function parseChallenges(header: string | string[] | undefined): Challenge[] {
  if (header === undefined) return [];
  const headers = Array.isArray(header) ? header : [header];
  const out: Challenge[] = [];
  for (const h of headers) out.push(...parseOne(h));
  return out;
}

function parseOne(text: string): Challenge[] {
  const s = new Scanner(text);
  const out: Challenge[] = [];
  let current: Challenge | undefined;
  while (true) {
    s.skipSeparators();
    if (s.done()) break;
    const start = s.pos;
    const word = s.token();
    if (word === '') {
      s.pos++; // a character that belongs nowhere: skip it rather than loop
      continue;
    }
    s.skipSpace();
    if (s.peek() === '=' && current !== undefined) {
      s.pos++;
      s.skipSpace();
      const value = s.peek() === '"' ? s.quoted() : s.token();
      current.params[word.toLowerCase()] = value;
      continue;
    }
    if (s.peek() === '=' && current === undefined) {
      s.pos = start; // a parameter before any scheme: malformed, skip the pair
      s.token();
      s.pos++;
      if (s.peek() === '"') s.quoted();
      else s.token();
      continue;
    }
    current = { scheme: word.toLowerCase(), params: {} };
    out.push(current);
  }
  return out;
}

/** The challenge to answer: Bearer wins over Basic (registries that offer both prefer tokens). */
export function preferredChallenge(challenges: readonly Challenge[]): Challenge | undefined {
  return (
    challenges.find((c) => c.scheme === 'bearer') ?? challenges.find((c) => c.scheme === 'basic')
  );
}
