import http from 'node:http';
import { secrets } from '../../src/core/secrets';
import { parseReference } from '../../src/image/reference';
import { fetchBlob, headManifest, resolveBase } from '../../src/image/remote/read';
import { pushImage } from '../../src/image/remote/write';
import { Transport } from '../../src/image/transport/client';
import type { RegistryCredentials } from '../../src/image/transport/credentials';
import { RegistryError } from '../../src/image/transport/errors';
import { skopeoInspect } from '../fixtures/clients';
import { seedBusyboxBase } from '../fixtures/images';
import { listenOnLoopback } from '../fixtures/ports';
import { startRegistry } from '../fixtures/registry';
import type { TestRegistry } from '../fixtures/registry';
import { AMD64, testImage, testLayer } from './remote-image-helpers';

const transports: Transport[] = [];
function transportWith(credentials?: RegistryCredentials): Transport {
  const t = new Transport({
    credentials: () => Promise.resolve(credentials),
    retryBaseDelayMs: 5,
  });
  transports.push(t);
  return t;
}

afterEach(async () => {
  await Promise.all(transports.splice(0).map((t) => t.close()));
});

async function failure(p: Promise<unknown>): Promise<RegistryError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(RegistryError);
  return err as RegistryError;
}

describe('htpasswd (Basic) registry', () => {
  let reg: TestRegistry;
  beforeAll(async () => {
    reg = await startRegistry({ auth: 'htpasswd' });
  });
  afterAll(() => reg?.stop());

  it('pushes with Basic credentials, refuses wrong or missing ones clearly', async () => {
    const image = testImage(AMD64, [await testLayer({ 'basic.txt': 'basic' })]);
    const target = parseReference(`${reg.host}/basic/app`);
    const result = await pushImage(target, image, ['1'], {
      transport: transportWith({ username: reg.username, password: reg.password }),
    });
    expect(result.stats.blobsUploaded).toBe(2);
    const raw = await skopeoInspect(`${reg.host}/basic/app:1`, { raw: true, creds: reg.creds });
    expect(raw).toEqual(image.manifest);

    const wrong = await failure(
      pushImage(target, image, ['2'], {
        transport: transportWith({ username: reg.username, password: 'not-the-password' }),
      }),
    );
    expect(wrong.status).toBe(401);
    expect(wrong.message).toMatch(
      new RegExp(
        `^checking blob sha256:[0-9a-f]{64} for ${reg.host}/basic/app failed \\(HTTP 401\\): the registry did not accept the credentials; check the username/password or token for ${reg.host}`,
      ),
    );
    expect(wrong.message).not.toContain('not-the-password');

    const anonymous = await failure(headManifest(transportWith(), target.withTag('1')));
    expect(anonymous.status).toBe(401);
  });
});

