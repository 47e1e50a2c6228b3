import { recordOutput } from '../fixtures/leaks';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { runCli } from '../fixtures/cli';
import type { CliResult } from '../fixtures/cli';
import { skopeoInspect } from '../fixtures/clients';
import { seedBusyboxBase } from '../fixtures/images';
import { node24 } from '../fixtures/nodes';
import { makeTempDir, removeTempDir, run, runOk } from '../fixtures/process';
import type { RunResult } from '../fixtures/process';
import { startRegistry } from '../fixtures/registry';
import type { TestRegistry } from '../fixtures/registry';
import { startSigstore } from './attest-helpers';
import type { SigstoreStandIns } from './attest-helpers';

/**
 * The action as a GitHub runner starts it: `runs.using: node24` runs dist/index.js with INPUT_*
 * variables and the GITHUB_OUTPUT / GITHUB_STEP_SUMMARY files.
 */
const root = path.resolve(__dirname, '../..');

/** GITHUB_OUTPUT as @actions/core writes it: `name<<DELIMITER\nvalue\nDELIMITER\n` per output. */
function parseGithubOutput(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const heredoc = /^([^=<]+)<<(.+)$/.exec(lines[i]);
    if (heredoc) {
      const [, name, delimiter] = heredoc;
      const end = lines.indexOf(delimiter, i + 1);
      if (end < 0) throw new Error(`GITHUB_OUTPUT: ${name} has no closing ${delimiter}`);
      out[name] = lines.slice(i + 1, end).join('\n');
      i = end;
    } else if (lines[i].includes('=')) {
      const eq = lines[i].indexOf('=');
      out[lines[i].slice(0, eq)] = lines[i].slice(eq + 1);
    }
  }
  return out;
}

/** INPUT_<NAME> as the runner sets it: upper case, spaces to underscores, dashes kept. */
function inputEnv(inputs: Record<string, string>): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(inputs)) {
    env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] = value;
  }
  return env;
}

describe('Node 24', () => {
  it('is installed from the node24 npm alias', async () => {
    const version = await runOk(node24(), ['--version']);
    expect(version.stdout.trim()).toMatch(/^v24\./);
  });

  it('parseGithubOutput reads the heredoc format', () => {
    expect(
      parseGithubOutput('digest<<ghadelimiter_1\nsha256:x\nghadelimiter_1\ntags<<d\na,b\nd\n'),
    ).toEqual({ digest: 'sha256:x', tags: 'a,b' });
  });
});

