/**
 * Issue 12 item 3 on the docker-compatible builder: insecure-registry reaches podman as a
 * registries.conf entry for the registries marked insecure, not as a --tls-verify=false that
 * covers every host. Real podman builds FROM a base on a second server that speaks TLS with a
 * certificate nobody trusts and records every request: podman must refuse it, and no credential
 * may reach it, while the plain-HTTP target marked insecure is still pushed to. Hosts are on this
 * machine's non-loopback address (loopback registries may always use plain HTTP).
 */
import fsp from 'node:fs/promises';
import http from 'node:http';
import https from 'node:https';
import type { IncomingHttpHeaders } from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { dockerCliOptions, engineInsecureRegistries } from '../../src/assemble/docker-build';
import type { DockerSession } from '../../src/assemble/docker-build';
import { dockerBuildAndPush } from '../../src/assemble/docker';
import { RunError } from '../../src/core/errors';
import { MemoryLogger } from '../../src/core/log';
import { parseReference } from '../../src/image/reference';
import type { RegistryCredentials } from '../../src/image/transport/credentials';
import { podmanEnv, skopeoInspect } from '../fixtures/clients';
import { seedBusyboxBase } from '../fixtures/images';
import { makeTempDir, removeTempDir, runOk } from '../fixtures/process';
import { startRegistry } from '../fixtures/registry';
import type { TestRegistry } from '../fixtures/registry';

jest.setTimeout(240_000);

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
const captured: Captured[] = [];
let work: string;
let store: string;
let reg: TestRegistry;
let ip: string;
/** The target registry (plain HTTP), reached on the non-loopback address through a forwarder. */
let target: string;
/** A base image's registry: TLS with an untrusted certificate; it records what reaches it. */
let tlsCapture: string;
let project: string;

async function listen(server: net.Server): Promise<string> {
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, ip, resolve));
  return `${ip}:${(server.address() as net.AddressInfo).port}`;
}

function capture(req: http.IncomingMessage, res: http.ServerResponse): void {
  captured.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers });
  req.resume();
  res.writeHead(401, { 'www-authenticate': 'Basic realm="capture"' });
  res.end();
}

beforeAll(async () => {
  ip = lanAddress();
  work = await makeTempDir('docker-insecure');
  // Short: podman refuses a runroot path longer than 50 characters.
  store = await makeTempDir('di');
  await fsp.mkdir(path.join(store, 'tmp'), { recursive: true });
  reg = await startRegistry({ auth: 'htpasswd' });
  const [regIp, regPort] = reg.host.split(':');
  target = await listen(
    net.createServer((socket) => {
      const upstream = net.connect(Number(regPort), regIp);
      socket.pipe(upstream).pipe(socket);
      socket.on('error', () => upstream.destroy());
      upstream.on('error', () => socket.destroy());
    }),
  );
  await seedBusyboxBase(reg, 'base/busybox:1');
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
  project = path.join(work, 'project');
  await fsp.mkdir(project);
});

afterAll(async () => {
  for (const s of servers) {
    if (s instanceof http.Server) s.closeAllConnections();
    await new Promise((resolve) => s.close(resolve));
  }
  await reg?.stop();
  if (store) await removeTempDir(store);
  if (work) await removeTempDir(work);
});

const baseCreds: RegistryCredentials = {
  username: 'base-user',
  password: 'base-secret-never-sent',
};

