/**
 * Builds the one layer Slipway appends to a base: a reproducible tar of the plan's files, hashed
 * in a single streaming pass. Mostly-compressed content (NAR, JAR, wheel) is sent as the bare tar:
 * nothing is stored, `open` makes the same tar again from the files (checking they did not change).
 * Other content is gzipped with gzip.ts into a temporary file.
 *
 * Reproducible means the bytes depend only on the plan, the files' contents and (see below) which
 * directories the base has: entries sorted by path, owners/modes from the plan, mtime = the build
 * epoch, empty uname/gname, ustar headers only (pax only for names ustar cannot hold, and then
 * only the path), never the host's owners, modes, times or time zone.
 *
 * Parents the plan does not list get an entry (0:0 0755) only where the base lacks them, when the
 * caller says which the base has (`existingDirectories`); so do the directories the plan lists
 * `ifMissing` (with their own owner and mode: those a `COPY --chown` creates). A layer's
 * directory entry replaces the attributes of the base's directory (image-spec layer.md,
 * "Changeset over existing files"), while `docker build`/`podman build` leave a directory a COPY
 * goes into as it is: /tmp stays 1777. The spec's own example changeset carries no entry for an
 * unchanged parent either.
 */
import { createHash } from 'node:crypto';
import {
  closeSync,
  constants,
  createReadStream,
  fstatSync,
  lstatSync,
  openSync,
  promises as fs,
  readSync,
} from 'node:fs';
import type { Stats } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { Readable } from 'node:stream';
import { pack as tarPack } from 'tar-stream';
import type { Pack, Header } from 'tar-stream';
import { InputError, RunError, errorMessage } from '../core/errors';
import type { Layer } from './image';
import { MediaType } from './types';
import { SAMPLE_SIZE, SMALL_FILE, layerFormat, shouldStore } from './compression';
import { inlineSink } from './layer-sink';
import type { CompressionMode, LayerFormat } from './compression';

/**
 * The version of the bytes this writer makes for given entries, contents and base directories:
 * tar headers, order, gzip framing and level, the tar-or-gzip choice (compression.ts), which
 * parents get entries (base-directories.ts, worthReading). Raise it with any change to those:
 * an earlier image's layer is reused only when it was written by the same version
 * (run/reuse.ts planDigest), since its bytes are then what this build would make.
 */
export const LAYER_FORMAT_VERSION = 1;

/** A regular file of the layer: its bytes are read from `source` on the host. */
export interface LayerFile {
  /** Absolute path inside the image, e.g. /pulsar/connectors/my-sink.nar */
  path: string;
  /** Absolute path of the bytes on the host. */
  source: string;
  mode: number;
  uid: number;
  gid: number;
}

/**
 * A directory the layer creates or whose owner/mode it sets, whether the base has it or not.
 * Parents not listed are made 0:0 0755 only where the base lacks them; the base's stay as they are.
 */
export interface LayerDirectory {
  path: string;
  mode: number;
  uid: number;
  gid: number;
  /**
   * Made with this owner and mode only where the base lacks it, like an unlisted parent (the
   * base's stays as it is): what `COPY --chown` does to the directories it has to create.
   */
  ifMissing?: boolean;
}

/**
 * A symbolic link the layer holds as a link (as `docker build` stores a link inside a copied
 * folder): `target` is written as it is, never followed on the host.
 */
export interface LayerSymlink {
  path: string;
  /** The link's text, e.g. "../lib/util.py"; relative links resolve inside the image. */
  target: string;
  uid: number;
  gid: number;
}

export interface LayerEntries {
  files: LayerFile[];
  directories: LayerDirectory[];
  symlinks?: LayerSymlink[];
}

