/**
 * ACR through @azure/identity against a loopback Entra ID (HTTPS) and an ACR front (exchange and
 * token endpoints) in front of the real registry, ending with pushes through the engine.
 */
import fsp from 'node:fs/promises';
import path from 'node:path';
import { RunError } from '../../src/core/errors';
import { credentialResolver, registryAccess } from '../../src/providers';
import { skopeoInspect } from '../fixtures/clients';
import { startFakeAcr, startFakeEntra } from '../fixtures/clouds/azure';
import type { FakeAcr, FakeEntra } from '../fixtures/clouds/azure';
import { LeakWatch } from '../fixtures/clouds/context';
import { isolateCloudEnv } from '../fixtures/clouds/env';
import { randomToken, testOidcToken } from '../fixtures/clouds/http';
import { pushWith } from '../fixtures/clouds/push';
import { makeTempDir, removeTempDir } from '../fixtures/process';
import { startRegistry } from '../fixtures/registry';
import type { TestRegistry } from '../fixtures/registry';

const ACR_USER = '00000000-0000-0000-0000-000000000000';
const APP = '11111111-2222-3333-4444-555555555555';
const SCOPE = 'https://containerregistry.azure.net/.default';

let entra: FakeEntra;
let acr: FakeAcr;
let registry: TestRegistry;
let dir: string;
let restoreEnv: () => void = () => undefined;
const watch = new LeakWatch();
const clientSecret = randomToken('client-secret');

beforeAll(async () => {
  [entra, registry, dir] = await Promise.all([
    startFakeEntra(),
    startRegistry({ auth: 'token' }),
    makeTempDir('providers-azure'),
  ]);
  acr = await startFakeAcr(registry, (token) => entra.issued.includes(token));
  watch.foreignSecret(registry.password, clientSecret);
});

afterAll(async () => {
  await Promise.all([acr?.stop(), entra?.stop(), registry?.stop(), dir && removeTempDir(dir)]);
});

beforeEach(() => {
  entra.apps.clear();
  entra.requests.length = 0;
  acr.requests.length = 0;
  acr.accept = (token) => entra.issued.includes(token);
});

afterEach(() => restoreEnv());

const endpoints = () => ({ azureAuthorityHost: entra.authorityHost, azureCa: entra.caPem });

function tokenRequests() {
  return entra.requests.filter((r) => r.path.endsWith('/oauth2/v2.0/token'));
}

/** Every Entra token and ACR refresh token handed out must have been masked. */
function watchIssued(): void {
  watch.secret(...entra.issued, ...acr.refreshTokens);
}

describe('keyless: azure-client-id + azure-tenant-id with the CI OIDC token', () => {
  test('the OIDC token is the client assertion, the Entra token is exchanged for an ACR refresh token', async () => {
    restoreEnv = isolateCloudEnv();
    const oidc = testOidcToken('api://AzureADTokenExchange');
    entra.apps.set(APP, { assertion: oidc });
    const { ctx, audiences, logger } = watch.context(
      {
        image: `${acr.host}/connectors/sink`,
        'registry-provider': 'acr',
        'azure-client-id': APP,
        'azure-tenant-id': entra.tenantId,
      },
      { oidcToken: oidc, endpoints: endpoints() },
    );
    const creds = await credentialResolver(ctx)(acr.host);
    watchIssued();

    expect(audiences).toEqual(['api://AzureADTokenExchange']);
    const [tokenRequest] = tokenRequests();
    expect(tokenRequest.path).toBe(`/${entra.tenantId}/oauth2/v2.0/token`);
    expect(tokenRequest.form).toMatchObject({
      client_id: APP,
      grant_type: 'client_credentials',
      client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
      client_assertion: oidc,
    });
    expect(tokenRequest.form.scope.split(' ')).toContain(SCOPE);
    expect(acr.requests).toHaveLength(1);
    expect(acr.requests[0]).toMatchObject({
      method: 'POST',
      path: '/oauth2/exchange',
      status: 200,
      form: {
        grant_type: 'access_token',
        service: acr.host,
        tenant: entra.tenantId,
        access_token: entra.issued.at(-1),
      },
    });
    expect(creds).toEqual({ username: ACR_USER, identityToken: acr.refreshTokens.at(-1) });
    expect(logger.lines.join('\n')).toContain(
      `${acr.host}: credentials from Entra ID app ${APP} (CI OIDC token) via ${acr.host}/oauth2/exchange`,
    );
  });

  test('no federated credential matches the token: the error says to add one', async () => {
    restoreEnv = isolateCloudEnv();
    entra.apps.set(APP, { assertion: testOidcToken('api://AzureADTokenExchange') });
    const { ctx } = watch.context(
      {
        image: `${acr.host}/connectors/sink`,
        'registry-provider': 'acr',
        'azure-client-id': APP,
        'azure-tenant-id': entra.tenantId,
      },
      { oidcToken: testOidcToken('api://AzureADTokenExchange'), endpoints: endpoints() },
    );
    const error = await watch.failure(credentialResolver(ctx)(acr.host));
    expect(error).toBeInstanceOf(RunError);
    expect(error.message).toContain(`ACR: Entra ID refused a token for ${acr.host}`);
    expect(error.message).toContain('AADSTS700213');
    expect(error.message).toContain(`add a federated credential to app ${APP}`);
    expect(acr.requests).toHaveLength(0);
  });

  test('only one of the two inputs: an input error naming both', async () => {
    restoreEnv = isolateCloudEnv();
    const { ctx } = watch.context(
      { image: `${acr.host}/connectors/sink`, 'registry-provider': 'acr', 'azure-client-id': APP },
      { endpoints: endpoints() },
    );
    const error = await watch.failure(credentialResolver(ctx)(acr.host));
    expect(error.message).toContain('"azure-client-id" and "azure-tenant-id" go together');
  });
});

