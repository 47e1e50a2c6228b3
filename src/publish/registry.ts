/**
 * The registry publisher: pushes under every tag the if-exists policy allows, blobs first and
 * manifests last (image/remote/write.ts). On a first push it also streams the layer while it is
 * built (stream-upload.ts); the tags that upload found absent need no second look.
 */
import { RunError } from '../core/errors';
import type { Logger } from '../core/log';
import type { BuiltArtifact } from '../image/image';
import type { Reference } from '../image/reference';
import { headManifest } from '../image/remote/read';
import { pushArtifact } from '../image/remote/write';
import type { LayerStream } from '../image/remote/write';
import type { Transport } from '../image/transport/client';
import { formatTagDecision, ifExists, isReleaseTag } from './if-exists';
import type { IfExistsPolicy } from './if-exists';
import { NOTHING_SENT } from '.';
import type { Published, Publisher } from '.';
import { LayerUpload } from './stream-upload';

export interface RegistryTarget {
  transport: Transport;
  repository: Reference;
  tags: string[];
  policy: IfExistsPolicy;
  logger: Logger;
  /** Makes sure the repository exists (ECR, GAR create-repository); runs before the first write. */
  ensureRepository?: () => Promise<void>;
}

export class RegistryPublisher implements Publisher {
  readonly output = { kind: 'registry' } as const;
  private upload: LayerUpload | undefined;

  constructor(private readonly target: RegistryTarget) {}

  layerStream(): LayerStream {
    const { transport, repository, tags, logger, ensureRepository } = this.target;
    this.upload = new LayerUpload({
      transport,
      target: repository,
      tags,
      prepare: ensureRepository,
      logger,
    });
    return this.upload;
  }

  async publish(artifact: BuiltArtifact): Promise<Published> {
    await this.target.ensureRepository?.();
    return pushToRegistry(artifact, this.target, this.upload?.tagsSeenAbsent ?? []);
  }
}

/**
 * A tag that already points at this very digest is a no-op; when all do, no blob is even looked
 * at and `pushed` is false.
 */
export async function pushToRegistry(
  artifact: BuiltArtifact,
  target: RegistryTarget,
  tagsSeenAbsent: readonly string[] = [],
): Promise<Published> {
  const { transport, repository, tags, policy, logger } = target;
  const digest = artifact.descriptor.digest;
  const toPush: string[] = [];
  const unchanged: string[] = [];
  const decisions: string[] = [];
  // Every tag is decided before any is written: a refused release tag leaves all tags as they were.
  for (const tag of tags) {
    const ref = repository.withTag(tag);
    const release = isReleaseTag(tag);
    // Overwriting a tag seen absent moments ago needs no second look: only an identical image
    // could be there, and pushing it again is harmless. skip, fail and release tags always look.
    const overwrites = policy === 'overwrite' || (policy === 'protect-releases' && !release);
    const seenAbsent = overwrites && tagsSeenAbsent.includes(tag);
    const existing = seenAbsent ? undefined : await headManifest(transport, ref, { push: true });
    const decision = ifExists({
      reference: ref.toString(),
      existingDigest: existing?.digest,
      newDigest: digest,
      policy,
      release,
    });
    if (decision.action === 'fail') throw new RunError(decision.message);
    if (decision.action === 'skip') logger.warn(decision.message);
    if (decision.action === 'no-op') unchanged.push(ref.toString());
    if (decision.action === 'push') toPush.push(tag);
    const kind = release ? 'release tag' : 'moving tag';
    logger.info(`tag ${ref.toString()} (${kind}): ${decision.outcome}`);
    decisions.push(formatTagDecision(ref.toString(), decision.outcome));
  }
  const references = tags.map((tag) => repository.withTag(tag).toString());
  const pinned = `${repository.name()}@${digest}`;
  if (toPush.length === 0) {
    if (unchanged.length > 0) {
      logger.info(`unchanged: ${unchanged.join(', ')} already at ${digest}; nothing sent`);
    }
    return { references, pinned, pushed: false, stats: NOTHING_SENT, decisions };
  }
  const result = await pushArtifact(repository, artifact, toPush, { transport, logger });
  for (const ref of result.references) logger.info(`pushed ${ref}@${digest}`);
  return { references, pinned, pushed: true, stats: result.stats, decisions };
}
