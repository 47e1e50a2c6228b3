/**
 * Issue 3, end to end for Airbyte: the declarative example becomes an image with Airbyte's labels,
 * AIRBYTE_ENTRYPOINT and ENTRYPOINT, pushed by the CLI to a registry with users, and
 * `--verify true` runs its `spec` with podman as docker-command (logged in through Slipway's
 * temporary auth file). A connector whose spec prints no SPEC fails verification.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { podmanBuild, podmanPush, podmanRun } from '../fixtures/clients';
import { seedBusyboxBase } from '../fixtures/images';
import {
  copyExample,
  errorLines,
  podmanDockerCommand,
  rawManifest,
  runConfig,
  slipway,
  statInImage,
} from '../fixtures/kinds';
import type { DockerCommand } from '../fixtures/kinds';
import { makeTempDir, removeTempDir } from '../fixtures/process';
import { startRegistry } from '../fixtures/registry';
import type { TestRegistry } from '../fixtures/registry';

const MANIFEST_IN_IMAGE = '/airbyte/integration_code/source_declarative_manifest/manifest.yaml';
const ENTRYPOINT = ['python', '/airbyte/integration_code/main.py'];

let reg: TestRegistry;
let work: string;
let dockerCommand: DockerCommand;
let specBase: string;
let silentBase: string;

/**
 * A stand-in for airbyte/source-declarative-manifest: busybox with a `python` that answers
 * `main.py spec` (only when the manifest is where Airbyte's image reads it) or stays silent.
 */
async function fakeAirbyteBase(name: string, script: string[]): Promise<string> {
  const dir = join(work, name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'python'), ['#!/bin/sh', ...script, ''].join('\n'));
  writeFileSync(
    join(dir, 'Dockerfile'),
    `FROM ${reg.host}/base/busybox:1\nCOPY --chmod=0755 python /usr/local/bin/python\nUSER 1000:1000\n`,
  );
  const image = `${reg.host}/base/${name}:1`;
  await podmanBuild(dir, join(dir, 'Dockerfile'), image, { creds: reg.creds });
  await podmanPush(image, undefined, { creds: reg.creds });
  return image;
}

beforeAll(async () => {
  work = await makeTempDir('kinds-airbyte');
  reg = await startRegistry({ auth: 'htpasswd' });
  await seedBusyboxBase(reg, 'base/busybox:1');
  dockerCommand = await podmanDockerCommand();
  specBase = await fakeAirbyteBase('airbyte-spec', [
    `test -f ${MANIFEST_IN_IMAGE} || { echo "no manifest at ${MANIFEST_IN_IMAGE}" >&2; exit 2; }`,
    `echo '{"type":"LOG","log":{"level":"INFO","message":"starting"}}'`,
    `[ "$1" = /airbyte/integration_code/main.py ] && [ "$2" = spec ] && echo '{"type":"SPEC","spec":{"connectionSpecification":{}}}'`,
    'exit 0',
  ]);
  silentBase = await fakeAirbyteBase('airbyte-silent', [
    'echo "hello from a connector without spec"',
    `echo '{"type":"LOG","log":{"level":"INFO","message":"nothing to say"}}'`,
  ]);
});

afterAll(async () => {
  await reg?.stop();
  await dockerCommand?.remove();
  if (work) await removeTempDir(work);
});

function verifyArgs(dir: string, base: string, repo: string): string[] {
  return [
    'build',
    '--working-directory',
    dir,
    '--base-image',
    base,
    '--image',
    `${reg.host}/${repo}`,
    '--verify',
    'true',
    '--docker-command',
    dockerCommand.command,
    // podman, unlike docker and Slipway's own client, wants to be told that a loopback
    // registry speaks plain HTTP.
    '--insecure-registry',
    'true',
    '--json',
  ];
}

