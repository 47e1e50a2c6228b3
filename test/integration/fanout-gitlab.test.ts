import fsp from 'node:fs/promises';
import path from 'node:path';
import { discoverProjects, selectChanged } from '../../src/connectors/projects';
import type { Selection } from '../../src/connectors/projects';
import { gitLabChildPipeline } from '../../src/run/fanout';
import { builtCli, runCli } from '../fixtures/cli';
import { createMonorepo } from '../fixtures/monorepo';
import type { Monorepo } from '../fixtures/monorepo';
import { gitlabCiLocal, node22 } from '../fixtures/nodes';
import { makeTempDir, run } from '../fixtures/process';
import type { RunResult } from '../fixtures/process';

/**
 * The generated child pipeline as GitLab runs it: gitlab-ci-local includes the component template
 * (include: local) once per selected project, runs each job in the shell with a stand-in CLI, and
 * the summary job collects every project's result.
 */
const root = path.resolve(__dirname, '../..');

// Records its arguments per job, writes the dotenv report, and fails for the Python function;
// the after_script's job-result goes to the real CLI.
const FAKE_CLI = `#!/bin/sh
set -eu
if [ "$1" = job-result ]; then exec "$REAL_NODE" "$REAL_CLI" "$@"; fi
printf '%s\\0' "$@" > "$FAKE_CALLS/$CI_JOB_NAME"
image= wd= dotenv= previous=
for arg in "$@"; do
  case "$previous" in
    --image) image=$arg ;;
    --working-directory) wd=$arg ;;
    --dotenv) dotenv=$arg ;;
  esac
  previous=$arg
done
if [ "$wd" = functions/exclaim ]; then echo "stand-in failure for $wd" >&2; exit 3; fi
printf 'SLIPWAY_IMAGE=%s:1.0.0\\nSLIPWAY_DIGEST=sha256:%064d\\n' "$image" 7 > "$dotenv"
`;

let repo: Monorepo;
let selected: Selection[];
let result: RunResult;
let calls: string;
/** A file outside the checkout that a link committed at a result path points to. */
let victim: string;

beforeAll(async () => {
  repo = await createMonorepo();
  const base = await repo.git('rev-parse', 'HEAD');
  await repo.commit('touch the shared library and the schemas', {
    'pulsar-io/common/src/main/java/com/example/common/Retry.java':
      'package com.example.common;\npublic final class Retry { int times; }\n',
    'schemas/events.avsc': '{"type": "record", "name": "Event2", "fields": []}\n',
  });
  selected = await selectChanged(await discoverProjects(repo.root), repo.root, base);
  const pipeline = gitLabChildPipeline(
    selected.map((s) => s.project),
    {
      template: { local: 'gitlab/templates/slipway.yml' },
      inputs: { 'slipway-command': 'sh fake-slipway.sh', sbom: 'false' },
    },
  );
  await fsp.mkdir(path.join(repo.root, 'gitlab/templates'), { recursive: true });
  await fsp.copyFile(
    path.join(root, 'gitlab/templates/slipway.yml'),
    path.join(repo.root, 'gitlab/templates/slipway.yml'),
  );
  await repo.commit('the child pipeline', {
    'child.gitlab-ci.yml': pipeline,
    'fake-slipway.sh': FAKE_CLI,
  });
  calls = await makeTempDir('fanout-calls');
  victim = path.join(await makeTempDir('fanout-victim'), 'victim.txt');
  await fsp.writeFile(victim, 'not for the job to write\n');
  // A link committed where the kafka job leaves its result: the job must not write through it.
  await fsp.mkdir(path.join(repo.root, 'slipway-results'));
  await fsp.symlink(victim, path.join(repo.root, 'slipway-results/slipway-pulsar-io-kafka.env'));
  await repo.commit('a link at a result path', {});
  result = await run(
    node22(),
    [
      gitlabCiLocal(),
      '--file',
      'child.gitlab-ci.yml',
      '--force-shell-executor',
      // One job at a time: shell jobs share the project folder (and so slipway.env) here, unlike
      // on GitLab runners. --shell-isolation would separate them, but then gitlab-ci-local runs
      // after_script in a fresh copy without the job's files.
      '--concurrency',
      '1',
      '--no-color',
      '--variable',
      `FAKE_CALLS=${calls}`,
      '--variable',
      `REAL_NODE=${process.execPath}`,
      '--variable',
      `REAL_CLI=${builtCli()}`,
    ],
    { cwd: repo.root, timeoutMs: 300_000 },
  );
}, 400_000);

