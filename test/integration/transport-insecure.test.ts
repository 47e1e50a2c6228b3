/**
 * insecure-registry is scoped to the target registry: plain HTTP (with a warning) there, verified
 * HTTPS everywhere else. A second server on another port stands for a base image's registry the
 * user has a docker login for; it captures every request it gets, over plain HTTP or over TLS with
 * a certificate nobody trusts, and no credential may reach it. Hosts are on this machine's
 * non-loopback address, since loopback registries may always use plain HTTP.
 */
import fsp from 'node:fs/promises';
import http from 'node:http';
import https from 'node:https';
import type { IncomingHttpHeaders } from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { runCli } from '../fixtures/cli';
import type { CliResult } from '../fixtures/cli';
import { skopeoInspect } from '../fixtures/clients';
import { seedBusyboxBase } from '../fixtures/images';
import { makeTempDir, removeTempDir, runOk } from '../fixtures/process';
import { startRegistry } from '../fixtures/registry';
import type { TestRegistry } from '../fixtures/registry';

jest.setTimeout(120_000);

/** This machine's first non-loopback IPv4 address. */
function lanAddress(): string {
  for (const list of Object.values(os.networkInterfaces())) {
    for (const a of list ?? []) if (a.family === 'IPv4' && !a.internal) return a.address;
  }
  throw new Error('this machine has no non-loopback IPv4 address');
}

interface Captured {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
}

const servers: net.Server[] = [];
let work: string;
let reg: TestRegistry;
let ip: string;
/** The target registry, reached on the non-loopback address (a TCP forwarder to it). */
let target: string;
let plainCapture: string;
let tlsCapture: string;
const captured: Captured[] = [];
let dockerConfig: string;
let artifact: string;

async function listen(server: net.Server): Promise<string> {
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, ip, resolve));
  return `${ip}:${(server.address() as net.AddressInfo).port}`;
}

/** A registry-looking server that records what reaches it and asks for Basic credentials. */
function capture(req: http.IncomingMessage, res: http.ServerResponse): void {
  captured.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers });
  req.resume();
  res.writeHead(401, { 'www-authenticate': 'Basic realm="capture"' });
  res.end();
}

beforeAll(async () => {
  ip = lanAddress();
  work = await makeTempDir('transport-insecure-test');
  reg = await startRegistry({ auth: 'htpasswd' });
  await seedBusyboxBase(reg, 'base/busybox:1');
  const [regIp, regPort] = reg.host.split(':');
  target = await listen(
    net.createServer((socket) => {
      const upstream = net.connect(Number(regPort), regIp);
      socket.pipe(upstream).pipe(socket);
      socket.on('error', () => upstream.destroy());
      upstream.on('error', () => socket.destroy());
    }),
  );
  plainCapture = await listen(http.createServer(capture));
  const key = path.join(work, 'key.pem');
  const cert = path.join(work, 'cert.pem');
  await runOk('openssl', [
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-keyout',
    key,
    '-out',
    cert,
    '-days',
    '1',
    '-subj',
    '/CN=untrusted',
    '-addext',
    `subjectAltName=IP:${ip}`,
  ]);
  tlsCapture = await listen(
    https.createServer({ key: await fsp.readFile(key), cert: await fsp.readFile(cert) }, capture),
  );
  artifact = path.join(work, 'app.bin');
  await fsp.writeFile(artifact, 'connector bytes\n');
  // The user has a docker login for both capture hosts: credentials that must not leave.
  dockerConfig = path.join(work, 'docker');
  await fsp.mkdir(dockerConfig);
  const auth = Buffer.from('base-user:base-secret-never-sent').toString('base64');
  await fsp.writeFile(
    path.join(dockerConfig, 'config.json'),
    JSON.stringify({ auths: { [plainCapture]: { auth }, [tlsCapture]: { auth } } }),
  );
});

afterAll(async () => {
  for (const s of servers) {
    if (s instanceof http.Server) s.closeAllConnections();
    await new Promise((resolve) => s.close(resolve));
  }
  await reg.stop();
  await removeTempDir(work);
});

function build(base: string, repo: string, extra: string[]): Promise<CliResult> {
  return runCli(
    [
      'build',
      '--artifact',
      artifact,
      '--artifact-path',
      '/data/',
      '--base-image',
      base,
      '--image',
      `${target}/${repo}`,
      '--tags',
      'x',
      '--username',
      reg.username ?? '',
      '--max-retries',
      '1',
      ...extra,
    ],
    { env: { SLIPWAY_PASSWORD: reg.password ?? '', DOCKER_CONFIG: dockerConfig } },
  );
}

const sentCredentials = (): Captured[] => captured.filter((c) => c.headers.authorization);

describe('insecure-registry applies to the target registry only', () => {
  test('the target is reached over plain HTTP, with a warning', async () => {
    const res = await build(`${target}/base/busybox:1`, 'ok/app', ['--insecure-registry', 'true']);
    expect(res.stderr).toMatch(
      new RegExp(`${target} does not speak HTTPS: using plain HTTP, as insecure-registry allows`),
    );
    expect(res.code).toBe(0);
    const info = (await skopeoInspect(`${reg.host}/ok/app:x`, { creds: reg.creds })) as {
      Digest: string;
    };
    expect(info.Digest).toMatch(/^sha256:/);
  });

  test('without insecure-registry the target must speak HTTPS', async () => {
    const res = await build(`${target}/base/busybox:1`, 'no/app', []);
    expect(res.code).toBe(1);
    expect(res.stderr).toMatch(/does not speak TLS; check the port, or set insecure-registry/);
  });

  test('a base on another plain-HTTP host gets no request, so no credential', async () => {
    captured.length = 0;
    const res = await build(`${plainCapture}/base:1`, 'plain/app', ['--insecure-registry', 'true']);
    expect(res.code).not.toBe(0);
    expect(res.stderr).toMatch(new RegExp(`${plainCapture} does not speak TLS`));
    expect(captured).toEqual([]);
  });

  test('with skip-tls-verify, a base on another host with an untrusted certificate gets no credential', async () => {
    captured.length = 0;
    const res = await build(`${tlsCapture}/base:1`, 'tls/app', [
      '--insecure-registry',
      'true',
      '--skip-tls-verify',
      'true',
    ]);
    expect(res.code).not.toBe(0);
    expect(res.stderr).toMatch(new RegExp(`the TLS certificate of ${tlsCapture} is not trusted`));
    expect(captured).toEqual([]);
  });

  test('the capture servers do see what a host listed as insecure is sent (the control)', async () => {
    captured.length = 0;
    const plain = await build(`${plainCapture}/base:1`, 'plain/app', [
      '--insecure-registry',
      'true',
      '--insecure-registries',
      plainCapture,
    ]);
    expect(plain.code).not.toBe(0);
    const tls = await build(`${tlsCapture}/base:1`, 'tls/app', [
      '--insecure-registry',
      'true',
      '--insecure-registries',
      tlsCapture,
      '--skip-tls-verify',
      'true',
    ]);
    expect(tls.code).not.toBe(0);
    const hosts = new Set(sentCredentials().map((c) => c.headers.host));
    expect(hosts).toEqual(new Set([plainCapture, tlsCapture]));
  });
});
