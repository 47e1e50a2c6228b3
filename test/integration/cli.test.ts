/**
 * The CLI as a newcomer meets it: the README's main command, --help, exit codes and inspect.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { INPUTS, inputCommands } from '../../src/core/inputs';
import type { InputName, InputSpec } from '../../src/core/inputs';
import { builtCli, cliFlags, runCli } from '../fixtures/cli';
import { skopeoInspect } from '../fixtures/clients';
import { seedBusyboxBase } from '../fixtures/images';
import { makeTempDir, removeTempDir, run } from '../fixtures/process';
import { startRegistry } from '../fixtures/registry';
import type { TestRegistry } from '../fixtures/registry';

const root = resolve(__dirname, '../..');

let work: string;
beforeAll(async () => {
  work = await makeTempDir('cli-test');
});
afterAll(async () => {
  await removeTempDir(work);
});

describe('the README quick start', () => {
  it('npm run example writes an OCI layout of the example function, without any registry', async () => {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
      scripts: Record<string, string>;
    };
    const words = pkg.scripts.example.split(' ');
    expect(words.slice(0, 2)).toEqual(['node', 'dist/cli.js']);
    // The same command with the layout in a temp dir and the CLI built from the current src/.
    const args = words.slice(2).map((w) => (w === 'oci:out/example' ? `oci:${work}/example` : w));
    const res = await run(process.execPath, [builtCli(), ...args], {
      cwd: root,
      timeoutMs: 120_000,
      env: { RUNNER_TEMP: process.env.SLIPWAY_FIXTURE_CACHE ?? '' },
    });
    expect(res.stderr).toMatch(/wrote oci:/);
    expect(res.code).toBe(0);
    const info = (await skopeoInspect(`oci:${work}/example:latest`)) as {
      Labels: Record<string, string>;
      Layers: string[];
    };
    expect(info.Layers).toHaveLength(1);
    expect(info.Labels['org.opencontainers.image.title']).toBe('exclamation');
  });
});

describe('slipway --help', () => {
  it('lists every input of the table that build offers as a flag, with its default', async () => {
    const res = await runCli(['build', '--help']);
    expect(res.code).toBe(0);
    const help = res.stdout.replace(/\s+/g, ' ');
    // mode is the command itself in the CLI (build, rebase, discover).
    expect(help).not.toContain('--mode');
    for (const [name, spec] of Object.entries(INPUTS) as [InputName, InputSpec][]) {
      if (!inputCommands(name).includes('build')) continue;
      expect(help).toContain(`--${name}`);
      if (spec.default !== '' && !spec.secret) expect(help).toContain(`default: "${spec.default}"`);
    }
  });

  it('exits 2 with one line naming the input and the allowed values for a bad value', async () => {
    // A value the inputs table refuses, so written by hand (cliFlags takes only valid ones).
    const res = await runCli([
      'build',
      '--if-exists',
      'sometimes',
      ...cliFlags({ output: 'none' }),
    ]);
    expect(res.code).toBe(2);
    expect(res.stderr.trim().split('\n')).toHaveLength(1);
    expect(res.stderr).toMatch(/if-exists/);
    expect(res.stderr).toMatch(/overwrite, skip, fail/);
  });

  it('exits 2 for a bad output and names the fix', async () => {
    const res = await runCli(['build', ...cliFlags({ output: 'tarball', artifact: 'README.md' })]);
    expect(res.code).toBe(2);
    expect(res.stderr).toMatch(/"output" must be registry, oci:DIR or none/);
  });
});

describe('slipway inspect', () => {
  let reg: TestRegistry;
  beforeAll(async () => {
    reg = await startRegistry({ auth: 'htpasswd' });
    await seedBusyboxBase(reg, 'base/multi:1', { platforms: ['linux/amd64', 'linux/arm64'] });
  });
  afterAll(async () => {
    await reg.stop();
  });

  it('prints platforms, layers, labels and the base of an image it built', async () => {
    const built = await runCli(
      [
        'build',
        ...cliFlags({
          artifact: join(root, 'examples/python-function/exclamation.py'),
          'base-image': `${reg.host}/base/multi:1`,
          image: `${reg.host}/fn/exclamation`,
          tags: ['1.0'],
          username: reg.username,
        }),
        '--json',
      ],
      { env: { SLIPWAY_PASSWORD: reg.password ?? '' } },
    );
    expect(built.code).toBe(0);

    const res = await runCli(
      [
        'inspect',
        `${reg.host}/fn/exclamation:1.0`,
        ...cliFlags({ username: reg.username }),
        '--json',
      ],
      { env: { SLIPWAY_PASSWORD: reg.password ?? '' } },
    );
    expect(res.code).toBe(0);
    const report = JSON.parse(res.stdout) as {
      digest: string;
      platforms: {
        platform: string;
        layers: unknown[];
        labels: Record<string, string>;
        base?: { name: string; digest?: string };
      }[];
    };
    expect(report.digest).toBe(built.json?.digest);
    expect(report.platforms.map((p) => p.platform)).toEqual(['linux/amd64', 'linux/arm64']);
    const base = (await skopeoInspect(`${reg.host}/base/multi:1`, {
      raw: true,
      creds: reg.creds,
    })) as {
      manifests: unknown[];
    };
    expect(base.manifests).toHaveLength(2);
    for (const p of report.platforms) {
      expect(p.base?.name).toBe(`${reg.host}/base/multi:1`);
      expect(p.base?.digest).toBe(built.json?.['base-digest']);
      expect(p.labels['org.opencontainers.image.title']).toBe('exclamation');
    }

    const text = await runCli(
      ['inspect', `${reg.host}/fn/exclamation:1.0`, ...cliFlags({ username: reg.username })],
      {
        env: { SLIPWAY_PASSWORD: reg.password ?? '' },
      },
    );
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('linux/arm64');
    expect(text.stdout).toContain(`base: ${reg.host}/base/multi:1@`);
  });
});

describe('slipway inspect oci:DIR', () => {
  let reg: TestRegistry;
  beforeAll(async () => {
    reg = await startRegistry();
    await seedBusyboxBase(reg, 'base/multi:2', { platforms: ['linux/amd64', 'linux/arm64'] });
  });
  afterAll(async () => {
    await reg.stop();
  });

  it('reads a layout written by build --output oci:DIR and prints the same digest and what Slipway recorded', async () => {
    const layout = join(work, 'inspect-layout');
    const built = await runCli([
      'build',
      ...cliFlags({
        artifact: join(root, 'examples/python-function/exclamation.py'),
        'base-image': `${reg.host}/base/multi:2`,
        output: `oci:${layout}`,
        tags: ['1.0'],
      }),
      '--json',
    ]);
    expect(built.code).toBe(0);

    for (const ref of [`oci:${layout}`, `oci:${layout}:1.0`]) {
      const res = await runCli(['inspect', ref, '--json']);
      expect(res.code).toBe(0);
      const report = res.json as unknown as {
        digest: string;
        platforms: {
          platform: string;
          layers: { digest: string }[];
          base?: { name: string; digest?: string };
          slipway?: { layer?: string; steps: string[] };
        }[];
      };
      expect(report.digest).toBe(built.json?.digest);
      expect(report.platforms.map((p) => p.platform)).toEqual(['linux/amd64', 'linux/arm64']);
      for (const p of report.platforms) {
        expect(p.base?.digest).toBe(built.json?.['base-digest']);
        // The connector layer is the last one, made by the COPY Slipway recorded.
        expect(p.slipway?.layer).toBe(p.layers[p.layers.length - 1].digest);
        expect(p.slipway?.steps[0]).toMatch(/^COPY .*exclamation\.py/);
      }
    }
    const text = await runCli(['inspect', `oci:${layout}:1.0`]);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain(`digest: ${String(built.json?.digest)}`);
    expect(text.stdout).toContain('built by slipway:');

    const missing = await runCli(['inspect', `oci:${layout}:2.0`]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/has no image tagged "2.0"; it has 1.0/);
  });
});
