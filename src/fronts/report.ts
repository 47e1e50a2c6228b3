import { randomBytes } from 'node:crypto';
import {
  closeSync,
  constants,
  lstatSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import type { Stats } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { InputError } from '../core/errors';
import type { Outputs } from '../core/result';
import { DISCOVER_OUTPUTS, OUTPUT_DESCRIPTIONS } from '../core/result';

/**
 * How the fronts hand a run's outputs on: the action's step outputs, the `metadata` JSON and the
 * GitLab dotenv report all come from here, so the three never disagree.
 */

/** The output names in action.yml order (it is generated from OUTPUT_DESCRIPTIONS); metadata is derived. */
const OUTPUT_ORDER = (
  Object.keys(OUTPUT_DESCRIPTIONS) as (keyof typeof OUTPUT_DESCRIPTIONS)[]
).filter(
  (name): name is keyof Outputs =>
    name !== 'metadata' && !(DISCOVER_OUTPUTS as readonly string[]).includes(name),
);

/** Outputs that become dotenv variables; `dockerfile` is a path in the job's workspace, useless later. */
export const DOTENV_OUTPUTS = OUTPUT_ORDER.filter((name) => name !== 'dockerfile');

/** Outputs that name a file a later job reads from the job's artifacts. */
const FILE_OUTPUTS: readonly (keyof Outputs)[] = ['manifest', 'sbom'];

/**
 * `image-ref` → `SLIPWAY_IMAGE_REF`: the variable a dotenv report sets for an output, and the one
 * the CLI reads a secret input (`password` → `SLIPWAY_PASSWORD`) from.
 */
export function dotenvName(name: string): string {
  return `SLIPWAY_${name.toUpperCase().replace(/-/g, '_')}`;
}

/** One output as the single-line string a step output or a dotenv value carries. */
function outputString(value: Outputs[keyof Outputs]): string {
  if (value === undefined) return '';
  return Array.isArray(value) ? value.join(',') : String(value);
}

/** Every output as strings, in action.yml order, with `metadata` last; unset optional ones left out. */
export function outputStrings(outputs: Outputs): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of OUTPUT_ORDER) {
    if (outputs[name] !== undefined) out[name] = outputString(outputs[name]);
  }
  out.metadata = outputsJson(outputs);
  return out;
}

/** The `metadata` output: every output in action.yml order, lists as arrays, one line. */
export function outputsJson(outputs: Outputs): string {
  const ordered: Record<string, unknown> = {};
  for (const name of OUTPUT_ORDER) {
    if (outputs[name] !== undefined) ordered[name] = outputs[name];
  }
  return JSON.stringify(ordered);
}

/**
 * The GitLab `artifacts:reports:dotenv` file. GitLab accepts only KEY=VALUE lines: no comments, no
 * blank lines, no quotes, no spaces or newlines in values. Tags, digests and references never hold
 * those; a path (manifest, sbom) might, and then its line is left out rather than failing a run whose
 * image is already pushed.
 */
export function dotenvReport(outputs: Outputs, projectDir?: string): string {
  const lines: string[] = [];
  for (const name of DOTENV_OUTPUTS) {
    if (outputs[name] === undefined) continue;
    let value = outputString(outputs[name]);
    // A file under the project directory is named relative to it: later jobs get it as an
    // artifact at the same relative path, while the absolute one can differ between runners.
    if (FILE_OUTPUTS.includes(name) && projectDir !== undefined)
      value = underDir(projectDir, value);
    if (/[\s"'#]/.test(value)) continue;
    lines.push(`${dotenvName(name)}=${value}`);
  }
  return `${lines.join('\n')}\n`;
}

/** `path` relative to `dir` when it lies inside it, else as it is. */
function underDir(dir: string, path: string): string {
  const rel = relative(dir, path);
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel) ? rel : path;
}

/**
 * Refuses a report path that is a symbolic link, or lies under a folder of the working directory
 * that is one. Reports are written inside the checkout, where a committed link (the file, or a
 * folder on its way such as `.slipway/`) could point them at any file the job can write; checked
 * before the run so that nothing is pushed when the path is refused.
 */
export function checkReportPath(path: string, flag: string): void {
  const refuse = (link: string): never => {
    const what = link === path ? '' : ` (its folder ${link})`;
    throw new InputError(
      `${flag} ${path}${what} is a symbolic link; Slipway never writes through links (one committed to the repository could overwrite any file the job can write): remove the link or choose another path.`,
    );
  };
  const cwd = process.cwd();
  const folder = relative(cwd, dirname(resolve(path)));
  if (folder !== '' && !folder.startsWith('..') && !isAbsolute(folder)) {
    let at = cwd;
    for (const part of folder.split(sep)) {
      at = join(at, part);
      const stat = lstatOrUndefined(at);
      if (stat === undefined) break; // missing: made by writeReportFile
      if (stat.isSymbolicLink()) refuse(relative(cwd, at));
    }
  }
  if (lstatOrUndefined(path)?.isSymbolicLink()) refuse(path);
}

function lstatOrUndefined(path: string): Stats | undefined {
  try {
    return lstatSync(path);
  } catch {
    return undefined;
  }
}

/**
 * Writes a report file without following links: missing folders are made (after checking that no
 * existing one is a link), the text goes into a new temporary file beside it (O_EXCL|O_NOFOLLOW,
 * so neither an existing file nor a planted link is opened) that is then renamed over the path;
 * rename replaces a link that appeared meanwhile instead of following it.
 */
export function writeReportFile(path: string, text: string, flag: string): void {
  checkReportPath(path, flag);
  mkdirSync(dirname(path), { recursive: true });
  const temp = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  const flags = constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW;
  try {
    const fd = openSync(temp, flags, 0o644);
    try {
      writeFileSync(fd, text);
    } finally {
      closeSync(fd);
    }
    renameSync(temp, path);
  } catch (err) {
    rmSync(temp, { force: true });
    throw err;
  }
}

/**
 * Reads a report another step wrote (a dotenv report), without following a link; undefined when
 * there is none.
 */
export function readReportFile(path: string, flag: string): string | undefined {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NOFOLLOW);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return undefined;
    if (code === 'ELOOP') {
      throw new InputError(
        `${flag} ${path} is a symbolic link; Slipway never reads reports through links: remove the link.`,
      );
    }
    throw err;
  }
  try {
    return readFileSync(fd, 'utf8');
  } finally {
    closeSync(fd);
  }
}

/** A value on one line: a line break in it would start a variable of its own. */
function dotenvValue(value: string): string {
  return value.replace(/\p{Cc}|[\u2028\u2029]/gu, ' ');
}

/**
 * A fanned-out GitLab job's result for the summary job (slipway-results/<job>.env): the job's
 * dotenv report when it succeeded (its SLIPWAY_* lines), then its project and status. The
 * summary reads several of these, which GitLab's own dotenv reports of several jobs cannot give.
 */
export function jobResultReport(
  dotenv: string | undefined,
  project: string,
  status: string,
): string {
  const lines =
    status === 'success'
      ? (dotenv ?? '').split('\n').filter((line) => /^SLIPWAY_[A-Z0-9_]+=\S*$/.test(line))
      : [];
  lines.push(
    `SLIPWAY_PROJECT=${dotenvValue(project)}`,
    `SLIPWAY_JOB_STATUS=${dotenvValue(status)}`,
  );
  return `${lines.join('\n')}\n`;
}
