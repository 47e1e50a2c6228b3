import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { extract } from 'tar-stream';
import type { PlanDirectory, PlanFile } from '../../src/connectors/plan';
import { RunError } from '../../src/core/errors';
import { sha256 } from '../../src/image/digest';
import { buildLayer } from '../../src/image/layer';
import type { BuiltLayer, LayerEntries } from '../../src/image/layer';

const EPOCH = 1700000000;
let work: string;

beforeAll(async () => {
  work = await fsp.mkdtemp(path.join(os.tmpdir(), 'slipway-layer-test-'));
});
afterAll(async () => {
  await fsp.rm(work, { recursive: true, force: true });
});

async function readAll(layer: BuiltLayer): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of await layer.open()) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** Builds, reads the blob back and disposes; the blob's bytes with the layer's numbers. */
async function build(entries: LayerEntries, opts: Partial<Parameters<typeof buildLayer>[1]> = {}) {
  const layer = await buildLayer(entries, { epoch: EPOCH, tmpDir: work, ...opts });
  try {
    const blob = await readAll(layer);
    return { layer, blob, tar: layer.format === 'tar' ? blob : gunzipSync(blob) };
  } finally {
    await layer.dispose();
  }
}

interface TarEntry {
  name: string;
  type: string;
  mode: number;
  uid: number;
  gid: number;
  uname: string;
  gname: string;
  mtime: number;
  size: number;
  body: Buffer;
}

async function listTar(tar: Buffer): Promise<TarEntry[]> {
  const out: TarEntry[] = [];
  const ex = extract();
  const done = (async () => {
    for await (const entry of ex) {
      const chunks: Buffer[] = [];
      for await (const c of entry) chunks.push(c as Buffer);
      const h = entry.header;
      out.push({
        name: h.name,
        type: h.type,
        mode: h.mode,
        uid: h.uid,
        gid: h.gid,
        uname: h.uname,
        gname: h.gname,
        mtime: h.mtime.getTime() / 1000,
        size: h.size,
        body: Buffer.concat(chunks),
      });
    }
  })();
  ex.end(tar);
  await done;
  return out;
}

async function fixture(name: string, content: Buffer | string): Promise<string> {
  const p = path.join(work, name);
  await fsp.mkdir(path.dirname(p), { recursive: true });
  await fsp.writeFile(p, content);
  return p;
}

function connectorPlan(nar: string, yaml: string): LayerEntries {
  const files: PlanFile[] = [
    { path: '/pulsar/connectors/sink.nar', source: nar, mode: 0o644, uid: 10000, gid: 10001 },
    { path: '/pulsar/conf/sink.yaml', source: yaml, mode: 0o600, uid: 10000, gid: 10001 },
  ];
  const directories: PlanDirectory[] = [
    { path: '/pulsar/connectors', mode: 0o775, uid: 10000, gid: 10001 },
  ];
  return { files, directories };
}

