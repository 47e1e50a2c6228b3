/**
 * A Function Mesh resource (compute.functionmesh.io/v1alpha1 Source, Sink or Function) for the
 * pushed image, pinned by digest, with the user's values merged in, and checked against the
 * operator's admission webhooks (api/compute/v1alpha1/*_webhook.go and validate.go in
 * streamnative/function-mesh) so that a resource the cluster would refuse fails here, naming the
 * field, instead of at `kubectl apply`.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { posix, resolve } from 'node:path';
import { InputError } from '../../core/errors';
import { loadYaml } from '../../core/lazy';
import type { ArtifactFormat, ConnectorType } from '../../core/inputs';
import { isRecord } from '../../core/json';
import type { Logger } from '../../core/log';

const FUNCTION_MESH_API_VERSION = 'compute.functionmesh.io/v1alpha1';
/** The runners' working directory: the samples name files relative to it (connectors/x.nar). */
const RUNNER_HOME = '/pulsar';

export type FunctionMeshKind = 'Source' | 'Sink' | 'Function';
type Runtime = 'java' | 'python' | 'golang';

type Yaml = Record<string, unknown>;

export interface FunctionMeshInput {
  connectorType: ConnectorType | undefined;
  format: ArtifactFormat;
  /** Name of the connector (pulsar-io.yaml name, wheel name, file name). */
  name?: string;
  className?: string;
  /** repo@sha256:… */
  imageRef: string;
  /** Path of the artifact inside the image. */
  pathInImage: string;
  /** The function-mesh-values input: inline YAML or a file path (relative to workingDirectory). */
  values: string;
  workingDirectory: string;
}

export interface FunctionMeshResource {
  kind: FunctionMeshKind;
  resource: Yaml;
  yaml: string;
}

function kindOf(connectorType: ConnectorType | undefined): FunctionMeshKind {
  switch (connectorType) {
    case 'pulsar-source':
      return 'Source';
    case 'pulsar-sink':
      return 'Sink';
    case 'pulsar-function':
      return 'Function';
    default:
      throw new InputError(
        `Input "function-mesh-manifest" applies to Pulsar sources, sinks and functions, but this artifact is ${connectorType ?? 'not a connector'}; set function-mesh-manifest: false.`,
      );
  }
}

function runtimeOf(kind: FunctionMeshKind, format: ArtifactFormat): Runtime {
  if (kind !== 'Function') return 'java';
  if (format === 'python') return 'python';
  if (format === 'go') return 'golang';
  return 'java';
}

/** RFC 1123 subdomain, as Kubernetes wants object names; derived from the connector name. */
export function resourceName(name: string | undefined): string {
  const cleaned = (name ?? 'connector')
    .toLowerCase()
    .replace(/[^a-z0-9.-]+/g, '-')
    .replace(/^[^a-z0-9]+|[^a-z0-9]+$/g, '')
    .slice(0, 63)
    .replace(/[^a-z0-9]+$/, '');
  return cleaned || 'connector';
}

/** Objects merge key by key; anything else (lists included) is replaced by the user's value. */
function deepMerge(base: Yaml, over: Yaml): Yaml {
  const out: Yaml = { ...base };
  for (const [key, value] of Object.entries(over)) {
    const current = out[key];
    out[key] = isRecord(current) && isRecord(value) ? deepMerge(current, value) : value;
  }
  return out;
}

const RESOURCE_KEYS = new Set(['apiVersion', 'kind', 'metadata', 'spec']);

/** The values as a partial resource: a mapping of spec fields, or one with metadata/spec. */
async function readValues(raw: string, workingDirectory: string): Promise<Yaml> {
  const trimmed = raw.trim();
  if (trimmed === '') return {};
  let text = raw;
  let label = 'function-mesh-values';
  const candidate = resolve(workingDirectory, trimmed);
  if (!trimmed.includes('\n') && existsSync(candidate) && statSync(candidate).isFile()) {
    text = readFileSync(candidate, 'utf8');
    label = `function-mesh-values file ${trimmed}`;
  }
  const doc = (await loadYaml()).parseDocument(text);
  const first = doc.errors[0];
  if (first) {
    throw new InputError(
      `Input "${label}" is not valid YAML (${first.message.split('\n')[0]}); fix the syntax, or give a path to a YAML file.`,
    );
  }
  const value: unknown = doc.toJS();
  if (value === null || value === undefined) return {};
  if (!isRecord(value)) {
    throw new InputError(
      `Input "${label}" must be a YAML mapping, e.g. "input: {topics: [persistent://public/default/in]}"; got ${Array.isArray(value) ? 'a list' : 'a single value'}.`,
    );
  }
  const keys = Object.keys(value);
  if (keys.length > 0 && keys.every((k) => RESOURCE_KEYS.has(k))) return value;
  return { spec: value };
}

