/**
 * The logins docker and podman already hold (docker/login-action, `docker login`, `podman login`)
 * are what the CLI pushes with when nothing else gives credentials: real pushes to an htpasswd
 * and a token registry, a credential helper spoken to over its real protocol (a script on PATH
 * that records what it was given), and the user's files left exactly as they were.
 */
import crypto from 'node:crypto';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { skopeoInspect } from '../fixtures/clients';
import { runCli } from '../fixtures/cli';
import type { CliResult } from '../fixtures/cli';
import { seedBusyboxBase } from '../fixtures/images';
import { recordSecret } from '../fixtures/leaks';
import { makeTempDir, removeTempDir } from '../fixtures/process';
import { startRegistry } from '../fixtures/registry';
import type { TestRegistry } from '../fixtures/registry';

const root = path.resolve(__dirname, '../..');
const ARTIFACT = path.join(root, 'examples/python-function/exclamation.py');
const BASE = 'base/busybox:1';

let basic: TestRegistry;
let token: TestRegistry;
let dir: string;
let bin: string;
const secretValues: string[] = [];

const b64 = (s: string): string => Buffer.from(s).toString('base64');

function secret(value: string | undefined, source: string): string {
  if (!value) throw new Error(`no ${source}`);
  recordSecret(value, source);
  secretValues.push(value);
  return value;
}

beforeAll(async () => {
  [basic, token] = await Promise.all([
    startRegistry({ auth: 'htpasswd' }),
    startRegistry({ auth: 'token' }),
  ]);
  await Promise.all([seedBusyboxBase(basic, BASE), seedBusyboxBase(token, BASE)]);
  secret(basic.password, 'htpasswd registry password');
  secret(token.password, 'token registry password');
  secret(b64(basic.creds ?? ''), 'htpasswd registry auth entry');
  secret(b64(token.creds ?? ''), 'token registry auth entry');
  dir = await makeTempDir('docker-config');
  bin = path.join(dir, 'bin');
  await fsp.mkdir(bin);
}, 120_000);

afterAll(async () => {
  await Promise.all([basic?.stop(), token?.stop(), dir && removeTempDir(dir)]);
});

/** A fresh HOME, with no other place where a login could come from. */
async function freshHome(name: string): Promise<{ home: string; env: Record<string, string> }> {
  const home = path.join(dir, name);
  await fsp.mkdir(home);
  return {
    home,
    env: {
      HOME: home,
      DOCKER_CONFIG: '',
      REGISTRY_AUTH_FILE: '',
      XDG_RUNTIME_DIR: '',
      XDG_CONFIG_HOME: '',
      DOCKER_AUTH_CONFIG: '',
      SLIPWAY_USERNAME: '',
      SLIPWAY_PASSWORD: '',
      PATH: `${bin}:${process.env.PATH ?? ''}`,
    },
  };
}

async function writeJson(file: string, value: unknown): Promise<void> {
  await fsp.mkdir(path.dirname(file), { recursive: true });
  await fsp.writeFile(file, `${JSON.stringify(value, null, 2)}\n`, { mode: 0o600 });
}

/** Every file under `top` with its bytes' hash and mode: compared before and after a run. */
async function snapshot(top: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  const entries = await fsp.readdir(top, { recursive: true, withFileTypes: true });
  for (const entry of entries) {
    const file = path.join(entry.parentPath, entry.name);
    const stat = await fsp.lstat(file);
    const hash = stat.isFile()
      ? crypto
          .createHash('sha256')
          .update(await fsp.readFile(file))
          .digest('hex')
      : 'dir';
    out[path.relative(top, file)] = `${stat.mode.toString(8)} ${hash}`;
  }
  return out;
}

/**
 * A `docker-credential-NAME` script: it writes its argv and stdin beside itself and answers with
 * `answer` (JSON printed, exit 0) or fails with `failure` on stdout and exit 1, as helpers do.
 */
async function installHelper(
  name: string,
  behaviour: { answer: Record<string, string> } | { failure: string },
): Promise<{ argv: () => Promise<string>; stdin: () => Promise<string> }> {
  const record = path.join(dir, `helper-${name}`);
  await fsp.mkdir(record, { recursive: true });
  const lines = ['#!/bin/sh', `printf '%s\\n' "$@" > '${record}/argv'`, `cat > '${record}/stdin'`];
  if ('answer' in behaviour) {
    await fsp.writeFile(path.join(record, 'answer.json'), JSON.stringify(behaviour.answer));
    lines.push(`cat '${record}/answer.json'`);
  } else {
    lines.push(`echo '${behaviour.failure}'`, 'exit 1');
  }
  const script = path.join(bin, `docker-credential-${name}`);
  await fsp.writeFile(script, `${lines.join('\n')}\n`, { mode: 0o755 });
  return {
    argv: () => fsp.readFile(path.join(record, 'argv'), 'utf8'),
    stdin: () => fsp.readFile(path.join(record, 'stdin'), 'utf8'),
  };
}

