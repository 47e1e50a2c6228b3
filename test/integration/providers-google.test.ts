/**
 * Artifact Registry through google-auth-library and @google-cloud/artifact-registry against a
 * loopback Google (OAuth JWT grant, STS, IAM Credentials, Artifact Registry REST), ending with a
 * push to the real registry.
 */
import fsp from 'node:fs/promises';
import path from 'node:path';
import { InputError, RunError } from '../../src/core/errors';
import { secrets } from '../../src/core/secrets';
import { credentialResolver, ensureRepository, registryAccess } from '../../src/providers';
import { skopeoInspect } from '../fixtures/clients';
import { LeakWatch } from '../fixtures/clouds/context';
import { isolateCloudEnv } from '../fixtures/clouds/env';
import { CLOUD_PLATFORM, startFakeGoogle } from '../fixtures/clouds/google';
import type { FakeGoogle } from '../fixtures/clouds/google';
import { testOidcToken } from '../fixtures/clouds/http';
import { pushWith } from '../fixtures/clouds/push';
import { makeTempDir, removeTempDir } from '../fixtures/process';
import { startRegistry } from '../fixtures/registry';
import type { TestRegistry } from '../fixtures/registry';

const GAR_HOST = 'europe-west1-docker.pkg.dev';
const WIP = 'projects/123456789/locations/global/workloadIdentityPools/ci/providers/github';
const SA = 'pusher@acme-prod.iam.gserviceaccount.com';

// gaxios (under google-auth-library) loads node-fetch with a dynamic import(), which jest's vm
// cannot run without --experimental-vm-modules. gaxios takes window.fetch when there is a window,
// so Node's own fetch is offered that way here; the bundle test runs the real node-fetch path.
Object.assign(globalThis, { window: { fetch: globalThis.fetch } });

let google: FakeGoogle;
let registry: TestRegistry;
let dir: string;
let keyFilePath: string;
let restoreEnv: () => void = () => undefined;
const watch = new LeakWatch();

beforeAll(async () => {
  [google, registry, dir] = await Promise.all([
    startFakeGoogle(),
    startRegistry({ auth: 'token' }),
    makeTempDir('providers-google'),
  ]);
  watch.foreignSecret(registry.password);
  // Every token Google issues opens the registry to user oauth2accesstoken, as GAR does.
  // Tokens the libraries keep to themselves (an STS token before impersonation) are watched for
  // leaks; the ones Slipway receives must also be masked (checked where they are returned).
  google.onIssue = (token) => {
    watch.foreignSecret(token);
    registry.tokenServer?.addUser('oauth2accesstoken', token);
  };
  const key = google.keyFile();
  watch.secret(key.private_key as string);
  keyFilePath = path.join(dir, 'key.json');
  await fsp.writeFile(keyFilePath, JSON.stringify(key));
});

afterAll(async () => {
  await Promise.all([google?.stop(), registry?.stop(), dir && removeTempDir(dir)]);
});

beforeEach(() => {
  google.requests.length = 0;
  google.federation = undefined;
  google.impersonable.clear();
  google.keyRevoked = false;
  google.denyCreate = false;
});

afterEach(() => restoreEnv());

const federated = (audience = `https://iam.googleapis.com/${WIP}`) => {
  const token = testOidcToken(audience);
  google.federation = { subjectToken: token, audience: `//iam.googleapis.com/${WIP}` };
  return token;
};

const endpoints = () => ({
  googleSts: google.stsUrl,
  googleIamCredentials: google.url,
  artifactRegistry: google.url,
});

