/**
 * The `if-exists` policy: what a push does with a tag that already points at an image.
 *
 * `protect-releases` (the default) is safe for release automation: a release tag (a stable
 * semantic version such as 1.2.3) names one build for good and is never moved to other content,
 * while moving tags (latest, 1.2, 1, edge, branch names, sha-…, pr-…) follow the newest build.
 */
// The functions, not semver's index: that loads all of semver (ranges, comparators), 70 KB
// every run would compile for three calls.
import semverValid from 'semver/functions/valid';

export type IfExistsPolicy = 'protect-releases' | 'overwrite' | 'skip' | 'fail';

/** What happened to one tag, as the log, the summary and the `tag-decisions` output say it. */
export type TagOutcome =
  /** The tag did not exist and now points at the image. */
  | 'created'
  /** A moving tag (or any tag under overwrite) now points at the new image. */
  | 'updated'
  /** The tag already pointed at this very image. */
  | 'unchanged'
  /** The tag points elsewhere and was left as it is (if-exists: skip). */
  | 'skipped';

export type IfExistsDecision =
  /** Write the tag; `outcome` says whether it is new or moved. */
  | { action: 'push'; outcome: 'created' | 'updated' }
  /** The tag already points at this very image: nothing to push, reported as pushed=false. */
  | { action: 'no-op'; outcome: 'unchanged' }
  /** The tag points elsewhere and the policy says leave it. */
  | { action: 'skip'; outcome: 'skipped'; message: string }
  /** The tag points elsewhere and the policy says stop; `message` is the user-facing error. */
  | { action: 'fail'; message: string };

export interface IfExistsQuery {
  /** repo:tag, for messages. */
  reference: string;
  /** Digest the tag points at now; undefined when the tag does not exist. */
  existingDigest: string | undefined;
  newDigest: string;
  policy: IfExistsPolicy;
  /** The tag is a release tag (run/tags.ts isReleaseTag); only protect-releases looks at it. */
  release?: boolean;
}

/** Decides what to do with one tag that may already exist in the target registry. */
export function ifExists({
  reference,
  existingDigest,
  newDigest,
  policy,
  release = false,
}: IfExistsQuery): IfExistsDecision {
  if (existingDigest === undefined) return { action: 'push', outcome: 'created' };
  if (existingDigest === newDigest) return { action: 'no-op', outcome: 'unchanged' };
  const other = `${existingDigest.slice(0, 19)}…`;
  switch (policy) {
    case 'overwrite':
      return { action: 'push', outcome: 'updated' };
    case 'protect-releases':
      if (!release) return { action: 'push', outcome: 'updated' };
      return {
        action: 'fail',
        message: `Release tag ${reference} already points at ${existingDigest}, and this build is ${newDigest}; a release tag is never moved to other content by default: release a new version, or set if-exists: overwrite to replace it.`,
      };
    case 'skip':
      return {
        action: 'skip',
        outcome: 'skipped',
        message: `${reference} already points at ${other}, left as it is (if-exists: skip)`,
      };
    case 'fail':
      return {
        action: 'fail',
        message: `Tag ${reference} already exists with another image (${other}) and if-exists is fail; push a new tag, or set if-exists to overwrite or skip.`,
      };
  }
}

/** One tag's decision, `<repo:tag>=<outcome>`, as the tag-decisions output lists it. */
export function formatTagDecision(reference: string, outcome: TagOutcome): string {
  return `${reference}=${outcome}`;
}

/**
 * A release tag: a stable semantic version (1.2.3, v1.2.3). It names one build for good, so the
 * default `if-exists` never moves it to other content; everything else (latest, 1.2, 1, edge,
 * branches, sha-…, pr-…, pre-releases) is a moving tag.
 */
export function isReleaseTag(tag: string): boolean {
  return /^v?\d+\.\d+\.\d+$/.test(tag) && semverValid(tag) !== null;
}
