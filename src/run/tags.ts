import { epochToIso } from '../core/clock';
import { parseTag } from '../image/reference';

/**
 * Tags, labels and the `if-exists` policy: what a run calls its image and what it does when a tag
 * is already taken. Pure functions of the inputs and the CI's environment variables, so both
 * GitHub and GitLab behave the same and tests need no CI.
 */

type Env = Readonly<Record<string, string | undefined>>;

/** What the CI tells about the commit being built. */
export interface CiContext {
  ci: 'github' | 'gitlab' | 'none';
  /** Full commit sha, when known. */
  sha?: string;
  /** The git tag being built (e.g. v1.2.3), when the run is for a tag. */
  gitTag?: string;
  /** The branch being built, when the run is for a branch. */
  branch?: string;
  /** Web URL of the repository, e.g. https://github.com/org/repo. */
  repositoryUrl?: string;
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value === '' ? undefined : value;
}

export function ciContext(env: Env): CiContext {
  if (env.GITHUB_ACTIONS === 'true' || nonEmpty(env.GITHUB_REF) !== undefined) {
    const ref = env.GITHUB_REF ?? '';
    let gitTag: string | undefined;
    let branch: string | undefined;
    if (ref.startsWith('refs/tags/')) gitTag = ref.slice('refs/tags/'.length);
    else if (ref.startsWith('refs/heads/')) branch = ref.slice('refs/heads/'.length);
    else if (env.GITHUB_REF_TYPE === 'tag') gitTag = nonEmpty(env.GITHUB_REF_NAME);
    else if (env.GITHUB_REF_TYPE === 'branch') branch = nonEmpty(env.GITHUB_REF_NAME);
    const server = nonEmpty(env.GITHUB_SERVER_URL) ?? 'https://github.com';
    const repo = nonEmpty(env.GITHUB_REPOSITORY);
    return {
      ci: 'github',
      sha: nonEmpty(env.GITHUB_SHA),
      gitTag,
      branch,
      repositoryUrl: repo === undefined ? undefined : `${server.replace(/\/+$/, '')}/${repo}`,
    };
  }
  if (env.GITLAB_CI === 'true' || nonEmpty(env.CI_COMMIT_SHA) !== undefined) {
    return {
      ci: 'gitlab',
      sha: nonEmpty(env.CI_COMMIT_SHA) ?? nonEmpty(env.CI_COMMIT_SHORT_SHA),
      gitTag: nonEmpty(env.CI_COMMIT_TAG),
      branch: nonEmpty(env.CI_COMMIT_BRANCH),
      repositoryUrl: nonEmpty(env.CI_PROJECT_URL),
    };
  }
  return { ci: 'none' };
}

const SEMVER = /^v?(\d+)\.(\d+)\.(\d+)(?:-([0-9A-Za-z.-]+))?(?:\+([0-9A-Za-z.-]+))?$/;

/**
 * Turns any version string into a valid tag: characters a tag cannot hold become "-" (as
 * `1.0.0+build.5` → `1.0.0-build.5`), and a leading "." or "-" is dropped. Undefined when nothing
 * usable is left.
 */
export function sanitizeTag(value: string): string | undefined {
  const cleaned = value
    .trim()
    .replace(/[^A-Za-z0-9_.-]/g, '-')
    .replace(/^[.-]+/, '')
    .slice(0, 128);
  return cleaned === '' ? undefined : cleaned;
}

/** `v1.2.3` → 1.2.3, 1.2, 1; a prerelease (`v1.2.3-rc.1`) only itself; other tags as they are. */
export function tagsForGitTag(gitTag: string): string[] {
  const m = SEMVER.exec(gitTag);
  if (m === null) {
    const tag = sanitizeTag(gitTag);
    return tag === undefined ? [] : [tag];
  }
  const [, major, minor, patch, prerelease, build] = m;
  let full = `${major}.${minor}.${patch}`;
  if (prerelease !== undefined) full += `-${prerelease}`;
  if (build !== undefined) full += `-${build}`;
  if (prerelease !== undefined) return [full];
  return [full, `${major}.${minor}`, major];
}

