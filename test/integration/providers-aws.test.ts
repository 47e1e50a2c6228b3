/**
 * ECR and ECR Public through the real AWS SDK against a loopback AWS endpoint (JSON 1.1 and STS
 * query protocols, SigV4 verified), ending with pushes to the real registry.
 */
import { InputError, RunError } from '../../src/core/errors';
import { credentialResolver, ensureRepository, registryAccess } from '../../src/providers';
import { startFakeAws } from '../fixtures/clouds/aws';
import type { FakeAws } from '../fixtures/clouds/aws';
import { LeakWatch } from '../fixtures/clouds/context';
import { isolateCloudEnv } from '../fixtures/clouds/env';
import { randomToken, testOidcToken } from '../fixtures/clouds/http';
import { pushWith } from '../fixtures/clouds/push';
import { skopeoInspect } from '../fixtures/clients';
import { startRegistry } from '../fixtures/registry';
import type { TestRegistry } from '../fixtures/registry';

const ECR_HOST = '123456789012.dkr.ecr.eu-west-1.amazonaws.com';
const ROLE = 'arn:aws:iam::123456789012:role/slipway-ci';
const STATIC_KEY = 'AKIASLIPWAYTEST0001';

let aws: FakeAws;
let registry: TestRegistry;
let restoreEnv: () => void;
const staticSecret = randomToken('static-secret');
const watch = new LeakWatch();

beforeAll(async () => {
  [aws, registry] = await Promise.all([startFakeAws(), startRegistry({ auth: 'token' })]);
  aws.keys.set(STATIC_KEY, { secretAccessKey: staticSecret });
  watch.foreignSecret(staticSecret, registry.password);
  watch.secret(aws.registryPassword);
  // The registry knows ECR's user and password, as ECR's own registry front would.
  registry.tokenServer?.addUser(aws.registryUser, aws.registryPassword);
});

afterAll(async () => {
  await Promise.all([aws?.stop(), registry?.stop()]);
});

/** The SDK's standard per-service endpoint variables point at the fake. */
function awsEnv(extra: Record<string, string | undefined> = {}): void {
  restoreEnv = isolateCloudEnv({
    AWS_ENDPOINT_URL_ECR: aws.url,
    AWS_ENDPOINT_URL_ECR_PUBLIC: aws.url,
    AWS_ENDPOINT_URL_STS: aws.url,
    ...extra,
  });
}

beforeEach(() => {
  aws.requests.length = 0;
  aws.denied.clear();
  aws.expiredKeys.clear();
  aws.webIdentity = undefined;
});

afterEach(() => restoreEnv());

const staticKeys = { AWS_ACCESS_KEY_ID: STATIC_KEY, AWS_SECRET_ACCESS_KEY: staticSecret };

