/**
 * The docker-compatible builder as a whole: logins for every registry the build talks to, `build`
 * and `push` with `docker-command`, and the pushed image read back (the builder chose its
 * platform). For plans and user Dockerfiles that need RUN.
 */
import { InputError, RunError } from '../core/errors';
import type { Logger } from '../core/log';
import type { PreparedArtifact } from '../connectors';
import { formatPlatform } from '../image/platform';
import { isScratch, parseReference, registryApiHost } from '../image/reference';
import type { Reference } from '../image/reference';
import { resolveBase } from '../image/remote/read';
import { isInsecureHost } from '../image/transport/client';
import type { Transport } from '../image/transport/client';
import { isLoopbackHost, speaksTls } from '../image/transport/hosts';
import type { Platform } from '../image/types';
import type { RegistryAccess } from '../providers';
import { dockerBuildAndPush } from './docker';
import type { DockerCliOptions, RegistryLogin } from './docker';

export interface DockerTarget {
  repository?: Reference;
  prepared: Pick<PreparedArtifact, 'userDockerfile'>;
}

/**
 * The registries a docker-compatible CLI talks to: the target's and the bases'. A user's
 * multi-stage Dockerfile pulls every stage's image (a builder from a private registry needs a
 * login too), not only the final FROM that `base` names; no `base` (verify) pulls none.
 */
export function dockerHosts(target: DockerTarget, base: string): string[] {
  const hosts = new Set<string>();
  if (target.repository) hosts.add(target.repository.registry);
  const bases = base ? (target.prepared.userDockerfile?.bases ?? [base]) : [];
  for (const image of bases) {
    if (!isScratch(image)) hosts.add(parseReference(image, { input: 'base-image' }).registry);
  }
  return [...hosts];
}

export interface DockerSession extends DockerTarget {
  access: RegistryAccess;
  /** The registries marked insecure: the target with insecure-registry, insecure-registries. */
  insecureRegistries: readonly string[];
  /** skip-tls-verify: unverified certificates are accepted from those registries. */
  skipTlsVerify: boolean;
}

/**
 * The hosts a podman engine is told are insecure (plain HTTP allowed, which for podman also means
 * unverified TLS): a registry the user marked insecure when skip-tls-verify is set or it does
 * not speak TLS, and a loopback registry (plain HTTP there needs no asking, as in Slipway's own
 * client) that does not speak TLS. A host that speaks TLS keeps its certificate checked, so a
 * base on another registry never gets the build's credentials over an unverified connection.
 */
export async function engineInsecureRegistries(
  hosts: readonly string[],
  session: Pick<DockerSession, 'insecureRegistries' | 'skipTlsVerify'>,
  logger: Logger,
): Promise<string[]> {
  const insecure: string[] = [];
  for (const host of hosts) {
    const apiHost = registryApiHost(host);
    const marked = isInsecureHost(apiHost, session.insecureRegistries);
    if (!marked && !isLoopbackHost(apiHost)) continue;
    if (marked && session.skipTlsVerify) {
      insecure.push(host);
    } else if (!(await speaksTls(apiHost))) {
      if (!isLoopbackHost(apiHost)) {
        logger.warn(
          `${host} does not speak TLS: the engine reaches it over plain HTTP, as insecure-registry allows; credentials and images cross the network unencrypted.`,
        );
      }
      insecure.push(host);
    }
  }
  return insecure;
}

/** How the docker-compatible CLI reaches the registries of a build (base '') or a verify. */
export async function dockerCliOptions(
  session: DockerSession,
  base: string,
  cli: Pick<DockerCliOptions, 'command' | 'logger' | 'tmpDir'>,
): Promise<DockerCliOptions & { logins: RegistryLogin[] }> {
  const hosts = dockerHosts(session, base);
  const logins: RegistryLogin[] = [];
  for (const registry of hosts) {
    const credentials = await session.access.credentials(registry);
    if (credentials) logins.push({ registry, credentials });
  }
  const insecureRegistries = await engineInsecureRegistries(hosts, session, cli.logger);
  return { ...cli, insecureRegistries, logins };
}

export interface DockerAssembly extends DockerSession {
  prepared: PreparedArtifact;
  repository: Reference;
  tags: string[];
  platforms: Platform[];
  dockerfile: string;
  command: string;
  logger: Logger;
  tmpDir: string;
  transport: Transport;
  /** See DockerBuildOptions.layoutDir. */
  layoutDir?: string;
}

export interface DockerBuilt {
  digest: string;
  platforms: string[];
  references: string[];
  /** The image in an OCI layout, not pushed: Slipway pushes it (podman with layoutDir). */
  layout?: string;
  /** The image as docker saved it, not pushed: Slipway pushes it (docker with layoutDir). */
  archive?: string;
}

/** Builds and pushes with `docker-command`; one platform, registry output only. */
export async function assembleWithDocker(job: DockerAssembly): Promise<DockerBuilt> {
  const { prepared, repository } = job;
  if (job.platforms.length > 1) {
    throw new InputError(
      `Input "platforms": a docker-compatible build makes one platform, but ${job.platforms.length} were asked for; give one platform, or remove the RUN steps for a native multi-platform build.`,
    );
  }
  const { plan } = prepared;
  const context = prepared.userDockerfile?.contextDir ?? prepared.contextDir;
  const references = job.tags.map((tag) => repository.withTag(tag).toString());
  const result = await dockerBuildAndPush({
    ...(await dockerCliOptions(job, plan.base, job)),
    dockerfile: job.dockerfile,
    contextDir: context,
    images: references,
    platform: job.platforms[0] ? formatPlatform(job.platforms[0]) : undefined,
    layoutDir: job.layoutDir,
  });
  if (result.layout || result.archive) {
    return {
      digest: '',
      platforms: [],
      references,
      layout: result.layout,
      archive: result.archive,
    };
  }
  if (!result.digest) {
    throw new RunError(
      `${job.command} pushed ${repository.name()} but reported no digest; check its output above.`,
    );
  }
  // The builder chose the platform (its own, unless one was asked for): read it back.
  const pushed = await resolveBase(job.transport, repository.withDigest(result.digest));
  return {
    digest: result.digest,
    platforms: pushed.images.map((img) => formatPlatform(img.platform)),
    references,
  };
}
