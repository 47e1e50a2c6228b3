/**
 * Deterministic gzip for layers: the same tar bytes give the same gzip bytes on every Node version.
 * Loaded only when a layer is gzipped (layer.ts imports it on demand): pako is ~0.1 MB to parse.
 *
 * Node's zlib cannot give that promise: Node bundles Chromium's zlib fork, whose deflate emits
 * different bytes than upstream zlib and changes between Node releases. So:
 *
 * - compressible bytes are deflated with `pako` (pure JavaScript, a port of zlib 1.2.8 whose output
 *   has not changed since pako 1.0);
 * - already-compressed bytes (JAR, NAR, zip, wheel, gz…) go into STORED deflate blocks. Deflating
 *   them costs seconds per 100 MB and gains about nothing. Stored framing is written by hand here
 *   because no library offers "gzip with stored blocks" other than zlib level 0, whose block sizes
 *   depend on zlib's internal buffers (and so on the zlib build): RFC 1951 §3.2.4 stored blocks are
 *   5 bytes of header per ≤65535 bytes, trivially the same everywhere.
 *
 * One gzip member holds one raw deflate stream that may switch between pako segments and stored
 * segments. Each pako segment uses a fresh deflater ended with a sync flush, so it never refers
 * back to bytes before it (its matches are relative to its own output, which the inflater sees
 * contiguously), and ends byte-aligned, where a stored block may start. The header and trailer
 * (CRC-32, size) are written here too, with no name, mtime 0 and a fixed OS byte.
 *
 * The bytes are a pure function of (tar bytes, which ranges are stored, pako level): they do not
 * depend on how the input is split into chunks.
 */
import * as zlib from 'node:zlib';
import { Deflate, constants as pakoConstants } from 'pako';

/**
 * pako level for compressible bytes, chosen by scripts/bench-layer.mjs on this machine kind
 * (2 shared AMD EPYC cores, Node 20.20), MB/s and output/input ratio:
 *
 *   input                    stored          pako -1          pako -6
 *   100 MB random bytes      1299 MB/s 1.000   18 MB/s 1.000    14 MB/s 1.000
 *   20 MB jar-like zip        401 MB/s 1.000   11 MB/s 0.992    14 MB/s 0.991
 *   18 MB text (JS sources)  2076 MB/s 1.000   44 MB/s 0.225    11 MB/s 0.172
 *
 * So: compressed formats always go into stored blocks (deflating them costs 5–7 s per 100 MB for
 * under 1 % gain), and text uses level 1: four times faster than level 6 for 30 % more bytes,
 * which is the better trade for uploads of a few MB.
 */
export const PAKO_LEVEL = 1;

/** Largest stored block (LEN is 16 bits). */
const STORED_MAX = 65535;
/** RFC 1952: 1f 8b, CM=8 (deflate), FLG=0, MTIME=0, XFL=0, OS=255 (unknown), as Go's gzip writes. */
const GZIP_HEADER = Buffer.from([0x1f, 0x8b, 0x08, 0x00, 0, 0, 0, 0, 0x00, 0xff]);
/** Header of a full stored block: BFINAL=0, BTYPE=00, LEN=65535, NLEN=0. */
const FULL_BLOCK_HEADER = Buffer.from([0x00, 0xff, 0xff, 0x00, 0x00]);
/** An empty stored block with BFINAL=1: ends the deflate stream on a byte boundary. */
const FINAL_EMPTY_BLOCK = Buffer.from([0x01, 0x00, 0x00, 0xff, 0xff]);
const PAKO_CHUNK = 256 * 1024;

type Crc32 = (data: Uint8Array, value?: number) => number;

/** node:zlib's crc32 (Node ≥ 20.15, SIMD) or a table fallback; CRC-32 is the same everywhere. */
export const crc32: Crc32 = (() => {
  const native: unknown = (zlib as unknown as Record<string, unknown>).crc32;
  if (typeof native === 'function') return native as Crc32;
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return (data: Uint8Array, value = 0): number => {
    let c = ~value >>> 0;
    for (let i = 0; i < data.length; i++) c = table[(c ^ data[i]) & 0xff] ^ (c >>> 8);
    return ~c >>> 0;
  };
})();

/**
 * Writes one gzip member incrementally. `store` and `deflate` return the output bytes produced so
 * far (possibly none); `finish` returns the rest, ending with the trailer.
 */
export class GzipWriter {
  private crc = 0;
  private inputSize = 0;
  private started = false;
  private deflater: Deflate | undefined;
  private deflated: Buffer[] = [];
  /** Stored bytes not yet framed (< STORED_MAX), so block boundaries ignore input chunking. */
  private pending: Buffer[] = [];
  private pendingSize = 0;
  private finished = false;