describe('buildLayer', () => {
  test('writes sorted entries with parents, plan owners/modes, the epoch and no host names', async () => {
    const nar = await fixture('a/sink.nar', randomBytes(200_000));
    const yaml = await fixture('a/sink.yaml', 'configs:\n  topic: x\n');
    const { tar, layer } = await build(connectorPlan(nar, yaml));
    const entries = await listTar(tar);
    expect(entries.map((e) => [e.name, e.type, e.mode.toString(8), e.uid, e.gid])).toEqual([
      ['pulsar/', 'directory', '755', 0, 0],
      ['pulsar/conf/', 'directory', '755', 0, 0],
      ['pulsar/conf/sink.yaml', 'file', '600', 10000, 10001],
      ['pulsar/connectors/', 'directory', '775', 10000, 10001],
      ['pulsar/connectors/sink.nar', 'file', '644', 10000, 10001],
    ]);
    for (const e of entries) {
      expect(e.mtime).toBe(EPOCH);
      expect(e.uname).toBe('');
      expect(e.gname).toBe('');
    }
    expect(entries[4].body.equals(await fsp.readFile(nar))).toBe(true);
    expect(layer.diffId).toBe(sha256(tar));
    expect(layer.tarSize).toBe(tar.length);
    // ustar only: no pax headers for ordinary names, so nothing host-dependent can hide there
    expect(tar.includes(Buffer.from('PaxHeader'))).toBe(false);
  });

  test('descriptor digest and size are those of the blob open() streams, every time', async () => {
    const yaml = await fixture('b/x.yaml', 'a: 1\n');
    const layer = await buildLayer(
      { files: [{ path: '/x.yaml', source: yaml, mode: 0o644, uid: 0, gid: 0 }], directories: [] },
      { epoch: 0, tmpDir: work },
    );
    const first = await readAll(layer);
    const second = await readAll(layer);
    expect(first.equals(second)).toBe(true);
    expect(layer.descriptor).toEqual({
      mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip',
      digest: sha256(first),
      size: first.length,
    });
    await layer.dispose();
    await expect(layer.open()).rejects.toThrow(/disposed/);
    expect(fs.readdirSync(work).filter((n) => n.startsWith('slipway-layer-'))).toEqual([]);
  });

  test('same inputs give the same bytes, whatever TZ, source mtimes, modes and owners', async () => {
    const bytes = randomBytes(300_000);
    const nar1 = await fixture('c1/sink.nar', bytes);
    const yaml1 = await fixture('c1/sink.yaml', 'x: 1\n');
    const nar2 = await fixture('c2/other-name.nar', bytes);
    const yaml2 = await fixture('c2/other.yaml', 'x: 1\n');
    await fsp.utimes(nar2, new Date('2001-02-03T04:05:06Z'), new Date('2001-02-03T04:05:06Z'));
    await fsp.chmod(yaml2, 0o755);
    if (process.getuid?.() === 0) await fsp.chown(nar2, 1234, 5678);

    const a = await build(connectorPlan(nar1, yaml1));
    const tz = process.env.TZ;
    try {
      process.env.TZ = 'Pacific/Kiritimati';
      const b = await build(connectorPlan(nar2, yaml2));
      expect(b.blob.equals(a.blob)).toBe(true);
      expect(b.layer.descriptor.digest).toBe(a.layer.descriptor.digest);
      expect(b.layer.diffId).toBe(a.layer.diffId);
    } finally {
      if (tz === undefined) delete process.env.TZ;
      else process.env.TZ = tz;
    }
    // input order does not matter either
    const reversed = connectorPlan(nar1, yaml1);
    reversed.files.reverse();
    expect((await build(reversed)).layer.descriptor.digest).toBe(a.layer.descriptor.digest);
  });

  test('one changed byte, owner, mode or epoch changes the digest', async () => {
    const bytes = randomBytes(100_000);
    const nar = await fixture('d/sink.nar', bytes);
    const yaml = await fixture('d/sink.yaml', 'x: 1\n');
    const base = await build(connectorPlan(nar, yaml));
    const flipped = Buffer.from(bytes);
    flipped[50_000] ^= 1;
    const nar2 = await fixture('d2/sink.nar', flipped);
    const changedByte = await build(connectorPlan(nar2, yaml));
    const owner = connectorPlan(nar, yaml);
    owner.files[0].uid = 10001;
    const mode = connectorPlan(nar, yaml);
    mode.directories[0].mode = 0o755;
    const digests = [
      base.layer.descriptor.digest,
      changedByte.layer.descriptor.digest,
      (await build(owner)).layer.descriptor.digest,
      (await build(mode)).layer.descriptor.digest,
      (await build(connectorPlan(nar, yaml), { epoch: EPOCH + 1 })).layer.descriptor.digest,
    ];
    expect(new Set(digests).size).toBe(digests.length);
    expect(changedByte.layer.diffId).not.toBe(base.layer.diffId);
  });

  test('auto: a zip/jar alone is the bare tar, text is deflated, a mix is gzip with stored blocks', async () => {
    // a real zip's magic number with incompressible entries, like a NAR
    const jarBytes = Buffer.concat([Buffer.from('PK\x03\x04', 'latin1'), randomBytes(400_000)]);
    const jar = await fixture('e/app.jar', jarBytes);
    const text = await fixture('e/manifest.yaml', 'streams:\n  - name: users\n'.repeat(20_000));
    const jarFile = { path: '/pulsar/app.jar', source: jar, mode: 0o644, uid: 0, gid: 0 };
    const textFile = { path: '/airbyte/manifest.yaml', source: text, mode: 0o644, uid: 0, gid: 0 };
    const jarLayer = await build({ files: [jarFile], directories: [] });
    expect(jarLayer.layer.format).toBe('tar');
    expect(jarLayer.layer.descriptor.mediaType).toBe('application/vnd.oci.image.layer.v1.tar');
    expect(jarLayer.layer.descriptor.digest).toBe(jarLayer.layer.diffId);
    expect(jarLayer.layer.descriptor.size).toBe(jarLayer.layer.tarSize);
    expect(jarLayer.layer.storedBytes).toBe(jarLayer.layer.tarSize);
    expect((await listTar(jarLayer.tar))[1].body.equals(jarBytes)).toBe(true);

    const textLayer = await build({ files: [textFile], directories: [] });
    expect(textLayer.layer.format).toBe('gzip');
    expect(textLayer.layer.storedBytes).toBe(0);
    expect(textLayer.layer.descriptor.size).toBeLessThan(textLayer.layer.tarSize / 20);
    const listed = await listTar(textLayer.tar);
    expect(listed[1].body.equals(await fsp.readFile(text))).toBe(true);

    // 400 KB compressed and 500 KB text: gzip, the jar in stored blocks
    const mixed = await build({ files: [jarFile, textFile], directories: [] });
    expect(mixed.layer.format).toBe('gzip');
    expect(mixed.layer.descriptor.mediaType).toBe('application/vnd.oci.image.layer.v1.tar+gzip');
    expect(mixed.layer.storedBytes).toBe(jarBytes.length);
    expect(mixed.layer.descriptor.size).toBeGreaterThan(jarBytes.length);
    expect(mixed.layer.descriptor.size).toBeLessThan(jarBytes.length + 100_000);
  });

  test('auto: the bare tar needs 90 % of it already compressed', async () => {
    const bin = await fixture('f2/blob.bin', randomBytes(900_000));
    const fits = await fixture('f2/fits.txt', 'x'.repeat(90_000));
    const tooMuch = await fixture('f2/too-much.txt', 'x'.repeat(110_000));
    const layerOf = (txt: string) =>
      build({
        files: [
          { path: '/opt/blob.bin', source: bin, mode: 0o644, uid: 0, gid: 0 },
          { path: '/opt/notes.txt', source: txt, mode: 0o644, uid: 0, gid: 0 },
        ],
        directories: [],
      });
    expect((await layerOf(fits)).layer.format).toBe('tar');
    expect((await layerOf(tooMuch)).layer.format).toBe('gzip');
  });

  test('an incompressible file without a known magic number counts as compressed (sampled)', async () => {
    const bin = await fixture('f/blob.bin', randomBytes(300_000));
    const { layer } = await build({
      files: [{ path: '/opt/blob.bin', source: bin, mode: 0o755, uid: 0, gid: 0 }],
      directories: [],
    });
    expect(layer.format).toBe('tar');
    const gz = await build(
      {
        files: [{ path: '/opt/blob.bin', source: bin, mode: 0o755, uid: 0, gid: 0 }],
        directories: [],
      },
      { compression: 'gzip' },
    );
    expect(gz.layer.format).toBe('gzip');
    expect(
      gz.tar.equals(
        (
          await build({
            files: [{ path: '/opt/blob.bin', source: bin, mode: 0o755, uid: 0, gid: 0 }],
            directories: [],
          })
        ).tar,
      ),
    ).toBe(true);
  });

  test('the bare tar is made again from the files on every open, and keeps nothing on disk', async () => {
    const bin = await fixture('t/blob.bin', randomBytes(3_000_000));
    const tmp = await fsp.mkdtemp(path.join(work, 'tar-tmp-'));
    const layer = await buildLayer(
      {
        files: [{ path: '/opt/blob.bin', source: bin, mode: 0o644, uid: 0, gid: 0 }],
        directories: [],
      },
      { epoch: EPOCH, tmpDir: tmp },
    );
    expect(await fsp.readdir(tmp)).toEqual([]);
    const first = await readAll(layer);
    const second = await readAll(layer);
    expect(first.equals(second)).toBe(true);
    expect(layer.descriptor).toEqual({
      mediaType: 'application/vnd.oci.image.layer.v1.tar',
      digest: sha256(first),
      size: first.length,
    });
    expect(layer.diffId).toBe(layer.descriptor.digest);
    await layer.dispose();
    await expect(layer.open()).rejects.toThrow(/disposed/);
  });

  test.each([
    ['its size', (f: string) => fsp.appendFile(f, 'x')],
    [
      'its bytes (same size and mtime)',
      async (f: string) => {
        const st = await fsp.stat(f);
        const fh = await fsp.open(f, 'r+');
        await fh.write(Buffer.from([0]), 0, 1, 1_000_000);
        await fh.close();
        await fsp.utimes(f, st.atime, st.mtime);
      },
    ],
  ])(
    'a file that changes %s between build and open fails the open clearly',
    async (_what, change) => {
      const bin = await fixture(`u/${randomBytes(4).toString('hex')}.bin`, randomBytes(2_000_000));
      const layer = await buildLayer(
        {
          files: [{ path: '/opt/blob.bin', source: bin, mode: 0o644, uid: 0, gid: 0 }],
          directories: [],
        },
        { epoch: EPOCH, tmpDir: work },
      );
      expect(layer.format).toBe('tar');
      await change(bin);
      const received: Buffer[] = [];
      const err = await (async () => {
        for await (const chunk of await layer.open()) received.push(chunk as Buffer);
      })().then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(RunError);
      expect(String(err)).toMatch(
        /changed (while Slipway was reading it into the layer|after the layer was built)/,
      );
      expect(String(err)).toContain(bin);
      // never the whole (wrong) blob
      expect(Buffer.concat(received).length).toBeLessThan(layer.descriptor.size);
    },
  );

  test('compression store and gzip are honoured and give the same tar', async () => {
    const nar = await fixture('g/sink.nar', randomBytes(100_000));
    const yaml = await fixture('g/sink.yaml', 'y: 2\n'.repeat(1000));
    const stored = await build(connectorPlan(nar, yaml), { compression: 'store' });
    const gzip = await build(connectorPlan(nar, yaml), { compression: 'gzip' });
    expect(stored.layer.storedBytes).toBe(stored.layer.tarSize);
    expect(gzip.layer.storedBytes).toBe(0);
    expect(stored.tar.equals(gzip.tar)).toBe(true);
    expect(stored.layer.diffId).toBe(gzip.layer.diffId);
    expect(stored.layer.descriptor.digest).not.toBe(gzip.layer.descriptor.digest);
  });

  test.each(['none', 'gzip'] as const)(
    "fileDigests (compression %s): each file's sha256 from the layer's one pass; none once unwanted",
    async (compression) => {
      // big enough to be read in several chunks, and a small one read whole
      const narBytes = randomBytes(9 * 1024 * 1024 + 7);
      const nar = await fixture(`d-${compression}/sink.nar`, narBytes);
      const yaml = await fixture(`d-${compression}/sink.yaml`, 'y: 3\n'.repeat(1000));
      const taken: ReadonlyMap<string, string>[] = [];
      await build(connectorPlan(nar, yaml), {
        compression,
        fileDigests: { wanted: () => true, take: (d) => taken.push(d) },
      });
      expect(taken).toHaveLength(1);
      expect(Object.fromEntries(taken[0])).toEqual({
        [nar]: sha256(narBytes).slice(7),
        [yaml]: sha256('y: 3\n'.repeat(1000)).slice(7),
      });

      // a caller that got them elsewhere part-way (a hashing pass started): nothing handed out
      let asked = 0;
      const late: ReadonlyMap<string, string>[] = [];
      await build(connectorPlan(nar, yaml), {
        compression,
        fileDigests: { wanted: () => ++asked < 2, take: (d) => late.push(d) },
      });
      expect(asked).toBeGreaterThan(1);
      expect(late).toEqual([]);
    },
  );

  test('an empty plan and a directories-only plan give valid layers', async () => {
    const empty = await build({ files: [], directories: [] });
    expect(empty.tar.equals(Buffer.alloc(1024))).toBe(true);
    expect(empty.layer.tarSize).toBe(1024);
    const dirs = await build({
      files: [],
      directories: [{ path: '/airbyte/integration_code/', mode: 0o755, uid: 1000, gid: 1000 }],
    });
    expect((await listTar(dirs.tar)).map((e) => [e.name, e.uid])).toEqual([
      ['airbyte/', 0],
      ['airbyte/integration_code/', 1000],
    ]);
  });

  test('long and non-ASCII names survive (pax path only, deterministic)', async () => {
    const f = await fixture('h/f.txt', 'x');
    const long = `/opt/${'d'.repeat(120)}/${'n'.repeat(110)}.txt`;
    const entries: LayerEntries = {
      files: [
        { path: long, source: f, mode: 0o644, uid: 0, gid: 0 },
        { path: '/opt/größe.txt', source: f, mode: 0o644, uid: 0, gid: 0 },
      ],
      directories: [],
    };
    const a = await build(entries);
    const b = await build(entries);
    expect(a.blob.equals(b.blob)).toBe(true);
    const names = (await listTar(a.tar)).map((e) => e.name);
    expect(names).toContain(long.slice(1));
    expect(names).toContain('opt/größe.txt');
  });

  test('a file listed as 0 mode keeps mode 0 (not a library default)', async () => {
    const f = await fixture('i/secret', 'x');
    const { tar } = await build({
      files: [{ path: '/secret', source: f, mode: 0, uid: 0, gid: 0 }],
      directories: [],
    });
    expect((await listTar(tar))[0].mode).toBe(0);
  });

  test('rejects bad plans with a message naming the path', async () => {
    const f = await fixture('j/f', 'x');
    const one = (p: Partial<PlanFile>): LayerEntries => ({
      files: [{ path: '/a', source: f, mode: 0o644, uid: 0, gid: 0, ...p }],
      directories: [],
    });
    await expect(buildLayer(one({ path: 'relative' }), { epoch: 0 })).rejects.toThrow(
      /"relative" must be absolute/,
    );
    await expect(
      buildLayer(one({ source: path.join(work, 'missing') }), { epoch: 0 }),
    ).rejects.toThrow(/Cannot read .*missing \(for \/a\)/);
    await expect(buildLayer(one({ uid: 99_999_999 }), { epoch: 0 })).rejects.toThrow(
      /uid 99999999 of \/a/,
    );
    await expect(buildLayer(one({ source: work }), { epoch: 0 })).rejects.toThrow(
      /not a regular file/,
    );
    await expect(
      buildLayer(
        {
          files: [
            { path: '/a', source: f, mode: 0o644, uid: 0, gid: 0 },
            { path: '/a/b', source: f, mode: 0o644, uid: 0, gid: 0 },
          ],
          directories: [],
        },
        { epoch: 0 },
      ),
    ).rejects.toThrow(/\/a is a file in the plan but also a parent directory of \/a\/b/);
    await expect(buildLayer(one({}), { epoch: -1 })).rejects.toThrow(/epoch -1/);
    await expect(buildLayer(one({}), { epoch: 2 ** 31 })).rejects.toThrow(
      /epoch 2147483648 .* 2038/,
    );
  });

  test.each([
    ['a later file grows before it is opened', 'b-later.txt', 'auto'],
    ['the file being read grows', 'a-big.bin', 'auto'],
    ['a later file grows before it is opened (gzip)', 'b-later.txt', 'store'],
    ['the file being read grows (gzip)', 'a-big.bin', 'store'],
  ] as const)('%s: fails clearly, no crash, no temp files', async (_what, victim, compression) => {
    // A big file first: we append once its first bytes went out (the tee sees them).
    const dir = await fsp.mkdtemp(path.join(work, 'grow-'));
    const big = path.join(dir, 'a-big.bin');
    const block = randomBytes(1024 * 1024);
    const fh = await fsp.open(big, 'w');
    for (let i = 0; i < 32; i++) await fh.write(block);
    await fh.close();
    const later = path.join(dir, 'b-later.txt');
    await fsp.writeFile(later, 'before\n');
    const tmp = await fsp.mkdtemp(path.join(work, 'grow-tmp-'));
    let seen = 0;
    let appended = false;
    const err = await buildLayer(
      {
        files: [
          { path: '/a-big.bin', source: big, mode: 0o644, uid: 0, gid: 0 },
          { path: '/b-later.txt', source: later, mode: 0o644, uid: 0, gid: 0 },
        ],
        directories: [],
      },
      {
        epoch: 0,
        tmpDir: tmp,
        compression,
        tee: {
          write: async (chunk) => {
            seen += chunk.length;
            if (!appended && seen > 1024 * 1024) {
              appended = true;
              await fsp.appendFile(path.join(dir, victim), 'after\n');
            }
          },
        },
      },
    ).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(appended).toBe(true);
    expect(err).toBeInstanceOf(RunError);
    expect(String(err)).toContain(`${victim} changed while Slipway was reading it into the layer`);
    expect(await fsp.readdir(tmp)).toEqual([]);
    await fsp.rm(dir, { recursive: true });
  });
});

