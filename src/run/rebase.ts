/**
 * `mode: rebase` (and `slipway rebase`): the image named by `image` moves onto `base-image` and
 * is pushed under `tags` (default: the tag it was read from). Only base layers and the new config
 * travel; Slipway's layer stays where it is (same repository: nothing to send; another repository
 * of the same registry: mounted).
 */
import { InputError, errorMessage } from '../core/errors';
import type { Inputs } from '../core/inputs';
import type { Logger } from '../core/log';
import { pushToRegistry } from '../publish/registry';
import type { Result } from '../core/result';
import { formatPlatform } from '../image/platform';
import { rebaseImage } from '../image/rebase';
import type { RebaseResult } from '../image/rebase';
import type { Reference } from '../image/reference';
import { parseReference, parseTag } from '../image/reference';
import type { Transport } from '../image/transport/client';
import { connect } from './connect';
import type { ConnectContext } from './connect';
import { dependenciesMismatch, installedFor, slipwayPart } from '../assemble/history';
import type { BaseImage, BasePlatformImage } from '../image/image';
import type { AppendedPart } from '../image/rebase';
import { pythonCacheDir } from './build';
import { carrySbom } from '../attest/publish-sbom';

export async function runRebase(inputs: Inputs, ctx: ConnectContext): Promise<Result> {
  const { logger } = ctx;
  const started = performance.now();
  if (!inputs.image) {
    throw new InputError(
      'Input "image" names the image to rebase in mode: rebase, e.g. ghcr.io/acme/my-sink:1.2.0.',
    );
  }
  if (!inputs['base-image']) {
    throw new InputError(
      'Input "base-image" names the new base in mode: rebase, e.g. streamnative/pulsar-functions-java-runner:4.0.5.',
    );
  }
  const image = parseReference(inputs.image, { input: 'image', defaultTag: 'latest' });
  const newBase = parseReference(inputs['base-image'], {
    input: 'base-image',
    defaultTag: 'latest',
  });
  const tags =
    inputs.tags.length > 0 ? inputs.tags.map((t) => parseTag(t)) : image.tag ? [image.tag] : [];
  if (tags.length === 0) {
    throw new InputError(
      `Input "tags": ${image.toString()} is named by digest, so there is no tag to move; set tags to where the rebased image goes.`,
    );
  }
  const target = image.repositoryOnly();
  const connection = connect(inputs, { ...ctx, logger }, target);
  const { transport } = connection;
  try {
    const rebased = await rebaseImage({
      transport,
      image,
      newBase,
      split: slipwayPart,
      check: (part, base, resolved) =>
        checkDependencies(part, base, resolved, pythonCacheDir(ctx.env)),
    });
    logger.info(
      `rebase: ${image.toString()} from ${rebased.oldBase.name}@${rebased.oldBase.digest} onto ${rebased.newBase.name}@${rebased.newBase.digest ?? ''}, keeping ${rebased.kept.length} layer(s) of its own`,
    );
    const published = await pushToRegistry(rebased.image, {
      transport,
      repository: target,
      tags,
      policy: inputs['if-exists'],
      logger,
    });
    const digest = rebased.image.descriptor.digest;
    const sbom = inputs.sbom ? await carryOver(transport, target, rebased, logger) : undefined;
    return {
      outputs: {
        image: published.references[0] ?? '',
        digest,
        'image-ref': `${target.name()}@${digest}`,
        tags,
        platforms: rebased.platforms.map(formatPlatform),
        'base-digest': rebased.newBase.digest ?? '',
        dockerfile: '',
        pushed: published.pushed,
        ...(published.decisions ? { 'tag-decisions': published.decisions } : {}),
        ...(sbom ? { 'sbom-digest': sbom } : {}),
      },
      stats: { ...published.stats, phases: { rebase: Math.round(performance.now() - started) } },
      dockerfileText: '',
      base: rebased.newBase.name,
    };
  } finally {
    await connection.close();
  }
}

/**
 * A rebase keeps the image's own layers byte for byte, Python dependencies included: they only
 * work on a base whose Python imports them (dependenciesMismatch). Images without such a layer
 * (a NAR, a JAR, a Go binary) move onto any base.
 */
async function checkDependencies(
  part: AppendedPart,
  base: BasePlatformImage,
  newBase: BaseImage,
  cacheDir: string,
): Promise<void> {
  const was = part.history.map((h) => installedFor(h.created_by)).find((t) => t !== undefined);
  if (!was) return;
  // What a base's Python is, is learned by the Python toolchain: loaded for such images only.
  const { basePython } = await import('../assemble/python-deps');
  const why = dependenciesMismatch(was, await basePython(base, newBase.name, cacheDir));
  if (why) {
    throw new InputError(
      `Input "base-image": ${newBase.name} (${formatPlatform(base.platform)}) ${why}; rebuild the image with this base-image (mode: build) instead of rebasing it.`,
    );
  }
}

async function carryOver(
  transport: Transport,
  repository: Reference,
  rebased: RebaseResult,
  logger: Logger,
): Promise<string | undefined> {
  try {
    return await carrySbom({
      transport,
      repository,
      from: rebased.source.digest,
      subject: rebased.image.descriptor,
      logger,
    });
  } catch (err) {
    // The rebased image is pushed and usable; its SBOM is a convenience.
    logger.warn(`sbom: not carried over (${errorMessage(err)}); set sbom: false to skip it`);
    return undefined;
  }
}
