/**
 * Issue 15, keyless: statements about a pushed multi-platform image are signed through loopback
 * Fulcio / Rekor / TSA stand-ins with a fake OIDC issuer's token, attached as referrers in the real
 * registry (distribution 2.8: no referrers API, so the sha256-<hex> tag), and verified — by
 * @sigstore/verify directly against the stand-ins' trusted root, and by verifyImage, which must
 * also refuse a wrong identity, a tampered statement and a bundle about another image.
 */
import { bundleFromJSON, bundleToJSON } from '@sigstore/bundle';
import type { SerializedBundle } from '@sigstore/bundle';
import { TrustedRoot } from '@sigstore/protobuf-specs';
import { Verifier, toSignedEntity, toTrustMaterial } from '@sigstore/verify';
import { InputError, RunError } from '../../src/core/errors';
import { MemoryLogger } from '../../src/core/log';
import { secrets } from '../../src/core/secrets';
import { attachBundles, SIGSTORE_BUNDLE_V03_MEDIA_TYPE } from '../../src/attest/attach';
import { ciIdentity, sigstoreToken } from '../../src/attest/identity';
import { keylessSigner } from '../../src/attest/sign';
import type { SignedAttestation } from '../../src/attest/sign';
import {
  SLSA_PROVENANCE_V1,
  ciContext,
  provenanceStatement,
  sbomStatement,
} from '../../src/attest/statement';
import type { PushedImage } from '../../src/attest/statement';
import { describeVerified, verifyImage } from '../../src/attest/verify';
import { parseReference } from '../../src/image/reference';
import { fetchManifest } from '../../src/image/remote/read';
import { listReferrers } from '../../src/image/remote/referrers';
import { Transport } from '../../src/image/transport/client';
import type { Descriptor } from '../../src/image/types';
import { seedBusyboxBase } from '../fixtures/images';
import type { SeedResult } from '../fixtures/images';
import { startRegistry } from '../fixtures/registry';
import type { TestRegistry } from '../fixtures/registry';
import { startSigstore } from './attest-helpers';
import type { SigstoreStandIns } from './attest-helpers';

const IDENTITY = 'https://github.com/acme/connectors/.github/workflows/release.yml@refs/heads/main';
const COMMIT = '0123456789abcdef0123456789abcdef01234567';
const BASE_DIGEST = `sha256:${'b'.repeat(64)}`;

let reg: TestRegistry;
let sig: SigstoreStandIns;
let transport: Transport;
let imageA: SeedResult;
let imageB: SeedResult;
let imageC: SeedResult;
const logger = new MemoryLogger();

beforeAll(async () => {
  [reg, sig] = await Promise.all([startRegistry(), startSigstore()]);
  imageA = await seedBusyboxBase(reg, 'apps/a:1', { platforms: ['linux/amd64', 'linux/arm64'] });
  imageB = await seedBusyboxBase(reg, 'apps/b:1', { marker: 'image-b' });
  imageC = await seedBusyboxBase(reg, 'apps/c:1', { marker: 'image-c' });
  transport = new Transport({ retryBaseDelayMs: 5 });
});
afterAll(async () => {
  await transport?.close();
  await sig?.stop();
  await reg?.stop();
});

function subjectsOfSeed(repo: string, seed: SeedResult): PushedImage[] {
  const repository = `${reg.host}/${repo}`;
  return [
    { repository, digest: seed.digest },
    ...seed.manifests.map((m) => ({ repository, digest: m.digest })),
  ];
}

async function descriptorOf(repo: string, digest: string): Promise<Descriptor> {
  return (await fetchManifest(transport, parseReference(`${reg.host}/${repo}@${digest}`)))
    .descriptor;
}

function signer(env: NodeJS.ProcessEnv, extra: { tsa?: boolean; retries?: number } = {}) {
  return keylessSigner({
    identity: ciIdentity({ env }),
    fulcioUrl: sig.fulcioUrl,
    rekorUrl: sig.rekorUrl,
    tsaUrl: extra.tsa === false ? undefined : sig.tsaUrl,
    retries: extra.retries ?? 3,
    minTimeoutMs: 10,
  });
}

const gitlabEnv = (): NodeJS.ProcessEnv => ({ SIGSTORE_ID_TOKEN: sig.token(IDENTITY) });

