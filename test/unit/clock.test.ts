/**
 * buildEpoch: the commit time comes from SOURCE_DATE_EPOCH, then from what the CI tells (GitLab's
 * CI_COMMIT_TIMESTAMP, GitHub's push payload) without asking git, then from `git log`.
 */
import childProcess from 'node:child_process';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildEpoch } from '../../src/core/clock';
import { makeTempDir, removeTempDir } from '../fixtures/process';

const GIT_TIME = 1_600_000_000;
const SHA_LENGTH = 40;
let repo: string;
let sha: string;
let caches: string;

/** An empty commit made at `time` (seconds). */
function commit(time: number): void {
  const date = `@${time} +0000`;
  execFileSync(
    'git',
    [
      '-c',
      'user.name=t',
      '-c',
      'user.email=t@example.com',
      'commit',
      '-q',
      '--allow-empty',
      '-m',
      'x',
    ],
    { cwd: repo, env: { ...process.env, GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date } },
  );
}

/** An environment with a cache folder of its own: what an earlier test kept never answers. */
function fresh(env: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return { SLIPWAY_CACHE_DIR: mkdtempSync(join(caches, 'cache-')), ...env };
}

beforeAll(async () => {
  caches = await makeTempDir('clock-caches');
  repo = await makeTempDir('clock-test');
  execFileSync('git', ['init', '-q'], { cwd: repo });
  commit(GIT_TIME);
  sha = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: repo, encoding: 'utf8' }).trim();
});
afterAll(async () => {
  await removeTempDir(repo);
  await removeTempDir(caches);
});

function githubEvent(headCommit: unknown): string {
  const path = join(repo, `event-${Math.random().toString(16).slice(2)}.json`);
  writeFileSync(path, JSON.stringify({ head_commit: headCommit }));
  return path;
}

describe('buildEpoch', () => {
  it('reads HEAD with git when nothing else tells the time', async () => {
    expect(sha).toHaveLength(SHA_LENGTH);
    await expect(buildEpoch(repo, fresh({}))).resolves.toBe(GIT_TIME);
  });

  it('is 0 in a folder that is not a git checkout', async () => {
    const plain = await makeTempDir('clock-plain');
    try {
      await expect(buildEpoch(plain, fresh({ GIT_CEILING_DIRECTORIES: plain }))).resolves.toBe(0);
    } finally {
      await removeTempDir(plain);
    }
  });

  it('refuses a SOURCE_DATE_EPOCH that is not whole seconds at once, before git runs', () => {
    expect(() => buildEpoch(repo, fresh({ SOURCE_DATE_EPOCH: '2024-05-01' }))).toThrow(
      /^SOURCE_DATE_EPOCH must be whole seconds since 1970 \(got "2024-05-01"\); unset it/,
    );
  });

  it('takes SOURCE_DATE_EPOCH first', async () => {
    await expect(
      buildEpoch(repo, fresh({ SOURCE_DATE_EPOCH: '42', CI_COMMIT_TIMESTAMP: '' })),
    ).resolves.toBe(42);
  });

  it("takes GitLab's CI_COMMIT_TIMESTAMP instead of git", async () => {
    const env = { GITLAB_CI: 'true', CI_COMMIT_TIMESTAMP: '2024-05-01T12:00:30+02:00' };
    await expect(buildEpoch(repo, fresh(env))).resolves.toBe(
      Date.UTC(2024, 4, 1, 10, 0, 30) / 1000,
    );
  });

  it("takes a GitHub push's head_commit.timestamp when it is GITHUB_SHA's", async () => {
    const env = {
      GITHUB_ACTIONS: 'true',
      GITHUB_SHA: sha,
      GITHUB_EVENT_PATH: githubEvent({ id: sha, timestamp: '2023-01-02T03:04:05Z' }),
    };
    await expect(buildEpoch(repo, fresh(env))).resolves.toBe(Date.UTC(2023, 0, 2, 3, 4, 5) / 1000);
  });

  it.each([
    ['another commit', { id: 'f'.repeat(SHA_LENGTH), timestamp: '2023-01-02T03:04:05Z' }],
    ['no head commit (a pull request event)', null],
    ['a time without a zone', { id: 'SHA', timestamp: '2023-01-02T03:04:05' }],
  ])('asks git when the payload names %s', async (_what, head) => {
    const headCommit =
      head && typeof head === 'object' && head.id === 'SHA' ? { ...head, id: sha } : head;
    const env = {
      GITHUB_ACTIONS: 'true',
      GITHUB_SHA: sha,
      GITHUB_EVENT_PATH: githubEvent(headCommit),
    };
    await expect(buildEpoch(repo, fresh(env))).resolves.toBe(GIT_TIME);
  });

  it('asks git when CI_COMMIT_TIMESTAMP is not a time', async () => {
    await expect(
      buildEpoch(repo, fresh({ GITLAB_CI: 'true', CI_COMMIT_TIMESTAMP: 'yesterday' })),
    ).resolves.toBe(GIT_TIME);
  });
});

