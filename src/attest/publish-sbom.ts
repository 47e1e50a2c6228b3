import { epochToIso } from '../core/clock';
import type { Logger } from '../core/log';
import type { InspectedArtifact } from '../connectors/types';
import type { Reference } from '../image/reference';
import { fetchBlob, fetchManifest, isIndexDocument } from '../image/remote/read';
import {
  listReferrers,
  pushReferrer,
  referrerArtifact,
  referrersTag,
} from '../image/remote/referrers';
import { readBytes } from '../image/transport/client';
import type { Transport } from '../image/transport/client';
import { Annotation } from '../image/types';
import type { Descriptor } from '../image/types';
import { CYCLONEDX_MEDIA_TYPE, buildSbom, sbomBytes } from './components';

export interface SbomTarget {
  transport: Transport;
  /** The image's repository: the SBOM goes next to the image it describes. */
  repository: Reference;
  /** The pushed image (index or manifest) the SBOM refers to; asked only when there is an SBOM. */
  subject: () => Promise<Descriptor>;
  info: InspectedArtifact;
  /** The artifact file's sha256, as the run read it once. */
  artifactSha256?: string;
  epoch: number;
  logger: Logger;
}

/**
 * Pushes the artifact's SBOM as a referrer of the image; returns its digest, or undefined when
 * the artifact is a plain file with nothing to describe.
 */
export async function publishSbom(target: SbomTarget): Promise<string | undefined> {
  const { logger } = target;
  const bom = buildSbom(target.info, target.epoch, target.artifactSha256);
  if (!bom) {
    logger.info('sbom: a plain file bundles nothing to list; no SBOM pushed');
    return undefined;
  }
  const subject = await target.subject();
  const artifact = referrerArtifact({
    artifactType: CYCLONEDX_MEDIA_TYPE,
    subject,
    content: sbomBytes(bom),
    annotations: { [Annotation.Created]: epochToIso(target.epoch) },
    layerAnnotations: { 'org.opencontainers.image.title': 'sbom.cdx.json' },
  });
  const result = await pushReferrer(target.transport, target.repository, artifact, logger);
  const where =
    result.source === 'api'
      ? 'referrers API'
      : `tag ${target.repository.name()}:${referrersTag(subject.digest)}`;
  if (result.pushed) {
    logger.info(
      `sbom: ${bom.components.length} components, pushed ${target.repository.name()}@${result.descriptor.digest} (found through the ${where})`,
    );
  }
  return result.descriptor.digest;
}

/** SBOMs are small; one larger than this is not one Slipway wrote. */
const MAX_SBOM_BYTES = 64 * 1024 * 1024;

/**
 * A rebase keeps the connector, so its SBOM still holds: the SBOM that refers to the old image is
 * pushed again with the rebased image as subject (same document, so no new upload of it).
 * Returns the new SBOM's digest, or undefined when the old image had none.
 */
export async function carrySbom(opts: {
  transport: Transport;
  repository: Reference;
  from: string;
  subject: Descriptor;
  logger: Logger;
}): Promise<string | undefined> {
  const { transport, repository, logger } = opts;
  const listed = await listReferrers(transport, repository, opts.from);
  const entry = listed.manifests.find((d) => d.artifactType === CYCLONEDX_MEDIA_TYPE);
  if (!entry) {
    logger.info(`sbom: ${repository.name()}@${opts.from} has no SBOM to carry over`);
    return undefined;
  }
  const old = await fetchManifest(transport, repository.withDigest(entry.digest), { push: true });
  const layer = isIndexDocument(old.manifest) ? undefined : old.manifest.layers[0];
  if (!layer || layer.size > MAX_SBOM_BYTES) {
    logger.warn(`sbom: ${entry.digest} is not an SBOM Slipway can carry over; none pushed`);
    return undefined;
  }
  const stream = await fetchBlob(transport, repository, layer, { push: true });
  const content = await readBytes(stream, MAX_SBOM_BYTES, `SBOM ${layer.digest}`);
  const artifact = referrerArtifact({
    artifactType: CYCLONEDX_MEDIA_TYPE,
    subject: opts.subject,
    content,
    annotations: isIndexDocument(old.manifest) ? undefined : old.manifest.annotations,
    layerAnnotations: layer.annotations,
  });
  const result = await pushReferrer(transport, repository, artifact, logger);
  logger.info(`sbom: carried over as ${repository.name()}@${result.descriptor.digest}`);
  return result.descriptor.digest;
}
