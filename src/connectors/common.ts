import { posix } from 'node:path';
import type { Inputs } from '../core/inputs';
import type { Logger } from '../core/log';
import { InputError } from '../core/errors';
import type { PlanDirectory } from './plan';

/** Small pieces every connector kind's plan uses. */

export type PlanInputs = Pick<
  Inputs,
  'base-image' | 'artifact-path' | 'pulsar-version' | 'connector-type' | 'builder' | 'require-lock'
>;

export interface PlanOptions {
  /** A folder the plan may stage files in (an unpacked Airbyte Java distribution). */
  stagingDir: string;
  logger?: Logger;
  /** Paths in messages are relative to it (default: the process's). */
  workingDirectory?: string;
  /** PIP_INDEX_URL / PIP_EXTRA_INDEX_URL for Python locks (default: the process's). */
  env?: NodeJS.ProcessEnv;
  /** Where files kept after the run go (a lock made by pip, beside the rendered Dockerfile). */
  outputDir?: string;
}

export interface Owner {
  uid: number;
  gid: number;
}

/** The directory the artifact lands in: `artifact-path` when set (absolute), else the kind's default. */
export function targetDirectory(inputs: PlanInputs, fallback: string): string {
  const given = inputs['artifact-path'];
  if (!given) return fallback;
  if (!given.startsWith('/')) {
    throw new InputError(
      `Input "artifact-path" must be an absolute path inside the image (got "${given}"); write e.g. ${fallback}.`,
    );
  }
  const normal = posix.normalize(given).replace(/\/+$/, '');
  return normal === '' ? '/' : normal;
}

/** Where the base-image input's value comes from, in messages. */
export const BASE_IMAGE_INPUT = 'input "base-image"';

/**
 * The base and where its name came from: `base-image` when set, else the kind's default (or a
 * name the project gives, e.g. Airbyte's metadata.yaml), described by `fallbackSource`.
 */
export function baseImage(
  inputs: PlanInputs,
  fallback: string,
  fallbackSource: string,
): { base: string; baseSource: string } {
  return inputs['base-image']
    ? { base: inputs['base-image'], baseSource: BASE_IMAGE_INPUT }
    : { base: fallback, baseSource: fallbackSource };
}

/**
 * `dir` and its parents below `root` (both included), all with one owner and mode: what the
 * runner images create themselves (e.g. /pulsar and /pulsar/connectors, 10000:10001).
 * Parents above `root` are left to the layer's defaults.
 */
export function directoryChain(
  dir: string,
  root: string,
  owner: Owner,
  mode: number,
): PlanDirectory[] {
  return directoryPaths(dir, root).map((path) => ({ path, mode, ...owner }));
}

/** /a/b/c under /a → [/a, /a/b, /a/b/c]; [] when `dir` is not `root` or under it (/ax/b is not under /a). */
export function directoryPaths(dir: string, root: string): string[] {
  const rel = posix.relative(root, dir);
  if (rel === '..' || rel.startsWith('../')) return [];
  const out = [root];
  if (rel === '') return out;
  for (const part of rel.split('/')) out.push(posix.join(out[out.length - 1], part));
  return out;
}
