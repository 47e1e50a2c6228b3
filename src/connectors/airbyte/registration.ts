/**
 * Registers the pushed image as a custom Airbyte source or destination definition through the
 * Airbyte public API (api.airbyte.com/v1, or <host>/api/public/v1 when self-managed):
 *   POST /applications/token                                  client credentials → bearer token
 *   GET  /workspaces/{workspaceId}/definitions/{kind}          find one with our dockerRepository
 *   POST /workspaces/{workspaceId}/definitions/{kind}          create {name, dockerRepository, dockerImageTag, documentationUrl}
 *   PUT  /workspaces/{workspaceId}/definitions/{kind}/{id}     update {name, dockerImageTag}
 */
import { InputError, RunError, errorMessage } from '../../core/errors';
import type { Logger } from '../../core/log';
import { secrets } from '../../core/secrets';
import { isLoopbackHost } from '../../image/transport/client';

export type DefinitionKind = 'sources' | 'destinations';

export interface AirbyteAuth {
  token?: string;
  clientId?: string;
  clientSecret?: string;
}

export interface DefinitionRequest {
  /** The API base, e.g. https://api.airbyte.com/v1 or http://airbyte.local/api/public/v1. */
  url: string;
  workspaceId: string;
  auth: AirbyteAuth;
  kind: DefinitionKind;
  name: string;
  dockerRepository: string;
  dockerImageTag: string;
  documentationUrl?: string;
  logger: Logger;
  timeoutMs?: number;
}

export interface Definition {
  id: string;
  name?: string;
  dockerRepository?: string;
  dockerImageTag?: string;
  documentationUrl?: string;
}

export interface Registration {
  id: string;
  action: 'created' | 'updated' | 'unchanged';
}

const BODY_LIMIT = 8 * 1024 * 1024;

/** Checks the airbyte-* inputs together; returns the API base without a trailing slash. */
export function checkAirbyteInputs(inputs: {
  url: string;
  workspaceId: string;
  auth: AirbyteAuth;
}): string {
  let url: URL;
  try {
    url = new URL(inputs.url);
  } catch {
    throw new InputError(
      `Input "airbyte-url" (${inputs.url}) is not a URL; write e.g. https://api.airbyte.com/v1 or https://airbyte.example.com/api/public/v1.`,
    );
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new InputError(`Input "airbyte-url" must be an http(s) URL (got ${url.protocol}).`);
  }
  if (!inputs.workspaceId) {
    throw new InputError(
      'Input "airbyte-workspace-id" is required with airbyte-url: the custom connector is registered in one workspace (Settings → Workspace shows its id).',
    );
  }
  const { token, clientId, clientSecret } = inputs.auth;
  if (!token && !(clientId && clientSecret)) {
    throw new InputError(
      'Airbyte registration needs airbyte-token, or airbyte-client-id with airbyte-client-secret (User settings → Applications in Airbyte).',
    );
  }
  return url.toString().replace(/\/+$/, '');
}

class AirbyteApi {
  private token?: string;

  constructor(
    private readonly base: string,
    private readonly req: DefinitionRequest,
  ) {
    if (url(base).protocol === 'http:' && !isLoopbackHost(url(base).host)) {
      req.logger.warn(
        `airbyte-url ${base} is plain HTTP: the Airbyte token crosses the network unencrypted; use https.`,
      );
    }
  }

  async bearer(): Promise<string> {
    if (this.token) return this.token;
    const { token, clientId, clientSecret } = this.req.auth;
    if (token) {
      this.token = token;
      return token;
    }
    const body = await this.call<{ access_token?: unknown }>(
      'POST',
      '/applications/token',
      { client_id: clientId, client_secret: clientSecret, 'grant-type': 'client_credentials' },
      { auth: false, what: 'exchanging airbyte-client-id/airbyte-client-secret for a token' },
    );
    if (typeof body.access_token !== 'string' || body.access_token === '') {
      throw new RunError(
        `Airbyte's token endpoint ${this.base}/applications/token answered without an access_token; check that airbyte-url points at the public API (…/v1 or …/api/public/v1).`,
      );
    }
    secrets.add(body.access_token);
    this.token = body.access_token;
    return this.token;
  }

