/**
 * Google Artifact Registry (and gcr.io): a Google access token as the password of the user
 * "oauth2accesstoken". The token comes from workload identity federation with the CI's OIDC token,
 * or from application default credentials (a key file, an external_account file, gcloud, GCE).
 */
import fsp from 'node:fs/promises';
import type { AuthClient } from 'google-auth-library';
import { errorMessage, InputError, RunError, SlipwayError } from '../core/errors';
import { secrets } from '../core/secrets';
import type { IssuedCredentials, Provider, ProviderContext, RepositoryTarget } from './context';
import { OncePerRepository, endpointsOf } from './context';
import { garLocation } from './detect';
import { requireOidcToken } from './oidc';
import { importCommonJs } from '../core/lazy';

const SCOPE = 'https://www.googleapis.com/auth/cloud-platform';
const GOOGLE_TOKEN_URL = 'https://oauth2.googleapis.com/token';
const STS_URL = 'https://sts.googleapis.com/v1/token';
const IAM_CREDENTIALS_URL = 'https://iamcredentials.googleapis.com';
const WIP_RE = /^projects\/\d+\/locations\/global\/workloadIdentityPools\/[^/]+\/providers\/[^/]+$/;
// google-gax reports gRPC codes; over REST the same failures arrive as gaxios HTTP errors.
const STATUS: Record<string, { grpc: number; http: number }> = {
  NOT_FOUND: { grpc: 5, http: 404 },
  PERMISSION_DENIED: { grpc: 7, http: 403 },
  ALREADY_EXISTS: { grpc: 6, http: 409 },
};

function hasStatus(error: unknown, name: keyof typeof STATUS): boolean {
  const e = shape(error);
  const { grpc, http } = STATUS[name];
  return e.code === grpc || e.code === http || e.status === http || e.response?.status === http;
}

interface GoogleErrorShape {
  code?: unknown;
  status?: unknown;
  response?: { status?: unknown; data?: unknown };
  config?: { url?: unknown };
}

function shape(error: unknown): GoogleErrorShape {
  return typeof error === 'object' && error !== null ? error : {};
}

function text(value: unknown): string {
  return typeof value === 'string' || typeof value === 'number' ? String(value) : '';
}

/** The message Google sent back (OAuth error + description, or an API error message). */
function googleSaid(error: unknown): string {
  const data = shape(error).response?.data;
  if (typeof data === 'object' && data !== null) {
    const d = data as { error?: unknown; error_description?: unknown };
    if (typeof d.error === 'string') {
      return typeof d.error_description === 'string'
        ? `${d.error}: ${d.error_description}`
        : d.error;
    }
    if (typeof d.error === 'object' && d.error !== null) {
      const e = d.error as { status?: unknown; message?: unknown };
      return `${text(e.status)}: ${text(e.message)}`;
    }
  }
  return errorMessage(error);
}

export class GarProvider implements Provider {
  readonly name = 'gar';
  private client: Promise<AuthClient> | undefined;
  private readonly ensured = new OncePerRepository();

  constructor(private readonly ctx: ProviderContext) {}

  private get wip(): string {
    return this.ctx.inputs['gcp-workload-identity-provider'].replace(
      /^\/\/iam\.googleapis\.com\//,
      '',
    );
  }

  describe(): string {
    const sa = this.ctx.inputs['gcp-service-account'];
    if (this.wip) return `workload identity ${this.wip}${sa ? ` as ${sa}` : ''}`;
    return 'Google application default credentials';
  }

  private authClient(): Promise<AuthClient> {
    if (!this.client) {
      const pending = this.wip ? this.federated() : this.applicationDefault();
      this.client = pending;
      pending.catch(() => {
        if (this.client === pending) this.client = undefined;
      });
    }
    return this.client;
  }

  /**
   * Workload identity federation built in memory (never written to disk, unlike the CI auth
   * actions' credential files): STS exchanges the CI's OIDC token, then IAM Credentials
   * impersonates gcp-service-account when one is given.
   */
  private async federated(): Promise<AuthClient> {
    const wip = this.wip;
    if (!WIP_RE.test(wip)) {
      throw new InputError(
        `Input "gcp-workload-identity-provider" is "${wip}"; write projects/PROJECT_NUMBER/locations/global/workloadIdentityPools/POOL/providers/PROVIDER.`,
      );
    }
    const endpoints = endpointsOf(this.ctx);
    const sa = this.ctx.inputs['gcp-service-account'];
    const iam = (endpoints.googleIamCredentials ?? IAM_CREDENTIALS_URL).replace(/\/+$/, '');
    const { IdentityPoolClient } = await importCommonJs(() => import('google-auth-library'));
    return new IdentityPoolClient({
      type: 'external_account',
      audience: `//iam.googleapis.com/${wip}`,
      subject_token_type: 'urn:ietf:params:oauth:token-type:jwt',
      token_url: endpoints.googleSts ?? STS_URL,
      service_account_impersonation_url: sa
        ? `${iam}/v1/projects/-/serviceAccounts/${sa}:generateAccessToken`
        : undefined,
      // The audience google-github-actions/auth asks the CI for, so existing pools accept it.
      subject_token_supplier: {
        getSubjectToken: () =>
          requireOidcToken(
            this.ctx,
            `https://iam.googleapis.com/${wip}`,
            'gcp-workload-identity-provider',
          ),
      },
    });
  }

