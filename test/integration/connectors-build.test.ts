import { chmodSync, cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runBuild } from '../../src/toolchain';
import { BuildError } from '../../src/toolchain/process';
import { defaultInputs } from '../../src/core/inputs';
import type { Inputs } from '../../src/core/inputs';
import { MemoryLogger } from '../../src/core/log';
import { discoverArtifact, inspectArtifact, planImage } from '../../src/connectors';
import { runOk } from '../fixtures/process';

/** Real builds of the examples: Maven offline with Debian's repository, javac/jar, Go. */

const EXAMPLES = join(__dirname, '../../examples');
const OFFLINE_MAVEN = ['-o', '-Dmaven.repo.local=/usr/share/maven-repo'];

let work: string;
beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'slipway-conn-build-'));
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** A fresh copy of an example, so builds never write into the repository. */
function example(name: string): string {
  const dir = join(work, `${name}-${Math.random().toString(36).slice(2, 8)}`);
  cpSync(join(EXAMPLES, name), dir, { recursive: true });
  return dir;
}

function inputs(overrides: Partial<Inputs>): Inputs {
  return defaultInputs(overrides);
}

describe('runBuild', () => {
  it('builds the uber-JAR sink offline with Maven, streaming the output, and the jar plans into /pulsar/connectors', async () => {
    const dir = example('pulsar-sink-uberjar');
    const logger = new MemoryLogger();
    await runBuild(inputs({ 'build-args': OFFLINE_MAVEN }), dir, logger);
    expect(logger.lines[0]).toBe(`build: mvn -B package ${OFFLINE_MAVEN.join(' ')}`);
    expect(logger.lines.some((l) => l.includes('maven-shade-plugin'))).toBe(true);
    expect(logger.lines.some((l) => l.includes('BUILD SUCCESS'))).toBe(true);

    const artifact = await discoverArtifact('', dir);
    expect(artifact).toBe(join(dir, 'target/pulsar-sink-uberjar-0.1.0.jar'));
    const info = await inspectArtifact(
      inputs({ 'connector-type': 'pulsar-sink', 'class-name': 'com.example.sink.LoggingSink' }),
      artifact,
      dir,
    );
    expect(info).toMatchObject({
      connectorType: 'pulsar-sink',
      format: 'uber-jar',
      name: 'pulsar-sink-uberjar',
      version: '0.1.0',
    });
    const plan = await planImage(inputs({}), info, { stagingDir: work });
    expect(plan.files).toEqual([
      {
        path: '/pulsar/connectors/pulsar-sink-uberjar-0.1.0.jar',
        source: artifact,
        mode: 0o644,
        uid: 10000,
        gid: 10001,
      },
    ]);
  });

  it('a failing Maven build fails the run with the exit code and the last lines', async () => {
    const dir = example('pulsar-sink-uberjar');
    writeFileSync(join(dir, 'src/main/java/com/example/sink/Broken.java'), 'class Broken {');
    const logger = new MemoryLogger();
    const err = await runBuild(
      inputs({ build: 'maven', 'build-args': OFFLINE_MAVEN }),
      dir,
      logger,
    ).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(BuildError);
    const error = err as BuildError;
    expect(error.exitCode).toBe(1);
    expect(error.toolExitCode).toBe(1);
    expect(error.tail.length).toBe(20);
    expect(error.message).toContain(
      `mvn -B package ${OFFLINE_MAVEN.join(' ')} failed with exit code 1 in ${dir}; last lines:`,
    );
    expect(error.message).toContain('BUILD FAILURE');
  });

  it('runs ./gradlew build and reports its exit code and only the last 20 lines', async () => {
    const dir = join(work, 'gradle-project');
    cpSync(join(EXAMPLES, 'python-function'), dir, { recursive: true });
    writeFileSync(join(dir, 'build.gradle'), '');
    writeFileSync(
      join(dir, 'gradlew'),
      '#!/bin/sh\necho "args: $*"\ni=1\nwhile [ $i -le 30 ]; do echo "line $i"; i=$((i+1)); done\necho "oops" >&2\nexit 3\n',
    );
    chmodSync(join(dir, 'gradlew'), 0o755);
    const logger = new MemoryLogger();
    const err = (await runBuild(inputs({ 'build-args': ['-x', 'test'] }), dir, logger).catch(
      (e: unknown) => e,
    )) as BuildError;
    expect(err).toBeInstanceOf(BuildError);
    expect(err.toolExitCode).toBe(3);
    expect(logger.lines).toContain('args: build --console=plain -x test');
    expect(logger.lines).toContain('line 30');
    expect(err.tail).toHaveLength(20);
    expect(err.tail).toContain('oops');
    expect(err.tail).not.toContain('line 5');
    expect(err.message).toMatch(
      /^\.\/gradlew build --console=plain -x test failed with exit code 3 in /,
    );
  });

  it('build: none and a folder without a build do nothing', async () => {
    const logger = new MemoryLogger(false);
    await runBuild(inputs({ build: 'none' }), example('pulsar-sink-uberjar'), logger);
    await runBuild(inputs({}), example('python-function'), logger);
    expect(logger.lines).toEqual([]);
  });

  it('builds the Java function and plans it into /pulsar on the Java runner', async () => {
    const dir = example('java-function');
    await runBuild(inputs({ 'build-args': OFFLINE_MAVEN }), dir, new MemoryLogger(false));
    const info = await inspectArtifact(
      inputs({
        'connector-type': 'pulsar-function',
        'class-name': 'com.example.function.ExclamationFunction',
      }),
      await discoverArtifact('', dir),
      dir,
    );
    expect(info).toMatchObject({
      format: 'jar',
      version: '0.1.0',
      className: 'com.example.function.ExclamationFunction',
    });
    const plan = await planImage(inputs({}), info, { stagingDir: work });
    expect(plan.files[0].path).toBe('/pulsar/java-function-0.1.0.jar');
  });
});

