/**
 * Signing in a build (issue 15): the signer is settled before anything is built (a missing OIDC
 * token is bad input, exit 2, with nothing pushed); once the image is stored by digest, the SLSA
 * provenance and the image SBOM are signed as in-toto statements about every stored repo@digest
 * (the index and each platform manifest) and attached as OCI referrers — in each registry
 * repository, or into the OCI layout — before any tag points at the image. A failure leaves no
 * tag, unless `sign: best-effort`, which warns and lets the tags go.
 */
import { execFileSync } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { epochToIso } from '../core/clock';
import { readHead } from '../core/git-head';
import { InputError, errorMessage } from '../core/errors';
import type { Inputs } from '../core/inputs';
import type { Logger } from '../core/log';
import { attachBundles, bundleReferrer } from '../attest/attach';
import type { ImageSbom, ImageSbomInput } from '../attest/sbom';
import { githubSigstoreInstance, storeGithubAttestation } from '../attest/github';
import type { GithubAttestations, SigstoreInstance } from '../attest/github';
import {
  ciIdentity,
  DEFAULT_SIGSTORE_TOKEN_VARIABLE,
  identitySource,
  sigstoreToken,
  SIGNING_KEY_VARIABLE,
} from '../attest/identity';
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
import type * as SbomWriter from '../attest/sbom';
import { SbomStore } from './sbom-cache';

export interface Signing {
  signer: AttestationSigner;
  /** A failure warns and lets the tags go (sign: best-effort, and auto). */
  bestEffort: boolean;
  /** GitHub's attestations API, when each bundle is stored there too. */
  github?: GithubAttestations & { required: boolean };
}

/**
 * Whether a run with these inputs will try to sign (and so attest an SBOM): what signingFor
 * decides, without asking for a token or saying anything.
 */
export function signs(inputs: Inputs, env: NodeJS.ProcessEnv): boolean {
  if (inputs.sign === 'false') return false;
  if (inputs['signing-key'] || env[SIGNING_KEY_VARIABLE]) return true;
  if (inputs.sign !== 'auto') return true;
  const custom = Boolean(inputs['fulcio-url'] || inputs['rekor-url'] || inputs['tsa-url']);
  return autoUnsigned(env, inputs['sigstore-token-variable'], custom) === undefined;
}

/**
 * The signer a run asks for, or undefined when it does not sign. With a key (signing-key, or
 * SLIPWAY_SIGNING_KEY) nothing is asked of Fulcio or Rekor; without one, the CI's OIDC token must
 * be there now, before anything is pushed (sign: auto goes on unsigned, saying how to enable it).
 */
export async function signingFor(
  inputs: Inputs,
  env: NodeJS.ProcessEnv,
  logger: Logger,
): Promise<Signing | undefined> {
  const mode = inputs.sign;
  if (mode === 'false') return undefined;
  const bestEffort = mode !== 'true';
  const key = inputs['signing-key'] || env[SIGNING_KEY_VARIABLE] || '';
  if (key) {
    // Sigstore (about 1 MB of bundle with its fetch stack) loads only for a run that signs.
    const { privateKeySigner } = await import('../attest/sign');
    return {
      signer: privateKeySigner(key, `Input "signing-key" (${SIGNING_KEY_VARIABLE})`),
      bestEffort,
      github: githubAttestations(inputs, env, false),
    };
  }
  const tokenVariable = inputs['sigstore-token-variable'];
  const custom = Boolean(inputs['fulcio-url'] || inputs['rekor-url'] || inputs['tsa-url']);
  if (mode === 'auto') {
    const unsigned = autoUnsigned(env, tokenVariable, custom);
    if (unsigned) {
      logger.info(`sign: the image is not signed: ${unsigned}; sign: false silences this`);
      return undefined;
    }
  }
  // Asked now so a missing permission fails before the push; asked again when signing, because
  // a CI token lives minutes and a build can outlast it.
  try {
    await sigstoreToken({ env, tokenVariable });
  } catch (err) {
    if (mode !== 'auto') throw err;
    logger.warn(`sign: the image is not signed (${errorMessage(err)}); sign is auto`);
    return undefined;
  }
  // Given endpoints are a private deployment's; otherwise GitHub picks by visibility.
  const instance: SigstoreInstance =
    !custom && env.GITHUB_ACTIONS === 'true'
      ? githubSigstoreInstance(env)
      : { name: 'public-good' };
  if (instance.name === 'github') {
    logger.info(
      "sign: the repository is not public: GitHub's Sigstore instance signs and timestamps (nothing enters the public Rekor log), as actions/attest does",
    );
  }
  const rekor = inputs['rekor-url'];
  const { keylessSigner } = await import('../attest/sign');
  const signer = keylessSigner({
    identity: ciIdentity({ env, tokenVariable }),
    fulcioUrl: inputs['fulcio-url'] || instance.fulcioUrl,
    rekorUrl: rekor === 'none' ? false : rekor || instance.rekorUrl,
    tsaUrl: inputs['tsa-url'] || instance.tsaUrl,
    retries: inputs['max-retries'],
    logger,
  });
  return { signer, bestEffort, github: githubAttestations(inputs, env, true) };
}

