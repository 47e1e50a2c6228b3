import { errorMessage, InputError } from '../core/errors';
import type { InputName } from '../core/inputs';
import { secrets } from '../core/secrets';
import type { ProviderContext } from './context';

/** The CI's OIDC token for `audience`, required by `input`; masked before anything else happens. */
export async function requireOidcToken(
  ctx: ProviderContext,
  audience: string,
  input: InputName,
): Promise<string> {
  const fix =
    `on GitHub give the job "permissions: id-token: write"; on GitLab add ` +
    `"id_tokens: ${ctx.inputs['oidc-token-variable']}: aud: ${audience}" to the job`;
  let token: string | undefined;
  try {
    token = await ctx.ciOidcToken(audience);
  } catch (error) {
    throw new InputError(
      secrets.redact(
        `Input "${input}" needs the CI's OIDC token (audience ${audience}), which could not be read (${errorMessage(error)}): ${fix}.`,
      ),
    );
  }
  if (!token) {
    throw new InputError(
      `Input "${input}" needs the CI's OIDC token (audience ${audience}), but the CI provided none: ${fix}.`,
    );
  }
  secrets.add(token);
  return token;
}
