/**
 * Registry providers: turn the environment and the inputs into RegistryCredentials for the engine,
 * which never learns which cloud they came from. Every secret is registered with `secrets` the
 * moment it is known, and none is written anywhere.
 */
import { errorMessage } from '../core/errors';
import type { RegistryProvider } from '../core/inputs';
import { secrets } from '../core/secrets';
import { normalizeRegistry } from '../image/reference';
import type { CredentialResolver } from '../image/transport/credentials';
import type { AwsIdentity } from './aws';
import { readRegistryCa } from './ca';
import {
  ANONYMOUS_CREDENTIALS,
  GhcrProvider,
  GitlabProvider,
  inputCredentials,
  StaticProvider,
} from './basic';
import type {
  Access,
  IssuedCredentials,
  Provider,
  ProviderContext,
  RepositoryTarget,
} from './context';
import { detectProvider, targetRegistry } from './detect';
import { loginCredentials } from './docker-config';
import { permissionHint } from './hints';

export type { Access, CloudEndpoints, ProviderContext, RepositoryTarget } from './context';
export { detectProvider, providerForHost } from './detect';
export { permissionHint } from './hints';

/**
 * Providers whose credentials are ones the user already has: when they find none in the inputs or
 * the CI's variables, the login docker or podman holds for the host is used, as the next `docker
 * push` would. Cloud providers mint their own and never fall back.
 */
const USES_EXISTING_LOGINS: ReadonlySet<RegistryProvider> = new Set([
  'generic',
  'dockerhub',
  'ghcr',
  'gitlab',
]);

/** Renew credentials this long before they expire. */
const RENEW_BEFORE_MS = 5 * 60_000;

/**
 * One set of provider instances per context: credentials and repository creation share clients,
 * and ECR and ECR Public assume the role once between them.
 */
interface Session {
  providers: Map<RegistryProvider, Promise<Provider>>;
  aws?: Promise<AwsIdentity>;
}
const sessions = new WeakMap<ProviderContext, Session>();

function providerFor(ctx: ProviderContext, name: RegistryProvider): Promise<Provider> {
  let session = sessions.get(ctx);
  if (!session) {
    session = { providers: new Map() };
    sessions.set(ctx, session);
  }
  let provider = session.providers.get(name);
  if (!provider) {
    provider = createProvider(ctx, name, session);
    session.providers.set(name, provider);
  }
  return provider;
}

/**
 * A cloud provider's code (its token exchange, repository creation, the SDK loaders) loads with
 * the first host of that cloud: most runs push to a registry that is none of them.
 */
async function createProvider(
  ctx: ProviderContext,
  name: RegistryProvider,
  session: Session,
): Promise<Provider> {
  const awsIdentity = (): Promise<AwsIdentity> =>
    (session.aws ??= import('./aws').then(({ AwsIdentity }) => new AwsIdentity(ctx)));
  switch (name) {
    case 'ecr':
      return new (await import('./ecr')).EcrProvider(ctx, await awsIdentity());
    case 'ecr-public':
      return new (await import('./ecr')).EcrPublicProvider(ctx, await awsIdentity());
    case 'gar':
      return new (await import('./gar')).GarProvider(ctx);
    case 'acr':
      return new (await import('./acr')).AcrProvider(ctx);
    case 'ghcr':
      return new GhcrProvider(ctx);
    case 'gitlab':
      return new GitlabProvider(ctx);
    case 'dockerhub':
    case 'generic':
      return new StaticProvider(name);
  }
}

async function issue(
  ctx: ProviderContext,
  host: string,
  target: string | undefined,
): Promise<IssuedCredentials> {
  const isTarget = host === target;
  const name = detectProvider(host, ctx.inputs, ctx.env, target);
  const fromInputs = isTarget ? inputCredentials(ctx, name) : undefined;
  if (fromInputs) return fromInputs;
  try {
    const provider = await providerFor(ctx, name);
    const issued = await provider.credentials(host, isTarget);
    if (issued.credentials || !USES_EXISTING_LOGINS.has(name)) return issued;
    return (await loginCredentials(host, ctx.env, ctx.logger)) ?? issued;
  } catch (error) {
    if (isTarget) throw error;
    // A base image's registry may well be public: let the registry decide.
    ctx.logger.warn(
      `${host}: no ${name} credentials for pulling (${secrets.redact(errorMessage(error))}); trying anonymously.`,
    );
    return ANONYMOUS_CREDENTIALS;
  }
}

