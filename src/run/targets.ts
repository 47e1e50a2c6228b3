import { InputError } from '../core/errors';
import { parseReference } from '../image/reference';
import type { Reference } from '../image/reference';
import type { PublishTarget } from '../publish';

/**
 * Where a build goes: the `image` repository with the bare tags, and every full reference in
 * `tags` (docker/metadata-action output, `ghcr.io/acme/x:1.0`) in its own repository, on any
 * registry. A value holding '/' or ':' is a full reference; anything else is a bare tag.
 * `defaultTags` gives the bare tags when `tags` holds none (it validates them too).
 *
 * Targets come in the order the user wrote them, the `image` first when it gets tags; one
 * repository named twice is one target.
 */
export function publishTargets(
  image: Reference | undefined,
  inputTags: readonly string[],
  defaultTags: (bare: string[]) => string[],
): PublishTarget[] {
  const bare = inputTags.filter((t) => !isFullReference(t));
  const full = inputTags.filter(isFullReference).map((t) => {
    const ref = parseReference(t, { input: 'tags' });
    if (ref.tag === undefined) {
      throw new InputError(
        `Input "tags": "${t}" names a repository without a tag (or only a digest); write it as ${ref.name()}:TAG.`,
      );
    }
    return ref;
  });
  const targets: PublishTarget[] = [];
  const add = (repository: Reference, tags: string[]): void => {
    const same = targets.find((t) => t.repository.name() === repository.name());
    if (same) same.tags.push(...tags.filter((tag) => !same.tags.includes(tag)));
    else targets.push({ repository: repository.repositoryOnly(), tags: [...new Set(tags)] });
  };
  if (image && (bare.length > 0 || full.length === 0)) add(image, defaultTags(bare));
  for (const ref of full) add(ref, [ref.tag ?? '']);
  return targets;
}

function isFullReference(tag: string): boolean {
  return tag.includes('/') || tag.includes(':');
}
