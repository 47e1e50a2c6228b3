// The local engine's output checked by real clients: GNU tar and gunzip read the layer, skopeo
// and umoci read the layout, the registry gets the same digest, and umoci-made layouts serve as
// bases.
import { randomBytes } from 'node:crypto';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { isIndex } from '../../src/image/image';
import type { BaseImage, BuiltImageOrIndex } from '../../src/image/image';
import { buildLayer } from '../../src/image/layer';
import type { BuiltLayer, LayerFile } from '../../src/image/layer';
import { readLayoutBase, writeLayout } from '../../src/image/layout';
import { buildImageOrIndex } from '../../src/image/mutate';
import type { ImageChanges } from '../../src/image/mutate';
import type { Index, Manifest } from '../../src/image/types';
import { skopeoCopy, skopeoInspect } from '../fixtures/clients';
import { buildBusyboxLayout } from '../fixtures/images';
import { makeTempDir, removeTempDir, runOk } from '../fixtures/process';
import { startRegistry } from '../fixtures/registry';
import type { TestRegistry } from '../fixtures/registry';

const EPOCH = 1700000000;
let work: string;
let layer: BuiltLayer;
let registry: TestRegistry;
const changes: ImageChanges = {
  env: { PULSAR_CONNECTOR: 'sink.nar' },
  labels: { 'org.opencontainers.image.title': 'sink' },
};
let files: LayerFile[] = [];

beforeAll(async () => {
  work = await makeTempDir('layout-clients');
  registry = await startRegistry();
  // A real zip made by `zip` (stored by the engine) and a text file (deflated by pako).
  const src = path.join(work, 'src');
  await fsp.mkdir(path.join(src, 'META-INF/services'), { recursive: true });
  await fsp.writeFile(
    path.join(src, 'META-INF/services/pulsar-io.yaml'),
    'name: sink\nsinkClass: a.B\n',
  );
  await fsp.writeFile(path.join(src, 'payload.bin'), randomBytes(256 * 1024));
  await runOk('zip', ['-q', '-r', path.join(work, 'sink.nar'), 'META-INF', 'payload.bin'], {
    cwd: src,
  });
  // ~48 KB of text: enough (over 10 % of the tar) for the layer to stay gzip, not the bare tar
  await fsp.writeFile(
    path.join(work, 'sink.yaml'),
    'configs:\n  topic: persistent://public/default/x\n'.repeat(1000),
  );
  files = [
    {
      path: '/pulsar/connectors/sink.nar',
      source: path.join(work, 'sink.nar'),
      mode: 0o644,
      uid: 10000,
      gid: 10001,
    },
    {
      path: '/pulsar/conf/sink.yaml',
      source: path.join(work, 'sink.yaml'),
      mode: 0o640,
      uid: 10000,
      gid: 10001,
    },
  ];
  layer = await buildLayer(
    {
      files: files,
      directories: [{ path: '/pulsar/connectors', mode: 0o775, uid: 10000, gid: 10001 }],
    },
    { epoch: EPOCH, tmpDir: work },
  );
});

afterAll(async () => {
  await layer?.dispose();
  await registry?.stop();
  if (work) await removeTempDir(work);
});

function blobFile(dir: string, digest: string): string {
  return path.join(dir, 'blobs', 'sha256', digest.slice('sha256:'.length));
}

function digestOf(image: BuiltImageOrIndex): string {
  return image.descriptor.digest;
}