describe('example artifacts', () => {
  it('make-nar.sh builds a source NAR that inspection accepts (classes in the bundled jar)', async () => {
    const dir = example('pulsar-source-nar');
    await runOk(join(dir, 'make-nar.sh'), []);
    const artifact = await discoverArtifact('', dir);
    const info = await inspectArtifact(inputs({}), artifact, dir);
    expect(info).toMatchObject({
      connectorType: 'pulsar-source',
      format: 'nar',
      name: 'counter',
      version: '0.1.0',
      className: 'com.example.source.CounterSource',
      label: 'target/pulsar-source-nar-0.1.0.nar',
    });
    expect(info.nar?.manifest['Nar-Id']).toBe('pulsar-source-nar');
  });

  it('the Go function built for amd64 and arm64 names its platform', async () => {
    const dir = example('go-function');
    const env = { GOCACHE: join(work, 'gocache'), GOPATH: join(work, 'gopath'), HOME: work };
    for (const arch of ['amd64', 'arm64']) {
      await runOk(join(dir, 'build.sh'), [], { env: { ...env, GOARCH: arch } });
      const info = await inspectArtifact(inputs({}), `dist/exclamation-${arch}`, dir);
      expect(info.platform).toEqual({ os: 'linux', architecture: arch });
      const plan = await planImage(inputs({}), info, { stagingDir: work });
      expect(plan.platforms).toEqual([{ os: 'linux', architecture: arch }]);
      expect(plan.files[0]).toMatchObject({ path: `/pulsar/exclamation-${arch}`, mode: 0o755 });
    }
  });

  it('the Airbyte declarative example plans as a source with its labels', async () => {
    const dir = example('airbyte-declarative-source');
    const info = await inspectArtifact(inputs({}), await discoverArtifact('', dir), dir);
    const plan = await planImage(inputs({}), info, { stagingDir: work });
    expect(plan.labels).toMatchObject({
      'io.airbyte.name': 'acme/source-pokeapi-example',
      'io.airbyte.version': '0.1.0',
    });
  });
});
