/**
 * Reading the logins docker and podman hold: which files, in which order, which key names a host,
 * what an entry means, and that inputs and CI variables still come first. Files only; the
 * credential helper protocol runs for real in test/integration/providers-docker-config.test.ts.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { defaultInputs } from '../../src/core/inputs';
import type { Inputs } from '../../src/core/inputs';
import { MemoryLogger } from '../../src/core/log';
import { secrets } from '../../src/core/secrets';
import { credentialResolver } from '../../src/providers';
import type { ProviderContext } from '../../src/providers';
import { authFiles, entryCredentials, loginCredentials } from '../../src/providers/docker-config';

const b64 = (s: string): string => Buffer.from(s).toString('base64');

let home: string;

beforeEach(() => {
  home = fs.mkdtempSync(path.join(os.tmpdir(), 'slipway-unit-docker-config-'));
});

afterEach(() => {
  fs.rmSync(home, { recursive: true, force: true });
  secrets.clear();
});

function write(relative: string, value: unknown): string {
  const file = path.join(home, relative);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, typeof value === 'string' ? value : JSON.stringify(value));
  return file;
}

function context(inputs: Partial<Inputs>, env: NodeJS.ProcessEnv): ProviderContext {
  return {
    inputs: defaultInputs(inputs),
    env,
    logger: new MemoryLogger(true),
    ciOidcToken: () => Promise.resolve(undefined),
  };
}

describe('where the logins are', () => {
  test('podman: XDG_RUNTIME_DIR, then XDG_CONFIG_HOME or ~/.config; then docker: ~/.docker', () => {
    expect(authFiles({ HOME: '/h', XDG_RUNTIME_DIR: '/run/user/1000' })).toEqual([
      { path: '/run/user/1000/containers/auth.json', format: 'containers' },
      { path: '/h/.config/containers/auth.json', format: 'containers' },
      { path: '/h/.docker/config.json', format: 'docker' },
    ]);
    expect(authFiles({ HOME: '/h', XDG_CONFIG_HOME: '/cfg', DOCKER_CONFIG: '/d' })).toEqual([
      { path: '/cfg/containers/auth.json', format: 'containers' },
      { path: '/d/config.json', format: 'docker' },
    ]);
  });

  test('REGISTRY_AUTH_FILE replaces the podman defaults; empty variables count as unset', () => {
    expect(
      authFiles({ HOME: '/h', REGISTRY_AUTH_FILE: '/a.json', XDG_RUNTIME_DIR: '/run/u' }),
    ).toEqual([
      { path: '/a.json', format: 'containers' },
      { path: '/h/.docker/config.json', format: 'docker' },
    ]);
    expect(authFiles({ HOME: '', DOCKER_CONFIG: ' ', REGISTRY_AUTH_FILE: '' })).toEqual([]);
  });
});

describe('an auths entry', () => {
  test('auth is base64 user:password, split at the first colon, and both forms are masked', () => {
    expect(entryCredentials({ auth: b64('ci:pa:ss-word') })).toEqual({
      username: 'ci',
      password: 'pa:ss-word',
    });
    expect(secrets.redact(`pa:ss-word ${b64('ci:pa:ss-word')}`)).toBe('*** ***');
  });

  test('identitytoken is a refresh token, with the user auth holds unless it is <token>', () => {
    expect(entryCredentials({ auth: b64('00000000-0000:'), identitytoken: 'refresh-abc' })).toEqual(
      { username: '00000000-0000', identityToken: 'refresh-abc' },
    );
    expect(entryCredentials({ auth: b64('<token>:'), identitytoken: 'refresh-def' })).toEqual({
      identityToken: 'refresh-def',
    });
    expect(entryCredentials({ registrytoken: 'bearer-xyz' })).toEqual({
      registryToken: 'bearer-xyz',
    });
    expect(secrets.redact('refresh-abc refresh-def bearer-xyz')).toBe('*** *** ***');
  });

  test('username and password fields, an empty entry, and unreadable ones', () => {
    expect(entryCredentials({ username: 'u', password: 'secret-1' })).toEqual({
      username: 'u',
      password: 'secret-1',
    });
    expect(entryCredentials({})).toBeUndefined();
    expect(entryCredentials({ auth: b64('no-colon-here') })).toBe('malformed');
    expect(entryCredentials('auth')).toBe('malformed');
  });
});

describe('the entry for a host', () => {
  test('keys with a scheme or a trailing path name their host, in docker files', async () => {
    write('.docker/config.json', {
      auths: {
        'https://Registry.Example.com/v2/': { auth: b64('a:password-a') },
        'http://127.0.0.1:5000': { auth: b64('b:password-b') },
      },
    });
    const logger = new MemoryLogger(true);
    const a = await loginCredentials('registry.example.com', { HOME: home }, logger);
    expect(a).toEqual({
      credentials: { username: 'a', password: 'password-a' },
      source: '~/.docker/config.json (docker login)',
    });
    const b = await loginCredentials('127.0.0.1:5000', { HOME: home }, logger);
    expect(b?.credentials).toEqual({ username: 'b', password: 'password-b' });
    expect(await loginCredentials('other.example.com', { HOME: home }, logger)).toBeUndefined();
  });

  test("Docker Hub: docker's index URL key, podman's docker.io key", async () => {
    write('.docker/config.json', {
      auths: { 'https://index.docker.io/v1/': { auth: b64('hub:dckr_pat_1') } },
    });
    const env = { HOME: home };
    const logger = new MemoryLogger(true);
    expect((await loginCredentials('docker.io', env, logger))?.credentials).toEqual({
      username: 'hub',
      password: 'dckr_pat_1',
    });
    write('.config/containers/auth.json', {
      auths: { 'docker.io': { auth: b64('podhub:dckr_pat_2') } },
    });
    expect(await loginCredentials('docker.io', env, logger)).toEqual({
      credentials: { username: 'podhub', password: 'dckr_pat_2' },
      source: '~/.config/containers/auth.json (podman login)',
    });
  });

  test('a containers key with a path is for one repository, not the whole host', async () => {
    write('.config/containers/auth.json', {
      auths: { 'quay.io/acme/app': { auth: b64('robot:repo-only-1') } },
    });
    write('.docker/config.json', { auths: { 'quay.io': { auth: b64('user:host-wide-1') } } });
    const issued = await loginCredentials('quay.io', { HOME: home }, new MemoryLogger(true));
    expect(issued?.credentials).toEqual({ username: 'user', password: 'host-wide-1' });
  });

  test('XDG_RUNTIME_DIR first; an empty entry passes on to the next file', async () => {
    const runtime = path.join(home, 'run');
    write('run/containers/auth.json', { auths: { 'r.example': {} } });
    write('.config/containers/auth.json', { auths: { 'r.example': { auth: b64('x:second-1') } } });
    const env = { HOME: home, XDG_RUNTIME_DIR: runtime };
    const logger = new MemoryLogger(true);
    expect((await loginCredentials('r.example', env, logger))?.credentials).toEqual({
      username: 'x',
      password: 'second-1',
    });
    write('run/containers/auth.json', { auths: { 'r.example': { auth: b64('y:first-1') } } });
    expect(await loginCredentials('r.example', env, logger)).toEqual({
      credentials: { username: 'y', password: 'first-1' },
      source: `${runtime.replace(home, '~')}/containers/auth.json (podman login)`,
    });
  });

  test('a missing file is silent; a malformed one is a debug line that quotes nothing', async () => {
    const silent = new MemoryLogger(true);
    expect(await loginCredentials('r.example', { HOME: home }, silent)).toBeUndefined();
    expect(silent.lines).toEqual([]);

    write('.docker/config.json', '{"auths": {"r.example": {"auth": "bad-json-secret-1"');
    write('.config/containers/auth.json', { auths: { 'r.example': { auth: 'notbase64user' } } });
    const logger = new MemoryLogger(true);
    expect(await loginCredentials('r.example', { HOME: home }, logger)).toBeUndefined();
    expect(logger.lines).toEqual([
      'debug: ~/.config/containers/auth.json: the entry "r.example" cannot be read; it is ignored.',
      'debug: ~/.docker/config.json is not valid JSON; its logins are ignored.',
    ]);
  });
});

describe('precedence', () => {
  const login = (host: string): unknown => ({
    auths: { [host]: { auth: b64('file-user:file-password-1') } },
  });
  const fromFile = { username: 'file-user', password: 'file-password-1' };

  test('the username and password inputs come before the file', async () => {
    write('.docker/config.json', login('r.example'));
    const ctx = context(
      { image: 'r.example/acme/app', username: 'u', password: 'input-pw-1' },
      { HOME: home },
    );
    expect(await credentialResolver(ctx)('r.example')).toEqual({
      username: 'u',
      password: 'input-pw-1',
    });
  });

  test("GITHUB_TOKEN for ghcr.io and the job's CI_REGISTRY_* for GitLab come first", async () => {
    write('.docker/config.json', {
      auths: {
        ...(login('ghcr.io') as { auths: object }).auths,
        ...(login('registry.gitlab.example') as { auths: object }).auths,
      },
    });
    const env = {
      HOME: home,
      GITHUB_TOKEN: 'ghs_token_1',
      GITHUB_ACTOR: 'octocat',
      CI_REGISTRY: 'registry.gitlab.example',
      CI_REGISTRY_USER: 'gitlab-ci-token',
      CI_REGISTRY_PASSWORD: 'glcbt-1',
    };
    const resolve = credentialResolver(context({ image: 'ghcr.io/acme/app' }, env));
    expect(await resolve('ghcr.io')).toEqual({ username: 'octocat', password: 'ghs_token_1' });
    expect(await resolve('registry.gitlab.example')).toEqual({
      username: 'gitlab-ci-token',
      password: 'glcbt-1',
    });
  });

  test('without them, the pushed-to and the base registries use the file', async () => {
    write('.docker/config.json', {
      auths: {
        'https://index.docker.io/v1/': { auth: b64('hub:hub-password-1') },
        'ghcr.io': { auth: b64('file-user:file-password-1') },
      },
    });
    const ctx = context({ image: 'ghcr.io/acme/app' }, { HOME: home });
    const resolve = credentialResolver(ctx);
    expect(await resolve('ghcr.io')).toEqual(fromFile);
    expect(await resolve('registry-1.docker.io')).toEqual({
      username: 'hub',
      password: 'hub-password-1',
    });
    await new Promise((done) => setImmediate(done));
    expect((ctx.logger as MemoryLogger).lines).toEqual([
      'ghcr.io: credentials from ~/.docker/config.json (docker login)',
      'docker.io: credentials from ~/.docker/config.json (docker login)',
    ]);
  });
});
