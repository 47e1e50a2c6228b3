/**
 * Issue 3, end to end for Pulsar IO connectors: `slipway build` (the real CLI bundle) runs the
 * project's build, inspects the NAR or uber JAR and pushes it onto a seeded runner-like base in a
 * real registry; skopeo and podman check what arrived. Broken NARs stop before anything is pushed.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { podmanRun } from '../fixtures/clients';
import { seedBusyboxBase } from '../fixtures/images';
import {
  OFFLINE_MAVEN,
  catalog,
  copyExample,
  errorLines,
  rawManifest,
  runConfig,
  slipway,
  statInImage,
} from '../fixtures/kinds';
import { makeTempDir, removeTempDir, runOk } from '../fixtures/process';
import { startRegistry } from '../fixtures/registry';
import type { TestRegistry } from '../fixtures/registry';
import { narEntries, writeZip } from '../unit/connector-fixtures';

let reg: TestRegistry;
let work: string;
let runner: string;
let runnerMulti: string;
let baseLayers: string[];

beforeAll(async () => {
  work = await makeTempDir('kinds-pulsar');
  reg = await startRegistry();
  await seedBusyboxBase(reg, 'base/runner:x', { runnerLike: true });
  await seedBusyboxBase(reg, 'base/runner-multi:x', {
    runnerLike: true,
    platforms: ['linux/amd64', 'linux/arm64'],
  });
  runner = `${reg.host}/base/runner:x`;
  runnerMulti = `${reg.host}/base/runner-multi:x`;
  baseLayers = ((await rawManifest(runner)).layers ?? []).map((l) => l.digest);
});

afterAll(async () => {
  await reg?.stop();
  if (work) await removeTempDir(work);
});

function sha256File(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

it('builds the uber-JAR sink with offline Maven and the runner user finds it in /pulsar/connectors', async () => {
  const dir = copyExample(work, 'pulsar-sink-uberjar');
  const res = await slipway(work, reg, [
    'build',
    '--working-directory',
    dir,
    '--build-args',
    OFFLINE_MAVEN,
    '--connector-type',
    'pulsar-sink',
    '--class-name',
    'com.example.sink.LoggingSink',
    '--base-image',
    runner,
    '--image',
    `${reg.host}/acme/logging-sink`,
    '--json',
  ]);
  expect(res.stderr).toContain('maven-shade-plugin');
  expect(res.stderr).toContain('BUILD SUCCESS');
  expect(res.code).toBe(0);
  const jar = join(dir, 'target/pulsar-sink-uberjar-0.1.0.jar');
  // Outside a release the default tag is latest, never the pom's version (run/tags.ts).
  expect(res.json).toMatchObject({
    image: `${reg.host}/acme/logging-sink:latest`,
    platforms: ['linux/amd64'],
    pushed: true,
  });
  const ref = `${reg.host}/acme/logging-sink@${String(res.json?.digest)}`;

  const manifest = await rawManifest(ref);
  expect(manifest.mediaType).toBe('application/vnd.oci.image.manifest.v1+json');
  expect(manifest.layers?.slice(0, -1).map((l) => l.digest)).toEqual(baseLayers);
  expect(manifest.layers).toHaveLength(baseLayers.length + 1);
  const config = await runConfig(ref);
  expect(config.User).toBe('10000');
  expect(config.Labels).toMatchObject({
    'org.opencontainers.image.title': 'pulsar-sink-uberjar',
    'org.opencontainers.image.version': '0.1.0',
  });

  // As the image's own user (10000), the way Function Mesh runs it.
  const ls = await podmanRun(ref, [
    'sh',
    '-c',
    'id -u; ls -ln /pulsar/connectors/; sha256sum /pulsar/connectors/*.jar; unzip -l /pulsar/connectors/*.jar',
  ]);
  expect(ls.stderr).toBe('');
  expect(ls.code).toBe(0);
  const lines = ls.stdout.split('\n');
  expect(lines[0]).toBe('10000');
  const listed = lines.filter((l) => l.startsWith('-r'));
  expect(listed).toEqual([
    expect.stringMatching(
      new RegExp(
        `^-rw-r--r-- +1 10000 +10001 +${statSync(jar).size} .* pulsar-sink-uberjar-0\\.1\\.0\\.jar$`,
      ),
    ),
  ]);
  expect(ls.stdout).toContain(
    `${sha256File(jar)}  /pulsar/connectors/pulsar-sink-uberjar-0.1.0.jar`,
  );
  expect(ls.stdout).toContain('com/example/sink/LoggingSink.class');
  expect(
    await statInImage(ref, [
      '/pulsar',
      '/pulsar/connectors',
      '/pulsar/connectors/pulsar-sink-uberjar-0.1.0.jar',
    ]),
  ).toEqual([
    expect.stringMatching(/^10000:10001 775 \d+ \/pulsar$/),
    expect.stringMatching(/^10000:10001 775 \d+ \/pulsar\/connectors$/),
    `10000:10001 644 ${statSync(jar).size} /pulsar/connectors/pulsar-sink-uberjar-0.1.0.jar`,
  ]);
});

describe('NAR connectors', () => {
  it('a source NAR made by make-nar.sh is detected from pulsar-io.yaml and pushed', async () => {
    const dir = copyExample(work, 'pulsar-source-nar');
    await runOk(join(dir, 'make-nar.sh'), []);
    const nar = join(dir, 'target/pulsar-source-nar-0.1.0.nar');
    const res = await slipway(work, reg, [
      'build',
      '--working-directory',
      dir,
      '--base-image',
      runner,
      '--image',
      `${reg.host}/acme/counter-source`,
      '--json',
    ]);
    expect(res.stderr).toContain(
      'artifact: target/pulsar-source-nar-0.1.0.nar (pulsar-source, nar, 0.1.0)',
    );
    expect(res.code).toBe(0);
    expect(res.json?.image).toBe(`${reg.host}/acme/counter-source:latest`);
    const ref = `${reg.host}/acme/counter-source:latest`;
    expect((await runConfig(ref)).Labels).toMatchObject({
      'org.opencontainers.image.title': 'counter',
      'org.opencontainers.image.version': '0.1.0',
      'org.opencontainers.image.description': 'Emits an increasing counter (Slipway example)',
    });
    expect(await statInImage(ref, ['/pulsar/connectors/pulsar-source-nar-0.1.0.nar'])).toEqual([
      `10000:10001 644 ${statSync(nar).size} /pulsar/connectors/pulsar-source-nar-0.1.0.nar`,
    ]);
    const sum = await podmanRun(ref, [
      'sha256sum',
      '/pulsar/connectors/pulsar-source-nar-0.1.0.nar',
    ]);
    expect(sum.stdout.split(' ')[0]).toBe(sha256File(nar));
  });

  it('a sink NAR (class in a bundled jar) goes onto every platform of a two-platform base', async () => {
    const dir = join(work, 'sink-nar');
    mkdirSync(join(dir, 'target'), { recursive: true });
    const nar = await writeZip(
      join(dir, 'target/jdbc-sink-2.1.0.nar'),
      await narEntries({
        ioYaml: 'name: jdbc-sink\ndescription: Writes rows\nsinkClass: com.acme.jdbc.JdbcSink\n',
        bundled: { 'jdbc-sink-2.1.0.jar': ['com.acme.jdbc.JdbcSink', 'com.acme.jdbc.Config'] },
        manifest: { 'Nar-Id': 'jdbc-sink', 'Nar-Version': '2.1.0' },
      }),
    );
    const res = await slipway(work, reg, [
      'build',
      '--working-directory',
      dir,
      '--base-image',
      runnerMulti,
      '--image',
      `${reg.host}/acme/jdbc-sink`,
      '--tags',
      '2.1.0,latest',
      '--json',
    ]);
    expect(res.stderr).toContain('artifact: target/jdbc-sink-2.1.0.nar (pulsar-sink, nar, 2.1.0)');
    expect(res.code).toBe(0);
    expect(res.json?.platforms).toEqual(['linux/amd64', 'linux/arm64']);

    const index = await rawManifest(`${reg.host}/acme/jdbc-sink:latest`);
    expect(index.mediaType).toBe('application/vnd.oci.image.index.v1+json');
    expect(index.manifests?.map((m) => m.platform?.architecture)).toEqual(['amd64', 'arm64']);
    const added = new Set<string>();
    for (const m of index.manifests ?? []) {
      const image = await rawManifest(`${reg.host}/acme/jdbc-sink@${m.digest}`);
      added.add(image.layers?.[image.layers.length - 1]?.digest ?? '');
    }
    expect(added.size).toBe(1);
    expect(
      await statInImage(`${reg.host}/acme/jdbc-sink:2.1.0`, [
        '/pulsar/connectors/jdbc-sink-2.1.0.nar',
      ]),
    ).toEqual([`10000:10001 644 ${statSync(nar).size} /pulsar/connectors/jdbc-sink-2.1.0.nar`]);
  });

  const ENTRY = 'target/broken-1.0.nar!/META-INF/services/pulsar-io.yaml';
  it.each([
    {
      what: 'lacks the class for its type',
      type: 'pulsar-sink',
      nar: { ioYaml: 'name: broken\nsourceClass: com.acme.Src\n', rootClasses: ['com.acme.Src'] },
      message: `${ENTRY}: sinkClass is missing; add sinkClass: com.example.MySink`,
    },
    {
      what: 'names a class that is not inside',
      type: 'auto',
      nar: {
        ioYaml: 'name: broken\nsinkClass: com.acme.Missing\n',
        bundled: { 'dep.jar': ['com.acme.Other'] },
      },
      message: `${ENTRY}: sinkClass com.acme.Missing is not inside the NAR (looked for com/acme/Missing.class in its root and in 1 jar(s) under META-INF/bundled-dependencies/); fix the class name or bundle the jar that holds it.`,
    },
    {
      what: 'has no pulsar-io.yaml',
      type: 'pulsar-source',
      nar: { bundled: { 'dep.jar': ['com.acme.KafkaSource'] } },
      message: `${ENTRY} is missing; add it to the NAR with name and sourceClass: com.acme.KafkaSource.`,
    },
  ])(
    'a NAR that $what fails with exit 2, one line naming the entry, and pushes nothing',
    async ({ type, nar, message }) => {
      const dir = join(work, `broken-${Math.random().toString(36).slice(2, 8)}`);
      mkdirSync(join(dir, 'target'), { recursive: true });
      await writeZip(join(dir, 'target/broken-1.0.nar'), await narEntries(nar));
      const before = await catalog(reg);
      const res = await slipway(work, reg, [
        'build',
        '--working-directory',
        dir,
        '--connector-type',
        type,
        '--base-image',
        runner,
        '--image',
        `${reg.host}/acme/broken`,
      ]);
      expect(res.code).toBe(2);
      expect(res.stdout).toBe('');
      // Nothing else was printed: no stack, no progress.
      expect(res.stderr.trimEnd().split('\n')).toEqual(errorLines(res));
      expect(errorLines(res)).toHaveLength(1);
      expect(errorLines(res)[0]).toContain(message);
      expect(await catalog(reg)).toEqual(before);
      expect(before).not.toContain('acme/broken');
    },
  );
});
