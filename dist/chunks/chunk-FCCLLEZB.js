#!/usr/bin/env node
import { createRequire as __slipwayCreateRequire } from 'node:module';
import { fileURLToPath as __slipwayFileURLToPath } from 'node:url';
const require = __slipwayCreateRequire(import.meta.url);
const __filename = __slipwayFileURLToPath(import.meta.url);
const __dirname = __filename.slice(0, __filename.lastIndexOf('/'));
import {
  isLoopbackHost
} from "./chunk-H6QOYTIP.js";
import {
  registryApiHost
} from "./chunk-7ZB3PTRR.js";
import {
  secrets
} from "./chunk-MKQXDKX4.js";
import {
  RunError
} from "./chunk-B27IFLT6.js";

// src/image/transport/client.ts
import { rootCertificates } from "node:tls";

// src/image/transport/http.ts
import { Agent as HttpAgent, request as httpRequest } from "node:http";
import { Agent as HttpsAgent, request as httpsRequest } from "node:https";
var DUMP_LIMIT = 256 * 1024;
var EXPECT_WAIT_MS = 1e3;
var LARGE_ANSWER = 1024 * 1024;
var TIMEOUT_CODE = "ETIMEDOUT";
var HttpConnections = class {
  http = new HttpAgent({ keepAlive: true });
  https;
  rejectUnauthorized;
  constructor(options) {
    this.https = new HttpsAgent({ keepAlive: true, ca: options.ca });
    this.rejectUnauthorized = options.rejectUnauthorized;
  }
  request(url, req) {
    const target = new URL(url);
    const secure = target.protocol === "https:";
    return new Promise((resolve, reject) => {
      const headers = { ...req.headers };
      if (Buffer.isBuffer(req.body)) headers["content-length"] = String(req.body.length);
      const body = req.body;
      const expectContinue = req.expectContinue === true && body !== void 0;
      if (expectContinue) headers.expect = "100-continue";
      const send = secure ? httpsRequest : httpRequest;
      const outgoing = send(target, {
        method: req.method,
        headers,
        agent: secure ? this.https : this.http,
        rejectUnauthorized: req.rejectUnauthorized ?? this.rejectUnauthorized
      });
      const fail = (what) => {
        outgoing.destroy(Object.assign(new Error(what), { code: TIMEOUT_CODE }));
      };
      let silence = `no bytes for ${req.timeoutMs} ms`;
      outgoing.setTimeout(req.timeoutMs, () => fail(silence));
      const awaitHeaders = () => {
        const ms = req.headersTimeoutMs ?? req.timeoutMs;
        silence = `no answer within ${ms} ms of sending the request`;
        outgoing.setTimeout(ms);
      };
      outgoing.once("finish", awaitHeaders);
      let deadline;
      if (req.deadlineMs !== void 0) {
        const ms = req.deadlineMs;
        deadline = setTimeout(() => fail(`not done within ${ms} ms`), ms);
        deadline.unref();
        outgoing.once("close", () => clearTimeout(deadline));
      }
      let answered = false;
      outgoing.on("error", (err) => {
        if (!answered) reject(err);
      });
      outgoing.on("response", (res) => {
        answered = true;
        outgoing.off("finish", awaitHeaders);
        const ms = req.responseTimeoutMs ?? req.timeoutMs;
        silence = `no bytes of the answer for ${ms} ms`;
        outgoing.setTimeout(ms);
        if (deadline !== void 0) {
          const length = Number(res.headers["content-length"] ?? NaN);
          if (length > LARGE_ANSWER) clearTimeout(deadline);
          res.once("close", () => clearTimeout(deadline));
          res.once("end", () => clearTimeout(deadline));
        }
        if (body !== void 0 && !outgoing.writableFinished) {
          piped?.unpipe(outgoing);
          res.once("close", () => outgoing.destroy());
        }
        resolve({ statusCode: res.statusCode ?? 0, headers: distinct(res), body: bodyOf(res) });
      });
      let piped;
      const pipe = (stream) => {
        piped = stream;
        if (answered || outgoing.destroyed) {
          stream.destroy();
          return;
        }
        stream.on("error", (err) => outgoing.destroy(err));
        stream.pipe(outgoing);
      };
      const start = () => {
        if (answered || outgoing.destroyed) return;
        if (body === void 0 || Buffer.isBuffer(body)) {
          outgoing.end(body);
        } else if (typeof body === "function") {
          body().then(pipe, (err) => outgoing.destroy(err));
        } else {
          pipe(body);
        }
      };
      if (!expectContinue) {
        start();
        return;
      }
      outgoing.flushHeaders();
      let started = false;
      const go = () => {
        if (started) return;
        started = true;
        clearTimeout(wait);
        start();
      };
      const wait = setTimeout(go, EXPECT_WAIT_MS);
      outgoing.once("continue", go);
      outgoing.once("response", () => clearTimeout(wait));
      outgoing.once("close", () => clearTimeout(wait));
    });
  }
  close() {
    this.http.destroy();
    this.https.destroy();
  }
};
function distinct(res) {
  const headers = {};
  for (const [name, values] of Object.entries(res.headersDistinct)) {
    if (values !== void 0) headers[name] = values.length === 1 ? values[0] : values;
  }
  return headers;
}
function bodyOf(res) {
  const body = res;
  body.dump = () => new Promise((resolve) => {
    if (res.readableEnded || res.destroyed) return resolve();
    if (res.complete) {
      res.once("end", resolve);
      res.once("close", resolve);
      res.resume();
      return;
    }
    const length = Number(res.headers["content-length"] ?? 0);
    if (length > DUMP_LIMIT) {
      res.destroy();
      return resolve();
    }
    let drained = 0;
    res.on("data", (chunk) => {
      drained += chunk.length;
      if (drained > DUMP_LIMIT) {
        res.destroy();
        resolve();
      }
    });
    res.on("end", resolve);
    res.on("close", resolve);
    res.on("error", () => resolve());
    res.resume();
  });
  return body;
}

