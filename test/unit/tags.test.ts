import { InputError } from '../../src/core/errors';
import { ifExists } from '../../src/publish/if-exists';
import type { IfExistsPolicy } from '../../src/publish/if-exists';
import { imageLabels } from '../../src/run/labels';
import type { LabelInfo } from '../../src/run/labels';
import { ciContext, defaultTags, sanitizeTag, tagsForGitTag } from '../../src/run/tags';

/** The CI's and the artifact's labels alone (no kind or user labels). */
function ciLabels(
  env: Record<string, string | undefined>,
  info: LabelInfo,
): Record<string, string> {
  return imageLabels({ env, info, plan: {}, user: {} });
}

const SHA = '0123456789abcdef0123456789abcdef01234567';

const GITHUB = { GITHUB_ACTIONS: 'true', GITHUB_SHA: SHA, GITHUB_REPOSITORY: 'acme/sink' };
const GITLAB = {
  GITLAB_CI: 'true',
  CI_COMMIT_SHA: SHA,
  CI_COMMIT_SHORT_SHA: SHA.slice(0, 8),
  CI_PROJECT_URL: 'https://gitlab.example.com/data/sink',
};

describe('defaultTags', () => {
  const cases: {
    name: string;
    env: Record<string, string>;
    version?: string;
    input?: string[];
    want: string[];
  }[] = [
    { name: 'no CI, no version', env: {}, want: ['latest'] },
    { name: 'no CI, a version', env: {}, version: '2.1.0', want: ['2.1.0'] },
    {
      name: 'inputs win over everything',
      env: { ...GITHUB, GITHUB_REF: 'refs/tags/v1.2.3' },
      version: '9.9.9',
      input: ['edge', 'stable', 'edge'],
      want: ['edge', 'stable'],
    },
    {
      name: 'GitHub tag ref',
      env: { ...GITHUB, GITHUB_REF: 'refs/tags/v1.2.3' },
      want: ['1.2.3', '1.2', '1'],
    },
    {
      name: 'GitHub tag ref plus the same artifact version: no duplicates',
      env: { ...GITHUB, GITHUB_REF: 'refs/tags/v1.2.3' },
      version: '1.2.3',
      want: ['1.2.3', '1.2', '1'],
    },
    {
      name: 'GitHub tag from GITHUB_REF_TYPE/NAME',
      env: { ...GITHUB, GITHUB_REF_TYPE: 'tag', GITHUB_REF_NAME: 'v4.0.0' },
      want: ['4.0.0', '4.0', '4'],
    },
    {
      name: 'GitHub prerelease tag: no short tags',
      env: { ...GITHUB, GITHUB_REF: 'refs/tags/v1.2.3-rc.1' },
      want: ['1.2.3-rc.1'],
    },
    {
      name: 'GitHub non-semver tag is used as it is',
      env: { ...GITHUB, GITHUB_REF: 'refs/tags/release/2024' },
      want: ['release-2024'],
    },
    {
      name: 'GitHub branch: sha-<7 hex>',
      env: { ...GITHUB, GITHUB_REF: 'refs/heads/main' },
      want: ['sha-0123456'],
    },
    {
      name: 'GitHub branch with an artifact version',
      env: { ...GITHUB, GITHUB_REF: 'refs/heads/main' },
      version: '1.0.0-SNAPSHOT',
      want: ['1.0.0-SNAPSHOT', 'sha-0123456'],
    },
    {
      name: 'GitHub pull request: sha tag',
      env: { ...GITHUB, GITHUB_REF: 'refs/pull/7/merge' },
      want: ['sha-0123456'],
    },
    {
      name: 'GitLab tag pipeline',
      env: { ...GITLAB, CI_COMMIT_TAG: 'v2.5.1' },
      want: ['2.5.1', '2.5', '2'],
    },
    {
      name: 'GitLab tag without v',
      env: { ...GITLAB, CI_COMMIT_TAG: '0.3.0' },
      version: '0.3.0',
      want: ['0.3.0', '0.3', '0'],
    },
    {
      name: 'GitLab prerelease',
      env: { ...GITLAB, CI_COMMIT_TAG: 'v2.0.0-beta.2' },
      want: ['2.0.0-beta.2'],
    },
    {
      name: 'GitLab branch pipeline: 7 hex although CI_COMMIT_SHORT_SHA has 8',
      env: { ...GITLAB, CI_COMMIT_BRANCH: 'main' },
      want: ['sha-0123456'],
    },
    {
      name: 'GitLab with only CI_COMMIT_SHORT_SHA',
      env: { GITLAB_CI: 'true', CI_COMMIT_SHORT_SHA: 'abcdef12', CI_COMMIT_BRANCH: 'dev' },
      version: '0.1.0',
      want: ['0.1.0', 'sha-abcdef1'],
    },
    {
      name: 'an Airbyte dockerImageTag with build metadata becomes a valid tag',
      env: {},
      version: '1.0.0+build.5',
      want: ['1.0.0-build.5'],
    },
  ];
  it.each(cases)('$name', ({ env, version, input, want }) => {
    expect(defaultTags({ inputTags: input ?? [], artifactVersion: version, env })).toEqual(want);
  });

  it.each([['-bad'], ['.bad'], ['a'.repeat(129)], ['has space'], ['repo:tag']])(
    'rejects the invalid input tag %s with an InputError naming the input',
    (tag) => {
      expect(() => defaultTags({ inputTags: [tag], env: {} })).toThrow(InputError);
      expect(() => defaultTags({ inputTags: [tag], env: {} })).toThrow(/tags/);
    },
  );

  it('accepts a tag of exactly 128 characters', () => {
    const tag = `_${'a'.repeat(127)}`;
    expect(defaultTags({ inputTags: [tag], env: {} })).toEqual([tag]);
  });
});