describe('the Azure default chain', () => {
  test('a client secret in AZURE_CLIENT_SECRET (EnvironmentCredential)', async () => {
    restoreEnv = isolateCloudEnv({
      AZURE_CLIENT_ID: APP,
      AZURE_TENANT_ID: entra.tenantId,
      AZURE_CLIENT_SECRET: clientSecret,
    });
    entra.apps.set(APP, { secret: clientSecret });
    const { ctx } = watch.context(
      { image: `${acr.host}/connectors/sink`, 'registry-provider': 'acr' },
      { endpoints: endpoints() },
    );
    const creds = await credentialResolver(ctx)(acr.host);
    watchIssued();
    expect(tokenRequests()[0].form).toMatchObject({
      client_id: APP,
      client_secret: clientSecret,
      grant_type: 'client_credentials',
    });
    expect(acr.requests[0].form.tenant).toBe(entra.tenantId);
    expect(creds?.identityToken).toBe(acr.refreshTokens.at(-1));
  });

  test('workload identity: AZURE_FEDERATED_TOKEN_FILE is the client assertion', async () => {
    const federated = testOidcToken('api://AzureADTokenExchange');
    const file = path.join(dir, 'azure-identity-token');
    await fsp.writeFile(file, federated);
    watch.foreignSecret(federated);
    restoreEnv = isolateCloudEnv({
      AZURE_CLIENT_ID: APP,
      AZURE_TENANT_ID: entra.tenantId,
      AZURE_FEDERATED_TOKEN_FILE: file,
    });
    entra.apps.set(APP, { assertion: federated });
    const { ctx } = watch.context(
      { image: `${acr.host}/connectors/sink`, 'registry-provider': 'acr' },
      { endpoints: endpoints() },
    );
    const creds = await credentialResolver(ctx)(acr.host);
    watchIssued();
    expect(tokenRequests()[0].form.client_assertion).toBe(federated);
    expect(creds?.identityToken).toBe(acr.refreshTokens.at(-1));
  });

  test('no identity anywhere: the error lists the ways to provide one', async () => {
    restoreEnv = isolateCloudEnv();
    const { ctx } = watch.context(
      { image: `${acr.host}/connectors/sink`, 'registry-provider': 'acr' },
      { endpoints: endpoints() },
    );
    const error = await watch.failure(credentialResolver(ctx)(acr.host));
    expect(error.message).toMatch(
      /^ACR: no Azure identity for 127\.0\.0\.1:\d+: set "azure-client-id" and "azure-tenant-id"/,
    );
    expect(entra.requests).toHaveLength(0);
  });

  test('a wrong client secret: the error says to create a new one', async () => {
    restoreEnv = isolateCloudEnv({
      AZURE_CLIENT_ID: APP,
      AZURE_TENANT_ID: entra.tenantId,
      AZURE_CLIENT_SECRET: clientSecret,
    });
    entra.apps.set(APP, { secret: randomToken('other-secret') });
    const { ctx } = watch.context(
      { image: `${acr.host}/connectors/sink`, 'registry-provider': 'acr' },
      { endpoints: endpoints() },
    );
    const error = await watch.failure(credentialResolver(ctx)(acr.host));
    expect(error.message).toContain('AADSTS7000215');
    expect(error.message).toContain('create a new client secret');
  });
});

