// A 1 GB artifact must stream through the layer engine, and back out of it (the bare tar is made
// again from the file): measured in a child process (its peak RSS
// before and after buildLayer), so jest's own memory does not blur the number.
import { randomBytes } from 'node:crypto';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { build } from 'esbuild';
import { makeTempDir, removeTempDir, runOk } from '../fixtures/process';

const GB = 1024 * 1024 * 1024;
let work: string;

beforeAll(async () => {
  work = await makeTempDir('layer-memory');
});
afterAll(async () => {
  if (work) await removeTempDir(work);
});

const CHILD = `
const { createHash } = require('node:crypto');
const { createGunzip } = require('node:zlib');
const { buildLayer } = require(process.argv[2]);
(async () => {
  const before = process.resourceUsage().maxRSS;
  const start = process.hrtime.bigint();
  const layer = await buildLayer(
    { files: [{ path: '/pulsar/connectors/big.nar', source: process.argv[3], mode: 0o644, uid: 10000, gid: 10001 }], directories: [] },
    { epoch: 0, tmpDir: process.argv[4] },
  );
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  const after = process.resourceUsage().maxRSS;
  // the blob must really be the tar whose digest is the diff_id (re-made from the file)
  const hash = createHash('sha256');
  const blob = await layer.open();
  for await (const chunk of layer.format === 'tar' ? blob : blob.pipe(createGunzip())) hash.update(chunk);
  const tarDigest = 'sha256:' + hash.digest('hex');
  const afterOpen = process.resourceUsage().maxRSS;
  await layer.dispose();
  process.stdout.write(JSON.stringify({ beforeKb: before, afterKb: after, afterOpenKb: afterOpen, ms,
    size: layer.descriptor.size, format: layer.format, tarSize: layer.tarSize,
    storedBytes: layer.storedBytes, diffId: layer.diffId, tarDigest }));
})().catch((err) => { console.error(err); process.exit(1); });
`;

test('a 1 GB incompressible file builds with peak RSS growth well under 200 MB', async () => {
  const bundle = path.join(work, 'layer.cjs');
  await build({
    entryPoints: [path.join(__dirname, '../../src/image/layer.ts')],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    outfile: bundle,
    logLevel: 'warning',
  });
  const script = path.join(work, 'child.cjs');
  await fsp.writeFile(script, CHILD);
  // 1 GiB of a repeated random MiB: incompressible for deflate (32 KiB window), fast to write.
  const big = path.join(work, 'big.nar');
  const block = randomBytes(1024 * 1024);
  const fh = await fsp.open(big, 'w');
  try {
    for (let i = 0; i < 1024; i++) await fh.write(block);
  } finally {
    await fh.close();
  }
  const tmp = path.join(work, 'tmp');
  await fsp.mkdir(tmp);
  try {
    const { stdout } = await runOk(process.execPath, [script, bundle, big, tmp], {
      timeoutMs: 110_000,
    });
    const r = JSON.parse(stdout) as {
      beforeKb: number;
      afterKb: number;
      afterOpenKb: number;
      ms: number;
      format: string;
      size: number;
      tarSize: number;
      storedBytes: number;
      diffId: string;
      tarDigest: string;
    };
    const growthMb = (r.afterKb - r.beforeKb) / 1024;
    const openGrowthMb = (r.afterOpenKb - r.beforeKb) / 1024;
    console.log(
      `1 GiB layer: ${r.ms.toFixed(0)} ms, peak RSS growth ${growthMb.toFixed(1)} MB (${openGrowthMb.toFixed(1)} MB after reading it back)`,
    );
    expect(growthMb).toBeLessThan(100);
    expect(openGrowthMb).toBeLessThan(100);
    // incompressible: sent as the bare tar, one 512-byte header per entry plus the end blocks
    expect(r.format).toBe('tar');
    expect(r.storedBytes).toBe(r.tarSize);
    expect(r.size).toBe(r.tarSize);
    expect(r.size).toBe(GB + 3 * 512 + 1024);
    expect(r.tarDigest).toBe(r.diffId);
    expect(await fsp.readdir(tmp)).toEqual([]);
  } finally {
    await fsp.rm(big, { force: true });
  }
});