export interface LayerOptions {
  /** Seconds since 1970: every entry's mtime (core/clock.ts buildEpoch). */
  epoch: number;
  /**
   * auto (default): the bare tar when nearly all of it is already compressed, else gzip with
   * stored blocks for already-compressed files and pako for the rest. See compression.ts.
   */
  compression?: CompressionMode;
  /** Where a gzip blob is kept until dispose(); default os.tmpdir(). */
  tmpDir?: string;
  /** Also gets the blob's bytes, in order, while they are made (an upload that overlaps). */
  tee?: BlobTee;
  /** Stops the pass early (with the signal's reason) when the build fails elsewhere. */
  signal?: AbortSignal;
  /**
   * Which of these directories ("/tmp", "/opt/acme": parents of the plan's paths that the plan
   * does not list, and those it lists `ifMissing`) the base already has: those get no entry, so
   * the base's owner and mode stay. Asked only when there are such directories. Without it every
   * one gets an entry.
   */
  existingDirectories?: (paths: string[]) => Promise<ReadonlySet<string>>;
  /** Takes the regular files' own sha256 from the bytes this pass reads anyway. */
  fileDigests?: FileDigests;
  /**
   * The bare tar's digest known beforehand (an earlier image's layer, taken as this one): no
   * pass is made now, and `open` checks the tar it makes against it, as it always does.
   */
  expected?: { digest: string; size: number };
}

/**
 * A caller that needs the sha256 of the files a layer adds (`sha256sum` of them), and would
 * otherwise read every byte again to take it.
 */
export interface FileDigests {
  /**
   * Asked before each chunk: once false (the caller has the digests from elsewhere), the pass
   * stops hashing and `take` is not called.
   */
  wanted(): boolean;
  /** Each file's digest (hex), by source path, once the pass has read every file. */
  take(digests: ReadonlyMap<string, string>): void;
}

/**
 * A second consumer of a blob's bytes while it is built. `write` may wait (backpressure) but must
 * never reject: a consumer that fails gives up quietly. It must not modify the buffers.
 */
export interface BlobTee {
  write(chunk: Buffer): Promise<void>;
}

/** A built layer plus what the build learned, for progress lines and benchmarks. */
export interface BuiltLayer extends Layer {
  /** The bare tar (descriptor digest = diffId) or gzip. */
  format: LayerFormat;
  /** Size of the uncompressed tar (the bytes diffId is the digest of). */
  tarSize: number;
  /** Bytes of the tar not deflated: stored blocks, or all of it for the bare tar. */
  storedBytes: number;
  /** See layerParents: the directories it holds that only a base lacking them gets. */
  parents: string[];
}

/** Opens a file for reading without following a link in its last component (ELOOP instead). */
const READ_NO_FOLLOW = constants.O_RDONLY | constants.O_NOFOLLOW;

/** Read size: big reads keep the per-chunk costs (hash calls, stream hops) negligible. */
const CHUNK = 4 * 1024 * 1024;
/** ustar uid/gid fields hold 7 octal digits. */
const MAX_ID = 0o7777777;
const S_IFREG = 0o100000;
const S_IFDIR = 0o040000;
const S_IFLNK = 0o120000;

interface DirEntry {
  kind: 'dir';
  name: string;
  mode: number;
  uid: number;
  gid: number;
  /**
   * Left out where the base has it: a parent the plan does not list (0:0 0755) or a directory
   * the plan lists `ifMissing` (with its owner and mode).
   */
  implied?: boolean;
}
interface FileEntry {
  kind: 'file';
  name: string;
  file: LayerFile;
  size: number;
  mtimeMs: number;
}
interface LinkEntry {
  kind: 'link';
  name: string;
  link: LayerSymlink;
}
type Entry = DirEntry | FileEntry | LinkEntry;