  private async applicationDefault(): Promise<AuthClient> {
    const { GoogleAuth } = await importCommonJs(() => import('google-auth-library'));
    const auth = new GoogleAuth({ scopes: [SCOPE] });
    const file = this.ctx.env.GOOGLE_APPLICATION_CREDENTIALS;
    if (!file) {
      try {
        return await auth.getClient();
      } catch (error) {
        throw this.noCredentials(error);
      }
    }
    let text: string;
    try {
      text = await fsp.readFile(file, 'utf8');
    } catch (error) {
      throw new InputError(
        `GOOGLE_APPLICATION_CREDENTIALS names ${file}, which is not readable (${errorMessage(error)}): point it at the key or external_account file.`,
      );
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      // JSON.parse quotes the text around the fault, which in a key file is the private key: the
      // message names only the file, never its content.
      registerKeyLike(text);
      throw new InputError(
        `GOOGLE_APPLICATION_CREDENTIALS file ${file} is not valid JSON: point it at the key or external_account file as Google issued it.`,
      );
    }
    if (typeof json !== 'object' || json === null) {
      throw new InputError(`GOOGLE_APPLICATION_CREDENTIALS file ${file} is not a JSON object.`);
    }
    const creds = json as { private_key?: unknown; token_uri?: unknown };
    if (typeof creds.private_key === 'string') secrets.add(creds.private_key);
    const client = auth.fromJSON(json);
    const tokenUri = creds.token_uri;
    // google-auth-library always posts a key's JWT to oauth2.googleapis.com; honour the key's
    // token_uri (private or test endpoints) by redirecting that one request.
    if (typeof tokenUri === 'string' && tokenUri !== GOOGLE_TOKEN_URL) {
      client.transporter.interceptors.request.add({
        resolved: (config) => {
          if (String(config.url) === GOOGLE_TOKEN_URL) config.url = new URL(tokenUri);
          return Promise.resolve(config);
        },
      });
    }
    return client;
  }

  private noCredentials(error: unknown): SlipwayError {
    return new RunError(
      `Artifact Registry: no Google credentials (${secrets.redact(errorMessage(error))}): set "gcp-workload-identity-provider" (keyless, with the CI's OIDC token) or GOOGLE_APPLICATION_CREDENTIALS (e.g. from google-github-actions/auth).`,
    );
  }

  private tokenFailure(host: string, error: unknown): SlipwayError {
    if (error instanceof SlipwayError) return error;
    const said = secrets.redact(googleSaid(error));
    const rawUrl = shape(error).config?.url;
    const url = rawUrl instanceof URL ? rawUrl.href : text(rawUrl);
    const sa = this.ctx.inputs['gcp-service-account'];
    if (url.includes(':generateAccessToken')) {
      return new RunError(
        `Artifact Registry: Google refused to impersonate "gcp-service-account" ${sa} for ${host} (${said}): grant roles/iam.workloadIdentityUser on ${sa} to the workload identity pool's principal for this repository.`,
      );
    }
    if (this.wip) {
      return new RunError(
        `Artifact Registry: Google STS rejected the CI's OIDC token for "gcp-workload-identity-provider" ${this.wip} (${said}): check the provider name, its issuer and its attribute condition, and that the token is fresh.`,
      );
    }
    if (/could not load the default credentials/i.test(said)) return this.noCredentials(error);
    if (/invalid_grant/.test(said)) {
      return new RunError(
        `Artifact Registry: Google rejected the credentials in GOOGLE_APPLICATION_CREDENTIALS for ${host} as expired or revoked (${said}): create a new key, re-run the CI's Google auth step, or use "gcp-workload-identity-provider".`,
      );
    }
    return new RunError(
      `Artifact Registry: getting a Google access token for ${host} failed (${said}).`,
    );
  }

