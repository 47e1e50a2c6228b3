/**
 * Platforms ("linux/arm64/v8"): parsing, formatting, normalisation and matching. Normalisation
 * follows containerd's platforms.Normalize so that "linux/aarch64", "linux/arm64" and
 * "linux/arm64/v8" name the same thing, as they do for docker and podman.
 */
import { InputError, RunError } from '../core/errors';
import { MANIFEST_MEDIA_TYPES } from './types';
import type { Descriptor, ImageConfig, Platform } from './types';

const KNOWN_OS = new Set([
  'aix',
  'android',
  'darwin',
  'dragonfly',
  'freebsd',
  'illumos',
  'ios',
  'js',
  'linux',
  'netbsd',
  'openbsd',
  'plan9',
  'solaris',
  'wasip1',
  'windows',
  'zos',
]);

const KNOWN_ARCH = new Set([
  '386',
  'amd64',
  'arm',
  'arm64',
  'loong64',
  'mips',
  'mipsle',
  'mips64',
  'mips64le',
  'ppc64',
  'ppc64le',
  'riscv64',
  's390x',
  'sparc64',
  'wasm',
]);

const VARIANT_RE = /^[a-z0-9.]+$/;

/** Normalises os, architecture and variant the way containerd does. */
export function normalizePlatform(p: Platform): Platform {
  let os = p.os.toLowerCase();
  if (os === 'macos') os = 'darwin';
  let arch = p.architecture.toLowerCase();
  let variant = p.variant?.toLowerCase() || undefined;
  switch (arch) {
    case 'i386':
      arch = '386';
      variant = undefined;
      break;
    case 'x86_64':
    case 'x86-64':
    case 'amd64':
      arch = 'amd64';
      if (variant === 'v1') variant = undefined;
      break;
    case 'aarch64':
    case 'arm64':
      arch = 'arm64';
      if (variant === '8' || variant === 'v8' || variant === 'v8.0') variant = undefined;
      break;
    case 'armhf':
      arch = 'arm';
      variant = 'v7';
      break;
    case 'armel':
      arch = 'arm';
      variant = 'v6';
      break;
    case 'arm':
      if (variant === undefined || variant === '7') variant = 'v7';
      else if (variant === '5' || variant === '6' || variant === '8') variant = `v${variant}`;
      break;
  }
  const out: Platform = { os, architecture: arch };
  if (variant !== undefined) out.variant = variant;
  if (p['os.version'] !== undefined) out['os.version'] = p['os.version'];
  if (p['os.features'] !== undefined) out['os.features'] = p['os.features'];
  return out;
}

/** "os/arch[/variant]" as users write it. */
export function formatPlatform(p: Platform): string {
  return p.variant ? `${p.os}/${p.architecture}/${p.variant}` : `${p.os}/${p.architecture}`;
}

/** Parses "linux/arm64", "linux/arm/v7", "linux/x86_64" into a normalised Platform. */
export function parsePlatform(value: string, input = 'platforms'): Platform {
  const raw = value.trim();
  const parts = raw.split('/');
  const bad = (why: string): never => {
    throw new InputError(`input "${input}": platform "${value}" ${why}`);
  };
  if (parts.length < 2 || parts.length > 3 || parts.some((part) => part === '')) {
    bad('is malformed; write os/architecture[/variant], e.g. linux/amd64 or linux/arm/v7');
  }
  const [os, architecture, variant] = parts as [string, string, string | undefined];
  const p = normalizePlatform({ os, architecture, variant });
  if (!KNOWN_OS.has(p.os)) bad(`has an unknown operating system "${os}"; most images use linux`);
  if (!KNOWN_ARCH.has(p.architecture)) {
    bad(`has an unknown architecture "${architecture}"; e.g. amd64, arm64, arm, ppc64le, s390x`);
  }
  if (p.variant !== undefined && !VARIANT_RE.test(p.variant)) {
    bad(`has an invalid variant "${variant}"; e.g. v7 or v8`);
  }
  return p;
}

/** Parses a list input of platforms, dropping duplicates (after normalisation). */
export function parsePlatforms(values: readonly string[], input = 'platforms'): Platform[] {
  const out: Platform[] = [];
  for (const value of values) {
    const p = parsePlatform(value, input);
    if (!out.some((q) => samePlatform(p, q))) out.push(p);
  }
  return out;
}

/** Attestation manifests in Docker's indexes carry the platform unknown/unknown. */
export function isUnknownPlatform(p: Platform | undefined): boolean {
  return p === undefined || (p.os === 'unknown' && p.architecture === 'unknown');
}

/** The entries of an index a build or rebase can use: image manifests with a known platform. */
export function runnableEntries(manifests: readonly Descriptor[]): Descriptor[] {
  return manifests.filter(
    (d) => MANIFEST_MEDIA_TYPES.includes(d.mediaType) && !isUnknownPlatform(d.platform),
  );
}

/** The platform an image config states, for a manifest reached without an index entry. */
export function platformOfConfig(config: ImageConfig): Platform {
  const p: Platform = { os: config.os, architecture: config.architecture };
  if (config.variant) p.variant = config.variant;
  if (config['os.version']) p['os.version'] = config['os.version'];
  return p;
}

/** The characters Go's GOOS/GOARCH values, containerd's variants and os.version use. */
const PLATFORM_WORD = /^[A-Za-z0-9_.+-]{1,64}$/;

/**
 * `p` as stated by an image (its config or an index entry), refused when a field is not a
 * platform word: these values reach outputs, logs and the job summary, where a line break, a
 * link or markup written into a base image must not arrive.
 */
export function checkedPlatform(p: Platform, where: string): Platform {
  const fields: [string, string | undefined][] = [
    ['os', p.os],
    ['architecture', p.architecture],
    ['variant', p.variant],
    ['os.version', p['os.version']],
  ];
  for (const [name, value] of fields) {
    if (value === undefined || (name === 'variant' && value === '')) continue;
    if (typeof value !== 'string' || !PLATFORM_WORD.test(value)) {
      throw new RunError(
        `${where} states the platform ${name} ${JSON.stringify(value).slice(0, 80)}, which is not a platform name (letters, digits, ".", "_", "+", "-"); use another base image or fix its config.`,
      );
    }
  }
  return p;
}

/** Same os, architecture and variant after normalisation. */
export function samePlatform(a: Platform, b: Platform): boolean {
  const x = normalizePlatform(a);
  const y = normalizePlatform(b);
  return x.os === y.os && x.architecture === y.architecture && x.variant === y.variant;
}

/**
 * The candidate that best serves the requested platform: the exact match, else (when the request
 * names no variant) the first candidate with the same os and architecture.
 */
export function bestMatch<T>(
  requested: Platform,
  candidates: readonly T[],
  platformOf: (candidate: T) => Platform | undefined,
): T | undefined {
  const want = normalizePlatform(requested);
  const exact = candidates.find((c) => {
    const p = platformOf(c);
    return p !== undefined && samePlatform(want, p);
  });
  if (exact !== undefined || requested.variant !== undefined) return exact;
  return candidates.find((c) => {
    const p = platformOf(c);
    if (p === undefined) return false;
    const n = normalizePlatform(p);
    return n.os === want.os && n.architecture === want.architecture;
  });
}
