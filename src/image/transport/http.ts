/**
 * One HTTP/1.1 exchange over Node's own http and https modules, with keep-alive connections per
 * registry client.
 *
 * Why not undici (or fetch): a run is dominated by its fixed costs until the artifact is large,
 * and loading the bundled undici took about 70 ms of every run (compiling a megabyte of source,
 * plus Node's internal copy it pulls in), a tenth of pushing a 100 MB artifact. node:http is
 * already in Node's startup snapshot. What undici added here (a response body with dump(),
 * silence timeouts) is the few lines below.
 */
import { Agent as HttpAgent, request as httpRequest } from 'node:http';
import type { IncomingMessage } from 'node:http';
import type * as Https from 'node:https';
import type * as Tls from 'node:tls';
import type { Readable } from 'node:stream';

export type ResponseHeaders = Record<string, string | string[] | undefined>;

/** A response body: read it, or dump() it so that the connection can serve the next request. */
export type ResponseBody = Readable & { dump(): Promise<void> };

export interface HttpResponse {
  statusCode: number;
  headers: ResponseHeaders;
  body: ResponseBody;
}

export interface HttpRequest {
  method: string;
  headers: Record<string, string>;
  /**
   * Bytes, or a stream sent chunked unless the headers give its content-length; or a function
   * that opens the stream when it is to be sent (after `100 Continue`).
   */
  body?: Buffer | Readable | (() => Promise<Readable>);
  /** How long the exchange may stay silent (no bytes either way) while a body moves, in ms. */
  timeoutMs: number;
  /**
   * How long to wait for the response headers once the request is sent; default `timeoutMs`.
   * Short for small requests, so that a peer that accepted the request and went silent costs
   * seconds; longer when the registry is committing a large blob before it answers.
   */
  headersTimeoutMs?: number;
  /** Silence allowed while the response body is read; default `timeoutMs`. */
  responseTimeoutMs?: number;
  /** Bound on the whole exchange, from the first byte sent to the end of the response body. */
  deadlineMs?: number;
  /** Verify the peer's certificate (HTTPS); default the connections' own setting. */
  rejectUnauthorized?: boolean;
  /**
   * Send `Expect: 100-continue` and hold a stream body until the server asks for it (or
   * EXPECT_WAIT_MS passed): a registry that refuses the request costs no body bytes.
   */
  expectContinue?: boolean;
}

export interface ConnectionOptions {
  /** Trusted CAs; undefined for Node's defaults. */
  ca?: string[];
  rejectUnauthorized: boolean;
}

/**
 * An unwanted body is drained to keep its connection up to this many bytes; past it (or when it
 * announces more) the connection is dropped. Counted, so that an endless body cannot hold a run.
 */
export const DUMP_LIMIT = 256 * 1024;

/** How long a body waits for `100 Continue` before it is sent anyway (curl waits 1 s too). */
const EXPECT_WAIT_MS = 1000;

/**
 * An answer that announces more than this (a blob download) is bounded by its known length and
 * the silence budget rather than by the request's deadline, which covers smaller answers whole.
 */
const LARGE_ANSWER = 1024 * 1024;

/** The `code` of the error a silent exchange ends with; errors.ts counts it as retryable. */
const TIMEOUT_CODE = 'ETIMEDOUT';

/**
 * node:https and node:tls, loaded when first needed (an HTTPS request, a private CA, a TLS
 * probe): TLS takes Node 24 some 40 ms to load, and a run that reaches no HTTPS registry (a dry
 * run, a loopback registry) has no use for it. require() loads synchronously; in the bundle it is
 * the banner's.
 */
function https(): typeof Https {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on first use (above)
  return require('node:https') as typeof Https;
}

export function tls(): typeof Tls {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on first use (above)
  return require('node:tls') as typeof Tls;
}

export class HttpConnections {
  private readonly http = new HttpAgent({ keepAlive: true });
  private httpsAgent: Https.Agent | undefined;
  private readonly rejectUnauthorized: boolean;

  constructor(private readonly options: ConnectionOptions) {
    this.rejectUnauthorized = options.rejectUnauthorized;
  }

  /** Keep-alive HTTPS connections; the CA is the agent's, verification is per request (host). */
  private secureAgent(): Https.Agent {
    this.httpsAgent ??= new (https().Agent)({ keepAlive: true, ca: this.options.ca });
    return this.httpsAgent;
  }

