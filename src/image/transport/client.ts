/**
 * HTTP to one registry: scheme and TLS choice, the /v2/ ping, authentication (with one
 * re-authentication after a 401), safe redirects and retries. Everything above this file speaks
 * in registry paths and typed errors.
 */
import type { Readable } from 'node:stream';
import { HttpConnections, tls } from './http';
import type { HttpResponse, ResponseBody, ResponseHeaders } from './http';
import type { Logger } from '../../core/log';
import { registryApiHost } from '../reference';
import { Authenticator, checkRealm } from './auth';
import { isLoopbackHost } from './hosts';
import type { TokenHttp } from './auth';
import { parseChallenges } from './challenge';
import type { CredentialResolver, RegistryCredentials } from './credentials';
import {
  errorForNetwork,
  errorForStatus,
  parseErrorBody,
  redactUrl,
  RegistryError,
} from './errors';
import type { Operation } from './errors';
import { parseRetryAfter, withRetry } from './retry';
import type { RetryOptions } from './retry';

export interface ClientOptions {
  /**
   * Registries ("host[:port]", as in references) that may be reached over plain HTTP when they
   * do not speak HTTPS, like docker's insecure-registries. Every other host must speak verified
   * HTTPS (or be on this machine).
   */
  insecureRegistries?: readonly string[];
  /** Also accept unverified certificates from the insecureRegistries (a separate choice). */
  skipTlsVerify?: boolean;
  /** PEM of a private CA, trusted in addition to the system's. */
  caPem?: string;
  /** Repeats of a failed request (408, 429, 5xx, resets, timeouts); default 5. */
  maxRetries?: number;
  /**
   * How long a request may stay silent while a large body moves (an upload, a blob download);
   * default 300 s. Also the base of every request's overall deadline.
   */
  requestTimeoutMs?: number;
  /**
   * How long to wait for the answer of a small request (ping, HEAD, manifest, token, upload start
   * and completion) once it is sent; doubled on each retry, default 5 s. A registry committing a
   * large blob gets more (see RegistryRequest.commitBytes).
   */
  answerTimeoutMs?: number;
  /** First backoff step; tests make it small. */
  retryBaseDelayMs?: number;
  logger?: Logger;
}

export type HttpMethod = 'GET' | 'HEAD' | 'PUT' | 'POST' | 'PATCH' | 'DELETE';

/** Opens a fresh stream of a request body. */
type Opener = () => Promise<Readable>;

/** A body that can be sent again: bytes, or a factory that opens a fresh stream. */
export type RequestBody = Buffer | Opener;

export interface RegistryRequest {
  method: HttpMethod;
  /** A path on the registry ("/v2/…"), or an absolute URL the registry handed out. */
  url: string;
  /** Token scopes the request needs, e.g. repository:o/r:pull. */
  scopes: readonly string[];
  /** What is being done, for error messages. */
  op: Operation;
  headers?: Record<string, string>;
  body?: RequestBody;
  /** Statuses that are answers rather than errors, e.g. [200, 404] for a HEAD. */
  expect: readonly number[];
  /** Follow redirects (blob downloads): up to 5, never sending credentials to another host. */
  followRedirects?: boolean;
  /** Repeat retryable failures; default true. Set false when the caller retries a larger step. */
  retry?: boolean;
  /** A shorter silence limit than request-timeout, for best-effort requests nothing waits on. */
  timeoutMs?: number;
  /**
   * Bytes the registry stores before it answers (a blob PUT, the PUT completing an upload, a
   * PATCH): its answer may take longer than a small request's, in proportion.
   */
  commitBytes?: number;
  /** Attempts of the larger step this request repeats (an upload); lengthens the answer budget. */
  attempt?: number;
}

export interface RegistryResponse {
  status: number;
  /** Final URL, after redirects. */
  url: string;
  headers: ResponseHeaders;
  body: ResponseBody;
}

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
const MAX_REDIRECTS = 5;
const ERROR_BODY_LIMIT = 64 * 1024;
const TOKEN_BODY_LIMIT = 1024 * 1024;
const USER_AGENT = 'slipway';
const DEFAULT_MAX_RETRIES = 5;
const DEFAULT_TIMEOUT_MS = 300_000;
const DEFAULT_ANSWER_TIMEOUT_MS = 5_000;
/**
 * How fast a registry is assumed to at least commit a blob (hash it, copy it to storage) before it
 * answers: the answer budget grows by one second per this many bytes.
 */
