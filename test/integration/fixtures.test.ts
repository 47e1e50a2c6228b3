import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { podmanBuild, podmanPush, podmanRun, skopeoCopy, skopeoInspect } from '../fixtures/clients';
import { seedBusyboxBase } from '../fixtures/images';
import { startProxy } from '../fixtures/proxy';
import { startRegistry } from '../fixtures/registry';
import type { RegistryAuth, TestRegistry } from '../fixtures/registry';

interface InspectOutput {
  Architecture: string;
  Os: string;
  Layers: string[];
  Digest: string;
}
interface RawManifest {
  mediaType: string;
  config: { size: number };
  layers: { size: number }[];
}
interface RawIndex {
  mediaType: string;
  manifests: { digest: string; platform: { os: string; architecture: string } }[];
}
interface ImageConfig {
  architecture: string;
  config: { User?: string; WorkingDir?: string };
}

describe.each<RegistryAuth>(['none', 'htpasswd', 'token'])('registry with auth %s', (auth) => {
  let reg: TestRegistry;
  beforeAll(async () => {
    reg = await startRegistry({ auth });
  });
  afterAll(async () => {
    await reg.stop();
  });

  it('takes a seeded single-platform base that skopeo inspects', async () => {
    const seeded = await seedBusyboxBase(reg, 'fx/base:1', { marker: `m-${auth}` });
    const info = (await skopeoInspect(`${reg.host}/fx/base:1`, {
      creds: reg.creds,
    })) as InspectOutput;
    expect(info).toMatchObject({ Architecture: 'amd64', Os: 'linux', Digest: seeded.digest });
    expect(info.Layers).toHaveLength(2);
  });

  it('takes a multi-platform base as an index', async () => {
    const seeded = await seedBusyboxBase(reg, 'fx/multi:1', {
      platforms: ['linux/amd64', 'linux/arm64'],
    });
    const raw = (await skopeoInspect(`${reg.host}/fx/multi:1`, {
      raw: true,
      creds: reg.creds,
    })) as RawIndex;
    expect(raw.mediaType).toBe('application/vnd.oci.image.index.v1+json');
    expect(raw.manifests.map((m) => `${m.platform.os}/${m.platform.architecture}`)).toEqual([
      'linux/amd64',
      'linux/arm64',
    ]);
    expect(seeded.manifests.map((m) => m.digest)).toEqual(raw.manifests.map((m) => m.digest));
    const arm = (await skopeoInspect(`${reg.host}/fx/multi@${raw.manifests[1].digest}`, {
      config: true,
      creds: reg.creds,
    })) as ImageConfig;
    expect(arm.architecture).toBe('arm64');
  });

  it('runs the base with podman', async () => {
    const out = await podmanRun(`${reg.host}/fx/base:1`, ['cat', '/etc/base-marker'], {
      creds: reg.creds,
    });
    expect(out).toEqual({ code: 0, stdout: `m-${auth}\n`, stderr: '' });
  });

  it('refuses a pull without credentials', async () => {
    const out = await podmanRun(`${reg.host}/fx/base:1`, ['true']);
    expect(out.code === 0).toBe(auth === 'none');
  });
});