describe('ECR with the default credential chain', () => {
  test('GetAuthorizationToken is signed with the environment key for the host region and decoded to AWS + password', async () => {
    awsEnv(staticKeys);
    const { ctx, logger } = watch.context({ image: `${ECR_HOST}/team/sink` });
    const creds = await credentialResolver(ctx)(ECR_HOST);

    expect(creds).toEqual({ username: 'AWS', password: aws.registryPassword });
    expect(aws.requests).toHaveLength(1);
    const [req] = aws.requests;
    expect(req.action).toBe('GetAuthorizationToken');
    expect(req.signature).toMatchObject({
      accessKeyId: STATIC_KEY,
      region: 'eu-west-1',
      service: 'ecr',
      valid: true,
    });
    expect(logger.lines.join('\n')).toContain(
      `${ECR_HOST}: credentials from ECR GetAuthorizationToken`,
    );
  });

  test('credentials are cached per host: a second lookup sends nothing', async () => {
    awsEnv(staticKeys);
    const { ctx } = watch.context({ image: `${ECR_HOST}/team/sink` });
    const resolve = credentialResolver(ctx);
    await resolve(ECR_HOST);
    await resolve(ECR_HOST);
    expect(aws.requests.map((r) => r.action)).toEqual(['GetAuthorizationToken']);
  });

  test('the region comes from aws-region when the host names none (registry-provider: ecr)', async () => {
    awsEnv(staticKeys);
    const { ctx } = watch.context({
      image: `${registry.host}/team/sink`,
      'registry-provider': 'ecr',
      'aws-region': 'ap-southeast-2',
    });
    await credentialResolver(ctx)(registry.host);
    expect(aws.requests[0].signature?.region).toBe('ap-southeast-2');
  });

  test('no credentials at all: the error names aws-role-to-assume and the default chain', async () => {
    awsEnv();
    const { ctx } = watch.context({ image: `${ECR_HOST}/team/sink` });
    const error = await watch.failure(credentialResolver(ctx)(ECR_HOST));
    expect(error).toBeInstanceOf(RunError);
    expect(error.message).toMatch(
      /^ECR: no AWS credentials to call ecr:GetAuthorizationToken for 123456789012\.dkr\.ecr/,
    );
    expect(error.message).toContain('aws-role-to-assume');
    expect(aws.requests).toHaveLength(0);
  });

  test('a denied GetAuthorizationToken names the IAM action to allow', async () => {
    awsEnv(staticKeys);
    aws.denied.add('GetAuthorizationToken');
    const { ctx } = watch.context({ image: `${ECR_HOST}/team/sink` });
    const error = await watch.failure(credentialResolver(ctx)(ECR_HOST));
    expect(error.message).toMatch(/^ECR: AWS denied ecr:GetAuthorizationToken for 123456789012/);
    expect(error.message).toContain('allow the IAM action ecr:GetAuthorizationToken');
  });

  test('expired credentials say so and how to refresh them', async () => {
    awsEnv(staticKeys);
    aws.expiredKeys.add(STATIC_KEY);
    const { ctx } = watch.context({ image: `${ECR_HOST}/team/sink` });
    const error = await watch.failure(credentialResolver(ctx)(ECR_HOST));
    expect(error.message).toContain('expired or invalid (ExpiredTokenException)');
    expect(error.message).toContain('refresh them');
  });

  test('a base image on another ECR registry that refuses us is tried anonymously, with a warning', async () => {
    awsEnv(staticKeys);
    aws.denied.add('GetAuthorizationToken');
    const { ctx, logger } = watch.context({ image: 'ghcr.io/acme/sink' });
    const creds = await credentialResolver(ctx)(ECR_HOST);
    expect(creds).toBeUndefined();
    expect(logger.lines.join('\n')).toContain(
      `warning: ${ECR_HOST}: no ecr credentials for pulling`,
    );
  });
});

