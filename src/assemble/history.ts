/**
 * Slipway's history format: what an image Slipway built says about its own making, so that a
 * rebase can tell Slipway's layers and settings from the base's without the old base.
 *
 * The native builder writes one history entry per Dockerfile-like instruction (a platform's
 * dependency layer `COPY deps/<os>/<arch>/ / (…)`, the COPY that made the plan's layer, ENV,
 * LABEL, USER, EXPOSE, WORKDIR, ENTRYPOINT, CMD), each marked " # slipway"; the
 * base annotations name the base. The image engine (image/mutate.ts, image/rebase.ts) stores and
 * keeps these entries but does not know their format.
 */
import { posix } from 'node:path';
import { InputError, RunError } from '../core/errors';
import type { LayerFile } from '../image/layer';
import type { ImageChanges } from '../image/mutate';
import { formatPlatform } from '../image/platform';
import { ownAnnotations } from '../image/rebase';
import type { AppendedPart, SourceImage } from '../image/rebase';
import { Annotation } from '../image/types';
import type { HistoryEntry, ImageConfig, Manifest } from '../image/types';
import type { TargetPython } from '../toolchain/python';

/** Marks the history entries Slipway wrote. */
export const SUFFIX = ' # slipway';

/**
 * One history entry per Dockerfile-like instruction; only the COPY made a layer (`files` says
 * what it copied; none means no layer). changesFromHistory() reads these back, so every
 * ImageChanges field written here must be read there.
 */
export function history(
  changes: ImageChanges,
  created: string,
  files: LayerFile[] | undefined,
  fromBase?: { base: string; files: LayerFile[] },
): HistoryEntry[] {
  const out: HistoryEntry[] = [];
  const meta = (createdBy: string): void => {
    out.push({ created, created_by: createdBy + SUFFIX, empty_layer: true });
  };
  if (files) {
    const lines = [
      copyLine(files),
      ...(fromBase?.files ?? []).map((f) => baseCopyLine(fromBase!.base, f)),
    ];
    out.push({ created, created_by: lines.join('; ') + SUFFIX });
  }
  const env = Object.entries(changes.env ?? {});
  if (env.length > 0) meta(`ENV ${env.map(([k, v]) => `${k}=${JSON.stringify(v)}`).join(' ')}`);
  const labels = Object.entries(changes.labels ?? {});
  if (labels.length > 0)
    meta(`LABEL ${labels.map(([k, v]) => `${k}=${JSON.stringify(v)}`).join(' ')}`);
  if (changes.user !== undefined) meta(`USER ${changes.user}`);
  if (changes.exposedPorts?.length) meta(`EXPOSE ${changes.exposedPorts.join(' ')}`);
  if (changes.workdir !== undefined) meta(`WORKDIR ${changes.workdir}`);
  if (changes.entrypoint !== undefined) meta(`ENTRYPOINT ${JSON.stringify(changes.entrypoint)}`);
  if (changes.cmd !== undefined) meta(`CMD ${JSON.stringify(changes.cmd)}`);
  return out;
}

/**
 * The entry of a platform's dependency layer, below the plan's COPY: the instruction of the
 * rendered Dockerfile with the platform filled in, and what it holds. A rebase keeps it as a
 * layer of Slipway's (it is not empty and carries the suffix).
 */
export function dependencyHistory(
  created: string,
  platformDir: string,
  what: string,
): HistoryEntry {
  return { created, created_by: `COPY ${platformDir}/ / (${what})${SUFFIX}` };
}

/**
 * "COPY --chown=10000:10001 x.nar /pulsar/connectors/": files grouped by target directory and
 * owner/mode (--chmod only when not 644), in path order; several groups are joined with "; ".
 */
export function copyLine(files: LayerFile[]): string {
  if (files.length === 0) return 'COPY (directories only) /';
  const groups = new Map<string, string[]>();
  for (const f of [...files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))) {
    const dir = posix.dirname(f.path);
    const flags = [
      f.uid !== 0 || f.gid !== 0 ? `--chown=${f.uid}:${f.gid} ` : '',
      f.mode !== 0o644 ? `--chmod=${f.mode.toString(8).padStart(3, '0')} ` : '',
    ].join('');
    const key = `${flags}\0${dir === '/' ? '/' : `${dir}/`}`;
    const names = groups.get(key) ?? [];
    names.push(posix.basename(f.path));
    groups.set(key, names);
  }
  return [...groups.entries()]
    .map(([key, names]) => {
      const [flags, dir] = key.split('\0');
      return `COPY ${flags}${names.join(' ')} ${dir}`;
    })
    .join('; ');
}

/**
 * "COPY --from=<base> --chown=1000:1000 --chmod=755 /airbyte/base.sh /airbyte/base.sh": a file of
 * the base that the layer carries again with another mode (made executable).
 */
export function baseCopyLine(base: string, file: LayerFile): string {
  const mode = file.mode.toString(8).padStart(3, '0');
  return `COPY --from=${base} --chown=${file.uid}:${file.gid} --chmod=${mode} ${file.path} ${file.path}`;
}

/**
 * `ENV A="1" B="2"` / `LABEL k="v"` as mutate.ts writes them: names, then JSON strings. Keys with
 * spaces cannot be told apart from the next pair and are not written by Slipway's inputs.
 */
function parsePairs(text: string, where: string): Record<string, string> {
  const out: Record<string, string> = {};
  const pair = /([^\s=]+)=("(?:[^"\\]|\\.)*")/g;
  for (const m of text.matchAll(pair)) out[m[1]] = JSON.parse(m[2]) as string;
  if (text.trim() !== '' && Object.keys(out).length === 0) {
    throw new RunError(
      `Cannot read the history entry "${where}" of the image; rebuild it instead.`,
    );
  }
  return out;
}