export async function buildLayer(entries: LayerEntries, opts: LayerOptions): Promise<BuiltLayer> {
  // tar-stream writes mtime through a 32-bit int: beyond 2038-01-19 it would wrap.
  if (!Number.isInteger(opts.epoch) || opts.epoch < 0 || opts.epoch > 0x7fffffff) {
    throw new InputError(
      `The build epoch ${opts.epoch} is not whole seconds between 1970 and 2038-01-19; set SOURCE_DATE_EPOCH to e.g. $(git log -1 --format=%ct)`,
    );
  }
  const sorted = await withoutExistingParents(planEntries(entries), opts.existingDirectories);
  const parents = impliedNames(sorted);
  const mode = opts.compression ?? 'auto';
  const mtime = new Date(opts.epoch * 1000);
  const format = mode === 'none' ? 'tar' : mode === 'auto' ? autoFormat(sorted) : 'gzip';
  const hashing = opts.fileDigests && new FileHashing(opts.fileDigests, sorted);
  if (format === 'tar' && opts.expected) {
    return { ...checkedTarLayer(sorted, mtime, opts.expected), parents };
  }
  if (format === 'tar') return { ...(await buildTarLayer(sorted, mtime, opts, hashing)), parents };

  const dir = await fs.mkdtemp(path.join(opts.tmpDir ?? os.tmpdir(), 'slipway-layer-'));
  const blobPath = path.join(dir, 'layer.tar.gz');
  try {
    const result = await writeGzipLayer(sorted, mtime, mode, blobPath, opts, hashing);
    let disposed = false;
    return {
      descriptor: { mediaType: MediaType.OciLayerGzip, digest: result.digest, size: result.size },
      diffId: result.diffId,
      format,
      tarSize: result.tarSize,
      storedBytes: result.storedBytes,
      parents,
      open: (): Promise<Readable> => {
        if (disposed)
          return Promise.reject(new Error(`layer ${result.digest} was already disposed`));
        return Promise.resolve(createReadStream(blobPath, { highWaterMark: 1024 * 1024 }));
      },
      dispose: async (): Promise<void> => {
        disposed = true;
        await fs.rm(dir, { recursive: true, force: true });
      },
    };
  } catch (err) {
    await fs.rm(dir, { recursive: true, force: true });
    throw err;
  }
}

/**
 * The bare tar when at least TAR_MIN_INCOMPRESSIBLE_PERCENT of it is content shouldStore picks;
 * only files big enough to count are sampled, and none when they cannot reach the share.
 */
function autoFormat(entries: Entry[]): LayerFormat {
  let tarSize = 1024; // the end-of-archive blocks
  let candidates = 0;
  for (const entry of entries) {
    tarSize += 512;
    if (entry.kind !== 'file') continue;
    tarSize += Math.ceil(entry.size / 512) * 512;
    if (entry.size >= SMALL_FILE) candidates += entry.size;
  }
  if (layerFormat(tarSize, candidates) === 'gzip') return 'gzip';
  let incompressible = 0;
  for (const entry of entries) {
    if (
      entry.kind === 'file' &&
      entry.size >= SMALL_FILE &&
      shouldStore(entry.size, readHead(entry))
    )
      incompressible += entry.size;
  }
  return layerFormat(tarSize, incompressible);
}

/** The first SAMPLE_SIZE bytes of a file, for the store decision. */
function readHead(entry: FileEntry): Buffer {
  const { file } = entry;
  let fd: number;
  try {
    fd = openSync(file.source, READ_NO_FOLLOW);
  } catch (err) {
    throw new InputError(`Cannot read ${file.source} (for ${file.path}): ${errorMessage(err)}`);
  }
  try {
    const buf = Buffer.allocUnsafe(Math.min(SAMPLE_SIZE, entry.size));
    let got = 0;
    for (let n = -1; n !== 0 && got < buf.length; got += n)
      n = readSync(fd, buf, got, buf.length - got, got);
    return buf.subarray(0, got);
  } finally {
    closeSync(fd);
  }
}

/**
 * The directories the layer would hold only because the base lacks them (unlisted parents, those
 * listed `ifMissing`), as absolute paths in order: the part of the layer's bytes that depends on
 * the base. Reads no file's content (only their metadata, as buildLayer's plan does).
 */
export async function layerParents(
  entries: LayerEntries,
  existingDirectories?: LayerOptions['existingDirectories'],
): Promise<string[]> {
  return impliedNames(await withoutExistingParents(planEntries(entries), existingDirectories));
}

function impliedNames(entries: Entry[]): string[] {
  return entries.flatMap((e) => (e.kind === 'dir' && e.implied ? [`/${e.name.slice(0, -1)}`] : []));
}