const COMMIT_BYTES_PER_SECOND = 10 * 1024 * 1024;
/**
 * The slowest transfer a request's deadline allows: request-timeout plus one second per this many
 * bytes of a body of known length.
 */
const MIN_BYTES_PER_SECOND = 256 * 1024;
/** A body of known length above this is sent only once the registry asks for it. */
const EXPECT_CONTINUE_FROM = 1024 * 1024;

export function header(headers: RegistryResponse['headers'], name: string): string | undefined {
  const value = headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
}

/** Reads a response body as text, refusing more than `limit` bytes. */
export async function readText(body: Readable, limit: number, what: string): Promise<string> {
  return (await readBytes(body, limit, what)).toString('utf8');
}

export async function readBytes(body: Readable, limit: number, what: string): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    const buf = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as Uint8Array);
    size += buf.length;
    if (size > limit) {
      body.destroy();
      throw new RegistryError(`${what} is larger than ${limit} bytes; refusing to read it.`);
    }
    chunks.push(buf);
  }
  return Buffer.concat(chunks);
}

export { isLoopbackHost };

/**
 * The limit a rate-limiting registry states: Docker Hub sends `RateLimit-Limit: 100;w=21600`
 * (the IETF draft's name), others the older `X-RateLimit-Limit`.
 */
function rateLimitOf(headers: ResponseHeaders): string | undefined {
  return header(headers, 'ratelimit-limit') ?? header(headers, 'x-ratelimit-limit');
}

/**
 * Schemes to try, in order: loopback registries are usually plain HTTP (as docker assumes for
 * localhost), others must speak HTTPS unless `insecure` allows falling back to HTTP.
 */
export function schemesFor(apiHost: string, insecure: boolean): Array<'http' | 'https'> {
  if (isLoopbackHost(apiHost)) return ['http', 'https'];
  return insecure ? ['https', 'http'] : ['https'];
}

/**
 * Whether `host` ("host[:port]" of a URL) is one of the registries marked insecure. A registry's
 * name and its API host both match ("docker.io" is reached at registry-1.docker.io).
 */
export function isInsecureHost(host: string, insecureRegistries: readonly string[]): boolean {
  const h = host.toLowerCase();
  return insecureRegistries.some((r) => {
    const name = r.trim().toLowerCase();
    return name !== '' && (name === h || registryApiHost(name) === h);
  });
}

function hostOfUrl(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return '';
  }
}

/** The same retry settings for single requests (RegistryClient) and whole steps (Transport). */
function retryOptionsOf(options: ClientOptions): RetryOptions {
  return {
    maxRetries: options.maxRetries ?? DEFAULT_MAX_RETRIES,
    baseDelayMs: options.retryBaseDelayMs,
    // A rate limit is waited out as long as one request may take, no longer.
    maxRetryAfterMs: options.requestTimeoutMs ?? DEFAULT_TIMEOUT_MS,
    logger: options.logger,
  };
}

export class RegistryClient {
  private readonly apiHost: string;
  private readonly connections: HttpConnections;
  private readonly timeoutMs: number;
  private readonly answerTimeoutMs: number;
  private readonly retryOptions: RetryOptions;
  private origin: string | undefined;
  private readying: Promise<void> | undefined;
  private auth: Authenticator | undefined;
  private closed = false;

  constructor(
    /** Registry name as in references ("docker.io", "127.0.0.1:5000"). */
    readonly registry: string,
    private readonly credentials: () => Promise<RegistryCredentials | undefined>,
    private readonly options: ClientOptions = {},
  ) {
    this.apiHost = registryApiHost(registry);
    this.timeoutMs = options.requestTimeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.answerTimeoutMs = Math.min(
      options.answerTimeoutMs ?? DEFAULT_ANSWER_TIMEOUT_MS,
      this.timeoutMs,
    );
    this.connections = new HttpConnections({
      ca: options.caPem ? [...tls().rootCertificates, options.caPem] : undefined,
      rejectUnauthorized: true,
    });
    // A request cut by close() (the run ended, e.g. on another request's error) is not repeated.
    this.retryOptions = { ...retryOptionsOf(options), stopped: () => this.closed };
  }

  /** Plain HTTP may be used with `host` (the registry's or a realm's): marked insecure. */
  private insecure(host: string): boolean {
    return isInsecureHost(host, this.options.insecureRegistries ?? []);
  }