/** Why `sign: auto` leaves the image unsigned, with how to sign it; undefined: it signs. */
function autoUnsigned(
  env: NodeJS.ProcessEnv,
  tokenVariable: string,
  custom: boolean,
): string | undefined {
  if (!identitySource({ env, tokenVariable })) {
    const variable = tokenVariable || DEFAULT_SIGSTORE_TOKEN_VARIABLE;
    return `the job offers no OIDC token for Sigstore; to sign, on GitHub give the job "permissions: id-token: write", on GitLab add "id_tokens: ${variable}: aud: sigstore", or set ${SIGNING_KEY_VARIABLE}`;
  }
  const visibility = env.CI_PROJECT_VISIBILITY;
  if (!custom && env.GITLAB_CI === 'true' && visibility && visibility !== 'public') {
    return `the GitLab project is ${visibility} and the public Rekor log would publish its identity; set sign: true to sign with the public-good instance anyway, or fulcio-url and rekor-url for a private Sigstore`;
  }
  return undefined;
}

/** Whether (and where) bundles also go to GitHub's attestations API. */
function githubAttestations(
  inputs: Inputs,
  env: NodeJS.ProcessEnv,
  keyless: boolean,
): Signing['github'] {
  const mode = inputs['github-attestations'];
  if (mode === 'false') return undefined;
  const token = inputs['github-token'] || env.GITHUB_TOKEN || '';
  const repository = env.GITHUB_REPOSITORY || '';
  if (mode === 'auto' && !(env.GITHUB_ACTIONS === 'true' && keyless && token && repository)) {
    return undefined;
  }
  if (!token || !repository) {
    throw new InputError(
      'Input "github-attestations" is true, but the GitHub repository (GITHUB_REPOSITORY) or token (github-token, or GITHUB_TOKEN) is missing; run it in GitHub Actions with the token, or set github-attestations: auto.',
    );
  }
  return {
    apiUrl: env.GITHUB_API_URL || 'https://api.github.com',
    repository,
    token,
    retries: inputs['max-retries'],
    required: mode === 'true' && inputs.sign === 'true',
  };
}

/** What the statements say about the build, beside the image itself. */
export interface AttestRun {
  inputs: Inputs;
  env: NodeJS.ProcessEnv;
  logger: Logger;
  projectDir: string;
  epoch: number;
  info: InspectedArtifact;
  /** The artifact file's sha256 (run/reuse.ts FileHashes); undefined for a folder. */
  artifactSha256: () => Promise<string | undefined>;
  /** Repository the statements name for a layout, which has none of its own. */
  repository?: Reference;
}

export interface BaseFacts {
  name: string;
  digest: string;
}

/**
 * The SBOM writer. The CycloneDX library loads only for a run that writes an SBOM it has not
 * written before (run/sbom-cache.ts), and takes some 50 ms to load: a push of new content starts
 * loading it while it waits on the registry (preloadSbomWriter), so that it is ready in time.
 */
let sbomWriter: Promise<typeof SbomWriter> | undefined;
function loadSbomWriter(): Promise<typeof SbomWriter> {
  sbomWriter ??= import('../attest/sbom');
  return sbomWriter;
}

