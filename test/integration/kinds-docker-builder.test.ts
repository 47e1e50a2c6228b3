/**
 * Issue 3, end to end: what needs RUN goes to the docker-compatible builder, here podman as
 * `docker-command`, through the CLI: a user Dockerfile with RUN, and an Airbyte Python connector
 * whose plan installs its requirements. Both are pushed to a registry with users (podman logs in
 * through Slipway's temporary auth file) and read back with skopeo and podman.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { podmanBuild, podmanPush, podmanRun, skopeoInspect } from '../fixtures/clients';
import { seedBusyboxBase } from '../fixtures/images';
import {
  catalog,
  errorLines,
  podmanDockerCommand,
  runConfig,
  slipway,
  statInImage,
} from '../fixtures/kinds';
import type { DockerCommand } from '../fixtures/kinds';
import { makeTempDir, removeTempDir } from '../fixtures/process';
import { startRegistry } from '../fixtures/registry';
import type { TestRegistry } from '../fixtures/registry';

let reg: TestRegistry;
let work: string;
let dockerCommand: DockerCommand;
let runner: string;

beforeAll(async () => {
  work = await makeTempDir('kinds-docker');
  reg = await startRegistry({ auth: 'htpasswd' });
  await seedBusyboxBase(reg, 'base/runner:x', { runnerLike: true });
  runner = `${reg.host}/base/runner:x`;
  dockerCommand = await podmanDockerCommand();
});

afterAll(async () => {
  await reg?.stop();
  await dockerCommand?.remove();
  if (work) await removeTempDir(work);
});

function project(name: string): string {
  const dir = join(work, name);
  mkdirSync(dir, { recursive: true });
  return dir;
}

/** podman needs to be told that the loopback registry speaks plain HTTP. */
function withPodman(args: string[]): string[] {
  return [...args, '--docker-command', dockerCommand.command, '--insecure-registry', 'true'];
}

function userDockerfile(): string {
  const dir = project('user-run');
  writeFileSync(join(dir, 'hello.txt'), 'hello\n');
  writeFileSync(
    join(dir, 'Dockerfile'),
    [
      `ARG BASE=${runner}`,
      'FROM ${BASE}',
      'USER 0',
      'COPY hello.txt /opt/hello.txt',
      'RUN tr a-z A-Z < /opt/hello.txt > /opt/shout.txt && chown 10000:10001 /opt/shout.txt && chmod 640 /opt/shout.txt',
      'USER 10000',
      'ENV GREETING=loud',
      '',
    ].join('\n'),
  );
  return dir;
}

it('a user Dockerfile with RUN is built and pushed by podman as docker-command', async () => {
  const dir = userDockerfile();
  const res = await slipway(
    work,
    reg,
    withPodman([
      'build',
      '--working-directory',
      dir,
      '--dockerfile',
      'Dockerfile',
      '--image',
      `${reg.host}/acme/user-run`,
      '--tags',
      '1.0,latest',
      '--json',
    ]),
  );
  expect(res.stderr).toContain(
    `${dockerCommand.command} build -f ${join(dir, 'Dockerfile')} ${dir}`,
  );
  expect(res.code).toBe(0);
  expect(res.json).toMatchObject({
    image: `${reg.host}/acme/user-run:1.0`,
    tags: ['1.0', 'latest'],
    dockerfile: join(dir, 'Dockerfile'),
    pushed: true,
  });
  expect(res.stderr).not.toContain(reg.password);

  // Both tags point at the digest the CLI reported.
  for (const tag of ['1.0', 'latest']) {
    const info = (await skopeoInspect(`${reg.host}/acme/user-run:${tag}`, {
      creds: reg.creds,
    })) as { Digest: string };
    expect(info.Digest).toBe(res.json?.digest);
  }
  const ref = `${reg.host}/acme/user-run@${String(res.json?.digest)}`;
  expect(await statInImage(ref, ['/opt/hello.txt', '/opt/shout.txt'], reg.creds)).toEqual([
    '0:0 644 6 /opt/hello.txt',
    '10000:10001 640 6 /opt/shout.txt',
  ]);
  const shout = await podmanRun(ref, ['cat', '/opt/shout.txt'], { creds: reg.creds });
  expect(shout.stdout).toBe('HELLO\n');
  const config = await runConfig(ref, reg.creds);
  expect(config.User).toBe('10000');
  expect(config.Env).toContain('GREETING=loud');
});

