/**
 * Issue 15 with the docker-compatible builder (a Dockerfile with RUN), with podman and with the
 * real docker CLI (against podman's Docker API service) as docker-command: as in a native build,
 * the image reaches the registry by digest, the bundles are attached as its referrers, and only
 * then do the tags point at it; when signing fails (the Fulcio stand-in down, sign: true) the
 * registry holds the image by digest and no tag at all. podman copies the image out as an OCI
 * layout; docker `save`s it, and Slipway takes the base's layers from the registry and gzips
 * only the new ones.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { skopeo, skopeoInspect } from '../fixtures/clients';
import { seedBusyboxBase } from '../fixtures/images';
import { startDockerEngine } from '../fixtures/docker-engine';
import type { DockerEngine } from '../fixtures/docker-engine';
import { podmanDockerCommand, slipway } from '../fixtures/kinds';
import type { CliResult } from '../fixtures/cli';
import type { DockerCommand } from '../fixtures/kinds';
import { makeTempDir, removeTempDir } from '../fixtures/process';
import { startRegistry } from '../fixtures/registry';
import type { TestRegistry } from '../fixtures/registry';
import { startSigstore } from './attest-helpers';
import type { SigstoreStandIns } from './attest-helpers';

const IDENTITY = 'https://gitlab.com/acme/connectors//.gitlab-ci.yml@refs/heads/main';
const BUNDLE_TYPE = 'application/vnd.dev.sigstore.bundle.v0.3+json';

let reg: TestRegistry;
let sig: SigstoreStandIns;
let work: string;
let dir: string;
let dockerCommand: DockerCommand;
let engine: DockerEngine;

beforeAll(async () => {
  work = await makeTempDir('run-attest-docker');
  [reg, sig] = await Promise.all([startRegistry({ auth: 'htpasswd' }), startSigstore()]);
  await seedBusyboxBase(reg, 'base/runner:x', { runnerLike: true });
  dockerCommand = await podmanDockerCommand();
  engine = await startDockerEngine({ insecureRegistries: [reg.host] });
  dir = join(work, 'project');
  mkdirSync(dir);
  writeFileSync(
    join(dir, 'Dockerfile'),
    [
      `FROM ${reg.host}/base/runner:x`,
      'USER 0',
      'RUN echo signed > /marker',
      'USER 10000',
      '',
    ].join('\n'),
  );
});
afterAll(async () => {
  await sig?.stop();
  await reg?.stop();
  await dockerCommand?.remove();
  await engine?.stop();
  if (work) await removeTempDir(work);
});

/** The build, with podman as docker-command, or with the docker CLI against the engine. */
function build(repo: string, cli: 'podman' | 'docker' = 'podman') {
  return slipway(
    work,
    reg,
    [
      'build',
      '--working-directory',
      dir,
      '--dockerfile',
      'Dockerfile',
      '--image',
      `${reg.host}/${repo}`,
      '--tags',
      '1.0,latest',
      '--docker-command',
      cli === 'podman' ? dockerCommand.command : 'docker',
      '--insecure-registry',
      'true',
      '--sign',
      'true',
      '--fulcio-url',
      sig.fulcioUrl,
      '--rekor-url',
      sig.rekorUrl,
      '--max-retries',
      '1',
      '--json',
    ],
    {
      SIGSTORE_ID_TOKEN: sig.token(IDENTITY),
      ...(cli === 'docker' ? { DOCKER_HOST: engine.host } : {}),
    },
  );
}

async function tags(repo: string): Promise<string[]> {
  const res = await skopeo([
    'list-tags',
    '--tls-verify=false',
    '--creds',
    reg.creds ?? '',
    `docker://${reg.host}/${repo}`,
  ]);
  // distribution answers 404 to the tags list of a repository that holds manifests but no tag.
  if (res.code !== 0 && /tags list: invalid status code from registry 404/.test(res.stderr)) {
    return [];
  }
  expect(res.code).toBe(0);
  return (JSON.parse(res.stdout) as { Tags: string[] | null }).Tags ?? [];
}

/** A signed build's checks: bundles attached by digest, then both tags on that digest. */
async function expectSignedBeforeTags(res: CliResult, repo: string): Promise<string> {
  expect(res.stderr).not.toContain('warning');
  expect(res.code).toBe(0);
  const digest = String(res.json?.digest);
  expect(res.json?.attestations).toHaveLength(2);
  // The push log: referrers first, tags last.
  const attached = res.stderr.indexOf('bundle');
  const tagged = res.stderr.lastIndexOf(':1.0');
  expect(attached).toBeGreaterThan(0);
  expect(tagged).toBeGreaterThan(attached);
  for (const tag of ['1.0', 'latest']) {
    const info = (await skopeoInspect(`${reg.host}/${repo}:${tag}`, {
      creds: reg.creds,
    })) as { Digest: string };
    expect(info.Digest).toBe(digest);
  }
  const index = (await skopeoInspect(`${reg.host}/${repo}:${digest.replace(':', '-')}`, {
    raw: true,
    creds: reg.creds,
  })) as { manifests: { artifactType: string }[] };
  expect(index.manifests.map((m) => m.artifactType)).toEqual([BUNDLE_TYPE, BUNDLE_TYPE]);
  return digest;
}

it('podman: the bundles are attached by digest before the tags point at the image', async () => {
  await expectSignedBeforeTags(await build('acme/signed'), 'acme/signed');
});

it('docker: the saved image goes up by digest with its base layers taken from the registry, signed before the tags', async () => {
  const res = await build('acme/docker-signed', 'docker');
  expect(res.stderr).toMatch(/docker save -o \S+ \S+acme\/docker-signed:1\.0/);
  expect(res.stderr).not.toMatch(/docker push/);
  const digest = await expectSignedBeforeTags(res, 'acme/docker-signed');
  // The base's layers are the registry's own blobs (mounted, not compressed again); the RUN's
  // layer is new and gzipped.
  const layersOf = async (ref: string) =>
    (
      (await skopeoInspect(ref, { raw: true, creds: reg.creds })) as {
        layers: { digest: string; mediaType: string }[];
      }
    ).layers;
  const base = await layersOf(`${reg.host}/base/runner:x`);
  const image = await layersOf(`${reg.host}/acme/docker-signed@${digest}`);
  expect(image.slice(0, base.length).map((l) => l.digest)).toEqual(base.map((l) => l.digest));
  expect(image.length).toBeGreaterThan(base.length);
  for (const layer of image.slice(base.length)) {
    expect(layer.mediaType).toBe('application/vnd.oci.image.layer.v1.tar+gzip');
  }
});

it.each(['podman', 'docker'] as const)(
  '%s: with Fulcio down and sign: true, the run fails and no tag exists',
  async (cli) => {
    sig.failNext('fulcio', 1000);
    try {
      const repo = `acme/unsigned-${cli}`;
      const res = await build(repo, cli);
      expect(res.code).toBe(1);
      expect(res.stderr).toContain('nothing was tagged');
      // The image went up by digest only: the repository is there, and no tag points at it.
      const catalog = await fetch(`http://${reg.host}/v2/_catalog`, {
        headers: { authorization: `Basic ${Buffer.from(reg.creds ?? '').toString('base64')}` },
      });
      expect(((await catalog.json()) as { repositories: string[] }).repositories).toContain(repo);
      expect(await tags(repo)).toEqual([]);
    } finally {
      sig.failNext('fulcio', 0);
    }
  },
);
