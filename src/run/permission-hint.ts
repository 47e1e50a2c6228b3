import { RunError } from '../core/errors';
import type { Reference } from '../image/reference';
import { RegistryError } from '../image/transport/errors';
import type { RegistryAccess } from '../providers';

/**
 * A registry that refuses (401/403) gets the provider's fix appended: the IAM action, cloud role
 * or token permission that is missing for that host.
 */
export async function withPermissionHint<T>(
  run: { access: RegistryAccess; repository?: Reference },
  step: () => Promise<T>,
): Promise<T> {
  try {
    return await step();
  } catch (err) {
    if (!(err instanceof RegistryError) || (err.status !== 401 && err.status !== 403)) throw err;
    // The operation knows which registry it addressed and whether it wrote; the URL that answered
    // may be Docker Hub's API host, a token service or a redirect, which name the wrong provider.
    const registry = err.registry ?? run.repository?.registry;
    if (!registry) throw err;
    const access = err.access ?? (registry === run.repository?.registry ? 'push' : 'pull');
    const hint = run.access.hint(registry, access);
    throw hint ? new RunError(`${err.message} ${hint}`, err.location) : err;
  }
}
