/**
 * Which Python a base image runs, learned without running it: from its config's Env
 * (PYTHON_VERSION, set by the official `python:*` images and so by Airbyte's
 * python-connector-base) or from the paths its layers hold (Debian/Ubuntu's /usr/lib/python3.X
 * for a system Python, as in the Function Mesh Python runner; /usr/local/lib/python3.X/site-packages
 * for a Python built into /usr/local). Musl is recognised by /lib/ld-musl-<machine>.so.1.
 */
import { InputError } from '../../core/errors';
import type { TargetPython } from './tags';

export interface BaseFacts {
  /** The base's config Env, "KEY=value" lines. */
  env?: readonly string[];
  /** Paths the base holds (any subset that includes the Python and libc ones), with or without a leading slash. */
  paths?: readonly string[];
  /** Override: "glibc" or "musl". */
  libc?: 'glibc' | 'musl';
  /** Override: the highest libc version ("2.36", "1.2"). */
  libcVersion?: string;
  /** Names the base in errors ("docker.io/airbyte/python-connector-base:4.0.0"). */
  label?: string;
}

/**
 * glibc assumed when the base's paths do not show it (glibc ≥ 2.34 no longer ships a versioned
 * libc-2.X.so): 2.31 is Debian 11's, the oldest distribution current Python bases use.
 */
export const DEFAULT_GLIBC = '2.31';
/** musl assumed for a musl base: Alpine 3.13 onwards ships 1.2. */
export const DEFAULT_MUSL = '1.2';

export function targetPythonFromBase(facts: BaseFacts): TargetPython {
  const paths = (facts.paths ?? []).map((p) => `/${p.replace(/^\/+/, '').replace(/\/+$/, '')}`);
  const libc =
    facts.libc ?? (paths.some((p) => /^\/lib\/ld-musl-[^/]+\.so\.1$/.test(p)) ? 'musl' : 'glibc');
  const libcVersion =
    facts.libcVersion ??
    (libc === 'musl' ? DEFAULT_MUSL : (glibcFromPaths(paths) ?? DEFAULT_GLIBC));

  const fromEnv = (facts.env ?? [])
    .map((line) => /^PYTHON_VERSION=(\d+)\.(\d+)(\.\d+)?/.exec(line))
    .find((m) => m !== null);
  if (fromEnv) {
    const version = `${fromEnv[1]}.${fromEnv[2]}`;
    return target(version, `${version}${fromEnv[3] ?? '.0'}`, libc, libcVersion, 'local');
  }
  const versions = (re: RegExp): string[] =>
    paths.flatMap((p) => {
      const m = re.exec(p);
      return m ? [m[1]] : [];
    });
  const newest = (list: string[]): string | undefined =>
    list.sort((a, b) => Number(b.split('.')[1]) - Number(a.split('.')[1]))[0];
  const local = newest(versions(/^\/usr\/local\/lib\/python(3\.\d+)(?:\/site-packages)?$/));
  const local_has_site = local && paths.includes(`/usr/local/lib/python${local}/site-packages`);
  if (local && local_has_site) return target(local, `${local}.0`, libc, libcVersion, 'local');
  const system = newest(versions(/^\/usr\/lib\/python(3\.\d+)$/));
  if (system) return target(system, `${system}.0`, libc, libcVersion, 'system');
  if (local) return target(local, `${local}.0`, libc, libcVersion, 'local');
  throw new InputError(
    `The base image${facts.label ? ` ${facts.label}` : ''} shows no Python 3 (no PYTHON_VERSION in its config Env, no /usr/lib/python3.X or /usr/local/lib/python3.X/site-packages); use a base image with Python 3, such as python:3.11-slim`,
  );
}

/**
 * `local`: a Python installed under /usr/local (python:* images), which reads
 * /usr/local/lib/python3.X/site-packages. `system`: Debian's /usr/bin/python3, whose site module
 * puts /usr/local/lib/python3.X/dist-packages first on sys.path (that is where `pip install`
 * as root puts packages); /usr/lib/python3/dist-packages is for Debian's own packages.
 */
function target(
  version: string,
  fullVersion: string,
  libc: 'glibc' | 'musl',
  libcVersion: string,
  kind: 'local' | 'system',
): TargetPython {
  return {
    version,
    fullVersion,
    abi: `cp${version.replace('.', '')}`,
    libc,
    libcVersion,
    sitePackages:
      kind === 'local'
        ? `/usr/local/lib/python${version}/site-packages`
        : `/usr/local/lib/python${version}/dist-packages`,
    interpreter: kind === 'local' ? '/usr/local/bin/python3' : '/usr/bin/python3',
    prefix: '/usr/local',
  };
}

/** glibc before 2.34 ships /lib/<triplet>/libc-2.X.so: its name gives the version. */
function glibcFromPaths(paths: readonly string[]): string | undefined {
  for (const p of paths) {
    const m = /\/libc-(2\.\d+)\.so$/.exec(p);
    if (m) return m[1];
  }
  return undefined;
}
