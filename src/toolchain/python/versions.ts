/**
 * The part of PEP 440 that marker evaluation needs: comparing versions and single specifiers
 * (`<`, `<=`, `>`, `>=`, `==` with `.*`, `!=`, `~=`). Hand-written (no PEP 440 library among the
 * dependencies; semver's rules differ), after packaging 24.0 `version.py` / `specifiers.py`:
 * epoch, release, pre (a/b/rc), post and dev segments; local versions are ignored.
 */

interface ParsedVersion {
  epoch: number;
  release: number[];
  /** [rank, n]: dev-only release < a < b < rc < final. */
  pre: [number, number];
  post: number;
  dev: number;
}

const PRE_RANK: Record<string, number> = {
  a: 1,
  alpha: 1,
  b: 2,
  beta: 2,
  c: 3,
  rc: 3,
  pre: 3,
  preview: 3,
};
const FINAL = 4;

function parse(version: string): ParsedVersion | undefined {
  const m =
    /^\s*v?(?:(\d+)!)?(\d+(?:\.\d+)*)(?:[-_.]?(a|b|c|rc|alpha|beta|pre|preview)[-_.]?(\d*))?(?:-(\d+)|[-_.]?(?:post|rev|r)[-_.]?(\d*))?(?:[-_.]?dev[-_.]?(\d*))?(?:\+[a-z0-9.]+)?\s*$/i.exec(
      version,
    );
  if (!m) return undefined;
  const dev = m[7] !== undefined ? Number(m[7] || 0) : Infinity;
  const pre: [number, number] =
    m[3] !== undefined
      ? [PRE_RANK[m[3].toLowerCase()], Number(m[4] || 0)]
      : // A dev release with no pre/post sorts before the release's pre-releases.
        dev !== Infinity && m[5] === undefined && m[6] === undefined
        ? [0, 0]
        : [FINAL, 0];
  const post = m[5] !== undefined ? Number(m[5]) : m[6] !== undefined ? Number(m[6] || 0) : -1;
  return { epoch: Number(m[1] ?? 0), release: m[2].split('.').map(Number), pre, post, dev };
}

/** <0, 0, >0 like a sort comparator; unparsable versions compare as strings. */
export function compareVersions(a: string, b: string): number {
  const x = parse(a);
  const y = parse(b);
  if (!x || !y) return a < b ? -1 : a > b ? 1 : 0;
  const steps = [
    x.epoch - y.epoch,
    compareRelease(x.release, y.release),
    x.pre[0] - y.pre[0],
    x.pre[1] - y.pre[1],
    x.post - y.post,
  ];
  for (const d of steps) if (d !== 0) return d;
  return x.dev === y.dev ? 0 : x.dev < y.dev ? -1 : 1;
}

function compareRelease(a: number[], b: number[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/** Whether `version` satisfies the single specifier `op spec`. */
export function versionMatches(version: string, op: string, spec: string): boolean {
  if ((op === '==' || op === '!=') && spec.endsWith('.*')) {
    const prefix = spec.slice(0, -2).split('.').map(Number);
    const release = parse(version)?.release ?? [];
    const same = prefix.every((n, i) => (release[i] ?? 0) === n);
    return op === '==' ? same : !same;
  }
  const c = compareVersions(version, spec);
  switch (op) {
    case '==':
      return c === 0;
    case '!=':
      return c !== 0;
    case '<':
      return c < 0;
    case '<=':
      return c <= 0;
    case '>':
      return c > 0;
    case '>=':
      return c >= 0;
    case '~=': {
      const release = parse(spec)?.release ?? [];
      const prefix = release.slice(0, Math.max(1, release.length - 1)).join('.');
      return c >= 0 && versionMatches(version, '==', `${prefix}.*`);
    }
    default:
      return false;
  }
}