/** Builds `FROM base` with podman and pushes to the target, as the run's docker path does. */
async function build(
  base: string,
  repo: string,
  marked: string[],
  { skipTlsVerify = false, baseLogin = true } = {},
): Promise<{ digest?: string; logger: MemoryLogger }> {
  const dockerfile = path.join(project, `${repo.replace('/', '-')}.Dockerfile`);
  await fsp.writeFile(dockerfile, `FROM ${base}\nRUN echo built > /built\n`);
  const repository = parseReference(`${target}/${repo}`);
  const logger = new MemoryLogger();
  const creds: Record<string, RegistryCredentials> = {
    [target]: { username: reg.username, password: reg.password },
  };
  if (baseLogin) creds[tlsCapture] = baseCreds;
  const session: DockerSession = {
    repository,
    prepared: {},
    access: {
      credentials: (host) => Promise.resolve(creds[host]),
      ensureRepository: () => Promise.resolve(),
      hint: () => '',
    },
    insecureRegistries: marked,
    skipTlsVerify,
  };
  const podman = podmanEnv(store);
  const cli = await dockerCliOptions(session, base, {
    command: 'podman',
    logger,
    tmpDir: work,
  });
  const result = await dockerBuildAndPush({
    ...cli,
    globalArgs: podman.args,
    env: podman.env,
    dockerfile,
    contextDir: project,
    images: [repository.withTag('1').toString()],
  });
  return { digest: result.digest, logger };
}

const sentCredentials = (): Captured[] => captured.filter((c) => c.headers.authorization);

test('the target marked insecure is pushed to over plain HTTP, with a warning', async () => {
  const { digest, logger } = await build(`${target}/base/busybox:1`, 'ok/app', [target]);
  expect(digest).toMatch(/^sha256:[0-9a-f]{64}$/);
  expect(logger.lines.join('\n')).toContain(`${target} does not speak TLS: the engine reaches it`);
  const info = (await skopeoInspect(`${reg.host}/ok/app:1`, { creds: reg.creds })) as {
    Digest: string;
  };
  expect(info.Digest).toBe(digest);
});

test('a target not marked insecure is not reached over plain HTTP', async () => {
  await expect(build(`${target}/base/busybox:1`, 'no/app', [])).rejects.toThrow(
    /podman login .* failed/,
  );
});

test('the login for a base on another host with an untrusted certificate is refused unsent', async () => {
  captured.length = 0;
  const err: unknown = await build(`${tlsCapture}/base:1`, 'tls/app', [target]).catch(
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(RunError);
  expect(String(err)).toContain(`podman login ${tlsCapture} failed`);
  expect(String(err)).toMatch(/x509|certificate/);
  expect(captured).toEqual([]);
});

test('the pull of a base on another host with an untrusted certificate is refused', async () => {
  captured.length = 0;
  const err: unknown = await build(`${tlsCapture}/base:1`, 'tls/app', [target], {
    baseLogin: false,
  }).catch((e: unknown) => e);
  expect(err).toBeInstanceOf(RunError);
  expect(String(err)).toContain('podman build failed');
  expect(String(err)).toMatch(/x509|certificate/);
  expect(captured).toEqual([]);
});

test('skip-tls-verify applies to the marked registries only: the base host still gets nothing', async () => {
  captured.length = 0;
  await expect(
    build(`${tlsCapture}/base:1`, 'tls2/app', [target], { skipTlsVerify: true }),
  ).rejects.toThrow(/x509|certificate/);
  expect(captured).toEqual([]);
});

test('the capture server does see a host marked insecure with skip-tls-verify (the control)', async () => {
  captured.length = 0;
  await expect(
    build(`${tlsCapture}/base:1`, 'tls3/app', [target, tlsCapture], { skipTlsVerify: true }),
  ).rejects.toThrow(RunError);
  const sent = sentCredentials().map((c) => c.headers.authorization);
  expect(sent).toContain(
    `Basic ${Buffer.from(`${baseCreds.username}:${baseCreds.password}`).toString('base64')}`,
  );
});

test('podman is told a host is insecure only when marked and plain HTTP, or marked with skip-tls-verify', async () => {
  const logger = new MemoryLogger();
  const hosts = [target, tlsCapture];
  const decide = (marked: string[], skipTlsVerify: boolean): Promise<string[]> =>
    engineInsecureRegistries(hosts, { insecureRegistries: marked, skipTlsVerify }, logger);
  expect(await decide([], false)).toEqual([]);
  expect(await decide([], true)).toEqual([]);
  // Marked but speaking TLS: podman keeps checking its certificate.
  expect(await decide([target, tlsCapture], false)).toEqual([target]);
  expect(await decide([target, tlsCapture], true)).toEqual([target, tlsCapture]);
});
