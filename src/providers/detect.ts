import type { Inputs, RegistryProvider } from '../core/inputs';
import { REGISTRY_PROVIDERS } from '../core/inputs';
import { normalizeRegistry, parseRepository } from '../image/reference';

// Private (dkr.ecr) and dual-stack (dkr-ecr …on.aws) ECR endpoints, FIPS and China partitions.
const ECR_HOST =
  /^(\d{12})\.(?:dkr\.ecr(?:-fips)?\.([a-z0-9-]+)\.amazonaws\.com(?:\.cn)?|dkr-ecr(?:-fips)?\.([a-z0-9-]+)\.on\.aws)$/;
const GAR_HOST = /^([a-z0-9-]+)-docker\.pkg\.dev$/;
const GCR_HOST = /^(?:[a-z]+\.)?gcr\.io$/;
const ACR_HOST = /^[a-z0-9]+\.azurecr\.(?:io|cn|us)$/;

const ECR_PUBLIC_HOST = 'public.ecr.aws';

export interface EcrHost {
  accountId: string;
  region: string;
}

export function parseEcrHost(host: string): EcrHost | undefined {
  const m = ECR_HOST.exec(host.toLowerCase());
  if (!m) return undefined;
  return { accountId: m[1], region: m[2] ?? m[3] };
}

/** The Artifact Registry location of "<location>-docker.pkg.dev"; undefined for gcr.io hosts. */
export function garLocation(host: string): string | undefined {
  return GAR_HOST.exec(host.toLowerCase())?.[1];
}

function isGoogleHost(host: string): boolean {
  const h = host.toLowerCase();
  return GAR_HOST.test(h) || GCR_HOST.test(h);
}

/** "registry.gitlab.com" from CI_REGISTRY ("registry.gitlab.com" or "host:port"). */
function gitlabRegistry(env: NodeJS.ProcessEnv): string | undefined {
  const value = env.CI_REGISTRY?.trim();
  return value
    ? normalizeRegistry(value.replace(/^https?:\/\//, '').replace(/\/+$/, ''))
    : undefined;
}

function isProvider(value: string): value is RegistryProvider {
  return (REGISTRY_PROVIDERS as readonly string[]).includes(value);
}

/** The provider a host's name implies, ignoring the `registry-provider` input. */
export function providerForHost(
  registryHost: string,
  env: NodeJS.ProcessEnv = {},
): RegistryProvider {
  const host = normalizeRegistry(registryHost);
  if (host === gitlabRegistry(env)) return 'gitlab';
  if (parseEcrHost(host)) return 'ecr';
  if (host === ECR_PUBLIC_HOST) return 'ecr-public';
  if (isGoogleHost(host)) return 'gar';
  if (ACR_HOST.test(host)) return 'acr';
  if (host === 'docker.io') return 'dockerhub';
  if (host === 'ghcr.io') return 'ghcr';
  return 'generic';
}

/** Registry host of the `image` input ("docker.io" for a bare name), or undefined when unset. */
export function targetRegistry(inputs: Pick<Inputs, 'image'>): string | undefined {
  return inputs.image ? parseRepository(inputs.image).registry : undefined;
}

/**
 * The provider for a registry host: the `registry-provider` input when it is set and the host is
 * the one pushed to (the `image` input's), else what the host's name implies.
 */
export function detectProvider(
  registryHost: string,
  inputs: Pick<Inputs, 'image' | 'registry-provider'>,
  env: NodeJS.ProcessEnv = {},
  target: string | undefined = targetRegistry(inputs),
): RegistryProvider {
  const chosen = inputs['registry-provider'];
  if (isProvider(chosen) && target !== undefined && normalizeRegistry(registryHost) === target) {
    return chosen;
  }
  return providerForHost(registryHost, env);
}