describe('tag helpers', () => {
  it.each([
    ['v10.20.30', ['10.20.30', '10.20', '10']],
    ['1.2.3+meta', ['1.2.3-meta', '1.2', '1']],
    ['v1.2', ['v1.2']],
    ['.hidden', ['hidden']],
  ])('tagsForGitTag(%s)', (gitTag, want) => {
    expect(tagsForGitTag(gitTag)).toEqual(want);
  });

  it('sanitizeTag drops what cannot be a tag', () => {
    expect(sanitizeTag('--')).toBeUndefined();
    expect(sanitizeTag('feature/x y')).toBe('feature-x-y');
    expect(sanitizeTag('x'.repeat(200))).toHaveLength(128);
  });

  it('ciContext reads GitHub, GitLab and nothing', () => {
    expect(ciContext({ ...GITHUB, GITHUB_SERVER_URL: 'https://ghe.example.com/' })).toEqual({
      ci: 'github',
      sha: SHA,
      gitTag: undefined,
      branch: undefined,
      repositoryUrl: 'https://ghe.example.com/acme/sink',
    });
    expect(ciContext({ ...GITLAB, CI_COMMIT_BRANCH: 'main' })).toMatchObject({
      ci: 'gitlab',
      branch: 'main',
      repositoryUrl: 'https://gitlab.example.com/data/sink',
    });
    expect(ciContext({ PATH: '/usr/bin' })).toEqual({ ci: 'none' });
  });
});

describe('ciLabels', () => {
  const epoch = 1_700_000_000;
  it('GitHub: source, revision, created and version from the tag', () => {
    expect(
      ciLabels({ ...GITHUB, GITHUB_REF: 'refs/tags/v1.2.3' }, { epoch, licenses: 'Apache-2.0' }),
    ).toEqual({
      'org.opencontainers.image.created': '2023-11-14T22:13:20Z',
      'org.opencontainers.image.source': 'https://github.com/acme/sink',
      'org.opencontainers.image.revision': SHA,
      'org.opencontainers.image.version': '1.2.3',
      'org.opencontainers.image.licenses': 'Apache-2.0',
    });
  });

  it('GitLab: the project URL and the artifact version, title and description', () => {
    expect(
      ciLabels(
        { ...GITLAB, CI_COMMIT_BRANCH: 'main' },
        { epoch: 0, version: '0.4.0', title: 'sink', description: 'A sink' },
      ),
    ).toEqual({
      'org.opencontainers.image.created': '1970-01-01T00:00:00Z',
      'org.opencontainers.image.source': 'https://gitlab.example.com/data/sink',
      'org.opencontainers.image.revision': SHA,
      'org.opencontainers.image.version': '0.4.0',
      'org.opencontainers.image.title': 'sink',
      'org.opencontainers.image.description': 'A sink',
    });
  });

  it('outside CI only what is known, and user labels spread over them win', () => {
    const labels = { ...ciLabels({}, { epoch: 0 }), 'org.opencontainers.image.created': 'mine' };
    expect(labels).toEqual({ 'org.opencontainers.image.created': 'mine' });
  });
});

describe('ifExists', () => {
  const A = `sha256:${'a'.repeat(64)}`;
  const B = `sha256:${'b'.repeat(64)}`;
  const reference = 'registry.example.com/acme/sink:1.2.3';
  const cases: {
    existing: string | undefined;
    policy: IfExistsPolicy;
    want: string;
  }[] = [
    { existing: undefined, policy: 'overwrite', want: 'push' },
    { existing: undefined, policy: 'skip', want: 'push' },
    { existing: undefined, policy: 'fail', want: 'push' },
    { existing: A, policy: 'overwrite', want: 'no-op' },
    { existing: A, policy: 'skip', want: 'no-op' },
    { existing: A, policy: 'fail', want: 'no-op' },
    { existing: B, policy: 'overwrite', want: 'push' },
    { existing: B, policy: 'skip', want: 'skip' },
    { existing: B, policy: 'fail', want: 'fail' },
  ];
  it.each(cases)('existing $existing, policy $policy → $want', ({ existing, policy, want }) => {
    expect(ifExists({ reference, existingDigest: existing, newDigest: A, policy }).action).toBe(
      want,
    );
  });

  it('the failure names the tag, the digest it has and the fix', () => {
    const decision = ifExists({ reference, existingDigest: B, newDigest: A, policy: 'fail' });
    expect(decision).toEqual({
      action: 'fail',
      message: `Tag ${reference} already exists with another image (sha256:bbbbbbbbbbbb…) and if-exists is fail; push a new tag, or set if-exists to overwrite or skip.`,
    });
  });
});

describe('imageLabels', () => {
  it('composes once: CI and artifact < connector kind < the labels input; descriptions on one line', () => {
    const labels = imageLabels({
      env: { GITHUB_ACTIONS: 'true', GITHUB_SHA: SHA },
      info: { epoch: 0, title: 'my-sink', version: '1.0', description: 'Line one\n  line two' },
      plan: { 'io.airbyte.name': 'acme/x', 'org.opencontainers.image.title': 'kind title' },
      user: { team: 'data', 'io.airbyte.name': 'mine' },
    });
    expect(labels).toMatchObject({
      'org.opencontainers.image.revision': SHA,
      'org.opencontainers.image.version': '1.0',
      'org.opencontainers.image.description': 'Line one line two',
      'org.opencontainers.image.title': 'kind title',
      'io.airbyte.name': 'mine',
      team: 'data',
    });
  });
});
