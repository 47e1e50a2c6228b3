import type { Readable } from 'node:stream';
import { sha256 } from '../../src/image/digest';
import { isIndex } from '../../src/image/image';
import { AMD64, fakeBase, fakeLayer } from '../fixtures/fake-image';
import type { BaseImage, BasePlatformImage } from '../../src/image/image';
import {
  DEFAULT_PATH,
  buildImageOrIndex,
  buildIndex,
  canonicalJson,
  mutateImage,
} from '../../src/image/mutate';
import type { ImageChanges } from '../../src/image/mutate';
import { MediaType } from '../../src/image/types';
import type { ImageConfig, Index, Manifest, Platform } from '../../src/image/types';

const EPOCH = 1700000000;
const CREATED = '2023-11-14T22:13:20Z';
const digestOf = (s: string): string => sha256(s);

/** A Docker-built base as registries serve it: docker media types, legacy config fields. */
function dockerBase(platform: Platform, marker = 'x'): BasePlatformImage {
  return fakeBase({
    platform,
    marker,
    layers: 2,
    docker: true,
    config: {
      Env: ['PATH=/usr/bin:/bin', 'JAVA_HOME=/opt/jdk', 'LANG=C'],
      Cmd: ['sh'],
      WorkingDir: '/pulsar',
      User: '10000',
      Labels: { maintainer: 'base', 'org.opencontainers.image.version': '3.1' },
      ExposedPorts: { '8080/tcp': {} },
    },
    extra: {
      created: '2020-01-01T00:00:00Z',
      container_config: { Cmd: ['/bin/sh', '-c', '#(nop) CMD ["sh"]'] },
      history: [{ created_by: 'ADD rootfs /' }, { created_by: 'COPY x /' }],
    },
  });
}

const ARM64: Platform = { os: 'linux', architecture: 'arm64', variant: 'v8' };

const changes: ImageChanges = {
  env: { LANG: 'C.UTF-8', PULSAR_EXTRA: '$HOME/x' },
  labels: { maintainer: 'me', 'io.airbyte.name': 'airbyte/source-x' },
};

