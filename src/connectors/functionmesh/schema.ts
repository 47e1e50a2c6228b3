/**
 * Validates a Function Mesh resource against the openAPIV3Schema of the operator's CRD, as the
 * Kubernetes API server would, with ajv. The schemas are those of function-mesh v0.27.2
 * (config/crd/bases), extracted by scripts/extract-fm-crds.mjs into crds/<tag>/*.json.
 *
 * The CRDs are structural, so the API server silently drops (prunes) fields the schema does not
 * name; here such a field is refused instead, naming its path, because a value the user wrote and
 * the cluster then ignores is a bug in their values.
 */
import type Ajv from 'ajv';
import type { ErrorObject, ValidateFunction } from 'ajv';
import { isRecord } from '../../core/json';
import { OPERATOR_VERSION } from './admission';
import type { FunctionMeshKind, Problem } from './admission';

type Yaml = Record<string, unknown>;

interface CrdSchemaFile {
  source: string;
  operatorVersion: string;
  kind: string;
  apiVersion: string;
  openAPIV3Schema: Yaml;
}

/** Imported on first use: import() keeps the JSON out of runs that write no resource. */
async function loadCrd(kind: FunctionMeshKind): Promise<CrdSchemaFile> {
  const mod =
    kind === 'Function'
      ? await import('./crds/v0.27.2/functions.json')
      : kind === 'Sink'
        ? await import('./crds/v0.27.2/sinks.json')
        : await import('./crds/v0.27.2/sources.json');
  return ((mod as { default?: unknown }).default ?? mod) as CrdSchemaFile;
}

/** ObjectMeta fields the API server keeps; `metadata` is only `type: object` in a CRD schema. */
const OBJECT_META: Yaml = {
  type: 'object',
  additionalProperties: false,
  properties: {
    name: { type: 'string' },
    generateName: { type: 'string' },
    namespace: { type: 'string' },
    labels: { type: 'object', additionalProperties: { type: 'string' } },
    annotations: { type: 'object', additionalProperties: { type: 'string' } },
    finalizers: { type: 'array', items: { type: 'string' } },
    ownerReferences: { type: 'array', items: { type: 'object' } },
  },
};

/**
 * The CRD schema as plain JSON Schema with the API server's meaning of the Kubernetes keywords:
 * an object that names its properties (or names none, and has no additionalProperties) holds only
 * those unless `x-kubernetes-preserve-unknown-fields`; `x-kubernetes-int-or-string` is an integer
 * or a string; `x-kubernetes-list-type: set` has unique items. The other x-kubernetes-* keywords
 * (map-type, list-type atomic/map, list-map-keys) steer server-side apply, not validation, except
 * list-type map's unique keys, which a custom keyword checks.
 */
export function toJsonSchema(node: unknown, atRoot = true): unknown {
  if (Array.isArray(node)) return node.map((n) => toJsonSchema(n, false));
  if (!isRecord(node)) return node;
  const out: Yaml = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === 'x-kubernetes-list-map-keys') out.listMapKeys = value;
    else if (key.startsWith('x-kubernetes-')) continue;
    else if (key === 'properties' && isRecord(value)) {
      out.properties = Object.fromEntries(
        Object.entries(value).map(([name, child]) => [name, toJsonSchema(child, false)]),
      );
    } else out[key] = toJsonSchema(value, false);
  }
  if (node['x-kubernetes-int-or-string'] === true && out.anyOf === undefined) {
    out.anyOf = [{ type: 'integer' }, { type: 'string' }];
  }
  if (node['x-kubernetes-list-type'] === 'set') out.uniqueItems = true;
  const preserve = node['x-kubernetes-preserve-unknown-fields'] === true;
  if (out.type === 'object' && !preserve && out.additionalProperties === undefined) {
    out.additionalProperties = false;
  }
  if (atRoot && isRecord(out.properties)) {
    out.properties = { ...out.properties, metadata: OBJECT_META };
    // apiVersion and kind are set by Slipway; the root of these CRDs preserves unknown fields.
  }
  return out;
}

const INT32 = { min: -(2 ** 31), max: 2 ** 31 - 1 };

