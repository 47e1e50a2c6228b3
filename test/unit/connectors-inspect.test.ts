import { createWriteStream, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import tar from 'tar-stream';
import { InputError } from '../../src/core/errors';
import { defaultInputs } from '../../src/core/inputs';
import type { Inputs } from '../../src/core/inputs';
import { MemoryLogger } from '../../src/core/log';
import { inspectArtifact } from '../../src/connectors/inspect';
import { elfPlatform } from '../../src/connectors/inspect/elf';
import { parseManifest, parseProperties } from '../../src/connectors/inspect/java';
import {
  elfHeader,
  forgeDeclaredSize,
  narEntries,
  renameEntry,
  tempDir,
  writeZip,
  zipBuffer,
} from './connector-fixtures';

let tmp: { dir: string; remove(): void };
beforeEach(() => {
  tmp = tempDir();
  mkdirSync(join(tmp.dir, 'target'));
});
afterEach(() => tmp.remove());

function inputs(overrides: Partial<Inputs> = {}): Inputs {
  return defaultInputs(overrides);
}

async function expectInputError(promise: Promise<unknown>): Promise<InputError> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(InputError);
  const error = err as InputError;
  expect(error.exitCode).toBe(2);
  return error;
}

const SINK_YAML =
  'name: my-sink\ndescription: Writes\n  to somewhere\nsinkClass: com.example.MySink\n';
const SOURCE_YAML =
  'name: my-source\nsourceClass: com.example.MySource\nsourceConfigClass: com.example.MySourceConfig\n';

