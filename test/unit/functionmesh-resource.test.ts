import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { InputError } from '../../src/core/errors';
import {
  checkAdmission,
  generateResource,
  resourceName,
} from '../../src/connectors/functionmesh/resource';
import type { FunctionMeshInput } from '../../src/connectors/functionmesh/resource';
import { isValidTopic } from '../../src/connectors/functionmesh/admission';

const DIGEST = `sha256:${'ab'.repeat(32)}`;
const IMAGE = `ghcr.io/acme/conn@${DIGEST}`;
const PULSAR = 'pulsar: {pulsarConfig: my-pulsar}';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'slipway-fm-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function input(overrides: Partial<FunctionMeshInput>): FunctionMeshInput {
  return {
    connectorType: 'pulsar-sink',
    format: 'nar',
    name: 'my-sink',
    className: 'com.example.MySink',
    imageRef: IMAGE,
    pathInImage: '/pulsar/connectors/my-sink-1.0.nar',
    values: '',
    workingDirectory: dir,
    ...overrides,
  };
}

async function errorOf(fn: () => unknown): Promise<InputError> {
  try {
    await fn();
  } catch (err) {
    if (err instanceof InputError) return err;
    throw err;
  }
  throw new Error('expected an InputError');
}

describe('generateResource', () => {
  it('a sink: Sink kind, digest-pinned image, className, java.jar relative to /pulsar with jarLocation ""', async () => {
    const out = await generateResource(
      input({
        values: `input:\n  topics: [persistent://public/default/in]\nsinkConfig: {url: "http://es:9200"}\n${PULSAR}\nreplicas: 2\n`,
      }),
    );
    const doc = parse(out.yaml) as Record<string, unknown>;
    expect(doc).toEqual({
      apiVersion: 'compute.functionmesh.io/v1alpha1',
      kind: 'Sink',
      metadata: { name: 'my-sink' },
      spec: {
        image: IMAGE,
        className: 'com.example.MySink',
        replicas: 2,
        autoAck: true,
        java: { jar: 'connectors/my-sink-1.0.nar', jarLocation: '' },
        input: { topics: ['persistent://public/default/in'] },
        sinkConfig: { url: 'http://es:9200' },
        pulsar: { pulsarConfig: 'my-pulsar' },
        // The operator refuses a resource without memory requests and limits.
        resources: { requests: { cpu: '1', memory: '1Gi' }, limits: { cpu: '1', memory: '1Gi' } },
      },
    });
    expect(out.yaml).toContain('jarLocation: ""');
  });

  it('a source: Source kind with sourceConfig and an output topic', async () => {
    const out = await generateResource(
      input({
        connectorType: 'pulsar-source',
        name: 'counter',
        className: 'com.example.source.CounterSource',
        pathInImage: '/pulsar/connectors/counter.nar',
        values: `output: {topic: persistent://public/default/out}\nsourceConfig: {}\n${PULSAR}`,
      }),
    );
    const doc = parse(out.yaml) as { kind: string; spec: Record<string, unknown> };
    expect(doc.kind).toBe('Source');
    expect(doc.spec.image).toBe(IMAGE);
    expect(doc.spec.java).toEqual({ jar: 'connectors/counter.nar', jarLocation: '' });
    expect(doc.spec.output).toEqual({ topic: 'persistent://public/default/out' });
    expect(doc.spec.autoAck).toBeUndefined();
  });

  it.each([
    ['jar', 'java', { jar: 'fn.jar', jarLocation: '' }, 'com.example.Fn'],
    ['python', 'python', { py: 'exclamation.py', pyLocation: '' }, 'exclamation.Exclamation'],
    ['go', 'golang', { go: 'fn', goLocation: '' }, undefined],
  ] as const)('a %s function: one %s runtime', async (format, runtime, spec, className) => {
    const file = { jar: 'fn.jar', python: 'exclamation.py', go: 'fn' }[format];
    const out = await generateResource(
      input({
        connectorType: 'pulsar-function',
        format,
        name: 'Fn_Example',
        className,
        pathInImage: `/pulsar/${file}`,
        values: `input: {topics: [in]}\noutput: {topic: out}\n${PULSAR}`,
      }),
    );
    const doc = parse(out.yaml) as {
      kind: string;
      metadata: { name: string };
      spec: Record<string, unknown>;
    };
    expect(doc.kind).toBe('Function');
    expect(doc.metadata.name).toBe('fn-example');
    expect(doc.spec.image).toBe(IMAGE);
    expect(doc.spec[runtime]).toEqual(spec);
    expect(['java', 'python', 'golang'].filter((r) => r in doc.spec)).toEqual([runtime]);
    expect(doc.spec.className).toBe(className);
  });

  it('reads values from a file and accepts a whole partial resource; the pinned image wins', async () => {
    const file = join(dir, 'values.yaml');
    writeFileSync(
      file,
      `metadata:\n  name: es-sink\n  namespace: data\nspec:\n  image: evil/image:latest\n  input: {topics: [in]}\n  sinkConfig: {}\n  ${PULSAR}\n`,
    );
    const warnings: string[] = [];
    const out = await generateResource(input({ values: 'values.yaml' }), {
      info: () => undefined,
      warn: (m) => warnings.push(m),
      debug: () => undefined,
      progress: () => undefined,
    });
    const doc = parse(out.yaml) as { metadata: unknown; spec: { image: string } };
    expect(doc.metadata).toEqual({ name: 'es-sink', namespace: 'data' });
    expect(doc.spec.image).toBe(IMAGE);
    expect(warnings[0]).toMatch(/spec\.image/);
  });

  it('paths outside /pulsar stay absolute', async () => {
    const out = await generateResource(
      input({
        pathInImage: '/opt/x.nar',
        values: `input: {topics: [in]}\nsinkConfig: {}\n${PULSAR}`,
      }),
    );
    expect((parse(out.yaml) as { spec: { java: { jar: string } } }).spec.java.jar).toBe(
      '/opt/x.nar',
    );
  });

  it('fails on values that are not a YAML mapping', async () => {
    expect(
      (await errorOf(() => generateResource(input({ values: '- a\n- b\n' })))).message,
    ).toMatch(/must be a YAML mapping/);
    expect((await errorOf(() => generateResource(input({ values: 'a: [\n' })))).message).toMatch(
      /not valid YAML/,
    );
  });

  it('refuses a connector type Function Mesh does not run', async () => {
    expect(
      (await errorOf(() => generateResource(input({ connectorType: 'airbyte-source' })))).message,
    ).toMatch(/"function-mesh-manifest" applies to Pulsar/);
  });
});

