/**
 * Issue 15 with the docker-compatible builder (podman as docker-command, a Dockerfile with RUN):
 * as in a native build, the image reaches the registry by digest, the bundles are attached as its
 * referrers, and only then do the tags point at it; when signing fails (the Fulcio stand-in
 * down, sign: true) the registry holds the image by digest and no tag at all.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { skopeo, skopeoInspect } from '../fixtures/clients';
import { seedBusyboxBase } from '../fixtures/images';
import { podmanDockerCommand, slipway } from '../fixtures/kinds';
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

beforeAll(async () => {
  work = await makeTempDir('run-attest-docker');
  [reg, sig] = await Promise.all([startRegistry({ auth: 'htpasswd' }), startSigstore()]);
  await seedBusyboxBase(reg, 'base/runner:x', { runnerLike: true });
  dockerCommand = await podmanDockerCommand();
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
  if (work) await removeTempDir(work);
});

function build(repo: string) {
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
      dockerCommand.command,
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
    { SIGSTORE_ID_TOKEN: sig.token(IDENTITY) },
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

it('podman: the bundles are attached by digest before the tags point at the image', async () => {
  const res = await build('acme/signed');
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
    const info = (await skopeoInspect(`${reg.host}/acme/signed:${tag}`, {
      creds: reg.creds,
    })) as { Digest: string };
    expect(info.Digest).toBe(digest);
  }
  const index = (await skopeoInspect(`${reg.host}/acme/signed:${digest.replace(':', '-')}`, {
    raw: true,
    creds: reg.creds,
  })) as { manifests: { artifactType: string }[] };
  expect(index.manifests.map((m) => m.artifactType)).toEqual([BUNDLE_TYPE, BUNDLE_TYPE]);
});

it('podman: with Fulcio down and sign: true, the run fails and no tag exists', async () => {
  sig.failNext('fulcio', 1000);
  try {
    const res = await build('acme/unsigned');
    expect(res.code).toBe(1);
    expect(res.stderr).toContain('nothing was tagged');
    // The image went up by digest only: the repository is there, and no tag points at it.
    const catalog = await fetch(`http://${reg.host}/v2/_catalog`, {
      headers: { authorization: `Basic ${Buffer.from(reg.creds ?? '').toString('base64')}` },
    });
    expect(((await catalog.json()) as { repositories: string[] }).repositories).toContain(
      'acme/unsigned',
    );
    expect(await tags('acme/unsigned')).toEqual([]);
  } finally {
    sig.failNext('fulcio', 0);
  }
});
