/**
 * `slipway verify IMAGE`: the image's Sigstore bundles checked against the identity (keyless) or
 * the public key the inputs name (attest/verify.ts); a deploy job can gate on it.
 */
import { existsSync, readFileSync } from 'node:fs';
import { InputError, errorMessage } from '../core/errors';
import type { Inputs } from '../core/inputs';
import type { VerifiedImage, VerifyPolicy } from '../attest/verify';

export { describeVerified } from '../attest/describe';
import { parseReference } from '../image/reference';
import { connect } from './connect';
import type { ConnectContext } from './connect';

/** The policy the inputs describe: a public key, else identity (or its pattern) and issuer. */
export function verifyPolicy(inputs: Inputs): VerifyPolicy {
  const key = inputs['public-key'];
  if (key) {
    // A PEM, or the file that holds one.
    const pem = key.includes('-----BEGIN') ? key : readInput('public-key', key);
    return { publicKey: pem };
  }
  if (!inputs['certificate-oidc-issuer']) {
    throw new InputError(
      'slipway verify needs certificate-identity (or certificate-identity-regexp) and certificate-oidc-issuer, or public-key for key-based signatures.',
    );
  }
  return {
    identity: inputs['certificate-identity'] || undefined,
    identityRegexp: inputs['certificate-identity-regexp'] || undefined,
    issuer: inputs['certificate-oidc-issuer'],
  };
}

function readInput(name: string, file: string): string {
  if (!existsSync(file)) {
    throw new InputError(`Input "${name}": the file ${file} does not exist; give its path.`);
  }
  return readFileSync(file, 'utf8');
}

export async function verifyPushed(
  reference: string,
  inputs: Inputs,
  ctx: ConnectContext,
): Promise<VerifiedImage> {
  const ref = parseReference(reference, { input: 'IMAGE', defaultTag: 'latest' });
  const policy = verifyPolicy(inputs);
  let trustedRoot: unknown;
  if (inputs['trusted-root']) {
    const text = readInput('trusted-root', inputs['trusted-root']);
    try {
      trustedRoot = JSON.parse(text);
    } catch (err) {
      throw new InputError(
        `Input "trusted-root": ${inputs['trusted-root']} is not JSON (${errorMessage(err)}); give a Sigstore TrustedRoot file.`,
      );
    }
  }
  // @sigstore/verify loads only for `slipway verify`.
  const { verifyImage } = await import('../attest/verify');
  const connection = connect(inputs, ctx, ref.repositoryOnly());
  const { transport } = connection;
  try {
    return await verifyImage(ref, policy, { transport, trustedRoot, logger: ctx.logger });
  } finally {
    await connection.close();
  }
}
