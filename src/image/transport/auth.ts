/**
 * Answers a registry's challenge: Basic, or Bearer tokens from the realm per the distribution token
 * spec (GET with service/scope, Basic-authenticated when a user is known) and its OAuth2 form (POST
 * grant_type=refresh_token when an identity token is known). Tokens are cached per scope set until
 * shortly before they expire.
 */
import { secrets } from '../../core/secrets';
import type { Challenge } from './challenge';
import { preferredChallenge } from './challenge';
import type { RegistryCredentials } from './credentials';
import { parseErrorBody, RegistryError, redactUrl } from './errors';
import { isLoopbackHost } from './hosts';

/** One HTTP exchange with a token realm, provided by the client (same TLS settings, retries). */
export type TokenHttp = (req: {
  method: 'GET' | 'POST';
  url: string;
  headers: Record<string, string>;
  body?: string;
}) => Promise<{ status: number; text: string }>;

const DEFAULT_TOKEN_LIFETIME_S = 60;
/** The client id Slipway names itself with in OAuth2 requests (required by the spec). */
const CLIENT_ID = 'slipway';

export function pullScope(repository: string): string {
  return `repository:${repository}:pull`;
}

export function pushScope(repository: string): string {
  return `repository:${repository}:pull,push`;
}

/**
 * Canonical scope set: one entry per resource with the union of its actions, sorted, so that the
 * same access always maps to the same cached token.
 */
export function mergeScopes(scopes: readonly string[]): string[] {
  const byResource = new Map<string, Set<string>>();
  for (const scope of scopes.flatMap((s) => s.split(' ')).filter((s) => s !== '')) {
    const lastColon = scope.lastIndexOf(':');
    if (lastColon <= 0) continue;
    const resource = scope.slice(0, lastColon);
    const actions = byResource.get(resource) ?? new Set<string>();
    for (const action of scope.slice(lastColon + 1).split(',')) if (action) actions.add(action);
    byResource.set(resource, actions);
  }
  return [...byResource.entries()]
    .map(([resource, actions]) => `${resource}:${[...actions].sort().join(',')}`)
    .sort();
}

/**
 * Where credentials may go to get a token. A registry names its token service (the realm) in its
 * challenge, and the realm may be another host: Docker Hub's is auth.docker.io, GitLab's is the
 * GitLab host, ACR, GAR and ECR have their own. The rule:
 *
 * - the realm must be an absolute http or https URL;
 * - over HTTPS it may be any host: TLS proves who receives the credentials, and they are the
 *   credentials of the registry that named it;
 * - over plain HTTP only when the realm is on this machine (loopback: nothing crosses the
 *   network), or when the user marked the registry insecure (insecure-registry: true), because
 *   the password or refresh token would otherwise cross the network in clear text, and a registry
 *   answering over HTTPS could downgrade them that way.
 *
 * This is stricter than "plain HTTP when the registry is loopback": a loopback registry that
 * names a plain-HTTP realm elsewhere is refused too, since the credentials would leave the machine.
 */
export function checkRealm(realm: string, registry: string, insecure: boolean): URL {
  let url: URL;
  try {
    url = new URL(realm);
  } catch {
    throw new RegistryError(
      `${registry} named the token realm "${realm.slice(0, 200)}", which is not a URL; the registry is misconfigured.`,
    );
  }
  const shown = redactUrl(`${url.origin}${url.pathname}`);
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new RegistryError(
      `${registry} named the token realm ${shown}, which is not an http or https URL; refusing to send credentials there.`,
    );
  }
  if (url.protocol === 'http:' && !insecure && !isLoopbackHost(url.host)) {
    throw new RegistryError(
      `${registry} named the token realm ${shown} on plain HTTP; Slipway sends credentials to a token service only over HTTPS or on this machine: fix the registry's token configuration, or set insecure-registry: true if the network is trusted.`,
    );
  }
  return url;
}

interface CachedToken {
  value: string;
  expiresAt: number;
}

export class Authenticator {
  private challenge: Challenge | undefined;
  private readonly tokens = new Map<string, CachedToken>();
  private readonly pending = new Map<string, Promise<string>>();

  constructor(
    /** Registry name for messages ("ghcr.io"). */
    private readonly registry: string,
    private readonly credentials: RegistryCredentials | undefined,
    private readonly http: TokenHttp,
    private readonly now: () => number = Date.now,
  ) {
    secrets.add(credentials?.password);
    secrets.add(credentials?.identityToken);
    secrets.add(credentials?.registryToken);
  }

  /** Sets what the registry asked for (from the /v2/ ping or a 401). */
  setChallenges(challenges: readonly Challenge[]): void {
    this.challenge = preferredChallenge(challenges) ?? this.challenge;
  }

  get scheme(): string | undefined {
    return this.challenge?.scheme;
  }

