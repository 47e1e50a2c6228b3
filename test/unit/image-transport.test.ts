import { RunError } from '../../src/core/errors';
import type { Logger } from '../../src/core/log';
import { secrets } from '../../src/core/secrets';
import { Authenticator, mergeScopes, pullScope, pushScope } from '../../src/image/transport/auth';
import type { TokenHttp } from '../../src/image/transport/auth';
import { parseChallenges, preferredChallenge } from '../../src/image/transport/challenge';
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { isInsecureHost, isLoopbackHost } from '../../src/image/transport/client';
import { DUMP_LIMIT, HttpConnections } from '../../src/image/transport/http';
import {
  errorForNetwork,
  errorForStatus,
  parseErrorBody,
  redactUrl,
  RegistryError,
} from '../../src/image/transport/errors';
import { backoffDelayMs, parseRetryAfter, withRetry } from '../../src/image/transport/retry';

describe('WWW-Authenticate', () => {
  it('parses a Bearer challenge with quoted values and commas inside quotes', () => {
    const [c] = parseChallenges(
      'Bearer realm="https://auth.example.com/token",service="registry.example.com",scope="repository:a/b:pull,push"',
    );
    expect(c).toEqual({
      scheme: 'bearer',
      params: {
        realm: 'https://auth.example.com/token',
        service: 'registry.example.com',
        scope: 'repository:a/b:pull,push',
      },
    });
  });

  it('parses several challenges, spaces, escapes and token values', () => {
    const cs = parseChallenges(
      'Basic realm="Registry Realm", Bearer realm="https://a/t" , service=reg.io, error="invalid_token", error_description="say \\"hi\\""',
    );
    expect(cs.map((c) => c.scheme)).toEqual(['basic', 'bearer']);
    expect(cs[0]?.params).toEqual({ realm: 'Registry Realm' });
    expect(cs[1]?.params).toEqual({
      realm: 'https://a/t',
      service: 'reg.io',
      error: 'invalid_token',
      error_description: 'say "hi"',
    });
    expect(preferredChallenge(cs)?.scheme).toBe('bearer');
  });

  it('takes several header lines and survives garbage', () => {
    const cs = parseChallenges(['Basic realm="x"', 'BEARER Realm="y"']);
    expect(cs).toEqual([
      { scheme: 'basic', params: { realm: 'x' } },
      { scheme: 'bearer', params: { realm: 'y' } },
    ]);
    expect(parseChallenges(undefined)).toEqual([]);
    expect(parseChallenges('')).toEqual([]);
    // garbage must not hang or throw; stray words read as parameterless schemes
    expect(parseChallenges('=x, ,, "unterminated').map((c) => c.scheme)).toEqual([
      'x',
      'unterminated',
    ]);
    expect(parseChallenges('Bearer realm="unterminated')[0]?.params.realm).toBe('unterminated');
  });
});

