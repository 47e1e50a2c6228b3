import { posix } from 'node:path';
import { InputError } from '../core/errors';

/**
 * `.dockerignore` as docker reads it: a port of moby/patternmatcher v0.6.1 (ignorefile.ReadAll,
 * New, Pattern.compile/match, MatchesOrParentMatches). Hand-written because no maintained port
 * is among the project's dependencies (the matcher is ~100 lines, and gitignore libraries differ:
 * docker anchors every pattern at the context root and has no trailing-slash rule).
 */

type MatchType = 'exact' | 'prefix' | 'suffix' | 'regexp';

interface Pattern {
  exclusion: boolean;
  cleaned: string;
  type: MatchType;
  regexp?: RegExp;
}

/** Go's path.Clean (the pattern's separators are already slashes). */
function clean(p: string): string {
  const rooted = p.startsWith('/');
  const out = posix.normalize(p).replace(/\/+$/, '');
  if (out === '' || out === '.') return rooted ? '/' : '.';
  return out;
}

/** The lines of a .dockerignore file as ignorefile.ReadAll returns them. */
export function readDockerignore(text: string): string[] {
  const patterns: string[] = [];
  for (const [index, raw] of text.split(/\r?\n/).entries()) {
    const line = index === 0 ? raw.replace(/^\uFEFF/, '') : raw;
    if (line.startsWith('#')) continue;
    let pattern = line.trim();
    if (pattern === '') continue;
    const invert = pattern.startsWith('!');
    if (invert) pattern = pattern.slice(1).trim();
    if (pattern.length > 0) {
      pattern = clean(pattern);
      if (pattern.length > 1 && pattern.startsWith('/')) pattern = pattern.slice(1);
    }
    patterns.push(invert ? `!${pattern}` : pattern);
  }
  return patterns;
}

function compile(cleaned: string): Pick<Pattern, 'type' | 'regexp'> {
  let re = '^';
  let type: MatchType = 'exact';
  const chars = [...cleaned];
  // `step` is moby's loop counter (one per token), `i` the position in the pattern.
  for (let i = 0, step = 0; i < chars.length; i++, step++) {
    const ch = chars[i];
    if (ch === '*') {
      if (chars[i + 1] === '*') {
        i++;
        if (chars[i + 1] === '/') i++;
        if (i + 1 >= chars.length) {
          if (type === 'exact') type = 'prefix';
          else {
            re += '.*';
            type = 'regexp';
          }
        } else {
          re += '(.*/)?';
          type = 'regexp';
        }
        if (step === 0) type = 'suffix';
      } else {
        re += '[^/]*';
        type = 'regexp';
      }
    } else if (ch === '?') {
      re += '[^/]';
      type = 'regexp';
    } else if ('.+()|{}$'.includes(ch)) {
      re += `\\${ch}`;
    } else if (ch === '\\') {
      if (i + 1 < chars.length) {
        i++;
        re += `\\${chars[i]}`;
        type = 'regexp';
      } else {
        re += '\\\\';
      }
    } else if (ch === '[' || ch === ']') {
      re += ch;
      type = 'regexp';
    } else {
      re += ch;
    }
  }
  if (type !== 'regexp') return { type };
  try {
    return { type, regexp: new RegExp(`${re}$`, 'u') };
  } catch {
    throw new InputError(`.dockerignore pattern "${cleaned}" is not a valid pattern; fix it.`);
  }
}

function matches(p: Pattern, path: string): boolean {
  switch (p.type) {
    case 'exact':
      return path === p.cleaned;
    case 'prefix':
      return path.startsWith(p.cleaned.slice(0, -2));
    case 'suffix': {
      const suffix = p.cleaned.slice(2);
      if (path.endsWith(suffix)) return true;
      return suffix.startsWith('/') && path === suffix.slice(1);
    }
    case 'regexp':
      return p.regexp!.test(path);
  }
}

/** Decides, for slash-separated paths relative to the context root, whether docker leaves them out. */
export class IgnoreMatcher {
  private readonly patterns: Pattern[] = [];
  /** Whether some pattern starts with "!": an excluded folder may then hold included files. */
  readonly hasExceptions: boolean;

  constructor(lines: readonly string[]) {
    for (const line of lines) {
      let p = line.trim();
      if (p === '') continue;
      p = clean(p);
      const exclusion = p.startsWith('!');
      if (exclusion) {
        if (p.length === 1)
          throw new InputError('.dockerignore has a line "!" alone; give a pattern after "!".');
        p = p.slice(1);
      }
      this.patterns.push({ exclusion, cleaned: p, ...compile(p) });
    }
    this.hasExceptions = this.patterns.some((p) => p.exclusion);
  }

  /** MatchesOrParentMatches: the last pattern that matches the path or one of its parents wins. */
  ignores(path: string): boolean {
    let matched = false;
    const parent = posix.dirname(path);
    const parentDirs = parent.split('/');
    for (const pattern of this.patterns) {
      if (pattern.exclusion !== matched) continue;
      let match = matches(pattern, path);
      if (!match && parent !== '.') {
        for (let i = 0; i < parentDirs.length && !match; i++)
          match = matches(pattern, parentDirs.slice(0, i + 1).join('/'));
      }
      if (match) matched = !pattern.exclusion;
    }
    return matched;
  }

  /** Whether a "!" pattern names this path (or a parent) itself: how a user lists a file explicitly. */
  includesExplicitly(path: string): boolean {
    const parentDirs = path.split('/');
    return this.patterns.some(
      (p) =>
        p.exclusion && parentDirs.some((_, i) => matches(p, parentDirs.slice(0, i + 1).join('/'))),
    );
  }
}
