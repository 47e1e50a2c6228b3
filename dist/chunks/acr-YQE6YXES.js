#!/usr/bin/env node
import { createRequire as __slipwayCreateRequire } from 'node:module';
import { fileURLToPath as __slipwayFileURLToPath } from 'node:url';
const require = __slipwayCreateRequire(import.meta.url);
const __filename = __slipwayFileURLToPath(import.meta.url);
const __dirname = __filename.slice(0, __filename.lastIndexOf('/'));
import {
  endpointsOf
} from "./chunk-GUXLXJXB.js";
import {
  requireOidcToken
} from "./chunk-X6WEFAWC.js";
import {
  isLoopbackHost
} from "./chunk-H6QOYTIP.js";
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

// src/providers/acr.ts
var ACR_SCOPE = "https://containerregistry.azure.net/.default";
var ACR_TOKEN_USER = "00000000-0000-0000-0000-000000000000";
var AZURE_OIDC_AUDIENCE = "api://AzureADTokenExchange";
var ASSERTION_REUSE_MS = 6e4;
var REFRESH_TOKEN_LIFETIME_MS = 2 * 60 * 6e4;
function acrExchangeUrl(host) {
  return `${isLoopbackHost(host) ? "http" : "https"}://${host}/oauth2/exchange`;
}
function tenantOf(accessToken) {
  const payload = accessToken.split(".")[1];
  if (!payload) return void 0;
  try {
    const claims = JSON.parse(Buffer.from(payload, "base64url").toString("utf8"));
    const tid = claims?.tid;
    return typeof tid === "string" ? tid : void 0;
  } catch {
    return void 0;
  }
}
function azureSaid(error) {
  const pending = [error];
  for (let i = 0; i < pending.length && i < 10; i++) {
    const e = pending[i];
    if (typeof e !== "object" || e === null) continue;
    const { errorResponse, errors, message } = e;
    for (const text of [errorResponse?.errorDescription, message]) {
      const aadsts = typeof text === "string" ? /AADSTS\d+:[^.\r\n]*\.?/.exec(text) : null;
      if (aadsts) return aadsts[0];
    }
    if (Array.isArray(errors)) pending.push(...errors);
  }
  return errorMessage(error).split("\n")[0];
}
var AcrProvider = class {
  constructor(ctx) {
    this.ctx = ctx;
  }
  ctx;
  name = "acr";
  credential;
  assertion;
  get keyless() {
    return Boolean(this.ctx.inputs["azure-client-id"] || this.ctx.inputs["azure-tenant-id"]);
  }
  describe() {
    return this.keyless ? `Entra ID app ${this.ctx.inputs["azure-client-id"]} (CI OIDC token)` : "the Azure default credential chain";
  }
  async tokenCredential() {
    if (this.credential) return this.credential;
    const identity = await import("./esm-UBFQBXS2.js");
    const endpoints = endpointsOf(this.ctx);
    const options = {
      authorityHost: endpoints.azureAuthorityHost ?? this.ctx.env.AZURE_AUTHORITY_HOST,
      // Instance discovery asks Microsoft whether the authority is one of theirs; a private
      // (test) authority is not.
      disableInstanceDiscovery: endpoints.azureAuthorityHost !== void 0,
      ...endpoints.azureCa !== void 0 && { tlsOptions: { ca: endpoints.azureCa } }
    };
    if (this.keyless) {
      const clientId = this.ctx.inputs["azure-client-id"];
      const tenantId = this.ctx.inputs["azure-tenant-id"];
      if (!clientId || !tenantId) {
        throw new InputError(
          `Inputs "azure-client-id" and "azure-tenant-id" go together for keyless ACR login; set both (the app registration's client id and its tenant id).`
        );
      }
      this.credential = new identity.ClientAssertionCredential(
        tenantId,
        clientId,
        () => this.oidcAssertion(),
        options
      );
    } else {
      this.credential = new identity.DefaultAzureCredential({
        ...options,
        tenantId: this.ctx.env.AZURE_TENANT_ID?.trim() || void 0
      });
    }
    return this.credential;
  }
  /**
   * MSAL asks for the assertion more than once per token; one CI token serves them all for a
   * minute instead of one request to the CI's token service each time.
   */
  oidcAssertion() {
    const now = Date.now();
    if (!this.assertion || now - this.assertion.at > ASSERTION_REUSE_MS) {
      const value = requireOidcToken(this.ctx, AZURE_OIDC_AUDIENCE, "azure-client-id");
      this.assertion = { value, at: now };
      value.catch(() => this.assertion = void 0);
    }
    return this.assertion.value;
  }
  async credentials(host) {
    let accessToken;
    try {
      const credential = await this.tokenCredential();
      const token = await credential.getToken(ACR_SCOPE);
      if (!token) throw new RunError(`ACR: Entra ID returned no token for ${host}; try again.`);
      accessToken = token.token;
    } catch (error) {
      throw this.entraFailure(host, error);
    }
    secrets.add(accessToken);
    const refreshToken = await this.exchange(host, accessToken);
    return {
      credentials: { username: ACR_TOKEN_USER, identityToken: refreshToken },
      expiresAt: Date.now() + REFRESH_TOKEN_LIFETIME_MS,
      source: `${this.describe()} via ${host}/oauth2/exchange`
    };
  }
  /** POST /oauth2/exchange: Entra ID access token in, ACR refresh token out. */
  async exchange(host, accessToken) {
    const url = acrExchangeUrl(host);
    const form = new URLSearchParams({
      grant_type: "access_token",
      service: host,
      access_token: accessToken
    });
    const tenant = this.ctx.inputs["azure-tenant-id"] || this.ctx.env.AZURE_TENANT_ID || tenantOf(accessToken);
    if (tenant) form.set("tenant", tenant);
    let status;
    let text;
    try {
      const res = await fetch(url, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: form.toString(),
        signal: AbortSignal.timeout(this.ctx.inputs["request-timeout"] * 1e3)
      });
      status = res.status;
      text = await res.text();
    } catch (error) {
      throw new RunError(
        `ACR: cannot reach ${url} to exchange the Entra ID token (${secrets.redact(errorMessage(error))}): check the registry name and the network.`
      );
    }
    if (status === 401 || status === 403) {
      throw new RunError(
        `ACR: ${host} refused the Entra ID token of ${this.describe()} at /oauth2/exchange (HTTP ${status}): make sure the identity is in the registry's tenant and has the AcrPush role on the registry.`
      );
    }
    let refreshToken;
    try {
      refreshToken = JSON.parse(text).refresh_token;
    } catch {
      refreshToken = void 0;
    }
    if (status !== 200 || typeof refreshToken !== "string" || refreshToken === "") {
      throw new RunError(
        `ACR: ${host}/oauth2/exchange answered HTTP ${status} without a refresh token; check that ${host} is an Azure container registry.`
      );
    }
    secrets.add(refreshToken);
    return refreshToken;
  }
  entraFailure(host, error) {
    if (error instanceof SlipwayError) return error;
    const name = error instanceof Error ? error.name : "";
    const said = secrets.redact(azureSaid(error));
    const clientId = this.ctx.inputs["azure-client-id"];
    if (name === "CredentialUnavailableError" || name === "AggregateAuthenticationError" && !this.keyless) {
      return new RunError(
        `ACR: no Azure identity for ${host}: set "azure-client-id" and "azure-tenant-id" (keyless, with the CI's OIDC token), or AZURE_CLIENT_ID/AZURE_TENANT_ID/AZURE_CLIENT_SECRET, or log in with "az login"; or use the "username"/"password" inputs with a registry token.`
      );
    }
    let fix = "check the Entra ID app registration and the credentials";
    if (/AADSTS70021|AADSTS700213|AADSTS700211|federated identity/i.test(said)) {
      fix = `add a federated credential to app ${clientId} whose issuer and subject match the CI's OIDC token (audience ${AZURE_OIDC_AUDIENCE})`;
    } else if (/AADSTS700024|expired|not within its valid time range/i.test(said)) {
      fix = "the token or secret has expired: request a fresh OIDC token or renew the client secret";
    } else if (/AADSTS7000215|AADSTS7000222|client secret/i.test(said)) {
      fix = "AZURE_CLIENT_SECRET is wrong or expired: create a new client secret";
    } else if (/AADSTS700016|AADSTS90002/i.test(said)) {
      fix = 'check "azure-client-id" and "azure-tenant-id" (or AZURE_CLIENT_ID/AZURE_TENANT_ID)';
    }
    return new RunError(
      `ACR: Entra ID refused a token for ${host} to ${this.describe()} (${said}): ${fix}.`
    );
  }
};
export {
  AcrProvider,
  acrExchangeUrl
};
