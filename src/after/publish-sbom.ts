import { epochToIso } from '../core/clock';
import type { Logger } from '../core/log';
import type { InspectedArtifact } from '../connectors/types';
import type { Reference } from '../image/reference';
import { pushReferrer, referrerArtifact, referrersTag } from '../image/remote/referrers';
import type { Transport } from '../image/transport/client';
import { Annotation } from '../image/types';
import type { Descriptor } from '../image/types';
import { CYCLONEDX_MEDIA_TYPE, buildSbom, sbomBytes } from './sbom';

export interface SbomTarget {
  transport: Transport;
  /** The image's repository: the SBOM goes next to the image it describes. */
  repository: Reference;
  /** The pushed image (index or manifest) the SBOM refers to. */
  subject: Descriptor;
  info: InspectedArtifact;
  epoch: number;
  logger: Logger;
}

/**
 * Pushes the artifact's SBOM as a referrer of the image; returns its digest, or undefined when
 * the artifact is a plain file with nothing to describe.
 */
export async function publishSbom(target: SbomTarget): Promise<string | undefined> {
  const { logger } = target;
  const bom = await buildSbom(target.info, target.epoch, logger);
  if (!bom) {
    logger.info('sbom: a plain file bundles nothing to list; no SBOM pushed');
    return undefined;
  }
  const artifact = referrerArtifact({
    artifactType: CYCLONEDX_MEDIA_TYPE,
    subject: target.subject,
    content: sbomBytes(bom),
    annotations: { [Annotation.Created]: epochToIso(target.epoch) },
    layerAnnotations: { 'org.opencontainers.image.title': 'sbom.cdx.json' },
  });
  const result = await pushReferrer(target.transport, target.repository, artifact, logger);
  const where =
    result.source === 'api'
      ? 'referrers API'
      : `tag ${target.repository.name()}:${referrersTag(target.subject.digest)}`;
  if (result.pushed) {
    logger.info(
      `sbom: ${bom.components.length} components, pushed ${target.repository.name()}@${result.descriptor.digest} (found through the ${where})`,
    );
  }
  return result.descriptor.digest;
}
