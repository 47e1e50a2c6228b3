import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { InputError } from '../../src/core/errors';
import { defaultInputs } from '../../src/core/inputs';
import type { Inputs } from '../../src/core/inputs';
import { MemoryLogger } from '../../src/core/log';
import { secrets } from '../../src/core/secrets';
import {
  accessHint,
  credentialResolver,
  detectProvider,
  ensureRepository,
  oidcTokenFromEnv,
  providerForHost,
  registryAccess,
} from '../../src/providers';
import type { ProviderContext } from '../../src/providers';
import { acrExchangeUrl } from '../../src/providers/acr';
import { readRegistryCa } from '../../src/providers/ca';
import { parseEcrHost } from '../../src/providers/detect';
import { isLoopbackHost as isLoopback } from '../../src/image/transport/hosts';
import { ecrPublicRepository } from '../../src/providers/ecr';

function context(
  inputs: Partial<Inputs>,
  env: NodeJS.ProcessEnv = {},
): ProviderContext & { logger: MemoryLogger } {
  return {
    inputs: defaultInputs(inputs),
    env,
    logger: new MemoryLogger(true),
    ciOidcToken: () => Promise.resolve(undefined),
  };
}

describe('detection from the registry host', () => {
  test.each([
    ['123456789012.dkr.ecr.eu-west-1.amazonaws.com', 'ecr'],
    ['123456789012.dkr.ecr-fips.us-gov-west-1.amazonaws.com', 'ecr'],
    ['123456789012.dkr.ecr.cn-north-1.amazonaws.com.cn', 'ecr'],
    ['123456789012.dkr-ecr.eu-west-1.on.aws', 'ecr'],
    ['public.ecr.aws', 'ecr-public'],
    ['europe-west1-docker.pkg.dev', 'gar'],
    ['us-docker.pkg.dev', 'gar'],
    ['gcr.io', 'gar'],
    ['eu.gcr.io', 'gar'],
    ['myregistry.azurecr.io', 'acr'],
    ['myregistry.azurecr.cn', 'acr'],
    ['docker.io', 'dockerhub'],
    ['registry-1.docker.io', 'dockerhub'],
    ['index.docker.io', 'dockerhub'],
    ['ghcr.io', 'ghcr'],
    ['quay.io', 'generic'],
    ['127.0.0.1:5000', 'generic'],
    ['1234.dkr.ecr.eu-west-1.amazonaws.com', 'generic'], // not a 12-digit account
    ['evil.azurecr.io.example.com', 'generic'],
  ])('%s → %s', (host, provider) => {
    expect(providerForHost(host)).toBe(provider);
  });

  test("the job's CI_REGISTRY is the GitLab registry, with or without a port", () => {
    expect(providerForHost('registry.gitlab.com', { CI_REGISTRY: 'registry.gitlab.com' })).toBe(
      'gitlab',
    );
    expect(
      providerForHost('gitlab.acme.internal:5050', { CI_REGISTRY: 'gitlab.acme.internal:5050' }),
    ).toBe('gitlab');
    expect(
      providerForHost('gitlab.acme.internal', { CI_REGISTRY: 'gitlab.acme.internal:5050' }),
    ).toBe('generic');
  });

  test('registry-provider applies to the image host only; other hosts are detected', () => {
    const inputs = defaultInputs({
      image: 'registry.acme.internal/team/sink',
      'registry-provider': 'acr',
    });
    expect(detectProvider('registry.acme.internal', inputs)).toBe('acr');
    expect(detectProvider('docker.io', inputs)).toBe('dockerhub');
    expect(
      detectProvider(
        'registry.acme.internal',
        defaultInputs({ image: 'registry.acme.internal/x' }),
      ),
    ).toBe('generic');
  });

  test('the region and account of an ECR host', () => {
    expect(parseEcrHost('123456789012.dkr.ecr.ap-southeast-2.amazonaws.com')).toEqual({
      accountId: '123456789012',
      region: 'ap-southeast-2',
    });
    expect(parseEcrHost('123456789012.dkr-ecr.eu-west-1.on.aws')).toEqual({
      accountId: '123456789012',
      region: 'eu-west-1',
    });
    expect(parseEcrHost('ghcr.io')).toBeUndefined();
  });

  test('loopback hosts', () => {
    expect(['127.0.0.1:5000', 'localhost:1', '[::1]:5000', '127.1.2.3'].map(isLoopback)).toEqual([
      true,
      true,
      true,
      true,
    ]);
    expect(['10.0.0.1:5000', 'myreg.azurecr.io', 'localhost.example.com'].map(isLoopback)).toEqual([
      false,
      false,
      false,
    ]);
  });
});

