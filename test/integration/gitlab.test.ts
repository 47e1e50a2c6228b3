import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { parseEnv } from 'node:util';
import { parseAllDocuments } from 'yaml';
import { builtCli } from '../fixtures/cli';
import { skopeoInspect } from '../fixtures/clients';
import { seedBusyboxBase } from '../fixtures/images';
import { gitlabCiLocal, node22 } from '../fixtures/nodes';
import { makeTempDir, removeTempDir, run, runOk } from '../fixtures/process';
import type { RunResult } from '../fixtures/process';
import { startRegistry } from '../fixtures/registry';
import type { TestRegistry } from '../fixtures/registry';
import { startSigstore } from './attest-helpers';
import type { SigstoreStandIns } from './attest-helpers';

/**
 * The GitLab component as GitLab runs it: gitlab-ci-local (on Node 22) interpolates the spec inputs
 * of gitlab/templates/slipway.yml included with `include: local`, runs the jobs in the shell and
 * hands the dotenv report to the next job.
 */
const root = path.resolve(__dirname, '../..');

/**
 * A throwaway git project holding the template and test/gitlab, as a user's project would; and
 * catalog/, the component project as the release workflow writes it.
 */
async function gitlabProject(): Promise<string> {
  const dir = await makeTempDir('gitlab');
  await runOk(process.execPath, [
    path.join(root, 'scripts/gitlab-component.mjs'),
    '--image',
    `ghcr.io/acme/slipway@sha256:${'1'.repeat(64)}`,
    '--out',
    path.join(dir, 'catalog'),
  ]);
  await fsp.mkdir(path.join(dir, 'gitlab/templates'), { recursive: true });
  await fsp.copyFile(
    path.join(root, 'gitlab/templates/slipway.yml'),
    path.join(dir, 'gitlab/templates/slipway.yml'),
  );
  await fsp.cp(path.join(root, 'test/gitlab'), path.join(dir, 'test/gitlab'), { recursive: true });
  const git = (...args: string[]): Promise<RunResult> =>
    runOk('git', ['-c', 'user.name=slipway', '-c', 'user.email=ci@slipway.test', ...args], {
      cwd: dir,
    });
  await git('init', '-q', '-b', 'main');
  await git('add', '.');
  await git('commit', '-q', '-m', 'pipeline under test');
  return dir;
}

/** Runs gitlab-ci-local in `dir` with the pipeline file `file` (relative to dir). */
function gitlabCi(
  dir: string,
  file: string,
  variables: Record<string, string>,
  env: Record<string, string> = {},
): Promise<RunResult> {
  const args = [
    gitlabCiLocal(),
    '--file',
    file,
    // The job names a container image; there is no container engine here, so jobs run in the shell.
    '--force-shell-executor',
    '--no-color',
    '--ignore-predefined-vars',
    'CI_REGISTRY_IMAGE',
  ];
  for (const [key, value] of Object.entries(variables)) args.push('--variable', `${key}=${value}`);
  return run(node22(), args, { cwd: dir, timeoutMs: 300_000, env });
}

