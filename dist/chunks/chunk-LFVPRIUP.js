#!/usr/bin/env node
import { createRequire as __slipwayCreateRequire } from 'node:module';
import { fileURLToPath as __slipwayFileURLToPath } from 'node:url';
const require = __slipwayCreateRequire(import.meta.url);
const __filename = __slipwayFileURLToPath(import.meta.url);
const __dirname = __filename.slice(0, __filename.lastIndexOf('/'));
import {
  loginCredentials
} from "./chunk-B3QBHUTN.js";
import {
  detectProvider,
  targetRegistry
} from "./chunk-CNQ2QFJG.js";
import {
  INPUTS
} from "./chunk-HZ5WA2AJ.js";
import {
  Transport
} from "./chunk-FCCLLEZB.js";
import {
  normalizeRegistry
} from "./chunk-7ZB3PTRR.js";
import {
  secrets
} from "./chunk-MKQXDKX4.js";
import {
  InputError,
  errorMessage
} from "./chunk-B27IFLT6.js";

// src/providers/ca.ts
import fs from "node:fs";
import path from "node:path";
function readRegistryCa(inputs) {
  const file = inputs["registry-ca"];
  if (!file) return void 0;
  const full = path.resolve(inputs["working-directory"], file);
  let pem;
  try {
    pem = fs.readFileSync(full, "utf8");
  } catch (error) {
    throw new InputError(
      `Input "registry-ca": cannot read ${full} (${errorMessage(error)}); point it at a PEM file of the registry's CA.`
    );
  }
  if (!pem.includes("-----BEGIN CERTIFICATE-----")) {
    throw new InputError(
      `Input "registry-ca": ${full} holds no PEM certificate (-----BEGIN CERTIFICATE-----); export the CA certificate in PEM format.`
    );
  }
  return pem;
}

// src/providers/basic.ts
function inputCredentials(ctx, provider) {
  const { username, password } = ctx.inputs;
  if (!password) return void 0;
  if (!username) {
    throw new InputError(
      `Input "password" is set but "username" is empty: set "username" for the ${provider} registry (for an ACR token or admin user, its name).`
    );
  }
  secrets.add(password);
  return { credentials: { username, password }, source: "the username and password inputs" };
}
var ANONYMOUS = { credentials: void 0, source: "anonymous" };
function envSecret(ctx, name) {
  const value = ctx.env[name]?.trim();
  if (!value) return void 0;
  secrets.add(value);
  return value;
}
var ANONYMOUS_CREDENTIALS = ANONYMOUS;
var StaticProvider = class {
  constructor(name) {
    this.name = name;
  }
  name;
  credentials() {
    return Promise.resolve(ANONYMOUS);
  }
};
var GhcrProvider = class {
  constructor(ctx) {
    this.ctx = ctx;
  }
  ctx;
  name = "ghcr";
  credentials(_host, target) {
    const token = this.ctx.inputs["github-token"] || envSecret(this.ctx, "GITHUB_TOKEN");
    if (!token) return Promise.resolve(ANONYMOUS);
    const username = (target ? this.ctx.inputs.username : "") || this.ctx.env.GITHUB_ACTOR || "x-access-token";
    return Promise.resolve({ credentials: { username, password: token }, source: "GITHUB_TOKEN" });
  }
};
var GitlabProvider = class {
  constructor(ctx) {
    this.ctx = ctx;
  }
  ctx;
  name = "gitlab";
  credentials() {
    const user = this.ctx.env.CI_REGISTRY_USER?.trim();
    const password = envSecret(this.ctx, "CI_REGISTRY_PASSWORD");
    if (user && password) {
      return Promise.resolve({
        credentials: { username: user, password },
        source: "CI_REGISTRY_USER/CI_REGISTRY_PASSWORD"
      });
    }
    const jobToken = envSecret(this.ctx, "CI_JOB_TOKEN");
    if (jobToken) {
      return Promise.resolve({
        credentials: { username: "gitlab-ci-token", password: jobToken },
        source: "CI_JOB_TOKEN"
      });
    }
    return Promise.resolve(ANONYMOUS);
  }
};