// src/image/transport/challenge.ts
var TOKEN_CHAR = /[!#$%&'*+\-.^_`|~0-9A-Za-z]/;
var Scanner = class {
  constructor(text) {
    this.text = text;
  }
  text;
  pos = 0;
  done() {
    return this.pos >= this.text.length;
  }
  skipSpace() {
    while (!this.done() && /[ \t]/.test(this.text[this.pos])) this.pos++;
  }
  skipSeparators() {
    while (!this.done() && /[ \t,]/.test(this.text[this.pos])) this.pos++;
  }
  peek() {
    return this.text[this.pos];
  }
  token() {
    const start = this.pos;
    while (!this.done() && (TOKEN_CHAR.test(this.peek()) || this.peek() === "/")) {
      this.pos++;
    }
    return this.text.slice(start, this.pos);
  }
  quoted() {
    this.pos++;
    let out = "";
    while (!this.done()) {
      const c = this.text[this.pos++];
      if (c === '"') return out;
      if (c === "\\" && !this.done()) {
        out += this.text[this.pos++];
      } else {
        out += c;
      }
    }
    return out;
  }
};
function parseChallenges(header2) {
  if (header2 === void 0) return [];
  const headers = Array.isArray(header2) ? header2 : [header2];
  const out = [];
  for (const h of headers) out.push(...parseOne(h));
  return out;
}
function parseOne(text) {
  const s = new Scanner(text);
  const out = [];
  let current;
  while (true) {
    s.skipSeparators();
    if (s.done()) break;
    const start = s.pos;
    const word = s.token();
    if (word === "") {
      s.pos++;
      continue;
    }
    s.skipSpace();
    if (s.peek() === "=" && current !== void 0) {
      s.pos++;
      s.skipSpace();
      const value = s.peek() === '"' ? s.quoted() : s.token();
      current.params[word.toLowerCase()] = value;
      continue;
    }
    if (s.peek() === "=" && current === void 0) {
      s.pos = start;
      s.token();
      s.pos++;
      if (s.peek() === '"') s.quoted();
      else s.token();
      continue;
    }
    current = { scheme: word.toLowerCase(), params: {} };
    out.push(current);
  }
  return out;
}
function preferredChallenge(challenges) {
  return challenges.find((c) => c.scheme === "bearer") ?? challenges.find((c) => c.scheme === "basic");
}

// src/image/transport/errors.ts
var RegistryError = class extends RunError {
  status;
  code;
  registryMessage;
  url;
  retryable;
  retryAfterMs;
  rateLimit;
  registry;
  access;
  constructor(message, details = {}) {
    super(secrets.redact(message));
    this.status = details.status;
    this.code = details.code;
    this.registryMessage = details.registryMessage === void 0 ? void 0 : secrets.redact(details.registryMessage);
    this.url = details.url;
    this.retryable = details.retryable ?? false;
    this.retryAfterMs = details.retryAfterMs;
    this.rateLimit = details.rateLimit;
    this.registry = details.registry;
    this.access = details.access;
  }
};
var SAFE_QUERY_KEYS = /* @__PURE__ */ new Set(["digest", "mount", "from", "scope", "service", "n", "last"]);
function redactUrl(url) {
  let u;
  try {
    u = new URL(url);
  } catch {
    return secrets.redact(url.replace(/\/\/[^/@]*@/, "//***@").replace(/\?.*$/, "?***"));
  }
  if (u.username !== "" || u.password !== "") {
    u.username = "***";
    u.password = "";
  }
  const params = [...u.searchParams.entries()];
  if (params.length > 0) {
    const kept = params.map(([k, v]) => `${k}=${SAFE_QUERY_KEYS.has(k.toLowerCase()) ? v : "***"}`);
    u.search = `?${kept.join("&")}`;
  }
  return secrets.redact(u.toString().replace(/%2A%2A%2A/g, "***"));
}
function parseErrorBody(text) {
  try {
    const parsed = JSON.parse(text);
    if (typeof parsed === "object" && parsed !== null && "errors" in parsed) {
      const errors = parsed.errors;
      if (Array.isArray(errors) && errors.length > 0) {
        const first = errors[0];
        if (typeof first === "object" && first !== null) {
          const { code, message } = first;
          return {
            code: typeof code === "string" ? code : void 0,
            message: typeof message === "string" ? message : void 0
          };
        }
      }
    }
  } catch {
  }
  const plain = text.trim().slice(0, 200);
  return plain === "" ? {} : { message: plain };
}
function isRetryableStatus(status) {
  return status === 408 || status === 429 || status >= 500 && status !== 501 && status !== 505;
}
function errorForStatus(op, status, body, url, retryAfterMs, challengeError, rateLimit) {
  const code = body.code;
  const denied = status === 403 || code === "DENIED" || challengeError === "insufficient_scope";
  const said = [`HTTP ${status}`, code, body.message].filter((x) => x).join(" ");
  const details = {
    status,
    code,
    registryMessage: body.message,
    url: redactUrl(url),
    retryable: isRetryableStatus(status) || code !== void 0 && op.transientCodes?.includes(code) === true,
    retryAfterMs,
    rateLimit,
    registry: hostOf(op.repository),
    access: op.access
  };
  const head = `${op.what} for ${op.repository} failed (${said})`;
  let fix;
  if (status === 401 && !denied) {
    fix = `the registry did not accept the credentials; check the username/password or token for ${hostOf(op.repository)} (registry-provider, username, password)`;
  } else if (denied) {
    fix = op.access === "push" ? `the identity lacks push permission on ${op.repository}; grant it write access to that repository` : `the identity lacks pull permission on ${op.repository}; grant it read access or check the name`;
  } else if (code === "NAME_UNKNOWN" || status === 404 && op.what.startsWith("repository")) {
    fix = op.access === "push" ? `the repository ${op.repository} does not exist; create it (or set create-repository: true for ECR and Artifact Registry)` : `the repository ${op.repository} does not exist; check the image name`;
  } else if (code === "MANIFEST_UNKNOWN" || status === 404 && op.what.startsWith("manifest")) {
    fix = `no such tag or digest in ${op.repository}; check the tag`;
  } else if (op.what.startsWith("manifest") && code !== void 0 && op.transientCodes?.includes(code)) {
    fix = `the registry could not find or read a blob the manifest refers to although it confirmed every one before the manifest was sent (its storage lags or was changed meanwhile); run again`;
  } else if (code === "BLOB_UNKNOWN") {
    fix = `the registry is missing a blob the manifest refers to; run again to upload it`;
  } else if (code === "BLOB_UPLOAD_INVALID" || code === "BLOB_UPLOAD_UNKNOWN") {
    fix = "the upload session was lost; run again";
  } else if (code === "DIGEST_INVALID" || code === "SIZE_INVALID") {
    fix = "the uploaded bytes do not match their digest; the source blob is corrupt or changed";
  } else if (code === "MANIFEST_INVALID" || code === "MANIFEST_BLOB_UNKNOWN") {
    fix = "the registry rejected the manifest; it may not support this media type";
  } else if (code === "TAG_INVALID" || code === "MANIFEST_TAG_INVALID") {
    fix = "the registry rejected the tag; tags must be up to 128 of [A-Za-z0-9_.-]";
  } else if (code === "TOOMANYREQUESTS" || status === 429) {
    fix = "the registry rate-limits this identity; authenticate, or wait and run again";
  } else if (status >= 500) {
    fix = "the registry had an internal error; run again later (max-retries controls retries)";
  } else if (status >= 300 && status < 400) {
    fix = "the registry redirected a request that Slipway follows only for blob downloads (credentials never follow a redirect); the registry or a proxy in front of it is misconfigured";
  } else if (body.message === void 0) {
    fix = "the registry gave no reason; check the registry's logs or a proxy in front of it";
  } else {
    fix = "see the registry's message in parentheses";
  }
  return new RegistryError(`${head}: ${fix}.`, details);
}
var RETRYABLE_NETWORK_CODES = /* @__PURE__ */ new Set([
  "ECONNRESET",
  "ECONNABORTED",
  "EPIPE",
  "ETIMEDOUT",
  "EAI_AGAIN",
  "ENETUNREACH",
  "EHOSTUNREACH"
]);
function networkErrorCode(err) {
  let e = err;
  for (let depth = 0; depth < 4 && typeof e === "object" && e !== null; depth++) {
    const code = e.code;
    if (typeof code === "string") return code;
    e = e.cause;
  }
  return void 0;
}
function errorForNetwork(op, err, url) {
  const code = networkErrorCode(err);
  const reason = code ?? (err instanceof Error ? err.message : String(err));
  let fix;
  if (code === "ENOTFOUND" || code === "EAI_AGAIN") {
    fix = `the host ${new URL(url).host} was not found; check the registry host name`;
  } else if (code === "ECONNREFUSED") {
    fix = `nothing listens at ${new URL(url).host}; check the host and port`;
  } else if (code !== void 0 && /WRONG_VERSION_NUMBER|EPROTO|PACKET_LENGTH_TOO_LONG/.test(code)) {
    fix = `${new URL(url).host} does not speak TLS; check the port, or set insecure-registry: true for a plain-HTTP registry`;
  } else if (code !== void 0 && /CERT|SSL|TLS|SELF_SIGNED/.test(code)) {
    fix = `the TLS certificate of ${new URL(url).host} is not trusted; pass the registry's CA in registry-ca`;
  } else if (code !== void 0 && /TIMEOUT/.test(code)) {
    fix = "the registry stopped answering; run again or raise request-timeout";
  } else {
    fix = "the connection to the registry failed; run again";
  }
  return new RegistryError(`${op.what} for ${op.repository} failed (${reason}): ${fix}.`, {
    url: redactUrl(url),
    retryable: code !== void 0 && RETRYABLE_NETWORK_CODES.has(code)
  });
}
function hostOf(repository) {
  const slash = repository.indexOf("/");
  return slash < 0 ? repository : repository.slice(0, slash);
}

// src/image/transport/auth.ts
var DEFAULT_TOKEN_LIFETIME_S = 60;
var CLIENT_ID = "slipway";
function pullScope(repository) {
  return `repository:${repository}:pull`;
}
function pushScope(repository) {
  return `repository:${repository}:pull,push`;
}
function mergeScopes(scopes) {
  const byResource = /* @__PURE__ */ new Map();
  for (const scope of scopes.flatMap((s) => s.split(" ")).filter((s) => s !== "")) {
    const lastColon = scope.lastIndexOf(":");
    if (lastColon <= 0) continue;
    const resource = scope.slice(0, lastColon);
    const actions = byResource.get(resource) ?? /* @__PURE__ */ new Set();
    for (const action of scope.slice(lastColon + 1).split(",")) if (action) actions.add(action);
    byResource.set(resource, actions);
  }
  return [...byResource.entries()].map(([resource, actions]) => `${resource}:${[...actions].sort().join(",")}`).sort();
}
function checkRealm(realm, registry, insecure) {
  let url;
  try {
    url = new URL(realm);
  } catch {
    throw new RegistryError(
      `${registry} named the token realm "${realm.slice(0, 200)}", which is not a URL; the registry is misconfigured.`
    );
  }
  const shown = redactUrl(`${url.origin}${url.pathname}`);
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    throw new RegistryError(
      `${registry} named the token realm ${shown}, which is not an http or https URL; refusing to send credentials there.`
    );
  }
  if (url.protocol === "http:" && !insecure && !isLoopbackHost(url.host)) {
    throw new RegistryError(
      `${registry} named the token realm ${shown} on plain HTTP; Slipway sends credentials to a token service only over HTTPS or on this machine: fix the registry's token configuration, or set insecure-registry: true if the network is trusted.`
    );
  }
  return url;
}
var Authenticator = class {
  constructor(registry, credentials, http, now = Date.now) {
    this.registry = registry;
    this.credentials = credentials;
    this.http = http;
    this.now = now;
    secrets.add(credentials?.password);
    secrets.add(credentials?.identityToken);
    secrets.add(credentials?.registryToken);
  }
  registry;
  credentials;
  http;
  now;
  challenge;
  tokens = /* @__PURE__ */ new Map();
  pending = /* @__PURE__ */ new Map();
  /** Sets what the registry asked for (from the /v2/ ping or a 401). */
  setChallenges(challenges) {
    this.challenge = preferredChallenge(challenges) ?? this.challenge;
  }
  get scheme() {
    return this.challenge?.scheme;
  }
  /** The Authorization header for a request needing `scopes`; undefined for none. */
  async authorization(scopes) {
    const c = this.credentials;
    if (c?.registryToken) return `Bearer ${c.registryToken}`;
    if (this.challenge?.scheme === "basic") return this.basicHeader();
    if (this.challenge?.scheme !== "bearer") return void 0;
    const wanted = mergeScopes([...scopes, this.challenge.params.scope ?? ""]);
    const key = wanted.join(" ");
    const cached = this.tokens.get(key);
    if (cached && cached.expiresAt > this.now()) return `Bearer ${cached.value}`;
    let inflight = this.pending.get(key);
    if (!inflight) {
      inflight = this.fetchToken(this.challenge, wanted).finally(() => this.pending.delete(key));
      this.pending.set(key, inflight);
    }
    return `Bearer ${await inflight}`;
  }
  /**
   * After a 401 from the registry: learns its challenge and forgets cached tokens. Returns true
   * when asking again can succeed (a new or expired token), false when the same header would be
   * sent again (Basic with the same credentials, or a fixed registry token).
   */
  unauthorized(challenges, sent) {
    this.setChallenges(challenges);
    if (this.credentials?.registryToken) return false;
    if (this.challenge?.scheme === "bearer") {
      this.tokens.clear();
      return true;
    }
    if (this.challenge?.scheme === "basic") {
      return sent !== this.basicHeader();
    }
    return false;
  }
  basicHeader() {
    const c = this.credentials;
    if (c?.username === void 0 || c.password === void 0) return void 0;
    return basic(c.username, c.password);
  }
  async fetchToken(challenge, scopes) {
    const realm = challenge.params.realm;
    if (!realm) {
      throw new RegistryError(
        `${this.registry} asked for a Bearer token but named no realm to get it from; the registry is misconfigured.`
      );
    }
    const service = challenge.params.service;
    const c = this.credentials;
    let res;
    let url = realm;
    if (c?.identityToken) {
      const form = new URLSearchParams({
        grant_type: "refresh_token",
        refresh_token: c.identityToken,
        client_id: CLIENT_ID
      });
      if (service) form.set("service", service);
      if (scopes.length > 0) form.set("scope", scopes.join(" "));
      res = await this.http({
        method: "POST",
        url: realm,
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: form.toString()
      });
      if (res.status === 404 || res.status === 405) {
        url = this.getUrl(realm, service, scopes);
        res = await this.http({
          method: "GET",
          url,
          headers: {
            authorization: basic(c.username ?? "<token>", c.identityToken)
          }
        });
      }
    } else {
      url = this.getUrl(realm, service, scopes);
      const headers = {};
      if (c?.username !== void 0 && c.password !== void 0) {
        headers.authorization = basic(c.username, c.password);
      }
      res = await this.http({ method: "GET", url, headers });
    }
    return this.acceptToken(res, url, scopes);
  }
  getUrl(realm, service, scopes) {
    let u;
    try {
      u = new URL(realm);
    } catch {
      throw new RegistryError(
        `${this.registry} named the token realm "${realm}", which is not a URL; the registry is misconfigured.`
      );
    }
    if (service) u.searchParams.set("service", service);
    for (const scope of scopes) u.searchParams.append("scope", scope);
    return u.toString();
  }
  acceptToken(res, url, scopes) {
    const where = `the token service ${redactUrl(url.replace(/\?.*$/, ""))} of ${this.registry}`;
    if (res.status === 401 || res.status === 403) {
      const body = parseErrorBody(res.text);
      throw new RegistryError(
        `${where} refused ${this.credentials ? "the credentials" : "anonymous access"} for ${scopes.join(" ") || "the registry"} (HTTP ${res.status}${body.message ? ` ${body.message}` : ""}): check the username/password or token for ${this.registry}.`,
        { status: res.status, code: body.code, registryMessage: body.message, url: redactUrl(url) }
      );
    }
    if (res.status !== 200) {
      const body = parseErrorBody(res.text);
      throw new RegistryError(
        `${where} answered HTTP ${res.status}${body.message ? ` ${body.message}` : ""}; run again later.`,
        {
          status: res.status,
          code: body.code,
          registryMessage: body.message,
          url: redactUrl(url),
          retryable: res.status >= 500 || res.status === 429
        }
      );
    }
    let parsed;
    try {
      parsed = JSON.parse(res.text);
    } catch {
      throw new RegistryError(`${where} answered with something that is not JSON.`);
    }
    const t = typeof parsed === "object" && parsed !== null ? parsed : {};
    const token = typeof t.token === "string" && t.token !== "" ? t.token : typeof t.access_token === "string" ? t.access_token : "";
    if (token === "") throw new RegistryError(`${where} answered without a token.`);
    secrets.add(token);
    const lifetime = typeof t.expires_in === "number" && t.expires_in > 0 ? t.expires_in : DEFAULT_TOKEN_LIFETIME_S;
    const margin = Math.min(30, lifetime / 10);
    this.tokens.set(scopes.join(" "), {
      value: token,
      expiresAt: this.now() + (lifetime - margin) * 1e3
    });
    return token;
  }
};
function basic(username, password) {
  const encoded = Buffer.from(`${username}:${password}`).toString("base64");
  secrets.add(encoded);
  return `Basic ${encoded}`;
}

