/**
 * Issue 17, "no wasted bytes": an unchanged re-push reads no byte of its artifact. The native
 * build reads the plan's files where they are (no build context, so their ctime stays), the
 * digest cache (run/digest-cache.ts) knows the unchanged file's digest, and the image already
 * under the tag gives its layer (run/reuse.ts earlierLayer). Counted in the kernel (strace) and
 * at a loopback proxy before the real registry; skopeo reads what was pushed.
 */
import { createHash, randomBytes } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { runCli } from '../fixtures/cli';
import { skopeoCopy, skopeoInspect } from '../fixtures/clients';
import { readCounter } from '../fixtures/file-reads';
import type { ReadCounter } from '../fixtures/file-reads';
import { seedBusyboxBase } from '../fixtures/images';
import { makeTempDir, removeTempDir } from '../fixtures/process';
import { startProxy } from '../fixtures/proxy';
import type { TestProxy } from '../fixtures/proxy';
import { startRegistry } from '../fixtures/registry';
import type { TestRegistry } from '../fixtures/registry';

interface Manifest {
  mediaType?: string;
  layers?: { mediaType: string; digest: string; size: number }[];
  manifests?: { digest: string }[];
  annotations?: Record<string, string>;
}

let work: string;
let cache: string;
let reg: TestRegistry;
let other: TestRegistry;
let proxy: TestProxy;
let reads: ReadCounter;

beforeAll(async () => {
  work = await makeTempDir('reuse-cache-test');
  cache = join(work, 'cache');
  reads = readCounter(work);
  reg = await startRegistry();
  other = await startRegistry();
  proxy = await startProxy(reg.host);
  await seedBusyboxBase(reg, 'base/busybox:1');
  await seedBusyboxBase(reg, 'base/multi:1', { platforms: ['linux/amd64', 'linux/arm64'] });
  await seedBusyboxBase(reg, 'base/runner:1', { runnerLike: true });
  // Docker's own manifest and layer media types, as many bases on Docker Hub still have.
  await skopeoCopy(`${reg.host}/base/busybox:1`, `${reg.host}/base/docker-v2:1`, {
    extraArgs: ['--format', 'v2s2'],
  });
});
afterAll(async () => {
  await proxy.stop();
  await reg.stop();
  await other.stop();
  await removeTempDir(work);
});

const sha256 = (b: Buffer | string): string => createHash('sha256').update(b).digest('hex');

/** A file no other file of a run is named like (strace counts reads by name). */
function artifact(ext: string, bytes: Buffer | string): string {
  const dir = join(work, randomBytes(4).toString('hex'));
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `app-${randomBytes(4).toString('hex')}.${ext}`);
  writeFileSync(file, bytes);
  return file;
}

/** Waits until the file's last change is over 2 s old: only then may its digest be kept. */
async function settle(file: string): Promise<void> {
  const ctimeMs = Number(statSync(file, { bigint: true }).ctimeNs / 1_000_000n);
  const wait = ctimeMs + 2100 - Date.now();
  if (wait > 0) await new Promise((r) => setTimeout(r, wait));
}

function build(
  file: string,
  repo: string,
  tags: string,
  opts: { base?: string; env?: Record<string, string>; extra?: string[]; path?: string } = {},
) {
  return runCli(
    [
      'build',
      '--artifact',
      file,
      '--artifact-path',
      opts.path ?? '/data/',
      '--base-image',
      `${proxy.host}/${opts.base ?? 'base/busybox:1'}`,
      '--image',
      `${proxy.host}/${repo}`,
      '--tags',
      tags,
      '--json',
      '--verbose',
      ...(opts.extra ?? []),
    ],
    { env: { SLIPWAY_CACHE_DIR: cache, ...opts.env }, node: reads.node },
  );
}

async function inspect(ref: string): Promise<{ digest: string; manifest: Manifest }> {
  const info = (await skopeoInspect(ref, { raw: false })) as { Digest: string };
  const manifest = (await skopeoInspect(ref, { raw: true })) as Manifest;
  return { digest: info.Digest, manifest };
}

/**
 * What inspection reads of a plain file whatever the cache knows: its first 512 bytes (is it an
 * ELF binary, a zip, a tar?). Nothing else of the artifact may be read.
 */
const INSPECTION = 512;
const TAKEN = /its layer sha256:[0-9a-f]{64} is taken, not made again/;

