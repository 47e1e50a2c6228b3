/**
 * buildEpoch: the commit time comes from SOURCE_DATE_EPOCH, then from what the CI tells (GitLab's
 * CI_COMMIT_TIMESTAMP, GitHub's push payload) without asking git, then from `git log`.
 */
import childProcess from 'node:child_process';
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildEpoch } from '../../src/core/clock';
import { makeTempDir, removeTempDir } from '../fixtures/process';

const GIT_TIME = 1_600_000_000;
const SHA_LENGTH = 40;
let repo: string;
let sha: string;

beforeAll(async () => {
  repo = await makeTempDir('clock-test');
  const date = `@${GIT_TIME} +0000`;
  const git = (...args: string[]): string =>
    execFileSync('git', args, {
      cwd: repo,
      encoding: 'utf8',
      env: { ...process.env, GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date },
    }).trim();
  git('init', '-q');
  git(
    '-c',
    'user.name=t',
    '-c',
    'user.email=t@example.com',
    'commit',
    '-q',
    '--allow-empty',
    '-m',
    'x',
  );
  sha = git('rev-parse', 'HEAD');
});
afterAll(() => removeTempDir(repo));

function githubEvent(headCommit: unknown): string {
  const path = join(repo, `event-${Math.random().toString(16).slice(2)}.json`);
  writeFileSync(path, JSON.stringify({ head_commit: headCommit }));
  return path;
}

describe('buildEpoch', () => {
  it('reads HEAD with git when nothing else tells the time', () => {
    expect(sha).toHaveLength(SHA_LENGTH);
    expect(buildEpoch(repo, {})).toBe(GIT_TIME);
  });

  it('takes SOURCE_DATE_EPOCH first', () => {
    expect(buildEpoch(repo, { SOURCE_DATE_EPOCH: '42', CI_COMMIT_TIMESTAMP: '' })).toBe(42);
  });

  it("takes GitLab's CI_COMMIT_TIMESTAMP instead of git", () => {
    const env = { GITLAB_CI: 'true', CI_COMMIT_TIMESTAMP: '2024-05-01T12:00:30+02:00' };
    expect(buildEpoch(repo, env)).toBe(Date.UTC(2024, 4, 1, 10, 0, 30) / 1000);
  });

  it("takes a GitHub push's head_commit.timestamp when it is GITHUB_SHA's", () => {
    const env = {
      GITHUB_ACTIONS: 'true',
      GITHUB_SHA: sha,
      GITHUB_EVENT_PATH: githubEvent({ id: sha, timestamp: '2023-01-02T03:04:05Z' }),
    };
    expect(buildEpoch(repo, env)).toBe(Date.UTC(2023, 0, 2, 3, 4, 5) / 1000);
  });

  it.each([
    ['another commit', { id: 'f'.repeat(SHA_LENGTH), timestamp: '2023-01-02T03:04:05Z' }],
    ['no head commit (a pull request event)', null],
    ['a time without a zone', { id: 'SHA', timestamp: '2023-01-02T03:04:05' }],
  ])('asks git when the payload names %s', (_what, head) => {
    const headCommit =
      head && typeof head === 'object' && head.id === 'SHA' ? { ...head, id: sha } : head;
    const env = {
      GITHUB_ACTIONS: 'true',
      GITHUB_SHA: sha,
      GITHUB_EVENT_PATH: githubEvent(headCommit),
    };
    expect(buildEpoch(repo, env)).toBe(GIT_TIME);
  });

  it('asks git when CI_COMMIT_TIMESTAMP is not a time', () => {
    expect(buildEpoch(repo, { GITLAB_CI: 'true', CI_COMMIT_TIMESTAMP: 'yesterday' })).toBe(
      GIT_TIME,
    );
  });
});

describe('buildEpoch without a child process when the time is known', () => {
  // Watches (and lets through) every child process clock.ts starts: the cases that know the time
  // must start none, the one that does not must start git (so the check can fail).
  let spawned: jest.SpiedFunction<typeof childProcess.execFileSync>;
  beforeEach(() => {
    spawned = jest.spyOn(childProcess, 'execFileSync');
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
  ])('%s', (_what, env, expected) => {
    expect(buildEpoch(repo, env())).toBe(expected);
    expect(spawned).not.toHaveBeenCalled();
  });

  it('runs git when nothing tells the time', () => {
    expect(buildEpoch(repo, {})).toBe(GIT_TIME);
    expect(spawned).toHaveBeenCalledWith('git', ['log', '-1', '--format=%ct'], expect.anything());
  });
});
