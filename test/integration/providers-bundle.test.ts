/**
 * The providers as shipped: bundled by scripts/build.mjs (ES modules, cloud SDKs in lazy chunks)
 * and run in a fresh process, configured only by the environment a CI job would have
 * (SLIPWAY_ID_TOKEN, AWS_ENDPOINT_URL_*, SLIPWAY_*_URL, NODE_EXTRA_CA_CERTS). Each cloud's whole
 * flow runs: OIDC token → cloud identity → repository creation → registry credentials → push.
 * This is also where gaxios runs its real node-fetch path, which jest's vm cannot load.
 */
import crypto from 'node:crypto';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { skopeoInspect } from '../fixtures/clients';
import { startFakeAws } from '../fixtures/clouds/aws';
import type { FakeAws } from '../fixtures/clouds/aws';
import {
  entraAccessToken,
  installFakeAz,
  startFakeAcr,
  startFakeEntra,
  startFakeManagedIdentity,
} from '../fixtures/clouds/azure';
import type { FakeAcr, FakeEntra, FakeManagedIdentity } from '../fixtures/clouds/azure';
import { isolateCloudEnv } from '../fixtures/clouds/env';
import { startFakeGoogle } from '../fixtures/clouds/google';
import type { FakeGoogle } from '../fixtures/clouds/google';
import { testOidcToken } from '../fixtures/clouds/http';
import type { Outcome, Scenario } from '../fixtures/clouds/runner';
import { recordOutput, recordSecret } from '../fixtures/leaks';
import { makeTempDir, removeTempDir, run, runOk } from '../fixtures/process';
import { startRegistry } from '../fixtures/registry';
import type { TestRegistry } from '../fixtures/registry';

const root = path.resolve(__dirname, '../..');
const WIP = 'projects/123456789/locations/global/workloadIdentityPools/ci/providers/gitlab';
const SA = 'pusher@acme-prod.iam.gserviceaccount.com';
const APP = '11111111-2222-3333-4444-555555555555';
const ACR_USER = '00000000-0000-0000-0000-000000000000';

let dir: string;
let bundle: string;
let registry: TestRegistry;
let aws: FakeAws;
let google: FakeGoogle;
let entra: FakeEntra;
let acr: FakeAcr;
let mi: FakeManagedIdentity;

const sha256 = (s: string | undefined): string =>
  crypto
    .createHash('sha256')
    .update(s ?? '')
    .digest('hex');

beforeAll(async () => {
  dir = await makeTempDir('providers-bundle');
  bundle = path.join(dir, 'dist/runner.js');
  [, registry, aws, google, entra, mi] = await Promise.all([
    // The build script of dist/ itself, with the runner as one more entry point.
    runOk(
      process.execPath,
      [
        path.join(root, 'scripts/build.mjs'),
        path.join(dir, 'dist'),
        '--entry',
        'runner=test/fixtures/clouds/runner.ts',
      ],
      { cwd: root },
    ),
    startRegistry({ auth: 'token' }),
    startFakeAws(),
    startFakeGoogle(),
    startFakeEntra(),
    startFakeManagedIdentity(),
  ]);
  // Only the SDK reads IDENTITY_HEADER: Slipway cannot mask it, but must never print it.
  recordSecret(mi.identityHeader, 'IDENTITY_HEADER (App Service managed identity)');
  acr = await startFakeAcr(registry, (token) => entra.issued.includes(token));
  registry.tokenServer?.addUser(aws.registryUser, aws.registryPassword);
  google.onIssue = (token) => registry.tokenServer?.addUser('oauth2accesstoken', token);
});

afterAll(async () => {
  await Promise.all([
    acr?.stop(),
    entra?.stop(),
    mi?.stop(),
    google?.stop(),
    aws?.stop(),
    registry?.stop(),
  ]);
  if (dir) await removeTempDir(dir);
});

/** Runs the bundle in a new Node process with only the cloud settings given here. */
async function runBundle(
  scenario: Scenario,
  env: Record<string, string>,
  handled: readonly string[] = [],
): Promise<Outcome> {
  const restore = isolateCloudEnv();
  let result;
  try {
    result = await run(process.execPath, [bundle], {
      env,
      input: JSON.stringify(scenario),
      timeoutMs: 60_000,
    });
  } finally {
    restore();
  }
  // The process's whole output goes to the suite's leak ledger.
  const printed = `${result.stdout}${result.stderr}`;
  recordOutput(printed, 'provider bundle output');
  const last = result.stdout.trim().split('\n').at(-1) ?? '';
  if (!last.startsWith('{')) throw new Error(`the bundle printed no outcome:\n${result.stderr}`);
  // Nothing the process printed may hold a secret it handled.
  for (const secret of [env.SLIPWAY_ID_TOKEN, ...handled, ...(scenario.expectMasked ?? [])]) {
    if (secret) expect(printed).not.toContain(secret);
  }
  return JSON.parse(last) as Outcome;
}

