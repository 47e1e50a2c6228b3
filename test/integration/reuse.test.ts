/**
 * A rebuilt release (run/reuse.ts): the branch pipeline pushed `sha-<commit>`, the tag pipeline
 * builds the same commit under new tags. Its layer is not sent again; another artifact under the
 * same commit still streams and is pushed. Counted at a loopback proxy before the real registry,
 * and the artifact's reads in the kernel (strace): once when streaming, one hashing pass more to
 * confirm a rebuilt release.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from '../fixtures/cli';
import { skopeoInspect } from '../fixtures/clients';
import { readCounter } from '../fixtures/file-reads';
import type { ReadCounter } from '../fixtures/file-reads';
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

const SHA = '0123456789abcdef0123456789abcdef01234567';
const SIZE = 20_000_000;
/** A few samples (what kind of file, which layer format) besides the full reads. */
const SAMPLES = 1024 * 1024;
/** A name no other file of a run has, so that its hard link in the build context counts too. */
const NAME = `app-${randomBytes(4).toString('hex')}.bin`;
let work: string;
let reg: TestRegistry;
let proxy: TestProxy;
let reads: ReadCounter;

beforeAll(async () => {
  work = await makeTempDir('reuse-test');
  reads = readCounter(work);
  reg = await startRegistry({ auth: 'token' });
  proxy = await startProxy(reg.host);
  await seedBusyboxBase(reg, 'base/busybox:1');
});
afterAll(async () => {
  await proxy.stop();
  await reg.stop();
  await removeTempDir(work);
});

function artifact(bytes: Buffer): string {
  const dir = join(work, randomBytes(4).toString('hex'));
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, NAME), bytes);
  return join(dir, NAME);
}

/** A GitHub run for SHA on `ref`, pushing `tags`. */
function build(file: string, repo: string, ref: string, tags: string) {
  return runCli(
    [
      'build',
      '--artifact',
      file,
      '--artifact-path',
      '/data/',
      '--base-image',
      `${proxy.host}/base/busybox:1`,
      '--image',
      `${proxy.host}/${repo}`,
      '--tags',
      tags,
      '--username',
      reg.username ?? '',
      '--json',
    ],
    {
      env: {
        SLIPWAY_PASSWORD: reg.password ?? '',
        GITHUB_ACTIONS: 'true',
        GITHUB_REF: ref,
        GITHUB_SHA: SHA,
      },
      node: reads.node,
    },
  );
}

async function manifest(repo: string, tag: string): Promise<Manifest> {
  return (await skopeoInspect(`${reg.host}/${repo}:${tag}`, {
    raw: true,
    creds: reg.creds,
  })) as Manifest;
}

const sha256 = (b: Buffer): string => createHash('sha256').update(b).digest('hex');

describe('a rebuilt release', () => {
  test('the same commit under new tags sends under 1 MB; another artifact is still pushed', async () => {
    const repo = 'release/app';
    const bytes = randomBytes(SIZE);
    const file = artifact(bytes);
    const branch = await build(file, repo, 'refs/heads/main', 'sha-0123456');
    expect(branch.code).toBe(0);
    // streamed to a new tag: the layer's pass is the only read, and takes the artifact's digest
    expect(reads.bytesRead(file)).toBeGreaterThanOrEqual(SIZE);
    expect(reads.bytesRead(file)).toBeLessThanOrEqual(SIZE + SAMPLES);
    const first = await manifest(repo, 'sha-0123456');
    expect(first.annotations?.['dev.slipway.artifact.sha256']).toBe(sha256(bytes));
    expect(first.annotations?.['dev.slipway.plan.sha256']).toMatch(/^[0-9a-f]{64}$/);

    // the tag pipeline: the same bytes, checked out again (another path, a fresh file)
    proxy.reset();
    const released = artifact(bytes);
    const release = await build(released, repo, 'refs/tags/v1.2.3', '1.2.3,latest');
    expect(release.code).toBe(0);
    expect(release.json?.pushed).toBe(true);
    // one hashing pass to confirm, besides the layer's pass, which does not hash it again
    expect(reads.bytesRead(released)).toBeLessThanOrEqual(2 * SIZE + SAMPLES);
    const stats = proxy.stats();
    expect(stats.requestBytes).toBeLessThan(1024 * 1024);
    expect(stats.byKind['PATCH blob-upload']).toBeUndefined();
    const tagged = await manifest(repo, '1.2.3');
    expect(tagged.layers.at(-1)).toEqual(first.layers.at(-1));

    // other bytes for the same commit (a rebuilt jar): the record differs, the layer streams
    proxy.reset();
    const other = randomBytes(SIZE);
    const changed = await build(artifact(other), repo, 'refs/tags/v1.2.3', 'next');
    expect(changed.code).toBe(0);
    expect(changed.json?.digest).not.toBe(release.json?.digest);
    const next = await manifest(repo, 'next');
    expect(next.annotations?.['dev.slipway.artifact.sha256']).toBe(sha256(other));
    expect(proxy.stats().byKind['PATCH blob-upload']?.requestBytes).toBe(next.layers.at(-1)?.size);

    // and under a tag whose image has this plan (latest, a moving tag): hashed, then streamed
    proxy.reset();
    const moved = await build(artifact(other), repo, 'refs/tags/v1.2.3', 'latest');
    expect(moved.code).toBe(0);
    expect(moved.json?.digest).toBe(changed.json?.digest);
    expect((await manifest(repo, 'latest')).layers.at(-1)).toEqual(next.layers.at(-1));
  });
});
