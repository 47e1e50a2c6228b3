#!/usr/bin/env node
import { createRequire as __slipwayCreateRequire } from 'node:module';
import { fileURLToPath as __slipwayFileURLToPath } from 'node:url';
const require = __slipwayCreateRequire(import.meta.url);
const __filename = __slipwayFileURLToPath(import.meta.url);
const __dirname = __filename.slice(0, __filename.lastIndexOf('/'));
import "./chunk-FCCLLEZB.js";
import {
  isLoopbackHost
} from "./chunk-H6QOYTIP.js";
import "./chunk-7ZB3PTRR.js";
import "./chunk-OG2YEZ62.js";
import {
  secrets
} from "./chunk-MKQXDKX4.js";
import {
  InputError,
  RunError,
  errorMessage
} from "./chunk-B27IFLT6.js";
import "./chunk-3ILMJHGQ.js";

// src/connectors/airbyte/registration.ts
var BODY_LIMIT = 8 * 1024 * 1024;
function checkAirbyteInputs(inputs) {
  let url2;
  try {
    url2 = new URL(inputs.url);
  } catch {
    throw new InputError(
      `Input "airbyte-url" (${inputs.url}) is not a URL; write e.g. https://api.airbyte.com/v1 or https://airbyte.example.com/api/public/v1.`
    );
  }
  if (url2.protocol !== "https:" && url2.protocol !== "http:") {
    throw new InputError(`Input "airbyte-url" must be an http(s) URL (got ${url2.protocol}).`);
  }
  if (!inputs.workspaceId) {
    throw new InputError(
      'Input "airbyte-workspace-id" is required with airbyte-url: the custom connector is registered in one workspace (Settings \u2192 Workspace shows its id).'
    );
  }
  const { token, clientId, clientSecret } = inputs.auth;
  if (!token && !(clientId && clientSecret)) {
    throw new InputError(
      "Airbyte registration needs airbyte-token, or airbyte-client-id with airbyte-client-secret (User settings \u2192 Applications in Airbyte)."
    );
  }
  return url2.toString().replace(/\/+$/, "");
}
var AirbyteApi = class {
  constructor(base, req) {
    this.base = base;
    this.req = req;
    if (url(base).protocol === "http:" && !isLoopbackHost(url(base).host)) {
      req.logger.warn(
        `airbyte-url ${base} is plain HTTP: the Airbyte token crosses the network unencrypted; use https.`
      );
    }
  }
  base;
  req;
  token;
  async bearer() {
    if (this.token) return this.token;
    const { token, clientId, clientSecret } = this.req.auth;
    if (token) {
      this.token = token;
      return token;
    }
    const body = await this.call(
      "POST",
      "/applications/token",
      { client_id: clientId, client_secret: clientSecret, "grant-type": "client_credentials" },
      { auth: false, what: "exchanging airbyte-client-id/airbyte-client-secret for a token" }
    );
    if (typeof body.access_token !== "string" || body.access_token === "") {
      throw new RunError(
        `Airbyte's token endpoint ${this.base}/applications/token answered without an access_token; check that airbyte-url points at the public API (\u2026/v1 or \u2026/api/public/v1).`
      );
    }
    secrets.add(body.access_token);
    this.token = body.access_token;
    return this.token;
  }
  async call(method, path, body, opts) {
    const headers = {
      accept: "application/json",
      "user-agent": "slipway"
    };
    if (body !== void 0) headers["content-type"] = "application/json";
    if (opts.auth !== false) headers.authorization = `Bearer ${await this.bearer()}`;
    const target = `${this.base}${path}`;
    let res;
    try {
      res = await fetch(target, {
        method,
        headers,
        body: body === void 0 ? void 0 : JSON.stringify(body),
        redirect: "error",
        signal: AbortSignal.timeout(this.req.timeoutMs ?? 6e4)
      });
    } catch (err) {
      const cause = err instanceof Error && err.cause instanceof Error ? `: ${err.cause.message}` : "";
      throw new RunError(
        `Airbyte at ${this.base} could not be reached while ${opts.what} (${errorMessage(err)}${cause}); check airbyte-url.`
      );
    }
    const text = await readLimited(res);
    if (!res.ok) throw this.failure(res.status, text, opts.what, opts.auth !== false);
    if (text.trim() === "") return {};
    try {
      return JSON.parse(text);
    } catch {
      throw new RunError(
        `Airbyte answered ${method} ${path} with something that is not JSON; check that airbyte-url points at the public API (\u2026/v1 or \u2026/api/public/v1), not the web app.`
      );
    }
  }
  failure(status, text, what, withToken) {
    const detail = secrets.redact(apiMessage(text)).slice(0, 300);
    const said = detail ? ` (Airbyte said: ${detail})` : "";
    const credential = this.req.auth.token ? "airbyte-token" : "airbyte-client-id and airbyte-client-secret";
    if (status === 401) {
      return new RunError(
        `Airbyte refused the credentials while ${what} (HTTP 401)${said}; check ${withToken ? credential : "airbyte-client-id and airbyte-client-secret"}: the token may be expired (application tokens last minutes) or belong to another Airbyte.`
      );
    }
    if (status === 403) {
      return new RunError(
        `Airbyte denied ${what} in workspace ${this.req.workspaceId} (HTTP 403)${said}; the user behind ${credential} needs workspace admin (or editor) rights there.`
      );
    }
    if (status === 404) {
      return new RunError(
        `Airbyte found nothing at ${what} (HTTP 404)${said}; check airbyte-workspace-id and that airbyte-url ends with the API root (\u2026/v1 or \u2026/api/public/v1).`
      );
    }
    return new RunError(`Airbyte failed while ${what} (HTTP ${status})${said}.`);
  }
};
function url(s) {
  return new URL(s);
}
async function readLimited(res, limit = BODY_LIMIT) {
  if (!res.body) return "";
  const reader = res.body.getReader();
  const chunks = [];
  let size = 0;
  for (; ; ) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => void 0);
      throw new RunError(`Airbyte answered with more than ${limit} bytes; refusing to read it.`);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}