// src/providers/hints.ts
function permissionHint(provider, access) {
  const push = access === "push";
  switch (provider) {
    case "ecr":
      return push ? "allow the IAM actions ecr:BatchCheckLayerAvailability, ecr:InitiateLayerUpload, ecr:UploadLayerPart, ecr:CompleteLayerUpload and ecr:PutImage on the repository" : "allow the IAM actions ecr:BatchGetImage and ecr:GetDownloadUrlForLayer on the repository";
    case "ecr-public":
      return push ? "allow the IAM actions ecr-public:BatchCheckLayerAvailability, ecr-public:InitiateLayerUpload, ecr-public:UploadLayerPart, ecr-public:CompleteLayerUpload and ecr-public:PutImage on the repository" : "public images need no credentials; check the repository name";
    case "gar":
      return push ? "grant roles/artifactregistry.writer on the repository to the identity Slipway runs as" : "grant roles/artifactregistry.reader on the repository to the identity Slipway runs as";
    case "acr":
      return push ? "assign the AcrPush role on the registry to the identity Slipway runs as" : "assign the AcrPull role on the registry to the identity Slipway runs as";
    case "dockerhub":
      return push ? "use a Docker Hub access token with Read & Write scope for a namespace the user may push to" : "check the repository name, and log in for a private repository";
    case "ghcr":
      return push ? 'give the job "permissions: packages: write" (GITHUB_TOKEN) and connect the package to this repository, or use a token with write:packages' : 'give the job "permissions: packages: read", or use a token with read:packages';
    case "gitlab":
      return push ? "CI_JOB_TOKEN may push only to this project's registry: push to $CI_REGISTRY_IMAGE or use a deploy token with write_registry" : `allow this project in the other project's "CI/CD job token" allowlist, or use a deploy token with read_registry`;
    case "generic":
      return 'check the "username" and "password" inputs (or, without them, the `docker login`/`podman login` made before the run) and that the user may access the repository';
  }
}

// src/providers/index.ts
var USES_EXISTING_LOGINS = /* @__PURE__ */ new Set([
  "generic",
  "dockerhub",
  "ghcr",
  "gitlab"
]);
var RENEW_BEFORE_MS = 5 * 6e4;
var sessions = /* @__PURE__ */ new WeakMap();
function providerFor(ctx, name) {
  let session = sessions.get(ctx);
  if (!session) {
    session = { providers: /* @__PURE__ */ new Map() };
    sessions.set(ctx, session);
  }
  let provider = session.providers.get(name);
  if (!provider) {
    provider = createProvider(ctx, name, session);
    session.providers.set(name, provider);
  }
  return provider;
}
async function createProvider(ctx, name, session) {
  const awsIdentity = () => session.aws ??= import("./aws-QZEWTB4R.js").then(({ AwsIdentity }) => new AwsIdentity(ctx));
  switch (name) {
    case "ecr":
      return new (await import("./ecr-QWSOLY2R.js")).EcrProvider(ctx, await awsIdentity());
    case "ecr-public":
      return new (await import("./ecr-QWSOLY2R.js")).EcrPublicProvider(ctx, await awsIdentity());
    case "gar":
      return new (await import("./gar-ADAZPAIO.js")).GarProvider(ctx);
    case "acr":
      return new (await import("./acr-YQE6YXES.js")).AcrProvider(ctx);
    case "ghcr":
      return new GhcrProvider(ctx);
    case "gitlab":
      return new GitlabProvider(ctx);
    case "dockerhub":
    case "generic":
      return new StaticProvider(name);
  }
}
async function issue(ctx, host, target) {
  const isTarget = host === target;
  const name = detectProvider(host, ctx.inputs, ctx.env, target);
  const fromInputs = isTarget ? inputCredentials(ctx, name) : void 0;
  if (fromInputs) return fromInputs;
  try {
    const provider = await providerFor(ctx, name);
    const issued = await provider.credentials(host, isTarget);
    if (issued.credentials || !USES_EXISTING_LOGINS.has(name)) return issued;
    return await loginCredentials(host, ctx.env, ctx.logger) ?? issued;
  } catch (error) {
    if (isTarget) throw error;
    ctx.logger.warn(
      `${host}: no ${name} credentials for pulling (${secrets.redact(errorMessage(error))}); trying anonymously.`
    );
    return ANONYMOUS_CREDENTIALS;
  }
}
function credentialResolver(ctx, target = targetRegistry(ctx.inputs)) {
  const targetHost = target === void 0 ? void 0 : normalizeRegistry(target);
  const cache = /* @__PURE__ */ new Map();
  return async (registryHost) => {
    const host = normalizeRegistry(registryHost);
    let pending = cache.get(host);
    if (pending) {
      const issued = await pending.catch(() => void 0);
      if (!issued || issued.expiresAt !== void 0 && issued.expiresAt - RENEW_BEFORE_MS < Date.now()) {
        pending = void 0;
      }
    }
    if (!pending) {
      const fresh = issue(ctx, host, targetHost);
      pending = fresh;
      cache.set(host, fresh);
      fresh.then(
        (issued) => {
          const verb = issued.credentials ? "credentials from" : "access:";
          ctx.logger.info(`${host}: ${verb} ${issued.source}`);
        },
        () => cache.delete(host)
      );
    }
    return (await pending).credentials;
  };
}
async function ensureRepository(ctx, target) {
  if (!ctx.inputs["create-repository"]) return;
  const registry = normalizeRegistry(target.registry);
  const name = detectProvider(registry, ctx.inputs, ctx.env, registry);
  const provider = await providerFor(ctx, name);
  await provider.ensureRepository?.({ registry, repository: target.repository });
}
function accessHint(ctx, registryHost, access, target = targetRegistry(ctx.inputs)) {
  const name = detectProvider(
    registryHost,
    ctx.inputs,
    ctx.env,
    target && normalizeRegistry(target)
  );
  return permissionHint(name, access);
}
function registryAccess(ctx, target) {
  const targetHost = target?.registry ?? targetRegistry(ctx.inputs);
  return {
    credentials: credentialResolver(ctx, targetHost),
    caPem: readRegistryCa(ctx.inputs),
    ensureRepository: (repository) => ensureRepository(ctx, repository),
    hint: (host, access) => accessHint(ctx, host, access, targetHost)
  };
}
function oidcTokenFromEnv(env, variable) {
  return () => {
    const token = env[variable]?.trim() || void 0;
    secrets.add(token);
    return Promise.resolve(token);
  };
}