async function signAndAttachA(): Promise<SignedAttestation[]> {
  const subjects = subjectsOfSeed('apps/a', imageA);
  const provenance = provenanceStatement({
    subjects,
    inputs: {
      image: `${reg.host}/apps/a`,
      'base-image': 'base/runner:1',
      password: 'hunter2-secret',
    },
    base: {
      reference: 'docker.io/streamnative/pulsar-functions-java-runner:3.3.0',
      digest: BASE_DIGEST,
    },
    artifact: { name: 'my-sink-1.2.0.nar', sha256: 'c'.repeat(64) },
    ci: ciContext({
      GITHUB_ACTIONS: 'true',
      GITHUB_REPOSITORY: 'acme/connectors',
      GITHUB_SHA: COMMIT,
      GITHUB_REF: 'refs/heads/main',
      GITHUB_RUN_ID: '42',
      GITHUB_WORKFLOW_REF: 'acme/connectors/.github/workflows/release.yml@refs/heads/main',
    }),
  });
  const sbom = sbomStatement(subjects, { bomFormat: 'CycloneDX', specVersion: '1.6', version: 1 });
  const s = signer(gitlabEnv());
  const signed = [await s.sign(provenance), await s.sign(sbom)];
  const repository = parseReference(`${reg.host}/apps/a`);
  const descriptors = await Promise.all(subjects.map((x) => descriptorOf('apps/a', x.digest)));
  await attachBundles({
    transport,
    repository,
    subjects: descriptors,
    attestations: signed,
    created: '2026-01-01T00:00:00Z',
    logger,
  });
  return signed;
}

let signedA: SignedAttestation[];