describe('runner-like and multi-platform bases under podman', () => {
  let reg: TestRegistry;
  beforeAll(async () => {
    reg = await startRegistry();
  });
  afterAll(async () => {
    await reg.stop();
  });

  it('runs as 10000 with /pulsar/connectors owned 10000:10001', async () => {
    await seedBusyboxBase(reg, 'fx/runner:1', { runnerLike: true });
    const config = (await skopeoInspect(`${reg.host}/fx/runner:1`, {
      config: true,
    })) as ImageConfig;
    expect(config.config).toMatchObject({ User: '10000', WorkingDir: '/pulsar' });
    const out = await podmanRun(`${reg.host}/fx/runner:1`, [
      'bash',
      '-c',
      'id -u; id -g; stat -c %u:%g /pulsar/connectors',
    ]);
    expect(out).toEqual({ code: 0, stdout: '10000\n10001\n10000:10001\n', stderr: '' });
  });

  it('pulls the amd64 member of an index', async () => {
    await seedBusyboxBase(reg, 'fx/multi:2', { platforms: ['linux/amd64', 'linux/arm64'] });
    const out = await podmanRun(`${reg.host}/fx/multi:2`, ['cat', '/etc/base-platform']);
    expect(out.stdout).toBe('linux/amd64\n');
  });

  it('builds and pushes a Dockerfile with podman, and copies with skopeo', async () => {
    await seedBusyboxBase(reg, 'fx/base:1', { marker: 'for-build' });
    const ctx = await fsp.mkdtemp(path.join(os.tmpdir(), 'slipway-test-ctx-'));
    try {
      await fsp.writeFile(path.join(ctx, 'hello.txt'), 'hello\n');
      await fsp.writeFile(
        path.join(ctx, 'Dockerfile'),
        `FROM ${reg.host}/fx/base:1\nCOPY hello.txt /hello.txt\n`,
      );
      const tag = `${reg.host}/fx/built:1`;
      await podmanBuild(ctx, path.join(ctx, 'Dockerfile'), tag);
      const pushed = await podmanPush(tag);
      const info = (await skopeoInspect(tag)) as InspectOutput;
      expect(info.Digest).toBe(pushed.digest);
      expect(info.Layers).toHaveLength(3);
      const copied = await skopeoCopy(tag, `${reg.host}/fx/copied:1`);
      expect(copied.digest).toBe(pushed.digest);
    } finally {
      await fsp.rm(ctx, { recursive: true, force: true });
    }
  });
});

describe('proxy', () => {
  let reg: TestRegistry;
  beforeAll(async () => {
    reg = await startRegistry({ auth: 'htpasswd' });
  });
  afterAll(async () => {
    await reg.stop();
  });

  it('counts the blob bytes of a seed pushed through it', async () => {
    const proxy = await startProxy(reg.host);
    try {
      await seedBusyboxBase({ ...reg, host: proxy.host }, 'fx/proxied:1', { marker: 'proxied' });
      const raw = (await skopeoInspect(`${reg.host}/fx/proxied:1`, {
        raw: true,
        creds: reg.creds,
      })) as RawManifest;
      const blobBytes = raw.config.size + raw.layers.reduce((sum, l) => sum + l.size, 0);
      const stats = proxy.stats();
      // Every upload went through the proxy: the registry's Location headers were rewritten.
      expect(stats.uploadBytes).toBe(blobBytes);
      expect(stats.byKind['PUT manifest'].requests).toBe(1);
      expect(stats.log.every((e) => e.action === 'pass')).toBe(true);
    } finally {
      await proxy.stop();
    }
  });

  it('injects replies, resets and delays', async () => {
    const proxy = await startProxy(reg.host, {
      onRequest: (req) => {
        if (req.url.startsWith('/v2/teapot')) return { status: 418, body: 'short and stout' };
        if (req.url.startsWith('/v2/reset')) return 'reset';
        if (req.kind === 'ping') return { delayMs: 200 };
        if (req.method === 'PATCH') return { resetAfterBytes: 64 * 1024 };
        return 'pass';
      },
    });
    try {
      const teapot = await fetch(`http://${proxy.host}/v2/teapot/manifests/1`);
      expect(teapot.status).toBe(418);
      expect(await teapot.text()).toBe('short and stout');
      await expect(fetch(`http://${proxy.host}/v2/reset/manifests/1`)).rejects.toThrow();
      const started = Date.now();
      const ping = await fetch(`http://${proxy.host}/v2/`);
      expect(ping.status).toBe(401);
      expect(Date.now() - started).toBeGreaterThanOrEqual(190);
      const basic = `Basic ${Buffer.from(reg.creds ?? '').toString('base64')}`;
      const session = await fetch(`http://${proxy.host}/v2/cut/blobs/uploads/`, {
        method: 'POST',
        headers: { authorization: basic },
      });
      expect(session.status).toBe(202);
      const location = session.headers.get('location') ?? '';
      expect(location.startsWith(`http://${proxy.host}/`)).toBe(true);
      await expect(
        fetch(location, {
          headers: { authorization: basic, 'content-type': 'application/octet-stream' },
          method: 'PATCH',
          body: Buffer.alloc(8 * 1024 * 1024),
        }),
      ).rejects.toThrow();
      const log = proxy.stats().log;
      expect(log.map((e) => `${e.action} ${e.status ?? '-'}`)).toEqual([
        'reply 418',
        'reset -',
        'pass 401',
        'pass 202',
        'cut -',
      ]);
      expect(log[4].requestBytes).toBeGreaterThanOrEqual(64 * 1024);
      expect(log[4].requestBytes).toBeLessThan(8 * 1024 * 1024);
      proxy.reset();
      expect(proxy.stats().requests).toBe(0);
    } finally {
      await proxy.stop();
    }
  });
});

