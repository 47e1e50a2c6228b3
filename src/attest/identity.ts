/**
 * Where a keyless signature's identity comes from: the CI's OIDC token for audience `sigstore`.
 * Kept apart from sign.ts so that a run can tell whether it will sign without loading Sigstore.
 */
import type { IdentityProvider } from '@sigstore/sign';
import { InputError, RunError, errorMessage } from '../core/errors';
import { secrets } from '../core/secrets';

/** The audience Fulcio accepts. */
export const SIGSTORE_AUDIENCE = 'sigstore';
/** The GitLab `id_tokens` variable Slipway reads unless told another. */
export const DEFAULT_SIGSTORE_TOKEN_VARIABLE = 'SIGSTORE_ID_TOKEN';
/** The secret variable holding a PEM private key for key-based signing. */
export const SIGNING_KEY_VARIABLE = 'SLIPWAY_SIGNING_KEY';

export interface TokenSource {
  env: NodeJS.ProcessEnv;
  /** The GitLab `id_tokens` variable (input `sigstore-token-variable`); SIGSTORE_ID_TOKEN. */
  tokenVariable?: string;
  /** For tests: replaces global fetch for the GitHub token request. */
  fetch?: typeof fetch;
}

const MISSING_TOKEN =
  'Keyless signing (sign: true) needs an OIDC token for audience "sigstore", and the CI provided none: ' +
  'on GitHub give the job "permissions: id-token: write"; on GitLab add ' +
  '"id_tokens: VARIABLE: aud: sigstore" to the job; or sign with a key in SLIPWAY_SIGNING_KEY.';

/**
 * Where the job's OIDC token for Sigstore would come from, without asking for it: the GitLab
 * `id_tokens` variable, or GitHub's token endpoint (there with `permissions: id-token: write`).
 */
export function identitySource(source: TokenSource): string | undefined {
  const variable = source.tokenVariable || DEFAULT_SIGSTORE_TOKEN_VARIABLE;
  if (source.env[variable]?.trim()) return variable;
  if (source.env.ACTIONS_ID_TOKEN_REQUEST_URL && source.env.ACTIONS_ID_TOKEN_REQUEST_TOKEN) {
    return "GitHub's id-token";
  }
  return undefined;
}

/**
 * The CI's OIDC token for audience `sigstore`: the GitLab `id_tokens` variable when set (it fixes
 * its audience in the job), else GitHub's token endpoint. Missing → InputError with the snippet
 * for either CI; call it before anything is pushed. The token is registered as a secret.
 */
export async function sigstoreToken(source: TokenSource): Promise<string> {
  const variable = source.tokenVariable || DEFAULT_SIGSTORE_TOKEN_VARIABLE;
  const fromVariable = source.env[variable]?.trim();
  if (fromVariable) {
    secrets.add(fromVariable);
    return fromVariable;
  }
  const url = source.env.ACTIONS_ID_TOKEN_REQUEST_URL;
  const bearer = source.env.ACTIONS_ID_TOKEN_REQUEST_TOKEN;
  if (!url || !bearer) {
    throw new InputError(MISSING_TOKEN.replace('VARIABLE', variable));
  }
  secrets.add(bearer);
  const endpoint = new URL(url);
  endpoint.searchParams.set('audience', SIGSTORE_AUDIENCE);
  let value: unknown;
  try {
    const res = await (source.fetch ?? fetch)(endpoint, {
      headers: { authorization: `bearer ${bearer}`, accept: 'application/json' },
    });
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    value = ((await res.json()) as { value?: unknown }).value;
  } catch (err) {
    throw new RunError(
      secrets.redact(
        `GitHub's OIDC token endpoint did not give a token for audience sigstore (${errorMessage(err)}); run the job again.`,
      ),
    );
  }
  if (typeof value !== 'string' || value === '') {
    throw new RunError("GitHub's OIDC token endpoint answered without a token; run the job again.");
  }
  secrets.add(value);
  return value;
}

/** An identity provider for FulcioSigner that asks for the token once, when first signing. */
export function ciIdentity(source: TokenSource): IdentityProvider {
  let token: Promise<string> | undefined;
  return { getToken: () => (token ??= sigstoreToken(source)) };
}
