/**
 * Issue 6: pushes through a loopback proxy that faults a seeded share of requests (503, 429 with
 * Retry-After, connection resets, uploads cut mid-body, delays and stalls longer than
 * request-timeout) complete, and skopeo and a blob-by-blob check confirm what the registry holds.
 * The figures are printed.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from '../fixtures/cli';
import type { CliResult } from '../fixtures/cli';
import { skopeoInspect } from '../fixtures/clients';
import {
  checkTag,
  faultInjector,
  resentUploadBytes,
  retryLines,
  writeSeededFile,
} from '../fixtures/faults';
import type { FaultCounts } from '../fixtures/faults';
import { seedBusyboxBase } from '../fixtures/images';
import { makeTempDir, removeTempDir } from '../fixtures/process';
import { registryErrorReply, startProxy } from '../fixtures/proxy';
import type { ProxyDecision, ProxyRequestInfo, TestProxy } from '../fixtures/proxy';
import { startRegistry } from '../fixtures/registry';
import type { TestRegistry } from '../fixtures/registry';

const MB = 1024 * 1024;
const SEED = 20240601;

let reg: TestRegistry;
let proxy: TestProxy;
let work: string;

beforeAll(async () => {
  work = await makeTempDir('reliability-faults');
  reg = await startRegistry({ auth: 'htpasswd' });
  proxy = await startProxy(reg.host);
  await seedBusyboxBase(reg, 'base/busybox:1');
  await seedBusyboxBase(reg, 'base/multi:1', { platforms: ['linux/amd64', 'linux/arm64'] });
});
afterAll(async () => {
  await proxy?.stop();
  await reg?.stop();
  await removeTempDir(work);
});

interface Push {
  name: string;
  size: number;
  base: string;
  tag: string;
}

const PUSHES: Push[] = [
  { name: '10 MB', size: 10 * MB, base: 'base/busybox:1', tag: 'ten' },
  { name: '10 MB, 2 platforms', size: 10 * MB, base: 'base/multi:1', tag: 'ten-multi' },
  { name: '10 MB again', size: 10 * MB, base: 'base/busybox:1', tag: 'ten-again' },
  { name: '200 MB', size: 200 * MB, base: 'base/busybox:1', tag: 'two-hundred' },
  { name: '200 MB, 2 platforms', size: 200 * MB, base: 'base/multi:1', tag: 'two-hundred-multi' },
];

it('completes 10 MB and 200 MB pushes through 503s, 429s, resets, cut uploads, delays and stalls', async () => {
  const injector = faultInjector({
    seed: SEED,
    status503: 0.1,
    status429: 0.05,
    retryAfterSeconds: 1,
    reset: 0.08,
    cutUpload: 0.5,
    delay: 0.1,
    delayMs: 300,
    stall: 0.03,
    stallMs: 4000,
    maxConsecutive: 2,
  });
  proxy.setHooks(injector.hooks);
  proxy.reset();

  let retries = 0;
  let completed = 0;
  const started = Date.now();
  for (const [i, push] of PUSHES.entries()) {
    const dir = join(work, `p${i}`);
    mkdirSync(dir);
    const file = join(dir, 'payload.bin');
    writeSeededFile(file, push.size, SEED + i);
    const res = await runCli(
      [
        'build',
        '--artifact',
        file,
        '--artifact-path',
        '/data/',
        '--base-image',
        `${proxy.host}/${push.base}`,
        '--image',
        `${proxy.host}/faults/app`,
        '--tags',
        push.tag,
        '--username',
        reg.username ?? '',
        '--request-timeout',
        '2',
        '--verbose',
      ],
      { env: { SLIPWAY_PASSWORD: reg.password ?? '' } },
    );
    if (res.stdout.trim() === '') console.log('EMPTY STDOUT', res.code, res.stderr);
    res.json = { digest: res.stdout.trim().split('@')[1] };
    const lines = retryLines(res.stderr);
    retries += lines.length;
    if (res.code !== 0) throw new Error(`push ${push.name} failed (${res.code}):\n${res.stderr}`);
    expect(res.stderr).not.toContain(reg.password);

    const digest = String(res.json?.digest);
    const inspected = (await skopeoInspect(`${reg.host}/faults/app:${push.tag}`, {
      creds: reg.creds,
    })) as { Digest: string };
    expect(inspected.Digest).toBe(digest);
    const check = await checkTag(reg.host, 'faults/app', push.tag, reg.creds);
    expect(check).toMatchObject({ exists: true, digest, missing: [] });
    completed++;
  }

  const stats = proxy.stats();
  const counts: FaultCounts = injector.counts();
  const bytes = resentUploadBytes(stats);
  const faults = Object.values(counts.faults).reduce((a, b) => a + b, 0) - counts.faults.delay;
  console.log(
    [
      `fault-injecting proxy, seed ${SEED}: ${PUSHES.map((p) => p.name).join(', ')}`,
      `  requests:          ${stats.requests}`,
      `  faults injected:   ${faults} (${Object.entries(counts.faults)
        .map(([k, v]) => `${k} ${v}`)
        .join(', ')} delayed)`,
      `  faults by request: ${JSON.stringify(counts.byRequest)}`,
      `  retries:           ${retries}`,
      `  pushes completed:  ${completed}/${PUSHES.length}`,
      `  blob bytes sent:   ${(bytes.total / MB).toFixed(1)} MiB, of which re-sent ${((bytes.total - bytes.useful) / MB).toFixed(1)} MiB`,
      `  time:              ${((Date.now() - started) / 1000).toFixed(1)} s`,
    ].join('\n'),
  );
  expect(completed).toBe(PUSHES.length);
  expect(faults).toBeGreaterThan(15);
  expect(counts.faults['cut-upload']).toBeGreaterThan(0);
  expect(retries).toBeGreaterThan(0);
}, 600_000);

describe('single faults at the weak points', () => {
  let tokenReg: TestRegistry;
  let tokenProxy: TestProxy;

  beforeAll(async () => {
    tokenReg = await startRegistry({ auth: 'token' });
    tokenProxy = await startProxy(tokenReg.host);
    await seedBusyboxBase(tokenReg, 'base/busybox:1');
  });
  afterAll(async () => {
    await tokenProxy?.stop();
    await tokenReg?.stop();
  });

  interface Seen {
    at: number;
    method: string;
    kind: string;
    url: string;
  }

  /**
   * Pushes a fresh 3 MB file through `through`, whose hook sees each request with its number
   * among requests of the same "METHOD kind" and may fault it.
   */
  async function pushWith(
    name: string,
    through: { proxy: TestProxy; reg: TestRegistry },
    fault: (req: ProxyRequestInfo, n: number) => ProxyDecision | Promise<ProxyDecision> | undefined,
    extra: string[] = [],
    size = 3 * MB,
  ): Promise<{ res: CliResult; seen: Seen[] }> {
    const dir = join(work, `single-${name}`);
    mkdirSync(dir);
    writeSeededFile(join(dir, 'payload.bin'), size, SEED + name.length * 31);
    const counts = new Map<string, number>();
    const seen: Seen[] = [];
    through.proxy.setHooks({
      onRequest: (req) => {
        const key = `${req.method} ${req.kind}`;
        const n = (counts.get(key) ?? 0) + 1;
        counts.set(key, n);
        seen.push({ at: Date.now(), method: req.method, kind: req.kind, url: req.url });
        return fault(req, n);
      },
    });
    through.proxy.reset();
    try {
      const res = await runCli(
        [
          'build',
          '--artifact',
          join(dir, 'payload.bin'),
          '--artifact-path',
          '/data/',
          '--base-image',
          `${through.proxy.host}/base/busybox:1`,
          '--image',
          `${through.proxy.host}/single/${name}`,
          '--tags',
          'v1',
          '--username',
          through.reg.username ?? '',
          '--request-timeout',
          '2',
          '--json',
          ...extra,
        ],
        { env: { SLIPWAY_PASSWORD: through.reg.password ?? '' } },
      );
      return { res, seen };
    } finally {
      through.proxy.setHooks(undefined);
    }
  }

  async function expectPushed(name: string, r: TestRegistry, res: CliResult): Promise<void> {
    if (res.code !== 0) throw new Error(`push failed (${res.code}):\n${res.stderr}`);
    const read = r.tokenServer
      ? { bearer: r.tokenServer.issueToken(r.username, [`repository:single/${name}:pull`]) }
      : r.creds;
    const check = await checkTag(r.host, `single/${name}`, 'v1', read);
    expect(check).toMatchObject({ exists: true, digest: res.json?.digest, missing: [] });
  }

  const htpasswd = (): { proxy: TestProxy; reg: TestRegistry } => ({ proxy, reg });

  it('a 503 on the very first request (the /v2/ ping) is repeated, not taken for a wrong scheme', async () => {
    const { res } = await pushWith('ping-503', htpasswd(), (req, n) =>
      req.kind === 'ping' && n === 1 ? { status: 503 } : undefined,
    );
    await expectPushed('ping-503', reg, res);
    expect(retryLines(res.stderr)).toEqual([expect.stringMatching(/connecting to .*HTTP 503/)]);
  });

  it('a reset of the first ping is repeated', async () => {
    const { res } = await pushWith('ping-reset', htpasswd(), (req, n) =>
      req.kind === 'ping' && n === 1 ? 'reset' : undefined,
    );
    await expectPushed('ping-reset', reg, res);
    expect(retryLines(res.stderr)).toHaveLength(1);
  });

  it('a 429 waits the Retry-After the registry asks for', async () => {
    const { res, seen } = await pushWith('retry-after', htpasswd(), (req, n) =>
      req.method === 'GET' && req.kind === 'manifest' && n === 1
        ? { status: 429, headers: { 'retry-after': '2' } }
        : undefined,
    );
    await expectPushed('retry-after', reg, res);
    const gets = seen.filter((s) => s.method === 'GET' && s.kind === 'manifest');
    expect(gets[1].url).toBe(gets[0].url);
    expect(gets[1].at - gets[0].at).toBeGreaterThanOrEqual(1900);
    expect(retryLines(res.stderr)).toEqual([expect.stringMatching(/Retrying in 2\.0 s/)]);
  });

  it('a manifest PUT refused for a blob the registry cannot see yet is repeated', async () => {
    // distribution answers DIGEST_INVALID when a concurrent push is rewriting the repository's
    // link to a shared blob (CI saw it with 8 runs at once); eventually consistent registries
    // answer MANIFEST_BLOB_UNKNOWN. Each refusal comes once here: the manifest is PUT by digest,
    // refused twice, repeated until stored, then PUT once more under the tag.
    const refusals = [
      registryErrorReply(400, 'DIGEST_INVALID', 'provided digest did not match uploaded content'),
      registryErrorReply(400, 'MANIFEST_BLOB_UNKNOWN', 'blob unknown to registry'),
    ];
    const { res, seen } = await pushWith('link-lag', htpasswd(), (req) =>
      req.method === 'PUT' && req.kind === 'manifest' ? refusals.shift() : undefined,
    );
    await expectPushed('link-lag', reg, res);
    expect(refusals).toEqual([]);
    const puts = seen
      .filter((s) => s.method === 'PUT' && s.kind === 'manifest')
      .map((s) => s.url.replace(/.*\/manifests\//, ''));
    expect(puts).toEqual([puts[0], puts[0], puts[0], 'v1']);
    expect(puts[0]).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(retryLines(res.stderr)).toEqual([
      expect.stringMatching(/manifest .*HTTP 400 DIGEST_INVALID.*could not find or read a blob/),
      expect.stringMatching(/manifest .*HTTP 400 MANIFEST_BLOB_UNKNOWN/),
    ]);
  });

  it('a manifest PUT with a genuinely bad digest is not repeated', async () => {
    const { res, seen } = await pushWith('bad-manifest', htpasswd(), (req) =>
      req.method === 'PUT' && req.kind === 'manifest'
        ? registryErrorReply(400, 'MANIFEST_INVALID', 'manifest invalid')
        : undefined,
    );
    expect(res.code).toBe(1);
    expect(res.stderr).toMatch(/HTTP 400 MANIFEST_INVALID/);
    expect(retryLines(res.stderr)).toEqual([]);
    expect(seen.filter((s) => s.method === 'PUT' && s.kind === 'manifest')).toHaveLength(1);
  });

  /** A request carrying the 3 MB layer: a streamed PATCH (maybe chunked) or a PUT. */
  const isLayerUpload = (req: ProxyRequestInfo): boolean => {
    const length = req.headers['content-length'];
    return (
      req.kind === 'blob-upload' &&
      (req.method === 'PATCH' || req.method === 'PUT') &&
      (length === undefined || Number(length) > MB)
    );
  };

  it('an upload that stalls longer than request-timeout is abandoned and sent again', async () => {
    // The stalled request is held until the run is over: the run can only have finished by
    // giving up on it (request-timeout is 2 s), then it is dropped.
    let release: () => void = () => undefined;
    const held = new Promise<ProxyDecision>((resolve) => {
      release = () => resolve('reset');
    });
    let stalls = 0;
    const { res } = await pushWith('stall', htpasswd(), (req) =>
      isLayerUpload(req) && stalls++ === 0 ? held : undefined,
    );
    release();
    await expectPushed('stall', reg, res);
    expect(stalls).toBeGreaterThanOrEqual(2);
    expect(res.stderr).not.toMatch(/HTTP 5\d\d/);
  });

  it('uploads cut halfway restart from byte 0 in a new session, the broken one cancelled', async () => {
    let cuts = 0;
    const { res, seen } = await pushWith('cut', htpasswd(), (req) => {
      if (!isLayerUpload(req) || cuts >= 2) return undefined;
      cuts++;
      const length = Number(req.headers['content-length'] ?? 3 * MB);
      return { resetAfterBytes: length >> 1 };
    });
    await expectPushed('cut', reg, res);
    const bytes = resentUploadBytes(proxy.stats());
    expect(bytes.total - bytes.useful).toBeGreaterThanOrEqual(2 * MB);
    expect(retryLines(res.stderr).length).toBeGreaterThanOrEqual(1);
    expect(seen.filter((s) => s.method === 'DELETE').length).toBeGreaterThanOrEqual(1);
  });

  it('a streamed layer cut early falls back to the ordinary upload, the build not left hanging', async () => {
    // The broken request destroys the stream the build writes into; a build that then waited for
    // it to drain would never finish, and the CLI would exit 0 having pushed nothing.
    let cut = false;
    const { res, seen } = await pushWith(
      'stream-cut',
      htpasswd(),
      (req) => {
        if (cut || req.method !== 'PATCH' || req.kind !== 'blob-upload') return undefined;
        cut = true;
        return { resetAfterBytes: MB };
      },
      [],
      200 * MB,
    );
    expect(cut).toBe(true);
    expect(res.stdout).toMatch(/"digest":\s*"sha256:[0-9a-f]{64}"/);
    await expectPushed('stream-cut', reg, res);
    const uploads = seen.filter((s) => s.kind === 'blob-upload' && s.method !== 'POST');
    expect(uploads.length).toBeGreaterThanOrEqual(2);
  });

  it('a 401 mid-push gets one fresh token; a second 401 fails the run', async () => {
    const server = tokenReg.tokenServer;
    if (!server) throw new Error('token registry without token server');
    const challenge = {
      status: 401,
      headers: {
        'www-authenticate': `Bearer realm="${server.realm}",service="${server.service}",error="invalid_token"`,
      },
      body: '{"errors":[{"code":"UNAUTHORIZED","message":"token expired"}]}',
    };
    let tokensAt401 = 0;
    let tokensAtRetry = 0;
    const once = await pushWith('token-401', { proxy: tokenProxy, reg: tokenReg }, (req, n) => {
      if (req.method !== 'PUT' || req.kind !== 'manifest') return undefined;
      if (n === 1) {
        tokensAt401 = server.requests.length;
        return challenge;
      }
      if (n === 2) tokensAtRetry = server.requests.length;
      return undefined;
    });
    await expectPushed('token-401', tokenReg, once.res);
    expect(tokensAtRetry - tokensAt401).toBe(1);

    const twice = await pushWith('token-401-twice', { proxy: tokenProxy, reg: tokenReg }, (req) =>
      req.method === 'PUT' && req.kind === 'manifest' ? challenge : undefined,
    );
    expect(twice.res.code).toBe(1);
    expect(twice.res.stderr).toMatch(/HTTP 401 UNAUTHORIZED token expired/);
    expect(twice.seen.filter((s) => s.method === 'PUT' && s.kind === 'manifest')).toHaveLength(2);
  });
});
