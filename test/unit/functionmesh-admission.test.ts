/**
 * Issue 13, Function Mesh admission parity: the generated Source, Sink and Function resources for
 * each connector kind pass the shipped v0.27.2 CRD schema and the ported webhook rules; every
 * refusing rule shows its one-line message; what the operator accepts is accepted.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InputError } from '../../src/core/errors';
import type { Logger } from '../../src/core/log';
import { generateResource } from '../../src/connectors/functionmesh/resource';
import type { FunctionMeshInput } from '../../src/connectors/functionmesh/resource';
import {
  admissionProblems,
  OPERATOR_VERSION,
  quantityValue,
  topicNameError,
} from '../../src/connectors/functionmesh/admission';
import { schemaProblems } from '../../src/connectors/functionmesh/schema';

const IMAGE = `ghcr.io/acme/conn@sha256:${'ab'.repeat(32)}`;
const PULSAR = 'pulsar: {pulsarConfig: my-pulsar}';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'slipway-fm-adm-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function recorder(): Logger & { lines: string[] } {
  const lines: string[] = [];
  return {
    lines,
    info: (m) => lines.push(m),
    warn: (m) => lines.push(`warning: ${m}`),
    debug: () => undefined,
    progress: () => undefined,
  };
}

const KINDS: Record<string, Partial<FunctionMeshInput> & { values: string }> = {
  'Source NAR': {
    connectorType: 'pulsar-source',
    format: 'nar',
    name: 'counter',
    className: 'com.example.CounterSource',
    pathInImage: '/pulsar/connectors/counter-0.1.0.nar',
    values: `output: {topic: persistent://public/default/counter}\nsourceConfig: {intervalMs: 500}\n${PULSAR}`,
  },
  'Sink NAR': {
    connectorType: 'pulsar-sink',
    format: 'nar',
    name: 'es-sink',
    className: 'com.example.EsSink',
    pathInImage: '/pulsar/connectors/es-sink-1.0.nar',
    values: `input: {topics: [persistent://public/default/in]}\nsinkConfig: {url: "http://es:9200"}\n${PULSAR}`,
  },
  'Java Function': {
    connectorType: 'pulsar-function',
    format: 'jar',
    name: 'exclaim',
    className: 'com.example.Exclaim',
    pathInImage: '/pulsar/exclaim.jar',
    values: `input: {topics: [in]}\noutput: {topic: out}\n${PULSAR}`,
  },
  'Python Function': {
    connectorType: 'pulsar-function',
    format: 'python',
    name: 'exclamation',
    className: 'exclamation.Exclamation',
    pathInImage: '/pulsar/exclamation.py',
    values: `input: {topics: [in]}\noutput: {topic: out}\n${PULSAR}`,
  },
  'Go Function': {
    connectorType: 'pulsar-function',
    format: 'go',
    name: 'go-fn',
    pathInImage: '/pulsar/go-fn',
    values: `input: {topics: [in]}\noutput: {topic: out}\n${PULSAR}`,
  },
};

function input(
  base: keyof typeof KINDS,
  overrides: Partial<FunctionMeshInput> = {},
): FunctionMeshInput {
  return {
    connectorType: 'pulsar-sink',
    format: 'nar',
    imageRef: IMAGE,
    pathInImage: '/pulsar/connectors/x.nar',
    workingDirectory: dir,
    ...KINDS[base],
    ...overrides,
  };
}

async function refusal(fn: () => Promise<unknown>): Promise<string> {
  try {
    await fn();
  } catch (err) {
    if (err instanceof InputError) return err.message;
    throw err;
  }
  throw new Error('expected an InputError');
}

/** The refusal for the given values on the named kind, checked to be one line. */
async function refused(base: keyof typeof KINDS, values: string): Promise<string> {
  const message = await refusal(() => generateResource(input(base, { values })));
  expect(message).not.toContain('\n');
  expect(message).toMatch(/^The Function Mesh (Source|Sink|Function) would be refused by /);
  return message;
}