it('the declarative source becomes an image with Airbyte labels, env and entrypoint, and verify passes under podman', async () => {
  const dir = copyExample(work, 'airbyte-declarative-source');
  const res = await slipway(work, reg, verifyArgs(dir, specBase, 'acme/source-pokeapi-example'));
  expect(res.stderr).toContain('artifact: . (airbyte-source, airbyte-manifest, 0.1.0)');
  expect(res.code).toBe(0);
  // Outside a release the tag is latest; metadata.yaml dockerImageTag only labels the version.
  expect(res.json?.image).toBe(`${reg.host}/acme/source-pokeapi-example:latest`);
  const ref = `${reg.host}/acme/source-pokeapi-example@${String(res.json?.digest)}`;
  expect(res.stderr).toContain(`verified: ${ref} answers spec with a SPEC message`);
  // The password went to podman over stdin only.
  expect(res.stderr).not.toContain(reg.password);
  expect(res.stdout).not.toContain(reg.password);

  const config = await runConfig(ref, reg.creds);
  expect(config.Entrypoint).toEqual(ENTRYPOINT);
  expect(config.Cmd).toBeUndefined();
  expect(config.Env).toContain(`AIRBYTE_ENTRYPOINT=${ENTRYPOINT.join(' ')}`);
  const entry = (config.Env ?? []).find((e) => e.startsWith('AIRBYTE_ENTRYPOINT='));
  expect(entry?.slice('AIRBYTE_ENTRYPOINT='.length).split(' ')).toEqual(config.Entrypoint);
  expect(config.Entrypoint?.[1]).toMatch(/^\//);
  expect(config.WorkingDir).toBe('/airbyte/integration_code');
  expect(config.User).toBe('1000:1000');
  expect(config.Labels).toMatchObject({
    'io.airbyte.name': 'acme/source-pokeapi-example',
    'io.airbyte.version': '0.1.0',
  });
  expect((await rawManifest(ref, reg.creds)).mediaType).toBe(
    'application/vnd.oci.image.manifest.v1+json',
  );

  const manifest = join(dir, 'manifest.yaml');
  expect(
    await statInImage(
      ref,
      [
        '/airbyte',
        '/airbyte/integration_code',
        '/airbyte/integration_code/source_declarative_manifest',
        MANIFEST_IN_IMAGE,
      ],
      reg.creds,
    ),
  ).toEqual([
    expect.stringMatching(/^1000:1000 755 \d+ \/airbyte$/),
    expect.stringMatching(/^1000:1000 755 \d+ \/airbyte\/integration_code$/),
    expect.stringMatching(
      /^1000:1000 755 \d+ \/airbyte\/integration_code\/source_declarative_manifest$/,
    ),
    `1000:1000 644 ${statSync(manifest).size} ${MANIFEST_IN_IMAGE}`,
  ]);
  const sum = await podmanRun(ref, ['-c', `sha256sum ${MANIFEST_IN_IMAGE}`], {
    creds: reg.creds,
    entrypoint: '/bin/sh',
  });
  expect(sum.stdout.split(' ')[0]).toBe(
    createHash('sha256').update(readFileSync(manifest)).digest('hex'),
  );
});

it('a connector whose spec prints no SPEC fails verification with exit 1 and says why', async () => {
  const dir = copyExample(work, 'airbyte-declarative-source');
  const res = await slipway(work, reg, verifyArgs(dir, silentBase, 'acme/source-silent'));
  expect(res.code).toBe(1);
  expect(res.stdout).toBe('');
  const lines = errorLines(res);
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(
    new RegExp(
      `^slipway: error: verify: ${reg.host.replace(/\./g, '\\.')}/acme/source-silent@sha256:[a-f0-9]{64} spec printed no \\{"type":"SPEC"\\} message \\(exit code 0\\); check the connector's entrypoint \\(AIRBYTE_ENTRYPOINT\\) and its spec; last lines:$`,
    ),
  );
  // The connector's own output follows, so the user sees what it printed instead.
  expect(res.stderr).toContain('hello from a connector without spec');
  expect(res.stderr).not.toContain(reg.password);
});
