/**
 * A base layer's tar entries, streamed: the one reader of base-directories and base-files, so
 * both accept what the runtimes accept (gzip or a bare tar, umoci's unpadded layers) and both
 * refuse the same (zstd, which Node 20 cannot inflate; anything that is no tar).
 */
import { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { extract as tarExtract } from 'tar-stream';
import type { Extract } from 'tar-stream';
import type { Blob } from './image';

export interface LayerTar {
  /** Each entry must be drained (read or `resume()`d) before the next one comes. */
  entries: Extract;
  /** Stops listening to the signal and closes the download; call it once, when done or failed. */
  close(): void;
}

/**
 * Opens the layer as a stream of tar entries; undefined when its bytes are no tar Node can read
 * (zstd, an unknown format). An abort of `signal` ends the entries with the signal's reason.
 */
export async function openLayerTar(
  blob: Blob,
  signal: AbortSignal | undefined,
): Promise<LayerTar | undefined> {
  const raw = await blob.open();
  let tar: Readable;
  try {
    tar = padded(await uncompressed(raw));
  } catch (err) {
    raw.destroy();
    if (err instanceof UnknownFormat) return undefined;
    throw err;
  }
  const extract = tarExtract();
  const stop = (): void => extract.destroy(signal?.reason as Error);
  signal?.addEventListener('abort', stop, { once: true });
  tar.on('error', (err) => extract.destroy(err));
  tar.pipe(extract);
  return {
    entries: extract,
    close: () => {
      signal?.removeEventListener('abort', stop);
      raw.destroy();
    },
  };
}

class UnknownFormat extends Error {}

/**
 * The tar with its last block completed by zeros. umoci writes layers that end without the
 * end-of-archive blocks and without padding the last file's data to a whole block; Go's
 * archive/tar, containerd and podman read them, tar-stream calls them "Unexpected end of data".
 * A tar cut short inside a header or a file's data stays an error.
 */
function padded(tar: Readable): Readable {
  async function* withPadding(): AsyncGenerator<Buffer> {
    let length = 0;
    for await (const chunk of tar) {
      length += (chunk as Buffer).length;
      yield chunk as Buffer;
    }
    const partial = length % 512;
    if (partial !== 0) yield Buffer.alloc(512 - partial);
  }
  return Readable.from(withPadding(), { objectMode: false });
}

/** The tar inside a layer blob: gunzipped when its first bytes say gzip, else as it is. */
async function uncompressed(raw: Readable): Promise<Readable> {
  const iterator = raw[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  const chunks: Buffer[] = [];
  let length = 0;
  let ended = false;
  while (length < 512 && !ended) {
    const next = await iterator.next();
    if (next.done) ended = true;
    else {
      chunks.push(next.value);
      length += next.value.length;
    }
  }
  const head = Buffer.concat(chunks);
  async function* all(): AsyncGenerator<Buffer> {
    if (head.length) yield head;
    if (ended) return;
    for (let next = await iterator.next(); !next.done; next = await iterator.next())
      yield next.value;
  }
  const stream = Readable.from(all(), { objectMode: false });
  if (head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b) {
    const gunzip = createGunzip();
    stream.on('error', (err) => gunzip.destroy(err));
    return stream.pipe(gunzip);
  }
  // A tar starts with a header holding "ustar" at 257, or with a zero block (an empty tar).
  const ustar = head.subarray(257, 262).toString('latin1') === 'ustar';
  const zero = head.length >= 512 && head.subarray(0, 512).every((b) => b === 0);
  if (head.length === 0 || ustar || zero) return stream;
  throw new UnknownFormat();
}