describe('redaction and registry errors', () => {
  afterEach(() => secrets.clear());

  it('strips credentials and secret query values from URLs', () => {
    expect(
      redactUrl(
        'https://user:pass@bucket.s3.amazonaws.com/blob?X-Amz-Signature=abc&X-Amz-Credential=def&digest=sha256:1',
      ),
    ).toBe(
      'https://***@bucket.s3.amazonaws.com/blob?X-Amz-Signature=***&X-Amz-Credential=***&digest=sha256:1',
    );
    expect(
      redactUrl('http://127.0.0.1:5000/v2/a/blobs/uploads/u?_state=SECRETSTATE&digest=sha256:ab'),
    ).toBe('http://127.0.0.1:5000/v2/a/blobs/uploads/u?_state=***&digest=sha256:ab');
    expect(redactUrl('https://auth.io/token?scope=repository:a:pull&service=x&token=T0KEN')).toBe(
      'https://auth.io/token?scope=repository:a:pull&service=x&token=***',
    );
    expect(redactUrl('not a url //u:p@h/x?y=z')).toBe('not a url //***@h/x?***');
  });

  it('redacts registered secrets from messages', () => {
    secrets.add('hunter22');
    const err = new RegistryError('token hunter22 failed', { registryMessage: 'bad hunter22' });
    expect(err.message).toBe('token *** failed');
    expect(err.registryMessage).toBe('bad ***');
    expect(err).toBeInstanceOf(RunError);
    expect(err.exitCode).toBe(1);
  });

  it('reads the registry error body', () => {
    expect(
      parseErrorBody(
        '{"errors":[{"code":"DENIED","message":"requested access to the resource is denied"}]}',
      ),
    ).toEqual({
      code: 'DENIED',
      message: 'requested access to the resource is denied',
    });
    expect(parseErrorBody('<html>bad gateway</html>')).toEqual({
      message: '<html>bad gateway</html>',
    });
    expect(parseErrorBody('')).toEqual({});
    expect(parseErrorBody('{"errors":[]}')).toEqual({ message: '{"errors":[]}' });
  });

  it('says what was denied and the fix', () => {
    const push = { access: 'push' as const, repository: 'ghcr.io/o/r', what: 'manifest 1.0' };
    const denied = errorForStatus(
      push,
      403,
      { code: 'DENIED', message: 'nope' },
      'https://ghcr.io/v2/o/r/manifests/1.0',
    );
    expect(denied.message).toBe(
      'manifest 1.0 for ghcr.io/o/r failed (HTTP 403 DENIED nope): the identity lacks push permission on ghcr.io/o/r; grant it write access to that repository.',
    );
    expect(denied.status).toBe(403);
    expect(denied.code).toBe('DENIED');
    expect(denied.retryable).toBe(false);
    const unauthorized = errorForStatus(push, 401, { code: 'UNAUTHORIZED' }, 'https://ghcr.io/v2/');
    expect(unauthorized.message).toMatch(/check the username\/password or token for ghcr.io/);
    const unknown = errorForStatus(
      { ...push, access: 'pull' },
      404,
      { code: 'MANIFEST_UNKNOWN' },
      'https://ghcr.io/v2/',
    );
    expect(unknown.message).toMatch(/no such tag or digest in ghcr.io\/o\/r/);
    const missingRepo = errorForStatus(push, 404, { code: 'NAME_UNKNOWN' }, 'https://x/');
    expect(missingRepo.message).toMatch(/does not exist; create it/);
    const busy = errorForStatus(push, 503, {}, 'https://x/?sig=abc', 2000);
    expect(busy.retryable).toBe(true);
    expect(busy.retryAfterMs).toBe(2000);
    expect(busy.url).toBe('https://x/?sig=***');
    expect(errorForStatus(push, 429, {}, 'https://x/').retryable).toBe(true);
    expect(errorForStatus(push, 501, {}, 'https://x/').retryable).toBe(false);
  });

  it('explains network failures', () => {
    const op = { access: 'pull' as const, repository: 'r.io/a', what: 'manifest 1' };
    const refused = errorForNetwork(
      op,
      Object.assign(new Error('connect'), { code: 'ECONNREFUSED' }),
      'https://r.io:444/v2/',
    );
    expect(refused.message).toMatch(/nothing listens at r.io:444/);
    expect(refused.retryable).toBe(false);
    const reset = errorForNetwork(
      op,
      new Error('x', { cause: Object.assign(new Error('y'), { code: 'ECONNRESET' }) }),
      'https://r.io/v2/',
    );
    expect(reset.retryable).toBe(true);
    const cert = errorForNetwork(
      op,
      Object.assign(new Error('c'), { code: 'SELF_SIGNED_CERT_IN_CHAIN' }),
      'https://r.io/v2/',
    );
    expect(cert.message).toMatch(/registry-ca/);
  });

  it('knows loopback hosts', () => {
    for (const h of ['127.0.0.1:5000', 'localhost', 'LOCALHOST:80', '[::1]:5000', '127.1.2.3']) {
      expect(isLoopbackHost(h)).toBe(true);
    }
    for (const h of ['10.0.0.1:5000', 'ghcr.io', 'localhost.example.com', '128.0.0.1']) {
      expect(isLoopbackHost(h)).toBe(false);
    }
  });
});

