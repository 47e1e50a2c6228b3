#!/usr/bin/env node
import { createRequire as __slipwayCreateRequire } from 'node:module';
import { fileURLToPath as __slipwayFileURLToPath } from 'node:url';
const require = __slipwayCreateRequire(import.meta.url);
const __filename = __slipwayFileURLToPath(import.meta.url);
const __dirname = __filename.slice(0, __filename.lastIndexOf('/'));
import {
  secrets
} from "./chunk-VMJUAKDN.js";
import {
  SCRATCH,
  epochToIso,
  isDigest,
  registryApiHost,
  sha256,
  shortDigest
} from "./chunk-KUQUKC3Y.js";
import {
  InputError,
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

// src/image/transport/hosts.ts
import { isIP } from "node:net";
import { connect } from "node:tls";
function splitHostPort(hostPort) {
  if (hostPort.startsWith("[")) {
    const end = hostPort.indexOf("]");
    const port = hostPort.slice(end + 1).replace(/^:/, "");
    return { host: hostPort.slice(1, end), port: port ? Number(port) : 443 };
  }
  const colon = hostPort.lastIndexOf(":");
  if (colon < 0) return { host: hostPort, port: 443 };
  return { host: hostPort.slice(0, colon), port: Number(hostPort.slice(colon + 1)) };
}
function isLoopbackHost(hostPort) {
  const host = splitHostPort(hostPort).host.toLowerCase();
  return host === "localhost" || host === "::1" || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}
function speaksTls(hostPort, timeoutMs = 5e3) {
  const { host, port } = splitHostPort(hostPort);
  return new Promise((resolve) => {
    const socket = connect({
      host,
      port,
      servername: isIP(host) ? void 0 : host,
      rejectUnauthorized: false,
      timeout: timeoutMs
    });
    const done = (answer) => {
      socket.destroy();
      resolve(answer);
    };
    socket.once("secureConnect", () => done(true));
    socket.once("error", () => done(false));
    socket.once("timeout", () => done(false));
  });
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

// src/image/remote/read.ts
import { pipeline } from "node:stream";

// src/image/labels.ts
var LABEL_KEY = /^[A-Za-z0-9][A-Za-z0-9._/:-]{0,254}$/;
function hasControl(value) {
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c <= 31 || c >= 127 && c <= 159 || c === 8232 || c === 8233) return true;
  }
  return false;
}
var MAX_VALUE_CHARS = 4096;
function labelProblem(key, value) {
  if (!LABEL_KEY.test(key)) {
    return 'its key is not a label name (letters, digits, ".", "_", "-", "/", ":"; at most 255)';
  }
  if (typeof value !== "string") return "its value is not a string";
  if (hasControl(value)) return "its value holds a line break or control character";
  if (value.length > MAX_VALUE_CHARS)
    return `its value is longer than ${MAX_VALUE_CHARS} characters`;
  return void 0;
}
function checkedLabels(config, where, warn) {
  const labels = config.config?.Labels;
  if (labels === void 0 || labels === null) return config;
  const kept = {};
  let dropped = false;
  if (typeof labels !== "object" || Array.isArray(labels)) {
    warn(`${where} has labels that are not a map of names to strings; they are left out.`);
    dropped = true;
  } else {
    for (const [key, value] of Object.entries(labels)) {
      const problem = labelProblem(key, value);
      if (problem === void 0) {
        kept[key] = value;
        continue;
      }
      dropped = true;
      warn(
        `${where} has the label ${JSON.stringify(key).slice(0, 80)}, which is left out: ${problem}; fix the label in the base image.`
      );
    }
  }
  if (!dropped) return config;
  return { ...config, config: { ...config.config, Labels: kept } };
}

// src/image/types.ts
var MediaType = {
  OciManifest: "application/vnd.oci.image.manifest.v1+json",
  OciIndex: "application/vnd.oci.image.index.v1+json",
  OciConfig: "application/vnd.oci.image.config.v1+json",
  OciLayer: "application/vnd.oci.image.layer.v1.tar",
  OciLayerGzip: "application/vnd.oci.image.layer.v1.tar+gzip",
  OciLayerZstd: "application/vnd.oci.image.layer.v1.tar+zstd",
  OciEmpty: "application/vnd.oci.empty.v1+json",
  DockerManifest: "application/vnd.docker.distribution.manifest.v2+json",
  DockerManifestList: "application/vnd.docker.distribution.manifest.list.v2+json",
  DockerConfig: "application/vnd.docker.container.image.v1+json",
  DockerLayerGzip: "application/vnd.docker.image.rootfs.diff.tar.gzip",
  DockerForeignLayerGzip: "application/vnd.docker.image.rootfs.foreign.diff.tar.gzip"
};
var INDEX_MEDIA_TYPES = [
  MediaType.OciIndex,
  MediaType.DockerManifestList
];
var MANIFEST_MEDIA_TYPES = [
  MediaType.OciManifest,
  MediaType.DockerManifest
];
var Annotation = {
  BaseName: "org.opencontainers.image.base.name",
  BaseDigest: "org.opencontainers.image.base.digest",
  Created: "org.opencontainers.image.created",
  RefName: "org.opencontainers.image.ref.name"
};

