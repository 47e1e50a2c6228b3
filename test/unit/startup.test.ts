import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

/**
 * What a run of the bundle loads, as the built dist/ does it: the cloud SDKs, Sigstore and
 * CycloneDX are megabytes of code to compile, so they must come in only with the run that uses
 * them (issue 17). Each chunk esbuild writes keeps a `// node_modules/<package>/…` line per
 * module it holds; the loader hook below lists the chunks a run really loaded.
 */
const root = resolve(__dirname, '../..');
const HEAVY = [
  '@aws-sdk',
  '@smithy',
  '@azure',
  '@google-cloud',
  'google-auth-library',
  'google-gax',
  '@grpc',
  '@sigstore',
  '@cyclonedx',
];

let out: string;
let work: string;
let hook: string;

beforeAll(() => {
  out = mkdtempSync(join(tmpdir(), 'slipway-startup-'));
  execFileSync(process.execPath, [join(root, 'scripts/build.mjs'), join(out, 'dist')], {
    cwd: root,
  });
  work = join(out, 'work');
  execFileSync('mkdir', ['-p', work]);
  writeFileSync(join(work, 'a.txt'), 'hello\n');
  // Runs in the loader thread: every module file the run loads, one URL a line.
  writeFileSync(
    join(out, 'hooks.mjs'),
    [
      "import { appendFileSync } from 'node:fs';",
      'export async function load(url, context, next) {',
      "  if (url.startsWith('file:')) appendFileSync(process.env.LOADED_LOG, url + '\\n');",
      '  return next(url, context);',
      '}',
    ].join('\n'),
  );
  hook = join(out, 'register.mjs');
  writeFileSync(
    hook,
    `import { register } from 'node:module';\nregister(${JSON.stringify(pathToFileURL(join(out, 'hooks.mjs')).href)});\n`,
  );
}, 120_000);

afterAll(() => rmSync(out, { recursive: true, force: true }));

/** The packages bundled into the files one run of `entry` loaded. */
function packagesLoaded(
  entry: string,
  args: string[],
  env: NodeJS.ProcessEnv = {},
): { status: number | null; packages: Set<string>; stderr: string } {
  const log = join(out, `loaded-${Math.random().toString(36).slice(2)}.log`);
  writeFileSync(log, '');
  const res = spawnSync(process.execPath, ['--import', hook, join(out, 'dist', entry), ...args], {
    cwd: work,
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      SOURCE_DATE_EPOCH: '1700000000',
      RUNNER_TEMP: work,
      LOADED_LOG: log,
      ...env,
    },
    encoding: 'utf8',
  });
  const packages = new Set<string>();
  for (const url of readFileSync(log, 'utf8').split('\n').filter(Boolean)) {
    const text = readFileSync(new URL(url), 'utf8');
    for (const m of text.matchAll(/^\/\/ (?:\S*\/)?node_modules\/((?:@[^/]+\/)?[^/]+)\//gm)) {
      packages.add(m[1].startsWith('@') ? m[1].split('/')[0] : m[1]);
    }
  }
  return { status: res.status, packages, stderr: res.stderr };
}

function heavyIn(packages: Set<string>): string[] {
  return HEAVY.filter((name) => packages.has(name));
}

const dryRun = ['build', '--artifact', 'a.txt', '--artifact-path', '/app/'];
const dryRunOptions = ['--base-image', 'scratch', '--output', 'none'];

describe('start-up loads no cloud SDK, Sigstore or CycloneDX code it does not use', () => {
  it('slipway --version', () => {
    const run = packagesLoaded('cli.js', ['--version']);
    expect(run.status).toBe(0);
    expect(run.packages.has('commander')).toBe(true); // the hook sees the bundle's chunks
    expect(heavyIn(run.packages)).toEqual([]);
  });

  it('a dry run without an SBOM', () => {
    const run = packagesLoaded('cli.js', [...dryRun, ...dryRunOptions, '--sbom', 'false']);
    expect(run.stderr).toContain('dry run: sha256:');
    expect(heavyIn(run.packages)).toEqual([]);
  });

  it('a dry run with the SBOM loads CycloneDX, and only it', () => {
    const run = packagesLoaded('cli.js', [...dryRun, ...dryRunOptions]);
    expect(run.status).toBe(0);
    expect(heavyIn(run.packages)).toEqual(['@cyclonedx']);
  });

  it('the action bundle on a dry run', () => {
    writeFileSync(join(work, 'github-output'), ''); // the runner creates it
    const run = packagesLoaded('index.js', [], {
      INPUT_ARTIFACT: 'a.txt',
      'INPUT_ARTIFACT-PATH': '/app/',
      'INPUT_BASE-IMAGE': 'scratch',
      INPUT_OUTPUT: 'none',
      INPUT_SBOM: 'false',
      GITHUB_OUTPUT: join(work, 'github-output'),
    });
    expect(run.status).toBe(0);
    expect(readFileSync(join(work, 'github-output'), 'utf8')).toContain('sha256:');
    expect(heavyIn(run.packages)).toEqual([]);
  });
});
