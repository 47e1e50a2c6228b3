/**
 * `slipway verify IMAGE`: finds the Sigstore bundles that refer to the image, verifies each with
 * @sigstore/verify (certificate chain to the trusted root's Fulcio, SCT, transparency-log inclusion
 * or TSA timestamp, signature; or a public key alone), checks that the signed statement is about
 * this very image digest and that the signer is the expected identity, and summarises the
 * provenance. Verification of the signature itself is the library's; this module chooses the
 * policy and says in one sentence why an image is refused.
 */
import { createPublicKey } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { bundleFromJSON, isBundleWithDsseEnvelope } from '@sigstore/bundle';
import type { Bundle } from '@sigstore/bundle';
import { TrustedRoot } from '@sigstore/protobuf-specs';
import { Verifier, toSignedEntity, toTrustMaterial } from '@sigstore/verify';
import type { TrustMaterial, VerifierOptions } from '@sigstore/verify';
import { InputError, RunError, errorMessage } from '../core/errors';
import type { Logger } from '../core/log';
import type { Reference } from '../image/reference';
import { fetchBlob, fetchManifest, isIndexDocument } from '../image/remote/read';
import { listReferrers } from '../image/remote/referrers';
import { readBytes } from '../image/transport/client';
import type { Transport } from '../image/transport/client';
import { SIGSTORE_BUNDLE_V03_MEDIA_TYPE } from './attach';
import { publicKeyHint } from './sign';
import {
  Dependency,
  IN_TOTO_PAYLOAD_TYPE,
  IN_TOTO_STATEMENT_V1,
  SLSA_PROVENANCE_V1,
  digestSet,
} from './statement';
import type { ResourceDescriptor, SlsaProvenance, Statement } from './statement';

export { describeVerified } from './describe';

/** Bundles larger than this are not ones Slipway wrote (an SBOM predicate is the largest). */
const MAX_BUNDLE_BYTES = 32 * 1024 * 1024;

export type VerifyPolicy =
  | {
      /** Certificate identity (SAN): exact, e.g. https://github.com/o/r/.github/workflows/x.yml@refs/heads/main. */
      identity?: string;
      /** Or a regular expression the whole SAN must match. */
      identityRegexp?: string;
      /** OIDC issuer, e.g. https://token.actions.githubusercontent.com. */
      issuer: string;
    }
  | {
      /** PEM public key (SPKI) of a key-based signature. */
      publicKey: string;
    };

export interface VerifyOptions {
  transport: Transport;
  /** The trusted root (TrustedRoot JSON, as `cosign trusted-root create` or TUF give it). */
  trustedRoot?: unknown;
  /** Keyless: require a transparency-log entry (default), or accept a TSA timestamp alone. */
  requireTransparencyLog?: boolean;
  /** Predicate types that must each have a verified bundle; default SLSA provenance v1. */
  require?: string[];
  logger?: Logger;
}

export interface ProvenanceSummary {
  builder?: string;
  source?: string;
  commit?: string;
  workflow?: string;
  invocation?: string;
  base?: { uri?: string; digest?: string };
  artifact?: { uri?: string; sha256?: string };
}

export interface VerifiedAttestation {
  predicateType: string;
  /** The referrer manifest that carried the bundle. */
  referrer: string;
  /** Keyless: the certificate's SAN and issuer; key-based: the key hint. */
  signer: string;
  statement: Statement;
}

export interface VerifiedImage {
  reference: string;
  digest: string;
  attestations: VerifiedAttestation[];
  provenance?: ProvenanceSummary;
}

/**
 * Verifies the image `ref` names against `policy`; returns what was verified or throws a RunError
 * (exit 1) saying why the image is refused. Bad options (no trusted root, an unreadable key) are
 * InputErrors (exit 2).
 */