/** One pass: the tar's digest is both diffId and blob digest; nothing is kept on disk. */
async function buildTarLayer(
  entries: Entry[],
  mtime: Date,
  { tee, signal }: LayerOptions,
  hashing?: FileHashing,
): Promise<Omit<BuiltLayer, 'parents'>> {
  const hash = createHash('sha256');
  let size = 0;
  for await (const data of startPack(entries, mtime, undefined, hashing)) {
    signal?.throwIfAborted();
    const chunk = data as Buffer;
    hash.update(chunk);
    size += chunk.length;
    if (tee) await tee.write(chunk);
  }
  hashing?.handOut();
  return checkedTarLayer(entries, mtime, { digest: `sha256:${hash.digest('hex')}`, size });
}

/** The bare tar of these entries, made on `open` and checked against `expected` as it goes. */
function checkedTarLayer(
  entries: Entry[],
  mtime: Date,
  expected: { digest: string; size: number },
): Omit<BuiltLayer, 'parents'> {
  const { digest, size } = expected;
  const descriptor = { mediaType: MediaType.OciLayer, digest, size };
  let disposed = false;
  return {
    descriptor,
    diffId: digest,
    format: 'tar',
    tarSize: size,
    storedBytes: size,
    open: (): Promise<Readable> => {
      if (disposed) return Promise.reject(new Error(`layer ${digest} was already disposed`));
      return Promise.resolve(
        Readable.from(retar(entries, mtime, descriptor), { objectMode: false }),
      );
    },
    dispose: (): Promise<void> => {
      disposed = true;
      return Promise.resolve();
    },
  };
}

/**
 * The same tar again, from the files. Sizes and mtimes are checked against the plan as in the
 * first pass; the digest too, with the last chunk held back until it matches, so that no reader
 * ever receives the complete, wrong blob.
 */
async function* retar(
  entries: Entry[],
  mtime: Date,
  expected: { digest: string; size: number },
): AsyncGenerator<Buffer> {
  const hash = createHash('sha256');
  let size = 0;
  let held: Buffer | undefined;
  for await (const data of startPack(entries, mtime)) {
    const chunk = data as Buffer;
    hash.update(chunk);
    size += chunk.length;
    if (held) yield held;
    held = chunk;
  }
  const digest = `sha256:${hash.digest('hex')}`;
  if (digest !== expected.digest || size !== expected.size) {
    const sources = entries.flatMap((e) => (e.kind === 'file' ? [e.file.source] : []));
    throw new RunError(
      `The layer's files changed after the layer was built (its tar is now ${size} bytes with digest ${digest}, not ${expected.size} bytes with ${expected.digest}); make sure no other step writes ${sources.slice(0, 3).join(', ')}${sources.length > 3 ? ', …' : ''} during the build, then run again`,
    );
  }
  if (held) yield held;
}

