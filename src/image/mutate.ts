/**
 * Turns a base image plus Slipway's layer and the plan's settings into a new image config and
 * manifest (and an index for several platforms), as exact bytes whose digests are reproducible.
 *
 * Config changes follow Docker's Dockerfile semantics, so that building the rendered Dockerfile
 * with a docker-compatible CLI and building natively agree: ENV replaces a key where it is and
 * appends new keys in order, LABEL merges, ENTRYPOINT clears the base's CMD unless CMD is given,
 * a relative WORKDIR is resolved against the current one. Values are literal: the plan holds data,
 * not Dockerfile syntax, so no `$VAR` expansion happens here (the Dockerfile renderer escapes).
 */
import * as path from 'node:path';
import { epochToIso } from '../core/clock';
import { InputError, RunError } from '../core/errors';
import { sha256 } from './digest';
import { memoryBlob } from './image';
import type {
  BaseImage,
  BasePlatformImage,
  Blob,
  BuiltImageOrIndex,
  BuiltImage,
  BuiltIndex,
  Layer,
} from './image';
import { Annotation, MediaType } from './types';
import type {
  ContainerConfig,
  Descriptor,
  Digest,
  HistoryEntry,
  ImageConfig,
  Index,
  Manifest,
  Platform,
} from './types';

/** The plan's image settings (a structural subset of ImagePlan). */
export interface ImageChanges {
  env?: Record<string, string>;
  labels?: Record<string, string>;
  user?: string;
  workdir?: string;
  entrypoint?: string[];
  cmd?: string[];
  /** EXPOSE as written in a Dockerfile: "8080", "8080/tcp", "53/udp", "8000-8002". */
  exposedPorts?: string[];
}

export interface MutateInput {
  /** The base as resolved: name and digest go into the base annotations. "scratch": no images. */
  base: BaseImage;
  /** The platform image to build on; undefined builds on scratch (then `platform` is required). */
  image?: BasePlatformImage;
  platform?: Platform;
  /** Slipway's layer; undefined changes only the config. */
  layer?: Layer;
  /** This platform's own layers, stacked below `layer`, with their history entries. */
  below?: PlatformLayers;
  changes: ImageChanges;
  /**
   * History entries for the layer and the changes, in the caller's format; by default one bare
   * entry for the layer (as go-containerregistry's mutate.Append), so entries match layers.
   */
  history?: HistoryEntry[];
  /** Seconds since 1970: config `created` and the `created` annotation. */
  epoch: number;
  /** Annotations for the manifest beside the base ones (which they may override). */
  annotations?: Record<string, string>;
}

/** Docker's PATH for images without one (what buildkit puts into a FROM scratch image). */
export const DEFAULT_PATH = 'PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

/** Docker media types in base manifests and their OCI equivalents (same bytes). */
const OCI_LAYER_TYPE: Record<string, string> = {
  [MediaType.DockerLayerGzip]: MediaType.OciLayerGzip,
  [MediaType.DockerForeignLayerGzip]:
    'application/vnd.oci.image.layer.nondistributable.v1.tar+gzip',
  'application/vnd.docker.image.rootfs.diff.tar': MediaType.OciLayer,
};

/** Fields of Docker configs that describe the base's own last build container, not this image. */
const STALE_CONFIG_FIELDS = ['container', 'container_config', 'docker_version'];

/**
 * JSON with object keys sorted (recursively), no whitespace, undefined members left out: the same
 * value always gives the same bytes, so configs and manifests have stable digests.
 */
export function canonicalJson(value: unknown): Buffer {
  return Buffer.from(JSON.stringify(sortKeys(value)), 'utf8');
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map((v) => (v === undefined ? null : sortKeys(v)));
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      const v = (value as Record<string, unknown>)[key];
      if (v !== undefined) out[key] = sortKeys(v);
    }
    return out;
  }
  return value;
}

/** base.name / base.digest (not for scratch) and created: on every manifest and index. */
export function baseAnnotations(base: BaseImage, epoch: number): Record<string, string> {
  const out: Record<string, string> = {};
  if (base.images.length > 0) {
    out[Annotation.BaseName] = base.name;
    if (base.digest) out[Annotation.BaseDigest] = base.digest;
  }
  out[Annotation.Created] = epochToIso(epoch);
  return out;
}

/** Layers one platform gets and the others do not (e.g. its compiled dependencies). */
export interface PlatformLayers {
  layers: Layer[];
  /** One entry per layer, in the caller's format. */
  history: HistoryEntry[];
}

export function mutateImage(input: MutateInput): BuiltImage {
  const { base, image, layer, changes, history, epoch, annotations } = input;
  const platform = image?.platform ?? input.platform;
  if (!platform) throw new Error('mutateImage: a scratch build needs a platform');
  const below = input.below ?? { layers: [], history: [] };
  return stackImage(base, image, platform, epoch, {
    layers: [...below.layers, ...(layer ? [layer] : [])],
    diffIds: [...below.layers.map((l) => l.diffId), ...(layer ? [layer.diffId] : [])],
    history: [...below.history, ...(history ?? (layer ? [{ created: epochToIso(epoch) }] : []))],
    changes,
    annotations,
  });
}

