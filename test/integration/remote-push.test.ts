import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import v8 from 'node:v8';
import vm from 'node:vm';
import { MemoryLogger } from '../../src/core/log';
import type { ProgressEvent } from '../../src/core/log';
import { parsePlatform } from '../../src/image/platform';
import { parseReference } from '../../src/image/reference';
import {
  fetchManifest,
  headManifest,
  isIndexDocument,
  resolveBase,
} from '../../src/image/remote/read';
import { pushImage } from '../../src/image/remote/write';
import { Transport } from '../../src/image/transport/client';
import { RegistryError } from '../../src/image/transport/errors';
import { podmanRun, skopeoCopy, skopeoInspect } from '../fixtures/clients';
import { seedBusyboxBase } from '../fixtures/images';
import { startProxy } from '../fixtures/proxy';
import type { TestProxy } from '../fixtures/proxy';
import { startRegistry } from '../fixtures/registry';
import type { TestRegistry } from '../fixtures/registry';
import { AMD64, ARM64, testImage, testIndex, testLayer } from './remote-image-helpers';

let registry: TestRegistry;
let source: TestRegistry;
let proxy: TestProxy;
let transport: Transport;
const cleanups: Array<() => Promise<unknown>> = [];

beforeAll(async () => {
  [registry, source] = await Promise.all([startRegistry(), startRegistry()]);
  proxy = await startProxy(registry.host);
  transport = new Transport({ retryBaseDelayMs: 5 });
}, 60_000);

afterAll(async () => {
  await transport?.close();
  for (const cleanup of cleanups) await cleanup();
  await proxy?.stop();
  await Promise.all([registry?.stop(), source?.stop()]);
});

const uploadsOf = (p: TestProxy, method = 'PUT') => p.stats().byKind[`${method} blob-upload`];