describe('ECR keyless: aws-role-to-assume with the CI OIDC token', () => {
  test('AssumeRoleWithWebIdentity gets the OIDC token, then ECR is signed with the assumed session', async () => {
    awsEnv();
    const oidc = testOidcToken('sts.amazonaws.com');
    aws.webIdentity = { token: oidc, roleArn: ROLE };
    const { ctx, audiences, logger } = watch.context(
      { image: `${ECR_HOST}/team/sink`, 'aws-role-to-assume': ROLE },
      { oidcToken: oidc },
    );
    const creds = await credentialResolver(ctx)(ECR_HOST);

    expect(audiences).toEqual(['sts.amazonaws.com']);
    const [sts, ecr] = aws.requests;
    expect(sts.service).toBe('sts');
    expect(sts.params).toMatchObject({
      Action: 'AssumeRoleWithWebIdentity',
      RoleArn: ROLE,
      WebIdentityToken: oidc,
      DurationSeconds: '3600',
    });
    expect(sts.params.RoleSessionName).toMatch(/^slipway-/);
    expect(sts.signature).toBeUndefined(); // the OIDC token is the proof, no AWS key yet
    expect(ecr.action).toBe('GetAuthorizationToken');
    expect(ecr.signature).toMatchObject({
      accessKeyId: aws.assumed?.accessKeyId,
      sessionToken: aws.assumed?.sessionToken,
      region: 'eu-west-1',
      valid: true,
    });
    expect(creds).toEqual({ username: 'AWS', password: aws.registryPassword });
    watch.secret(aws.assumed?.secretAccessKey, aws.assumed?.sessionToken);
    expect(logger.lines.join('\n')).toContain(
      'aws: assumed arn:aws:sts::123456789012:assumed-role/slipway-ci/slipway-',
    );
  });

  test('a role whose trust policy refuses the token: the error explains the trust policy', async () => {
    awsEnv();
    const oidc = testOidcToken('sts.amazonaws.com');
    aws.webIdentity = { token: oidc, roleArn: 'arn:aws:iam::123456789012:role/other' };
    const { ctx } = watch.context(
      { image: `${ECR_HOST}/team/sink`, 'aws-role-to-assume': ROLE },
      { oidcToken: oidc },
    );
    const error = await watch.failure(credentialResolver(ctx)(ECR_HOST));
    expect(error.message).toContain(
      `AWS STS denied AssumeRoleWithWebIdentity for "aws-role-to-assume" ${ROLE}`,
    );
    expect(error.message).toContain(
      "the role's trust policy must allow sts:AssumeRoleWithWebIdentity",
    );
  });

  test('a token the identity provider rejects (e.g. expired) says so', async () => {
    awsEnv();
    aws.webIdentity = { token: testOidcToken('sts.amazonaws.com'), roleArn: ROLE };
    const stale = testOidcToken('sts.amazonaws.com', -600);
    const { ctx } = watch.context(
      { image: `${ECR_HOST}/team/sink`, 'aws-role-to-assume': ROLE },
      { oidcToken: stale },
    );
    const error = await watch.failure(credentialResolver(ctx)(ECR_HOST));
    expect(error.message).toContain("AWS STS rejected the CI's OIDC token");
    expect(error.message).toContain('InvalidIdentityToken');
  });

  test('no OIDC token from the CI: an input error that says how to get one', async () => {
    awsEnv();
    const { ctx } = watch.context({ image: `${ECR_HOST}/team/sink`, 'aws-role-to-assume': ROLE });
    const error = await watch.failure(credentialResolver(ctx)(ECR_HOST));
    expect(error).toBeInstanceOf(InputError);
    expect(error.message).toContain('permissions: id-token: write');
    expect(error.message).toContain('id_tokens: SLIPWAY_ID_TOKEN: aud: sts.amazonaws.com');
    expect(aws.requests).toHaveLength(0);
  });
});