/** What is stacked on a base: layers, their history and the config changes. */
export interface OwnPart {
  layers: Blob[];
  diffIds: Digest[];
  history: HistoryEntry[];
  changes: ImageChanges;
  /** Manifest annotations beside the base ones. */
  annotations?: Record<string, string>;
}

/**
 * The one place an image is put together: the base's config and layers (none for scratch) with
 * the own part on top, as canonical config and manifest bytes. Builds and rebases both use it,
 * so a rebase gives the bytes of a fresh build on the new base.
 */
export function stackImage(
  base: BaseImage,
  image: BasePlatformImage | undefined,
  platform: Platform,
  epoch: number,
  own: OwnPart,
): BuiltImage {
  const baseConfig: ImageConfig = image
    ? structuredClone(image.config)
    : {
        architecture: platform.architecture,
        os: platform.os,
        rootfs: { type: 'layers', diff_ids: [] },
      };
  if (!image && platform.variant) baseConfig.variant = platform.variant;
  if (!image && platform['os.version']) baseConfig['os.version'] = platform['os.version'];
  for (const field of STALE_CONFIG_FIELDS) delete baseConfig[field];

  const baseLayers = image?.layers ?? [];
  const baseDiffIds = baseConfig.rootfs?.diff_ids ?? [];
  if (baseDiffIds.length !== baseLayers.length) {
    throw new RunError(
      `The base image ${base.name} (${platform.os}/${platform.architecture}) has ${baseLayers.length} layers but its config lists ${baseDiffIds.length} diff_ids; the base is corrupt, pick another one`,
    );
  }

  const config: ImageConfig = {
    ...baseConfig,
    created: epochToIso(epoch),
    config: applyChanges(baseConfig.config ?? {}, own.changes, !image),
    rootfs: { type: 'layers', diff_ids: [...baseDiffIds, ...own.diffIds] },
    history: [...(baseConfig.history ?? []), ...own.history],
  };
  const configBytes = canonicalJson(config);
  const configBlob = memoryBlob(
    { mediaType: MediaType.OciConfig, digest: sha256(configBytes), size: configBytes.length },
    configBytes,
  );

  const layers: Blob[] = [...baseLayers.map(ociBlob), ...own.layers];
  const manifest: Manifest = {
    schemaVersion: 2,
    mediaType: MediaType.OciManifest,
    config: configBlob.descriptor,
    layers: layers.map((l) => l.descriptor),
    annotations: { ...baseAnnotations(base, epoch), ...own.annotations },
  };
  return imageOf(platform, manifest, configBlob, layers);
}

/** A platform's image from its manifest and blobs: the manifest's bytes and descriptor made. */
export function imageOf(
  platform: Platform,
  manifest: Manifest,
  config: Blob,
  layers: Blob[],
): BuiltImage {
  const bytes = canonicalJson(manifest);
  return {
    platform,
    manifest,
    bytes,
    descriptor: {
      mediaType: MediaType.OciManifest,
      digest: sha256(bytes),
      size: bytes.length,
      platform,
    },
    config,
    layers,
  };
}

/**
 * An OCI index of several built images (one per platform), with the base annotations, and
 * `descriptors[i]` annotations on the descriptor of `images[i]` in the index.
 */
export function buildIndex(
  images: BuiltImage[],
  annotations: Record<string, string>,
  descriptors: (Record<string, string> | undefined)[] = [],
): BuiltIndex {
  const seen = new Set<string>();
  for (const img of images) {
    const key = canonicalJson(img.platform).toString();
    if (seen.has(key)) {
      throw new Error(`buildIndex: two images for platform ${key}`);
    }
    seen.add(key);
  }
  const index: Index = {
    schemaVersion: 2,
    mediaType: MediaType.OciIndex,
    manifests: images.map((img, i) => {
      const own = descriptors[i];
      return own && Object.keys(own).length > 0
        ? { ...img.descriptor, annotations: { ...own } }
        : img.descriptor;
    }),
    annotations: Object.keys(annotations).length > 0 ? { ...annotations } : undefined,
  };
  const bytes = canonicalJson(index);
  return {
    index,
    bytes,
    descriptor: { mediaType: MediaType.OciIndex, digest: sha256(bytes), size: bytes.length },
    images,
  };
}

export interface ImageOrIndexInput {
  base: BaseImage;
  layer?: Layer;
  changes: ImageChanges;
  history?: HistoryEntry[];
  epoch: number;
  /** For a scratch base: the platforms to build (default linux/amd64). */
  platforms?: Platform[];
  /** Write an index even for one platform (default: only for two or more, or descriptor annotations). */
  index?: boolean;
  /** Annotations beside the base ones, per level (buildx's `manifest:`, `index:`, `manifest-descriptor:`). */
  annotations?: ImageAnnotations;
  /** Each platform's own layers, stacked below the shared `layer`. */
  below?: (platform: Platform) => PlatformLayers | undefined;
}

