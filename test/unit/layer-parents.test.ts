/**
 * The parents of the plan's paths that the plan does not list: written (0:0 0755) only where the
 * base lacks them, so that an existing /tmp keeps its 1777 as under `docker build`; and how the
 * base's directories are learned from its layers' tar headers.
 */
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { extract, pack } from 'tar-stream';
import type { Header } from 'tar-stream';
import { baseDirectories, worthReading } from '../../src/image/base-directories';
import { MemoryLogger } from '../../src/core/log';
import { sha256 } from '../../src/image/digest';
import type { Blob } from '../../src/image/image';
import { buildLayer } from '../../src/image/layer';
import type { LayerEntries } from '../../src/image/layer';
import { MediaType } from '../../src/image/types';

const EPOCH = 1700000000;
let work: string;
let source: string;

beforeAll(async () => {
  work = await fsp.mkdtemp(path.join(os.tmpdir(), 'slipway-layer-parents-'));
  source = path.join(work, 'x.txt');
  await fsp.writeFile(source, 'x\n');
});
afterAll(async () => {
  await fsp.rm(work, { recursive: true, force: true });
});

async function entriesOf(
  plan: LayerEntries,
  existing?: (paths: string[]) => Promise<ReadonlySet<string>>,
): Promise<{ lines: string[]; digest: string }> {
  const layer = await buildLayer(plan, {
    epoch: EPOCH,
    compression: 'none',
    existingDirectories: existing,
  });
  try {
    const chunks: Buffer[] = [];
    for await (const c of await layer.open()) chunks.push(c as Buffer);
    const lines: string[] = [];
    const ex = extract();
    const done = (async () => {
      for await (const e of ex) {
        const h = e.header;
        lines.push(`${h.name} ${h.type} ${h.uid}:${h.gid} ${h.mode.toString(8)}`);
        e.resume();
      }
    })();
    ex.end(Buffer.concat(chunks));
    await done;
    return { lines, digest: layer.diffId };
  } finally {
    await layer.dispose();
  }
}

describe('buildLayer: parents the plan does not list', () => {
  const plan = (): LayerEntries => ({
    files: [
      { path: '/tmp/x', source, mode: 0o644, uid: 0, gid: 0 },
      { path: '/opt/acme/conf/x', source, mode: 0o600, uid: 5, gid: 6 },
      { path: '/pulsar/connectors/x', source, mode: 0o644, uid: 10000, gid: 10001 },
    ],
    directories: [{ path: '/pulsar/connectors', mode: 0o775, uid: 10000, gid: 10001 }],
  });

  test('without knowledge of the base, every parent gets an entry (0:0 0755)', async () => {
    const { lines } = await entriesOf(plan());
    expect(lines).toEqual([
      'opt/ directory 0:0 755',
      'opt/acme/ directory 0:0 755',
      'opt/acme/conf/ directory 0:0 755',
      'opt/acme/conf/x file 5:6 600',
      'pulsar/ directory 0:0 755',
      'pulsar/connectors/ directory 10000:10001 775',
      'pulsar/connectors/x file 10000:10001 644',
      'tmp/ directory 0:0 755',
      'tmp/x file 0:0 644',
    ]);
  });

  test('parents the base has get no entry; missing ones 0:0 0755; listed ones always', async () => {
    const asked: string[][] = [];
    const existing = (paths: string[]): Promise<ReadonlySet<string>> => {
      asked.push(paths);
      // The base has /tmp, /opt and /pulsar, and /pulsar/connectors too (listed: still written).
      return Promise.resolve(new Set(['/tmp', '/opt', '/pulsar', '/pulsar/connectors']));
    };
    const first = await entriesOf(plan(), existing);
    expect(first.lines).toEqual([
      'opt/acme/ directory 0:0 755',
      'opt/acme/conf/ directory 0:0 755',
      'opt/acme/conf/x file 5:6 600',
      'pulsar/connectors/ directory 10000:10001 775',
      'pulsar/connectors/x file 10000:10001 644',
      'tmp/x file 0:0 644',
    ]);
    // Only the unlisted parents are asked about, sorted like the layer.
    expect(asked).toEqual([['/opt', '/opt/acme', '/opt/acme/conf', '/pulsar', '/tmp']]);
    // Reproducible: the same plan and the same base give the same bytes.
    const again = await entriesOf(plan(), existing);
    expect(again.digest).toBe(first.digest);
    expect(first.digest).not.toBe((await entriesOf(plan())).digest);
  });

  test('a plan whose parents are all listed never asks (no base read)', async () => {
    const existing = jest.fn(() => Promise.resolve(new Set<string>()));
    const { lines } = await entriesOf(
      {
        files: [{ path: '/pulsar/x', source, mode: 0o644, uid: 1, gid: 1 }],
        directories: [{ path: '/pulsar', mode: 0o775, uid: 1, gid: 1 }],
      },
      existing,
    );
    expect(existing).not.toHaveBeenCalled();
    expect(lines).toEqual(['pulsar/ directory 1:1 775', 'pulsar/x file 1:1 644']);
  });
});