/** Validates the plan's paths and owners, adds missing parents, stats files, sorts by name. */
function planEntries(entries: LayerEntries): Entry[] {
  const byName = new Map<string, Entry>();
  const add = (entry: Entry, what: string): void => {
    const existing = byName.get(entry.name);
    // "Set it so" outweighs "make it so if missing": the directory ends up as listed either way.
    if (existing?.kind === 'dir' && entry.kind === 'dir' && !existing.implied !== !entry.implied) {
      if (existing.implied) byName.set(entry.name, entry);
      return;
    }
    if (existing && !sameEntry(existing, entry)) {
      throw new InputError(
        `The image path /${entry.name.replace(/\/$/, '')} is given twice with different contents or owners (${what}); give each path once`,
      );
    }
    byName.set(entry.name, entry);
  };
  for (const d of entries.directories) {
    const rel = imagePath(d.path, 'directory');
    checkOwner(d.path, d.uid, d.gid, d.mode);
    const entry: DirEntry = { kind: 'dir', name: `${rel}/`, mode: d.mode, uid: d.uid, gid: d.gid };
    if (d.ifMissing) entry.implied = true;
    add(entry, 'directory');
  }
  const files: FileEntry[] = [];
  for (const f of entries.files) {
    const rel = imagePath(f.path, 'file');
    checkOwner(f.path, f.uid, f.gid, f.mode);
    if (byName.has(`${rel}/`)) {
      throw new InputError(
        `The image path ${f.path} is both a file and a directory in the plan; give it once`,
      );
    }
    // Synchronous: a stat from the page cache takes microseconds, a thread-pool round trip
    // ~0.1 ms, which adds up over a tree of thousands of files.
    let stat: Stats;
    try {
      // lstat: a link is never followed here (nor opened below, O_NOFOLLOW): its target could be
      // anywhere on the host. Plans hold real paths; a link inside an image is a LayerSymlink.
      stat = lstatSync(f.source);
    } catch (err) {
      throw new InputError(
        `Cannot read ${f.source} (for ${f.path}): ${errorMessage(err)}; check that the artifact was built`,
      );
    }
    if (stat.isSymbolicLink()) {
      throw new InputError(
        `${f.source} (for ${f.path}) is a symbolic link, which Slipway does not follow into a layer; point the plan at the file itself`,
      );
    }
    if (!stat.isFile()) {
      throw new InputError(
        `${f.source} (for ${f.path}) is not a regular file; point the plan at a file`,
      );
    }
    const entry: FileEntry = {
      kind: 'file',
      name: rel,
      file: f,
      size: stat.size,
      mtimeMs: stat.mtimeMs,
    };
    add(entry, 'file');
    files.push(entry);
  }
  for (const l of entries.symlinks ?? []) {
    const rel = imagePath(l.path, 'link');
    checkOwner(l.path, l.uid, l.gid, 0o777);
    if (l.target === '' || l.target.includes('\0')) {
      throw new InputError(`The image link ${l.path} has an empty target or one with a NUL byte`);
    }
    if (byName.has(`${rel}/`)) {
      throw new InputError(
        `The image path ${l.path} is both a link and a directory in the plan; give it once`,
      );
    }
    add({ kind: 'link', name: rel, link: l }, 'link');
  }
  for (const name of [...byName.keys()]) {
    for (const parent of parents(name)) {
      if (!byName.has(parent))
        byName.set(parent, {
          kind: 'dir',
          name: parent,
          mode: 0o755,
          uid: 0,
          gid: 0,
          implied: true,
        });
      const clash = byName.get(parent.slice(0, -1));
      if (clash) {
        throw new InputError(
          `The image path /${clash.name} is a file in the plan but also a parent directory of /${name}; rename one`,
        );
      }
    }
  }
  // Byte order of the UTF-8 names: a parent ("a/") is a prefix of its children and so sorts first.
  return [...byName.values()]
    .map((entry) => ({ entry, key: Buffer.from(entry.name) }))
    .sort((a, b) => Buffer.compare(a.key, b.key))
    .map(({ entry }) => entry);
}

/** Drops the implied parents the base already has (see LayerOptions.existingDirectories). */
async function withoutExistingParents(
  entries: Entry[],
  existing: LayerOptions['existingDirectories'],
): Promise<Entry[]> {
  const implied = entries.flatMap((e) =>
    e.kind === 'dir' && e.implied ? [`/${e.name.slice(0, -1)}`] : [],
  );
  if (!existing || implied.length === 0) return entries;
  const has = await existing(implied);
  return entries.filter(
    (e) => !(e.kind === 'dir' && e.implied && has.has(`/${e.name.slice(0, -1)}`)),
  );
}

function sameEntry(a: Entry, b: Entry): boolean {
  if (a.kind === 'dir' && b.kind === 'dir')
    return a.mode === b.mode && a.uid === b.uid && a.gid === b.gid;
  if (a.kind === 'link' && b.kind === 'link') {
    return (
      a.link.target === b.link.target && a.link.uid === b.link.uid && a.link.gid === b.link.gid
    );
  }
  if (a.kind === 'file' && b.kind === 'file') {
    return (
      a.file.source === b.file.source &&
      a.file.mode === b.file.mode &&
      a.file.uid === b.file.uid &&
      a.file.gid === b.file.gid
    );
  }
  return false;
}

/** "/pulsar/connectors/x.nar" → "pulsar/connectors/x.nar" (no leading slash, the layer convention). */
function imagePath(p: string, what: string): string {
  if (!p.startsWith('/')) {
    throw new InputError(`The image ${what} path "${p}" must be absolute (start with /)`);
  }
  if (p.includes('\0')) throw new InputError(`The image ${what} path "${p}" contains a NUL byte`);
  const rel = path.posix.normalize(p).replace(/^\/+/, '').replace(/\/+$/, '');
  if (rel === '' || rel === '.')
    throw new InputError(`The image ${what} path "${p}" names the root; give a path below /`);
  return rel;
}

