/**
 * A stalled connection costs seconds, not request-timeout: a small request waits a short, growing
 * budget for its answer; only a moving large body (or a large commit) gets the long one; an
 * unwanted answer is drained up to a limit, so an endless body cannot hold the run. Real registry
 * behind the loopback proxy, default settings.
 */
import { join } from 'node:path';
import { fetchManifest } from '../../src/image/remote/read';
import { parseReference } from '../../src/image/reference';
import { Transport } from '../../src/image/transport/client';
import { runCli } from '../fixtures/cli';
import { checkTag, faultInjector, registryBehindProxy, writeSeededFile } from '../fixtures/faults';
import { seedBusyboxBase } from '../fixtures/images';
import { makeTempDir, removeTempDir } from '../fixtures/process';
import type { ProxyDecision, ProxyRequestInfo } from '../fixtures/proxy';
import { startRegistry } from '../fixtures/registry';
import type { TestRegistry } from '../fixtures/registry';

jest.setTimeout(300_000);

const MB = 1024 * 1024;
let work: string;
let reg: TestRegistry;
let tokenReg: TestRegistry;

beforeAll(async () => {
  work = await makeTempDir('transport-stalls-test');
  [reg, tokenReg] = await Promise.all([
    startRegistry({ auth: 'htpasswd' }),
    startRegistry({ auth: 'token' }),
  ]);
  await Promise.all([
    seedBusyboxBase(reg, 'base/busybox:1'),
    seedBusyboxBase(tokenReg, 'base/busybox:1'),
  ]);
});
afterAll(async () => {
  await Promise.all([reg.stop(), tokenReg.stop()]);
  await removeTempDir(work);
});

function transportFor(r: TestRegistry, host: string): Transport {
  return new Transport({
    credentials: (h) =>
      Promise.resolve(h === host ? { username: r.username, password: r.password } : undefined),
  });
}

/** Proxy hooks that apply `decide` once to the first request it picks, then pass everything. */
function once(
  pick: (req: ProxyRequestInfo) => boolean,
  decision: ProxyDecision,
): { onRequest: (req: ProxyRequestInfo) => ProxyDecision | undefined } {
  let used = false;
  return {
    onRequest: (req) => {
      if (used || !pick(req)) return undefined;
      used = true;
      return decision;
    },
  };
}

/** Pushes the five images of 4-20 MB through `proxyHost`, one run each; their repos and digests. */
async function pushFive(
  proxyHost: string,
  prefix: string,
): Promise<{ repo: string; digest: unknown }[]> {
  const results: { repo: string; digest: unknown }[] = [];
  for (const [i, size] of [4, 8, 12, 16, 20].entries()) {
    const file = join(work, `${prefix}-${size}.bin`);
    writeSeededFile(file, size * MB, 100 + i);
    const repo = `${prefix}/app${i}`;
    const res = await runCli(
      [
        'build',
        '--artifact',
        file,
        '--artifact-path',
        '/data/',
        '--base-image',
        `${proxyHost}/base/busybox:1`,
        '--image',
        `${proxyHost}/${repo}`,
        '--tags',
        'v1',
        '--username',
        reg.username ?? '',
        '--json',
      ],
      { env: { SLIPWAY_PASSWORD: reg.password ?? '' } },
    );
    expect([repo, res.code, res.code === 0 ? '' : res.stderr]).toEqual([repo, 0, '']);
    results.push({ repo, digest: res.json?.digest });
  }
  return results;
}

