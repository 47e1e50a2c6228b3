/**
 * The bundled action under Node 24: `mode: discover` sets the matrix outputs a workflow feeds to
 * `strategy.matrix`, all projects or those changed since a ref; a build's phases are collapsible
 * groups of the workflow log.
 */
import fsp from 'node:fs/promises';
import path from 'node:path';
import { recordOutput } from '../fixtures/leaks';
import { AIRBYTE_CONNECTORS, PULSAR_MODULES, createMonorepo } from '../fixtures/monorepo';
import type { Monorepo } from '../fixtures/monorepo';
import { node24 } from '../fixtures/nodes';
import { makeTempDir, removeTempDir, run, runOk } from '../fixtures/process';

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

let dir: string;
let repo: Monorepo;
beforeAll(async () => {
  dir = await makeTempDir('action-discover');
  await runOk(process.execPath, [path.join(root, 'scripts/build.mjs'), path.join(dir, 'dist')], {
    cwd: root,
  });
  repo = await createMonorepo();
}, 120_000);
afterAll(async () => {
  await removeTempDir(dir);
  await removeTempDir(repo.root);
});

async function action(
  name: string,
  inputs: Record<string, string>,
): Promise<{ code: number | null; stdout: string; outputs: Record<string, string> }> {
  const outputFile = path.join(dir, `${name}.out`);
  await fsp.writeFile(outputFile, '');
  const env: Record<string, string> = {
    GITHUB_ACTIONS: 'true',
    GITHUB_OUTPUT: outputFile,
    RUNNER_TEMP: dir,
  };
  for (const [k, v] of Object.entries(inputs)) env[`INPUT_${k.toUpperCase()}`] = v;
  const result = await run(node24(), [path.join(dir, 'dist/index.js')], {
    cwd: repo.root,
    timeoutMs: 120_000,
    env,
  });
  recordOutput(result.stdout + result.stderr, `action log (${name})`);
  return {
    code: result.code,
    stdout: result.stdout,
    outputs: parseOutputs(await fsp.readFile(outputFile, 'utf8')),
  };
}

interface Matrix {
  include: Array<Record<string, string>>;
}

it('mode: discover lists every project as a matrix, with the inputs to build it', async () => {
  const res = await action('all', { mode: 'discover' });
  expect(res.code).toBe(0);
  const total = PULSAR_MODULES.length + 1 + AIRBYTE_CONNECTORS.length + 1;
  expect(res.outputs.count).toBe(String(total));
  expect(res.outputs.matrices).toBe('1');
  expect(res.outputs['matrix-2']).toBe('');
  const matrix = JSON.parse(res.outputs.matrix) as Matrix;
  expect(matrix.include).toHaveLength(total);
  const kafka = matrix.include.find((e) => e.name === 'pulsar-io-kafka');
  expect(kafka).toMatchObject({
    'working-directory': 'pulsar-io/kafka',
    'connector-type': 'pulsar-sink',
    'artifact-format': 'nar',
    image: 'registry.example.com/connectors/pulsar-io-kafka',
  });
  const projects = JSON.parse(res.outputs.projects) as { projects: unknown[] };
  expect(projects.projects).toHaveLength(total);
});

it('mode: discover with changed-since selects what a commit touched, and says why', async () => {
  await repo.commit('touch kafka', {
    'pulsar-io/kafka/src/main/java/com/example/kafka/Extra.java':
      'package com.example.kafka;\nclass Extra {}\n',
  });
  const res = await action('changed', { mode: 'discover', 'changed-since': 'HEAD~1' });
  expect(res.code).toBe(0);
  expect(res.outputs.count).toBe('1');
  const matrix = JSON.parse(res.outputs.matrix) as Matrix;
  expect(matrix.include.map((e) => e.name)).toEqual(['pulsar-io-kafka']);
  expect(res.stdout).toMatch(/pulsar-io-kafka \(pulsar-io\/kafka\): .*Extra\.java changed/);
});

it('a build shows its phases as collapsible groups of the workflow log', async () => {
  const fn = path.join(dir, 'fn');
  await fsp.mkdir(fn);
  await fsp.copyFile(
    path.join(root, 'examples/python-function/exclamation.py'),
    path.join(fn, 'exclamation.py'),
  );
  const res = await action('groups', {
    'working-directory': fn,
    artifact: 'exclamation.py',
    'connector-type': 'pulsar-function',
    'base-image': 'scratch',
    output: 'none',
  });
  expect(res.stdout).not.toContain('::error');
  expect(res.code).toBe(0);
  expect(res.stdout).toMatch(/^::group::artifact$/m);
  const opened = res.stdout.split('\n').filter((l) => l.startsWith('::group::')).length;
  const closed = res.stdout.split('\n').filter((l) => l === '::endgroup::').length;
  expect(opened).toBeGreaterThanOrEqual(2);
  expect(closed).toBe(opened);
  expect(res.outputs.digest).toMatch(/^sha256:/);
});