describe('NAR', () => {
  it('reads a sink NAR whose class is in a bundled jar: type, name, version, class', async () => {
    await writeZip(
      join(tmp.dir, 'target/my-sink-1.2.0.nar'),
      await narEntries({
        ioYaml: SINK_YAML,
        manifest: { 'Nar-Id': 'my-sink', 'Nar-Group': 'com.example', 'Nar-Version': '1.2.0' },
        bundled: { 'a.jar': ['org.other.Thing'], 'my-sink-1.2.0.jar': ['com.example.MySink'] },
      }),
    );
    const info = await inspectArtifact(inputs(), 'target/my-sink-1.2.0.nar', tmp.dir);
    expect(info.connectorType).toBe('pulsar-sink');
    expect(info.format).toBe('nar');
    expect(info.name).toBe('my-sink');
    expect(info.version).toBe('1.2.0');
    expect(info.className).toBe('com.example.MySink');
    expect(info.description).toBe('Writes to somewhere');
    expect(info.label).toBe('target/my-sink-1.2.0.nar');
    expect(info.nar?.manifest['Nar-Group']).toBe('com.example');
    expect(info.nar?.bundledJars).toEqual([
      'META-INF/bundled-dependencies/a.jar',
      'META-INF/bundled-dependencies/my-sink-1.2.0.jar',
    ]);
  });

  it('reads a source NAR with classes in its root, whatever the extension', async () => {
    await writeZip(
      join(tmp.dir, 'target/source.zip.bin'),
      await narEntries({
        ioYaml: SOURCE_YAML,
        rootClasses: ['com.example.MySource', 'com.example.MySourceConfig'],
      }),
    );
    const info = await inspectArtifact(inputs(), 'target/source.zip.bin', tmp.dir);
    expect(info.connectorType).toBe('pulsar-source');
    expect(info.format).toBe('nar');
    expect(info.className).toBe('com.example.MySource');
  });

  it('fails when the class for the chosen type is missing, naming the entry and the fix', async () => {
    await writeZip(
      join(tmp.dir, 'target/x.nar'),
      await narEntries({ ioYaml: SOURCE_YAML, rootClasses: ['com.example.MySink'] }),
    );
    const err = await expectInputError(
      inspectArtifact(inputs({ 'connector-type': 'pulsar-sink' }), 'target/x.nar', tmp.dir),
    );
    expect(err.message).toBe(
      'target/x.nar!/META-INF/services/pulsar-io.yaml: sinkClass is missing; add sinkClass: com.example.MySink',
    );
    expect(err.location).toEqual({ file: 'target/x.nar', line: undefined });
  });

  it('fails when the declared class is not inside, pointing at the line', async () => {
    await writeZip(
      join(tmp.dir, 'target/x.nar'),
      await narEntries({ ioYaml: SINK_YAML, bundled: { 'dep.jar': ['org.other.Thing'] } }),
    );
    const err = await expectInputError(inspectArtifact(inputs(), 'target/x.nar', tmp.dir));
    expect(err.message).toContain(
      'target/x.nar!/META-INF/services/pulsar-io.yaml: sinkClass com.example.MySink is not inside the NAR',
    );
    expect(err.message).toContain('com/example/MySink.class');
    expect(err.message).toContain('1 jar(s) under META-INF/bundled-dependencies/');
    expect(err.location).toEqual({ file: 'target/x.nar', line: 4 });
  });

  it('fails when a declared config class is not inside', async () => {
    await writeZip(
      join(tmp.dir, 'target/x.nar'),
      await narEntries({ ioYaml: SOURCE_YAML, rootClasses: ['com.example.MySource'] }),
    );
    const err = await expectInputError(inspectArtifact(inputs(), 'target/x.nar', tmp.dir));
    expect(err.message).toContain('sourceConfigClass com.example.MySourceConfig is not inside');
  });

  it('fails when pulsar-io.yaml is missing from a NAR', async () => {
    await writeZip(
      join(tmp.dir, 'target/x.nar'),
      await narEntries({ bundled: { 'x.jar': ['com.example.FooSink'] } }),
    );
    const err = await expectInputError(
      inspectArtifact(inputs({ 'connector-type': 'pulsar-sink' }), 'target/x.nar', tmp.dir),
    );
    expect(err.message).toBe(
      'target/x.nar!/META-INF/services/pulsar-io.yaml is missing; add it to the NAR with name and sinkClass: com.example.FooSink.',
    );
  });

  it('suggests a class of the NAR when the class key is missing', async () => {
    await writeZip(
      join(tmp.dir, 'target/x.nar'),
      await narEntries({ ioYaml: 'name: x\n', rootClasses: ['org.acme.KafkaSink'] }),
    );
    const err = await expectInputError(inspectArtifact(inputs(), 'target/x.nar', tmp.dir));
    expect(err.message).toContain(
      'names no sourceClass or sinkClass; add sinkClass: org.acme.KafkaSink',
    );
  });

  it('asks to choose when pulsar-io.yaml declares a source and a sink', async () => {
    const yaml = 'name: both\nsourceClass: a.Source\nsinkClass: a.Sink\n';
    await writeZip(
      join(tmp.dir, 'target/x.nar'),
      await narEntries({ ioYaml: yaml, rootClasses: ['a.Source', 'a.Sink'] }),
    );
    const err = await expectInputError(inspectArtifact(inputs(), 'target/x.nar', tmp.dir));
    expect(err.message).toContain('set connector-type to pulsar-source or pulsar-sink');
    const info = await inspectArtifact(
      inputs({ 'connector-type': 'pulsar-source' }),
      'target/x.nar',
      tmp.dir,
    );
    expect(info.className).toBe('a.Source');
  });

  it('reports invalid YAML with its line', async () => {
    await writeZip(
      join(tmp.dir, 'target/x.nar'),
      await narEntries({ ioYaml: 'name: x\nsinkClass: [a\n', rootClasses: [] }),
    );
    const err = await expectInputError(inspectArtifact(inputs(), 'target/x.nar', tmp.dir));
    expect(err.message).toMatch(
      /^target\/x\.nar!\/META-INF\/services\/pulsar-io\.yaml:\d+: invalid YAML/,
    );
  });

  it('requires name', async () => {
    await writeZip(
      join(tmp.dir, 'target/pulsar-io-foo-2.0.nar'),
      await narEntries({ ioYaml: 'sinkClass: a.B\n', rootClasses: ['a.B'] }),
    );
    const err = await expectInputError(
      inspectArtifact(inputs(), 'target/pulsar-io-foo-2.0.nar', tmp.dir),
    );
    expect(err.message).toContain('name is missing; add name: pulsar-io-foo');
  });

  it('refuses zip-slip entry names', async () => {
    const good = await zipBuffer({
      'META-INF/services/pulsar-io.yaml': SINK_YAML,
      'xx/evil.txt': 'x',
    });
    writeFileSync(join(tmp.dir, 'target/x.nar'), renameEntry(good, 'xx/evil.txt', '../evil.txt'));
    const err = await expectInputError(inspectArtifact(inputs(), 'target/x.nar', tmp.dir));
    expect(err.message).toContain('target/x.nar holds the entry "../evil.txt"');
    expect(err.message).toContain('zip slip');
  });

  it('refuses an entry declared absurdly big before inflating it', async () => {
    const good = await zipBuffer(
      await narEntries({ ioYaml: SINK_YAML, rootClasses: ['com.example.MySink'] }),
    );
    writeFileSync(
      join(tmp.dir, 'target/x.nar'),
      forgeDeclaredSize(good, 'META-INF/services/pulsar-io.yaml', 3_000_000_000),
    );
    const err = await expectInputError(inspectArtifact(inputs(), 'target/x.nar', tmp.dir));
    expect(err.message).toContain('META-INF/services/pulsar-io.yaml declares 3000000000 bytes');
    expect(err.message).toContain('zip bomb');
  });

  it('refuses archives declaring more than 8 GiB in total', async () => {
    const names = ['a', 'b', 'c'];
    let zip = await zipBuffer(Object.fromEntries(names.map((n) => [n, 'x'])));
    for (const n of names) zip = forgeDeclaredSize(zip, n, 0xfffffff0);
    writeFileSync(join(tmp.dir, 'target/x.nar'), zip);
    const err = await expectInputError(inspectArtifact(inputs(), 'target/x.nar', tmp.dir));
    expect(err.message).toContain('declares more than 8 GiB');
  });

  it('says when the file is not a zip', async () => {
    writeFileSync(join(tmp.dir, 'target/x.nar'), 'hello');
    const err = await expectInputError(inspectArtifact(inputs(), 'target/x.nar', tmp.dir));
    expect(err.message).toContain('target/x.nar is not a zip archive');
  });
});

