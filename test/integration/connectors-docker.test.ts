import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dockerBuildAndPush, verifyAirbyteSpec } from '../../src/assemble/docker';
import type { DockerCliOptions, RegistryLogin } from '../../src/assemble/docker';
import { RunError } from '../../src/core/errors';
import { defaultInputs } from '../../src/core/inputs';
import type { Inputs } from '../../src/core/inputs';
import { MemoryLogger } from '../../src/core/log';
import { secrets } from '../../src/core/secrets';
import { imageLabels } from '../../src/run/labels';
import { inBuildContext, prepareArtifact, renderDockerfile } from '../../src/connectors';
import { podmanEnv, podmanRun, skopeoInspect } from '../fixtures/clients';
import { seedBusyboxBase } from '../fixtures/images';
import { startRegistry } from '../fixtures/registry';
import type { TestRegistry } from '../fixtures/registry';
import { narEntries, writeZip } from '../unit/connector-fixtures';

/**
 * The docker-compatible path with podman as docker-command: rendered Dockerfiles build and push,
 * a user Dockerfile with RUN builds and pushes, and Airbyte's spec verification.
 */

let registry: TestRegistry;
let work: string;
let cli: DockerCliOptions;
let logins: RegistryLogin[];
let runnerBase: string;
let logger: MemoryLogger;

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'slipway-conn-docker-'));
  registry = await startRegistry({ auth: 'htpasswd' });
  const seeded = await seedBusyboxBase(registry, 'base/runner:1', { runnerLike: true });
  runnerBase = `${registry.host}/base/runner:1`;
  expect(seeded.digest).toMatch(/^sha256:/);
  const podmanDir = join(work, 'podman');
  mkdirSync(join(podmanDir, 'tmp'), { recursive: true });
  const env = podmanEnv(podmanDir);
  logins = [
    {
      registry: registry.host,
      credentials: { username: registry.username, password: registry.password },
    },
  ];
  logger = new MemoryLogger();
  cli = {
    command: 'podman',
    globalArgs: env.args,
    env: env.env,
    insecureRegistries: [registry.host],
    logger,
    tmpDir: work,
  };
});

afterAll(async () => {
  await registry?.stop();
  rmSync(work, { recursive: true, force: true });
});

function project(name: string): string {
  const dir = join(work, name);
  mkdirSync(dir, { recursive: true });
  return dir;
}

function inputs(overrides: Partial<Inputs>): Inputs {
  return defaultInputs({ build: 'none', ...overrides });
}

async function stat(ref: string, paths: string[]): Promise<string[]> {
  const result = await podmanRun(ref, ['stat', '-c', '%u:%g %a %n', ...paths], {
    creds: registry.creds,
  });
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  return result.stdout.trim().split('\n');
}

