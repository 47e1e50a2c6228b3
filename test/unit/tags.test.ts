import { InputError } from '../../src/core/errors';
import { MemoryLogger } from '../../src/core/log';
import { ifExists, isReleaseTag } from '../../src/publish/if-exists';
import type { IfExistsPolicy } from '../../src/publish/if-exists';
import { imageAnnotations, imageLabels } from '../../src/run/labels';
import type { LabelInfo } from '../../src/run/labels';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  ciContext,
  defaultTags,
  resolveTags,
  sanitizeTag,
  tagsForGitTag,
} from '../../src/run/tags';

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

/** A GitHub event payload naming the default branch, as the runner writes GITHUB_EVENT_PATH. */
const eventDir = mkdtempSync(join(tmpdir(), 'slipway-tags-'));
const EVENT = join(eventDir, 'event.json');
writeFileSync(EVENT, JSON.stringify({ repository: { default_branch: 'main' } }));
afterAll(() => rmSync(eventDir, { recursive: true, force: true }));

describe('the exact tags per CI context (tags input empty)', () => {
  const GH = { ...GITHUB, GITHUB_EVENT_PATH: EVENT };
  const GL = { ...GITLAB, CI_DEFAULT_BRANCH: 'main' };
  const cases: { name: string; env: Record<string, string>; version?: string; want: string[] }[] = [
    { name: 'no CI', env: {}, version: '2.1.0', want: ['latest'] },
    {
      name: 'GitHub feature branch',
      env: { ...GH, GITHUB_REF: 'refs/heads/feature/Fast path' },
      version: '0.1.0',
      want: ['feature-Fast-path', 'sha-0123456'],
    },
    {
      name: 'GitHub default branch',
      env: { ...GH, GITHUB_REF: 'refs/heads/main' },
      version: '1.0.0',
      want: ['main', 'edge', 'sha-0123456'],
    },
    {
      name: 'GitHub pull request',
      env: { ...GH, GITHUB_REF: 'refs/pull/7/merge' },
      version: '1.0.0',
      want: ['pr-7', 'sha-0123456'],
    },
    {
      name: 'GitHub v1.2.3',
      env: { ...GH, GITHUB_REF: 'refs/tags/v1.2.3' },
      version: '1.2.3',
      want: ['1.2.3', '1.2', '1', 'latest'],
    },
    {
      name: 'GitHub v0.3.0: no bare 0',
      env: { ...GH, GITHUB_REF: 'refs/tags/v0.3.0' },
      want: ['0.3.0', '0.3', 'latest'],
    },
    {
      name: 'GitHub v1.3.0-rc.1: only its own tag',
      env: { ...GH, GITHUB_REF: 'refs/tags/v1.3.0-rc.1' },
      want: ['1.3.0-rc.1'],
    },
    {
      name: 'GitHub tag from GITHUB_REF_TYPE/NAME',
      env: { ...GITHUB, GITHUB_REF_TYPE: 'tag', GITHUB_REF_NAME: 'v4.0.0' },
      want: ['4.0.0', '4.0', '4', 'latest'],
    },
    {
      name: 'GitHub non-semver tag is used as it is, without latest',
      env: { ...GITHUB, GITHUB_REF: 'refs/tags/release/2024' },
      want: ['release-2024'],
    },
    {
      name: 'GitHub branch without an event file: no edge (default branch unknown)',
      env: { ...GITHUB, GITHUB_REF: 'refs/heads/main' },
      want: ['main', 'sha-0123456'],
    },
    {
      name: 'GitLab branch pipeline (7 hex although CI_COMMIT_SHORT_SHA has 8)',
      env: { ...GL, CI_COMMIT_BRANCH: 'fix-42', CI_COMMIT_REF_NAME: 'fix-42' },
      version: '0.1.0',
      want: ['fix-42', 'sha-0123456'],
    },
    {
      name: 'GitLab default branch pipeline',
      env: { ...GL, CI_COMMIT_BRANCH: 'main', CI_COMMIT_REF_NAME: 'main' },
      want: ['main', 'edge', 'sha-0123456'],
    },
    {
      name: 'GitLab merge request pipeline',
      env: {
        ...GL,
        CI_PIPELINE_SOURCE: 'merge_request_event',
        CI_MERGE_REQUEST_IID: '12',
        CI_COMMIT_REF_NAME: 'fix-42',
      },
      version: '0.1.0',
      want: ['mr-12', 'sha-0123456'],
    },
    {
      name: 'GitLab tag pipeline',
      env: { ...GL, CI_COMMIT_TAG: 'v2.5.1', CI_COMMIT_REF_NAME: 'v2.5.1' },
      version: '2.5.1',
      want: ['2.5.1', '2.5', '2', 'latest'],
    },
    {
      name: 'GitLab tag without v, 0.x',
      env: { ...GL, CI_COMMIT_TAG: '0.3.0' },
      want: ['0.3.0', '0.3', 'latest'],
    },
    {
      name: 'GitLab pre-release tag',
      env: { ...GL, CI_COMMIT_TAG: 'v2.0.0-beta.2' },
      want: ['2.0.0-beta.2'],
    },
  ];
  it.each(cases)('$name → $want', ({ env, version, want }) => {
    expect(defaultTags({ inputTags: [], artifactVersion: version, env })).toEqual(want);
  });

  it('the tags input wins whole, duplicates dropped', () => {
    const env = { ...GITHUB, GITHUB_REF: 'refs/tags/v1.2.3' };
    const tags = defaultTags({
      inputTags: ['edge', 'stable', 'edge'],
      artifactVersion: '9.9.9',
      env,
    });
    expect(tags).toEqual(['edge', 'stable']);
  });

  it.each([
    ['-bad'],
    ['.bad'],
    ['a'.repeat(129)],
    ['has space'],
    ['ghcr.io/acme/x'],
    ['x@sha256:00'],
  ])('rejects the tags entry %s with an InputError naming the input', (tag) => {
    expect(() => defaultTags({ inputTags: [tag], env: {} })).toThrow(InputError);
    expect(() => defaultTags({ inputTags: [tag], env: {} })).toThrow(/tags/);
  });

  it('accepts a tag of exactly 128 characters', () => {
    const tag = `_${'a'.repeat(127)}`;
    expect(defaultTags({ inputTags: [tag], env: {} })).toEqual([tag]);
  });
});

