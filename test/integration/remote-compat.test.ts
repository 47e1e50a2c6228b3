/**
 * Every registry as it really behaves: the real registry behind a loopback proxy that gives it one
 * documented deviation from the OCI distribution spec at a time (ECR, Artifact Registry,
 * Artifactory, Nexus, zot, a mount answered with a new session, no referrers API). Through each:
 * a 20 MB first push (the streamed upload), an unchanged re-push, a changed push to an existing
 * tag (the ordinary upload), and an SBOM referrer attached and found again. Bytes are counted at
 * the proxy, digests checked with skopeo.
 */
import { join } from 'node:path';
import { CYCLONEDX_MEDIA_TYPE } from '../../src/attest/components';
import { headManifest } from '../../src/image/remote/read';
import { listReferrers, pushReferrer, referrerArtifact } from '../../src/image/remote/referrers';
import { parseReference } from '../../src/image/reference';
import { Transport } from '../../src/image/transport/client';
import { runCli } from '../fixtures/cli';
import { skopeoInspect } from '../fixtures/clients';
import { REGISTRY_PROFILES, registryProfile, writeSeededFile } from '../fixtures/faults';
import type { RegistryBehaviour } from '../fixtures/faults';
import { seedBusyboxBase } from '../fixtures/images';
import { makeTempDir, removeTempDir } from '../fixtures/process';
import { startProxy } from '../fixtures/proxy';
import type { ProxyStats, TestProxy } from '../fixtures/proxy';
import { startRegistry } from '../fixtures/registry';
import type { TestRegistry } from '../fixtures/registry';

jest.setTimeout(180_000);

interface Manifest {
  config: { digest: string; size: number };
  layers: { digest: string; size: number }[];
}

const MB = 1024 * 1024;
/** Headers are not counted; this covers request bodies that are neither blobs nor manifests. */
const SLACK = 16 * 1024;

let work: string;
let reg: TestRegistry;
let baseLayers: Manifest['layers'];

beforeAll(async () => {
  work = await makeTempDir('remote-compat-test');
  reg = await startRegistry({ auth: 'token' });
  await seedBusyboxBase(reg, 'base/busybox:1');
  baseLayers = (
    (await skopeoInspect(`${reg.host}/base/busybox:1`, {
      raw: true,
      creds: reg.creds,
    })) as Manifest
  ).layers;
});
afterAll(async () => {
  await reg.stop();
  await removeTempDir(work);
});

function artifact(name: string, size: number, seed: number): string {
  const file = join(work, name);
  writeSeededFile(file, size, seed);
  return file;
}

function build(proxy: TestProxy, file: string, repo: string, tag: string) {
  return runCli(
    [
      'build',
      '--artifact',
      file,
      '--artifact-path',
      '/data/',
      '--base-image',
      `${proxy.host}/base/busybox:1`,
      '--image',
      `${proxy.host}/${repo}`,
      '--tags',
      tag,
      '--username',
      reg.username ?? '',
      '--json',
    ],
    { env: { SLIPWAY_PASSWORD: reg.password ?? '' } },
  );
}

/** The manifest of repo:tag as the registry itself (not the proxy) serves it. */
async function stored(repo: string, tag: string): Promise<{ digest: string; manifest: Manifest }> {
  const ref = `${reg.host}/${repo}:${tag}`;
  const info = (await skopeoInspect(ref, { creds: reg.creds })) as { Digest: string };
  const manifest = (await skopeoInspect(ref, { raw: true, creds: reg.creds })) as Manifest;
  return { digest: info.Digest, manifest };
}

/** Every body byte the client sent must be the new blobs, the manifest, or small requests. */
function expectBytesWithin(stats: ProxyStats, budget: number): void {
  expect(stats.requestBytes).toBeLessThanOrEqual(budget + SLACK);
}

const manifestSize = async (repo: string, tag: string): Promise<number> => {
  const raw = await skopeoInspect(`${reg.host}/${repo}:${tag}`, { raw: true, creds: reg.creds });
  return Buffer.byteLength(JSON.stringify(raw));
};

