import { readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/**
 * The commit HEAD names, read from the files git keeps, without a git process: a run whose commit
 * time is cached for that commit starts none (core/clock.ts). Written from git's repository
 * layout (gitrepository-layout(5) and gitglossary, git 2.39):
 *
 * - the repository is the nearest `.git` up from the folder: a folder, or a file
 *   `gitdir: <path>` (a linked worktree, a submodule);
 * - a linked worktree's folder names the shared one in `commondir`, where branches live;
 * - HEAD holds a commit id (detached) or `ref: refs/heads/<branch>`, whose id is in the loose file
 *   of that name or in a line `<id> <name>` of `packed-refs`.
 *
 * Anything else is left to git: GIT_DIR or GIT_WORK_TREE set, the reftable format, a branch not
 * found. Then the answer is `undefined`; `none` means there is no repository at all.
 */
export type Head = { commit: string } | 'none' | undefined;

const COMMIT_ID = /^[0-9a-f]{40}([0-9a-f]{24})?$/;

export function readHead(folder: string, env: NodeJS.ProcessEnv = process.env): Head {
  if (env.GIT_DIR || env.GIT_WORK_TREE || env.GIT_COMMON_DIR) return undefined;
  try {
    const gitDir = findGitDir(resolve(folder));
    if (!gitDir) return 'none';
    const common = commonDir(gitDir);
    if (isDirectory(join(common, 'reftable'))) return undefined;
    const head = readFileSync(join(gitDir, 'HEAD'), 'utf8').trim();
    if (COMMIT_ID.test(head)) return { commit: head };
    const ref = /^ref: (refs\/heads\/\S+)$/.exec(head)?.[1];
    const commit = ref ? (looseRef(common, ref) ?? packedRef(common, ref)) : undefined;
    return commit ? { commit } : undefined;
  } catch {
    return undefined;
  }
}

function isDirectory(path: string): boolean {
  return statSync(path, { throwIfNoEntry: false })?.isDirectory() ?? false;
}

/** The repository folder of the nearest `.git` at or above `folder`; undefined when none. */
function findGitDir(folder: string): string | undefined {
  for (let dir = folder; ; dir = dirname(dir)) {
    const dotGit = join(dir, '.git');
    const st = statSync(dotGit, { throwIfNoEntry: false });
    if (st?.isDirectory()) return dotGit;
    if (st?.isFile()) {
      const target = /^gitdir: (.+)$/m.exec(readFileSync(dotGit, 'utf8'))?.[1].trim();
      if (!target) throw new Error(`${dotGit} names no gitdir`);
      return resolve(dir, target);
    }
    if (dirname(dir) === dir) return undefined;
  }
}

function commonDir(gitDir: string): string {
  const named = statSync(join(gitDir, 'commondir'), { throwIfNoEntry: false });
  if (!named) return gitDir;
  return resolve(gitDir, readFileSync(join(gitDir, 'commondir'), 'utf8').trim());
}

function looseRef(common: string, ref: string): string | undefined {
  const file = join(common, ref);
  if (!statSync(file, { throwIfNoEntry: false })?.isFile()) return undefined;
  const id = readFileSync(file, 'utf8').trim();
  return COMMIT_ID.test(id) ? id : undefined;
}

function packedRef(common: string, ref: string): string | undefined {
  const file = join(common, 'packed-refs');
  if (!statSync(file, { throwIfNoEntry: false })) return undefined;
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const [id, name] = line.split(' ');
    if (name === ref && COMMIT_ID.test(id)) return id;
  }
  return undefined;
}