describe('resolveTags: bare tags and full references', () => {
  it('pairs metadata-action references with their repositories; bare tags go to image', () => {
    const resolved = resolveTags({
      inputTags: [
        'ghcr.io/acme/x:1.0.0',
        'ghcr.io/acme/x:latest',
        'edge',
        '123456789012.dkr.ecr.eu-west-1.amazonaws.com/x:1.0.0',
      ],
      image: 'ghcr.io/acme/x',
      env: {},
    });
    expect(resolved.primary?.name()).toBe('ghcr.io/acme/x');
    expect(resolved.tags).toEqual(['1.0.0', 'latest', 'edge']);
    expect(resolved.targets.map((t) => `${t.repository?.name()}:${t.tag}`)).toEqual([
      'ghcr.io/acme/x:1.0.0',
      'ghcr.io/acme/x:latest',
      'ghcr.io/acme/x:edge',
      '123456789012.dkr.ecr.eu-west-1.amazonaws.com/x:1.0.0',
    ]);
  });

  it('without image the first reference names the primary repository', () => {
    const resolved = resolveTags({
      inputTags: ['localhost:5000/a/b:1', 'localhost:5001/c:2'],
      env: {},
    });
    expect(resolved.primary?.toString()).toBe('localhost:5000/a/b');
    expect(resolved.tags).toEqual(['1']);
    expect(resolved.targets).toHaveLength(2);
  });

  it('a release tag that differs from the artifact version warns, and fails with strict-version', () => {
    const logger = new MemoryLogger();
    const env = { ...GITHUB, GITHUB_REF: 'refs/tags/v1.2.3' };
    expect(resolveTags({ inputTags: [], artifactVersion: '1.2.2', env, logger }).tags).toEqual([
      '1.2.3',
      '1.2',
      '1',
      'latest',
    ]);
    expect(logger.lines.join('\n')).toMatch(
      /v1\.2\.3 releases version 1\.2\.3 but the artifact says 1\.2\.2/,
    );
    expect(() =>
      resolveTags({ inputTags: [], artifactVersion: '1.2.2', strictVersion: true, env }),
    ).toThrow(/bump the artifact's version to 1\.2\.3.*strict-version: false/);
    expect(() =>
      resolveTags({ inputTags: [], artifactVersion: '1.2.3', strictVersion: true, env }),
    ).not.toThrow();
  });
});

describe('tag helpers', () => {
  it.each([
    ['v10.20.30', ['10.20.30', '10.20', '10']],
    ['1.2.3+meta', ['1.2.3', '1.2', '1']],
    ['v0.3.0', ['0.3.0', '0.3']],
    ['v1.2', ['v1.2']],
    ['.hidden', ['hidden']],
  ])('tagsForGitTag(%s)', (gitTag, want) => {
    expect(tagsForGitTag(gitTag)).toEqual(want);
  });

  it('sanitizeTag drops what cannot be a tag', () => {
    expect(sanitizeTag('--')).toBeUndefined();
    expect(sanitizeTag('feature/x y')).toBe('feature-x-y');
    expect(sanitizeTag('a//b')).toBe('a-b');
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
      'org.opencontainers.image.url': 'https://github.com/acme/sink',
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
      'org.opencontainers.image.url': 'https://gitlab.example.com/data/sink',
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

  it.each([
    { existing: undefined, release: true, want: 'created' },
    { existing: A, release: true, want: 'unchanged' },
    { existing: B, release: false, want: 'updated' },
    { existing: B, release: true, want: 'fail' },
  ])(
    'protect-releases (the default): existing $existing, release $release → $want',
    ({ existing, release, want }) => {
      const decision = ifExists({
        reference,
        existingDigest: existing,
        newDigest: A,
        policy: 'protect-releases',
        release,
      });
      expect(decision.action === 'fail' ? 'fail' : decision.outcome).toBe(want);
    },
  );

  it('a refused release tag names both digests and the fix', () => {
    const decision = ifExists({
      reference,
      existingDigest: B,
      newDigest: A,
      policy: 'protect-releases',
      release: true,
    });
    expect(decision.action).toBe('fail');
    expect(decision.action === 'fail' && decision.message).toBe(
      `Release tag ${reference} already points at ${B}, and this build is ${A}; a release tag is never moved to other content by default: release a new version, or set if-exists: overwrite to replace it.`,
    );
  });

  it.each([
    ['1.0.0', true],
    ['v1.0.0', true],
    ['1.0', false],
    ['1', false],
    ['latest', false],
    ['1.3.0-rc.1', false],
    ['sha-0123456', false],
  ])('isReleaseTag(%s) = %s', (tag, want) => {
    expect(isReleaseTag(tag)).toBe(want);
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

describe('imageAnnotations', () => {
  it('splits buildx prefixes; a bare key goes on the manifest', () => {
    expect(
      imageAnnotations({
        'manifest:org.opencontainers.image.description': 'Counts things, fast',
        'index:org.opencontainers.image.description': 'Counts things, fast',
        'org.opencontainers.image.title': 'x',
      }),
    ).toEqual({
      manifest: {
        'org.opencontainers.image.description': 'Counts things, fast',
        'org.opencontainers.image.title': 'x',
      },
      index: { 'org.opencontainers.image.description': 'Counts things, fast' },
      descriptor: {},
    });
  });

  it('takes manifest-descriptor annotations for the descriptors in the index', () => {
    expect(imageAnnotations({ 'manifest-descriptor:org.example.platform': 'a' })).toEqual({
      manifest: {},
      index: {},
      descriptor: { 'org.example.platform': 'a' },
    });
  });

  it.each([['index-descriptor:a.b'], ['manifest[linux/amd64]:a.b'], ['blob:a.b'], ['index:']])(
    'refuses the prefix of %s in one line naming it and the fix',
    (key) => {
      expect(() => imageAnnotations({ [key]: 'v' })).toThrow(InputError);
      expect(() => imageAnnotations({ [key]: 'v' })).toThrow(
        /^Input "annotations": ".*=v" has the prefix ".*", which Slipway does not write; use manifest:.*=value, index:.*=value or manifest-descriptor:.*=value\.$/,
      );
    },
  );
});
