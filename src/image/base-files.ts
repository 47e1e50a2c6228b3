/**
 * One regular file of a base image, read from its layers: its mode, owner and bytes as the
 * image's top layers leave it. A plan that must change a file of the base without RUN (make a
 * script executable) puts these bytes into its own layer with the new mode.
 *
 * Layers are read from the top down and the reading stops at the first layer that says anything
 * about the path (writes it, removes it, or hides it under a whiteout or an opaque folder): the
 * files a build would change sit in a base's upper, small layers, so a large base (a JDK) is
 * mostly not downloaded.
 */
import { RunError, errorMessage } from '../core/errors';
import { isDistributable } from './image';
import type { Blob } from './image';
import { openLayerTar } from './layer-tar';

export interface BaseFile {
  /** Permission bits (0o7777) of the tar header. */
  mode: number;
  uid: number;
  gid: number;
  bytes: Buffer;
}

/** What a layer says about the path: nothing, a file, something else (a link, a folder), gone. */
type Verdict =
  { kind: 'silent' } | { kind: 'file'; file: BaseFile } | { kind: 'other' } | { kind: 'removed' };

/** A file read into memory is a script or a small config, never a large artifact. */
const MAX_BYTES = 4 * 1024 * 1024;

/**
 * The regular file at `path` in the image these layers (bottom first) make; undefined when the
 * image has no regular file there (absent, removed, a link or a folder) or a layer that could
 * decide cannot be read (zstd, foreign).
 */
export async function readBaseFile(
  layers: readonly Blob[],
  path: string,
  opts: { signal?: AbortSignal } = {},
): Promise<BaseFile | undefined> {
  const name = path.replace(/^\/+/, '').replace(/\/+$/, '');
  for (let i = layers.length - 1; i >= 0; i--) {
    const verdict = await layerVerdict(layers[i], name, opts.signal);
    if (verdict === undefined) return undefined;
    if (verdict.kind === 'file') return verdict.file;
    if (verdict.kind !== 'silent') return undefined;
  }
  return undefined;
}

/** Undefined: the layer cannot be read, so nothing below it can be trusted either. */
async function layerVerdict(
  blob: Blob,
  name: string,
  signal: AbortSignal | undefined,
): Promise<Verdict | undefined> {
  if (!isDistributable(blob.descriptor)) return undefined;
  const tar = await openLayerTar(blob, signal);
  if (!tar) return undefined;
  // Within one layer the last entry for a name wins, as extractors apply them in order.
  let verdict: Verdict = { kind: 'silent' };
  const ancestors = (p: string): boolean => name === p || name.startsWith(`${p}/`);
  try {
    for await (const entry of tar.entries) {
      const entryName = entry.header.name.replace(/^(\.?\/)+/, '').replace(/\/+$/, '');
      const slash = entryName.lastIndexOf('/');
      const dir = slash < 0 ? '' : entryName.slice(0, slash);
      const base = entryName.slice(slash + 1);
      if (base === '.wh..wh..opq') {
        // An opaque folder hides the lower layers' contents; this layer's own entries follow.
        if (dir === '' || name.startsWith(`${dir}/`)) verdict = { kind: 'removed' };
      } else if (base.startsWith('.wh.')) {
        if (ancestors(`${dir ? `${dir}/` : ''}${base.slice(4)}`)) verdict = { kind: 'removed' };
      } else if (entryName === name) {
        if (entry.header.type === 'file' && (entry.header.size ?? 0) <= MAX_BYTES) {
          const chunks: Buffer[] = [];
          for await (const chunk of entry) chunks.push(chunk as Buffer);
          const { mode = 0o644, uid = 0, gid = 0 } = entry.header;
          verdict = {
            kind: 'file',
            file: { mode: mode & 0o7777, uid, gid, bytes: Buffer.concat(chunks) },
          };
          continue;
        }
        verdict = { kind: 'other' };
      } else if (name.startsWith(`${entryName}/`) && entry.header.type !== 'directory') {
        // A file or link where a parent folder was hides the path.
        verdict = { kind: 'other' };
      }
      entry.resume();
    }
  } catch (err) {
    if (signal?.aborted) throw signal.reason;
    throw new RunError(
      `Cannot read the base image's layer ${blob.descriptor.digest} to find /${name}: ${errorMessage(err)}; run again`,
    );
  } finally {
    tar.close();
  }
  return verdict;
}