function checkOwner(p: string, uid: number, gid: number, mode: number): void {
  for (const [name, value] of [
    ['uid', uid],
    ['gid', gid],
  ] as const) {
    if (!Number.isInteger(value) || value < 0 || value > MAX_ID) {
      throw new InputError(`The ${name} ${value} of ${p} is not between 0 and ${MAX_ID}`);
    }
  }
  if (!Number.isInteger(mode) || mode < 0 || mode > 0o7777) {
    throw new InputError(
      `The mode ${mode.toString(8)} of ${p} is not an octal mode between 0 and 7777`,
    );
  }
}

/** "a/b/c" or "a/b/c/" → ["a/", "a/b/"] */
function parents(name: string): string[] {
  const parts = name.replace(/\/$/, '').split('/');
  const out: string[] = [];
  for (let i = 1; i < parts.length; i++) out.push(`${parts.slice(0, i).join('/')}/`);
  return out;
}

interface WriteResult {
  diffId: string;
  digest: string;
  size: number;
  tarSize: number;
  storedBytes: number;
}

/** Chooses, per file, whether its content goes into stored blocks; told each such chunk. */
interface StoreHooks {
  decide(entry: FileEntry, head: Buffer): boolean;
  mark(chunk: Buffer): void;
}

/** The files' own digests, taken as the pass reads them (LayerOptions.fileDigests). */
class FileHashing {
  private readonly digests = new Map<string, string>();

  constructor(
    private readonly want: FileDigests,
    private readonly entries: Entry[],
  ) {}

  wanted(): boolean {
    return this.want.wanted();
  }

  done(source: string, sha256: string): void {
    this.digests.set(source, sha256);
  }

  /** Hands the digests out when the pass hashed every file. */
  handOut(): void {
    const all = this.entries.every((e) => e.kind !== 'file' || this.digests.has(e.file.source));
    if (all) this.want.take(this.digests);
  }
}

/**
 * A tar of the entries, produced as it is read. A failure (a file that changed, a consumer that
 * stopped) destroys the stream with that error, which the reader then sees.
 */
function startPack(entries: Entry[], mtime: Date, store?: StoreHooks, hashing?: FileHashing): Pack {
  const pack = tarPack();
  // Errors reach the reader through the stream; an unheard 'error' event would crash.
  pack.on('error', () => undefined);
  const produce = async (): Promise<void> => {
    for (const entry of entries) {
      if (entry.kind === 'dir') {
        await addEntry(pack, {
          name: entry.name,
          type: 'directory',
          // the file-type bits keep tar-stream from replacing mode 0 by its default
          mode: S_IFDIR | entry.mode,
          uid: entry.uid,
          gid: entry.gid,
          mtime,
          uname: '',
          gname: '',
        });
      } else if (entry.kind === 'link') {
        await addEntry(pack, {
          name: entry.name,
          type: 'symlink',
          linkname: entry.link.target,
          mode: S_IFLNK | 0o777,
          uid: entry.link.uid,
          gid: entry.link.gid,
          mtime,
          uname: '',
          gname: '',
        });
      } else {
        await addFile(
          pack,
          entry,
          mtime,
          (head) => store?.decide(entry, head) ?? false,
          (chunk) => store?.mark(chunk),
          hashing,
        );
      }
    }
    pack.finalize();
  };
  produce().catch((err: unknown) => {
    pack.destroy(err instanceof Error ? err : new Error(String(err)));
  });
  return pack;
}

