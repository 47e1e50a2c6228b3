/**
 * PEP 508 environment markers, evaluated for a target image rather than for the running
 * interpreter. Hand-written because no marker library is among the project's dependencies; it
 * follows packaging 24.0 (`packaging/markers.py`, `_parser.py`) for the grammar and covers the
 * whole marker language except `===` (arbitrary equality, compared as strings).
 *
 * Supported variables and their values for a target: python_version ("3.11"),
 * python_full_version (the base's PYTHON_VERSION, else "3.11.0"), sys_platform ("linux"),
 * platform_system ("Linux"), os_name ("posix"), platform_machine ("x86_64" / "aarch64" / …),
 * implementation_name ("cpython"), platform_python_implementation ("CPython"),
 * implementation_version (= python_full_version), platform_release and platform_version ("":
 * unknown for an image), extra and dependency_groups (the caller's, default none).
 */
import { InputError } from '../../core/errors';
import { versionMatches } from './versions';

export interface MarkerEnvironment {
  python_version: string;
  python_full_version: string;
  sys_platform: string;
  platform_system: string;
  os_name: string;
  platform_machine: string;
  implementation_name: string;
  platform_python_implementation: string;
  implementation_version: string;
  platform_release: string;
  platform_version: string;
  /** Requested extras of the package whose dependency this marker guards. */
  extras: readonly string[];
  /** PEP 751 `dependency_groups`: the groups asked for (default ["default"]... see lock.ts). */
  dependency_groups: readonly string[];
}

type Token =
  | { kind: 'string'; value: string }
  | { kind: 'name'; value: string }
  | { kind: 'op'; value: string }
  | { kind: 'paren'; value: '(' | ')' };

const VARIABLES = new Set([
  'python_version',
  'python_full_version',
  'sys_platform',
  'platform_system',
  'os_name',
  'platform_machine',
  'implementation_name',
  'platform_python_implementation',
  'implementation_version',
  'platform_release',
  'platform_version',
  'extra',
  'extras',
  'dependency_groups',
  // Old spellings packaging still accepts (PEP 345).
  'os.name',
  'sys.platform',
  'platform.version',
  'platform.machine',
  'platform.python_implementation',
  'python_implementation',
]);
const ALIASES: Record<string, string> = {
  'os.name': 'os_name',
  'sys.platform': 'sys_platform',
  'platform.version': 'platform_version',
  'platform.machine': 'platform_machine',
  'platform.python_implementation': 'platform_python_implementation',
  python_implementation: 'platform_python_implementation',
};
const VERSION_VARIABLES = new Set([
  'python_version',
  'python_full_version',
  'implementation_version',
]);

