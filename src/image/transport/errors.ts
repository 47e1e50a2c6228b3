/**
 * Registry failures as typed errors whose messages say what was refused and the likely fix, with
 * URLs stripped of anything secret.
 */
import { RunError } from '../../core/errors';
import { secrets } from '../../core/secrets';

export interface RegistryErrorDetails {
  /** HTTP status; undefined when no response came (network error, timeout). */
  status?: number;
  /** errors[0].code of the registry's error body: DENIED, NAME_UNKNOWN, MANIFEST_UNKNOWN, … */
  code?: string;
  /** errors[0].message of the registry's error body. */
  registryMessage?: string;
  /** Redacted URL of the request. */
  url?: string;
  /** Whether repeating the request may succeed (408, 429, 5xx, resets, timeouts). */
  retryable?: boolean;
  /** Delay the registry asked for (Retry-After), in milliseconds. */
  retryAfterMs?: number;
  /** The limit a rate-limiting registry states (RateLimit-Limit, e.g. Docker Hub's "100;w=21600"). */
  rateLimit?: string;
  /** The registry the operation addressed ("docker.io"), not the host that answered. */
  registry?: string;
  /** Whether the operation read or wrote. */
  access?: 'pull' | 'push';
}

export class RegistryError extends RunError {
  readonly status?: number;
  readonly code?: string;
  readonly registryMessage?: string;
  readonly url?: string;
  readonly retryable: boolean;
  readonly retryAfterMs?: number;
  readonly rateLimit?: string;
  readonly registry?: string;
  readonly access?: 'pull' | 'push';

  constructor(message: string, details: RegistryErrorDetails = {}) {
    super(secrets.redact(message));
    this.status = details.status;
    this.code = details.code;
    this.registryMessage =
      details.registryMessage === undefined ? undefined : secrets.redact(details.registryMessage);
    this.url = details.url;
    this.retryable = details.retryable ?? false;
    this.retryAfterMs = details.retryAfterMs;
    this.rateLimit = details.rateLimit;
    this.registry = details.registry;
    this.access = details.access;
  }
}

/** Query parameters that carry no secret and help to read a URL in an error. */
const SAFE_QUERY_KEYS = new Set(['digest', 'mount', 'from', 'scope', 'service', 'n', 'last']);

/**
 * A URL fit for messages and logs: no user/password, and the value of every query parameter that
 * might be a secret (pre-signed storage signatures, upload `_state`, tokens) replaced by "***".
 */
export function redactUrl(url: string): string {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return secrets.redact(url.replace(/\/\/[^/@]*@/, '//***@').replace(/\?.*$/, '?***'));
  }
  if (u.username !== '' || u.password !== '') {
    u.username = '***';
    u.password = '';
  }
  const params = [...u.searchParams.entries()];
  if (params.length > 0) {
    const kept = params.map(([k, v]) => `${k}=${SAFE_QUERY_KEYS.has(k.toLowerCase()) ? v : '***'}`);
    u.search = `?${kept.join('&')}`;
  }
  return secrets.redact(u.toString().replace(/%2A%2A%2A/g, '***'));
}

export interface RegistryErrorBody {
  code?: string;
  message?: string;
}

/** errors[0] of `{"errors":[{"code":…,"message":…,"detail":…}]}`, when the body is that. */
export function parseErrorBody(text: string): RegistryErrorBody {
  try {
    const parsed: unknown = JSON.parse(text);
    if (typeof parsed === 'object' && parsed !== null && 'errors' in parsed) {
      const errors = parsed.errors;
      if (Array.isArray(errors) && errors.length > 0) {
        const first: unknown = errors[0];
        if (typeof first === 'object' && first !== null) {
          const { code, message } = first as { code?: unknown; message?: unknown };
          return {
            code: typeof code === 'string' ? code : undefined,
            message: typeof message === 'string' ? message : undefined,
          };
        }
      }
    }
  } catch {
    // not JSON: fall through
  }
  const plain = text.trim().slice(0, 200);
  return plain === '' ? {} : { message: plain };
}

export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 429 || (status >= 500 && status !== 501 && status !== 505);
}

/** What was being done, for messages: "push to ghcr.io/o/r", "pull ghcr.io/o/r:1.0". */
export interface Operation {
  /** "pull" when only reading, "push" when writing. */
  access: 'pull' | 'push';
  /** The repository, "ghcr.io/o/r". */
  repository: string;
  /** What exactly: "blob sha256:abc… upload", "manifest 1.0". */
  what: string;
  /** Registry error codes that mean "not yet" for this operation, so it is repeated. */
  transientCodes?: readonly string[];
}

