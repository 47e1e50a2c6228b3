/**
 * Signs in-toto statements into Sigstore bundles (v0.3, DSSE envelope) with the sigstore-js
 * libraries: keyless (an OIDC token → a short-lived Fulcio certificate, the signature recorded in
 * Rekor and/or timestamped by a TSA) or with a private key the user holds (no Fulcio, no Rekor).
 */
import { createHash, createPrivateKey, createPublicKey, sign as cryptoSign } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { bundleToJSON } from '@sigstore/bundle';
import type { SerializedBundle } from '@sigstore/bundle';
import {
  DEFAULT_FULCIO_URL,
  DEFAULT_REKOR_URL,
  DSSEBundleBuilder,
  FulcioSigner,
  RekorWitness,
  TSAWitness,
} from '@sigstore/sign';
import type { IdentityProvider, Signature, Signer, Witness } from '@sigstore/sign';
import { InputError, RunError, SlipwayError, errorMessage } from '../core/errors';
import type { Logger } from '../core/log';
import { secrets } from '../core/secrets';
import { SIGNING_KEY_VARIABLE } from './identity';
import { IN_TOTO_PAYLOAD_TYPE, statementBytes } from './statement';
import type { Statement } from './statement';

export { DEFAULT_FULCIO_URL, DEFAULT_REKOR_URL };

/** A signed statement, ready to be attached: the bundle in its JSON form. */
export interface SignedAttestation {
  predicateType: string;
  bundle: SerializedBundle;
  /** The bundle's JSON bytes: the referrer's layer. */
  bytes: Buffer;
}

export interface AttestationSigner {
  /** "keyless (Fulcio …)" or "key sha256:…", for the log. */
  readonly description: string;
  sign(statement: Statement): Promise<SignedAttestation>;
}

/** How hard to try a Sigstore service before the run fails (the registry client's defaults). */
export interface ServiceRetry {
  /** Repeats after the first attempt of a 5xx, 408, 429 or network failure; default 5. */
  retries?: number;
  /** First backoff step in ms, doubling; default 500. */
  minTimeoutMs?: number;
  /** One request's timeout in ms; default 30 000. */
  timeoutMs?: number;
}

export interface KeylessOptions extends ServiceRetry {
  identity: IdentityProvider;
  fulcioUrl?: string;
  /** Rekor's base URL; `false` to record nothing in a transparency log (then a TSA is needed). */
  rekorUrl?: string | false;
  /** A timestamp authority: its full endpoint URL, or a bare origin (then /api/v1/timestamp). */
  tsaUrl?: string;
  logger?: Logger;
}

function fetchOptions(opts: ServiceRetry): {
  retry: { retries: number; factor: number; minTimeout: number; maxTimeout: number };
  timeout: number;
} {
  return {
    retry: {
      retries: opts.retries ?? 5,
      factor: 2,
      minTimeout: opts.minTimeoutMs ?? 500,
      maxTimeout: 30_000,
    },
    timeout: opts.timeoutMs ?? 30_000,
  };
}

/** Keyless signing: Fulcio certificate for the CI's identity, Rekor entry and/or TSA timestamp. */
export function keylessSigner(opts: KeylessOptions): AttestationSigner {
  const fetch = fetchOptions(opts);
  const fulcioUrl = opts.fulcioUrl ?? DEFAULT_FULCIO_URL;
  const rekorUrl = opts.rekorUrl === undefined ? DEFAULT_REKOR_URL : opts.rekorUrl;
  if (rekorUrl === false && !opts.tsaUrl) {
    throw new InputError(
      'Keyless signing without a transparency log needs a timestamp authority: set tsa-url, or set rekor-url.',
    );
  }
  const witnesses: Witness[] = [];
  if (rekorUrl !== false) witnesses.push(new RekorWitness({ rekorBaseURL: rekorUrl, ...fetch }));
  if (opts.tsaUrl) witnesses.push(new TSAWitness({ tsaBaseURL: opts.tsaUrl, ...fetch }));
  const signer = new FulcioSigner({
    identityProvider: opts.identity,
    fulcioBaseURL: fulcioUrl,
    ...fetch,
  });
  const builder = new DSSEBundleBuilder({ signer, witnesses });
  const services = [
    `Fulcio ${fulcioUrl}`,
    rekorUrl === false ? undefined : `Rekor ${rekorUrl}`,
    opts.tsaUrl ? `TSA ${opts.tsaUrl}` : undefined,
  ].filter(Boolean);
  return {
    description: `keyless (${services.join(', ')})`,
    sign: (statement) => signWith(builder, statement, services.join(', ')),
  };
}