describe('credentials that already exist', () => {
  beforeEach(() => secrets.clear());

  test('username/password inputs go to the image registry only', async () => {
    const ctx = context({
      image: 'quay.io/acme/sink',
      username: 'robot',
      password: 'quay-robot-token',
    });
    const resolve = credentialResolver(ctx);
    expect(await resolve('quay.io')).toEqual({ username: 'robot', password: 'quay-robot-token' });
    expect(await resolve('docker.io')).toBeUndefined();
    expect(ctx.logger.lines).toEqual([
      'quay.io: credentials from the username and password inputs',
      'docker.io: access: anonymous',
    ]);
  });

  test('a password without a username is an input error', async () => {
    const ctx = context({ image: 'docker.io/acme/sink', password: 'dckr_pat_abcdef' });
    await expect(credentialResolver(ctx)('docker.io')).rejects.toThrow(
      new InputError(
        'Input "password" is set but "username" is empty: set "username" for the dockerhub registry (for an ACR token or admin user, its name).',
      ),
    );
  });

  test('Docker Hub under any of its names gets the same cached credentials', async () => {
    const ctx = context({ image: 'acme/sink', username: 'acme', password: 'dckr_pat_abcdef' });
    const resolve = credentialResolver(ctx);
    const a = await resolve('registry-1.docker.io');
    const b = await resolve('docker.io');
    expect(a).toEqual({ username: 'acme', password: 'dckr_pat_abcdef' });
    expect(b).toBe(a);
    expect(ctx.logger.lines).toHaveLength(1);
  });

  test('GHCR: GITHUB_TOKEN with GITHUB_ACTOR, masked when read', async () => {
    const token = 'ghs_0123456789abcdefghij';
    const ctx = context(
      { image: 'ghcr.io/acme/sink' },
      { GITHUB_TOKEN: token, GITHUB_ACTOR: 'octocat' },
    );
    expect(await credentialResolver(ctx)('ghcr.io')).toEqual({
      username: 'octocat',
      password: token,
    });
    expect(secrets.redact(`token ${token}`)).toBe('token ***');
  });

  test('GHCR: x-access-token without an actor; a base on ghcr.io uses GITHUB_TOKEN too', async () => {
    const ctx = context({ image: 'quay.io/acme/sink' }, { GITHUB_TOKEN: 'ghs_token_for_pull' });
    expect(await credentialResolver(ctx)('ghcr.io')).toEqual({
      username: 'x-access-token',
      password: 'ghs_token_for_pull',
    });
  });

  test('GHCR: anonymous without a token', async () => {
    expect(
      await credentialResolver(context({ image: 'ghcr.io/acme/sink' }))('ghcr.io'),
    ).toBeUndefined();
  });

  test('GitLab: CI_REGISTRY_USER/CI_REGISTRY_PASSWORD, else CI_JOB_TOKEN', async () => {
    const env = {
      CI_REGISTRY: 'registry.gitlab.com',
      CI_REGISTRY_USER: 'gitlab-ci-token',
      CI_REGISTRY_PASSWORD: 'glcbt-registry-pw',
    };
    const ctx = context({ image: 'registry.gitlab.com/acme/sink' }, env);
    expect(await credentialResolver(ctx)('registry.gitlab.com')).toEqual({
      username: 'gitlab-ci-token',
      password: 'glcbt-registry-pw',
    });

    const jobOnly = context(
      { image: 'registry.gitlab.com/acme/sink' },
      { CI_REGISTRY: 'registry.gitlab.com', CI_JOB_TOKEN: 'glcbt-job-token' },
    );
    expect(await credentialResolver(jobOnly)('registry.gitlab.com')).toEqual({
      username: 'gitlab-ci-token',
      password: 'glcbt-job-token',
    });
    expect(secrets.redact('glcbt-job-token glcbt-registry-pw')).toBe('*** ***');
  });

  test('the target can be given explicitly (a connector default image when "image" is empty)', async () => {
    const ctx = context({ username: 'robot', password: 'robot-password' });
    const access = registryAccess(ctx, { registry: 'quay.io', repository: 'acme/source' });
    expect(await access.credentials('quay.io')).toEqual({
      username: 'robot',
      password: 'robot-password',
    });
  });

  test('a failure on a base registry falls back to anonymous; on the target it is thrown', async () => {
    const ctx = context({
      image: 'ghcr.io/acme/sink',
      'aws-role-to-assume': 'arn:aws:iam::123456789012:role/ci',
    });
    const base = await credentialResolver(ctx)('123456789012.dkr.ecr.eu-west-1.amazonaws.com');
    expect(base).toBeUndefined();
    expect(ctx.logger.lines[0]).toMatch(
      /^warning: 123456789012\.dkr\.ecr\.eu-west-1\.amazonaws\.com: no ecr credentials for pulling \(Input "aws-role-to-assume" needs the CI's OIDC token/,
    );

    const target = context({
      image: '123456789012.dkr.ecr.eu-west-1.amazonaws.com/sink',
      'aws-role-to-assume': 'arn:aws:iam::123456789012:role/ci',
    });
    await expect(
      credentialResolver(target)('123456789012.dkr.ecr.eu-west-1.amazonaws.com'),
    ).rejects.toThrow(InputError);
  });

  test('ensureRepository does nothing for registries without repositories to create', async () => {
    await expect(
      ensureRepository(context({ image: 'ghcr.io/acme/sink' }), {
        registry: 'ghcr.io',
        repository: 'acme/sink',
      }),
    ).resolves.toBeUndefined();
  });
});

describe('ECR Public repository names', () => {
  test('the name is what follows the registry alias, namespaces included', () => {
    const at = (repository: string) =>
      ecrPublicRepository({ registry: 'public.ecr.aws', repository });
    expect(at('acme/sink')).toEqual({ alias: 'acme', name: 'sink' });
    expect(at('acme/team/sink')).toEqual({ alias: 'acme', name: 'team/sink' });
  });

  test('no alias is an input error that shows the expected form', () => {
    expect(() => ecrPublicRepository({ registry: 'public.ecr.aws', repository: 'sink' })).toThrow(
      InputError,
    );
    expect(() => ecrPublicRepository({ registry: 'public.ecr.aws', repository: 'sink' })).toThrow(
      'public.ecr.aws/<alias>/<repository>',
    );
  });
});

describe('hints for refused pulls and pushes', () => {
  test.each([
    ['123456789012.dkr.ecr.eu-west-1.amazonaws.com', 'push', 'ecr:InitiateLayerUpload'],
    ['123456789012.dkr.ecr.eu-west-1.amazonaws.com', 'pull', 'ecr:BatchGetImage'],
    ['europe-west1-docker.pkg.dev', 'push', 'roles/artifactregistry.writer'],
    ['europe-west1-docker.pkg.dev', 'pull', 'roles/artifactregistry.reader'],
    ['r.azurecr.io', 'push', 'AcrPush'],
    ['ghcr.io', 'push', 'packages: write'],
    ['docker.io', 'push', 'Read & Write'],
    ['quay.io', 'push', '"username" and "password"'],
  ] as const)('%s %s → %s', (host, access, expected) => {
    expect(accessHint(context({ image: `${host}/a/b/c` }), host, access)).toContain(expected);
  });
});

describe('ACR token exchange', () => {
  test('the Entra token goes over https to a real registry, plain http only on this machine', () => {
    expect(acrExchangeUrl('myreg.azurecr.io')).toBe('https://myreg.azurecr.io/oauth2/exchange');
    expect(acrExchangeUrl('10.0.0.5:5000')).toBe('https://10.0.0.5:5000/oauth2/exchange');
    expect(acrExchangeUrl('127.0.0.1:5000')).toBe('http://127.0.0.1:5000/oauth2/exchange');
  });
});

describe('oidcTokenFromEnv (GitLab and the CLI)', () => {
  test('reads the variable named by oidc-token-variable and masks it', async () => {
    secrets.clear();
    const get = oidcTokenFromEnv({ SLIPWAY_ID_TOKEN: 'eyJ.header.sig ' }, 'SLIPWAY_ID_TOKEN');
    expect(await get('sts.amazonaws.com')).toBe('eyJ.header.sig');
    expect(secrets.redact('eyJ.header.sig')).toBe('***');
    expect(await oidcTokenFromEnv({}, 'SLIPWAY_ID_TOKEN')('x')).toBeUndefined();
  });
});

describe('registry-ca', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'slipway-ca-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('read relative to working-directory', () => {
    const pem = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n';
    fs.writeFileSync(path.join(dir, 'ca.pem'), pem);
    expect(
      readRegistryCa(defaultInputs({ 'working-directory': dir, 'registry-ca': 'ca.pem' })),
    ).toBe(pem);
    expect(readRegistryCa(defaultInputs())).toBeUndefined();
  });

  test('a missing or non-PEM file is an input error naming the input', () => {
    fs.writeFileSync(path.join(dir, 'not.pem'), 'hello');
    expect(() =>
      readRegistryCa(defaultInputs({ 'working-directory': dir, 'registry-ca': 'missing.pem' })),
    ).toThrow(/^Input "registry-ca": cannot read .*missing\.pem/);
    expect(() =>
      readRegistryCa(defaultInputs({ 'working-directory': dir, 'registry-ca': 'not.pem' })),
    ).toThrow(/holds no PEM certificate/);
  });
});
