/**
 * Issue 13 item 3 (src/run/airbyte-verify.ts, run by src/publish/registry.ts before the tags):
 * `verify: true` runs the Airbyte connector's `spec` under podman on repo@digest, before any tag.
 * A connector whose spec fails leaves no tag in the registry (checked with skopeo) while its
 * manifest is there by digest; one that answers is tagged.
 */
import { chmodSync, cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dockerBuildAndPush } from '../../src/assemble/docker';
import type { DockerCliOptions } from '../../src/assemble/docker';
import { MemoryLogger } from '../../src/core/log';
import { runsHere } from '../../src/run/airbyte-verify';
import { runCli } from '../fixtures/cli';
import { podmanEnv, skopeo, skopeoInspect } from '../fixtures/clients';
import { seedBusyboxBase } from '../fixtures/images';
import { makeTempDir, removeTempDir } from '../fixtures/process';
import { startRegistry } from '../fixtures/registry';
import type { TestRegistry } from '../fixtures/registry';

let registry: TestRegistry;
let work: string;
/** podman refuses a run root longer than 50 characters: its store lives in a short path. */
let podmanDir: string;
let dockerCommand: string;
let answering: string;
let silent: string;

/** A stand-in for airbyte/source-declarative-manifest whose `python` prints `lines` on spec. */
async function fakeAirbyteBase(
  cli: DockerCliOptions,
  name: string,
  lines: string[],
): Promise<string> {
  const dir = join(work, name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, 'python'),
    [
      '#!/bin/sh',
      'manifest=/airbyte/integration_code/source_declarative_manifest/manifest.yaml',
      'test -f "$manifest" || { echo "no manifest at $manifest" >&2; exit 2; }',
      ...lines,
      '',
    ].join('\n'),
  );
  writeFileSync(
    join(dir, 'Dockerfile'),
    `FROM ${registry.host}/base/runner:1\nUSER 0\nCOPY --chmod=0755 python /usr/local/bin/python\n`,
  );
  const image = `${registry.host}/base/${name}:1`;
  await dockerBuildAndPush({
    ...cli,
    dockerfile: join(dir, 'Dockerfile'),
    contextDir: dir,
    images: [image],
    logins: [],
  });
  return image;
}

beforeAll(async () => {
  work = await makeTempDir('run-airbyte-verify');
  registry = await startRegistry();
  await seedBusyboxBase(registry, 'base/runner:1', { runnerLike: true });
  podmanDir = mkdtempSync(join(tmpdir(), 'slw-abv-'));
  mkdirSync(join(podmanDir, 'tmp'), { recursive: true });
  const env = podmanEnv(podmanDir);
  // docker-command is one program: a wrapper gives podman the settings it needs on this machine.
  dockerCommand = join(work, 'podman-here');
  writeFileSync(
    dockerCommand,
    [
      '#!/bin/sh',
      `export CONTAINERS_CONF='${env.env.CONTAINERS_CONF ?? ''}'`,
      `export TMPDIR='${join(podmanDir, 'tmp')}'`,
      `exec podman ${env.args.map((a) => `'${a}'`).join(' ')} "$@"`,
      '',
    ].join('\n'),
  );
  chmodSync(dockerCommand, 0o755);
  const cli: DockerCliOptions = {
    command: 'podman',
    globalArgs: env.args,
    env: env.env,
    insecureRegistries: [registry.host],
    logger: new MemoryLogger(),
    tmpDir: work,
  };
  answering = await fakeAirbyteBase(cli, 'airbyte-answers', [
    '[ "$2" = spec ] && echo \'{"type":"SPEC","spec":{"connectionSpecification":{"type":"object"}}}\'',
    'exit 0',
  ]);
  silent = await fakeAirbyteBase(cli, 'airbyte-broken', [
    'echo \'{"type":"LOG","log":{"level":"ERROR","message":"cannot load the manifest"}}\'',
    'exit 1',
  ]);
});
afterAll(async () => {
  await registry?.stop();
  await removeTempDir(work);
  if (podmanDir) rmSync(podmanDir, { recursive: true, force: true });
});

function connector(name: string): string {
  const dir = join(work, name);
  cpSync(join(__dirname, '../../examples/airbyte-declarative-source'), dir, { recursive: true });
  return dir;
}

function build(dir: string, base: string, repo: string): ReturnType<typeof runCli> {
  return runCli([
    'build',
    '--working-directory',
    dir,
    '--base-image',
    base,
    '--image',
    `${registry.host}/${repo}`,
    '--tags',
    '0.1.0,latest',
    '--verify',
    'true',
    '--docker-command',
    dockerCommand,
    '--platforms',
    'linux/amd64',
    '--json',
  ]);
}

it('a connector whose spec fails leaves no tag; its manifest is there by digest only', async () => {
  const res = await build(connector('broken'), silent, 'acme/source-broken');
  expect(res.code).toBe(1);
  expect(res.stderr).toContain('spec printed no {"type":"SPEC"} message (exit code 1)');
  const ref = /verify: (\S+@sha256:[0-9a-f]{64}) spec/.exec(res.stderr)?.[1];
  expect(ref).toBeDefined();
  // Stored by digest, for the spec run …
  const manifest = (await skopeoInspect(String(ref), { raw: true })) as { layers?: unknown[] };
  expect(manifest.layers?.length).toBeGreaterThan(0);
  // … but no tag points at it (distribution answers 404 for a repository without tags).
  const tags = await skopeo([
    'list-tags',
    '--tls-verify=false',
    `docker://${registry.host}/acme/source-broken`,
  ]);
  const listed =
    tags.code === 0 ? ((JSON.parse(tags.stdout) as { Tags: string[] | null }).Tags ?? []) : [];
  expect(tags.code === 0 || /404|name unknown/i.test(tags.stderr)).toBe(true);
  expect(listed).toEqual([]);
});

it('a connector that answers spec is tagged', async () => {
  const res = await build(connector('answers'), answering, 'acme/source-answers');
  expect(res.stderr).not.toContain('error');
  expect(res.code).toBe(0);
  expect(res.stderr).toContain('answers spec with a SPEC message');
  const digest = String(res.json?.digest);
  for (const tag of ['0.1.0', 'latest']) {
    const inspected = (await skopeoInspect(`${registry.host}/acme/source-answers:${tag}`)) as {
      Digest: string;
    };
    expect(inspected.Digest).toBe(digest);
  }
  // The spec ran before the tags were written: the log says so in that order.
  const verified = res.stderr.indexOf('verified:');
  const pushed = res.stderr.indexOf(`pushed ${registry.host}/acme/source-answers:0.1.0`);
  expect(verified).toBeGreaterThan(-1);
  expect(pushed).toBeGreaterThan(verified);
});

it('only platforms this runner can execute are run; the rest are reported as not verified', () => {
  expect(runsHere({ os: 'linux', architecture: 'amd64' }, 'x64')).toBe(true);
  expect(runsHere({ os: 'linux', architecture: 'arm64', variant: 'v8' }, 'arm64')).toBe(true);
  expect(runsHere({ os: 'linux', architecture: 'arm64' }, 'x64')).toBe(false);
  expect(runsHere({ os: 'windows', architecture: 'amd64' }, 'x64')).toBe(false);
});
