import { InputError } from './errors';
import { secrets } from './secrets';

/**
 * The one table of settings. Its keys are the action.yml input names, which are also the CLI
 * flags (`--connector-type`) and the GitLab component inputs. action.yml, the CLI help, the GitLab
 * template and the README tables are all checked against this table.
 */
export type InputType = 'string' | 'boolean' | 'list' | 'number' | 'map';

export interface InputSpec {
  readonly description: string;
  readonly group: InputGroup;
  readonly type: InputType;
  /** As the user would write it; '' means "not set". */
  readonly default: string;
  /** Allowed values for an enum-like string input (listed in the error message). */
  readonly choices?: readonly string[];
  /** Registered with the secret registry the moment it is read. */
  readonly secret?: boolean;
  /** The default in action.yml when it differs (a workflow expression such as ${{ github.token }}). */
  readonly actionDefault?: string;
}

export type InputGroup = 'connector' | 'image' | 'registry' | 'cloud' | 'behaviour' | 'after-push';

export const CONNECTOR_TYPES = [
  'pulsar-source',
  'pulsar-sink',
  'pulsar-function',
  'airbyte-source',
  'airbyte-destination',
] as const;
export type ConnectorType = (typeof CONNECTOR_TYPES)[number];

export const ARTIFACT_FORMATS = [
  'nar',
  'uber-jar',
  'jar',
  'python',
  'go',
  'airbyte-manifest',
  'airbyte-java',
  'airbyte-python',
  'file',
] as const;
export type ArtifactFormat = (typeof ARTIFACT_FORMATS)[number];

export const REGISTRY_PROVIDERS = [
  'ecr',
  'ecr-public',
  'gar',
  'acr',
  'dockerhub',
  'ghcr',
  'gitlab',
  'generic',
] as const;
export type RegistryProvider = (typeof REGISTRY_PROVIDERS)[number];

const spec = <const T extends Record<string, InputSpec>>(table: T): T => table;

