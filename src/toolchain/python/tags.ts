/**
 * Wheel file names (PEP 427, with PEP 491's build tag) and the tags a target supports (PEP 425,
 * the platform tags of PEP 600 manylinux and PEP 656 musllinux), in the order of preference
 * packaging 24.0 `tags.py` gives them (`cpython_tags`, then `compatible_tags`). Hand-written:
 * packaging is a Python library, and the rules are short.
 */
import type { MarkerEnvironment } from './markers';
import { normalizeName } from './markers';

export interface WheelName {
  /** Normalised distribution name (PEP 503). */
  name: string;
  version: string;
  build?: string;
  /** Every (python, abi, platform) triple the compressed tag set expands to. */
  tags: string[];
}

/** `pkg-1.0-cp311-cp311-manylinux_2_17_x86_64.manylinux2014_x86_64.whl` → its parts; else undefined. */
export function parseWheelName(filename: string): WheelName | undefined {
  if (!filename.endsWith('.whl')) return undefined;
  const parts = filename.slice(0, -4).split('-');
  if (parts.length !== 5 && parts.length !== 6) return undefined;
  const [name, version] = parts;
  const build = parts.length === 6 ? parts[2] : undefined;
  const [pythons, abis, platforms] = parts.slice(-3).map((p) => p.split('.'));
  const tags: string[] = [];
  for (const py of pythons)
    for (const abi of abis) for (const plat of platforms) tags.push(`${py}-${abi}-${plat}`);
  return { name: normalizeName(name), version, ...(build ? { build } : {}), tags };
}

/** The Python a target image runs, as far as wheel selection and installation care. */
export interface TargetPython {
  /** "3.11" */
  version: string;
  /** "3.11.7" when the base says (PYTHON_VERSION), else the version with ".0". */
  fullVersion: string;
  /** "cp311" */
  abi: string;
  /** glibc (manylinux) or musl (musllinux). */
  libc: 'glibc' | 'musl';
  /** Highest glibc "2.X" or musl "1.X" the base provides. */
  libcVersion: string;
  /** Where wheels are unpacked: "/usr/local/lib/python3.11/site-packages". */
  sitePackages: string;
  /** The base's interpreter, for console-script shebangs: "/usr/local/bin/python3". */
  interpreter: string;
  /** The install scheme's prefix ("/usr/local"): scripts go to <prefix>/bin, data to <prefix>. */
  prefix: string;
}

/** Linux machine names of OCI architectures (what platform_machine and the tags use). */
const MACHINES: Record<string, string> = {
  amd64: 'x86_64',
  arm64: 'aarch64',
  '386': 'i686',
  ppc64le: 'ppc64le',
  s390x: 's390x',
  arm: 'armv7l',
  riscv64: 'riscv64',
};

/** "amd64" → "x86_64"; undefined for an architecture wheels have no tag for. */
export function machineOf(architecture: string): string | undefined {
  return MACHINES[architecture];
}

/** The first glibc minor each architecture's manylinux tags start at (PEP 600, packaging). */
function firstGlibcMinor(machine: string): number {
  return machine === 'x86_64' || machine === 'i686' ? 5 : 17;
}

/** Platform tags in order of preference: the most specific libc version first, linux_* last. */
export function platformTags(target: TargetPython, machine: string): string[] {
  const [major, minor] = target.libcVersion.split('.').map(Number);
  const tags: string[] = [];
  if (target.libc === 'musl') {
    for (let m = minor; m >= 0; m--) tags.push(`musllinux_${major}_${m}_${machine}`);
  } else {
    const legacy: Record<number, string> = {
      17: 'manylinux2014',
      12: 'manylinux2010',
      5: 'manylinux1',
    };
    for (let m = minor; m >= firstGlibcMinor(machine); m--) {
      tags.push(`manylinux_${major}_${m}_${machine}`);
      const alias = legacy[m];
      // manylinux2010/manylinux1 only ever existed for x86_64 and i686.
      if (alias && (m === 17 || machine === 'x86_64' || machine === 'i686'))
        tags.push(`${alias}_${machine}`);
    }
  }
  tags.push(`linux_${machine}`);
  return tags;
}

/** Every tag the target accepts, best first (packaging `sys_tags` for CPython on Linux). */
export function supportedTags(target: TargetPython, machine: string): string[] {
  const platforms = platformTags(target, machine);
  const [major, minor] = target.version.split('.').map(Number);
  const cp = `cp${major}${minor}`;
  const tags: string[] = [];
  for (const abi of [target.abi, 'abi3', 'none'])
    for (const p of platforms) tags.push(`${cp}-${abi}-${p}`);
  for (let m = minor - 1; m >= 2; m--)
    for (const p of platforms) tags.push(`cp${major}${m}-abi3-${p}`);
  const pys = [`py${major}${minor}`, `py${major}`];
  for (let m = minor - 1; m >= 0; m--) pys.push(`py${major}${m}`);
  for (const py of pys) for (const p of platforms) tags.push(`${py}-none-${p}`);
  tags.push(`${cp}-none-any`);
  for (const py of pys) tags.push(`${py}-none-any`);
  return tags;
}

/**
 * The rank of a wheel for a target (lower is better), or undefined when none of its tags fit.
 * `ranks` is supportedTags(...) turned into a map once per target.
 */
export function wheelRank(
  wheel: WheelName,
  ranks: ReadonlyMap<string, number>,
): number | undefined {
  let best: number | undefined;
  for (const tag of wheel.tags) {
    const rank = ranks.get(tag);
    if (rank !== undefined && (best === undefined || rank < best)) best = rank;
  }
  return best;
}

/** The marker environment of a target (see markers.ts for the variables). */
export function markerEnvironment(
  target: TargetPython,
  machine: string,
  extras: readonly string[] = [],
): MarkerEnvironment {
  return {
    python_version: target.version,
    python_full_version: target.fullVersion,
    sys_platform: 'linux',
    platform_system: 'Linux',
    os_name: 'posix',
    platform_machine: machine,
    implementation_name: 'cpython',
    platform_python_implementation: 'CPython',
    implementation_version: target.fullVersion,
    platform_release: '',
    platform_version: '',
    extras,
    dependency_groups: [],
  };
}