async function signWith(
  builder: DSSEBundleBuilder,
  statement: Statement,
  services: string,
): Promise<SignedAttestation> {
  let bundle;
  try {
    bundle = await builder.create({ data: statementBytes(statement), type: IN_TOTO_PAYLOAD_TYPE });
  } catch (err) {
    const own = slipwayCause(err);
    if (own) throw own;
    throw new RunError(
      secrets.redact(
        `Signing the ${statement.predicateType} attestation failed (${services}): ${describe(err)}; nothing was tagged, run again when the service answers.`,
      ),
    );
  }
  const json = bundleToJSON(bundle);
  return {
    predicateType: statement.predicateType,
    bundle: json,
    bytes: Buffer.from(JSON.stringify(json), 'utf8'),
  };
}

/** Our own error (a missing token) comes back wrapped by sigstore-js: rethrow it as it was. */
function slipwayCause(err: unknown): SlipwayError | undefined {
  for (let e = err, depth = 0; e !== undefined && depth < 5; depth++) {
    if (e instanceof SlipwayError) return e;
    e = e instanceof Error ? e.cause : undefined;
  }
  return undefined;
}

/** sigstore-js wraps HTTP failures in InternalError with the HTTP error as `cause`. */
function describe(err: unknown): string {
  const parts = [errorMessage(err)];
  let cause = err instanceof Error ? err.cause : undefined;
  while (cause !== undefined && parts.length < 4) {
    parts.push(errorMessage(cause));
    cause = cause instanceof Error ? cause.cause : undefined;
  }
  return parts.join(': ');
}

/**
 * The key's public half and the hint that names it: the hex SHA-256 of its DER SubjectPublicKeyInfo
 * (the form the sigstore-js and cosign key hints take), so a verifier can tell which key to use.
 */
export function publicKeyHint(key: KeyObject): string {
  const publicKey = key.type === 'public' ? key : createPublicKey(key);
  const spki = publicKey.export({ type: 'spki', format: 'der' });
  return createHash('sha256').update(spki).digest('hex');
}

/**
 * A private-key signer: ECDSA P-256 (SHA-256, DER signature) or Ed25519. The PEM is registered as
 * a secret at once and is kept only as a KeyObject in memory; nothing of it is written anywhere.
 */
export function privateKeySigner(pem: string, variable = SIGNING_KEY_VARIABLE): AttestationSigner {
  secrets.add(pem.trim());
  let key: KeyObject;
  try {
    key = createPrivateKey({ key: pem, format: 'pem' });
  } catch {
    // The parser's message could quote the key: say only what is wrong.
    throw new InputError(
      `${variable} is not a PEM private key; give an unencrypted PKCS#8 or SEC1 PEM ECDSA P-256 or Ed25519 key (openssl genpkey -algorithm ed25519).`,
    );
  }
  const type = key.asymmetricKeyType;
  const curve = key.asymmetricKeyDetails?.namedCurve;
  if (!(type === 'ed25519' || (type === 'ec' && curve === 'prime256v1'))) {
    throw new InputError(
      `${variable} holds a ${type ?? 'unknown'}${curve ? ` ${curve}` : ''} key; Sigstore bundles are signed with ECDSA P-256 or Ed25519: generate one with "openssl genpkey -algorithm ed25519".`,
    );
  }
  const hint = publicKeyHint(key);
  const publicPem = createPublicKey(key).export({ type: 'spki', format: 'pem' }).toString();
  const signer: Signer = {
    sign: (data: Buffer): Promise<Signature> =>
      Promise.resolve({
        signature: cryptoSign(type === 'ed25519' ? null : 'sha256', data, key),
        key: { $case: 'publicKey', publicKey: publicPem, hint },
      }),
  };
  const builder = new DSSEBundleBuilder({ signer, witnesses: [] });
  return {
    description: `key ${hint.slice(0, 16)}… (${type === 'ec' ? 'ECDSA P-256' : 'Ed25519'})`,
    sign: (statement) => signWith(builder, statement, 'private key'),
  };
}
