// The functions, not semver's index: that loads all of semver (ranges, comparators), 70 KB
// every run would compile for three calls.
import type SemVer from 'semver/classes/semver';
import semverEq from 'semver/functions/eq';
import semverParse from 'semver/functions/parse';
import semverValid from 'semver/functions/valid';
import { InputError } from '../core/errors';
import { githubEvent } from '../core/github-event';
import { isRecord } from '../core/json';
import type { Logger } from '../core/log';
import { parseReference, parseRepository, parseTag } from '../image/reference';
import type { Reference } from '../image/reference';

/**
 * Tags: what a run calls its image. Pure functions of the inputs and the CI's environment variables
 * (plus GitHub's event file for the default branch), so both CIs behave the same and tests need no
 * CI. The rules follow docker/metadata-action (commit dc80280, src/meta.ts: procSemver,
 * procRefBranch, procRefPr, procEdge, sanitizeTag) with the defaults a release flow wants.
 */

export type Env = Readonly<Record<string, string | undefined>>;

/** What the CI tells about the commit being built. */
export interface CiContext {
  ci: 'github' | 'gitlab' | 'none';
  /** Full commit sha, when known. */
  sha?: string;
  /** The git tag being built (e.g. v1.2.3), when the run is for a tag. */
  gitTag?: string;
  /** The branch being built, when the run is for a branch. */
  branch?: string;
  /** The repository's default branch, when the CI says it. */
  defaultBranch?: string;
  /** The pull request (GitHub) or merge request (GitLab) number, when the run is for one. */
  pullRequest?: number;
  /** Web URL of the repository, e.g. https://github.com/org/repo. */
  repositoryUrl?: string;
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value === '' ? undefined : value;
}

/**
 * GitHub sets no variable for the default branch; the event payload has it (as metadata-action
 * reads it from the repository API). A missing or unreadable file just means "unknown".
 */
function githubDefaultBranch(env: Env): string | undefined {
  const repository = githubEvent(env)?.repository;
  const branch = isRecord(repository) ? repository.default_branch : undefined;
  return typeof branch === 'string' && branch !== '' ? branch : undefined;
}

function positiveInteger(value: string | undefined): number | undefined {
  return value !== undefined && /^[1-9]\d*$/.test(value) ? Number(value) : undefined;
}

export function ciContext(env: Env): CiContext {
  if (env.GITHUB_ACTIONS === 'true' || nonEmpty(env.GITHUB_REF) !== undefined) {
    const ref = env.GITHUB_REF ?? '';
    let gitTag: string | undefined;
    let branch: string | undefined;
    let pullRequest: number | undefined;
    const pull = /^refs\/pull\/(\d+)\/(?:merge|head)$/.exec(ref);
    if (ref.startsWith('refs/tags/')) gitTag = ref.slice('refs/tags/'.length);
    else if (ref.startsWith('refs/heads/')) branch = ref.slice('refs/heads/'.length);
    else if (pull !== null) pullRequest = positiveInteger(pull[1]);
    else if (env.GITHUB_REF_TYPE === 'tag') gitTag = nonEmpty(env.GITHUB_REF_NAME);
    else if (env.GITHUB_REF_TYPE === 'branch') branch = nonEmpty(env.GITHUB_REF_NAME);
    const server = nonEmpty(env.GITHUB_SERVER_URL) ?? 'https://github.com';
    const repo = nonEmpty(env.GITHUB_REPOSITORY);
    const context: CiContext = {
      ci: 'github',
      sha: nonEmpty(env.GITHUB_SHA),
      gitTag,
      branch,
      repositoryUrl: repo === undefined ? undefined : `${server.replace(/\/+$/, '')}/${repo}`,
    };
    const defaultBranch = githubDefaultBranch(env);
    if (defaultBranch !== undefined) context.defaultBranch = defaultBranch;
    if (pullRequest !== undefined) context.pullRequest = pullRequest;
    return context;
  }
  if (env.GITLAB_CI === 'true' || nonEmpty(env.CI_COMMIT_SHA) !== undefined) {
    const context: CiContext = {
      ci: 'gitlab',
      sha: nonEmpty(env.CI_COMMIT_SHA) ?? nonEmpty(env.CI_COMMIT_SHORT_SHA),
      gitTag: nonEmpty(env.CI_COMMIT_TAG),
      branch: nonEmpty(env.CI_COMMIT_BRANCH),
      repositoryUrl: nonEmpty(env.CI_PROJECT_URL),
    };
    const defaultBranch = nonEmpty(env.CI_DEFAULT_BRANCH);
    if (defaultBranch !== undefined) context.defaultBranch = defaultBranch;
    const mergeRequest = positiveInteger(env.CI_MERGE_REQUEST_IID);
    if (mergeRequest !== undefined) context.pullRequest = mergeRequest;
    return context;
  }
  return { ci: 'none' };
}