  /** The Authorization header for a request needing `scopes`; undefined for none. */
  async authorization(scopes: readonly string[]): Promise<string | undefined> {
    const c = this.credentials;
    if (c?.registryToken) return `Bearer ${c.registryToken}`;
    if (this.challenge?.scheme === 'basic') return this.basicHeader();
    if (this.challenge?.scheme !== 'bearer') return undefined;
    const wanted = mergeScopes([...scopes, this.challenge.params.scope ?? '']);
    const key = wanted.join(' ');
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
  unauthorized(challenges: readonly Challenge[], sent: string | undefined): boolean {
    this.setChallenges(challenges);
    if (this.credentials?.registryToken) return false;
    if (this.challenge?.scheme === 'bearer') {
      this.tokens.clear();
      return true;
    }
    if (this.challenge?.scheme === 'basic') {
      return sent !== this.basicHeader();
    }
    return false;
  }

  private basicHeader(): string | undefined {
    const c = this.credentials;
    if (c?.username === undefined || c.password === undefined) return undefined;
    return basic(c.username, c.password);
  }

  private async fetchToken(challenge: Challenge, scopes: string[]): Promise<string> {
    const realm = challenge.params.realm;
    if (!realm) {
      throw new RegistryError(
        `${this.registry} asked for a Bearer token but named no realm to get it from; the registry is misconfigured.`,
      );
    }
    const service = challenge.params.service;
    const c = this.credentials;
    let res: { status: number; text: string };
    let url = realm;
    if (c?.identityToken) {
      const form = new URLSearchParams({
        grant_type: 'refresh_token',
        refresh_token: c.identityToken,
        client_id: CLIENT_ID,
      });
      if (service) form.set('service', service);
      if (scopes.length > 0) form.set('scope', scopes.join(' '));
      res = await this.http({
        method: 'POST',
        url: realm,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: form.toString(),
      });
      if (res.status === 404 || res.status === 405) {
        // Token servers without OAuth2 take the identity token as a Basic password instead.
        url = this.getUrl(realm, service, scopes);
        res = await this.http({
          method: 'GET',
          url,
          headers: {
            authorization: basic(c.username ?? '<token>', c.identityToken),
          },
        });
      }
    } else {
      url = this.getUrl(realm, service, scopes);
      const headers: Record<string, string> = {};
      if (c?.username !== undefined && c.password !== undefined) {
        headers.authorization = basic(c.username, c.password);
      }
      res = await this.http({ method: 'GET', url, headers });
    }
    return this.acceptToken(res, url, scopes);
  }

  private getUrl(realm: string, service: string | undefined, scopes: string[]): string {
    let u: URL;
    try {
      u = new URL(realm);
    } catch {
      throw new RegistryError(
        `${this.registry} named the token realm "${realm}", which is not a URL; the registry is misconfigured.`,
      );
    }
    if (service) u.searchParams.set('service', service);
    for (const scope of scopes) u.searchParams.append('scope', scope);
    return u.toString();
  }

  private acceptToken(
    res: { status: number; text: string },
    url: string,
    scopes: string[],
  ): string {
    const where = `the token service ${redactUrl(url.replace(/\?.*$/, ''))} of ${this.registry}`;
    if (res.status === 401 || res.status === 403) {
      const body = parseErrorBody(res.text);
      throw new RegistryError(
        `${where} refused ${this.credentials ? 'the credentials' : 'anonymous access'} for ${scopes.join(' ') || 'the registry'} (HTTP ${res.status}${body.message ? ` ${body.message}` : ''}): check the username/password or token for ${this.registry}.`,
        { status: res.status, code: body.code, registryMessage: body.message, url: redactUrl(url) },
      );
    }
    if (res.status !== 200) {
      const body = parseErrorBody(res.text);
      throw new RegistryError(
        `${where} answered HTTP ${res.status}${body.message ? ` ${body.message}` : ''}; run again later.`,
        {
          status: res.status,
          code: body.code,
          registryMessage: body.message,
          url: redactUrl(url),
          retryable: res.status >= 500 || res.status === 429,
        },
      );
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(res.text);
    } catch {
      throw new RegistryError(`${where} answered with something that is not JSON.`);
    }
    const t = (typeof parsed === 'object' && parsed !== null ? parsed : {}) as {
      token?: unknown;
      access_token?: unknown;
      expires_in?: unknown;
    };
    const token =
      typeof t.token === 'string' && t.token !== ''
        ? t.token
        : typeof t.access_token === 'string'
          ? t.access_token
          : '';
    if (token === '') throw new RegistryError(`${where} answered without a token.`);
    secrets.add(token);
    const lifetime =
      typeof t.expires_in === 'number' && t.expires_in > 0
        ? t.expires_in
        : DEFAULT_TOKEN_LIFETIME_S;
    // Renew a little early so a token does not expire between the check and its use.
    const margin = Math.min(30, lifetime / 10);
    this.tokens.set(scopes.join(' '), {
      value: token,
      expiresAt: this.now() + (lifetime - margin) * 1000,
    });
    return token;
  }
}

function basic(username: string, password: string): string {
  const encoded = Buffer.from(`${username}:${password}`).toString('base64');
  secrets.add(encoded);
  return `Basic ${encoded}`;
}