describe('retry', () => {
  it('backs off exponentially with jitter, capped, honouring Retry-After', () => {
    const half = { baseDelayMs: 100, maxDelayMs: 1000, random: () => 0.5 };
    expect([0, 1, 2, 3, 4, 5].map((a) => backoffDelayMs(a, half))).toEqual([
      75, 150, 300, 600, 750, 750,
    ]);
    expect(backoffDelayMs(0, { ...half, random: () => 0 })).toBe(50);
    expect(backoffDelayMs(0, { ...half, random: () => 1 })).toBe(100);
    expect(backoffDelayMs(0, half, 5000)).toBe(1000);
    expect(backoffDelayMs(0, half, 200)).toBe(200);
  });

  it('parses Retry-After', () => {
    expect(parseRetryAfter('3')).toBe(3000);
    expect(parseRetryAfter('Thu, 01 Jan 1970 00:00:10 GMT', 4000)).toBe(6000);
    expect(parseRetryAfter(undefined)).toBeUndefined();
    expect(parseRetryAfter('soon')).toBeUndefined();
  });

  it('retries retryable errors up to maxRetries, then throws the last one', async () => {
    const delays: number[] = [];
    let calls = 0;
    const failing = withRetry(
      'x',
      {
        maxRetries: 2,
        baseDelayMs: 10,
        sleep: (ms) => {
          delays.push(ms);
          return Promise.resolve();
        },
        random: () => 1,
      },
      () => {
        calls++;
        return Promise.reject(new RegistryError(`busy ${calls}`, { retryable: true }));
      },
    );
    await expect(failing).rejects.toThrow('busy 3');
    expect(calls).toBe(3);
    expect(delays).toEqual([10, 20]);
  });

  it('does not retry other errors and returns on success', async () => {
    let calls = 0;
    await expect(
      withRetry('x', { maxRetries: 5, sleep: () => Promise.resolve() }, () => {
        calls++;
        return Promise.reject(new RegistryError('denied'));
      }),
    ).rejects.toThrow('denied');
    expect(calls).toBe(1);
    const value = await withRetry(
      'x',
      { maxRetries: 5, sleep: () => Promise.resolve() },
      (attempt) =>
        attempt < 2
          ? Promise.reject(new RegistryError('reset', { retryable: true }))
          : Promise.resolve(attempt),
    );
    expect(value).toBe(2);
  });

  it('waits a Retry-After up to maxRetryAfterMs, naming the limit; a longer one ends at once', async () => {
    const limited = (retryAfterMs: number): RegistryError =>
      new RegistryError('manifest 1 for hub.test/o/r failed (HTTP 429 TOOMANYREQUESTS): …', {
        status: 429,
        retryable: true,
        retryAfterMs,
        registry: 'hub.test',
        rateLimit: '100;w=21600',
      });
    const delays: number[] = [];
    const lines: string[] = [];
    const logger = { warn: (line: string) => lines.push(line) } as unknown as Logger;
    const opts = {
      maxRetries: 5,
      maxDelayMs: 1000,
      maxRetryAfterMs: 60_000,
      logger,
      sleep: (ms: number) => {
        delays.push(ms);
        return Promise.resolve();
      },
    };
    let calls = 0;
    const value = await withRetry('manifest 1', opts, () =>
      ++calls === 1 ? Promise.reject(limited(45_000)) : Promise.resolve('ok'),
    );
    expect([value, delays]).toEqual(['ok', [45_000]]);
    expect(lines).toEqual([
      'manifest 1: hub.test rate-limits this identity (HTTP 429, ratelimit-limit 100;w=21600); it asks to wait 45 s. Retrying in 45.0 s (1/5).',
    ]);

    calls = 0;
    const refused = withRetry('manifest 1', opts, () => {
      calls++;
      return Promise.reject(limited(3_600_000));
    });
    await expect(refused).rejects.toThrow(
      /^manifest 1: hub\.test rate-limits this identity \(HTTP 429, ratelimit-limit 100;w=21600\) and asks to wait 3600 s \(Retry-After\), longer than request-timeout \(60 s\): authenticate for a higher limit, or run again after \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ\.$/,
    );
    await expect(refused).rejects.toMatchObject({ retryable: false, status: 429 });
    expect(calls).toBe(1);
  });
});