describe('buildEpoch without a child process when the time is known', () => {
  // Watches (and lets through) every child process clock.ts starts: the cases that know the time
  // must start none, the one that does not must start git (so the check can fail).
  let spawned: jest.SpiedFunction<typeof childProcess.execFile>;
  beforeEach(() => {
    spawned = jest.spyOn(childProcess, 'execFile');
  });
  afterEach(() => spawned.mockRestore());

  it.each([
    ['SOURCE_DATE_EPOCH', () => ({ SOURCE_DATE_EPOCH: '42' }), 42],
    [
      "GitLab's CI_COMMIT_TIMESTAMP",
      () => ({ GITLAB_CI: 'true', CI_COMMIT_TIMESTAMP: '2024-05-01T10:00:30Z' }),
      Date.UTC(2024, 4, 1, 10, 0, 30) / 1000,
    ],
    [
      "GitHub's push payload",
      () => ({
        GITHUB_ACTIONS: 'true',
        GITHUB_SHA: sha,
        GITHUB_EVENT_PATH: githubEvent({ id: sha, timestamp: '2023-01-02T03:04:05Z' }),
      }),
      Date.UTC(2023, 0, 2, 3, 4, 5) / 1000,
    ],
  ])('%s', async (_what, env, expected) => {
    await expect(buildEpoch(repo, fresh(env()))).resolves.toBe(expected);
    expect(spawned).not.toHaveBeenCalled();
  });

  it('starts nothing outside a git checkout', async () => {
    const plain = await makeTempDir('clock-plain');
    try {
      await expect(buildEpoch(plain, fresh())).resolves.toBe(0);
      expect(spawned).not.toHaveBeenCalled();
    } finally {
      await removeTempDir(plain);
    }
  });

  it('asks git once per commit: the next run takes the time from the cache', async () => {
    const env = fresh();
    await expect(buildEpoch(repo, env)).resolves.toBe(GIT_TIME);
    expect(spawned).toHaveBeenCalledTimes(1);
    await expect(buildEpoch(repo, env)).resolves.toBe(GIT_TIME);
    expect(spawned).toHaveBeenCalledTimes(1);
    // A new commit is another key: git is asked again, and says the new time.
    const later = GIT_TIME + 3600;
    commit(later);
    try {
      await expect(buildEpoch(repo, env)).resolves.toBe(later);
      expect(spawned).toHaveBeenCalledTimes(2);
    } finally {
      execFileSync('git', ['reset', '-q', '--hard', sha], { cwd: repo });
    }
  });

  it('runs git when nothing tells the time', async () => {
    await expect(buildEpoch(repo, fresh({}))).resolves.toBe(GIT_TIME);
    expect(spawned).toHaveBeenCalledWith(
      'git',
      ['log', '-1', '--format=%H %ct'],
      expect.anything(),
      expect.any(Function),
    );
  });
});
