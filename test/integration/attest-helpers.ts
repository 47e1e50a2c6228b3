/**
 * Loopback stand-ins for Sigstore: the @sigstore/mock Fulcio, Rekor and TSA handlers served from a
 * local HTTP server (no nock: the signer's real HTTP client talks to them), a fake OIDC issuer
 * (a JWT signed with a local ES256 key, its discovery document and JWKS on the same server), a
 * GitHub-style token endpoint, and the TrustedRoot JSON that trusts exactly these stand-ins.
 */
import crypto from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  fulcioHandler,
  initializeCA,
  initializeCTLog,
  initializeTLog,
  initializeTSA,
  rekorHandler,
  tsaHandler,
} from '@sigstore/mock';
import type { HandlerFn } from '@sigstore/mock';

export interface SigstoreStandIns {
  fulcioUrl: string;
  rekorUrl: string;
  tsaUrl: string;
  issuer: string;
  /** A GitHub-like ACTIONS_ID_TOKEN_REQUEST_URL; answers only with the bearer below. */
  githubTokenUrl: string;
  githubBearer: string;
  /** TrustedRoot JSON (protobuf JSON form) trusting these Fulcio, CT log, Rekor and TSA keys. */
  trustedRoot: Record<string, unknown>;
  /** An OIDC token for `subject` from the fake issuer (audience sigstore). */
  token(subject: string, extra?: Record<string, unknown>): string;
  /** The next `n` requests to `service` answer 503 (a transient outage). */
  failNext(service: 'fulcio' | 'rekor' | 'tsa', n: number): void;
  /** Requests seen per service (audience of GitHub token requests too). */
  requests: Record<string, number>;
  audiences: string[];
  stop(): Promise<void>;
}

function b64url(data: Buffer | string): string {
  return Buffer.from(data).toString('base64url');
}

function der(key: crypto.KeyObject): Buffer {
  return key.export({ type: 'spki', format: 'der' });
}

/**
 * Real Rekor stores a proposed "dsse" entry in canonical form (hashes of the envelope and payload,
 * the signatures with their verifiers), and verifiers check that form; the mock handler logs the
 * body it is given as it is, so the stand-in makes the same transformation before logging.
 * Followed: rekor pkg/types/dsse/v0.0.1/entry.go (Canonicalize), sigstore/rekor v1.3.
 */
function storedRekorEntry(body: string): string {
  const proposed = JSON.parse(body) as {
    kind?: string;
    apiVersion?: string;
    spec?: { proposedContent?: { envelope: string; verifiers: string[] } };
  };
  const content = proposed.spec?.proposedContent;
  if (proposed.kind !== 'dsse' || !content) return body;
  const envelope = JSON.parse(content.envelope) as {
    payload: string;
    signatures: { sig: string }[];
  };
  const sha = (b: Buffer | string): string => crypto.createHash('sha256').update(b).digest('hex');
  return JSON.stringify({
    apiVersion: proposed.apiVersion,
    kind: 'dsse',
    spec: {
      envelopeHash: { algorithm: 'sha256', value: sha(content.envelope) },
      payloadHash: { algorithm: 'sha256', value: sha(Buffer.from(envelope.payload, 'base64')) },
      signatures: envelope.signatures.map((s, i) => ({
        signature: s.sig,
        verifier: content.verifiers[i] ?? content.verifiers[0],
      })),
    },
  });
}

