import { createHash } from 'node:crypto';
import { Transform } from 'node:stream';
import type { TransformCallback } from 'node:stream';
import { RegistryError } from '../transport/errors';
import type { Descriptor } from '../types';

/**
 * Passes bytes through while counting and hashing them; fails the stream when the size or the
 * sha256 differs from the descriptor, so a consumer never completes with the wrong bytes.
 */
export class VerifyingStream extends Transform {
  private readonly hash = createHash('sha256');
  private seen = 0;

  constructor(
    private readonly descriptor: Descriptor,
    /** Where the bytes come from, for the error: "blob sha256:… of ghcr.io/o/r". */
    private readonly source: string,
    private readonly onBytes?: (total: number) => void,
  ) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.seen += chunk.length;
    if (this.seen > this.descriptor.size) {
      callback(
        new RegistryError(
          `${this.source} is longer than the ${this.descriptor.size} bytes its descriptor states; the source is corrupt or changed.`,
        ),
      );
      return;
    }
    this.hash.update(chunk);
    this.onBytes?.(this.seen);
    callback(null, chunk);
  }

  override _flush(callback: TransformCallback): void {
    if (this.seen !== this.descriptor.size) {
      callback(
        // A short body is a broken transfer more often than a broken blob: worth another try.
        new RegistryError(
          `${this.source} ended after ${this.seen} of ${this.descriptor.size} bytes; the source is truncated.`,
          { retryable: true },
        ),
      );
      return;
    }
    const digest = `sha256:${this.hash.digest('hex')}`;
    if (digest !== this.descriptor.digest) {
      callback(
        new RegistryError(
          `${this.source} has digest ${digest}, not ${this.descriptor.digest}; the source is corrupt or changed.`,
        ),
      );
      return;
    }
    callback();
  }
}