describe('tools', () => {
  it('gitlab-ci-local runs on Node 22 and rsync is installed', async () => {
    const version = await runOk(node22(), ['--version']);
    expect(version.stdout.trim()).toMatch(/^v22\./);
    const gcl = await runOk(node22(), [gitlabCiLocal(), '--version']);
    expect(gcl.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
    const rsync = await run('rsync', ['--version']);
    expect(rsync.code).toBe(0);
  });
});

describe('component template wiring (stand-in CLI)', () => {
  let dir: string;
  let result: RunResult;
  let args: string[];

  beforeAll(async () => {
    dir = await gitlabProject();
    const argsFile = path.join(dir, 'cli-args');
    result = await gitlabCi(dir, 'test/gitlab/wiring.gitlab-ci.yml', {
      FAKE_SLIPWAY_ARGS: argsFile,
      CI_REGISTRY_IMAGE: 'registry.example.com/group/project',
    });
    args = fs.existsSync(argsFile)
      ? fs.readFileSync(argsFile, 'utf8').split('\0').slice(0, -1)
      : [];
  });

  afterAll(async () => {
    await removeTempDir(dir);
  });

  const flag = (name: string): string | undefined => {
    const i = args.indexOf(`--${name}`);
    return i < 0 ? undefined : args[i + 1];
  };

  it('both jobs pass', () => {
    expect({ code: result.code, out: result.stdout.slice(-3000) }).toMatchObject({ code: 0 });
    expect(result.stdout).toMatch(/PASS\s+package/);
    expect(result.stdout).toMatch(/PASS\s+check/);
  });

  it('runs `build` with the inputs given, typed values as GitLab wrote them', () => {
    expect(args[0]).toBe('build');
    expect(flag('connector-type')).toBe('pulsar-sink');
    expect(flag('verify')).toBe('true');
    expect(flag('max-retries')).toBe('7');
    expect(flag('labels')).toBe('team=data, tier=gold');
    expect(flag('dotenv')).toBe('.slipway/slipway.env');
  });

  it('passes every other input with its default', () => {
    expect(flag('artifact-format')).toBe('auto');
    expect(flag('pulsar-version')).toBe('4.0.4');
    expect(flag('if-exists')).toBe('protect-releases');
    expect(flag('create-repository')).toBe('true');
    expect(flag('request-timeout')).toBe('300');
    expect(flag('artifact')).toBe('');
    expect(flag('password')).toBeUndefined();
  });

  it('hands values to the CLI as data: quotes, $( ), backticks and newlines intact, nothing run', () => {
    expect(flag('class-name')).toBe('it\'s "quoted" $(touch injected) `touch injected2` a;b');
    expect(flag('tags')).toBe('one\ntwo');
    expect(fs.existsSync(path.join(dir, 'injected'))).toBe(false);
    expect(fs.existsSync(path.join(dir, 'injected2'))).toBe(false);
  });

  it('sets SOURCE_DATE_EPOCH from CI_COMMIT_TIMESTAMP, the commit time in GitLab', () => {
    // gitlab-ci-local fills CI_COMMIT_TIMESTAMP with the time of the run, GitLab with the commit's
    const [epoch, timestamp] = fs.readFileSync(path.join(dir, 'cli-args.epoch'), 'utf8').split(' ');
    expect(timestamp).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(epoch).toBe(String(Date.parse(timestamp) / 1000));
  });

  it('defaults the image to the project registry and passes the dotenv report on', () => {
    expect(flag('image')).toBe('registry.example.com/group/project');
    expect(result.stdout).toContain(`digest=<sha256:${'0'.repeat(63)}7>`);
  });
});

// The same template with the real bundled CLI, pushing to a real registry.
describe('component pushes with the real CLI', () => {
  let registry: TestRegistry;
  let dir: string;
  let result: RunResult;

  beforeAll(async () => {
    registry = await startRegistry();
    await seedBusyboxBase(registry, 'base/busybox:1', {
      platforms: ['linux/amd64', 'linux/arm64'],
      runnerLike: true,
    });
    dir = await gitlabProject();
    result = await gitlabCi(dir, 'test/gitlab/.gitlab-ci.yml', {
      TEST_REGISTRY: registry.host,
      SLIPWAY_CLI: builtCli(),
      SOURCE_DATE_EPOCH: '1700000000',
      // The run's scratch folder (rendered Dockerfile) goes where global teardown cleans up.
      RUNNER_TEMP: process.env.SLIPWAY_FIXTURE_CACHE ?? '',
    });
  });

  afterAll(async () => {
    await registry.stop();
    await removeTempDir(dir);
  });

  it('pushes, and the verify job finds the digest of the dotenv report in the registry', async () => {
    expect(result.code === 0 ? '' : result.stdout.slice(-4000)).toBe('');
    expect(result.stdout).toMatch(/PASS\s+slipway/);
    expect(result.stdout).toMatch(/PASS\s+verify/);

    const report = parseEnv(await fsp.readFile(path.join(dir, '.slipway/slipway.env'), 'utf8'));
    expect(report.SLIPWAY_DIGEST).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(report.SLIPWAY_IMAGE_REF).toBe(`${registry.host}/gitlab/upper@${report.SLIPWAY_DIGEST}`);
    expect(report.SLIPWAY_PLATFORMS).toBe('linux/amd64,linux/arm64');
    expect(report.SLIPWAY_PUSHED).toBe('true');
    const index = (await skopeoInspect(`${registry.host}/gitlab/upper@${report.SLIPWAY_DIGEST}`, {
      raw: true,
    })) as { manifests?: unknown[] };
    expect(index.manifests).toHaveLength(2);
  });
});

/**
 * The catalog project with its own defaults: `slipway` is the command (a shim on PATH stands in
 * for the one in Slipway's image, running the bundled CLI), and the rules decide what pushes.
 */
describe('the catalog component as released, with its defaults', () => {
  let registry: TestRegistry;
  let dir: string;
  let bin: string;

  beforeAll(async () => {
    registry = await startRegistry();
    await seedBusyboxBase(registry, 'base/busybox:1', { runnerLike: true });
    dir = await gitlabProject();
    bin = await makeTempDir('gitlab-bin');
    await fsp.writeFile(
      path.join(bin, 'slipway'),
      `#!/bin/sh\nexec "${process.execPath}" "${builtCli()}" "$@"\n`,
      { mode: 0o755 },
    );
  });

  afterAll(async () => {
    await registry.stop();
    await removeTempDir(dir);
    await removeTempDir(bin);
  });

  const pipeline = (file: string, variables: Record<string, string> = {}): Promise<RunResult> =>
    gitlabCi(
      dir,
      file,
      {
        TEST_REGISTRY: registry.host,
        SOURCE_DATE_EPOCH: '1700000000',
        ...variables,
      },
      { PATH: `${bin}:${process.env.PATH ?? ''}` },
    );

  it('pins the job image by digest and runs the slipway of the image', async () => {
    const template = await fsp.readFile(path.join(dir, 'catalog/templates/slipway.yml'), 'utf8');
    expect(template).toContain(`default: ghcr.io/acme/slipway@sha256:${'1'.repeat(64)}\n`);
    expect(template).not.toContain('npx');
    expect(fs.existsSync(path.join(dir, 'catalog/LICENSE'))).toBe(true);
    expect(fs.existsSync(path.join(dir, 'catalog/README.md'))).toBe(true);
  });

  it('on the default branch: pushes, and a later job has the Function Mesh resource and the metadata', async () => {
    const result = await pipeline('test/gitlab/component.gitlab-ci.yml');
    expect(result.code === 0 ? '' : result.stdout.slice(-4000)).toBe('');
    expect(result.stdout).toMatch(/PASS\s+slipway/);
    expect(result.stdout).toMatch(/PASS\s+deploy/);
    // A path relative to the project directory, where the artifacts of the job land.
    expect(result.stdout).toMatch(
      /manifest=<\.slipway\/slipway-[^/]+\/function-mesh\.yaml> pushed=<true>/,
    );
    expect(result.stdout).toMatch(/tags=<main,edge,sha-[0-9a-f]{7}>/);
  });

  it('in a merge-request pipeline: a dry run that prints the digest and pushes nothing', async () => {
    const result = await pipeline('test/gitlab/merge-request.gitlab-ci.yml', {
      CI_PIPELINE_SOURCE: 'merge_request_event',
      CI_MERGE_REQUEST_IID: '9',
    });
    expect(result.code === 0 ? '' : result.stdout.slice(-4000)).toBe('');
    expect(result.stdout).toMatch(/PASS\s+check/);
    expect(result.stdout).toMatch(
      /digest=<sha256:[0-9a-f]{64}> pushed=<false> tags=<mr-9,sha-[0-9a-f]{7}>/,
    );
    const repos = (await (await fetch(`http://${registry.host}/v2/_catalog`)).json()) as {
      repositories?: string[];
    };
    expect(repos.repositories ?? []).not.toContain('gitlab/mr');
  });

  it('on a feature branch the job does not run (rules: default branch, tags, merge requests)', async () => {
    const onMain = await pipeline('test/gitlab/rules.gitlab-ci.yml');
    expect(onMain.stdout).toMatch(/slipway starting shell/);
    const result = await pipeline('test/gitlab/rules.gitlab-ci.yml', {
      CI_COMMIT_BRANCH: 'feature-x',
      CI_COMMIT_REF_NAME: 'feature-x',
    });
    expect(result.stdout).toMatch(/PASS\s+marker/);
    expect(result.stdout).not.toMatch(/slipway starting shell/);
  });
});

/**
 * Keyless signing in the component (issue 15). GitLab puts the token of the job's `id_tokens`
 * entry in SIGSTORE_ID_TOKEN; gitlab-ci-local mints none, so the token of the stand-in issuer is
 * passed as that variable. Fulcio, Rekor and the TSA are the loopback stand-ins.
 */
describe('the component signs with the job OIDC token', () => {
  const SIGNER = 'https://gitlab.example.com/acme/connectors//.gitlab-ci.yml@refs/heads/main';
  let registry: TestRegistry;
  let sig: SigstoreStandIns;
  let dir: string;
  let result: RunResult;
  let report: Record<string, string | undefined>;

  beforeAll(async () => {
    [registry, sig] = await Promise.all([startRegistry(), startSigstore()]);
    await seedBusyboxBase(registry, 'base/busybox:1', { runnerLike: true });
    dir = await gitlabProject();
    const trustedRoot = path.join(dir, 'trusted-root.json');
    await fsp.writeFile(trustedRoot, JSON.stringify(sig.trustedRoot));
    result = await gitlabCi(dir, 'test/gitlab/sign.gitlab-ci.yml', {
      TEST_REGISTRY: registry.host,
      SLIPWAY_CLI: builtCli(),
      SOURCE_DATE_EPOCH: '1700000000',
      SIGSTORE_ID_TOKEN: sig.token(SIGNER),
      SIGSTORE_FULCIO: sig.fulcioUrl,
      SIGSTORE_REKOR: sig.rekorUrl,
      SIGSTORE_TSA: sig.tsaUrl,
      SIGSTORE_ISSUER: sig.issuer,
      SIGSTORE_SIGNER: SIGNER,
      TRUSTED_ROOT: trustedRoot,
    });
    const env = path.join(dir, '.slipway/slipway.env');
    report = fs.existsSync(env) ? parseEnv(await fsp.readFile(env, 'utf8')) : {};
    // two jobs and the CLI bundle, on a busy machine
  }, 400_000);

  afterAll(async () => {
    await sig?.stop();
    await registry?.stop();
    await removeTempDir(dir);
  });

  it('signs before the tag, and the verify job accepts the bundles for the job identity', () => {
    expect(result.code === 0 ? '' : result.stdout.slice(-4000)).toBe('');
    expect(result.stdout).toMatch(/PASS\s+slipway/);
    expect(result.stdout).toMatch(/PASS\s+verify/);
    expect(sig.requests.fulcio).toBeGreaterThan(0);
    expect(report.SLIPWAY_ATTESTATIONS?.split(',')).toHaveLength(2);
    expect(result.stdout).toContain(`https://slsa.dev/provenance/v1 signed by ${SIGNER}`);
    expect(result.stdout).toContain(`https://cyclonedx.org/bom signed by ${SIGNER}`);
    expect(result.stdout).toContain(`verified ${report.SLIPWAY_IMAGE_REF ?? '?'}`);
  });

  it('the cyclonedx report the template names is the SBOM file of the run', async () => {
    const [, jobs] = parseAllDocuments(
      await fsp.readFile(path.join(dir, 'gitlab/templates/slipway.yml'), 'utf8'),
    ).map((d) => d.toJS() as Record<string, Record<string, unknown>>);
    const reports = (
      jobs['$[[ inputs.job-name ]]'].artifacts as { reports: { cyclonedx: string[] } }
    ).reports;
    // GitLab's artifact patterns: `*` stays within one folder
    const patterns = reports.cyclonedx.map(
      (p) => new RegExp(`^${p.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*')}$`),
    );
    const files = (fs.readdirSync(dir, { recursive: true }) as string[]).filter((f) =>
      patterns.some((p) => p.test(f)),
    );
    expect(files).toEqual([report.SLIPWAY_SBOM]);
    const sbom = JSON.parse(await fsp.readFile(path.join(dir, files[0]), 'utf8')) as {
      bomFormat: string;
      components: { name: string }[];
    };
    expect(sbom.bomFormat).toBe('CycloneDX');
    expect(sbom.components.length).toBeGreaterThan(0);
  });
});