describe('keyless signing through the stand-ins', () => {
  beforeAll(async () => {
    signedA = await signAndAttachA();
  });

  it('gives v0.3 DSSE bundles with a Fulcio certificate, a Rekor entry and a TSA timestamp', () => {
    for (const s of signedA) {
      expect(s.bundle.mediaType).toBe('application/vnd.dev.sigstore.bundle.v0.3+json');
      expect(s.bundle.verificationMaterial.certificate).toBeDefined();
      expect(s.bundle.verificationMaterial.tlogEntries).toHaveLength(1);
      expect(
        s.bundle.verificationMaterial.timestampVerificationData?.rfc3161Timestamps,
      ).toHaveLength(1);
      expect(s.bundle.dsseEnvelope?.payloadType).toBe('application/vnd.in-toto+json');
    }
    const statement = JSON.parse(
      Buffer.from(signedA[0].bundle.dsseEnvelope?.payload ?? '', 'base64').toString('utf8'),
    );
    expect(statement.subject).toHaveLength(3);
    expect(JSON.stringify(statement)).not.toContain('hunter2-secret');
    expect(statement.predicate.buildDefinition.externalParameters.image).toBe(`${reg.host}/apps/a`);
  });

  it('@sigstore/verify accepts each bundle against the stand-ins trusted root, for the identity and issuer', () => {
    const verifier = new Verifier(toTrustMaterial(TrustedRoot.fromJSON(sig.trustedRoot)));
    for (const s of signedA) {
      const signerFound = verifier.verify(toSignedEntity(bundleFromJSON(s.bundle)), {
        subjectAlternativeName: IDENTITY,
        extensions: { issuer: sig.issuer },
      });
      expect(signerFound.identity?.subjectAlternativeName).toBe(IDENTITY);
    }
  });

  it('attaches each bundle as a referrer of the index and of every platform manifest, annotated', async () => {
    const repository = parseReference(`${reg.host}/apps/a`);
    for (const digest of [imageA.digest, ...imageA.manifests.map((m) => m.digest)]) {
      const listed = await listReferrers(transport, repository, digest);
      expect(listed.source).toBe('tag');
      const bundles = listed.manifests.filter(
        (d) => d.artifactType === SIGSTORE_BUNDLE_V03_MEDIA_TYPE,
      );
      expect(
        bundles.map((d) => d.annotations?.['dev.sigstore.bundle.predicateType']).sort(),
      ).toEqual(['https://cyclonedx.org/bom', SLSA_PROVENANCE_V1]);
      expect(
        bundles.every((d) => d.annotations?.['dev.sigstore.bundle.content'] === 'dsse-envelope'),
      ).toBe(true);
    }
  });

  it('attaching again sends nothing (same referrer digests)', async () => {
    const repository = parseReference(`${reg.host}/apps/a`);
    const before = (await listReferrers(transport, repository, imageA.digest)).manifests;
    const result = await attachBundles({
      transport,
      repository,
      subjects: [await descriptorOf('apps/a', imageA.digest)],
      attestations: signedA,
      created: '2026-01-01T00:00:00Z',
      logger,
    });
    expect(result.map((r) => r.pushed)).toEqual([false, false]);
    expect((await listReferrers(transport, repository, imageA.digest)).manifests).toEqual(before);
  });

  it('verifyImage accepts the image and its platform manifest, and summarises the provenance', async () => {
    const policy = { identity: IDENTITY, issuer: sig.issuer };
    const opts = {
      transport,
      trustedRoot: sig.trustedRoot,
      require: [SLSA_PROVENANCE_V1, 'https://cyclonedx.org/bom'],
    };
    const result = await verifyImage(parseReference(`${reg.host}/apps/a:1`), policy, opts);
    expect(result.digest).toBe(imageA.digest);
    expect(result.provenance).toMatchObject({
      commit: COMMIT,
      source: 'https://github.com/acme/connectors@refs/heads/main',
      workflow: 'acme/connectors/.github/workflows/release.yml@refs/heads/main',
      invocation: 'https://github.com/acme/connectors/actions/runs/42/attempts/1',
      base: { digest: BASE_DIGEST },
    });
    expect(describeVerified(result).join('\n')).toContain(BASE_DIGEST);
    const platform = imageA.manifests[1].digest;
    const onPlatform = await verifyImage(
      parseReference(`${reg.host}/apps/a@${platform}`),
      policy,
      opts,
    );
    expect(onPlatform.digest).toBe(platform);
  });

  it('refuses a wrong identity, naming the identity found', async () => {
    const err = await verifyImage(
      parseReference(`${reg.host}/apps/a:1`),
      {
        identity: 'https://github.com/evil/fork/.github/workflows/x.yml@refs/heads/main',
        issuer: sig.issuer,
      },
      { transport, trustedRoot: sig.trustedRoot },
    ).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RunError);
    expect((err as Error).message).toContain(`signed by the identity ${IDENTITY}`);
  });

  it('refuses a wrong issuer', async () => {
    const err = await verifyImage(
      parseReference(`${reg.host}/apps/a:1`),
      { identity: IDENTITY, issuer: 'https://token.actions.githubusercontent.com' },
      { transport, trustedRoot: sig.trustedRoot },
    ).catch((e: unknown) => e);
    expect((err as Error).message).toContain(`from the issuer ${sig.issuer}`);
  });

  it('refuses a bundle whose statement was tampered to name another image digest', async () => {
    const original = signedA.find(
      (s) => s.predicateType === SLSA_PROVENANCE_V1,
    ) as SignedAttestation;
    const statement = JSON.parse(
      Buffer.from(original.bundle.dsseEnvelope?.payload ?? '', 'base64').toString('utf8'),
    );
    statement.subject = [
      { name: `${reg.host}/apps/b`, digest: { sha256: imageB.digest.slice(7) } },
    ];
    const forged: SerializedBundle = JSON.parse(JSON.stringify(original.bundle));
    if (forged.dsseEnvelope) {
      forged.dsseEnvelope.payload = Buffer.from(JSON.stringify(statement)).toString('base64');
    }
    await attachBundles({
      transport,
      repository: parseReference(`${reg.host}/apps/b`),
      subjects: [await descriptorOf('apps/b', imageB.digest)],
      attestations: [
        {
          predicateType: SLSA_PROVENANCE_V1,
          bundle: forged,
          bytes: Buffer.from(JSON.stringify(forged)),
        },
      ],
      created: '2026-01-01T00:00:00Z',
      logger,
    });
    const err = await verifyImage(
      parseReference(`${reg.host}/apps/b:1`),
      { identity: IDENTITY, issuer: sig.issuer },
      { transport, trustedRoot: sig.trustedRoot },
    ).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RunError);
    expect((err as Error).message).toMatch(
      /no verified https:\/\/slsa.dev\/provenance\/v1 attestation: bundle sha256:[0-9a-f]{64}: .*(payload hash mismatch|signature)/i,
    );
  });

  it('refuses a genuine bundle about another image attached to this one', async () => {
    await attachBundles({
      transport,
      repository: parseReference(`${reg.host}/apps/c`),
      subjects: [await descriptorOf('apps/c', imageC.digest)],
      attestations: signedA,
      created: '2026-01-01T00:00:00Z',
      logger,
    });
    const err = await verifyImage(
      parseReference(`${reg.host}/apps/c:1`),
      { identity: IDENTITY, issuer: sig.issuer },
      { transport, trustedRoot: sig.trustedRoot },
    ).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RunError);
    expect((err as Error).message).toContain(`is about ${reg.host}/apps/a@sha256:`);
    expect((err as Error).message).toContain(`not ${imageC.digest}`);
  });

  it('refuses an image without bundles', async () => {
    const plain = await seedBusyboxBase(reg, 'apps/plain:1', { marker: 'plain' });
    const err = await verifyImage(
      parseReference(`${reg.host}/apps/plain:1`),
      { identity: IDENTITY, issuer: sig.issuer },
      { transport, trustedRoot: sig.trustedRoot },
    ).catch((e: unknown) => e);
    expect((err as Error).message).toContain(`apps/plain@${plain.digest} has no Sigstore bundle`);
  });

  it('needs a trusted root for keyless verification (exit 2)', async () => {
    const err = await verifyImage(
      parseReference(`${reg.host}/apps/a:1`),
      { identity: IDENTITY, issuer: sig.issuer },
      { transport },
    ).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InputError);
    expect((err as Error).message).toContain('trusted-root');
  });
});