describe('JAR', () => {
  const jar = async (name: string, classes: string[]): Promise<void> => {
    const entries: Record<string, string | Buffer> = {
      'META-INF/MANIFEST.MF': 'Manifest-Version: 1.0\r\nImplementation-Title: my-sink\r\n\r\n',
      'META-INF/maven/com.example/my-sink/pom.properties':
        'groupId=com.example\nartifactId=my-sink\nversion=0.3.0\n',
      'META-INF/maven/org.dep/dep/pom.properties': 'groupId=org.dep\nartifactId=dep\nversion=9\n',
    };
    for (const c of classes) entries[`${c.replace(/\./g, '/')}.class`] = 'x';
    await writeZip(join(tmp.dir, 'target', name), entries);
  };

  it('an uber JAR connector needs class-name and the class inside', async () => {
    await jar('my-sink-0.3.0.jar', ['com.example.MySink']);
    let err = await expectInputError(
      inspectArtifact(
        inputs({ 'connector-type': 'pulsar-sink' }),
        'target/my-sink-0.3.0.jar',
        tmp.dir,
      ),
    );
    expect(err.message).toContain('Input "class-name" is required for an uber JAR connector');
    expect(err.message).toContain('class-name: com.example.MySink');

    err = await expectInputError(
      inspectArtifact(
        inputs({ 'connector-type': 'pulsar-sink', 'class-name': 'com.example.Nope' }),
        'target/my-sink-0.3.0.jar',
        tmp.dir,
      ),
    );
    expect(err.message).toBe(
      'target/my-sink-0.3.0.jar does not contain com/example/Nope.class; fix class-name or shade the class into the JAR.',
    );

    const info = await inspectArtifact(
      inputs({ 'connector-type': 'pulsar-sink', 'class-name': 'com.example.MySink' }),
      'target/my-sink-0.3.0.jar',
      tmp.dir,
    );
    expect(info).toMatchObject({
      connectorType: 'pulsar-sink',
      format: 'uber-jar',
      name: 'my-sink',
      version: '0.3.0',
      className: 'com.example.MySink',
    });
  });

  it('a plain JAR without connector-type asks for it', async () => {
    await jar('f.jar', ['a.F']);
    const err = await expectInputError(inspectArtifact(inputs(), 'target/f.jar', tmp.dir));
    expect(err.message).toContain('set connector-type to pulsar-function');
  });

  it('a Java function JAR', async () => {
    await jar('my-sink-0.3.0.jar', ['a.F']);
    const info = await inspectArtifact(
      inputs({ 'connector-type': 'pulsar-function', 'class-name': 'a.F' }),
      'target/my-sink-0.3.0.jar',
      tmp.dir,
    );
    expect(info.format).toBe('jar');
    expect(info.connectorType).toBe('pulsar-function');
  });
});

