/**
 * Release-safe tags against a real registry, through the CLI: the CI context decides the tags,
 * branch builds never touch a release, a release tag is never moved to other content by default,
 * metadata-action's references, labels and annotations pass as they are, and bad input stops
 * the run before anything is pushed.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { skopeoInspect } from '../fixtures/clients';
import { seedBusyboxBase } from '../fixtures/images';
import { catalog, errorLines, rawManifest, runConfig, slipway } from '../fixtures/kinds';
import { makeTempDir, removeTempDir } from '../fixtures/process';
import { startRegistry } from '../fixtures/registry';
import type { TestRegistry } from '../fixtures/registry';
import { writeZip } from '../unit/connector-fixtures';

let work: string;
let reg: TestRegistry;
let base: string;
let multiBase: string;

const SHA_A = 'aaaaaaa1111111111111111111111111111111111';
const SHA_B = 'bbbbbbb2222222222222222222222222222222222';

beforeAll(async () => {
  work = await makeTempDir('tags');
  reg = await startRegistry();
  await seedBusyboxBase(reg, 'base/runner:x', { runnerLike: true });
  await seedBusyboxBase(reg, 'base/runner-multi:x', {
    runnerLike: true,
    platforms: ['linux/amd64', 'linux/arm64'],
  });
  base = `${reg.host}/base/runner:x`;
  multiBase = `${reg.host}/base/runner-multi:x`;
});

afterAll(async () => {
  await reg?.stop();
  if (work) await removeTempDir(work);
});

/** A Python function project whose file content is `body` (different body, different digest). */
function project(name: string, body: string): string {
  const dir = join(work, name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'exclamation.py'), `def process(input):\n    return input + "${body}"\n`);
  return dir;
}

const github = (ref: string, sha: string): Record<string, string> => ({
  GITHUB_ACTIONS: 'true',
  GITHUB_REF: ref,
  GITHUB_SHA: sha,
  GITHUB_REPOSITORY: 'acme/counter',
});

async function digestOf(ref: string): Promise<string> {
  return ((await skopeoInspect(ref)) as { Digest: string }).Digest;
}

function build(
  dir: string,
  repo: string,
  extra: string[] = [],
  artifact = 'exclamation.py',
): string[] {
  return [
    'build',
    '--working-directory',
    dir,
    '--artifact',
    artifact,
    '--base-image',
    base,
    '--image',
    `${reg.host}/${repo}`,
    '--json',
    ...extra,
  ];
}

describe('release safety with the default if-exists (protect-releases)', () => {
  const repo = 'acme/counter';
  let release: string;

  beforeAll(async () => {
    const res = await slipway(
      work,
      reg,
      build(project('v1', '!'), repo),
      github('refs/tags/v1.0.0', SHA_A),
    );
    expect(res.code === 0 ? '' : res.stderr).toBe('');
    release = String(res.json?.digest);
    expect(res.json?.tags).toEqual(['1.0.0', '1.0', '1', 'latest']);
    expect(res.json?.['tag-decisions']).toEqual(
      ['1.0.0', '1.0', '1', 'latest'].map((t) => `${reg.host}/${repo}:${t}=created`),
    );
  });

  it('a branch build on a registry holding release 1.0.0 leaves every release tag untouched', async () => {
    const res = await slipway(
      work,
      reg,
      build(project('branch', '?'), repo),
      github('refs/heads/feature/faster', SHA_B),
    );
    expect(res.code).toBe(0);
    expect(res.json?.tags).toEqual(['feature-faster', 'sha-bbbbbbb']);
    expect(res.json?.digest).not.toBe(release);
    for (const tag of ['1.0.0', '1.0', '1', 'latest']) {
      expect(await digestOf(`${reg.host}/${repo}:${tag}`)).toBe(release);
    }
    expect(await digestOf(`${reg.host}/${repo}:sha-bbbbbbb`)).toBe(res.json?.digest);
  });

  it('a release re-run with different content fails naming both digests; nothing moves', async () => {
    const res = await slipway(
      work,
      reg,
      build(project('v1-changed', '!!'), repo),
      github('refs/tags/v1.0.0', SHA_A),
    );
    expect(res.code).toBe(1);
    const [line, ...more] = errorLines(res);
    expect(more).toEqual([]);
    expect(line).toMatch(
      new RegExp(
        `Release tag ${reg.host}/${repo}:1\\.0\\.0 already points at ${release}, and this build is sha256:[0-9a-f]{64}; .*set if-exists: overwrite`,
      ),
    );
    // Decided before any tag is written: the moving tags of the same run did not move either.
    for (const tag of ['1.0.0', '1.0', '1', 'latest']) {
      expect(await digestOf(`${reg.host}/${repo}:${tag}`)).toBe(release);
    }
  });

  it('the same re-run with if-exists: overwrite replaces it; an identical re-run is unchanged', async () => {
    const dir = project('v1-changed-again', '!!');
    const env = github('refs/tags/v1.0.0', SHA_A);
    const res = await slipway(work, reg, build(dir, repo, ['--if-exists', 'overwrite']), env);
    expect(res.code).toBe(0);
    expect(res.json?.['tag-decisions']).toContain(`${reg.host}/${repo}:1.0.0=updated`);
    expect(await digestOf(`${reg.host}/${repo}:1.0.0`)).toBe(res.json?.digest);
    const again = await slipway(work, reg, build(dir, repo), env);
    expect(again.code).toBe(0);
    expect(again.json?.pushed).toBe(false);
    expect(again.json?.['tag-decisions']).toEqual(
      ['1.0.0', '1.0', '1', 'latest'].map((t) => `${reg.host}/${repo}:${t}=unchanged`),
    );
  });
});