  /** Certificates are checked everywhere but on the insecure registries with skipTlsVerify. */
  private verifyTls(url: string): boolean {
    return !(this.options.skipTlsVerify === true && this.insecure(hostOfUrl(url)));
  }

  /**
   * How long to wait for an answer once a request is sent: short, doubled per attempt (a slow
   * registry still gets through, a silent one costs seconds), longer for a large commit.
   */
  private answerBudget(attempt: number, commitBytes = 0): number {
    const base = this.answerTimeoutMs * 2 ** Math.min(attempt, 10);
    const commit = (commitBytes / COMMIT_BYTES_PER_SECOND) * 1000;
    return Math.round(Math.min(this.timeoutMs, base + commit));
  }

  /** The bound on a whole exchange: request-timeout, plus the time a known body may take. */
  private deadline(bodyBytes: number | undefined): number | undefined {
    if (bodyBytes === undefined) return undefined; // a streamed body: bounded by its silence
    return this.timeoutMs + Math.round((bodyBytes / MIN_BYTES_PER_SECOND) * 1000);
  }

  /** "https://host[:port]" or "http://…" once the registry has been reached. */
  async baseUrl(): Promise<string> {
    await this.ready();
    return this.origin as string;
  }

  async request(req: RegistryRequest): Promise<RegistryResponse> {
    await this.ready();
    const outer = req.attempt ?? 0;
    if (req.retry === false) return this.authenticated(req, outer);
    return withRetry(`${req.op.what} for ${req.op.repository}`, this.retryOptions, (attempt) =>
      this.authenticated(req, outer + attempt),
    );
  }

  /** Drops the kept-alive connections. */
  close(): void {
    this.closed = true;
    this.connections.close();
  }