it('RUN cannot be written to an OCI layout or forced onto the native builder (exit 2, nothing pushed)', async () => {
  const dir = userDockerfile();
  const before = await catalog(reg);
  const layout = await slipway(work, reg, [
    'build',
    '--working-directory',
    dir,
    '--dockerfile',
    'Dockerfile',
    '--output',
    `oci:${join(work, 'layout')}`,
  ]);
  expect(layout.code).toBe(2);
  expect(errorLines(layout)).toEqual([
    'slipway: error: The image needs RUN at Dockerfile:5, which is built with docker-command and pushed, so output must be registry; remove the RUN steps to write an OCI layout.',
  ]);
  const native = await slipway(work, reg, [
    'build',
    '--working-directory',
    dir,
    '--dockerfile',
    'Dockerfile',
    '--builder',
    'native',
    '--image',
    `${reg.host}/acme/forced`,
  ]);
  expect(native.code).toBe(2);
  expect(errorLines(native)).toEqual([
    'slipway: error: Input "builder" is native, but the image needs RUN at Dockerfile:5, which only a docker-compatible builder can run; set builder: auto (or docker) and docker-command.',
  ]);
  expect(await catalog(reg)).toEqual(before);
});

it('an Airbyte Python connector with builder: docker installs its requirements with RUN and passes verify', async () => {
  // A stand-in for airbyte/python-connector-base: `pip` records what it installed, `python`
  // answers spec once the connector code and its installed requirements are there.
  const baseDir = project('python-base');
  writeFileSync(
    join(baseDir, 'pip'),
    '#!/bin/sh\necho "$*" > /usr/local/pip-installed\ncat requirements.txt >> /usr/local/pip-installed\n',
  );
  writeFileSync(
    join(baseDir, 'python'),
    [
      '#!/bin/sh',
      'grep -q airbyte-cdk /usr/local/pip-installed || { echo "requirements not installed" >&2; exit 3; }',
      '[ "$1" = /airbyte/integration_code/main.py ] && [ -f "$1" ] && [ "$2" = spec ] && echo \'{"type":"SPEC","spec":{"connectionSpecification":{"type":"object"}}}\'',
      'exit 0',
      '',
    ].join('\n'),
  );
  writeFileSync(
    join(baseDir, 'Dockerfile'),
    `FROM ${runner}\nUSER 0\nCOPY --chmod=0755 pip python /usr/local/bin/\n`,
  );
  const base = `${reg.host}/base/airbyte-python:1`;
  await podmanBuild(baseDir, join(baseDir, 'Dockerfile'), base, { creds: reg.creds });
  await podmanPush(base, undefined, { creds: reg.creds });

  const dir = project('source-acme');
  writeFileSync(
    join(dir, 'metadata.yaml'),
    'data:\n  connectorType: source\n  dockerRepository: acme/source-acme\n  dockerImageTag: 0.4.0\n',
  );
  writeFileSync(join(dir, 'main.py'), 'print("spec")\n');
  writeFileSync(join(dir, 'requirements.txt'), 'airbyte-cdk==6.0.0\n');
  const res = await slipway(
    work,
    reg,
    withPodman([
      'build',
      '--working-directory',
      dir,
      '--base-image',
      base,
      '--image',
      `${reg.host}/acme/source-acme`,
      '--verify',
      'true',
      '--builder',
      'docker',
      '--json',
    ]),
  );
  expect(res.stderr).toContain('artifact: . (airbyte-source, airbyte-python, 0.4.0)');
  expect(res.code).toBe(0);
  const ref = `${reg.host}/acme/source-acme@${String(res.json?.digest)}`;
  expect(res.stderr).toContain(`verified: ${ref} answers spec with a SPEC message`);

  const installed = await podmanRun(ref, ['/usr/local/pip-installed'], {
    creds: reg.creds,
    entrypoint: '/bin/cat',
  });
  expect(installed.stdout).toBe('install --no-cache-dir -r requirements.txt\nairbyte-cdk==6.0.0\n');
  expect(
    await statInImage(
      ref,
      ['/airbyte/integration_code/main.py', '/airbyte/integration_code/requirements.txt'],
      reg.creds,
    ),
  ).toEqual([
    '1000:1000 644 14 /airbyte/integration_code/main.py',
    '1000:1000 644 19 /airbyte/integration_code/requirements.txt',
  ]);
  const config = await runConfig(ref, reg.creds);
  expect(config.Entrypoint).toEqual(['python', '/airbyte/integration_code/main.py']);
  expect(config.Env).toContain('AIRBYTE_ENTRYPOINT=python /airbyte/integration_code/main.py');
  expect(config.Labels).toMatchObject({
    'io.airbyte.name': 'acme/source-acme',
    'io.airbyte.version': '0.4.0',
  });
});
