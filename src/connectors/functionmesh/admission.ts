/**
 * The Function Mesh operator's admission rules for Function, Sink and Source resources, ported
 * from streamnative/function-mesh v0.27.2 (commit 2e3868980a1ece018df268906bf8b0105302b4b7):
 * pkg/webhook/{function,sink,source}_webhook.go (Default, then ValidateCreate), validate.go and
 * common.go, with topic names parsed as pulsar-client-go v0.17.0 (the operator's dependency)
 * does in pulsaradmin/pkg/utils (GetTopicName, GetNameSpaceName, CheckName).
 *
 * A few rules go beyond the webhook where the operator would accept a resource and then fail to
 * run it; each says so where it is checked.
 */
import { InputError } from '../../core/errors';
import { isRecord } from '../../core/json';
import type { Logger } from '../../core/log';

/** The operator release whose webhooks and CRDs these checks follow. */
export const OPERATOR_VERSION = 'v0.27.2';

export type FunctionMeshKind = 'Source' | 'Sink' | 'Function';

type Yaml = Record<string, unknown>;

/** One reason the operator would refuse the resource: where, which rule, and what to do. */
export interface Problem {
  field: string;
  rule: string;
  fix: string;
}

/** One line naming every field, rule and fix; thrown before anything is built or pushed. */
export function refusal(kind: FunctionMeshKind, problems: Problem[], by: string): InputError {
  const list = problems.map((p) => `${p.field} ${p.rule} (fix: ${p.fix})`).join('; ');
  return new InputError(
    `The Function Mesh ${kind} would be refused by ${by} (function-mesh ${OPERATOR_VERSION}): ${list}; change function-mesh-values accordingly.`,
  );
}

// ---------------------------------------------------------------------------------------------
// Names and topics

/** pkg/webhook/common.go maxNameLength: the StatefulSet's pods need `<name>-<kind>-<hash>` ≤ 63. */
export const MAX_NAME_LENGTH = 43;

/**
 * The operator names the StatefulSet `<name>-function|sink|source` and its headless Service
 * `<that>-headless`; a Service name must be an RFC 1035 label, so a name with a dot or a leading
 * digit passes admission but can never run. We refuse it here.
 */
const DNS1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;

/** pulsar-client-go CheckName: tenant, namespace and cluster names (Go's \w is ASCII). */
const PULSAR_NAME = /^[-=:.\w]*$/;

/** Why a topic name is invalid, as pulsar-client-go v0.17.0 GetTopicName sees it; or undefined. */
export function topicNameError(name: string): string | undefined {
  let complete = name;
  if (!complete.includes('://')) {
    const parts = complete.split('/');
    if (parts.length === 3) complete = `persistent://${complete}`;
    else if (parts.length === 1) complete = `persistent://public/default/${parts[0]}`;
    else return 'a short name is <topic> or <tenant>/<namespace>/<topic>';
  }
  const at = complete.indexOf('://');
  const domain = complete.slice(0, at);
  if (domain !== 'persistent' && domain !== 'non-persistent') {
    return `the domain is persistent or non-persistent, not "${domain}"`;
  }
  // SplitN(rest, "/", 3): the local name keeps any further slashes (multi-segment topics).
  const rest = complete.slice(at + 3);
  const first = rest.indexOf('/');
  const second = first < 0 ? -1 : rest.indexOf('/', first + 1);
  if (second < 0) return 'a full name is <domain>://<tenant>/<namespace>/<topic>';
  const tenant = rest.slice(0, first);
  const namespace = rest.slice(first + 1, second);
  if (rest.slice(second + 1) === '') return 'the topic part is empty';
  if (tenant === '' || namespace === '') return 'the tenant or namespace is empty';
  if (!PULSAR_NAME.test(tenant)) return `tenant "${tenant}" may hold only a-z, A-Z, 0-9 and _-=:.`;
  if (!PULSAR_NAME.test(namespace)) {
    return `namespace "${namespace}" may hold only a-z, A-Z, 0-9 and _-=:.`;
  }
  return undefined;
}

export function isValidTopic(name: string): boolean {
  return topicNameError(name) === undefined;
}

// ---------------------------------------------------------------------------------------------
// Kubernetes quantities

