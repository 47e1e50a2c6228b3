import { parseTag } from '../image/reference';

/**
 * Tags: what a run calls its image. Pure functions of the inputs and the CI's environment variables, so both
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