export const INPUTS = spec({
  // --- connector: what is packaged -------------------------------------------------------------
  'connector-type': {
    group: 'connector',
    type: 'string',
    default: 'auto',
    choices: ['auto', ...CONNECTOR_TYPES],
    description:
      'What the artifact is. auto reads it from pulsar-io.yaml (sourceClass/sinkClass) or Airbyte metadata.yaml (connectorType).',
  },
  'artifact-format': {
    group: 'connector',
    type: 'string',
    default: 'auto',
    choices: ['auto', ...ARTIFACT_FORMATS],
    description: 'Format of the artifact; auto inspects the file.',
  },
  build: {
    group: 'connector',
    type: 'string',
    default: 'auto',
    choices: ['auto', 'maven', 'gradle', 'none'],
    description:
      'Build to run first: auto picks Maven when pom.xml exists, Gradle when build.gradle(.kts) or gradlew exists.',
  },
  'build-args': {
    group: 'connector',
    type: 'list',
    default: '',
    description: 'Extra arguments for the build tool, e.g. -DskipTests.',
  },
  'working-directory': {
    group: 'connector',
    type: 'string',
    default: '.',
    description: 'Directory of the connector project; relative paths are resolved from here.',
  },
  artifact: {
    group: 'connector',
    type: 'string',
    default: '',
    description:
      'Path or glob of the artifact. Found when empty: target/*.nar, the shaded jar, build/libs/*-all.jar, a folder with metadata.yaml.',
  },
  'class-name': {
    group: 'connector',
    type: 'string',
    default: '',
    description: 'Connector or function class; required for an uber JAR connector.',
  },
  'pulsar-version': {
    group: 'connector',
    type: 'string',
    default: '4.0.4',
    description: 'Pulsar version; selects the Function Mesh runner tag.',
  },
  // --- image: what is built ---------------------------------------------------------------------
  image: {
    group: 'image',
    type: 'string',
    default: '',
    description:
      'Target repository, e.g. 123456789012.dkr.ecr.eu-west-1.amazonaws.com/my-sink. Airbyte defaults to metadata.yaml dockerRepository.',
  },
  tags: {
    group: 'image',
    type: 'list',
    default: '',
    description:
      'Tags to push. Empty: the artifact version plus CI tags (v1.2.3 → 1.2.3, 1.2, 1; a branch → sha-<7 hex>).',
  },
  'base-image': {
    group: 'image',
    type: 'string',
    default: '',
    description: 'Base image; overrides the default runner image of the connector type.',
  },
  'artifact-path': {
    group: 'image',
    type: 'string',
    default: '',
    description:
      'Directory inside the image where the artifact lands; defaults per connector type.',
  },
  platforms: {
    group: 'image',
    type: 'list',
    default: '',
    description:
      'Platforms to build, e.g. linux/amd64,linux/arm64. Empty: every platform of the base.',
  },
  labels: {
    group: 'image',
    type: 'map',
    default: '',
    description: 'Extra labels, key=value, newline- or comma-separated.',
  },
  dockerfile: {
    group: 'image',
    type: 'string',
    default: '',
    description:
      'Your own Dockerfile. Built natively when it has no RUN, else with docker-command.',
  },
  builder: {
    group: 'image',
    type: 'string',
    default: 'auto',
    choices: ['auto', 'native', 'docker'],
    description: 'auto builds natively unless the plan needs RUN.',
  },
  'require-lock': {
    group: 'image',
    type: 'boolean',
    default: 'false',
    description:
      "Python: refuse requirements that are not pinned with hashes, instead of locking them with the runner's pip.",
  },
  'docker-command': {
    group: 'image',
    type: 'string',
    default: 'docker',
    description: 'Docker-compatible CLI for plans that need RUN and for verify (docker or podman).',
  },
  output: {
    group: 'image',
    type: 'string',
    default: 'registry',
    description:
      'registry (push), oci:DIR (write an OCI image layout, no registry needed) or none (dry run that computes the digest).',
  },
  'if-exists': {
    group: 'image',
    type: 'string',
    default: 'overwrite',
    choices: ['overwrite', 'skip', 'fail'],
    description:
      'When a tag already exists with another digest. The same digest is always a successful no-op.',
  },
  // --- registry ---------------------------------------------------------------------------------
  'registry-provider': {
    group: 'registry',
    type: 'string',
    default: 'auto',
    choices: ['auto', ...REGISTRY_PROVIDERS],
    description: 'How to authenticate; auto detects it from the image host.',
  },
  username: {
    group: 'registry',
    type: 'string',
    default: '',
    description: 'Registry user (Docker Hub, ACR admin user, generic registries).',
  },
  password: {
    group: 'registry',
    type: 'string',
    default: '',
    secret: true,
    description: 'Registry password or access token. In the CLI prefer SLIPWAY_PASSWORD.',
  },
  'github-token': {
    group: 'registry',
    type: 'string',
    default: '',
    actionDefault: '${{ github.token }}',
    secret: true,
    description:
      "Token for ghcr.io. The action passes the workflow's GITHUB_TOKEN; elsewhere GITHUB_TOKEN is read from the environment.",
  },
  'insecure-registry': {
    group: 'registry',
    type: 'boolean',
    default: 'false',
    description: 'Allow plain HTTP to a non-loopback registry.',
  },
  'registry-ca': {
    group: 'registry',
    type: 'string',
    default: '',
    description: 'PEM file of a private CA for a self-hosted registry.',
  },
  'create-repository': {
    group: 'registry',
    type: 'boolean',
    default: 'true',
    description: 'Create a missing ECR, ECR Public or Artifact Registry repository.',
  },
  // --- cloud identities -------------------------------------------------------------------------
  'aws-region': {
    group: 'cloud',
    type: 'string',
    default: '',
    description: 'AWS region; default from the ECR host or AWS_REGION.',
  },
  'aws-role-to-assume': {
    group: 'cloud',
    type: 'string',
    default: '',
    description: "Role ARN assumed with the CI's OIDC token (AssumeRoleWithWebIdentity).",
  },
  'image-tag-mutability': {
    group: 'cloud',
    type: 'string',
    default: 'MUTABLE',
    choices: ['MUTABLE', 'IMMUTABLE'],
    description: 'Tag mutability of an ECR repository Slipway creates.',
  },
  'scan-on-push': {
    group: 'cloud',
    type: 'boolean',
    default: 'false',
    description: 'Scan-on-push setting of an ECR repository Slipway creates.',
  },
  'oidc-token-variable': {
    group: 'cloud',
    type: 'string',
    default: 'SLIPWAY_ID_TOKEN',
    description: 'GitLab: the id_tokens variable holding the OIDC token for keyless cloud login.',
  },
  'gcp-workload-identity-provider': {
    group: 'cloud',
    type: 'string',
    default: '',
    description:
      'projects/NUMBER/locations/global/workloadIdentityPools/POOL/providers/PROVIDER, for keyless Google login.',
  },
  'gcp-service-account': {
    group: 'cloud',
    type: 'string',
    default: '',
    description: 'Service account to impersonate after workload identity federation.',
  },
  'azure-client-id': {
    group: 'cloud',
    type: 'string',
    default: '',
    description: "Entra ID application (client) id for keyless login with the CI's OIDC token.",
  },
  'azure-tenant-id': {
    group: 'cloud',
    type: 'string',
    default: '',
    description: 'Entra ID tenant id for keyless login.',
  },
  // --- behaviour --------------------------------------------------------------------------------
  verify: {
    group: 'behaviour',
    type: 'boolean',
    default: 'false',
    description: 'Airbyte: run the pushed image with spec and require a SPEC message.',
  },
  'max-retries': {
    group: 'behaviour',
    type: 'number',
    default: '5',
    description: 'Retries of a registry request on 408, 429, 5xx, resets and timeouts.',
  },
  'request-timeout': {
    group: 'behaviour',
    type: 'number',
    default: '300',
    description: 'Seconds one registry request may stay silent before it is retried.',
  },
  mode: {
    group: 'behaviour',
    type: 'string',
    default: 'build',
    choices: ['build', 'rebase'],
    description:
      'build packages the artifact; rebase moves an image Slipway built onto a new base.',
  },
  // --- after the push ---------------------------------------------------------------------------
  sbom: {
    group: 'after-push',
    type: 'boolean',
    default: 'true',
    description: 'Push a CycloneDX SBOM of the bundled dependencies as a referrer of the image.',
  },
  'function-mesh-manifest': {
    group: 'after-push',
    type: 'boolean',
    default: 'false',
    description: 'Write a Function Mesh Source/Sink/Function resource pinned to the pushed digest.',
  },
  'function-mesh-values': {
    group: 'after-push',
    type: 'string',
    default: '',
    description: 'YAML merged into the Function Mesh resource (topics, config, pulsar, replicas).',
  },
  'airbyte-url': {
    group: 'after-push',
    type: 'string',
    default: '',
    description: 'Airbyte API URL; when set, the image is registered as a custom connector.',
  },
  'airbyte-workspace-id': {
    group: 'after-push',
    type: 'string',
    default: '',
    description: 'Airbyte workspace for the custom connector definition.',
  },
  'airbyte-token': {
    group: 'after-push',
    type: 'string',
    default: '',
    secret: true,
    description: 'Airbyte API bearer token.',
  },
  'airbyte-client-id': {
    group: 'after-push',
    type: 'string',
    default: '',
    description: 'Airbyte application client id (exchanged for a token).',
  },
  'airbyte-client-secret': {
    group: 'after-push',
    type: 'string',
    default: '',
    secret: true,
    description: 'Airbyte application client secret.',
  },
});