// src/image/platform.ts
var KNOWN_OS = /* @__PURE__ */ new Set([
  "aix",
  "android",
  "darwin",
  "dragonfly",
  "freebsd",
  "illumos",
  "ios",
  "js",
  "linux",
  "netbsd",
  "openbsd",
  "plan9",
  "solaris",
  "wasip1",
  "windows",
  "zos"
]);
var KNOWN_ARCH = /* @__PURE__ */ new Set([
  "386",
  "amd64",
  "arm",
  "arm64",
  "loong64",
  "mips",
  "mipsle",
  "mips64",
  "mips64le",
  "ppc64",
  "ppc64le",
  "riscv64",
  "s390x",
  "sparc64",
  "wasm"
]);
var VARIANT_RE = /^[a-z0-9.]+$/;
function normalizePlatform(p) {
  let os = p.os.toLowerCase();
  if (os === "macos") os = "darwin";
  let arch = p.architecture.toLowerCase();
  let variant = p.variant?.toLowerCase() || void 0;
  switch (arch) {
    case "i386":
      arch = "386";
      variant = void 0;
      break;
    case "x86_64":
    case "x86-64":
    case "amd64":
      arch = "amd64";
      if (variant === "v1") variant = void 0;
      break;
    case "aarch64":
    case "arm64":
      arch = "arm64";
      if (variant === "8" || variant === "v8" || variant === "v8.0") variant = void 0;
      break;
    case "armhf":
      arch = "arm";
      variant = "v7";
      break;
    case "armel":
      arch = "arm";
      variant = "v6";
      break;
    case "arm":
      if (variant === void 0 || variant === "7") variant = "v7";
      else if (variant === "5" || variant === "6" || variant === "8") variant = `v${variant}`;
      break;
  }
  const out = { os, architecture: arch };
  if (variant !== void 0) out.variant = variant;
  if (p["os.version"] !== void 0) out["os.version"] = p["os.version"];
  if (p["os.features"] !== void 0) out["os.features"] = p["os.features"];
  return out;
}
function formatPlatform(p) {
  return p.variant ? `${p.os}/${p.architecture}/${p.variant}` : `${p.os}/${p.architecture}`;
}
function parsePlatform(value, input = "platforms") {
  const raw = value.trim();
  const parts = raw.split("/");
  const bad = (why) => {
    throw new InputError(`input "${input}": platform "${value}" ${why}`);
  };
  if (parts.length < 2 || parts.length > 3 || parts.some((part) => part === "")) {
    bad("is malformed; write os/architecture[/variant], e.g. linux/amd64 or linux/arm/v7");
  }
  const [os, architecture, variant] = parts;
  const p = normalizePlatform({ os, architecture, variant });
  if (!KNOWN_OS.has(p.os)) bad(`has an unknown operating system "${os}"; most images use linux`);
  if (!KNOWN_ARCH.has(p.architecture)) {
    bad(`has an unknown architecture "${architecture}"; e.g. amd64, arm64, arm, ppc64le, s390x`);
  }
  if (p.variant !== void 0 && !VARIANT_RE.test(p.variant)) {
    bad(`has an invalid variant "${variant}"; e.g. v7 or v8`);
  }
  return p;
}
function parsePlatforms(values, input = "platforms") {
  const out = [];
  for (const value of values) {
    const p = parsePlatform(value, input);
    if (!out.some((q) => samePlatform(p, q))) out.push(p);
  }
  return out;
}
function isUnknownPlatform(p) {
  return p === void 0 || p.os === "unknown" && p.architecture === "unknown";
}
function runnableEntries(manifests) {
  return manifests.filter(
    (d) => MANIFEST_MEDIA_TYPES.includes(d.mediaType) && !isUnknownPlatform(d.platform)
  );
}
function platformOfConfig(config) {
  const p = { os: config.os, architecture: config.architecture };
  if (config.variant) p.variant = config.variant;
  if (config["os.version"]) p["os.version"] = config["os.version"];
  return p;
}
var PLATFORM_WORD = /^[A-Za-z0-9_.+-]{1,64}$/;
function checkedPlatform(p, where) {
  const fields = [
    ["os", p.os],
    ["architecture", p.architecture],
    ["variant", p.variant],
    ["os.version", p["os.version"]]
  ];
  for (const [name, value] of fields) {
    if (value === void 0 || name === "variant" && value === "") continue;
    if (typeof value !== "string" || !PLATFORM_WORD.test(value)) {
      throw new RunError(
        `${where} states the platform ${name} ${JSON.stringify(value).slice(0, 80)}, which is not a platform name (letters, digits, ".", "_", "+", "-"); use another base image or fix its config.`
      );
    }
  }
  return p;
}
function samePlatform(a, b) {
  const x = normalizePlatform(a);
  const y = normalizePlatform(b);
  return x.os === y.os && x.architecture === y.architecture && x.variant === y.variant;
}
function bestMatch(requested, candidates, platformOf) {
  const want = normalizePlatform(requested);
  const exact = candidates.find((c) => {
    const p = platformOf(c);
    return p !== void 0 && samePlatform(want, p);
  });
  if (exact !== void 0 || requested.variant !== void 0) return exact;
  return candidates.find((c) => {
    const p = platformOf(c);
    if (p === void 0) return false;
    const n = normalizePlatform(p);
    return n.os === want.os && n.architecture === want.architecture;
  });
}

// src/image/remote/verify.ts
import { createHash } from "node:crypto";
import { Transform } from "node:stream";
var VerifyingStream = class extends Transform {
  constructor(descriptor, source, onBytes) {
    super();
    this.descriptor = descriptor;
    this.source = source;
    this.onBytes = onBytes;
  }
  descriptor;
  source;
  onBytes;
  hash = createHash("sha256");
  seen = 0;
  _transform(chunk, _encoding, callback) {
    this.seen += chunk.length;
    if (this.seen > this.descriptor.size) {
      callback(
        new RegistryError(
          `${this.source} is longer than the ${this.descriptor.size} bytes its descriptor states; the source is corrupt or changed.`
        )
      );
      return;
    }
    this.hash.update(chunk);
    this.onBytes?.(this.seen);
    callback(null, chunk);
  }
  _flush(callback) {
    if (this.seen !== this.descriptor.size) {
      callback(
        // A short body is a broken transfer more often than a broken blob: worth another try.
        new RegistryError(
          `${this.source} ended after ${this.seen} of ${this.descriptor.size} bytes; the source is truncated.`,
          { retryable: true }
        )
      );
      return;
    }
    const digest = `sha256:${this.hash.digest("hex")}`;
    if (digest !== this.descriptor.digest) {
      callback(
        new RegistryError(
          `${this.source} has digest ${digest}, not ${this.descriptor.digest}; the source is corrupt or changed.`
        )
      );
      return;
    }
    callback();
  }
};