async function build(
  reg: TestRegistry,
  repository: string,
  env: Record<string, string>,
  extra: string[] = [],
): Promise<CliResult & { log: string }> {
  const res = await runCli(
    [
      'build',
      '--artifact',
      ARTIFACT,
      '--base-image',
      `${reg.host}/${BASE}`,
      '--image',
      `${reg.host}/${repository}`,
      '--tags',
      '1.0',
      ...extra,
      '--json',
    ],
    { env },
  );
  const log = `${res.stdout}\n${res.stderr}`;
  for (const value of secretValues) expect(log.includes(value)).toBe(false);
  return { ...res, log };
}

async function expectPushed(reg: TestRegistry, repository: string, res: CliResult): Promise<void> {
  expect(res.code).toBe(0);
  const inspected = (await skopeoInspect(`${reg.host}/${repository}:1.0`, {
    creds: reg.creds,
  })) as { Digest: string };
  expect(inspected.Digest).toBe(res.json?.digest);
}

test('docker login: the auth entry of ~/.docker/config.json pushes to an htpasswd registry', async () => {
  const { home, env } = await freshHome('docker-auth');
  await writeJson(path.join(home, '.docker/config.json'), {
    auths: { [basic.host]: { auth: b64(basic.creds ?? '') } },
  });
  const before = await snapshot(home);
  const res = await build(basic, 'fn/docker-auth', env);
  expect(res.log).toContain(`${basic.host}: credentials from ~/.docker/config.json (docker login)`);
  await expectPushed(basic, 'fn/docker-auth', res);
  expect(await snapshot(home)).toEqual(before);
});

test('docker login: a key with a scheme and a path under $DOCKER_CONFIG, to a token registry', async () => {
  const { home, env } = await freshHome('docker-config-dir');
  const configDir = path.join(dir, 'docker-config-elsewhere');
  await writeJson(path.join(configDir, 'config.json'), {
    auths: { [`https://${token.host}/v2/`]: { auth: b64(token.creds ?? '') } },
  });
  const before = await snapshot(configDir);
  const res = await build(token, 'fn/docker-config-dir', { ...env, DOCKER_CONFIG: configDir });
  expect(res.log).toContain(
    `${token.host}: credentials from ${configDir}/config.json (docker login)`,
  );
  await expectPushed(token, 'fn/docker-config-dir', res);
  const accounts = new Set(token.tokenServer?.requests.map((r) => r.account));
  expect(accounts.has(token.username)).toBe(true);
  expect(await snapshot(configDir)).toEqual(before);
  expect(await fsp.readdir(home)).toEqual([]);
});

test('podman login: the auth.json named by REGISTRY_AUTH_FILE comes before docker', async () => {
  const { home, env } = await freshHome('podman-auth');
  const authFile = path.join(home, 'podman/auth.json');
  await writeJson(authFile, { auths: { [token.host]: { auth: b64(token.creds ?? '') } } });
  // docker's file holds a wrong password for the same registry: it must not be the one used.
  const wrong = secret(`wrong-${crypto.randomBytes(6).toString('hex')}`, 'a wrong password');
  await writeJson(path.join(home, '.docker/config.json'), {
    auths: { [token.host]: { auth: b64(`${token.username ?? ''}:${wrong}`) } },
  });
  const before = await snapshot(home);
  const res = await build(token, 'fn/podman-auth', { ...env, REGISTRY_AUTH_FILE: authFile });
  expect(res.log).toContain(`${token.host}: credentials from ~/podman/auth.json (podman login)`);
  await expectPushed(token, 'fn/podman-auth', res);
  expect(await snapshot(home)).toEqual(before);
});