/** Builds the user-facing error for an unexpected registry response. */
export function errorForStatus(
  op: Operation,
  status: number,
  body: RegistryErrorBody,
  url: string,
  retryAfterMs?: number,
  /** The `error` parameter of a 401's Bearer challenge ("insufficient_scope", "invalid_token"). */
  challengeError?: string,
  /** The limit a rate-limiting registry states (RateLimit-Limit). */
  rateLimit?: string,
): RegistryError {
  const code = body.code;
  const denied = status === 403 || code === 'DENIED' || challengeError === 'insufficient_scope';
  const said = [`HTTP ${status}`, code, body.message].filter((x) => x).join(' ');
  const details: RegistryErrorDetails = {
    status,
    code,
    registryMessage: body.message,
    url: redactUrl(url),
    retryable:
      isRetryableStatus(status) ||
      (code !== undefined && op.transientCodes?.includes(code) === true),
    retryAfterMs,
    rateLimit,
    registry: hostOf(op.repository),
    access: op.access,
  };
  const head = `${op.what} for ${op.repository} failed (${said})`;
  let fix: string;
  if (status === 401 && !denied) {
    fix = `the registry did not accept the credentials; check the username/password or token for ${hostOf(op.repository)} (registry-provider, username, password)`;
  } else if (denied) {
    fix =
      op.access === 'push'
        ? `the identity lacks push permission on ${op.repository}; grant it write access to that repository`
        : `the identity lacks pull permission on ${op.repository}; grant it read access or check the name`;
  } else if (code === 'NAME_UNKNOWN' || (status === 404 && op.what.startsWith('repository'))) {
    fix =
      op.access === 'push'
        ? `the repository ${op.repository} does not exist; create it (or set create-repository: true for ECR and Artifact Registry)`
        : `the repository ${op.repository} does not exist; check the image name`;
  } else if (code === 'MANIFEST_UNKNOWN' || (status === 404 && op.what.startsWith('manifest'))) {
    fix = `no such tag or digest in ${op.repository}; check the tag`;
  } else if (
    op.what.startsWith('manifest') &&
    code !== undefined &&
    op.transientCodes?.includes(code)
  ) {
    fix = `the registry could not find or read a blob the manifest refers to although it confirmed every one before the manifest was sent (its storage lags or was changed meanwhile); run again`;
  } else if (code === 'BLOB_UNKNOWN') {
    fix = `the registry is missing a blob the manifest refers to; run again to upload it`;
  } else if (code === 'BLOB_UPLOAD_INVALID' || code === 'BLOB_UPLOAD_UNKNOWN') {
    fix = 'the upload session was lost; run again';
  } else if (code === 'DIGEST_INVALID' || code === 'SIZE_INVALID') {
    fix = 'the uploaded bytes do not match their digest; the source blob is corrupt or changed';
  } else if (code === 'MANIFEST_INVALID' || code === 'MANIFEST_BLOB_UNKNOWN') {
    fix = 'the registry rejected the manifest; it may not support this media type';
  } else if (code === 'TAG_INVALID' || code === 'MANIFEST_TAG_INVALID') {
    fix = 'the registry rejected the tag; tags must be up to 128 of [A-Za-z0-9_.-]';
  } else if (code === 'TOOMANYREQUESTS' || status === 429) {
    fix = 'the registry rate-limits this identity; authenticate, or wait and run again';
  } else if (status >= 500) {
    fix = 'the registry had an internal error; run again later (max-retries controls retries)';
  } else if (status >= 300 && status < 400) {
    fix =
      'the registry redirected a request that Slipway follows only for blob downloads (credentials never follow a redirect); the registry or a proxy in front of it is misconfigured';
  } else if (body.message === undefined) {
    fix = "the registry gave no reason; check the registry's logs or a proxy in front of it";
  } else {
    fix = "see the registry's message in parentheses";
  }
  return new RegistryError(`${head}: ${fix}.`, details);
}

/** Error codes of Node that mean the connection broke or went silent (http.ts: ETIMEDOUT). */
const RETRYABLE_NETWORK_CODES = new Set([
  'ECONNRESET',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'EAI_AGAIN',
  'ENETUNREACH',
  'EHOSTUNREACH',
]);

export function networkErrorCode(err: unknown): string | undefined {
  let e: unknown = err;
  for (let depth = 0; depth < 4 && typeof e === 'object' && e !== null; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    e = (e as { cause?: unknown }).cause;
  }
  return undefined;
}

/** Wraps a failure to get any response at all. */
export function errorForNetwork(op: Operation, err: unknown, url: string): RegistryError {
  const code = networkErrorCode(err);
  const reason = code ?? (err instanceof Error ? err.message : String(err));
  let fix: string;
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
    fix = `the host ${new URL(url).host} was not found; check the registry host name`;
  } else if (code === 'ECONNREFUSED') {
    fix = `nothing listens at ${new URL(url).host}; check the host and port`;
  } else if (
    code !== undefined &&
    /WRONG_VERSION_NUMBER|EPROTO|PACKET_LENGTH_TOO_LONG/.test(code)
  ) {
    fix = `${new URL(url).host} does not speak TLS; check the port, or set insecure-registry: true for a plain-HTTP registry`;
  } else if (code !== undefined && /CERT|SSL|TLS|SELF_SIGNED/.test(code)) {
    fix = `the TLS certificate of ${new URL(url).host} is not trusted; pass the registry's CA in registry-ca`;
  } else if (code !== undefined && /TIMEOUT/.test(code)) {
    fix = 'the registry stopped answering; run again or raise request-timeout';
  } else {
    fix = 'the connection to the registry failed; run again';
  }
  return new RegistryError(`${op.what} for ${op.repository} failed (${reason}): ${fix}.`, {
    url: redactUrl(url),
    retryable: code !== undefined && RETRYABLE_NETWORK_CODES.has(code),
  });
}

function hostOf(repository: string): string {
  const slash = repository.indexOf('/');
  return slash < 0 ? repository : repository.slice(0, slash);
}
