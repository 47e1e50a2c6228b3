import { copyFile, link, mkdir, symlink } from 'node:fs/promises';
import { join, posix, relative, sep } from 'node:path';
import { InputError } from '../core/errors';
import type { ImagePlan, PlanDirectory, PlanFile, PlanSymlink } from './plan';
import { isInside } from './paths';

/**
 * The plan as a Dockerfile: for people (always written, output `dockerfile`) and for the
 * docker-compatible builder. Built with `docker build` (BuildKit) or `podman build`, it gives the
 * same files, owners, modes and config as the native builder:
 *
 * - the parents the plan does not list are made only where the base lacks them, as 0:0 0755, and
 *   left as they are where it has them (the native layer leaves them out then: /tmp stays 1777),
 *   by copying an empty folder into the deepest of them: `COPY --chown=0:0 --chmod=0755 dirs/empty/ /a/b/`.
 *   BuildKit (fsutil copy: the copy's root keeps an existing target's metadata, missing ones are
 *   made by MkdirAll 0755 with the --chown owner) and buildah both behave so. The directories the
 *   plan lists `ifMissing` are made the same way with their own --chown owner (parentCopies);
 * - the listed directories get exactly their owner and mode, existing or not, by copying folder
 *   trees that hold only them into their parent: `COPY --chown --chmod dirs/N/ /parent/` sets
 *   every folder inside the tree and never the parent itself;
 * - files are copied with `COPY --chown=uid:gid --chmod=mode` to their exact paths;
 * - links are made in folders links/<n>/ that hold the links of one image folder and owner, and
 *   copied into that folder: `COPY --chown=uid:gid links/N/ /folder/`. A folder copy keeps a
 *   link as a link (BuildKit and buildah alike) and leaves the destination folder as it is.
 *
 * The context comes from prepareBuildContext: files/<n>/<name> (hard links to the plan's files),
 * dirs/<n>/… (the folder trees), links/<n>/<name> and dirs/empty/.
 */

const DEFAULT_DIR = { mode: 0o755, uid: 0, gid: 0 };
/** The empty folder whose copy makes the unlisted parents. */
export const EMPTY_DIR = 'dirs/empty';

function octal(mode: number): string {
  return (mode & 0o7777).toString(8).padStart(4, '0');
}

function metaKey(d: { mode: number; uid: number; gid: number }): string {
  return `${d.uid}:${d.gid}:${octal(d.mode)}`;
}

function depth(path: string): number {
  return path === '/' ? 0 : path.split('/').length - 1;
}

function byPath(a: { path: string }, b: { path: string }): number {
  return a.path < b.path ? -1 : a.path > b.path ? 1 : 0;
}

/** The directories the plan sets whether the base has them or not. */
function listedDirectories(plan: ImagePlan): Map<string, PlanDirectory> {
  const dirs = new Map<string, PlanDirectory>();
  for (const d of plan.directories) {
    if (!d.ifMissing) dirs.set(posix.normalize(d.path), { ...d, path: posix.normalize(d.path) });
  }
  return dirs;
}

/** The directories the plan lists `ifMissing` (and not also as set). */
function ifMissingDirectories(plan: ImagePlan): Map<string, PlanDirectory> {
  const listed = listedDirectories(plan);
  const dirs = new Map<string, PlanDirectory>();
  for (const d of plan.directories) {
    const path = posix.normalize(d.path);
    if (d.ifMissing && !listed.has(path)) dirs.set(path, { ...d, path });
  }
  return dirs;
}

/**
 * The parents of the plan's paths that the plan does not list, sorted. The native layer writes
 * them (0:0 0755) only where the base lacks them.
 */
export function impliedDirectories(plan: ImagePlan): string[] {
  const listed = listedDirectories(plan);
  const ifMissing = ifMissingDirectories(plan);
  const implied = new Set<string>();
  const addParents = (path: string): void => {
    for (let p = posix.dirname(path); p !== '/' && p !== '.'; p = posix.dirname(p)) {
      if (!listed.has(p) && !ifMissing.has(p)) implied.add(p);
    }
  };
  for (const d of listed.keys()) addParents(d);
  for (const d of ifMissing.keys()) addParents(d);
  for (const f of plan.files) addParents(posix.normalize(f.path));
  for (const l of plan.symlinks ?? []) addParents(posix.normalize(l.path));
  return [...implied].sort();
}

/**
 * The directories made only where the base lacks them: those listed `ifMissing` with their owner
 * and mode, the other unlisted parents as 0:0 0755. Sorted.
 */
function missingOnlyDirectories(plan: ImagePlan): PlanDirectory[] {
  const implied = impliedDirectories(plan).map((path) => ({ path, ...DEFAULT_DIR }));
  return [...ifMissingDirectories(plan).values(), ...implied].sort(byPath);
}

/**
 * Every directory the native layer may write: the listed ones as listed, the others (written
 * only where the base lacks them) with their owner and mode, 0:0 0755 when the plan names none.
 */