  request(url: string, req: HttpRequest): Promise<HttpResponse> {
    const target = new URL(url);
    const secure = target.protocol === 'https:';
    return new Promise<HttpResponse>((resolve, reject) => {
      const headers: Record<string, string> = { ...req.headers };
      if (Buffer.isBuffer(req.body)) headers['content-length'] = String(req.body.length);
      const body = req.body;
      const expectContinue = req.expectContinue === true && body !== undefined;
      if (expectContinue) headers.expect = '100-continue';
      const send = secure ? https().request : httpRequest;
      const outgoing = send(target, {
        method: req.method,
        headers,
        agent: secure ? this.secureAgent() : this.http,
        rejectUnauthorized: req.rejectUnauthorized ?? this.rejectUnauthorized,
      });
      const fail = (what: string): void => {
        outgoing.destroy(Object.assign(new Error(what), { code: TIMEOUT_CODE }));
      };
      // Silence: the long budget while the body moves, the headers budget once it is sent.
      let silence = `no bytes for ${req.timeoutMs} ms`;
      outgoing.setTimeout(req.timeoutMs, () => fail(silence));
      const awaitHeaders = (): void => {
        const ms = req.headersTimeoutMs ?? req.timeoutMs;
        silence = `no answer within ${ms} ms of sending the request`;
        outgoing.setTimeout(ms);
      };
      outgoing.once('finish', awaitHeaders);
      let deadline: NodeJS.Timeout | undefined;
      if (req.deadlineMs !== undefined) {
        const ms = req.deadlineMs;
        deadline = setTimeout(() => fail(`not done within ${ms} ms`), ms);
        deadline.unref();
        outgoing.once('close', () => clearTimeout(deadline));
      }
      let answered = false;
      outgoing.on('error', (err) => {
        // After the answer, a failure reaches the reader through the response body instead.
        if (!answered) reject(err);
      });
      outgoing.on('response', (res) => {
        answered = true;
        outgoing.off('finish', awaitHeaders);
        const ms = req.responseTimeoutMs ?? req.timeoutMs;
        silence = `no bytes of the answer for ${ms} ms`;
        outgoing.setTimeout(ms);
        if (deadline !== undefined) {
          // The deadline covers a small answer's body too: a peer dripping an endless answer is
          // cut off. A large answer of known length moves at the reader's pace instead.
          const length = Number(res.headers['content-length'] ?? NaN);
          if (length > LARGE_ANSWER) clearTimeout(deadline);
          res.once('close', () => clearTimeout(deadline));
          res.once('end', () => clearTimeout(deadline));
        }
        if (body !== undefined && !outgoing.writableFinished) {
          // Answered before taking the whole body (e.g. a 401 or a refused upload): stop
          // sending, and drop the connection once the answer is read, as it cannot carry
          // another request.
          piped?.unpipe(outgoing);
          res.once('close', () => outgoing.destroy());
        }
        resolve({ statusCode: res.statusCode ?? 0, headers: distinct(res), body: bodyOf(res) });
      });
      let piped: Readable | undefined;
      const pipe = (stream: Readable): void => {
        piped = stream;
        if (answered || outgoing.destroyed) {
          stream.destroy(); // refused (or failed) while it was being opened
          return;
        }
        // A failing source (e.g. a digest check in the stream) fails the request with its error.
        stream.on('error', (err) => outgoing.destroy(err));
        stream.pipe(outgoing);
      };
      const start = (): void => {
        if (answered || outgoing.destroyed) return;
        if (body === undefined || Buffer.isBuffer(body)) {
          outgoing.end(body);
        } else if (typeof body === 'function') {
          body().then(pipe, (err: unknown) => outgoing.destroy(err as Error));
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
      const go = (): void => {
        if (started) return;
        started = true;
        clearTimeout(wait);
        start();
      };
      const wait = setTimeout(go, EXPECT_WAIT_MS);
      outgoing.once('continue', go);
      outgoing.once('response', () => clearTimeout(wait));
      outgoing.once('close', () => clearTimeout(wait));
    });
  }

  close(): void {
    this.http.destroy();
    this.httpsAgent?.destroy();
  }
}

/** Header values as single strings, and arrays only where the header came several times. */
function distinct(res: IncomingMessage): ResponseHeaders {
  const headers: ResponseHeaders = {};
  for (const [name, values] of Object.entries(res.headersDistinct)) {
    if (values !== undefined) headers[name] = values.length === 1 ? values[0] : values;
  }
  return headers;
}

function bodyOf(res: IncomingMessage): ResponseBody {
  const body = res as IncomingMessage & { dump(): Promise<void> };
  body.dump = () =>
    new Promise<void>((resolve) => {
      if (res.readableEnded || res.destroyed) return resolve();
      if (res.complete) {
        // Received whole but unread: the socket serves the next request only once it is read.
        res.once('end', resolve);
        res.once('close', resolve);
        res.resume();
        return;
      }
      const length = Number(res.headers['content-length'] ?? 0);
      if (length > DUMP_LIMIT) {
        res.destroy();
        return resolve();
      }
      // A chunked body announces no length: count what is drained and stop at the limit.
      let drained = 0;
      res.on('data', (chunk: Buffer) => {
        drained += chunk.length;
        if (drained > DUMP_LIMIT) {
          res.destroy();
          resolve();
        }
      });
      res.on('end', resolve);
      res.on('close', resolve);
      res.on('error', () => resolve());
      res.resume();
    });
  return body;
}