describe('the ACR exchange', () => {
  test('the registry refuses the Entra token: the error names the AcrPush role', async () => {
    restoreEnv = isolateCloudEnv();
    const oidc = testOidcToken('api://AzureADTokenExchange');
    entra.apps.set(APP, { assertion: oidc });
    acr.accept = () => false;
    const { ctx } = watch.context(
      {
        image: `${acr.host}/connectors/sink`,
        'registry-provider': 'acr',
        'azure-client-id': APP,
        'azure-tenant-id': entra.tenantId,
      },
      { oidcToken: oidc, endpoints: endpoints() },
    );
    const error = await watch.failure(credentialResolver(ctx)(acr.host));
    watchIssued();
    expect(error.message).toBe(
      `ACR: ${acr.host} refused the Entra ID token of Entra ID app ${APP} (CI OIDC token) at /oauth2/exchange (HTTP 401): make sure the identity is in the registry's tenant and has the AcrPush role on the registry.`,
    );
  });

  test('username/password inputs (admin user or repository token) skip Entra ID entirely', async () => {
    restoreEnv = isolateCloudEnv();
    const password = randomToken('acr-admin');
    watch.secret(password);
    const { ctx } = watch.context({
      image: 'myreg.azurecr.io/connectors/sink',
      username: 'myreg',
      password,
    });
    const creds = await credentialResolver(ctx)('myreg.azurecr.io');
    expect(creds).toEqual({ username: 'myreg', password });
    expect(entra.requests).toHaveLength(0);
  });

  test('a refused push gets the AcrPush role as the hint', () => {
    restoreEnv = isolateCloudEnv();
    const { ctx } = watch.context({ image: 'myreg.azurecr.io/connectors/sink' });
    expect(registryAccess(ctx).hint('myreg.azurecr.io', 'push')).toContain('AcrPush');
  });
});

describe('the obtained credentials push to a real registry', () => {
  test('OIDC → Entra token → exchange → refresh token → /oauth2/token → push', async () => {
    restoreEnv = isolateCloudEnv();
    const oidc = testOidcToken('api://AzureADTokenExchange');
    entra.apps.set(APP, { assertion: oidc });
    const image = `${acr.host}/connectors/acr-sink`;
    const { ctx } = watch.context(
      {
        image,
        'registry-provider': 'acr',
        'azure-client-id': APP,
        'azure-tenant-id': entra.tenantId,
      },
      { oidcToken: oidc, endpoints: endpoints() },
    );
    const digest = await pushWith(registryAccess(ctx).credentials, image, 'v1', 'acr');
    watchIssued();

    const refresh = acr.refreshTokens.at(-1);
    const tokenCalls = acr.requests.filter((r) => r.path === '/oauth2/token');
    expect(tokenCalls.length).toBeGreaterThan(0);
    for (const call of tokenCalls) {
      expect(call).toMatchObject({
        method: 'POST',
        status: 200,
        form: { grant_type: 'refresh_token', refresh_token: refresh },
      });
    }
    expect(
      tokenCalls.some((c) => c.form.scope?.includes('repository:connectors/acr-sink:pull,push')),
    ).toBe(true);
    const inspected = (await skopeoInspect(`${registry.host}/connectors/acr-sink:v1`, {
      creds: registry.creds,
    })) as { Digest: string };
    expect(inspected.Digest).toBe(digest);
  });
});

test('no secret reached a log line or an error message, and every one was masked', () => {
  expect(watch.count).toBeGreaterThanOrEqual(5);
  expect(watch.leaks()).toEqual([]);
  expect(watch.unmasked()).toEqual([]);
});
