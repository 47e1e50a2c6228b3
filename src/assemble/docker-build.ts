/**
 * The docker-compatible builder as a whole: logins for every registry the build talks to, `build`
 * and `push` with `docker-command`, and the pushed image read back (the builder chose its
 * platform). For plans and user Dockerfiles that need RUN.
 */
import { InputError, RunError } from '../core/errors';
import type { Logger } from '../core/log';
import type { PreparedArtifact } from '../connectors';
import { formatPlatform } from '../image/platform';
import { isScratch, parseReference } from '../image/reference';
import type { Reference } from '../image/reference';
import { resolveBase } from '../image/remote/read';
import type { Transport } from '../image/transport/client';
import { isLoopbackHost } from '../image/transport/hosts';
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
  insecureRegistry: boolean;
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
  // Plain HTTP to loopback registries works without asking, as in Slipway's own client.
  const insecure = session.insecureRegistry || hosts.some(isLoopbackHost);
  return { ...cli, insecure, logins };
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
  if (result.layout) return { digest: '', platforms: [], references, layout: result.layout };
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
