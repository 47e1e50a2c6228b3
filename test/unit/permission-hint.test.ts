import { RunError } from '../../src/core/errors';
import { defaultInputs } from '../../src/core/inputs';
import { MemoryLogger } from '../../src/core/log';
import { dockerHosts } from '../../src/assemble/docker-build';
import { withPermissionHint } from '../../src/run/permission-hint';
import type { PreparedArtifact } from '../../src/connectors';
import { parseReference } from '../../src/image/reference';
import { errorForStatus } from '../../src/image/transport/errors';
import { registryAccess } from '../../src/providers';

function access(image: string): ReturnType<typeof registryAccess> {
  return registryAccess({
    inputs: defaultInputs({ image }),
    env: {},
    logger: new MemoryLogger(true),
    ciOidcToken: () => Promise.resolve(undefined),
  });
}

async function refusal(
  image: string,
  op: { access: 'pull' | 'push'; repository: string },
  url: string,
): Promise<string> {
  // Built as RegistryClient.errorFrom builds it: the operation, the status, the answering URL.
  const err = errorForStatus({ ...op, what: 'manifest 1.0' }, 403, { code: 'DENIED' }, url);
  const run = { access: access(image), repository: parseReference(image) };
  const caught: unknown = await withPermissionHint(run, () => Promise.reject(err)).catch(
    (e: unknown) => e,
  );
  expect(caught).toBeInstanceOf(RunError);
  return (caught as RunError).message;
}

describe('permission hints name the registry and access of the refused operation', () => {
  test('a refused push to Docker Hub (answered by registry-1.docker.io) gets the push hint', async () => {
    const message = await refusal(
      'docker.io/acme/app',
      { access: 'push', repository: 'docker.io/acme/app' },
      'https://registry-1.docker.io/v2/acme/app/manifests/1.0',
    );
    expect(message).toContain('Read & Write');
    expect(message).not.toContain('log in for a private repository');
  });

  test('a refused pull of a base from ECR while pushing to ghcr.io gets the ECR pull hint', async () => {
    const message = await refusal(
      'ghcr.io/acme/app',
      { access: 'pull', repository: '123456789012.dkr.ecr.eu-west-1.amazonaws.com/base' },
      'https://prod-eu-west-1-starport-layer-bucket.s3.eu-west-1.amazonaws.com/abc',
    );
    expect(message).toContain('ecr:BatchGetImage');
  });
});

describe('dockerHosts', () => {
  const repository = parseReference('ghcr.io/acme/app:1.0');

  test("a multi-stage user Dockerfile logs in to every stage's registry", () => {
    const prepared = {
      userDockerfile: {
        path: 'Dockerfile',
        contextDir: '.',
        bases: ['private.example.com/tools/builder:1', 'alpine:3.20'],
      },
    } as unknown as PreparedArtifact;
    expect(dockerHosts({ repository, prepared }, 'alpine:3.20')).toEqual([
      'ghcr.io',
      'private.example.com',
      'docker.io',
    ]);
  });

  test('a generated plan uses its base; verify (no base) only the target', () => {
    const prepared = {} as unknown as PreparedArtifact;
    expect(dockerHosts({ repository, prepared }, 'quay.io/x/y:1')).toEqual(['ghcr.io', 'quay.io']);
    expect(dockerHosts({ repository, prepared }, 'scratch')).toEqual(['ghcr.io']);
    expect(dockerHosts({ repository, prepared }, '')).toEqual(['ghcr.io']);
  });
});
