/**
 * The registry publisher. One image may go to several repositories, even on several registries
 * (`tags` with full references): the same digest goes to each. The order is what makes a tag
 * trustworthy:
 *
 *   1. every tag of every target is looked up, and the if-exists policy decides for each, before
 *      anything is sent (a `fail` stops the run with nothing pushed anywhere);
 *   2. blobs, platform manifests and the index go to each target by digest, no tag yet; blobs once
 *      per registry — a second repository on the same registry mounts them from the first, another
 *      registry gets them streamed from where they live, as the engine does (remote/write.ts);
 *   3. `beforeTags` runs on repo@digest (Airbyte's spec run, signing and attaching bundles); when
 *      it throws, no tag was written;
 *   4. the tags, last.
 *
 * On a first push the layer streams to the first target while it is built (stream-upload.ts),
 * but only when no tag of any target exists yet.
 */
import { errorMessage, RunError } from '../core/errors';
import type { Logger } from '../core/log';
import { isIndex } from '../image/image';
import type { Blob, BuiltImageOrIndex, BuiltImage } from '../image/image';
import type { Reference } from '../image/reference';
import { fetchManifest, headManifest } from '../image/remote/read';
import { pushImage, tagImage } from '../image/remote/write';
import type { LayerStream, PushStats } from '../image/remote/write';
import type { Transport } from '../image/transport/client';
import { formatTagDecision, ifExists, isReleaseTag } from './if-exists';
import type { IfExistsPolicy } from './if-exists';
import { NOTHING_SENT } from '.';
import type { BeforeTags, PublishTarget, Published, Publisher } from '.';
import { LayerUpload } from './stream-upload';

export interface RegistryPublishOptions {
  transport: Transport;
  /** The first target is the one the outputs `image`, `image-ref` and `tags` describe. */
  targets: PublishTarget[];
  policy: IfExistsPolicy;
  logger: Logger;
  /** Makes sure a repository exists (ECR, GAR create-repository); runs before it is asked anything. */
  ensureRepository?: (repository: Reference) => Promise<void>;
  /**
   * A rebuilt release (run/reuse.ts): when the first target holds an image under one of `tags`
   * whose manifest (or index) annotations include all of `record`, this build's layer is there
   * already, so it is hashed rather than streamed and the push finds it. Only the streaming
   * depends on it: what is pushed is still decided by the digest.
   */
  sameAs?: { tags: readonly string[]; record: Promise<Record<string, string>> };
}

/** One target and the digest each of its tags points at now (undefined: no such tag). */
interface Looked {
  target: PublishTarget;
  existing: (string | undefined)[];
}

/** What the policy decided for one target, once the new digest is known. */
interface Decided {
  target: PublishTarget;
  toPush: string[];
  unchanged: string[];
  /** repo:tag=outcome per tag, for the log, the summary and the tag-decisions output. */
  decisions: string[];
}

export class RegistryPublisher implements Publisher {
  readonly output = { kind: 'registry' } as const;
  private lookups: Promise<Looked[]> | undefined;

  constructor(private readonly opts: RegistryPublishOptions) {
    if (opts.targets.length === 0) throw new Error('RegistryPublisher: no target');
  }

  layerStream(): LayerStream {
    const { transport, targets, logger } = this.opts;
    const [first] = targets;
    return new LayerUpload({
      transport,
      target: first.repository,
      tags: first.tags,
      // Streaming sends bytes before the digest is known: only when no tag exists anywhere, so
      // that no if-exists decision can be pending. Throwing here just means "do not stream".
      prepare: async () => {
        const looked = await this.lookUp();
        const found = looked.find((l) => l.existing.some((d) => d !== undefined));
        if (found) throw new Error(`a tag of ${found.target.repository.name()} exists`);
        const earlier = await this.builtBefore();
        if (earlier) throw new Error(`${earlier} has this layer`);
      },
      logger,
    });
  }

  async publish(image: BuiltImageOrIndex, beforeTags?: BeforeTags): Promise<Published> {
    const { transport, targets, logger } = this.opts;
    const digest = image.descriptor.digest;
    const decided = this.decide(await this.lookUp(), digest);
    const decisions = decided.flatMap((d) => d.decisions);
    const first = targets[0].repository;
    const references = targets[0].tags.map((tag) => first.withTag(tag).toString());
    const pinned = `${first.name()}@${digest}`;
    const active = decided.filter((d) => d.toPush.length > 0);
    // Every target that holds the image when the run ends: pushed now, or already tagged with it.
    const holding = decided.filter((d) => d.toPush.length > 0 || d.unchanged.length > 0);
    const stored = holding.map((d) => `${d.target.repository.name()}@${digest}`);
    for (const d of decided) {
      if (d.unchanged.length > 0 && d.toPush.length === 0) {
        logger.info(`unchanged: ${d.unchanged.join(', ')} already at ${digest}; nothing sent`);
      }
    }
    if (active.length === 0) {
      return { references, pinned, stored, pushed: false, stats: NOTHING_SENT, decisions };
    }

    const stats: PushStats = { ...NOTHING_SENT };
    const pushedTo: Reference[] = [];
    for (const { target, unchanged } of active) {
      // A new tag for an image the repository holds already (a re-run): nothing to store.
      const held =
        unchanged.length > 0 ||
        (await headManifest(transport, target.repository.withDigest(digest), { push: true }));
      if (held) {
        logger.debug(`${target.repository.name()}@${digest} is there already`);
        pushedTo.push(target.repository);
        continue;
      }
      const source = mountableFrom(image, target.repository, pushedTo);
      const result = await pushImage(target.repository, source, [], { transport, logger });
      for (const key of Object.keys(stats) as (keyof PushStats)[]) stats[key] += result.stats[key];
      pushedTo.push(target.repository);
      logger.debug(`stored ${target.repository.name()}@${digest}; no tag yet`);
    }
    await beforeTags?.({
      kind: 'registry',
      transport,
      repositories: holding.map((d) => d.target.repository),
      artifact: image,
    });
    for (const { target, toPush } of active) {
      const tagged = await tagImage(target.repository, image, toPush, { transport, logger });
      for (const ref of tagged) logger.info(`pushed ${ref}@${digest}`);
    }
    return { references, pinned, stored, pushed: true, stats, decisions };
  }