it('a rendered Pulsar sink Dockerfile builds and pushes with podman; owners and modes are the plan’s', async () => {
  const dir = project('sink');
  mkdirSync(join(dir, 'target'));
  await writeZip(
    join(dir, 'target/my-sink-1.0.nar'),
    await narEntries({ ioYaml: 'name: my-sink\nsinkClass: a.MySink\n', rootClasses: ['a.MySink'] }),
  );
  const prepared = await prepareArtifact(inputs({ 'base-image': runnerBase }), {
    workingDirectory: dir,
    logger,
    contextDir: join(work, 'sink-work', 'context'),
    // a native plan built here with podman: its context is laid out as the run keeps it
    keepContext: true,
    stagingDir: join(work, 'sink-work'),
  });
  expect(prepared.builder).toBe('native');
  // The labels as the build mode composes them (run/labels.ts) before it renders the Dockerfile.
  const { info, plan } = prepared;
  plan.labels = imageLabels({
    env: {},
    info: { epoch: 0, title: info.name, version: info.version },
    plan: plan.labels,
    user: {},
  });
  const dockerfile = join(work, 'sink-work', 'Dockerfile');
  writeFileSync(
    dockerfile,
    renderDockerfile(inBuildContext(plan, prepared.contextDir), prepared.contextDir),
  );

  const image = `${registry.host}/conn/sink:1.0`;
  const result = await dockerBuildAndPush({
    ...cli,
    dockerfile,
    contextDir: prepared.contextDir,
    images: [image, `${registry.host}/conn/sink:latest`],
    logins,
  });
  expect(result.flavor).toBe('podman');
  const inspected = (await skopeoInspect(image, { creds: registry.creds })) as {
    Digest: string;
    Labels: Record<string, string>;
  };
  expect(result.digest).toBe(inspected.Digest);
  expect(inspected.Labels['org.opencontainers.image.title']).toBe('my-sink');
  expect(inspected.Labels['org.opencontainers.image.version']).toBe('1.0');

  expect(
    await stat(`${registry.host}/conn/sink@${result.digest}`, [
      '/pulsar',
      '/pulsar/connectors',
      '/pulsar/connectors/my-sink-1.0.nar',
    ]),
  ).toEqual([
    '10000:10001 775 /pulsar',
    '10000:10001 775 /pulsar/connectors',
    '10000:10001 644 /pulsar/connectors/my-sink-1.0.nar',
  ]);
  // The password went over stdin: it is in no logged line, and the temporary auth folder is gone.
  expect(logger.lines.join('\n')).not.toContain(registry.password);
  expect(logger.lines.some((l) => l.includes('--password-stdin'))).toBe(true);
});

it('a user Dockerfile with RUN is built by the docker builder and pushed', async () => {
  const dir = project('user-dockerfile');
  writeFileSync(join(dir, 'hello.txt'), 'hello\n');
  writeFileSync(
    join(dir, 'Dockerfile'),
    `ARG BASE=${runnerBase}\nFROM \${BASE}\nUSER 0\nCOPY hello.txt /opt/hello.txt\nRUN cat /opt/hello.txt > /opt/copied.txt && chmod 600 /opt/copied.txt\nUSER 10000\n`,
  );
  const prepared = await prepareArtifact(inputs({ dockerfile: 'Dockerfile' }), {
    workingDirectory: dir,
    logger,
    contextDir: join(work, 'user-work', 'context'),
    stagingDir: join(work, 'user-work'),
  });
  expect(prepared.builder).toBe('docker');
  expect(prepared.dockerReason).toBe('RUN at Dockerfile:5');
  expect(prepared.userDockerfile).toEqual({
    path: join(dir, 'Dockerfile'),
    contextDir: dir,
    bases: [runnerBase],
  });
  expect(prepared.plan.base).toBe(runnerBase);

  const image = `${registry.host}/conn/user:1`;
  const result = await dockerBuildAndPush({
    ...cli,
    dockerfile: prepared.userDockerfile!.path,
    contextDir: prepared.userDockerfile!.contextDir,
    images: [image],
    logins,
  });
  expect(result.digest).toMatch(/^sha256:[a-f0-9]{64}$/);
  expect(await stat(image, ['/opt/copied.txt'])).toEqual(['0:0 600 /opt/copied.txt']);
});

it('a failed docker build is a RunError with the last lines', async () => {
  const dir = project('broken');
  writeFileSync(join(dir, 'Dockerfile'), `FROM ${runnerBase}\nRUN exit 7\n`);
  const err = await dockerBuildAndPush({
    ...cli,
    dockerfile: join(dir, 'Dockerfile'),
    contextDir: dir,
    images: [`${registry.host}/conn/broken:1`],
    logins,
  }).catch((e: unknown) => e);
  expect(err).toBeInstanceOf(RunError);
  expect((err as RunError).message).toMatch(/^podman build failed with exit code \d+; last lines:/);
});

