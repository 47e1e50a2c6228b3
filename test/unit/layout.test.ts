import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { sha256 } from '../../src/image/digest';
import { isIndex } from '../../src/image/image';
import type { BaseImage, BuiltImage, Layer } from '../../src/image/image';
import { buildLayer } from '../../src/image/layer';
import { parseLayoutReference, readLayoutBase, writeLayout } from '../../src/image/layout';
import { buildImageOrIndex, mutateImage } from '../../src/image/mutate';
import type { Index } from '../../src/image/types';

let work: string;
let layer: Layer;
const scratch: BaseImage = { name: 'scratch', images: [] };

beforeAll(async () => {
  work = await fsp.mkdtemp(path.join(os.tmpdir(), 'slipway-layout-test-'));
  const src = path.join(work, 'fn.py');
  await fsp.writeFile(src, 'def process(x):\n    return x\n');
  layer = await buildLayer(
    {
      files: [{ path: '/pulsar/fn.py', source: src, mode: 0o644, uid: 10000, gid: 10001 }],
      directories: [],
    },
    { epoch: 0, tmpDir: work },
  );
});
afterAll(async () => {
  await layer.dispose();
  await fsp.rm(work, { recursive: true, force: true });
});

function image(label: string): BuiltImage {
  return mutateImage({
    base: scratch,
    platform: { os: 'linux', architecture: 'amd64' },
    layer,
    changes: { labels: { which: label } },
    epoch: 0,
  });
}

async function readIndex(dir: string): Promise<Index> {
  return JSON.parse(await fsp.readFile(path.join(dir, 'index.json'), 'utf8')) as Index;
}

async function blobFiles(dir: string): Promise<string[]> {
  return (await fsp.readdir(path.join(dir, 'blobs', 'sha256'))).sort();
}

