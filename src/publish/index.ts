/**
 * Where a build goes, chosen once per run: pushed to a registry (default), written as an OCI image
 * layout (`oci:DIR`, needs no registry), or nowhere (`none`, a dry run that still computes the
 * digest). Each destination is one Publisher, as ko's publishers are.
 */
import { resolve } from 'node:path';
import { InputError } from '../core/errors';
import type { TransferCounts } from '../core/result';
import type { BuiltImageOrIndex } from '../image/image';
import type { Reference } from '../image/reference';
import type { LayerStream } from '../image/remote/write';
import type { Transport } from '../image/transport/client';

export type Output = { kind: 'registry' } | { kind: 'oci'; dir: string } | { kind: 'none' };

/** `oci:DIR` is relative to where Slipway runs (not working-directory), like any output path. */
export function parseOutput(value: string): Output {
  if (value === 'registry' || value === 'none') return { kind: value };
  if (value.startsWith('oci:') && value.length > 4) {
    return { kind: 'oci', dir: resolve(value.slice(4)) };
  }
  throw new InputError(
    `Input "output" must be registry, oci:DIR or none (got "${value}"); e.g. output: oci:out/image`,
  );
}

/** One repository an image goes to, and its tags there (`tags` may name several of them). */
export interface PublishTarget {
  repository: Reference;
  tags: string[];
}

/**
 * Where the image is held by digest once its blobs and manifests are written, before any tag
 * points at it: what the checks and signatures that must come first (run/build.ts) work on.
 */
export type Stored =
  | {
      kind: 'registry';
      transport: Transport;
      repositories: Reference[];
      image: BuiltImageOrIndex;
    }
  | { kind: 'oci'; dir: string; image: BuiltImageOrIndex };

/** Runs between "stored by digest" and "tagged"; a throw leaves no tag. */
export type BeforeTags = (stored: Stored) => Promise<void>;

export interface Published {
  /** repo:tag, oci:DIR:tag or nothing (dry run), per reference written for the first target. */
  references: string[];
  /** repo@digest or oci:DIR@digest of what was written (the first target); empty for a dry run. */
  pinned: string;
  /** Every repo@digest (or oci:DIR@digest) that holds the image after this run. */
  stored: string[];
  /** True when this run wrote anything (a registry that already had the image: false). */
  pushed: boolean;
  stats: TransferCounts;
  /** `repo:tag=<outcome>` per tag a registry push decided (publish/if-exists.ts TagOutcome). */
  decisions?: string[];
}

/** Stats of a run that sent nothing (dry run, layout, unchanged). */
export const NOTHING_SENT: TransferCounts = {
  bytesUploaded: 0,
  bytesSkipped: 0,
  blobsUploaded: 0,
  blobsMounted: 0,
  blobsExisting: 0,
};

export interface Publisher {
  readonly output: Output;
  /** Takes the layer while it is built, when the destination gains by it (a first push). */
  layerStream(): LayerStream | undefined;
  /** Stores the image by digest, runs `beforeTags` (when anything was written), then tags it. */
  publish(image: BuiltImageOrIndex, beforeTags?: BeforeTags): Promise<Published>;
}
