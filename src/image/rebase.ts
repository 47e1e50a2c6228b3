/**
 * Moves an image onto a new base without rebuilding it, as `pack rebase` does for buildpacks:
 * per platform, the base's layers and config are replaced by the new base's, and the image's own
 * layers and settings are kept.
 *
 * Which layers are the image's own, and which settings they made, is the builder's knowledge (its
 * history format): the caller's `split` tells. Re-applying the settings to the new base's config
 * with mutate.ts's rules gives the config a fresh build on the new base would have had, so the
 * old base is never needed (it may be gone: that is often why one rebases).
 */
import { InputError } from '../core/errors';
import type { BaseImage, BasePlatformImage, Blob, BuiltImageOrIndex, BuiltImage } from './image';
import { baseAnnotations, buildIndex, stackImage } from './mutate';
import type { ImageChanges } from './mutate';
import { bestMatch, formatPlatform } from './platform';
import type { Reference } from './reference';
import { fetchManifest, remoteBlob, resolveBase, resolveImage } from './remote/read';
import type { Transport } from './transport/client';
import { Annotation } from './types';
import type { Descriptor, HistoryEntry, ImageConfig, Manifest, Platform } from './types';

/** One platform of the image being rebased, as read from the registry. */
export interface SourceImage {
  platform: Platform;
  manifest: Manifest;
  config: ImageConfig;
}

/** What an image says about its own making: the base it was built on and what was added. */
export interface AppendedPart {
  baseName: string;
  baseDigest: string;
  /** The layers added to the base (the last ones), with their diff ids. */
  layers: Descriptor[];
  diffIds: string[];
  /** The history entries of the added part, kept verbatim. */
  history: HistoryEntry[];
  changes: ImageChanges;
  /** Seconds since 1970 of the original build (annotation `created`, else config `created`). */
  epoch: number;
  /** The manifest's own annotations (not the base ones), kept as they were. */
  annotations?: Record<string, string>;
}

export interface RebaseResult {
  image: BuiltImageOrIndex;
  /** The image as it was (index or manifest). */
  source: Descriptor;
  newBase: BaseImage;
  /** The base the image was built on, from its annotations. */
  oldBase: { name: string; digest: string };
  platforms: Platform[];
  /** The image's own layers, kept as they were (digests unchanged). */
  kept: Descriptor[];
}

/** The new base's image for a platform of the image; refuses a base of another os/arch. */
function matchBase(newBase: BaseImage, image: SourceImage, label: string): BasePlatformImage {
  const match = bestMatch(image.platform, newBase.images, (b) => b.platform);
  const offered = newBase.images.map((b) => formatPlatform(b.platform)).join(', ');
  if (
    !match ||
    match.config.os !== image.config.os ||
    match.config.architecture !== image.config.architecture
  ) {
    throw new InputError(
      `Input "base-image": ${newBase.name} offers ${offered || 'no platform'}, but ${label} runs on ${formatPlatform(image.platform)}; a rebase keeps the image's platforms, so choose a base built for ${formatPlatform(image.platform)}.`,
    );
  }
  return match;
}

/** One platform, rebuilt from the new base and the image's own part: what mutateImage would have made. */
export function rebasePlatform(
  newBase: BaseImage,
  base: BasePlatformImage,
  part: AppendedPart,
  ownLayers: Blob[],
): BuiltImage {
  return stackImage(newBase, base, base.platform, part.epoch, {
    layers: ownLayers,
    diffIds: part.diffIds,
    history: part.history,
    changes: part.changes,
    annotations: part.annotations,
  });
}

/** The annotations an image made itself: all but the base ones, which the new base rewrites. */
export function ownAnnotations(
  annotations: Record<string, string> | undefined,
): Record<string, string> | undefined {
  if (!annotations) return undefined;
  const base = new Set<string>([Annotation.BaseName, Annotation.BaseDigest, Annotation.Created]);
  const own = Object.entries(annotations).filter(([key]) => !base.has(key));
  return own.length > 0 ? Object.fromEntries(own) : undefined;
}

export interface RebaseRequest {
  transport: Transport;
  /** The image to rebase (tag or digest). */
  image: Reference;
  /** The new base (tag or digest; single- or multi-platform). */
  newBase: Reference;
  /** Splits one platform image into its base and its own part; refuses an image it cannot split. */
  split: (image: SourceImage, label: string) => AppendedPart;
  /**
   * Refuses a new base the image's own layers would not work on (throws why), before anything
   * is pushed: e.g. Python dependencies installed for another Python.
   */
  check?: (part: AppendedPart, base: BasePlatformImage, newBase: BaseImage) => Promise<void>;
}

export async function rebaseImage(req: RebaseRequest): Promise<RebaseResult> {
  const { transport } = req;
  const label = req.image.toString();
  // Every runnable platform of the image (attestation entries are skipped), read as a base is.
  const source = await resolveImage(transport, req.image, { origin: 'input "image"' });
  const parts = source.images.map((img) => req.split(img, label));
  const newBase = await resolveBase(transport, req.newBase, { origin: 'input "base-image"' });
  if (newBase.images.length === 0) {
    throw new InputError('Input "base-image": a rebase needs a base image, not scratch.');
  }
  const repo = req.image.repositoryOnly();
  const built: BuiltImage[] = [];
  for (const [i, img] of source.images.entries()) {
    const base = matchBase(newBase, img, label);
    await req.check?.(parts[i], base, newBase);
    const own = parts[i].layers.map((d) => remoteBlob(transport, repo, d));
    built.push(rebasePlatform(newBase, base, parts[i], own));
  }
  const epoch = parts[0].epoch;
  // The index's own annotations, read again by digest (the same bytes resolveImage read).
  const indexAnnotations = source.isIndex
    ? ownAnnotations(
        (await fetchManifest(transport, req.image.withDigest(source.descriptor.digest))).manifest
          .annotations,
      )
    : undefined;
  const image: BuiltImageOrIndex =
    source.isIndex || built.length > 1
      ? buildIndex(
          built,
          { ...baseAnnotations(newBase, epoch), ...indexAnnotations },
          // buildx's manifest-descriptor annotations, as the image's index had them
          source.images.map((img) => img.manifestDescriptor.annotations),
        )
      : built[0];
  const kept = new Map<string, Descriptor>();
  for (const part of parts) for (const d of part.layers) kept.set(d.digest, d);
  return {
    image,
    source: source.descriptor,
    newBase,
    oldBase: { name: parts[0].baseName, digest: parts[0].baseDigest },
    platforms: built.map((b) => b.platform),
    kept: [...kept.values()],
  };
}