/** Where the runtime finds the file: relative to /pulsar when inside it, as the samples do. */
function runtimePath(pathInImage: string): string {
  const rel = posix.relative(RUNNER_HOME, pathInImage);
  return rel.startsWith('..') || posix.isAbsolute(rel) ? pathInImage : rel;
}

export async function generateResource(
  input: FunctionMeshInput,
  logger?: Logger,
): Promise<FunctionMeshResource> {
  const kind = kindOf(input.connectorType);
  const runtime = runtimeOf(kind, input.format);
  const file = runtimePath(input.pathInImage);
  const runtimeSpec: Yaml =
    runtime === 'java'
      ? { jar: file, jarLocation: '' }
      : runtime === 'python'
        ? { py: file, pyLocation: '' }
        : { go: file, goLocation: '' };
  const spec: Yaml = {
    image: input.imageRef,
    ...(input.className && runtime !== 'golang' ? { className: input.className } : {}),
    replicas: 1,
    ...(kind === 'Source' ? {} : { autoAck: true }),
    [runtime]: runtimeSpec,
  };
  const generated: Yaml = {
    apiVersion: FUNCTION_MESH_API_VERSION,
    kind,
    metadata: { name: resourceName(input.name) },
    spec,
  };
  const values = await readValues(input.values, input.workingDirectory);
  const resource = deepMerge(generated, values);
  // The point of the resource is to run exactly the pushed digest.
  const merged = resource.spec as Yaml;
  if (merged.image !== input.imageRef) {
    logger?.warn(
      `function-mesh-values sets spec.image (${String(merged.image)}); it is replaced by the pushed ${input.imageRef}`,
    );
    merged.image = input.imageRef;
  }
  resource.apiVersion = FUNCTION_MESH_API_VERSION;
  resource.kind = kind;
  checkAdmission(resource);
  const { stringify } = await loadYaml();
  return { kind, resource, yaml: stringify(resource, { lineWidth: 0 }) };
}

interface Problem {
  field: string;
  fix: string;
}

function has(v: unknown): boolean {
  if (v === undefined || v === null || v === '') return false;
  if (Array.isArray(v)) return v.length > 0;
  return true;
}

function obj(v: unknown): Yaml | undefined {
  return isRecord(v) ? v : undefined;
}

/**
 * Pulsar topic names the operator accepts: a short name, tenant/namespace/topic, or
 * persistent:// (non-persistent://) tenant/namespace/topic (pulsarctl's GetTopicName).
 */
export function isValidTopic(topic: string): boolean {
  if (topic === '' || /\s/.test(topic)) return false;
  const m = /^(persistent|non-persistent):\/\/(.*)$/.exec(topic);
  if (m) return m[2].split('/').length === 3 && m[2].split('/').every((p) => p !== '');
  if (topic.includes('://')) return false;
  const parts = topic.split('/');
  return (parts.length === 1 || parts.length === 3) && parts.every((p) => p !== '');
}

function inputTopics(input: Yaml | undefined): string[] {
  if (!input) return [];
  const topics: string[] = [];
  if (Array.isArray(input.topics)) topics.push(...input.topics.map(String));
  if (typeof input.topicPattern === 'string' && input.topicPattern) topics.push(input.topicPattern);
  for (const key of ['customSerdeSources', 'customSchemaSources', 'sourceSpecs']) {
    const map = obj(input[key]);
    if (map) topics.push(...Object.keys(map));
  }
  return topics;
}

function int(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isInteger(v) ? v : undefined;
}

/**
 * The operator's admission rules (ValidateCreate after the mutating Default()), for the fields a
 * generated resource and its values can get wrong. Throws one InputError naming every field.
 */