describe('Python and Go functions', () => {
  it('a .py file is a Python function', async () => {
    writeFileSync(join(tmp.dir, 'exclamation.py'), 'def process(x): return x + "!"\n');
    const info = await inspectArtifact(inputs(), 'exclamation.py', tmp.dir);
    expect(info).toMatchObject({
      connectorType: 'pulsar-function',
      format: 'python',
      name: 'exclamation',
    });
  });

  it('a wheel gives its Name and Version from METADATA', async () => {
    await writeZip(join(tmp.dir, 'fn-1.0-py3-none-any.whl'), {
      'fn/__init__.py': '',
      'fn-1.0.dist-info/METADATA':
        'Metadata-Version: 2.1\nName: my-fn\nVersion: 1.0.3\nSummary: A function\n\nLong text: here\n',
      'fn-1.0.dist-info/WHEEL': 'Wheel-Version: 1.0\n',
    });
    const info = await inspectArtifact(inputs(), 'fn-1.0-py3-none-any.whl', tmp.dir);
    expect(info).toMatchObject({
      format: 'python',
      name: 'my-fn',
      version: '1.0.3',
      description: 'A function',
    });
  });

  it('a wheel without METADATA is refused', async () => {
    await writeZip(join(tmp.dir, 'fn.whl'), { 'fn/__init__.py': '' });
    const err = await expectInputError(inspectArtifact(inputs(), 'fn.whl', tmp.dir));
    expect(err.message).toContain('fn.whl is not a valid wheel');
  });

  it('a .zip is a Python function package', async () => {
    await writeZip(join(tmp.dir, 'fn.zip'), { 'fn/src/fn.py': 'x' });
    const info = await inspectArtifact(inputs(), 'fn.zip', tmp.dir);
    expect(info.format).toBe('python');
  });

  it('a Python file cannot be a Pulsar sink', async () => {
    writeFileSync(join(tmp.dir, 'x.py'), '');
    const err = await expectInputError(
      inspectArtifact(inputs({ 'connector-type': 'pulsar-sink' }), 'x.py', tmp.dir),
    );
    expect(err.message).toContain('only a Pulsar Function can be');
  });

  it('an ELF binary is a Go function on the platform of its machine', async () => {
    writeFileSync(join(tmp.dir, 'fn-arm64'), elfHeader(183));
    const info = await inspectArtifact(inputs(), 'fn-arm64', tmp.dir);
    expect(info).toMatchObject({
      format: 'go',
      connectorType: 'pulsar-function',
      platform: { os: 'linux', architecture: 'arm64' },
    });
  });

  it('refuses a non-Linux or non-ELF Go artifact', async () => {
    writeFileSync(join(tmp.dir, 'fn'), elfHeader(62, { osabi: 9 }));
    let err = await expectInputError(inspectArtifact(inputs(), 'fn', tmp.dir));
    expect(err.message).toContain('not Linux; build it with GOOS=linux');
    writeFileSync(join(tmp.dir, 'fn2'), 'MZ not elf');
    err = await expectInputError(
      inspectArtifact(inputs({ 'artifact-format': 'go' }), 'fn2', tmp.dir),
    );
    expect(err.message).toContain('not an ELF executable');
  });
});