/** Starts loading the SBOM writer; a failure to load is reported where the SBOM is written. */
export function preloadSbomWriter(): void {
  loadSbomWriter().catch(() => undefined);
}

/** The image's CycloneDX SBOM (base image, artifact and what it bundles) as a file of the run. */
export async function writeImageSbom(
  run: AttestRun,
  file: string,
  digest: string,
  base: BaseFacts,
): Promise<ImageSbom> {
  const input: ImageSbomInput = {
    info: run.info,
    artifactSha256: await run.artifactSha256(),
    epoch: run.epoch,
    image: { repository: run.repository?.name() ?? 'localhost/image', digest },
    base: base.digest ? { reference: base.name, digest: base.digest } : undefined,
  };
  const store = SbomStore.forRun(run.env);
  const key = SbomStore.key(input);
  let sbom = store.get(key);
  if (!sbom) {
    sbom = (await loadSbomWriter()).buildImageSbom(input);
    store.put(key, sbom);
  }
  await writeFile(file, sbom.bytes);
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
    return await signAndAttach(run, signing, stored, subjects, base, sbom);
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
  { signer, github }: Signing,
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
    artifact: await artifactFacts(run),
    ci,
    commit: ci.commit ? undefined : headCommit(run.projectDir, run.env),
  });
  run.logger.info(`sign: ${signer.description}`);
  const signed: SignedAttestation[] = [];
  for (const statement of [provenance, sbomStatement(pushed, sbom.document)]) {
    signed.push(await signer.sign(statement));
  }
  const created = epochToIso(run.epoch);
  const out = await attach(stored, subjects, signed, created, run.logger);
  if (github) await storeOnGithub(github, signed, run.logger);
  return out;
}

/** Each bundle into GitHub's attestations API; a failure warns unless both inputs are true. */
async function storeOnGithub(
  github: NonNullable<Signing['github']>,
  signed: SignedAttestation[],
  logger: Logger,
): Promise<void> {
  for (const attestation of signed) {
    try {
      const id = await storeGithubAttestation(github, attestation.bundle, logger);
      logger.info(
        `attest: ${attestation.predicateType} bundle stored in ${github.repository}'s attestations${id ? ` (id ${id})` : ''}`,
      );
    } catch (err) {
      if (github.required) throw err;
      logger.warn(`${errorMessage(err)} The image stays signed by its referrers.`);
      return;
    }
  }
}

async function attach(
  stored: Destination,
  subjects: Descriptor[],
  signed: SignedAttestation[],
  created: string,
  logger: Logger,
): Promise<string[]> {
  if (stored.kind === 'oci') {
    const out: string[] = [];
    for (const subject of subjects) {
      for (const attestation of signed) {
        const referrer = bundleReferrer(attestation, subject, created);
        await writeLayoutReferrer(stored.dir, referrer);
        out.push(`oci:${stored.dir}@${referrer.descriptor.digest}`);
      }
    }
    logger.info(`sign: wrote ${out.length} bundle(s) into oci:${stored.dir}`);
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
      logger,
    });
    out.push(...attached.map((a) => `${repository.name()}@${a.digest}`));
  }
  return out;
}

/** The index (or single manifest) and, for several platforms, each platform manifest. */
export function subjectDescriptors(image: BuiltImageOrIndex): Descriptor[] {
  const top = image.descriptor;
  const own = (d: Descriptor): Descriptor => ({
    mediaType: d.mediaType,
    digest: d.digest,
    size: d.size,
  });
  return isIndex(image) ? [own(top), ...image.images.map((i) => own(i.descriptor))] : [own(top)];
}

/** The artifact file's name and sha256; a folder (an Airbyte project) has no single digest. */
async function artifactFacts(
  run: AttestRun,
): Promise<{ name: string; sha256: string } | undefined> {
  const sha256 = await run.artifactSha256();
  return sha256 === undefined ? undefined : { name: basename(run.info.path), sha256 };
}

/** The checkout's commit on a local run (the CI names its own). */
function headCommit(dir: string, env: NodeJS.ProcessEnv): string | undefined {
  const head = readHead(dir, env);
  if (head === 'none') return undefined;
  if (head) return head.commit;
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