  async credentials(host: string): Promise<IssuedCredentials> {
    let token: string | null | undefined;
    let expiresAt: number | undefined;
    try {
      const client = await this.authClient();
      const res = await client.getAccessToken();
      token = res.token;
      expiresAt = client.credentials.expiry_date ?? undefined;
    } catch (error) {
      throw this.tokenFailure(host, error);
    }
    if (!token)
      throw new RunError(
        `Artifact Registry: Google returned no access token for ${host}; try again.`,
      );
    secrets.add(token);
    return {
      credentials: { username: 'oauth2accesstoken', password: token },
      expiresAt,
      source: this.describe(),
    };
  }

  ensureRepository(target: RepositoryTarget): Promise<void> {
    return this.ensured.run(target, (t) => this.createIfMissing(t));
  }

  /** GetRepository, then CreateRepository (format DOCKER) only when Google says NOT_FOUND. */
  private async createIfMissing({ registry, repository }: RepositoryTarget): Promise<void> {
    const location = garLocation(registry);
    if (!location) return; // gcr.io repositories are made by the first push
    const [project, repo, ...image] = repository.split('/');
    if (!project || !repo || image.length === 0) {
      throw new InputError(
        `Input "image": Artifact Registry images are ${registry}/PROJECT/REPOSITORY/IMAGE, not ${registry}/${repository}.`,
      );
    }
    const parent = `projects/${project}/locations/${location}`;
    const name = `${parent}/repositories/${repo}`;
    const client = await this.apiClient(registry);
    try {
      try {
        await client.getRepository({ name });
        this.ctx.logger.debug(`gar: repository ${name} exists`);
        return;
      } catch (error) {
        if (hasStatus(error, 'PERMISSION_DENIED')) {
          this.ctx.logger.warn(
            `gar: not allowed to read repository ${name} (needs roles/artifactregistry.reader); assuming it exists.`,
          );
          return;
        }
        if (!hasStatus(error, 'NOT_FOUND')) throw this.apiFailure('GetRepository', name, error);
      }
      try {
        const [operation] = await client.createRepository({
          parent,
          repositoryId: repo,
          repository: { format: 'DOCKER' },
        });
        await operation.promise();
        this.ctx.logger.info(`gar: created repository ${name} (format DOCKER)`);
      } catch (error) {
        if (hasStatus(error, 'PERMISSION_DENIED')) {
          throw new RunError(
            `Artifact Registry: repository ${name} does not exist and Google denied creating it (artifactregistry.repositories.create): grant roles/artifactregistry.repoAdmin or roles/artifactregistry.admin, or create the repository yourself and set "create-repository: false".`,
          );
        }
        if (hasStatus(error, 'ALREADY_EXISTS')) return; // a parallel job created it
        throw this.apiFailure('CreateRepository', name, error);
      }
    } finally {
      await client.close();
    }
  }

  private apiFailure(method: string, name: string, error: unknown): SlipwayError {
    if (error instanceof SlipwayError) return error;
    return new RunError(
      `Artifact Registry: ${method} ${name} failed (${secrets.redact(googleSaid(error))}).`,
    );
  }

  private async apiClient(registry: string) {
    const authClient = await this.authClient().catch((error: unknown) => {
      throw this.tokenFailure(registry, error);
    });
    const { ArtifactRegistryClient } = await importCommonJs(
      () => import('@google-cloud/artifact-registry'),
    );
    const base = endpointsOf(this.ctx).artifactRegistry;
    const endpoint = base ? new URL(base) : undefined;
    // REST ("fallback") rather than gRPC: plain HTTPS works through every proxy and in tests.
    return new ArtifactRegistryClient({
      authClient,
      fallback: true,
      ...(endpoint && {
        apiEndpoint: endpoint.hostname,
        port: Number(endpoint.port) || (endpoint.protocol === 'http:' ? 80 : 443),
        protocol: endpoint.protocol.replace(':', ''),
      }),
    });
  }
}

/**
 * Registers anything in a malformed credentials file that looks like a private key (a PEM block,
 * or the value of a "private_key" field) as a secret, so that no later message can echo it.
 */
function registerKeyLike(text: string): void {
  for (const m of text.matchAll(
    /-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?(-----END [A-Z ]*PRIVATE KEY-----|$)/g,
  ))
    secrets.add(m[0]);
  for (const m of text.matchAll(/"private_key"\s*:\s*"((?:[^"\\]|\\.)*)/g)) {
    secrets.add(m[1]);
    // As the key file's JSON escapes it ("\n") and as the key is (with line breaks).
    try {
      secrets.add(JSON.parse(`"${m[1]}"`) as string);
    } catch {
      // an escape cut short: the raw value is registered
    }
  }
}