describe('ECR create-repository', () => {
  test('creates a missing repository once, with the tag mutability and scan-on-push inputs', async () => {
    awsEnv(staticKeys);
    const { ctx, logger } = watch.context({
      image: `${ECR_HOST}/team/new-sink`,
      'image-tag-mutability': 'IMMUTABLE',
      'scan-on-push': true,
    });
    const target = { registry: ECR_HOST, repository: 'team/new-sink' };
    await ensureRepository(ctx, target);
    await ensureRepository(ctx, target);

    expect(aws.requests.map((r) => r.action)).toEqual(['DescribeRepositories', 'CreateRepository']);
    expect(aws.requests[1].params).toEqual({
      registryId: '123456789012',
      repositoryName: 'team/new-sink',
      imageTagMutability: 'IMMUTABLE',
      imageScanningConfiguration: { scanOnPush: true },
    });
    expect(aws.requests[1].signature).toMatchObject({ accessKeyId: STATIC_KEY, valid: true });
    expect(aws.repositories.has('123456789012/team/new-sink')).toBe(true);
    expect(logger.lines).toContain(
      `ecr: created repository team/new-sink in ${ECR_HOST} (tags IMMUTABLE, scan on push true)`,
    );

    // A later run finds it and leaves it alone.
    aws.requests.length = 0;
    const again = watch.context({ image: `${ECR_HOST}/team/new-sink` });
    await ensureRepository(again.ctx, target);
    expect(aws.requests.map((r) => r.action)).toEqual(['DescribeRepositories']);
  });

  test('an existing repository is left alone', async () => {
    awsEnv(staticKeys);
    aws.repositories.add('123456789012/team/existing');
    const { ctx } = watch.context({ image: `${ECR_HOST}/team/existing` });
    await ensureRepository(ctx, { registry: ECR_HOST, repository: 'team/existing' });
    expect(aws.requests.map((r) => r.action)).toEqual(['DescribeRepositories']);
  });

  test('create-repository: false sends nothing', async () => {
    awsEnv(staticKeys);
    const { ctx } = watch.context({ image: `${ECR_HOST}/team/x`, 'create-repository': false });
    await ensureRepository(ctx, { registry: ECR_HOST, repository: 'team/x' });
    expect(aws.requests).toHaveLength(0);
  });

  test('a denied CreateRepository names ecr:CreateRepository and create-repository: false', async () => {
    awsEnv(staticKeys);
    aws.denied.add('CreateRepository');
    const { ctx } = watch.context({ image: `${ECR_HOST}/team/denied` });
    const error = await watch.failure(
      ensureRepository(ctx, { registry: ECR_HOST, repository: 'team/denied' }),
    );
    expect(error.message).toBe(
      `ECR: repository team/denied does not exist in ${ECR_HOST} and AWS denied ecr:CreateRepository: allow the IAM action ecr:CreateRepository, or create the repository yourself and set "create-repository: false".`,
    );
  });

  test('a push refused by the registry gets the ECR push permissions as the hint', () => {
    awsEnv(staticKeys);
    const { ctx } = watch.context({ image: `${ECR_HOST}/team/sink` });
    expect(registryAccess(ctx).hint(ECR_HOST, 'push')).toContain('ecr:InitiateLayerUpload');
  });
});

describe('ECR Public', () => {
  test('GetAuthorizationToken in us-east-1 whatever the configured region', async () => {
    awsEnv({ ...staticKeys, AWS_REGION: 'eu-central-1' });
    const { ctx } = watch.context({ image: 'public.ecr.aws/acme/sink' });
    const creds = await credentialResolver(ctx)('public.ecr.aws');
    expect(creds).toEqual({ username: 'AWS', password: aws.registryPassword });
    expect(aws.requests[0]).toMatchObject({
      service: 'ecr-public',
      action: 'GetAuthorizationToken',
      signature: {
        region: 'us-east-1',
        service: 'ecr-public',
        accessKeyId: STATIC_KEY,
        valid: true,
      },
    });
  });

  test('denied: names both permissions ECR Public needs', async () => {
    awsEnv(staticKeys);
    aws.denied.add('GetAuthorizationToken');
    const { ctx } = watch.context({ image: 'public.ecr.aws/acme/sink' });
    const error = await watch.failure(credentialResolver(ctx)('public.ecr.aws'));
    expect(error.message).toContain(
      'ecr-public:GetAuthorizationToken and sts:GetServiceBearerToken',
    );
  });
});

