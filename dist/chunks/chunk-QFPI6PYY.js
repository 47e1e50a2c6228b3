#!/usr/bin/env node
import { createRequire as __slipwayCreateRequire } from 'node:module';
import { fileURLToPath as __slipwayFileURLToPath } from 'node:url';
const require = __slipwayCreateRequire(import.meta.url);
const __filename = __slipwayFileURLToPath(import.meta.url);
const __dirname = __filename.slice(0, __filename.lastIndexOf('/'));
import {
  INPUTS
} from "./chunk-HZ5WA2AJ.js";
import {
  secrets
} from "./chunk-MKQXDKX4.js";
import {
  InputError,
  RunError,
  errorMessage
} from "./chunk-B27IFLT6.js";

// src/attest/identity.ts
var SIGSTORE_AUDIENCE = "sigstore";
var DEFAULT_SIGSTORE_TOKEN_VARIABLE = "SIGSTORE_ID_TOKEN";
var SIGNING_KEY_VARIABLE = "SLIPWAY_SIGNING_KEY";
var MISSING_TOKEN = 'Keyless signing (sign: true) needs an OIDC token for audience "sigstore", and the CI provided none: on GitHub give the job "permissions: id-token: write"; on GitLab add "id_tokens: VARIABLE: aud: sigstore" to the job; or sign with a key in SLIPWAY_SIGNING_KEY.';
function identitySource(source) {
  const variable = source.tokenVariable || DEFAULT_SIGSTORE_TOKEN_VARIABLE;
  if (source.env[variable]?.trim()) return variable;
  if (source.env.ACTIONS_ID_TOKEN_REQUEST_URL && source.env.ACTIONS_ID_TOKEN_REQUEST_TOKEN) {
    return "GitHub's id-token";
  }
  return void 0;
}
async function sigstoreToken(source) {
  const variable = source.tokenVariable || DEFAULT_SIGSTORE_TOKEN_VARIABLE;
  const fromVariable = source.env[variable]?.trim();
  if (fromVariable) {
    secrets.add(fromVariable);
    return fromVariable;
  }
  const url = source.env.ACTIONS_ID_TOKEN_REQUEST_URL;
  const bearer = source.env.ACTIONS_ID_TOKEN_REQUEST_TOKEN;
  if (!url || !bearer) {
    throw new InputError(MISSING_TOKEN.replace("VARIABLE", variable));
  }
  secrets.add(bearer);
  const endpoint = new URL(url);
  endpoint.searchParams.set("audience", SIGSTORE_AUDIENCE);
  let value;
  try {
    const res = await (source.fetch ?? fetch)(endpoint, {
      headers: { authorization: `bearer ${bearer}`, accept: "application/json" }
    });
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    value = (await res.json()).value;
  } catch (err) {
    throw new RunError(
      secrets.redact(
        `GitHub's OIDC token endpoint did not give a token for audience sigstore (${errorMessage(err)}); run the job again.`
      )
    );
  }
  if (typeof value !== "string" || value === "") {
    throw new RunError("GitHub's OIDC token endpoint answered without a token; run the job again.");
  }
  secrets.add(value);
  return value;
}
function ciIdentity(source) {
  let token;
  return { getToken: () => token ??= sigstoreToken(source) };
}