  async call<T>(
    method: 'GET' | 'POST' | 'PUT',
    path: string,
    body: unknown,
    opts: { auth?: boolean; what: string },
  ): Promise<T> {
    const headers: Record<string, string> = {
      accept: 'application/json',
      'user-agent': 'slipway',
    };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (opts.auth !== false) headers.authorization = `Bearer ${await this.bearer()}`;
    const target = `${this.base}${path}`;
    let res: Response;
    try {
      res = await fetch(target, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        redirect: 'error',
        signal: AbortSignal.timeout(this.req.timeoutMs ?? 60_000),
      });
    } catch (err) {
      const cause =
        err instanceof Error && err.cause instanceof Error ? `: ${err.cause.message}` : '';
      throw new RunError(
        `Airbyte at ${this.base} could not be reached while ${opts.what} (${errorMessage(err)}${cause}); check airbyte-url.`,
      );
    }
    const text = await readLimited(res);
    if (!res.ok) throw this.failure(res.status, text, opts.what, opts.auth !== false);
    if (text.trim() === '') return {} as T;
    try {
      return JSON.parse(text) as T;
    } catch {
      throw new RunError(
        `Airbyte answered ${method} ${path} with something that is not JSON; check that airbyte-url points at the public API (…/v1 or …/api/public/v1), not the web app.`,
      );
    }
  }

  private failure(status: number, text: string, what: string, withToken: boolean): RunError {
    const detail = secrets.redact(apiMessage(text)).slice(0, 300);
    const said = detail ? ` (Airbyte said: ${detail})` : '';
    const credential = this.req.auth.token
      ? 'airbyte-token'
      : 'airbyte-client-id and airbyte-client-secret';
    if (status === 401) {
      return new RunError(
        `Airbyte refused the credentials while ${what} (HTTP 401)${said}; check ${withToken ? credential : 'airbyte-client-id and airbyte-client-secret'}: the token may be expired (application tokens last minutes) or belong to another Airbyte.`,
      );
    }
    if (status === 403) {
      return new RunError(
        `Airbyte denied ${what} in workspace ${this.req.workspaceId} (HTTP 403)${said}; the user behind ${credential} needs workspace admin (or editor) rights there.`,
      );
    }
    if (status === 404) {
      return new RunError(
        `Airbyte found nothing at ${what} (HTTP 404)${said}; check airbyte-workspace-id and that airbyte-url ends with the API root (…/v1 or …/api/public/v1).`,
      );
    }
    return new RunError(`Airbyte failed while ${what} (HTTP ${status})${said}.`);
  }
}

function url(s: string): URL {
  return new URL(s);
}

/**
 * The body as text, read chunk by chunk and abandoned (the connection cancelled) as soon as it
 * passes BODY_LIMIT: a misbehaving endpoint cannot make the run buffer an endless answer.
 */
export async function readLimited(res: Response, limit = BODY_LIMIT): Promise<string> {
  if (!res.body) return '';
  const reader: ReadableStreamDefaultReader<Uint8Array> = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => undefined);
      throw new RunError(`Airbyte answered with more than ${limit} bytes; refusing to read it.`);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** The message of an Airbyte problem response ({title, detail} or {message}), else the text. */
function apiMessage(text: string): string {
  try {
    const doc = JSON.parse(text) as Record<string, unknown>;
    const parts = [doc.title, doc.detail, doc.message].filter((p) => typeof p === 'string');
    if (parts.length > 0) return parts.join(': ');
  } catch {
    // not JSON: use the text
  }
  return text.trim().replace(/\s+/g, ' ');
}

function definitionsOf(body: unknown): Definition[] {
  const data = typeof body === 'object' && body !== null ? (body as { data?: unknown }).data : [];
  if (!Array.isArray(data)) return [];
  return data.filter(
    (d): d is Definition =>
      typeof d === 'object' && d !== null && typeof (d as { id?: unknown }).id === 'string',
  );
}

/** Creates the definition, or moves an existing one with the same repository to the new tag. */
export async function registerDefinition(req: DefinitionRequest): Promise<Registration> {
  const base = checkAirbyteInputs({ url: req.url, workspaceId: req.workspaceId, auth: req.auth });
  const api = new AirbyteApi(base, req);
  const root = `/workspaces/${encodeURIComponent(req.workspaceId)}/definitions/${req.kind}`;
  const noun = req.kind === 'sources' ? 'source' : 'destination';
  const listed = await api.call<unknown>('GET', root, undefined, {
    what: `listing the ${noun} definitions of workspace ${req.workspaceId}`,
  });
  const existing = definitionsOf(listed).find((d) => d.dockerRepository === req.dockerRepository);
  if (existing) {
    if (existing.dockerImageTag === req.dockerImageTag && existing.name === req.name) {
      req.logger.info(
        `airbyte: ${noun} definition ${existing.id} already runs ${req.dockerRepository}:${req.dockerImageTag}`,
      );
      return { id: existing.id, action: 'unchanged' };
    }
    const updated = await api.call<Definition>(
      'PUT',
      `${root}/${encodeURIComponent(existing.id)}`,
      { name: req.name, dockerImageTag: req.dockerImageTag },
      { what: `updating ${noun} definition ${existing.id}` },
    );
    const id = typeof updated.id === 'string' ? updated.id : existing.id;
    req.logger.info(
      `airbyte: updated ${noun} definition ${id} from ${existing.dockerImageTag ?? '?'} to ${req.dockerRepository}:${req.dockerImageTag}`,
    );
    return { id, action: 'updated' };
  }
  const body: Record<string, string> = {
    name: req.name,
    dockerRepository: req.dockerRepository,
    dockerImageTag: req.dockerImageTag,
  };
  if (req.documentationUrl) body.documentationUrl = req.documentationUrl;
  const created = await api.call<Definition>('POST', root, body, {
    what: `creating a ${noun} definition in workspace ${req.workspaceId}`,
  });
  if (typeof created.id !== 'string' || created.id === '') {
    throw new RunError(
      `Airbyte created the ${noun} definition but returned no id; check airbyte-url points at the public API.`,
    );
  }
  req.logger.info(
    `airbyte: created ${noun} definition ${created.id} for ${req.dockerRepository}:${req.dockerImageTag}`,
  );
  return { id: created.id, action: 'created' };
}