describe('ECR Public create-repository', () => {
  const PUBLIC = 'public.ecr.aws';

  test('creates a missing repository once: the name after the alias, signed for us-east-1', async () => {
    awsEnv({ ...staticKeys, AWS_REGION: 'eu-west-1' });
    const { ctx, logger } = watch.context({
      image: `${PUBLIC}/acme/team/new-sink`,
      // Private-ECR settings that ECR Public has no equivalent for.
      'image-tag-mutability': 'IMMUTABLE',
      'scan-on-push': true,
    });
    const target = { registry: PUBLIC, repository: 'acme/team/new-sink' };
    await ensureRepository(ctx, target);
    await ensureRepository(ctx, target);

    expect(aws.requests.map((r) => `${r.service}:${r.action}`)).toEqual([
      'ecr-public:DescribeRepositories',
      'ecr-public:CreateRepository',
    ]);
    const [describe, create] = aws.requests;
    expect(describe.params).toEqual({ repositoryNames: ['team/new-sink'] });
    expect(create.params).toEqual({ repositoryName: 'team/new-sink' });
    for (const request of aws.requests) {
      expect(request.signature).toEqual({
        accessKeyId: STATIC_KEY,
        date: expect.stringMatching(/^\d{8}$/) as unknown,
        region: 'us-east-1',
        service: 'ecr-public',
        valid: true,
        sessionToken: undefined,
      });
    }
    expect([describe.status, create.status]).toEqual([400, 200]); // not found, then created
    expect(aws.publicRepositories.has('team/new-sink')).toBe(true);
    expect(logger.lines).toContain(
      `ecr-public: created repository team/new-sink in ${PUBLIC}/acme`,
    );

    // A later run finds it and leaves it alone.
    aws.requests.length = 0;
    const again = watch.context({ image: `${PUBLIC}/acme/team/new-sink` });
    await ensureRepository(again.ctx, target);
    expect(aws.requests.map((r) => `${r.service}:${r.action}:${r.status}`)).toEqual([
      'ecr-public:DescribeRepositories:200',
    ]);
  });

  test('an existing repository is left alone', async () => {
    awsEnv(staticKeys);
    aws.publicRepositories.add('existing');
    const { ctx } = watch.context({ image: `${PUBLIC}/acme/existing` });
    await ensureRepository(ctx, { registry: PUBLIC, repository: 'acme/existing' });
    expect(aws.requests.map((r) => `${r.action}:${r.status}`)).toEqual([
      'DescribeRepositories:200',
    ]);
    expect(aws.requests[0].params).toEqual({ repositoryNames: ['existing'] });
  });

  test('a denied CreateRepository names ecr-public:CreateRepository and create-repository: false', async () => {
    awsEnv(staticKeys);
    aws.denied.add('CreateRepository');
    const { ctx } = watch.context({ image: `${PUBLIC}/acme/denied` });
    const error = await watch.failure(
      ensureRepository(ctx, { registry: PUBLIC, repository: 'acme/denied' }),
    );
    expect(error).toBeInstanceOf(RunError);
    expect(error.message).toBe(
      `ECR Public: repository denied does not exist in ${PUBLIC}/acme and AWS denied ecr-public:CreateRepository: allow the IAM action ecr-public:CreateRepository, or create the repository yourself and set "create-repository: false".`,
    );
    expect(aws.requests.map((r) => `${r.action}:${r.status}`)).toEqual([
      'DescribeRepositories:400',
      'CreateRepository:400',
    ]);
    expect(aws.publicRepositories.has('denied')).toBe(false);
  });

  test('a denied DescribeRepositories: warns, assumes the repository exists, creates nothing', async () => {
    awsEnv(staticKeys);
    aws.denied.add('DescribeRepositories');
    const { ctx, logger } = watch.context({ image: `${PUBLIC}/acme/unknown` });
    await ensureRepository(ctx, { registry: PUBLIC, repository: 'acme/unknown' });
    expect(aws.requests.map((r) => r.action)).toEqual(['DescribeRepositories']);
    expect(logger.lines.join('\n')).toContain(
      'warning: ecr-public: not allowed to check whether repository unknown exists in public.ecr.aws/acme (ecr-public:DescribeRepositories denied)',
    );
  });

  test('an image without a registry alias is an input error, before any request', async () => {
    awsEnv(staticKeys);
    const { ctx } = watch.context({ image: `${PUBLIC}/sink` });
    const error = await watch.failure(
      ensureRepository(ctx, { registry: PUBLIC, repository: 'sink' }),
    );
    expect(error).toBeInstanceOf(InputError);
    expect(error.message).toContain('public.ecr.aws/<alias>/<repository>');
    expect(aws.requests).toHaveLength(0);
  });

  test('create-repository: false sends nothing', async () => {
    awsEnv(staticKeys);
    const { ctx } = watch.context({ image: `${PUBLIC}/acme/x`, 'create-repository': false });
    await ensureRepository(ctx, { registry: PUBLIC, repository: 'acme/x' });
    expect(aws.requests).toHaveLength(0);
  });
});

