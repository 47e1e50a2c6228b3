/**
 * Issue 15, key-based signing for air-gapped registries: a PEM Ed25519 or ECDSA P-256 key (made by
 * openssl) signs the statement into a v0.3 bundle with a public-key hint and no Fulcio or Rekor
 * call; openssl alone, given the public key and the DSSE pre-authentication encoding computed
 * here, accepts the signature; verifyImage accepts the image for that key and refuses another key
 * and a changed payload.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { InputError, RunError } from '../../src/core/errors';
import { MemoryLogger } from '../../src/core/log';
import { secrets } from '../../src/core/secrets';
import { attachBundles } from '../../src/attest/attach';
import { privateKeySigner } from '../../src/attest/sign';
import type { SignedAttestation } from '../../src/attest/sign';
import { SLSA_PROVENANCE_V1, ciContext, provenanceStatement } from '../../src/attest/statement';
import { verifyImage } from '../../src/attest/verify';
import { parseReference } from '../../src/image/reference';
import { fetchManifest } from '../../src/image/remote/read';
import { Transport } from '../../src/image/transport/client';
import { seedBusyboxBase } from '../fixtures/images';
import type { SeedResult } from '../fixtures/images';
import { makeTempDir, removeTempDir, run, runOk } from '../fixtures/process';
import { startRegistry } from '../fixtures/registry';
import type { TestRegistry } from '../fixtures/registry';

const COMMIT = 'fedcba9876543210fedcba9876543210fedcba98';
const BASE_DIGEST = `sha256:${'d'.repeat(64)}`;

let reg: TestRegistry;
let transport: Transport;
let work: string;
let image: SeedResult;
const logger = new MemoryLogger();

beforeAll(async () => {
  work = await makeTempDir('attest-key');
  reg = await startRegistry();
  image = await seedBusyboxBase(reg, 'air/gapped:1', { marker: 'air-gapped' });
  transport = new Transport({ retryBaseDelayMs: 5 });
});
afterAll(async () => {
  await transport?.close();
  await reg?.stop();
  await removeTempDir(work);
});

interface KeyFiles {
  privatePem: string;
  publicFile: string;
  publicPem: string;
}

async function opensslKey(name: string, args: string[]): Promise<KeyFiles> {
  const privateFile = join(work, `${name}.key`);
  const publicFile = join(work, `${name}.pub`);
  await runOk('openssl', ['genpkey', ...args, '-out', privateFile]);
  await runOk('openssl', ['pkey', '-in', privateFile, '-pubout', '-out', publicFile]);
  const { readFileSync } = await import('node:fs');
  return {
    privatePem: readFileSync(privateFile, 'utf8'),
    publicFile,
    publicPem: readFileSync(publicFile, 'utf8'),
  };
}

/** DSSE v1 pre-authentication encoding, written out from the spec (not taken from the library). */
function pae(payloadType: string, payload: Buffer): Buffer {
  const type = Buffer.from(payloadType, 'utf8');
  return Buffer.concat([
    Buffer.from(`DSSEv1 ${type.length} `),
    type,
    Buffer.from(` ${payload.length} `),
    payload,
  ]);
}

function statement() {
  return provenanceStatement({
    subjects: [{ repository: `${reg.host}/air/gapped`, digest: image.digest }],
    inputs: { image: `${reg.host}/air/gapped` },
    base: { reference: 'registry.internal/runner:3', digest: BASE_DIGEST },
    ci: ciContext({
      GITLAB_CI: 'true',
      CI_PROJECT_URL: 'https://gitlab.internal/acme/conn',
      CI_COMMIT_SHA: COMMIT,
    }),
  });
}

async function attach(signed: SignedAttestation[]): Promise<void> {
  const ref = parseReference(`${reg.host}/air/gapped@${image.digest}`);
  await attachBundles({
    transport,
    repository: ref.repositoryOnly(),
    subjects: [(await fetchManifest(transport, ref)).descriptor],
    attestations: signed,
    created: '2026-01-01T00:00:00Z',
    logger,
  });
}

