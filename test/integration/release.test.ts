/**
 * The release workflow's steps, run here as far as they can run without GitHub: the npm package
 * installs from its tarball with no network and runs `slipway --version`; Slipway builds its own
 * image onto a Node.js base (scripts/slipway-image.mjs, the native builder) and that image runs
 * `slipway --version` under podman.
 */
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { builtCli, runCli } from '../fixtures/cli';
import { podmanRun, skopeoCopy } from '../fixtures/clients';
import { node22 } from '../fixtures/nodes';
import { makeTempDir, removeTempDir, run, runOk } from '../fixtures/process';
import { startRegistry } from '../fixtures/registry';
import type { TestRegistry } from '../fixtures/registry';

const root = path.resolve(__dirname, '../..');
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as {
  version: string;
  files: string[];
  dependencies?: Record<string, string>;
};

let work: string;
beforeAll(async () => {
  work = await makeTempDir('release');
});
afterAll(async () => {
  await removeTempDir(work);
});

describe('the npm package', () => {
  it('has no runtime dependencies and ships dist, action.yml, gitlab, README.md and LICENSE', () => {
    expect(pkg.dependencies).toBeUndefined();
    expect(pkg.files).toEqual(['dist', 'action.yml', 'gitlab', 'README.md', 'LICENSE']);
    expect(fs.readFileSync(path.join(root, 'LICENSE'), 'utf8')).toMatch(
      /Apache License\s+Version 2\.0, January 2004/,
    );
  });

  it('`npm pack` installs from the tarball with no network and runs slipway --version', async () => {
    // The package as `npm pack` sees it in the repository, with dist/ freshly bundled from src/.
    const stage = path.join(work, 'package');
    await fsp.mkdir(stage);
    for (const file of ['package.json', ...pkg.files.filter((f) => f !== 'dist')]) {
      await fsp.cp(path.join(root, file), path.join(stage, file), { recursive: true });
    }
    await fsp.cp(path.dirname(builtCli()), path.join(stage, 'dist'), { recursive: true });
    const offline = {
      npm_config_registry: 'http://127.0.0.1:9/',
      npm_config_offline: 'true',
      npm_config_cache: path.join(work, 'npm-cache'),
      npm_config_audit: 'false',
      npm_config_fund: 'false',
      npm_config_update_notifier: 'false',
    };
    const packed = await runOk('npm', ['pack', '--pack-destination', work, '--json'], {
      cwd: stage,
      env: offline,
    });
    const [info] = JSON.parse(packed.stdout) as { filename: string; files: { path: string }[] }[];
    const top = new Set(info.files.map((f) => f.path.split('/')[0]));
    expect([...top].sort()).toEqual(
      ['LICENSE', 'README.md', 'action.yml', 'dist', 'gitlab', 'package.json'].sort(),
    );
    const prefix = path.join(work, 'prefix');
    await runOk(
      'npm',
      ['install', '--global', '--prefix', prefix, path.join(work, info.filename)],
      {
        env: offline,
      },
    );
    const version = await run(path.join(prefix, 'bin/slipway'), ['--version']);
    expect(version.stderr).toBe('');
    expect(version.stdout.trim()).toBe(pkg.version);
  });
});

/**
 * A Node.js base image like node:22-slim, made here from the Node 22 binary of test/runtimes with
 * the libraries it links against and busybox for the shell GitLab runs job scripts with.
 */
async function seedNodeBase(reg: TestRegistry, repoTag: string): Promise<void> {
  const layout = path.join(work, 'node-base');
  const bundle = path.join(work, 'node-bundle');
  const umoci = (...args: string[]) => runOk('umoci', args);
  await umoci('init', '--layout', layout);
  await umoci('new', '--image', `${layout}:node`);
  await umoci('unpack', '--image', `${layout}:node`, bundle);
  const rootfs = path.join(bundle, 'rootfs');
  const copy = async (from: string, to = from): Promise<void> => {
    await fsp.mkdir(path.join(rootfs, path.dirname(to)), { recursive: true });
    await fsp.copyFile(from, path.join(rootfs, to));
    await fsp.chmod(path.join(rootfs, to), 0o755);
  };
  const node = node22();
  await copy(node, '/usr/local/bin/node');
  const ldd = await runOk('ldd', [node]);
  for (const lib of ldd.stdout.matchAll(/(\/\S+\.so[.\d]*)/g)) await copy(lib[1]);
  await copy('/bin/busybox', '/bin/busybox');
  for (const applet of ['sh', 'cat', 'ls']) {
    await fsp.symlink('busybox', path.join(rootfs, 'bin', applet));
  }
  await fsp.mkdir(path.join(rootfs, 'usr/bin'), { recursive: true });
  await fsp.symlink('/bin/busybox', path.join(rootfs, 'usr/bin/env'));
  await fsp.mkdir(path.join(rootfs, 'tmp'), { mode: 0o1777 });
  await umoci('repack', '--image', `${layout}:node`, bundle);
  await umoci(
    'config',
    '--image',
    `${layout}:node`,
    '--architecture',
    'amd64',
    '--os',
    'linux',
    '--config.env',
    'PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin',
    '--config.cmd',
    'node',
  );
  await skopeoCopy(`oci:${layout}:node`, `${reg.host}/${repoTag}`);
}

describe("Slipway's own image", () => {
  let reg: TestRegistry;
  beforeAll(async () => {
    reg = await startRegistry();
    await seedNodeBase(reg, 'library/node:22');
  });
  afterAll(async () => {
    await reg?.stop();
  });

  it('is built by Slipway natively onto a Node base and runs slipway --version under podman', async () => {
    const context = path.join(work, 'slipway-image');
    await runOk(process.execPath, [
      path.join(root, 'scripts/slipway-image.mjs'),
      '--base',
      `${reg.host}/library/node:22`,
      '--dist',
      path.dirname(builtCli()),
      '--out',
      context,
    ]);
    const res = await runCli(
      [
        'build',
        '--working-directory',
        context,
        '--dockerfile',
        'Dockerfile',
        '--image',
        `${reg.host}/acme/slipway`,
        '--json',
      ],
      {
        env: {
          GITHUB_ACTIONS: 'true',
          GITHUB_REF: `refs/tags/v${pkg.version}`,
          GITHUB_SHA: 'c0ffee0000000000000000000000000000000000',
          GITHUB_REPOSITORY: 'acme/slipway',
        },
      },
    );
    expect(res.code === 0 ? '' : res.stderr).toBe('');
    // Native, not docker: the Dockerfile has no RUN.
    expect(res.stderr).not.toMatch(/docker-command/);
    expect(res.json?.tags).toContain(pkg.version);
    const digest = String(res.json?.digest);
    expect(res.json?.['image-ref']).toBe(`${reg.host}/acme/slipway@${digest}`);
    const version = await podmanRun(`${reg.host}/acme/slipway@${digest}`, ['slipway', '--version']);
    expect(version.stderr).toBe('');
    expect(version.stdout.trim()).toBe(pkg.version);
    expect(version.code).toBe(0);
  });
});