async function expectPushed(repository: string, outcome: Outcome): Promise<void> {
  const inspected = (await skopeoInspect(`${registry.host}/${repository}:bundle`, {
    creds: registry.creds,
  })) as { Digest: string };
  expect(inspected.Digest).toBe(outcome.digest);
}

test('the bundle loads in plain Node 20 without the SDKs installed beside it', async () => {
  // The build sits in a temp folder outside the repository: no node_modules can be found from it.
  const files = await fsp.readdir(path.dirname(bundle), { recursive: true, withFileTypes: true });
  let size = 0;
  for (const f of files)
    if (f.isFile()) size += (await fsp.stat(path.join(f.parentPath, f.name))).size;
  expect(size).toBeGreaterThan(1_000_000); // the SDKs are inside, in lazy chunks
  const result = await run(process.execPath, [bundle], {
    env: { NODE_PATH: '/nonexistent' },
    input: '{"inputs":{},"tag":"x"}',
  });
  expect(result.stderr).toBe('');
  expect(JSON.parse(result.stdout) as Outcome).toMatchObject({ ok: false });
});

test('ECR: role from SLIPWAY_ID_TOKEN, repository created, push with the ECR token', async () => {
  const oidc = testOidcToken('sts.amazonaws.com');
  const role = 'arn:aws:iam::123456789012:role/gitlab';
  aws.webIdentity = { token: oidc, roleArn: role };
  aws.requests.length = 0;
  const image = `${registry.host}/team/bundle-ecr`;
  const outcome = await runBundle(
    {
      inputs: {
        image,
        'registry-provider': 'ecr',
        'aws-region': 'eu-west-1',
        'aws-role-to-assume': role,
      },
      tag: 'bundle',
    },
    { SLIPWAY_ID_TOKEN: oidc, AWS_ENDPOINT_URL_ECR: aws.url, AWS_ENDPOINT_URL_STS: aws.url },
  );
  expect(outcome).toMatchObject({
    ok: true,
    username: 'AWS',
    masked: true,
    secretSha256: sha256(aws.registryPassword),
  });
  expect(aws.requests.map((r) => `${r.service}:${r.action}:${r.status}`)).toEqual([
    'sts:AssumeRoleWithWebIdentity:200',
    'ecr:DescribeRepositories:400',
    'ecr:CreateRepository:200',
    'ecr:GetAuthorizationToken:200',
  ]);
  expect(aws.requests[0].params.WebIdentityToken).toBe(oidc);
  expect(
    aws.requests
      .slice(1)
      .every((r) => r.signature?.valid && r.signature.accessKeyId === aws.assumed?.accessKeyId),
  ).toBe(true);
  await expectPushed('team/bundle-ecr', outcome);
});

