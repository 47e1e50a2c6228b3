/**
 * Issue 6, the rules behind the hostile-registry corpus, one by one: where credentials may go to
 * get a token, what a refusal says, which broken transfers are worth repeating, and a manifest
 * read that breaks mid-body (served by an in-process loopback server) being read again.
 */
import http from 'node:http';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { sha256 } from '../../src/image/digest';
import { parseReference } from '../../src/image/reference';
import { fetchManifest } from '../../src/image/remote/read';
import { VerifyingStream } from '../../src/image/remote/verify';
import { checkRealm } from '../../src/image/transport/auth';
import { Transport } from '../../src/image/transport/client';
import { errorForNetwork, errorForStatus, RegistryError } from '../../src/image/transport/errors';
import { MediaType } from '../../src/image/types';
import { listenOnLoopback } from '../fixtures/ports';

function refusal(realm: string, insecure = false): string | undefined {
  try {
    checkRealm(realm, 'registry.example', insecure);
    return undefined;
  } catch (err) {
    return err instanceof RegistryError ? err.message : String(err);
  }
}

describe('token realms', () => {
  it('accepts HTTPS realms on any host: Docker Hub, GitLab, ACR, GAR, ECR delegate tokens', () => {
    for (const realm of [
      'https://auth.docker.io/token',
      'https://gitlab.example.com/jwt/auth',
      'https://myreg.azurecr.io/oauth2/token',
      'https://europe-docker.pkg.dev/v2/token',
      'https://registry.example/token',
    ]) {
      expect(refusal(realm)).toBeUndefined();
    }
  });

  it('accepts plain HTTP only on this machine, or when the registry is marked insecure', () => {
    expect(refusal('http://127.0.0.1:5001/token')).toBeUndefined();
    expect(refusal('http://localhost/token')).toBeUndefined();
    expect(refusal('http://[::1]:8080/token')).toBeUndefined();
    expect(refusal('http://auth.registry.example/token')).toMatch(
      /registry\.example named the token realm http:\/\/auth\.registry\.example\/token on plain HTTP; .* set insecure-registry: true/,
    );
    expect(refusal('http://registry.example/token')).toMatch(/on plain HTTP/);
    expect(refusal('http://10.0.0.5/token')).toMatch(/on plain HTTP/);
    expect(refusal('http://auth.registry.example/token', true)).toBeUndefined();
  });

  it('refuses realms that are not http(s) URLs, and never echoes a query', () => {
    expect(refusal('file:///etc/passwd')).toMatch(/not an http or https URL/);
    expect(refusal('ftp://auth.example/token', true)).toMatch(/not an http or https URL/);
    expect(refusal('not a url')).toMatch(/which is not a URL/);
    expect(refusal('http://evil.example/token?password=hunter2')).not.toContain('hunter2');
  });
});

describe('what a refusal says', () => {
  const op = { access: 'push' as const, repository: 'reg.example/o/r', what: 'manifest 1' };

  it('explains a redirect Slipway does not follow, and a refusal without a reason', () => {
    expect(errorForStatus(op, 307, {}, 'https://reg.example/v2/').message).toMatch(
      /HTTP 307\): the registry redirected a request that Slipway follows only for blob downloads/,
    );
    expect(errorForStatus(op, 400, {}, 'https://reg.example/v2/').message).toMatch(
      /HTTP 400\): the registry gave no reason/,
    );
    expect(errorForStatus(op, 400, { message: 'bad' }, 'https://reg.example/v2/').message).toMatch(
      /HTTP 400 bad\): see the registry's message/,
    );
  });

  it('fails configuration errors at once and repeats only transient ones', () => {
    const url = 'https://reg.example/v2/';
    const retryable = (status: number): boolean => errorForStatus(op, status, {}, url).retryable;
    expect([400, 401, 403, 404, 405, 413].map(retryable)).toEqual([
      false,
      false,
      false,
      false,
      false,
      false,
    ]);
    expect([408, 429, 500, 502, 503, 504].map(retryable)).toEqual([
      true,
      true,
      true,
      true,
      true,
      true,
    ]);
  });

  it('tells a plain-HTTP port from an untrusted certificate', () => {
    const wrong = Object.assign(new Error('wrong version'), {
      code: 'ERR_SSL_WRONG_VERSION_NUMBER',
    });
    expect(errorForNetwork(op, wrong, 'https://reg.example:5000/v2/').message).toMatch(
      /reg\.example:5000 does not speak TLS; check the port, or set insecure-registry: true/,
    );
    const untrusted = Object.assign(new Error('self signed'), {
      code: 'DEPTH_ZERO_SELF_SIGNED_CERT',
    });
    expect(errorForNetwork(op, untrusted, 'https://reg.example/v2/').message).toMatch(
      /registry-ca/,
    );
    const reset = Object.assign(new Error('reset'), { code: 'ECONNRESET' });
    expect(errorForNetwork(op, reset, 'https://reg.example/v2/').retryable).toBe(true);
  });
});

describe('bytes checked while streaming', () => {
  const bytes = Buffer.from('layer bytes');
  const descriptor = {
    mediaType: MediaType.OciLayerGzip,
    digest: sha256(bytes),
    size: bytes.length,
  };

  async function verify(data: Buffer): Promise<RegistryError | undefined> {
    try {
      await pipeline(
        Readable.from([data]),
        new VerifyingStream(descriptor, 'blob x'),
        async (s) => {
          for await (const chunk of s) void chunk;
        },
      );
      return undefined;
    } catch (err) {
      return err as RegistryError;
    }
  }

  it('passes the right bytes, repeats a short read, fails changed bytes at once', async () => {
    expect(await verify(bytes)).toBeUndefined();
    const short = await verify(bytes.subarray(0, 4));
    expect(short?.message).toMatch(/ended after 4 of 11 bytes/);
    expect(short?.retryable).toBe(true);
    const changed = await verify(Buffer.from('LAYER BYTES'));
    expect(changed?.message).toMatch(/has digest sha256:[0-9a-f]{64}, not sha256:/);
    expect(changed?.retryable).toBe(false);
    const long = await verify(Buffer.concat([bytes, bytes]));
    expect(long?.message).toMatch(/longer than the 11 bytes/);
  });
});

describe('a manifest read that breaks mid-body', () => {
  const manifest = Buffer.from(
    JSON.stringify({
      schemaVersion: 2,
      mediaType: MediaType.OciManifest,
      config: { mediaType: MediaType.OciConfig, digest: sha256('{}'), size: 2 },
      layers: [],
    }),
  );
  let server: http.Server;
  let host: string;
  let gets = 0;

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      if (req.url === '/v2/') {
        res.writeHead(200);
        res.end();
        return;
      }
      gets++;
      res.writeHead(200, {
        'content-type': MediaType.OciManifest,
        'content-length': String(manifest.length),
      });
      if (gets === 1) {
        // Half the body, then the connection drops.
        res.write(manifest.subarray(0, manifest.length >> 1), () => res.socket?.destroy());
        return;
      }
      res.end(manifest);
    });
    host = await listenOnLoopback(server);
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it('is read again and checked against its digest', async () => {
    const transport = new Transport({ retryBaseDelayMs: 1 });
    try {
      const fetched = await fetchManifest(
        transport,
        parseReference(`${host}/x@${sha256(manifest)}`),
      );
      expect(fetched.descriptor.digest).toBe(sha256(manifest));
      expect(gets).toBe(2);
    } finally {
      await transport.close();
    }
  });
});