test('5 images of 4-20 MB through a proxy that stalls one request in eleven: each stall costs seconds', async () => {
  // The same pushes without faults first: the machine's pace (the suite runs files side by side
  // on two cores), so that what the stalls cost is measured, not the load.
  const plain = await registryBehindProxy({ registry: reg });
  let baseline: number;
  try {
    const started = Date.now();
    await pushFive(plain.host, 'plain');
    baseline = Date.now() - started;
  } finally {
    await plain.close();
  }

  const injector = faultInjector({ seed: 11, hold: 1 / 11 });
  const proxy = await registryBehindProxy({ registry: reg, hooks: injector.hooks });
  try {
    const started = Date.now();
    const results = await pushFive(proxy.host, 'stalls');
    const elapsed = Date.now() - started;
    const holds = injector.counts().faults.hold;
    console.log(
      `5 pushes: ${(baseline / 1000).toFixed(1)} s without faults, ${(elapsed / 1000).toFixed(1)} s with ${holds} stalls`,
    );
    // the stalls happened, and each cost its answer budget (5 s, doubled on a second stall of the
    // same request), not request-timeout (300 s); on a quiet machine the whole run takes ~40 s
    expect(holds).toBeGreaterThanOrEqual(3);
    expect(elapsed - baseline).toBeLessThan(holds * 10_000 + 10_000);
    expect(elapsed).toBeLessThan(120_000);
    for (const { repo, digest } of results) {
      const check = await checkTag(reg.host, repo, 'v1', reg.creds);
      expect(check).toMatchObject({ exists: true, digest, missing: [] });
    }
  } finally {
    await proxy.close();
  }
});

test('a manifest request that is accepted and never answered costs seconds', async () => {
  const proxy = await registryBehindProxy({
    registry: reg,
    hooks: once((req) => req.kind === 'manifest' && req.method === 'GET', 'stall'),
  });
  const transport = transportFor(reg, proxy.host);
  try {
    const started = Date.now();
    const fetched = await fetchManifest(transport, parseReference(`${proxy.host}/base/busybox:1`));
    expect(fetched.descriptor.digest).toMatch(/^sha256:/);
    expect(Date.now() - started).toBeLessThan(12_000);
    expect(proxy.counts().log.filter((e) => e.action === 'stall')).toHaveLength(1);
  } finally {
    await transport.close();
    await proxy.close();
  }
});

test('an endless 401 body is drained up to a limit before authenticating again', async () => {
  const token = tokenReg.tokenServer;
  if (!token) throw new Error('token registry without a token server');
  const proxy = await registryBehindProxy({
    registry: tokenReg,
    hooks: once((req) => req.kind === 'manifest' && req.method === 'GET', {
      endless: {
        status: 401,
        headers: {
          'content-type': 'text/plain',
          'www-authenticate': `Bearer realm="${token.realm}",service="${token.service}",scope="repository:base/busybox:pull"`,
        },
      },
    }),
  });
  const transport = transportFor(tokenReg, proxy.host);
  try {
    const started = Date.now();
    const fetched = await fetchManifest(transport, parseReference(`${proxy.host}/base/busybox:1`));
    expect(fetched.descriptor.digest).toMatch(/^sha256:/);
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(proxy.counts().log.filter((e) => e.action === 'endless')).toHaveLength(1);
  } finally {
    await transport.close();
    await proxy.close();
  }
});

test('a registry that answers everything with an endless 401 fails the run in seconds', async () => {
  const proxy = await registryBehindProxy({
    registry: reg,
    hooks: {
      onRequest: () => ({
        endless: {
          status: 401,
          headers: { 'content-type': 'text/plain', 'www-authenticate': 'Basic realm="endless"' },
        },
      }),
    },
  });
  const file = join(work, 'small.bin');
  writeSeededFile(file, 1000, 7);
  try {
    const started = Date.now();
    const res = await runCli(
      [
        'build',
        '--artifact',
        file,
        '--artifact-path',
        '/data/',
        '--base-image',
        `${proxy.host}/base/busybox:1`,
        '--image',
        `${proxy.host}/endless/app`,
        '--tags',
        'v1',
        '--username',
        reg.username ?? '',
      ],
      { env: { SLIPWAY_PASSWORD: reg.password ?? '' } },
    );
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(res.code).toBe(1);
    expect(res.stderr).toMatch(/401|credentials|unauthori[sz]ed/i);
  } finally {
    await proxy.close();
  }
});