const QUANTITY =
  /^([+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+))(Ki|Mi|Gi|Ti|Pi|Ei|[numkMGTPE]|[eE][+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+))?$/;
const BINARY: Record<string, number> = { Ki: 1, Mi: 2, Gi: 3, Ti: 4, Pi: 5, Ei: 6 };
const DECIMAL: Record<string, number> = {
  n: -9,
  u: -6,
  m: -3,
  k: 3,
  M: 6,
  G: 9,
  T: 12,
  P: 15,
  E: 18,
};

/**
 * The value of a Kubernetes quantity (apimachinery resource.Quantity), or undefined when it is
 * not one. Hand-written: the only library that parses quantities is the whole Kubernetes client,
 * and comparisons here need only a float's precision. The grammar is the CRD schema's pattern.
 */
export function quantityValue(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value !== 'string') return undefined;
  const m = QUANTITY.exec(value);
  if (!m) return undefined;
  const number = Number(m[1]);
  const suffix = m[2] ?? '';
  if (suffix === '') return number;
  if (suffix in BINARY) return number * 1024 ** BINARY[suffix];
  if (suffix in DECIMAL) return number * 10 ** DECIMAL[suffix];
  return number * 10 ** Number(suffix.slice(1));
}

// ---------------------------------------------------------------------------------------------
// Defaults Slipway fills in

/**
 * Pulsar Functions' default resources (Resources.getDefaultResources: cpu 1, ram 1 GiB), which
 * the operator's webhook also names (DefaultResourceCPU, DefaultResourceMemory) but, in v0.27.2,
 * fails to apply: its Default() sets them on copies of the quantities, so a resource without
 * `resources` is refused ("resource requirement is invalid": memory must be > 0).
 */
export const DEFAULT_RESOURCES = { cpu: '1', memory: '1Gi' } as const;

/**
 * Fills `spec.resources` requests and limits (cpu, memory) that the user did not give, so the
 * operator admits the resource: requests from the defaults (or the user's limit), limits equal to
 * the requests (the operator's own paddingResourceLimit intent). Says what it filled in the log.
 */
export function fillResourceDefaults(resource: Yaml, logger?: Logger): void {
  const spec = resource.spec;
  if (!isRecord(spec)) return;
  if (spec.resources === undefined) spec.resources = {};
  const resources = spec.resources;
  if (!isRecord(resources)) return; // a wrong type is refused by the schema check
  for (const side of ['requests', 'limits'] as const) {
    if (resources[side] === undefined) resources[side] = {};
  }
  const { requests, limits } = resources;
  if (!isRecord(requests) || !isRecord(limits)) return;
  const filled: string[] = [];
  for (const name of ['cpu', 'memory'] as const) {
    if (requests[name] === undefined) {
      requests[name] = limits[name] ?? DEFAULT_RESOURCES[name];
      filled.push(`requests.${name}=${String(requests[name])}`);
    }
    if (limits[name] === undefined) {
      limits[name] = requests[name];
      filled.push(`limits.${name}=${String(limits[name])}`);
    }
  }
  if (filled.length > 0) {
    logger?.info(
      `function mesh: spec.resources ${filled.join(', ')} filled in (Pulsar Functions' default resources, cpu ${DEFAULT_RESOURCES.cpu} and memory ${DEFAULT_RESOURCES.memory}; the ${OPERATOR_VERSION} operator refuses a resource without memory requests and limits); set resources in function-mesh-values to change them`,
    );
  }
}

// ---------------------------------------------------------------------------------------------
// The webhook rules

function obj(v: unknown): Yaml | undefined {
  return isRecord(v) ? v : undefined;
}

/** Go's zero value test for an optional string field: absent or "". */
function str(v: unknown): string {
  return typeof v === 'string' ? v : '';
}

function num(v: unknown): number | undefined {
  return typeof v === 'number' ? v : undefined;
}

/** pkg/webhook/common.go collectAllInputTopics. */
function collectAllInputTopics(input: Yaml | undefined): string[] {
  if (!input) return [];
  const topics: string[] = [];
  if (Array.isArray(input.topics)) topics.push(...input.topics.map(String));
  if (str(input.topicPattern) !== '') topics.push(str(input.topicPattern));
  for (const key of ['customSerdeSources', 'customSchemaSources', 'sourceSpecs']) {
    const map = obj(input[key]);
    if (map) topics.push(...Object.keys(map));
  }
  return topics;
}

