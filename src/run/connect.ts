import type { Inputs } from '../core/inputs';
import type { Logger } from '../core/log';
import { Transport } from '../image/transport/client';
import { registryAccess } from '../providers';
import type { RegistryAccess, RepositoryTarget } from '../providers';

/** What a run takes from its front: environment, logger and the CI's OIDC token, if any. */
export interface ConnectContext {
  env: NodeJS.ProcessEnv;
  logger: Logger;
  /** The CI's OIDC token for an audience, when the CI offers one (keyless cloud login). */
  ciOidcToken: (audience: string) => Promise<string | undefined>;
}

/** How a run reaches registries: the providers' credentials and one transport for all hosts. */
export interface Connection {
  access: RegistryAccess;
  transport: Transport;
}

/** Builds the connection of a run from its inputs; `target` is the repository pushed to. */
export function connect(
  inputs: Inputs,
  ctx: ConnectContext,
  target?: RepositoryTarget,
): Connection {
  const access = registryAccess(
    { inputs, env: ctx.env, logger: ctx.logger, ciOidcToken: ctx.ciOidcToken },
    target,
  );
  const transport = new Transport({
    credentials: access.credentials,
    insecureRegistries: insecureRegistries(inputs, target),
    skipTlsVerify: inputs['skip-tls-verify'],
    caPem: access.caPem,
    maxRetries: inputs['max-retries'],
    requestTimeoutMs: inputs['request-timeout'] * 1000,
    logger: ctx.logger,
  });
  return { access, transport };
}

/**
 * The registries allowed plain HTTP (and, with skip-tls-verify, unverified TLS): the target when
 * insecure-registry is set, and those listed in insecure-registries. Never every host: a base
 * image elsewhere must not receive credentials over an unprotected connection.
 */
export function insecureRegistries(inputs: Inputs, target?: RepositoryTarget): string[] {
  const hosts = [...inputs['insecure-registries']];
  if (inputs['insecure-registry'] && target) hosts.push(target.registry);
  return hosts;
}
