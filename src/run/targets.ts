import type { PublishTarget } from '../publish';
import type { ResolvedTags } from './tags';

/**
 * Where a build goes: every repository of the resolved (repository, tag) pairs with its tags, the
 * primary repository (the one the outputs describe) first; one repository named twice is one target.
 */
export function publishTargets(resolved: ResolvedTags): PublishTarget[] {
  const targets: PublishTarget[] = [];
  for (const { repository, tag } of resolved.targets) {
    if (!repository) continue;
    const same = targets.find((t) => t.repository.name() === repository.name());
    if (same) {
      if (!same.tags.includes(tag)) same.tags.push(tag);
    } else {
      targets.push({ repository: repository.repositoryOnly(), tags: [tag] });
    }
  }
  const primary = resolved.primary?.name();
  return [
    ...targets.filter((t) => t.repository.name() === primary),
    ...targets.filter((t) => t.repository.name() !== primary),
  ];
}