/** pkg/webhook/common.go validPackageLocation: function://, source://, sink:// or http(s)://. */
function packageLocationError(location: string): string | undefined {
  const lower = location.toLowerCase();
  if (/^(function|source|sink):\/\//.test(lower)) {
    const parts = location.split('://');
    const rest = parts[1] ?? '';
    const withVersion = rest.includes('@') ? rest : `${rest}@`;
    const pkg = withVersion.split('@');
    if (parts.length !== 2 || pkg.length !== 2 || pkg[0].split('/').length !== 3) {
      return `is not a valid package name ("${location}")`;
    }
    return undefined;
  }
  if (lower.startsWith('http://') || lower.startsWith('https://')) return undefined;
  return `is not a supported package URL ("${location}")`;
}

function checkName(metadata: Yaml, kind: FunctionMeshKind, problems: Problem[]): void {
  const name = str(metadata.name);
  if (name === '') {
    problems.push({
      field: 'metadata.name',
      rule: 'is required',
      fix: 'set metadata: {name: my-connector}',
    });
    return;
  }
  if (name.length > MAX_NAME_LENGTH) {
    problems.push({
      field: 'metadata.name',
      rule: `must be no more than ${MAX_NAME_LENGTH} characters (the ${kind.toLowerCase()} webhook's limit; "${name}" has ${name.length})`,
      fix: `use a name of at most ${MAX_NAME_LENGTH} characters`,
    });
  }
  if (!DNS1035_LABEL.test(name)) {
    problems.push({
      field: 'metadata.name',
      rule: `"${name}" must be lowercase letters, digits and "-", starting with a letter (the operator's Service "${name}-${kind.toLowerCase()}-headless" must be an RFC 1035 label)`,
      fix: 'use a name such as my-connector',
    });
  }
  const namespace = metadata.namespace;
  if (
    namespace !== undefined &&
    (typeof namespace !== 'string' || !/^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/.test(namespace))
  ) {
    problems.push({
      field: 'metadata.namespace',
      rule: 'must be a Kubernetes namespace name (an RFC 1123 label)',
      fix: 'use lowercase letters, digits and "-", or leave it out',
    });
  }
}

function checkPulsarNames(spec: Yaml, problems: Problem[]): void {
  for (const key of ['tenant', 'namespace', 'clusterName'] as const) {
    const value = spec[key];
    if (typeof value === 'string' && !PULSAR_NAME.test(value)) {
      problems.push({
        field: `spec.${key}`,
        rule: `"${value}" holds characters Pulsar does not allow in a ${key === 'clusterName' ? 'cluster' : key} name (pulsar-client-go CheckName: a-z, A-Z, 0-9 and _-=:.)`,
        fix: 'use only those characters',
      });
    }
  }
}

function checkRuntime(spec: Yaml, kind: FunctionMeshKind, problems: Problem[]): void {
  const java = obj(spec.java);
  const python = obj(spec.python);
  const golang = obj(spec.golang);
  if (kind === 'Function') {
    if (!java && !python && !golang && spec.genericRuntime === undefined) {
      problems.push({
        field: 'spec.java / spec.python / spec.golang',
        rule: 'runtime cannot be empty',
        fix: 'give one runtime',
      });
    }
    const set = (['java', 'python', 'golang'] as const).filter((r) => spec[r] !== undefined);
    if (set.length > 1) {
      problems.push({
        field: `spec.${set.join(', spec.')}`,
        rule: 'you can only specify one runtime',
        fix: `keep one of ${set.join(' and ')}`,
      });
    }
  } else if (!java) {
    problems.push({
      field: 'spec.java',
      rule: `${kind.toLowerCase()} must have java runtime specified`,
      fix: 'give java: {jar: connectors/<file>.nar}',
    });
  }
  const className = str(spec.className);
  const runtimes: [string, Yaml | undefined, string, string][] = [
    ['java', java, 'jar', 'jarLocation'],
    ['python', python, 'py', 'pyLocation'],
    ['golang', golang, 'go', 'goLocation'],
  ];
  for (const [runtime, body, file, location] of runtimes) {
    if (!body) continue;
    if (runtime !== 'golang' && className === '') {
      problems.push({
        field: 'spec.className',
        rule: 'class name cannot be empty',
        fix:
          kind === 'Function'
            ? 'set class-name (the function class), or className in the values'
            : 'set class-name (the connector class)',
      });
    }
    if (str(body[file]) === '') {
      problems.push({
        field: `spec.${runtime}.${file}`,
        rule: `${file} cannot be empty in ${runtime} runtime`,
        fix: `give the path of the ${runtime === 'golang' ? 'Go binary' : runtime === 'python' ? 'Python file' : 'jar or NAR'}`,
      });
    }
    const where = str(body[location]);
    const error = where === '' ? undefined : packageLocationError(where);
    if (error) {
      problems.push({
        field: `spec.${runtime}.${location}`,
        rule: error,
        fix: 'use function://, source:// or sink://<tenant>/<namespace>/<name>[@version], an http(s) URL, or "" for the file in the image',
      });
    }
  }
}

