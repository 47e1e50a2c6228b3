import { lstat, readdir, readlink, realpath } from 'node:fs/promises';
import { join, posix, relative, resolve, sep } from 'node:path';
import type { Dockerfile, Instruction, Property } from 'dockerfile-ast';
import { InputError } from '../core/errors';
import { readHead } from './inspect/elf';
import { isInside } from './paths';
import type { ImagePlan, PlanDirectory, PlanFile, PlanSymlink } from './plan';
import { WordError, processWord, processWords } from './shell-words';
import { importCommonJs, loadGlob } from '../core/lazy';

/**
 * A user's own Dockerfile as an ImagePlan, when it only holds what the native builder can do
 * (FROM, ARG, COPY, ADD of local files, ENV, LABEL, USER, WORKDIR, ENTRYPOINT, CMD, EXPOSE).
 * Anything else (RUN, a second FROM, COPY --from, remote or archive ADD, ONBUILD, …) means the
 * docker-compatible builder builds the Dockerfile as it is.
 */

export type ParsedDockerfile =
  | { kind: 'plan'; plan: ImagePlan }
  | {
      kind: 'docker';
      /** Why the native builder cannot build it, e.g. "RUN at Dockerfile:4". */
      reason: string;
      line: number;
      /**
       * The images its FROMs name (ARG defaults and build args applied; stage names and
       * scratch left out), last one the final stage's: the docker builder needs their logins.
       */
      bases: string[];
    };

export interface ParseOptions {
  /** How errors name the file, e.g. "Dockerfile" or "docker/Dockerfile". */
  label?: string;
  /** --build-arg values. */
  buildArgs?: Record<string, string>;
}

/** Thrown inside the walk to stop at the first instruction the native builder cannot do. */
class NeedsDocker extends Error {
  constructor(
    readonly reason: string,
    readonly line: number,
  ) {
    super(reason);
  }
}

interface State {
  label: string;
  contextDir: string;
  escape: string;
  /** ARG and ENV values visible at this point of the stage. */
  vars: Map<string, string>;
  plan: ImagePlan;
  /** Files by image path: a later COPY replaces an earlier one. */
  files: Map<string, PlanFile>;
  directories: Map<string, PlanDirectory>;
  /** Links inside copied folders, kept as links (when they stay inside the context). */
  symlinks: Map<string, PlanSymlink>;
  /** The context's real path: every source's real path must be inside it. */
  realContext: string;
  /**
   * Directories an earlier COPY or WORKDIR made where the base lacks them, with the owner it gave
   * them (see claimMissingDirectories); the first to need one decides its owner.
   */
  made: Map<string, PlanDirectory>;
  hasDockerignore: boolean;
}

function lineOf(instruction: Instruction): number {
  return instruction.getRange().start.line + 1;
}

function fail(state: State, instruction: Instruction, message: string): InputError {
  const line = lineOf(instruction);
  return new InputError(`${state.label}:${line}: ${message}`, { file: state.label, line });
}

function words(state: State, instruction: Instruction, text: string): string[] {
  try {
    return processWords(text, (n) => state.vars.get(n), state.escape);
  } catch (err) {
    if (err instanceof WordError)
      throw fail(state, instruction, `${err.message}; fix the quoting.`);
    throw err;
  }
}

function word(state: State, instruction: Instruction, text: string): string {
  try {
    return processWord(text, (n) => state.vars.get(n), state.escape);
  } catch (err) {
    if (err instanceof WordError)
      throw fail(state, instruction, `${err.message}; fix the quoting.`);
    throw err;
  }
}

/** `["a", "b"]` exec form, else undefined (shell form). */
function jsonArray(text: string): string[] | undefined {
  const trimmed = text.trim();
  if (!trimmed.startsWith('[')) return undefined;
  try {
    const value: unknown = JSON.parse(trimmed);
    if (Array.isArray(value) && value.every((v): v is string => typeof v === 'string'))
      return value;
  } catch {
    // shell form that happens to start with [
  }
  return undefined;
}