describe('application default credentials', () => {
  test("a service-account key file: a signed JWT goes to the key's token_uri, the token becomes oauth2accesstoken's password", async () => {
    restoreEnv = isolateCloudEnv({ GOOGLE_APPLICATION_CREDENTIALS: keyFilePath });
    const { ctx, logger } = watch.context({ image: `${GAR_HOST}/acme-prod/connectors/sink` });
    const creds = await credentialResolver(ctx)(GAR_HOST);
    watch.secret(creds?.password);

    expect(google.requests).toHaveLength(1);
    const [req] = google.requests;
    expect(req.path).toBe('/token');
    expect(req.body.grant_type).toBe('urn:ietf:params:oauth:grant-type:jwt-bearer');
    expect(req.assertion?.valid).toBe(true);
    expect(req.assertion?.header.alg).toBe('RS256');
    expect(req.assertion?.claims).toMatchObject({
      iss: SA,
      scope: CLOUD_PLATFORM,
      // google-auth-library signs for Google's audience even when the key names another token_uri.
      aud: 'https://oauth2.googleapis.com/token',
    });
    expect(creds).toEqual({ username: 'oauth2accesstoken', password: google.issued[0].token });
    expect(google.issued[0].how).toBe('jwt');
    expect(logger.lines).toContain(
      `${GAR_HOST}: credentials from Google application default credentials`,
    );
  });

  test('an external_account file from the CI auth step: its token file is exchanged at its token_url', async () => {
    const oidc = federated();
    const tokenFile = path.join(dir, 'oidc-token');
    await fsp.writeFile(tokenFile, oidc);
    const configFile = path.join(dir, 'external-account.json');
    await fsp.writeFile(
      configFile,
      JSON.stringify({
        type: 'external_account',
        audience: `//iam.googleapis.com/${WIP}`,
        subject_token_type: 'urn:ietf:params:oauth:token-type:jwt',
        token_url: google.stsUrl,
        credential_source: { file: tokenFile },
      }),
    );
    watch.foreignSecret(oidc); // read by google-auth-library from the CI's file, not by Slipway
    restoreEnv = isolateCloudEnv({ GOOGLE_APPLICATION_CREDENTIALS: configFile });
    const { ctx } = watch.context({ image: `${GAR_HOST}/acme-prod/connectors/sink` });
    const creds = await credentialResolver(ctx)(GAR_HOST);
    watch.secret(creds?.password);

    expect(google.requests.map((r) => r.path)).toEqual(['/v1/token']);
    expect(google.requests[0].body.subject_token).toBe(oidc);
    expect(creds?.password).toBe(google.issued.at(-1)?.token);
  });

  test('a revoked key: the error says the credentials were rejected and how to replace them', async () => {
    restoreEnv = isolateCloudEnv({ GOOGLE_APPLICATION_CREDENTIALS: keyFilePath });
    google.keyRevoked = true;
    const { ctx } = watch.context({ image: `${GAR_HOST}/acme-prod/connectors/sink` });
    const error = await watch.failure(credentialResolver(ctx)(GAR_HOST));
    expect(error).toBeInstanceOf(RunError);
    expect(error.message).toContain(
      'Google rejected the credentials in GOOGLE_APPLICATION_CREDENTIALS for europe-west1-docker.pkg.dev as expired or revoked (invalid_grant',
    );
    expect(error.message).toContain('gcp-workload-identity-provider');
  });

  test('a malformed key file: the error names the file and echoes none of it; its key is registered as a secret first', async () => {
    const pem =
      '-----BEGIN PRIVATE KEY-----\nMALFORMEDKEYMATERIAL0123456789\n-----END PRIVATE KEY-----\n';
    const broken = path.join(dir, 'broken-key.json');
    // A key file cut after its private key, with a stray token: not JSON.
    await fsp.writeFile(
      broken,
      `{"type":"service_account","private_key":${JSON.stringify(pem)}, client_email: "x@y"`,
    );
    restoreEnv = isolateCloudEnv({ GOOGLE_APPLICATION_CREDENTIALS: broken });
    const { ctx } = watch.context({ image: `${GAR_HOST}/acme-prod/connectors/sink` });
    const error = await watch.failure(credentialResolver(ctx)(GAR_HOST));
    expect(error).toBeInstanceOf(InputError);
    expect(error.message).toBe(
      `GOOGLE_APPLICATION_CREDENTIALS file ${broken} is not valid JSON: point it at the key or external_account file as Google issued it.`,
    );
    expect(secrets.redact(`key: ${pem}`)).toBe('key: ***');
    expect(secrets.redact(JSON.stringify(pem))).not.toContain('MALFORMEDKEYMATERIAL');
    expect(google.requests).toHaveLength(0);
  });

  test('no credentials anywhere: the error names both ways to provide them', async () => {
    restoreEnv = isolateCloudEnv();
    const { ctx } = watch.context({ image: `${GAR_HOST}/acme-prod/connectors/sink` });
    const error = await watch.failure(credentialResolver(ctx)(GAR_HOST));
    expect(error.message).toMatch(/^Artifact Registry: no Google credentials/);
    expect(error.message).toContain('GOOGLE_APPLICATION_CREDENTIALS');
    expect(google.requests).toHaveLength(0);
  });
});