describe('token registry', () => {
  let reg: TestRegistry;
  beforeAll(async () => {
    reg = await startRegistry({ auth: 'token' });
  });
  afterAll(() => reg?.stop());
  afterEach(() => {
    const server = reg.tokenServer;
    if (server) {
      server.settings.lifetimeSeconds = 300;
      server.settings.responseFields = 'both';
      server.settings.anonymousPull = false;
      server.settings.grant = undefined;
    }
  });

  const tokenServer = () => {
    if (!reg.tokenServer) throw new Error('token mode without a token server');
    return reg.tokenServer;
  };
  const user = (): RegistryCredentials => ({ username: reg.username, password: reg.password });

  it('gets one token for the target push and the mount source pull, and mounts', async () => {
    await seedBusyboxBase(reg, 'base/busybox:1');
    const transport = transportWith(user());
    const base = await resolveBase(transport, parseReference(`${reg.host}/base/busybox:1`));
    const [basePlatform] = base.images;
    if (!basePlatform) throw new Error('no base image');
    const image = testImage(
      basePlatform.platform,
      [await testLayer({ 'a.txt': 'a' })],
      basePlatform,
    );
    const before = tokenServer().requests.length;

    const result = await pushImage(parseReference(`${reg.host}/team/app`), image, ['1'], {
      transport,
    });

    expect(result.stats.blobsMounted).toBe(basePlatform.layers.length);
    const requests = tokenServer().requests.slice(before);
    expect(requests).toHaveLength(1);
    const [request] = requests;
    expect(request?.method).toBe('GET');
    expect(request?.account).toBe(reg.username);
    expect(request?.query.service).toEqual([tokenServer().service]);
    expect(request?.query.scope).toEqual([
      'repository:base/busybox:pull',
      'repository:team/app:pull,push',
    ]);
    expect(request?.authorization).toBe(
      `Basic ${Buffer.from(`${reg.username}:${reg.password}`).toString('base64')}`,
    );
    expect(secrets.redact(`x ${reg.password ?? ''}`)).toBe('x ***');
  });

  it('reads tokens from either field of the response', async () => {
    tokenServer().settings.responseFields = 'access_token';
    const image = testImage(AMD64, [await testLayer({ 'b.txt': 'b' })]);
    await pushImage(parseReference(`${reg.host}/fields/app`), image, ['1'], {
      transport: transportWith(user()),
    });
    tokenServer().settings.responseFields = 'token';
    expect(
      await headManifest(transportWith(user()), parseReference(`${reg.host}/fields/app:1`)),
    ).toEqual(expect.objectContaining({ digest: image.descriptor.digest }));
  });

  it('exchanges an identity token with an OAuth2 refresh_token POST', async () => {
    tokenServer().addRefreshToken('refresh-identity-token-1', reg.username ?? '');
    const before = tokenServer().requests.length;
    const image = testImage(AMD64, [await testLayer({ 'c.txt': 'c' })]);
    await pushImage(parseReference(`${reg.host}/oauth/app`), image, ['1'], {
      transport: transportWith({ identityToken: 'refresh-identity-token-1' }),
    });
    const [request] = tokenServer().requests.slice(before);
    expect(request?.method).toBe('POST');
    expect(request?.status).toBe(200);
    expect(request?.form.grant_type).toEqual(['refresh_token']);
    expect(request?.form.refresh_token).toEqual(['refresh-identity-token-1']);
    expect(request?.form.scope).toEqual(['repository:oauth/app:pull,push']);
    expect(request?.account).toBe(reg.username);
  });

  it('sends a registry token as is, without asking the token server', async () => {
    const token = tokenServer().issueToken(reg.username, ['repository:ready/app:pull,push']);
    const before = tokenServer().requests.length;
    const image = testImage(AMD64, [await testLayer({ 'd.txt': 'd' })]);
    await pushImage(parseReference(`${reg.host}/ready/app`), image, ['1'], {
      transport: transportWith({ registryToken: token }),
    });
    expect(tokenServer().requests.length).toBe(before);
    expect(await skopeoInspect(`${reg.host}/ready/app:1`, { raw: true, creds: reg.creds })).toEqual(
      image.manifest,
    );
  });

  it('re-authenticates once after a 401 for an expired token, then fails if it repeats', async () => {
    const image = testImage(AMD64, [await testLayer({ 'e.txt': 'e' })]);
    const ref = parseReference(`${reg.host}/expiry/app`);
    const transport = transportWith(user());
    await pushImage(ref, image, ['1'], { transport });

    // Tokens already past distribution's 60 s leeway: the registry rejects each one.
    tokenServer().settings.lifetimeSeconds = -120;
    const fresh = transportWith(user());
    let before = tokenServer().requests.length;
    const err = await failure(headManifest(fresh, ref.withTag('1')));
    expect(err.status).toBe(401);
    expect(tokenServer().requests.length - before).toBe(2);

    // The cached (expired) token is rejected once, one new token is fetched, and it works.
    tokenServer().settings.lifetimeSeconds = 300;
    before = tokenServer().requests.length;
    expect((await headManifest(fresh, ref.withTag('1')))?.digest).toBe(image.descriptor.digest);
    expect(tokenServer().requests.length - before).toBe(1);
  });

  it('says the identity lacks push permission when the token grants pull only', async () => {
    tokenServer().settings.grant = (_account, _type, _name, actions) =>
      actions.filter((a) => a === 'pull');
    const image = testImage(AMD64, [await testLayer({ 'f.txt': 'f' })]);
    const err = await failure(
      pushImage(parseReference(`${reg.host}/readonly/app`), image, ['1'], {
        transport: transportWith(user()),
      }),
    );
    expect(err.status).toBe(401);
    expect(err.message).toMatch(
      new RegExp(
        `the identity lacks push permission on ${reg.host}/readonly/app; grant it write access`,
      ),
    );
  });

  it('refuses wrong credentials at the token service with a clear message', async () => {
    const err = await failure(
      headManifest(
        transportWith({ username: reg.username, password: 'wrong-password-123' }),
        parseReference(`${reg.host}/expiry/app:1`),
      ),
    );
    expect(err.status).toBe(401);
    expect(err.message).toBe(
      `the token service ${tokenServer().realm} of ${reg.host} refused the credentials for repository:expiry/app:pull (HTTP 401 bad credentials): check the username/password or token for ${reg.host}.`,
    );
  });

  it('pulls anonymously when the token service allows it', async () => {
    tokenServer().settings.anonymousPull = true;
    const d = await headManifest(transportWith(), parseReference(`${reg.host}/expiry/app:1`));
    expect(d?.digest).toMatch(/^sha256:/);
  });
});