function tokenize(marker: string, where: string): Token[] {
  const tokens: Token[] = [];
  const re =
    /\s*(?:(['"])(.*?)\1|(===|==|!=|<=|>=|~=|<|>)|(not\s+in\b)|([()])|([A-Za-z_][A-Za-z0-9_.]*))/y;
  let pos = 0;
  while (pos < marker.length) {
    if (/^\s*$/.test(marker.slice(pos))) break;
    re.lastIndex = pos;
    const m = re.exec(marker);
    if (!m) throw badMarker(marker, where, `unexpected text at "${marker.slice(pos)}"`);
    pos = re.lastIndex;
    if (m[1] !== undefined) tokens.push({ kind: 'string', value: m[2] });
    else if (m[3] !== undefined) tokens.push({ kind: 'op', value: m[3] });
    else if (m[4] !== undefined) tokens.push({ kind: 'op', value: 'not in' });
    else if (m[5] !== undefined) tokens.push({ kind: 'paren', value: m[5] as '(' | ')' });
    else if (m[6] === 'in') tokens.push({ kind: 'op', value: 'in' });
    else tokens.push({ kind: 'name', value: m[6] });
  }
  return tokens;
}

function badMarker(marker: string, where: string, why: string): InputError {
  return new InputError(
    `The environment marker "${marker}" in ${where} cannot be read (${why}); write it as PEP 508 describes, e.g. python_version >= "3.10" and sys_platform == "linux"`,
  );
}

/** Whether `marker` holds for `env`; an empty marker always holds. `where` names it in errors. */
export function evaluateMarker(marker: string, env: MarkerEnvironment, where: string): boolean {
  const tokens = tokenize(marker, where);
  if (tokens.length === 0) return true;
  let i = 0;
  const peek = (): Token | undefined => tokens[i];
  const fail = (why: string): never => {
    throw badMarker(marker, where, why);
  };

  const value = (): { variable?: string; literal?: string } => {
    const t = tokens[i++];
    if (!t) return fail('it ends too early');
    if (t.kind === 'string') return { literal: t.value };
    if (t.kind === 'name' && VARIABLES.has(t.value))
      return { variable: ALIASES[t.value] ?? t.value };
    return fail(`"${t.value}" is not a marker variable or a quoted string`);
  };
  const comparison = (): boolean => {
    const t = peek();
    if (t?.kind === 'paren' && t.value === '(') {
      i++;
      const result = orExpr();
      const close = tokens[i++];
      if (close?.kind !== 'paren' || close.value !== ')') fail('a "(" is not closed');
      return result;
    }
    const left = value();
    const op = tokens[i++];
    if (op?.kind !== 'op') return fail('a comparison operator is missing');
    const right = value();
    return compare(left, op.value, right, env, () => fail(`"${op.value}" cannot compare these`));
  };
  const andExpr = (): boolean => {
    let result = comparison();
    while (peek()?.kind === 'name' && peek()?.value === 'and') {
      i++;
      const next = comparison();
      result = result && next;
    }
    return result;
  };
  const orExpr = (): boolean => {
    let result = andExpr();
    while (peek()?.kind === 'name' && peek()?.value === 'or') {
      i++;
      const next = andExpr();
      result = result || next;
    }
    return result;
  };
  const result = orExpr();
  if (i !== tokens.length) fail(`unexpected "${tokens[i].value}"`);
  return result;
}

function compare(
  left: { variable?: string; literal?: string },
  op: string,
  right: { variable?: string; literal?: string },
  env: MarkerEnvironment,
  fail: () => never,
): boolean {
  // `extra == "x"` and `"x" in extras` / `"g" in dependency_groups` test set membership.
  const set = (variable: string | undefined): readonly string[] | undefined =>
    variable === 'extra' || variable === 'extras'
      ? env.extras
      : variable === 'dependency_groups'
        ? env.dependency_groups
        : undefined;
  const leftSet = set(left.variable);
  const rightSet = set(right.variable);
  if (leftSet || rightSet) {
    const members = (leftSet ?? rightSet ?? []).map(normalizeName);
    const other = normalizeName(left.literal ?? right.literal ?? fail());
    if (left.variable === 'extra' || right.variable === 'extra') {
      if (op === '==') return members.includes(other);
      if (op === '!=') return !members.includes(other);
      return fail();
    }
    if (op === 'in' && rightSet) return members.includes(other);
    if (op === 'not in' && rightSet) return !members.includes(other);
    return fail();
  }
  const resolve = (v: { variable?: string; literal?: string }): string =>
    v.literal ?? String(env[v.variable as keyof MarkerEnvironment]);
  const a = resolve(left);
  const b = resolve(right);
  const isVersion =
    VERSION_VARIABLES.has(left.variable ?? '') || VERSION_VARIABLES.has(right.variable ?? '');
  switch (op) {
    case 'in':
      return b.includes(a);
    case 'not in':
      return !b.includes(a);
    case '===':
      return a === b;
  }
  if (isVersion && /^\d/.test(a) && /^\d/.test(b)) {
    // packaging: `<version variable> op "spec"` is the specifier `op spec` applied to the version.
    return left.variable ? versionMatches(a, op, b) : versionMatches(b, flip(op), a);
  }
  switch (op) {
    case '==':
      return a === b;
    case '!=':
      return a !== b;
    case '<':
      return a < b;
    case '<=':
      return a <= b;
    case '>':
      return a > b;
    case '>=':
      return a >= b;
    default:
      // ~= needs versions on both sides
      return fail();
  }
}

function flip(op: string): string {
  return { '<': '>', '>': '<', '<=': '>=', '>=': '<=' }[op] ?? op;
}

/** PEP 503 name normalisation: runs of -, _ and . become "-", lower case. */
export function normalizeName(name: string): string {
  return name.replace(/[-_.]+/g, '-').toLowerCase();
}
