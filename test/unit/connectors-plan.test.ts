import { createWriteStream, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import tar from 'tar-stream';
import { InputError } from '../../src/core/errors';
import { defaultInputs } from '../../src/core/inputs';
import type { Inputs } from '../../src/core/inputs';
import { inspectArtifact, planImage } from '../../src/connectors';
import { directoryChain } from '../../src/connectors/common';
import type { ImagePlan } from '../../src/connectors/plan';
import { markerEnvironment, targetPythonFromBase } from '../../src/toolchain/python';
import { elfHeader, narEntries, tempDir, writeZip } from './connector-fixtures';

let tmp: { dir: string; remove(): void };
let staging: { dir: string; remove(): void };
beforeEach(() => {
  tmp = tempDir();
  staging = tempDir('slipway-staging-');
});
afterEach(() => {
  tmp.remove();
  staging.remove();
});

async function plan(overrides: Partial<Inputs>, artifact: string): Promise<ImagePlan> {
  const inputs = defaultInputs(overrides);
  const info = await inspectArtifact(inputs, artifact, tmp.dir);
  return planImage(inputs, info, { stagingDir: staging.dir, workingDirectory: tmp.dir });
}

const PULSAR_DIRS = [
  { path: '/pulsar', mode: 0o775, uid: 10000, gid: 10001 },
  { path: '/pulsar/connectors', mode: 0o775, uid: 10000, gid: 10001 },
];

describe('Pulsar connectors', () => {
  it('a sink NAR goes to /pulsar/connectors on the Java runner, owned by the runner user', async () => {
    await writeZip(
      join(tmp.dir, 'my-sink-1.0.nar'),
      await narEntries({
        ioYaml: 'name: my-sink\ndescription: |\n  Line one\n  line two\nsinkClass: a.Sink\n',
        rootClasses: ['a.Sink'],
        manifest: { 'Nar-Version': '1.0' },
      }),
    );
    const p = await plan(
      { 'pulsar-version': '3.3.2', labels: { team: 'data' } },
      'my-sink-1.0.nar',
    );
    expect(p).toEqual({
      base: 'streamnative/pulsar-functions-java-runner:3.3.2',
      baseSource: 'the default runner of pulsar-sink for pulsar-version 3.3.2',
      files: [
        {
          path: '/pulsar/connectors/my-sink-1.0.nar',
          source: join(tmp.dir, 'my-sink-1.0.nar'),
          mode: 0o644,
          uid: 10000,
          gid: 10001,
        },
      ],
      directories: PULSAR_DIRS,
      env: {},
      // The artifact's and the user's labels are composed later, once (run/labels.ts).
      labels: {},
      run: [],
    });
  });

  it('an uber JAR source with artifact-path and base-image overrides', async () => {
    await writeZip(join(tmp.dir, 'src.jar'), { 'a/Src.class': 'x' });
    const p = await plan(
      {
        'connector-type': 'pulsar-source',
        'class-name': 'a.Src',
        'artifact-path': '/opt/conn/',
        'base-image': 'registry.local/runner:1',
      },
      'src.jar',
    );
    expect(p.base).toBe('registry.local/runner:1');
    expect(p.files.map((f) => f.path)).toEqual(['/opt/conn/src.jar']);
    // Folders outside /pulsar are left to the layer's defaults.
    expect(p.directories).toEqual([]);
  });

  it('refuses a relative artifact-path', async () => {
    await writeZip(join(tmp.dir, 'src.jar'), { 'a/Src.class': 'x' });
    await expect(
      plan(
        { 'connector-type': 'pulsar-source', 'class-name': 'a.Src', 'artifact-path': 'opt' },
        'src.jar',
      ),
    ).rejects.toThrow(InputError);
  });
});

describe('Pulsar Functions', () => {
  it('a Java function JAR goes to /pulsar on the Java runner', async () => {
    await writeZip(join(tmp.dir, 'fn.jar'), { 'a/F.class': 'x' });
    const p = await plan({ 'connector-type': 'pulsar-function' }, 'fn.jar');
    expect(p.base).toBe('streamnative/pulsar-functions-java-runner:4.0.4');
    expect(p.files).toEqual([
      {
        path: '/pulsar/fn.jar',
        source: join(tmp.dir, 'fn.jar'),
        mode: 0o644,
        uid: 10000,
        gid: 10001,
      },
    ]);
    expect(p.directories).toEqual([PULSAR_DIRS[0]]);
    expect(p.platforms).toBeUndefined();
  });

  it('a Python file on the Python runner', async () => {
    writeFileSync(join(tmp.dir, 'ex.py'), '');
    const p = await plan({}, 'ex.py');
    expect(p.base).toBe('streamnative/pulsar-functions-python-runner:4.0.4');
    expect(p.files[0].path).toBe('/pulsar/ex.py');
  });

  it('a Go binary: Go runner, mode 0755, only its platform', async () => {
    writeFileSync(join(tmp.dir, 'fn'), elfHeader(183));
    const p = await plan({}, 'fn');
    expect(p.base).toBe('streamnative/pulsar-functions-go-runner:4.0.4');
    expect(p.files[0]).toMatchObject({ path: '/pulsar/fn', mode: 0o755, uid: 10000, gid: 10001 });
    expect(p.platforms).toEqual([{ os: 'linux', architecture: 'arm64' }]);
  });
});

describe('Airbyte', () => {
  const metadata = (type = 'source', extra = ''): string =>
    `data:\n  connectorType: ${type}\n  dockerRepository: acme/${type}-x\n  dockerImageTag: 0.3.1\n  name: X\n${extra}`;

  it('a declarative source: manifest and components in source_declarative_manifest, entrypoint and labels', async () => {
    writeFileSync(join(tmp.dir, 'metadata.yaml'), metadata());
    writeFileSync(join(tmp.dir, 'manifest.yaml'), 'spec: {}\n');
    writeFileSync(join(tmp.dir, 'components.py'), '');
    const p = await plan({}, '.');
    expect(p.base).toBe('docker.io/airbyte/source-declarative-manifest:latest');
    expect(p.files).toEqual([
      {
        path: '/airbyte/integration_code/source_declarative_manifest/manifest.yaml',
        source: join(tmp.dir, 'manifest.yaml'),
        mode: 0o644,
        uid: 1000,
        gid: 1000,
      },
      {
        path: '/airbyte/integration_code/source_declarative_manifest/components.py',
        source: join(tmp.dir, 'components.py'),
        mode: 0o644,
        uid: 1000,
        gid: 1000,
      },
    ]);
    expect(p.directories.map((d) => d.path)).toEqual([
      '/airbyte',
      '/airbyte/integration_code',
      '/airbyte/integration_code/source_declarative_manifest',
    ]);
    expect(p.entrypoint).toEqual(['python', '/airbyte/integration_code/main.py']);
    expect(p.env).toEqual({ AIRBYTE_ENTRYPOINT: 'python /airbyte/integration_code/main.py' });
    expect(p.labels).toMatchObject({
      'io.airbyte.name': 'acme/source-x',
      'io.airbyte.version': '0.3.1',
    });
    expect(p.workdir).toBe('/airbyte/integration_code');
    expect(p.run).toEqual([]);
  });

  it('the base image of metadata.yaml wins over the default, base-image over both', async () => {
    writeFileSync(
      join(tmp.dir, 'metadata.yaml'),
      metadata(
        'source',
        '  connectorBuildOptions:\n    baseImage: docker.io/airbyte/source-declarative-manifest:6.1.0@sha256:' +
          'a'.repeat(64) +
          '\n',
      ),
    );
    writeFileSync(join(tmp.dir, 'manifest.yaml'), 'spec: {}\n');
    const fromMetadata = await plan({}, '.');
    expect(fromMetadata.base).toBe(
      `docker.io/airbyte/source-declarative-manifest:6.1.0@sha256:${'a'.repeat(64)}`,
    );
    // Where the name came from goes into every error about the base (assemble/native.ts).
    expect(fromMetadata.baseSource).toBe('connectorBuildOptions.baseImage in metadata.yaml');
    const fromInput = await plan({ 'base-image': 'mine:1' }, '.');
    expect(fromInput.base).toBe('mine:1');
    expect(fromInput.baseSource).toBe('input "base-image"');
  });

  it('a Java distribution is unpacked into /airbyte with base.sh as entrypoint and APPLICATION set', async () => {
    writeFileSync(join(tmp.dir, 'metadata.yaml'), metadata('destination'));
    mkdirSync(join(tmp.dir, 'build/distributions'), { recursive: true });
    const pack = tar.pack();
    pack.entry({ name: 'destination-x/', type: 'directory', mode: 0o755 });
    pack.entry({ name: 'destination-x/bin/', type: 'directory', mode: 0o755 });
    pack.entry({ name: 'destination-x/bin/destination-x', mode: 0o755 }, '#!/bin/sh\n');
    pack.entry({ name: 'destination-x/bin/destination-x.bat', mode: 0o644 }, 'rem\n');
    pack.entry({ name: 'destination-x/lib/destination-x.jar', mode: 0o644 }, 'PK');
    pack.finalize();
    await pipeline(pack, createWriteStream(join(tmp.dir, 'build/distributions/destination-x.tar')));

    const p = await plan({}, '.');
    expect(p.base).toBe('docker.io/airbyte/java-connector-base:2.0.1');
    expect(p.baseSource).toBe('the default base of airbyte-destination Java connectors');
    expect(p.files.map((f) => [f.path, f.mode.toString(8), f.uid, f.gid])).toEqual([
      ['/airbyte/bin/destination-x', '755', 1000, 1000],
      ['/airbyte/bin/destination-x.bat', '644', 1000, 1000],
      ['/airbyte/lib/destination-x.jar', '644', 1000, 1000],
    ]);
    expect(readFileSync(p.files[0].source, 'utf8')).toBe('#!/bin/sh\n');
    expect(p.files[0].source.startsWith(staging.dir)).toBe(true);
    expect(p.directories.map((d) => d.path)).toEqual(['/airbyte', '/airbyte/bin', '/airbyte/lib']);
    expect(p.env).toEqual({ APPLICATION: 'destination-x', AIRBYTE_ENTRYPOINT: '/airbyte/base.sh' });
    expect(p.entrypoint).toEqual(['/airbyte/base.sh']);
    // As Airbyte's Dockerfile.java-connector: chmod +x and chown airbyte:airbyte on both scripts.
    expect(p.baseExecutables).toEqual([
      { path: '/airbyte/base.sh', mode: 0o755, uid: 1000, gid: 1000 },
      { path: '/airbyte/javabase.sh', mode: 0o755, uid: 1000, gid: 1000 },
    ]);
    expect(p.labels['io.airbyte.name']).toBe('acme/destination-x');
  });

  function pythonProject(lock?: string): void {
    writeFileSync(join(tmp.dir, 'metadata.yaml'), metadata());
    writeFileSync(
      join(tmp.dir, 'pyproject.toml'),
      '[tool.poetry]\nname = "source-x"\nversion = "0.1.0"\n\n[tool.poetry.dependencies]\npython = "^3.9"\npurepkg = "1.0"\n',
    );
    writeFileSync(join(tmp.dir, 'main.py'), 'print(1)\n');
    mkdirSync(join(tmp.dir, 'source_x/__pycache__'), { recursive: true });
    writeFileSync(join(tmp.dir, 'source_x/__init__.py'), '');
    writeFileSync(join(tmp.dir, 'source_x/__pycache__/x.pyc'), '');
    mkdirSync(join(tmp.dir, 'unit_tests'));
    writeFileSync(join(tmp.dir, 'unit_tests/test_x.py'), '');
    writeFileSync(join(tmp.dir, 'README.md'), '# x\n');
    mkdirSync(join(tmp.dir, '.git'));
    if (lock) writeFileSync(join(tmp.dir, 'poetry.lock'), lock);
  }

  const POETRY_LOCK = `[[package]]
name = "purepkg"
version = "1.0"
description = ""
optional = false
python-versions = "*"
files = [
    {file = "purepkg-1.0-py3-none-any.whl", hash = "sha256:${'a'.repeat(64)}"},
]

[metadata]
lock-version = "2.0"
python-versions = "^3.9"
content-hash = "x"
`;

  it('a Python project like airbyte-ci: main.py and the package only, the lock for the native builder', async () => {
    pythonProject(POETRY_LOCK);
    const p = await plan({}, '.');
    expect(p.base).toBe('docker.io/airbyte/python-connector-base:4.0.0');
    expect(p.run).toEqual([]);
    expect(p.files.map((f) => [f.path, f.uid, f.gid, f.mode.toString(8)])).toEqual([
      ['/airbyte/integration_code/main.py', 1000, 1000, '644'],
      ['/airbyte/integration_code/source_x/__init__.py', 1000, 1000, '644'],
    ]);
    expect(p.python?.label).toBe('poetry.lock');
    expect(
      p.python?.lock
        .packagesFor(
          markerEnvironment(targetPythonFromBase({ paths: ['/usr/lib/python3.11'] }), 'x86_64'),
        )
        .map((pkg) => `${pkg.name} ${pkg.version}`),
    ).toEqual(['purepkg 1.0']);
    expect(p.entrypoint).toEqual(['python', '/airbyte/integration_code/main.py']);
    expect(p.env.AIRBYTE_ENTRYPOINT).toBe(p.entrypoint?.join(' '));
    expect(p.workdir).toBe('/airbyte/integration_code');
  });

  it('a Python project that declares dependencies without a lock is refused, naming the fix', async () => {
    pythonProject();
    await expect(plan({}, '.')).rejects.toThrow(
      /pyproject\.toml declares dependencies but the folder has no lock .*run `poetry lock`/,
    );
  });

  it('requirements that are not pinned are refused with require-lock', async () => {
    writeFileSync(join(tmp.dir, 'metadata.yaml'), metadata());
    writeFileSync(join(tmp.dir, 'main.py'), 'print(1)\n');
    writeFileSync(join(tmp.dir, 'requirements.txt'), 'purepkg>=1\n');
    const err = await plan({ 'require-lock': true }, '.').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InputError);
    expect((err as Error).message).toMatch(
      /^requirements\.txt is not a lock .* and require-lock is true; pin it with `pip-compile --generate-hashes`/,
    );
  });

  it('build_customization.py or builder: docker keep the container build (the folder, RUN pip install)', async () => {
    pythonProject(POETRY_LOCK);
    const docker = await plan({ builder: 'docker' }, '.');
    expect(docker.python).toBeUndefined();
    expect(docker.run).toEqual(['pip install --no-cache-dir .']);
    writeFileSync(
      join(tmp.dir, 'build_customization.py'),
      'async def pre_connector_install(c):\n    return c\n',
    );
    const hooks = await plan({}, '.');
    expect(hooks.run).toEqual(['pip install --no-cache-dir .']);
    expect(hooks.files.map((f) => f.path)).toEqual([
      '/airbyte/integration_code/README.md',
      '/airbyte/integration_code/build_customization.py',
      '/airbyte/integration_code/main.py',
      '/airbyte/integration_code/metadata.yaml',
      '/airbyte/integration_code/poetry.lock',
      '/airbyte/integration_code/pyproject.toml',
      '/airbyte/integration_code/source_x/__init__.py',
      '/airbyte/integration_code/unit_tests/test_x.py',
    ]);
  });
});

describe('directoryChain', () => {
  const owner = { uid: 1000, gid: 1000 };
  const paths = (dir: string, root: string): string[] =>
    directoryChain(dir, root, owner, 0o755).map((d) => d.path);

  it('lists the root and every folder down to dir, with the owner and mode', () => {
    expect(directoryChain('/pulsar/connectors', '/pulsar', owner, 0o750)).toEqual([
      { path: '/pulsar', mode: 0o750, uid: 1000, gid: 1000 },
      { path: '/pulsar/connectors', mode: 0o750, uid: 1000, gid: 1000 },
    ]);
    expect(paths('/airbyte', '/airbyte')).toEqual(['/airbyte']);
  });

  it('a folder that only shares the prefix (/airbytex/a against /airbyte) is not under the root', () => {
    expect(paths('/airbytex/a', '/airbyte')).toEqual([]);
    expect(paths('/airbytex', '/airbyte')).toEqual([]);
    expect(paths('/app', '/airbyte')).toEqual([]);
  });

  it('works from / as the root', () => {
    expect(paths('/a/b', '/')).toEqual(['/', '/a', '/a/b']);
    expect(paths('/', '/')).toEqual(['/']);
  });
});