describe('Authenticator', () => {
  afterEach(() => secrets.clear());

  type Call = Parameters<TokenHttp>[0];

  function tokenServer(respond: (call: Call) => { status: number; text: string }) {
    const calls: Call[] = [];
    const http: TokenHttp = (req) => {
      calls.push(req);
      return Promise.resolve(respond(req));
    };
    return { calls, http };
  }

  const bearer = parseChallenges('Bearer realm="https://auth.test/token",service="reg.test"');

  it('merges scopes canonically', () => {
    expect(
      mergeScopes([pullScope('b'), pushScope('a'), 'repository:b:push', 'repository:a:pull', '']),
    ).toEqual(['repository:a:pull,push', 'repository:b:pull,push']);
    expect(mergeScopes(['repository:a:pull repository:c:pull'])).toEqual([
      'repository:a:pull',
      'repository:c:pull',
    ]);
  });

  it('gets a Bearer token with Basic auth to the realm and caches it per scope set', async () => {
    let n = 0;
    const { calls, http } = tokenServer(() => ({
      status: 200,
      text: JSON.stringify({ token: `tok-${++n}`, expires_in: 300 }),
    }));
    const auth = new Authenticator('reg.test', { username: 'alice', password: 'secret-pw' }, http);
    auth.setChallenges(bearer);
    expect(await auth.authorization([pushScope('t'), pullScope('src')])).toBe('Bearer tok-1');
    expect(await auth.authorization([pullScope('src'), pushScope('t')])).toBe('Bearer tok-1');
    expect(await auth.authorization([pullScope('t')])).toBe('Bearer tok-2');
    expect(calls).toHaveLength(2);
    const url = new URL(calls[0].url);
    expect(url.origin + url.pathname).toBe('https://auth.test/token');
    expect(url.searchParams.get('service')).toBe('reg.test');
    expect(url.searchParams.getAll('scope')).toEqual([
      'repository:src:pull',
      'repository:t:pull,push',
    ]);
    expect(calls[0].headers.authorization).toBe(
      `Basic ${Buffer.from('alice:secret-pw').toString('base64')}`,
    );
    expect(secrets.redact('x secret-pw tok-1')).toBe('x *** ***');
  });

  it('renews an expired token and re-authenticates after a 401', async () => {
    let now = 1_000_000;
    let n = 0;
    const { calls, http } = tokenServer(() => ({
      status: 200,
      text: JSON.stringify({ access_token: `acc-${++n}`, expires_in: 60 }),
    }));
    const auth = new Authenticator('reg.test', undefined, http, () => now);
    auth.setChallenges(bearer);
    expect(await auth.authorization([pullScope('a')])).toBe('Bearer acc-1');
    expect(calls[0].headers.authorization).toBeUndefined();
    now += 50_000;
    expect(await auth.authorization([pullScope('a')])).toBe('Bearer acc-1');
    now += 5_000; // within the renewal margin of the 60 s lifetime
    expect(await auth.authorization([pullScope('a')])).toBe('Bearer acc-2');
    expect(
      auth.unauthorized(
        parseChallenges(
          'Bearer realm="https://auth.test/token",service="reg.test",scope="repository:a:pull,push",error="invalid_token"',
        ),
        'Bearer acc-2',
      ),
    ).toBe(true);
    expect(await auth.authorization([pullScope('a')])).toBe('Bearer acc-3');
    expect(new URL(calls[2].url).searchParams.getAll('scope')).toEqual(['repository:a:pull,push']);
  });

  it('shares one token request between concurrent callers', async () => {
    const { calls, http } = tokenServer(() => ({ status: 200, text: '{"token":"shared-token"}' }));
    const auth = new Authenticator('reg.test', undefined, http);
    auth.setChallenges(bearer);
    const all = await Promise.all([1, 2, 3].map(() => auth.authorization([pullScope('a')])));
    expect(all).toEqual(['Bearer shared-token', 'Bearer shared-token', 'Bearer shared-token']);
    expect(calls).toHaveLength(1);
  });

  it('uses OAuth2 refresh_token POST for an identity token, falling back to GET on 404', async () => {
    const { calls, http } = tokenServer((req) =>
      req.method === 'POST'
        ? { status: 200, text: '{"access_token":"from-refresh","expires_in":3600}' }
        : { status: 500, text: '' },
    );
    const auth = new Authenticator('reg.test', { identityToken: 'refresh-tok' }, http);
    auth.setChallenges(bearer);
    expect(await auth.authorization([pushScope('a'), pullScope('b')])).toBe('Bearer from-refresh');
    expect(calls[0].method).toBe('POST');
    expect(calls[0].url).toBe('https://auth.test/token');
    const form = new URLSearchParams(calls[0].body);
    expect(Object.fromEntries(form)).toEqual({
      grant_type: 'refresh_token',
      refresh_token: 'refresh-tok',
      client_id: 'slipway',
      service: 'reg.test',
      scope: 'repository:a:pull,push repository:b:pull',
    });

    const fallback = tokenServer((req) =>
      req.method === 'POST'
        ? { status: 404, text: '' }
        : { status: 200, text: '{"token":"via-get"}' },
    );
    const auth2 = new Authenticator('reg.test', { identityToken: 'refresh-tok' }, fallback.http);
    auth2.setChallenges(bearer);
    expect(await auth2.authorization([pullScope('a')])).toBe('Bearer via-get');
    expect(fallback.calls[1].headers.authorization).toBe(
      `Basic ${Buffer.from('<token>:refresh-tok').toString('base64')}`,
    );
  });

  it('sends a registry token as is, and Basic when challenged so', async () => {
    const { calls, http } = tokenServer(() => ({ status: 500, text: '' }));
    const fixed = new Authenticator('reg.test', { registryToken: 'ready-token' }, http);
    fixed.setChallenges(bearer);
    expect(await fixed.authorization([pullScope('a')])).toBe('Bearer ready-token');
    expect(fixed.unauthorized(bearer, 'Bearer ready-token')).toBe(false);
    const basic = new Authenticator('reg.test', { username: 'u', password: 'pw-basic' }, http);
    expect(await basic.authorization([pullScope('a')])).toBeUndefined();
    expect(basic.unauthorized(parseChallenges('Basic realm="r"'), undefined)).toBe(true);
    const header = await basic.authorization([pullScope('a')]);
    expect(header).toBe(`Basic ${Buffer.from('u:pw-basic').toString('base64')}`);
    expect(basic.unauthorized(parseChallenges('Basic realm="r"'), header)).toBe(false);
    expect(calls).toHaveLength(0);
  });

  it('explains a refused token request without leaking the password', async () => {
    const { http } = tokenServer(() => ({
      status: 401,
      text: '{"errors":[{"code":"UNAUTHORIZED","message":"bad creds"}]}',
    }));
    const auth = new Authenticator('reg.test', { username: 'u', password: 'wrong-password' }, http);
    auth.setChallenges(bearer);
    const err = await auth.authorization([pushScope('team/app')]).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RegistryError);
    expect((err as RegistryError).message).toBe(
      'the token service https://auth.test/token of reg.test refused the credentials for repository:team/app:pull,push (HTTP 401 bad creds): check the username/password or token for reg.test.',
    );
    expect((err as RegistryError).status).toBe(401);
  });

  it('rejects a token answer without a token', async () => {
    const { http } = tokenServer(() => ({ status: 200, text: '{"nothing":1}' }));
    const auth = new Authenticator('reg.test', undefined, http);
    auth.setChallenges(bearer);
    await expect(auth.authorization([pullScope('a')])).rejects.toThrow(/answered without a token/);
  });
});