describe('buildLayer: directories listed ifMissing (those a COPY --chown creates)', () => {
  const plan = (): LayerEntries => ({
    files: [
      { path: '/new/dir/x', source, mode: 0o644, uid: 10000, gid: 10001 },
      { path: '/tmp/t/x', source, mode: 0o644, uid: 5, gid: 6 },
    ],
    directories: [
      { path: '/new', mode: 0o755, uid: 10000, gid: 10001, ifMissing: true },
      { path: '/new/dir', mode: 0o755, uid: 10000, gid: 10001, ifMissing: true },
      { path: '/tmp', mode: 0o755, uid: 5, gid: 6, ifMissing: true },
      { path: '/tmp/t', mode: 0o755, uid: 5, gid: 6, ifMissing: true },
    ],
  });

  test('written with their owner where the base lacks them, left out where it has them', async () => {
    expect((await entriesOf(plan())).lines).toEqual([
      'new/ directory 10000:10001 755',
      'new/dir/ directory 10000:10001 755',
      'new/dir/x file 10000:10001 644',
      'tmp/ directory 5:6 755',
      'tmp/t/ directory 5:6 755',
      'tmp/t/x file 5:6 644',
    ]);
    const asked: string[][] = [];
    const existing = (paths: string[]): Promise<ReadonlySet<string>> => {
      asked.push(paths);
      return Promise.resolve(new Set(['/tmp']));
    };
    const known = await entriesOf(plan(), existing);
    expect(known.lines).toEqual([
      'new/ directory 10000:10001 755',
      'new/dir/ directory 10000:10001 755',
      'new/dir/x file 10000:10001 644',
      'tmp/t/ directory 5:6 755',
      'tmp/t/x file 5:6 644',
    ]);
    // Asked about with the unlisted parents (none here), sorted like the layer.
    expect(asked).toEqual([['/new', '/new/dir', '/tmp', '/tmp/t']]);
    // Reproducible, and the same bytes as a plan that never listed what the base has.
    expect((await entriesOf(plan(), existing)).digest).toBe(known.digest);
    const without = plan();
    without.directories = without.directories.filter((d) => d.path !== '/tmp');
    expect((await entriesOf(without, existing)).digest).toBe(known.digest);
  });

  test('the same path listed plainly wins over ifMissing; two ifMissing owners clash', async () => {
    for (const where of ['before', 'after']) {
      const both = plan();
      const listed = { path: '/tmp', mode: 0o1777, uid: 0, gid: 0 };
      if (where === 'before') both.directories.unshift(listed);
      else both.directories.push(listed);
      const { lines } = await entriesOf(both, () => Promise.resolve(new Set(['/tmp'])));
      expect(lines).toContain('tmp/ directory 0:0 1777');
    }
    const clash = plan();
    clash.directories.push({ path: '/tmp', mode: 0o755, uid: 7, gid: 7, ifMissing: true });
    await expect(entriesOf(clash)).rejects.toThrow(/\/tmp is given twice/);
  });
});

type Item = Partial<Header> & Pick<Header, 'name'> & { body?: string };