// src/run/connect.ts
function connect(inputs, ctx, target) {
  if (ctx.pool) return ctx.pool.connection(inputs, target);
  return openConnection(inputs, ctx, target);
}
function openConnection(inputs, ctx, target) {
  const access = registryAccess(
    { inputs, env: ctx.env, logger: ctx.logger, ciOidcToken: ctx.ciOidcToken },
    target
  );
  const transport = new Transport({
    credentials: access.credentials,
    insecureRegistries: insecureRegistries(inputs, target),
    skipTlsVerify: inputs["skip-tls-verify"],
    caPem: access.caPem,
    maxRetries: inputs["max-retries"],
    requestTimeoutMs: inputs["request-timeout"] * 1e3,
    logger: ctx.logger
  });
  return { access, transport, close: () => transport.close() };
}
var CONNECTION_INPUTS = Object.keys(INPUTS).filter(
  (name) => INPUTS[name].group === "registry" || INPUTS[name].group === "cloud" || name === "max-retries" || name === "request-timeout"
);
var ConnectionPool = class {
  /** `ctx` is the whole process's: the shared connections log without a project's prefix. */
  constructor(ctx) {
    this.ctx = ctx;
  }
  ctx;
  connections = /* @__PURE__ */ new Map();
  connection(inputs, target) {
    if (!target) return openConnection(inputs, this.ctx, target);
    const key = JSON.stringify([
      normalizeRegistry(target.registry),
      CONNECTION_INPUTS.map((name) => inputs[name])
    ]);
    let shared = this.connections.get(key);
    if (!shared) {
      shared = openConnection(inputs, this.ctx, target);
      this.connections.set(key, shared);
    }
    return { ...shared, close: () => Promise.resolve() };
  }
  /** How many connections the runs needed: one per registry and login. */
  get size() {
    return this.connections.size;
  }
  async close() {
    for (const c of this.connections.values()) await c.close();
    this.connections.clear();
  }
};
function insecureRegistries(inputs, target) {
  const hosts = [...inputs["insecure-registries"]];
  if (inputs["insecure-registry"] && target) hosts.push(target.registry);
  return hosts;
}

export {
  oidcTokenFromEnv,
  connect,
  ConnectionPool,
  insecureRegistries
};
