/**
 * in-toto v1 statements about a pushed image: SLSA v1 provenance and the CycloneDX SBOM as a
 * predicate. Followed: in-toto attestation spec v1.0 (Statement, ResourceDescriptor), SLSA
 * provenance v1.0 (buildDefinition / runDetails), and the GitHub and GitLab CI variable names as
 * documented by each (GITHUB_* / RUNNER_ENVIRONMENT, CI_*).
 */
import { INPUTS } from '../core/inputs';
import type { InputSpec } from '../core/inputs';
import { secrets } from '../core/secrets';

export const IN_TOTO_STATEMENT_V1 = 'https://in-toto.io/Statement/v1';
/** The DSSE payload type of an in-toto statement. */
export const IN_TOTO_PAYLOAD_TYPE = 'application/vnd.in-toto+json';
export const SLSA_PROVENANCE_V1 = 'https://slsa.dev/provenance/v1';
/** The predicate type cosign and the in-toto predicate registry use for a CycloneDX SBOM. */
export const CYCLONEDX_PREDICATE = 'https://cyclonedx.org/bom';
/** What "building with Slipway" means: read the inputs, pin the base, append one layer, push. */
export const SLIPWAY_BUILD_TYPE = 'https://slipway.dev/buildtypes/image/v1';

/** One image that was pushed: `host/path` and the digest of a manifest or an index. */
export interface PushedImage {
  repository: string;
  digest: string;
}

export interface ResourceDescriptor {
  name?: string;
  uri?: string;
  digest?: Record<string, string>;
  annotations?: Record<string, string>;
}

export interface Subject {
  name: string;
  digest: Record<string, string>;
}

export interface Statement<P = unknown> {
  _type: typeof IN_TOTO_STATEMENT_V1;
  subject: Subject[];
  predicateType: string;
  predicate: P;
}

export interface SlsaProvenance {
  buildDefinition: {
    buildType: string;
    externalParameters: Record<string, unknown>;
    internalParameters?: Record<string, unknown>;
    resolvedDependencies: ResourceDescriptor[];
  };
  runDetails: {
    builder: { id: string; version?: Record<string, string> };
    metadata?: { invocationId?: string; startedOn?: string; finishedOn?: string };
  };
}

/** Names of the resolved dependencies, so that `verify` can find them again. */
export const Dependency = {
  Source: 'source',
  BaseImage: 'base-image',
  Artifact: 'artifact',
} as const;

/** What the CI says about the run: who built, where, from which commit. */
export interface CiContext {
  platform: 'github' | 'gitlab' | 'local';
  /** SLSA builder id: the CI runner that is trusted to run the build. */
  builderId: string;
  /** The workflow or pipeline run (job) URL. */
  invocationId?: string;
  /** The source repository as a URL (https://github.com/o/r). */
  repositoryUrl?: string;
  commit?: string;
  ref?: string;
  /** GitHub: owner/repo/.github/workflows/x.yml@ref; GitLab: the pipeline source file. */
  workflow?: string;
}

/** Reads the CI context from the environment (GitHub Actions, GitLab CI, else a local run). */
export function ciContext(env: NodeJS.ProcessEnv): CiContext {
  if (env.GITHUB_ACTIONS === 'true') {
    const server = env.GITHUB_SERVER_URL ?? 'https://github.com';
    const repo = env.GITHUB_REPOSITORY;
    const runner = env.RUNNER_ENVIRONMENT === 'self-hosted' ? 'self-hosted' : 'github-hosted';
    return {
      platform: 'github',
      // As actions/attest-build-provenance names the runner that ran the workflow.
      builderId: `https://github.com/actions/runner/${runner}`,
      invocationId:
        repo && env.GITHUB_RUN_ID
          ? `${server}/${repo}/actions/runs/${env.GITHUB_RUN_ID}/attempts/${env.GITHUB_RUN_ATTEMPT ?? '1'}`
          : undefined,
      repositoryUrl: repo ? `${server}/${repo}` : undefined,
      commit: env.GITHUB_SHA,
      ref: env.GITHUB_REF,
      workflow: env.GITHUB_WORKFLOW_REF,
    };
  }
  if (env.GITLAB_CI === 'true') {
    const server = env.CI_SERVER_URL ?? 'https://gitlab.com';
    return {
      platform: 'gitlab',
      // As GitLab's own SLSA provenance names the runner of the job.
      builderId: `${server}/${env.CI_PROJECT_PATH ?? ''}/-/runners/${env.CI_RUNNER_ID ?? ''}`,
      invocationId: env.CI_JOB_URL ?? env.CI_PIPELINE_URL,
      repositoryUrl: env.CI_PROJECT_URL,
      commit: env.CI_COMMIT_SHA,
      ref: env.CI_COMMIT_REF_NAME,
      workflow: env.CI_CONFIG_PATH ?? '.gitlab-ci.yml',
    };
  }
  return { platform: 'local', builderId: 'https://slipway.dev/builders/local' };
}

