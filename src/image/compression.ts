/**
 * How a layer's bytes are encoded: the policy. Already-compressed content (JAR, NAR, zip, wheel,
 * gz…) gains nothing from deflate but costs seconds per 100 MB, so it is recognised here by magic
 * number or by how uniform its bytes are; a layer made almost only of it is sent as the bare tar,
 * others are gzipped by gzip.ts (stored blocks for those files, pako for the rest).
 */

/**
 * auto: an uncompressed tar when nearly all of it is already compressed (see layerFormat), else
 * gzip with stored blocks for compressed files and pako for the rest; gzip: pako for everything;
 * store: gzip of stored blocks only; none: always the uncompressed tar.
 */
export type CompressionMode = 'auto' | 'gzip' | 'store' | 'none';

/** How a layer blob is encoded: the bare tar (application/vnd.oci.image.layer.v1.tar) or gzip. */
export type LayerFormat = 'tar' | 'gzip';

/**
 * Percentage of the tar that must be already-compressed bytes for \`auto\` to send the bare tar.
 *
 * The OCI image-spec (manifest.md, layers[].mediaType) lists application/vnd.oci.image.layer.v1.tar
 * among the media types implementations MUST support. For a NAR, JAR or wheel, gzip saves nothing
 * (stored blocks make the blob 0.008 % larger than the tar) but costs a CRC-32, a second sha256 and
 * a temporary copy of the blob (measured, 100 MB: ~280 ms for the gzip path against ~120 ms for
 * the tar alone). With at most 10 % compressible bytes, the bare tar is at most ~8 % larger than the
 * gzip would be (pako -1 shrinks text to ~25 %): a fair price for one pass less over the data.
 */
export const TAR_MIN_INCOMPRESSIBLE_PERCENT = 90;

/**
 * The format \`auto\` picks, from the size of the tar and the bytes of the files \`shouldStore\`
 * chose. Integer arithmetic only, like the rest of the decision: the same plan, the same format.
 */
export function layerFormat(tarSize: number, incompressibleBytes: number): LayerFormat {
  return tarSize > 0 && incompressibleBytes * 100 >= tarSize * TAR_MIN_INCOMPRESSIBLE_PERCENT
    ? 'tar'
    : 'gzip';
}

/** Magic numbers of formats that are already compressed (zip covers JAR, NAR, wheel, APK…). */
const COMPRESSED_MAGIC: readonly Buffer[] = [
  Buffer.from('PK\x03\x04', 'latin1'), // zip, jar, nar, whl
  Buffer.from('PK\x05\x06', 'latin1'), // empty zip
  Buffer.from([0x1f, 0x8b]), // gzip, .tgz
  Buffer.from([0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00]), // xz
  Buffer.from([0x28, 0xb5, 0x2f, 0xfd]), // zstd
  Buffer.from('BZh', 'latin1'), // bzip2
  Buffer.from([0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c]), // 7z
  Buffer.from([0x89, 0x50, 0x4e, 0x47]), // png
  Buffer.from([0xff, 0xd8, 0xff]), // jpeg
];

/** Below this a file is deflated whatever it holds: framing choices do not matter for it. */
export const SMALL_FILE = 64 * 1024;
/** Bytes of a file looked at when its magic number says nothing. */
export const SAMPLE_SIZE = 64 * 1024;
/**
 * Chi-square (against uniform bytes) below which a sample counts as already compressed or random.
 * Measured on 64 KiB heads: random 236, gzip 257, JAR 830, PNG 634–1036; text and binaries far
 * above (JavaScript 677 172, ELF executables 427 699–4 433 824, JDK modules 4 017 105).
 */
const UNIFORM_CHI2 = 10_000;

export function hasCompressedMagic(head: Buffer): boolean {
  return COMPRESSED_MAGIC.some(
    (magic) => head.length >= magic.length && head.subarray(0, magic.length).equals(magic),
  );
}

/**
 * Whether a file should go into stored blocks, from its size and its first bytes (up to
 * SAMPLE_SIZE): known compressed formats by magic number, others by how uniform their byte
 * histogram is (compressed and random data use every byte value about equally often). Integer
 * arithmetic only (exact in doubles: the sum stays below 2^53), so the decision, like the bytes,
 * is the same on every platform. Cheaper than test-compressing the sample: that cost ~85 ms of
 * cold JIT per build here.
 */
export function shouldStore(size: number, head: Buffer): boolean {
  if (size < SMALL_FILE) return false;
  if (hasCompressedMagic(head)) return true;
  const sample = head.subarray(0, SAMPLE_SIZE);
  const n = sample.length;
  if (n === 0) return false;
  const counts = new Uint32Array(256);
  for (let i = 0; i < n; i++) counts[sample[i]]++;
  let sum = 0; // Σ (256·count − n)², and chi² = sum / (256·n)
  for (let b = 0; b < 256; b++) {
    const d = 256 * counts[b] - n;
    sum += d * d;
  }
  return sum < UNIFORM_CHI2 * 256 * n;
}
