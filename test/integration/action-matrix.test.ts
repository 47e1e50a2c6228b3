/**
 * The GitHub fan-out as a workflow runs it, with the bundled action under Node 24: a discover job
 * (`mode: discover`) gives `matrix`; one build job per entry of that matrix runs the action with
 * the entry's values as its `with:` inputs (plus the inputs the workflow sets for every job) and
 * leaves its outputs for the summary job, which collects every image and digest into one table.
 * Every row is then checked in the registry with skopeo.
 *
 * The change selects one project of each kind (a NAR and an uber JAR built with the library they
 * share, a Java function, an Airbyte manifest connector, a Python function), so the loop stays
 * short; it runs every entry of the matrix it got.
 */
import { readFileSync } from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { parseDocument } from 'yaml';
import { skopeoInspect } from '../fixtures/clients';
import { seedBusyboxBase } from '../fixtures/images';
import { recordOutput } from '../fixtures/leaks';
import { offlineMavenArgs } from '../fixtures/maven-offline';
import { createMonorepo } from '../fixtures/monorepo';
import type { Monorepo } from '../fixtures/monorepo';
import { node24 } from '../fixtures/nodes';
import { makeTempDir, removeTempDir, run, runOk } from '../fixtures/process';
import { startRegistry } from '../fixtures/registry';
import type { TestRegistry } from '../fixtures/registry';

const root = path.resolve(__dirname, '../..');

/** GITHUB_OUTPUT's `name<<delimiter` blocks as a map. */
function parseOutputs(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const m = /^([^<]+)<<(.+)$/.exec(lines[i]);
    if (!m) continue;
    const value: string[] = [];
    for (i++; lines[i] !== m[2]; i++) value.push(lines[i]);
    out[m[1]] = value.join('\n');
  }
  return out;
}

interface WorkflowStep {
  id?: string;
  run?: string;
  with?: Record<string, string>;
  env?: Record<string, string>;
}

/** The documented workflow (examples/github-workflows/monorepo.yml): its build and summary jobs. */
const workflow = parseDocument(
  readFileSync(path.join(root, 'examples/github-workflows/monorepo.yml'), 'utf8'),
).toJS() as { jobs: Record<string, { steps: WorkflowStep[] }> };
const buildSteps = workflow.jobs.build.steps;
const slipwayStep = buildSteps.find((s) => s.id === 'slipway');
const resultStep = buildSteps.find((s) => s.run?.includes('results/'));
const summaryStep = workflow.jobs.summary.steps.find((s) => s.run !== undefined);

/** `${{ matrix.<key> }}` and `${{ steps.slipway.outputs.<key> }}` as the runner expands them. */
function expand(
  value: string,
  matrix: Record<string, string>,
  outputs: Record<string, string> = {},
): string {
  return value
    .replace(/\$\{\{ matrix\.([\w-]+) \}\}/g, (_, k: string) => matrix[k] ?? '')
    .replace(/\$\{\{ steps\.slipway\.outputs\.([\w-]+) \}\}/g, (_, k: string) => outputs[k] ?? '');
}

interface Matrix {
  include: Array<Record<string, string>>;
}

let reg: TestRegistry;
let dir: string;
let repo: Monorepo;

beforeAll(async () => {
  reg = await startRegistry({ auth: 'htpasswd' });
  await seedBusyboxBase(reg, 'base/runner:1', { runnerLike: true });
  dir = await makeTempDir('action-matrix');
  // dist/index.js exactly as scripts/build.mjs writes it, from the current sources.
  await runOk(process.execPath, [path.join(root, 'scripts/build.mjs'), path.join(dir, 'dist')], {
    cwd: root,
  });
  repo = await createMonorepo();
  const slipwayYaml = await fsp.readFile(path.join(repo.root, 'slipway.yaml'), 'utf8');
  await repo.commit('images go to the registry; Maven offline on this runner', {
    '.gitignore': 'target/\ndependency-reduced-pom.xml\n',
    'slipway.yaml': slipwayYaml.replace(/^image-prefix: .*$/m, `image-prefix: ${reg.host}/gh`),
    // Where a runner without network access keeps its Maven settings: every job's Maven reads it.
    '.mvn/maven.config': `${(await offlineMavenArgs()).split(',').join('\n')}\n`,
  });
  await repo.commit('touch the library, the schemas and the Java function', {
    'pulsar-io/common/src/main/java/com/example/common/Retry.java':
      'package com.example.common;\npublic final class Retry { int times; }\n',
    'schemas/events.avsc': '{"type": "record", "name": "Event2", "fields": []}\n',
    'functions/wordcount/src/main/java/com/example/WordCount.java':
      'package com.example;\npublic class WordCount implements org.apache.pulsar.functions.api.Function<String, String> { }\n',
  });
}, 300_000);
afterAll(async () => {
  await reg.stop();
  await removeTempDir(dir);
  await removeTempDir(repo.root);
});