/** The webhook's Default() for replicas: replicas and minReplicas default to each other, or 1. */
function defaultedReplicas(spec: Yaml): { replicas?: number; minReplicas?: number } {
  let replicas = num(spec.replicas);
  let minReplicas = num(spec.minReplicas);
  if (replicas === undefined || minReplicas === undefined) {
    if (minReplicas !== undefined) replicas = minReplicas;
    else if (replicas !== undefined) minReplicas = replicas;
    else replicas = minReplicas = 1;
  }
  return { replicas, minReplicas };
}

function checkReplicas(spec: Yaml, problems: Problem[]): void {
  const { replicas, minReplicas } = defaultedReplicas(spec);
  const maxReplicas = num(spec.maxReplicas);
  const given = (field: string): string =>
    spec[field] === undefined ? ' (defaulted by the webhook)' : '';
  if (replicas !== undefined && replicas < 0) {
    problems.push({ field: 'spec.replicas', rule: 'cannot be negative', fix: 'use 1 or more' });
  }
  if (maxReplicas !== undefined && replicas !== undefined) {
    if (replicas > maxReplicas) {
      problems.push({
        field: 'spec.maxReplicas',
        rule: `must be greater than or equal to replicas (${replicas})`,
        fix: `set maxReplicas to ${replicas} or more, or lower replicas`,
      });
    }
    if (replicas === 0) {
      problems.push({
        field: 'spec.replicas',
        rule: 'cannot be zero when maxReplicas (HPA) is set',
        fix: 'use 1 or more',
      });
    }
  }
  if (minReplicas !== undefined && minReplicas <= 0) {
    problems.push({
      field: 'spec.minReplicas',
      rule: `cannot be zero or negative (it is ${minReplicas}${given('minReplicas')})`,
      fix: 'use 1 or more for replicas and minReplicas',
    });
  }
  if (minReplicas !== undefined && replicas !== undefined && minReplicas > replicas) {
    problems.push({
      field: 'spec.minReplicas',
      rule: `must be less than or equal to replicas (${replicas}${given('replicas')})`,
      fix: `set minReplicas to at most ${replicas}`,
    });
  }
  if (minReplicas !== undefined && maxReplicas !== undefined && minReplicas > maxReplicas) {
    problems.push({
      field: 'spec.minReplicas',
      rule: `must be less than or equal to maxReplicas (${maxReplicas})`,
      fix: `set minReplicas to at most ${maxReplicas}`,
    });
  }
}

function checkPod(spec: Yaml, kind: FunctionMeshKind, problems: Problem[]): void {
  const pod = obj(spec.pod);
  const vpa = obj(pod?.vpa);
  if (vpa) {
    if (spec.maxReplicas !== undefined) {
      problems.push({
        field: 'spec.pod.vpa',
        rule: 'you can not enable HPA (maxReplicas) and VPA at the same time',
        fix: 'remove pod.vpa or maxReplicas',
      });
    }
    const policies = obj(vpa.resourcePolicy)?.containerPolicies;
    if (Array.isArray(policies) && policies.some((p) => str(obj(p)?.containerName) === '')) {
      problems.push({
        field: 'spec.pod.vpa.resourcePolicy.containerPolicies',
        rule: 'container name must be specified',
        fix: 'give each policy a containerName',
      });
    }
  }
  if (kind === 'Function' && Array.isArray(pod?.builtinAutoscaler)) {
    const rules = pod.builtinAutoscaler.map(String);
    for (const metric of ['CPU', 'Memory']) {
      if (rules.filter((r) => r.startsWith(`AverageUtilization${metric}Percent`)).length > 1) {
        problems.push({
          field: 'spec.pod.builtinAutoscaler',
          rule: `Duplicate ${metric} autoscaler metrics are set`,
          fix: `keep one AverageUtilization${metric}Percent rule`,
        });
      }
    }
  }
}