describe('an unchanged re-push', () => {
  test.each([
    [
      'incompressible bytes (the bare tar) on one platform',
      'bin',
      randomBytes(8_000_000),
      'base/busybox:1',
    ],
    [
      'text (gzip) on a two-platform base (an index)',
      'yaml',
      'streams:\n  - name: users\n'.repeat(200_000),
      'base/multi:1',
    ],
    [
      'a base with Docker media types (its layers go into the image as OCI ones)',
      'dat',
      randomBytes(8_000_000),
      'base/docker-v2:1',
    ],
  ])(
    '%s: no byte of the artifact read, no blob sent, the same digest',
    async (_what, ext, bytes, base) => {
      const file = artifact(ext, bytes);
      await settle(file);
      const repo = `again/${ext}`;
      const first = await build(file, repo, 't', { base });
      expect(first.code).toBe(0);
      expect(first.stderr).not.toMatch(TAKEN);
      expect(reads.bytesRead(file)).toBeGreaterThanOrEqual(Buffer.byteLength(bytes));

      proxy.reset();
      const again = await build(file, repo, 't', { base });
      expect(again.code).toBe(0);
      expect(again.stderr).toMatch(TAKEN);
      expect(reads.bytesRead(file)).toBeLessThanOrEqual(INSPECTION);
      expect(again.json?.digest).toBe(first.json?.digest);
      expect(again.json?.pushed).toBe(false);
      const { log, uploadBytes } = proxy.stats();
      expect(uploadBytes).toBe(0);
      expect(log.filter((e) => e.kind === 'blob-upload')).toEqual([]);
      // The registry is asked only what tags name now: the base's platform manifests and
      // configs were kept when the first run read them, its own manifests when it pushed them.
      // Only a gzip layer's diff id sends it to the earlier image's config (a bare tar is its own).
      const gets = log.filter((e) => e.method === 'GET' && /\/sha256:/.test(e.url));
      expect(gets.filter((e) => e.kind !== 'blob' || !e.url.startsWith(`/v2/${repo}/`))).toEqual(
        [],
      );
      const configs = gets.filter((e) => e.kind === 'blob');
      if (ext === 'yaml') expect(configs.length).toBeGreaterThan(0);
      else expect(configs).toEqual([]);
      expect((await inspect(`${reg.host}/${repo}:t`)).digest).toBe(first.json?.digest);

      // a new tag for it (the layer taken from `t`'s image), and a registry that lacks it: the
      // layer is made again for that push, from the files, and must come out the same
      const copy = `${other.host}/copy/${ext}:c`;
      proxy.reset();
      const spread = await build(file, repo, `t,${copy}`, { base });
      expect(spread.code).toBe(0);
      expect(spread.stderr).toMatch(TAKEN);
      expect(spread.json?.digest).toBe(first.json?.digest);
      expect(proxy.stats().log.filter((e) => e.kind === 'blob-upload')).toEqual([]);
      // Every manifest named by a digest was kept by now (the base's layers are read: they go
      // to the other registry).
      const byDigest = proxy
        .stats()
        .log.filter((e) => e.method === 'GET' && /\/manifests\/sha256:/.test(e.url));
      expect(byDigest).toEqual([]);
      expect((await inspect(copy)).digest).toBe(first.json?.digest);
      // one pass to make the layer for the other registry, none to hash it
      expect(reads.bytesRead(file)).toBeGreaterThanOrEqual(Buffer.byteLength(bytes));
      expect(reads.bytesRead(file)).toBeLessThanOrEqual(Buffer.byteLength(bytes) + 1024 * 1024);
    },
  );

  test('new bytes of the same size under the old mtime (touch -d) are pushed', async () => {
    const before = randomBytes(4_000_000);
    const file = artifact('bin', before);
    await settle(file);
    const repo = 'rewritten/app';
    const first = await build(file, repo, 't');
    expect(first.code).toBe(0);
    const { mtimeNs } = statSync(file, { bigint: true });

    const after = randomBytes(before.length);
    writeFileSync(file, after);
    const ns = String(mtimeNs % 1_000_000_000n).padStart(9, '0');
    execFileSync('touch', ['-d', `@${mtimeNs / 1_000_000_000n}.${ns}`, file]);
    expect(statSync(file, { bigint: true }).mtimeNs).toBe(mtimeNs);
    await settle(file);

    const next = await build(file, repo, 't');
    expect(next.code).toBe(0);
    expect(next.stderr).not.toMatch(TAKEN);
    expect(next.json?.pushed).toBe(true);
    expect(next.json?.digest).not.toBe(first.json?.digest);
    const pushed = await inspect(`${reg.host}/${repo}:t`);
    expect(pushed.digest).toBe(next.json?.digest);
    expect(pushed.manifest.annotations?.['dev.slipway.artifact.sha256']).toBe(sha256(after));
  });

  test('a corrupt cache entry is hashed again, and the layer taken all the same', async () => {
    const bytes = randomBytes(2_000_000);
    const file = artifact('bin', bytes);
    await settle(file);
    const repo = 'corrupt/app';
    const own = join(work, 'own-cache');
    const env = { SLIPWAY_CACHE_DIR: own };
    const first = await build(file, repo, 't', { env });
    expect(first.code).toBe(0);
    const entries = readdirSync(join(own, 'digests'));
    expect(entries).toHaveLength(1);
    writeFileSync(join(own, 'digests', entries[0]), 'garbage');

    // not known without reading: hashed once to compare with the tag's image, and taken
    const again = await build(file, repo, 't', { env });
    expect(again.code).toBe(0);
    expect(again.stderr).toMatch(TAKEN);
    expect(again.json?.digest).toBe(first.json?.digest);
    expect(again.json?.pushed).toBe(false);
    expect(reads.bytesRead(file)).toBeGreaterThanOrEqual(bytes.length);
    expect(reads.bytesRead(file)).toBeLessThanOrEqual(bytes.length + INSPECTION);
    // and mended: the next run reads nothing
    const third = await build(file, repo, 't', { env });
    expect(third.code).toBe(0);
    expect(third.stderr).toMatch(TAKEN);
    expect(reads.bytesRead(file)).toBeLessThanOrEqual(INSPECTION);
  });
});