describe('the bundled action under Node 24', () => {
  let registry: TestRegistry;
  let dir: string;
  let result: RunResult;
  let outputs: Record<string, string>;
  let summary: string;

  beforeAll(async () => {
    registry = await startRegistry({ auth: 'htpasswd' });
    await seedBusyboxBase(registry, 'base/busybox:1', { runnerLike: true });
    dir = await makeTempDir('action');
    // dist/index.js exactly as scripts/build.mjs writes it, from the current sources
    await runOk(process.execPath, [path.join(root, 'scripts/build.mjs'), path.join(dir, 'dist')], {
      cwd: root,
    });
    const bundle = path.join(dir, 'dist/index.js');
    await fsp.mkdir(path.join(dir, 'fn'));
    await fsp.writeFile(
      path.join(dir, 'fn/upper.py'),
      'def process(input, context):\n    return input.upper()\n',
    );
    const outputFile = path.join(dir, 'github-output');
    const summaryFile = path.join(dir, 'step-summary.md');
    await fsp.writeFile(outputFile, '');
    await fsp.writeFile(summaryFile, '');
    result = await run(node24(), [bundle], {
      cwd: dir,
      timeoutMs: 300_000,
      env: {
        GITHUB_ACTIONS: 'true',
        GITHUB_OUTPUT: outputFile,
        GITHUB_STEP_SUMMARY: summaryFile,
        GITHUB_REF: 'refs/tags/v1.2.3',
        GITHUB_SHA: '0123456789abcdef0123456789abcdef01234567',
        GITHUB_REPOSITORY: 'acme/upper',
        SOURCE_DATE_EPOCH: '1700000000',
        ...inputEnv({
          'connector-type': 'pulsar-function',
          'artifact-format': 'python',
          build: 'none',
          'working-directory': path.join(dir, 'fn'),
          artifact: 'upper.py',
          'base-image': `${registry.host}/base/busybox:1`,
          image: `${registry.host}/gh/upper`,
          username: registry.username ?? '',
          password: registry.password ?? '',
        }),
      },
    });
    const outputText = await fsp.readFile(outputFile, 'utf8');
    outputs = parseGithubOutput(outputText);
    summary = await fsp.readFile(summaryFile, 'utf8');
    // ::add-mask:: lines hand secrets to the runner for masking; everything else is checked.
    recordOutput(
      `${result.stdout}${result.stderr}`.replace(/^::add-mask::.*$/gm, ''),
      'action log',
    );
    recordOutput(outputText, 'action outputs');
    recordOutput(summary, 'action summary');
  });

  afterAll(async () => {
    await registry.stop();
    await removeTempDir(dir);
  });

  it('succeeds without printing the password', () => {
    // the whole log in the failure message: it is the only clue when the action fails
    expect(`exit ${result.code}\n${result.stdout}${result.stderr}`).toMatch(/^exit 0\n/);
    const password = registry.password ?? 'no password';
    // the runner reads ::add-mask:: and masks the value everywhere; nothing else may show it
    expect(result.stdout).toContain(`::add-mask::${password}\n`);
    const log = `${result.stdout}${result.stderr}`.replace(/^::add-mask::.*$/gm, '');
    expect(log).not.toContain(password);
  });

  it('writes outputs that the registry confirms', async () => {
    expect(outputs.tags).toBe('1.2.3,1.2,1,latest');
    expect(outputs.image).toBe(`${registry.host}/gh/upper:1.2.3`);
    expect(outputs['image-ref']).toBe(`${registry.host}/gh/upper@${outputs.digest}`);
    const inspected = (await skopeoInspect(outputs.image, { creds: registry.creds })) as {
      Digest: string;
      Labels: Record<string, string>;
    };
    expect(inspected.Digest).toBe(outputs.digest);
    expect(JSON.parse(outputs.metadata)).toMatchObject({ digest: outputs.digest, pushed: true });
  });

  it('labels the image from the GitHub context', async () => {
    const inspected = (await skopeoInspect(outputs.image, { creds: registry.creds })) as {
      Labels: Record<string, string>;
    };
    expect(inspected.Labels).toMatchObject({
      'org.opencontainers.image.source': 'https://github.com/acme/upper',
      'org.opencontainers.image.revision': '0123456789abcdef0123456789abcdef01234567',
      'org.opencontainers.image.created': '2023-11-14T22:13:20Z',
    });
  });

  it('writes the job summary table', () => {
    expect(summary).toContain(`| Digest | \`${outputs.digest}\` |`);
    expect(summary).toContain('<summary>Dockerfile');
  });
});

/**
 * docker/metadata-action v5's outputs for a v2.0.0 tag, exactly as it writes them (one entry per
 * line, a trailing newline), passed to the bundled action the way `with: tags: ${{ … }}` does.
 */