export function checkAdmission(resource: Yaml): void {
  const kind = resource.kind as FunctionMeshKind;
  const spec = obj(resource.spec) ?? {};
  const metadata = obj(resource.metadata) ?? {};
  const problems: Problem[] = [];
  const name = metadata.name;
  if (typeof name !== 'string' || !/^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$/.test(name)) {
    problems.push({
      field: 'metadata.name',
      fix: 'a lowercase RFC 1123 name such as my-sink',
    });
  }
  const runtimes = (['java', 'python', 'golang'] as const).filter((r) => spec[r] !== undefined);
  if (kind === 'Function') {
    if (runtimes.length !== 1) {
      problems.push({
        field: 'spec.java / spec.python / spec.golang',
        fix: `exactly one runtime (found ${runtimes.length === 0 ? 'none' : runtimes.join(' and ')})`,
      });
    }
  } else if (!runtimes.includes('java')) {
    problems.push({ field: 'spec.java', fix: `a ${kind} runs on the java runtime` });
  } else if (runtimes.length > 1) {
    problems.push({
      field: `spec.${runtimes.filter((r) => r !== 'java').join(', spec.')}`,
      fix: 'remove it; connectors run on java only',
    });
  }
  const java = obj(spec.java);
  const python = obj(spec.python);
  const golang = obj(spec.golang);
  if ((java || python) && !has(spec.className)) {
    problems.push({
      field: 'spec.className',
      fix:
        kind === 'Function'
          ? 'the function class (set class-name, or className in the values)'
          : 'the connector class (set class-name)',
    });
  }
  if (java && !has(java.jar)) problems.push({ field: 'spec.java.jar', fix: 'the jar or NAR path' });
  if (python && !has(python.py)) problems.push({ field: 'spec.python.py', fix: 'the Python file' });
  if (golang && !has(golang.go)) problems.push({ field: 'spec.golang.go', fix: 'the Go binary' });

  const replicas = int(spec.replicas);
  const minReplicas = int(spec.minReplicas);
  const maxReplicas = int(spec.maxReplicas);
  if (spec.replicas !== undefined && (replicas === undefined || replicas <= 0)) {
    problems.push({ field: 'spec.replicas', fix: 'a whole number of at least 1' });
  }
  if (maxReplicas !== undefined && replicas !== undefined && replicas > maxReplicas) {
    problems.push({ field: 'spec.maxReplicas', fix: `at least replicas (${replicas})` });
  }
  if (
    minReplicas !== undefined &&
    (minReplicas <= 0 || (replicas !== undefined && minReplicas > replicas))
  ) {
    problems.push({ field: 'spec.minReplicas', fix: 'between 1 and replicas' });
  }

  if (kind === 'Sink' && !has(spec.sinkConfig)) {
    problems.push({ field: 'spec.sinkConfig', fix: 'the sink configuration mapping (may be {})' });
  }
  if (kind === 'Source' && !has(spec.sourceConfig)) {
    problems.push({
      field: 'spec.sourceConfig',
      fix: 'the source configuration mapping (may be {})',
    });
  }
  const topics = inputTopics(obj(spec.input));
  if (kind !== 'Source') {
    if (topics.length === 0) {
      problems.push({
        field: 'spec.input.topics',
        fix: 'at least one input topic, e.g. input: {topics: [persistent://public/default/in]}',
      });
    }
    for (const t of topics.filter((t) => !isValidTopic(t))) {
      problems.push({ field: 'spec.input.topics', fix: `a valid topic name instead of "${t}"` });
    }
    const pulsar = obj(spec.pulsar);
    if (!pulsar || !has(pulsar.pulsarConfig)) {
      problems.push({
        field: 'spec.pulsar.pulsarConfig',
        fix: 'the ConfigMap with webServiceURL and brokerServiceURL, e.g. pulsar: {pulsarConfig: my-pulsar}',
      });
    }
  }
  const output = obj(spec.output);
  const outTopic = output?.topic;
  if (kind !== 'Sink' && typeof outTopic === 'string' && outTopic !== '') {
    if (!isValidTopic(outTopic)) {
      problems.push({
        field: 'spec.output.topic',
        fix: `a valid topic name instead of "${outTopic}"`,
      });
    } else if (topics.includes(outTopic)) {
      problems.push({ field: 'spec.output.topic', fix: 'a topic that is not also an input topic' });
    }
  }
  if (problems.length === 0) return;
  const list = problems.map((p) => `${p.field} (${p.fix})`).join('; ');
  throw new InputError(
    `The Function Mesh ${kind} would be refused by the operator: ${list}; add ${problems.length === 1 ? 'it' : 'them'} to function-mesh-values.`,
  );
}
