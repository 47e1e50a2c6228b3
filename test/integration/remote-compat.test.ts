/**
 * Every registry as it really behaves: the real registry behind a loopback proxy that gives it one
 * documented deviation from the OCI distribution spec at a time (ECR, Artifact Registry,
 * Artifactory and its strict config and Accept parsing, Nexus, zot, a mount answered with a new
 * session, no referrers API, Docker Hub's rate limit, a token realm on another host). Through
 * each: a 20 MB first push (the streamed upload), an unchanged re-push, a changed push to an
 * existing tag (the ordinary upload), an SBOM referrer attached and found again, and a rebase onto
 * a new base. Bytes are counted at the proxy, digests checked with skopeo.
 */
import { join } from 'node:path';
import { CYCLONEDX_MEDIA_TYPE } from '../../src/attest/components';
import { headManifest } from '../../src/image/remote/read';
import { listReferrers, pushReferrer, referrerArtifact } from '../../src/image/remote/referrers';
import { parseReference } from '../../src/image/reference';
import { Transport } from '../../src/image/transport/client';
import { runCli } from '../fixtures/cli';
import { skopeoInspect } from '../fixtures/clients';
import {
  historyProblem,
  httpRequest,
  RATE_LIMIT,
  REGISTRY_PROFILES,
  registryBehindProxy,
  retryLines,
  writeSeededFile,
} from '../fixtures/faults';
import type { ProxiedRegistry, RegistryBehaviour } from '../fixtures/faults';
import { seedBusyboxBase } from '../fixtures/images';
import { makeTempDir, removeTempDir } from '../fixtures/process';
import type { ProxyStats } from '../fixtures/proxy';
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
let newBaseLayers: Manifest['layers'];