describe('ELF machine', () => {
  it.each([
    [62, {}, { os: 'linux', architecture: 'amd64' }],
    [183, {}, { os: 'linux', architecture: 'arm64' }],
    [40, { bits: 32 as const }, { os: 'linux', architecture: 'arm', variant: 'v7' }],
    [3, { bits: 32 as const }, { os: 'linux', architecture: '386' }],
    [21, {}, { os: 'linux', architecture: 'ppc64le' }],
    [21, { bigEndian: true }, { os: 'linux', architecture: 'ppc64' }],
    [22, { bigEndian: true }, { os: 'linux', architecture: 's390x' }],
    [243, {}, { os: 'linux', architecture: 'riscv64' }],
    [8, { bits: 32 as const }, { os: 'linux', architecture: 'mipsle' }],
    [258, {}, { os: 'linux', architecture: 'loong64' }],
  ])('machine %i %j', (machine, opts, platform) => {
    const result = elfPlatform(elfHeader(machine, opts));
    expect(result).toMatchObject({ ok: true, platform });
  });

  it('rejects unknown machines, objects and short files', () => {
    expect(elfPlatform(elfHeader(9999))).toMatchObject({ ok: false });
    expect(elfPlatform(elfHeader(62, { type: 1 }))).toMatchObject({
      ok: false,
      reason: expect.stringContaining('type 1'),
    });
    expect(elfPlatform(Buffer.from([0x7f, 0x45, 0x4c, 0x46]))).toMatchObject({ ok: false });
  });
});

