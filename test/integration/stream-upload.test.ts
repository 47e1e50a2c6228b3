/**
 * The first push of a tag streams the new layer to the registry while it is built (one chunked
 * PATCH, then PUT ?digest=); so does moving a tag to another image. A tag whose image was built
 * from this very plan means hashing first, so that an unchanged re-run sends nothing; a stream
 * the registry refuses or cuts falls back to the ordinary upload. Counted at a loopback proxy in
 * front of the real registry, and the artifact's reads in the kernel (strace).
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatBytes } from '../../src/core/log';
import { runCli } from '../fixtures/cli';
import { skopeoInspect } from '../fixtures/clients';
import { readCounter } from '../fixtures/file-reads';
import { seedBusyboxBase } from '../fixtures/images';
import { makeTempDir, removeTempDir } from '../fixtures/process';
import { startProxy } from '../fixtures/proxy';
import type { ProxyLogEntry, TestProxy } from '../fixtures/proxy';
import { startRegistry } from '../fixtures/registry';
import type { TestRegistry } from '../fixtures/registry';

interface Manifest {
  layers: { mediaType: string; digest: string; size: number }[];
}

let work: string;
let reg: TestRegistry;
let proxy: TestProxy;

beforeAll(async () => {
  work = await makeTempDir('stream-upload-test');
  reg = await startRegistry({ auth: 'token' });
  proxy = await startProxy(reg.host);
  await seedBusyboxBase(reg, 'base/busybox:1');
});
afterAll(async () => {
  await proxy.stop();
  await reg.stop();
  await removeTempDir(work);
});

function artifact(name: string, bytes: Buffer | string): string {
  const dir = join(work, randomBytes(4).toString('hex'));
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, name), bytes);
  return join(dir, name);
}

function build(
  file: string,
  repo: string,
  tag: string,
  extra: string[] = [],
  opts: { env?: Record<string, string>; node?: string } = {},
) {
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
      ...extra,
    ],
    { env: { SLIPWAY_PASSWORD: reg.password ?? '', ...opts.env }, node: opts.node },
  );
}

async function imageDigest(repo: string, tag: string): Promise<string> {
  const info = (await skopeoInspect(`${reg.host}/${repo}:${tag}`, { creds: reg.creds })) as {
    Digest: string;
  };
  return info.Digest;
}

async function newLayer(repo: string, tag: string): Promise<Manifest['layers'][number]> {
  const m = (await skopeoInspect(`${reg.host}/${repo}:${tag}`, {
    raw: true,
    creds: reg.creds,
  })) as Manifest;
  return m.layers[m.layers.length - 1];
}

async function baseLayerCount(): Promise<number> {
  const m = (await skopeoInspect(`${reg.host}/base/busybox:1`, {
    raw: true,
    creds: reg.creds,
  })) as Manifest;
  return m.layers.length;
}

const uploads = (log: ProxyLogEntry[], method: string): ProxyLogEntry[] =>
  log.filter((e) => e.kind === 'blob-upload' && e.method === method);

describe('streaming the layer while it is built', () => {
  test.each([
    ['incompressible bytes (the bare tar)', 'x.bin', randomBytes(3_000_000), 'v1.tar'],
    ['text (gzip)', 'x.yaml', 'streams:\n  - name: users\n'.repeat(40_000), 'v1.tar+gzip'],
  ])(
    'first push of a tag, %s: one PATCH with the layer, the same digest as a dry run',
    async (_what, name, bytes, type) => {
      const file = artifact(name, bytes);
      const repo = `first/${name.replace('.', '-')}`;
      const dry = await build(file, repo, 'a', ['--output', 'none']);
      expect(dry.code).toBe(0);
      proxy.reset();
      const res = await build(file, repo, 'a');
      expect(res.code).toBe(0);
      expect(res.json?.digest).toBe(dry.json?.digest);
      expect(res.json?.pushed).toBe(true);

      const layer = await newLayer(repo, 'a');
      expect(layer.mediaType).toBe(`application/vnd.oci.image.layer.${type}`);
      const { log, uploadBytes } = proxy.stats();
      const patches = uploads(log, 'PATCH');
      expect(patches.map((p) => [p.status, p.requestBytes])).toEqual([[202, layer.size]]);
      // the layer crossed once; the PUTs carry only the config (and complete the stream)
      expect(uploadBytes).toBeLessThan(layer.size + 16 * 1024);
      expect(uploads(log, 'PUT').every((p) => p.requestBytes < 16 * 1024)).toBe(true);
      const info = (await skopeoInspect(`${reg.host}/${repo}:a`, { creds: reg.creds })) as {
        Digest: string;
      };
      expect(info.Digest).toBe(res.json?.digest);
      // each blob reported once: the layer as uploaded, the base layer as mounted (not re-checked)
      const id = layer.digest.slice(7, 19);
      expect(res.stderr.split('\n').filter((l) => l.startsWith(`${id}:`))).toEqual([
        `${id}: upload ${formatBytes(layer.size)}`,
      ]);
      expect(res.stderr).toMatch(/: mount /);
      expect(res.stderr).not.toMatch(/: exists /);
      // every blob was checked once: the base layers, the config (the layer was streamed)
      expect(log.filter((e) => e.kind === 'blob' && e.method === 'HEAD').length).toBe(
        (await baseLayerCount()) + 1,
      );
    },
  );

  test('a tag of this very plan: hashed first; unchanged sends nothing, new bytes stream', async () => {
    const repo = 'existing/app';
    const first = await build(artifact('a.bin', randomBytes(1_000_000)), repo, 't');
    expect(first.code).toBe(0);

    // the same commit (epoch), path and size: only the bytes tell, so they are hashed first
    proxy.reset();
    const changedFile = artifact('a.bin', randomBytes(1_000_000));
    const changed = await build(changedFile, repo, 't', ['--verbose']);
    expect(changed.code).toBe(0);
    expect(changed.json?.digest).not.toBe(first.json?.digest);
    expect(changed.stderr).toContain('was built from this plan; hashing the files to compare');
    const layer = await newLayer(repo, 't');
    const log = proxy.stats().log;
    expect(uploads(log, 'PATCH').map((p) => p.requestBytes)).toEqual([layer.size]);

    proxy.reset();
    const again = await build(changedFile, repo, 't');
    expect(again.code).toBe(0);
    expect(again.json?.pushed).toBe(false);
    expect(proxy.stats().uploadBytes).toBe(0);
    // no upload session opened (and cancelled): only lookups
    expect(proxy.stats().log.filter((e) => e.kind === 'blob-upload')).toEqual([]);
  });

  test('moving a tag to new bytes streams like a new tag: the artifact read once, the layer sent once', async () => {
    const SIZE = 20 * 1024 * 1024;
    // a few samples (what kind of file, which layer format), then every byte once
    const SAMPLES = 1024 * 1024;
    const ONCE = SIZE + SAMPLES;
    const reads = readCounter(work);
    const repo = 'moving/app';
    // a name of its own: the reads of its hard link in the build context count too
    const name = `app-${randomBytes(4).toString('hex')}.bin`;
    const firstFile = artifact(name, randomBytes(SIZE));
    const first = await build(firstFile, repo, 'latest', [], { node: reads.node });
    expect(first.code).toBe(0);
    // a new tag: no hashing pass, the layer's pass takes the artifact's digest
    expect(reads.bytesRead(firstFile)).toBeGreaterThanOrEqual(SIZE);
    expect(reads.bytesRead(firstFile)).toBeLessThanOrEqual(ONCE);

    const moves: [string, Buffer, string[], Record<string, string>][] = [
      // the next commit's build: protect-releases lets the moving tag through
      ['the next commit', randomBytes(SIZE), [], { SOURCE_DATE_EPOCH: '1700000600' }],
      // that commit again, with a rebuilt artifact of another length, if-exists: overwrite
      [
        'a rebuilt artifact',
        randomBytes(SIZE + 4096),
        ['--if-exists', 'overwrite'],
        { SOURCE_DATE_EPOCH: '1700000600' },
      ],
    ];
    let before = first.json?.digest;
    for (const [what, bytes, args, env] of moves) {
      proxy.reset();
      const file = artifact(name, bytes);
      const res = await build(file, repo, 'latest', [...args, '--verbose'], {
        node: reads.node,
        env,
      });
      expect([what, res.code]).toEqual([what, 0]);
      expect(res.json?.digest).not.toBe(before);
      expect(res.stderr).toContain(`${proxy.host}/${repo}:latest (moving tag): updated`);
      expect(res.stderr).not.toContain('hashing the files');
      expect([what, reads.bytesRead(file) <= ONCE + 4096]).toEqual([what, true]);
      const layer = await newLayer(repo, 'latest');
      const { log, uploadBytes } = proxy.stats();
      expect(uploads(log, 'PATCH').map((p) => p.requestBytes)).toEqual([layer.size]);
      // the layer crossed once; besides it only the config
      expect(uploadBytes).toBeLessThan(layer.size + 16 * 1024);
      expect(await imageDigest(repo, 'latest')).toBe(res.json?.digest);
      before = res.json?.digest;
    }

    // pushed again unchanged: one hashing pass besides the layer's, and no upload session
    proxy.reset();
    const again = artifact(name, moves[1][1]);
    const same = await build(again, repo, 'latest', [], {
      node: reads.node,
      env: { SOURCE_DATE_EPOCH: '1700000600' },
    });
    expect(same.code).toBe(0);
    expect(same.json?.pushed).toBe(false);
    expect(reads.bytesRead(again)).toBeLessThanOrEqual(2 * (SIZE + 4096) + SAMPLES);
    expect(proxy.stats().log.filter((e) => e.kind === 'blob-upload')).toEqual([]);
  });

  test('protect-releases still refuses moving a release tag to new bytes: nothing is sent for it', async () => {
    const repo = 'guarded/app';
    const first = await build(artifact('app.bin', randomBytes(2_000_000)), repo, '1.2.3,latest');
    expect(first.code).toBe(0);

    proxy.reset();
    const refused = await build(
      artifact('app.bin', randomBytes(2_000_000)),
      repo,
      '1.2.3,latest',
      [],
      {
        env: { SOURCE_DATE_EPOCH: '1700000600' },
      },
    );
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(
      /Release tag [^ ]+\/guarded\/app:1\.2\.3 already points at sha256:[0-9a-f]{64}, and this build is sha256:/,
    );
    expect(await imageDigest(repo, '1.2.3')).toBe(first.json?.digest);
    expect(await imageDigest(repo, 'latest')).toBe(first.json?.digest);
    const { log } = proxy.stats();
    // refused before any byte of the layer: it was not streamed, and no manifest went up
    expect(log.filter((e) => e.kind === 'blob-upload')).toEqual([]);
    expect(log.filter((e) => e.kind === 'manifest' && e.method === 'PUT')).toEqual([]);
  });

  test('100 MB onto a small base that has /pulsar/connectors: the layer goes up once', async () => {
    await seedBusyboxBase(reg, 'base/runner:1', { runnerLike: true });
    const repo = 'once/sink';
    const file = artifact('sink.bin', randomBytes(100 * 1024 * 1024));
    proxy.reset();
    const res = await runCli(
      [
        'build',
        '--artifact',
        file,
        '--artifact-path',
        '/pulsar/connectors/',
        '--base-image',
        `${proxy.host}/base/runner:1`,
        '--image',
        `${proxy.host}/${repo}`,
        '--tags',
        'a',
        '--username',
        reg.username ?? '',
        '--json',
        '--verbose',
      ],
      { env: { SLIPWAY_PASSWORD: reg.password ?? '' } },
    );
    expect(res.code).toBe(0);
    expect(res.stderr).not.toContain('making the layer again');
    const layer = await newLayer(repo, 'a');
    const { log, requestBytes } = proxy.stats();
    expect(uploads(log, 'PATCH').map((p) => p.requestBytes)).toEqual([layer.size]);
    // the layer, the config and the manifest: nothing else crossed
    expect(requestBytes).toBeLessThanOrEqual(layer.size + 64 * 1024);
  });

  test.each([
    ['refuses the PATCH', () => ({ status: 500 })],
    ['cuts the PATCH after 1 MB', () => ({ resetAfterBytes: 1024 * 1024 })],
  ])('a registry that %s still gets the image by the ordinary upload', async (_what, fault) => {
    const repo = `fallback/${randomBytes(3).toString('hex')}`;
    const file = artifact('f.bin', randomBytes(3_000_000));
    const dry = await build(file, repo, 'x', ['--output', 'none']);
    proxy.reset();
    proxy.setHooks({
      onRequest: (req) =>
        req.kind === 'blob-upload' && req.method === 'PATCH' ? fault() : undefined,
    });
    try {
      const res = await build(file, repo, 'x');
      expect(res.stderr).not.toMatch(/error/i);
      expect(res.code).toBe(0);
      expect(res.json?.digest).toBe(dry.json?.digest);
    } finally {
      proxy.setHooks(undefined);
    }
    const layer = await newLayer(repo, 'x');
    const log = proxy.stats().log;
    expect(uploads(log, 'PATCH').length).toBe(1);
    expect(uploads(log, 'PUT').map((p) => [p.status, p.requestBytes])).toContainEqual([
      201,
      layer.size,
    ]);
  });

  test('a base that cannot be read fails the build and completes no upload', async () => {
    proxy.reset();
    const res = await runCli(
      [
        'build',
        '--artifact',
        artifact('b.bin', randomBytes(3_000_000)),
        '--artifact-path',
        '/data/',
        '--base-image',
        `${proxy.host}/base/missing:1`,
        '--image',
        `${proxy.host}/nobase/app`,
        '--tags',
        'x',
        '--username',
        reg.username ?? '',
      ],
      { env: { SLIPWAY_PASSWORD: reg.password ?? '' } },
    );
    expect(res.code).toBe(1);
    expect(res.stderr).toMatch(/base\/missing failed \(HTTP 404/);
    const log = proxy.stats().log;
    expect(uploads(log, 'PUT')).toEqual([]);
    expect(log.filter((e) => e.kind === 'manifest' && e.method === 'PUT')).toEqual([]);
  });
});