test('credHelpers: the helper gets `get` as its only argument and the host on stdin', async () => {
  const { home, env } = await freshHome('cred-helper');
  const helper = await installHelper('slipwaytest', {
    answer: { ServerURL: basic.host, Username: basic.username ?? '', Secret: basic.password ?? '' },
  });
  await writeJson(path.join(home, '.docker/config.json'), {
    auths: { [basic.host]: {} },
    credHelpers: { [basic.host]: 'slipwaytest' },
  });
  const before = await snapshot(home);
  const res = await build(basic, 'fn/cred-helper', env);
  expect(await helper.argv()).toBe('get\n');
  expect(await helper.stdin()).toBe(basic.host);
  expect(res.log).toContain(
    `${basic.host}: credentials from docker-credential-slipwaytest (credHelpers in ~/.docker/config.json)`,
  );
  await expectPushed(basic, 'fn/cred-helper', res);
  expect(await snapshot(home)).toEqual(before);
});

test('credsStore: a "<token>" answer is an identity token, exchanged at the token realm', async () => {
  const { home, env } = await freshHome('creds-store');
  const refresh = secret(`refresh-${crypto.randomBytes(12).toString('hex')}`, 'identity token');
  token.tokenServer?.addRefreshToken(refresh, token.username ?? '');
  const helper = await installHelper('slipwaystore', {
    answer: { ServerURL: token.host, Username: '<token>', Secret: refresh },
  });
  await writeJson(path.join(home, '.docker/config.json'), { credsStore: 'slipwaystore' });
  const before = await snapshot(home);
  const seen = token.tokenServer?.requests.length ?? 0;
  const res = await build(token, 'fn/creds-store', env);
  expect(await helper.stdin()).toBe(token.host);
  expect(res.log).toContain(
    `${token.host}: credentials from docker-credential-slipwaystore (credsStore in ~/.docker/config.json)`,
  );
  await expectPushed(token, 'fn/creds-store', res);
  const grants = token.tokenServer?.requests.slice(seen).flatMap((r) => r.form.grant_type ?? []);
  expect(grants).toContain('refresh_token');
  expect(await snapshot(home)).toEqual(before);
});

test('the username and password inputs beat the login docker holds', async () => {
  const { home, env } = await freshHome('inputs-first');
  const helper = await installHelper('slipwayunused', {
    answer: { ServerURL: basic.host, Username: 'nobody', Secret: 'not-this-one' },
  });
  await writeJson(path.join(home, '.docker/config.json'), { credsStore: 'slipwayunused' });
  const before = await snapshot(home);
  const res = await build(
    basic,
    'fn/inputs-first',
    { ...env, SLIPWAY_PASSWORD: basic.password ?? '' },
    ['--username', basic.username ?? ''],
  );
  expect(res.log).toContain(`${basic.host}: credentials from the username and password inputs`);
  await expectPushed(basic, 'fn/inputs-first', res);
  await expect(helper.stdin()).rejects.toThrow(/ENOENT/);
  expect(await snapshot(home)).toEqual(before);
});

test('a failing helper is one warning naming it, then the anonymous attempt gets the usual 401', async () => {
  const { home, env } = await freshHome('failing-helper');
  await installHelper('slipwayfail', { failure: 'error getting credentials - keychain locked' });
  await writeJson(path.join(home, '.docker/config.json'), {
    auths: { [basic.host]: { auth: b64(basic.creds ?? '') } },
    credHelpers: { [basic.host]: 'slipwayfail' },
  });
  const before = await snapshot(home);
  const res = await build(basic, 'fn/failing-helper', env);
  const warnings = res.log.split('\n').filter((line) => line.includes('docker-credential-'));
  expect(warnings).toEqual([
    `warning: ${basic.host}: the credential helper docker-credential-slipwayfail (credHelpers in ~/.docker/config.json) failed: exit code 1: error getting credentials - keychain locked; continuing without credentials.`,
  ]);
  expect(res.log).toContain(`${basic.host}: access: anonymous`);
  expect(res.code).toBe(1);
  expect(res.stderr).toContain('the registry did not accept the credentials');
  expect(res.stderr).toContain('`docker login`/`podman login` made before the run');
  expect(await snapshot(home)).toEqual(before);
});

test('a helper missing from PATH is one warning too', async () => {
  const { home, env } = await freshHome('missing-helper');
  await writeJson(path.join(home, '.docker/config.json'), { credsStore: 'slipwaynowhere' });
  const res = await build(basic, 'fn/missing-helper', env);
  expect(res.log).toContain(
    `warning: ${basic.host}: the credential helper docker-credential-slipwaynowhere (credsStore in ~/.docker/config.json) failed: not found on PATH; continuing without credentials.`,
  );
  expect(res.code).toBe(1);
});