function propertyValue(state: State, instruction: Instruction, p: Property): string {
  // getUnescapedValue is the raw text (quotes kept), which word() evaluates as Docker does.
  return word(state, instruction, p.getUnescapedValue() ?? '');
}

function properties(instruction: Instruction): Property[] {
  const withProps = instruction as unknown as { getProperties?: () => Property[] };
  return withProps.getProperties ? withProps.getProperties() : [];
}

interface FlagLike {
  getName(): string;
  getValue(): string | null;
}

function flags(instruction: Instruction): FlagLike[] {
  const withFlags = instruction as unknown as { getFlags?: () => FlagLike[] };
  return withFlags.getFlags ? withFlags.getFlags() : [];
}

export async function parseDockerfile(
  text: string,
  contextDir: string,
  opts: ParseOptions = {},
): Promise<ParsedDockerfile> {
  // Loaded here, not at start-up: only runs with a user Dockerfile need the parser (~0.2 MB).
  const { DockerfileParser } = await importCommonJs(() => import('dockerfile-ast'));
  const dockerfile = DockerfileParser.parse(text);
  const state: State = {
    label: opts.label ?? 'Dockerfile',
    contextDir: resolve(contextDir),
    escape: dockerfile.getEscapeCharacter(),
    vars: new Map(),
    plan: { base: '', files: [], directories: [], env: {}, labels: {}, run: [] },
    files: new Map(),
    directories: new Map(),
    symlinks: new Map(),
    realContext: await realpath(contextDir).catch(() => resolve(contextDir)),
    made: new Map(),
    hasDockerignore: await lstat(join(contextDir, '.dockerignore')).then(
      () => true,
      () => false,
    ),
  };
  const buildArgs = opts.buildArgs ?? {};
  const globalArgs = new Map<string, string>();
  let seenFrom = false;

  try {
    for (const instruction of dockerfile.getInstructions()) {
      const keyword = instruction.getKeyword();
      const args = instruction.getArgumentsContent() ?? '';
      const line = lineOf(instruction);
      if (!seenFrom && keyword !== 'FROM' && keyword !== 'ARG') {
        throw fail(
          state,
          instruction,
          `${keyword} before FROM; a Dockerfile starts with FROM (after optional ARGs).`,
        );
      }
      switch (keyword) {
        case 'ARG':
          for (const p of properties(instruction)) {
            const name = p.getName();
            const fallback =
              p.getValue() === null
                ? seenFrom
                  ? globalArgs.get(name)
                  : undefined
                : propertyValue(state, instruction, p);
            const value = buildArgs[name] ?? fallback;
            const target = seenFrom ? state.vars : globalArgs;
            if (value !== undefined) target.set(name, value);
            if (!seenFrom && value !== undefined) state.vars.set(name, value);
          }
          break;
        case 'FROM': {
          if (seenFrom)
            throw new NeedsDocker(
              `a second FROM (multi-stage build) at ${state.label}:${line}`,
              line,
            );
          if (flags(instruction).length > 0) {
            throw new NeedsDocker(
              `FROM --${flags(instruction)[0].getName()} at ${state.label}:${line}`,
              line,
            );
          }
          const [image, as] = words(state, instruction, args);
          if (!image)
            throw fail(state, instruction, 'FROM names no image; write e.g. FROM busybox:1.36.');
          if (as !== undefined && as.toUpperCase() !== 'AS')
            throw fail(
              state,
              instruction,
              `unexpected "${as}" after the image; write FROM image [AS name].`,
            );
          state.plan.base = image;
          state.plan.baseSource = `FROM at ${state.label}:${line}`;
          seenFrom = true;
          // Global ARGs are visible inside the stage only when declared again (Docker's rule).
          state.vars = new Map();
          break;
        }
        case 'ENV':
          for (const p of properties(instruction)) {
            const value = propertyValue(state, instruction, p);
            state.plan.env[p.getName()] = value;
            state.vars.set(p.getName(), value);
          }
          break;
        case 'LABEL':
          for (const p of properties(instruction)) {
            state.plan.labels[word(state, instruction, p.getName())] = propertyValue(
              state,
              instruction,
              p,
            );
          }
          break;
        case 'USER':
          state.plan.user = word(state, instruction, args.trim());
          break;
        case 'WORKDIR': {
          const dir = word(state, instruction, args.trim());
          state.plan.workdir = posix.resolve(state.plan.workdir ?? '/', dir);
          // Docker's WORKDIR makes the folder (0:0 0755 when no USER precedes it; after one,
          // BuildKit gives it that user, not followed here) before a later COPY --chown into it
          // could; podman 4.3 leaves that to the COPY. Docker's rule is kept, as before.
          claimMissingDirectories(state, [state.plan.workdir], ROOT_DIRECTORY);
          break;
        }
        case 'EXPOSE':
          state.plan.exposedPorts = [
            ...(state.plan.exposedPorts ?? []),
            ...words(state, instruction, args),
          ];
          break;
        case 'ENTRYPOINT':
        case 'CMD': {
          const exec = jsonArray(args) ?? ['/bin/sh', '-c', args.trim()];
          if (keyword === 'ENTRYPOINT') state.plan.entrypoint = exec;
          else state.plan.cmd = exec;
          break;
        }
        case 'COPY':
        case 'ADD':
          await copy(state, instruction, keyword, args);
          break;
        case 'RUN':
        case 'VOLUME':
        case 'SHELL':
        case 'STOPSIGNAL':
        case 'HEALTHCHECK':
        case 'ONBUILD':
        case 'MAINTAINER':
          throw new NeedsDocker(`${keyword} at ${state.label}:${line}`, line);
        default:
          throw fail(
            state,
            instruction,
            `unknown instruction ${instruction.getInstruction()}; fix the typo.`,
          );
      }
    }
  } catch (err) {
    if (err instanceof NeedsDocker) {
      return {
        kind: 'docker',
        reason: err.reason,
        line: err.line,
        bases: fromImages(dockerfile, buildArgs),
      };
    }
    throw err;
  }
  if (!seenFrom) {
    throw new InputError(
      `${state.label}: no FROM instruction; start the Dockerfile with FROM <base image>.`,
      {
        file: state.label,
      },
    );
  }
  const plan = state.plan;
  plan.files = [...state.files.values()].sort((a, b) => (a.path < b.path ? -1 : 1));
  if (state.symlinks.size > 0)
    plan.symlinks = [...state.symlinks.values()].sort((a, b) => (a.path < b.path ? -1 : 1));
  // Those made as 0:0 0755 are what the plan's unlisted parents are anyway: not listed, so a
  // Dockerfile without --chown gives the same plan as before.
  const made = [...state.made.values()]
    .filter((d) => !state.directories.has(d.path) && !state.files.has(d.path))
    .filter((d) => !state.symlinks.has(d.path))
    .filter((d) => d.uid !== 0 || d.gid !== 0 || d.mode !== ROOT_DIRECTORY.mode)
    .map((d) => ({ ...d, ifMissing: true }));
  plan.directories = [...state.directories.values(), ...made].sort((a, b) =>
    a.path < b.path ? -1 : 1,
  );
  return { kind: 'plan', plan };
}