function dedupe(tags: string[]): string[] {
  return [...new Set(tags)];
}

export interface TagDefaults {
  /** The `tags` input, already split. */
  inputTags: readonly string[];
  /** The artifact's own version: NAR/pom version, Airbyte dockerImageTag. */
  artifactVersion?: string;
  env: Env;
}

/**
 * The tags to push. The `tags` input wins whole; otherwise the tags of a CI git tag, then the
 * artifact's version, then `sha-<7 hex>` for a branch build; `latest` when none of these exists.
 */
export function defaultTags({ inputTags, artifactVersion, env }: TagDefaults): string[] {
  if (inputTags.length > 0) return dedupe(inputTags.map((tag) => parseTag(tag, 'tags')));
  const ci = ciContext(env);
  const tags: string[] = [];
  if (ci.gitTag !== undefined) tags.push(...tagsForGitTag(ci.gitTag));
  const version = artifactVersion === undefined ? undefined : sanitizeTag(artifactVersion);
  if (version !== undefined) tags.push(version);
  if (ci.gitTag === undefined && ci.sha !== undefined && /^[0-9a-f]{7,}$/i.test(ci.sha)) {
    tags.push(`sha-${ci.sha.slice(0, 7).toLowerCase()}`);
  }
  return tags.length > 0 ? dedupe(tags) : ['latest'];
}

/** What is known about the image beyond the CI, for its default labels. */
export interface LabelInfo {
  /** Build epoch (seconds), from buildEpoch(). */
  epoch: number;
  version?: string;
  title?: string;
  description?: string;
  /** SPDX expression, e.g. Apache-2.0. */
  licenses?: string;
}

const OCI = 'org.opencontainers.image';

/**
 * Default OCI annotations-as-labels from the CI and the artifact. The caller spreads the user's
 * `labels` over these, so the user always wins.
 */
export function ciLabels(env: Env, info: LabelInfo): Record<string, string> {
  const ci = ciContext(env);
  const labels: Record<string, string> = {};
  const set = (key: string, value: string | undefined): void => {
    if (value !== undefined && value !== '') labels[`${OCI}.${key}`] = value;
  };
  set('created', epochToIso(info.epoch));
  set('source', ci.repositoryUrl);
  set('revision', ci.sha);
  set(
    'version',
    info.version ?? (ci.gitTag === undefined ? undefined : tagsForGitTag(ci.gitTag)[0]),
  );
  set('title', info.title);
  set('description', info.description);
  set('licenses', info.licenses);
  return labels;
}

export type IfExistsPolicy = 'overwrite' | 'skip' | 'fail';

export type IfExistsDecision =
  /** Write the tag (it is new, or it is overwritten). */
  | { action: 'push' }
  /** The tag already points at this very image: nothing to push, reported as pushed=false. */
  | { action: 'no-op' }
  /** The tag points elsewhere and the policy says leave it. */
  | { action: 'skip'; message: string }
  /** The tag points elsewhere and the policy says stop; `message` is the user-facing error. */
  | { action: 'fail'; message: string };

export interface IfExistsQuery {
  /** repo:tag, for messages. */
  reference: string;
  /** Digest the tag points at now; undefined when the tag does not exist. */
  existingDigest: string | undefined;
  newDigest: string;
  policy: IfExistsPolicy;
}

/** Decides what to do with one tag that may already exist in the target registry. */
export function ifExists({
  reference,
  existingDigest,
  newDigest,
  policy,
}: IfExistsQuery): IfExistsDecision {
  if (existingDigest === undefined) return { action: 'push' };
  if (existingDigest === newDigest) return { action: 'no-op' };
  const other = `${existingDigest.slice(0, 19)}…`;
  switch (policy) {
    case 'overwrite':
      return { action: 'push' };
    case 'skip':
      return {
        action: 'skip',
        message: `${reference} already points at ${other}, left as it is (if-exists: skip)`,
      };
    case 'fail':
      return {
        action: 'fail',
        message: `Tag ${reference} already exists with another image (${other}) and if-exists is fail; push a new tag, or set if-exists to overwrite or skip.`,
      };
  }
}
