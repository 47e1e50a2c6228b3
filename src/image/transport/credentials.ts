/**
 * What the engine needs to talk to one registry, in Docker's credential model. Providers produce
 * these; the engine never knows which cloud they came from.
 */
export interface RegistryCredentials {
  /** Basic auth, or the user/password sent to a Bearer token realm. */
  username?: string;
  password?: string;
  /** OAuth2 refresh token (Docker "identity token"; ACR's refresh token): POSTed to the realm. */
  identityToken?: string;
  /** A ready bearer token sent as is (Docker "registry token"). */
  registryToken?: string;
}

/** Resolves credentials for a registry host (e.g. "123.dkr.ecr.us-east-1.amazonaws.com"). */
export type CredentialResolver = (registryHost: string) => Promise<RegistryCredentials | undefined>;

export const anonymous: CredentialResolver = () => Promise.resolve(undefined);