test('GNU tar lists exact owners, modes, mtime and parent dirs; gunzip -t accepts the blob', async () => {
  const dir = path.join(work, 'tar');
  const artifact = buildImageOrIndex({
    base: { name: 'scratch', images: [] },
    layer,
    changes,
    epoch: EPOCH,
  });
  await writeLayout(dir, artifact, 'v1');
  const blob = blobFile(dir, layer.descriptor.digest);
  expect(layer.storedBytes).toBeGreaterThan(256 * 1024); // the zip went into stored blocks
  await runOk('gunzip', ['-t', blob]);
  const { stdout } = await runOk('tar', ['--numeric-owner', '--full-time', '-tvzf', blob], {
    env: { TZ: 'UTC' },
  });
  const lines = stdout
    .trim()
    .split('\n')
    .map((l) => l.replace(/\s+/g, ' ').replace(/ \d+ 2023/, ' SIZE 2023'));
  expect(lines).toEqual([
    'drwxr-xr-x 0/0 SIZE 2023-11-14 22:13:20 pulsar/',
    'drwxr-xr-x 0/0 SIZE 2023-11-14 22:13:20 pulsar/conf/',
    '-rw-r----- 10000/10001 SIZE 2023-11-14 22:13:20 pulsar/conf/sink.yaml',
    'drwxrwxr-x 10000/10001 SIZE 2023-11-14 22:13:20 pulsar/connectors/',
    '-rw-r--r-- 10000/10001 SIZE 2023-11-14 22:13:20 pulsar/connectors/sink.nar',
  ]);
  const names = await runOk('tar', ['-tvzf', blob]);
  // no user or group names, whatever the host's passwd says
  expect(names.stdout).not.toMatch(/root|pulsar\/\S* pulsar/);
});

test('a NAR alone is the bare tar: GNU tar reads it as is, the layout and skopeo agree', async () => {
  const bare = await buildLayer(
    { files: files?.slice(0, 1) ?? [], directories: [] },
    { epoch: EPOCH, tmpDir: work },
  );
  try {
    expect(bare.descriptor.mediaType).toBe('application/vnd.oci.image.layer.v1.tar');
    const dir = path.join(work, 'bare');
    const artifact = buildImageOrIndex({
      base: { name: 'scratch', images: [] },
      layer: bare,
      changes,
      epoch: EPOCH,
    });
    await writeLayout(dir, artifact, 'v1');
    const blob = blobFile(dir, bare.descriptor.digest);
    const { stdout } = await runOk('tar', ['--numeric-owner', '--full-time', '-tvf', blob], {
      env: { TZ: 'UTC' },
    });
    expect(
      stdout
        .trim()
        .split('\n')
        .map((l) => l.replace(/\s+/g, ' ').replace(/ \d+ 2023/, ' SIZE 2023')),
    ).toEqual([
      'drwxr-xr-x 0/0 SIZE 2023-11-14 22:13:20 pulsar/',
      'drwxr-xr-x 0/0 SIZE 2023-11-14 22:13:20 pulsar/connectors/',
      '-rw-r--r-- 10000/10001 SIZE 2023-11-14 22:13:20 pulsar/connectors/sink.nar',
    ]);
    const info = (await skopeoInspect(`oci:${dir}:v1`)) as { Digest: string; Layers: string[] };
    expect(info.Digest).toBe(digestOf(artifact));
    expect(info.Layers).toEqual([bare.diffId]);
  } finally {
    await bare.dispose();
  }
});

test('skopeo and umoci accept the layout; umoci unpack checks the diff_ids', async () => {
  const dir = path.join(work, 'scratch-layout');
  const artifact = buildImageOrIndex({
    base: { name: 'scratch', images: [] },
    layer,
    changes,
    epoch: EPOCH,
  });
  await writeLayout(dir, artifact, 'v1');
  const info = (await skopeoInspect(`oci:${dir}:v1`)) as {
    Digest: string;
    Layers: string[];
    Env: string[];
    Architecture: string;
  };
  expect(info.Digest).toBe(digestOf(artifact));
  expect(info.Layers).toEqual([layer.descriptor.digest]);
  expect(info.Architecture).toBe('amd64');
  expect(info.Env).toContain('PULSAR_CONNECTOR=sink.nar');

  const bundle = path.join(work, 'bundle-scratch');
  await runOk('umoci', ['unpack', '--image', `${dir}:v1`, bundle]);
  const nar = await fsp.stat(path.join(bundle, 'rootfs/pulsar/connectors/sink.nar'));
  expect([nar.uid, nar.gid, (nar.mode & 0o7777).toString(8), nar.mtimeMs / 1000]).toEqual([
    10000,
    10001,
    '644',
    EPOCH,
  ]);
  expect(await fsp.readFile(path.join(bundle, 'rootfs/pulsar/connectors/sink.nar'))).toEqual(
    await fsp.readFile(path.join(work, 'sink.nar')),
  );
});

