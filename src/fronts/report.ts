import { randomBytes } from 'node:crypto';
import {
  closeSync,
  constants,
  lstatSync,
  openSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { basename, dirname, isAbsolute, join, relative } from 'node:path';
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
 * Refuses a report path that is a symbolic link. The dotenv report is written inside the checkout,
 * where a committed link could point it at any file the job can write; checked before the run so
 * that nothing is pushed when the path is refused.
 */
export function checkReportPath(path: string, flag: string): void {
  let isLink = false;
  try {
    isLink = lstatSync(path).isSymbolicLink();
  } catch {
    return; // missing: it is made by writeReportFile
  }
  if (isLink) {
    throw new InputError(
      `${flag} ${path} is a symbolic link; Slipway never writes through links (one committed to the repository could overwrite any file the job can write): remove the link or choose another path.`,
    );
  }
}

/**
 * Writes a report file without following links: the text goes into a new temporary file beside
 * it (O_EXCL|O_NOFOLLOW, so neither an existing file nor a planted link is opened) that is then
 * renamed over the path; rename replaces a link that appeared meanwhile instead of following it.
 */
export function writeReportFile(path: string, text: string, flag: string): void {
  checkReportPath(path, flag);
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