describe('writeLayout', () => {
  test('writes oci-layout, every blob by digest and index.json with the tag', async () => {
    const dir = path.join(work, 'one');
    const built = image('a');
    const result = await writeLayout(dir, built, 'v1');
    expect(JSON.parse(await fsp.readFile(path.join(dir, 'oci-layout'), 'utf8'))).toEqual({
      imageLayoutVersion: '1.0.0',
    });
    const expected = [built.descriptor, built.config.descriptor, layer.descriptor]
      .map((d) => d.digest.slice(7))
      .sort();
    expect(await blobFiles(dir)).toEqual(expected);
    for (const hex of expected) {
      expect(sha256(await fsp.readFile(path.join(dir, 'blobs', 'sha256', hex)))).toBe(
        `sha256:${hex}`,
      );
    }
    // exactly the bytes a push sends: the manifest file is artifact.bytes
    expect(
      (
        await fsp.readFile(path.join(dir, 'blobs', 'sha256', built.descriptor.digest.slice(7)))
      ).equals(built.bytes),
    ).toBe(true);
    const index = await readIndex(dir);
    expect(index.manifests).toEqual([
      { ...built.descriptor, annotations: { 'org.opencontainers.image.ref.name': 'v1' } },
    ]);
    expect(result).toMatchObject({ written: 3, existing: 0 });
  });

  test('merges: other tags stay, the same tag is replaced, existing blobs are not rewritten', async () => {
    const dir = path.join(work, 'merge');
    const a = image('a');
    const b = image('b');
    const c = image('c');
    await writeLayout(dir, a, 'a');
    const second = await writeLayout(dir, b, 'b');
    expect(second).toMatchObject({ written: 2, existing: 1 }); // the layer was there
    await writeLayout(dir, c, 'a');
    const index = await readIndex(dir);
    expect(
      index.manifests.map((d) => [d.annotations?.['org.opencontainers.image.ref.name'], d.digest]),
    ).toEqual([
      ['b', b.descriptor.digest],
      ['a', c.descriptor.digest],
    ]);
    const files = await fsp.readdir(path.join(dir, 'blobs', 'sha256'));
    expect(files.filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  test('a blob whose bytes do not match its descriptor is not written', async () => {
    const dir = path.join(work, 'bad');
    const good = image('x');
    const lying: BuiltImage = {
      ...good,
      layers: [{ ...layer, descriptor: { ...layer.descriptor, digest: sha256('something else') } }],
    };
    await expect(writeLayout(dir, lying, 'x')).rejects.toThrow(
      /Writing blob sha256:[0-9a-f]+ .* failed: blob sha256:[0-9a-f]+ has digest sha256:[0-9a-f]+, not/,
    );
    expect((await blobFiles(dir)).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    await expect(fsp.access(path.join(dir, 'index.json'))).rejects.toThrow();
  });

  test('concurrent writers to one layout keep every tag', async () => {
    const dir = path.join(work, 'concurrent');
    const tags = Array.from({ length: 16 }, (_, i) => `t${i}`);
    const built = tags.map((tag) => image(tag));
    await Promise.all(built.map((b, i) => writeLayout(dir, b, tags[i])));
    const index = await readIndex(dir);
    const byTag = new Map(
      index.manifests.map((d) => [d.annotations?.['org.opencontainers.image.ref.name'], d.digest]),
    );
    expect([...byTag.keys()].sort()).toEqual([...tags].sort());
    tags.forEach((tag, i) => expect(byTag.get(tag)).toBe(built[i].descriptor.digest));
    expect((await fsp.readdir(dir)).sort()).toEqual(['blobs', 'index.json', 'oci-layout']);
  });

  test('a lock left by a killed writer is taken over once stale; a fresh one is waited for', async () => {
    const dir = path.join(work, 'stale');
    await writeLayout(dir, image('a'), 'a');
    const lock = path.join(dir, 'index.json.lock');
    await fsp.writeFile(lock, '999999 dead\n');
    const old = new Date(Date.now() - 60_000);
    await fsp.utimes(lock, old, old);
    await writeLayout(dir, image('b'), 'b');
    expect((await readIndex(dir)).manifests).toHaveLength(2);
    await expect(fsp.access(lock)).rejects.toThrow();

    // A live lock: the writer waits until it is released, then merges.
    await fsp.writeFile(lock, '1 live\n');
    let done = false;
    const pending = writeLayout(dir, image('c'), 'c').then(() => {
      done = true;
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(done).toBe(false);
    await fsp.rm(lock);
    await pending;
    expect((await readIndex(dir)).manifests).toHaveLength(3);
  });

  test('refuses a directory with another layout version', async () => {
    const dir = path.join(work, 'v2');
    await fsp.mkdir(dir, { recursive: true });
    await fsp.writeFile(path.join(dir, 'oci-layout'), '{"imageLayoutVersion":"2.0.0"}');
    await expect(writeLayout(dir, image('a'), 't')).rejects.toThrow(/version 2.0.0, not 1.0.0/);
  });
});

describe('readLayoutBase', () => {
  test('reads back a single image written by writeLayout, layers stream from the files', async () => {
    const dir = path.join(work, 'read1');
    const built = image('r');
    await writeLayout(dir, built, 'latest');
    const base = await readLayoutBase(dir, 'latest');
    expect(base.name).toBe(`oci:${dir}:latest`);
    expect(base.digest).toBe(built.descriptor.digest);
    expect(base.images).toHaveLength(1);
    const [img] = base.images;
    expect(img.platform).toEqual({ os: 'linux', architecture: 'amd64' });
    expect(img.config.config?.Labels).toEqual({ which: 'r' });
    expect(img.layers.map((l) => l.descriptor)).toEqual([layer.descriptor]);
    const chunks: Buffer[] = [];
    for await (const c of await img.layers[0].open()) chunks.push(c as Buffer);
    expect(sha256(Buffer.concat(chunks))).toBe(layer.descriptor.digest);
    // without a tag, a one-image layout is fine
    expect((await readLayoutBase(dir)).digest).toBe(built.descriptor.digest);
  });

  test('reads an index with its platforms, and a build on top of it writes again', async () => {
    const dir = path.join(work, 'read-index');
    const multi = buildImageOrIndex({
      base: scratch,
      layer,
      changes: {},
      epoch: 0,
      platforms: [
        { os: 'linux', architecture: 'amd64' },
        { os: 'linux', architecture: 'arm64' },
      ],
    });
    expect(isIndex(multi)).toBe(true);
    await writeLayout(dir, multi, 'multi');
    const base = await readLayoutBase(dir, 'multi', { name: 'oci:base:multi' });
    expect(base.images.map((i) => i.platform.architecture)).toEqual(['amd64', 'arm64']);
    const next = buildImageOrIndex({ base, layer, changes: { env: { X: '1' } }, epoch: 0 });
    if (!isIndex(next)) throw new Error('expected an index');
    expect(next.images[0].manifest.annotations?.['org.opencontainers.image.base.name']).toBe(
      'oci:base:multi',
    );
    expect(next.images[0].manifest.layers).toHaveLength(2);
    await writeLayout(dir, next, 'next');
    expect((await readIndex(dir)).manifests).toHaveLength(2);
  });

  test('a corrupted layer fails while streamed', async () => {
    const dir = path.join(work, 'corrupt');
    await writeLayout(dir, image('c'), 'c');
    const file = path.join(dir, 'blobs', 'sha256', layer.descriptor.digest.slice(7));
    const bytes = await fsp.readFile(file);
    bytes[bytes.length - 1] ^= 0xff;
    await fsp.writeFile(file, bytes);
    const base = await readLayoutBase(dir, 'c');
    const drain = async (): Promise<void> => {
      for await (const _ of await base.images[0].layers[0].open()) void _;
    };
    await expect(drain()).rejects.toThrow(
      /blob sha256:[0-9a-f]+ in the OCI layout .* has digest sha256:[0-9a-f]+, not/,
    );
  });

  test('errors name the directory and the fix', async () => {
    await expect(readLayoutBase(path.join(work, 'nope'))).rejects.toThrow(
      /is not an OCI image layout \(it has no oci-layout file\)/,
    );
    const dir = path.join(work, 'tags');
    await writeLayout(dir, image('1'), 'one');
    await writeLayout(dir, image('2'), 'two');
    await expect(readLayoutBase(dir, 'three')).rejects.toThrow(
      /has no image tagged "three"; it has one, two/,
    );
    await expect(readLayoutBase(dir)).rejects.toThrow(
      /holds 2 images; name one as oci:.*:TAG \(tags: one, two\)/,
    );
  });
});

describe('parseLayoutReference', () => {
  test('splits at the first colon like skopeo', () => {
    expect(parseLayoutReference('oci:out/layout:v1')).toEqual({ dir: 'out/layout', tag: 'v1' });
    expect(parseLayoutReference('oci:/abs/dir')).toEqual({ dir: '/abs/dir', tag: undefined });
    expect(parseLayoutReference('oci:dir:repo:tag')).toEqual({ dir: 'dir', tag: 'repo:tag' });
    expect(() => parseLayoutReference('oci:')).toThrow(/names no directory/);
    expect(() => parseLayoutReference('oci:dir:')).toThrow(/names no tag/);
  });
});