/** pkg/webhook/common.go validResourceRequirement and validResource. */
function checkResources(spec: Yaml, problems: Problem[]): void {
  const resources = obj(spec.resources) ?? {};
  const sides = { requests: obj(resources.requests) ?? {}, limits: obj(resources.limits) ?? {} };
  const value = (side: 'requests' | 'limits', name: string): number =>
    quantityValue(sides[side][name]) ?? 0;
  for (const side of ['requests', 'limits'] as const) {
    if (!(value(side, 'memory') > 0)) {
      problems.push({
        field: `spec.resources.${side}.memory`,
        rule: 'must be greater than 0 (the webhook requires memory in both requests and limits)',
        fix: `set resources: {${side}: {memory: 1Gi}}`,
      });
    }
    for (const name of ['cpu', 'storage']) {
      if (value(side, name) < 0) {
        problems.push({
          field: `spec.resources.${side}.${name}`,
          rule: 'cannot be negative',
          fix: `set a positive ${name} quantity`,
        });
      }
    }
  }
  if (value('requests', 'memory') > value('limits', 'memory') && value('limits', 'memory') > 0) {
    problems.push({
      field: 'spec.resources.requests.memory',
      rule: `must not exceed limits.memory (${String(sides.limits.memory)})`,
      fix: 'raise limits.memory or lower requests.memory',
    });
  }
  if (value('limits', 'cpu') !== 0 && value('requests', 'cpu') > value('limits', 'cpu')) {
    problems.push({
      field: 'spec.resources.requests.cpu',
      rule: `must not exceed limits.cpu (${String(sides.limits.cpu)})`,
      fix: 'raise limits.cpu or lower requests.cpu',
    });
  }
}

function checkGuarantees(spec: Yaml, kind: FunctionMeshKind, problems: Problem[]): void {
  const effectivelyOnce = spec.processingGuarantee === 'effectively_once';
  const maxMessageRetry = num(spec.maxMessageRetry) ?? 0;
  if (kind !== 'Source') {
    if ((num(spec.timeout) ?? 0) !== 0 && effectivelyOnce) {
      problems.push({
        field: 'spec.timeout',
        rule: 'message timeout can only be set for atleast_once processing guarantee',
        fix: 'remove timeout or change processingGuarantee',
      });
    }
    if (maxMessageRetry > 0 && effectivelyOnce) {
      problems.push({
        field: 'spec.maxMessageRetry',
        rule: 'MaxMessageRetries and effectively_once are not compatible',
        fix: 'remove maxMessageRetry or change processingGuarantee',
      });
    }
    if (maxMessageRetry <= 0 && str(spec.deadLetterTopic) !== '') {
      problems.push({
        field: 'spec.maxMessageRetry',
        rule: 'dead letter topic is set but max message retry is set to infinity',
        fix: 'set maxMessageRetry to 1 or more, or remove deadLetterTopic',
      });
    }
  }
  if (kind === 'Function') {
    if (spec.retainKeyOrdering === true && effectivelyOnce) {
      problems.push({
        field: 'spec.retainKeyOrdering',
        rule: 'cannot be set with the effectively_once processing guarantee',
        fix: 'remove retainKeyOrdering or change processingGuarantee',
      });
    }
    if (spec.retainKeyOrdering === true && spec.retainOrdering === true) {
      problems.push({
        field: 'spec.retainKeyOrdering',
        rule: 'only one of retainOrdering or retainKeyOrdering can be set',
        fix: 'keep one of them',
      });
    }
  }
}