const SUPPORTED_COPY_FLAGS = new Set(['chown', 'chmod', 'link']);

function parseOwner(
  state: State,
  instruction: Instruction,
  value: string,
): { uid: number; gid: number } {
  const [user, group] = value.split(':');
  const id = (v: string | undefined, fallback: number): number | undefined => {
    if (v === undefined || v === '') return fallback;
    if (v === 'root') return 0;
    return /^\d+$/.test(v) ? Number(v) : undefined;
  };
  const uid = id(user, 0);
  const gid = id(group, uid ?? 0);
  if (uid === undefined || gid === undefined) {
    // Names need the base image's /etc/passwd and /etc/group: the docker builder reads them.
    throw new NeedsDocker(
      `--chown=${value} with user or group names at ${state.label}:${lineOf(instruction)}`,
      lineOf(instruction),
    );
  }
  return { uid, gid };
}

const ARCHIVE_MAGIC: Buffer[] = [
  Buffer.from([0x1f, 0x8b]), // gzip
  Buffer.from('BZh'), // bzip2
  Buffer.from([0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00]), // xz
];

async function isLocalArchive(path: string): Promise<boolean> {
  const head = await readHead(path, 512);
  if (ARCHIVE_MAGIC.some((m) => head.subarray(0, m.length).equals(m))) return true;
  return head.length >= 262 && head.subarray(257, 262).toString('latin1') === 'ustar';
}

