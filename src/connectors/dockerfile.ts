import { copyFile, link, mkdir } from 'node:fs/promises';
import { isAbsolute, join, posix, relative, sep } from 'node:path';
import { InputError } from '../core/errors';
import type { ImagePlan, PlanDirectory, PlanFile } from './plan';

export { parseDockerfile } from './dockerfile-parse';
export type { ParsedDockerfile } from './dockerfile-parse';

/**
 * The plan as a Dockerfile: for people (always written, output `dockerfile`) and for the
 * docker-compatible builder. Built with `docker build` (BuildKit) or `podman build`, it gives the
 * same files, owners, modes and config as the native builder:
 *
 * - every directory of the layer is created first, with exactly the owner and mode the native
 *   layer gives it (listed ones as listed, the other parents 0:0 0755), by copying empty folder
 *   trees prepared in the context with `COPY --chown --chmod dirs/N/ /`;
 * - files are copied with `COPY --chown=uid:gid --chmod=mode` to their exact paths.
 *
 * The context comes from prepareBuildContext: files/<n>/<name> (hard links to the plan's files)
 * and dirs/<n>/… (the folder trees).
 */

const DEFAULT_DIR = { mode: 0o755, uid: 0, gid: 0 };

function octal(mode: number): string {
  return (mode & 0o7777).toString(8).padStart(4, '0');
}

function metaKey(d: { mode: number; uid: number; gid: number }): string {
  return `${d.uid}:${d.gid}:${octal(d.mode)}`;
}

function depth(path: string): number {
  return path.split('/').length - 1;
}