// src/attest/statement.ts
var IN_TOTO_STATEMENT_V1 = "https://in-toto.io/Statement/v1";
var IN_TOTO_PAYLOAD_TYPE = "application/vnd.in-toto+json";
var SLSA_PROVENANCE_V1 = "https://slsa.dev/provenance/v1";
var CYCLONEDX_PREDICATE = "https://cyclonedx.org/bom";
var SLIPWAY_BUILD_TYPE = "https://slipway.dev/buildtypes/image/v1";
var Dependency = {
  Source: "source",
  BaseImage: "base-image",
  Artifact: "artifact"
};
function ciContext(env) {
  if (env.GITHUB_ACTIONS === "true") {
    const server = env.GITHUB_SERVER_URL ?? "https://github.com";
    const repo = env.GITHUB_REPOSITORY;
    const runner = env.RUNNER_ENVIRONMENT === "self-hosted" ? "self-hosted" : "github-hosted";
    return {
      platform: "github",
      // As actions/attest-build-provenance names the runner that ran the workflow.
      builderId: `https://github.com/actions/runner/${runner}`,
      invocationId: repo && env.GITHUB_RUN_ID ? `${server}/${repo}/actions/runs/${env.GITHUB_RUN_ID}/attempts/${env.GITHUB_RUN_ATTEMPT ?? "1"}` : void 0,
      repositoryUrl: repo ? `${server}/${repo}` : void 0,
      commit: env.GITHUB_SHA,
      ref: env.GITHUB_REF,
      workflow: env.GITHUB_WORKFLOW_REF
    };
  }
  if (env.GITLAB_CI === "true") {
    const server = env.CI_SERVER_URL ?? "https://gitlab.com";
    return {
      platform: "gitlab",
      // As GitLab's own SLSA provenance names the runner of the job.
      builderId: `${server}/${env.CI_PROJECT_PATH ?? ""}/-/runners/${env.CI_RUNNER_ID ?? ""}`,
      invocationId: env.CI_JOB_URL ?? env.CI_PIPELINE_URL,
      repositoryUrl: env.CI_PROJECT_URL,
      commit: env.CI_COMMIT_SHA,
      ref: env.CI_COMMIT_REF_NAME,
      workflow: env.CI_CONFIG_PATH ?? ".gitlab-ci.yml"
    };
  }
  return { platform: "local", builderId: "https://slipway.dev/builders/local" };
}
function digestSet(digest) {
  const colon = digest.indexOf(":");
  if (colon <= 0) throw new Error(`"${digest}" is not an algorithm:hex digest`);
  return { [digest.slice(0, colon)]: digest.slice(colon + 1) };
}
function subjectsOf(images) {
  const seen = /* @__PURE__ */ new Map();
  for (const image of images) {
    seen.set(`${image.repository}@${image.digest}`, {
      name: image.repository,
      digest: digestSet(image.digest)
    });
  }
  return [...seen.entries()].sort(([a], [b]) => a < b ? -1 : a > b ? 1 : 0).map(([, s]) => s);
}
function externalParameters(inputs) {
  const out = {};
  for (const name of Object.keys(inputs).sort()) {
    const spec = INPUTS[name];
    if (spec?.secret) continue;
    const value = inputs[name];
    if (value === void 0 || value === "" || Array.isArray(value) && value.length === 0) {
      continue;
    }
    const text = typeof value === "string" ? value : JSON.stringify(value);
    if (secrets.redact(text) !== text) continue;
    out[name] = value;
  }
  return out;
}
function provenanceStatement(facts) {
  const dependencies = [];
  const commit = facts.ci.commit ?? facts.commit;
  if (commit) {
    const repo = facts.ci.repositoryUrl;
    dependencies.push({
      name: Dependency.Source,
      uri: repo ? `git+${repo}${facts.ci.ref ? `@${facts.ci.ref}` : ""}` : void 0,
      digest: { gitCommit: commit }
    });
  }
  if (facts.base) {
    dependencies.push({
      name: Dependency.BaseImage,
      uri: facts.base.reference,
      digest: digestSet(facts.base.digest)
    });
  }
  if (facts.artifact) {
    dependencies.push({
      name: Dependency.Artifact,
      uri: facts.artifact.name,
      digest: { sha256: facts.artifact.sha256 }
    });
  }
  const internal = { platform: facts.ci.platform };
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
        resolvedDependencies: dependencies
      },
      runDetails: {
        builder: {
          id: facts.ci.builderId,
          ...facts.slipwayVersion ? { version: { slipway: facts.slipwayVersion } } : {}
        },
        metadata: {
          invocationId: facts.ci.invocationId,
          startedOn: facts.startedOn?.toISOString(),
          finishedOn: facts.finishedOn?.toISOString()
        }
      }
    }
  };
}
function sbomStatement(subjects, bom) {
  return {
    _type: IN_TOTO_STATEMENT_V1,
    subject: subjectsOf(subjects),
    predicateType: CYCLONEDX_PREDICATE,
    predicate: bom
  };
}
function statementBytes(statement) {
  return Buffer.from(JSON.stringify(statement), "utf8");
}

export {
  DEFAULT_SIGSTORE_TOKEN_VARIABLE,
  SIGNING_KEY_VARIABLE,
  identitySource,
  sigstoreToken,
  ciIdentity,
  IN_TOTO_STATEMENT_V1,
  IN_TOTO_PAYLOAD_TYPE,
  SLSA_PROVENANCE_V1,
  Dependency,
  ciContext,
  digestSet,
  provenanceStatement,
  sbomStatement,
  statementBytes
};