describe('admission checks (the operator webhooks)', () => {
  it('a sink without values names input topics, sinkConfig and pulsar.pulsarConfig', async () => {
    const err = await errorOf(() => generateResource(input({})));
    expect(err.message).toMatch(
      /^The Function Mesh Sink would be refused by the operator \(function-mesh v0\.27\.2\): /,
    );
    expect(err.message).toContain('spec.sinkConfig');
    expect(err.message).toContain('spec.input No input topic(s) specified for the sink');
    expect(err.message).toContain('spec.pulsar.pulsarConfig');
    expect(err.message).toMatch(/change function-mesh-values accordingly\.$/);
  });

  it('a sink without className (uber JAR without class-name) names spec.className', async () => {
    const err = await errorOf(() =>
      generateResource(
        input({ className: undefined, values: `input: {topics: [in]}\nsinkConfig: {}\n${PULSAR}` }),
      ),
    );
    expect(err.message).toContain('spec.className');
    expect(err.message).not.toContain('spec.sinkConfig');
  });

  it('a source needs sourceConfig; its output topic must be valid', async () => {
    const err = await errorOf(() =>
      generateResource(
        input({ connectorType: 'pulsar-source', values: 'output: {topic: "persistent://bad"}' }),
      ),
    );
    expect(err.message).toContain('spec.sourceConfig');
    expect(err.message).toContain('spec.output.topic output topic "persistent://bad" is invalid');
  });

  it('a function needs exactly one runtime', async () => {
    const resource = {
      apiVersion: 'compute.functionmesh.io/v1alpha1',
      kind: 'Function',
      metadata: { name: 'f' },
      spec: {
        className: 'a.B',
        java: { jar: 'f.jar' },
        python: { py: 'f.py' },
        input: { topics: ['in'] },
        pulsar: { pulsarConfig: 'p' },
        resources: { requests: { memory: '1Gi' }, limits: { memory: '1Gi' } },
      },
    };
    expect((await errorOf(() => checkAdmission(resource))).message).toContain(
      'spec.java, spec.python you can only specify one runtime',
    );
    expect(() =>
      checkAdmission({ ...resource, spec: { ...resource.spec, python: undefined } }),
    ).not.toThrow();
  });

  it('replicas rules: positive, within min and max', async () => {
    const err = await errorOf(() =>
      generateResource(
        input({
          values: `input: {topics: [in]}\nsinkConfig: {}\n${PULSAR}\nreplicas: 3\nmaxReplicas: 2\nminReplicas: 0`,
        }),
      ),
    );
    expect(err.message).toContain('spec.maxReplicas must be greater than or equal to replicas (3)');
    expect(err.message).toContain('spec.minReplicas');
  });

  it('an output topic that is also an input topic is refused', async () => {
    const err = await errorOf(() =>
      generateResource(
        input({
          connectorType: 'pulsar-function',
          format: 'jar',
          values: `input: {topics: [t]}\noutput: {topic: t}\n${PULSAR}`,
        }),
      ),
    );
    expect(err.message).toContain('spec.output.topic t is also being used as an input topic');
  });
});

it('topic names and resource names', () => {
  expect(isValidTopic('persistent://public/default/in')).toBe(true);
  expect(isValidTopic('public/default/in')).toBe(true);
  expect(isValidTopic('in')).toBe(true);
  expect(isValidTopic('persistent://public/in')).toBe(false);
  expect(isValidTopic('a/b')).toBe(false);
  expect(isValidTopic('persistent://public/default/a/b')).toBe(true);
  expect(resourceName(`Very Long Connector Name For The ${'X'.repeat(40)}`)).toHaveLength(43);
  expect(resourceName('2nd.sink')).toBe('nd-sink');
  expect(resourceName('PokeAPI (Slipway example)')).toBe('pokeapi-slipway-example');
  expect(resourceName('--')).toBe('connector');
});
