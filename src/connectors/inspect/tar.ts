import { createReadStream, createWriteStream } from 'node:fs';
import { chmod, mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import type { Readable } from 'node:stream';
import tar from 'tar-stream';
import { InputError, errorMessage } from '../../core/errors';
import { MAX_TOTAL_UNCOMPRESSED_BYTES } from './zip';

/** Gradle distribution tars (Airbyte Java connectors), listed or staged with names checked. */

export interface TarEntry {
  /** Name with the leading `./` removed and, when asked, the first components stripped. */
  name: string;
  type: 'file' | 'directory';
  mode: number;
  size: number;
}

function openTar(path: string): Readable {
  const raw = createReadStream(path);
  return /\.(tgz|tar\.gz)$/i.test(path) ? raw.pipe(createGunzip()) : raw;
}

/** Checks an entry name and strips components; undefined when nothing is left (stripped away). */
function entryName(label: string, rawName: string, strip: number): string | undefined {
  const name = rawName.replace(/^(\.\/)+/, '').replace(/\/+$/, '');
  if (name === '' || name === '.') return undefined;
  const parts = name.split('/');
  if (name.startsWith('/') || parts.includes('..') || name.includes('\\')) {
    throw new InputError(
      `${label} holds the entry "${rawName}", whose name points outside the folder it is unpacked into; rebuild the archive without it.`,
      { file: label },
    );
  }
  const kept = parts.slice(strip).filter((p) => p !== '.' && p !== '');
  return kept.length === 0 ? undefined : kept.join('/');
}

/**
 * Walks a tar, calling `visit` for each file or directory. Links and devices are refused: a
 * distribution tar has none, and a link could point outside the staging folder.
 */
async function walkTar(
  path: string,
  label: string,
  strip: number,
  visit: (entry: TarEntry, body: AsyncIterable<unknown>) => Promise<void>,
): Promise<void> {
  const extract = tar.extract();
  const source = openTar(path);
  source.on('error', (err) => extract.destroy(err));
  source.pipe(extract);
  let total = 0;
  try {
    for await (const entry of extract) {
      const header = entry.header;
      const type = header.type ?? 'file';
      const name = entryName(label, header.name, strip);
      if (type !== 'file' && type !== 'directory' && type !== 'contiguous-file') {
        throw new InputError(
          `${label} holds "${header.name}", a ${type}; only files and folders are supported in a distribution tar.`,
          { file: label },
        );
      }
      total += header.size ?? 0;
      if (total > MAX_TOTAL_UNCOMPRESSED_BYTES) {
        throw new InputError(`${label} is bigger than 8 GiB unpacked; refusing it.`, {
          file: label,
        });
      }
      if (name === undefined) {
        entry.resume();
        continue;
      }
      await visit(
        {
          name,
          type: type === 'directory' ? 'directory' : 'file',
          mode: (header.mode ?? 0o644) & 0o7777,
          size: header.size ?? 0,
        },
        entry,
      );
      entry.resume();
    }
  } catch (err) {
    source.destroy();
    if (err instanceof InputError) throw err;
    throw new InputError(`${label} is not a readable tar archive (${errorMessage(err)}).`, {
      file: label,
    });
  }
}

export async function listTar(path: string, label: string, strip = 0): Promise<TarEntry[]> {
  const out: TarEntry[] = [];
  await walkTar(path, label, strip, (entry) => {
    out.push(entry);
    return Promise.resolve();
  });
  return out;
}

/**
 * Unpacks a tar into `destination` (a folder Slipway owns), the equivalent of
 * `tar xf --strip-components=<strip>`, and returns what it wrote. Used to stage a Java
 * distribution for the native builder, which has no RUN to untar inside the image.
 */
export async function extractTar(
  path: string,
  label: string,
  destination: string,
  strip: number,
): Promise<TarEntry[]> {
  const out: TarEntry[] = [];
  await walkTar(path, label, strip, async (entry, body) => {
    const target = join(destination, entry.name);
    if (entry.type === 'directory') {
      await mkdir(target, { recursive: true });
    } else {
      await mkdir(dirname(target), { recursive: true });
      await pipeline(body, createWriteStream(target, { mode: 0o600 }));
      await chmod(target, (entry.mode & 0o777) | 0o600);
    }
    out.push(entry);
  });
  return out;
}