describe('a rebuilt release on a runner with no cache', () => {
  test("hashes the artifact once (no tar made) and takes the branch pipeline's layer", async () => {
    const bytes = randomBytes(6_000_000);
    const file = artifact('bin', bytes);
    const repo = 'release/app';
    const sha = randomBytes(20).toString('hex');
    const ci = (ref: string, runner: string): Record<string, string> => ({
      GITHUB_ACTIONS: 'true',
      GITHUB_SHA: sha,
      GITHUB_REF: ref,
      SOURCE_DATE_EPOCH: '1700000000',
      SLIPWAY_CACHE_DIR: join(work, runner),
    });
    const branch = await build(file, repo, `sha-${sha.slice(0, 7)}`, {
      env: ci('refs/heads/main', 'runner-1'),
    });
    expect(branch.code).toBe(0);

    proxy.reset();
    const release = await build(file, repo, '1.2.3,latest', {
      env: ci('refs/tags/v1.2.3', 'runner-2'),
    });
    expect(release.code).toBe(0);
    expect(release.stderr).toMatch(TAKEN);
    // one hashing pass of the artifact, and no second one to make the tar
    expect(reads.bytesRead(file)).toBeGreaterThanOrEqual(bytes.length);
    expect(reads.bytesRead(file)).toBeLessThanOrEqual(bytes.length + INSPECTION);
    expect(proxy.stats().uploadBytes).toBeLessThan(64 * 1024); // a config, no layer
    const pushed = await inspect(`${reg.host}/${repo}:1.2.3`);
    expect(pushed.manifest.annotations?.['dev.slipway.artifact.sha256']).toBe(sha256(bytes));
  });
});

describe('a layer made on another base', () => {
  test('a rebased image keeps its layer and record, but not the parents this base gives: the layer is made', async () => {
    const file = artifact('bin', randomBytes(1_000_000));
    await settle(file);
    const repo = 'rebased/app';
    const path = '/pulsar/connectors/';
    // busybox lacks /pulsar/connectors: the layer holds /pulsar/ and /pulsar/connectors/
    const old = await build(file, repo, 'old', { path });
    expect(old.code).toBe(0);
    const rebased = await runCli(
      [
        'rebase',
        '--image',
        `${proxy.host}/${repo}:old`,
        '--base-image',
        `${proxy.host}/base/runner:1`,
        '--tags',
        't',
        '--json',
      ],
      { env: { SLIPWAY_CACHE_DIR: cache } },
    );
    expect(rebased.code).toBe(0);
    const before = await inspect(`${reg.host}/${repo}:t`);
    expect(before.manifest.annotations?.['dev.slipway.artifact.sha256']).toBeDefined();

    // the runner has both folders: a build on it leaves them out, so its layer is another one
    const fresh = await build(file, repo, 't', { path, base: 'base/runner:1' });
    expect(fresh.code).toBe(0);
    expect(fresh.stderr).not.toMatch(TAKEN);
    expect(fresh.stderr).toContain("has this layer's files on another base's parents");
    expect(fresh.json?.digest).not.toBe(before.digest);
    const dry = await build(file, repo, 't', {
      path,
      base: 'base/runner:1',
      extra: ['--output', 'none'],
    });
    expect(fresh.json?.digest).toBe(dry.json?.digest);
    expect((await inspect(`${reg.host}/${repo}:t`)).digest).toBe(fresh.json?.digest);
  });
});

describe('the build context', () => {
  test('a native build lays none out; the Dockerfile is the one rendered beside a kept context', async () => {
    const file = artifact('bin', randomBytes(100_000));
    const repo = 'context/app';
    const plain = await build(file, repo, 'x', { extra: ['--output', 'none'] });
    expect(plain.code).toBe(0);
    const dockerfile = String(plain.json?.dockerfile);
    expect(readdirSync(dirname(dockerfile))).not.toContain('context');
    const kept = await build(file, repo, 'x', {
      extra: ['--output', 'none'],
      env: { SLIPWAY_KEEP_CONTEXT: 'true' },
    });
    expect(kept.code).toBe(0);
    const keptFile = String(kept.json?.dockerfile);
    expect(readFileSync(dockerfile, 'utf8')).toBe(readFileSync(keptFile, 'utf8'));
    const name = file.split('/').pop() ?? '';
    expect(readFileSync(dockerfile, 'utf8')).toMatch(
      new RegExp(`^COPY .* files/0/${name} /data/`, 'm'),
    );
    const linked = join(dirname(keptFile), 'context', 'files', '0', name);
    expect(existsSync(linked)).toBe(true);
    expect(statSync(linked).ino).toBe(statSync(file).ino);
  });
});
