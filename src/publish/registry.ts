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
 * The layer streams to the first target while it is built (stream-upload.ts) when the push will
 * surely send it there, told before the digest is known (streamable() below): a tag of the first
 * target is new or moves to other content, no tag would refuse other content, and no image there
 * records this build's layer. The rest of the decisions wait for the digest, before any manifest.
 */
import { errorMessage, RunError } from '../core/errors';
import type { Logger } from '../core/log';
import { isIndex } from '../image/image';
import type { Blob, BuiltImageOrIndex, BuiltImage } from '../image/image';
import type { Reference } from '../image/reference';
import { fetchManifest, headManifest } from '../image/remote/read';
import type { FetchedManifest } from '../image/remote/read';
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
   * What this build's image records about its layer (run/reuse.ts): an image whose manifest (or
   * index) annotations include all of it holds this build's layer. Only the streaming depends on
   * it: what is pushed is still decided by the digest.
   */
  record?: BuildRecord;
  /** Tags besides the pushed ones under which an earlier run may have pushed this build. */
  sameAs?: readonly string[];
}

/** A build's record (annotations) of its layer, in two steps. */
export interface BuildRecord {
  /** Known at once; an image that lacks it was not built from this plan. */
  readonly planned: Record<string, string>;
  /** All of it; may read the layer's files. Asked only of an image that has `planned`. */
  full(): Promise<Record<string, string>>;
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
  /** Whether an image (by repo@digest) records this build's layer; each is read once. */
  private readonly compared = new Map<string, Promise<boolean>>();
  /** Manifests read by digest, each once: the tag checks and run/reuse.ts ask for the same. */
  private readonly manifests = new Map<string, Promise<FetchedManifest>>();
  /** The digests under the `sameAs` tags, looked up once. */
  private sameAsLookup: Promise<{ tag: string; digest: string }[]> | undefined;

  constructor(private readonly opts: RegistryPublishOptions) {
    if (opts.targets.length === 0) throw new Error('RegistryPublisher: no target');
  }

  layerStream(): LayerStream {
    const { transport, targets, logger } = this.opts;
    const [first] = targets;
    return new LayerUpload({
      transport,
      target: first.repository,
      // Throwing here just means "do not stream".
      prepare: () => this.streamable(),
      logger,
    });
  }

  /**
   * Streaming sends the layer before its digest is known, so only when the push will surely send
   * it to the first target: one of its tags is new or moves (its image records another layer),
   * no tag anywhere would refuse other content (so no streamed byte serves a run that fails on
   * its digest), and no image there (a tag, or an earlier run's `sameAs`) records this layer (a
   * rebuilt release, an unchanged re-push: those send no layer bytes). Throws why not.
   */
  private async streamable(): Promise<void> {
    const { policy, targets } = this.opts;
    const first = targets[0].repository;
    let sends = false;
    for (const { target, existing } of await this.lookUp()) {
      for (const [i, tag] of target.tags.entries()) {
        const digest = existing[i];
        const onFirst = target.repository === first;
        const ref = target.repository.withTag(tag).toString();
        if (digest === undefined) {
          sends ||= onFirst;
          continue;
        }
        if (await this.recordsThisLayer(target.repository, digest)) {
          if (onFirst) throw new Error(`${ref} has this layer`);
          continue;
        }
        const decision = ifExists({
          reference: ref,
          existingDigest: digest,
          newDigest: 'another image',
          policy,
          release: isReleaseTag(tag),
        });
        if (decision.action === 'fail') throw new Error(`${ref} would refuse another image`);
        sends ||= onFirst && decision.action === 'push';
      }
    }
    if (!sends) throw new Error(`no tag of ${first.name()} is new or moves`);
    const earlier = await this.builtBefore();
    if (earlier) throw new Error(`${earlier} has this layer`);
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
      image,
    });
    for (const { target, toPush } of active) {
      const tagged = await tagImage(target.repository, image, toPush, { transport, logger });
      for (const ref of tagged) logger.info(`pushed ${ref}@${digest}`);
    }
    return { references, pinned, stored, pushed: true, stats, decisions };
  }

  /**
   * The images (repo@digest) in the first target under its tags and the `sameAs` tags: where an
   * earlier push of this very build may be (run/reuse.ts earlierLayer). Each looked up once.
   */
  async candidates(): Promise<Reference[]> {
    const repository = this.opts.targets[0].repository;
    const [first] = await this.lookUp();
    const digests = new Set<string>();
    for (const digest of first.existing) if (digest) digests.add(digest);
    for (const { digest } of await this.sameAsDigests()) digests.add(digest);
    return [...digests].map((d) => repository.withDigest(d));
  }

  /** The manifest at repo@digest, read once a run (an immutable reference). */
  manifest(ref: Reference): Promise<FetchedManifest> {
    const key = ref.toString();
    let found = this.manifests.get(key);
    if (!found) {
      found = fetchManifest(this.opts.transport, ref, { push: true, kept: true });
      this.manifests.set(key, found);
      // A failed read is not remembered: a later ask reads again and reports in its own words.
      found.catch(() => this.manifests.delete(key));
    }
    return found;
  }

  /** The `sameAs` tags of the first target that exist, with their digests; one lookup each. */
  private sameAsDigests(): Promise<{ tag: string; digest: string }[]> {
    this.sameAsLookup ??= (async () => {
      const { transport, targets, sameAs = [], logger } = this.opts;
      const repository = targets[0].repository;
      const found: { tag: string; digest: string }[] = [];
      for (const tag of sameAs) {
        const ref = repository.withTag(tag);
        try {
          const head = await headManifest(transport, ref, { push: true });
          if (head) found.push({ tag, digest: head.digest });
        } catch (err) {
          logger.debug(`could not look ${ref.toString()} up: ${errorMessage(err)}`);
        }
      }
      return found;
    })();
    return this.sameAsLookup;
  }

  /** The first target's reference of an earlier push of this very build, if there is one. */
  private async builtBefore(): Promise<string | undefined> {
    if (!this.opts.record) return undefined;
    const repository = this.opts.targets[0].repository;
    for (const { tag, digest } of await this.sameAsDigests()) {
      if (await this.recordsThisLayer(repository, digest)) {
        return repository.withTag(tag).toString();
      }
    }
    return undefined;
  }

  /**
   * Whether the image at repository@digest records this build's layer. The files are hashed
   * only for an image of this very plan; one that cannot be read counts as another layer.
   */
  private recordsThisLayer(repository: Reference, digest: string): Promise<boolean> {
    const { record, logger } = this.opts;
    const ref = repository.withDigest(digest);
    const key = ref.toString();
    let answer = this.compared.get(key);
    if (answer) return answer;
    answer = (async () => {
      if (!record) return false;
      try {
        const { manifest } = await this.manifest(ref);
        const theirs = manifest.annotations ?? {};
        const holds = (own: Record<string, string>): boolean =>
          Object.keys(own).length > 0 && Object.entries(own).every(([k, v]) => theirs[k] === v);
        if (!holds(record.planned)) {
          logger.debug(`${key} was built from another plan or other files`);
          return false;
        }
        logger.debug(`${key} was built from this plan; hashing the files to compare`);
        return holds(await record.full());
      } catch (err) {
        logger.debug(`could not compare with ${key}: ${errorMessage(err)}`);
        return false;
      }
    })();
    this.compared.set(key, answer);
    return answer;
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