// src/image/transport/retry.ts
var DEFAULT_BASE_DELAY_MS = 500;
var DEFAULT_MAX_DELAY_MS = 3e4;
var defaultSleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
function backoffDelayMs(attempt, opts, retryAfterMs) {
  const base = opts.baseDelayMs ?? DEFAULT_BASE_DELAY_MS;
  const max = opts.maxDelayMs ?? DEFAULT_MAX_DELAY_MS;
  if (retryAfterMs !== void 0) {
    return Math.min(Math.max(retryAfterMs, 0), opts.maxRetryAfterMs ?? max);
  }
  const ceiling = Math.min(max, base * 2 ** attempt);
  const random = opts.random ?? Math.random;
  return Math.round(ceiling / 2 + random() * ceiling / 2);
}
function parseRetryAfter(value, now = Date.now()) {
  if (value === void 0 || value.trim() === "") return void 0;
  const v = value.trim();
  if (/^\d+$/.test(v)) return Number(v) * 1e3;
  const at = Date.parse(v);
  return Number.isNaN(at) ? void 0 : Math.max(0, at - now);
}
function isRetryable(err) {
  return err instanceof RegistryError && err.retryable;
}
async function withRetry(what, opts, op) {
  const sleep = opts.sleep ?? defaultSleep;
  for (let attempt = 0; ; attempt++) {
    try {
      return await op(attempt);
    } catch (err) {
      if (!isRetryable(err) || attempt >= opts.maxRetries || opts.stopped?.()) throw err;
      const retryAfter = err instanceof RegistryError ? err.retryAfterMs : void 0;
      const longest = opts.maxRetryAfterMs ?? opts.maxDelayMs ?? DEFAULT_MAX_DELAY_MS;
      if (err instanceof RegistryError && retryAfter !== void 0 && retryAfter > longest) {
        throw tooLongToWait(what, err, retryAfter, longest);
      }
      const delay = backoffDelayMs(attempt, opts, retryAfter);
      const why = err instanceof RegistryError && err.status === 429 ? rateLimited(err, retryAfter) : err instanceof Error ? err.message : String(err);
      opts.logger?.warn(
        `${what}: ${why} Retrying in ${(delay / 1e3).toFixed(1)} s (${attempt + 1}/${opts.maxRetries}).`
      );
      await sleep(delay);
    }
  }
}
var seconds = (ms) => `${Math.ceil(ms / 1e3)} s`;
function rateLimitSubject(err) {
  const said = [`HTTP ${err.status ?? "?"}`, err.rateLimit && `ratelimit-limit ${err.rateLimit}`];
  const who = err.status === 429 ? "rate-limits this identity" : "is unavailable";
  return `${err.registry ?? "the registry"} ${who} (${said.filter((x) => x).join(", ")})`;
}
function rateLimited(err, retryAfterMs) {
  const asked = retryAfterMs === void 0 ? "" : `; it asks to wait ${seconds(retryAfterMs)}`;
  return `${rateLimitSubject(err)}${asked}.`;
}
function tooLongToWait(what, err, retryAfterMs, longestMs) {
  const at = new Date(Date.now() + retryAfterMs).toISOString().replace(/\.\d+Z$/, "Z");
  return new RegistryError(
    `${what}: ${rateLimitSubject(err)} and asks to wait ${seconds(retryAfterMs)} (Retry-After), longer than request-timeout (${seconds(longestMs)}): authenticate for a higher limit, or run again after ${at}.`,
    {
      status: err.status,
      code: err.code,
      registryMessage: err.registryMessage,
      url: err.url,
      retryAfterMs,
      registry: err.registry,
      access: err.access,
      rateLimit: err.rateLimit
    }
  );
}

