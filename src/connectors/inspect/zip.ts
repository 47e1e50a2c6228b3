import type * as Yauzl from 'yauzl';
import type { Entry, ZipFile } from 'yauzl';
import { InputError, errorMessage } from '../../core/errors';

/**
 * Reads zip archives (NAR, JAR, wheel, zip) in place: the central directory is listed and only the
 * few entries Slipway needs are inflated into memory, so nothing is ever unpacked to disk.
 */

/** Text entries (MANIFEST.MF, pulsar-io.yaml, METADATA, pom.properties) are small. */
export const MAX_TEXT_ENTRY_BYTES = 1024 * 1024;
/**
 * A bundled jar is inflated into memory to read its own central directory; bigger jars are skipped
 * (reported as unreadable) rather than risking the runner's memory.
 */
export const MAX_NESTED_ARCHIVE_BYTES = 64 * 1024 * 1024;
/** Nested jars an archive keeps open (inflated in memory) at once, least recently used dropped. */
const MAX_OPEN_NESTED_BYTES = 192 * 1024 * 1024;
/** Sum of the declared sizes: no real connector comes close; a zip bomb does. */
export const MAX_TOTAL_UNCOMPRESSED_BYTES = 8 * 1024 * 1024 * 1024;
export const MAX_ENTRIES = 200_000;
/** Deflate cannot compress better than about 1032:1, so a bigger declared ratio is forged. */
const MAX_DEFLATE_RATIO = 1100;

export interface ZipArchive {
  /** How errors name the archive, e.g. `target/x.nar` or `target/x.nar!/META-INF/bundled-dependencies/a.jar`. */
  readonly label: string;
  /** Entries by name, directories included (their names end with `/`). */
  readonly entries: ReadonlyMap<string, Entry>;
  has(name: string): boolean;
  /** Inflates one entry into memory; refuses entries declared bigger than `maxBytes`. */
  read(name: string, maxBytes?: number): Promise<Buffer>;
  readText(name: string, maxBytes?: number): Promise<string>;
  /**
   * A jar inside this archive (a NAR's bundled dependency), opened once however many readers ask:
   * the class search, the class roles and the SBOM each look into the same jars. Undefined when
   * it is bigger than MAX_NESTED_ARCHIVE_BYTES; an InputError when it is no readable zip. Closed
   * with this archive.
   */
  nested(name: string): Promise<ZipArchive | undefined>;
  /** The archive's own bytes, when it is held in memory (a nested jar). */
  readonly bytes?: Buffer;
  close(): void;
}

/** yauzl, loaded with the first archive: runs without one (a plain file, a manifest) skip it. */
async function zipReader(): Promise<typeof Yauzl> {
  return (await import('yauzl')).default;
}

/** Opens a zip file on disk. `label` is how errors name it. */
export async function openZip(path: string, label: string): Promise<ZipArchive> {
  const yauzl = await zipReader();
  let zip: ZipFile;
  try {
    zip = await yauzl.openPromise(path, { lazyEntries: true, autoClose: false });
  } catch (err) {
    throw new InputError(
      `${label} is not a readable zip archive (${errorMessage(err)}); rebuild it or point artifact at the right file.`,
      { file: label },
    );
  }
  return listArchive(zip, label);
}

/** Opens a zip held in memory (a jar inside a NAR). */
async function openZipBuffer(buffer: Buffer, label: string): Promise<ZipArchive> {
  const yauzl = await zipReader();
  let zip: ZipFile;
  try {
    zip = await yauzl.fromBufferPromise(buffer, { lazyEntries: true, autoClose: false });
  } catch (err) {
    throw new InputError(`${label} is not a readable zip archive (${errorMessage(err)}).`, {
      file: label,
    });
  }
  return listArchive(zip, label, buffer);
}

async function listArchive(zip: ZipFile, label: string, bytes?: Buffer): Promise<ZipArchive> {
  const entries = new Map<string, Entry>();
  let declaredTotal = 0;
  try {
    if (zip.entryCount > MAX_ENTRIES) {
      throw new InputError(
        `${label} declares ${zip.entryCount} entries (more than ${MAX_ENTRIES}); refusing it as a possible zip bomb.`,
        { file: label },
      );
    }
    for await (const entry of zip.eachEntry()) {
      declaredTotal += entry.uncompressedSize;
      if (declaredTotal > MAX_TOTAL_UNCOMPRESSED_BYTES) {
        throw new InputError(
          `${label} declares more than ${MAX_TOTAL_UNCOMPRESSED_BYTES / 2 ** 30} GiB of uncompressed content; refusing it as a possible zip bomb.`,
          { file: label },
        );
      }
      entries.set(entry.fileName, entry);
    }
  } catch (err) {
    zip.close();
    if (err instanceof InputError) throw err;
    throw unsafeArchiveError(label, err);
  }

  const read = (name: string, maxBytes = MAX_TEXT_ENTRY_BYTES): Promise<Buffer> =>
    readEntry(zip, label, entries, name, maxBytes);
  const nested = new NestedArchives(label, entries, read);
  const archive: ZipArchive = {
    label,
    entries,
    bytes,
    has: (name) => entries.has(name),
    read,
    readText: async (name, maxBytes) => (await read(name, maxBytes)).toString('utf8'),
    nested: (name) => nested.open(name),
    close: () => {
      nested.close();
      zip.close();
    },
  };
  return archive;
}