describe('mutateImage on a base', () => {
  const baseImage: BaseImage = {
    name: 'registry.example/base:3.1',
    digest: digestOf('base index'),
    images: [dockerBase(AMD64)],
  };
  const layer = fakeLayer('a');
  const input = {
    base: baseImage,
    image: baseImage.images[0],
    layer,
    changes,
    epoch: EPOCH,
  };
  const built = mutateImage(input);

  test('config keeps the base, applies env/labels with Docker semantics and appends the diff_id', async () => {
    const bytes = await readBlob(built.config.open());
    const cfg = JSON.parse(bytes.toString()) as ImageConfig;
    expect(sha256(bytes)).toBe(built.config.descriptor.digest);
    expect(built.config.descriptor.mediaType).toBe(MediaType.OciConfig);
    expect(cfg.config?.Env).toEqual([
      'PATH=/usr/bin:/bin',
      'JAVA_HOME=/opt/jdk',
      'LANG=C.UTF-8',
      'PULSAR_EXTRA=$HOME/x',
    ]);
    expect(cfg.config?.Labels).toEqual({
      maintainer: 'me',
      'org.opencontainers.image.version': '3.1',
      'io.airbyte.name': 'airbyte/source-x',
    });
    expect(cfg.config?.Cmd).toEqual(['sh']);
    expect(cfg.config?.User).toBe('10000');
    expect(cfg.config?.WorkingDir).toBe('/pulsar');
    expect(cfg.config?.ExposedPorts).toEqual({ '8080/tcp': {} });
    expect(cfg.created).toBe(CREATED);
    expect(cfg.rootfs.diff_ids).toEqual([
      ...baseImage.images[0].config.rootfs.diff_ids,
      layer.diffId,
    ]);
    expect(cfg.rootfs.diff_ids).toHaveLength(built.manifest.layers.length);
    expect(cfg).not.toHaveProperty('container_config');
    expect(cfg).not.toHaveProperty('docker_version');
    expect(cfg.history?.map((h) => h.created_by)).toEqual(['ADD rootfs /', 'COPY x /']);
    const own = [
      { created: '2023-11-14T22:13:20Z', created_by: 'COPY sink.nar /pulsar/connectors/' },
      { created: '2023-11-14T22:13:20Z', created_by: 'ENV LANG', empty_layer: true },
    ];
    const withHistory = mutateImage({ ...input, history: own });
    const histCfg = JSON.parse(
      (await readBlob(withHistory.config.open())).toString(),
    ) as ImageConfig;
    expect(histCfg.history?.slice(-2)).toEqual(own);
    expect(cfg.history?.at(-1)).toEqual({ created: '2023-11-14T22:13:20Z' });
    // history entries that made a layer = layers
    expect(cfg.history?.filter((h) => !h.empty_layer)).toHaveLength(cfg.rootfs.diff_ids.length);
  });

  test('manifest is OCI, keeps base layer digests/sizes (OCI media types) and annotates the base', () => {
    const m = JSON.parse(built.bytes.toString()) as Manifest;
    expect(built.descriptor).toEqual({
      mediaType: MediaType.OciManifest,
      digest: sha256(built.bytes),
      size: built.bytes.length,
      platform: AMD64,
    });
    expect(m.mediaType).toBe(MediaType.OciManifest);
    expect(m.config).toEqual(built.config.descriptor);
    expect(m.layers.map((l) => [l.mediaType, l.digest, l.size])).toEqual([
      ...baseImage.images[0].layers.map((l) => [
        MediaType.OciLayerGzip,
        l.descriptor.digest,
        l.descriptor.size,
      ]),
      [MediaType.OciLayerGzip, layer.descriptor.digest, layer.descriptor.size],
    ]);
    expect(m.annotations).toEqual({
      'org.opencontainers.image.base.name': 'registry.example/base:3.1',
      'org.opencontainers.image.base.digest': baseImage.digest,
      'org.opencontainers.image.created': CREATED,
    });
    // blobs for the writer: base ones keep their origin (for mounts) and open the same bytes
    expect(built.layers[0].origin).toEqual({ registry: 'registry.example', repository: 'base' });
    expect(built.layers[0].descriptor.mediaType).toBe(MediaType.OciLayerGzip);
    expect(built.layers[2]).toBe(layer);
  });

  test('JSON is canonical: no whitespace, sorted keys, same digest for a reordered base', () => {
    const text = built.bytes.toString();
    expect(text).not.toMatch(/\n|": /);
    expect(Object.keys(JSON.parse(text) as object)).toEqual([
      'annotations',
      'config',
      'layers',
      'mediaType',
      'schemaVersion',
    ]);
    const reordered = dockerBase(AMD64);
    reordered.config = Object.fromEntries(
      Object.entries(reordered.config).reverse(),
    ) as ImageConfig;
    const again = mutateImage({ base: baseImage, image: reordered, layer, changes, epoch: EPOCH });
    expect(again.descriptor.digest).toBe(built.descriptor.digest);
    expect(again.config.descriptor.digest).toBe(built.config.descriptor.digest);
  });

  test('ENTRYPOINT resets the base CMD unless CMD is given; WORKDIR resolves like Docker', async () => {
    const entry = mutateImage({
      base: baseImage,
      image: baseImage.images[0],
      layer,
      changes: { entrypoint: ['/airbyte/base.sh'], workdir: 'integration_code', user: 'airbyte' },
      epoch: EPOCH,
    });
    const cfg = JSON.parse((await readBlob(entry.config.open())).toString()) as ImageConfig;
    expect(cfg.config?.Entrypoint).toEqual(['/airbyte/base.sh']);
    expect(cfg.config).not.toHaveProperty('Cmd');
    expect(cfg.config?.WorkingDir).toBe('/pulsar/integration_code');
    expect(cfg.config?.User).toBe('airbyte');
    const both = mutateImage({
      base: baseImage,
      image: baseImage.images[0],
      layer,
      changes: { entrypoint: ['python'], cmd: ['main.py'] },
      epoch: EPOCH,
    });
    const cfg2 = JSON.parse((await readBlob(both.config.open())).toString()) as ImageConfig;
    expect([cfg2.config?.Entrypoint, cfg2.config?.Cmd]).toEqual([['python'], ['main.py']]);
  });

  test('different epoch or layer gives different digests; same inputs the same', () => {
    const same = mutateImage({
      base: baseImage,
      image: baseImage.images[0],
      layer,
      changes,
      epoch: EPOCH,
    });
    expect(same.bytes.equals(built.bytes)).toBe(true);
    const later = mutateImage({
      base: baseImage,
      image: baseImage.images[0],
      layer,
      changes,
      epoch: EPOCH + 1,
    });
    const other = mutateImage({
      base: baseImage,
      image: baseImage.images[0],
      layer: fakeLayer('b'),
      changes,
      epoch: EPOCH,
    });
    expect(new Set([built, later, other].map((b) => b.descriptor.digest)).size).toBe(3);
  });

  test('a base whose diff_ids do not match its layers is refused', () => {
    const broken = dockerBase(AMD64);
    broken.config.rootfs.diff_ids.pop();
    expect(() =>
      mutateImage({ base: baseImage, image: broken, layer, changes, epoch: EPOCH }),
    ).toThrow(/has 2 layers but its config lists 1 diff_ids/);
  });
});

describe('mutateImage on scratch', () => {
  test('empty rootfs plus the layer, default PATH, platform from the input, no base annotations', async () => {
    const layer = fakeLayer('s');
    const built = mutateImage({
      base: { name: 'scratch', images: [] },
      platform: ARM64,
      layer,
      changes: { env: { A: '1' }, entrypoint: ['/fn'] },
      epoch: 0,
    });
    const cfg = JSON.parse((await readBlob(built.config.open())).toString()) as ImageConfig;
    expect(cfg).toMatchObject({
      architecture: 'arm64',
      os: 'linux',
      variant: 'v8',
      created: '1970-01-01T00:00:00Z',
    });
    expect(cfg.rootfs).toEqual({ type: 'layers', diff_ids: [layer.diffId] });
    expect(cfg.config?.Env).toEqual([DEFAULT_PATH, 'A=1']);
    expect(built.manifest.layers).toEqual([layer.descriptor]);
    expect(built.manifest.annotations).toEqual({
      'org.opencontainers.image.created': '1970-01-01T00:00:00Z',
    });
    expect(built.descriptor.platform).toEqual(ARM64);
  });

  test('a config-only change appends no layer', () => {
    const built = mutateImage({
      base: { name: 'b', digest: digestOf('b'), images: [dockerBase(AMD64)] },
      image: dockerBase(AMD64),
      changes: { labels: { a: 'b' } },
      epoch: 0,
    });
    expect(built.manifest.layers).toHaveLength(2);
  });
});

describe('buildIndex and buildImageOrIndex', () => {
  const base: BaseImage = {
    name: 'registry.example/runner:3.1',
    digest: digestOf('idx'),
    images: [dockerBase(AMD64, 'amd'), dockerBase(ARM64, 'arm')],
  };
  const layer = fakeLayer('multi');

  test('the same layer on every platform; the index lists them with platforms and base annotations', () => {
    const artifact = buildImageOrIndex({ base, layer, changes, epoch: EPOCH });
    if (!isIndex(artifact)) throw new Error('expected an index');
    const index = JSON.parse(artifact.bytes.toString()) as Index;
    expect(artifact.descriptor).toEqual({
      mediaType: MediaType.OciIndex,
      digest: sha256(artifact.bytes),
      size: artifact.bytes.length,
    });
    expect(index.mediaType).toBe(MediaType.OciIndex);
    expect(index.manifests.map((d) => d.platform)).toEqual([AMD64, ARM64]);
    expect(index.manifests.map((d) => d.digest)).toEqual(
      artifact.images.map((i) => sha256(i.bytes)),
    );
    expect(index.annotations).toEqual({
      'org.opencontainers.image.base.name': base.name,
      'org.opencontainers.image.base.digest': base.digest,
      'org.opencontainers.image.created': CREATED,
    });
    for (const img of artifact.images) expect(img.layers[img.layers.length - 1]).toBe(layer);
    const again = buildImageOrIndex({ base, layer, changes, epoch: EPOCH });
    expect(again.descriptor.digest).toBe(artifact.descriptor.digest);
  });

  test('manifest-descriptor annotations go on each descriptor of the index; one platform then gets an index', () => {
    const annotations = {
      manifest: {},
      index: {},
      descriptor: { 'org.opencontainers.image.description': 'Counts things, fast' },
    };
    const single = buildImageOrIndex({
      base: { ...base, images: [base.images[0]] },
      layer,
      changes,
      epoch: EPOCH,
      annotations,
    });
    if (!isIndex(single)) throw new Error('expected an index');
    const index = JSON.parse(single.bytes.toString()) as Index;
    expect(index.manifests).toHaveLength(1);
    expect(index.manifests[0].annotations).toEqual(annotations.descriptor);
    expect(index.manifests[0].digest).toBe(single.images[0].descriptor.digest);
    const manifest = JSON.parse(single.images[0].bytes.toString()) as Manifest;
    expect(manifest.annotations).not.toHaveProperty('org.opencontainers.image.description');
  });

  test('annotations: manifest: on each platform manifest, index: on the index; one platform takes both', () => {
    const annotations = {
      manifest: { 'org.opencontainers.image.description': 'Counts things, fast' },
      index: { 'org.opencontainers.image.title': 'counter' },
    };
    const artifact = buildImageOrIndex({ base, layer, changes, epoch: EPOCH, annotations });
    if (!isIndex(artifact)) throw new Error('expected an index');
    const index = JSON.parse(artifact.bytes.toString()) as Index;
    expect(index.annotations).toMatchObject(annotations.index);
    expect(index.annotations).not.toHaveProperty('org.opencontainers.image.description');
    for (const img of artifact.images) {
      const manifest = JSON.parse(img.bytes.toString()) as Manifest;
      expect(manifest.annotations).toMatchObject({
        ...annotations.manifest,
        'org.opencontainers.image.base.name': base.name,
      });
      expect(manifest.annotations).not.toHaveProperty('org.opencontainers.image.title');
    }
    const single = buildImageOrIndex({
      base: { ...base, images: [base.images[0]] },
      layer,
      changes,
      epoch: EPOCH,
      annotations,
    });
    expect(isIndex(single)).toBe(false);
    const manifest = JSON.parse(single.bytes.toString()) as Manifest;
    expect(manifest.annotations).toMatchObject({ ...annotations.manifest, ...annotations.index });
    const plain = buildImageOrIndex({
      base: { ...base, images: [base.images[0]] },
      layer,
      changes,
      epoch: EPOCH,
    });
    const none = buildImageOrIndex({
      base: { ...base, images: [base.images[0]] },
      layer,
      changes,
      epoch: EPOCH,
      annotations: { manifest: {}, index: {} },
    });
    expect(none.descriptor.digest).toBe(plain.descriptor.digest);
  });

  test('one platform gives a manifest unless an index is asked for; scratch builds given platforms', () => {
    const single = { ...base, images: [base.images[0]] };
    expect(isIndex(buildImageOrIndex({ base: single, layer, changes, epoch: 0 }))).toBe(false);
    expect(
      isIndex(buildImageOrIndex({ base: single, layer, changes, epoch: 0, index: true })),
    ).toBe(true);
    const scratch = buildImageOrIndex({
      base: { name: 'scratch', images: [] },
      layer,
      changes,
      epoch: 0,
      platforms: [AMD64, ARM64],
    });
    expect(isIndex(scratch) && scratch.images.map((i) => i.platform)).toEqual([AMD64, ARM64]);
  });

  test('two images of one platform are refused', () => {
    const a = mutateImage({ base, image: base.images[0], layer, changes, epoch: 0 });
    expect(() => buildIndex([a, a], {})).toThrow(/two images for platform/);
  });
});

describe('helpers', () => {
  test('canonicalJson sorts keys deeply and drops undefined', () => {
    expect(
      canonicalJson({ b: 1, a: { d: [3, { z: 1, y: undefined }], c: undefined } }).toString(),
    ).toBe('{"a":{"d":[3,{"z":1}]},"b":1}');
  });
});

async function readBlob(stream: Promise<Readable>): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of await stream) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}
