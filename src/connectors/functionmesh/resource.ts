/**
 * A Function Mesh resource (compute.functionmesh.io/v1alpha1 Source, Sink or Function) for the
 * pushed image, pinned by digest, with the user's values merged in, default resources filled in,
 * and checked against the CRD schema and the admission webhooks of function-mesh v0.27.2
 * (src/connectors/functionmesh/schema.ts and admission.ts) so that a resource the cluster would
 * refuse or silently change fails here, naming the field, instead of at `kubectl apply`.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { posix, resolve } from 'node:path';
import { InputError } from '../../core/errors';
import { loadYaml } from '../../core/lazy';
import type { ArtifactFormat, ConnectorType } from '../../core/inputs';
import { isRecord } from '../../core/json';
import type { Logger } from '../../core/log';
import { admissionProblems, fillResourceDefaults, MAX_NAME_LENGTH, refusal } from './admission';
import type { FunctionMeshKind } from './admission';
import { schemaProblems } from './schema';

const FUNCTION_MESH_API_VERSION = 'compute.functionmesh.io/v1alpha1';
/** The runners' working directory: the samples name files relative to it (connectors/x.nar). */
const RUNNER_HOME = '/pulsar';

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

/**
 * The resource name, derived from the connector name: an RFC 1035 label (the operator's Service
 * is named after it) of at most 43 characters (the operator webhook's limit).
 */
export function resourceName(name: string | undefined): string {
  const cleaned = (name ?? 'connector')
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/^[^a-z]+|[^a-z0-9]+$/g, '')
    .slice(0, MAX_NAME_LENGTH)
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
  fillResourceDefaults(resource, logger);
  // Types first: the admission rules read the values the schema has vouched for.
  const typeProblems = await schemaProblems(resource);
  if (typeProblems.length > 0) throw refusal(kind, typeProblems, 'the API server');
  checkAdmission(resource);
  const { stringify } = await loadYaml();
  return { kind, resource, yaml: stringify(resource, { lineWidth: 0 }) };
}

/**
 * The operator's admission rules (its webhook's Default() then ValidateCreate()); throws one
 * InputError naming every field, rule and fix. See src/connectors/functionmesh/admission.ts.
 */
export function checkAdmission(resource: Yaml): void {
  const problems = admissionProblems(resource);
  if (problems.length > 0) {
    throw refusal(resource.kind as FunctionMeshKind, problems, 'the operator');
  }
}