test('Artifact Registry: workload identity + impersonation over gaxios/node-fetch, repository created over REST, push', async () => {
  const oidc = testOidcToken(`https://iam.googleapis.com/${WIP}`);
  google.federation = { subjectToken: oidc, audience: `//iam.googleapis.com/${WIP}` };
  google.impersonable.add(SA);
  google.requests.length = 0;
  const image = `${registry.host}/acme-prod/connectors/bundle-gar`;
  const outcome = await runBundle(
    {
      inputs: {
        image,
        'registry-provider': 'gar',
        'gcp-workload-identity-provider': WIP,
        'gcp-service-account': SA,
      },
      tag: 'bundle',
      ensure: { registry: 'us-central1-docker.pkg.dev', repository: 'acme-prod/bundle/sink' },
    },
    {
      SLIPWAY_ID_TOKEN: oidc,
      SLIPWAY_GOOGLE_STS_URL: google.stsUrl,
      SLIPWAY_GOOGLE_IAM_CREDENTIALS_URL: google.url,
      SLIPWAY_ARTIFACT_REGISTRY_URL: google.url,
    },
  );
  expect(outcome).toMatchObject({ ok: true, username: 'oauth2accesstoken', masked: true });
  const impersonated = google.issued
    .filter((i) => i.how === 'impersonated')
    .map((i) => sha256(i.token));
  expect(impersonated).toContain(outcome.secretSha256);
  expect(google.requests.map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual([
    'POST /v1/token 200',
    `POST /v1/projects/-/serviceAccounts/${SA}:generateAccessToken 200`,
    'GET /v1/projects/acme-prod/locations/us-central1/repositories/bundle 404',
    'POST /v1/projects/acme-prod/locations/us-central1/repositories 200',
  ]);
  expect(google.requests[0].body.subject_token).toBe(oidc);
  expect(google.requests.slice(2).every((r) => r.caller === 'impersonated')).toBe(true);
  await expectPushed('acme-prod/connectors/bundle-gar', outcome);
});

test('ACR: client assertion from SLIPWAY_ID_TOKEN, Entra ID trusted through NODE_EXTRA_CA_CERTS, push with the refresh token', async () => {
  const oidc = testOidcToken('api://AzureADTokenExchange');
  entra.apps.set(APP, { assertion: oidc });
  const caFile = path.join(dir, 'entra-ca.pem');
  await fsp.writeFile(caFile, entra.caPem);
  const image = `${acr.host}/connectors/bundle-acr`;
  const outcome = await runBundle(
    {
      inputs: {
        image,
        'registry-provider': 'acr',
        'azure-client-id': APP,
        'azure-tenant-id': entra.tenantId,
      },
      tag: 'bundle',
    },
    {
      SLIPWAY_ID_TOKEN: oidc,
      SLIPWAY_AZURE_AUTHORITY_HOST: entra.authorityHost,
      NODE_EXTRA_CA_CERTS: caFile,
    },
  );
  expect(outcome).toMatchObject({
    ok: true,
    username: '00000000-0000-0000-0000-000000000000',
    masked: true,
  });
  expect(outcome.secretSha256).toBe(sha256(acr.refreshTokens.at(-1)));
  const assertion = entra.requests.find((r) => r.path.endsWith('/token'))?.form.client_assertion;
  expect(assertion).toBe(oidc);
  await expectPushed('connectors/bundle-acr', outcome);
});

/**
 * The default chain's wires are the environment and PATH a CI job leaves behind, which only a fresh
 * process sees (jest's process.env does not reach child processes such as az), and MSAL keeps the
 * first managed identity source it picks for the life of the process.
 */
describe('ACR through the Azure default chain', () => {
  const RESOURCE = 'https://containerregistry.azure.net';

  beforeEach(() => {
    entra.requests.length = 0;
    acr.requests.length = 0;
    mi.requests.length = 0;
  });

  /** The exchange got `token`, the registry's token endpoint got the refresh token it returned. */
  function expectExchanged(token: string, tenant: string, repository: string): void {
    expect(acr.requests[0]).toMatchObject({
      method: 'POST',
      path: '/oauth2/exchange',
      status: 200,
      form: { grant_type: 'access_token', service: acr.host, tenant, access_token: token },
    });
    const calls = acr.requests.filter((r) => r.path === '/oauth2/token');
    expect(calls.length).toBeGreaterThan(0);
    for (const call of calls) {
      expect(call).toMatchObject({
        status: 200,
        form: { grant_type: 'refresh_token', refresh_token: acr.refreshTokens.at(-1) },
      });
    }
    expect(calls.some((c) => c.form.scope?.includes(`repository:${repository}:pull,push`))).toBe(
      true,
    );
    expect(entra.requests).toHaveLength(0);
  }

  async function fakeAzLogin(name: string, tenantId: string) {
    const token = entraAccessToken(tenantId, { upn: 'ci@acme.example' });
    recordSecret(token, 'Entra token from az');
    const az = await installFakeAz(path.join(dir, name), { token, tenantId });
    acr.accept = (t) => t === token;
    return { az, token, PATH: `${az.bin}:${process.env.PATH ?? ''}` };
  }

  test('Azure CLI login (azure/login, az login): az account get-access-token → exchange → push', async () => {
    const tenant = crypto.randomUUID();
    const { az, token, PATH } = await fakeAzLogin('az-login', tenant);
    const image = `${acr.host}/connectors/bundle-az`;
    const outcome = await runBundle(
      {
        inputs: { image, 'registry-provider': 'acr' },
        tag: 'bundle',
        expectMasked: [token],
      },
      { PATH },
    );
    expect(outcome).toMatchObject({ ok: true, username: ACR_USER, masked: true, unmasked: 0 });
    expect(outcome.secretSha256).toBe(sha256(acr.refreshTokens.at(-1)));
    // Exactly what the CLI was asked: the registry resource, no --tenant when none is configured.
    expect(await az.calls()).toEqual([
      ['account', 'get-access-token', '--output', 'json', '--resource', RESOURCE],
    ]);
    // The tenant named to ACR is the token's own (its tid claim).
    expectExchanged(token, tenant, 'connectors/bundle-az');
    expect(outcome.lines).toContain(
      `${acr.host}: credentials from the Azure default credential chain via ${acr.host}/oauth2/exchange`,
    );
    await expectPushed('connectors/bundle-az', outcome);
  });

  test('Azure CLI with AZURE_TENANT_ID: the CLI is asked for that tenant, the exchange names it', async () => {
    const tenant = crypto.randomUUID();
    const { az, token, PATH } = await fakeAzLogin('az-tenant', tenant);
    const image = `${acr.host}/connectors/bundle-az-tenant`;
    const outcome = await runBundle(
      { inputs: { image, 'registry-provider': 'acr' }, tag: 'bundle', expectMasked: [token] },
      { PATH, AZURE_TENANT_ID: tenant },
    );
    expect(outcome).toMatchObject({ ok: true, unmasked: 0 });
    expect(await az.calls()).toEqual([
      [
        'account',
        'get-access-token',
        '--output',
        'json',
        '--resource',
        RESOURCE,
        '--tenant',
        tenant,
      ],
    ]);
    expectExchanged(token, tenant, 'connectors/bundle-az-tenant');
    await expectPushed('connectors/bundle-az-tenant', outcome);
  });

  test('az installed but logged out: the error says "az login", ACR is never asked', async () => {
    const az = await installFakeAz(path.join(dir, 'az-logged-out'), {
      failure: "ERROR: Please run 'az login' to setup account.",
    });
    const outcome = await runBundle(
      { inputs: { image: `${acr.host}/connectors/x`, 'registry-provider': 'acr' }, tag: 'bundle' },
      { PATH: `${az.bin}:${process.env.PATH ?? ''}` },
    );
    expect(await az.calls()).toHaveLength(1);
    expect(outcome.ok).toBe(false);
    expect(outcome.error).toMatch(/^ACR: no Azure identity for 127\.0\.0\.1:\d+: /);
    expect(outcome.error).toContain('log in with "az login"');
    expect(acr.requests).toHaveLength(0);
  });

  test('managed identity on App Service: IDENTITY_ENDPOINT + IDENTITY_HEADER → exchange → push', async () => {
    acr.accept = (t) => mi.issued.includes(t);
    const image = `${acr.host}/connectors/bundle-mi`;
    const outcome = await runBundle(
      { inputs: { image, 'registry-provider': 'acr' }, tag: 'bundle' },
      { IDENTITY_ENDPOINT: mi.appServiceEndpoint, IDENTITY_HEADER: mi.identityHeader },
      [mi.identityHeader],
    );
    mi.issued.forEach((t) => recordSecret(t, 'Entra token from managed identity'));
    expect(outcome).toMatchObject({ ok: true, username: ACR_USER, masked: true });
    expect(mi.requests).toEqual([
      {
        method: 'GET',
        path: '/msi/token',
        // System-assigned: no client_id; the secret header proves the caller runs in the app.
        query: { 'api-version': '2019-08-01', resource: RESOURCE },
        metadata: undefined,
        identityHeader: mi.identityHeader,
        status: 200,
      },
    ]);
    expectExchanged(mi.issued[0], mi.tenantId, 'connectors/bundle-mi');
    await expectPushed('connectors/bundle-mi', outcome);
  });

  test('managed identity over IMDS (AZURE_POD_IDENTITY_AUTHORITY_HOST), user-assigned through AZURE_CLIENT_ID', async () => {
    const identity = crypto.randomUUID();
    acr.accept = (t) => mi.issued.includes(t);
    const image = `${acr.host}/connectors/bundle-imds`;
    const outcome = await runBundle(
      { inputs: { image, 'registry-provider': 'acr' }, tag: 'bundle' },
      { AZURE_POD_IDENTITY_AUTHORITY_HOST: mi.imdsHost, AZURE_CLIENT_ID: identity },
    );
    mi.issued.forEach((t) => recordSecret(t, 'Entra token from managed identity'));
    expect(outcome).toMatchObject({ ok: true, username: ACR_USER, masked: true });
    expect(mi.requests).toEqual([
      {
        method: 'GET',
        path: expect.stringMatching(/^\/metadata\/identity\/oauth2\/token\/?$/) as unknown,
        query: { 'api-version': '2018-02-01', resource: RESOURCE, client_id: identity },
        metadata: 'true',
        identityHeader: undefined,
        status: 200,
      },
    ]);
    expectExchanged(mi.issued.at(-1) ?? '', mi.tenantId, 'connectors/bundle-imds');
    await expectPushed('connectors/bundle-imds', outcome);
  });
});
