/**
 * Issue 2, end to end: the CLI bundle pushes a file onto a seeded busybox base in the real
 * registry, and real clients (skopeo, podman) check what arrived.
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { closeSync, mkdirSync, openSync, utimesSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { builtCli, runCli } from '../fixtures/cli';
import { podmanRun, skopeo, skopeoInspect } from '../fixtures/clients';
import { seedBusyboxBase } from '../fixtures/images';
import { makeTempDir, removeTempDir, run } from '../fixtures/process';
import { startProxy } from '../fixtures/proxy';
import type { TestProxy } from '../fixtures/proxy';
import { startRegistry } from '../fixtures/registry';
import type { RegistryAuth, TestRegistry } from '../fixtures/registry';

interface Manifest {
  mediaType: string;
  layers: { mediaType: string; digest: string; size: number }[];
  config: { digest: string };
  annotations?: Record<string, string>;
}
interface Index {
  mediaType: string;
  manifests: { digest: string; platform: { os: string; architecture: string } }[];
}

let work: string;
beforeAll(async () => {
  work = await makeTempDir('build-test');
});
afterAll(async () => {
  await removeTempDir(work);
});

function artifactFile(name: string, bytes: Buffer): string {
  const dir = join(work, `a-${randomBytes(4).toString('hex')}`);
  mkdirSync(dir, { recursive: true });
  const file = join(dir, name);
  writeFileSync(file, bytes);
  return file;
}

function credsArgs(reg: TestRegistry): string[] {
  return reg.username ? ['--username', reg.username] : [];
}

function credsEnv(reg: TestRegistry): Record<string, string> {
  return reg.password ? { SLIPWAY_PASSWORD: reg.password } : {};
}

describe.each<RegistryAuth>(['none', 'htpasswd', 'token'])('push with %s auth', (auth) => {
  let reg: TestRegistry;
  let baseLayers: string[];

  beforeAll(async () => {
    reg = await startRegistry({ auth });
    await seedBusyboxBase(reg, 'base/busybox:1');
    const base = (await skopeoInspect(`${reg.host}/base/busybox:1`, {
      raw: true,
      creds: reg.creds,
    })) as Manifest;
    baseLayers = base.layers.map((l) => l.digest);
  });
  afterAll(async () => {
    await reg.stop();
  });

  it('adds one layer with the file at its planned path, owner and mode', async () => {
    // Both layer formats reach podman: 200 KB of random bytes go as the bare tar, a file under
    // 64 KiB counts as compressible and goes as gzip.
    const size = auth === 'htpasswd' ? 50_000 : 200_000;
    const layerType =
      size > 65536
        ? 'application/vnd.oci.image.layer.v1.tar'
        : 'application/vnd.oci.image.layer.v1.tar+gzip';
    const file = artifactFile('payload.bin', randomBytes(size));
    const res = await runCli(
      [
        'build',
        '--artifact',
        file,
        '--artifact-path',
        '/opt/connectors/',
        '--base-image',
        `${reg.host}/base/busybox:1`,
        '--image',
        `${reg.host}/team/app`,
        '--tags',
        'v1,latest',
        '--labels',
        'team=data,tier=gold',
        ...credsArgs(reg),
        '--json',
      ],
      { env: credsEnv(reg) },
    );
    expect(res.stderr).not.toContain('error');
    expect(res.code).toBe(0);
    const out = res.json ?? {};
    expect(out.image).toBe(`${reg.host}/team/app:v1`);
    expect(out.tags).toEqual(['v1', 'latest']);
    expect(out.pushed).toBe(true);
    expect(out['image-ref']).toBe(`${reg.host}/team/app@${String(out.digest)}`);

    const pushed = (await skopeoInspect(`${reg.host}/team/app:latest`, {
      raw: true,
      creds: reg.creds,
    })) as Manifest;
    expect(pushed.layers.slice(0, -1).map((l) => l.digest)).toEqual(baseLayers);
    expect(pushed.layers).toHaveLength(baseLayers.length + 1);
    expect(pushed.layers[baseLayers.length].mediaType).toBe(layerType);
    expect(pushed.annotations?.['org.opencontainers.image.base.name']).toBe(
      `${reg.host}/base/busybox:1`,
    );
    const info = (await skopeoInspect(`${reg.host}/team/app:v1`, { creds: reg.creds })) as {
      Labels: Record<string, string>;
      Digest: string;
    };
    expect(info.Labels).toMatchObject({ team: 'data', tier: 'gold' });
    expect(info.Digest).toBe(out.digest);

    const ls = await podmanRun(
      `${reg.host}/team/app:v1`,
      ['stat', '-c', '%u:%g %a %s %n', '/opt/connectors/payload.bin'],
      { creds: reg.creds },
    );
    expect(ls.code).toBe(0);
    expect(ls.stdout.trim()).toBe(`0:0 644 ${size} /opt/connectors/payload.bin`);
  });
});

describe('one registry behind a counting proxy', () => {
  let reg: TestRegistry;
  let proxy: TestProxy;
  let host: string;

  beforeAll(async () => {
    reg = await startRegistry({ auth: 'none' });
    proxy = await startProxy(reg.host);
    host = proxy.host;
    await seedBusyboxBase(reg, 'base/multi:1', { platforms: ['linux/amd64', 'linux/arm64'] });
    await seedBusyboxBase(reg, 'base/busybox:1');
  });
  afterAll(async () => {
    await proxy.stop();
    await reg.stop();
  });

  it('pushes an index for a two-platform base, sharing one new layer uploaded once', async () => {
    const file = artifactFile('big.bin', randomBytes(3 * 1024 * 1024));
    proxy.reset();
    const res = await runCli([
      'build',
      '--artifact',
      file,
      '--artifact-path',
      '/data/',
      '--base-image',
      `${host}/base/multi:1`,
      '--image',
      `${host}/multi/app`,
      '--tags',
      '1',
      '--json',
    ]);
    expect(res.code).toBe(0);
    expect(res.json?.platforms).toEqual(['linux/amd64', 'linux/arm64']);

    const index = (await skopeoInspect(`${reg.host}/multi/app:1`, { raw: true })) as Index;
    expect(index.mediaType).toBe('application/vnd.oci.image.index.v1+json');
    expect(index.manifests.map((m) => m.platform.architecture)).toEqual(['amd64', 'arm64']);
    const base = (await skopeoInspect(`${reg.host}/base/multi:1`, { raw: true })) as Index;
    const newLayers = new Set<string>();
    for (const [i, entry] of index.manifests.entries()) {
      const m = (await skopeoInspect(`${reg.host}/multi/app@${entry.digest}`, {
        raw: true,
      })) as Manifest;
      const b = (await skopeoInspect(`${reg.host}/base/multi@${base.manifests[i].digest}`, {
        raw: true,
      })) as Manifest;
      expect(m.layers.slice(0, -1).map((l) => l.digest)).toEqual(b.layers.map((l) => l.digest));
      newLayers.add(m.layers[m.layers.length - 1].digest);
    }
    expect(newLayers.size).toBe(1);
    // The 3 MiB layer crossed the wire once: uploads total one layer plus two small configs.
    const uploaded = proxy.stats().uploadBytes;
    expect(uploaded).toBeGreaterThan(3 * 1024 * 1024);
    expect(uploaded).toBeLessThan(3 * 1024 * 1024 + 64 * 1024);
  });

  it('mounts or finds the base blobs on the same registry, and a re-run sends no blob bytes', async () => {
    const file = artifactFile('small.bin', randomBytes(10_000));
    const args = [
      'build',
      '--artifact',
      file,
      '--artifact-path',
      '/data/',
      '--base-image',
      `${host}/base/busybox:1`,
      '--image',
      `${host}/other/app`,
      '--tags',
      'x',
      '--json',
    ];
    proxy.reset();
    const first = await runCli(args);
    expect(first.code).toBe(0);
    const mounts = proxy.stats().log.filter((e) => e.url.includes('mount='));
    expect(mounts.length).toBeGreaterThan(0);
    // Only the new layer and the config were uploaded; the base layer was mounted.
    expect(proxy.stats().uploadBytes).toBeLessThan(10_000 + 16 * 1024);

    proxy.reset();
    const second = await runCli(args);
    expect(second.code).toBe(0);
    expect(second.json?.digest).toBe(first.json?.digest);
    expect(second.json?.pushed).toBe(false);
    expect(second.stderr).toMatch(/unchanged/);
    expect(proxy.stats().uploadBytes).toBe(0);
  });

  it('gives the same digest for the same inputs from two clones at different times', async () => {
    const repo = join(work, 'origin');
    mkdirSync(repo, { recursive: true });
    writeFileSync(join(repo, 'fn.py'), 'def process(x):\n    return x\n');
    const git = (cwd: string, ...args: string[]): string =>
      execFileSync('git', args, {
        cwd,
        encoding: 'utf8',
        env: {
          ...process.env,
          GIT_AUTHOR_DATE: '2025-01-02T03:04:05Z',
          GIT_COMMITTER_DATE: '2025-01-02T03:04:05Z',
        },
      });
    git(repo, 'init', '-q');
    git(repo, 'add', '.');
    git(repo, '-c', 'user.email=t@t', '-c', 'user.name=t', 'commit', '-qm', 'one');
    const digests: string[] = [];
    for (const clone of ['c1', 'c2']) {
      const dir = join(work, clone);
      git(work, 'clone', '-q', repo, dir);
      // Different file times in each clone: only the commit time may count.
      utimesSync(
        join(dir, 'fn.py'),
        new Date(),
        new Date(Date.now() - 86_400_000 * (clone === 'c1' ? 1 : 9)),
      );
      const res = await runCli(
        [
          'build',
          '--working-directory',
          dir,
          '--artifact',
          'fn.py',
          '--artifact-path',
          '/pulsar/',
          '--base-image',
          `${host}/base/busybox:1`,
          '--output',
          'none',
          '--json',
        ],
        { env: { SOURCE_DATE_EPOCH: '' } },
      );
      expect(res.code).toBe(0);
      digests.push(String(res.json?.digest));
      await new Promise((r) => setTimeout(r, 1100));
    }
    expect(digests[0]).toMatch(/^sha256:[a-f0-9]{64}$/);
    expect(digests[1]).toBe(digests[0]);

    writeFileSync(join(work, 'c2', 'fn.py'), 'def process(x):\n    return x+1\n');
    const changed = await runCli(
      [
        'build',
        '--working-directory',
        join(work, 'c2'),
        '--artifact',
        'fn.py',
        '--artifact-path',
        '/pulsar/',
        '--base-image',
        `${host}/base/busybox:1`,
        '--output',
        'none',
        '--json',
      ],
      { env: { SOURCE_DATE_EPOCH: '' } },
    );
    expect(changed.code).toBe(0);
    expect(changed.json?.digest).not.toBe(digests[0]);
  });

  it('writes an OCI layout that skopeo copies, with the digest of the same build pushed directly', async () => {
    // 200 KB of random bytes: the bare tar, written into the layout from the file again
    const file = artifactFile('layout.bin', randomBytes(200_000));
    const common = [
      'build',
      '--artifact',
      file,
      '--artifact-path',
      '/data/',
      '--base-image',
      `${host}/base/busybox:1`,
      '--tags',
      'v2',
      '--json',
    ];
    const layoutDir = join(work, 'layout');
    const written = await runCli([...common, '--output', `oci:${layoutDir}`]);
    expect(written.code).toBe(0);
    const pushed = await runCli([...common, '--image', `${host}/direct/app`]);
    expect(pushed.code).toBe(0);
    expect(written.json?.digest).toBe(pushed.json?.digest);

    // skopeo gzips uncompressed layers on the way to a registry unless told to keep the
    // digests; the layout itself is what the test checks.
    const copy = await skopeo([
      'copy',
      '--preserve-digests',
      '--dest-tls-verify=false',
      `oci:${layoutDir}:v2`,
      `docker://${reg.host}/copied/app:v2`,
    ]);
    expect(copy.code).toBe(0);
    const info = (await skopeoInspect(`${reg.host}/copied/app:v2`)) as { Digest: string };
    expect(info.Digest).toBe(pushed.json?.digest);
  });
});

describe('base on a second registry', () => {
  let source: TestRegistry;
  let target: TestRegistry;

  beforeAll(async () => {
    [source, target] = await Promise.all([
      startRegistry({ auth: 'none' }),
      startRegistry({ auth: 'htpasswd' }),
    ]);
    await seedBusyboxBase(source, 'base/busybox:1');
  });
  afterAll(async () => {
    await Promise.all([source.stop(), target.stop()]);
  });

  it('streams the base across and keeps peak RSS under 200 MB for a 1 GB artifact', async () => {
    const file = join(work, 'gig.bin');
    const fd = openSync(file, 'w');
    for (let i = 0; i < 128; i++) writeSync(fd, randomBytes(8 * 1024 * 1024));
    closeSync(fd);
    const res = await run(
      '/usr/bin/time',
      [
        '-f',
        'PEAK_KB=%M',
        process.execPath,
        builtCli(),
        'build',
        '--artifact',
        file,
        '--artifact-path',
        '/data/',
        '--base-image',
        `${source.host}/base/busybox:1`,
        '--image',
        `${target.host}/big/app`,
        '--tags',
        'gig',
        '--username',
        target.username ?? '',
        '--json',
      ],
      {
        env: {
          ...credsEnv(target),
          SOURCE_DATE_EPOCH: '1700000000',
          RUNNER_TEMP: process.env.SLIPWAY_FIXTURE_CACHE ?? '',
        },
        timeoutMs: 300_000,
      },
    );
    expect(res.code).toBe(0);
    const peakKb = Number(/PEAK_KB=(\d+)/.exec(res.stderr)?.[1]);
    console.log(
      `1 GB artifact, base from a second registry: peak RSS ${(peakKb / 1024).toFixed(0)} MiB`,
    );
    expect(peakKb).toBeGreaterThan(10_000);
    expect(peakKb).toBeLessThan(200 * 1024);

    const base = (await skopeoInspect(`${source.host}/base/busybox:1`, { raw: true })) as Manifest;
    const pushed = (await skopeoInspect(`${target.host}/big/app:gig`, {
      raw: true,
      creds: target.creds,
    })) as Manifest;
    const pairs = (layers: Manifest['layers']): string[] =>
      layers.map((l) => `${l.digest}/${l.size}`);
    expect(pairs(pushed.layers.slice(0, -1))).toEqual(pairs(base.layers));
    expect(pushed.layers[pushed.layers.length - 1].size).toBeGreaterThan(1024 * 1024 * 1024);
  });
});