describe('each connector kind: generated resource passes the v0.27.2 schema and webhook rules', () => {
  it.each(Object.keys(KINDS))('%s', async (name) => {
    const logger = recorder();
    const out = await generateResource(input(name), logger);
    expect(await schemaProblems(out.resource)).toEqual([]);
    expect(admissionProblems(out.resource)).toEqual([]);
    const spec = out.resource.spec as Record<string, unknown>;
    // The operator refuses a resource without memory requests and limits: Slipway fills them.
    expect(spec.resources).toEqual({
      requests: { cpu: '1', memory: '1Gi' },
      limits: { cpu: '1', memory: '1Gi' },
    });
    expect(logger.lines.join('\n')).toMatch(
      /spec\.resources requests\.cpu=1, limits\.cpu=1, requests\.memory=1Gi, limits\.memory=1Gi filled in \(Pulsar Functions' default resources/,
    );
  });

  it("the user's resources are kept; missing halves are padded from them", async () => {
    const logger = recorder();
    const values = `${KINDS['Sink NAR'].values}\nresources: {requests: {cpu: "0.1", memory: 2Gi}}`;
    const out = await generateResource(input('Sink NAR', { values }), logger);
    expect((out.resource.spec as Record<string, unknown>).resources).toEqual({
      requests: { cpu: '0.1', memory: '2Gi' },
      limits: { cpu: '0.1', memory: '2Gi' },
    });
    expect(logger.lines[0]).toMatch(/limits\.cpu=0\.1, limits\.memory=2Gi filled in/);
  });
});

describe('accepted as the operator accepts them', () => {
  it('multi-segment topics with a domain, short names and tenant/namespace/topic', async () => {
    const values = `input: {topics: ["persistent://acme/ns/orders/eu/v1", "non-persistent://a=b/c:d/e", "public/default/x", y]}\nsinkConfig: {}\n${PULSAR}`;
    await expect(generateResource(input('Sink NAR', { values }))).resolves.toBeDefined();
    expect(topicNameError('persistent://acme/ns/orders/eu/v1')).toBeUndefined();
  });

  it('a Function that reads from a sourceConfig has no input topics', async () => {
    const values = `sourceConfig: {className: com.example.Gen, configs: {rate: 5}}\noutput: {topic: out}\n${PULSAR}`;
    const out = await generateResource(input('Java Function', { values }));
    expect((out.resource.spec as Record<string, unknown>).input).toBeUndefined();
  });

  it('a Function that writes to a sinkConfig may name an output topic that is also an input', async () => {
    const values = `input: {topics: [t]}\noutput: {topic: t}\nsinkConfig: {className: com.example.S}\n${PULSAR}`;
    await expect(generateResource(input('Java Function', { values }))).resolves.toBeDefined();
  });

  it('replicas 2 with maxReplicas 4 (HPA)', async () => {
    const ok = `${KINDS['Sink NAR'].values}\nreplicas: 2\nmaxReplicas: 4`;
    await expect(generateResource(input('Sink NAR', { values: ok }))).resolves.toBeDefined();
  });

  it('an int-or-string quantity as a plain integer', async () => {
    const values = `${KINDS['Sink NAR'].values}\nresources: {requests: {cpu: 1, memory: 1073741824}, limits: {cpu: 2, memory: 2Gi}}`;
    await expect(generateResource(input('Sink NAR', { values }))).resolves.toBeDefined();
  });
});

describe('refused by the CRD schema (what the API server would drop or reject)', () => {
  it('a wrong type: autoAck "yes"', async () => {
    const message = await refused('Sink NAR', `${KINDS['Sink NAR'].values}\nautoAck: 'yes'`);
    expect(message).toContain(`by the API server (function-mesh ${OPERATOR_VERSION})`);
    expect(message).toContain(
      'spec.autoAck must be boolean, not string "yes" (fix: write true or false)',
    );
  });

  it('a Sink sinkConfig given as a string', async () => {
    const values = `input: {topics: [in]}\nsinkConfig: 'a=b'\n${PULSAR}`;
    expect(await refused('Sink NAR', values)).toContain(
      'spec.sinkConfig must be object, not string "a=b" (fix: write a mapping (key: value lines), not a string)',
    );
  });

  it('an unknown field, with a suggestion', async () => {
    const message = await refused('Sink NAR', `${KINDS['Sink NAR'].values}\nautoack: true`);
    expect(message).toContain(
      'spec.autoack is not a field of the Sink CRD (the API server would drop it silently) (fix: did you mean autoAck? otherwise remove it)',
    );
  });

  it('an unknown nested field names its full path', async () => {
    const values = `input: {topics: [in], topicz: [x]}\nsinkConfig: {}\n${PULSAR}`;
    expect(await refused('Sink NAR', values)).toContain(
      'spec.input.topicz is not a field of the Sink CRD',
    );
  });

  it('an unknown metadata field', async () => {
    const values = `metadata: {name: s, lables: {a: b}}\nspec: {input: {topics: [in]}, sinkConfig: {}, ${PULSAR}}`;
    expect(await refused('Sink NAR', values)).toContain(
      'metadata.lables is not a field of the Sink CRD',
    );
  });

  it('a float cpu (int-or-string) says to quote it', async () => {
    const values = `${KINDS['Sink NAR'].values}\nresources: {requests: {cpu: 0.5}}`;
    expect(await refused('Sink NAR', values)).toContain(
      'spec.resources.requests.cpu must be an integer or a string (int-or-string), not number 0.5 (fix: quote a quantity',
    );
  });

  it('a string that is not a quantity', async () => {
    const values = `${KINDS['Sink NAR'].values}\nresources: {limits: {memory: lots}}`;
    expect(await refused('Sink NAR', values)).toContain(
      'spec.resources.limits.memory string "lots" is not a Kubernetes quantity',
    );
  });

  it('an enum value', async () => {
    const values = `${KINDS['Sink NAR'].values}\nprocessingGuarantee: exactly_once`;
    expect(await refused('Sink NAR', values)).toMatch(
      /spec\.processingGuarantee must be one of "atleast_once", "atmost_once", "effectively_once"/,
    );
  });

  it('a field required inside an object', async () => {
    const values = `${KINDS['Java Function'].values}\nstatefulConfig: {pulsar: {}}`;
    expect(await refused('Java Function', values)).toContain(
      'spec.statefulConfig.pulsar.serviceUrl is required by the CRD schema (fix: add serviceUrl)',
    );
  });

  it('a Function-only field on a Sink, and an int32 out of range', async () => {
    const values = `${KINDS['Sink NAR'].values}\nmaxPendingAsyncRequests: 1\ntimeout: 4294967296`;
    const message = await refused('Sink NAR', values);
    expect(message).toContain('spec.maxPendingAsyncRequests is not a field of the Sink CRD');
    expect(message).toContain('spec.timeout must be int32, not number 4294967296');
  });
});

describe('refused by the ported webhook rules', () => {
  const sink = KINDS['Sink NAR'].values;
  const fn = KINDS['Java Function'].values;
  const source = KINDS['Source NAR'].values;
  const cases: [string, keyof typeof KINDS, string, string][] = [
    [
      'name longer than 43 characters',
      'Sink NAR',
      `metadata: {name: ${'a'.repeat(44)}}\nspec: {input: {topics: [in]}, sinkConfig: {}, ${PULSAR}}`,
      'metadata.name must be no more than 43 characters (the sink webhook\'s limit; "' +
        'a'.repeat(44) +
        '" has 44) (fix: use a name of at most 43 characters)',
    ],
    [
      'name with a dot (the Service name)',
      'Sink NAR',
      `metadata: {name: es.sink}\nspec: {input: {topics: [in]}, sinkConfig: {}, ${PULSAR}}`,
      'metadata.name "es.sink" must be lowercase letters, digits and "-", starting with a letter',
    ],
    [
      'tenant outside Pulsar names',
      'Sink NAR',
      `${sink}\ntenant: "acme corp"`,
      'spec.tenant "acme corp" holds characters Pulsar does not allow in a tenant name',
    ],
    [
      'namespace outside Pulsar names',
      'Java Function',
      `${fn}\nnamespace: "a/b"`,
      'spec.namespace "a/b" holds characters Pulsar does not allow in a namespace name',
    ],
    [
      'Source without pulsarConfig',
      'Source NAR',
      'sourceConfig: {}',
      'spec.pulsar.pulsarConfig Pulsar configuration needs to be set (fix: name the ConfigMap',
    ],
    [
      'Source without sourceConfig',
      'Source NAR',
      PULSAR,
      'spec.sourceConfig source config is not provided',
    ],
    [
      'Sink without sinkConfig',
      'Sink NAR',
      `input: {topics: [in]}\n${PULSAR}`,
      'spec.sinkConfig sink config is not provided',
    ],
    [
      'memory request of 0',
      'Sink NAR',
      `${sink}\nresources: {requests: {memory: "0"}, limits: {memory: 1Gi}}`,
      'spec.resources.requests.memory must be greater than 0',
    ],
    [
      'memory request above the limit',
      'Sink NAR',
      `${sink}\nresources: {requests: {memory: 2Gi}, limits: {memory: 1Gi}}`,
      'spec.resources.requests.memory must not exceed limits.memory (1Gi)',
    ],
    [
      'cpu request above a nonzero limit',
      'Sink NAR',
      `${sink}\nresources: {requests: {cpu: "2"}, limits: {cpu: 500m}}`,
      'spec.resources.requests.cpu must not exceed limits.cpu (500m)',
    ],
    [
      'negative cpu',
      'Sink NAR',
      `${sink}\nresources: {requests: {cpu: "-1"}}`,
      'spec.resources.requests.cpu cannot be negative',
    ],
    [
      'a short topic with two segments',
      'Sink NAR',
      `input: {topics: [a/b]}\nsinkConfig: {}\n${PULSAR}`,
      'spec.input input topic "a/b" is invalid: a short name is <topic> or <tenant>/<namespace>/<topic>',
    ],
    [
      'a topic with an unknown domain',
      'Source NAR',
      `${source.replace('persistent://public/default/counter', 'kafka://a/b/c')}`,
      'spec.output.topic output topic "kafka://a/b/c" is invalid: the domain is persistent or non-persistent',
    ],
    [
      'a topic whose tenant has a space',
      'Sink NAR',
      `input: {topics: ["persistent://my tenant/ns/t"]}\nsinkConfig: {}\n${PULSAR}`,
      'tenant "my tenant" may hold only a-z, A-Z, 0-9 and _-=:.',
    ],
    [
      'a Function with neither input topics nor sourceConfig',
      'Java Function',
      `output: {topic: out}\n${PULSAR}`,
      'spec.input No input topic(s) specified for the function (fix: give input: {topics: [persistent://public/default/in]}, or a sourceConfig)',
    ],
    [
      'output topic that is also an input',
      'Java Function',
      `input: {topics: [t]}\noutput: {topic: t}\n${PULSAR}`,
      'spec.output.topic t is also being used as an input topic',
    ],
    [
      'two runtimes',
      'Java Function',
      `${fn}\npython: {py: x.py}`,
      'spec.java, spec.python you can only specify one runtime',
    ],
    [
      'a key left empty in YAML (null)',
      'Sink NAR',
      `${sink}\njava: null`,
      'spec.java must be object, not null',
    ],
    [
      'className missing on a java runtime',
      'Java Function',
      `${fn}\nclassName: ""`,
      'spec.className class name cannot be empty',
    ],
    [
      'a bad jarLocation',
      'Sink NAR',
      `${sink}\njava: {jar: x.nar, jarLocation: "s3://bucket/x.nar"}`,
      'spec.java.jarLocation is not a supported package URL ("s3://bucket/x.nar")',
    ],
    [
      'a function:// package without tenant/namespace/name',
      'Java Function',
      `${fn}\njava: {jar: x.jar, jarLocation: "function://x@1"}`,
      'spec.java.jarLocation is not a valid package name ("function://x@1")',
    ],
    [
      'maxReplicas below replicas',
      'Sink NAR',
      `${sink}\nreplicas: 3\nmaxReplicas: 2`,
      'spec.maxReplicas must be greater than or equal to replicas (3) (fix: set maxReplicas to 3 or more, or lower replicas)',
    ],
    [
      'replicas 0 (the webhook defaults minReplicas to it)',
      'Sink NAR',
      `${sink}\nreplicas: 0`,
      'spec.minReplicas cannot be zero or negative (it is 0 (defaulted by the webhook))',
    ],
    [
      'replicas 0 with HPA',
      'Sink NAR',
      `${sink}\nreplicas: 0\nminReplicas: 1\nmaxReplicas: 3`,
      'spec.replicas cannot be zero when maxReplicas (HPA) is set',
    ],
    [
      'minReplicas above maxReplicas',
      'Sink NAR',
      `${sink}\nreplicas: 2\nminReplicas: 3\nmaxReplicas: 2`,
      'spec.minReplicas must be less than or equal to maxReplicas (2)',
    ],
    [
      'HPA and VPA together',
      'Sink NAR',
      `${sink}\nmaxReplicas: 2\npod: {vpa: {}}`,
      'spec.pod.vpa you can not enable HPA (maxReplicas) and VPA at the same time',
    ],
    [
      'timeout with effectively_once',
      'Java Function',
      `${fn}\nprocessingGuarantee: effectively_once\ntimeout: 100`,
      'spec.timeout message timeout can only be set for atleast_once processing guarantee',
    ],
    [
      'dead letter topic without retries',
      'Sink NAR',
      `${sink}\ndeadLetterTopic: dlq`,
      'spec.maxMessageRetry dead letter topic is set but max message retry is set to infinity',
    ],
    [
      'retainOrdering and retainKeyOrdering',
      'Java Function',
      `${fn}\nretainOrdering: true\nretainKeyOrdering: true`,
      'spec.retainKeyOrdering only one of retainOrdering or retainKeyOrdering can be set',
    ],
    [
      'an invalid log topic',
      'Java Function',
      `${fn}\nlogTopic: "a/b"`,
      'spec.logTopic log topic "a/b" is invalid',
    ],
    [
      'window config without a length',
      'Java Function',
      `${fn}\nwindowConfig: {actualWindowFunctionClassName: W}`,
      'spec.windowConfig Window length is not specified',
    ],
    [
      'window config the webhook crashes on',
      'Java Function',
      `${fn}\nwindowConfig: {actualWindowFunctionClassName: W, windowLengthCount: 5}`,
      'needs maxLagMs and watermarkEmitIntervalMs (the webhook fails without them)',
    ],
    [
      'stateful Go function',
      'Go Function',
      `${KINDS['Go Function'].values}\nstatefulConfig: {pulsar: {serviceUrl: "bk://x:4181"}}`,
      'spec.statefulConfig Golang functions do not support stateful functions yet',
    ],
    [
      'pulsarPackageService without pulsarConfig',
      'Sink NAR',
      `${sink}\npulsarPackageService: {}`,
      'spec.pulsarPackageService.pulsarConfig needs to be set',
    ],
    [
      'duplicate builtin autoscaler metrics',
      'Java Function',
      `${fn}\npod: {builtinAutoscaler: [AverageUtilizationCPUPercent20, AverageUtilizationCPUPercent80]}`,
      'spec.pod.builtinAutoscaler Duplicate CPU autoscaler metrics are set',
    ],
    [
      'output crypto without keys',
      'Source NAR',
      `sourceConfig: {}\n${PULSAR}\noutput: {topic: out, producerConf: {cryptoConfig: {cryptoKeyReaderClassName: K}}}`,
      'spec.output.producerConf.cryptoConfig.encryptionKeys must provide encryption key name for crypto key reader',
    ],
  ];
  it.each(cases)('%s', async (_title, base, values, expected) => {
    expect(await refused(base, values)).toContain(expected);
  });

  it('a Sink or Source without a java runtime (checked on the resource itself)', () => {
    const problems = admissionProblems({
      kind: 'Source',
      metadata: { name: 'src' },
      spec: {
        className: 'a.B',
        python: { py: 'x.py' },
        sourceConfig: {},
        pulsar: { pulsarConfig: 'p' },
        resources: { requests: { memory: '1Gi' }, limits: { memory: '1Gi' } },
      },
    });
    expect(problems).toEqual([
      {
        field: 'spec.java',
        rule: 'source must have java runtime specified',
        fix: 'give java: {jar: connectors/<file>.nar}',
      },
    ]);
  });

  it('a refusal happens before anything is built: checkAfterPush-style stand-in digest', async () => {
    const standIn = `example.invalid/image@sha256:${'0'.repeat(64)}`;
    const message = await refusal(() =>
      generateResource(input('Source NAR', { imageRef: standIn, values: 'sourceConfig: {}' })),
    );
    expect(message).toMatch(
      /by the operator \(function-mesh v0\.27\.2\): spec\.pulsar\.pulsarConfig/,
    );
  });
});

it('quantities parse as apimachinery does', () => {
  expect(quantityValue('1Gi')).toBe(1073741824);
  expect(quantityValue('500m')).toBe(0.5);
  expect(quantityValue('1e3')).toBe(1000);
  expect(quantityValue('1G')).toBe(1e9);
  expect(quantityValue(2)).toBe(2);
  expect(quantityValue('1 Gi')).toBeUndefined();
  expect(quantityValue('Gi')).toBeUndefined();
});