describe("docker/metadata-action's output through the bundled action under Node 24", () => {
  let registry: TestRegistry;
  let dir: string;
  let result: RunResult;
  let outputs: Record<string, string>;

  beforeAll(async () => {
    registry = await startRegistry();
    await seedBusyboxBase(registry, 'base/busybox:1', {
      runnerLike: true,
      platforms: ['linux/amd64', 'linux/arm64'],
    });
    dir = await makeTempDir('action-meta');
    await runOk(process.execPath, [path.join(root, 'scripts/build.mjs'), path.join(dir, 'dist')], {
      cwd: root,
    });
    await fsp.mkdir(path.join(dir, 'fn'));
    await fsp.writeFile(
      path.join(dir, 'fn/upper.py'),
      'def process(input, context):\n    return input.upper()\n',
    );
    const image = `${registry.host}/acme/upper`;
    const outputFile = path.join(dir, 'github-output');
    await fsp.writeFile(outputFile, '');
    result = await run(node24(), [path.join(dir, 'dist/index.js')], {
      cwd: dir,
      timeoutMs: 300_000,
      env: {
        GITHUB_ACTIONS: 'true',
        GITHUB_OUTPUT: outputFile,
        GITHUB_REF: 'refs/tags/v2.0.0',
        GITHUB_SHA: '0123456789abcdef0123456789abcdef01234567',
        GITHUB_REPOSITORY: 'acme/upper',
        SOURCE_DATE_EPOCH: '1700000000',
        SLIPWAY_SUMMARY: 'false',
        ...inputEnv({
          'connector-type': 'pulsar-function',
          build: 'none',
          'working-directory': path.join(dir, 'fn'),
          artifact: 'upper.py',
          'base-image': `${registry.host}/base/busybox:1`,
          tags: `${image}:2.0.0\n${image}:2.0\n${image}:latest\n`,
          labels: [
            'org.opencontainers.image.created=2026-12-06T21:00:00.000Z',
            'org.opencontainers.image.description=Upper-cases words, fast',
            'org.opencontainers.image.licenses=Apache-2.0',
            'org.opencontainers.image.revision=0123456789abcdef0123456789abcdef01234567',
            'org.opencontainers.image.source=https://github.com/acme/upper',
            'org.opencontainers.image.title=upper',
            'org.opencontainers.image.url=https://github.com/acme/upper',
            'org.opencontainers.image.version=2.0.0',
            '',
          ].join('\n'),
          annotations: [
            'manifest:org.opencontainers.image.description=Upper-cases words, fast',
            'manifest:org.opencontainers.image.version=2.0.0',
            'index:org.opencontainers.image.description=Upper-cases words, fast',
            '',
          ].join('\n'),
        }),
      },
    });
    outputs = parseGithubOutput(await fsp.readFile(outputFile, 'utf8'));
    recordOutput(`${result.stdout}${result.stderr}`, 'action log');
  });

  afterAll(async () => {
    await registry.stop();
    await removeTempDir(dir);
  });

  it('pushes the references, labels and annotations as given', async () => {
    expect(`exit ${result.code}\n${result.stdout}${result.stderr}`).toMatch(/^exit 0\n/);
    const image = `${registry.host}/acme/upper`;
    expect(outputs.image).toBe(`${image}:2.0.0`);
    expect(outputs.tags).toBe('2.0.0,2.0,latest');
    expect(outputs['tag-decisions']).toBe(
      [`${image}:2.0.0=created`, `${image}:2.0=created`, `${image}:latest=created`].join(','),
    );
    const index = (await skopeoInspect(`${image}:latest`, { raw: true })) as {
      annotations: Record<string, string>;
      manifests: { digest: string }[];
    };
    expect(index.annotations['org.opencontainers.image.description']).toBe(
      'Upper-cases words, fast',
    );
    expect(index.manifests).toHaveLength(2);
    const manifest = (await skopeoInspect(`${image}@${index.manifests[1].digest}`, {
      raw: true,
    })) as {
      annotations: Record<string, string>;
    };
    expect(manifest.annotations).toMatchObject({
      'org.opencontainers.image.description': 'Upper-cases words, fast',
      'org.opencontainers.image.version': '2.0.0',
    });
    const inspected = (await skopeoInspect(`${image}:2.0`)) as { Labels: Record<string, string> };
    expect(inspected.Labels).toMatchObject({
      'org.opencontainers.image.description': 'Upper-cases words, fast',
      'org.opencontainers.image.created': '2026-12-06T21:00:00.000Z',
      'org.opencontainers.image.title': 'upper',
    });
  });
});

/**
 * Keyless signing as a GitHub runner gives it (issue 15): the action asks the runner's token
 * endpoint (ACTIONS_ID_TOKEN_REQUEST_URL/TOKEN, there with `permissions: id-token: write`) for an
 * OIDC token with audience sigstore, here the fake issuer of the loopback Sigstore stand-ins.
 */