// src/image/remote/read.ts
var MAX_MANIFEST_BYTES = 4 * 1024 * 1024;
var MAX_CONFIG_BYTES = 16 * 1024 * 1024;
var MANIFEST_ACCEPT = [...MANIFEST_MEDIA_TYPES, ...INDEX_MEDIA_TYPES].join(", ");
var SCHEMA1 = /^application\/vnd\.docker\.distribution\.manifest\.v1\+(prettyjws|json)$/;
function isIndexDocument(m) {
  return "manifests" in m;
}
function scopesFor(ref, opts = {}) {
  return [opts.push ? pushScope(ref.repository) : pullScope(ref.repository)];
}
function manifestOp(ref) {
  return { access: "pull", repository: ref.name(), what: `manifest ${ref.identifier()}` };
}
async function fetchManifest(transport, ref, opts = {}) {
  const op = manifestOp(ref);
  const { res, bytes } = await withRetry(op.what, transport.retryOptions(), async () => {
    const res2 = await transport.client(ref.registry).request({
      method: "GET",
      url: `/v2/${ref.repository}/manifests/${ref.identifier()}`,
      scopes: scopesFor(ref, opts),
      op,
      headers: { accept: MANIFEST_ACCEPT },
      expect: [200],
      retry: false
    });
    const length = Number(header(res2.headers, "content-length") ?? "0");
    if (length > MAX_MANIFEST_BYTES) {
      res2.body.destroy();
      throw tooLarge(ref, length);
    }
    try {
      return {
        res: res2,
        bytes: await readBody(res2, MAX_MANIFEST_BYTES, `manifest of ${ref.toString()}`, op)
      };
    } catch (err) {
      if (err instanceof RegistryError && !err.retryable && /larger than/.test(err.message)) {
        throw tooLarge(ref);
      }
      throw err;
    }
  });
  const digest = sha256(bytes);
  if (ref.digest !== void 0 && digest !== ref.digest) {
    throw new RunError(
      `The registry returned a manifest for ${ref.toString()} whose digest is ${digest}; the registry or a proxy in between altered it.`
    );
  }
  const contentType = header(res.headers, "content-type");
  const manifest = parseManifest(bytes, ref, contentType);
  const mediaType = mediaTypeOf(manifest, contentType);
  return { descriptor: { mediaType, digest, size: bytes.length }, bytes, manifest };
}
async function readBody(res, limit, what, op) {
  try {
    return await readBytes(res.body, limit, what);
  } catch (err) {
    if (err instanceof RegistryError || err instanceof RunError) throw err;
    throw errorForNetwork(op, err, res.url);
  }
}
function tooLarge(ref, size) {
  return new RunError(
    `The manifest of ${ref.toString()} is ${size === void 0 ? "over" : `${size} bytes,`} larger than the ${MAX_MANIFEST_BYTES}-byte limit; it is not an image manifest Slipway can use.`
  );
}
function stripParams(contentType) {
  return contentType?.split(";")[0]?.trim().toLowerCase() || void 0;
}
function mediaTypeOf(m, contentType) {
  const type = stripParams(contentType);
  if (type && (MANIFEST_MEDIA_TYPES.includes(type) || INDEX_MEDIA_TYPES.includes(type))) {
    return type;
  }
  if (m.mediaType) return m.mediaType;
  return isIndexDocument(m) ? MediaType.OciIndex : MediaType.OciManifest;
}
function parseManifest(bytes, ref, contentType) {
  const type = stripParams(contentType);
  const bad = (why) => {
    throw new RunError(`The manifest of ${ref.toString()} ${why}.`);
  };
  if (type && SCHEMA1.test(type)) {
    bad("uses Docker schema 1, which Slipway does not read; use a newer tag of the image");
  }
  let doc;
  try {
    doc = JSON.parse(bytes.toString("utf8"));
  } catch (err) {
    bad(`is not valid JSON (${err instanceof Error ? err.message : String(err)})`);
  }
  if (typeof doc !== "object" || doc === null || Array.isArray(doc)) bad("is not a JSON object");
  const m = doc;
  if (m.schemaVersion === 1) {
    bad("uses Docker schema 1, which Slipway does not read; use a newer tag of the image");
  }
  if (m.schemaVersion !== 2) bad(`has schemaVersion ${JSON.stringify(m.schemaVersion)}, not 2`);
  if (Array.isArray(m.manifests)) {
    m.manifests.forEach((d, i) => checkDescriptor(d, `manifests[${i}]`, bad));
    return m;
  }
  checkDescriptor(m.config, "config", bad);
  if (!Array.isArray(m.layers)) bad('has no "layers" array');
  m.layers.forEach((d, i) => checkDescriptor(d, `layers[${i}]`, bad));
  return m;
}
function checkDescriptor(d, where, bad) {
  if (typeof d !== "object" || d === null) bad(`has no valid ${where} descriptor`);
  const { mediaType, digest, size } = d;
  if (typeof mediaType !== "string") bad(`has no mediaType in ${where}`);
  if (typeof digest !== "string" || !isDigest(digest)) {
    bad(`has ${where}.digest ${JSON.stringify(digest)}; only sha256 digests are supported`);
  }
  if (typeof size !== "number" || !Number.isSafeInteger(size) || size < 0) {
    bad(`has an invalid ${where}.size ${JSON.stringify(size)}`);
  }
}
async function headManifest(transport, ref, opts = {}) {
  const res = await transport.client(ref.registry).request({
    method: "HEAD",
    url: `/v2/${ref.repository}/manifests/${ref.identifier()}`,
    scopes: scopesFor(ref, opts),
    op: manifestOp(ref),
    headers: { accept: MANIFEST_ACCEPT },
    expect: [200, 404]
  });
  await res.body.dump();
  if (res.status === 404) return void 0;
  const digest = header(res.headers, "docker-content-digest");
  const size = Number(header(res.headers, "content-length"));
  const mediaType = stripParams(header(res.headers, "content-type"));
  if (digest && isDigest(digest) && Number.isSafeInteger(size) && size > 0 && mediaType) {
    return { mediaType, digest, size };
  }
  return (await fetchManifest(transport, ref, opts)).descriptor;
}
async function fetchBlob(transport, repository, descriptor, opts = {}) {
  const what = `blob ${descriptor.digest}`;
  const res = await transport.client(repository.registry).request({
    method: "GET",
    url: `/v2/${repository.repository}/blobs/${descriptor.digest}`,
    scopes: scopesFor(repository, opts),
    op: { access: "pull", repository: repository.name(), what },
    expect: [200],
    followRedirects: true,
    retry: opts.retry
  });
  const verifier = new VerifyingStream(descriptor, `${what} of ${repository.name()}`, opts.onBytes);
  pipeline(res.body, verifier, () => {
  });
  return verifier;
}
async function fetchJsonBlob(transport, repository, descriptor, limit = MAX_CONFIG_BYTES) {
  if (descriptor.size > limit) {
    throw new RunError(
      `Blob ${descriptor.digest} of ${repository.name()} is ${descriptor.size} bytes, over the ${limit}-byte limit for a config.`
    );
  }
  const what = `blob ${descriptor.digest}`;
  const op = { access: "pull", repository: repository.name(), what };
  const bytes = await withRetry(what, transport.retryOptions(), async () => {
    const stream = await fetchBlob(transport, repository, descriptor, { retry: false });
    const url = `${await transport.client(repository.registry).baseUrl()}/v2/${repository.repository}/blobs/${descriptor.digest}`;
    return readBody({ body: stream, url }, limit, what, op);
  });
  try {
    return { bytes, value: JSON.parse(bytes.toString("utf8")) };
  } catch (err) {
    throw new RunError(
      `Blob ${descriptor.digest} of ${repository.name()} is not valid JSON (${err instanceof Error ? err.message : String(err)}).`
    );
  }
}
function remoteBlob(transport, repository, d) {
  const origin = { registry: repository.registry, repository: repository.repository };
  return { descriptor: d, origin, open: () => fetchBlob(transport, repository, d) };
}
async function resolveBase(transport, ref, opts = {}) {
  if (ref === SCRATCH) return { name: SCRATCH, images: [] };
  const { name, digest, images } = await resolveImage(transport, ref, opts);
  return { name, digest, images };
}
async function resolveImage(transport, ref, opts = {}) {
  const top = await fetchManifest(transport, ref);
  const requested = opts.platforms ?? [];
  const from = opts.origin ? ` (from ${opts.origin})` : "";
  const resolved = (isIndex2, images2) => ({
    name: ref.toString(),
    digest: top.descriptor.digest,
    descriptor: top.descriptor,
    isIndex: isIndex2,
    images: images2
  });
  if (!isIndexDocument(top.manifest)) {
    const image = await platformImage(transport, ref, top.descriptor, top.manifest, void 0);
    for (const want of requested) {
      if (!bestMatch(want, [image.platform], (p) => p)) {
        throw new InputError(
          `input "platforms": the base image ${ref.toString()}${from} is single-platform ${formatPlatform(image.platform)} and has no ${formatPlatform(want)}; drop it from platforms or use a multi-platform base.`
        );
      }
    }
    return resolved(false, [image]);
  }
  const entries = runnableEntries(top.manifest.manifests);
  if (entries.length === 0) {
    throw new RunError(
      `The index ${ref.toString()} lists no image manifests with a platform; it is not a runnable image${from}.`
    );
  }
  let selected = entries;
  if (requested.length > 0) {
    const chosen = /* @__PURE__ */ new Set();
    for (const want of requested) {
      const match = bestMatch(want, entries, (d) => d.platform);
      if (!match) {
        const available = entries.map((d) => formatPlatform(d.platform)).join(", ");
        throw new InputError(
          `input "platforms": the base image ${ref.toString()}${from} has no ${formatPlatform(want)}; it has ${available}.`
        );
      }
      chosen.add(match);
    }
    selected = entries.filter((d) => chosen.has(d));
  }
  const images = await Promise.all(
    selected.map(async (entry) => {
      const fetched = await fetchManifest(transport, ref.repositoryOnly().withDigest(entry.digest));
      if (isIndexDocument(fetched.manifest)) {
        throw new RunError(
          `The index ${ref.toString()} nests another index at ${entry.digest}; Slipway reads one level of index only.`
        );
      }
      const descriptor = {
        ...fetched.descriptor,
        platform: entry.platform,
        ...entry.annotations ? { annotations: entry.annotations } : {}
      };
      return platformImage(transport, ref, descriptor, fetched.manifest, entry.platform);
    })
  );
  return resolved(true, images);
}
async function platformImage(transport, ref, manifestDescriptor, manifest, indexPlatform) {
  const repo = ref.repositoryOnly();
  const { value: stated } = await fetchJsonBlob(transport, repo, manifest.config);
  if (typeof stated !== "object" || stated === null || typeof stated.architecture !== "string") {
    throw new RunError(
      `The config ${manifest.config.digest} of ${ref.toString()} has no architecture; it is not an image config.`
    );
  }
  const where = `The base image ${ref.toString()}`;
  const platform = checkedPlatform(indexPlatform ?? platformOfConfig(stated), where);
  const config = checkedLabels(stated, where, (line) => transport.options.logger?.warn(line));
  return {
    platform,
    manifestDescriptor: { ...manifestDescriptor, platform },
    manifest,
    config,
    layers: manifest.layers.map((d) => remoteBlob(transport, repo, d))
  };
}