/**
 * Credentials per registry host, cached until shortly before they expire. The `registry-provider`
 * and `username`/`password` inputs apply to `target` (default: the `image` input's registry);
 * other hosts (a base image's) get what their name implies with the ambient identity, and
 * anonymous access when that fails.
 */
export function credentialResolver(
  ctx: ProviderContext,
  target: string | undefined = targetRegistry(ctx.inputs),
): CredentialResolver {
  const targetHost = target === undefined ? undefined : normalizeRegistry(target);
  const cache = new Map<string, Promise<IssuedCredentials>>();
  return async (registryHost: string) => {
    const host = normalizeRegistry(registryHost);
    let pending = cache.get(host);
    if (pending) {
      const issued = await pending.catch(() => undefined);
      if (
        !issued ||
        (issued.expiresAt !== undefined && issued.expiresAt - RENEW_BEFORE_MS < Date.now())
      ) {
        pending = undefined;
      }
    }
    if (!pending) {
      const fresh = issue(ctx, host, targetHost);
      pending = fresh;
      cache.set(host, fresh);
      fresh.then(
        (issued) => {
          const verb = issued.credentials ? 'credentials from' : 'access:';
          ctx.logger.info(`${host}: ${verb} ${issued.source}`);
        },
        () => cache.delete(host),
      );
    }
    return (await pending).credentials;
  };
}

/**
 * Creates the repository pushed to when its registry needs that (ECR, ECR Public, Artifact Registry) and it is
 * missing; nothing for other registries or with `create-repository: false`. Idempotent per context.
 */
export async function ensureRepository(
  ctx: ProviderContext,
  target: RepositoryTarget,
): Promise<void> {
  if (!ctx.inputs['create-repository']) return;
  const registry = normalizeRegistry(target.registry);
  // Only the registry pushed to has repositories created, so `registry-provider` applies to it.
  const name = detectProvider(registry, ctx.inputs, ctx.env, registry);
  const provider = await providerFor(ctx, name);
  await provider.ensureRepository?.({ registry, repository: target.repository });
}

/** The grant that fixes a refused pull or push on `registryHost`, for the pipeline's error. */
export function accessHint(
  ctx: ProviderContext,
  registryHost: string,
  access: Access,
  target: string | undefined = targetRegistry(ctx.inputs),
): string {
  const name = detectProvider(
    registryHost,
    ctx.inputs,
    ctx.env,
    target && normalizeRegistry(target),
  );
  return permissionHint(name, access);
}

/** What the pipeline needs from the providers for one run. */
export interface RegistryAccess {
  credentials: CredentialResolver;
  /** PEM of the `registry-ca` input, for the engine's TLS. */
  caPem?: string;
  ensureRepository(target: RepositoryTarget): Promise<void>;
  /** The grant that fixes a refused pull or push on a host. */
  hint(registryHost: string, access: Access): string;
}

/** `target` is the repository pushed to (the `image` input, or a connector's default image). */
export function registryAccess(ctx: ProviderContext, target?: RepositoryTarget): RegistryAccess {
  const targetHost = target?.registry ?? targetRegistry(ctx.inputs);
  return {
    credentials: credentialResolver(ctx, targetHost),
    caPem: readRegistryCa(ctx.inputs),
    ensureRepository: (repository) => ensureRepository(ctx, repository),
    hint: (host, access) => accessHint(ctx, host, access, targetHost),
  };
}

/**
 * `ciOidcToken` for GitLab and the CLI: the token is the variable named by `oidc-token-variable`
 * (GitLab `id_tokens` fix the audience in the job, so the requested one is not checked here).
 */
export function oidcTokenFromEnv(
  env: NodeJS.ProcessEnv,
  variable: string,
): (audience: string) => Promise<string | undefined> {
  return () => {
    const token = env[variable]?.trim() || undefined;
    secrets.add(token);
    return Promise.resolve(token);
  };
}