/**
 * Turns any name into a valid tag as metadata-action does (runs of characters a tag cannot hold
 * become one "-": `feature/x y` → `feature-x-y`); a leading "." or "-" is dropped, and at most 128
 * characters are kept. Undefined when nothing usable is left.
 */
export function sanitizeTag(value: string): string | undefined {
  const cleaned = value
    .trim()
    .replace(/[^A-Za-z0-9_.-]+/g, '-')
    .replace(/^[.-]+/, '')
    .slice(0, 128);
  return cleaned === '' ? undefined : cleaned;
}

/** The version a git tag names (`v1.2.3` → 1.2.3), undefined when it is not semver. */
export function gitTagVersion(gitTag: string): SemVer | undefined {
  // metadata-action: "/" becomes "-", then semver.valid decides; a leading v is allowed.
  const raw = gitTag.replace(/\//g, '-');
  if (semverValid(raw) === null) return undefined;
  return semverParse(raw, { loose: true }) ?? undefined;
}

/**
 * `v1.2.3` → 1.2.3, 1.2, 1 (no bare major for 0.x, as metadata-action's `{{major}}` pattern is
 * documented to skip it); a pre-release (`v1.3.0-rc.1`) only itself; other tags sanitised as they
 * are. `latest` is added by defaultTags, for stable versions only.
 */
export function tagsForGitTag(gitTag: string): string[] {
  const version = gitTagVersion(gitTag);
  if (version === undefined) {
    const tag = sanitizeTag(gitTag);
    return tag === undefined ? [] : [tag];
  }
  // SemVer.version drops build metadata, as metadata-action's {{version}} does.
  if (version.prerelease.length > 0) return [version.version];
  const tags = [version.version, `${version.major}.${version.minor}`];
  if (version.major !== 0) tags.push(String(version.major));
  return tags;
}

function dedupe(tags: string[]): string[] {
  return [...new Set(tags)];
}

/** The `sha-<7>` tag of the commit the CI is building, when it says which. */
export function commitTag(env: Env): string | undefined {
  return shortSha(ciContext(env).sha);
}

function shortSha(sha: string | undefined): string | undefined {
  return sha !== undefined && /^[0-9a-f]{7,}$/i.test(sha)
    ? `sha-${sha.slice(0, 7).toLowerCase()}`
    : undefined;
}

/**
 * The tags a CI context gets when the `tags` input is empty. Release tag: its semver tags and
 * `latest` when stable. Branch: the sanitised branch name and `sha-<7>`, plus `edge` on the
 * default branch. Pull/merge request: `pr-<N>` (GitLab `mr-<N>`) and `sha-<7>`. No CI: `latest`.
 * Never the artifact's own version: a branch build must not overwrite a release.
 */
export function ciTags(ci: CiContext): string[] {
  const tags: string[] = [];
  if (ci.gitTag !== undefined) {
    tags.push(...tagsForGitTag(ci.gitTag));
    const version = gitTagVersion(ci.gitTag);
    if (version !== undefined && version.prerelease.length === 0) tags.push('latest');
  } else if (ci.pullRequest !== undefined) {
    tags.push(`${ci.ci === 'gitlab' ? 'mr' : 'pr'}-${ci.pullRequest}`);
  } else if (ci.branch !== undefined) {
    const branch = sanitizeTag(ci.branch);
    if (branch !== undefined) tags.push(branch);
    if (ci.defaultBranch !== undefined && ci.branch === ci.defaultBranch) tags.push('edge');
  }
  if (ci.gitTag === undefined) {
    const sha = shortSha(ci.sha);
    if (sha !== undefined) tags.push(sha);
  }
  return tags.length > 0 ? dedupe(tags) : ['latest'];
}

/** One place an image is pushed to: a repository and a tag in it. */
export interface TagTarget {
  /** Undefined when the run names no repository (output oci:DIR or none): the tag alone. */
  repository?: Reference;
  tag: string;
}

/** The tags of a run: every (repository, tag) pair, and the repository the outputs describe. */
export interface ResolvedTags {
  /** The `image` input, else the repository of the first full reference in `tags`. */
  primary?: Reference;
  /** In order, without duplicates; bare tags belong to `primary`. */
  targets: TagTarget[];
  /** The tags of the primary repository, in order (what outputs.tags lists). */
  tags: string[];
}

export interface TagSources {
  /** The `tags` input, already split: bare tags or full references (repo:tag). */
  inputTags: readonly string[];
  /** The `image` input (or the artifact's default repository); may be empty. */
  image?: string;
  /** The artifact's own version: NAR/pom version, Airbyte dockerImageTag. */
  artifactVersion?: string;
  /** `strict-version`: a release tag that differs from the artifact's version fails. */
  strictVersion?: boolean;
  env: Env;
  logger?: Logger;
}

/**
 * A `tags` entry: a bare tag, or a full reference as docker/metadata-action writes them
 * (`ghcr.io/acme/x:1.0`). A full reference is told apart by its "/" (a tag cannot hold one), and it
 * must name a tag, not a digest. A value without "/" is a tag: `a:b` is a mistyped tag far more
 * often than Docker Hub's official image `a`, so its colon is refused rather than pushed there.
 */
function parseTagEntry(entry: string): { repository?: Reference; tag: string } {
  const value = entry.trim();
  if (!value.includes('/')) {
    const stray = /[:@]/.exec(value)?.[0];
    if (stray !== undefined) {
      throw new InputError(
        `Input "tags": tag "${value}" has an invalid character "${stray}"; write a bare tag (1.0.0) or a full reference with its repository (ghcr.io/acme/x:1.0.0).`,
      );
    }
    return { tag: parseTag(value, 'tags') };
  }
  const ref = parseReference(value, { input: 'tags' });
  if (ref.digest !== undefined || ref.tag === undefined) {
    throw new InputError(
      `Input "tags": "${value}" names ${ref.digest !== undefined ? 'a digest' : 'no tag'}; write a tag (1.0.0) or a reference with a tag (ghcr.io/acme/x:1.0.0).`,
    );
  }
  return { repository: parseRepository(ref.name(), 'tags'), tag: ref.tag };
}

/**
 * On a release, the git tag and the artifact's own version should agree (a v1.2.3 tag building a
 * 1.2.2 NAR is usually a forgotten version bump): a warning, or an error with strict-version.
 */
function checkVersion(sources: TagSources, ci: CiContext): void {
  const { artifactVersion, strictVersion, logger } = sources;
  if (ci.gitTag === undefined || artifactVersion === undefined) return;
  const released = gitTagVersion(ci.gitTag);
  if (released === undefined) return;
  const own = semverParse(artifactVersion, { loose: true });
  if (own !== null && semverEq(own, released)) return;
  const message = `The git tag ${ci.gitTag} releases version ${released.version} but the artifact says ${artifactVersion}`;
  if (strictVersion) {
    throw new InputError(
      `${message}; bump the artifact's version to ${released.version} (or tag the commit v${artifactVersion}), or set strict-version: false.`,
    );
  }
  logger?.warn(
    `${message}; the image is tagged from the git tag (strict-version: true fails here).`,
  );
}

/**
 * The (repository, tag) pairs to push. The `tags` input wins whole, bare tags going to `image` and
 * full references to their own repository; otherwise the CI context decides (ciTags).
 */
export function resolveTags(sources: TagSources): ResolvedTags {
  const ci = ciContext(sources.env);
  checkVersion(sources, ci);
  const entries =
    sources.inputTags.length > 0
      ? sources.inputTags.map(parseTagEntry)
      : ciTags(ci).map((tag) => ({ tag, repository: undefined }));
  const image = sources.image?.trim();
  const primary =
    image !== undefined && image !== ''
      ? parseRepository(image)
      : entries.find((e) => e.repository !== undefined)?.repository;
  const targets: TagTarget[] = [];
  const seen = new Set<string>();
  for (const entry of entries) {
    const repository = entry.repository ?? primary;
    const key =
      repository === undefined ? `:${entry.tag}` : repository.withTag(entry.tag).toString();
    if (seen.has(key)) continue;
    seen.add(key);
    targets.push(repository === undefined ? { tag: entry.tag } : { repository, tag: entry.tag });
  }
  const tags = targets.filter((t) => t.repository?.name() === primary?.name()).map((t) => t.tag);
  return { primary, targets, tags };
}

/** The tags alone, for callers with one repository (layout, dry run, tests). */
export function defaultTags(sources: TagSources): string[] {
  return resolveTags(sources).tags;
}
