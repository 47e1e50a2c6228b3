#!/usr/bin/env node
import { createRequire as __slipwayCreateRequire } from 'node:module';
import { fileURLToPath as __slipwayFileURLToPath } from 'node:url';
const require = __slipwayCreateRequire(import.meta.url);
const __filename = __slipwayFileURLToPath(import.meta.url);
const __dirname = __filename.slice(0, __filename.lastIndexOf('/'));
import {
  garLocation
} from "./chunk-CNQ2QFJG.js";
import {
  OncePerRepository,
  endpointsOf
} from "./chunk-GUXLXJXB.js";
import {
  requireOidcToken
} from "./chunk-X6WEFAWC.js";
import "./chunk-HZ5WA2AJ.js";
import {
  importCommonJs
} from "./chunk-WKKBWN5R.js";
import "./chunk-7ZB3PTRR.js";
import "./chunk-OG2YEZ62.js";
import {
  secrets
} from "./chunk-MKQXDKX4.js";
import {
  InputError,
  RunError,
  SlipwayError,
  errorMessage
} from "./chunk-B27IFLT6.js";
import "./chunk-3ILMJHGQ.js";

// src/providers/gar.ts
import fsp from "node:fs/promises";
var SCOPE = "https://www.googleapis.com/auth/cloud-platform";
var GOOGLE_TOKEN_URL = "https://oauth2.googleapis.com/token";
var STS_URL = "https://sts.googleapis.com/v1/token";
var IAM_CREDENTIALS_URL = "https://iamcredentials.googleapis.com";
var WIP_RE = /^projects\/\d+\/locations\/global\/workloadIdentityPools\/[^/]+\/providers\/[^/]+$/;
var STATUS = {
  NOT_FOUND: { grpc: 5, http: 404 },
  PERMISSION_DENIED: { grpc: 7, http: 403 },
  ALREADY_EXISTS: { grpc: 6, http: 409 }
};
function hasStatus(error, name) {
  const e = shape(error);
  const { grpc, http } = STATUS[name];
  return e.code === grpc || e.code === http || e.status === http || e.response?.status === http;
}
function shape(error) {
  return typeof error === "object" && error !== null ? error : {};
}
function text(value) {
  return typeof value === "string" || typeof value === "number" ? String(value) : "";
}
function googleSaid(error) {
  const data = shape(error).response?.data;
  if (typeof data === "object" && data !== null) {
    const d = data;
    if (typeof d.error === "string") {
      return typeof d.error_description === "string" ? `${d.error}: ${d.error_description}` : d.error;
    }
    if (typeof d.error === "object" && d.error !== null) {
      const e = d.error;
      return `${text(e.status)}: ${text(e.message)}`;
    }
  }
  return errorMessage(error);
}
var GarProvider = class {
  constructor(ctx) {
    this.ctx = ctx;
  }
  ctx;
  name = "gar";
  client;
  ensured = new OncePerRepository();
  get wip() {
    return this.ctx.inputs["gcp-workload-identity-provider"].replace(
      /^\/\/iam\.googleapis\.com\//,
      ""
    );
  }
  describe() {
    const sa = this.ctx.inputs["gcp-service-account"];
    if (this.wip) return `workload identity ${this.wip}${sa ? ` as ${sa}` : ""}`;
    return "Google application default credentials";
  }
  authClient() {
    if (!this.client) {
      const pending = this.wip ? this.federated() : this.applicationDefault();
      this.client = pending;
      pending.catch(() => {
        if (this.client === pending) this.client = void 0;
      });
    }
    return this.client;
  }
  /**
   * Workload identity federation built in memory (never written to disk, unlike the CI auth
   * actions' credential files): STS exchanges the CI's OIDC token, then IAM Credentials
   * impersonates gcp-service-account when one is given.
   */
  async federated() {
    const wip = this.wip;
    if (!WIP_RE.test(wip)) {
      throw new InputError(
        `Input "gcp-workload-identity-provider" is "${wip}"; write projects/PROJECT_NUMBER/locations/global/workloadIdentityPools/POOL/providers/PROVIDER.`
      );
    }
    const endpoints = endpointsOf(this.ctx);
    const sa = this.ctx.inputs["gcp-service-account"];
    const iam = (endpoints.googleIamCredentials ?? IAM_CREDENTIALS_URL).replace(/\/+$/, "");
    const { IdentityPoolClient } = await importCommonJs(() => import("./src-JCFMORLN.js"));
    return new IdentityPoolClient({
      type: "external_account",
      audience: `//iam.googleapis.com/${wip}`,
      subject_token_type: "urn:ietf:params:oauth:token-type:jwt",
      token_url: endpoints.googleSts ?? STS_URL,
      service_account_impersonation_url: sa ? `${iam}/v1/projects/-/serviceAccounts/${sa}:generateAccessToken` : void 0,
      // The audience google-github-actions/auth asks the CI for, so existing pools accept it.
      subject_token_supplier: {
        getSubjectToken: () => requireOidcToken(
          this.ctx,
          `https://iam.googleapis.com/${wip}`,
          "gcp-workload-identity-provider"
        )
      }
    });
  }
  async applicationDefault() {
    const { GoogleAuth } = await importCommonJs(() => import("./src-JCFMORLN.js"));
    const auth = new GoogleAuth({ scopes: [SCOPE] });
    const file = this.ctx.env.GOOGLE_APPLICATION_CREDENTIALS;
    if (!file) {
      try {
        return await auth.getClient();
      } catch (error) {
        throw this.noCredentials(error);
      }
    }
    let text2;
    try {
      text2 = await fsp.readFile(file, "utf8");
    } catch (error) {
      throw new InputError(
        `GOOGLE_APPLICATION_CREDENTIALS names ${file}, which is not readable (${errorMessage(error)}): point it at the key or external_account file.`
      );
    }
    let json;
    try {
      json = JSON.parse(text2);
    } catch {
      registerKeyLike(text2);
      throw new InputError(
        `GOOGLE_APPLICATION_CREDENTIALS file ${file} is not valid JSON: point it at the key or external_account file as Google issued it.`
      );
    }
    if (typeof json !== "object" || json === null) {
      throw new InputError(`GOOGLE_APPLICATION_CREDENTIALS file ${file} is not a JSON object.`);
    }
    const creds = json;
    if (typeof creds.private_key === "string") secrets.add(creds.private_key);
    const client = auth.fromJSON(json);
    const tokenUri = creds.token_uri;
    if (typeof tokenUri === "string" && tokenUri !== GOOGLE_TOKEN_URL) {
      client.transporter.interceptors.request.add({
        resolved: (config) => {
          if (String(config.url) === GOOGLE_TOKEN_URL) config.url = new URL(tokenUri);
          return Promise.resolve(config);
        }
      });
    }
    return client;
  }
  noCredentials(error) {
    return new RunError(
      `Artifact Registry: no Google credentials (${secrets.redact(errorMessage(error))}): set "gcp-workload-identity-provider" (keyless, with the CI's OIDC token) or GOOGLE_APPLICATION_CREDENTIALS (e.g. from google-github-actions/auth).`
    );
  }
  tokenFailure(host, error) {
    if (error instanceof SlipwayError) return error;
    const said = secrets.redact(googleSaid(error));
    const rawUrl = shape(error).config?.url;
    const url = rawUrl instanceof URL ? rawUrl.href : text(rawUrl);
    const sa = this.ctx.inputs["gcp-service-account"];
    if (url.includes(":generateAccessToken")) {
      return new RunError(
        `Artifact Registry: Google refused to impersonate "gcp-service-account" ${sa} for ${host} (${said}): grant roles/iam.workloadIdentityUser on ${sa} to the workload identity pool's principal for this repository.`
      );
    }
    if (this.wip) {
      return new RunError(
        `Artifact Registry: Google STS rejected the CI's OIDC token for "gcp-workload-identity-provider" ${this.wip} (${said}): check the provider name, its issuer and its attribute condition, and that the token is fresh.`
      );
    }
    if (/could not load the default credentials/i.test(said)) return this.noCredentials(error);
    if (/invalid_grant/.test(said)) {
      return new RunError(
        `Artifact Registry: Google rejected the credentials in GOOGLE_APPLICATION_CREDENTIALS for ${host} as expired or revoked (${said}): create a new key, re-run the CI's Google auth step, or use "gcp-workload-identity-provider".`
      );
    }
    return new RunError(
      `Artifact Registry: getting a Google access token for ${host} failed (${said}).`
    );
  }
  async credentials(host) {
    let token;
    let expiresAt;
    try {
      const client = await this.authClient();
      const res = await client.getAccessToken();
      token = res.token;
      expiresAt = client.credentials.expiry_date ?? void 0;
    } catch (error) {
      throw this.tokenFailure(host, error);
    }
    if (!token)
      throw new RunError(
        `Artifact Registry: Google returned no access token for ${host}; try again.`
      );
    secrets.add(token);
    return {
      credentials: { username: "oauth2accesstoken", password: token },
      expiresAt,
      source: this.describe()
    };
  }
  ensureRepository(target) {
    return this.ensured.run(target, (t) => this.createIfMissing(t));
  }
  /** GetRepository, then CreateRepository (format DOCKER) only when Google says NOT_FOUND. */
  async createIfMissing({ registry, repository }) {
    const location = garLocation(registry);
    if (!location) return;
    const [project, repo, ...image] = repository.split("/");
    if (!project || !repo || image.length === 0) {
      throw new InputError(
        `Input "image": Artifact Registry images are ${registry}/PROJECT/REPOSITORY/IMAGE, not ${registry}/${repository}.`
      );
    }
    const parent = `projects/${project}/locations/${location}`;
    const name = `${parent}/repositories/${repo}`;
    const client = await this.apiClient(registry);
    try {
      try {
        await client.getRepository({ name });
        this.ctx.logger.debug(`gar: repository ${name} exists`);
        return;
      } catch (error) {
        if (hasStatus(error, "PERMISSION_DENIED")) {
          this.ctx.logger.warn(
            `gar: not allowed to read repository ${name} (needs roles/artifactregistry.reader); assuming it exists.`
          );
          return;
        }
        if (!hasStatus(error, "NOT_FOUND")) throw this.apiFailure("GetRepository", name, error);
      }
      try {
        const [operation] = await client.createRepository({
          parent,
          repositoryId: repo,
          repository: { format: "DOCKER" }
        });
        await operation.promise();
        this.ctx.logger.info(`gar: created repository ${name} (format DOCKER)`);
      } catch (error) {
        if (hasStatus(error, "PERMISSION_DENIED")) {
          throw new RunError(
            `Artifact Registry: repository ${name} does not exist and Google denied creating it (artifactregistry.repositories.create): grant roles/artifactregistry.repoAdmin or roles/artifactregistry.admin, or create the repository yourself and set "create-repository: false".`
          );
        }
        if (hasStatus(error, "ALREADY_EXISTS")) return;
        throw this.apiFailure("CreateRepository", name, error);
      }
    } finally {
      await client.close();
    }
  }
  apiFailure(method, name, error) {
    if (error instanceof SlipwayError) return error;
    return new RunError(
      `Artifact Registry: ${method} ${name} failed (${secrets.redact(googleSaid(error))}).`
    );
  }
  async apiClient(registry) {
    const authClient = await this.authClient().catch((error) => {
      throw this.tokenFailure(registry, error);
    });
    const { ArtifactRegistryClient } = await importCommonJs(
      () => import("./src-LMBMAXRY.js")
    );
    const base = endpointsOf(this.ctx).artifactRegistry;
    const endpoint = base ? new URL(base) : void 0;
    return new ArtifactRegistryClient({
      authClient,
      fallback: true,
      ...endpoint && {
        apiEndpoint: endpoint.hostname,
        port: Number(endpoint.port) || (endpoint.protocol === "http:" ? 80 : 443),
        protocol: endpoint.protocol.replace(":", "")
      }
    });
  }
};
function registerKeyLike(text2) {
  for (const m of text2.matchAll(
    /-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?(-----END [A-Z ]*PRIVATE KEY-----|$)/g
  ))
    secrets.add(m[0]);
  for (const m of text2.matchAll(/"private_key"\s*:\s*"((?:[^"\\]|\\.)*)/g)) {
    secrets.add(m[1]);
    try {
      secrets.add(JSON.parse(`"${m[1]}"`));
    } catch {
    }
  }
}
export {
  GarProvider
};
