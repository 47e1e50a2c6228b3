/**
 * Issue 6: pushes through a loopback proxy that faults a seeded share of requests (503, 429 with
 * Retry-After, connection resets, uploads cut mid-body, delays and stalls longer than
 * request-timeout) complete, and skopeo and a blob-by-blob check confirm what the registry holds.
 * The figures are printed.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from '../fixtures/cli';
import { skopeoInspect } from '../fixtures/clients';
import {
  checkTag,
  faultInjector,
  resentUploadBytes,
  retryLines,
  writeSeededFile,
} from '../fixtures/faults';
import type { FaultCounts } from '../fixtures/faults';
import { seedBusyboxBase } from '../fixtures/images';
import { makeTempDir, removeTempDir } from '../fixtures/process';
import { startProxy } from '../fixtures/proxy';
import type { TestProxy } from '../fixtures/proxy';
import { startRegistry } from '../fixtures/registry';
import type { TestRegistry } from '../fixtures/registry';

const MB = 1024 * 1024;
const SEED = 20240601;

let reg: TestRegistry;
let proxy: TestProxy;
let work: string;

beforeAll(async () => {
  work = await makeTempDir('reliability-faults');
  reg = await startRegistry({ auth: 'htpasswd' });
  proxy = await startProxy(reg.host);
  await seedBusyboxBase(reg, 'base/busybox:1');
  await seedBusyboxBase(reg, 'base/multi:1', { platforms: ['linux/amd64', 'linux/arm64'] });
});
afterAll(async () => {
  await proxy?.stop();
  await reg?.stop();
  await removeTempDir(work);
});

interface Push {
  name: string;
  size: number;
  base: string;
  tag: string;
}

const PUSHES: Push[] = [
  { name: '10 MB', size: 10 * MB, base: 'base/busybox:1', tag: 'ten' },
  { name: '10 MB, 2 platforms', size: 10 * MB, base: 'base/multi:1', tag: 'ten-multi' },
  { name: '10 MB again', size: 10 * MB, base: 'base/busybox:1', tag: 'ten-again' },
  { name: '200 MB', size: 200 * MB, base: 'base/busybox:1', tag: 'two-hundred' },
  { name: '200 MB, 2 platforms', size: 200 * MB, base: 'base/multi:1', tag: 'two-hundred-multi' },
];

it('completes 10 MB and 200 MB pushes through 503s, 429s, resets, cut uploads, delays and stalls', async () => {
  const injector = faultInjector({
    seed: SEED,
    status503: 0.1,
    status429: 0.05,
    retryAfterSeconds: 1,
    reset: 0.08,
    cutUpload: 0.5,
    delay: 0.1,
    delayMs: 300,
    stall: 0.03,
    stallMs: 4000,
    maxConsecutive: 2,
  });
  proxy.setHooks(injector.hooks);
  proxy.reset();

  let retries = 0;
  let completed = 0;
  const started = Date.now();
  for (const [i, push] of PUSHES.entries()) {
    const dir = join(work, `p${i}`);
    mkdirSync(dir);
    const file = join(dir, 'payload.bin');
    writeSeededFile(file, push.size, SEED + i);
    const res = await runCli(
      [
        'build',
        '--artifact',
        file,
        '--artifact-path',
        '/data/',
        '--base-image',
        `${proxy.host}/${push.base}`,
        '--image',
        `${proxy.host}/faults/app`,
        '--tags',
        push.tag,
        '--username',
        reg.username ?? '',
        '--request-timeout',
        '2',
        '--json',
      ],
      { env: { SLIPWAY_PASSWORD: reg.password ?? '' } },
    );
    const lines = retryLines(res.stderr);
    retries += lines.length;
    if (res.code !== 0) throw new Error(`push ${push.name} failed (${res.code}):\n${res.stderr}`);
    expect(res.stderr).not.toContain(reg.password);

    const digest = String(res.json?.digest);
    const inspected = (await skopeoInspect(`${reg.host}/faults/app:${push.tag}`, {
      creds: reg.creds,
    })) as { Digest: string };
    expect(inspected.Digest).toBe(digest);
    const check = await checkTag(reg.host, 'faults/app', push.tag, reg.creds);
    expect(check).toMatchObject({ exists: true, digest, missing: [] });
    completed++;
  }

  const stats = proxy.stats();
  const counts: FaultCounts = injector.counts();
  const bytes = resentUploadBytes(stats);
  const faults = Object.values(counts.faults).reduce((a, b) => a + b, 0) - counts.faults.delay;
  console.log(
    [
      `fault-injecting proxy, seed ${SEED}: ${PUSHES.map((p) => p.name).join(', ')}`,
      `  requests:          ${stats.requests}`,
      `  faults injected:   ${faults} (${Object.entries(counts.faults)
        .map(([k, v]) => `${k} ${v}`)
        .join(', ')} delayed)`,
      `  faults by request: ${JSON.stringify(counts.byRequest)}`,
      `  retries:           ${retries}`,
      `  pushes completed:  ${completed}/${PUSHES.length}`,
      `  blob bytes sent:   ${(bytes.total / MB).toFixed(1)} MiB, of which re-sent ${((bytes.total - bytes.useful) / MB).toFixed(1)} MiB`,
      `  time:              ${((Date.now() - started) / 1000).toFixed(1)} s`,
    ].join('\n'),
  );
  expect(completed).toBe(PUSHES.length);
  expect(faults).toBeGreaterThan(15);
  expect(counts.faults['cut-upload']).toBeGreaterThan(0);
  expect(retries).toBeGreaterThan(0);
}, 600_000);