  /**
   * @param views when true, `store` returns views into its input instead of copies (no memcpy of
   *   the stored bytes): the caller must keep the input unchanged until the output is written.
   */
  constructor(
    private readonly level: 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9 = PAKO_LEVEL,
    private readonly views = false,
  ) {}

  /** Bytes that are worth compressing. */
  deflate(chunk: Buffer): Buffer[] {
    const out = this.begin(chunk);
    if (chunk.length === 0) return out;
    out.push(...this.flushStored());
    if (!this.deflater) {
      const deflater = new Deflate({ level: this.level, raw: true, chunkSize: PAKO_CHUNK });
      deflater.onData = (data) => {
        const bytes = data as Uint8Array;
        this.deflated.push(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length));
      };
      this.deflater = deflater;
    }
    this.deflater.push(chunk, pakoConstants.Z_NO_FLUSH);
    out.push(...this.takeDeflated());
    return out;
  }

  /** Bytes that are already compressed: framed as stored blocks. */
  store(chunk: Buffer): Buffer[] {
    const out = this.begin(chunk);
    if (chunk.length === 0) return out;
    out.push(...this.endDeflateSegment());
    let offset = 0;
    if (this.pendingSize > 0) {
      const take = Math.min(STORED_MAX - this.pendingSize, chunk.length);
      this.pending.push(Buffer.from(chunk.subarray(0, take)));
      this.pendingSize += take;
      offset = take;
      if (this.pendingSize < STORED_MAX) return out;
      out.push(...this.flushStored());
    }
    const whole = Math.floor((chunk.length - offset) / STORED_MAX);
    if (whole > 0 && this.views) {
      for (let i = 0; i < whole; i++, offset += STORED_MAX) {
        out.push(FULL_BLOCK_HEADER, chunk.subarray(offset, offset + STORED_MAX));
      }
    } else if (whole > 0) {
      const framed = Buffer.allocUnsafe(whole * (STORED_MAX + 5));
      let at = 0;
      for (let i = 0; i < whole; i++) {
        at = writeStoredHeader(framed, at, STORED_MAX);
        at += chunk.copy(framed, at, offset, offset + STORED_MAX);
        offset += STORED_MAX;
      }
      out.push(framed);
    }
    if (offset < chunk.length) {
      this.pending.push(Buffer.from(chunk.subarray(offset)));
      this.pendingSize = chunk.length - offset;
    }
    return out;
  }

  finish(): Buffer[] {
    if (this.finished) throw new Error('gzip stream already finished');
    const out = this.begin(Buffer.alloc(0));
    out.push(...this.endDeflateSegment(), ...this.flushStored(), FINAL_EMPTY_BLOCK);
    const trailer = Buffer.allocUnsafe(8);
    trailer.writeUInt32LE(this.crc >>> 0, 0);
    trailer.writeUInt32LE(this.inputSize % 0x100000000, 4);
    out.push(trailer);
    this.finished = true;
    return out;
  }

  private begin(chunk: Buffer): Buffer[] {
    if (this.finished) throw new Error('gzip stream already finished');
    if (chunk.length > 0) {
      this.crc = crc32(chunk, this.crc);
      this.inputSize += chunk.length;
    }
    if (this.started) return [];
    this.started = true;
    return [GZIP_HEADER];
  }

  private endDeflateSegment(): Buffer[] {
    if (!this.deflater) return [];
    this.deflater.push(new Uint8Array(0), pakoConstants.Z_SYNC_FLUSH);
    if (this.deflater.err !== pakoConstants.Z_OK)
      throw new Error(`pako deflate failed: ${this.deflater.msg}`);
    this.deflater = undefined;
    return this.takeDeflated();
  }

  private takeDeflated(): Buffer[] {
    const out = this.deflated;
    this.deflated = [];
    return out;
  }

  private flushStored(): Buffer[] {
    if (this.pendingSize === 0) return [];
    const framed = Buffer.allocUnsafe(this.pendingSize + 5);
    let at = writeStoredHeader(framed, 0, this.pendingSize);
    for (const part of this.pending) at += part.copy(framed, at);
    this.pending = [];
    this.pendingSize = 0;
    return [framed];
  }
}

function writeStoredHeader(buf: Buffer, at: number, len: number): number {
  buf[at] = 0x00; // BFINAL=0, BTYPE=00 (stored); we are always byte-aligned here
  buf.writeUInt16LE(len, at + 1);
  buf.writeUInt16LE(~len & 0xffff, at + 3);
  return at + 5;
}