export async function verifyImage(
  ref: Reference,
  policy: VerifyPolicy,
  opts: VerifyOptions,
): Promise<VerifiedImage> {
  const checker = makeChecker(policy, opts);
  const { transport } = opts;
  const repository = ref.repositoryOnly();
  const image = await fetchManifest(transport, ref);
  const digest = image.descriptor.digest;
  const where = `${repository.name()}@${digest}`;

  const listed = await listReferrers(transport, repository, digest);
  const bundles = listed.manifests.filter((d) => d.artifactType === SIGSTORE_BUNDLE_V03_MEDIA_TYPE);
  if (bundles.length === 0) {
    throw new RunError(
      `${where} has no Sigstore bundle (no referrer of type ${SIGSTORE_BUNDLE_V03_MEDIA_TYPE}); it was not signed, or signed by a tool that stores signatures another way.`,
    );
  }

  const verified: VerifiedAttestation[] = [];
  const refusals: string[] = [];
  for (const entry of bundles) {
    try {
      const bundle = await fetchBundle(transport, repository, entry.digest);
      verified.push(checker(bundle, entry.digest, digest));
    } catch (err) {
      refusals.push(`bundle ${entry.digest}: ${errorMessage(err)}`);
      opts.logger?.debug(`verify: refused bundle ${entry.digest}: ${errorMessage(err)}`);
    }
  }
  const required = opts.require ?? [SLSA_PROVENANCE_V1];
  const missing = required.filter((t) => !verified.some((v) => v.predicateType === t));
  if (missing.length > 0) {
    const why = refusals.length > 0 ? refusals.join('; ') : 'no bundle holds it';
    throw new RunError(`${where} has no verified ${missing.join(', ')} attestation: ${why}.`);
  }
  const provenance = verified.find((v) => v.predicateType === SLSA_PROVENANCE_V1);
  return {
    reference: ref.toString(),
    digest,
    attestations: verified,
    provenance: provenance
      ? summarise(provenance.statement as Statement<SlsaProvenance>)
      : undefined,
  };
}

type Checker = (bundle: Bundle, referrer: string, imageDigest: string) => VerifiedAttestation;

function makeChecker(policy: VerifyPolicy, opts: VerifyOptions): Checker {
  if ('publicKey' in policy) {
    let key: KeyObject;
    try {
      key = createPublicKey(policy.publicKey);
    } catch {
      throw new InputError(
        'The public key given to verify is not a PEM public key; give the SPKI PEM ("openssl pkey -pubout") of the signing key.',
      );
    }
    const hint = publicKeyHint(key);
    const trust: TrustMaterial = {
      certificateAuthorities: [],
      timestampAuthorities: [],
      tlogs: [],
      ctlogs: [],
      publicKey: (found: string) => {
        if (found !== hint) {
          throw new Error(
            `it was signed with the key ${found || '(no hint)'}, not the given key ${hint}`,
          );
        }
        return { publicKey: key, validFor: () => true };
      },
    };
    const verifier = new Verifier(trust, {
      tlogThreshold: 0,
      ctlogThreshold: 0,
      timestampThreshold: 0,
    });
    return (bundle, referrer, imageDigest) => {
      verifier.verify(toSignedEntity(bundle));
      return checkStatement(bundle, referrer, imageDigest, `key ${hint}`);
    };
  }

  if (!policy.identity && !policy.identityRegexp) {
    throw new InputError(
      'verify needs certificate-identity (or certificate-identity-regexp) with certificate-oidc-issuer, or a public key.',
    );
  }
  if (opts.trustedRoot === undefined) {
    throw new InputError(
      'verify needs trusted-root (a Sigstore TrustedRoot JSON file) to check keyless signatures; for the public-good instance write it with "cosign trusted-root create" or take it from the Sigstore TUF repository.',
    );
  }
  let trust: TrustMaterial;
  try {
    trust = toTrustMaterial(TrustedRoot.fromJSON(opts.trustedRoot));
  } catch (err) {
    throw new InputError(
      `trusted-root is not a Sigstore TrustedRoot document: ${errorMessage(err)}.`,
    );
  }
  const options: VerifierOptions = {
    tlogThreshold: opts.requireTransparencyLog === false ? 0 : 1,
  };
  const verifier = new Verifier(trust, options);
  const identityPattern = policy.identityRegexp
    ? new RegExp(`^(?:${policy.identityRegexp})$`)
    : undefined;
  return (bundle, referrer, imageDigest) => {
    const signer = verifier.verify(toSignedEntity(bundle));
    const found = signer.identity?.subjectAlternativeName ?? '(none)';
    const issuer = signer.identity?.extensions?.issuer ?? '(none)';
    const identityOk = policy.identity ? found === policy.identity : identityPattern?.test(found);
    if (!identityOk) {
      throw new Error(
        `it was signed by the identity ${found} (issuer ${issuer}), not ${policy.identity ?? `one matching ${policy.identityRegexp}`}`,
      );
    }
    if (issuer !== policy.issuer) {
      throw new Error(`it was signed by ${found} from the issuer ${issuer}, not ${policy.issuer}`);
    }
    return checkStatement(bundle, referrer, imageDigest, `${found} (${issuer})`);
  };
}