export function layerDirectories(plan: ImagePlan): PlanDirectory[] {
  return [...listedDirectories(plan).values(), ...missingOnlyDirectories(plan)].sort(byPath);
}

/**
 * The empty-folder copies that make the directories the plan wants only where the base lacks
 * them, in order. A copy into D makes D and every missing parent with its --chown owner and 0755
 * (see claimMissingDirectories in dockerfile-parse.ts) and leaves existing ones as they are, so:
 * one copy into the deepest directory of each run of same-owner directories (unlisted, i.e.
 * listed ones between them do not break a run: they are set later anyway), shallowest run first,
 * so that a directory is always made by the copy of its own run.
 */
export function parentCopies(plan: ImagePlan): PlanDirectory[] {
  const missing = new Map(missingOnlyDirectories(plan).map((d) => [d.path, d]));
  const above = (path: string): PlanDirectory | undefined => {
    for (let p = posix.dirname(path); p !== '/' && p !== '.'; p = posix.dirname(p)) {
      const d = missing.get(p);
      if (d) return d;
    }
    return undefined;
  };
  const notDeepest = new Set<string>();
  for (const d of missing.values()) {
    const parent = above(d.path);
    if (parent && metaKey(parent) === metaKey(d)) notDeepest.add(parent.path);
  }
  const runTop = (d: PlanDirectory): PlanDirectory => {
    let top = d;
    for (let up = above(d.path); up && metaKey(up) === metaKey(d); up = above(up.path)) top = up;
    return top;
  };
  // With one owner the order does not matter: by path, as before there were several.
  const oneOwner = new Set([...missing.values()].map(metaKey)).size <= 1;
  return [...missing.values()]
    .filter((d) => !notDeepest.has(d.path))
    .map((d) => ({ d, top: oneOwner ? 0 : depth(runTop(d).path) }))
    .sort((a, b) => a.top - b.top || byPath(a.d, b.d))
    .map(({ d }) => d);
}

/** One `COPY --chown --chmod dirs/<index>/ <dest>/` of a tree holding `paths` (absolute). */
export interface DirectoryCopy {
  index: number;
  uid: number;
  gid: number;
  mode: number;
  /** The parent the tree is copied into; the copy leaves it as it is. */
  dest: string;
  paths: string[];
}

/**
 * Groups the listed directories into as few COPYs as exact metadata allows: a listed directory
 * joins its parent's tree when the parent is listed with the same owner and mode, else its tree
 * is copied into the parent. Deepest destinations go first: a destination that a copy had to
 * make is listed itself and set by a later (shallower) copy.
 */
export function directoryCopies(plan: ImagePlan): DirectoryCopy[] {
  const listed = listedDirectories(plan);
  const groups = new Map<string, Omit<DirectoryCopy, 'index'>>();
  for (const d of [...listed.values()].sort(byPath)) {
    let top = d.path;
    for (;;) {
      const parent = listed.get(posix.dirname(top));
      if (!parent || posix.dirname(top) === top || metaKey(parent) !== metaKey(d)) break;
      top = parent.path;
    }
    const dest = posix.dirname(top);
    const key = `${dest}|${metaKey(d)}`;
    let group = groups.get(key);
    if (!group) {
      group = { uid: d.uid, gid: d.gid, mode: d.mode, dest, paths: [] };
      groups.set(key, group);
    }
    group.paths.push(d.path);
  }
  return [...groups.values()]
    .sort(
      (a, b) =>
        depth(b.dest) - depth(a.dest) ||
        (a.dest < b.dest ? -1 : a.dest > b.dest ? 1 : 0) ||
        (metaKey(a) < metaKey(b) ? -1 : 1),
    )
    .map((group, index) => ({ index, ...group }));
}

/** One `COPY --chown links/<index>/ <dest>/` of the links one folder holds with one owner. */
export interface LinkCopy {
  index: number;
  uid: number;
  gid: number;
  dest: string;
  links: PlanSymlink[];
}

/** The plan's links grouped by folder and owner, in path order. */
export function linkCopies(plan: ImagePlan): LinkCopy[] {
  const groups = new Map<string, Omit<LinkCopy, 'index'>>();
  for (const l of [...(plan.symlinks ?? [])].sort(byPath)) {
    const dest = posix.dirname(posix.normalize(l.path));
    const key = `${dest}|${l.uid}:${l.gid}`;
    let group = groups.get(key);
    if (!group) {
      group = { uid: l.uid, gid: l.gid, dest, links: [] };
      groups.set(key, group);
    }
    group.links.push(l);
  }
  return [...groups.values()].map((group, index) => ({ index, ...group }));
}

const SAFE_NAME = /^[A-Za-z0-9._+@=,-]+$/;

/** Where a plan file sits in the context: files/<index>/<its name when safe>. */
function contextName(file: PlanFile, index: number): string {
  const name = posix.basename(file.path);
  return `files/${index}/${SAFE_NAME.test(name) ? name : 'file'}`;
}

