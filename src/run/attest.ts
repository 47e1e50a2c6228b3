/**
 * Signing in a build (issue 15): the signer is settled before anything is built (a missing OIDC
 * token is bad input, exit 2, with nothing pushed); once the image is stored by digest, the SLSA
 * provenance and the image SBOM are signed as in-toto statements about every stored repo@digest
 * (the index and each platform manifest) and attached as OCI referrers — in each registry
 * repository, or into the OCI layout — before any tag points at the image. A failure leaves no
 * tag, unless `sign: best-effort`, which warns and lets the tags go.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { epochToIso } from '../core/clock';
import { InputError, errorMessage } from '../core/errors';
import type { Inputs } from '../core/inputs';
import type { Logger } from '../core/log';
import { attachBundles, bundleReferrer } from '../attest/attach';
import type { ImageSbom } from '../attest/sbom';
import type { AttestationSigner, SignedAttestation } from '../attest/sign';
import { ciContext, provenanceStatement, sbomStatement } from '../attest/statement';
import type { PushedImage } from '../attest/statement';
import type { InspectedArtifact } from '../connectors/types';
import { isIndex } from '../image/image';
import type { BuiltImageOrIndex } from '../image/image';
import { writeLayoutReferrer } from '../image/layout';
import type { Reference } from '../image/reference';
import type { Descriptor } from '../image/types';
import type { Stored } from '../publish';

export interface Signing {
  signer: AttestationSigner;
  bestEffort: boolean;
}

/**
 * The signer a run asks for, or undefined with `sign: false`. With a key (signing-key, or
 * SLIPWAY_SIGNING_KEY) nothing is asked of Fulcio or Rekor; without one, the CI's OIDC token must
 * be there now, before anything is pushed.
 */
export async function signingFor(
  inputs: Inputs,
  env: NodeJS.ProcessEnv,
  logger: Logger,
): Promise<Signing | undefined> {
  if (inputs.sign === 'false') return undefined;
  // Sigstore (about 1 MB of bundle with its fetch stack) loads only for a run that signs.
  const { ciIdentity, keylessSigner, privateKeySigner, sigstoreToken, SIGNING_KEY_VARIABLE } =
    await import('../attest/sign');
  const bestEffort = inputs.sign === 'best-effort';
  const key = inputs['signing-key'] || env[SIGNING_KEY_VARIABLE] || '';
  if (key) {
    return {
      signer: privateKeySigner(key, `Input "signing-key" (${SIGNING_KEY_VARIABLE})`),
      bestEffort,
    };
  }
  const tokenVariable = inputs['sigstore-token-variable'];
  await sigstoreToken({ env, tokenVariable });
  const rekor = inputs['rekor-url'];
  const signer = keylessSigner({
    identity: ciIdentity({ env, tokenVariable }),
    fulcioUrl: inputs['fulcio-url'] || undefined,
    rekorUrl: rekor === 'none' ? false : rekor || undefined,
    tsaUrl: inputs['tsa-url'] || undefined,
    retries: inputs['max-retries'],
    logger,
  });
  return { signer, bestEffort };
}

/** What the statements say about the build, beside the image itself. */
export interface AttestRun {
  inputs: Inputs;
  env: NodeJS.ProcessEnv;
  logger: Logger;
  projectDir: string;
  epoch: number;
  info: InspectedArtifact;
  /** Repository the statements name for a layout, which has none of its own. */
  repository?: Reference;
}

export interface BaseFacts {
  name: string;
  digest: string;
}

/** The image's CycloneDX SBOM (base image, artifact and what it bundles) as a file of the run. */
export async function writeImageSbom(
  run: AttestRun,
  file: string,
  digest: string,
  base: BaseFacts,
): Promise<ImageSbom> {
  // The CycloneDX library loads only for a run that writes an SBOM (not --version, not a dry run).
  const { buildImageSbom } = await import('../attest/sbom');
  const sbom = await buildImageSbom({
    info: run.info,
    epoch: run.epoch,
    image: { repository: run.repository?.name() ?? 'localhost/image', digest },
    base: base.digest ? { reference: base.name, digest: base.digest } : undefined,
    logger: run.logger,
  });
  writeFileSync(file, sbom.bytes);
  run.logger.info(`sbom: ${sbom.componentCount} components, wrote ${file}`);
  return sbom;
}