describe('insecure registries and HTTP exchanges', () => {
  const servers: Server[] = [];
  const connections = new HttpConnections({ rejectUnauthorized: true });
  afterAll(async () => {
    connections.close();
    for (const s of servers) {
      s.closeAllConnections();
      await new Promise((resolve) => s.close(resolve));
    }
  });
  async function serve(handler: (req: IncomingMessage, res: ServerResponse) => void) {
    const server = createServer(handler);
    server.on('checkContinue', handler);
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  it('matches a registry by its name or its API host, and nothing else', () => {
    expect(isInsecureHost('registry.internal:5000', ['registry.internal:5000'])).toBe(true);
    expect(isInsecureHost('registry-1.docker.io', ['docker.io'])).toBe(true);
    expect(isInsecureHost('registry.internal', ['registry.internal:5000'])).toBe(false);
    expect(isInsecureHost('other.internal:5000', ['registry.internal:5000'])).toBe(false);
    expect(isInsecureHost('registry.internal:5000', [])).toBe(false);
  });

  it('waits a short budget for the answer of a request that was taken and never answered', async () => {
    const url = await serve((req) => req.resume());
    const started = Date.now();
    const err = await connections
      .request(`${url}/v2/`, {
        method: 'GET',
        headers: {},
        timeoutMs: 60_000,
        headersTimeoutMs: 300,
      })
      .then(
        () => undefined,
        (e: unknown) => e as { code?: string },
      );
    expect(err?.code).toBe('ETIMEDOUT');
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('ends an exchange at its deadline even while bytes keep dripping', async () => {
    const url = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/plain' });
      const drip = setInterval(() => (res.destroyed ? clearInterval(drip) : res.write('x')), 50);
    });
    const res = await connections.request(url, {
      method: 'GET',
      headers: {},
      timeoutMs: 60_000,
      deadlineMs: 500,
    });
    const started = Date.now();
    await expect(
      (async () => {
        for await (const chunk of res.body) void chunk;
      })(),
    ).rejects.toThrow();
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('drains an endless unwanted body only up to the limit', async () => {
    let sent = 0;
    const url = await serve((_req, res) => {
      res.writeHead(401, { 'content-type': 'text/plain' });
      const block = Buffer.alloc(16 * 1024, 0x61);
      const pump = (): void => {
        for (let i = 0; i < 16 && !res.destroyed; i++) {
          sent += block.length;
          if (!res.write(block)) {
            res.once('drain', pump);
            return;
          }
        }
        if (!res.destroyed) setImmediate(pump);
      };
      pump();
    });
    const res = await connections.request(url, { method: 'GET', headers: {}, timeoutMs: 60_000 });
    await res.body.dump();
    expect(res.body.destroyed).toBe(true);
    expect(sent).toBeGreaterThan(DUMP_LIMIT);
  });

  it('keeps one connection for requests whose small answers are dumped unread', async () => {
    let opened = 0;
    const url = await serve((req, res) => {
      req.resume();
      if (req.method === 'HEAD') {
        res.writeHead(404, { 'content-length': '2' });
        res.end();
        return;
      }
      res.writeHead(202, { 'content-type': 'application/json' });
      res.end('{}');
    });
    servers[servers.length - 1].on('connection', () => opened++);
    const own = new HttpConnections({ rejectUnauthorized: true });
    try {
      for (const method of ['GET', 'HEAD', 'POST', 'GET', 'HEAD']) {
        const res = await own.request(`${url}/v2/`, { method, headers: {}, timeoutMs: 60_000 });
        // Received whole before it is dumped: the case that used to hold its socket.
        await new Promise((resolve) => setTimeout(resolve, 20));
        await res.body.dump();
      }
    } finally {
      own.close();
    }
    expect(opened).toBe(1);
  });

  it('opens a large body only when the server asks for it (Expect: 100-continue)', async () => {
    const url = await serve((req, res) => {
      if (req.url === '/refuse') {
        res.writeHead(405, { connection: 'close' });
        res.end();
        return;
      }
      res.writeContinue();
      let got = 0;
      req.on('data', (c: Buffer) => (got += c.length));
      req.on('end', () => res.end(String(got)));
    });
    let opened = 0;
    const body = () => {
      opened++;
      return Promise.resolve(Readable.from([Buffer.alloc(2 * 1024 * 1024, 1)]));
    };
    const headers = { 'content-length': String(2 * 1024 * 1024) };
    const refused = await connections.request(`${url}/refuse`, {
      method: 'PUT',
      headers,
      body,
      timeoutMs: 60_000,
      expectContinue: true,
    });
    await refused.body.dump();
    expect([refused.statusCode, opened]).toEqual([405, 0]);
    const taken = await connections.request(`${url}/take`, {
      method: 'PUT',
      headers,
      body,
      timeoutMs: 60_000,
      expectContinue: true,
    });
    let text = '';
    for await (const chunk of taken.body) text += String(chunk);
    expect([taken.statusCode, text, opened]).toEqual([200, String(2 * 1024 * 1024), 1]);
  });
});