/** One step running the bundled action with `with:` inputs, as the runner starts it. */
async function actionStep(
  job: string,
  inputs: Record<string, string>,
): Promise<{ code: number | null; log: string; outputs: Record<string, string> }> {
  const outputFile = path.join(dir, `${job}.out`);
  await fsp.writeFile(outputFile, '');
  const env: Record<string, string> = {
    GITHUB_ACTIONS: 'true',
    GITHUB_OUTPUT: outputFile,
    GITHUB_WORKSPACE: repo.root,
    RUNNER_TEMP: dir,
    SOURCE_DATE_EPOCH: '1700000000',
  };
  // The runner sets every `with:` input, empty ones included (an empty matrix value).
  for (const [k, v] of Object.entries(inputs)) env[`INPUT_${k.toUpperCase()}`] = v;
  const result = await run(node24(), [path.join(dir, 'dist/index.js')], {
    cwd: repo.root,
    timeoutMs: 300_000,
    env,
  });
  const log = `${result.stdout}${result.stderr}`.replace(/^::add-mask::.*$/gm, '');
  recordOutput(log, `action log (${job})`);
  return {
    code: result.code,
    log,
    outputs: parseOutputs(await fsp.readFile(outputFile, 'utf8')),
  };
}

it('discover → one action run per matrix entry → a summary with every image and digest, all in the registry', async () => {
  // The discover job.
  const discover = await actionStep('discover', { mode: 'discover', 'changed-since': 'HEAD~1' });
  expect({ code: discover.code, log: discover.code === 0 ? '' : discover.log }).toEqual({
    code: 0,
    log: '',
  });
  expect(discover.outputs.matrices).toBe('1');
  const matrix = JSON.parse(discover.outputs.matrix) as Matrix;
  expect(discover.outputs.count).toBe(String(matrix.include.length));
  // One project of each kind.
  expect(
    matrix.include.map((e) => `${e.name} ${e['connector-type']} ${e['artifact-format']}`).sort(),
  ).toEqual([
    'exclaim pulsar-function python',
    'pulsar-io-jdbc pulsar-source uber-jar',
    'pulsar-io-kafka pulsar-sink nar',
    'source-alpha airbyte-source airbyte-manifest',
    'wordcount-function pulsar-function uber-jar',
  ]);

  // The build jobs of the documented workflow: its `with:` passes every matrix key.
  expect(slipwayStep?.with).toBeDefined();
  expect(Object.keys(slipwayStep?.with ?? {}).sort()).toEqual(
    Object.keys(matrix.include[0])
      .filter((k) => k !== 'name')
      .sort(),
  );
  for (const entry of matrix.include) {
    const withInputs = Object.fromEntries(
      Object.entries(slipwayStep?.with ?? {}).map(([k, v]) => [k, expand(v, entry)]),
    );
    const job = await actionStep(entry.name, {
      ...withInputs,
      // What this test adds: every default base (Docker Hub's runners, Airbyte's) is out of
      // reach here, and the registry is the local one.
      'base-image': `${reg.host}/base/runner:1`,
      tags: '1.0.0',
      username: reg.username ?? '',
      password: reg.password ?? '',
    });
    const name = entry.name;
    expect({ name, code: job.code, log: job.code === 0 ? '' : job.log.slice(-3000) }).toEqual({
      name,
      code: 0,
      log: '',
    });
    expect(job.outputs.image).toBe(`${entry.image}:1.0.0`);
    // The step that keeps the job's outputs for the summary job (upload-artifact).
    const stepEnv = Object.fromEntries(
      Object.entries(resultStep?.env ?? {}).map(([k, v]) => [k, expand(v, entry, job.outputs)]),
    );
    await runOk('sh', ['-c', resultStep?.run ?? 'exit 1'], {
      cwd: dir,
      env: stepEnv,
    });
  }

  // The summary job (download-artifact has merged every job's results/ into one folder).
  const summaryFile = path.join(dir, 'summary.md');
  await runOk('sh', ['-c', summaryStep?.run ?? 'exit 1'], {
    cwd: dir,
    env: { GITHUB_STEP_SUMMARY: summaryFile },
  });
  const rows = (await fsp.readFile(summaryFile, 'utf8'))
    .trim()
    .split('\n')
    .slice(2)
    .map((line) => line.split('|').map((cell) => cell.trim()));
  expect(rows.map((r) => r[1]).sort()).toEqual(matrix.include.map((e) => e.name).sort());
  for (const [, name, image, digest] of rows) {
    expect({ name, digest }).toEqual({
      name,
      digest: expect.stringMatching(/^sha256:[0-9a-f]{64}$/),
    });
    const info = (await skopeoInspect(image, { creds: reg.creds })) as { Digest: string };
    expect({ name, digest: info.Digest }).toEqual({ name, digest });
  }
}, 900_000);