/**
 * One kind's validators. Compiling a whole CRD schema takes ajv about a second (the pod template
 * alone is most of it), so the root is compiled with the spec's field names only, and each spec
 * field's own schema is compiled the first time a resource has that field. Spec fields are
 * independent in these schemas (no required list, no cross-field keywords), so the verdict is the
 * same as the whole schema's.
 */
interface KindValidators {
  ajv: Ajv;
  root: ValidateFunction;
  specFields: Yaml;
  fields: Map<string, ValidateFunction>;
}

const validators = new Map<FunctionMeshKind, Promise<KindValidators>>();

async function compile(kind: FunctionMeshKind): Promise<KindValidators> {
  const [{ default: AjvClass }, crd] = await Promise.all([import('ajv'), loadCrd(kind)]);
  const ajv = new AjvClass({ strict: false, allErrors: true, verbose: true });
  ajv.addFormat('int32', {
    type: 'number',
    validate: (n: number) => Number.isInteger(n) && n >= INT32.min && n <= INT32.max,
  });
  ajv.addFormat('int64', { type: 'number', validate: (n: number) => Number.isSafeInteger(n) });
  // RFC 3339, as metav1.Time marshals it (only in volumeClaimTemplates[].status here).
  ajv.addFormat('date-time', /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/i);
  ajv.addKeyword({
    keyword: 'listMapKeys',
    type: 'array',
    schemaType: 'array',
    validate: (keys: string[], list: unknown[]) => {
      const tuples = list.map((item) =>
        JSON.stringify(keys.map((k) => (isRecord(item) ? item[k] : undefined))),
      );
      return new Set(tuples).size === list.length;
    },
    error: { message: 'has two items with the same keys' },
  });
  const schema = toJsonSchema(crd.openAPIV3Schema) as Yaml;
  const top = schema.properties as Yaml;
  const spec = top.spec as Yaml;
  const specFields = spec.properties as Yaml;
  const names = Object.fromEntries(Object.keys(specFields).map((name) => [name, {}]));
  const shallow = { ...schema, properties: { ...top, spec: { ...spec, properties: names } } };
  return { ajv, root: ajv.compile(shallow), specFields, fields: new Map() };
}

function validatorsFor(kind: FunctionMeshKind): Promise<KindValidators> {
  let v = validators.get(kind);
  if (!v) {
    v = compile(kind);
    validators.set(kind, v);
  }
  return v;
}

/** Runs the root and each present spec field's validator; errors carry full instance paths. */
async function validateResource(resource: Yaml, kind: FunctionMeshKind): Promise<ErrorObject[]> {
  const v = await validatorsFor(kind);
  const errors: ErrorObject[] = [];
  if (!v.root(resource)) errors.push(...(v.root.errors ?? []));
  const spec = resource.spec;
  if (!isRecord(spec)) return errors;
  for (const [name, value] of Object.entries(spec)) {
    const schema = v.specFields[name];
    if (!isRecord(schema)) continue; // unknown: the root validator reports it
    let validate = v.fields.get(name);
    if (!validate) {
      validate = v.ajv.compile(schema);
      v.fields.set(name, validate);
    }
    if (validate(value)) continue;
    const prefix = `/spec/${name.replace(/~/g, '~0').replace(/\//g, '~1')}`;
    for (const e of validate.errors ?? []) {
      errors.push({ ...e, instancePath: prefix + e.instancePath });
    }
  }
  return errors;
}

/** `/spec/input/topics/0` → `spec.input.topics[0]`; keys that are not plain names are quoted. */
function fieldPath(instancePath: string, child?: string): string {
  const parts = instancePath
    .split('/')
    .slice(1)
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
  if (child !== undefined) parts.push(child);
  let out = '';
  for (const part of parts) {
    if (/^\d+$/.test(part)) out += `[${part}]`;
    else if (/^[A-Za-z_][\w-]*$/.test(part)) out += out === '' ? part : `.${part}`;
    else out += `[${JSON.stringify(part)}]`;
  }
  return out === '' ? 'the resource' : out;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (isRecord(value)) return 'a mapping';
  return `${typeof value} ${JSON.stringify(value)}`;
}

function valueAt(root: unknown, instancePath: string): unknown {
  let node = root;
  for (const raw of instancePath.split('/').slice(1)) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(node)) node = node[Number(key)];
    else if (isRecord(node)) node = node[key];
    else return undefined;
  }
  return node;
}