  /** The first target's reference of an earlier push of this very build, if there is one. */
  private async builtBefore(): Promise<string | undefined> {
    const { transport, targets, sameAs, logger } = this.opts;
    if (!sameAs || sameAs.tags.length === 0) return undefined;
    const repository = targets[0].repository;
    for (const tag of sameAs.tags) {
      const ref = repository.withTag(tag);
      try {
        const found = await headManifest(transport, ref, { push: true });
        if (!found) continue;
        const { manifest } = await fetchManifest(transport, repository.withDigest(found.digest), {
          push: true,
        });
        const theirs = manifest.annotations ?? {};
        const record = await sameAs.record;
        const keys = Object.keys(record);
        if (keys.length > 0 && keys.every((k) => theirs[k] === record[k])) return ref.toString();
        logger.debug(`${ref.toString()} was built from another artifact or plan`);
      } catch (err) {
        logger.debug(`could not compare with ${ref.toString()}: ${errorMessage(err)}`);
      }
    }
    return undefined;
  }

  /** Looks every tag of every target up once (repositories made first, where that is needed). */
  private lookUp(): Promise<Looked[]> {
    this.lookups ??= (async () => {
      const { transport, targets, ensureRepository } = this.opts;
      for (const target of targets) await ensureRepository?.(target.repository);
      return Promise.all(
        targets.map(async (target) => ({
          target,
          existing: await Promise.all(
            target.tags.map(
              async (tag) =>
                (await headManifest(transport, target.repository.withTag(tag), { push: true }))
                  ?.digest,
            ),
          ),
        })),
      );
    })();
    return this.lookups;
  }

  /** The policy for every tag of every target; a `fail` anywhere throws before anything is sent. */
  private decide(looked: Looked[], digest: string): Decided[] {
    const { policy, logger } = this.opts;
    return looked.map(({ target, existing }) => {
      const toPush: string[] = [];
      const unchanged: string[] = [];
      const decisions: string[] = [];
      target.tags.forEach((tag, i) => {
        const ref = target.repository.withTag(tag).toString();
        const release = isReleaseTag(tag);
        const decision = ifExists({
          reference: ref,
          existingDigest: existing[i],
          newDigest: digest,
          policy,
          release,
        });
        if (decision.action === 'fail') throw new RunError(decision.message);
        if (decision.action === 'skip') logger.warn(decision.message);
        if (decision.action === 'no-op') unchanged.push(ref);
        if (decision.action === 'push') toPush.push(tag);
        logger.info(`tag ${ref} (${release ? 'release tag' : 'moving tag'}): ${decision.outcome}`);
        decisions.push(formatTagDecision(ref, decision.outcome));
      });
      return { target, toPush, unchanged, decisions };
    });
  }
}

/**
 * The image as a push to `target` should see it: a blob that another repository of the same
 * registry received earlier in this run is mounted from there rather than sent again (unless it
 * can already be mounted from its own origin on that registry).
 */
function mountableFrom(
  built: BuiltImageOrIndex,
  target: Reference,
  pushedTo: readonly Reference[],
): BuiltImageOrIndex {
  const sibling = pushedTo.find((r) => r.registry === target.registry);
  if (!sibling) return built;
  const origin = { registry: sibling.registry, repository: sibling.repository };
  const blob = (b: Blob): Blob => (b.origin?.registry === target.registry ? b : { ...b, origin });
  const image = (i: BuiltImage): BuiltImage => ({
    ...i,
    config: blob(i.config),
    layers: i.layers.map(blob),
  });
  return isIndex(built) ? { ...built, images: built.images.map(image) } : image(built);
}

/** One repository and its tags (rebase mode): the same flow with a single target. */
export function pushToRegistry(
  image: BuiltImageOrIndex,
  target: {
    transport: Transport;
    repository: Reference;
    tags: string[];
    policy: IfExistsPolicy;
    logger: Logger;
  },
): Promise<Published> {
  const { repository, tags, ...rest } = target;
  return new RegistryPublisher({ ...rest, targets: [{ repository, tags }] }).publish(image);
}
