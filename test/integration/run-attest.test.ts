/**
 * Issue 15 through the pipeline (src/run/attest.ts, wired by src/run/build.ts and
 * src/publish/registry.ts): `slipway build --sign true` against loopback Fulcio / Rekor / TSA
 * stand-ins signs the provenance and the SBOM before tagging, and `slipway verify` accepts the
 * bundles for the right identity and refuses a wrong one; a missing OIDC token is bad input with
 * nothing pushed; a private key signs without Fulcio or Rekor; an OCI layout gets the bundles as
 * untagged referrers.
 */
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from '../fixtures/cli';
import type { CliResult } from '../fixtures/cli';
import { skopeo, skopeoInspect } from '../fixtures/clients';
import { seedBusyboxBase } from '../fixtures/images';
import type { SeedResult } from '../fixtures/images';
import { makeTempDir, removeTempDir } from '../fixtures/process';
import { startRegistry } from '../fixtures/registry';
import type { TestRegistry } from '../fixtures/registry';
import { startSigstore } from './attest-helpers';
import type { SigstoreStandIns } from './attest-helpers';

const IDENTITY = 'https://github.com/acme/connectors/.github/workflows/release.yml@refs/heads/main';
const BUNDLE_TYPE = 'application/vnd.dev.sigstore.bundle.v0.3+json';

let reg: TestRegistry;
let sig: SigstoreStandIns;
let base: SeedResult;
let work: string;
let trustedRoot: string;
let artifact: string;

beforeAll(async () => {
  work = await makeTempDir('run-attest');
  [reg, sig] = await Promise.all([startRegistry(), startSigstore()]);
  base = await seedBusyboxBase(reg, 'base/busybox:1');
  trustedRoot = join(work, 'trusted-root.json');
  writeFileSync(trustedRoot, JSON.stringify(sig.trustedRoot));
  const dir = join(work, 'artifact');
  mkdirSync(dir);
  artifact = join(dir, 'payload.bin');
  writeFileSync(artifact, randomBytes(4096));
});
afterAll(async () => {
  await sig?.stop();
  await reg?.stop();
  await removeTempDir(work);
});

function build(
  repo: string,
  extra: string[],
  env: Record<string, string> = {},
): Promise<CliResult> {
  return runCli(
    [
      'build',
      '--artifact',
      artifact,
      '--artifact-path',
      '/opt/app/',
      '--base-image',
      `${reg.host}/base/busybox:1`,
      '--image',
      `${reg.host}/${repo}`,
      '--tags',
      '1.0',
      '--json',
      ...extra,
    ],
    { env: { SIGSTORE_ID_TOKEN: '', SLIPWAY_SIGNING_KEY: '', ...env } },
  );
}

const keyless = (): string[] => [
  '--sign',
  'true',
  '--fulcio-url',
  sig.fulcioUrl,
  '--rekor-url',
  sig.rekorUrl,
  '--tsa-url',
  sig.tsaUrl,
  '--max-retries',
  '1',
];

function verify(ref: string, extra: string[]): Promise<CliResult> {
  return runCli(['verify', ref, ...extra]);
}

describe('keyless signing in a push', () => {
  let out: Record<string, unknown>;

  beforeAll(async () => {
    const res = await build('apps/signed', keyless(), { SIGSTORE_ID_TOKEN: sig.token(IDENTITY) });
    expect(res.stderr).not.toContain('error');
    expect(res.code).toBe(0);
    out = res.json ?? {};
  });

  it('attaches a provenance and an SBOM bundle before the tag, and writes the SBOM file', async () => {
    const digest = String(out.digest);
    expect(out.image).toBe(`${reg.host}/apps/signed:1.0`);
    expect(out.references).toEqual([`${reg.host}/apps/signed@${digest}`]);
    const attestations = out.attestations as string[];
    expect(attestations).toHaveLength(2);
    for (const a of attestations) expect(a).toMatch(new RegExp(`^${reg.host}/apps/signed@sha256:`));
    // distribution 2.8 has no referrers API: the bundles are listed under the sha256-<hex> tag.
    const index = (await skopeoInspect(`${reg.host}/apps/signed:${digest.replace(':', '-')}`, {
      raw: true,
    })) as { manifests: { artifactType: string; annotations: Record<string, string> }[] };
    expect(index.manifests.map((m) => m.artifactType)).toEqual([BUNDLE_TYPE, BUNDLE_TYPE]);
    expect(
      index.manifests.map((m) => m.annotations['dev.sigstore.bundle.predicateType']).sort(),
    ).toEqual(['https://cyclonedx.org/bom', 'https://slsa.dev/provenance/v1']);
    const sbom = JSON.parse(readFileSync(String(out.sbom), 'utf8')) as {
      bomFormat: string;
      components: { purl?: string; version?: string }[];
    };
    expect(sbom.bomFormat).toBe('CycloneDX');
    expect(sbom.components.some((c) => c.version === base.digest)).toBe(true);
    expect(sig.requests.fulcio).toBeGreaterThan(0);
  });

  it('slipway verify accepts the bundles for the signer and prints the provenance', async () => {
    const res = await verify(`${reg.host}/apps/signed:1.0`, [
      '--trusted-root',
      trustedRoot,
      '--certificate-identity',
      IDENTITY,
      '--certificate-oidc-issuer',
      sig.issuer,
    ]);
    expect(res.stderr).not.toContain('error');
    expect(res.code).toBe(0);
    expect(res.stdout).toContain(`verified ${reg.host}/apps/signed:1.0 (${String(out.digest)})`);
    expect(res.stdout).toContain(`https://slsa.dev/provenance/v1 signed by ${IDENTITY}`);
    expect(res.stdout).toContain(`base:     ${reg.host}/base/busybox:1@${base.digest}`);
  });

  it('slipway verify refuses another identity with exit 1, naming the one found', async () => {
    const res = await verify(`${reg.host}/apps/signed:1.0`, [
      '--trusted-root',
      trustedRoot,
      '--certificate-identity',
      'https://github.com/evil/fork/.github/workflows/x.yml@refs/heads/main',
      '--certificate-oidc-issuer',
      sig.issuer,
    ]);
    expect(res.code).toBe(1);
    expect(res.stderr).toContain(`signed by the identity ${IDENTITY}`);
  });
});