async function tarOf(items: Item[]): Promise<Buffer> {
  const p = pack();
  for (const { body, ...header } of items) p.entry(header, body ?? '');
  p.finalize();
  const chunks: Buffer[] = [];
  for await (const c of p) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

let opened = 0;
function blob(bytes: Buffer, mediaType: string = MediaType.OciLayerGzip): Blob {
  return {
    descriptor: { mediaType, digest: sha256(bytes), size: bytes.length },
    open: () => {
      opened++;
      // Small chunks: the format sniffing must not rely on one big first chunk.
      const parts: Buffer[] = [];
      for (let i = 0; i < bytes.length; i += 100) parts.push(bytes.subarray(i, i + 100));
      return Promise.resolve(Readable.from(parts));
    },
  };
}

const dir = (name: string, mode = 0o755): Item => ({ name, type: 'directory', mode });
const file = (name: string): Item => ({ name, type: 'file', mode: 0o644, body: 'f' });

describe('baseDirectories', () => {
  test('reads gzip and bare tar layers in order, applying whiteouts and replacements', async () => {
    const os = blob(
      gzipSync(
        await tarOf([
          dir('./'),
          dir('./tmp/', 0o1777),
          dir('./etc/'),
          file('./etc/passwd'),
          dir('./var/'),
          dir('./var/lib/'),
          dir('./srv/'),
          dir('./srv/old/'),
          dir('./data/'),
        ]),
      ),
    );
    const top = blob(
      await tarOf([
        // implied parents: usr/ and usr/share/ have no entries of their own
        file('usr/share/doc/readme'),
        file('srv/.wh.old'),
        file('var/.wh..wh..opq'),
        file('data'),
        { name: 'lib', type: 'symlink', linkname: 'usr/lib' },
      ]),
      MediaType.OciLayer,
    );
    const asked = [
      '/tmp',
      '/etc',
      '/etc/passwd',
      '/usr',
      '/usr/share',
      '/srv',
      '/srv/old',
      '/var',
      '/var/lib',
      '/data',
      '/lib',
      '/opt',
    ];
    const found = await baseDirectories([[os, top]], asked);
    expect([...found].sort()).toEqual([
      '/etc',
      '/lib',
      '/srv',
      '/tmp',
      '/usr',
      '/usr/share',
      '/var',
    ]);
  });

  test('a path on any platform counts; platforms stop being read once all are found', async () => {
    const amd = blob(gzipSync(await tarOf([dir('tmp/'), dir('opt/')])));
    const arm = blob(gzipSync(await tarOf([dir('tmp/'), dir('srv/')])));
    const never = blob(gzipSync(await tarOf([dir('x/')])));
    const found = await baseDirectories([[amd], [arm]], ['/tmp', '/srv', '/nope']);
    expect([...found].sort()).toEqual(['/srv', '/tmp']);
    opened = 0;
    const all = await baseDirectories([[amd], [never]], ['/tmp/']);
    expect([...all]).toEqual(['/tmp/']);
    expect(opened).toBe(1); // the second platform is not read: /tmp was found on the first
  });

  test('facts are kept between runs (cacheDir): a later run reads no layer; a failed read is not kept', async () => {
    const cacheDir = await fsp.mkdtemp(path.join(os.tmpdir(), 'base-dirs-'));
    try {
      // A fresh module is a fresh process: nothing remembered in memory.
      const fresh = async (): Promise<typeof baseDirectories> => {
        let probe: typeof baseDirectories | undefined;
        await jest.isolateModulesAsync(async () => {
          probe = (await import('../../src/image/base-directories')).baseDirectories;
        });
        return probe!;
      };
      const layer = blob(gzipSync(await tarOf([dir('tmp/'), dir('opt/'), file('etc/x')])));
      const asked = ['/tmp', '/etc', '/srv'];
      opened = 0;
      expect([...(await (await fresh())([[layer]], asked, { cacheDir }))].sort()).toEqual([
        '/etc',
        '/tmp',
      ]);
      expect(opened).toBe(1);
      expect(await fsp.readdir(cacheDir)).toHaveLength(1);
      expect([...(await (await fresh())([[layer]], asked, { cacheDir }))].sort()).toEqual([
        '/etc',
        '/tmp',
      ]);
      expect(opened).toBe(1);
      // an entry that does not parse is read again (and mended)
      const [entry] = await fsp.readdir(cacheDir);
      await fsp.writeFile(path.join(cacheDir, entry), '{"key":');
      expect([...(await (await fresh())([[layer]], asked, { cacheDir }))].sort()).toEqual([
        '/etc',
        '/tmp',
      ]);
      expect(opened).toBe(2);
      // a download that fails counts every path as present, for this run only
      const failing: Blob = {
        descriptor: { ...blob(gzipSync(await tarOf([dir('srv/')]))).descriptor },
        open: () => Promise.reject(new Error('connection reset')),
      };
      expect([...(await (await fresh())([[failing]], ['/srv', '/opt'], { cacheDir }))]).toEqual([
        '/srv',
        '/opt',
      ]);
      expect(await fsp.readdir(cacheDir)).toHaveLength(1);
    } finally {
      await fsp.rm(cacheDir, { recursive: true, force: true });
    }
  });

  test('a layer it cannot read (zstd) makes every asked path count as present', async () => {
    const zstd = blob(Buffer.from([0x28, 0xb5, 0x2f, 0xfd, 1, 2, 3]), MediaType.OciLayerZstd);
    const found = await baseDirectories([[zstd]], ['/tmp', '/opt']);
    expect([...found].sort()).toEqual(['/opt', '/tmp']);
  });

  test('a broken layer never fails the build: every asked path counts as present, logged at debug', async () => {
    const broken = blob(Buffer.concat([gzipSync(await tarOf([dir('tmp/')])).subarray(0, 30)]));
    const logger = new MemoryLogger(true);
    const found = await baseDirectories([[broken]], ['/tmp', '/opt'], { logger });
    expect([...found].sort()).toEqual(['/opt', '/tmp']);
    expect(logger.lines.join('\n')).toMatch(
      new RegExp(
        `base layer ${broken.descriptor.digest} .* could not be read .* assuming it has every asked one`,
      ),
    );
    // A tar cut inside a file's data is broken too: the same safe assumption.
    const whole = await tarOf([
      dir('etc/'),
      { name: 'etc/big', type: 'file', mode: 0o644, body: 'x'.repeat(3000) },
    ]);
    const cut = blob(whole.subarray(0, 1024 + 700), MediaType.OciLayer);
    expect([...(await baseDirectories([[cut]], ['/etc', '/srv']))].sort()).toEqual([
      '/etc',
      '/srv',
    ]);
  });

  test('a layer without end-of-archive blocks or data padding (as umoci writes) is read exactly', async () => {
    // umoci insert: header + 6 bytes of data, nothing after (GNU tar: "Unexpected EOF").
    const whole = await tarOf([
      dir('srv/'),
      { name: 'srv/x.txt', type: 'file', mode: 0o644, body: 'hello\n' },
    ]);
    const umoci = whole.subarray(0, 512 + 512 + 6);
    const logger = new MemoryLogger(true);
    for (const layer of [blob(gzipSync(umoci)), blob(umoci, MediaType.OciLayer)]) {
      const found = await baseDirectories([[layer]], ['/srv', '/opt'], { logger });
      expect([...found]).toEqual(['/srv']); // /opt really is absent: the layer was read to its end
    }
    expect(logger.lines).toEqual([]);
  });
});

describe('which bases are read before the layer is made', () => {
  it('a base is read only while each platform holds at most 16 MiB of compressed layers', () => {
    const sized = (size: number): Blob => ({
      descriptor: {
        mediaType: MediaType.OciLayerGzip,
        digest: sha256(Buffer.from(`${size}`)),
        size,
      },
      open: () => Promise.resolve(Readable.from([])),
    });
    const MiB = 1024 * 1024;
    expect(worthReading([])).toBe(true);
    expect(worthReading([[sized(10 * MiB), sized(6 * MiB)], [sized(16 * MiB)]])).toBe(true);
    expect(worthReading([[sized(10 * MiB), sized(6 * MiB + 1)]])).toBe(false);
  });
});