async function writeGzipLayer(
  entries: Entry[],
  mtime: Date,
  mode: CompressionMode,
  blobPath: string,
  { tee, signal }: LayerOptions,
  hashing?: FileHashing,
): Promise<WriteResult> {
  // Chunks of file content that go into stored blocks, recognised by identity: tar-stream pushes
  // the very Buffer objects we write into an entry.
  const storedChunks = new WeakSet<Buffer>();
  let storedPlanned = 0;
  const pack = startPack(
    entries,
    mtime,
    {
      decide: (entry, head) =>
        mode === 'store' || (mode === 'auto' && shouldStore(entry.size, head)),
      mark: (chunk) => {
        storedChunks.add(chunk);
        storedPlanned += chunk.length;
      },
    },
    hashing,
  );

  const tarHash = createHash('sha256');
  let tarSize = 0;
  let storedBytes = 0;
  let recognised = 0;
  // On demand: runs that send the bare tar never parse pako.
  const { GzipWriter, PAKO_LEVEL } = await import('./gzip');
  const sink = await inlineSink(blobPath);
  // Stored blocks are written as views of the read buffers (never reused): no copy.
  const gzip = new GzipWriter(PAKO_LEVEL, true);
  const out = async (buffers: Buffer[]): Promise<void> => {
    await sink.write(buffers);
    if (tee) for (const b of buffers) await tee.write(b);
  };
  let blob: { digest: string; size: number };
  try {
    for await (const data of pack) {
      signal?.throwIfAborted();
      const chunk = data as Buffer;
      tarHash.update(chunk);
      tarSize += chunk.length;
      const marked = storedChunks.has(chunk);
      if (marked) recognised += chunk.length;
      if (marked || mode === 'store') {
        storedBytes += chunk.length;
        await out(gzip.store(chunk));
      } else {
        await out(gzip.deflate(chunk));
      }
    }
    await out(gzip.finish());
    blob = await sink.finish();
  } catch (err) {
    pack.destroy(err instanceof Error ? err : new Error(String(err)));
    await sink.abort();
    throw err;
  }
  if (recognised !== storedPlanned) {
    // tar-stream copied our chunks: the bytes would be valid but not framed as planned.
    throw new Error(`internal: ${storedPlanned} bytes planned as stored, ${recognised} recognised`);
  }
  hashing?.handOut();
  return {
    diffId: `sha256:${tarHash.digest('hex')}`,
    digest: blob.digest,
    size: blob.size,
    tarSize,
    storedBytes,
  };
}

function addEntry(
  pack: Pack,
  header: Header | (Partial<Header> & Pick<Header, 'name'>),
): Promise<void> {
  return new Promise((resolve, reject) => {
    pack.entry(header, (err) => (err ? reject(err) : resolve()));
  });
}

/**
 * Streams one file into the tar. `decideStore` decides from the file's first bytes whether its
 * content goes into stored blocks; then `markStored` is told each of its chunks. The size and
 * mtime must stay those seen when planning: a file that changes while read fails the build.
 */
async function addFile(
  pack: Pack,
  entry: FileEntry,
  mtime: Date,
  decideStore: (head: Buffer) => boolean,
  markStored: (chunk: Buffer) => void,
  hashing?: FileHashing,
): Promise<void> {
  let hash = hashing?.wanted() ? createHash('sha256') : undefined;
  const hashed = (chunk: Buffer): void => {
    if (hash && !hashing?.wanted()) hash = undefined;
    hash?.update(chunk);
  };
  const header = {
    name: entry.name,
    type: 'file' as const,
    size: entry.size,
    mode: S_IFREG | entry.file.mode,
    uid: entry.file.uid,
    gid: entry.file.gid,
    mtime,
    uname: '',
    gname: '',
  };
  if (entry.size <= SMALL_READ) {
    // Whole and synchronous: per-file thread-pool round trips (open, stat, read, close) cost
    // ~1 ms per file, seconds for a Python or Airbyte tree; these reads take microseconds.
    const data = readSmallFile(entry);
    hashed(data);
    if (data.length > 0 && decideStore(data.subarray(0, SAMPLE_SIZE))) markStored(data);
    await new Promise<void>((resolve, reject) => {
      pack
        .entry(header, data, (err) => (err ? reject(err) : resolve()))
        .on('error', () => undefined);
    });
    if (hash) hashing?.done(entry.file.source, hash.digest('hex'));
    return;
  }
  const { file, size } = entry;
  let fh: FileHandle;
  try {
    fh = await fs.open(file.source, READ_NO_FOLLOW);
  } catch (err) {
    throw new InputError(`Cannot read ${file.source} (for ${file.path}): ${errorMessage(err)}`);
  }
  try {
    checkUnchanged(entry, await fh.stat(), 'size or time changed');
    let finished: (err?: Error | null) => void = () => undefined;
    const done = new Promise<void>((resolve, reject) => {
      finished = (err) => (err ? reject(err) : resolve());
    });
    // When we throw below, the entry fails too; that rejection is a consequence, not news.
    done.catch(() => undefined);
    const sink = pack.entry(header, (err) => finished(err));
    // A failed entry reports through `done`; without a listener its 'error' event would crash.
    sink.on('error', () => undefined);
    let position = 0;
    let store: boolean | undefined;
    while (position < size) {
      const chunk = await readFully(fh, Math.min(CHUNK, size - position), position);
      if (chunk.length === 0) throw changed(entry, position, 'it became shorter');
      store ??= decideStore(chunk.subarray(0, SAMPLE_SIZE));
      if (store) markStored(chunk);
      hashed(chunk);
      position += chunk.length;
      if (!sink.write(chunk)) await drained(sink);
    }
    const probe = await fh.read(Buffer.alloc(1), 0, 1, size);
    if (probe.bytesRead > 0) throw changed(entry, (await fh.stat()).size, 'it grew');
    checkUnchanged(entry, await fh.stat(), 'it was modified');
    sink.end(null);
    await done;
    if (hash) hashing?.done(file.source, hash.digest('hex'));
  } finally {
    await fh.close();
  }
}