test('the change selects the two connectors built from the library and the users of schemas/', () => {
  expect(selected.map((s) => s.project.name).sort()).toEqual([
    'exclaim',
    'pulsar-io-jdbc',
    'pulsar-io-kafka',
    'source-alpha',
  ]);
});

test("one job per selected project ran the CLI with that project's inputs", async () => {
  const jobs = (await fsp.readdir(calls)).sort();
  expect({ jobs, out: jobs.length === 4 ? '' : result.stdout.slice(-4000) }).toEqual({
    jobs: [
      'slipway-exclaim',
      'slipway-pulsar-io-jdbc',
      'slipway-pulsar-io-kafka',
      'slipway-source-alpha',
    ],
    out: '',
  });
  const args = (await fsp.readFile(path.join(calls, 'slipway-pulsar-io-jdbc'), 'utf8')).split('\0');
  const flag = (name: string): string => args[args.indexOf(`--${name}`) + 1];
  expect(flag('working-directory')).toBe('pulsar-io/jdbc');
  expect(flag('connector-type')).toBe('pulsar-source');
  expect(flag('class-name')).toBe('com.example.jdbc.JdbcSource');
  expect(flag('build-args')).toBe('-f,../../pom.xml,-pl,:pulsar-io-jdbc,-am');
  expect(flag('image')).toBe('registry.example.com/connectors/pulsar-io-jdbc');
  expect(flag('sbom')).toBe('false');
});

test('the summary job lists every project with its image and status, and fails for the failed ones', () => {
  const digest = `sha256:${'0'.repeat(63)}7`;
  for (const name of ['pulsar-io-jdbc', 'source-alpha']) {
    expect(result.stdout).toContain(
      `| ${name} | registry.example.com/connectors/${name}:1.0.0 | ${digest} | success |`,
    );
  }
  expect(result.stdout).toContain('| exclaim |  |  | failed |');
  // Its result path was a committed link: refused, so the summary has no result for it.
  expect(result.stdout).toContain('| slipway-pulsar-io-kafka |  |  | no result |');
  expect(result.stdout).toContain('2 project(s) failed');
  expect(result.code).not.toBe(0);
});

test('a link committed at a result path is refused, not written through', async () => {
  const link = 'slipway-results/slipway-pulsar-io-kafka.env';
  expect(await fsp.readFile(victim, 'utf8')).toBe('not for the job to write\n');
  expect(await fsp.readlink(path.join(repo.root, link))).toBe(victim);
  // What the job's after_script printed (gitlab-ci-local keeps it out of its own output).
  const again = await runCli(
    ['job-result', '--project', 'pulsar-io-kafka', '--status', 'success', '--dotenv', link],
    { cwd: repo.root },
  );
  expect(again.code).toBe(2);
  expect(again.stderr).toBe(
    `slipway: error: --dotenv ${link} is a symbolic link; Slipway never writes through links (one committed to the repository could overwrite any file the job can write): remove the link or choose another path.\n`,
  );
  expect(await fsp.readFile(victim, 'utf8')).toBe('not for the job to write\n');
  const written = await fsp.readFile(
    path.join(repo.root, 'slipway-results/slipway-pulsar-io-jdbc.env'),
    'utf8',
  );
  expect(written).toBe(
    [
      'SLIPWAY_IMAGE=registry.example.com/connectors/pulsar-io-jdbc:1.0.0',
      `SLIPWAY_DIGEST=sha256:${'0'.repeat(63)}7`,
      'SLIPWAY_PROJECT=pulsar-io-jdbc',
      'SLIPWAY_JOB_STATUS=success',
      '',
    ].join('\n'),
  );
});
