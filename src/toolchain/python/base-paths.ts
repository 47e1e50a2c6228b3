/**
 * The paths of a base image that tell which Python it runs (see base-python.ts), learned from its
 * layers' tar headers when its config has no PYTHON_VERSION (a system Python from apt, as in the
 * Function Mesh Python runner). Each layer is streamed once with its contents skipped; only names
 * matching the few patterns are kept. Whiteouts are not applied: a base that deletes its Python
 * in an upper layer is not worth the bookkeeping.
 */
import { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { extract as tarExtract } from 'tar-stream';
import type { Blob } from '../../image/image';
import { mapLimited } from '../../image/limit';

/** Names targetPythonFromBase() looks at. */
const INTERESTING = [
  /^usr\/lib\/python3\.\d+$/,
  /^usr\/local\/lib\/python3\.\d+(\/site-packages)?$/,
  /^lib\/ld-musl-[^/]+\.so\.1$/,
  /\/libc-2\.\d+\.so$/,
];

/** Matching paths (no leading slash) across all layers, sorted; zstd layers are skipped. */
export async function basePythonPaths(layers: readonly Blob[]): Promise<string[]> {
  const found = new Set<string>();
  await mapLimited(layers, 3, async (blob) => {
    for (const p of await layerPaths(blob)) found.add(p);
  });
  return [...found].sort();
}

async function layerPaths(blob: Blob): Promise<string[]> {
  const raw = await blob.open();
  const head = await firstBytes(raw);
  if (head.bytes.length >= 4 && head.bytes.readUInt32LE(0) === 0xfd2fb528) {
    raw.destroy();
    return []; // zstd: Node 20 cannot inflate it
  }
  const source = Readable.from(head.rest());
  const tar =
    head.bytes[0] === 0x1f && head.bytes[1] === 0x8b ? source.pipe(createGunzip()) : source;
  const names: string[] = [];
  const extract = tarExtract();
  await new Promise<void>((resolve, reject) => {
    extract.on('entry', (header, stream, next) => {
      const name = header.name.replace(/^(\.?\/)+/, '').replace(/\/+$/, '');
      if (INTERESTING.some((re) => re.test(name))) names.push(name);
      stream.on('end', next);
      stream.resume();
    });
    extract.on('finish', resolve);
    extract.on('error', reject);
    tar.on('error', reject);
    tar.pipe(extract);
  });
  return names;
}

/** The stream's first chunk, and an iterator of all its bytes (that chunk again, then the rest). */
async function firstBytes(
  stream: Readable,
): Promise<{ bytes: Buffer; rest: () => AsyncGenerator<Buffer> }> {
  const iterator = stream[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  const first = await iterator.next();
  const bytes = first.done ? Buffer.alloc(0) : first.value;
  return {
    bytes,
    rest: async function* () {
      if (bytes.length > 0) yield bytes;
      for (let next = await iterator.next(); !next.done; next = await iterator.next())
        yield next.value;
    },
  };
}