export type InputName = keyof typeof INPUTS;

type ValueOf<S extends InputSpec> = S['type'] extends 'boolean'
  ? boolean
  : S['type'] extends 'list'
    ? string[]
    : S['type'] extends 'number'
      ? number
      : S['type'] extends 'map'
        ? Record<string, string>
        : S['choices'] extends readonly string[]
          ? S['choices'][number]
          : string;

/** Validated settings, keyed by the action.yml names. */
export type Inputs = { -readonly [K in InputName]: ValueOf<(typeof INPUTS)[K]> };

/** Splits a list input: newline- or comma-separated, trimmed, empties dropped. */
export function parseList(raw: string): string[] {
  return raw
    .split(/[\n,]/)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

function parseMap(name: string, raw: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const item of parseList(raw)) {
    const eq = item.indexOf('=');
    if (eq <= 0) {
      throw new InputError(
        `Input "${name}": "${item}" is not key=value; write e.g. ${name}: team=data`,
      );
    }
    out[item.slice(0, eq).trim()] = item.slice(eq + 1).trim();
  }
  return out;
}

function parseOne(name: InputName, raw: string): Inputs[InputName] {
  const s: InputSpec = INPUTS[name];
  switch (s.type) {
    case 'boolean':
      if (raw === 'true') return true;
      if (raw === 'false') return false;
      throw new InputError(`Input "${name}" must be true or false (got "${raw}").`);
    case 'number': {
      const n = Number(raw);
      if (!/^\d+$/.test(raw) || !Number.isSafeInteger(n)) {
        throw new InputError(`Input "${name}" must be a whole number (got "${raw}").`);
      }
      return n;
    }
    case 'list':
      return parseList(raw);
    case 'map':
      return parseMap(name, raw);
    case 'string':
      if (s.choices && !s.choices.includes(raw)) {
        throw new InputError(
          `Input "${name}" must be one of ${s.choices.join(', ')} (got "${raw}").`,
        );
      }
      return raw;
  }
}

/**
 * Reads every input through `get` (which returns undefined or '' when unset), applies defaults,
 * validates and registers secrets. The one place where raw strings become typed settings.
 */
export function readInputs(get: (name: InputName) => string | undefined): Inputs {
  const out: Partial<Record<InputName, Inputs[InputName]>> = {};
  for (const name of Object.keys(INPUTS) as InputName[]) {
    const given = get(name)?.trim();
    const raw = given === undefined || given === '' ? INPUTS[name].default : given;
    if ((INPUTS[name] as InputSpec).secret) secrets.add(raw);
    out[name] = parseOne(name, raw);
  }
  return out as Inputs;
}

/** Inputs with every default: a starting point for tests and for the core's own callers. */
export function defaultInputs(overrides: Partial<Inputs> = {}): Inputs {
  return { ...readInputs(() => undefined), ...overrides };
}
