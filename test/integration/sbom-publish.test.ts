/**
 * Issue 7, SBOM: the example NAR built with make-nar.sh is pushed by the CLI bundle; its CycloneDX
 * SBOM is pushed next to the image as a referrer. The local registry (distribution 2.8) has no
 * referrers API, so the SBOM is found through the sha256-<hex> fallback tag, which skopeo reads.
 */
import { cpSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from '../fixtures/cli';
import { skopeo, skopeoInspect } from '../fixtures/clients';
import { seedBusyboxBase } from '../fixtures/images';
import { makeTempDir, removeTempDir, runOk } from '../fixtures/process';
import { startProxy } from '../fixtures/proxy';
import type { TestProxy } from '../fixtures/proxy';
import { startRegistry } from '../fixtures/registry';
import type { TestRegistry } from '../fixtures/registry';

interface Descriptor {
  mediaType: string;
  digest: string;
  size: number;
  artifactType?: string;
}
interface ArtifactManifest {
  mediaType: string;
  artifactType?: string;
  config: Descriptor;
  layers: Descriptor[];
  subject?: Descriptor;
}
interface Bom {
  bomFormat: string;
  specVersion: string;
  metadata: { component: { name: string; version?: string } };
  components: { name: string; version?: string; purl?: string }[];
}

const CYCLONEDX = 'application/vnd.cyclonedx+json';

let reg: TestRegistry;
let proxy: TestProxy;
let work: string;
let nar: string;
let base: string;

beforeAll(async () => {
  work = await makeTempDir('after-sbom');
  reg = await startRegistry({ auth: 'htpasswd' });
  proxy = await startProxy(reg.host);
  await seedBusyboxBase(reg, 'base/runner:1', { runnerLike: true });
  base = `${proxy.host}/base/runner:1`;
  const example = join(work, 'pulsar-source-nar');
  cpSync(join(__dirname, '../../examples/pulsar-source-nar'), example, { recursive: true });
  nar = (await runOk('sh', [join(example, 'make-nar.sh')])).stdout.trim();
  nar = join(example, nar);
});
afterAll(async () => {
  await proxy?.stop();
  await reg?.stop();
  await removeTempDir(work);
});

function build(repo: string, extra: string[] = []): ReturnType<typeof runCli> {
  const tags = extra.includes('--tags') ? [] : ['--tags', '0.1.0'];
  return runCli(
    [
      'build',
      '--artifact',
      nar,
      '--base-image',
      base,
      '--image',
      `${proxy.host}/${repo}`,
      ...tags,
      '--username',
      reg.username ?? '',
      '--json',
      ...extra,
    ],
    { env: { SLIPWAY_PASSWORD: reg.password ?? '' } },
  );
}

async function blob(repo: string, digest: string): Promise<Buffer> {
  const auth = Buffer.from(reg.creds ?? '').toString('base64');
  const res = await fetch(`http://${reg.host}/v2/${repo}/blobs/${digest}`, {
    headers: { authorization: `Basic ${auth}` },
  });
  expect(res.status).toBe(200);
  return Buffer.from(await res.arrayBuffer());
}

it('pushes the SBOM of the example NAR as a referrer found through the fallback tag', async () => {
  const res = await build('sbom/counter');
  expect(res.stderr).not.toMatch(/warning: sbom/);
  expect(res.code).toBe(0);
  const out = res.json ?? {};
  const digest = String(out.digest);
  const sbomDigest = String(out['sbom-digest']);
  expect(sbomDigest).toMatch(/^sha256:[a-f0-9]{64}$/);
  expect(out.pushed).toBe(true);

  const fallback = `${reg.host}/sbom/counter:${digest.replace(':', '-')}`;
  const index = (await skopeoInspect(fallback, { raw: true, creds: reg.creds })) as {
    mediaType: string;
    manifests: Descriptor[];
  };
  expect(index.mediaType).toBe('application/vnd.oci.image.index.v1+json');
  expect(index.manifests).toEqual([
    expect.objectContaining({ digest: sbomDigest, artifactType: CYCLONEDX }),
  ]);

  const manifest = (await skopeoInspect(`${reg.host}/sbom/counter@${sbomDigest}`, {
    raw: true,
    creds: reg.creds,
  })) as ArtifactManifest;
  expect(manifest.artifactType).toBe(CYCLONEDX);
  expect(manifest.subject?.digest).toBe(digest);
  expect(manifest.layers).toHaveLength(1);
  expect(manifest.layers[0].mediaType).toBe(CYCLONEDX);
  expect(manifest.config.mediaType).toBe('application/vnd.oci.empty.v1+json');

  const bom = JSON.parse(
    (await blob('sbom/counter', manifest.layers[0].digest)).toString('utf8'),
  ) as Bom;
  expect(bom.bomFormat).toBe('CycloneDX');
  expect(bom.specVersion).toBe('1.5');
  expect(bom.metadata.component).toMatchObject({ name: 'counter', version: '0.1.0' });
  // make-nar.sh bundles one jar, built by `jar` (no pom.properties): listed by its file name.
  expect(bom.components).toEqual([
    expect.objectContaining({ name: 'pulsar-source-nar', version: '0.1.0' }),
  ]);
});

it('an unchanged re-run keeps pushed=false and the same SBOM digest, and uploads nothing', async () => {
  const first = await build('sbom/again');
  expect(first.code).toBe(0);
  proxy.reset();
  const second = await build('sbom/again');
  expect(second.code).toBe(0);
  expect(second.json?.pushed).toBe(false);
  expect(second.json?.['sbom-digest']).toBe(first.json?.['sbom-digest']);
  const stats = proxy.stats();
  expect(stats.uploadBytes).toBe(0);
  expect(stats.log.filter((e) => e.method === 'PUT')).toEqual([]);
});

it('sbom: false pushes no SBOM and sets no sbom-digest', async () => {
  const res = await build('sbom/off', ['--sbom', 'false']);
  expect(res.code).toBe(0);
  expect(res.json?.['sbom-digest']).toBeUndefined();
  const tag = String(res.json?.digest).replace(':', '-');
  const inspect = await skopeo([
    'inspect',
    '--raw',
    '--tls-verify=false',
    '--creds',
    reg.creds ?? '',
    `docker://${reg.host}/sbom/off:${tag}`,
  ]);
  expect(inspect.code).not.toBe(0);
  expect(inspect.stderr).toMatch(/manifest unknown|not found/i);
});

describe('a registry with the referrers API (answered by the proxy)', () => {
  const index = (manifests: Descriptor[]): string =>
    JSON.stringify({
      schemaVersion: 2,
      mediaType: 'application/vnd.oci.image.index.v1+json',
      manifests,
    });
  afterEach(() => proxy.setHooks(undefined));

  it('pushes the SBOM by digest and writes no fallback tag', async () => {
    proxy.setHooks({
      onRequest: (req) =>
        req.kind === 'referrers' && req.method === 'GET'
          ? {
              status: 200,
              headers: { 'content-type': 'application/vnd.oci.image.index.v1+json' },
              body: index([]),
            }
          : undefined,
    });
    proxy.reset();
    const res = await build('sbom/api');
    expect(res.code).toBe(0);
    const sbomDigest = String(res.json?.['sbom-digest']);
    const puts = proxy.stats().log.filter((e) => e.method === 'PUT' && e.kind === 'manifest');
    expect(puts.map((e) => e.url)).toContain(`/v2/sbom/api/manifests/${sbomDigest}`);
    expect(puts.some((e) => e.url.includes('/manifests/sha256-'))).toBe(false);
    const manifest = (await skopeoInspect(`${reg.host}/sbom/api@${sbomDigest}`, {
      raw: true,
      creds: reg.creds,
    })) as ArtifactManifest;
    expect(manifest.subject?.digest).toBe(res.json?.digest);
  });

  it('sends nothing when the referrers API already lists the SBOM', async () => {
    const first = await build('sbom/listed');
    expect(first.code).toBe(0);
    const sbomDigest = String(first.json?.['sbom-digest']);
    proxy.setHooks({
      onRequest: (req) =>
        req.kind === 'referrers' && req.method === 'GET'
          ? {
              status: 200,
              headers: { 'content-type': 'application/vnd.oci.image.index.v1+json' },
              body: index([
                {
                  mediaType: 'application/vnd.oci.image.manifest.v1+json',
                  digest: sbomDigest,
                  size: 1,
                  artifactType: CYCLONEDX,
                },
              ]),
            }
          : undefined,
    });
    proxy.reset();
    const again = await build('sbom/listed', ['--tags', '0.1.1']);
    expect(again.code).toBe(0);
    expect(again.json?.['sbom-digest']).toBe(sbomDigest);
    const puts = proxy.stats().log.filter((e) => e.method === 'PUT' && e.kind === 'manifest');
    expect(puts.map((e) => e.url)).toEqual(['/v2/sbom/listed/manifests/0.1.1']);
  });
});