describe('the obtained credentials push to a real registry', () => {
  test('keyless role → ECR token → push through the engine to the token-auth registry', async () => {
    awsEnv();
    const oidc = testOidcToken('sts.amazonaws.com');
    aws.webIdentity = { token: oidc, roleArn: ROLE };
    const image = `${registry.host}/team/ecr-sink`;
    const { ctx } = watch.context(
      {
        image,
        'registry-provider': 'ecr',
        'aws-region': 'eu-west-1',
        'aws-role-to-assume': ROLE,
      },
      { oidcToken: oidc },
    );
    const access = registryAccess(ctx);
    await access.ensureRepository({ registry: registry.host, repository: 'team/ecr-sink' });
    const tokenRequestsBefore = registry.tokenServer?.requests.length ?? 0;
    const digest = await pushWith(access.credentials, image, 'v1', 'ecr');
    watch.secret(aws.assumed?.secretAccessKey, aws.assumed?.sessionToken);

    expect(digest).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(aws.requests.map((r) => `${r.service}:${r.action}`)).toEqual([
      'sts:AssumeRoleWithWebIdentity',
      'ecr:DescribeRepositories',
      'ecr:CreateRepository',
      'ecr:GetAuthorizationToken',
    ]);
    const tokenRequests = registry.tokenServer?.requests.slice(tokenRequestsBefore) ?? [];
    expect(tokenRequests.length).toBeGreaterThan(0);
    expect(tokenRequests.every((r) => r.account === 'AWS' && r.status === 200)).toBe(true);
    expect(
      tokenRequests.some((r) => r.granted.includes('repository:team/ecr-sink:pull,push')),
    ).toBe(true);

    // Read back with a real client: the tag points at what was pushed.
    const inspected = (await skopeoInspect(`${image}:v1`, { creds: registry.creds })) as {
      Digest: string;
    };
    expect(inspected.Digest).toBe(digest);
  });
});

describe('ECR Public: create-repository, then push with its credentials', () => {
  test('DescribeRepositories → CreateRepository → GetAuthorizationToken → push to the real registry', async () => {
    awsEnv(staticKeys);
    const image = `${registry.host}/acme/public-sink`;
    const { ctx } = watch.context({ image, 'registry-provider': 'ecr-public' });
    const access = registryAccess(ctx);
    await access.ensureRepository({ registry: registry.host, repository: 'acme/public-sink' });
    const tokenRequestsBefore = registry.tokenServer?.requests.length ?? 0;
    const digest = await pushWith(access.credentials, image, 'v1', 'ecr-public');

    expect(aws.requests.map((r) => `${r.service}:${r.action}:${r.status}`)).toEqual([
      'ecr-public:DescribeRepositories:400',
      'ecr-public:CreateRepository:200',
      'ecr-public:GetAuthorizationToken:200',
    ]);
    expect(aws.requests[1].params).toEqual({ repositoryName: 'public-sink' });
    expect(
      aws.requests.every((r) => r.signature?.valid && r.signature.region === 'us-east-1'),
    ).toBe(true);
    const tokenRequests = registry.tokenServer?.requests.slice(tokenRequestsBefore) ?? [];
    expect(tokenRequests.length).toBeGreaterThan(0);
    expect(tokenRequests.every((r) => r.account === 'AWS' && r.status === 200)).toBe(true);
    const inspected = (await skopeoInspect(`${image}:v1`, { creds: registry.creds })) as {
      Digest: string;
    };
    expect(inspected.Digest).toBe(digest);
  });
});

test('no secret reached a log line or an error message, and every one was masked', () => {
  expect(watch.count).toBeGreaterThanOrEqual(4);
  expect(watch.lines().length).toBeGreaterThan(10);
  expect(watch.leaks()).toEqual([]);
  expect(watch.unmasked()).toEqual([]);
});
