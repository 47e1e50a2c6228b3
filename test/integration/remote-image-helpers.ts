/**
 * Tiny hand-built images for the remote tests: a gzip layer made with tar-stream and node:zlib,
 * a config and a manifest. (The real layer builder lives in src/image/layer.ts; these tests must
 * not depend on it.)
 */
import { gzipSync } from 'node:zlib';
import { pack } from 'tar-stream';
import { sha256 } from '../../src/image/digest';
import type { BasePlatformImage, Blob, BuiltImage, BuiltIndex } from '../../src/image/image';
import { memoryBlob } from '../../src/image/image';
import type { Descriptor, ImageConfig, Index, Manifest, Platform } from '../../src/image/types';
import { MediaType } from '../../src/image/types';

export interface TestLayer {
  blob: Blob;
  diffId: string;
  gz: Buffer;
}

export async function tarOf(files: Record<string, string | Buffer>): Promise<Buffer> {
  const p = pack();
  const chunks: Buffer[] = [];
  p.on('data', (c: unknown) => void chunks.push(c as Buffer));
  const done = new Promise<void>((resolve, reject) => {
    p.on('end', resolve);
    p.on('error', reject);
  });
  for (const [name, content] of Object.entries(files).sort(([a], [b]) => a.localeCompare(b))) {
    p.entry({ name, mode: 0o644, mtime: new Date(0), uid: 0, gid: 0 }, content);
  }
  p.finalize();
  await done;
  return Buffer.concat(chunks);
}

export async function testLayer(files: Record<string, string | Buffer>): Promise<TestLayer> {
  const tar = await tarOf(files);
  const gz = gzipSync(tar, { level: 1 });
  const descriptor: Descriptor = {
    mediaType: MediaType.OciLayerGzip,
    digest: sha256(gz),
    size: gz.length,
  };
  return { blob: memoryBlob(descriptor, gz), diffId: sha256(tar), gz };
}

function jsonBytes(value: unknown): Buffer {
  return Buffer.from(JSON.stringify(value));
}

/** An image of `layers` on top of an optional base platform image. */
export function testImage(
  platform: Platform,
  layers: TestLayer[],
  base?: BasePlatformImage,
  cmd: string[] = ['/bin/sh'],
): BuiltImage {
  const config: ImageConfig = {
    ...(base?.config ?? {}),
    architecture: platform.architecture,
    os: platform.os,
    ...(platform.variant ? { variant: platform.variant } : {}),
    config: { ...(base?.config.config ?? {}), Cmd: cmd },
    rootfs: {
      type: 'layers',
      diff_ids: [...(base?.config.rootfs.diff_ids ?? []), ...layers.map((l) => l.diffId)],
    },
  };
  const configBytes = jsonBytes(config);
  const configBlob = memoryBlob(
    { mediaType: MediaType.OciConfig, digest: sha256(configBytes), size: configBytes.length },
    configBytes,
  );
  const allLayers = [...(base?.layers ?? []), ...layers.map((l) => l.blob)];
  const manifest: Manifest = {
    schemaVersion: 2,
    mediaType: MediaType.OciManifest,
    config: configBlob.descriptor,
    layers: allLayers.map((b) => b.descriptor),
  };
  const bytes = jsonBytes(manifest);
  return {
    platform,
    manifest,
    bytes,
    descriptor: {
      mediaType: MediaType.OciManifest,
      digest: sha256(bytes),
      size: bytes.length,
      platform,
    },
    config: configBlob,
    layers: allLayers,
  };
}

export function testIndex(images: BuiltImage[]): BuiltIndex {
  const index: Index = {
    schemaVersion: 2,
    mediaType: MediaType.OciIndex,
    manifests: images.map((i) => i.descriptor),
  };
  const bytes = jsonBytes(index);
  return {
    index,
    bytes,
    descriptor: { mediaType: MediaType.OciIndex, digest: sha256(bytes), size: bytes.length },
    images,
  };
}

export const AMD64: Platform = { os: 'linux', architecture: 'amd64' };
export const ARM64: Platform = { os: 'linux', architecture: 'arm64', variant: 'v8' };
