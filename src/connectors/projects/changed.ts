import { execFile } from 'node:child_process';
import { InputError } from '../../core/errors';
import { CONFIG_FILE } from './config';
import type { Project, Selection, SelectionReason } from './types';
import { isUnder } from './walk';

/**
 * `--changed-since REF`: the projects a change touches, each with why. A project is selected when
 * a changed file lies in its folder, in a module it is built from (transitively), in a shared
 * folder declared for it, or is one of its parent POMs / Gradle build files; every project when a
 * root build file changed.
 */

/** Root files that change how every project builds. */
export const ROOT_BUILD_FILES = [
  'pom.xml',
  'settings.gradle',
  'settings.gradle.kts',
  'build.gradle',
  'build.gradle.kts',
  'gradle.properties',
  'gradle/libs.versions.toml',
  CONFIG_FILE,
];
/** Root folders of build configuration (Maven's .mvn/ extensions and jvm.config). */
const ROOT_BUILD_FOLDERS = ['.mvn'];

interface GitResult {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs git in `root`. The one place this module starts a process; it moves to the shared process
 * runner (src/toolchain/) once that exists.
 */
function git(root: string, args: string[]): Promise<GitResult> {
  return new Promise((resolve, reject) => {
    execFile(
      'git',
      ['-C', root, ...args],
      { maxBuffer: 256 * 1024 * 1024, encoding: 'utf8' },
      (err, stdout, stderr) => {
        if (err && typeof err.code !== 'number') {
          reject(
            new InputError(
              `git could not be run (${err.message}); install git on the runner to use changed-since.`,
            ),
          );
          return;
        }
        resolve({ code: err ? (err.code as number) : 0, stdout, stderr });
      },
    );
  });
}

async function missingRef(root: string, ref: string, detail: string): Promise<InputError> {
  const shallow = await git(root, ['rev-parse', '--is-shallow-repository']);
  if (shallow.code !== 0) {
    return new InputError(
      `Input "changed-since" needs a git clone, but ${root} is not inside one (${shallow.stderr.trim().split('\n')[0]}); run Slipway in the checked-out repository or drop changed-since.`,
    );
  }
  const history =
    shallow.stdout.trim() === 'true'
      ? 'this clone is shallow: fetch the full history with fetch-depth: 0 on actions/checkout (GIT_DEPTH: 0 on GitLab, git fetch --unshallow elsewhere)'
      : `fetch it first (git fetch origin ${ref}, or fetch-depth: 0 on actions/checkout)`;
  return new InputError(`Input "changed-since": ${ref} ${detail} in this clone; ${history}.`);
}

/** Files changed between the merge base of `ref` and HEAD (both sides of a rename). */
export async function changedFiles(root: string, ref: string): Promise<string[]> {
  if (ref.trim() === '' || ref.startsWith('-')) {
    throw new InputError(
      `Input "changed-since" ("${ref}") is not a git ref; give a branch, tag or commit such as origin/main.`,
    );
  }
  const resolved = await git(root, ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`]);
  if (resolved.code !== 0) throw await missingRef(root, ref, 'is not a commit');
  const diff = await git(root, ['diff', '--name-only', '--no-renames', '-z', `${ref}...HEAD`]);
  if (diff.code !== 0) {
    // A shallow clone may hold the ref but not the history back to the merge base.
    if (/no merge base/i.test(diff.stderr)) {
      throw await missingRef(root, ref, 'has no merge base with HEAD');
    }
    throw new InputError(
      `Input "changed-since": git diff ${ref}...HEAD failed (${diff.stderr.trim().split('\n')[0]}); check the ref and that the working directory is the repository.`,
    );
  }
  return diff.stdout.split('\0').filter((f) => f.length > 0);
}

function isRootBuildFile(file: string): boolean {
  return ROOT_BUILD_FILES.includes(file) || ROOT_BUILD_FOLDERS.some((d) => isUnder(d, file));
}

/**
 * The folder a changed file belongs to: the deepest project or module folder holding it, so a
 * file of a nested module counts for that module, not for its aggregator.
 */
function ownerOf(file: string, folders: string[]): string | undefined {
  const depth = (dir: string): number => (dir === '.' ? 0 : dir.split('/').length);
  let best: string | undefined;
  for (const dir of folders) {
    if (isUnder(dir, file) && (best === undefined || depth(dir) > depth(best))) best = dir;
  }
  return best;
}

/** Which projects `files` (repository paths) touch, with reasons; pure, for tests and callers with their own diff. */
export function selectForFiles(projects: Project[], files: string[]): Selection[] {
  const rootFile = files.find(isRootBuildFile);
  if (rootFile) {
    return projects.map((project) => ({
      project,
      reasons: [{ kind: 'root-build', file: rootFile }],
    }));
  }
  const folders = [...new Set(projects.flatMap((p) => [p.workingDirectory, ...p.dependsOn]))];
  const owners = new Map(files.map((f) => [f, ownerOf(f, folders)]));
  const selections: Selection[] = [];
  for (const project of projects) {
    const reasons: SelectionReason[] = [];
    const add = (reason: SelectionReason): void => {
      if (!reasons.some((r) => r.kind === reason.kind && r.via === reason.via))
        reasons.push(reason);
    };
    for (const file of files) {
      const owner = owners.get(file);
      if (owner === project.workingDirectory) add({ kind: 'own', file });
      else if (owner !== undefined && project.dependsOn.includes(owner)) {
        add({ kind: 'dependency', file, via: owner });
      }
      if (project.parentPoms.includes(file)) add({ kind: 'parent-pom', file });
      const shared = project.sharedFolders.find((dir) => isUnder(dir, file));
      if (shared !== undefined) add({ kind: 'shared', file, via: shared });
    }
    if (reasons.length > 0) selections.push({ project, reasons });
  }
  return selections;
}

/** Projects changed since `sinceRef` (`git diff --name-only REF...HEAD` in `root`). */
export async function selectChanged(
  projects: Project[],
  root: string,
  sinceRef: string,
): Promise<Selection[]> {
  return selectForFiles(projects, await changedFiles(root, sinceRef));
}

/** Every project, for runs without changed-since. */
export function selectAll(projects: Project[]): Selection[] {
  return projects.map((project) => ({ project, reasons: [{ kind: 'all', file: '' }] }));
}

/** One line for logs and job summaries: "pulsar-io/common/X.java changed (module pulsar-io/common)". */
export function describeReason(reason: SelectionReason): string {
  switch (reason.kind) {
    case 'own':
      return `${reason.file} changed`;
    case 'dependency':
      return `${reason.file} changed in ${reason.via}, which it is built from`;
    case 'parent-pom':
      return `its parent POM ${reason.file} changed`;
    case 'shared':
      return `${reason.file} changed in shared folder ${reason.via}`;
    case 'root-build':
      return `root build file ${reason.file} changed`;
    case 'all':
      return 'all projects selected';
  }
}