beforeAll(async () => {
  work = await makeTempDir('remote-compat-test');
  reg = await startRegistry({ auth: 'token' });
  await seedBusyboxBase(reg, 'base/busybox:1');
  await seedBusyboxBase(reg, 'base/busybox:2', { marker: 'new' });
  const layersOf = async (tag: string): Promise<Manifest['layers']> =>
    (
      (await skopeoInspect(`${reg.host}/base/busybox:${tag}`, {
        raw: true,
        creds: reg.creds,
      })) as Manifest
    ).layers;
  baseLayers = await layersOf('1');
  newBaseLayers = await layersOf('2');
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

/** The CLI, logged in to the registry (its password in the environment, as in CI). */
function slipway(args: string[]) {
  return runCli([...args, '--username', reg.username ?? '', '--json'], {
    env: { SLIPWAY_PASSWORD: reg.password ?? '' },
  });
}

function build(host: string, file: string, repo: string, tag: string) {
  return slipway([
    'build',
    '--artifact',
    file,
    '--artifact-path',
    '/data/',
    '--base-image',
    `${host}/base/busybox:1`,
    '--image',
    `${host}/${repo}`,
    '--tags',
    tag,
  ]);
}

/**
 * stderr without the waits a rate-limited registry asked for; those must each say who limits, by
 * what limit and for how long.
 */
function unexpectedOutput(stderr: string): string {
  const waits = retryLines(stderr);
  for (const line of waits) {
    expect(line).toMatch(
      new RegExp(
        `rate-limits this identity \\(HTTP 429, ratelimit-limit ${RATE_LIMIT}\\); it asks to wait [12] s\\. Retrying in [0-9.]+ s`,
      ),
    );
  }
  return stderr
    .split('\n')
    .filter((line) => !waits.includes(line))
    .join('\n');
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
  let proxy: ProxiedRegistry;
  const repo = `compat/${name}`;
  const applied = (b: RegistryBehaviour): number => proxy.profile?.applied[b] ?? 0;
  const realmElsewhere = behaviours.includes('realm-elsewhere');
  let tokenRequestsBefore = 0;

  beforeAll(async () => {
    tokenRequestsBefore = reg.tokenServer?.requests.length ?? 0;
    // Token requests come through the proxy too, except where the realm is the point.
    proxy = await registryBehindProxy({
      registry: reg,
      profile: behaviours,
      proxyRealm: !realmElsewhere,
    });
  });
  afterAll(async () => {
    await proxy.close();
  });

  test('a 20 MB push, an unchanged re-push, a changed push, an SBOM referrer and a rebase', async () => {
    // 1. The first push streams the layer while it is built.
    const first = await build(proxy.host, artifact(`${name}-a.bin`, 20 * MB, 1), repo, 'edge');
    expect(unexpectedOutput(first.stderr)).not.toMatch(/error|warn/i);
    expect(first.code).toBe(0);
    const one = await stored(repo, 'edge');
    expect(one.digest).toBe(first.json?.digest);
    const layer = one.manifest.layers[one.manifest.layers.length - 1];
    expect(layer.size).toBeGreaterThan(20 * MB);
    let stats = proxy.counts();
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
    const again = await build(proxy.host, artifact(`${name}-a.bin`, 20 * MB, 1), repo, 'edge');
    expect(again.code).toBe(0);
    expect(again.json?.digest).toBe(first.json?.digest);
    expect(proxy.counts().uploadBytes).toBe(0);

    // 3. Changed content to an existing tag streams like a new tag; here the stream is cut after
    // 1 MB, so the layer goes by the ordinary upload, in the chunks this registry takes.
    proxy.reset();
    let cut = false;
    proxy.proxy.setHooks({
      onRequest: (req) => {
        const streamed =
          req.kind === 'blob-upload' &&
          req.method === 'PATCH' &&
          req.headers['content-length'] === undefined;
        if (!streamed || cut) return proxy.profile?.hooks.onRequest?.(req);
        cut = true;
        return { resetAfterBytes: MB };
      },
    });
    let changed: Awaited<ReturnType<typeof build>>;
    try {
      changed = await build(proxy.host, artifact(`${name}-b.bin`, 20 * MB, 2), repo, 'edge');
    } finally {
      proxy.proxy.setHooks(proxy.profile?.hooks);
    }
    expect(cut).toBe(true);
    expect(unexpectedOutput(changed.stderr)).not.toMatch(/error|warn/i);
    expect(changed.code).toBe(0);
    const two = await stored(repo, 'edge');
    expect(two.digest).toBe(changed.json?.digest);
    const layer2 = two.manifest.layers[two.manifest.layers.length - 1];
    stats = proxy.counts();
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

    // 5. A rebase onto a new base: the artifact layer stays where it is (no byte of it is sent),
    // only the new config and manifests travel, and the new base's layers where a mount is
    // answered with a fresh session.
    proxy.reset();
    const rebased = await slipway([
      'rebase',
      '--image',
      `${proxy.host}/${repo}:edge`,
      '--base-image',
      `${proxy.host}/base/busybox:2`,
      '--tags',
      'rebased',
    ]);
    expect(unexpectedOutput(rebased.stderr)).not.toMatch(/error|warn/i);
    expect(rebased.code).toBe(0);
    const three = await stored(repo, 'rebased');
    expect(three.digest).toBe(rebased.json?.digest);
    expect(three.manifest.layers.map((l) => l.digest)).toEqual([
      ...newBaseLayers.map((l) => l.digest),
      layer2.digest,
    ]);
    const rebaseStats = proxy.counts();
    // the new base's own layers were asked for by a cross-repository mount, not sent as such
    const newLayers = newBaseLayers.filter((l) => !baseLayers.some((b) => b.digest === l.digest));
    expect(newLayers.length).toBeGreaterThan(0);
    const mounts = rebaseStats.log.filter(
      (e) => e.kind === 'blob-upload' && e.method === 'POST' && e.url.includes('mount='),
    );
    expect(mounts.length).toBeGreaterThanOrEqual(newLayers.length);
    const sent = rebaseStats.log.filter((e) => e.kind === 'blob-upload' && e.requestBytes > 0);
    expect(sent.some((e) => e.url.includes(layer2.digest))).toBe(false);
    const newBaseBytes = behaviours.includes('mount-opens-session')
      ? newBaseLayers.reduce((n, l) => n + l.size, 0)
      : 0;
    // A registry that refuses a monolithic upload is sent the small config again, in a PATCH.
    const configSends = behaviours.includes('monolithic-refused') ? 2 : 1;
    expect(rebaseStats.uploadBytes).toBeLessThanOrEqual(
      configSends * three.manifest.config.size + newBaseBytes,
    );
    expectBytesWithin(
      rebaseStats,
      configSends * three.manifest.config.size +
        newBaseBytes +
        (await manifestSize(repo, 'rebased')),
    );

    // The behaviours were met, and the client never broke the registry's rules.
    // (A rule the client meets leaves no trace but an empty `refused`; a stale Range shows only
    // with several PATCHes of one blob, checked below.)
    for (const b of behaviours) {
      if (b !== 'post-needs-length' && b !== 'range-stuck') {
        expect([b, applied(b)]).not.toEqual([b, 0]);
      }
    }
    expect(proxy.profile?.refused).toEqual([]);
    if (behaviours.includes('range-stuck') && behaviours.includes('monolithic-refused')) {
      // the changed layer went in several chunks, the later ones answered with a stale Range
      expect(applied('range-stuck')).toBeGreaterThan(0);
    }
    if (behaviours.includes('chunked-answers')) {
      expect(stats.log.some((e) => e.kind === 'token')).toBe(true);
    }
    if (behaviours.includes('rate-limited')) {
      // both forms of Retry-After (seconds, HTTP date) were met and waited out, each wait logged
      expect(applied('rate-limited')).toBeGreaterThanOrEqual(2);
      const cliRuns = [first, again, changed, rebased];
      expect(cliRuns.flatMap((r) => retryLines(r.stderr)).length).toBeGreaterThanOrEqual(2);
    }
    if (realmElsewhere) {
      // The password went to the token realm only; the registry saw bearer tokens (and the
      // unauthenticated first ping), never Basic credentials.
      const seen = new Set(proxy.profile?.registryAuthorizations);
      expect(seen.has('bearer')).toBe(true);
      expect(seen.has('basic')).toBe(false);
      const tokenRequests = reg.tokenServer?.requests.slice(tokenRequestsBefore) ?? [];
      expect(tokenRequests.length).toBeGreaterThan(0);
      const basic = `Basic ${Buffer.from(`${reg.username ?? ''}:${reg.password ?? ''}`).toString('base64')}`;
      expect(new Set(tokenRequests.map((r) => r.authorization))).toEqual(new Set([basic]));
      expect(stats.log.some((e) => e.kind === 'token')).toBe(false);
    }
  });
});

test('a rate limit longer than request-timeout ends the run at once with one line naming the registry and the limit', async () => {
  const retryAt = new Date(Date.now() + 3600_000).toUTCString();
  const proxy = await registryBehindProxy({
    registry: reg,
    proxyRealm: true,
    hooks: {
      onRequest: (req) =>
        req.kind === 'manifest'
          ? {
              status: 429,
              headers: {
                'content-type': 'application/json',
                'retry-after': retryAt,
                'ratelimit-limit': RATE_LIMIT,
                'ratelimit-remaining': '0;w=21600',
              },
              body: '{"errors":[{"code":"TOOMANYREQUESTS","message":"You have reached your pull rate limit."}]}',
            }
          : undefined,
    },
  });
  try {
    const started = Date.now();
    const res = await build(proxy.host, artifact('limited.bin', 1000, 3), 'compat/limited', 'v1');
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(res.code).toBe(1);
    // Nothing is repeated against the limit, nor after the run gave up.
    expect(retryLines(res.stderr)).toEqual([]);
    const lines = res.stderr.split('\n').filter((l) => /rate-limits/.test(l));
    expect(lines).toEqual([
      expect.stringMatching(
        new RegExp(
          `${proxy.host.replace(/\./g, '\\.')} rate-limits this identity \\(HTTP 429, ratelimit-limit ${RATE_LIMIT}\\) and asks to wait 3[56]\\d\\d s \\(Retry-After\\), longer than request-timeout \\(300 s\\): authenticate for a higher limit, or run again after `,
        ),
      ),
    ]);
    const manifests = proxy.counts().log.filter((e) => e.kind === 'manifest');
    expect(manifests.length).toBeGreaterThan(0);
    expect(new Set(manifests.map((e) => `${e.method} ${e.url}`)).size).toBe(manifests.length);
  } finally {
    await proxy.close();
  }
});

test('the strict Artifactory profile refuses what a strict registry refuses', async () => {
  // a history entry per layer, known fields only
  const config = (history: unknown[]): unknown => ({ rootfs: { diff_ids: ['a', 'b'] }, history });
  expect(historyProblem(config([{ created_by: 'x' }, { comment: 'y', empty_layer: false }]))).toBe(
    undefined,
  );
  expect(historyProblem(config([{ created_by: 'x' }]))).toBe('1 history entries for 2 layers');
  expect(historyProblem(config([{ created_by: 'x' }, { created_by: 'y', digest: 'z' }]))).toBe(
    'history[1] has digest',
  );
  expect(historyProblem({ rootfs: { diff_ids: ['a'] } })).toBe('no history');

  const proxy = await registryBehindProxy({
    registry: reg,
    profile: REGISTRY_PROFILES['artifactory-strict'],
  });
  try {
    const token = reg.tokenServer?.issueToken(reg.username, ['repository:base/busybox:pull']);
    const get = (accept: string, path = 'manifests/1') =>
      httpRequest(`http://${proxy.host}/v2/base/busybox/${path}`, {
        headers: { accept },
        creds: { bearer: token ?? '' },
      });
    const docker = await get('application/vnd.docker.distribution.manifest.v2+json');
    expect([docker.status, docker.body.toString()]).toEqual([
      404,
      expect.stringContaining('but accept header does not support OCI'),
    ]);
    const blob = await get(
      'application/vnd.oci.image.manifest.v1+json',
      `blobs/${baseLayers[0].digest}`,
    );
    expect(blob.status).toBe(406);
    expect(proxy.profile?.refused).toHaveLength(2);
  } finally {
    await proxy.close();
  }
});
