/**
 * The docker-compatible builder with the real docker CLI as `docker-command`: a Docker Engine API
 * served by podman on a socket in a temp dir (DOCKER_HOST), a registry with users. A user
 * Dockerfile with RUN is built and pushed, the user's own docker config is left alone and no
 * password reaches argv or a file, and Airbyte's `verify` runs the image's spec through docker.
 */
import { readdirSync, readFileSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { podmanBuild, podmanPush, podmanRun, skopeoInspect } from '../fixtures/clients';
import { dockerArgvRecorder, startDockerEngine } from '../fixtures/docker-engine';
import type { DockerArgvRecorder, DockerEngine } from '../fixtures/docker-engine';
import { seedBusyboxBase } from '../fixtures/images';
import { copyExample, errorLines, runConfig, slipway, statInImage } from '../fixtures/kinds';
import { recordOutput, recordSecret } from '../fixtures/leaks';
import { makeTempDir, removeTempDir } from '../fixtures/process';
import { startRegistry } from '../fixtures/registry';
import type { TestRegistry } from '../fixtures/registry';

let reg: TestRegistry;
let engine: DockerEngine;
let recorder: DockerArgvRecorder;
let work: string;
let runner: string;
let home: string;
let userConfig: string;
let userConfigText: string;

/** Credentials for the test registry that do not work: used only if docker read the user's. */
const WRONG_AUTH = Buffer.from('someone:not-the-password').toString('base64');

beforeAll(async () => {
  work = await makeTempDir('kinds-docker-engine');
  reg = await startRegistry({ auth: 'htpasswd' });
  await seedBusyboxBase(reg, 'base/runner:x', { runnerLike: true });
  runner = `${reg.host}/base/runner:x`;
  engine = await startDockerEngine({ insecureRegistries: [reg.host] });
  recorder = await dockerArgvRecorder(work);

  // The user's own docker config, with a marker and wrong credentials for the test registry.
  home = join(work, 'home');
  mkdirSync(join(home, '.docker'), { recursive: true });
  userConfig = join(home, '.docker', 'config.json');
  userConfigText = `${JSON.stringify({
    auths: { [reg.host]: { auth: WRONG_AUTH } },
    slipwayTestMarker: 'users-own-config',
  })}\n`;
  writeFileSync(userConfig, userConfigText, { mode: 0o600 });
}, 120_000);

afterAll(async () => {
  await engine?.stop();
  await reg?.stop();
  if (work) await removeTempDir(work);
});

/** The environment of a user who runs Slipway with docker against the engine. */
function dockerEnv(): Record<string, string> {
  return {
    DOCKER_HOST: engine.host,
    HOME: home,
    DOCKER_CONFIG: join(home, '.docker'),
    // docker 28.3+ would prefer these to any config file.
    DOCKER_AUTH_CONFIG: JSON.stringify({ auths: { [reg.host]: { auth: WRONG_AUTH } } }),
    PATH: recorder.path,
  };
}

function project(name: string): string {
  const dir = join(work, name);
  mkdirSync(dir, { recursive: true });
  return dir;
}

/** Every file under `dir` whose bytes hold one of `needles`, as a path relative to `dir`. */
function filesHolding(dir: string, needles: string[]): string[] {
  const found: string[] = [];
  const walk = (d: string): void => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      const path = join(d, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.isFile()) {
        const text = readFileSync(path).toString('latin1');
        if (needles.some((n) => text.includes(n))) found.push(path.slice(dir.length + 1));
      }
    }
  };
  walk(dir);
  return found;
}

function listTree(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((p) => `${p} ${statSync(join(dir, p)).size}`)
    .sort();
}