describe('the bundled action under Node 24 signs with the workflow identity', () => {
  // The subject the stand-in's GitHub token endpoint puts in its tokens (attest-helpers.ts).
  const WORKFLOW = 'https://github.com/acme/gh/.github/workflows/release.yml@refs/heads/main';
  let registry: TestRegistry;
  let sig: SigstoreStandIns;
  let dir: string;
  let result: RunResult;
  let outputs: Record<string, string>;
  let trustedRoot: string;

  beforeAll(async () => {
    [registry, sig] = await Promise.all([startRegistry(), startSigstore()]);
    await seedBusyboxBase(registry, 'base/busybox:1', { runnerLike: true });
    dir = await makeTempDir('action-sign');
    trustedRoot = path.join(dir, 'trusted-root.json');
    await fsp.writeFile(trustedRoot, JSON.stringify(sig.trustedRoot));
    await runOk(process.execPath, [path.join(root, 'scripts/build.mjs'), path.join(dir, 'dist')], {
      cwd: root,
    });
    await fsp.mkdir(path.join(dir, 'fn'));
    await fsp.writeFile(
      path.join(dir, 'fn/upper.py'),
      'def process(input, context):\n    return input.upper()\n',
    );
    const outputFile = path.join(dir, 'github-output');
    await fsp.writeFile(outputFile, '');
    result = await run(node24(), [path.join(dir, 'dist/index.js')], {
      cwd: dir,
      timeoutMs: 300_000,
      env: {
        GITHUB_ACTIONS: 'true',
        GITHUB_OUTPUT: outputFile,
        GITHUB_REF: 'refs/heads/main',
        GITHUB_SHA: '0123456789abcdef0123456789abcdef01234567',
        GITHUB_REPOSITORY: 'acme/gh',
        SOURCE_DATE_EPOCH: '1700000000',
        SLIPWAY_SUMMARY: 'false',
        RUNNER_TEMP: dir,
        ACTIONS_ID_TOKEN_REQUEST_URL: sig.githubTokenUrl,
        ACTIONS_ID_TOKEN_REQUEST_TOKEN: sig.githubBearer,
        // only the runner's token endpoint may give the token
        SIGSTORE_ID_TOKEN: '',
        SLIPWAY_SIGNING_KEY: '',
        ...inputEnv({
          'connector-type': 'pulsar-function',
          'artifact-format': 'python',
          build: 'none',
          'working-directory': path.join(dir, 'fn'),
          artifact: 'upper.py',
          'base-image': `${registry.host}/base/busybox:1`,
          image: `${registry.host}/gh/signed`,
          tags: '1.0',
          sign: 'true',
          'fulcio-url': sig.fulcioUrl,
          'rekor-url': sig.rekorUrl,
          'tsa-url': sig.tsaUrl,
          'max-retries': '1',
        }),
      },
    });
    const outputText = await fsp.readFile(outputFile, 'utf8');
    outputs = parseGithubOutput(outputText);
    recordOutput(
      `${result.stdout}${result.stderr}`.replace(/^::add-mask::.*$/gm, ''),
      'action log',
    );
    recordOutput(outputText, 'action outputs');
  });

  afterAll(async () => {
    await sig?.stop();
    await registry?.stop();
    await removeTempDir(dir);
  });

  it("asks the runner's token endpoint for a sigstore token and attaches two bundles", () => {
    expect(`exit ${result.code}\n${result.stdout}${result.stderr}`).toMatch(/^exit 0\n/);
    expect(sig.audiences.length).toBeGreaterThan(0);
    expect(new Set(sig.audiences)).toEqual(new Set(['sigstore']));
    expect(sig.requests.fulcio).toBeGreaterThan(0);
    const attestations = outputs.attestations.split(',');
    expect(attestations).toHaveLength(2);
    for (const a of attestations)
      expect(a).toMatch(new RegExp(`^${registry.host}/gh/signed@sha256:`));
    // the runner masks the bearer and the token it gives; the log shows neither
    const log = `${result.stdout}${result.stderr}`.replace(/^::add-mask::.*$/gm, '');
    expect(result.stdout).toContain(`::add-mask::${sig.githubBearer}\n`);
    expect(log).not.toContain(sig.githubBearer);
  });

  it('slipway verify accepts the pushed image for the workflow identity and refuses another', async () => {
    const verify = (identity: string, flag = '--certificate-identity'): Promise<CliResult> =>
      runCli([
        'verify',
        `${registry.host}/gh/signed:1.0`,
        '--trusted-root',
        trustedRoot,
        flag,
        identity,
        '--certificate-oidc-issuer',
        sig.issuer,
      ]);
    const ok = await verify(WORKFLOW);
    expect(`exit ${ok.code}\n${ok.stdout}${ok.stderr}`).toMatch(/^exit 0\n/);
    expect(ok.stdout).toContain(`verified ${registry.host}/gh/signed:1.0 (${outputs.digest})`);
    expect(ok.stdout).toContain(`https://slsa.dev/provenance/v1 signed by ${WORKFLOW}`);
    expect(ok.stdout).toContain('https://cyclonedx.org/bom signed by');

    // the README's form: any workflow of the repository (the pattern must match the whole identity)
    const anyWorkflow = await verify(
      'https://github.com/acme/gh/.+',
      '--certificate-identity-regexp',
    );
    expect(`exit ${anyWorkflow.code}\n${anyWorkflow.stderr}`).toMatch(/^exit 0\n/);

    const wrong = await verify(WORKFLOW.replace('acme/gh', 'evil/fork'));
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toContain(`signed by the identity ${WORKFLOW}`);
  });
});
