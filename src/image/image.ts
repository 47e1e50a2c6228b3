/**
 * The engine's in-memory model of images being read, built and written. Readers (remote/read,
 * layout) produce BaseImage; mutate turns a BaseImage plus a layer into a BuiltImage; writers
 * (remote/write, layout) take a BuiltImage or BuiltIndex.
 */
import { Readable } from 'node:stream';
import type { Descriptor, Digest, ImageConfig, Index, Manifest, Platform } from './types';

/** Where a blob already lives, so a writer can mount it instead of uploading it. */
export interface BlobOrigin {
  /** Registry host as in references, e.g. "127.0.0.1:5000" or "registry-1.docker.io". */
  registry: string;
  repository: string;
}

/** A content-addressed blob: a descriptor and a way to read exactly its bytes. */
export interface Blob {
  descriptor: Descriptor;
  /** Opens a fresh stream of the bytes; may be called again after a failed transfer. */
  open(): Promise<Readable>;
  origin?: BlobOrigin;
  /** Where this run already made the blob present (remote/stream-upload.ts): a push there skips it. */
  pushedTo?: BlobPlacement;
}

/** A repository a blob was pushed to, and how it got there (for the push's counts). */
export interface BlobPlacement extends BlobOrigin {
  outcome: 'existing' | 'mounted' | 'uploaded';
}

/** One platform's image of a base. */
export interface BasePlatformImage {
  platform: Platform;
  manifestDescriptor: Descriptor;
  manifest: Manifest;
  config: ImageConfig;
  layers: Blob[];
}

export interface BaseImage {
  /** The reference as resolved, e.g. "docker.io/library/busybox:1.36"; "scratch" for no base. */
  name: string;
  /** Digest of what `name` pointed at (the index, or the single manifest); undefined for scratch. */
  digest?: Digest;
  images: BasePlatformImage[];
}

/** A layer built on this machine: a blob plus the digest of its uncompressed tar. */
export interface Layer extends Blob {
  diffId: Digest;
  /** Frees temporary storage behind `open`. */
  dispose(): Promise<void>;
}

/** A manifest ready to be written: exact bytes (the digest is of these) and its blobs. */
export interface BuiltImage {
  platform: Platform;
  manifest: Manifest;
  bytes: Buffer;
  /** Descriptor of the manifest itself (with platform set, for use in an index). */
  descriptor: Descriptor;
  config: Blob;
  layers: Blob[];
}

export interface BuiltIndex {
  index: Index;
  bytes: Buffer;
  descriptor: Descriptor;
  images: BuiltImage[];
}

/** What a build produces: one manifest, or an index of several. */
export type BuiltImageOrIndex = BuiltImage | BuiltIndex;

export function isIndex(image: BuiltImageOrIndex): image is BuiltIndex {
  return 'index' in image;
}

/**
 * Whether registries may receive this blob: foreign (Windows) and non-distributable layers live
 * elsewhere and are only referred to, so they are never pushed, scanned or counted as ours.
 */
export function isDistributable(d: Descriptor): boolean {
  return !/foreign|nondistributable/.test(d.mediaType);
}

/** A blob whose bytes are in memory (configs, manifests, small files). */
export function memoryBlob(descriptor: Descriptor, data: Buffer, origin?: BlobOrigin): Blob {
  return {
    descriptor,
    origin,
    open: () => Promise.resolve(Readable.from([data])),
  };
}