describe('Airbyte folders', () => {
  const metadata = (extra = ''): string =>
    `data:\n  name: My API\n  connectorType: source\n  dockerRepository: acme/source-my-api\n  dockerImageTag: 0.2.0\n${extra}`;

  it('a declarative source: default image and tag, base image from metadata', async () => {
    writeFileSync(
      join(tmp.dir, 'metadata.yaml'),
      metadata(
        '  connectorBuildOptions:\n    baseImage: docker.io/airbyte/source-declarative-manifest:6.5.0\n',
      ),
    );
    writeFileSync(
      join(tmp.dir, 'manifest.yaml'),
      'version: 6.5.0\nspec:\n  connection_specification: {}\n',
    );
    writeFileSync(join(tmp.dir, 'components.py'), '');
    const info = await inspectArtifact(inputs(), '.', tmp.dir);
    expect(info).toMatchObject({
      connectorType: 'airbyte-source',
      format: 'airbyte-manifest',
      name: 'My API',
      version: '0.2.0',
      defaultImage: 'acme/source-my-api',
      defaultTag: '0.2.0',
      baseImage: 'docker.io/airbyte/source-declarative-manifest:6.5.0',
    });
    expect(info.airbyte?.componentsFile).toBe(join(tmp.dir, 'components.py'));
  });

  it('numbers in metadata are read as written (dockerImageTag: 1.10)', async () => {
    writeFileSync(join(tmp.dir, 'metadata.yaml'), metadata().replace('0.2.0', '1.10'));
    writeFileSync(join(tmp.dir, 'manifest.yaml'), 'spec: {}\n');
    const info = await inspectArtifact(inputs(), 'metadata.yaml', tmp.dir);
    expect(info.defaultTag).toBe('1.10');
  });

  it('names the missing metadata field with its line', async () => {
    writeFileSync(
      join(tmp.dir, 'metadata.yaml'),
      'data:\n  connectorType: source\n  dockerImageTag: 1\n',
    );
    writeFileSync(join(tmp.dir, 'manifest.yaml'), 'spec: {}\n');
    const err = await expectInputError(inspectArtifact(inputs(), '.', tmp.dir));
    expect(err.message).toContain('metadata.yaml: data.dockerRepository is missing');
    expect(err.location).toEqual({ file: 'metadata.yaml', line: 1 });
  });

  it('a manifest without spec is refused', async () => {
    writeFileSync(join(tmp.dir, 'metadata.yaml'), metadata());
    writeFileSync(join(tmp.dir, 'manifest.yaml'), 'version: 1\n');
    const err = await expectInputError(inspectArtifact(inputs(), '.', tmp.dir));
    expect(err.message).toContain('manifest.yaml: spec is missing');
  });

  it('a folder without metadata.yaml is refused', async () => {
    const err = await expectInputError(inspectArtifact(inputs(), '.', tmp.dir));
    expect(err.message).toContain('metadata.yaml is missing');
  });

  it('a Python connector needs main.py', async () => {
    writeFileSync(join(tmp.dir, 'metadata.yaml'), metadata().replace('source', 'destination'));
    writeFileSync(join(tmp.dir, 'pyproject.toml'), '[project]\nname="x"\n');
    let err = await expectInputError(inspectArtifact(inputs(), '.', tmp.dir));
    expect(err.message).toContain('main.py is missing');
    writeFileSync(join(tmp.dir, 'main.py'), '');
    const info = await inspectArtifact(inputs(), '.', tmp.dir);
    expect(info).toMatchObject({ format: 'airbyte-python', connectorType: 'airbyte-destination' });
    err = await expectInputError(
      inspectArtifact(inputs({ 'artifact-format': 'airbyte-manifest' }), '.', tmp.dir),
    );
    expect(err.message).toContain('a declarative manifest can only be a source');
  });

  it('a distribution tar in a sibling folder (proj2 next to proj) takes the working directory metadata', async () => {
    const wd = join(tmp.dir, 'proj');
    const sibling = join(tmp.dir, 'proj2');
    mkdirSync(wd);
    mkdirSync(join(sibling, 'dist'), { recursive: true });
    writeFileSync(join(wd, 'metadata.yaml'), metadata().replace('My API', 'Inside'));
    writeFileSync(join(sibling, 'metadata.yaml'), metadata().replace('My API', 'Outside'));
    const pack = tar.pack();
    pack.entry({ name: 'source-x/bin/source-x', mode: 0o755 }, '#!/bin/sh\n');
    pack.entry({ name: 'source-x/lib/source-x.jar', mode: 0o644 }, 'PK');
    pack.finalize();
    await pipeline(pack, createWriteStream(join(sibling, 'dist/source-x.tar')));
    const info = await inspectArtifact(inputs(), '../proj2/dist/source-x.tar', wd);
    expect(info).toMatchObject({ format: 'airbyte-java', name: 'Inside', path: wd });
  });
});

describe('small parsers', () => {
  it('manifest continuation lines and properties escapes', () => {
    expect(
      parseManifest('Manifest-Version: 1.0\r\nNar-Id: a-very-long\r\n -name\r\n\r\nName: x\r\n'),
    ).toEqual({
      'Manifest-Version': '1.0',
      'Nar-Id': 'a-very-long-name',
    });
    expect(parseProperties('#c\nversion=1.0\ngroupId = a.b\nurl=http\\://x\n')).toEqual({
      version: '1.0',
      groupId: 'a.b',
      url: 'http://x',
    });
  });

  it('logs nothing for a clean NAR', async () => {
    const logger = new MemoryLogger();
    await writeZip(
      join(tmp.dir, 'target/x.nar'),
      await narEntries({ ioYaml: SINK_YAML, rootClasses: ['com.example.MySink'] }),
    );
    await inspectArtifact(inputs(), 'target/x.nar', tmp.dir, logger);
    // Debug lines are allowed: the stand-in CLASS bytes make the role check say it could not read them.
    expect(logger.lines.filter((line) => !line.startsWith('debug: '))).toEqual([]);
  });
});
