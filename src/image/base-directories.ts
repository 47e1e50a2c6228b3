/**
 * Which of a few paths a base image already holds as directories, learned from its layers' tar
 * headers alone. The layer writer needs it for the parents of the plan's paths that the plan
 * does not list: an OCI layer's directory entry replaces the attributes of the directory below it
 * (image-spec layer.md, "Changeset over existing files"), so writing /tmp as 0:0 0755 would turn
 * the base's 1777 /tmp into 0755, which `docker build` and `podman build` never do to a directory
 * a COPY merely goes into.
 *
 * Each layer is streamed once (gunzipped when gzip) with its contents skipped, so memory stays
 * small whatever the base's size; only facts about the asked paths are kept. A layer's facts
 * depend on nothing below it, so layers are read side by side and remembered per digest.
 */
import { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { extract as tarExtract } from 'tar-stream';
import { errorMessage } from '../core/errors';
import { isDistributable } from './image';
import type { Blob } from './image';
import { mapLimited } from './limit';

/** What one layer does to the asked paths; names have no leading or trailing slash. */
interface LayerFacts {
  /** Asked paths whose lower-layer version this layer removes (whiteout, opaque, or a file above). */
  removed: string[];
  /** Asked paths this layer writes, and whether as a directory (or a symlink, kept as it is). */
  written: [string, 'dir' | 'other'][];
  /** Asked paths that are parents of this layer's entries (an extractor creates them). */
  implied: string[];
  /** The layer could not be read as a tar (zstd, an unknown format): nothing is known. */
  unreadable?: boolean;
}

/**
 * Compressed bytes of base layers worth downloading to learn their directories. Small bases
 * (busybox, alpine, distroless) are read in a moment before the layer is made; reading a large one
 * (a JDK, a Pulsar runner) would cost seconds on every build, so its unlisted parents count as
 * present instead, as for an unreadable layer.
 */
const READ_LIMIT = 16 * 1024 * 1024;

/** Whether reading these platforms' layers (to learn their directories) is worth it. */
export function worthReading(platforms: Blob[][]): boolean {
  const sizes = platforms.map((layers) => layers.reduce((n, l) => n + l.descriptor.size, 0));
  return Math.max(0, ...sizes) <= READ_LIMIT;
}

export interface ProbeOptions {
  signal?: AbortSignal;
  /** Told (at debug level) when a layer cannot be read and the safe assumption is made. */
  logger?: { debug(message: string): void };
}

/** Layers read at once: the registry and the gunzip of one overlap the others'. */
const PARALLEL = 3;
/** Remembered layer facts (per digest and asked paths); a build asks once or twice. */
const CACHE_LIMIT = 64;
const cache = new Map<string, Promise<LayerFacts>>();

/**
 * The asked paths ("/tmp", "/opt/acme") that some platform's base holds as a directory or a
 * symlink, i.e. that a COPY into them would leave as they are. One layer serves every platform,
 * so a path present on any platform counts as present: its entry is left out, and where a
 * platform lacks it, extractors create it as 0:0 0755 (containerd, containers/storage and moby
 * all do). A layer that cannot be read (zstd, which Node 20 cannot inflate) makes every asked path
 * count as present: leaving an entry out never changes a directory the base has.
 */
export async function baseDirectories(
  platforms: Blob[][],
  paths: readonly string[],
  opts: ProbeOptions = {},
): Promise<Set<string>> {
  const asked = [...new Set(paths.map(normalize))].filter((p) => p !== '').sort();
  const found = new Set<string>();
  if (asked.length === 0) return found;
  let pending = asked;
  for (const layers of platforms) {
    if (pending.length === 0) break;
    const facts = await mapLimited(layers, PARALLEL, (blob) => layerFacts(blob, pending, opts));
    const state = new Map<string, 'dir' | 'other'>();
    for (const f of facts) {
      if (f.unreadable) return new Set(paths);
      for (const p of f.removed) state.delete(p);
      for (const [p, kind] of f.written) state.set(p, kind);
      for (const p of f.implied) if (!state.has(p)) state.set(p, 'dir');
    }
    for (const [p, kind] of state) if (kind === 'dir') found.add(p);
    pending = pending.filter((p) => !found.has(p));
  }
  return new Set(paths.filter((p) => found.has(normalize(p))));
}

function normalize(p: string): string {
  return p.replace(/^(\.?\/)+/, '').replace(/\/+$/, '');
}

function layerFacts(blob: Blob, asked: string[], opts: ProbeOptions): Promise<LayerFacts> {
  const key = `${blob.descriptor.digest}|${asked.join('\0')}`;
  let facts = cache.get(key);
  if (!facts) {
    facts = readLayerFacts(blob, asked, opts);
    cache.set(key, facts);
    facts.catch(() => cache.delete(key));
    if (cache.size > CACHE_LIMIT) cache.delete(cache.keys().next().value as string);
  }
  return facts;
}

/**
 * The probe is an optimisation and never fails a build: a layer that cannot be read (a format
 * Node cannot inflate, a foreign layer, a tar tar-stream refuses, a download that fails) is
 * reported at debug level and counts as unreadable, the safe assumption. Only a stop (the signal)
 * is passed on.
 */
async function readLayerFacts(
  blob: Blob,
  asked: string[],
  opts: ProbeOptions,
): Promise<LayerFacts> {
  if (!isDistributable(blob.descriptor)) {
    return { removed: [], written: [], implied: [], unreadable: true };
  }
  try {
    return await readTarFacts(blob, asked, opts.signal);
  } catch (err) {
    if (opts.signal?.aborted) throw opts.signal.reason;
    opts.logger?.debug(
      `base layer ${blob.descriptor.digest} (${blob.descriptor.mediaType}) could not be read to learn its directories (${errorMessage(err)}); assuming it has every asked one`,
    );
    return { removed: [], written: [], implied: [], unreadable: true };
  }
}

async function readTarFacts(
  blob: Blob,
  asked: string[],
  signal: AbortSignal | undefined,
): Promise<LayerFacts> {
  const facts: LayerFacts = { removed: [], written: [], implied: [] };
  const removed = new Set<string>();
  const implied = new Set<string>();
  const written = new Map<string, 'dir' | 'other'>();
  const under = (p: string, dir: string): boolean => dir === '' || p.startsWith(`${dir}/`);
  const raw = await blob.open();
  let tar: Readable;
  try {
    tar = padded(await uncompressed(raw));
  } catch (err) {
    raw.destroy();
    if (err instanceof UnknownFormat) return { ...facts, unreadable: true };
    throw err;
  }
  const extract = tarExtract();
  const stop = (): void => extract.destroy(signal?.reason as Error);
  signal?.addEventListener('abort', stop, { once: true });
  tar.on('error', (err) => extract.destroy(err));
  tar.pipe(extract);
  try {
    for await (const entry of extract) {
      const name = normalize(entry.header.name);
      const slash = name.lastIndexOf('/');
      const dir = slash < 0 ? '' : name.slice(0, slash);
      const base = name.slice(slash + 1);
      for (const p of asked) if (under(name, p)) implied.add(p);
      if (base === '.wh..wh..opq') {
        for (const p of asked) if (under(p, dir)) removed.add(p);
      } else if (base.startsWith('.wh.')) {
        const gone = `${dir ? `${dir}/` : ''}${base.slice(4)}`;
        for (const p of asked) if (p === gone || under(p, gone)) removed.add(p);
      } else if (name !== '') {
        const isDir = entry.header.type === 'directory';
        const isLink = entry.header.type === 'symlink';
        if (asked.includes(name)) written.set(name, isDir || isLink ? 'dir' : 'other');
        // A file (or link) put where a directory was hides everything below it.
        if (!isDir) for (const p of asked) if (under(p, name)) removed.add(p);
      }
      entry.resume();
    }
  } catch (err) {
    if (signal?.aborted) throw signal.reason;
    throw err;
  } finally {
    signal?.removeEventListener('abort', stop);
    raw.destroy();
  }
  return { removed: [...removed], written: [...written], implied: [...implied] };
}

export class UnknownFormat extends Error {}

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
export async function uncompressed(raw: Readable): Promise<Readable> {
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