// src/image/transport/client.ts
var REDIRECT_STATUSES = /* @__PURE__ */ new Set([301, 302, 303, 307, 308]);
var MAX_REDIRECTS = 5;
var ERROR_BODY_LIMIT = 64 * 1024;
var TOKEN_BODY_LIMIT = 1024 * 1024;
var USER_AGENT = "slipway";
var DEFAULT_MAX_RETRIES = 5;
var DEFAULT_TIMEOUT_MS = 3e5;
var DEFAULT_ANSWER_TIMEOUT_MS = 5e3;
var COMMIT_BYTES_PER_SECOND = 10 * 1024 * 1024;
var MIN_BYTES_PER_SECOND = 256 * 1024;
var EXPECT_CONTINUE_FROM = 1024 * 1024;
function header(headers, name) {
  const value = headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
}
async function readText(body, limit, what) {
  return (await readBytes(body, limit, what)).toString("utf8");
}
async function readBytes(body, limit, what) {
  const chunks = [];
  let size = 0;
  for await (const chunk of body) {
    const buf = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk);
    size += buf.length;
    if (size > limit) {
      body.destroy();
      throw new RegistryError(`${what} is larger than ${limit} bytes; refusing to read it.`);
    }
    chunks.push(buf);
  }
  return Buffer.concat(chunks);
}
function rateLimitOf(headers) {
  return header(headers, "ratelimit-limit") ?? header(headers, "x-ratelimit-limit");
}
function schemesFor(apiHost, insecure) {
  if (isLoopbackHost(apiHost)) return ["http", "https"];
  return insecure ? ["https", "http"] : ["https"];
}
function isInsecureHost(host, insecureRegistries) {
  const h = host.toLowerCase();
  return insecureRegistries.some((r) => {
    const name = r.trim().toLowerCase();
    return name !== "" && (name === h || registryApiHost(name) === h);
  });
}
function hostOfUrl(url) {
  try {
    return new URL(url).host;
  } catch {
    return "";
  }
}
function retryOptionsOf(options) {
  return {
    maxRetries: options.maxRetries ?? DEFAULT_MAX_RETRIES,
    baseDelayMs: options.retryBaseDelayMs,
    // A rate limit is waited out as long as one request may take, no longer.
    maxRetryAfterMs: options.requestTimeoutMs ?? DEFAULT_TIMEOUT_MS,
    logger: options.logger
  };
}
var RegistryClient = class {
  constructor(registry, credentials, options = {}) {
    this.registry = registry;
    this.credentials = credentials;
    this.options = options;
    this.apiHost = registryApiHost(registry);
    this.timeoutMs = options.requestTimeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.answerTimeoutMs = Math.min(
      options.answerTimeoutMs ?? DEFAULT_ANSWER_TIMEOUT_MS,
      this.timeoutMs
    );
    this.connections = new HttpConnections({
      ca: options.caPem ? [...rootCertificates, options.caPem] : void 0,
      rejectUnauthorized: true
    });
    this.retryOptions = { ...retryOptionsOf(options), stopped: () => this.closed };
  }
  registry;
  credentials;
  options;
  apiHost;
  connections;
  timeoutMs;
  answerTimeoutMs;
  retryOptions;
  origin;
  readying;
  auth;
  closed = false;
  /** Plain HTTP may be used with `host` (the registry's or a realm's): marked insecure. */
  insecure(host) {
    return isInsecureHost(host, this.options.insecureRegistries ?? []);
  }
  /** Certificates are checked everywhere but on the insecure registries with skipTlsVerify. */
  verifyTls(url) {
    return !(this.options.skipTlsVerify === true && this.insecure(hostOfUrl(url)));
  }
  /**
   * How long to wait for an answer once a request is sent: short, doubled per attempt (a slow
   * registry still gets through, a silent one costs seconds), longer for a large commit.
   */
  answerBudget(attempt, commitBytes = 0) {
    const base = this.answerTimeoutMs * 2 ** Math.min(attempt, 10);
    const commit = commitBytes / COMMIT_BYTES_PER_SECOND * 1e3;
    return Math.round(Math.min(this.timeoutMs, base + commit));
  }
  /** The bound on a whole exchange: request-timeout, plus the time a known body may take. */
  deadline(bodyBytes) {
    if (bodyBytes === void 0) return void 0;
    return this.timeoutMs + Math.round(bodyBytes / MIN_BYTES_PER_SECOND * 1e3);
  }
  /** "https://host[:port]" or "http://…" once the registry has been reached. */
  async baseUrl() {
    await this.ready();
    return this.origin;
  }
  async request(req) {
    await this.ready();
    const outer = req.attempt ?? 0;
    if (req.retry === false) return this.authenticated(req, outer);
    return withRetry(
      `${req.op.what} for ${req.op.repository}`,
      this.retryOptions,
      (attempt) => this.authenticated(req, outer + attempt)
    );
  }
  /** Drops the kept-alive connections. */
  close() {
    this.closed = true;
    this.connections.close();
  }
  async authenticated(req, attempt) {
    const auth = this.auth;
    let reauthenticated = false;
    for (; ; ) {
      const authorization = await auth.authorization(req.scopes);
      const res = await this.send(req, attempt, authorization);
      if (req.expect.includes(res.status)) return res;
      if (res.status === 401 && !reauthenticated && this.isRegistryUrl(res.url)) {
        const challenges = parseChallenges(res.headers["www-authenticate"]);
        if (auth.unauthorized(challenges, authorization)) {
          this.options.logger?.debug(`${this.registry}: 401, authenticating again`);
          await res.body.dump();
          reauthenticated = true;
          continue;
        }
      }
      throw await this.errorFrom(req.op, res);
    }
  }
  async send(req, attempt, authorization) {
    let url = new URL(req.url, this.origin).toString();
    let method = req.method;
    for (let hop = 0; ; hop++) {
      const headers = { "user-agent": USER_AGENT, ...req.headers };
      if (authorization !== void 0 && this.isRegistryUrl(url)) {
        headers.authorization = authorization;
      }
      const source = req.body === void 0 || hop > 0 ? void 0 : req.body;
      const streamed = source !== void 0 && !Buffer.isBuffer(source);
      const declared = headers["content-length"];
      const length = Buffer.isBuffer(source) ? source.length : declared ? Number(declared) : void 0;
      const expectContinue = streamed && length !== void 0 && length >= EXPECT_CONTINUE_FROM;
      let opened;
      const open = async () => opened = await source();
      const body = source === void 0 || Buffer.isBuffer(source) ? source : expectContinue ? open : await open();
      const silence = req.timeoutMs ?? this.timeoutMs;
      const answer = Math.min(silence, this.answerBudget(attempt, req.commitBytes));
      let res;
      try {
        res = await this.connections.request(url, {
          method,
          headers,
          body,
          // The long silence budget only while a large body moves, or a large answer is read.
          timeoutMs: streamed ? silence : answer,
          headersTimeoutMs: answer,
          responseTimeoutMs: req.followRedirects ? silence : answer,
          deadlineMs: streamed && length === void 0 ? void 0 : this.deadline(length ?? 0),
          rejectUnauthorized: this.verifyTls(url),
          expectContinue
        });
      } catch (err) {
        opened?.destroy();
        if (err instanceof RegistryError) throw err;
        const cause = bodyError(err);
        if (cause !== void 0) throw cause;
        throw errorForNetwork(req.op, err, url);
      }
      if (res.statusCode >= 300) {
        opened?.destroy();
      }
      const location = header(res.headers, "location");
      if (req.followRedirects && REDIRECT_STATUSES.has(res.statusCode) && location) {
        await res.body.dump();
        if (hop >= MAX_REDIRECTS) {
          throw new RegistryError(
            `${req.op.what} for ${req.op.repository} failed: more than ${MAX_REDIRECTS} redirects (last to ${redactUrl(location)}).`,
            { url: redactUrl(url) }
          );
        }
        const next = new URL(location, url);
        if (new URL(url).protocol === "https:" && next.protocol !== "https:") {
          throw new RegistryError(
            `${req.op.what} for ${req.op.repository} failed: the registry redirected from HTTPS to ${redactUrl(next.toString())}; refusing the downgrade.`
          );
        }
        if (res.statusCode === 303) method = method === "HEAD" ? "HEAD" : "GET";
        url = next.toString();
        continue;
      }
      return { status: res.statusCode, url, headers: res.headers, body: res.body };
    }
  }
  isRegistryUrl(url) {
    return new URL(url).origin === this.origin;
  }
  async errorFrom(op, res) {
    let text = "";
    try {
      text = await readText(res.body, ERROR_BODY_LIMIT, "error body");
    } catch {
    }
    const challenge = parseChallenges(res.headers["www-authenticate"]).find(
      (c) => c.scheme === "bearer"
    );
    return errorForStatus(
      op,
      res.status,
      parseErrorBody(text),
      res.url,
      parseRetryAfter(header(res.headers, "retry-after")),
      challenge?.params.error,
      rateLimitOf(res.headers)
    );
  }
  ready() {
    this.readying ??= this.connect().catch((err) => {
      this.readying = void 0;
      throw err;
    });
    return this.readying;
  }
  /** Resolves credentials, picks the scheme and learns the registry's challenge from /v2/. */
  async connect() {
    const credentials = await this.credentials();
    this.auth = new Authenticator(this.registry, credentials, this.tokenHttp);
    await withRetry(
      `connecting to ${this.registry}`,
      this.retryOptions,
      (attempt) => this.discover(attempt)
    );
  }
  async discover(attempt) {
    const auth = this.auth;
    const op = { access: "pull", repository: this.registry, what: "connecting" };
    const schemes = schemesFor(this.apiHost, this.insecure(this.apiHost));
    const unreachable = [];
    for (const [i, scheme] of schemes.entries()) {
      const origin = `${scheme}://${this.apiHost}`;
      const last = i === schemes.length - 1;
      let res;
      try {
        res = await this.ping(origin, op, attempt);
      } catch (err) {
        if (!(err instanceof RegistryError) || err.status !== void 0) throw err;
        unreachable.push(err);
        continue;
      }
      const text = await readText(res.body, ERROR_BODY_LIMIT, "ping body").catch(() => "");
      if (!last && res.statusCode === 400 && /HTTP request to an HTTPS server/i.test(text)) {
        continue;
      }
      this.origin = origin;
      if (scheme === "http" && !isLoopbackHost(this.apiHost)) {
        this.options.logger?.warn(
          `${this.registry} does not speak HTTPS: using plain HTTP, as insecure-registry allows; credentials and images cross the network unencrypted.`
        );
      }
      if (res.statusCode === 401) {
        auth.setChallenges(parseChallenges(res.headers["www-authenticate"]));
      } else if (res.statusCode !== 200) {
        this.options.logger?.debug(`${this.registry}: GET /v2/ answered ${res.statusCode}`);
      }
      this.options.logger?.debug(`${this.registry}: ${origin}, auth ${auth.scheme ?? "none"}`);
      return;
    }
    throw unreachable.find((e) => /registry-ca/.test(e.message)) ?? unreachable.find((e) => e.retryable) ?? unreachable[0] ?? new RegistryError(`${this.registry} did not answer on ${schemes.join(" or ")}.`);
  }
  async ping(origin, op, attempt) {
    const url = `${origin}/v2/`;
    const budget = this.answerBudget(attempt);
    let res;
    try {
      res = await this.connections.request(url, {
        method: "GET",
        headers: { "user-agent": USER_AGENT },
        timeoutMs: budget,
        deadlineMs: this.deadline(0),
        rejectUnauthorized: this.verifyTls(url)
      });
    } catch (err) {
      throw errorForNetwork(op, err, url);
    }
    if (res.statusCode >= 500 || res.statusCode === 429) {
      const error = errorForStatus(
        op,
        res.statusCode,
        parseErrorBody(await readText(res.body, ERROR_BODY_LIMIT, "ping body").catch(() => "")),
        url,
        parseRetryAfter(header(res.headers, "retry-after")),
        void 0,
        rateLimitOf(res.headers)
      );
      throw error;
    }
    return res;
  }
  tokenHttp = async (req) => {
    const op = { access: "pull", repository: this.registry, what: "getting a token" };
    checkRealm(req.url, this.registry, this.insecure(hostOfUrl(req.url)));
    const once = async (attempt) => {
      let res;
      try {
        res = await this.connections.request(req.url, {
          method: req.method,
          headers: { "user-agent": USER_AGENT, ...req.headers },
          body: req.body === void 0 ? void 0 : Buffer.from(req.body),
          timeoutMs: this.answerBudget(attempt),
          deadlineMs: this.deadline(req.body?.length ?? 0),
          rejectUnauthorized: this.verifyTls(req.url)
        });
      } catch (err) {
        throw errorForNetwork(op, err, req.url);
      }
      const text = await readText(res.body, TOKEN_BODY_LIMIT, "token response");
      if (res.statusCode >= 500 || res.statusCode === 429 || res.statusCode === 408) {
        throw errorForStatus(
          op,
          res.statusCode,
          parseErrorBody(text),
          req.url,
          parseRetryAfter(header(res.headers, "retry-after")),
          void 0,
          rateLimitOf(res.headers)
        );
      }
      return { status: res.statusCode, text };
    };
    return withRetry(`getting a token for ${this.registry}`, this.retryOptions, once);
  };
};
function bodyError(err) {
  let e = err;
  for (let depth = 0; depth < 4 && typeof e === "object" && e !== null; depth++) {
    if (e instanceof RegistryError) return e;
    e = e.cause;
  }
  return void 0;
}
var Transport = class {
  constructor(options = {}) {
    this.options = options;
  }
  options;
  clients = /* @__PURE__ */ new Map();
  client(registry) {
    let c = this.clients.get(registry);
    if (!c) {
      const resolver = this.options.credentials;
      c = new RegistryClient(
        registry,
        async () => resolver ? await resolver(registry) : void 0,
        this.options
      );
      this.clients.set(registry, c);
    }
    return c;
  }
  /** Retry settings for callers that repeat a larger step (a whole blob upload). */
  retryOptions() {
    return retryOptionsOf(this.options);
  }
  close() {
    for (const c of this.clients.values()) c.close();
    this.clients.clear();
    return Promise.resolve();
  }
};

export {
  RegistryError,
  errorForNetwork,
  pullScope,
  pushScope,
  withRetry,
  header,
  readBytes,
  isInsecureHost,
  Transport
};