async function copy(
  state: State,
  instruction: Instruction,
  keyword: 'COPY' | 'ADD',
  args: string,
): Promise<void> {
  const line = lineOf(instruction);
  const here = `${state.label}:${line}`;
  let owner = { uid: 0, gid: 0 };
  let chmod: number | undefined;
  for (const flag of flags(instruction)) {
    const name = flag.getName();
    const value = word(state, instruction, flag.getValue() ?? '');
    if (!SUPPORTED_COPY_FLAGS.has(name))
      throw new NeedsDocker(`${keyword} --${name} at ${here}`, line);
    if (name === 'chown') owner = parseOwner(state, instruction, value);
    if (name === 'chmod') {
      if (!/^[0-7]{3,4}$/.test(value))
        throw new NeedsDocker(`${keyword} --chmod=${value} (not octal) at ${here}`, line);
      chmod = parseInt(value, 8);
    }
  }
  if (/<<-?["']?[A-Za-z_]/.test(args))
    throw new NeedsDocker(`${keyword} with a here-document at ${here}`, line);
  const all = jsonArray(args) ?? words(state, instruction, args);
  if (all.length < 2)
    throw fail(state, instruction, `${keyword} needs a source and a destination.`);
  const dest = all[all.length - 1];
  const sources = all.slice(0, -1);

  const matches: string[] = [];
  for (const source of sources) {
    if (
      keyword === 'ADD' &&
      (/^[a-z][a-z0-9+.-]*:\/\//i.test(source) || source.startsWith('git@'))
    ) {
      throw new NeedsDocker(`ADD of a remote source at ${here}`, line);
    }
    const found = await resolveSources(state, instruction, source);
    matches.push(...found);
  }
  const destination = posix.resolve(state.plan.workdir ?? '/', dest);
  const intoDirectory = dest.endsWith('/') || matches.length > 1 || (await anyDirectory(matches));
  // The folders this COPY writes into: made (where missing) with its owner.
  const into = new Set<string>();
  for (const src of matches) {
    const st = await lstat(src);
    if (keyword === 'ADD' && st.isFile() && (await isLocalArchive(src))) {
      throw new NeedsDocker(`ADD of a local archive (unpacked by ADD) at ${here}`, line);
    }
    if (st.isDirectory()) {
      // A folder's contents go into the destination, which is made even when the folder is empty.
      into.add(destination);
      await copyTree(state, instruction, src, destination, owner, chmod);
    } else {
      const path = intoDirectory ? posix.join(destination, posix.basename(src)) : destination;
      addFile(state, path, src, chmod ?? st.mode & 0o7777, owner);
      into.add(posix.dirname(path));
    }
  }
  claimMissingDirectories(state, [...into], { mode: ROOT_DIRECTORY.mode, ...owner });
}

const ROOT_DIRECTORY = { mode: 0o755, uid: 0, gid: 0 };

/**
 * Records the folders that writing into `dirs` makes where the image lacks them: each of them and
 * every missing parent, with `meta`. The Dockerfile reference: "All new files and directories are
 * created with a UID and GID of 0, unless the optional --chown flag specifies" an owner. Both
 * builders make them so: BuildKit with fsutil's MkdirAll(dest, 0755, chown) (copy.go
 * prepareTargetDir, which also makes a folder copy's missing destination so, not with the copied
 * folder's mode), buildah likewise. Checked with podman 4.3.1 (kinds-parity.test.ts): every
 * missing folder, nested parents included, gets the --chown owner (0:0 without it) and 0755;
 * --chmod is not applied to them (only to the copied files and the folders inside a copied
 * folder); folders that exist stay as they are. Docker 28.1's BuildKit gives them the --chmod mode
 * too (fsutil#228, moby/moby#49851); podman and earlier Docker do not, and this follows them.
 * Whether a folder is missing depends on the base as well, so the plan lists these `ifMissing`:
 * the layer writes them only where the base lacks them. A folder an earlier instruction made or
 * set is not missing any more: the first instruction to need one decides its owner.
 */
function claimMissingDirectories(
  state: State,
  dirs: string[],
  meta: { mode: number; uid: number; gid: number },
): void {
  for (const dir of dirs) {
    // The folders a copied folder holds are set exactly (state.directories), not claimed.
    for (let p = dir; p !== '/' && p !== '.'; p = posix.dirname(p)) {
      if (!state.made.has(p) && !state.directories.has(p)) state.made.set(p, { path: p, ...meta });
    }
  }
}

async function anyDirectory(paths: string[]): Promise<boolean> {
  for (const p of paths) if ((await lstat(p)).isDirectory()) return true;
  return false;
}

async function resolveSources(
  state: State,
  instruction: Instruction,
  source: string,
): Promise<string[]> {
  const here = `${state.label}:${lineOf(instruction)}`;
  const direct = resolve(state.contextDir, source.replace(/^\/+/, ''));
  if (!isInside(state.contextDir, direct)) {
    throw fail(
      state,
      instruction,
      `source ${source} is outside the build context ${state.contextDir}; move it into the context.`,
    );
  }
  const { glob, isDynamicPattern } = await loadGlob();
  if (isDynamicPattern(source)) {
    if (state.hasDockerignore)
      throw new NeedsDocker(
        `a wildcard source with a .dockerignore at ${here}`,
        lineOf(instruction),
      );
    const found = await glob([source.replace(/^\/+/, '')], {
      cwd: state.contextDir,
      absolute: true,
      onlyFiles: false,
      dot: true,
      expandDirectories: false,
    });
    if (found.length === 0)
      throw fail(
        state,
        instruction,
        `source ${source} matches nothing in the build context ${state.contextDir}.`,
      );
    const matches = found.map((f) => resolve(f)).sort();
    for (const match of matches) {
      const shown = relative(state.contextDir, match).split(sep).join('/');
      await confineSource(state, instruction, shown, match);
      if ((await lstat(match)).isSymbolicLink())
        throw new NeedsDocker(`a symbolic link source (${shown}) at ${here}`, lineOf(instruction));
    }
    return matches;
  }
  let link: string | undefined;
  try {
    const st = await lstat(direct);
    // Whatever the path goes through (a linked folder on the way, the source itself a link), its
    // real path must stay inside the context: docker resolves links inside the context only.
    const target = await realpath(direct).catch(() => undefined);
    if (target !== undefined && !isInside(state.realContext, target)) link = target;
    else if (st.isSymbolicLink())
      throw new NeedsDocker(`a symbolic link source (${source}) at ${here}`, lineOf(instruction));
    if (st.isDirectory() && state.hasDockerignore)
      throw new NeedsDocker(`a folder source with a .dockerignore at ${here}`, lineOf(instruction));
  } catch (err) {
    if (err instanceof NeedsDocker) throw err;
    throw fail(
      state,
      instruction,
      `source ${source} does not exist in the build context ${state.contextDir}.`,
    );
  }
  if (link !== undefined) {
    throw fail(
      state,
      instruction,
      `source ${source} leads through a symbolic link to ${link}, outside the build context ${state.contextDir}; copy the file into the context.`,
    );
  }
  return [direct];
}

/** Refuses a source whose real path leaves the context (a link, or a linked folder on its way). */
async function confineSource(
  state: State,
  instruction: Instruction,
  shown: string,
  path: string,
): Promise<void> {
  const real = await realpath(path).catch(() => undefined);
  if (real === undefined || isInside(state.realContext, real)) return;
  throw fail(
    state,
    instruction,
    `source ${shown} leads through a symbolic link to ${real}, outside the build context ${state.contextDir}; copy the file into the context.`,
  );
}

function addFile(
  state: State,
  path: string,
  source: string,
  mode: number,
  owner: { uid: number; gid: number },
): void {
  state.directories.delete(path);
  state.made.delete(path);
  state.symlinks.delete(path);
  state.files.set(path, { path, source, mode, ...owner });
}

/** A folder source copies its contents; the folders inside keep their modes and get the owner. */
async function copyTree(
  state: State,
  instruction: Instruction,
  dir: string,
  destination: string,
  owner: { uid: number; gid: number },
  chmod: number | undefined,
): Promise<void> {
  for (const name of (await readdir(dir)).sort()) {
    const src = join(dir, name);
    const target = posix.join(destination, name);
    const st = await lstat(src);
    if (st.isSymbolicLink()) {
      const linkTarget = await readlink(src);
      const real = await realpath(src).catch(() => undefined);
      const lexical = posix.isAbsolute(linkTarget)
        ? undefined
        : resolve(dir, linkTarget.split('/').join(sep));
      const staysInside =
        lexical !== undefined &&
        isInside(state.contextDir, lexical) &&
        (real === undefined || isInside(state.realContext, real));
      if (!staysInside) {
        // docker stores it as a link (never followed on the host): the docker builder can.
        throw new NeedsDocker(
          `a symbolic link leading out of the context (${relative(state.contextDir, src).split(sep).join('/')}) in a copied folder at ${state.label}:${lineOf(instruction)}`,
          lineOf(instruction),
        );
      }
      // Kept as a link, as docker keeps one inside a copied folder.
      state.files.delete(target);
      state.directories.delete(target);
      state.made.delete(target);
      state.symlinks.set(target, { path: target, target: linkTarget, ...owner });
      continue;
    }
    if (st.isDirectory()) {
      state.files.delete(target);
      state.symlinks.delete(target);
      state.directories.set(target, { path: target, mode: chmod ?? st.mode & 0o7777, ...owner });
      await copyTree(state, instruction, src, target, owner, chmod);
    } else if (st.isFile()) {
      addFile(state, target, src, chmod ?? st.mode & 0o7777, owner);
    }
  }
}

/**
 * Every FROM's image, with the global ARGs (defaults and build args) expanded. Best effort, for
 * logins only: a FROM the builder could not resolve either is simply left out.
 */
function fromImages(dockerfile: Dockerfile, buildArgs: Record<string, string>): string[] {
  const args = new Map<string, string>();
  const stages = new Set<string>();
  const images: string[] = [];
  const escape = dockerfile.getEscapeCharacter();
  let seenFrom = false;
  for (const instruction of dockerfile.getInstructions()) {
    const keyword = instruction.getKeyword();
    if (keyword === 'ARG' && !seenFrom) {
      for (const p of properties(instruction)) {
        const raw = p.getUnescapedValue();
        const value =
          buildArgs[p.getName()] ?? (raw === null ? undefined : safeWord(raw, args, escape));
        if (value !== undefined) args.set(p.getName(), value);
      }
    }
    if (keyword !== 'FROM') continue;
    seenFrom = true;
    const words = safeWords(instruction.getArgumentsContent() ?? '', args, escape);
    const [image, as, stage] = words;
    if (image && !stages.has(image) && image !== 'scratch') images.push(image);
    if (as?.toUpperCase() === 'AS' && stage) stages.add(stage);
  }
  return images;
}

function safeWord(text: string, vars: Map<string, string>, escape: string): string | undefined {
  try {
    return processWord(text, (n) => vars.get(n), escape);
  } catch {
    return undefined;
  }
}

function safeWords(text: string, vars: Map<string, string>, escape: string): string[] {
  try {
    return processWords(text, (n) => vars.get(n), escape);
  } catch {
    return [];
  }
}
