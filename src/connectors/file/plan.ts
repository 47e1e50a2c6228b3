import { basename, posix } from 'node:path';
import { InputError } from '../../core/errors';
import type { ImagePlan } from '../plan';
import type { InspectedArtifact } from '../types';
import { BASE_IMAGE_INPUT, targetDirectory } from '../common';
import type { PlanInputs } from '../common';

const ROOT = { uid: 0, gid: 0 };

/**
 * Any file, when no connector kind applies: it lands in `artifact-path` on `base-image`, owned by
 * root like a Dockerfile COPY without --chown. An ELF binary stays executable.
 */
export function planFile(inputs: PlanInputs, info: InspectedArtifact): ImagePlan {
  if (!inputs['base-image']) {
    throw new InputError(
      `${info.label} is not a connector Slipway knows, so there is no default base: set base-image (e.g. base-image: docker.io/library/busybox:1.36), or set connector-type.`,
    );
  }
  if (!inputs['artifact-path']) {
    throw new InputError(
      `${info.label} is not a connector Slipway knows, so there is no default place for it: set artifact-path (e.g. artifact-path: /opt/app/), or set connector-type.`,
    );
  }
  const dir = targetDirectory(inputs, '/');
  return {
    base: inputs['base-image'],
    baseSource: BASE_IMAGE_INPUT,
    files: [
      {
        path: posix.join(dir, basename(info.path)),
        source: info.path,
        mode: info.format === 'go' ? 0o755 : 0o644,
        ...ROOT,
      },
    ],
    directories: [],
    env: {},
    labels: {},
    run: [],
    platforms: info.platform ? [info.platform] : undefined,
  };
}