function checkStatement(
  bundle: Bundle,
  referrer: string,
  imageDigest: string,
  signer: string,
): VerifiedAttestation {
  if (!isBundleWithDsseEnvelope(bundle)) throw new Error('it holds no DSSE envelope');
  const envelope = bundle.content.dsseEnvelope;
  if (envelope.payloadType !== IN_TOTO_PAYLOAD_TYPE) {
    throw new Error(`its payload is ${envelope.payloadType}, not an in-toto statement`);
  }
  let statement: Statement;
  try {
    statement = JSON.parse(envelope.payload.toString('utf8')) as Statement;
  } catch {
    throw new Error('its payload is not JSON');
  }
  if (statement._type !== IN_TOTO_STATEMENT_V1 || !Array.isArray(statement.subject)) {
    throw new Error('its payload is not an in-toto v1 statement');
  }
  const wanted = digestSet(imageDigest);
  const [alg, hex] = Object.entries(wanted)[0];
  if (!statement.subject.some((s) => s.digest?.[alg] === hex)) {
    const about = statement.subject.map(
      (s) =>
        `${s.name}@${Object.entries(s.digest ?? {})
          .map(([a, h]) => `${a}:${h}`)
          .join(',')}`,
    );
    throw new Error(`it is about ${about.join(', ') || 'nothing'}, not ${imageDigest}`);
  }
  return { predicateType: statement.predicateType, referrer, signer, statement };
}

async function fetchBundle(
  transport: Transport,
  repository: Reference,
  digest: string,
): Promise<Bundle> {
  const fetched = await fetchManifest(transport, repository.withDigest(digest));
  const layer = isIndexDocument(fetched.manifest) ? undefined : fetched.manifest.layers[0];
  if (
    !layer ||
    layer.mediaType !== SIGSTORE_BUNDLE_V03_MEDIA_TYPE ||
    layer.size > MAX_BUNDLE_BYTES
  ) {
    throw new Error('its manifest does not hold one Sigstore bundle layer');
  }
  const stream = await fetchBlob(transport, repository, layer);
  const bytes = await readBytes(stream, MAX_BUNDLE_BYTES, `bundle ${layer.digest}`);
  try {
    return bundleFromJSON(JSON.parse(bytes.toString('utf8')));
  } catch (err) {
    throw new Error(`it is not a valid Sigstore bundle (${errorMessage(err)})`);
  }
}

function byName(deps: ResourceDescriptor[], name: string): ResourceDescriptor | undefined {
  return deps.find((d) => d.name === name);
}

/** The lines a deploy job wants: where it came from, which commit, which workflow, which base. */
export function summarise(statement: Statement<SlsaProvenance>): ProvenanceSummary {
  const build = statement.predicate?.buildDefinition;
  const deps = Array.isArray(build?.resolvedDependencies) ? build.resolvedDependencies : [];
  const source = byName(deps, Dependency.Source);
  const base = byName(deps, Dependency.BaseImage);
  const artifact = byName(deps, Dependency.Artifact);
  const workflow = build?.internalParameters?.workflow;
  return {
    builder: statement.predicate?.runDetails?.builder?.id,
    source: source?.uri?.replace(/^git\+/, ''),
    commit: source?.digest?.gitCommit,
    workflow: typeof workflow === 'string' ? workflow : undefined,
    invocation: statement.predicate?.runDetails?.metadata?.invocationId,
    base: base
      ? { uri: base.uri, digest: base.digest?.sha256 ? `sha256:${base.digest.sha256}` : undefined }
      : undefined,
    artifact: artifact ? { uri: artifact.uri, sha256: artifact.digest?.sha256 } : undefined,
  };
}
