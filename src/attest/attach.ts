/**
 * Sigstore bundles as OCI referrers of the image they are about, in the layout of cosign's bundle
 * specification (sigstore/cosign specs/BUNDLE_SPEC.md), which `cosign verify-attestation
 * --new-bundle-format` and `gh attestation verify --bundle-from-oci` read: an image manifest with
 * artifactType and single layer `application/vnd.dev.sigstore.bundle.v0.3+json`, the empty config,
 * the image as `subject`, and the annotations `dev.sigstore.bundle.content` /
 * `dev.sigstore.bundle.predicateType` / `org.opencontainers.image.created` on the manifest (and
 * on its entry in the `sha256-<hex>` referrers index where the registry has no referrers API).
 */
import type { Logger } from '../core/log';
import type { Reference } from '../image/reference';
import { pushReferrer, referrerArtifact } from '../image/remote/referrers';
import type { ReferrerArtifact, ReferrersSource } from '../image/remote/referrers';
import type { Transport } from '../image/transport/client';
import { Annotation } from '../image/types';
import type { Descriptor } from '../image/types';
import type { SignedAttestation } from './sign';

export const SIGSTORE_BUNDLE_V03_MEDIA_TYPE = 'application/vnd.dev.sigstore.bundle.v0.3+json';
export const BundleAnnotation = {
  Content: 'dev.sigstore.bundle.content',
  PredicateType: 'dev.sigstore.bundle.predicateType',
} as const;

/** The referrer manifest of one bundle about `subject` (the index, or one platform manifest). */
export function bundleReferrer(
  attestation: SignedAttestation,
  subject: Descriptor,
  created: string,
): ReferrerArtifact {
  return referrerArtifact({
    artifactType: SIGSTORE_BUNDLE_V03_MEDIA_TYPE,
    subject,
    content: attestation.bytes,
    annotations: {
      [BundleAnnotation.Content]: 'dsse-envelope',
      [BundleAnnotation.PredicateType]: attestation.predicateType,
      [Annotation.Created]: created,
    },
  });
}

export interface AttachedBundle {
  predicateType: string;
  subject: string;
  /** Digest of the referrer manifest. */
  digest: string;
  pushed: boolean;
  source: ReferrersSource;
}

/**
 * Pushes every bundle as a referrer of each of `subjects` in `repository` (the index and, when
 * verifiers look at a platform's manifest, each platform manifest). `created` is the build time
 * (ISO 8601), so that an unchanged rerun finds the same referrer and sends nothing.
 */
export async function attachBundles(opts: {
  transport: Transport;
  repository: Reference;
  subjects: Descriptor[];
  attestations: SignedAttestation[];
  created: string;
  logger: Logger;
}): Promise<AttachedBundle[]> {
  const out: AttachedBundle[] = [];
  for (const subject of opts.subjects) {
    for (const attestation of opts.attestations) {
      const artifact = bundleReferrer(attestation, subject, opts.created);
      const result = await pushReferrer(opts.transport, opts.repository, artifact, opts.logger);
      out.push({
        predicateType: attestation.predicateType,
        subject: subject.digest,
        digest: result.descriptor.digest,
        pushed: result.pushed,
        source: result.source,
      });
      if (result.pushed) {
        opts.logger.info(
          `attest: ${attestation.predicateType} bundle ${opts.repository.name()}@${result.descriptor.digest} refers to ${subject.digest}`,
        );
      }
    }
  }
  return out;
}
