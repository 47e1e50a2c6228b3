#!/usr/bin/env node
import { createRequire as __slipwayCreateRequire } from 'node:module';
import { fileURLToPath as __slipwayFileURLToPath } from 'node:url';
const require = __slipwayCreateRequire(import.meta.url);
const __filename = __slipwayFileURLToPath(import.meta.url);
const __dirname = __filename.slice(0, __filename.lastIndexOf('/'));
import {
  secrets
} from "./chunk-MKQXDKX4.js";
import {
  InputError
} from "./chunk-B27IFLT6.js";

// src/core/inputs.ts
var INPUT_GROUP_TITLES = {
  connector: "Connector: what is packaged",
  image: "Image: what is built and where it goes",
  registry: "Registry: how to log in",
  cloud: "Cloud identities",
  behaviour: "Behaviour",
  "after-push": "After the push",
  "supply-chain": "Signing and verification"
};
var CONNECTOR_TYPES = [
  "pulsar-source",
  "pulsar-sink",
  "pulsar-function",
  "airbyte-source",
  "airbyte-destination"
];
var ARTIFACT_FORMATS = [
  "nar",
  "uber-jar",
  "jar",
  "python",
  "go",
  "airbyte-manifest",
  "airbyte-java",
  "airbyte-python",
  "file"
];
var REGISTRY_PROVIDERS = [
  "ecr",
  "ecr-public",
  "gar",
  "acr",
  "dockerhub",
  "ghcr",
  "gitlab",
  "generic"
];
var spec = (table) => table;
var INPUTS = spec({
  // --- connector: what is packaged -------------------------------------------------------------
  "connector-type": {
    group: "connector",
    type: "string",
    default: "auto",
    choices: ["auto", ...CONNECTOR_TYPES],
    description: "What the artifact is. auto reads it from pulsar-io.yaml (sourceClass/sinkClass) or Airbyte metadata.yaml (connectorType)."
  },
  "artifact-format": {
    group: "connector",
    type: "string",
    default: "auto",
    choices: ["auto", ...ARTIFACT_FORMATS],
    description: "Format of the artifact; auto inspects the file."
  },
  build: {
    group: "connector",
    type: "string",
    default: "auto",
    choices: ["auto", "maven", "gradle", "none"],
    description: "Build to run first: auto picks Maven when pom.xml exists, Gradle when build.gradle(.kts) or gradlew exists."
  },
  "build-args": {
    group: "connector",
    type: "list",
    default: "",
    commasInValues: true,
    description: "Extra arguments for the build tool, e.g. -DskipTests; one per line when an argument holds a comma (-Dlist=a,b)."
  },
  "working-directory": {
    group: "connector",
    type: "string",
    default: ".",
    description: "Directory of the connector project; relative paths are resolved from here."
  },
  artifact: {
    group: "connector",
    type: "string",
    default: "",
    description: "Path or glob of the artifact. Found when empty: target/*.nar, the shaded jar, build/libs/*-all.jar, a folder with metadata.yaml."
  },
  "class-name": {
    group: "connector",
    type: "string",
    default: "",
    description: "Connector or function class; required for an uber JAR connector."
  },
  "pulsar-version": {
    group: "connector",
    type: "string",
    default: "4.0.4",
    description: "Pulsar version; selects the Function Mesh runner tag."
  },
  // --- image: what is built ---------------------------------------------------------------------
  image: {
    group: "image",
    type: "string",
    default: "",
    description: "Target repository, e.g. 123456789012.dkr.ecr.eu-west-1.amazonaws.com/my-sink. Airbyte defaults to metadata.yaml dockerRepository.",
    commands: ["build", "rebase"],
    commandDescriptions: {
      rebase: "The image to rebase, repo:tag or repo@digest; it must have been built by Slipway."
    }
  },
  tags: {
    group: "image",
    type: "list",
    default: "",
    description: "Tags or full references (repo:tag, as docker/metadata-action writes them) to push. Empty: from the CI context: v1.2.3 \u2192 1.2.3, 1.2, 1, latest (pre-releases only their own tag, no bare 0 for 0.x); a branch \u2192 its name and sha-<7 hex>, plus edge on the default branch; a pull/merge request \u2192 pr-<N>/mr-<N> and sha-<7 hex>.",
    commands: ["build", "rebase"],
    commandDescriptions: {
      rebase: "Tags to push the rebased image under. Empty: the tag of --image."
    }
  },
  "strict-version": {
    group: "image",
    type: "boolean",
    default: "false",
    description: "Fail when a release git tag (v1.2.3) differs from the artifact's own version, instead of warning."
  },
  "base-image": {
    group: "image",
    type: "string",
    default: "",
    description: "Base image; overrides the default runner image of the connector type.",
    commands: ["build", "rebase"],
    commandDescriptions: { rebase: "The new base, e.g. the patched runner image." }
  },
  "artifact-path": {
    group: "image",
    type: "string",
    default: "",
    description: "Directory inside the image where the artifact lands; defaults per connector type."
  },
  platforms: {
    group: "image",
    type: "list",
    default: "",
    description: "Platforms to build, e.g. linux/amd64,linux/arm64. Empty: every platform of the base."
  },
  labels: {
    group: "image",
    type: "map",
    default: "",
    description: "Extra labels, key=value, one per line (docker/metadata-action labels output as it is) or comma-separated on one line."
  },
  annotations: {
    group: "image",
    type: "map",
    default: "",
    description: "Annotations, key=value, one per line (docker/metadata-action annotations output as it is); prefix manifest: (the default), index: or manifest-descriptor: as buildx does."
  },
  dockerfile: {
    group: "image",
    type: "string",
    default: "",
    description: "Your own Dockerfile. Built natively when it has no RUN, else with docker-command."
  },
  builder: {
    group: "image",
    type: "string",
    default: "auto",
    choices: ["auto", "native", "docker"],
    description: "auto builds natively unless the plan needs RUN."
  },
  "require-lock": {
    group: "image",
    type: "boolean",
    default: "false",
    description: "Python: refuse requirements that are not pinned with hashes, instead of locking them with the runner's pip."
  },
  "docker-command": {
    group: "image",
    type: "string",
    default: "docker",
    description: "Docker-compatible CLI for plans that need RUN and for verify: docker or podman, arguments allowed (podman --storage-driver vfs)."
  },
  output: {
    group: "image",
    type: "string",
    default: "registry",
    description: "registry (push), oci:DIR (write an OCI image layout, no registry needed) or none (dry run that computes the digest)."
  },
  "if-exists": {
    group: "image",
    type: "string",
    default: "protect-releases",
    choices: ["protect-releases", "overwrite", "skip", "fail"],
    description: "When a tag already exists with another digest. protect-releases (default) fails when a release tag (1.2.3) already points at another digest and moves other tags (latest, 1.2, branch, sha-\u2026); the same digest is always a successful no-op.",
    commands: ["build", "rebase"]
  },
  // --- registry ---------------------------------------------------------------------------------
  "registry-provider": {
    group: "registry",
    type: "string",
    default: "auto",
    choices: ["auto", ...REGISTRY_PROVIDERS],
    description: "How to authenticate; auto detects it from the image host."
  },
  username: {
    group: "registry",
    type: "string",
    default: "",
    description: "Registry user (Docker Hub, ACR admin user, generic registries)."
  },
  password: {
    group: "registry",
    type: "string",
    default: "",
    secret: true,
    description: "Registry password or access token. In the CLI prefer SLIPWAY_PASSWORD."
  },
  "github-token": {
    group: "registry",
    type: "string",
    default: "",
    actionDefault: "${{ github.token }}",
    secret: true,
    description: "Token for ghcr.io. The action passes the workflow's GITHUB_TOKEN; elsewhere GITHUB_TOKEN is read from the environment."
  },
  "insecure-registry": {
    group: "registry",
    type: "boolean",
    default: "false",
    description: "Allow plain HTTP to the target registry when it does not speak HTTPS (other hosts stay on verified HTTPS); a warning is logged."
  },
  "insecure-registries": {
    group: "registry",
    type: "list",
    default: "",
    description: "Other registries (host[:port]) allowed plain HTTP, like docker's insecure-registries, e.g. a base image's."
  },
  "skip-tls-verify": {
    group: "registry",
    type: "boolean",
    default: "false",
    description: "Accept unverified TLS certificates from the insecure registries only (insecure-registry, insecure-registries); prefer registry-ca."
  },
  "registry-ca": {
    group: "registry",
    type: "string",
    default: "",
    description: "PEM file of a private CA for a self-hosted registry."
  },
  "create-repository": {
    group: "registry",
    type: "boolean",
    default: "true",
    description: "Create a missing ECR, ECR Public or Artifact Registry repository.",
    commands: ["build", "rebase"]
  },
  // --- cloud identities -------------------------------------------------------------------------
  "aws-region": {
    group: "cloud",
    type: "string",
    default: "",
    description: "AWS region; default from the ECR host or AWS_REGION."
  },
  "aws-role-to-assume": {
    group: "cloud",
    type: "string",
    default: "",
    description: "Role ARN assumed with the CI's OIDC token (AssumeRoleWithWebIdentity)."
  },
  "image-tag-mutability": {
    group: "cloud",
    type: "string",
    default: "MUTABLE",
    choices: ["MUTABLE", "IMMUTABLE"],
    description: "Tag mutability of an ECR repository Slipway creates.",
    commands: ["build", "rebase"]
  },
  "scan-on-push": {
    group: "cloud",
    type: "boolean",
    default: "false",
    description: "Scan-on-push setting of an ECR repository Slipway creates.",
    commands: ["build", "rebase"]
  },
  "oidc-token-variable": {
    group: "cloud",
    type: "string",
    default: "SLIPWAY_ID_TOKEN",
    description: "GitLab: the id_tokens variable holding the OIDC token for keyless cloud login."
  },
  "gcp-workload-identity-provider": {
    group: "cloud",
    type: "string",
    default: "",
    description: "projects/NUMBER/locations/global/workloadIdentityPools/POOL/providers/PROVIDER, for keyless Google login."
  },
  "gcp-service-account": {
    group: "cloud",
    type: "string",
    default: "",
    description: "Service account to impersonate after workload identity federation."
  },
  "azure-client-id": {
    group: "cloud",
    type: "string",
    default: "",
    description: "Entra ID application (client) id for keyless login with the CI's OIDC token."
  },
  "azure-tenant-id": {
    group: "cloud",
    type: "string",
    default: "",
    description: "Entra ID tenant id for keyless login."
  },
  // --- behaviour --------------------------------------------------------------------------------
  verify: {
    group: "behaviour",
    type: "boolean",
    default: "false",
    description: "Airbyte: run the pushed image with spec and require a SPEC message."
  },
  "max-retries": {
    group: "behaviour",
    type: "number",
    default: "5",
    description: "Retries of a registry request on 408, 429, 5xx, resets and timeouts.",
    commands: ["build", "rebase", "inspect"]
  },
  "request-timeout": {
    group: "behaviour",
    type: "number",
    default: "300",
    description: "Seconds one registry request may stay silent before it is retried; also the longest Retry-After of a rate-limiting registry that is waited out.",
    commands: ["build", "rebase", "inspect"]
  },
  mode: {
    group: "behaviour",
    type: "string",
    default: "build",
    choices: ["build", "rebase", "discover"],
    description: "build packages the artifact; rebase moves an image Slipway built onto a new base; discover lists the projects of the repository as job matrices.",
    commands: []
  },
  "changed-since": {
    group: "behaviour",
    type: "string",
    default: "",
    commands: ["discover", "build"],
    description: "discover and build --all: only the projects changed since this git ref (the pull request base or the last release tag). Needs the history: fetch-depth: 0."
  },
  // --- after the push ---------------------------------------------------------------------------
  sbom: {
    group: "after-push",
    type: "boolean",
    default: "true",
    description: "Push a CycloneDX SBOM of the bundled dependencies as a referrer of the image."
  },
  "function-mesh-manifest": {
    group: "after-push",
    type: "boolean",
    default: "false",
    description: "Write a Function Mesh Source/Sink/Function resource pinned to the pushed digest."
  },
  "function-mesh-values": {
    group: "after-push",
    type: "string",
    default: "",
    description: "YAML merged into the Function Mesh resource (topics, config, pulsar, replicas)."
  },
  "airbyte-url": {
    group: "after-push",
    type: "string",
    default: "",
    description: "Airbyte API URL; when set, the image is registered as a custom connector."
  },
  "airbyte-workspace-id": {
    group: "after-push",
    type: "string",
    default: "",
    description: "Airbyte workspace for the custom connector definition."
  },
  "airbyte-token": {
    group: "after-push",
    type: "string",
    default: "",
    secret: true,
    description: "Airbyte API bearer token."
  },
  "airbyte-client-id": {
    group: "after-push",
    type: "string",
    default: "",
    description: "Airbyte application client id (exchanged for a token)."
  },
  "airbyte-client-secret": {
    group: "after-push",
    type: "string",
    default: "",
    secret: true,
    description: "Airbyte application client secret."
  },
  // --- supply chain: signatures, provenance, verification --------------------------------------
  sign: {
    group: "supply-chain",
    type: "string",
    default: "auto",
    choices: ["auto", "true", "best-effort", "false"],
    description: "Sign SLSA provenance and the SBOM as Sigstore bundles attached to the image as OCI referrers, before any tag: keyless with the CI's OIDC token, or with signing-key. auto signs when the job offers an OIDC token or a key (a failure warns, as best-effort) and otherwise says how to enable it; true requires it; best-effort tags the image even when signing fails. A private GitHub repository signs with GitHub's Sigstore instance, as actions/attest does."
  },
  "github-attestations": {
    group: "supply-chain",
    type: "string",
    default: "auto",
    choices: ["auto", "true", "false"],
    description: "Also store each signed bundle through GitHub's attestations API (needs permissions: attestations: write). auto: on GitHub, for keyless bundles, when github-token or GITHUB_TOKEN is there. A failure warns unless this and sign are both true."
  },
  "signing-key": {
    group: "supply-chain",
    type: "string",
    default: "",
    secret: true,
    description: "PEM ECDSA P-256 or Ed25519 private key for key-based signing (no Fulcio, no Rekor). In the CLI and GitLab: SLIPWAY_SIGNING_KEY."
  },
  "fulcio-url": {
    group: "supply-chain",
    type: "string",
    default: "",
    description: "Fulcio of a private Sigstore deployment; default the public-good instance."
  },
  "rekor-url": {
    group: "supply-chain",
    type: "string",
    default: "",
    description: "Rekor of a private Sigstore deployment; default the public-good instance; none records nothing (then set tsa-url)."
  },
  "tsa-url": {
    group: "supply-chain",
    type: "string",
    default: "",
    description: "RFC 3161 timestamp authority to timestamp signatures (full URL or origin)."
  },
  "sigstore-token-variable": {
    group: "supply-chain",
    type: "string",
    default: "SIGSTORE_ID_TOKEN",
    description: "GitLab: the id_tokens variable (aud: sigstore) used for keyless signing. GitHub needs permissions: id-token: write."
  },
  "trusted-root": {
    commands: ["verify"],
    group: "supply-chain",
    type: "string",
    default: "",
    description: "slipway verify: Sigstore TrustedRoot JSON file (cosign trusted-root create, or the TUF repository)."
  },
  "certificate-identity": {
    commands: ["verify"],
    group: "supply-chain",
    type: "string",
    default: "",
    description: "slipway verify: the signer identity, e.g. https://github.com/o/r/.github/workflows/release.yml@refs/heads/main."
  },
  "certificate-identity-regexp": {
    commands: ["verify"],
    group: "supply-chain",
    type: "string",
    default: "",
    description: "slipway verify: a regular expression the whole signer identity must match."
  },
  "certificate-oidc-issuer": {
    commands: ["verify"],
    group: "supply-chain",
    type: "string",
    default: "",
    description: "slipway verify: the OIDC issuer of the signer, e.g. https://token.actions.githubusercontent.com."
  },
  "public-key": {
    commands: ["verify"],
    group: "supply-chain",
    type: "string",
    default: "",
    description: "slipway verify: PEM public key (or its file) of key-based signatures."
  }
});
function inputCommands(name) {
  const input = INPUTS[name];
  if (input.commands) return input.commands;
  return input.group === "registry" || input.group === "cloud" ? ["build", "rebase", "inspect", "verify"] : ["build"];
}
function parseList(raw, commasInValues = false) {
  const separator = commasInValues && /[\r\n]/.test(raw) ? /\r?\n/ : /[\n,]/;
  return raw.split(separator).map((s) => s.trim()).filter((s) => s.length > 0);
}
function mapEntries(raw) {
  const lines = raw.split(/\r?\n/).map((s) => s.trim()).filter((s) => s.length > 0);
  if (lines.length !== 1) return lines;
  const entries = [];
  for (const piece of lines[0].split(",")) {
    if (!piece.includes("=") && entries.length > 0) entries[entries.length - 1] += `,${piece}`;
    else entries.push(piece);
  }
  return entries.map((s) => s.trim()).filter((s) => s.length > 0);
}
function parseMap(name, raw) {
  const out = {};
  for (const item of mapEntries(raw)) {
    const eq = item.indexOf("=");
    if (eq <= 0) {
      throw new InputError(
        `Input "${name}": "${item}" is not key=value; write e.g. ${name}: team=data`
      );
    }
    out[item.slice(0, eq).trim()] = item.slice(eq + 1).trim();
  }
  return out;
}
function parseOne(name, raw, hadLineBreak = false) {
  const s = INPUTS[name];
  switch (s.type) {
    case "boolean":
      if (raw === "true") return true;
      if (raw === "false") return false;
      throw new InputError(`Input "${name}" must be true or false (got "${raw}").`);
    case "number": {
      const n = Number(raw);
      if (!/^\d+$/.test(raw) || !Number.isSafeInteger(n)) {
        throw new InputError(`Input "${name}" must be a whole number (got "${raw}").`);
      }
      return n;
    }
    case "list":
      return parseList(hadLineBreak ? `${raw}
` : raw, s.commasInValues);
    case "map":
      return parseMap(name, raw);
    case "string":
      if (s.choices && !s.choices.includes(raw)) {
        throw new InputError(
          `Input "${name}" must be one of ${s.choices.join(", ")} (got "${raw}").`
        );
      }
      return raw;
  }
}
function readInputs(get) {
  const out = {};
  for (const name of Object.keys(INPUTS)) {
    const untrimmed = get(name);
    const given = untrimmed?.trim();
    const raw = given === void 0 || given === "" ? INPUTS[name].default : given;
    if (INPUTS[name].secret) secrets.add(raw);
    out[name] = parseOne(name, raw, raw === given && /[\r\n]/.test(untrimmed ?? ""));
  }
  return out;
}

export {
  INPUT_GROUP_TITLES,
  CONNECTOR_TYPES,
  ARTIFACT_FORMATS,
  REGISTRY_PROVIDERS,
  INPUTS,
  inputCommands,
  readInputs
};