function topicProblem(field: string, what: string, topic: string): Problem | undefined {
  const error = topicNameError(topic);
  if (!error) return undefined;
  return {
    field,
    rule: `${what} "${topic}" is invalid: ${error}`,
    fix: 'use <topic>, <tenant>/<namespace>/<topic> or persistent://<tenant>/<namespace>/<topic>',
  };
}

/** pkg/webhook/validate.go validateInputOutput, with its skip flags. */
function checkInputOutput(spec: Yaml, kind: FunctionMeshKind, problems: Problem[]): void {
  const push = (p: Problem | undefined): void => {
    if (p) problems.push(p);
  };
  // A Function reads from its sourceConfig (a connector) instead of input topics, and writes to
  // its sinkConfig instead of an output topic; the webhook skips those checks then.
  const checkInput = kind === 'Sink' || (kind === 'Function' && spec.sourceConfig === undefined);
  const checkOutput = kind === 'Source' || (kind === 'Function' && spec.sinkConfig === undefined);
  const input = kind === 'Source' ? undefined : (obj(spec.input) ?? {});
  const inputs = collectAllInputTopics(input);
  if (input && checkInput) {
    if (inputs.length === 0) {
      problems.push({
        field: 'spec.input',
        rule: `No input topic(s) specified for the ${kind.toLowerCase()}`,
        fix:
          kind === 'Function'
            ? 'give input: {topics: [persistent://public/default/in]}, or a sourceConfig'
            : 'give input: {topics: [persistent://public/default/in]}',
      });
    }
    for (const topic of inputs) push(topicProblem('spec.input', 'input topic', topic));
    for (const [topic, conf] of Object.entries(obj(input.sourceSpecs) ?? {})) {
      const spec = obj(conf) ?? {};
      if ((num(spec.receiverQueueSize) ?? 0) < 0) {
        problems.push({
          field: `spec.input.sourceSpecs["${topic}"].receiverQueueSize`,
          rule: 'should be >= zero',
          fix: 'use 0 or more',
        });
      }
      const crypto = obj(spec.cryptoConfig);
      if (crypto && str(crypto.cryptoKeyReaderClassName) === '') {
        problems.push({
          field: `spec.input.sourceSpecs["${topic}"].cryptoConfig.cryptoKeyReaderClassName`,
          rule: 'is required',
          fix: 'name the CryptoKeyReader class',
        });
      }
    }
  }
  const output = obj(spec.output);
  const topic = str(output?.topic);
  if (checkOutput && output && topic !== '') {
    push(topicProblem('spec.output.topic', 'output topic', topic));
    if (inputs.includes(topic)) {
      problems.push({
        field: 'spec.output.topic',
        rule: `${topic} is also being used as an input topic (topics must be one or the other)`,
        fix: 'use a different output topic',
      });
    }
    const crypto = obj(obj(output.producerConf)?.cryptoConfig);
    if (crypto) {
      if (str(crypto.cryptoKeyReaderClassName) === '') {
        problems.push({
          field: 'spec.output.producerConf.cryptoConfig.cryptoKeyReaderClassName',
          rule: 'is required',
          fix: 'name the CryptoKeyReader class',
        });
      }
      if (!Array.isArray(crypto.encryptionKeys) || crypto.encryptionKeys.length === 0) {
        problems.push({
          field: 'spec.output.producerConf.cryptoConfig.encryptionKeys',
          rule: 'must provide encryption key name for crypto key reader',
          fix: 'list at least one key name',
        });
      }
    }
  }
  if (kind === 'Function' && str(spec.logTopic) !== '') {
    push(topicProblem('spec.logTopic', 'log topic', str(spec.logTopic)));
  }
  if (kind !== 'Source' && str(spec.deadLetterTopic) !== '') {
    push(topicProblem('spec.deadLetterTopic', 'dead letter topic', str(spec.deadLetterTopic)));
  }
}

