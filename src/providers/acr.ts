/**
 * Azure Container Registry: an Entra ID access token, exchanged at the registry's /oauth2/exchange
 * for an ACR refresh token. The engine hands that refresh token to the registry's /oauth2/token
 * (Docker's "identity token") for short-lived access tokens per repository and action.
 */
import type { TokenCredential } from '@azure/identity';
import { errorMessage, InputError, RunError, SlipwayError } from '../core/errors';
import { secrets } from '../core/secrets';
import type { IssuedCredentials, Provider, ProviderContext } from './context';
import { endpointsOf } from './context';
import { isLoopbackHost } from '../image/transport/hosts';
import { requireOidcToken } from './oidc';

const ACR_SCOPE = 'https://containerregistry.azure.net/.default';
/** The user ACR expects beside a refresh token. */
const ACR_TOKEN_USER = '00000000-0000-0000-0000-000000000000';
/** The audience azure/login asks the CI for; federated credentials are registered with it. */
const AZURE_OIDC_AUDIENCE = 'api://AzureADTokenExchange';
const ASSERTION_REUSE_MS = 60_000;
// ACR refresh tokens live 3 hours; renew well before.
const REFRESH_TOKEN_LIFETIME_MS = 2 * 60 * 60_000;

/**
 * Where the Entra ID token is exchanged. It is a credential, so it travels over plain HTTP only to
 * this machine: insecure-registry relaxes TLS checks for the registry, it never sends tokens in
 * cleartext to a real registry.
 */
export function acrExchangeUrl(host: string): string {
  return `${isLoopbackHost(host) ? 'http' : 'https'}://${host}/oauth2/exchange`;
}

function tenantOf(accessToken: string): string | undefined {
  // Read, not verified: the tenant only tells ACR which directory issued the token.
  const payload = accessToken.split('.')[1];
  if (!payload) return undefined;
  try {
    const claims: unknown = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    const tid = (claims as { tid?: unknown } | null)?.tid;
    return typeof tid === 'string' ? tid : undefined;
  } catch {
    return undefined;
  }
}

/**
 * What Entra ID said: its AADSTS code and sentence when one is anywhere in the error (the chain
 * credentials wrap the original), else the first line of the message.
 */
function azureSaid(error: unknown): string {
  const pending: unknown[] = [error];
  for (let i = 0; i < pending.length && i < 10; i++) {
    const e = pending[i];
    if (typeof e !== 'object' || e === null) continue;
    const { errorResponse, errors, message } = e as {
      errorResponse?: { errorDescription?: unknown };
      errors?: unknown;
      message?: unknown;
    };
    for (const text of [errorResponse?.errorDescription, message]) {
      const aadsts = typeof text === 'string' ? /AADSTS\d+:[^.\r\n]*\.?/.exec(text) : null;
      if (aadsts) return aadsts[0];
    }
    if (Array.isArray(errors)) pending.push(...(errors as unknown[]));
  }
  return errorMessage(error).split('\n')[0];
}

export class AcrProvider implements Provider {
  readonly name = 'acr';
  private credential: TokenCredential | undefined;
  private assertion: { value: Promise<string>; at: number } | undefined;

  constructor(private readonly ctx: ProviderContext) {}

  private get keyless(): boolean {
    return Boolean(this.ctx.inputs['azure-client-id'] || this.ctx.inputs['azure-tenant-id']);
  }

  describe(): string {
    return this.keyless
      ? `Entra ID app ${this.ctx.inputs['azure-client-id']} (CI OIDC token)`
      : 'the Azure default credential chain';
  }

  private async tokenCredential(): Promise<TokenCredential> {
    if (this.credential) return this.credential;
    const identity = await import('@azure/identity');
    const endpoints = endpointsOf(this.ctx);
    const options = {
      authorityHost: endpoints.azureAuthorityHost ?? this.ctx.env.AZURE_AUTHORITY_HOST,
      // Instance discovery asks Microsoft whether the authority is one of theirs; a private
      // (test) authority is not.
      disableInstanceDiscovery: endpoints.azureAuthorityHost !== undefined,
      ...(endpoints.azureCa !== undefined && { tlsOptions: { ca: endpoints.azureCa } }),
    };
    if (this.keyless) {
      const clientId = this.ctx.inputs['azure-client-id'];
      const tenantId = this.ctx.inputs['azure-tenant-id'];
      if (!clientId || !tenantId) {
        throw new InputError(
          `Inputs "azure-client-id" and "azure-tenant-id" go together for keyless ACR login; set both (the app registration's client id and its tenant id).`,
        );
      }
      this.credential = new identity.ClientAssertionCredential(
        tenantId,
        clientId,
        () => this.oidcAssertion(),
        options,
      );
    } else {
      // Environment (client secret or certificate), workload identity (AZURE_FEDERATED_TOKEN_FILE),
      // managed identity (IDENTITY_ENDPOINT/IDENTITY_HEADER on App Service, else IMDS), then the
      // Azure CLI's login (azure/login, az login). AZURE_TENANT_ID also becomes the CLI's --tenant:
      // the token must come from the directory that the exchange names to ACR.
      this.credential = new identity.DefaultAzureCredential({
        ...options,
        tenantId: this.ctx.env.AZURE_TENANT_ID?.trim() || undefined,
      });
    }
    return this.credential;
  }

