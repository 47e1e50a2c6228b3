/**
 * core/git-head.ts reads HEAD's commit from git's files; `git rev-parse HEAD` is the oracle in
 * each layout a checkout can have: a branch (loose, then packed), a detached HEAD, a subfolder,
 * a linked worktree and a submodule. What it cannot read for sure it leaves to git.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { readHead } from '../../src/core/git-head';
import { makeTempDir, removeTempDir } from '../fixtures/process';

let dir: string;
let repo: string;

function git(cwd: string, ...args: string[]): string {
  return execFileSync(
    'git',
    [
      '-c',
      'user.name=t',
      '-c',
      'user.email=t@example.com',
      '-c',
      'protocol.file.allow=always',
      ...args,
    ],
    { cwd, encoding: 'utf8' },
  ).trim();
}

function revParse(cwd: string): { commit: string } {
  return { commit: git(cwd, 'rev-parse', 'HEAD') };
}

beforeAll(async () => {
  dir = await makeTempDir('git-head');
  repo = join(dir, 'repo');
  mkdirSync(join(repo, 'connectors', 'sink'), { recursive: true });
  git(repo, 'init', '-q', '-b', 'main');
  git(repo, 'commit', '-q', '--allow-empty', '-m', 'one');
  git(repo, 'commit', '-q', '--allow-empty', '-m', 'two');
});
afterAll(() => removeTempDir(dir));

describe('readHead', () => {
  it('reads a branch from its loose ref, from a subfolder too', () => {
    expect(readHead(repo, {})).toEqual(revParse(repo));
    expect(readHead(join(repo, 'connectors', 'sink'), {})).toEqual(revParse(repo));
  });

  it('reads a branch from packed-refs once git has packed it', () => {
    git(repo, 'pack-refs', '--all');
    expect(readHead(repo, {})).toEqual(revParse(repo));
  });

  it('reads a detached HEAD', () => {
    git(repo, 'checkout', '-q', '--detach', 'HEAD~1');
    try {
      expect(readHead(repo, {})).toEqual(revParse(repo));
    } finally {
      git(repo, 'checkout', '-q', 'main');
    }
  });

  it("reads a linked worktree's own HEAD, its branch kept in the shared repository", () => {
    const tree = join(dir, 'tree');
    git(repo, 'worktree', 'add', '-q', '-b', 'feature', tree, 'HEAD~1');
    git(tree, 'commit', '-q', '--allow-empty', '-m', 'three');
    expect(readHead(tree, {})).toEqual(revParse(tree));
    expect(readHead(tree, {})).not.toEqual(readHead(repo, {}));
  });

  it("reads a submodule's HEAD through its .git file", () => {
    const parent = join(dir, 'parent');
    mkdirSync(parent);
    git(parent, 'init', '-q');
    git(parent, 'submodule', '--quiet', 'add', repo, 'sub');
    const sub = join(parent, 'sub');
    expect(readHead(sub, {})).toEqual(revParse(sub));
  });

  it('says there is no repository outside any checkout', async () => {
    const plain = await makeTempDir('git-head-plain');
    try {
      expect(readHead(plain, {})).toBe('none');
    } finally {
      await removeTempDir(plain);
    }
  });

  it('leaves GIT_DIR, an unknown branch and the reftable format to git', () => {
    expect(readHead(repo, { GIT_DIR: join(repo, '.git') })).toBeUndefined();
    const orphan = join(dir, 'orphan');
    mkdirSync(orphan);
    git(orphan, 'init', '-q', '-b', 'unborn'); // HEAD names a branch with no commit yet
    expect(readHead(orphan, {})).toBeUndefined();
    mkdirSync(join(repo, '.git', 'reftable'));
    try {
      expect(readHead(repo, {})).toBeUndefined();
    } finally {
      rmSync(join(repo, '.git', 'reftable'), { recursive: true });
    }
  });
});
