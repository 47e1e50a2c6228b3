/**
 * `slipway build --all` on the monorepo fixture: every project packaged and pushed in one process,
 * Maven run once for the reactor (`-pl … -am`), one JSON report; a failing project does not stop
 * the others and the exit code says that some failed. Images checked with skopeo.
 */
import { chmodSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ManyReport } from '../../src/run/many';
import { runCli } from '../fixtures/cli';
import { skopeoInspect } from '../fixtures/clients';
import { seedBusyboxBase } from '../fixtures/images';
import { offlineMavenArgs } from '../fixtures/maven-offline';
import {
  AIRBYTE_CONNECTORS,
  PULSAR_MODULES,
  artifactIdOf,
  createMonorepo,
} from '../fixtures/monorepo';
import type { Monorepo } from '../fixtures/monorepo';
import { makeTempDir, removeTempDir } from '../fixtures/process';
import { startRegistry } from '../fixtures/registry';
import type { TestRegistry } from '../fixtures/registry';

let reg: TestRegistry;
let repo: Monorepo;
let work: string;
let mavenLog: string;
let env: Record<string, string>;
let common: string[];

beforeAll(async () => {
  reg = await startRegistry();
  await seedBusyboxBase(reg, 'base/runner:1', { runnerLike: true });
  repo = await createMonorepo();
  // Build outputs (and the shade plugin's reduced POM) stay out of later commits.
  await repo.commit('ignore build outputs', {
    '.gitignore': 'target/\ndependency-reduced-pom.xml\n',
  });
  work = await makeTempDir('run-many');
  // mvn on PATH is a wrapper that notes each invocation, then runs Maven.
  const bin = join(work, 'bin');
  mkdirSync(bin);
  mavenLog = join(work, 'mvn.log');
  writeFileSync(
    join(bin, 'mvn'),
    `#!/bin/sh\necho "$PWD $*" >> '${mavenLog}'\nexec /usr/bin/mvn "$@"\n`,
  );
  chmodSync(join(bin, 'mvn'), 0o755);
  env = { PATH: `${bin}:${process.env.PATH ?? ''}`, RUNNER_TEMP: join(work, 'tmp') };
  mkdirSync(env.RUNNER_TEMP);
  common = [
    '--working-directory',
    repo.root,
    '--image-prefix',
    `${reg.host}/connectors`,
    // Every default base (Docker Hub's runners, Airbyte's) is out of reach here.
    '--base-image',
    `${reg.host}/base/runner:1`,
    '--build-args',
    await offlineMavenArgs(),
    '--tags',
    '1.0.0',
    '--json',
  ];
}, 300_000);
afterAll(async () => {
  await reg.stop();
  await removeTempDir(work);
  await removeTempDir(repo.root);
});

it('pushes every project of the repository with one Maven invocation', async () => {
  const res = await runCli(['build', '--all', ...common], { env });
  const report = JSON.parse(res.stdout) as ManyReport;
  const failed = report.projects.filter((p) => p.status !== 'success');
  expect(failed).toEqual([]);
  expect(res.code).toBe(0);

  const names = report.projects.map((p) => p.name).sort();
  expect(names).toEqual(
    [
      ...PULSAR_MODULES.map((m) => artifactIdOf(m.folder)),
      'wordcount-function',
      ...AIRBYTE_CONNECTORS.map((a) => a.folder),
      'exclaim',
    ].sort(),
  );

  // One Maven run, in the reactor's folder, for every Maven project and what they need.
  const invocations = readFileSync(mavenLog, 'utf8').trim().split('\n');
  expect(invocations).toHaveLength(1);
  const [cwd, ...args] = invocations[0].split(' ');
  expect(cwd).toBe(repo.root);
  expect(args.slice(0, 3)).toEqual(['-B', 'package', '-pl']);
  expect(args[3].split(',').sort()).toEqual(
    [...PULSAR_MODULES.map((m) => `pulsar-io/${m.folder}`), 'functions/wordcount'].sort(),
  );
  expect(args[4]).toBe('-am');

  for (const p of report.projects) {
    const info = (await skopeoInspect(`${p.image}:1.0.0`)) as { Digest: string };
    expect(info.Digest).toBe(p.outputs?.digest);
    expect(p.outputs?.pushed).toBe(true);
  }
  // The Airbyte connectors keep their dockerRepository's name under the prefix.
  expect(report.projects.find((p) => p.name === 'source-alpha')?.image).toBe(
    `${reg.host}/connectors/source-alpha`,
  );
}, 900_000);

it('one failing project does not stop the others; the exit code says some failed', async () => {
  rmSync(join(repo.root, 'airbyte/source-beta/manifest.yaml'));
  await repo.commit('break source-beta, touch exclaim', {
    'functions/exclaim/exclaim.py': `${readFileSync(join(repo.root, 'functions/exclaim/exclaim.py'), 'utf8')}# v2\n`,
  });
  // exclaim changed under the release tag 1.0.0 it already has: moving it needs overwrite.
  const res = await runCli(
    ['build', '--all', '--changed-since', 'HEAD~1', ...common, '--if-exists', 'overwrite'],
    { env },
  );
  expect(res.code).toBe(1);
  const report = JSON.parse(res.stdout) as ManyReport;
  const byName = new Map(report.projects.map((p) => [p.name, p]));
  expect([...byName.keys()].sort()).toEqual(['exclaim', 'source-beta']);
  expect(byName.get('source-beta')?.status).toBe('failed');
  expect(byName.get('source-beta')?.error).toMatch(/manifest/);
  expect(byName.get('exclaim')?.status).toBe('success');
  expect(res.stderr).toMatch(/1 of 2 projects failed: source-beta/);
  // No Maven project was selected: Maven did not run again.
  expect(readFileSync(mavenLog, 'utf8').trim().split('\n')).toHaveLength(1);
}, 600_000);