it('without an OIDC token, keyless signing is bad input and nothing is pushed', async () => {
  const res = await build('apps/no-token', keyless());
  expect(res.code).toBe(2);
  expect(res.stderr).toContain('id-token: write');
  const tags = await skopeo([
    'list-tags',
    '--tls-verify=false',
    `docker://${reg.host}/apps/no-token`,
  ]);
  expect(tags.code).not.toBe(0);
  expect(tags.stderr).toMatch(/name unknown|NAME_UNKNOWN|not found/i);
});

describe('key-based signing', () => {
  const pem = (
    k: { export(o: { type: 'pkcs8' | 'spki'; format: 'pem' }): string | Buffer },
    type: 'pkcs8' | 'spki',
  ) => k.export({ type, format: 'pem' }).toString();
  const key = generateKeyPairSync('ed25519');
  const other = generateKeyPairSync('ed25519');
  let publicKey: string;
  let otherKey: string;

  beforeAll(() => {
    publicKey = join(work, 'signing.pub');
    otherKey = join(work, 'other.pub');
    writeFileSync(publicKey, pem(key.publicKey, 'spki'));
    writeFileSync(otherKey, pem(other.publicKey, 'spki'));
  });

  it('signs without Fulcio or Rekor; verify accepts the key and refuses another', async () => {
    const before = { ...sig.requests };
    const res = await build('apps/key-signed', ['--sign', 'true'], {
      SLIPWAY_SIGNING_KEY: pem(key.privateKey, 'pkcs8'),
    });
    expect(res.stderr).not.toContain('error');
    expect(res.code).toBe(0);
    expect(res.json?.attestations).toHaveLength(2);
    expect(sig.requests).toEqual(before);

    const ok = await verify(`${reg.host}/apps/key-signed:1.0`, ['--public-key', publicKey]);
    expect(ok.stderr).not.toContain('error');
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/provenance\/v1 signed by key [0-9a-f]{64}/);

    const refused = await verify(`${reg.host}/apps/key-signed:1.0`, ['--public-key', otherKey]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('not the given key');
  });

  it('writes the bundles into an OCI layout as untagged referrers of the image', async () => {
    const dir = join(work, 'layout');
    const res = await build('apps/layout', ['--sign', 'true', '--output', `oci:${dir}`], {
      SLIPWAY_SIGNING_KEY: pem(key.privateKey, 'pkcs8'),
    });
    expect(res.stderr).not.toContain('error');
    expect(res.code).toBe(0);
    const out = res.json ?? {};
    expect(out.pushed).toBe(false);
    expect(out.references).toEqual([`oci:${dir}@${String(out.digest)}`]);
    const index = JSON.parse(readFileSync(join(dir, 'index.json'), 'utf8')) as {
      manifests: { digest: string; artifactType?: string; annotations?: Record<string, string> }[];
    };
    const tagged = index.manifests.filter(
      (m) => m.annotations?.['org.opencontainers.image.ref.name'],
    );
    expect(tagged.map((m) => m.digest)).toEqual([out.digest]);
    const bundles = index.manifests.filter((m) => m.artifactType === BUNDLE_TYPE);
    expect(bundles).toHaveLength(2);
    for (const b of bundles) {
      const manifest = JSON.parse(
        readFileSync(join(dir, 'blobs/sha256', b.digest.slice(7)), 'utf8'),
      ) as { subject: { digest: string } };
      expect(manifest.subject.digest).toBe(out.digest);
    }
    expect((out.attestations as string[]).sort()).toEqual(
      bundles.map((b) => `oci:${dir}@${b.digest}`).sort(),
    );
  });
});
