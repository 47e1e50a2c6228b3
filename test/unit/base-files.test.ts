/**
 * image/base-files.ts: the file an image's layers leave at a path, read from the top layer down
 * (whiteouts, opaque folders, links and rewrites as extractors apply them), stopping at the first
 * layer that says anything about the path.
 */
import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import tar from 'tar-stream';
import type { Header } from 'tar-stream';
import { sha256 } from '../../src/image/digest';
import { readBaseFile } from '../../src/image/base-files';
import type { Blob } from '../../src/image/image';
import { MediaType } from '../../src/image/types';

type Entry = { header: Partial<Header> & Pick<Header, 'name'>; body?: string };

async function tarOf(entries: Entry[]): Promise<Buffer> {
  const pack = tar.pack();
  for (const e of entries) pack.entry(e.header, e.body ?? '');
  pack.finalize();
  const chunks: Buffer[] = [];
  for await (const chunk of pack) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** A gzip layer that counts how often it is opened. */
async function layer(entries: Entry[]): Promise<Blob & { opened: number }> {
  return blobOf(gzipSync(await tarOf(entries)));
}

function blobOf(
  bytes: Buffer,
  mediaType: string = MediaType.OciLayerGzip,
): Blob & { opened: number } {
  const blob = {
    opened: 0,
    descriptor: { mediaType, digest: sha256(bytes), size: bytes.length },
    open: () => {
      blob.opened++;
      return Promise.resolve(Readable.from([bytes]));
    },
  };
  return blob;
}

const script = (mode: number, body = '#!/bin/sh\n'): Entry => ({
  header: { name: 'airbyte/base.sh', mode, uid: 1000, gid: 1000 },
  body,
});

it('finds a file of a lower layer with its mode, owner and bytes', async () => {
  const lower = await layer([
    { header: { name: 'airbyte/', type: 'directory', mode: 0o755 } },
    script(0o600, '#!/bin/sh\necho base\n'),
  ]);
  const upper = await layer([{ header: { name: 'etc/other', mode: 0o644 }, body: 'x' }]);
  const found = await readBaseFile([lower, upper], '/airbyte/base.sh');
  expect(found).toEqual({
    mode: 0o600,
    uid: 1000,
    gid: 1000,
    bytes: Buffer.from('#!/bin/sh\necho base\n'),
  });
});

it('an upper layer that rewrites the file decides, and lower layers are not read', async () => {
  const lower = await layer([script(0o600)]);
  const upper = await layer([script(0o755, 'new')]);
  const found = await readBaseFile([lower, upper], '/airbyte/base.sh');
  expect(found?.mode).toBe(0o755);
  expect(found?.bytes.toString()).toBe('new');
  expect(lower.opened).toBe(0);
});

it('a whiteout of the file or of its folder, or an opaque folder, removes it', async () => {
  const lower = await layer([script(0o600)]);
  for (const name of ['airbyte/.wh.base.sh', '.wh.airbyte', 'airbyte/.wh..wh..opq']) {
    const upper = await layer([{ header: { name, mode: 0o644 } }]);
    expect(await readBaseFile([lower, upper], '/airbyte/base.sh')).toBeUndefined();
  }
  // An opaque folder whose layer writes the file again keeps that one.
  const again = await layer([
    { header: { name: 'airbyte/.wh..wh..opq', mode: 0o644 } },
    script(0o644, 'again'),
  ]);
  expect((await readBaseFile([lower, again], '/airbyte/base.sh'))?.bytes.toString()).toBe('again');
});

it('a link, a folder or an absent path is no regular file', async () => {
  const link = await layer([
    { header: { name: 'airbyte/base.sh', type: 'symlink', linkname: '/bin/sh', mode: 0o777 } },
  ]);
  expect(await readBaseFile([link], '/airbyte/base.sh')).toBeUndefined();
  const dir = await layer([
    { header: { name: 'airbyte/base.sh/', type: 'directory', mode: 0o755 } },
  ]);
  expect(await readBaseFile([dir], '/airbyte/base.sh')).toBeUndefined();
  const other = await layer([{ header: { name: 'etc/x', mode: 0o644 }, body: 'x' }]);
  expect(await readBaseFile([other], '/airbyte/base.sh')).toBeUndefined();
});

it('reads the file from a layer without end-of-archive blocks or data padding (as umoci writes)', async () => {
  // umoci insert: the last header and the file's bytes, nothing after (GNU tar: "Unexpected EOF").
  const body = '#!/bin/sh\necho hi\n';
  const whole = await tarOf([
    { header: { name: 'airbyte/', type: 'directory', mode: 0o755 } },
    script(0o644, body),
  ]);
  const umoci = whole.subarray(0, 512 + 512 + body.length);
  for (const lower of [blobOf(gzipSync(umoci)), blobOf(umoci, MediaType.OciLayer)]) {
    const upper = await layer([{ header: { name: 'etc/other', mode: 0o644 }, body: 'x' }]);
    const found = await readBaseFile([lower, upper], '/airbyte/base.sh');
    expect(found).toEqual({
      mode: 0o644,
      uid: 1000,
      gid: 1000,
      bytes: Buffer.from(body),
    });
  }
});