describe('blob redirects', () => {
  const servers: http.Server[] = [];
  afterAll(async () => {
    for (const s of servers) {
      s.closeAllConnections();
      await new Promise((resolve) => s.close(resolve));
    }
  });

  it('follows a redirect to storage without sending the Authorization header there', async () => {
    const payload = Buffer.from('blob bytes served by storage');
    const { sha256 } = await import('../../src/image/digest');
    const digest = sha256(payload);
    const storageSeen: http.IncomingHttpHeaders[] = [];
    const registrySeen: http.IncomingHttpHeaders[] = [];

    const storage = http.createServer((req, res) => {
      storageSeen.push(req.headers);
      res.writeHead(200, { 'content-length': String(payload.length) });
      res.end(payload);
    });
    servers.push(storage);
    const storageHost = (await listenOnLoopback(storage)).replace('127.0.0.1', 'localhost');

    const registry = http.createServer((req, res) => {
      registrySeen.push(req.headers);
      if (req.headers.authorization === undefined) {
        res.writeHead(401, { 'www-authenticate': 'Basic realm="fake"' });
        res.end();
        return;
      }
      if (req.url === `/v2/r/blobs/${digest}`) {
        res.writeHead(307, {
          location: `http://${storageHost}/bucket/blob?X-Amz-Signature=s3cr3t`,
        });
        res.end();
        return;
      }
      res.writeHead(404);
      res.end();
    });
    servers.push(registry);
    const registryHost = await listenOnLoopback(registry);

    const transport = transportWith({ username: 'alice', password: 'redirect-secret' });
    const stream = await fetchBlob(transport, parseReference(`${registryHost}/r`), {
      mediaType: 'application/octet-stream',
      digest,
      size: payload.length,
    });
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(chunk as Buffer);
    expect(Buffer.concat(chunks).equals(payload)).toBe(true);

    expect(registrySeen.some((h) => h.authorization?.startsWith('Basic '))).toBe(true);
    expect(storageSeen).toHaveLength(1);
    expect(storageSeen[0]?.authorization).toBeUndefined();
    expect(storageSeen[0]?.host).toBe(storageHost);
  });

  it('fails a blob whose bytes do not match its digest', async () => {
    const server = http.createServer((req, res) => {
      if (req.url === '/v2/') {
        res.writeHead(200);
        res.end();
        return;
      }
      res.writeHead(200);
      res.end('tampered');
    });
    servers.push(server);
    const host = await listenOnLoopback(server);
    const { sha256 } = await import('../../src/image/digest');
    const stream = await fetchBlob(transportWith(), parseReference(`${host}/r`), {
      mediaType: 'application/octet-stream',
      digest: sha256('original'),
      size: 'tampered'.length,
    });
    const read = async () => {
      for await (const _ of stream) void _;
    };
    await expect(read()).rejects.toThrow(
      new RegExp(`blob ${sha256('original')} of ${host}/r has digest ${sha256('tampered')}`),
    );
  });
});