describe('pushImage to a real registry', () => {
  it('pushes a hand-built image that skopeo reads back, then re-pushes without blob bytes', async () => {
    const layer = await testLayer({ 'hello.txt': 'hello from slipway\n' });
    const image = testImage(AMD64, [layer]);
    const target = parseReference(`${proxy.host}/hand/built`);
    const logger = new MemoryLogger();
    const events: ProgressEvent[] = [];
    logger.progress = (e) => void events.push(e);
    proxy.reset();

    const result = await pushImage(target, image, ['v1', 'latest'], { transport, logger });

    expect(result.digest).toBe(image.descriptor.digest);
    expect(result.references).toEqual([
      `${proxy.host}/hand/built:v1`,
      `${proxy.host}/hand/built:latest`,
    ]);
    const blobBytes = layer.blob.descriptor.size + image.config.descriptor.size;
    expect(result.stats).toEqual({
      bytesUploaded: blobBytes,
      bytesSkipped: 0,
      blobsUploaded: 2,
      blobsMounted: 0,
      blobsExisting: 0,
    });
    expect(proxy.stats().uploadBytes).toBe(blobBytes);
    expect(uploadsOf(proxy)?.requests).toBe(2);
    const done = events.filter((e) => e.action === 'upload' && e.bytes === e.total);
    expect(done.map((e) => e.total).sort((a, b) => a - b)).toEqual(
      [layer.blob.descriptor.size, image.config.descriptor.size].sort((a, b) => a - b),
    );

    const raw = await skopeoInspect(`${registry.host}/hand/built:v1`, { raw: true });
    expect(raw).toEqual(image.manifest);
    const inspected = (await skopeoInspect(`${registry.host}/hand/built:latest`)) as {
      Digest: string;
    };
    expect(inspected.Digest).toBe(image.descriptor.digest);
    const config = (await skopeoInspect(`${registry.host}/hand/built:v1`, { config: true })) as {
      rootfs: { diff_ids: string[] };
    };
    expect(config.rootfs.diff_ids).toEqual([layer.diffId]);

    // Read back with our own reader: same bytes, same digest.
    const fetched = await fetchManifest(transport, target.withTag('v1'));
    expect(fetched.bytes.equals(image.bytes)).toBe(true);
    expect(fetched.descriptor).toEqual({
      mediaType: image.descriptor.mediaType,
      digest: image.descriptor.digest,
      size: image.bytes.length,
    });
    expect(await headManifest(transport, target.withTag('latest'))).toEqual(fetched.descriptor);
    expect(await headManifest(transport, target.withTag('nope'))).toBeUndefined();

    proxy.reset();
    const again = await pushImage(target, image, ['v1'], { transport });
    expect(again.stats).toEqual({
      bytesUploaded: 0,
      bytesSkipped: blobBytes,
      blobsUploaded: 0,
      blobsMounted: 0,
      blobsExisting: 2,
    });
    expect(proxy.stats().uploadBytes).toBe(0);
    expect(uploadsOf(proxy, 'POST')).toBeUndefined();
    expect(proxy.stats().byKind['HEAD blob']?.requests).toBe(2);
  });

  it('pushes a 2-platform index with a layer shared by both platforms uploaded once', async () => {
    const shared = await testLayer({ 'app/connector.nar': 'the same artifact on every platform' });
    const amd = await testLayer({ 'etc/arch': 'amd64' });
    const arm = await testLayer({ 'etc/arch': 'arm64' });
    const index = testIndex([testImage(AMD64, [amd, shared]), testImage(ARM64, [arm, shared])]);
    const target = parseReference(`${proxy.host}/multi/app`);
    proxy.reset();

    const result = await pushImage(target, index, ['1.0'], { transport });

    const configs = index.images.map((i) => i.config.descriptor.size);
    const distinct = [shared, amd, arm].map((l) => l.blob.descriptor.size);
    const expected = [...configs, ...distinct].reduce((a, b) => a + b, 0);
    expect(result.stats.blobsUploaded).toBe(5);
    expect(result.stats.bytesUploaded).toBe(expected);
    expect(uploadsOf(proxy)?.requests).toBe(5);
    expect(proxy.stats().uploadBytes).toBe(expected);
    // Per-platform manifests by digest first, the index under its tag last.
    const manifestPuts = proxy
      .stats()
      .log.filter((e) => e.method === 'PUT' && e.kind === 'manifest')
      .map((e) => e.url.slice(e.url.lastIndexOf('/') + 1));
    expect(manifestPuts).toEqual([...index.images.map((i) => i.descriptor.digest), '1.0']);
    const lastBlobPut = Math.max(
      ...proxy
        .stats()
        .log.filter((e) => e.kind === 'blob-upload')
        .map((e) => e.seq),
    );
    const firstManifestPut = Math.min(
      ...proxy
        .stats()
        .log.filter((e) => e.kind === 'manifest')
        .map((e) => e.seq),
    );
    expect(firstManifestPut).toBeGreaterThan(lastBlobPut);

    const raw = (await skopeoInspect(`${registry.host}/multi/app:1.0`, { raw: true })) as {
      manifests: Array<{ digest: string; platform: unknown }>;
    };
    expect(raw).toEqual(index.index);

    // Reading it back picks the requested platform.
    const base = await resolveBase(transport, target.withTag('1.0'), {
      platforms: [parsePlatform('linux/arm64')],
    });
    expect(base.digest).toBe(index.descriptor.digest);
    expect(base.images).toHaveLength(1);
    expect(base.images[0]?.platform).toEqual(ARM64);
    expect(base.images[0]?.layers.map((l) => l.descriptor.digest)).toEqual([
      arm.blob.descriptor.digest,
      shared.blob.descriptor.digest,
    ]);
    expect(base.images[0]?.layers[0]?.origin).toEqual({
      registry: proxy.host,
      repository: 'multi/app',
    });
    const all = await resolveBase(transport, target.withTag('1.0'));
    expect(all.images.map((i) => i.platform.architecture)).toEqual(['amd64', 'arm64']);
    await expect(
      resolveBase(transport, target.withTag('1.0'), { platforms: [parsePlatform('linux/s390x')] }),
    ).rejects.toThrow(/has no linux\/s390x; it has linux\/amd64, linux\/arm64\/v8/);
  });

  it('mounts base layers from another repository of the same registry: no blob bytes cross', async () => {
    const seeded = await seedBusyboxBase(registry, 'base/busybox:1');
    const baseRef = parseReference(`${proxy.host}/base/busybox:1`);
    const base = await resolveBase(transport, baseRef);
    expect(base.digest).toBe(seeded.digest);
    const [basePlatform] = base.images;
    if (!basePlatform) throw new Error('no base image');
    const layer = await testLayer({ 'hello.txt': 'mounted\n' });
    const image = testImage(basePlatform.platform, [layer], basePlatform);
    const target = parseReference(`${proxy.host}/team/app`);
    proxy.reset();

    const result = await pushImage(target, image, ['1'], { transport });

    const baseBytes = basePlatform.layers.reduce((n, l) => n + l.descriptor.size, 0);
    expect(result.stats.blobsMounted).toBe(basePlatform.layers.length);
    expect(result.stats.bytesSkipped).toBe(baseBytes);
    expect(result.stats.blobsUploaded).toBe(2);
    expect(proxy.stats().uploadBytes).toBe(
      layer.blob.descriptor.size + image.config.descriptor.size,
    );
    // No base blob was downloaded or uploaded: mounts are POSTs without a body.
    expect(proxy.stats().byKind['GET blob']).toBeUndefined();
    const mounts = proxy.stats().log.filter((e) => e.url.includes('mount='));
    expect(mounts).toHaveLength(basePlatform.layers.length);
    expect(mounts.every((e) => e.status === 201 && e.requestBytes === 0)).toBe(true);
    const raw = await skopeoInspect(`${registry.host}/team/app:1`, { raw: true });
    expect(raw).toEqual(image.manifest);
  });

  it('copies the bytes when the registry refuses a mount', async () => {
    const base = await resolveBase(transport, parseReference(`${proxy.host}/base/busybox:1`));
    const [basePlatform] = base.images;
    if (!basePlatform) throw new Error('no base image');
    const image = testImage(
      basePlatform.platform,
      [await testLayer({ 'x.txt': 'x' })],
      basePlatform,
    );
    proxy.setHooks({
      onRequest: (req) =>
        req.url.includes('mount=')
          ? { status: 403, body: '{"errors":[{"code":"DENIED","message":"no mounts"}]}' }
          : 'pass',
    });
    proxy.reset();
    try {
      const result = await pushImage(parseReference(`${proxy.host}/nomount/app`), image, ['1'], {
        transport,
      });
      expect(result.stats.blobsMounted).toBe(0);
      expect(result.stats.blobsUploaded).toBe(basePlatform.layers.length + 2);
    } finally {
      proxy.setHooks(undefined);
    }
    expect(proxy.stats().log.filter((e) => e.url.includes('mount='))).toHaveLength(
      basePlatform.layers.length,
    );
    expect(await skopeoInspect(`${registry.host}/nomount/app:1`, { raw: true })).toEqual(
      image.manifest,
    );
  });

  it('copies a base from a second registry by streaming, and the image runs', async () => {
    await seedBusyboxBase(source, 'lib/busybox:stable', {
      platforms: ['linux/amd64', 'linux/arm64'],
    });
    const base = await resolveBase(transport, parseReference(`${source.host}/lib/busybox:stable`), {
      platforms: [parsePlatform('linux/amd64')],
    });
    const [basePlatform] = base.images;
    if (!basePlatform) throw new Error('no base image');
    expect(basePlatform.layers[0]?.origin?.registry).toBe(source.host);
    const layer = await testLayer({ 'hello.txt': 'copied across registries\n' });
    const image = testImage(basePlatform.platform, [layer], basePlatform, [
      '/bin/cat',
      '/hello.txt',
    ]);
    const target = parseReference(`${proxy.host}/copied/app`);
    const logger = new MemoryLogger();
    const copies: ProgressEvent[] = [];
    logger.progress = (e) => void (e.action === 'copy' && copies.push(e));
    proxy.reset();

    const result = await pushImage(target, image, ['run'], { transport, logger });

    const baseBytes = basePlatform.layers.reduce((n, l) => n + l.descriptor.size, 0);
    const total = baseBytes + layer.blob.descriptor.size + image.config.descriptor.size;
    expect(result.stats.blobsUploaded).toBe(basePlatform.layers.length + 2);
    expect(result.stats.bytesUploaded).toBe(total);
    expect(proxy.stats().uploadBytes).toBe(total);
    expect(
      copies.some(
        (e) => e.bytes === e.total && e.total === basePlatform.layers[0]?.descriptor.size,
      ),
    ).toBe(true);

    // skopeo verifies every blob's digest while copying to a layout; podman runs the image.
    const dir = await fsp.mkdtemp(path.join(os.tmpdir(), 'slipway-remote-copy-'));
    cleanups.push(() => fsp.rm(dir, { recursive: true, force: true }));
    const copied = await skopeoCopy(`${registry.host}/copied/app:run`, `oci:${dir}:run`);
    expect(copied.digest).toBe(image.descriptor.digest);
    const ran = await podmanRun(`${registry.host}/copied/app:run`, []);
    expect(ran.stderr).toBe('');
    expect(ran.stdout).toBe('copied across registries\n');
    expect(ran.code).toBe(0);
  });

  it('streams a large blob between registries without holding it in memory', async () => {
    const chunk = Buffer.alloc(1024 * 1024);
    for (let i = 0; i < chunk.length; i++) chunk[i] = (i * 7919) % 251;
    const chunks = 96;
    const size = chunk.length * chunks;
    const hash = (await import('node:crypto')).createHash('sha256');
    for (let i = 0; i < chunks; i++) hash.update(chunk);
    const descriptor = {
      mediaType: 'application/vnd.oci.image.layer.v1.tar',
      digest: `sha256:${hash.digest('hex')}`,
      size,
    };
    const { Readable } = await import('node:stream');
    const generated = {
      descriptor,
      open: () =>
        Promise.resolve(
          Readable.from(
            (function* () {
              for (let i = 0; i < chunks; i++) yield chunk;
            })(),
          ),
        ),
    };
    const { pushBlob } = await import('../../src/image/remote/write');
    const { pushScope } = await import('../../src/image/transport/auth');
    const { remoteBlob } = await import('../../src/image/remote/read');
    const sourceRepo = parseReference(`${source.host}/big/blob`);
    expect(
      await pushBlob({ transport, target: sourceRepo, scopes: [pushScope('big/blob')] }, generated),
    ).toBe('uploaded');

    // Retained memory, measured after a forced GC: buffering the blob would retain ~96 MiB.
    v8.setFlagsFromString('--expose-gc');
    const gc = vm.runInNewContext('gc') as () => void;
    gc();
    const baseline = process.memoryUsage().arrayBuffers;
    let peak = 0;
    let samples = 0;
    const sampler = setInterval(() => {
      gc();
      samples++;
      peak = Math.max(peak, process.memoryUsage().arrayBuffers - baseline);
    }, 100);
    proxy.reset();
    try {
      const outcome = await pushBlob(
        {
          transport,
          target: parseReference(`${proxy.host}/big/copy`),
          scopes: [pushScope('big/copy')],
        },
        remoteBlob(transport, sourceRepo, descriptor),
      );
      expect(outcome).toBe('uploaded');
    } finally {
      clearInterval(sampler);
    }
    expect(proxy.stats().uploadBytes).toBe(size);
    expect(samples).toBeGreaterThan(3);
    // Buffering the blob would retain ~96 MiB; streaming keeps only chunks in flight, which grow
    // to ~25 MiB when the machine is loaded (seen in a full suite run), so the bar is a third.
    expect(peak).toBeLessThan(32 * 1024 * 1024);
  });
});