// src/image/image.ts
import { Readable } from "node:stream";
function isIndex(image) {
  return "index" in image;
}
function isDistributable(d) {
  return !/foreign|nondistributable/.test(d.mediaType);
}
function memoryBlob(descriptor, data, origin) {
  return {
    descriptor,
    origin,
    open: () => Promise.resolve(Readable.from([data]))
  };
}

// src/image/mutate.ts
import * as path from "node:path";
var DEFAULT_PATH = "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
var OCI_LAYER_TYPE = {
  [MediaType.DockerLayerGzip]: MediaType.OciLayerGzip,
  [MediaType.DockerForeignLayerGzip]: "application/vnd.oci.image.layer.nondistributable.v1.tar+gzip",
  "application/vnd.docker.image.rootfs.diff.tar": MediaType.OciLayer
};
var STALE_CONFIG_FIELDS = ["container", "container_config", "docker_version"];
function canonicalJson(value) {
  return Buffer.from(JSON.stringify(sortKeys(value)), "utf8");
}
function sortKeys(value) {
  if (Array.isArray(value)) return value.map((v) => v === void 0 ? null : sortKeys(v));
  if (value !== null && typeof value === "object") {
    const out = {};
    for (const key of Object.keys(value).sort()) {
      const v = value[key];
      if (v !== void 0) out[key] = sortKeys(v);
    }
    return out;
  }
  return value;
}
function baseAnnotations(base, epoch) {
  const out = {};
  if (base.images.length > 0) {
    out[Annotation.BaseName] = base.name;
    if (base.digest) out[Annotation.BaseDigest] = base.digest;
  }
  out[Annotation.Created] = epochToIso(epoch);
  return out;
}
function mutateImage(input) {
  const { base, image, layer, changes, history, epoch, annotations } = input;
  const platform = image?.platform ?? input.platform;
  if (!platform) throw new Error("mutateImage: a scratch build needs a platform");
  const below = input.below ?? { layers: [], history: [] };
  return stackImage(base, image, platform, epoch, {
    layers: [...below.layers, ...layer ? [layer] : []],
    diffIds: [...below.layers.map((l) => l.diffId), ...layer ? [layer.diffId] : []],
    history: [...below.history, ...history ?? (layer ? [{ created: epochToIso(epoch) }] : [])],
    changes,
    annotations
  });
}
function stackImage(base, image, platform, epoch, own) {
  const baseConfig = image ? structuredClone(image.config) : {
    architecture: platform.architecture,
    os: platform.os,
    rootfs: { type: "layers", diff_ids: [] }
  };
  if (!image && platform.variant) baseConfig.variant = platform.variant;
  if (!image && platform["os.version"]) baseConfig["os.version"] = platform["os.version"];
  for (const field of STALE_CONFIG_FIELDS) delete baseConfig[field];
  const baseLayers = image?.layers ?? [];
  const baseDiffIds = baseConfig.rootfs?.diff_ids ?? [];
  if (baseDiffIds.length !== baseLayers.length) {
    throw new RunError(
      `The base image ${base.name} (${platform.os}/${platform.architecture}) has ${baseLayers.length} layers but its config lists ${baseDiffIds.length} diff_ids; the base is corrupt, pick another one`
    );
  }
  const config = {
    ...baseConfig,
    created: epochToIso(epoch),
    config: applyChanges(baseConfig.config ?? {}, own.changes, !image),
    rootfs: { type: "layers", diff_ids: [...baseDiffIds, ...own.diffIds] },
    history: [...baseConfig.history ?? [], ...own.history]
  };
  const configBytes = canonicalJson(config);
  const configBlob = memoryBlob(
    { mediaType: MediaType.OciConfig, digest: sha256(configBytes), size: configBytes.length },
    configBytes
  );
  const layers = [...baseLayers.map(ociBlob), ...own.layers];
  const manifest = {
    schemaVersion: 2,
    mediaType: MediaType.OciManifest,
    config: configBlob.descriptor,
    layers: layers.map((l) => l.descriptor),
    annotations: { ...baseAnnotations(base, epoch), ...own.annotations }
  };
  const bytes = canonicalJson(manifest);
  return {
    platform,
    manifest,
    bytes,
    descriptor: {
      mediaType: MediaType.OciManifest,
      digest: sha256(bytes),
      size: bytes.length,
      platform
    },
    config: configBlob,
    layers
  };
}
function buildIndex(images, annotations, descriptors = []) {
  const seen = /* @__PURE__ */ new Set();
  for (const img of images) {
    const key = canonicalJson(img.platform).toString();
    if (seen.has(key)) {
      throw new Error(`buildIndex: two images for platform ${key}`);
    }
    seen.add(key);
  }
  const index = {
    schemaVersion: 2,
    mediaType: MediaType.OciIndex,
    manifests: images.map((img, i) => {
      const own = descriptors[i];
      return own && Object.keys(own).length > 0 ? { ...img.descriptor, annotations: { ...own } } : img.descriptor;
    }),
    annotations: Object.keys(annotations).length > 0 ? { ...annotations } : void 0
  };
  const bytes = canonicalJson(index);
  return {
    index,
    bytes,
    descriptor: { mediaType: MediaType.OciIndex, digest: sha256(bytes), size: bytes.length },
    images
  };
}
function buildImageOrIndex(input) {
  const { base, layer, changes, history, epoch } = input;
  const targets = base.images.length > 0 ? base.images.map((image) => ({ image })) : (input.platforms ?? [{ os: "linux", architecture: "amd64" }]).map((platform) => ({
    platform
  }));
  const extra = input.annotations;
  const described = Object.keys(extra?.descriptor ?? {}).length > 0;
  const indexed = targets.length > 1 || input.index === true || described;
  const annotations = indexed ? extra?.manifest : { ...extra?.manifest, ...extra?.index };
  const images = targets.map(
    (t) => mutateImage({
      base,
      layer,
      changes,
      history,
      epoch,
      annotations,
      ...t,
      below: input.below?.(t.image?.platform ?? t.platform)
    })
  );
  if (!indexed) return images[0];
  return buildIndex(
    images,
    { ...baseAnnotations(base, epoch), ...extra?.index },
    images.map(() => extra?.descriptor)
  );
}
function applyChanges(base, changes, scratch) {
  const out = { ...base };
  const env = [...base.Env ?? []];
  if (scratch && !env.some((e) => e.startsWith("PATH=")) && !(changes.env && "PATH" in changes.env)) {
    env.push(DEFAULT_PATH);
  }
  for (const [key, value] of Object.entries(changes.env ?? {})) {
    if (key === "" || key.includes("=")) {
      throw new InputError(
        `The environment variable name "${key}" is empty or contains "="; fix the env setting`
      );
    }
    const entry = `${key}=${value}`;
    const at = env.findIndex((e) => e === key || e.startsWith(`${key}=`));
    if (at >= 0) env[at] = entry;
    else env.push(entry);
  }
  if (env.length > 0) out.Env = env;
  const labels = { ...base.Labels ?? {}, ...changes.labels ?? {} };
  if (Object.keys(labels).length > 0) out.Labels = labels;
  if (changes.user !== void 0) out.User = changes.user;
  if (changes.workdir !== void 0) {
    out.WorkingDir = path.posix.resolve(base.WorkingDir || "/", changes.workdir);
  }
  if (changes.entrypoint !== void 0) {
    out.Entrypoint = [...changes.entrypoint];
    if (changes.cmd === void 0) delete out.Cmd;
  }
  if (changes.cmd !== void 0) out.Cmd = [...changes.cmd];
  if (changes.exposedPorts?.length) {
    const ports = { ...out.ExposedPorts ?? {} };
    for (const spec of changes.exposedPorts)
      for (const port of exposedPortKeys(spec)) ports[port] = {};
    out.ExposedPorts = ports;
  }
  return out;
}
var PORT_SPEC = /^(\d{1,5})(?:-(\d{1,5}))?(?:\/(tcp|udp|sctp))?$/i;
function exposedPortKeys(spec) {
  const m = PORT_SPEC.exec(spec.trim());
  const first = m ? Number(m[1]) : NaN;
  const last = m?.[2] !== void 0 ? Number(m[2]) : first;
  if (!m || first < 1 || last > 65535 || last < first) {
    throw new InputError(
      `EXPOSE ${spec} is not a port; write a port or range with an optional protocol, e.g. EXPOSE 8080 or EXPOSE 53/udp.`
    );
  }
  const protocol = (m[3] ?? "tcp").toLowerCase();
  const keys = [];
  for (let port = first; port <= last; port++) keys.push(`${port}/${protocol}`);
  return keys;
}
function ociBlob(blob) {
  const mediaType = OCI_LAYER_TYPE[blob.descriptor.mediaType] ?? blob.descriptor.mediaType;
  if (mediaType === blob.descriptor.mediaType) return blob;
  const descriptor = { ...blob.descriptor, mediaType };
  return { descriptor, origin: blob.origin, open: () => blob.open() };
}