describe.each([
  ['ed25519', ['-algorithm', 'ed25519']],
  ['p256', ['-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256']],
])('a %s key', (name, args) => {
  let key: KeyFiles;
  let signed: SignedAttestation;

  beforeAll(async () => {
    key = await opensslKey(name, args);
    signed = await privateKeySigner(key.privatePem).sign(statement());
  });

  it('gives a v0.3 bundle with a public-key hint, no certificate, no log entry', () => {
    const material = signed.bundle.verificationMaterial;
    expect(signed.bundle.mediaType).toBe('application/vnd.dev.sigstore.bundle.v0.3+json');
    expect(material.publicKey?.hint).toMatch(/^[0-9a-f]{64}$/);
    expect(material.certificate).toBeUndefined();
    expect(material.tlogEntries ?? []).toHaveLength(0);
    expect(signed.bundle.dsseEnvelope?.signatures[0].keyid).toBe(material.publicKey?.hint);
  });

  it('openssl verifies the DSSE signature with the public key alone', async () => {
    const envelope = signed.bundle.dsseEnvelope;
    if (!envelope) throw new Error('no envelope');
    const message = join(work, `${name}.pae`);
    const sigFile = join(work, `${name}.sig`);
    writeFileSync(message, pae(envelope.payloadType, Buffer.from(envelope.payload, 'base64')));
    writeFileSync(sigFile, Buffer.from(envelope.signatures[0].sig, 'base64'));
    const verifyArgs =
      name === 'ed25519'
        ? [
            'pkeyutl',
            '-verify',
            '-pubin',
            '-inkey',
            key.publicFile,
            '-rawin',
            '-in',
            message,
            '-sigfile',
            sigFile,
          ]
        : ['dgst', '-sha256', '-verify', key.publicFile, '-signature', sigFile, message];
    const ok = await run('openssl', verifyArgs);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/Verified OK|Signature Verified Successfully/);
    // The same check fails once one byte of the payload changes.
    writeFileSync(
      message,
      pae(
        envelope.payloadType,
        Buffer.from(`${Buffer.from(envelope.payload, 'base64').toString()} `),
      ),
    );
    expect((await run('openssl', verifyArgs)).code).not.toBe(0);
  });

  it('verifyImage accepts the image for this key and names base and commit', async () => {
    await attach([signed]);
    const result = await verifyImage(
      parseReference(`${reg.host}/air/gapped:1`),
      { publicKey: key.publicPem },
      { transport },
    );
    const bundles = result.attestations.filter((a) => a.predicateType === SLSA_PROVENANCE_V1);
    expect(
      bundles.some((a) => a.signer === `key ${signed.bundle.verificationMaterial.publicKey?.hint}`),
    ).toBe(true);
    expect(result.provenance).toMatchObject({
      commit: COMMIT,
      source: 'https://gitlab.internal/acme/conn',
      base: { uri: 'registry.internal/runner:3', digest: BASE_DIGEST },
    });
  });

  it('the PEM is registered as a secret', () => {
    expect(secrets.redact(key.privatePem.trim())).toBe('***');
  });
});

describe('refusals', () => {
  it('another key is refused, naming the key that signed', async () => {
    const signer = await opensslKey('signer', ['-algorithm', 'ed25519']);
    const other = await opensslKey('other', ['-algorithm', 'ed25519']);
    const lone = await seedBusyboxBase(reg, 'air/other:1', { marker: 'other-key' });
    const signed = await privateKeySigner(signer.privatePem).sign(
      provenanceStatement({
        subjects: [{ repository: `${reg.host}/air/other`, digest: lone.digest }],
        inputs: {},
        ci: ciContext({}),
      }),
    );
    const ref = parseReference(`${reg.host}/air/other@${lone.digest}`);
    await attachBundles({
      transport,
      repository: ref.repositoryOnly(),
      subjects: [(await fetchManifest(transport, ref)).descriptor],
      attestations: [signed],
      created: '2026-01-01T00:00:00Z',
      logger,
    });
    const err = await verifyImage(ref, { publicKey: other.publicPem }, { transport }).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(RunError);
    expect((err as Error).message).toContain(
      `signed with the key ${signed.bundle.verificationMaterial.publicKey?.hint}`,
    );
    await expect(
      verifyImage(ref, { publicKey: signer.publicPem }, { transport }),
    ).resolves.toBeDefined();
  });

  it('a changed payload under the original signature is refused', async () => {
    const key = await opensslKey('tamper', ['-algorithm', 'ed25519']);
    const lone = await seedBusyboxBase(reg, 'air/tampered:1', { marker: 'tampered' });
    const forgedAbout = provenanceStatement({
      subjects: [{ repository: `${reg.host}/air/tampered`, digest: lone.digest }],
      inputs: {},
      ci: ciContext({}),
    });
    const genuine = await privateKeySigner(key.privatePem).sign(statement());
    const bundle = JSON.parse(JSON.stringify(genuine.bundle));
    bundle.dsseEnvelope.payload = Buffer.from(JSON.stringify(forgedAbout)).toString('base64');
    const ref = parseReference(`${reg.host}/air/tampered@${lone.digest}`);
    await attachBundles({
      transport,
      repository: ref.repositoryOnly(),
      subjects: [(await fetchManifest(transport, ref)).descriptor],
      attestations: [
        { predicateType: SLSA_PROVENANCE_V1, bundle, bytes: Buffer.from(JSON.stringify(bundle)) },
      ],
      created: '2026-01-01T00:00:00Z',
      logger,
    });
    const err = await verifyImage(ref, { publicKey: key.publicPem }, { transport }).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(RunError);
    expect((err as Error).message).toContain('signature verification failed');
  });

  it('an RSA key or a non-key is an InputError that quotes nothing of the value', async () => {
    const rsa = await opensslKey('rsa', ['-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:2048']);
    expect(() => privateKeySigner(rsa.privatePem)).toThrow(InputError);
    expect(() => privateKeySigner(rsa.privatePem)).toThrow(
      /holds a rsa key; .*ECDSA P-256 or Ed25519/,
    );
    const junk = 'not-a-key-but-secret-material-1234';
    let message = '';
    try {
      privateKeySigner(junk);
    } catch (err) {
      expect(err).toBeInstanceOf(InputError);
      message = (err as Error).message;
    }
    expect(message).toContain('SLIPWAY_SIGNING_KEY is not a PEM private key');
    expect(message).not.toContain(junk);
  });
});
