import { join } from 'node:path';
import { cacheRoot } from '../core/cache';
import { INPUTS } from '../core/inputs';
import type { InputName, Inputs } from '../core/inputs';
import type { Logger } from '../core/log';
import { normalizeRegistry } from '../image/reference';
import { DocumentCache } from '../image/remote/document-cache';
import { Transport } from '../image/transport/client';
import { registryAccess } from '../providers';
import type { RegistryAccess, RepositoryTarget } from '../providers';

/** What a run takes from its front: environment, logger and the CI's OIDC token, if any. */
export interface ConnectContext {
  env: NodeJS.ProcessEnv;
  logger: Logger;
  /** The CI's OIDC token for an audience, when the CI offers one (keyless cloud login). */
  ciOidcToken: (audience: string) => Promise<string | undefined>;
  /** Connections shared by the runs of one process (`build --all`); none: a run owns its own. */
  pool?: ConnectionPool;
}

/** How a run reaches registries: the providers' credentials and one transport for all hosts. */
export interface Connection {
  access: RegistryAccess;
  transport: Transport;
  /** Ends the run's use of the connection: closes it, unless a pool shares it with other runs. */
  close(): Promise<void>;
}

/** Builds the connection of a run from its inputs; `target` is the repository pushed to. */
export function connect(
  inputs: Inputs,
  ctx: ConnectContext,
  target?: RepositoryTarget,
): Connection {
  if (ctx.pool) return ctx.pool.connection(inputs, target);
  return openConnection(inputs, ctx, target);
}

function openConnection(
  inputs: Inputs,
  ctx: ConnectContext,
  target: RepositoryTarget | undefined,
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
    documents: new DocumentCache(join(cacheRoot(ctx.env), 'documents')),
  });
  return { access, transport, close: () => transport.close() };
}

/**
 * Inputs that decide how a run reaches registries: who it logs in as (registry and cloud
 * identities) and the transport's settings. Runs that agree on these, and push to the same
 * registry, may share one connection.
 */
const CONNECTION_INPUTS = (Object.keys(INPUTS) as InputName[]).filter(
  (name) =>
    INPUTS[name].group === 'registry' ||
    INPUTS[name].group === 'cloud' ||
    name === 'max-retries' ||
    name === 'request-timeout',
);

/**
 * One connection per registry pushed to, shared by the runs of `build --all`: the /v2/ ping,
 * the provider's credentials, the bearer tokens and the kept-alive sockets serve every project
 * instead of being made again for each. Tokens stay per repository scope (the authenticator
 * caches them by scope set), so a project never gets another's push grant; only a scope that
 * projects have in common, such as pulling a shared base image, is asked for once. Runs whose
 * login or transport inputs differ get their own connection.
 */
export class ConnectionPool {
  private readonly connections = new Map<string, Connection>();

  /** `ctx` is the whole process's: the shared connections log without a project's prefix. */
  constructor(private readonly ctx: Omit<ConnectContext, 'pool'>) {}

  connection(inputs: Inputs, target?: RepositoryTarget): Connection {
    // Without a target the registry comes from each run's own image input: nothing to share by.
    if (!target) return openConnection(inputs, this.ctx, target);
    const key = JSON.stringify([
      normalizeRegistry(target.registry),
      CONNECTION_INPUTS.map((name) => inputs[name]),
    ]);
    let shared = this.connections.get(key);
    if (!shared) {
      shared = openConnection(inputs, this.ctx, target);
      this.connections.set(key, shared);
    }
    // The pool closes it once every run is done.
    return { ...shared, close: () => Promise.resolve() };
  }

  /** How many connections the runs needed: one per registry and login. */
  get size(): number {
    return this.connections.size;
  }

  async close(): Promise<void> {
    for (const c of this.connections.values()) await c.close();
    this.connections.clear();
  }
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
