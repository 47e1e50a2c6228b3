/**
 * Moves an image Slipway built onto a new base without rebuilding it, as `pack rebase` does for
 * buildpacks: per platform, the base's layers and config are replaced by the new base's, and
 * Slipway's own layer and settings are kept.
 *
 * Which layers are Slipway's, and which settings the plan made, is read from the image itself:
 * the base annotations say it was built on a base, and the history entries marked " # slipway"
 * (mutate.ts writes one per instruction: the COPY that made the layer, ENV, LABEL, USER, EXPOSE,
 * WORKDIR, ENTRYPOINT, CMD) are exactly the plan's part. Re-applying them to the new base's config with the
 * builder's own rules gives the config a fresh build on the new base would have had, so the old
 * base is never needed (it may be gone: that is often why one rebases).
 */
import { InputError, RunError } from '../core/errors';
import type { BaseImage, BasePlatformImage, Blob, BuiltArtifact, BuiltImage } from './image';
import {
  SUFFIX as SLIPWAY_HISTORY_SUFFIX,
  baseAnnotations,
  buildIndex,
  stackImage,
} from './mutate';
import type { ImageChanges } from './mutate';
import { bestMatch, formatPlatform } from './platform';
import type { Reference } from './reference';
import { remoteBlob, resolveBase, resolveImage } from './remote/read';
import type { Transport } from './transport/client';
import { Annotation } from './types';
import type { Descriptor, HistoryEntry, ImageConfig, Manifest, Platform } from './types';

/** One platform of the image being rebased, as read from the registry. */
export interface SourceImage {
  platform: Platform;
  manifest: Manifest;
  config: ImageConfig;
}

/** What a Slipway image says about its own making. */
export interface SlipwayPart {
  baseName: string;
  baseDigest: string;
  /** The layers Slipway added (the last ones), with their diff ids. */
  layers: Descriptor[];
  diffIds: string[];
  /** Slipway's history entries, kept verbatim. */
  history: HistoryEntry[];
  changes: ImageChanges;
  /** Seconds since 1970 of the original build (annotation `created`, else config `created`). */
  epoch: number;
}

export interface RebaseResult {
  artifact: BuiltArtifact;
  /** The image as it was (index or manifest). */
  source: Descriptor;
  newBase: BaseImage;
  /** The base the image was built on, from its annotations. */
  oldBase: { name: string; digest: string };
  platforms: Platform[];
  /** Slipway's layers, kept as they were (digests unchanged). */
  kept: Descriptor[];
}

/**
 * `ENV A="1" B="2"` / `LABEL k="v"` as mutate.ts writes them: names, then JSON strings. Keys with
 * spaces cannot be told apart from the next pair and are not written by Slipway's inputs.
 */
function parsePairs(text: string, where: string): Record<string, string> {
  const out: Record<string, string> = {};
  const pair = /([^\s=]+)=("(?:[^"\\]|\\.)*")/g;
  for (const m of text.matchAll(pair)) out[m[1]] = JSON.parse(m[2]) as string;
  if (text.trim() !== '' && Object.keys(out).length === 0) {
    throw new RunError(
      `Cannot read the history entry "${where}" of the image; rebuild it instead.`,
    );
  }
  return out;
}

function parseList(text: string, where: string): string[] {
  try {
    const value = JSON.parse(text) as unknown;
    if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return value;
  } catch {
    // reported below
  }
  throw new RunError(`Cannot read the history entry "${where}" of the image; rebuild it instead.`);
}

/** The plan's settings, from Slipway's history entries (the inverse of mutate.ts's history()). */
export function changesFromHistory(entries: HistoryEntry[]): ImageChanges {
  const changes: ImageChanges = {};
  for (const entry of entries) {
    const line = (entry.created_by ?? '').slice(0, -SLIPWAY_HISTORY_SUFFIX.length);
    const space = line.indexOf(' ');
    const op = space < 0 ? line : line.slice(0, space);
    const rest = space < 0 ? '' : line.slice(space + 1);
    switch (op) {
      case 'ENV':
        changes.env = { ...changes.env, ...parsePairs(rest, line) };
        break;
      case 'LABEL':
        changes.labels = { ...changes.labels, ...parsePairs(rest, line) };
        break;
      case 'USER':
        changes.user = rest;
        break;
      case 'EXPOSE':
        changes.exposedPorts = [
          ...(changes.exposedPorts ?? []),
          ...rest.split(' ').filter(Boolean),
        ];
        break;
      case 'WORKDIR':
        changes.workdir = rest;
        break;
      case 'ENTRYPOINT':
        changes.entrypoint = parseList(rest, line);
        break;
      case 'CMD':
        changes.cmd = parseList(rest, line);
        break;
      default:
        // COPY lines describe the layer, which is kept as it is.
        break;
    }
  }
  return changes;
}