function parseList(text: string, where: string): string[] {
  try {
    const value = JSON.parse(text) as unknown;
    if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return value;
  } catch {
    // reported below
  }
  throw new RunError(`Cannot read the history entry "${where}" of the image; rebuild it instead.`);
}

/** The plan's settings, from Slipway's history entries (the inverse of mutate.ts's history()). */
export function changesFromHistory(entries: HistoryEntry[]): ImageChanges {
  const changes: ImageChanges = {};
  for (const entry of entries) {
    const line = (entry.created_by ?? '').slice(0, -SUFFIX.length);
    const space = line.indexOf(' ');
    const op = space < 0 ? line : line.slice(0, space);
    const rest = space < 0 ? '' : line.slice(space + 1);
    switch (op) {
      case 'ENV':
        changes.env = { ...changes.env, ...parsePairs(rest, line) };
        break;
      case 'LABEL':
        changes.labels = { ...changes.labels, ...parsePairs(rest, line) };
        break;
      case 'USER':
        changes.user = rest;
        break;
      case 'EXPOSE':
        changes.exposedPorts = [
          ...(changes.exposedPorts ?? []),
          ...rest.split(' ').filter(Boolean),
        ];
        break;
      case 'WORKDIR':
        changes.workdir = rest;
        break;
      case 'ENTRYPOINT':
        changes.entrypoint = parseList(rest, line);
        break;
      case 'CMD':
        changes.cmd = parseList(rest, line);
        break;
      default:
        // COPY lines describe the layer, which is kept as it is.
        break;
    }
  }
  return changes;
}

function epochOf(manifest: Manifest, config: ImageConfig): number {
  const iso = manifest.annotations?.[Annotation.Created] ?? config.created;
  const ms = iso ? Date.parse(iso) : NaN;
  return Number.isNaN(ms) ? 0 : Math.floor(ms / 1000);
}

/** Splits one platform image into its base part and Slipway's part; refuses what is not ours. */
export function slipwayPart(image: SourceImage, label: string): AppendedPart {
  const { manifest, config } = image;
  const where = `${label} (${formatPlatform(image.platform)})`;
  const baseName = manifest.annotations?.[Annotation.BaseName];
  const baseDigest = manifest.annotations?.[Annotation.BaseDigest];
  if (!baseName || !baseDigest) {
    throw new InputError(
      `${where} has no ${Annotation.BaseName}/${Annotation.BaseDigest} annotations, so which of its layers are the base is unknown; only images Slipway built on a base can be rebased: rebuild this one with the new base-image instead.`,
    );
  }
  const history = config.history ?? [];
  let first = history.length;
  while (first > 0 && history[first - 1].created_by?.endsWith(SUFFIX)) first--;
  const ours = history.slice(first);
  if (ours.length === 0) {
    throw new InputError(
      `${where} carries base annotations but no history entries of Slipway's builder, so its own layers cannot be told from the base's; rebuild it with the new base-image instead.`,
    );
  }
  const count = ours.filter((h) => !h.empty_layer).length;
  const diffIds = config.rootfs?.diff_ids ?? [];
  if (diffIds.length !== manifest.layers.length || count > manifest.layers.length) {
    throw new RunError(
      `${where} lists ${manifest.layers.length} layers but ${diffIds.length} diff_ids in its config; the image is inconsistent, rebuild it.`,
    );
  }
  const from = manifest.layers.length - count;
  return {
    baseName,
    baseDigest,
    layers: manifest.layers.slice(from),
    diffIds: diffIds.slice(from),
    history: ours,
    changes: changesFromHistory(ours),
    epoch: epochOf(manifest, config),
    annotations: ownAnnotations(manifest.annotations),
  };
}

/** What installed dependencies need of the Python that imports them. */
export type InstalledFor = Pick<TargetPython, 'version' | 'libc' | 'libcVersion' | 'sitePackages'>;

/**
 * "Python 3.11 (glibc 2.31, /usr/local/lib/python3.11/dist-packages)": how the dependency
 * layer's history names its target, which a rebase reads back (installedFor).
 */
export function describeTarget(python: InstalledFor): string {
  return `Python ${python.version} (${python.libc} ${python.libcVersion}, ${python.sitePackages})`;
}

/** The target a dependency layer's history names (describeTarget), if the entry is one. */
export function installedFor(createdBy: string | undefined): InstalledFor | undefined {
  const m = /\(Python (3\.\d+) \((glibc|musl) (\d+\.\d+), (\/[^,()]+)\) dependencies from /.exec(
    createdBy ?? '',
  );
  if (!m) return undefined;
  return { version: m[1], libc: m[2] as 'glibc' | 'musl', libcVersion: m[3], sitePackages: m[4] };
}

/**
 * Why dependencies installed for `was` would not work on a base running `now`, or undefined when
 * they would: the same Python minor version (compiled modules are built for one ABI), the same
 * libc family, at least the glibc or musl version the wheels were chosen for, and the same
 * site-packages folder (where the interpreter looks).
 */
export function dependenciesMismatch(was: InstalledFor, now: InstalledFor): string | undefined {
  const newer = (a: string, b: string): boolean => {
    const [am, an] = a.split('.').map(Number);
    const [bm, bn] = b.split('.').map(Number);
    return am > bm || (am === bm && an >= bn);
  };
  const same =
    was.version === now.version &&
    was.libc === now.libc &&
    newer(now.libcVersion, was.libcVersion) &&
    was.sitePackages === now.sitePackages;
  return same
    ? undefined
    : `runs ${describeTarget(now)}, but the image's dependencies were installed for ${describeTarget(was)}`;
}
