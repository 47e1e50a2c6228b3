/**
 * Providers whose credentials are a user and a password or token that already exist: Docker Hub,
 * GHCR, the GitLab registry and any other registry.
 */
import { InputError } from '../core/errors';
import type { RegistryProvider } from '../core/inputs';
import { secrets } from '../core/secrets';
import type { IssuedCredentials, Provider, ProviderContext } from './context';

/** The `username`/`password` inputs, which apply to the registry pushed to only, whatever its provider. */
export function inputCredentials(
  ctx: ProviderContext,
  provider: RegistryProvider,
): IssuedCredentials | undefined {
  const { username, password } = ctx.inputs;
  if (!password) return undefined;
  if (!username) {
    throw new InputError(
      `Input "password" is set but "username" is empty: set "username" for the ${provider} registry (for an ACR token or admin user, its name).`,
    );
  }
  secrets.add(password);
  return { credentials: { username, password }, source: 'the username and password inputs' };
}

const ANONYMOUS: IssuedCredentials = { credentials: undefined, source: 'anonymous' };

function envSecret(ctx: ProviderContext, name: string): string | undefined {
  const value = ctx.env[name]?.trim();
  if (!value) return undefined;
  secrets.add(value);
  return value;
}

export const ANONYMOUS_CREDENTIALS = ANONYMOUS;

/** Docker Hub and any self-hosted registry: only the inputs (applied by the resolver), else none. */
export class StaticProvider implements Provider {
  constructor(readonly name: 'dockerhub' | 'generic') {}

  credentials(): Promise<IssuedCredentials> {
    return Promise.resolve(ANONYMOUS);
  }
}

/** ghcr.io: GITHUB_TOKEN (or the password input) with GITHUB_ACTOR as the user. */
export class GhcrProvider implements Provider {
  readonly name = 'ghcr';

  constructor(private readonly ctx: ProviderContext) {}

  credentials(_host: string, target: boolean): Promise<IssuedCredentials> {
    const token = this.ctx.inputs['github-token'] || envSecret(this.ctx, 'GITHUB_TOKEN');
    if (!token) return Promise.resolve(ANONYMOUS);
    // ghcr.io checks the token only; any non-empty user works, the actor reads best in audit logs.
    const username =
      (target ? this.ctx.inputs.username : '') || this.ctx.env.GITHUB_ACTOR || 'x-access-token';
    return Promise.resolve({ credentials: { username, password: token }, source: 'GITHUB_TOKEN' });
  }
}

/** The GitLab registry: the job's CI_REGISTRY_USER/CI_REGISTRY_PASSWORD, else CI_JOB_TOKEN. */
export class GitlabProvider implements Provider {
  readonly name = 'gitlab';

  constructor(private readonly ctx: ProviderContext) {}

  credentials(): Promise<IssuedCredentials> {
    const user = this.ctx.env.CI_REGISTRY_USER?.trim();
    const password = envSecret(this.ctx, 'CI_REGISTRY_PASSWORD');
    if (user && password) {
      return Promise.resolve({
        credentials: { username: user, password },
        source: 'CI_REGISTRY_USER/CI_REGISTRY_PASSWORD',
      });
    }
    const jobToken = envSecret(this.ctx, 'CI_JOB_TOKEN');
    if (jobToken) {
      return Promise.resolve({
        credentials: { username: 'gitlab-ci-token', password: jobToken },
        source: 'CI_JOB_TOKEN',
      });
    }
    return Promise.resolve(ANONYMOUS);
  }
}