/** Edit distance, for "did you mean": short field names only, so the quadratic cost is nothing. */
function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return row[b.length];
}

function closest(name: string, known: string[]): string | undefined {
  let best: string | undefined;
  let bestScore = Infinity;
  for (const candidate of known) {
    const score = distance(name.toLowerCase(), candidate.toLowerCase());
    if (score < bestScore) [best, bestScore] = [candidate, score];
  }
  return best !== undefined && bestScore <= Math.max(2, Math.floor(name.length / 3))
    ? best
    : undefined;
}

const TYPE_EXAMPLES: Record<string, string> = {
  boolean: 'true or false',
  integer: 'a whole number without quotes',
  number: 'a number without quotes',
  string: 'a quoted string',
  object: 'a mapping (key: value lines), not a string',
  array: 'a list ([a, b] or "- a" lines)',
};

function toProblem(error: ErrorObject, resource: unknown, kind: FunctionMeshKind): Problem {
  const value = valueAt(resource, error.instancePath);
  const field = fieldPath(error.instancePath);
  switch (error.keyword) {
    case 'additionalProperties': {
      const name = String((error.params as { additionalProperty: string }).additionalProperty);
      const known = Object.keys(
        isRecord(error.parentSchema?.properties) ? error.parentSchema.properties : {},
      );
      const suggestion = closest(name, known);
      return {
        field: fieldPath(error.instancePath, name),
        rule: `is not a field of the ${kind} CRD (the API server would drop it silently)`,
        fix: suggestion
          ? `did you mean ${suggestion}? otherwise remove it`
          : known.length > 0
            ? `remove it or fix its spelling`
            : `remove it (this mapping takes no fields)`,
      };
    }
    case 'type': {
      const type = String((error.params as { type: string }).type);
      return {
        field,
        rule: `must be ${type.replace(',', ' or ')}, not ${describe(value)}`,
        fix: `write ${TYPE_EXAMPLES[type] ?? type}`,
      };
    }
    case 'anyOf':
      return {
        field,
        rule: `must be an integer or a string (int-or-string), not ${describe(value)}`,
        fix: 'quote a quantity, e.g. "0.5" or 500m',
      };
    case 'pattern':
      return {
        field,
        rule: `${describe(value)} is not a Kubernetes quantity`,
        fix: 'write e.g. 500m, 1, 512Mi or 1Gi',
      };
    case 'enum': {
      const allowed = (error.params as { allowedValues: unknown[] }).allowedValues;
      return {
        field,
        rule: `must be one of ${allowed.map((a) => JSON.stringify(a)).join(', ')}, not ${describe(value)}`,
        fix: 'use one of those values',
      };
    }
    case 'required': {
      const missing = String((error.params as { missingProperty: string }).missingProperty);
      return {
        field: fieldPath(error.instancePath, missing),
        rule: 'is required by the CRD schema',
        fix: `add ${missing}`,
      };
    }
    case 'format':
      return {
        field,
        rule: `must be ${String((error.params as { format: string }).format)}, not ${describe(value)}`,
        fix: 'use a value in range',
      };
    default:
      return {
        field,
        rule: error.message ?? `fails the CRD schema's ${error.keyword} rule`,
        fix: 'correct the value',
      };
  }
}

/**
 * Every place where the resource disagrees with the shipped CRD schema of its kind: unknown
 * fields (which the API server would drop) and wrong types, each naming the field and the fix.
 */
export async function schemaProblems(resource: Yaml): Promise<Problem[]> {
  const kind = resource.kind as FunctionMeshKind;
  const errors = await validateResource(resource, kind);
  // An int-or-string failure also reports its two branches; the anyOf line says it all.
  const reported = errors.filter((e) => !/\/anyOf\/\d+\//.test(e.schemaPath));
  const seen = new Set<string>();
  const problems: Problem[] = [];
  for (const error of reported) {
    const problem = toProblem(error, resource, kind);
    const key = `${problem.field} ${problem.rule}`;
    if (seen.has(key)) continue;
    seen.add(key);
    problems.push(problem);
  }
  return problems;
}

/** The operator versions whose CRD schemas are shipped (crds/<tag>/). */
export const SHIPPED_CRD_VERSIONS = [OPERATOR_VERSION] as const;