/**
 * Signs the provenance and the SBOM about what `stored` holds and attaches the bundles; returns
 * where each bundle went (repo@digest or oci:DIR@digest of its referrer manifest).
 */
export async function signStored(
  run: AttestRun,
  signing: Signing,
  stored: Destination,
  subjects: Descriptor[],
  base: BaseFacts,
  sbom: ImageSbom,
): Promise<string[]> {
  try {
    return await signAndAttach(run, signing.signer, stored, subjects, base, sbom);
  } catch (err) {
    if (!signing.bestEffort || err instanceof InputError) throw err;
    run.logger.warn(
      `sign: the image is not signed (${errorMessage(err)}); tagged anyway as sign is best-effort`,
    );
    return [];
  }
}

/** Where the image is held by digest: registry repositories, or a layout. */
export type Destination =
  | Pick<Extract<Stored, { kind: 'registry' }>, 'kind' | 'transport' | 'repositories'>
  | Pick<Extract<Stored, { kind: 'oci' }>, 'kind' | 'dir'>;

async function signAndAttach(
  run: AttestRun,
  signer: AttestationSigner,
  stored: Destination,
  subjects: Descriptor[],
  base: BaseFacts,
  sbom: ImageSbom,
): Promise<string[]> {
  const names =
    stored.kind === 'registry'
      ? stored.repositories.map((r) => r.name())
      : [run.repository?.name() ?? `oci:${stored.dir}`];
  const pushed: PushedImage[] = names.flatMap((repository) =>
    subjects.map((s) => ({ repository, digest: s.digest })),
  );
  const ci = ciContext(run.env);
  const provenance = provenanceStatement({
    subjects: pushed,
    inputs: run.inputs,
    base: base.digest ? { reference: base.name, digest: base.digest } : undefined,
    artifact: artifactFacts(run.info.path),
    ci,
    commit: ci.commit ? undefined : headCommit(run.projectDir),
  });
  run.logger.info(`sign: ${signer.description}`);
  const signed: SignedAttestation[] = [];
  for (const statement of [provenance, sbomStatement(pushed, sbom.document)]) {
    signed.push(await signer.sign(statement));
  }
  const created = epochToIso(run.epoch);
  if (stored.kind === 'oci') {
    const out: string[] = [];
    for (const subject of subjects) {
      for (const attestation of signed) {
        const referrer = bundleReferrer(attestation, subject, created);
        await writeLayoutReferrer(stored.dir, referrer);
        out.push(`oci:${stored.dir}@${referrer.descriptor.digest}`);
      }
    }
    run.logger.info(`sign: wrote ${out.length} bundle(s) into oci:${stored.dir}`);
    return out;
  }
  const out: string[] = [];
  for (const repository of stored.repositories) {
    const attached = await attachBundles({
      transport: stored.transport,
      repository,
      subjects,
      attestations: signed,
      created,
      logger: run.logger,
    });
    out.push(...attached.map((a) => `${repository.name()}@${a.digest}`));
  }
  return out;
}

/** The index (or single manifest) and, for several platforms, each platform manifest. */
export function subjectDescriptors(artifact: BuiltImageOrIndex): Descriptor[] {
  const top = artifact.descriptor;
  const own = (d: Descriptor): Descriptor => ({
    mediaType: d.mediaType,
    digest: d.digest,
    size: d.size,
  });
  return isIndex(artifact)
    ? [own(top), ...artifact.images.map((i) => own(i.descriptor))]
    : [own(top)];
}

/** The artifact file's name and sha256; a folder (an Airbyte project) has no single digest. */
function artifactFacts(path: string): { name: string; sha256: string } | undefined {
  try {
    if (!statSync(path).isFile()) return undefined;
    return {
      name: basename(path),
      sha256: createHash('sha256').update(readFileSync(path)).digest('hex'),
    };
  } catch {
    return undefined;
  }
}

/** The checkout's commit on a local run (the CI names its own). */
function headCommit(dir: string): string | undefined {
  try {
    const out = execFileSync('git', ['rev-parse', 'HEAD'], {
      cwd: dir,
      stdio: ['ignore', 'pipe', 'ignore'],
      encoding: 'utf8',
    }).trim();
    return /^[0-9a-f]{40,64}$/.test(out) ? out : undefined;
  } catch {
    return undefined;
  }
}