function epochOf(manifest: Manifest, config: ImageConfig): number {
  const iso = manifest.annotations?.[Annotation.Created] ?? config.created;
  const ms = iso ? Date.parse(iso) : NaN;
  return Number.isNaN(ms) ? 0 : Math.floor(ms / 1000);
}

/** Splits one platform image into its base part and Slipway's part; refuses what is not ours. */
export function slipwayPart(image: SourceImage, label: string): SlipwayPart {
  const { manifest, config } = image;
  const where = `${label} (${formatPlatform(image.platform)})`;
  const baseName = manifest.annotations?.[Annotation.BaseName];
  const baseDigest = manifest.annotations?.[Annotation.BaseDigest];
  if (!baseName || !baseDigest) {
    throw new InputError(
      `${where} has no ${Annotation.BaseName}/${Annotation.BaseDigest} annotations, so which of its layers are the base is unknown; only images Slipway built on a base can be rebased: rebuild this one with the new base-image instead.`,
    );
  }
  const history = config.history ?? [];
  let first = history.length;
  while (first > 0 && history[first - 1].created_by?.endsWith(SLIPWAY_HISTORY_SUFFIX)) first--;
  const ours = history.slice(first);
  if (ours.length === 0) {
    throw new InputError(
      `${where} carries base annotations but no history entries of Slipway's builder, so its own layers cannot be told from the base's; rebuild it with the new base-image instead.`,
    );
  }
  const count = ours.filter((h) => !h.empty_layer).length;
  const diffIds = config.rootfs?.diff_ids ?? [];
  if (diffIds.length !== manifest.layers.length || count > manifest.layers.length) {
    throw new RunError(
      `${where} lists ${manifest.layers.length} layers but ${diffIds.length} diff_ids in its config; the image is inconsistent, rebuild it.`,
    );
  }
  const from = manifest.layers.length - count;
  return {
    baseName,
    baseDigest,
    layers: manifest.layers.slice(from),
    diffIds: diffIds.slice(from),
    history: ours,
    changes: changesFromHistory(ours),
    epoch: epochOf(manifest, config),
  };
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

/** One platform, rebuilt from the new base and Slipway's part: what mutateImage would have made. */
export function rebasePlatform(
  newBase: BaseImage,
  base: BasePlatformImage,
  part: SlipwayPart,
  ownLayers: Blob[],
): BuiltImage {
  return stackImage(newBase, base, base.platform, part.epoch, {
    layers: ownLayers,
    diffIds: part.diffIds,
    history: part.history,
    changes: part.changes,
  });
}

export interface RebaseRequest {
  transport: Transport;
  /** The image to rebase (tag or digest). */
  image: Reference;
  /** The new base (tag or digest; single- or multi-platform). */
  newBase: Reference;
}

export async function rebaseImage(req: RebaseRequest): Promise<RebaseResult> {
  const { transport } = req;
  const label = req.image.toString();
  // Every runnable platform of the image (attestation entries are skipped), read as a base is.
  const source = await resolveImage(transport, req.image, { input: 'image' });
  const parts = source.images.map((img) => slipwayPart(img, label));
  const newBase = await resolveBase(transport, req.newBase, { input: 'base-image' });
  if (newBase.images.length === 0) {
    throw new InputError('Input "base-image": a rebase needs a base image, not scratch.');
  }
  const repo = req.image.repositoryOnly();
  const built = source.images.map((img, i) => {
    const base = matchBase(newBase, img, label);
    const own = parts[i].layers.map((d) => remoteBlob(transport, repo, d));
    return rebasePlatform(newBase, base, parts[i], own);
  });
  const epoch = parts[0].epoch;
  const artifact: BuiltArtifact =
    source.isIndex || built.length > 1
      ? buildIndex(built, baseAnnotations(newBase, epoch))
      : built[0];
  const kept = new Map<string, Descriptor>();
  for (const part of parts) for (const d of part.layers) kept.set(d.digest, d);
  return {
    artifact,
    source: source.descriptor,
    newBase,
    oldBase: { name: parts[0].baseName, digest: parts[0].baseDigest },
    platforms: built.map((b) => b.platform),
    kept: [...kept.values()],
  };
}