/** Every directory the native layer writes: the listed ones plus the parents of everything. */
export function layerDirectories(plan: ImagePlan): PlanDirectory[] {
  const dirs = new Map<string, PlanDirectory>();
  for (const d of plan.directories)
    dirs.set(posix.normalize(d.path), { ...d, path: posix.normalize(d.path) });
  const addParents = (path: string): void => {
    for (let p = posix.dirname(path); p !== '/' && p !== '.'; p = posix.dirname(p)) {
      if (!dirs.has(p)) dirs.set(p, { path: p, ...DEFAULT_DIR });
    }
  };
  for (const d of [...dirs.keys()]) addParents(d);
  for (const f of plan.files) addParents(posix.normalize(f.path));
  return [...dirs.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/** One `COPY --chown --chmod dirs/<index>/ /` of a tree holding `paths`. */
export interface DirectoryCopy {
  index: number;
  uid: number;
  gid: number;
  mode: number;
  paths: string[];
}

/**
 * Groups the directories into as few COPYs as exact metadata allows. A COPY of a tree also
 * sets the tree's parents, so when owners or modes differ the COPYs go deepest level first:
 * a later (shallower) COPY fixes the parents an earlier one touched, and never touches
 * a deeper directory.
 */
export function directoryCopies(plan: ImagePlan): DirectoryCopy[] {
  const all = layerDirectories(plan);
  if (all.length === 0) return [];
  const metas = new Set(all.map(metaKey));
  if (metas.size === 1) {
    const [{ uid, gid, mode }] = all;
    return [{ index: 0, uid, gid, mode, paths: all.map((d) => d.path) }];
  }
  const groups = new Map<string, DirectoryCopy>();
  const ordered = [...all].sort(
    (a, b) => depth(b.path) - depth(a.path) || (a.path < b.path ? -1 : 1),
  );
  for (const d of ordered) {
    const key = `${depth(d.path)}|${metaKey(d)}`;
    let group = groups.get(key);
    if (!group) {
      group = { index: groups.size, uid: d.uid, gid: d.gid, mode: d.mode, paths: [] };
      groups.set(key, group);
    }
    group.paths.push(d.path);
  }
  return [...groups.values()];
}

const SAFE_NAME = /^[A-Za-z0-9._+@=,-]+$/;

/** Where a plan file sits in the context: files/<index>/<its name when safe>. */
function contextName(file: PlanFile, index: number): string {
  const name = posix.basename(file.path);
  return `files/${index}/${SAFE_NAME.test(name) ? name : 'file'}`;
}

/**
 * Writes the build context the rendered Dockerfile expects into `contextDir` (which must be
 * empty or new): hard links to the plan's files (copies across file systems) and the empty
 * folder trees. Returns the plan with every file's source inside the context, which is what
 * renderDockerfile and the native builder both read.
 */
export async function prepareBuildContext(plan: ImagePlan, contextDir: string): Promise<ImagePlan> {
  await mkdir(contextDir, { recursive: true });
  const files = sortedFiles(plan);
  const moved: PlanFile[] = [];
  for (const [index, file] of files.entries()) {
    const target = join(contextDir, ...contextName(file, index).split('/'));
    await mkdir(join(target, '..'), { recursive: true });
    try {
      await link(file.source, target);
    } catch {
      await copyFile(file.source, target);
    }
    moved.push({ ...file, source: target });
  }
  for (const copy of directoryCopies(plan)) {
    for (const path of copy.paths) {
      await mkdir(
        join(contextDir, 'dirs', String(copy.index), ...path.split('/').filter(Boolean)),
        {
          recursive: true,
        },
      );
    }
  }
  return { ...plan, files: moved };
}

function sortedFiles(plan: ImagePlan): PlanFile[] {
  return [...plan.files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

// --- rendering -----------------------------------------------------------------------------

function noNewline(what: string, value: string): string {
  if (/[\r\n]/.test(value)) {
    throw new InputError(
      `${what} contains a line break, which a Dockerfile cannot hold; remove it.`,
    );
  }
  return value;
}

/** A word of COPY/WORKDIR/USER: `$` would be expanded by the builder, so it is escaped. */
function word(what: string, value: string): string {
  if (value.includes('\\')) {
    throw new InputError(
      `${what} "${value}" contains a backslash, which Dockerfiles treat as an escape; rename it.`,
    );
  }
  return noNewline(what, value).replace(/\$/g, '\\$');
}

/** A double-quoted value for ENV and LABEL. */
function quoted(what: string, value: string): string {
  return `"${noNewline(what, value).replace(/([\\"$])/g, '\\$1')}"`;
}

function copyInstruction(flags: string[], sources: string[], dest: string): string {
  const words = [...sources, dest];
  if (words.every((w) => !/[\s"'[\]]/.test(w))) return ['COPY', ...flags, ...words].join(' ');
  return `COPY ${flags.join(' ')} ${JSON.stringify(words)}`;
}

function contextPath(contextDir: string, source: string): string {
  const rel = relative(contextDir, source);
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel)) {
    throw new Error(
      `renderDockerfile: ${source} is outside the build context ${contextDir}; call prepareBuildContext first.`,
    );
  }
  return rel.split(sep).join('/');
}

/** Renders the plan as a Dockerfile whose COPY sources are relative to `contextDir`. */
export function renderDockerfile(plan: ImagePlan, contextDir: string): string {
  const lines: string[] = [
    '# Rendered by Slipway from its image plan; the native builder produces the same image.',
    `FROM ${word('base image', plan.base)}`,
  ];

  for (const copy of directoryCopies(plan)) {
    lines.push(
      `COPY --chown=${copy.uid}:${copy.gid} --chmod=${octal(copy.mode)} dirs/${copy.index}/ /`,
    );
  }

  // Files that share owner, mode and folder go in one COPY when their context names are theirs.
  const groups = new Map<string, { file: PlanFile; src: string }[]>();
  for (const file of sortedFiles(plan)) {
    const src = contextPath(contextDir, file.source);
    const sameName = posix.basename(src) === posix.basename(file.path);
    const key = sameName ? `${metaKey(file)}|${posix.dirname(file.path)}` : `single|${file.path}`;
    groups.set(key, [...(groups.get(key) ?? []), { file, src }]);
  }
  for (const group of groups.values()) {
    const { file } = group[0];
    const flags = [`--chown=${file.uid}:${file.gid}`, `--chmod=${octal(file.mode)}`];
    const sources = group.map((g) => word('file', g.src));
    const dest = group.length === 1 ? file.path : `${posix.dirname(file.path)}/`;
    lines.push(copyInstruction(flags, sources, word('path', dest)));
  }

  if (plan.workdir) lines.push(`WORKDIR ${word('workdir', plan.workdir)}`);
  for (const [key, value] of Object.entries(plan.env)) {
    if (!/^[A-Za-z_][A-Za-z0-9_.-]*$/.test(key)) {
      throw new InputError(
        `Environment variable name "${key}" cannot be written in a Dockerfile; rename it.`,
      );
    }
    lines.push(`ENV ${key}=${quoted(`ENV ${key}`, value)}`);
  }
  for (const [key, value] of Object.entries(plan.labels)) {
    lines.push(`LABEL ${quoted('label name', key)}=${quoted(`label ${key}`, value)}`);
  }
  for (const command of plan.run) lines.push(`RUN ${noNewline('RUN command', command)}`);
  if (plan.user) lines.push(`USER ${word('user', plan.user)}`);
  if (plan.exposedPorts?.length)
    lines.push(`EXPOSE ${plan.exposedPorts.map((p) => word('port', p)).join(' ')}`);
  if (plan.entrypoint) lines.push(`ENTRYPOINT ${JSON.stringify(plan.entrypoint)}`);
  if (plan.cmd) lines.push(`CMD ${JSON.stringify(plan.cmd)}`);
  return `${lines.join('\n')}\n`;
}