/** `sha256:abc` → `{ sha256: 'abc' }`. */
export function digestSet(digest: string): Record<string, string> {
  const colon = digest.indexOf(':');
  if (colon <= 0) throw new Error(`"${digest}" is not an algorithm:hex digest`);
  return { [digest.slice(0, colon)]: digest.slice(colon + 1) };
}

/** Every pushed image once, sorted: the index and each platform manifest are separate subjects. */
export function subjectsOf(images: PushedImage[]): Subject[] {
  const seen = new Map<string, Subject>();
  for (const image of images) {
    seen.set(`${image.repository}@${image.digest}`, {
      name: image.repository,
      digest: digestSet(image.digest),
    });
  }
  return [...seen.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, s]) => s);
}

/**
 * The inputs as external parameters: secret inputs (the table marks them), unset values and any
 * value holding a registered secret are left out, so the signed statement carries no credential.
 */
export function externalParameters(inputs: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const name of Object.keys(inputs).sort()) {
    const spec = (INPUTS as Record<string, InputSpec | undefined>)[name];
    if (spec?.secret) continue;
    const value = inputs[name];
    if (value === undefined || value === '' || (Array.isArray(value) && value.length === 0)) {
      continue;
    }
    const text = typeof value === 'string' ? value : JSON.stringify(value);
    if (secrets.redact(text) !== text) continue;
    out[name] = value;
  }
  return out;
}

export interface ProvenanceFacts {
  /** The index and every platform manifest pushed, in every repository. */
  subjects: PushedImage[];
  /** The run's inputs (secrets are removed here). */
  inputs: Record<string, unknown>;
  /** The base image as named and the digest it was pinned to (the `base-digest` output). */
  base?: { reference: string; digest: string };
  /** The connector artifact: file name and sha256 hex of its bytes. */
  artifact?: { name: string; sha256: string };
  ci: CiContext;
  /** The source commit when the CI does not say (a local run in a git checkout). */
  commit?: string;
  slipwayVersion?: string;
  startedOn?: Date;
  finishedOn?: Date;
}

export function provenanceStatement(facts: ProvenanceFacts): Statement<SlsaProvenance> {
  const dependencies: ResourceDescriptor[] = [];
  const commit = facts.ci.commit ?? facts.commit;
  if (commit) {
    const repo = facts.ci.repositoryUrl;
    dependencies.push({
      name: Dependency.Source,
      uri: repo ? `git+${repo}${facts.ci.ref ? `@${facts.ci.ref}` : ''}` : undefined,
      digest: { gitCommit: commit },
    });
  }
  if (facts.base) {
    dependencies.push({
      name: Dependency.BaseImage,
      uri: facts.base.reference,
      digest: digestSet(facts.base.digest),
    });
  }
  if (facts.artifact) {
    dependencies.push({
      name: Dependency.Artifact,
      uri: facts.artifact.name,
      digest: { sha256: facts.artifact.sha256 },
    });
  }
  const internal: Record<string, unknown> = { platform: facts.ci.platform };
  if (facts.ci.workflow) internal.workflow = facts.ci.workflow;
  return {
    _type: IN_TOTO_STATEMENT_V1,
    subject: subjectsOf(facts.subjects),
    predicateType: SLSA_PROVENANCE_V1,
    predicate: {
      buildDefinition: {
        buildType: SLIPWAY_BUILD_TYPE,
        externalParameters: externalParameters(facts.inputs),
        internalParameters: internal,
        resolvedDependencies: dependencies,
      },
      runDetails: {
        builder: {
          id: facts.ci.builderId,
          ...(facts.slipwayVersion ? { version: { slipway: facts.slipwayVersion } } : {}),
        },
        metadata: {
          invocationId: facts.ci.invocationId,
          startedOn: facts.startedOn?.toISOString(),
          finishedOn: facts.finishedOn?.toISOString(),
        },
      },
    },
  };
}

/** The SBOM (a CycloneDX JSON document) as the predicate of a statement about the image. */
export function sbomStatement(subjects: PushedImage[], bom: object): Statement<object> {
  return {
    _type: IN_TOTO_STATEMENT_V1,
    subject: subjectsOf(subjects),
    predicateType: CYCLONEDX_PREDICATE,
    predicate: bom,
  };
}

/** The bytes that are signed: compact JSON, so the DSSE payload is the statement exactly. */
export function statementBytes(statement: Statement): Buffer {
  return Buffer.from(JSON.stringify(statement), 'utf8');
}