  private async authenticated(req: RegistryRequest, attempt: number): Promise<RegistryResponse> {
    const auth = this.auth as Authenticator;
    let reauthenticated = false;
    for (;;) {
      const authorization = await auth.authorization(req.scopes);
      const res = await this.send(req, attempt, authorization);
      if (req.expect.includes(res.status)) return res;
      if (res.status === 401 && !reauthenticated && this.isRegistryUrl(res.url)) {
        const challenges = parseChallenges(res.headers['www-authenticate']);
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

  private async send(
    req: RegistryRequest,
    attempt: number,
    authorization?: string,
  ): Promise<RegistryResponse> {
    let url = new URL(req.url, this.origin).toString();
    let method = req.method;
    for (let hop = 0; ; hop++) {
      const headers: Record<string, string> = { 'user-agent': USER_AGENT, ...req.headers };
      // Credentials go to the registry only: never to the storage a blob download redirects to.
      if (authorization !== undefined && this.isRegistryUrl(url)) {
        headers.authorization = authorization;
      }
      const source = req.body === undefined || hop > 0 ? undefined : req.body;
      const streamed = source !== undefined && !Buffer.isBuffer(source);
      const declared = headers['content-length'];
      const length = Buffer.isBuffer(source)
        ? source.length
        : declared
          ? Number(declared)
          : undefined;
      const expectContinue = streamed && length !== undefined && length >= EXPECT_CONTINUE_FROM;
      // A stream is opened when it is to be sent: after `100 Continue` when that is asked for, so
      // that a refused upload never starts reading (or building) its source.
      let opened: Readable | undefined;
      const open = async (): Promise<Readable> => (opened = await (source as Opener)());
      const body =
        source === undefined || Buffer.isBuffer(source)
          ? source
          : expectContinue
            ? open
            : await open();
      const silence = req.timeoutMs ?? this.timeoutMs;
      const answer = Math.min(silence, this.answerBudget(attempt, req.commitBytes));
      let res: HttpResponse;
      try {
        res = await this.connections.request(url, {
          method,
          headers,
          body,
          // The long silence budget only while a large body moves, or a large answer is read.
          timeoutMs: streamed ? silence : answer,
          headersTimeoutMs: answer,
          responseTimeoutMs: req.followRedirects ? silence : answer,
          deadlineMs: streamed && length === undefined ? undefined : this.deadline(length ?? 0),
          rejectUnauthorized: this.verifyTls(url),
          expectContinue,
        });
      } catch (err) {
        opened?.destroy();
        if (err instanceof RegistryError) throw err;
        // A body stream that failed (e.g. a digest check) explains itself better than the socket.
        const cause = bodyError(err);
        if (cause !== undefined) throw cause;
        throw errorForNetwork(req.op, err, url);
      }
      if (res.statusCode >= 300) {
        // The registry answered before taking the whole body (e.g. 401): stop reading the source,
        // which may be another registry's download holding a connection open.
        opened?.destroy();
      }
      const location = header(res.headers, 'location');
      if (req.followRedirects && REDIRECT_STATUSES.has(res.statusCode) && location) {
        await res.body.dump();
        if (hop >= MAX_REDIRECTS) {
          throw new RegistryError(
            `${req.op.what} for ${req.op.repository} failed: more than ${MAX_REDIRECTS} redirects (last to ${redactUrl(location)}).`,
            { url: redactUrl(url) },
          );
        }
        const next = new URL(location, url);
        if (new URL(url).protocol === 'https:' && next.protocol !== 'https:') {
          throw new RegistryError(
            `${req.op.what} for ${req.op.repository} failed: the registry redirected from HTTPS to ${redactUrl(next.toString())}; refusing the downgrade.`,
          );
        }
        if (res.statusCode === 303) method = method === 'HEAD' ? 'HEAD' : 'GET';
        url = next.toString();
        continue;
      }
      return { status: res.statusCode, url, headers: res.headers, body: res.body };
    }
  }

  private isRegistryUrl(url: string): boolean {
    return new URL(url).origin === this.origin;
  }

  private async errorFrom(op: Operation, res: RegistryResponse): Promise<RegistryError> {
    let text = '';
    try {
      text = await readText(res.body, ERROR_BODY_LIMIT, 'error body');
    } catch {
      // an unreadable error body still leaves the status to report
    }
    const challenge = parseChallenges(res.headers['www-authenticate']).find(
      (c) => c.scheme === 'bearer',
    );
    return errorForStatus(
      op,
      res.status,
      parseErrorBody(text),
      res.url,
      parseRetryAfter(header(res.headers, 'retry-after')),
      challenge?.params.error,
      rateLimitOf(res.headers),
    );
  }

  private ready(): Promise<void> {
    this.readying ??= this.connect().catch((err: unknown) => {
      this.readying = undefined; // a later call may try again
      throw err;
    });
    return this.readying;
  }

  /** Resolves credentials, picks the scheme and learns the registry's challenge from /v2/. */
  private async connect(): Promise<void> {
    const credentials = await this.credentials();
    this.auth = new Authenticator(this.registry, credentials, this.tokenHttp);
    // The whole discovery repeats after a 5xx, 429 or broken connection: a fault on the first
    // ping must neither fail the run nor make a later scheme look right.
    await withRetry(`connecting to ${this.registry}`, this.retryOptions, (attempt) =>
      this.discover(attempt),
    );
  }

  private async discover(attempt: number): Promise<void> {
    const auth = this.auth as Authenticator;
    const op: Operation = { access: 'pull', repository: this.registry, what: 'connecting' };
    const schemes = schemesFor(this.apiHost, this.insecure(this.apiHost));
    const unreachable: RegistryError[] = [];
    for (const [i, scheme] of schemes.entries()) {
      const origin = `${scheme}://${this.apiHost}`;
      const last = i === schemes.length - 1;
      let res: HttpResponse;
      try {
        res = await this.ping(origin, op, attempt);
      } catch (err) {
        // An HTTP answer (e.g. 5xx) proves the scheme is right: report it rather than move on.
        if (!(err instanceof RegistryError) || err.status !== undefined) throw err;
        unreachable.push(err);
        continue;
      }
      const text = await readText(res.body, ERROR_BODY_LIMIT, 'ping body').catch(() => '');
      if (!last && res.statusCode === 400 && /HTTP request to an HTTPS server/i.test(text)) {
        continue; // a loopback registry that speaks TLS
      }
      this.origin = origin;
      if (scheme === 'http' && !isLoopbackHost(this.apiHost)) {
        this.options.logger?.warn(
          `${this.registry} does not speak HTTPS: using plain HTTP, as insecure-registry allows; credentials and images cross the network unencrypted.`,
        );
      }
      if (res.statusCode === 401) {
        auth.setChallenges(parseChallenges(res.headers['www-authenticate']));
      } else if (res.statusCode !== 200) {
        this.options.logger?.debug(`${this.registry}: GET /v2/ answered ${res.statusCode}`);
      }
      this.options.logger?.debug(`${this.registry}: ${origin}, auth ${auth.scheme ?? 'none'}`);
      return;
    }
    // A certificate problem proves the registry speaks TLS: that is the error worth reading.
    // Otherwise a reset or timeout says nothing about the scheme, so that one is retried.
    throw (
      unreachable.find((e) => /registry-ca/.test(e.message)) ??
      unreachable.find((e) => e.retryable) ??
      unreachable[0] ??
      new RegistryError(`${this.registry} did not answer on ${schemes.join(' or ')}.`)
    );
  }

  private async ping(origin: string, op: Operation, attempt: number): Promise<HttpResponse> {
    const url = `${origin}/v2/`;
    const budget = this.answerBudget(attempt);
    let res: HttpResponse;
    try {
      res = await this.connections.request(url, {
        method: 'GET',
        headers: { 'user-agent': USER_AGENT },
        timeoutMs: budget,
        deadlineMs: this.deadline(0),
        rejectUnauthorized: this.verifyTls(url),
      });
    } catch (err) {
      throw errorForNetwork(op, err, url);
    }
    if (res.statusCode >= 500 || res.statusCode === 429) {
      const error = errorForStatus(
        op,
        res.statusCode,
        parseErrorBody(await readText(res.body, ERROR_BODY_LIMIT, 'ping body').catch(() => '')),
        url,
        parseRetryAfter(header(res.headers, 'retry-after')),
        undefined,
        rateLimitOf(res.headers),
      );
      throw error;
    }
    return res;
  }

  private readonly tokenHttp: TokenHttp = async (req) => {
    const op: Operation = { access: 'pull', repository: this.registry, what: 'getting a token' };
    // Plain HTTP to a realm only when the realm's own host is marked insecure (or loopback):
    // the registry being insecure does not make another host safe for its credentials.
    checkRealm(req.url, this.registry, this.insecure(hostOfUrl(req.url)));
    const once = async (attempt: number): Promise<{ status: number; text: string }> => {
      let res: HttpResponse;
      try {
        res = await this.connections.request(req.url, {
          method: req.method,
          headers: { 'user-agent': USER_AGENT, ...req.headers },
          body: req.body === undefined ? undefined : Buffer.from(req.body),
          timeoutMs: this.answerBudget(attempt),
          deadlineMs: this.deadline(req.body?.length ?? 0),
          rejectUnauthorized: this.verifyTls(req.url),
        });
      } catch (err) {
        throw errorForNetwork(op, err, req.url);
      }
      const text = await readText(res.body, TOKEN_BODY_LIMIT, 'token response');
      if (res.statusCode >= 500 || res.statusCode === 429 || res.statusCode === 408) {
        throw errorForStatus(
          op,
          res.statusCode,
          parseErrorBody(text),
          req.url,
          parseRetryAfter(header(res.headers, 'retry-after')),
          undefined,
          rateLimitOf(res.headers),
        );
      }
      return { status: res.statusCode, text };
    };
    return withRetry(`getting a token for ${this.registry}`, this.retryOptions, once);
  };
}

/** A RegistryError raised by a request body stream, found in the error chain. */
function bodyError(err: unknown): RegistryError | undefined {
  let e: unknown = err;
  for (let depth = 0; depth < 4 && typeof e === 'object' && e !== null; depth++) {
    if (e instanceof RegistryError) return e;
    e = (e as { cause?: unknown }).cause;
  }
  return undefined;
}

export interface TransportOptions extends ClientOptions {
  /** Credentials per registry host; anonymous when undefined or when it returns undefined. */
  credentials?: CredentialResolver;
  /** Documents kept by digest between runs (remote/document-cache.ts); none: always fetched. */
  documents?: {
    get(digest: string): Buffer | undefined;
    put(digest: string, bytes: Buffer): void;
  };
}

/** One client per registry for a run; share it between reading the base and pushing. */
export class Transport {
  private readonly clients = new Map<string, RegistryClient>();

  constructor(readonly options: TransportOptions = {}) {}

  client(registry: string): RegistryClient {
    let c = this.clients.get(registry);
    if (!c) {
      const resolver = this.options.credentials;
      c = new RegistryClient(
        registry,
        async () => (resolver ? await resolver(registry) : undefined),
        this.options,
      );
      this.clients.set(registry, c);
    }
    return c;
  }

  /** Retry settings for callers that repeat a larger step (a whole blob upload). */
  retryOptions(): RetryOptions {
    return retryOptionsOf(this.options);
  }

  close(): Promise<void> {
    for (const c of this.clients.values()) c.close();
    this.clients.clear();
    return Promise.resolve();
  }
}