// src/image/remote/write.ts
import { pipeline as pipeline2, Readable as ReadableStream, Transform as Transform2 } from "node:stream";

// src/image/limit.ts
async function mapLimited(items, limit, each) {
  const out = new Array(items.length);
  let next = 0;
  let failure;
  const worker = async () => {
    while (failure === void 0 && next < items.length) {
      const i = next++;
      try {
        out[i] = await each(items[i]);
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  if (failure !== void 0) throw failure.error;
  return out;
}
async function forEachLimited(items, limit, each) {
  await mapLimited(items, limit, each);
}

// src/image/remote/write.ts
var DEFAULT_CONCURRENCY = 3;
function distinctBlobs(built, target) {
  const images = isIndex(built) ? built.images : [built];
  const byDigest = /* @__PURE__ */ new Map();
  for (const image of images) {
    for (const blob of [image.config, ...image.layers]) {
      if (!isDistributable(blob.descriptor)) continue;
      const seen = byDigest.get(blob.descriptor.digest);
      const mountable = blob.origin?.registry === target.registry;
      if (!seen || mountable && seen.origin?.registry !== target.registry) {
        byDigest.set(blob.descriptor.digest, blob);
      }
    }
  }
  return [...byDigest.values()];
}
function pushScopes(target, blobs) {
  const scopes = /* @__PURE__ */ new Set([pushScope(target.repository)]);
  for (const blob of blobs) {
    const origin = blob.origin;
    if (origin && origin.registry === target.registry && origin.repository !== target.repository) {
      scopes.add(pullScope(origin.repository));
    }
  }
  return [...scopes];
}
async function pushImage(target, built, tags, opts) {
  const blobs = distinctBlobs(built, target);
  const scopes = pushScopes(target, blobs);
  const stats = {
    bytesUploaded: 0,
    bytesSkipped: 0,
    blobsUploaded: 0,
    blobsMounted: 0,
    blobsExisting: 0
  };
  const ctx = { transport: opts.transport, target, scopes, logger: opts.logger };
  await forEachLimited(blobs, opts.concurrency ?? DEFAULT_CONCURRENCY, async (blob) => {
    const outcome = await pushBlob(ctx, blob);
    const size = blob.descriptor.size;
    if (outcome === "uploaded") {
      stats.blobsUploaded++;
      stats.bytesUploaded += size;
    } else {
      if (outcome === "mounted") stats.blobsMounted++;
      else stats.blobsExisting++;
      stats.bytesSkipped += size;
    }
  });
  const client = opts.transport.client(target.registry);
  if (isIndex(built)) {
    for (const image of built.images) {
      await putManifest(
        client,
        target,
        image.descriptor.digest,
        image.bytes,
        image.descriptor,
        scopes
      );
    }
  }
  const references = [];
  if (tags.length === 0) {
    const d = built.descriptor;
    await putManifest(client, target, d.digest, built.bytes, d, scopes);
    references.push(target.repositoryOnly().withDigest(d.digest).toString());
  }
  for (const tag of tags) {
    await putManifest(client, target, tag, built.bytes, built.descriptor, scopes);
    references.push(target.withTag(tag).toString());
  }
  return { digest: built.descriptor.digest, descriptor: built.descriptor, references, stats };
}
async function tagImage(target, built, tags, opts) {
  const client = opts.transport.client(target.registry);
  const scopes = [pushScope(target.repository)];
  const references = [];
  for (const tag of tags) {
    await putManifest(client, target, tag, built.bytes, built.descriptor, scopes);
    references.push(target.withTag(tag).toString());
  }
  return references;
}
var PATCH_CHUNK_BYTES = 16 * 1024 * 1024;
var MONOLITHIC_REFUSED = /* @__PURE__ */ new Set([405, 415, 501]);
async function pushBlob(ctx, blob) {
  const { target, scopes } = ctx;
  const d = blob.descriptor;
  const client = ctx.transport.client(target.registry);
  const id = shortDigest(d.digest);
  const op = (what) => ({
    access: "push",
    repository: target.name(),
    what: `${what} blob ${d.digest}`
  });
  const done = blob.pushedTo;
  if (done?.registry === target.registry && done.repository === target.repository) {
    return done.outcome;
  }
  if (await blobPresent(client, ctx, d, op, { before: true }) === true) {
    ctx.logger?.progress({ id, action: "exists", bytes: d.size, total: d.size });
    return "existing";
  }
  let location;
  const origin = blob.origin;
  if (origin && origin.registry === target.registry && origin.repository !== target.repository) {
    const query = new URLSearchParams({ mount: d.digest, from: origin.repository });
    try {
      const res = await client.request({
        method: "POST",
        url: `/v2/${target.repository}/blobs/uploads/?${query.toString()}`,
        scopes,
        op: op("mounting"),
        headers: { "content-length": "0" },
        expect: [201, 202]
      });
      await res.body.dump();
      if (res.status === 201) {
        ctx.logger?.progress({ id, action: "mount", bytes: d.size, total: d.size });
        return "mounted";
      }
      location = uploadLocation(res.url, header(res.headers, "location"), target);
    } catch (err) {
      if (!(err instanceof RegistryError) || ![401, 403, 404].includes(err.status ?? 0)) throw err;
      ctx.logger?.debug(`mount of ${id} from ${origin.repository} refused: ${err.message}`);
    }
  }
  const action = origin ? "copy" : "upload";
  const retry = { ...ctx.transport.retryOptions(), logger: ctx.logger };
  await withRetry(`uploading blob ${id} to ${target.name()}`, retry, async (attempt) => {
    if (attempt > 0) {
      if (location !== void 0) await cancelUpload(client, ctx, location);
      location = void 0;
      if (await blobPresent(client, ctx, d, op) === true) return;
    }
    location ??= await startUpload(client, ctx, op, { attempt });
    if (!ctx.patchUploads) {
      try {
        await putBlob(client, ctx, blob, location, op, action, true, attempt);
        return;
      } catch (err) {
        if (!(err instanceof RegistryError) || !MONOLITHIC_REFUSED.has(err.status ?? 0)) throw err;
        ctx.logger?.debug(
          `${target.registry} refused a monolithic upload (HTTP ${err.status}); using PATCH then PUT`
        );
        ctx.patchUploads = true;
        location = await startUpload(client, ctx, op, { attempt });
      }
    }
    const next = await patchBlob(client, ctx, blob, location, op, action, attempt);
    await putBlob(client, ctx, blob, next, op, action, false, attempt);
  });
  return "uploaded";
}
async function blobPresent(client, ctx, d, op, opts = {}) {
  try {
    const res = await client.request({
      method: "HEAD",
      url: `/v2/${ctx.target.repository}/blobs/${d.digest}`,
      scopes: ctx.scopes,
      op: op("checking"),
      expect: [200, 404],
      // Some registries answer a blob HEAD with a redirect to their storage.
      followRedirects: true,
      retry: opts.before === true
    });
    await res.body.dump();
    if (res.status === 404) return false;
    const length = header(res.headers, "content-length");
    return opts.before || length === void 0 || Number(length) === d.size;
  } catch (err) {
    if (opts.before) throw err;
    ctx.logger?.debug(`checking ${shortDigest(d.digest)} after a failed upload: ${String(err)}`);
    return void 0;
  }
}
var CANCEL_TIMEOUT_MS = 1e4;
async function cancelUpload(client, ctx, location, timeoutMs = CANCEL_TIMEOUT_MS) {
  try {
    const res = await client.request({
      method: "DELETE",
      url: location,
      scopes: ctx.scopes,
      op: { access: "push", repository: ctx.target.name(), what: "cancelling an upload" },
      expect: [200, 202, 204, 404],
      retry: false,
      timeoutMs: Math.min(timeoutMs, ctx.transport.options.requestTimeoutMs ?? timeoutMs)
    });
    await res.body.dump();
  } catch {
  }
}
async function startUpload(client, ctx, op, opts = {}) {
  const res = await client.request({
    method: "POST",
    url: `/v2/${ctx.target.repository}/blobs/uploads/`,
    scopes: ctx.scopes,
    op: op("starting the upload of"),
    headers: { "content-length": "0" },
    expect: [202],
    retry: opts.retry ?? false,
    // by default the caller's retry loop repeats the whole upload
    attempt: opts.attempt
  });
  await res.body.dump();
  const min = Number(header(res.headers, "oci-chunk-min-length"));
  if (Number.isSafeInteger(min) && min > 0) ctx.chunkMinLength = min;
  return uploadLocation(res.url, header(res.headers, "location"), ctx.target);
}
function uploadLocation(requestUrl, location, target) {
  if (!location) {
    throw new RegistryError(
      `${target.registry} started an upload to ${target.name()} without a Location header; the registry is not OCI-compliant.`
    );
  }
  return new URL(location, requestUrl).toString();
}
async function putBlob(client, ctx, blob, location, op, action, withBody, attempt = 0) {
  const d = blob.descriptor;
  const url = new URL(location);
  url.searchParams.set("digest", d.digest);
  const res = await client.request({
    method: "PUT",
    url: url.toString(),
    scopes: ctx.scopes,
    op: op(withBody ? "uploading" : "completing the upload of"),
    headers: {
      "content-type": "application/octet-stream",
      "content-length": withBody ? String(d.size) : "0"
    },
    body: withBody ? blobBody(ctx, blob, action) : void 0,
    expect: [201, 204],
    // The surrounding withRetry restarts the whole upload; a PUT alone cannot be repeated.
    retry: false,
    // The registry hashes and stores the whole blob before it answers.
    commitBytes: d.size,
    attempt
  });
  await res.body.dump();
  const stored = header(res.headers, "docker-content-digest");
  if (stored !== void 0 && stored !== d.digest) {
    throw new RunError(
      `${ctx.target.registry} stored blob ${d.digest} of ${ctx.target.name()} as ${stored}; the registry altered the bytes.`
    );
  }
  if (stored === void 0 && await blobPresent(client, ctx, d, op) === false) {
    throw new RegistryError(
      `${ctx.target.registry} accepted blob ${d.digest} of ${ctx.target.name()} but does not hold it; run again.`,
      { retryable: true }
    );
  }
}
async function patchBlob(client, ctx, blob, location, op, action, attempt) {
  const size = blob.descriptor.size;
  const chunk = Math.max(ctx.chunkMinLength ?? 0, PATCH_CHUNK_BYTES);
  const source = (await blobBody(ctx, blob, action)())[Symbol.asyncIterator]();
  const pending = {};
  let next = location;
  let offset = 0;
  try {
    do {
      const length = Math.min(chunk, size - offset);
      let opened = false;
      const res = await client.request({
        method: "PATCH",
        url: next,
        scopes: ctx.scopes,
        op: op("uploading"),
        headers: {
          "content-type": "application/octet-stream",
          "content-length": String(length),
          ...length > 0 ? { "content-range": `${offset}-${offset + length - 1}` } : {}
        },
        body: () => {
          if (opened) return Promise.reject(new RegistryError("the chunk was already sent"));
          opened = true;
          return Promise.resolve(ReadableStream.from(take(source, pending, length)));
        },
        expect: [202, 201, 204],
        retry: false,
        commitBytes: length,
        attempt
      });
      await res.body.dump();
      offset += length;
      const range = /^(?:bytes=)?\d+-(\d+)$/.exec(header(res.headers, "range")?.trim() ?? "");
      if (range && Number(range[1]) + 1 !== offset) {
        ctx.logger?.debug(
          `${ctx.target.registry} reports Range ${range[0]} after ${offset} bytes; tracking the offset by bytes sent`
        );
      }
      next = uploadLocation(res.url, header(res.headers, "location") ?? next, ctx.target);
    } while (offset < size);
  } finally {
    await source.return?.();
  }
  return next;
}
async function* take(source, pending, length) {
  let left = length;
  while (left > 0) {
    let buf = pending.rest;
    pending.rest = void 0;
    if (buf === void 0) {
      const step = await source.next();
      if (step.done) return;
      buf = step.value;
    }
    if (buf.length > left) {
      pending.rest = buf.subarray(left);
      buf = buf.subarray(0, left);
    }
    left -= buf.length;
    yield buf;
  }
}
function blobBody(ctx, blob, action) {
  const d = blob.descriptor;
  const id = shortDigest(d.digest);
  return async () => {
    const source = await blob.open();
    const counter = new ByteCounter(
      d,
      (bytes) => ctx.logger?.progress({ id, action, bytes, total: d.size })
    );
    pipeline2(source, counter, () => {
    });
    return counter;
  };
}
var ByteCounter = class extends Transform2 {
  constructor(descriptor, report) {
    super();
    this.descriptor = descriptor;
    this.report = report;
    this.step = Math.max(1024 * 1024, Math.floor(descriptor.size / 20));
    this.reportProgress(0);
  }
  descriptor;
  report;
  seen = 0;
  lastReported = -1;
  step;
  _transform(chunk, _encoding, callback) {
    this.seen += chunk.length;
    if (this.seen > this.descriptor.size) {
      callback(
        new RunError(
          `Blob ${this.descriptor.digest} has more than the ${this.descriptor.size} bytes its descriptor states; the build produced inconsistent data.`
        )
      );
      return;
    }
    if (this.seen - this.lastReported >= this.step || this.seen === this.descriptor.size) {
      this.reportProgress(this.seen);
    }
    callback(null, chunk);
  }
  _flush(callback) {
    if (this.seen !== this.descriptor.size) {
      callback(
        new RunError(
          `Blob ${this.descriptor.digest} ended after ${this.seen} of ${this.descriptor.size} bytes; the build produced inconsistent data.`
        )
      );
      return;
    }
    callback();
  }
  reportProgress(bytes) {
    this.lastReported = bytes;
    this.report(bytes);
  }
};
var BLOB_LINK_LAG_CODES = ["MANIFEST_BLOB_UNKNOWN", "BLOB_UNKNOWN", "DIGEST_INVALID"];
async function putManifest(client, target, reference, bytes, descriptor, scopes) {
  const computed = sha256(bytes);
  if (computed !== descriptor.digest) {
    throw new RunError(
      `Internal error: manifest bytes hash to ${computed} but their descriptor says ${descriptor.digest}.`
    );
  }
  const res = await client.request({
    method: "PUT",
    url: `/v2/${target.repository}/manifests/${reference}`,
    scopes,
    op: {
      access: "push",
      repository: target.name(),
      what: `manifest ${reference}`,
      transientCodes: BLOB_LINK_LAG_CODES
    },
    headers: { "content-type": descriptor.mediaType },
    body: bytes,
    expect: [201, 200, 204]
  });
  await res.body.dump();
  let stored = header(res.headers, "docker-content-digest");
  if (stored === void 0) {
    const check = await client.request({
      method: "HEAD",
      url: `/v2/${target.repository}/manifests/${descriptor.digest}`,
      scopes,
      op: { access: "push", repository: target.name(), what: `manifest ${descriptor.digest}` },
      headers: { accept: descriptor.mediaType },
      expect: [200, 404]
    });
    await check.body.dump();
    if (check.status === 404) {
      throw new RunError(
        `${target.registry} accepted manifest ${reference} of ${target.name()} but holds no manifest ${descriptor.digest}; the registry did not store what was sent.`
      );
    }
    stored = descriptor.digest;
  }
  if (stored !== descriptor.digest) {
    throw new RunError(
      `${target.registry} stored manifest ${reference} of ${target.name()} as ${stored} instead of ${descriptor.digest}; the registry rewrote it (it may not support ${descriptor.mediaType}).`
    );
  }
}

// src/image/remote/referrers.ts
var EMPTY_JSON = Buffer.from("{}");
var EMPTY_DESCRIPTOR = {
  mediaType: MediaType.OciEmpty,
  digest: sha256(EMPTY_JSON),
  size: EMPTY_JSON.length,
  data: EMPTY_JSON.toString("base64")
};
function referrerArtifact(opts) {
  const layer = {
    mediaType: opts.artifactType,
    digest: sha256(opts.content),
    size: opts.content.length,
    annotations: opts.layerAnnotations
  };
  const manifest = {
    schemaVersion: 2,
    mediaType: MediaType.OciManifest,
    artifactType: opts.artifactType,
    config: EMPTY_DESCRIPTOR,
    layers: [layer],
    subject: {
      mediaType: opts.subject.mediaType,
      digest: opts.subject.digest,
      size: opts.subject.size
    },
    annotations: opts.annotations
  };
  const bytes = canonicalJson(manifest);
  return {
    manifest,
    bytes,
    descriptor: {
      mediaType: MediaType.OciManifest,
      digest: sha256(bytes),
      size: bytes.length,
      artifactType: opts.artifactType,
      annotations: opts.annotations
    },
    blobs: [memoryBlob(EMPTY_DESCRIPTOR, EMPTY_JSON), memoryBlob(layer, opts.content)]
  };
}
function referrersTag(subject) {
  return subject.replace(":", "-");
}
async function listReferrers(transport, repository, subject) {
  const client = transport.client(repository.registry);
  const res = await client.request({
    method: "GET",
    url: `/v2/${repository.repository}/referrers/${subject}`,
    scopes: [pushScope(repository.repository)],
    op: { access: "pull", repository: repository.name(), what: `referrers of ${subject}` },
    headers: { accept: MediaType.OciIndex },
    // 404: no referrers API (distribution 2.8 has none); 400/405: some registries say so instead.
    expect: [200, 400, 404, 405]
  });
  if (res.status === 200) {
    const text = await readBytes(res.body, MAX_MANIFEST_BYTES, `referrers of ${subject}`);
    const manifests = parseIndex(text, `the referrers API of ${repository.name()}`).manifests;
    return { source: "api", manifests };
  }
  await res.body.dump();
  return {
    source: "tag",
    manifests: (await fallbackIndex(transport, repository, subject)).manifests
  };
}
async function fallbackIndex(transport, repository, subject) {
  const ref = repository.withTag(referrersTag(subject));
  const client = transport.client(repository.registry);
  const probe = await client.request({
    method: "HEAD",
    url: `/v2/${repository.repository}/manifests/${ref.identifier()}`,
    scopes: [pushScope(repository.repository)],
    op: { access: "pull", repository: repository.name(), what: `manifest ${ref.identifier()}` },
    headers: { accept: `${MediaType.OciIndex}, ${MediaType.OciManifest}` },
    expect: [200, 404]
  });
  await probe.body.dump();
  if (probe.status === 404)
    return { schemaVersion: 2, mediaType: MediaType.OciIndex, manifests: [] };
  const fetched = await fetchManifest(transport, ref, { push: true });
  if (!isIndexDocument(fetched.manifest)) {
    throw new RunError(
      `The tag ${ref.toString()} is not an OCI index of referrers; it was pushed by another tool, so Slipway leaves it alone: delete the tag or set sbom: false.`
    );
  }
  return fetched.manifest;
}
function parseIndex(bytes, where) {
  try {
    const doc = JSON.parse(bytes.toString("utf8"));
    if (Array.isArray(doc.manifests)) return { schemaVersion: 2, manifests: doc.manifests };
  } catch {
  }
  throw new RunError(`${where} answered with something that is not an OCI index.`);
}
async function pushReferrer(transport, repository, artifact, logger) {
  const subject = artifact.manifest.subject?.digest;
  if (!subject) throw new Error("pushReferrer: the artifact has no subject");
  const existing = await listReferrers(transport, repository, subject);
  const digest = artifact.descriptor.digest;
  if (existing.manifests.some((d) => d.digest === digest)) {
    logger?.info(`unchanged: ${repository.name()}@${digest} already refers to ${subject}`);
    return { descriptor: artifact.descriptor, pushed: false, source: existing.source };
  }
  const scopes = [pushScope(repository.repository)];
  const ctx = { transport, target: repository, scopes, logger };
  for (const blob of artifact.blobs) await pushBlob(ctx, blob);
  const client = transport.client(repository.registry);
  const res = await client.request({
    method: "PUT",
    url: `/v2/${repository.repository}/manifests/${digest}`,
    scopes,
    op: { access: "push", repository: repository.name(), what: `manifest ${digest}` },
    headers: { "content-type": MediaType.OciManifest },
    body: artifact.bytes,
    expect: [200, 201, 204]
  });
  await res.body.dump();
  const stored = header(res.headers, "docker-content-digest");
  if (stored !== void 0 && stored !== digest) {
    throw new RunError(
      `${repository.registry} stored the artifact ${digest} of ${repository.name()} as ${stored}; the registry rewrote it, so the referrer cannot be found by its digest.`
    );
  }
  if (header(res.headers, "oci-subject") === subject || existing.source === "api") {
    return { descriptor: artifact.descriptor, pushed: true, source: "api" };
  }
  const current = await fallbackIndex(transport, repository, subject);
  const entry = {
    mediaType: MediaType.OciManifest,
    digest,
    size: artifact.bytes.length,
    artifactType: artifact.manifest.artifactType ?? artifact.manifest.config.mediaType,
    annotations: artifact.manifest.annotations
  };
  const index = {
    schemaVersion: 2,
    mediaType: MediaType.OciIndex,
    manifests: [...current.manifests.filter((d) => d.digest !== digest), entry]
  };
  const indexBytes = canonicalJson(index);
  const tag = referrersTag(subject);
  const put = await client.request({
    method: "PUT",
    url: `/v2/${repository.repository}/manifests/${tag}`,
    scopes,
    op: { access: "push", repository: repository.name(), what: `referrers index ${tag}` },
    headers: { "content-type": MediaType.OciIndex },
    body: indexBytes,
    expect: [200, 201, 204]
  });
  await put.body.dump();
  logger?.debug(`referrers index ${repository.name()}:${tag} lists ${index.manifests.length}`);
  return { descriptor: artifact.descriptor, pushed: true, source: "tag" };
}

// src/attest/attach.ts
var SIGSTORE_BUNDLE_V03_MEDIA_TYPE = "application/vnd.dev.sigstore.bundle.v0.3+json";
var BundleAnnotation = {
  Content: "dev.sigstore.bundle.content",
  PredicateType: "dev.sigstore.bundle.predicateType"
};
function bundleReferrer(attestation, subject, created) {
  return referrerArtifact({
    artifactType: SIGSTORE_BUNDLE_V03_MEDIA_TYPE,
    subject,
    content: attestation.bytes,
    annotations: {
      [BundleAnnotation.Content]: "dsse-envelope",
      [BundleAnnotation.PredicateType]: attestation.predicateType,
      [Annotation.Created]: created
    }
  });
}
async function attachBundles(opts) {
  const out = [];
  for (const subject of opts.subjects) {
    for (const attestation of opts.attestations) {
      const artifact = bundleReferrer(attestation, subject, opts.created);
      const result = await pushReferrer(opts.transport, opts.repository, artifact, opts.logger);
      out.push({
        predicateType: attestation.predicateType,
        subject: subject.digest,
        digest: result.descriptor.digest,
        pushed: result.pushed,
        source: result.source
      });
      if (result.pushed) {
        opts.logger.info(
          `attest: ${attestation.predicateType} bundle ${opts.repository.name()}@${result.descriptor.digest} refers to ${subject.digest}`
        );
      }
    }
  }
  return out;
}

export {
  MediaType,
  INDEX_MEDIA_TYPES,
  MANIFEST_MEDIA_TYPES,
  Annotation,
  normalizePlatform,
  formatPlatform,
  parsePlatforms,
  runnableEntries,
  platformOfConfig,
  checkedPlatform,
  samePlatform,
  bestMatch,
  checkedLabels,
  RegistryError,
  isLoopbackHost,
  speaksTls,
  pushScope,
  withRetry,
  header,
  readBytes,
  isInsecureHost,
  Transport,
  VerifyingStream,
  MAX_MANIFEST_BYTES,
  MAX_CONFIG_BYTES,
  isIndexDocument,
  fetchManifest,
  headManifest,
  fetchBlob,
  remoteBlob,
  resolveBase,
  resolveImage,
  isIndex,
  isDistributable,
  memoryBlob,
  mapLimited,
  forEachLimited,
  canonicalJson,
  baseAnnotations,
  stackImage,
  buildIndex,
  buildImageOrIndex,
  pushScopes,
  pushImage,
  tagImage,
  pushBlob,
  blobPresent,
  cancelUpload,
  startUpload,
  uploadLocation,
  putBlob,
  referrerArtifact,
  referrersTag,
  listReferrers,
  pushReferrer,
  SIGSTORE_BUNDLE_V03_MEDIA_TYPE,
  bundleReferrer,
  attachBundles
};