/**
 * The plan as the build context holds it: every file's source at its place in the context
 * (files/<n>/<name>), in path order, without writing anything. What renderDockerfile reads;
 * prepareBuildContext writes the same places.
 */
export function inBuildContext(plan: ImagePlan, contextDir: string): ImagePlan {
  const files = sortedFiles(plan).map((file, index) => ({
    ...file,
    source: join(contextDir, ...contextName(file, index).split('/')),
  }));
  return { ...plan, files };
}

/**
 * Writes the build context the rendered Dockerfile expects into `contextDir` (which must be
 * empty or new): hard links to the plan's files (copies across file systems) and the empty
 * folder trees. Only for a builder that reads the context (docker) or a context kept for people
 * (SLIPWAY_KEEP_CONTEXT): a link changes the file's ctime, which the digest cache
 * (run/digest-cache.ts) keys on. Returns the plan as inBuildContext gives it.
 */
export async function prepareBuildContext(plan: ImagePlan, contextDir: string): Promise<ImagePlan> {
  await mkdir(contextDir, { recursive: true });
  const moved = inBuildContext(plan, contextDir);
  for (const [index, file] of sortedFiles(plan).entries()) {
    const target = moved.files[index].source;
    await mkdir(join(target, '..'), { recursive: true });
    try {
      await link(file.source, target);
    } catch {
      await copyFile(file.source, target);
    }
  }
  for (const copy of directoryCopies(plan)) {
    for (const path of copy.paths) {
      const inTree = posix.relative(copy.dest, path).split('/');
      await mkdir(join(contextDir, 'dirs', String(copy.index), ...inTree), { recursive: true });
    }
  }
  for (const copy of linkCopies(plan)) {
    const dir = join(contextDir, 'links', String(copy.index));
    await mkdir(dir, { recursive: true });
    for (const l of copy.links) await symlink(l.target, join(dir, posix.basename(l.path)));
  }
  if (parentCopies(plan).length > 0)
    await mkdir(join(contextDir, ...EMPTY_DIR.split('/')), { recursive: true });
  return moved;
}

/** The plan's files in path order: the context's numbering and the artifact digest's order. */
export function sortedFiles(plan: ImagePlan): PlanFile[] {
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
  if (rel === '' || !isInside(contextDir, source)) {
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
  if (plan.python) {
    // The native builder's dependency layer of each platform: the wheels of the lock installed
    // for the base's Python, as a tree per platform (written into the context when it is kept,
    // SLIPWAY_KEEP_CONTEXT=true). Owners 0:0, modes as in the tree.
    lines.push(
      `# Python dependencies from ${noNewline('lock', plan.python.label)}, installed natively per platform`,
      'ARG TARGETOS',
      'ARG TARGETARCH',
      'COPY deps/${TARGETOS}/${TARGETARCH}/ /',
    );
  }

  for (const parent of parentCopies(plan)) {
    if ((parent.mode & 0o7777) !== DEFAULT_DIR.mode) {
      // podman makes the folders a COPY needs 0755 whatever --chmod says: no COPY gives another mode.
      throw new Error(
        `renderDockerfile: ${parent.path} is to be made with mode ${octal(parent.mode)} where the base lacks it, which no Dockerfile COPY does; only 0755 can be rendered.`,
      );
    }
    lines.push(
      copyInstruction(
        [`--chown=${parent.uid}:${parent.gid}`, '--chmod=0755'],
        [`${EMPTY_DIR}/`],
        `${word('path', parent.path)}/`,
      ),
    );
  }
  for (const copy of directoryCopies(plan)) {
    const dest = copy.dest === '/' ? '/' : `${word('path', copy.dest)}/`;
    const flags = [`--chown=${copy.uid}:${copy.gid}`, `--chmod=${octal(copy.mode)}`];
    lines.push(copyInstruction(flags, [`dirs/${copy.index}/`], dest));
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

  // The native builder copies these only where the base lacks the execute bit; a Dockerfile
  // cannot ask, so it always copies (the base's bytes with the plan's mode and owner, as
  // Airbyte's `RUN chmod +x` and `chown` leave them).
  for (const x of plan.baseExecutables ?? []) {
    const flags = [
      `--from=${word('base image', plan.base)}`,
      `--chown=${x.uid}:${x.gid}`,
      `--chmod=${octal(x.mode)}`,
    ];
    lines.push(copyInstruction(flags, [word('path', x.path)], word('path', x.path)));
  }
  for (const copy of linkCopies(plan)) {
    for (const l of copy.links) word('link', posix.basename(l.path));
    const dest = copy.dest === '/' ? '/' : `${word('path', copy.dest)}/`;
    lines.push(
      copyInstruction([`--chown=${copy.uid}:${copy.gid}`], [`links/${copy.index}/`], dest),
    );
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