describe('keyless: gcp-workload-identity-provider with the CI OIDC token', () => {
  test('STS exchanges the OIDC token directly (no service account)', async () => {
    restoreEnv = isolateCloudEnv();
    const oidc = federated();
    const { ctx, audiences } = watch.context(
      { image: `${GAR_HOST}/acme-prod/connectors/sink`, 'gcp-workload-identity-provider': WIP },
      { oidcToken: oidc, endpoints: endpoints() },
    );
    const creds = await credentialResolver(ctx)(GAR_HOST);
    watch.secret(creds?.password);

    expect(audiences).toEqual([`https://iam.googleapis.com/${WIP}`]);
    expect(google.requests).toHaveLength(1);
    expect(google.requests[0].body).toMatchObject({
      grant_type: 'urn:ietf:params:oauth:grant-type:token-exchange',
      audience: `//iam.googleapis.com/${WIP}`,
      subject_token: oidc,
      subject_token_type: 'urn:ietf:params:oauth:token-type:jwt',
      requested_token_type: 'urn:ietf:params:oauth:token-type:access_token',
      scope: CLOUD_PLATFORM,
    });
    expect(creds).toEqual({ username: 'oauth2accesstoken', password: google.issued.at(-1)?.token });
    expect(google.issued.at(-1)?.how).toBe('sts');
  });

  test('with gcp-service-account: the STS token impersonates the service account', async () => {
    restoreEnv = isolateCloudEnv();
    const oidc = federated();
    google.impersonable.add(SA);
    const { ctx } = watch.context(
      {
        image: `${GAR_HOST}/acme-prod/connectors/sink`,
        'gcp-workload-identity-provider': WIP,
        'gcp-service-account': SA,
      },
      { oidcToken: oidc, endpoints: endpoints() },
    );
    const creds = await credentialResolver(ctx)(GAR_HOST);
    watch.secret(creds?.password);

    const [exchange, impersonate] = google.requests;
    expect(exchange.body.subject_token).toBe(oidc);
    expect(impersonate.path).toBe(`/v1/projects/-/serviceAccounts/${SA}:generateAccessToken`);
    expect(impersonate.authorization).toBe(`Bearer ${google.issued.at(-2)?.token}`);
    // The impersonation was authorised by the token the STS exchange just issued.
    expect(exchange.status).toBe(200);
    expect(google.issued.at(-2)?.how).toBe('sts');
    expect(impersonate.body).toMatchObject({ scope: [CLOUD_PLATFORM] });
    expect(creds?.password).toBe(google.issued.at(-1)?.token);
    expect(google.issued.at(-1)?.how).toBe('impersonated');
  });

  test('impersonation refused: the error names roles/iam.workloadIdentityUser', async () => {
    restoreEnv = isolateCloudEnv();
    const oidc = federated();
    const { ctx } = watch.context(
      {
        image: `${GAR_HOST}/acme-prod/connectors/sink`,
        'gcp-workload-identity-provider': WIP,
        'gcp-service-account': SA,
      },
      { oidcToken: oidc, endpoints: endpoints() },
    );
    const error = await watch.failure(credentialResolver(ctx)(GAR_HOST));
    expect(error.message).toContain(`Google refused to impersonate "gcp-service-account" ${SA}`);
    expect(error.message).toContain('grant roles/iam.workloadIdentityUser');
  });

  test('an OIDC token for the wrong audience: STS refuses it and the error says what to check', async () => {
    restoreEnv = isolateCloudEnv();
    federated();
    const wrong = testOidcToken('https://example.com');
    const { ctx } = watch.context(
      { image: `${GAR_HOST}/acme-prod/connectors/sink`, 'gcp-workload-identity-provider': WIP },
      { oidcToken: wrong, endpoints: endpoints() },
    );
    const error = await watch.failure(credentialResolver(ctx)(GAR_HOST));
    expect(error.message).toContain(
      `Google STS rejected the CI's OIDC token for "gcp-workload-identity-provider" ${WIP}`,
    );
    expect(error.message).toContain('invalid_grant');
  });

  test('a malformed provider name is an input error', async () => {
    restoreEnv = isolateCloudEnv();
    const { ctx } = watch.context({
      image: `${GAR_HOST}/a/b/c`,
      'gcp-workload-identity-provider': 'pools/ci',
    });
    const error = await watch.failure(credentialResolver(ctx)(GAR_HOST));
    expect(error).toBeInstanceOf(InputError);
    expect(error.message).toContain(
      'projects/PROJECT_NUMBER/locations/global/workloadIdentityPools/POOL/providers/PROVIDER',
    );
  });
});

