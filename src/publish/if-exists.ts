/**
 * The `if-exists` policy: what a push does with a tag that already points at an image.
 */
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
