/**
 * Issue 7, Function Mesh: the CLI bundle pushes the example NAR source and writes a Source
 * resource pinned to the pushed digest; values the operator would refuse fail the run before
 * anything is pushed.
 */
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { runCli } from '../fixtures/cli';
import { skopeo } from '../fixtures/clients';
import { seedBusyboxBase } from '../fixtures/images';
import { makeTempDir, removeTempDir, runOk } from '../fixtures/process';
import { startRegistry } from '../fixtures/registry';
import type { TestRegistry } from '../fixtures/registry';

let reg: TestRegistry;
let work: string;
let nar: string;

beforeAll(async () => {
  work = await makeTempDir('after-fm');
  reg = await startRegistry({ auth: 'none' });
  await seedBusyboxBase(reg, 'base/runner:1', { runnerLike: true });
  const example = join(work, 'pulsar-source-nar');
  cpSync(join(__dirname, '../../examples/pulsar-source-nar'), example, { recursive: true });
  nar = join(example, (await runOk('sh', [join(example, 'make-nar.sh')])).stdout.trim());
});
afterAll(async () => {
  await reg?.stop();
  await removeTempDir(work);
});

function build(repo: string, values: string, extra: string[] = []): ReturnType<typeof runCli> {
  return runCli([
    'build',
    '--artifact',
    nar,
    '--base-image',
    `${reg.host}/base/runner:1`,
    '--image',
    `${reg.host}/${repo}`,
    '--tags',
    '0.1.0',
    '--function-mesh-manifest',
    '--function-mesh-values',
    values,
    '--json',
    ...extra,
  ]);
}

it('writes a Source resource pinned to the pushed digest, with the values merged', async () => {
  const values = join(work, 'values.yaml');
  writeFileSync(
    values,
    'output:\n  topic: persistent://public/default/counter\nsourceConfig:\n  intervalMs: 500\npulsar:\n  pulsarConfig: pulsar-cluster\nreplicas: 2\n',
  );
  const res = await build('fm/counter', values);
  expect(res.stderr).not.toMatch(/error/);
  expect(res.code).toBe(0);
  const out = res.json ?? {};
  const path = String(out.manifest);
  expect(path).toMatch(/function-mesh\.yaml$/);
  const doc = parse(readFileSync(path, 'utf8')) as {
    apiVersion: string;
    kind: string;
    metadata: { name: string };
    spec: Record<string, unknown>;
  };
  expect(doc).toEqual({
    apiVersion: 'compute.functionmesh.io/v1alpha1',
    kind: 'Source',
    metadata: { name: 'counter' },
    spec: {
      image: out['image-ref'],
      className: 'com.example.source.CounterSource',
      replicas: 2,
      java: { jar: 'connectors/pulsar-source-nar-0.1.0.nar', jarLocation: '' },
      output: { topic: 'persistent://public/default/counter' },
      sourceConfig: { intervalMs: 500 },
      pulsar: { pulsarConfig: 'pulsar-cluster' },
      // Filled in: the operator refuses a resource without memory requests and limits.
      resources: { requests: { cpu: '1', memory: '1Gi' }, limits: { cpu: '1', memory: '1Gi' } },
    },
  });
  expect(res.stderr + res.stdout).toMatch(/spec\.resources requests\.cpu=1, .* filled in/);
  expect(String(out['image-ref'])).toBe(`${reg.host}/fm/counter@${String(out.digest)}`);
});

it('values the operator would refuse fail as bad input, naming the field, before anything is pushed', async () => {
  const res = await build('fm/refused', 'replicas: 1');
  expect(res.code).toBe(2);
  expect(res.stderr).toMatch(
    /The Function Mesh Source would be refused by the operator \(function-mesh v0\.27\.2\): spec\.sourceConfig/,
  );
  const inspect = await skopeo([
    'inspect',
    '--raw',
    '--tls-verify=false',
    `docker://${reg.host}/fm/refused:0.1.0`,
  ]);
  expect(inspect.code).not.toBe(0);
});

it('values the CRD schema refuses (wrong type, unknown field) fail as bad input before anything is pushed', async () => {
  const res = await build(
    'fm/schema',
    'sourceConfig: {}\npulsar: {pulsarConfig: p}\nreplicas: two\nsourceConfg: {a: 1}',
  );
  expect(res.code).toBe(2);
  expect(res.stderr).toMatch(
    /The Function Mesh Source would be refused by the API server \(function-mesh v0\.27\.2\): .*spec\.replicas must be integer, not string "two"/,
  );
  expect(res.stderr).toMatch(
    /spec\.sourceConfg is not a field of the Source CRD .*did you mean sourceConfig\?/,
  );
  const inspect = await skopeo([
    'inspect',
    '--raw',
    '--tls-verify=false',
    `docker://${reg.host}/fm/schema:0.1.0`,
  ]);
  expect(inspect.code).not.toBe(0);
});