export async function startSigstore(): Promise<SigstoreStandIns> {
  const ec = (): { publicKey: crypto.KeyObject; privateKey: crypto.KeyObject } =>
    crypto.generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const ctKeys = ec();
  const ctlog = await initializeCTLog(ctKeys);
  const ca = await initializeCA(ec(), ctlog);
  const tlogKeys = ec();
  const tlog = await initializeTLog(`${base}/rekor`, tlogKeys);
  const tsa = await initializeTSA(ec());
  // The stand-in stamps genTime with milliseconds and, as DER asks, strips trailing zeros ("…46.5Z");
  // @sigstore/core 3 accepts only exactly three fraction digits and fails one stamp in ten with
  // "invalid time". The real timestamp-authority (Go encoding/asn1) writes whole seconds, so the
  // stand-in's clock does too. getCurrentTime is the mock's own clock field (not in its typings).
  Object.assign(tsa, { getCurrentTime: () => new Date(Math.floor(Date.now() / 1000) * 1000) });
  const oidcKeys = ec();
  const issuer = `${base}/oidc`;
  const githubBearer = crypto.randomBytes(12).toString('hex');

  const handlers: Record<string, { path: string; fn: HandlerFn }> = {
    fulcio: fulcioHandler(ca, { subjectClaim: 'job_workflow_ref' }),
    rekor: rekorHandler(tlog),
    tsa: tsaHandler(tsa),
  };
  const failures: Record<string, number> = { fulcio: 0, rekor: 0, tsa: 0 };
  const requests: Record<string, number> = { fulcio: 0, rekor: 0, tsa: 0, github: 0 };
  const audiences: string[] = [];

  const token = (subject: string, extra: Record<string, unknown> = {}): string => {
    const now = Math.floor(Date.now() / 1000);
    const header = { alg: 'ES256', typ: 'JWT', kid: 'test' };
    const claims = {
      iss: issuer,
      aud: 'sigstore',
      sub: subject,
      job_workflow_ref: subject,
      iat: now,
      nbf: now - 5,
      exp: now + 600,
      ...extra,
    };
    const input = `${b64url(JSON.stringify(header))}.${b64url(JSON.stringify(claims))}`;
    const sig = crypto.sign('sha256', Buffer.from(input), {
      key: oidcKeys.privateKey,
      dsaEncoding: 'ieee-p1363',
    });
    return `${input}.${b64url(sig)}`;
  };

  server.on('request', (req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', base);
      const send = (status: number, body: string | Buffer, type = 'application/json'): void => {
        res.writeHead(status, { 'content-type': type });
        res.end(body);
      };
      if (url.pathname === '/oidc/.well-known/openid-configuration') {
        return send(200, JSON.stringify({ issuer, jwks_uri: `${issuer}/jwks` }));
      }
      if (url.pathname === '/oidc/jwks') {
        const jwk = oidcKeys.publicKey.export({ format: 'jwk' });
        return send(200, JSON.stringify({ keys: [{ ...jwk, kid: 'test', alg: 'ES256' }] }));
      }
      if (url.pathname === '/github/token') {
        requests.github++;
        if (req.headers.authorization !== `bearer ${githubBearer}`) return send(401, '{}');
        const audience = url.searchParams.get('audience') ?? '';
        audiences.push(audience);
        return send(
          200,
          JSON.stringify({
            value: token(
              'https://github.com/acme/gh/.github/workflows/release.yml@refs/heads/main',
              { aud: audience },
            ),
          }),
        );
      }
      const service = url.pathname.split('/')[1];
      const handler = handlers[service];
      if (!handler || url.pathname !== `/${service}${handler.path}`) return send(404, '{}');
      requests[service]++;
      if (failures[service] > 0) {
        failures[service]--;
        return send(503, JSON.stringify({ message: 'stand-in outage' }));
      }
      const body = Buffer.concat(chunks).toString('utf8');
      handler
        .fn(service === 'rekor' ? storedRekorEntry(body) : body)
        .then((r) =>
          send(
            r.statusCode,
            typeof r.response === 'string'
              ? r.response
              : Buffer.from(r.response.buffer, r.response.byteOffset, r.response.byteLength),
            r.contentType ?? 'application/json',
          ),
        )
        .catch((err: unknown) => send(500, JSON.stringify({ message: String(err) })));
    });
  });

  const start = new Date(Date.now() - 3600_000).toISOString();
  const raw = (b: ArrayBufferView): string =>
    Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('base64');
  const trustedRoot = {
    mediaType: 'application/vnd.dev.sigstore.trustedroot+json;version=0.1',
    tlogs: [
      {
        baseUrl: `${base}/rekor`,
        hashAlgorithm: 'SHA2_256',
        publicKey: {
          rawBytes: der(tlogKeys.publicKey).toString('base64'),
          keyDetails: 'PKIX_ECDSA_P256_SHA_256',
          validFor: { start },
        },
        logId: {
          keyId: crypto.createHash('sha256').update(der(tlogKeys.publicKey)).digest('base64'),
        },
      },
    ],
    certificateAuthorities: [
      {
        subject: { organization: 'sigstore.mock', commonName: 'sigstore' },
        uri: `${base}/fulcio`,
        certChain: { certificates: [{ rawBytes: raw(ca.rootCertificate) }] },
        validFor: { start },
      },
    ],
    ctlogs: [
      {
        baseUrl: `${base}/ct`,
        hashAlgorithm: 'SHA2_256',
        publicKey: {
          rawBytes: der(ctKeys.publicKey).toString('base64'),
          keyDetails: 'PKIX_ECDSA_P256_SHA_256',
          validFor: { start },
        },
        logId: { keyId: raw(ctlog.logID) },
      },
    ],
    timestampAuthorities: [
      {
        subject: { organization: 'sigstore.mock', commonName: 'tsa' },
        uri: `${base}/tsa`,
        certChain: {
          certificates: [
            { rawBytes: raw(tsa.intCertificate) },
            { rawBytes: raw(tsa.rootCertificate) },
          ],
        },
        validFor: { start },
      },
    ],
  };

  return {
    fulcioUrl: `${base}/fulcio`,
    rekorUrl: `${base}/rekor`,
    tsaUrl: `${base}/tsa/api/v1/timestamp`,
    issuer,
    githubTokenUrl: `${base}/github/token?api-version=2.0`,
    githubBearer,
    trustedRoot,
    token,
    failNext: (service, n) => {
      failures[service] = n;
    },
    requests,
    audiences,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
