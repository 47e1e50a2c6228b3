/**
 * The providers whose credentials already exist (Docker Hub, GHCR, GitLab, generic), each ending
 * with a push through the engine to a real registry: a Docker Hub-style token realm, htpasswd
 * Basic auth, and no auth.
 */
import { registryAccess } from '../../src/providers';
import { skopeoInspect } from '../fixtures/clients';
import { LeakWatch } from '../fixtures/clouds/context';
import { randomToken } from '../fixtures/clouds/http';
import { pushWith } from '../fixtures/clouds/push';
import { startRegistry } from '../fixtures/registry';
import type { TestRegistry } from '../fixtures/registry';

let tokenRegistry: TestRegistry;
let basicRegistry: TestRegistry;
let openRegistry: TestRegistry;
const watch = new LeakWatch();

beforeAll(async () => {
  [tokenRegistry, basicRegistry, openRegistry] = await Promise.all([
    startRegistry({ auth: 'token' }),
    startRegistry({ auth: 'htpasswd' }),
    startRegistry({ auth: 'none' }),
  ]);
});

afterAll(async () => {
  await Promise.all([tokenRegistry?.stop(), basicRegistry?.stop(), openRegistry?.stop()]);
});

/** Token-server requests made during `fn`. */
async function tokenRequestsDuring(fn: () => Promise<unknown>) {
  const before = tokenRegistry.tokenServer?.requests.length ?? 0;
  await fn();
  return tokenRegistry.tokenServer?.requests.slice(before) ?? [];
}

async function expectPushed(
  registry: TestRegistry,
  repository: string,
  digest: string,
): Promise<void> {
  const inspected = (await skopeoInspect(`${registry.host}/${repository}:v1`, {
    creds: registry.creds,
  })) as { Digest: string };
  expect(inspected.Digest).toBe(digest);
}

test('dockerhub: username and access token go to the token realm as Basic auth', async () => {
  const user = 'acme-bot';
  const token = randomToken('dckr_pat');
  tokenRegistry.tokenServer?.addUser(user, token);
  watch.secret(token);
  const image = `${tokenRegistry.host}/acme/hub-sink`;
  const { ctx } = watch.context({
    image,
    'registry-provider': 'dockerhub',
    username: user,
    password: token,
  });
  let digest = '';
  const requests = await tokenRequestsDuring(async () => {
    digest = await pushWith(registryAccess(ctx).credentials, image, 'v1', 'dockerhub');
  });
  expect(requests.length).toBeGreaterThan(0);
  expect(requests.every((r) => r.account === user && r.method === 'GET')).toBe(true);
  expect(requests[0].authorization).toBe(
    `Basic ${Buffer.from(`${user}:${token}`).toString('base64')}`,
  );
  await expectPushed(tokenRegistry, 'acme/hub-sink', digest);
});

test('ghcr: GITHUB_TOKEN as the password, GITHUB_ACTOR as the user', async () => {
  const token = randomToken('ghs');
  tokenRegistry.tokenServer?.addUser('octocat', token);
  watch.secret(token);
  const image = `${tokenRegistry.host}/acme/ghcr-sink`;
  const { ctx } = watch.context(
    { image, 'registry-provider': 'ghcr' },
    { env: { GITHUB_TOKEN: token, GITHUB_ACTOR: 'octocat' } },
  );
  let digest = '';
  const requests = await tokenRequestsDuring(async () => {
    digest = await pushWith(registryAccess(ctx).credentials, image, 'v1', 'ghcr');
  });
  expect(requests.every((r) => r.account === 'octocat' && r.status === 200)).toBe(true);
  await expectPushed(tokenRegistry, 'acme/ghcr-sink', digest);
});

test('gitlab: detected from CI_REGISTRY, CI_REGISTRY_USER/CI_REGISTRY_PASSWORD', async () => {
  const password = randomToken('glcbt');
  tokenRegistry.tokenServer?.addUser('gitlab-ci-token', password);
  watch.secret(password);
  const image = `${tokenRegistry.host}/acme/gitlab-sink`;
  const env = {
    CI_REGISTRY: tokenRegistry.host,
    CI_REGISTRY_USER: 'gitlab-ci-token',
    CI_REGISTRY_PASSWORD: password,
  };
  const { ctx, logger } = watch.context({ image }, { env });
  const digest = await pushWith(registryAccess(ctx).credentials, image, 'v1', 'gitlab');
  expect(logger.lines).toContain(
    `${tokenRegistry.host}: credentials from CI_REGISTRY_USER/CI_REGISTRY_PASSWORD`,
  );
  await expectPushed(tokenRegistry, 'acme/gitlab-sink', digest);
});

test('generic: username/password as Basic auth to an htpasswd registry', async () => {
  const image = `${basicRegistry.host}/acme/basic-sink`;
  watch.secret(basicRegistry.password);
  const { ctx } = watch.context({
    image,
    username: basicRegistry.username,
    password: basicRegistry.password,
  });
  const digest = await pushWith(registryAccess(ctx).credentials, image, 'v1', 'generic');
  await expectPushed(basicRegistry, 'acme/basic-sink', digest);
});

test('generic: anonymous to a registry without auth', async () => {
  const image = `${openRegistry.host}/acme/open-sink`;
  const { ctx, logger } = watch.context({ image });
  const digest = await pushWith(registryAccess(ctx).credentials, image, 'v1', 'anonymous');
  expect(logger.lines).toContain(`${openRegistry.host}: access: anonymous`);
  await expectPushed(openRegistry, 'acme/open-sink', digest);
});

test('a wrong token is refused by the registry, and the hint for a GHCR push names the permission', async () => {
  const image = `${tokenRegistry.host}/acme/refused`;
  const wrong = randomToken('ghs-wrong');
  watch.secret(wrong);
  const { ctx } = watch.context(
    { image, 'registry-provider': 'ghcr' },
    { env: { GITHUB_TOKEN: wrong } },
  );
  const access = registryAccess(ctx);
  const error = await watch.failure(pushWith(access.credentials, image, 'v1', 'refused'));
  expect(error.message).toContain('refused the credentials');
  expect(access.hint(tokenRegistry.host, 'push')).toContain('permissions: packages: write');
});

test('no secret reached a log line or an error message, and every one was masked', () => {
  expect(watch.count).toBeGreaterThanOrEqual(5);
  expect(watch.leaks()).toEqual([]);
  expect(watch.unmasked()).toEqual([]);
});
