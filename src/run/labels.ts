import { epochToIso } from '../core/clock';
import { InputError } from '../core/errors';
import type { ImageAnnotations } from '../image/mutate';
import { ciContext, tagsForGitTag } from './tags';

type Env = Readonly<Record<string, string | undefined>>;

/** What is known about the image beyond the CI, for its default labels. */
export interface LabelInfo {
  /** Build epoch (seconds), from buildEpoch(). */
  epoch: number;
  version?: string;
  title?: string;
  description?: string;
  /** SPDX expression, e.g. Apache-2.0. */
  licenses?: string;
}

const OCI = 'org.opencontainers.image';

/** org.opencontainers.image.* labels from the CI and what the artifact says about itself. */
function defaultLabels(env: Env, info: LabelInfo): Record<string, string> {
  const ci = ciContext(env);
  const labels: Record<string, string> = {};
  const set = (key: string, value: string | undefined): void => {
    if (value !== undefined && value !== '') labels[`${OCI}.${key}`] = value;
  };
  set('created', epochToIso(info.epoch));
  set('source', ci.repositoryUrl);
  set('url', ci.repositoryUrl);
  set('revision', ci.sha);
  set(
    'version',
    info.version ?? (ci.gitTag === undefined ? undefined : tagsForGitTag(ci.gitTag)[0]),
  );
  set('title', info.title);
  set('description', info.description);
  set('licenses', info.licenses);
  return labels;
}

/** One line: labels hold no newlines, and descriptions in YAML often do. */
function oneLine(value: string | undefined): string | undefined {
  return value?.replace(/\s+/g, ' ').trim();
}

export interface LabelSources {
  env: Env;
  info: LabelInfo;
  /** What the connector kind (io.airbyte.*) or a user Dockerfile's LABEL set. */
  plan: Record<string, string>;
  /** The `labels` input. */
  user: Record<string, string>;
}

/**
 * The image's labels, composed once, with one precedence: the CI context and the artifact's own
 * metadata < the connector kind's (or the user Dockerfile's) labels < the `labels` input.
 */
export function imageLabels({ env, info, plan, user }: LabelSources): Record<string, string> {
  const defaults = defaultLabels(env, {
    ...info,
    title: oneLine(info.title),
    version: oneLine(info.version),
    description: oneLine(info.description),
  });
  return { ...defaults, ...plan, ...user };
}

/** The annotation levels Slipway writes: buildx's prefix, and where it goes. */
const ANNOTATION_LEVELS = {
  manifest: 'manifest',
  index: 'index',
  'manifest-descriptor': 'descriptor',
} as const;

/**
 * The `annotations` input split by level, as buildx reads `--annotation` and metadata-action writes
 * its `annotations` output: `index:key=value` goes on the index, `manifest:key=value` or a bare
 * `key=value` on each platform's manifest, `manifest-descriptor:key=value` on each platform's
 * descriptor in the index. Other levels (`index-descriptor`, which only an OCI layout's
 * index.json has, a platform selector) are refused rather than silently dropped.
 */
export function imageAnnotations(input: Record<string, string>): ImageAnnotations {
  const out: Required<ImageAnnotations> = { manifest: {}, index: {}, descriptor: {} };
  for (const [raw, value] of Object.entries(input)) {
    const colon = raw.indexOf(':');
    const prefix = colon < 0 ? 'manifest' : raw.slice(0, colon).trim();
    const key = raw.slice(colon + 1).trim();
    const level = Object.hasOwn(ANNOTATION_LEVELS, prefix)
      ? ANNOTATION_LEVELS[prefix as keyof typeof ANNOTATION_LEVELS]
      : undefined;
    if (level === undefined || key === '') {
      throw new InputError(
        `Input "annotations": "${raw}=${value}" has the prefix "${prefix}", which Slipway does not write; use manifest:${key || 'key'}=value, index:${key || 'key'}=value or manifest-descriptor:${key || 'key'}=value.`,
      );
    }
    out[level][key] = value;
  }
  return out;
}
