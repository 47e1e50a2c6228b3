/**
 * Progress in CI logs (no terminal): a long upload prints a line every 10 s or 10% with bytes,
 * rate and ETA, so a slow registry can be told from a hang; --json and --quiet print none.
 */
import { createHash, randomBytes } from 'node:crypto';
import { createWriteStream, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { rename } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { runCli } from '../fixtures/cli';
import { makeTempDir, removeTempDir, runOk } from '../fixtures/process';
import { startProxy } from '../fixtures/proxy';
import type { TestProxy } from '../fixtures/proxy';
import { startRegistry } from '../fixtures/registry';
import type { TestRegistry } from '../fixtures/registry';

const root = resolve(__dirname, '../..');
const MB = 1024 * 1024;
const LAYER_BYTES = 200 * MB;
/** A cap on the link; the proxy's own overhead keeps the real rate lower still (about 8 MB/s). */
const RATE = 60 * MB;

const sha256File = (path: string): string =>
  `sha256:${createHash('sha256').update(readFileSync(path)).digest('hex')}`;

/** Moves a file into the layout's blobs under its digest; returns its descriptor. */
async function addBlob(
  layout: string,
  path: string,
  mediaType: string,
): Promise<{ mediaType: string; digest: string; size: number }> {
  const bytes = readFileSync(path);
  const digest = sha256File(path);
  await rename(path, join(layout, 'blobs/sha256', digest.slice(7)));
  return { mediaType, digest, size: bytes.length };
}

/** An OCI layout whose one layer (uncompressed tar) holds 200 MB of random bytes. */
async function bigBaseLayout(work: string): Promise<string> {
  const layout = join(work, 'big-base');
  mkdirSync(join(layout, 'blobs/sha256'), { recursive: true });
  const content = join(work, 'content');
  mkdirSync(content);
  const chunks = function* (): Generator<Buffer> {
    for (let i = 0; i < LAYER_BYTES / MB; i++) yield randomBytes(MB);
  };
  await pipeline(Readable.from(chunks()), createWriteStream(join(content, 'big.bin')));
  const tar = join(work, 'layer.tar');
  await runOk('tar', [
    '--sort=name',
    '--mtime=@0',
    '--owner=0',
    '--group=0',
    '-cf',
    tar,
    '-C',
    content,
    '.',
  ]);
  const layer = await addBlob(layout, tar, 'application/vnd.oci.image.layer.v1.tar');
  const configPath = join(work, 'config.json');
  writeFileSync(
    configPath,
    JSON.stringify({
      architecture: 'amd64',
      os: 'linux',
      config: {},
      rootfs: { type: 'layers', diff_ids: [layer.digest] },
    }),
  );
  const config = await addBlob(layout, configPath, 'application/vnd.oci.image.config.v1+json');
  const manifestPath = join(work, 'manifest.json');
  writeFileSync(
    manifestPath,
    JSON.stringify({
      schemaVersion: 2,
      mediaType: 'application/vnd.oci.image.manifest.v1+json',
      config,
      layers: [layer],
    }),
  );
  const manifest = await addBlob(
    layout,
    manifestPath,
    'application/vnd.oci.image.manifest.v1+json',
  );
  writeFileSync(join(layout, 'oci-layout'), '{"imageLayoutVersion":"1.0.0"}');
  writeFileSync(
    join(layout, 'index.json'),
    JSON.stringify({
      schemaVersion: 2,
      manifests: [{ ...manifest, annotations: { 'org.opencontainers.image.ref.name': 'big' } }],
    }),
  );
  return layout;
}

let reg: TestRegistry;
let proxy: TestProxy;
let work: string;
let base: string;
beforeAll(async () => {
  reg = await startRegistry();
  proxy = await startProxy(reg.host, {
    onRequest: (req) =>
      req.kind === 'blob-upload' && req.method !== 'DELETE' ? { bytesPerSecond: RATE } : 'pass',
  });
  work = await makeTempDir('cli-progress');
  base = `oci:${await bigBaseLayout(work)}:big`;
}, 120_000);
afterAll(async () => {
  await proxy.stop();
  await reg.stop();
  await removeTempDir(work);
});

const PROGRESS =
  /^(\S+): (upload|copy) [\d.]+ MiB\/200\.0 MiB \((\d+)%\), [\d.]+ (?:MiB|KiB)\/s, ETA \d+ (?:s|min \d+ s)$/;

it('a 200 MB push through a slow link prints at least three progress lines with rate and ETA', async () => {
  const res = await runCli(
    [
      'build',
      '--artifact',
      join(root, 'examples/python-function/exclamation.py'),
      '--base-image',
      base,
      '--image',
      `${proxy.host}/fn/big`,
      '--tags',
      '1.0',
    ],
    { env: { CI: 'true' } },
  );
  expect(res.code === 0 ? '' : res.stderr).toBe('');
  const lines = res.stderr.split('\n').filter((l) => PROGRESS.test(l));
  expect(lines.length).toBeGreaterThanOrEqual(3);
  const percents = lines.map((l) => Number(PROGRESS.exec(l)?.[3]));
  // Increasing, at least 10% apart (or 10 s apart), never at 100% (the completion line says that).
  for (let i = 1; i < percents.length; i++) expect(percents[i]).toBeGreaterThan(percents[i - 1]);
  expect(Math.max(...percents)).toBeLessThan(100);
  expect(res.stderr).toMatch(/: upload 200\.\d MiB$/m);
  expect(proxy.stats().uploadBytes).toBeGreaterThan(LAYER_BYTES);
}, 180_000);

it('--json prints no progress lines; --quiet prints nothing but warnings and errors', async () => {
  const args = [
    'build',
    '--artifact',
    join(root, 'examples/python-function/exclamation.py'),
    '--base-image',
    base,
    '--tags',
    '1.0',
  ];
  const json = await runCli([...args, '--image', `${proxy.host}/fn/big-json`, '--json'], {
    env: { CI: 'true' },
  });
  expect(json.code).toBe(0);
  expect(json.stderr).toMatch(/: upload 200\.\d MiB$/m);
  expect(json.stderr.split('\n').filter((l) => PROGRESS.test(l))).toEqual([]);
  const quiet = await runCli([...args, '--output', 'none', '--quiet'], { env: { CI: 'true' } });
  expect(quiet.code).toBe(0);
  expect(quiet.stderr).toBe('');
  expect(quiet.stdout).toMatch(/^sha256:/);
}, 180_000);