function apiMessage(text) {
  try {
    const doc = JSON.parse(text);
    const parts = [doc.title, doc.detail, doc.message].filter((p) => typeof p === "string");
    if (parts.length > 0) return parts.join(": ");
  } catch {
  }
  return text.trim().replace(/\s+/g, " ");
}
function definitionsOf(body) {
  const data = typeof body === "object" && body !== null ? body.data : [];
  if (!Array.isArray(data)) return [];
  return data.filter(
    (d) => typeof d === "object" && d !== null && typeof d.id === "string"
  );
}
async function registerDefinition(req) {
  const base = checkAirbyteInputs({ url: req.url, workspaceId: req.workspaceId, auth: req.auth });
  const api = new AirbyteApi(base, req);
  const root = `/workspaces/${encodeURIComponent(req.workspaceId)}/definitions/${req.kind}`;
  const noun = req.kind === "sources" ? "source" : "destination";
  const listed = await api.call("GET", root, void 0, {
    what: `listing the ${noun} definitions of workspace ${req.workspaceId}`
  });
  const existing = definitionsOf(listed).find((d) => d.dockerRepository === req.dockerRepository);
  if (existing) {
    if (existing.dockerImageTag === req.dockerImageTag && existing.name === req.name) {
      req.logger.info(
        `airbyte: ${noun} definition ${existing.id} already runs ${req.dockerRepository}:${req.dockerImageTag}`
      );
      return { id: existing.id, action: "unchanged" };
    }
    const updated = await api.call(
      "PUT",
      `${root}/${encodeURIComponent(existing.id)}`,
      { name: req.name, dockerImageTag: req.dockerImageTag },
      { what: `updating ${noun} definition ${existing.id}` }
    );
    const id = typeof updated.id === "string" ? updated.id : existing.id;
    req.logger.info(
      `airbyte: updated ${noun} definition ${id} from ${existing.dockerImageTag ?? "?"} to ${req.dockerRepository}:${req.dockerImageTag}`
    );
    return { id, action: "updated" };
  }
  const body = {
    name: req.name,
    dockerRepository: req.dockerRepository,
    dockerImageTag: req.dockerImageTag
  };
  if (req.documentationUrl) body.documentationUrl = req.documentationUrl;
  const created = await api.call("POST", root, body, {
    what: `creating a ${noun} definition in workspace ${req.workspaceId}`
  });
  if (typeof created.id !== "string" || created.id === "") {
    throw new RunError(
      `Airbyte created the ${noun} definition but returned no id; check airbyte-url points at the public API.`
    );
  }
  req.logger.info(
    `airbyte: created ${noun} definition ${created.id} for ${req.dockerRepository}:${req.dockerImageTag}`
  );
  return { id: created.id, action: "created" };
}
export {
  checkAirbyteInputs,
  readLimited,
  registerDefinition
};