/**
 * Annotations by the object they go on; an image with no index takes `manifest` and `index` on
 * its manifest. `descriptor` goes on each platform's descriptor in the index, which only an index
 * has: with some, even one platform gets an index.
 */
export interface ImageAnnotations {
  manifest: Record<string, string>;
  index: Record<string, string>;
  descriptor?: Record<string, string>;
}

/**
 * The same layer and changes on every platform image of the base (above each platform's own
 * layers, when `below` gives some): one manifest or an index.
 */
export function buildImageOrIndex(input: ImageOrIndexInput): BuiltImageOrIndex {
  const { base, layer, changes, history, epoch } = input;
  const targets: { image?: BasePlatformImage; platform?: Platform }[] =
    base.images.length > 0
      ? base.images.map((image) => ({ image }))
      : (input.platforms ?? [{ os: 'linux', architecture: 'amd64' }]).map((platform) => ({
          platform,
        }));
  const extra = input.annotations;
  const described = Object.keys(extra?.descriptor ?? {}).length > 0;
  const indexed = targets.length > 1 || input.index === true || described;
  const annotations = indexed ? extra?.manifest : { ...extra?.manifest, ...extra?.index };
  const images = targets.map((t) =>
    mutateImage({
      base,
      layer,
      changes,
      history,
      epoch,
      annotations,
      ...t,
      below: input.below?.((t.image?.platform ?? t.platform) as Platform),
    }),
  );
  if (!indexed) return images[0];
  return buildIndex(
    images,
    { ...baseAnnotations(base, epoch), ...extra?.index },
    images.map(() => extra?.descriptor),
  );
}

function applyChanges(
  base: ContainerConfig,
  changes: ImageChanges,
  scratch: boolean,
): ContainerConfig {
  const out: ContainerConfig = { ...base };
  const env = [...(base.Env ?? [])];
  if (
    scratch &&
    !env.some((e) => e.startsWith('PATH=')) &&
    !(changes.env && 'PATH' in changes.env)
  ) {
    env.push(DEFAULT_PATH);
  }
  for (const [key, value] of Object.entries(changes.env ?? {})) {
    if (key === '' || key.includes('=')) {
      throw new InputError(
        `The environment variable name "${key}" is empty or contains "="; fix the env setting`,
      );
    }
    const entry = `${key}=${value}`;
    const at = env.findIndex((e) => e === key || e.startsWith(`${key}=`));
    if (at >= 0) env[at] = entry;
    else env.push(entry);
  }
  if (env.length > 0) out.Env = env;

  const labels = { ...(base.Labels ?? {}), ...(changes.labels ?? {}) };
  if (Object.keys(labels).length > 0) out.Labels = labels;

  if (changes.user !== undefined) out.User = changes.user;
  if (changes.workdir !== undefined) {
    out.WorkingDir = path.posix.resolve(base.WorkingDir || '/', changes.workdir);
  }
  if (changes.entrypoint !== undefined) {
    out.Entrypoint = [...changes.entrypoint];
    if (changes.cmd === undefined) delete out.Cmd;
  }
  if (changes.cmd !== undefined) out.Cmd = [...changes.cmd];
  if (changes.exposedPorts?.length) {
    const ports = { ...(out.ExposedPorts ?? {}) };
    for (const spec of changes.exposedPorts)
      for (const port of exposedPortKeys(spec)) ports[port] = {};
    out.ExposedPorts = ports;
  }
  return out;
}

const PORT_SPEC = /^(\d{1,5})(?:-(\d{1,5}))?(?:\/(tcp|udp|sctp))?$/i;

/**
 * Docker's reading of one EXPOSE word: the protocol defaults to tcp and is lower-cased, and a
 * range names every port in it ("8000-8001/udp" → 8000/udp, 8001/udp).
 */
export function exposedPortKeys(spec: string): string[] {
  const m = PORT_SPEC.exec(spec.trim());
  const first = m ? Number(m[1]) : NaN;
  const last = m?.[2] !== undefined ? Number(m[2]) : first;
  if (!m || first < 1 || last > 65535 || last < first) {
    throw new InputError(
      `EXPOSE ${spec} is not a port; write a port or range with an optional protocol, e.g. EXPOSE 8080 or EXPOSE 53/udp.`,
    );
  }
  const protocol = (m[3] ?? 'tcp').toLowerCase();
  const keys: string[] = [];
  for (let port = first; port <= last; port++) keys.push(`${port}/${protocol}`);
  return keys;
}

/** A base's layer under the OCI media type of its Docker one (the same bytes). */
export function ociBlob(blob: Blob): Blob {
  const mediaType = OCI_LAYER_TYPE[blob.descriptor.mediaType] ?? blob.descriptor.mediaType;
  if (mediaType === blob.descriptor.mediaType) return blob;
  const descriptor: Descriptor = { ...blob.descriptor, mediaType };
  return { descriptor, origin: blob.origin, open: () => blob.open() };
}
