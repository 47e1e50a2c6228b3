/**
 * Issue 11, several registries at once (src/publish/registry.ts, targets from src/run/targets.ts):
 * `tags` with full references pushes the same digest to every repository named, on two registry
 * processes (one with htpasswd auth, credentials given for it alone), each behind a counting
 * proxy. Blobs go once per registry: base layers are mounted on the registry that has them and
 * streamed across to the other, a second repository on the same registry mounts the connector's
 * own blobs from the first. The if-exists decisions of every target come before anything is sent.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from '../fixtures/cli';
import { skopeo, skopeoInspect } from '../fixtures/clients';
import { seedBusyboxBase } from '../fixtures/images';
import { makeTempDir, removeTempDir } from '../fixtures/process';
import { startProxy } from '../fixtures/proxy';
import type { TestProxy } from '../fixtures/proxy';
import { startRegistry } from '../fixtures/registry';
import type { TestRegistry } from '../fixtures/registry';

interface Manifest {
  config: { digest: string; size: number };
  layers: { digest: string; size: number }[];
}

let open: TestRegistry;
let authed: TestRegistry;
let a: TestProxy;
let b: TestProxy;
let work: string;
let baseLayers: Manifest['layers'];

beforeAll(async () => {
  work = await makeTempDir('publish-registry');
  [open, authed] = await Promise.all([startRegistry(), startRegistry({ auth: 'htpasswd' })]);
  [a, b] = await Promise.all([startProxy(open.host), startProxy(authed.host)]);
  await seedBusyboxBase(open, 'base/busybox:1');
  baseLayers = ((await skopeoInspect(`${open.host}/base/busybox:1`, { raw: true })) as Manifest)
    .layers;
});
afterAll(async () => {
  await Promise.all([a?.stop(), b?.stop()]);
  await Promise.all([open?.stop(), authed?.stop()]);
  await removeTempDir(work);
});

function artifactFile(): string {
  const dir = join(work, `a-${randomBytes(4).toString('hex')}`);
  mkdirSync(dir);
  const file = join(dir, 'payload.bin');
  writeFileSync(file, randomBytes(300_000));
  return file;
}

/** Upload bodies that completed (PUT ?digest=) per repository, and mounts asked for. */
function transfers(proxy: TestProxy): { uploads: string[]; mounts: string[] } {
  const { log } = proxy.stats();
  const uploads = log
    .filter((e) => e.kind === 'blob-upload' && e.method === 'PUT' && e.status === 201)
    .map((e) => `${/\/v2\/(.+?)\/blobs/.exec(e.url)?.[1]} ${/digest=([^&]+)/.exec(e.url)?.[1]}`)
    .map(decodeURIComponent);
  const mounts = log
    .filter((e) => e.kind === 'blob-upload' && e.method === 'POST' && e.url.includes('mount='))
    .map((e) => `${/\/v2\/(.+?)\/blobs/.exec(e.url)?.[1]} ${e.status}`);
  return { uploads, mounts };
}

it('one run pushes the same digest to three repositories on two registries, blobs once per registry', async () => {
  a.reset();
  b.reset();
  const res = await runCli(
    [
      'build',
      '--artifact',
      artifactFile(),
      '--artifact-path',
      '/opt/app/',
      '--base-image',
      `${a.host}/base/busybox:1`,
      '--image',
      `${b.host}/team/app`,
      '--username',
      authed.username ?? '',
      '--tags',
      `1.0\n${a.host}/team/app:1.0\n${a.host}/team/app:stable\n${a.host}/mirror/app:1.0`,
      '--json',
    ],
    { env: { SLIPWAY_PASSWORD: authed.password ?? '' } },
  );
  expect(res.stderr).not.toContain('error');
  expect(res.code).toBe(0);
  const out = res.json ?? {};
  const digest = String(out.digest);
  // The outputs keep their meaning for the first reference; `references` lists every repository.
  expect(out.image).toBe(`${b.host}/team/app:1.0`);
  expect(out['image-ref']).toBe(`${b.host}/team/app@${digest}`);
  expect(out.tags).toEqual(['1.0']);
  expect(out.references).toEqual([
    `${b.host}/team/app@${digest}`,
    `${a.host}/team/app@${digest}`,
    `${a.host}/mirror/app@${digest}`,
  ]);
  for (const ref of [
    `${a.host}/team/app:1.0`,
    `${a.host}/team/app:stable`,
    `${a.host}/mirror/app:1.0`,
  ]) {
    expect(((await skopeoInspect(ref)) as { Digest: string }).Digest).toBe(digest);
  }
  const onB = (await skopeoInspect(`${authed.host}/team/app:1.0`, {
    creds: authed.creds,
  })) as { Digest: string };
  expect(onB.Digest).toBe(digest);

  const pushed = (await skopeoInspect(`${a.host}/team/app:1.0`, { raw: true })) as Manifest;
  const blobs = [pushed.config, ...pushed.layers].map((l) => l.digest);
  const own = blobs.filter((d) => !baseLayers.some((l) => l.digest === d));

  // Registry B (no base there): every blob arrives exactly once, base layers streamed across.
  const onBTransfers = transfers(b);
  expect(onBTransfers.uploads.sort()).toEqual(blobs.map((d) => `team/app ${d}`).sort());
  // Registry A: base layers mounted from base/busybox, never uploaded; the connector's own blobs
  // go once, to team/app, and mirror/app mounts them.
  const onA = transfers(a);
  expect(onA.uploads.sort()).toEqual(own.map((d) => `team/app ${d}`).sort());
  expect(onA.mounts.filter((m) => m.startsWith('mirror/app '))).toEqual(
    blobs.map(() => 'mirror/app 201'),
  );
  expect(onA.mounts.filter((m) => m.startsWith('team/app '))).toEqual(
    baseLayers.map(() => 'team/app 201'),
  );
});

it('an if-exists failure on any target stops the run before anything is sent anywhere', async () => {
  await seedBusyboxBase(open, 'held/app:1.0', { marker: 'someone else' });
  a.reset();
  b.reset();
  const res = await runCli(
    [
      'build',
      '--artifact',
      artifactFile(),
      '--artifact-path',
      '/opt/app/',
      '--base-image',
      `${a.host}/base/busybox:1`,
      '--image',
      `${b.host}/team/fresh`,
      '--username',
      authed.username ?? '',
      '--tags',
      `1.0,${a.host}/held/app:1.0`,
      '--if-exists',
      'fail',
    ],
    { env: { SLIPWAY_PASSWORD: authed.password ?? '' } },
  );
  expect(res.code).toBe(1);
  expect(res.stderr).toContain(`Tag ${a.host}/held/app:1.0 already exists with another image`);
  for (const proxy of [a, b]) {
    const writes = proxy.stats().log.filter((e) => e.method === 'PUT' || e.method === 'PATCH');
    expect(writes).toEqual([]);
  }
  const tags = await skopeo([
    'list-tags',
    '--tls-verify=false',
    '--creds',
    authed.creds ?? '',
    `docker://${authed.host}/team/fresh`,
  ]);
  expect(tags.code).not.toBe(0);
});
