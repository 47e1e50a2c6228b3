/**
 * Issue 7, `slipway rebase`: an image the CLI built on one runner-like base moves onto another
 * (a different /etc/base-marker) without rebuilding; podman runs the result; the connector layer
 * keeps its digest and its bytes never cross the wire again (counted by a proxy).
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli, cliFlags } from '../fixtures/cli';
import { podmanRun, skopeoInspect } from '../fixtures/clients';
import { seedBusyboxBase } from '../fixtures/images';
import { makeTempDir, removeTempDir } from '../fixtures/process';
import { startProxy } from '../fixtures/proxy';
import type { TestProxy } from '../fixtures/proxy';
import { startRegistry } from '../fixtures/registry';
import type { TestRegistry } from '../fixtures/registry';

interface Manifest {
  layers: { digest: string; size: number }[];
  annotations?: Record<string, string>;
}
interface Index {
  mediaType: string;
  annotations?: Record<string, string>;
  manifests: {
    digest: string;
    platform: { os: string; architecture: string };
    annotations?: Record<string, string>;
  }[];
}

// Random padding makes the connector layer big enough for its upload to show in the byte count.
const FUNCTION = `def process(x):\n    return x + "!"\n# ${randomBytes(300_000).toString('base64')}\n`;

let reg: TestRegistry;
let proxy: TestProxy;
let work: string;
let fn: string;

beforeAll(async () => {
  work = await makeTempDir('after-rebase');
  reg = await startRegistry({ auth: 'none' });
  proxy = await startProxy(reg.host);
  const multi = ['linux/amd64', 'linux/arm64'];
  await seedBusyboxBase(reg, 'base/runner:1', {
    runnerLike: true,
    marker: 'old',
    platforms: multi,
  });
  await seedBusyboxBase(reg, 'base/runner:2', {
    runnerLike: true,
    marker: 'new',
    platforms: multi,
  });
  await seedBusyboxBase(reg, 'base/amd64:1', { runnerLike: true, marker: 'amd' });
  await seedBusyboxBase(reg, 'base/arm64:1', {
    runnerLike: true,
    marker: 'arm',
    platforms: ['linux/arm64'],
  });
  mkdirSync(join(work, 'fn'));
  fn = join(work, 'fn', 'exclaim.py');
  writeFileSync(fn, FUNCTION);
});
afterAll(async () => {
  await proxy?.stop();
  await reg?.stop();
  await removeTempDir(work);
});

function build(base: string, image: string, extra: string[] = []): ReturnType<typeof runCli> {
  return runCli([
    'build',
    ...cliFlags({
      artifact: fn,
      'connector-type': 'pulsar-function',
      'base-image': `${proxy.host}/${base}`,
      labels: { team: 'data' },
      tags: ['1'],
      ...(image ? { image: `${proxy.host}/${image}` } : { output: 'none' }),
    }),
    '--json',
    ...extra,
  ]);
}

async function platformManifests(ref: string): Promise<Manifest[]> {
  const index = (await skopeoInspect(ref, { raw: true })) as Index;
  const repo = ref.slice(0, ref.lastIndexOf(':'));
  return Promise.all(
    index.manifests.map(
      async (m) => (await skopeoInspect(`${repo}@${m.digest}`, { raw: true })) as Manifest,
    ),
  );
}

it('moves a two-platform image onto the new base, keeping the connector layer and sending none of its bytes', async () => {
  const annotations = [
    '--annotations',
    'manifest-descriptor:org.example.role=function\nindex:org.example.kind=connector',
  ];
  const built = await build('base/runner:1', 'fn/app', annotations);
  expect(built.code).toBe(0);
  const before = await platformManifests(`${reg.host}/fn/app:1`);
  const connector = before.map((m) => m.layers[m.layers.length - 1]);
  expect(new Set(connector.map((l) => l.digest)).size).toBe(1);

  proxy.reset();
  const res = await runCli([
    'rebase',
    '--image',
    `${proxy.host}/fn/app:1`,
    '--base-image',
    `${proxy.host}/base/runner:2`,
    '--tags',
    '1-rebased',
    '--json',
  ]);
  expect(res.stderr).not.toMatch(/error/);
  expect(res.code).toBe(0);
  const out = res.json ?? {};
  expect(out.platforms).toEqual(['linux/amd64', 'linux/arm64']);
  expect(out.pushed).toBe(true);
  expect(out.image).toBe(`${proxy.host}/fn/app:1-rebased`);

  // Nothing of the connector layer was uploaded: only the two small configs and the index.
  const stats = proxy.stats();
  const uploads = stats.log.filter((e) => e.kind === 'blob-upload' && e.requestBytes > 0);
  expect(uploads.some((e) => e.url.includes(connector[0].digest))).toBe(false);
  expect(connector[0].size).toBeGreaterThan(200_000);
  expect(stats.uploadBytes).toBeLessThan(16 * 1024);

  // The index's own and its descriptors' annotations (buildx's index: and manifest-descriptor:)
  const index = (await skopeoInspect(`${reg.host}/fn/app:1-rebased`, { raw: true })) as Index;
  expect(index.annotations?.['org.example.kind']).toBe('connector');
  expect(index.manifests.map((m) => m.annotations)).toEqual([
    { 'org.example.role': 'function' },
    { 'org.example.role': 'function' },
  ]);
  const after = await platformManifests(`${reg.host}/fn/app:1-rebased`);
  const newBase = await platformManifests(`${reg.host}/base/runner:2`);
  for (const [i, m] of after.entries()) {
    expect(m.layers[m.layers.length - 1]).toEqual(connector[i]);
    expect(m.layers.slice(0, -1).map((l) => l.digest)).toEqual(
      newBase[i].layers.map((l) => l.digest),
    );
    expect(m.annotations?.['org.opencontainers.image.base.name']).toBe(
      `${proxy.host}/base/runner:2`,
    );
  }
  const config = (await skopeoInspect(`${reg.host}/fn/app:1-rebased`, { config: true })) as {
    config: { Labels: Record<string, string>; User?: string };
  };
  expect(config.config.Labels).toMatchObject({ team: 'data', 'slipway.test.marker': 'new' });
  expect(config.config.User).toBe('10000');

  const ran = await podmanRun(`${reg.host}/fn/app:1-rebased`, [
    'sh',
    '-c',
    'cat /etc/base-marker && sha256sum /pulsar/exclaim.py',
  ]);
  expect(ran.code).toBe(0);
  const sum = createHash('sha256').update(FUNCTION).digest('hex');
  expect(ran.stdout).toBe(`new\n${sum}  /pulsar/exclaim.py\n`);

  // The connector's SBOM now also refers to the rebased image: same document, new subject.
  type Sbom = { subject: { digest: string }; layers: { digest: string }[] };
  const sbom = (await skopeoInspect(`${reg.host}/fn/app@${String(out['sbom-digest'])}`, {
    raw: true,
  })) as Sbom;
  const oldSbom = (await skopeoInspect(
    `${reg.host}/fn/app@${String(built.json?.['sbom-digest'])}`,
    { raw: true },
  )) as Sbom;
  expect(sbom.subject.digest).toBe(out.digest);
  expect(sbom.layers[0].digest).toBe(oldSbom.layers[0].digest);
  const referrers = (await skopeoInspect(
    `${reg.host}/fn/app:${String(out.digest).replace(':', '-')}`,
    { raw: true },
  )) as Index;
  expect(referrers.manifests.map((m) => m.digest)).toEqual([out['sbom-digest']]);

  // The same image a fresh build on the new base makes (same epoch): a rebase is not a fork.
  const fresh = await build('base/runner:2', '', annotations);
  expect(fresh.code).toBe(0);
  expect(out.digest).toBe(fresh.json?.digest);
});

it('refuses an image without base annotations, naming them', async () => {
  const res = await runCli([
    'rebase',
    '--image',
    `${proxy.host}/base/runner:1`,
    '--base-image',
    `${proxy.host}/base/runner:2`,
    '--tags',
    'x',
  ]);
  expect(res.code).toBe(2);
  expect(res.stderr).toMatch(/org\.opencontainers\.image\.base\.name/);
  expect(res.stderr).toMatch(/only images Slipway built on a base can be rebased/);
});

it('refuses a new base of another architecture', async () => {
  const built = await build('base/amd64:1', 'fn/amd');
  expect(built.code).toBe(0);
  const res = await runCli([
    'rebase',
    '--image',
    `${proxy.host}/fn/amd:1`,
    '--base-image',
    `${proxy.host}/base/arm64:1`,
  ]);
  expect(res.code).toBe(2);
  expect(res.stderr).toMatch(/offers linux\/arm64, but .* runs on linux\/amd64/);
});