/** Files up to this size are read whole, synchronously. */
const SMALL_READ = 1024 * 1024;

function readSmallFile(entry: FileEntry): Buffer {
  const { file, size } = entry;
  let fd: number;
  try {
    fd = openSync(file.source, READ_NO_FOLLOW);
  } catch (err) {
    throw new InputError(`Cannot read ${file.source} (for ${file.path}): ${errorMessage(err)}`);
  }
  try {
    checkUnchanged(entry, fstatSync(fd), 'size or time changed');
    // One byte more than expected, to notice a file that grew.
    const buf = Buffer.allocUnsafe(size + 1);
    let got = 0;
    for (let n = -1; n !== 0 && got <= size; got += n)
      n = readSync(fd, buf, got, size + 1 - got, got);
    if (got > size) throw changed(entry, fstatSync(fd).size, 'it grew');
    if (got < size) throw changed(entry, got, 'it became shorter');
    checkUnchanged(entry, fstatSync(fd), 'it was modified');
    return buf.subarray(0, size);
  } finally {
    closeSync(fd);
  }
}

function checkUnchanged(entry: FileEntry, now: Stats, why: string): void {
  if (now.size !== entry.size || now.mtimeMs !== entry.mtimeMs) throw changed(entry, now.size, why);
}

function changed(entry: FileEntry, now: number, why: string): RunError {
  return new RunError(
    `${entry.file.source} changed while Slipway was reading it into the layer (${why}: ${entry.size} bytes at the start, ${now} now); make sure no other step writes it during the build, then run again`,
  );
}

/** Reads up to `length` bytes (fewer only at end of file) into a fresh buffer. */
async function readFully(fh: FileHandle, length: number, position: number): Promise<Buffer> {
  const buf = Buffer.allocUnsafe(length);
  let got = 0;
  while (got < length) {
    const { bytesRead } = await fh.read(buf, got, length - got, position + got);
    if (bytesRead === 0) break;
    got += bytesRead;
  }
  return got === length ? buf : buf.subarray(0, got);
}

interface DrainableSink {
  once(event: 'drain' | 'close', listener: () => void): unknown;
  off(event: 'drain' | 'close', listener: () => void): unknown;
}

function drained(sink: DrainableSink): Promise<void> {
  return new Promise((resolve, reject) => {
    const onDrain = (): void => {
      sink.off('close', onClose);
      resolve();
    };
    const onClose = (): void => {
      sink.off('drain', onDrain);
      reject(new Error('the layer tar stream was closed while a file was written into it'));
    };
    sink.once('drain', onDrain);
    sink.once('close', onClose);
  });
}