  /**
   * MSAL asks for the assertion more than once per token; one CI token serves them all for a
   * minute instead of one request to the CI's token service each time.
   */
  private oidcAssertion(): Promise<string> {
    const now = Date.now();
    if (!this.assertion || now - this.assertion.at > ASSERTION_REUSE_MS) {
      const value = requireOidcToken(this.ctx, AZURE_OIDC_AUDIENCE, 'azure-client-id');
      this.assertion = { value, at: now };
      value.catch(() => (this.assertion = undefined));
    }
    return this.assertion.value;
  }

  async credentials(host: string): Promise<IssuedCredentials> {
    let accessToken: string;
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
      source: `${this.describe()} via ${host}/oauth2/exchange`,
    };
  }

  /** POST /oauth2/exchange: Entra ID access token in, ACR refresh token out. */
  private async exchange(host: string, accessToken: string): Promise<string> {
    const url = acrExchangeUrl(host);
    const form = new URLSearchParams({
      grant_type: 'access_token',
      service: host,
      access_token: accessToken,
    });
    const tenant =
      this.ctx.inputs['azure-tenant-id'] || this.ctx.env.AZURE_TENANT_ID || tenantOf(accessToken);
    if (tenant) form.set('tenant', tenant);
    let status: number;
    let text: string;
    try {
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: form.toString(),
        signal: AbortSignal.timeout(this.ctx.inputs['request-timeout'] * 1000),
      });
      status = res.status;
      text = await res.text();
    } catch (error) {
      throw new RunError(
        `ACR: cannot reach ${url} to exchange the Entra ID token (${secrets.redact(errorMessage(error))}): check the registry name and the network.`,
      );
    }
    if (status === 401 || status === 403) {
      throw new RunError(
        `ACR: ${host} refused the Entra ID token of ${this.describe()} at /oauth2/exchange (HTTP ${status}): make sure the identity is in the registry's tenant and has the AcrPush role on the registry.`,
      );
    }
    let refreshToken: unknown;
    try {
      refreshToken = (JSON.parse(text) as { refresh_token?: unknown }).refresh_token;
    } catch {
      refreshToken = undefined;
    }
    if (status !== 200 || typeof refreshToken !== 'string' || refreshToken === '') {
      throw new RunError(
        `ACR: ${host}/oauth2/exchange answered HTTP ${status} without a refresh token; check that ${host} is an Azure container registry.`,
      );
    }
    secrets.add(refreshToken);
    return refreshToken;
  }

  private entraFailure(host: string, error: unknown): SlipwayError {
    if (error instanceof SlipwayError) return error;
    const name = error instanceof Error ? error.name : '';
    const said = secrets.redact(azureSaid(error));
    const clientId = this.ctx.inputs['azure-client-id'];
    if (
      name === 'CredentialUnavailableError' ||
      (name === 'AggregateAuthenticationError' && !this.keyless)
    ) {
      return new RunError(
        `ACR: no Azure identity for ${host}: set "azure-client-id" and "azure-tenant-id" (keyless, with the CI's OIDC token), or AZURE_CLIENT_ID/AZURE_TENANT_ID/AZURE_CLIENT_SECRET, or log in with "az login"; or use the "username"/"password" inputs with a registry token.`,
      );
    }
    let fix = 'check the Entra ID app registration and the credentials';
    if (/AADSTS70021|AADSTS700213|AADSTS700211|federated identity/i.test(said)) {
      fix = `add a federated credential to app ${clientId} whose issuer and subject match the CI's OIDC token (audience ${AZURE_OIDC_AUDIENCE})`;
    } else if (/AADSTS700024|expired|not within its valid time range/i.test(said)) {
      fix =
        'the token or secret has expired: request a fresh OIDC token or renew the client secret';
    } else if (/AADSTS7000215|AADSTS7000222|client secret/i.test(said)) {
      fix = 'AZURE_CLIENT_SECRET is wrong or expired: create a new client secret';
    } else if (/AADSTS700016|AADSTS90002/i.test(said)) {
      fix = 'check "azure-client-id" and "azure-tenant-id" (or AZURE_CLIENT_ID/AZURE_TENANT_ID)';
    }
    return new RunError(
      `ACR: Entra ID refused a token for ${host} to ${this.describe()} (${said}): ${fix}.`,
    );
  }
}
