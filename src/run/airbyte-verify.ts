/**
 * `verify: true` for Airbyte: the image must answer `spec` with a SPEC message before any tag
 * points at it. It runs on repo@digest of each platform manifest this runner can execute; the
 * other platforms are reported as not verified (no emulation is assumed to be installed).
 */
import type { Inputs } from '../core/inputs';
import type { Logger } from '../core/log';
import { dockerCliOptions } from '../assemble/docker-build';
import type { DockerSession } from '../assemble/docker-build';
import { verifyAirbyteSpec } from '../assemble/docker';
import type { InspectedArtifact } from '../connectors/types';
import { insecureRegistries } from './connect';
import { formatPlatform, normalizePlatform } from '../image/platform';
import type { Reference } from '../image/reference';
import type { Platform } from '../image/types';

/** Node's process.arch → the OCI architecture name. */
const OCI_ARCH: Record<string, string> = {
  x64: 'amd64',
  arm64: 'arm64',
  arm: 'arm',
  ia32: '386',
  ppc64: 'ppc64le',
  s390x: 's390x',
  riscv64: 'riscv64',
  loong64: 'loong64',
};

/** Whether this runner executes images of `platform` natively. */
export function runsHere(platform: Platform, arch: string = process.arch): boolean {
  const p = normalizePlatform(platform);
  return p.os === 'linux' && p.architecture === (OCI_ARCH[arch] ?? arch);
}

export interface SpecCheck {
  inputs: Inputs;
  session: Omit<DockerSession, 'insecureRegistries' | 'skipTlsVerify'>;
  info: InspectedArtifact;
  logger: Logger;
  tmpDir: string;
}

export function isAirbyte(info: InspectedArtifact): boolean {
  return info.connectorType === 'airbyte-source' || info.connectorType === 'airbyte-destination';
}

/**
 * Runs `spec` on `repository@digest` for each image (platform manifests by digest; `platform`
 * undefined means "the runner's own": a single manifest whose platform is not known here).
 */
export async function verifySpec(
  check: SpecCheck,
  repository: Reference,
  images: { digest: string; platform?: Platform }[],
): Promise<void> {
  const { inputs, logger } = check;
  if (!isAirbyte(check.info)) {
    logger.warn('verify applies to Airbyte connectors only; nothing to verify for this artifact');
    return;
  }
  const cli = await dockerCliOptions(
    {
      ...check.session,
      repository,
      insecureRegistries: insecureRegistries(inputs, repository),
      skipTlsVerify: inputs['skip-tls-verify'],
    },
    '',
    { command: inputs['docker-command'], logger, tmpDir: check.tmpDir },
  );
  for (const image of images) {
    const ref = `${repository.name()}@${image.digest}`;
    if (image.platform && !runsHere(image.platform)) {
      logger.warn(
        `verify: ${formatPlatform(image.platform)} not verified (${ref}): this runner cannot run it`,
      );
      continue;
    }
    await verifyAirbyteSpec({ ...cli, image: ref });
    logger.info(`verified: ${ref} answers spec with a SPEC message`);
  }
}
