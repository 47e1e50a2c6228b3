import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { cacheRoot, readCacheFile, writeCacheFile } from './cache';
import { InputError } from './errors';
import { githubEvent } from './github-event';
import { readHead } from './git-head';
import { isRecord } from './json';

/**
 * The one clock of a build: layer mtimes and the config's `created` come from here, so the same
 * inputs give the same digest. SOURCE_DATE_EPOCH wins, then the commit time the CI already knows
 * (no child process on the common path), then the commit time of HEAD in the working directory,
 * then 0 (1970-01-01). A bad SOURCE_DATE_EPOCH throws at once; git runs in the background, so a
 * build starts it first and awaits it once the artifact is inspected.
 */
export function buildEpoch(
  workingDirectory: string,
  env: NodeJS.ProcessEnv = process.env,
): Promise<number> {
  const fromEnv = env.SOURCE_DATE_EPOCH;
  if (fromEnv !== undefined && fromEnv !== '') {
    if (!/^\d+$/.test(fromEnv)) {
      throw new InputError(
        `SOURCE_DATE_EPOCH must be whole seconds since 1970 (got "${fromEnv}"); unset it or set e.g. SOURCE_DATE_EPOCH=$(git log -1 --format=%ct)`,
      );
    }
    return Promise.resolve(Number(fromEnv));
  }
  const fromCi = ciCommitEpoch(env);
  return fromCi !== undefined ? Promise.resolve(fromCi) : headCommitTime(workingDirectory, env);
}

/**
 * HEAD's commit time: from the cache (`<cache>/commit-times/<commit>`; a commit's time never
 * changes) when HEAD can be read without git, else by git, whose answer is kept for the next run;
 * 0 when this is not a git checkout or git is missing.
 */
function headCommitTime(cwd: string, env: NodeJS.ProcessEnv): Promise<number> {
  const head = readHead(cwd, env);
  if (head === 'none') return Promise.resolve(0);
  const times = join(cacheRoot(env), 'commit-times');
  const cached = head && readCacheFile(join(times, head.commit));
  if (cached && /^\d+\n$/.test(cached)) return Promise.resolve(Number(cached));
  return new Promise((resolve) => {
    execFile('git', ['log', '-1', '--format=%H %ct'], { cwd, encoding: 'utf8' }, (err, stdout) => {
      const [, commit, time] = (err ? '' : stdout).match(/^([0-9a-f]{40,64}) (\d+)\n?$/) ?? [];
      if (!commit) return resolve(0);
      writeCacheFile(join(times, commit), `${time}\n`);
      resolve(Number(time));
    });
  });
}

/** Whole seconds of an ISO 8601 time with a zone ("2024-05-01T10:00:00+02:00"), else undefined. */
function isoSeconds(value: unknown): number | undefined {
  if (typeof value !== 'string' || !/^\d{4}-\d\d-\d\dT.*(Z|[+-]\d\d:?\d\d)$/.test(value)) {
    return undefined;
  }
  const ms = Date.parse(value);
  return Number.isFinite(ms) && ms >= 0 ? Math.floor(ms / 1000) : undefined;
}

/**
 * The commit time of the commit being built, as the CI tells it: GitLab's CI_COMMIT_TIMESTAMP
 * (the commit's committed date), or on GitHub the push event's head_commit.timestamp when that
 * commit is GITHUB_SHA (other events carry no commit time). Both are what `git log --format=%ct`
 * gives for that commit.
 */
function ciCommitEpoch(env: NodeJS.ProcessEnv): number | undefined {
  if (env.GITLAB_CI === 'true') {
    const gitlab = isoSeconds(env.CI_COMMIT_TIMESTAMP);
    if (gitlab !== undefined) return gitlab;
  }
  const sha = env.GITHUB_SHA;
  if (env.GITHUB_ACTIONS !== 'true' || !sha) return undefined;
  // No payload, or one without the head commit: ask git.
  const head = githubEvent(env)?.head_commit;
  return isRecord(head) && head.id === sha ? isoSeconds(head.timestamp) : undefined;
}

export function epochToIso(epoch: number): string {
  return new Date(epoch * 1000).toISOString().replace('.000Z', 'Z');
}