test('a umoci-made busybox layout as base: annotations, layers kept, pushed digest = layout digest', async () => {
  const baseLayout = await buildBusyboxLayout({ runnerLike: true });
  const base: BaseImage = await readLayoutBase(baseLayout.dir, baseLayout.tag, {
    name: 'oci:busybox:test',
  });
  expect(base.digest).toBe(baseLayout.digest);
  const artifact = buildImageOrIndex({ base, layer, changes, epoch: EPOCH });
  expect(isIndex(artifact)).toBe(false);
  const dir = path.join(work, 'on-busybox');
  await writeLayout(dir, artifact, 'sink');

  const raw = (await skopeoInspect(`oci:${dir}:sink`, { raw: true })) as Manifest;
  expect(raw.annotations).toMatchObject({
    'org.opencontainers.image.base.name': 'oci:busybox:test',
    'org.opencontainers.image.base.digest': baseLayout.digest,
  });
  expect(raw.layers).toHaveLength(base.images[0].layers.length + 1);
  expect(raw.layers.slice(0, -1).map((l) => l.digest)).toEqual(
    base.images[0].layers.map((l) => l.descriptor.digest),
  );

  const bundle = path.join(work, 'bundle-busybox');
  await runOk('umoci', ['unpack', '--image', `${dir}:sink`, bundle]);
  await fsp.access(path.join(bundle, 'rootfs/bin/busybox'));
  await fsp.access(path.join(bundle, 'rootfs/pulsar/connectors/sink.nar'));

  const target = `${registry.host}/engine-local/sink:1`;
  const { digest } = await skopeoCopy(`oci:${dir}:sink`, target, {
    extraArgs: ['--preserve-digests'],
  });
  expect(digest).toBe(digestOf(artifact));
  const remote = (await skopeoInspect(target)) as { Digest: string };
  expect(remote.Digest).toBe(digestOf(artifact));
});

test('a multi-platform base gives an index that skopeo copies whole with the same digest', async () => {
  const baseLayout = await buildBusyboxLayout({ platforms: ['linux/amd64', 'linux/arm64'] });
  const base = await readLayoutBase(baseLayout.dir, baseLayout.tag, { name: 'oci:busybox:multi' });
  expect(base.images.map((i) => i.platform.architecture)).toEqual(['amd64', 'arm64']);
  const artifact = buildImageOrIndex({ base, layer, changes, epoch: EPOCH });
  if (!isIndex(artifact)) throw new Error('expected an index');
  const dir = path.join(work, 'multi');
  await writeLayout(dir, artifact, 'multi');
  const raw = (await skopeoInspect(`oci:${dir}:multi`, { raw: true })) as Index;
  expect(raw.manifests.map((m) => m.platform?.architecture)).toEqual(['amd64', 'arm64']);
  const target = `${registry.host}/engine-local/multi:1`;
  const { digest } = await skopeoCopy(`oci:${dir}:multi`, target, {
    all: true,
    extraArgs: ['--preserve-digests'],
  });
  expect(digest).toBe(artifact.descriptor.digest);
  // and back: a layout skopeo wrote from the registry reads as a base with the same images
  const back = path.join(work, 'back');
  await skopeoCopy(target, `oci:${back}:copy`, { all: true, extraArgs: ['--preserve-digests'] });
  const reread = await readLayoutBase(back, 'copy');
  expect(reread.digest).toBe(artifact.descriptor.digest);
  expect(reread.images.map((i) => i.manifestDescriptor.digest)).toEqual(
    artifact.images.map((i) => i.descriptor.digest),
  );
});