describe('links: kept as links, never followed', () => {
  test('a LayerSymlink is a symlink entry with its text, 0777, the plan owner and implied parents', async () => {
    const src = await fixture('links/a.py', 'a\n');
    const { tar } = await build(
      {
        files: [{ path: '/app/pkg/a.py', source: src, mode: 0o644, uid: 1000, gid: 1000 }],
        directories: [],
        symlinks: [
          { path: '/app/pkg/current.py', target: 'a.py', uid: 1000, gid: 1000 },
          { path: '/app/other/up.py', target: '../pkg/a.py', uid: 0, gid: 0 },
        ],
      },
      { compression: 'none' },
    );
    const entries = await listTar(tar);
    expect(
      entries.map((e) => `${e.name} ${e.type} ${e.uid}:${e.gid} ${e.mode.toString(8)}`),
    ).toEqual([
      'app/ directory 0:0 755',
      'app/other/ directory 0:0 755',
      'app/other/up.py symlink 0:0 777',
      'app/pkg/ directory 0:0 755',
      'app/pkg/a.py file 1000:1000 644',
      'app/pkg/current.py symlink 1000:1000 777',
    ]);
    const ex = extract();
    const targets: string[] = [];
    const done = (async () => {
      for await (const e of ex) {
        if (e.header.type === 'symlink') targets.push(`${e.header.name} -> ${e.header.linkname}`);
        e.resume();
      }
    })();
    ex.end(tar);
    await done;
    expect(targets).toEqual(['app/other/up.py -> ../pkg/a.py', 'app/pkg/current.py -> a.py']);
  });

  test('a plan file whose source is a link is refused, never followed', async () => {
    const secret = await fixture('links/secret.txt', 'secret\n');
    const link = path.join(work, 'links', 'innocent.txt');
    fs.symlinkSync(secret, link);
    await expect(
      build({
        files: [{ path: '/x/innocent.txt', source: link, mode: 0o644, uid: 0, gid: 0 }],
        directories: [],
      }),
    ).rejects.toThrow(
      `${link} (for /x/innocent.txt) is a symbolic link, which Slipway does not follow into a layer; point the plan at the file itself`,
    );
  });
});