describe('Airbyte verify', () => {
  let fakeAirbyteBase: string;

  beforeAll(async () => {
    // A stand-in for airbyte/source-declarative-manifest: its `python` answers spec with the
    // connection specification of the manifest, if the manifest is where Airbyte expects it.
    const dir = project('fake-airbyte-base');
    writeFileSync(
      join(dir, 'python'),
      [
        '#!/bin/sh',
        'manifest=/airbyte/integration_code/source_declarative_manifest/manifest.yaml',
        'test -f "$manifest" || { echo "no manifest at $manifest" >&2; exit 2; }',
        'echo \'{"type":"LOG","log":{"level":"INFO","message":"starting"}}\'',
        'echo "not json"',
        '[ "$2" = spec ] && echo \'{"type":"SPEC","spec":{"connectionSpecification":{"type":"object","required":["pokemon_name"]}}}\'',
        'exit 0',
        '',
      ].join('\n'),
    );
    writeFileSync(
      join(dir, 'Dockerfile'),
      `FROM ${runnerBase}\nUSER 0\nCOPY --chmod=0755 python /usr/local/bin/python\n`,
    );
    fakeAirbyteBase = `${registry.host}/base/airbyte-fake:1`;
    await dockerBuildAndPush({
      ...cli,
      dockerfile: join(dir, 'Dockerfile'),
      contextDir: dir,
      images: [fakeAirbyteBase],
      logins,
    });
  });

  it('the declarative example becomes an image that answers spec', async () => {
    const dir = join(work, 'airbyte');
    cpSync(join(__dirname, '../../examples/airbyte-declarative-source'), dir, { recursive: true });
    const prepared = await prepareArtifact(inputs({ 'base-image': fakeAirbyteBase }), {
      workingDirectory: dir,
      logger,
      contextDir: join(work, 'airbyte-work', 'context'),
      keepContext: true,
      stagingDir: join(work, 'airbyte-work'),
    });
    const dockerfile = join(work, 'airbyte-work', 'Dockerfile');
    writeFileSync(
      dockerfile,
      renderDockerfile(inBuildContext(prepared.plan, prepared.contextDir), prepared.contextDir),
    );
    const image = `${registry.host}/acme/source-pokeapi-example:0.1.0`;
    const { digest } = await dockerBuildAndPush({
      ...cli,
      dockerfile,
      contextDir: prepared.contextDir,
      images: [image],
      logins,
    });

    const config = (await skopeoInspect(image, { creds: registry.creds, config: true })) as {
      config: { Entrypoint: string[]; Env: string[]; Labels: Record<string, string> };
    };
    expect(config.config.Entrypoint).toEqual(['python', '/airbyte/integration_code/main.py']);
    expect(config.config.Env).toContain(
      'AIRBYTE_ENTRYPOINT=python /airbyte/integration_code/main.py',
    );
    expect(config.config.Labels['io.airbyte.name']).toBe('acme/source-pokeapi-example');
    expect(config.config.Labels['io.airbyte.version']).toBe('0.1.0');

    const spec = await verifyAirbyteSpec({
      ...cli,
      image: `${registry.host}/acme/source-pokeapi-example@${digest}`,
      logins,
    });
    expect(spec.spec.connectionSpecification).toEqual({
      type: 'object',
      required: ['pokemon_name'],
    });
  });

  it('an image whose spec prints no SPEC fails verification clearly', async () => {
    const dir = project('no-spec');
    writeFileSync(
      join(dir, 'Dockerfile'),
      `FROM ${runnerBase}\nENTRYPOINT ["/bin/sh", "-c", "echo hello; echo '{\\"type\\":\\"LOG\\"}'", "--"]\n`,
    );
    const image = `${registry.host}/conn/no-spec:1`;
    await dockerBuildAndPush({
      ...cli,
      dockerfile: join(dir, 'Dockerfile'),
      contextDir: dir,
      images: [image],
      logins,
    });
    const err = await verifyAirbyteSpec({ ...cli, image, logins }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RunError);
    expect((err as RunError).message).toContain(
      `verify: ${image} spec printed no {"type":"SPEC"} message (exit code 0)`,
    );
    expect((err as RunError).message).toContain('hello');
  });
});

afterAll(() => secrets.clear());