describe.each(Object.entries(REGISTRY_PROFILES))('through the %s profile', (name, behaviours) => {
  const profile = registryProfile(behaviours);
  let proxy: TestProxy;
  const repo = `compat/${name}`;
  const applied = (b: RegistryBehaviour): number => profile.applied[b] ?? 0;

  beforeAll(async () => {
    proxy = await startProxy(reg.host, profile.hooks, { proxyRealm: true });
  });
  afterAll(async () => {
    await proxy.stop();
  });

  test('a 20 MB push, an unchanged re-push, a changed push and an SBOM referrer', async () => {
    // 1. The first push streams the layer while it is built.
    const first = await build(proxy, artifact(`${name}-a.bin`, 20 * MB, 1), repo, 'edge');
    expect(first.stderr).not.toMatch(/error|warn/i);
    expect(first.code).toBe(0);
    const one = await stored(repo, 'edge');
    expect(one.digest).toBe(first.json?.digest);
    const layer = one.manifest.layers[one.manifest.layers.length - 1];
    expect(layer.size).toBeGreaterThan(20 * MB);
    let stats = proxy.stats();
    // The layer went once, in one PATCH (no fallback to a second upload); a registry that
    // refuses monolithic uploads gets the config in a PATCH too.
    const patches = stats.log.filter((e) => e.kind === 'blob-upload' && e.method === 'PATCH');
    expect(patches.filter((p) => p.requestBytes >= MB).map((p) => p.requestBytes)).toEqual([
      layer.size,
    ]);
    expect(patches.filter((p) => p.requestBytes < MB).length).toBeLessThanOrEqual(1);
    const copied = behaviours.includes('mount-opens-session')
      ? baseLayers.reduce((n, l) => n + l.size, 0)
      : 0;
    const manifestBytes = await manifestSize(repo, 'edge');
    expectBytesWithin(stats, layer.size + one.manifest.config.size + manifestBytes + copied);

    // 2. An unchanged re-push sends no blob bytes.
    proxy.reset();
    const again = await build(proxy, artifact(`${name}-a.bin`, 20 * MB, 1), repo, 'edge');
    expect(again.code).toBe(0);
    expect(again.json?.digest).toBe(first.json?.digest);
    expect(proxy.stats().uploadBytes).toBe(0);

    // 3. Changed content to an existing tag streams like a new tag; here the stream is cut after
    // 1 MB, so the layer goes by the ordinary upload, in the chunks this registry takes.
    proxy.reset();
    let cut = false;
    proxy.setHooks({
      onRequest: (req) => {
        const streamed =
          req.kind === 'blob-upload' &&
          req.method === 'PATCH' &&
          req.headers['content-length'] === undefined;
        if (!streamed || cut) return profile.hooks.onRequest?.(req);
        cut = true;
        return { resetAfterBytes: MB };
      },
    });
    let changed: Awaited<ReturnType<typeof build>>;
    try {
      changed = await build(proxy, artifact(`${name}-b.bin`, 20 * MB, 2), repo, 'edge');
    } finally {
      proxy.setHooks(profile.hooks);
    }
    expect(cut).toBe(true);
    expect(changed.stderr).not.toMatch(/error|warn/i);
    expect(changed.code).toBe(0);
    const two = await stored(repo, 'edge');
    expect(two.digest).toBe(changed.json?.digest);
    const layer2 = two.manifest.layers[two.manifest.layers.length - 1];
    stats = proxy.stats();
    const streamedBytes = stats.log
      .filter((e) => e.action === 'cut')
      .reduce((n, e) => n + e.requestBytes, 0);
    expectBytesWithin(
      stats,
      streamedBytes + layer2.size + two.manifest.config.size + (await manifestSize(repo, 'edge')),
    );

    // 4. An SBOM attached as a referrer and found again.
    const transport = new Transport({
      retryBaseDelayMs: 5,
      credentials: (host) =>
        Promise.resolve(
          host === proxy.host ? { username: reg.username, password: reg.password } : undefined,
        ),
    });
    try {
      const target = parseReference(`${proxy.host}/${repo}:edge`);
      const subject = await headManifest(transport, target);
      expect(subject?.digest).toBe(two.digest);
      if (!subject) throw new Error('the pushed image is not there');
      const sbom = referrerArtifact({
        artifactType: CYCLONEDX_MEDIA_TYPE,
        subject,
        content: Buffer.from(JSON.stringify({ bomFormat: 'CycloneDX', specVersion: '1.5' })),
      });
      const pushed = await pushReferrer(transport, target.repositoryOnly(), sbom);
      expect(pushed.pushed).toBe(true);
      const found = await listReferrers(transport, target.repositoryOnly(), two.digest);
      expect(found.manifests.map((m) => m.digest)).toContain(sbom.descriptor.digest);
      expect(found.manifests.find((m) => m.digest === sbom.descriptor.digest)?.artifactType).toBe(
        CYCLONEDX_MEDIA_TYPE,
      );
    } finally {
      await transport.close();
    }

    // The behaviours were met, and the client never broke the registry's rules.
    // (A rule the client meets leaves no trace but an empty `refused`; a stale Range shows only
    // with several PATCHes of one blob, checked below.)
    for (const b of behaviours) {
      if (b !== 'post-needs-length' && b !== 'range-stuck') {
        expect([b, applied(b)]).not.toEqual([b, 0]);
      }
    }
    expect(profile.refused).toEqual([]);
    if (behaviours.includes('range-stuck') && behaviours.includes('monolithic-refused')) {
      // the changed layer went in several chunks, the later ones answered with a stale Range
      expect(applied('range-stuck')).toBeGreaterThan(0);
    }
    if (behaviours.includes('chunked-answers')) {
      expect(stats.log.some((e) => e.kind === 'token')).toBe(true);
    }
  });
});
