/**
 * An image read back from `docker save`: what Slipway pushes itself when the docker CLI built it,
 * so that the image goes up by digest, is signed and checked, and only then tagged, as a native
 * build is (docker's own `push` writes the tags at once). Docker (and a podman engine behind the
 * Docker API) saves the docker-archive format: `manifest.json` names the config and each layer's
 * uncompressed tar; Docker 25 and later put those files under `blobs/sha256/` of an OCI layout in
 * the same archive, which `manifest.json` names just the same.
 *
 * The layers the base already has (by diff id) are taken from the base as the registry holds
 * them, so they are mounted or found, never compressed and sent again; the others are gzipped
 * once into `tmpDir`. The archive is read twice: once for its small files (headers only for the
 * rest), once for the new layers only.
 */
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream, promises as fs } from 'node:fs';
import { join, posix } from 'node:path';
import { Transform } from 'node:stream';
import type { TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import { extract as tarExtract } from 'tar-stream';
import { RunError } from '../core/errors';
import type { BasePlatformImage, Blob, BuiltImage } from './image';
import { memoryBlob } from './image';
import { imageOf, ociBlob } from './mutate';
import { sha256 } from './digest';
import { MediaType } from './types';
import type { Descriptor, Digest, ImageConfig, Manifest } from './types';

/** The files of an archive worth holding in memory: manifest.json and the config. */
const SMALL_FILE = 4 * 1024 * 1024;

export interface DockerArchiveOptions {
  /** The base's images: the layers the image shares with one of them are taken from it. */
  bases?: readonly BasePlatformImage[];
  /** Where the new layers are gzipped; removed by the caller. */
  tmpDir: string;
}

interface ArchiveIndex {
  /** Regular files by name: their size, and their bytes when small. */
  files: Map<string, { size: number; bytes?: Buffer }>;
  /** Symbolic links by name, as the archive-relative path they point at. */
  links: Map<string, string>;
}

export async function readDockerArchive(
  archive: string,
  opts: DockerArchiveOptions,
): Promise<BuiltImage> {
  const index = await indexArchive(archive);
  const what = `the image docker saved (${archive})`;
  const entry = parseSaveManifest(file(index, 'manifest.json', what), what);
  const configBytes = file(index, entry.Config, what);
  const config = JSON.parse(configBytes.toString('utf8')) as ImageConfig;
  const diffIds = config.rootfs?.diff_ids ?? [];
  if (diffIds.length !== entry.Layers.length) {
    throw new RunError(
      `${what} lists ${entry.Layers.length} layers but its config ${diffIds.length} diff_ids; build the image again`,
    );
  }
  const fromBase = new Map<string, Blob>();
  for (const base of opts.bases ?? []) {
    base.config.rootfs.diff_ids.forEach((d, i) => {
      const blob = base.layers[i];
      if (blob) fromBase.set(d, ociBlob(blob));
    });
  }
  const wanted = new Map<string, Digest>();
  entry.Layers.forEach((name, i) => {
    if (!fromBase.has(diffIds[i])) wanted.set(resolve(index, name, what), diffIds[i]);
  });
  const made = await gzipLayers(archive, wanted, opts.tmpDir, what);
  const layers = entry.Layers.map((name, i): Blob => {
    const shared = fromBase.get(diffIds[i]);
    if (shared) return shared;
    const gz = made.get(resolve(index, name, what));
    if (!gz) throw new RunError(`${what} lacks its layer ${name}; build the image again`);
    return gz;
  });

  const configBlob = memoryBlob(
    { mediaType: MediaType.OciConfig, digest: sha256(configBytes), size: configBytes.length },
    configBytes,
  );
  const manifest: Manifest = {
    schemaVersion: 2,
    mediaType: MediaType.OciManifest,
    config: configBlob.descriptor,
    layers: layers.map((l) => l.descriptor),
  };
  const platform = {
    os: config.os,
    architecture: config.architecture,
    ...(config.variant ? { variant: config.variant } : {}),
  };
  return imageOf(platform, manifest, configBlob, layers);
}

interface SaveManifestEntry {
  Config: string;
  Layers: string[];
}

function parseSaveManifest(bytes: Buffer, what: string): SaveManifestEntry {
  const parsed: unknown = JSON.parse(bytes.toString('utf8'));
  const entries = Array.isArray(parsed) ? (parsed as Partial<SaveManifestEntry>[]) : [];
  const [entry] = entries;
  if (
    entries.length !== 1 ||
    typeof entry.Config !== 'string' ||
    !Array.isArray(entry.Layers) ||
    !entry.Layers.every((l) => typeof l === 'string')
  ) {
    throw new RunError(
      `${what} has no manifest.json naming one image's config and layers; build the image again`,
    );
  }
  return { Config: entry.Config, Layers: entry.Layers };
}

/** An archive name with its links followed (Docker 25 links <id>/layer.tar into blobs/). */
function resolve(index: ArchiveIndex, name: string, what: string): string {
  let current = name;
  for (let hops = 0; hops < 8; hops++) {
    if (index.files.has(current)) return current;
    const target = index.links.get(current);
    if (target === undefined) break;
    current = target;
  }
  throw new RunError(`${what} lacks ${name}; build the image again`);
}

function file(index: ArchiveIndex, name: string, what: string): Buffer {
  const bytes = index.files.get(resolve(index, name, what))?.bytes;
  if (!bytes) throw new RunError(`${what}: ${name} is too big for a manifest or config`);
  return bytes;
}

/**
 * A name inside the archive, normalised; undefined for one that leaves it (absolute, or `..`
 * going above the top): such an entry is never used.
 */
function archiveName(name: string, from = ''): string | undefined {
  const joined = posix.normalize(posix.join(posix.dirname(from || '.'), name));
  if (posix.isAbsolute(name) || joined.startsWith('..') || joined === '.') return undefined;
  return joined.replace(/^\.\//, '');
}

/** Every entry's name and size, the small files' bytes and the links. */
async function indexArchive(archive: string): Promise<ArchiveIndex> {
  const index: ArchiveIndex = { files: new Map(), links: new Map() };
  await eachEntry(archive, async (header, body) => {
    const name = archiveName(header.name);
    if (name === undefined) return void body.resume();
    if (header.type === 'symlink' && header.linkname) {
      const target = archiveName(header.linkname, name);
      if (target !== undefined) index.links.set(name, target);
      return void body.resume();
    }
    if (header.type !== 'file') return void body.resume();
    const size = header.size ?? 0;
    if (size > SMALL_FILE || name.endsWith('.tar')) {
      index.files.set(name, { size });
      return void body.resume();
    }
    const chunks: Buffer[] = [];
    for await (const chunk of body) chunks.push(chunk as Buffer);
    index.files.set(name, { size, bytes: Buffer.concat(chunks) });
  });
  return index;
}

/** The wanted layers (archive name → diff id), each gzipped into `tmpDir` as a blob. */
async function gzipLayers(
  archive: string,
  wanted: ReadonlyMap<string, Digest>,
  tmpDir: string,
  what: string,
): Promise<Map<string, Blob>> {
  const made = new Map<string, Blob>();
  if (wanted.size === 0) return made;
  await fs.mkdir(tmpDir, { recursive: true });
  await eachEntry(archive, async (header, body) => {
    const name = archiveName(header.name);
    const diffId = name === undefined ? undefined : wanted.get(name);
    if (name === undefined || diffId === undefined || made.has(name)) return void body.resume();
    const path = join(tmpDir, `layer-${made.size}.tar.gz`);
    const tar = new Digesting();
    const gz = new Digesting();
    await pipeline(body, tar, createGzip(), gz, createWriteStream(path));
    if (tar.digest() !== diffId) {
      throw new RunError(
        `${what}: the layer ${name} is not the one its config lists (${diffId}); build the image again`,
      );
    }
    const descriptor: Descriptor = {
      mediaType: MediaType.OciLayerGzip,
      digest: gz.digest(),
      size: gz.size,
    };
    made.set(name, {
      descriptor,
      open: () => Promise.resolve(createReadStream(path, { highWaterMark: 1024 * 1024 })),
    });
  });
  return made;
}

/** Passes bytes on and takes their sha256 and size. */
class Digesting extends Transform {
  private readonly hash = createHash('sha256');
  size = 0;

  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    this.hash.update(chunk);
    this.size += chunk.length;
    done(null, chunk);
  }

  digest(): Digest {
    return `sha256:${this.hash.digest('hex')}`;
  }
}

/** A tar entry's content: read it, or resume() it to skip it. */
type EntryBody = AsyncIterable<unknown> & { resume(): unknown };
type EntryHeader = { name: string; type?: string | null; size?: number; linkname?: string | null };

/** Calls `each` for every entry of the tar in order; `each` must drain the body. */
async function eachEntry(
  archive: string,
  each: (header: EntryHeader, body: EntryBody) => Promise<void> | void,
): Promise<void> {
  const extract = tarExtract();
  const source = createReadStream(archive, { highWaterMark: 1024 * 1024 });
  source.on('error', (err) => extract.destroy(err));
  source.pipe(extract);
  for await (const entry of extract) {
    await each(entry.header, entry);
  }
}