describe('Artifact Registry create-repository (REST API)', () => {
  const target = { registry: GAR_HOST, repository: 'acme-prod/connectors/sink' };
  const name = 'projects/acme-prod/locations/europe-west1/repositories/connectors';

  test('creates a missing DOCKER repository once, authenticated with the same identity', async () => {
    restoreEnv = isolateCloudEnv({ GOOGLE_APPLICATION_CREDENTIALS: keyFilePath });
    const { ctx, logger } = watch.context(
      { image: `${GAR_HOST}/acme-prod/connectors/sink` },
      { endpoints: endpoints() },
    );
    await ensureRepository(ctx, target);
    await ensureRepository(ctx, target);

    const api = google.requests.filter((r) => r.path.startsWith('/v1/projects/acme-prod'));
    expect(api.map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual([
      `GET /v1/${name} 404`,
      'POST /v1/projects/acme-prod/locations/europe-west1/repositories 200',
    ]);
    expect(api[1].query.repositoryId).toBe('connectors');
    expect([1, 'DOCKER']).toContain(api[1].body.format);
    // As the service account: its access token or a JWT self-signed with its key.
    expect(api.every((r) => r.caller === 'jwt' || r.caller === 'self-signed')).toBe(true);
    expect(google.repositories.has(name)).toBe(true);
    expect(logger.lines).toContain(`gar: created repository ${name} (format DOCKER)`);

    google.requests.length = 0;
    const again = watch.context(
      { image: `${GAR_HOST}/acme-prod/connectors/sink` },
      { endpoints: endpoints() },
    );
    await ensureRepository(again.ctx, target);
    const apiAgain = google.requests.filter((r) => r.path.startsWith('/v1/projects/acme-prod'));
    expect(apiAgain.map((r) => `${r.method} ${r.status}`)).toEqual(['GET 200']);
  });

  test('creation refused: the error names the permission and create-repository: false', async () => {
    restoreEnv = isolateCloudEnv({ GOOGLE_APPLICATION_CREDENTIALS: keyFilePath });
    google.denyCreate = true;
    const { ctx } = watch.context(
      { image: `${GAR_HOST}/acme-prod/other/sink` },
      { endpoints: endpoints() },
    );
    const error = await watch.failure(
      ensureRepository(ctx, { registry: GAR_HOST, repository: 'acme-prod/other/sink' }),
    );
    expect(error.message).toContain(
      'Google denied creating it (artifactregistry.repositories.create)',
    );
    expect(error.message).toContain('create-repository: false');
  });

  test('an image path without PROJECT/REPOSITORY/IMAGE is an input error', async () => {
    restoreEnv = isolateCloudEnv({ GOOGLE_APPLICATION_CREDENTIALS: keyFilePath });
    const { ctx } = watch.context(
      { image: `${GAR_HOST}/acme-prod/sink` },
      { endpoints: endpoints() },
    );
    const error = await watch.failure(
      ensureRepository(ctx, { registry: GAR_HOST, repository: 'acme-prod/sink' }),
    );
    expect(error).toBeInstanceOf(InputError);
  });

  test('a refused push gets roles/artifactregistry.writer as the hint', () => {
    restoreEnv = isolateCloudEnv();
    const { ctx } = watch.context({ image: `${GAR_HOST}/acme-prod/connectors/sink` });
    expect(registryAccess(ctx).hint(GAR_HOST, 'push')).toContain('roles/artifactregistry.writer');
  });
});

describe('the obtained credentials push to a real registry', () => {
  test('workload identity + impersonation → access token → push as oauth2accesstoken', async () => {
    restoreEnv = isolateCloudEnv();
    const oidc = federated();
    google.impersonable.add(SA);
    const image = `${registry.host}/acme-prod/connectors/gar-sink`;
    const { ctx } = watch.context(
      {
        image,
        'registry-provider': 'gar',
        'gcp-workload-identity-provider': WIP,
        'gcp-service-account': SA,
      },
      { oidcToken: oidc, endpoints: endpoints() },
    );
    const before = registry.tokenServer?.requests.length ?? 0;
    const digest = await pushWith(registryAccess(ctx).credentials, image, 'v1', 'gar');

    const tokenRequests = registry.tokenServer?.requests.slice(before) ?? [];
    expect(tokenRequests.length).toBeGreaterThan(0);
    expect(tokenRequests.every((r) => r.account === 'oauth2accesstoken' && r.status === 200)).toBe(
      true,
    );
    const inspected = (await skopeoInspect(`${image}:v1`, { creds: registry.creds })) as {
      Digest: string;
    };
    expect(inspected.Digest).toBe(digest);
  });
});

test('no secret reached a log line or an error message, and every one was masked', () => {
  expect(watch.count).toBeGreaterThanOrEqual(5);
  expect(watch.leaks()).toEqual([]);
  expect(watch.unmasked()).toEqual([]);
});
