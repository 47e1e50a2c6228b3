import type { Inputs, RegistryProvider } from '../core/inputs';
import type { Logger } from '../core/log';
import type { ImageReference } from '../image/reference';
import type { RegistryCredentials } from '../image/transport/credentials';

/**
 * Where cloud identity APIs live. Unset fields mean the public cloud endpoints; tests point them at
 * loopback servers. AWS needs none of these: its SDK reads AWS_ENDPOINT_URL_ECR / _ECR_PUBLIC / _STS.
 */
export interface CloudEndpoints {
  /** Google STS token exchange URL (https://sts.googleapis.com/v1/token). */
  googleSts?: string;
  /** Google IAM Credentials API base URL (https://iamcredentials.googleapis.com). */
  googleIamCredentials?: string;
  /** Artifact Registry API base URL (https://artifactregistry.googleapis.com). */
  artifactRegistry?: string;
  /** Entra ID authority (https://login.microsoftonline.com, or AZURE_AUTHORITY_HOST). */
  azureAuthorityHost?: string;
  /**
   * PEM certificates trusted (instead of the public CAs) for the Entra ID authority. MSAL accepts
   * only https authorities, so a loopback test authority needs its own CA; a process can instead
   * use NODE_EXTRA_CA_CERTS.
   */
  azureCa?: string;
}

/** What a provider may use: validated inputs, the environment, a logger and the CI's identity. */
export interface ProviderContext {
  inputs: Inputs;
  /**
   * Slipway's own variables (GITHUB_TOKEN, CI_REGISTRY, …). The cloud SDKs' default credential
   * chains read process.env themselves, as they do everywhere else.
   */
  env: NodeJS.ProcessEnv;
  logger: Logger;
  /**
   * The CI's OIDC token for `audience` (GitHub: getIDToken; GitLab and the CLI: the variable named
   * by `oidc-token-variable`), or undefined when the CI offers none.
   */
  ciOidcToken(audience: string): Promise<string | undefined>;
  /** Defaults to endpointsFromEnv(env). */
  endpoints?: CloudEndpoints;
}

/** The repository a push goes to; the engine's ImageReference fits. */
export type RepositoryTarget = Pick<ImageReference, 'registry' | 'repository'>;

/** Credentials plus when they stop working, so a long run can fetch fresh ones. */
export interface IssuedCredentials {
  credentials: RegistryCredentials | undefined;
  /** Epoch milliseconds; undefined = does not expire during a run. */
  expiresAt?: number;
  /** Where they came from, for the log ("role arn:aws:iam::…", "GITHUB_TOKEN"). */
  source: string;
}

export interface Provider {
  readonly name: RegistryProvider;
  /** `target` is true for the host being pushed to: only there do username/password inputs apply. */
  credentials(host: string, target: boolean): Promise<IssuedCredentials>;
  /** Creates the repository when missing (ECR, ECR Public, Artifact Registry); absent = nothing to create. */
  ensureRepository?(target: RepositoryTarget): Promise<void>;
}

export type Access = 'pull' | 'push';

/**
 * The endpoints a context uses: its own, else SLIPWAY_GOOGLE_STS_URL,
 * SLIPWAY_GOOGLE_IAM_CREDENTIALS_URL, SLIPWAY_ARTIFACT_REGISTRY_URL and
 * SLIPWAY_AZURE_AUTHORITY_HOST, so that a whole CLI or CI run can be pointed at test servers.
 */
export function endpointsOf(ctx: ProviderContext): CloudEndpoints {
  if (ctx.endpoints) return ctx.endpoints;
  const env = ctx.env;
  const pick = (name: string): string | undefined => env[name]?.trim() || undefined;
  return {
    googleSts: pick('SLIPWAY_GOOGLE_STS_URL'),
    googleIamCredentials: pick('SLIPWAY_GOOGLE_IAM_CREDENTIALS_URL'),
    artifactRegistry: pick('SLIPWAY_ARTIFACT_REGISTRY_URL'),
    azureAuthorityHost: pick('SLIPWAY_AZURE_AUTHORITY_HOST'),
  };
}

/** Repository creation runs once per repository for the life of a provider, however often asked. */
export class OncePerRepository {
  private readonly runs = new Map<string, Promise<void>>();

  run(
    target: RepositoryTarget,
    create: (target: RepositoryTarget) => Promise<void>,
  ): Promise<void> {
    const key = `${target.registry}/${target.repository}`;
    let done = this.runs.get(key);
    if (!done) {
      done = create(target);
      this.runs.set(key, done);
    }
    return done;
  }
}