/**
 * The nested jars of one archive that are open, least recently used first, up to
 * MAX_OPEN_NESTED_BYTES: a NAR's jars together can be hundreds of MiB, and its readers go back
 * and forth between a few of them. What cannot be opened is remembered, so it is tried once.
 */
class NestedArchives {
  /** By name, least recently used first; a failure stays, so it is not tried again. */
  private readonly archives = new Map<string, Promise<ZipArchive | undefined>>();
  /** Inflated bytes of those that are open. */
  private readonly sizes = new Map<string, number>();
  private openBytes = 0;

  constructor(
    private readonly label: string,
    private readonly entries: ReadonlyMap<string, Entry>,
    private readonly read: (name: string, maxBytes: number) => Promise<Buffer>,
  ) {}

  open(name: string): Promise<ZipArchive | undefined> {
    const known = this.archives.get(name);
    if (known) {
      this.archives.delete(name);
      this.archives.set(name, known);
      return known;
    }
    const opening = this.inflate(name);
    this.archives.set(name, opening);
    return opening;
  }

  close(): void {
    for (const opening of this.archives.values()) {
      opening.then((a) => a?.close()).catch(() => undefined);
    }
    this.archives.clear();
    this.sizes.clear();
    this.openBytes = 0;
  }

  private async inflate(name: string): Promise<ZipArchive | undefined> {
    const entry = this.entries.get(name);
    if (!entry || entry.uncompressedSize > MAX_NESTED_ARCHIVE_BYTES) return undefined;
    const bytes = await this.read(name, MAX_NESTED_ARCHIVE_BYTES);
    const archive = await openZipBuffer(bytes, `${this.label}!/${name}`);
    for (const other of this.archives.keys()) {
      if (this.openBytes + bytes.length <= MAX_OPEN_NESTED_BYTES) break;
      const size = this.sizes.get(other);
      if (size === undefined) continue; // not open: being opened, too big or broken
      const dropped = this.archives.get(other);
      this.archives.delete(other);
      this.sizes.delete(other);
      this.openBytes -= size;
      dropped?.then((a) => a?.close()).catch(() => undefined);
    }
    this.sizes.set(name, bytes.length);
    this.openBytes += bytes.length;
    return archive;
  }
}

/** yauzl rejects zip-slip names itself; this turns its message into an answer for the user. */
function unsafeArchiveError(label: string, err: unknown): InputError {
  const message = errorMessage(err);
  const slip = /^(invalid relative path|absolute path|invalid characters in fileName): (.*)$/.exec(
    message,
  );
  if (slip) {
    return new InputError(
      `${label} holds the entry "${slip[2]}", whose name points outside the folder it would be unpacked into (zip slip); rebuild the archive without it.`,
      { file: label },
    );
  }
  return new InputError(`${label} is not a valid zip archive (${message}); rebuild it.`, {
    file: label,
  });
}

async function readEntry(
  zip: ZipFile,
  label: string,
  entries: ReadonlyMap<string, Entry>,
  name: string,
  maxBytes: number,
): Promise<Buffer> {
  const entry = entries.get(name);
  const where = `${label}!/${name}`;
  if (!entry) throw new InputError(`${where} does not exist.`, { file: label });
  if (entry.uncompressedSize > maxBytes) {
    throw new InputError(
      `${where} declares ${entry.uncompressedSize} bytes, more than the ${maxBytes} Slipway reads from such an entry; refusing it as a possible zip bomb.`,
      { file: label },
    );
  }
  if (
    entry.compressionMethod === 8 &&
    entry.uncompressedSize > MAX_DEFLATE_RATIO * Math.max(entry.compressedSize, 1)
  ) {
    throw new InputError(
      `${where} declares a compression ratio deflate cannot reach (${entry.uncompressedSize} from ${entry.compressedSize} bytes); refusing the forged entry.`,
      { file: label },
    );
  }
  try {
    // yauzl checks that the inflated bytes match the declared size, so the cap above holds.
    const stream = await zip.openReadStreamPromise(entry);
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks);
  } catch (err) {
    throw new InputError(`${where} cannot be read (${errorMessage(err)}); rebuild the archive.`, {
      file: label,
    });
  }
}

/** Runs `fn` with an open archive and always closes it. */
export async function withZip<T>(
  open: Promise<ZipArchive>,
  fn: (zip: ZipArchive) => Promise<T>,
): Promise<T> {
  const zip = await open;
  try {
    return await fn(zip);
  } finally {
    zip.close();
  }
}