describe('token server', () => {
  let reg: TestRegistry;
  beforeAll(async () => {
    reg = await startRegistry({ auth: 'token' });
    await seedBusyboxBase(reg, 'fx/base:1');
  });
  afterAll(async () => {
    await reg.stop();
  });

  const server = () => {
    if (!reg.tokenServer) throw new Error('token mode without a token server');
    return reg.tokenServer;
  };
  const manifestStatus = async (token: string): Promise<number> =>
    (
      await fetch(`http://${reg.host}/v2/fx/base/manifests/1`, {
        method: 'HEAD',
        headers: {
          authorization: `Bearer ${token}`,
          accept: 'application/vnd.oci.image.manifest.v1+json',
        },
      })
    ).status;

  it('recorded the Basic-authenticated GET of the seed push', () => {
    const basic = `Basic ${Buffer.from(`${reg.username}:${reg.password}`).toString('base64')}`;
    const get = server().requests.find((r) => r.method === 'GET' && r.authorization === basic);
    expect(get).toMatchObject({ status: 200, account: reg.username });
    expect(get?.query.service).toEqual([server().service]);
    expect(get?.granted.join(' ')).toContain('repository:fx/base:pull,push');
  });

  it('answers the OAuth2 password and refresh_token grants with tokens the registry takes', async () => {
    const post = async (form: Record<string, string>) => {
      const res = await fetch(server().realm, { method: 'POST', body: new URLSearchParams(form) });
      return { status: res.status, body: (await res.json()) as Record<string, string> };
    };
    const scope = 'repository:fx/base:pull';
    const first = await post({
      grant_type: 'password',
      username: reg.username ?? '',
      password: reg.password ?? '',
      service: server().service,
      scope,
      access_type: 'offline',
      client_id: 'slipway-test',
    });
    expect(first.status).toBe(200);
    expect(first.body.refresh_token).toMatch(/^refresh-/);
    const second = await post({
      grant_type: 'refresh_token',
      refresh_token: first.body.refresh_token,
      service: server().service,
      scope,
    });
    expect(second.status).toBe(200);
    expect(await manifestStatus(second.body.access_token)).toBe(200);
    const bad = await post({ grant_type: 'refresh_token', refresh_token: 'nope', scope });
    expect(bad.status).toBe(401);
    expect(server().requests.at(-1)?.form.refresh_token).toEqual(['nope']);
  });

  it('returns the configured fields, grants anonymous pull only when asked, and expires tokens', async () => {
    const anonUrl = `${server().realm}?service=${server().service}&scope=repository:fx/base:pull`;
    server().settings.responseFields = 'token';
    const anon = (await (await fetch(anonUrl)).json()) as Record<string, string>;
    expect(Object.keys(anon).sort()).toEqual(['expires_in', 'issued_at', 'token']);
    expect(await manifestStatus(anon.token)).toBe(401);

    server().settings.anonymousPull = true;
    server().settings.responseFields = 'access_token';
    const pull = (await (await fetch(anonUrl)).json()) as Record<string, string>;
    expect(pull.token).toBeUndefined();
    expect(await manifestStatus(pull.access_token)).toBe(200);

    // Past distribution's 60 s leeway: the registry must refuse it.
    server().settings.lifetimeSeconds = -120;
    const expired = (await (await fetch(anonUrl)).json()) as Record<string, string>;
    expect(await manifestStatus(expired.access_token)).toBe(401);
  });
});