describe("docker/metadata-action's output as it is", () => {
  // What metadata-action v5 writes for a v2.1.0 tag (one entry per line, full references).
  const repo = 'acme/meta';
  const tags = () =>
    [`${reg.host}/${repo}:2.1.0`, `${reg.host}/${repo}:2.1`, `${reg.host}/${repo}:latest`].join(
      '\n',
    );
  const labels = [
    'org.opencontainers.image.created=2026-01-01T00:00:00.000Z',
    'org.opencontainers.image.description=Counts things, fast',
    'org.opencontainers.image.licenses=Apache-2.0',
    'org.opencontainers.image.revision=aaaaaaa1111111111111111111111111111111111',
    'org.opencontainers.image.source=https://github.com/acme/meta',
    'org.opencontainers.image.title=meta',
    'org.opencontainers.image.url=https://github.com/acme/meta',
    'org.opencontainers.image.version=2.1.0',
  ].join('\n');
  const annotations = [
    'manifest:org.opencontainers.image.description=Counts things, fast',
    'manifest:org.opencontainers.image.title=meta',
    'index:org.opencontainers.image.description=Counts things, fast',
    'manifest-descriptor:org.opencontainers.image.description=Counts things, fast',
  ].join('\n');

  it('multi-line tags (references), labels and annotations land on the image and the index', async () => {
    const args = build(project('meta', '.'), repo, [
      '--tags',
      tags(),
      '--labels',
      labels,
      '--annotations',
      annotations,
    ]).map((a) => (a === base ? multiBase : a));
    const res = await slipway(work, reg, args);
    expect(res.code).toBe(0);
    expect(res.json?.tags).toEqual(['2.1.0', '2.1', 'latest']);
    const ref = `${reg.host}/${repo}:2.1.0`;
    const index = (await skopeoInspect(ref, { raw: true })) as {
      annotations?: Record<string, string>;
      manifests: { digest: string; annotations?: Record<string, string> }[];
    };
    expect(index.annotations?.['org.opencontainers.image.description']).toBe('Counts things, fast');
    expect(index.annotations).not.toHaveProperty('org.opencontainers.image.title');
    expect(index.manifests).toHaveLength(2);
    // buildx's manifest-descriptor level: on each platform's descriptor in the index
    expect(index.manifests.map((m) => m.annotations)).toEqual([
      { 'org.opencontainers.image.description': 'Counts things, fast' },
      { 'org.opencontainers.image.description': 'Counts things, fast' },
    ]);
    const manifest = (await skopeoInspect(`${reg.host}/${repo}@${index.manifests[0].digest}`, {
      raw: true,
    })) as { annotations?: Record<string, string> };
    expect(manifest.annotations).toMatchObject({
      'org.opencontainers.image.description': 'Counts things, fast',
      'org.opencontainers.image.title': 'meta',
    });
    const config = await runConfig(`${reg.host}/${repo}@${index.manifests[0].digest}`);
    expect(config.Labels?.['org.opencontainers.image.description']).toBe('Counts things, fast');
    expect(config.Labels?.['org.opencontainers.image.url']).toBe('https://github.com/acme/meta');
    expect((await rawManifest(`${reg.host}/${repo}:latest`)).manifests).toHaveLength(2);
  });
});

describe('bad input: exit 2, one line naming the value and the fix, nothing pushed', () => {
  it.each([
    {
      name: 'a tag outside the grammar',
      extra: ['--tags', 'ok\nbad tag!'],
      want: /Input "tags"|input "tags".*bad tag!/,
    },
    {
      name: 'a reference without a tag',
      extra: ['--tags', '127.0.0.1:1/acme/x'],
      want: /Input "tags": "127\.0\.0\.1:1\/acme\/x" names no tag; write a tag/,
    },
    {
      name: 'a label without =',
      extra: ['--labels', 'team=data\nno-equals-sign'],
      want: /Input "labels": "no-equals-sign" is not key=value; write e\.g\. labels: team=data/,
    },
    {
      name: 'an annotation with an unknown prefix',
      extra: ['--annotations', 'index-descriptor:org.example.x=1'],
      want: /Input "annotations": "index-descriptor:org\.example\.x=1" has the prefix "index-descriptor".*use manifest:org\.example\.x=value, index:org\.example\.x=value or manifest-descriptor:org\.example\.x=value/,
    },
    {
      name: 'strict-version with a release tag that differs from the artifact',
      extra: ['--strict-version', 'true'],
      env: github('refs/tags/v1.0.0', SHA_A),
      want: /git tag v1\.0\.0 releases version 1\.0\.0 but the artifact says 0\.9\.0; bump/,
      zip: true,
    },
  ])('$name', async ({ extra, want, env, zip }) => {
    const repo = `bad/${Math.random().toString(36).slice(2, 8)}`;
    const dir = project(repo.replace('/', '-'), '.');
    const artifact = zip ? 'exclamation-0.9.0.zip' : 'exclamation.py';
    if (zip) await writeZip(join(dir, artifact), { 'exclamation.py': 'x = 1\n' });
    const res = await slipway(work, reg, build(dir, repo, extra, artifact), env);
    expect(res.code).toBe(2);
    const lines = errorLines(res);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(want);
    expect(await catalog(reg)).not.toContain(repo);
  });
});