it('a user Dockerfile with RUN is built and pushed by the docker CLI through the engine', async () => {
  const dir = project('user-run');
  writeFileSync(join(dir, 'hello.txt'), 'hello\n');
  writeFileSync(
    join(dir, 'Dockerfile'),
    [
      `FROM ${runner}`,
      'USER 0',
      'COPY hello.txt /opt/hello.txt',
      'RUN tr a-z A-Z < /opt/hello.txt > /opt/shout.txt && chown 10000:10001 /opt/shout.txt && chmod 640 /opt/shout.txt',
      'USER 10000',
      'ENV GREETING=loud',
      '',
    ].join('\n'),
  );
  const image = `${reg.host}/acme/user-run`;
  const before = await recorder.calls();
  const res = await slipway(
    work,
    reg,
    [
      'build',
      '--working-directory',
      dir,
      '--dockerfile',
      'Dockerfile',
      '--image',
      image,
      '--tags',
      '1.0,latest',
      '--docker-command',
      'docker',
      '--json',
    ],
    dockerEnv(),
  );
  expect(res.stderr).toContain(`docker build -f ${join(dir, 'Dockerfile')} ${dir}`);
  expect(res.code).toBe(0);
  expect(res.json).toMatchObject({
    image: `${image}:1.0`,
    tags: ['1.0', 'latest'],
    pushed: true,
  });
  const digest = String(res.json?.digest);
  expect(digest).toMatch(/^sha256:[a-f0-9]{64}$/);

  // The real docker CLI did the work: build then one push per tag, and no `login` (see
  // writeDockerConfig in src/assemble/docker.ts).
  const calls = (await recorder.calls()).slice(before.length).trim().split('\n');
  expect(calls).toEqual([
    '--version',
    `build -f ${join(dir, 'Dockerfile')} -t ${image}:1.0 -t ${image}:latest ${dir}`,
    `push ${image}:1.0`,
    `push ${image}:latest`,
  ]);

  for (const tag of ['1.0', 'latest']) {
    const info = (await skopeoInspect(`${image}:${tag}`, { creds: reg.creds })) as {
      Digest: string;
    };
    expect(info.Digest).toBe(digest);
  }
  const ref = `${image}@${digest}`;
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

it("leaves the user's docker config alone and puts the password on no command line and in no file", async () => {
  const dir = project('quiet');
  writeFileSync(join(dir, 'Dockerfile'), `FROM ${runner}\nUSER 0\nRUN echo quiet > /quiet.txt\n`);
  const homeBefore = listTree(home);
  const before = await recorder.calls();
  const res = await slipway(
    work,
    reg,
    [
      'build',
      '--working-directory',
      dir,
      '--dockerfile',
      'Dockerfile',
      '--image',
      `${reg.host}/acme/quiet`,
      '--tags',
      '1',
      '--docker-command',
      'docker',
      '--verbose',
    ],
    dockerEnv(),
  );
  expect(res.code).toBe(0);
  const password = reg.password ?? '';
  expect(password.length).toBeGreaterThan(6);
  expect(res.stderr).not.toContain(password);
  expect(res.stdout).not.toContain(password);

  expect(readFileSync(userConfig, 'utf8')).toBe(userConfigText);
  expect(listTree(home)).toEqual(homeBefore);

  const argv = (await recorder.calls()).slice(before.length);
  recordOutput(argv, 'docker argv (kinds-docker-engine)');
  expect(argv).toContain(`push ${reg.host}/acme/quiet:1`);
  // The forms a docker config or an Authorization header carries.
  const basic = Buffer.from(`${reg.username ?? ''}:${password}`).toString('base64');
  recordSecret(basic, 'htpasswd registry basic auth');
  expect(argv).not.toContain(password);
  expect(argv).not.toContain(basic);

  // Scratch folders (RUNNER_TEMP), the project, the user's home and the argv log: the temporary
  // docker config is gone and nothing else kept the password.
  expect(filesHolding(work, [password, basic])).toEqual([]);
});

it('a user who turned BuildKit on without the buildx plugin is told how to get it', async () => {
  const dir = project('buildkit');
  writeFileSync(join(dir, 'Dockerfile'), `FROM ${runner}\nRUN true\n`);
  const res = await slipway(
    work,
    reg,
    [
      'build',
      '--working-directory',
      dir,
      '--dockerfile',
      'Dockerfile',
      '--image',
      `${reg.host}/acme/buildkit`,
      '--docker-command',
      'docker',
    ],
    { ...dockerEnv(), DOCKER_BUILDKIT: '1' },
  );
  expect(res.code).toBe(1);
  expect(errorLines(res)).toEqual([
    "slipway: error: docker build failed with exit code 1; DOCKER_BUILDKIT turns BuildKit on, which needs docker's buildx plugin (package docker-buildx or docker-buildx-plugin): install it, or unset DOCKER_BUILDKIT; last lines:",
  ]);
  expect(res.stderr).toContain('BuildKit is enabled but the buildx component is missing');
});

it('a plain-HTTP registry the engine was not told about fails with where to tell it', async () => {
  const other = await startRegistry();
  try {
    const dir = project('plain-http');
    writeFileSync(join(dir, 'Dockerfile'), `FROM ${runner}\nUSER 0\nRUN touch /plain\n`);
    const res = await slipway(
      work,
      reg,
      [
        'build',
        '--working-directory',
        dir,
        '--dockerfile',
        'Dockerfile',
        '--image',
        `${other.host}/acme/plain`,
        '--docker-command',
        'docker',
      ],
      dockerEnv(),
    );
    expect(res.code).toBe(1);
    expect(errorLines(res)).toEqual([
      `slipway: error: docker push ${other.host}/acme/plain:latest failed with exit code 1; the registry speaks plain HTTP, which the engine must be told: list it under insecure-registries in dockerd's daemon.json, or as a [[registry]] with insecure = true in the registries.conf of a podman engine; last lines:`,
    ]);
  } finally {
    await other.stop();
  }
});

describe('Airbyte verify through docker', () => {
  let specBase: string;
  let silentBase: string;

  /** A base whose `python` answers Airbyte's `main.py spec` with `script`. */
  async function fakeBase(name: string, script: string[]): Promise<string> {
    const dir = project(name);
    writeFileSync(join(dir, 'python'), ['#!/bin/sh', ...script, ''].join('\n'));
    writeFileSync(
      join(dir, 'Dockerfile'),
      `FROM ${runner}\nCOPY --chmod=0755 python /usr/local/bin/python\nUSER 1000:1000\n`,
    );
    const image = `${reg.host}/base/${name}:1`;
    await podmanBuild(dir, join(dir, 'Dockerfile'), image, { creds: reg.creds });
    await podmanPush(image, undefined, { creds: reg.creds });
    return image;
  }

  beforeAll(async () => {
    specBase = await fakeBase('airbyte-spec', [
      `echo '{"type":"LOG","log":{"level":"INFO","message":"starting"}}'`,
      `[ "$1" = /airbyte/integration_code/main.py ] && [ "$2" = spec ] && echo '{"type":"SPEC","spec":{"connectionSpecification":{"type":"object"}}}'`,
      'exit 0',
    ]);
    silentBase = await fakeBase('airbyte-silent', [
      'echo "hello from a connector without spec"',
      `echo '{"type":"LOG","log":{"level":"INFO","message":"nothing to say"}}'`,
    ]);
  }, 120_000);

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
      'docker',
      '--json',
    ];
  }

  it('passes for an image whose spec prints a SPEC line', async () => {
    const dir = copyExample(work, 'airbyte-declarative-source');
    const before = await recorder.calls();
    const res = await slipway(
      work,
      reg,
      verifyArgs(dir, specBase, 'acme/source-spec'),
      dockerEnv(),
    );
    expect(res.code).toBe(0);
    const ref = `${reg.host}/acme/source-spec@${String(res.json?.digest)}`;
    expect(res.stderr).toContain(`verify: docker run ${ref} spec`);
    expect(res.stderr).toContain(`verified: ${ref} answers spec with a SPEC message`);
    expect(res.stderr).not.toContain(reg.password);
    const calls = (await recorder.calls()).slice(before.length).trim().split('\n');
    expect(calls).toEqual(['--version', `run --rm --network none ${ref} spec`]);
  });

  it('fails with exit 1 and says why for an image whose spec prints no SPEC line', async () => {
    const dir = copyExample(work, 'airbyte-declarative-source');
    const res = await slipway(
      work,
      reg,
      verifyArgs(dir, silentBase, 'acme/source-silent'),
      dockerEnv(),
    );
    expect(res.code).toBe(1);
    expect(res.stdout).toBe('');
    const lines = errorLines(res);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      new RegExp(
        `^slipway: error: verify: ${reg.host.replace(/\./g, '\\.')}/acme/source-silent@sha256:[a-f0-9]{64} spec printed no \\{"type":"SPEC"\\} message \\(exit code 0\\); check the connector's entrypoint \\(AIRBYTE_ENTRYPOINT\\) and its spec; last lines:$`,
      ),
    );
    // What the connector printed instead follows, so the user sees it.
    expect(res.stderr).toContain('hello from a connector without spec');
    expect(res.stderr).not.toContain(reg.password);
  });
});
