/**
 * image/docker-archive.ts against archives shaped like `docker save` output: the legacy layout
 * (podman's Docker API, Docker before 25), Docker 25's links into blobs/sha256/, and archives that
 * lie (a layer that is not the one the config lists, a name that leaves the archive).
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { pack as tarPack } from 'tar-stream';
import { readDockerArchive } from '../../src/image/docker-archive';
import { memoryBlob } from '../../src/image/image';
import type { BasePlatformImage } from '../../src/image/image';
import { sha256 } from '../../src/image/digest';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'docker-archive-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

type Entry = { name: string; data?: Buffer | string; link?: string };

async function archive(name: string, entries: Entry[]): Promise<string> {
  const pack = tarPack();
  for (const e of entries) {
    if (e.link) pack.entry({ name: e.name, type: 'symlink', linkname: e.link });
    else pack.entry({ name: e.name }, e.data ?? '');
  }
  pack.finalize();
  const chunks: Buffer[] = [];
  for await (const c of pack) chunks.push(c as Buffer);
  const path = join(dir, name);
  writeFileSync(path, Buffer.concat(chunks));
  return path;
}

/** A one-file layer tar. */
async function layerTar(file: string): Promise<Buffer> {
  const pack = tarPack();
  pack.entry({ name: file }, `${file}\n`);
  pack.finalize();
  const chunks: Buffer[] = [];
  for await (const c of pack) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

const hex = (b: Buffer) => createHash('sha256').update(b).digest('hex');

function config(diffIds: string[]): Buffer {
  return Buffer.from(
    JSON.stringify({
      architecture: 'amd64',
      os: 'linux',
      rootfs: { type: 'layers', diff_ids: diffIds },
    }),
  );
}

test('legacy layout: the base layer comes from the base, the new one is gzipped', async () => {
  const baseTar = await layerTar('base.txt');
  const newTar = await layerTar('new.txt');
  const cfg = config([sha256(baseTar), sha256(newTar)]);
  const path = await archive('legacy.tar', [
    { name: `${hex(baseTar)}.tar`, data: baseTar },
    { name: `${hex(newTar)}.tar`, data: newTar },
    { name: `${hex(cfg)}.json`, data: cfg },
    {
      name: 'manifest.json',
      data: JSON.stringify([
        {
          Config: `${hex(cfg)}.json`,
          RepoTags: ['x:1'],
          Layers: [`${hex(baseTar)}.tar`, `${hex(newTar)}.tar`],
        },
      ]),
    },
  ]);
  const baseBlob = memoryBlob(
    {
      mediaType: 'application/vnd.docker.image.rootfs.diff.tar.gzip',
      digest: sha256('gz'),
      size: 2,
    },
    Buffer.from('gz'),
    { registry: 'r.example', repository: 'base' },
  );
  const base = {
    layers: [baseBlob],
    config: { rootfs: { type: 'layers', diff_ids: [sha256(baseTar)] } },
  } as unknown as BasePlatformImage;
  const image = await readDockerArchive(path, { bases: [base], tmpDir: join(dir, 'gz1') });
  expect(image.platform).toEqual({ os: 'linux', architecture: 'amd64' });
  expect(image.config.descriptor.digest).toBe(sha256(cfg));
  const [first, second] = image.layers;
  expect(first.descriptor).toEqual({
    mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip',
    digest: sha256('gz'),
    size: 2,
  });
  expect(first.origin).toEqual({ registry: 'r.example', repository: 'base' });
  expect(second.descriptor.mediaType).toBe('application/vnd.oci.image.layer.v1.tar+gzip');
  const chunks: Buffer[] = [];
  for await (const c of await second.open()) chunks.push(c as Buffer);
  const gz = Buffer.concat(chunks);
  expect(second.descriptor.digest).toBe(sha256(gz));
  expect(gunzipSync(gz)).toEqual(newTar);
  expect(image.descriptor.digest).toBe(sha256(image.bytes));
});

test("Docker 25's <id>/layer.tar links into blobs/sha256/ are followed inside the archive", async () => {
  const newTar = await layerTar('only.txt');
  const cfg = config([sha256(newTar)]);
  const path = await archive('oci.tar', [
    { name: `blobs/sha256/${hex(newTar)}`, data: newTar },
    { name: `blobs/sha256/${hex(cfg)}`, data: cfg },
    { name: 'abc/layer.tar', link: `../blobs/sha256/${hex(newTar)}` },
    {
      name: 'manifest.json',
      data: JSON.stringify([{ Config: `blobs/sha256/${hex(cfg)}`, Layers: ['abc/layer.tar'] }]),
    },
  ]);
  const image = await readDockerArchive(path, { tmpDir: join(dir, 'gz2') });
  expect(image.layers).toHaveLength(1);
});

test('a layer that is not the one the config lists is refused', async () => {
  const tarA = await layerTar('a.txt');
  const tarB = await layerTar('b.txt');
  const cfg = config([sha256(tarA)]);
  const path = await archive('lie.tar', [
    { name: 'layer.tar', data: tarB },
    { name: 'config.json', data: cfg },
    {
      name: 'manifest.json',
      data: JSON.stringify([{ Config: 'config.json', Layers: ['layer.tar'] }]),
    },
  ]);
  await expect(readDockerArchive(path, { tmpDir: join(dir, 'gz3') })).rejects.toThrow(
    /the layer layer\.tar is not the one its config lists/,
  );
});

test('names and links that leave the archive are never followed', async () => {
  const tarA = await layerTar('a.txt');
  const cfg = config([sha256(tarA)]);
  const path = await archive('escape.tar', [
    { name: 'config.json', data: cfg },
    { name: 'evil/layer.tar', link: '../../../etc/passwd' },
    {
      name: 'manifest.json',
      data: JSON.stringify([{ Config: 'config.json', Layers: ['evil/layer.tar'] }]),
    },
  ]);
  await expect(readDockerArchive(path, { tmpDir: join(dir, 'gz4') })).rejects.toThrow(
    /lacks evil\/layer\.tar; build the image again/,
  );
});