describe('tokens and outages', () => {
  it('a TSA timestamp alone (no Rekor) verifies when the transparency log is not required', async () => {
    const s = keylessSigner({
      identity: ciIdentity({ env: gitlabEnv() }),
      fulcioUrl: sig.fulcioUrl,
      rekorUrl: false,
      tsaUrl: sig.tsaUrl,
    });
    const signed = await s.sign(
      sbomStatement(subjectsOfSeed('apps/a', imageA), { bomFormat: 'CycloneDX' }),
    );
    expect(signed.bundle.verificationMaterial.tlogEntries ?? []).toHaveLength(0);
    expect(
      signed.bundle.verificationMaterial.timestampVerificationData?.rfc3161Timestamps,
    ).toHaveLength(1);
    const verifier = new Verifier(toTrustMaterial(TrustedRoot.fromJSON(sig.trustedRoot)), {
      tlogThreshold: 0,
    });
    expect(() => verifier.verify(toSignedEntity(bundleFromJSON(signed.bundle)))).not.toThrow();
    expect(bundleToJSON(bundleFromJSON(signed.bundle))).toEqual(signed.bundle);
  });

  it('reads the GitHub token for audience sigstore and registers it as a secret', async () => {
    const token = await sigstoreToken({
      env: {
        ACTIONS_ID_TOKEN_REQUEST_URL: sig.githubTokenUrl,
        ACTIONS_ID_TOKEN_REQUEST_TOKEN: sig.githubBearer,
      },
    });
    expect(sig.audiences).toContain('sigstore');
    expect(secrets.redact(`token ${token}`)).toBe('token ***');
  });

  it('a GitLab id_tokens variable under another name is read when named', async () => {
    const token = sig.token(IDENTITY);
    await expect(
      sigstoreToken({ env: { MY_TOKEN: token }, tokenVariable: 'MY_TOKEN' }),
    ).resolves.toBe(token);
  });

  it('without any token: InputError naming the GitHub permission and the GitLab id_tokens snippet', async () => {
    const err = await sigstoreToken({ env: {} }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InputError);
    expect((err as Error).message).toContain('permissions: id-token: write');
    expect((err as Error).message).toContain('id_tokens: SIGSTORE_ID_TOKEN: aud: sigstore');
    // Also when the signer itself asks for it: the InputError comes out unwrapped.
    const viaSigner = await signer({})
      .sign(sbomStatement(subjectsOfSeed('apps/a', imageA), {}))
      .catch((e: unknown) => e);
    expect(viaSigner).toBeInstanceOf(InputError);
  });

  it('retries Fulcio and Rekor outages, then succeeds', async () => {
    const before = { ...sig.requests };
    sig.failNext('fulcio', 2);
    sig.failNext('rekor', 1);
    const signed = await signer(gitlabEnv(), { tsa: false }).sign(
      sbomStatement(subjectsOfSeed('apps/a', imageA), {}),
    );
    expect(signed.bundle.verificationMaterial.tlogEntries).toHaveLength(1);
    expect(sig.requests.fulcio - before.fulcio).toBe(3);
    expect(sig.requests.rekor - before.rekor).toBe(2);
  });

  it('fails with a RunError naming the service when Fulcio stays down', async () => {
    sig.failNext('fulcio', 10);
    const err = await signer(gitlabEnv(), { retries: 2 })
      .sign(sbomStatement(subjectsOfSeed('apps/a', imageA), {}))
      .catch((e: unknown) => e);
    sig.failNext('fulcio', 0);
    expect(err).toBeInstanceOf(RunError);
    expect((err as Error).message).toContain(`Fulcio ${sig.fulcioUrl}`);
    expect((err as Error).message).toContain('nothing was tagged');
  });
});