function checkFunctionExtras(spec: Yaml, problems: Problem[]): void {
  const stateful = obj(obj(spec.statefulConfig)?.pulsar);
  if (stateful) {
    const golangOnly =
      spec.golang !== undefined && spec.python === undefined && spec.java === undefined;
    if (golangOnly) {
      problems.push({
        field: 'spec.statefulConfig',
        rule: 'Golang functions do not support stateful functions yet',
        fix: 'remove statefulConfig',
      });
    } else if (str(stateful.serviceUrl) === '') {
      problems.push({
        field: 'spec.statefulConfig.pulsar.serviceUrl',
        rule: 'cannot be empty',
        fix: 'give the state storage service URL',
      });
    }
  }
  const window = obj(spec.windowConfig);
  if (!window) return;
  const count = num(window.windowLengthCount);
  const duration = num(window.windowLengthDurationMs);
  const rule = (field: string, text: string, fix: string): void => {
    problems.push({ field: `spec.windowConfig${field}`, rule: text, fix });
  };
  // Default() dereferences these nil pointers, so the v0.27.2 webhook fails on the request.
  if (
    count !== undefined &&
    window.slidingIntervalCount === undefined &&
    (window.maxLagMs === undefined || window.watermarkEmitIntervalMs === undefined)
  ) {
    rule(
      '',
      'with windowLengthCount and no slidingIntervalCount needs maxLagMs and watermarkEmitIntervalMs (the webhook fails without them)',
      'set slidingIntervalCount, or maxLagMs and watermarkEmitIntervalMs',
    );
  }
  if (count === undefined && duration === undefined) {
    rule('', 'Window length is not specified', 'set windowLengthCount or windowLengthDurationMs');
    return;
  }
  if (count !== undefined && duration !== undefined) {
    rule('', 'Window length for time and count are set', 'set only one of them');
    return;
  }
  const positive: [string, string][] = [
    ['windowLengthCount', 'Window length'],
    ['windowLengthDurationMs', 'Window length'],
    ['slidingIntervalCount', 'Sliding interval'],
    ['slidingIntervalDurationMs', 'Sliding interval'],
    ...(window.timestampExtractorClassName !== undefined
      ? ([
          ['maxLagMs', 'Lag duration'],
          ['watermarkEmitIntervalMs', 'Watermark interval'],
        ] as [string, string][])
      : []),
  ];
  for (const [key, what] of positive) {
    const v = num(window[key]);
    if (v !== undefined && v <= 0) rule(`.${key}`, `${what} must be positive`, 'use 1 or more');
  }
}

function checkMessaging(spec: Yaml, problems: Problem[]): void {
  if (str(obj(spec.pulsar)?.pulsarConfig) === '') {
    problems.push({
      field: 'spec.pulsar.pulsarConfig',
      rule: 'Pulsar configuration needs to be set',
      fix: 'name the ConfigMap with webServiceURL and brokerServiceURL, e.g. pulsar: {pulsarConfig: my-pulsar}',
    });
  }
  const packages = spec.pulsarPackageService;
  if (packages !== undefined && str(obj(packages)?.pulsarConfig) === '') {
    problems.push({
      field: 'spec.pulsarPackageService.pulsarConfig',
      rule: 'needs to be set',
      fix: 'name the ConfigMap, or remove pulsarPackageService',
    });
  }
}

/**
 * Every reason the operator's webhook (after its own Default()) would refuse the resource.
 * Expects a resource that already passed the CRD schema (types are right).
 */
export function admissionProblems(resource: Yaml): Problem[] {
  const kind = resource.kind as FunctionMeshKind;
  const spec = obj(resource.spec) ?? {};
  const problems: Problem[] = [];
  checkName(obj(resource.metadata) ?? {}, kind, problems);
  checkPulsarNames(spec, problems);
  if (kind === 'Sink' && spec.sinkConfig === undefined) {
    problems.push({
      field: 'spec.sinkConfig',
      rule: 'sink config is not provided',
      fix: 'give the sink configuration mapping (may be {})',
    });
  }
  if (kind === 'Source' && spec.sourceConfig === undefined) {
    problems.push({
      field: 'spec.sourceConfig',
      rule: 'source config is not provided',
      fix: 'give the source configuration mapping (may be {})',
    });
  }
  checkRuntime(spec, kind, problems);
  checkReplicas(spec, problems);
  checkPod(spec, kind, problems);
  checkResources(spec, problems);
  checkGuarantees(spec, kind, problems);
  checkInputOutput(spec, kind, problems);
  if (kind === 'Function') checkFunctionExtras(spec, problems);
  checkMessaging(spec, problems);
  return problems;
}
