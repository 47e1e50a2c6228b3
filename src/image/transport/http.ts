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
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
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
  /** Bytes, or a stream sent chunked unless the headers give its content-length. */
  body?: Buffer | Readable;
  /** How long the exchange may stay silent (no bytes either way), in milliseconds. */
  timeoutMs: number;
}

export interface ConnectionOptions {
  /** Trusted CAs; undefined for Node's defaults. */
  ca?: string[];
  rejectUnauthorized: boolean;
}

/** A body larger than this is not drained to keep its connection: the connection is dropped. */
const DUMP_LIMIT = 256 * 1024;

/** The `code` of the error a silent exchange ends with; errors.ts counts it as retryable. */
const TIMEOUT_CODE = 'ETIMEDOUT';

export class HttpConnections {
  private readonly http = new HttpAgent({ keepAlive: true });
  private readonly https: HttpsAgent;

  constructor(options: ConnectionOptions) {
    this.https = new HttpsAgent({
      keepAlive: true,
      ca: options.ca,
      rejectUnauthorized: options.rejectUnauthorized,
    });
  }

  request(url: string, req: HttpRequest): Promise<HttpResponse> {
    const target = new URL(url);
    const secure = target.protocol === 'https:';
    return new Promise<HttpResponse>((resolve, reject) => {
      const headers: Record<string, string> = { ...req.headers };
      if (Buffer.isBuffer(req.body)) headers['content-length'] = String(req.body.length);
      const send = secure ? httpsRequest : httpRequest;
      const outgoing = send(target, {
        method: req.method,
        headers,
        agent: secure ? this.https : this.http,
      });
      let answered = false;
      outgoing.setTimeout(req.timeoutMs, () => {
        outgoing.destroy(
          Object.assign(new Error(`no bytes for ${req.timeoutMs} ms`), { code: TIMEOUT_CODE }),
        );
      });
      outgoing.on('error', (err) => {
        // After the answer, a failure reaches the reader through the response body instead.
        if (!answered) reject(err);
      });
      const body = req.body;
      outgoing.on('response', (res) => {
        answered = true;
        if (body !== undefined && !Buffer.isBuffer(body) && !outgoing.writableFinished) {
          // Answered before taking the whole body (e.g. a 401): stop sending, and drop the
          // connection once the answer is read, as it cannot carry another request.
          body.unpipe(outgoing);
          res.once('close', () => outgoing.destroy());
        }
        resolve({ statusCode: res.statusCode ?? 0, headers: distinct(res), body: bodyOf(res) });
      });
      if (body === undefined || Buffer.isBuffer(body)) {
        outgoing.end(body);
        return;
      }
      // A failing source (e.g. a digest check in the stream) fails the request with its error.
      body.on('error', (err) => outgoing.destroy(err));
      body.pipe(outgoing);
    });
  }

  close(): void {
    this.http.destroy();
    this.https.destroy();
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
      const length = Number(res.headers['content-length'] ?? 0);
      if (res.complete || res.destroyed) return resolve();
      if (length > DUMP_LIMIT) {
        res.destroy();
        return resolve();
      }
      res.on('end', resolve);
      res.on('close', resolve);
      res.on('error', () => resolve());
      res.resume();
    });
  return body;
}
