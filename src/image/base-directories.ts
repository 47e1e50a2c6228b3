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
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { readCacheFile, writeCacheFile } from '../core/cache';
import { errorMessage } from '../core/errors';
import { isDistributable } from './image';
import type { Blob } from './image';
import { openLayerTar } from './layer-tar';
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
  /**
   * Where a layer's facts are kept between runs: they follow from its digest and the asked
   * paths alone, so a base is read once, not on every build. Only facts read in full are kept
   * (a download that failed is not remembered as "unreadable").
   */
  cacheDir?: string;
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
    const file = opts.cacheDir
      ? join(opts.cacheDir, createHash('sha256').update(key).digest('hex'))
      : undefined;
    const kept = file ? keptFacts(file, key) : undefined;
    facts = kept
      ? Promise.resolve(kept)
      : readLayerFacts(blob, asked, opts).then((read) => {
          if (file && !read.unreadable) writeCacheFile(file, JSON.stringify({ key, facts: read }));
          return read;
        });
    cache.set(key, facts);
    facts.catch(() => cache.delete(key));
    if (cache.size > CACHE_LIMIT) cache.delete(cache.keys().next().value as string);
  }
  return facts;
}

/** Facts kept by an earlier run for exactly this key; undefined when missing or unsound. */
function keptFacts(file: string, key: string): LayerFacts | undefined {
  try {
    const kept = JSON.parse(readCacheFile(file) ?? 'null') as {
      key?: unknown;
      facts?: Partial<LayerFacts>;
    } | null;
    const facts = kept?.facts;
    const names = (v: unknown): v is string[] =>
      Array.isArray(v) && v.every((x) => typeof x === 'string');
    if (kept?.key !== key || !facts || !names(facts.removed) || !names(facts.implied)) {
      return undefined;
    }
    const written = facts.written;
    if (
      !Array.isArray(written) ||
      !written.every(
        (w) => Array.isArray(w) && typeof w[0] === 'string' && (w[1] === 'dir' || w[1] === 'other'),
      )
    ) {
      return undefined;
    }
    return { removed: facts.removed, written, implied: facts.implied };
  } catch {
    return undefined;
  }
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
  const tar = await openLayerTar(blob, signal);
  if (!tar) return { ...facts, unreadable: true };
  try {
    for await (const entry of tar.entries) {
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
    tar.close();
  }
  return { removed: [...removed], written: [...written], implied: [...implied] };
}