describe('retries and failures against a real registry', () => {
  it('restarts an interrupted upload and repeats a 503, then succeeds', async () => {
    const big = await testLayer({ 'data.bin': Buffer.alloc(3 * 1024 * 1024, 1) });
    const incompressible = await testLayer({
      'noise.bin': Buffer.from(
        Array.from({ length: 2 * 1024 * 1024 }, (_, i) => (i * 2654435761) >>> 24),
      ),
    });
    const image = testImage(AMD64, [big, incompressible]);
    let cutDone = false;
    let refusedManifest = false;
    let resetPost = false;
    proxy.setHooks({
      onRequest: (req) => {
        if (
          req.method === 'PUT' &&
          req.kind === 'blob-upload' &&
          !cutDone &&
          req.headers['content-length'] === String(incompressible.blob.descriptor.size)
        ) {
          cutDone = true;
          return { resetAfterBytes: 64 * 1024 };
        }
        if (req.method === 'POST' && req.kind === 'blob-upload' && !resetPost) {
          resetPost = true;
          return 'reset';
        }
        if (req.method === 'PUT' && req.kind === 'manifest' && !refusedManifest) {
          refusedManifest = true;
          return {
            status: 503,
            headers: { 'retry-after': '0' },
            body: '{"errors":[{"code":"UNAVAILABLE","message":"try later"}]}',
          };
        }
        return 'pass';
      },
    });
    const logger = new MemoryLogger();
    const logged = new Transport({ retryBaseDelayMs: 5, logger });
    proxy.reset();
    try {
      const result = await pushImage(parseReference(`${proxy.host}/flaky/app`), image, ['1'], {
        transport: logged,
        logger,
      });
      expect(result.stats.blobsUploaded).toBe(3);
    } finally {
      proxy.setHooks(undefined);
      await logged.close();
    }
    expect(cutDone && refusedManifest && resetPost).toBe(true);
    const log = proxy.stats().log;
    expect(log.filter((e) => e.action === 'cut')).toHaveLength(1);
    expect(
      log.filter((e) => e.method === 'PUT' && e.kind === 'manifest').map((e) => e.status),
    ).toEqual([503, 201]);
    expect(logger.lines.filter((l) => /Retrying in/.test(l))).toHaveLength(3);
    const raw = await skopeoInspect(`${registry.host}/flaky/app:1`, { raw: true });
    expect(raw).toEqual(image.manifest);
  });

  it('falls back to PATCH then PUT when the registry refuses a monolithic PUT', async () => {
    const layers = [await testLayer({ 'one.txt': '1' }), await testLayer({ 'two.txt': '2' })];
    const image = testImage(AMD64, layers);
    proxy.setHooks({
      onRequest: (req) =>
        req.method === 'PUT' && req.kind === 'blob-upload' && req.headers['content-length'] !== '0'
          ? { status: 405, body: '{"errors":[{"code":"UNSUPPORTED","message":"use PATCH"}]}' }
          : 'pass',
    });
    proxy.reset();
    try {
      const result = await pushImage(parseReference(`${proxy.host}/patching/app`), image, ['1'], {
        transport,
        concurrency: 1,
      });
      expect(result.stats.blobsUploaded).toBe(3);
    } finally {
      proxy.setHooks(undefined);
    }
    const log = proxy.stats().log.filter((e) => e.kind === 'blob-upload');
    expect(log.filter((e) => e.action === 'reply' && e.status === 405)).toHaveLength(1);
    const patches = log.filter((e) => e.method === 'PATCH');
    expect(patches.map((e) => e.status)).toEqual([202, 202, 202]);
    expect(patches.reduce((n, e) => n + e.requestBytes, 0)).toBe(
      layers.reduce((n, l) => n + l.blob.descriptor.size, 0) + image.config.descriptor.size,
    );
    expect(await skopeoInspect(`${registry.host}/patching/app:1`, { raw: true })).toEqual(
      image.manifest,
    );
  });

  it('gives up after max-retries with the registry status and message', async () => {
    const image = testImage(AMD64, [await testLayer({ x: 'y' })]);
    const limited = new Transport({ maxRetries: 2, retryBaseDelayMs: 1 });
    proxy.setHooks({
      onRequest: (req) =>
        req.method === 'PUT' && req.kind === 'manifest'
          ? { status: 502, body: '{"errors":[{"code":"UNAVAILABLE","message":"backend down"}]}' }
          : 'pass',
    });
    proxy.reset();
    try {
      const err = await pushImage(parseReference(`${proxy.host}/down/app`), image, ['1'], {
        transport: limited,
      }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(RegistryError);
      expect((err as RegistryError).status).toBe(502);
      expect((err as RegistryError).message).toBe(
        `manifest 1 for ${proxy.host}/down/app failed (HTTP 502 UNAVAILABLE backend down): the registry had an internal error; run again later (max-retries controls retries).`,
      );
    } finally {
      proxy.setHooks(undefined);
      await limited.close();
    }
    expect(proxy.stats().log.filter((e) => e.kind === 'manifest')).toHaveLength(3);
  });

  it('explains a missing tag, and rejects an invalid push', async () => {
    const ref = parseReference(`${registry.host}/hand/built:missing`);
    await expect(fetchManifest(transport, ref)).rejects.toThrow(
      `manifest missing for ${registry.host}/hand/built failed (HTTP 404 MANIFEST_UNKNOWN manifest unknown): no such tag or digest in ${registry.host}/hand/built; check the tag.`,
    );
    // A manifest naming a blob the registry lacks: the registry's code comes through.
    const image = testImage(AMD64, [await testLayer({ 'never-pushed': '1' })]);
    const client = transport.client(registry.host);
    const err = await client
      .request({
        method: 'PUT',
        url: '/v2/hand/built/manifests/broken',
        scopes: [],
        op: { access: 'push', repository: `${registry.host}/hand/built`, what: 'manifest broken' },
        headers: { 'content-type': image.descriptor.mediaType },
        body: image.bytes,
        expect: [201],
      })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RegistryError);
    expect((err as RegistryError).code).toBe('MANIFEST_BLOB_UNKNOWN');
  });

  it('reads an index pinned by digest and skips attestation entries', async () => {
    const app = testImage(AMD64, [await testLayer({ 'app.txt': 'app' })]);
    const attestation = testImage({ os: 'unknown', architecture: 'unknown' }, [
      await testLayer({ 'provenance.json': '{}' }),
    ]);
    const index = testIndex([app, attestation]);
    const target = parseReference(`${registry.host}/attested/app`);
    await pushImage(target, index, ['1'], { transport });

    const pinned = target.withDigest(index.descriptor.digest);
    const top = await fetchManifest(transport, pinned);
    expect(isIndexDocument(top.manifest)).toBe(true);
    expect(top.bytes.equals(index.bytes)).toBe(true);
    const base = await resolveBase(transport, pinned);
    expect(base.name).toBe(`${registry.host}/attested/app@${index.descriptor.digest}`);
    expect(base.images.map((i) => i.manifestDescriptor.digest)).toEqual([app.descriptor.digest]);
    expect(base.images[0]?.config.rootfs.diff_ids).toHaveLength(1);
  });
});
