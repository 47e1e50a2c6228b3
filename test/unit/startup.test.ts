import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { node24 } from '../fixtures/nodes';
import { narEntries, writeZip } from './connector-fixtures';

/**
 * What a run of the bundle loads, as the built dist/ does it: the cloud SDKs, Sigstore and
 * CycloneDX are megabytes of code to compile, so they must come in only with the run that uses
 * them, and so must Slipway's own code for other paths (issue 17). esbuild's metafile says which
 * modules (`node_modules/<package>/…`, `src/…`) each file it writes holds; the loader hook below
 * lists the files a run really loaded.
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

/**
 * Code only some runs need, which a plain file's (or a NAR's) build must not load: the build
 * tools' runner and Python's resolver, the pom.xml parser and the repository scan, TOML (the
 * docker builder's registries.conf), the docker builder, the other connector kinds' planners and
 * after-push steps, the cloud providers, the other commands.
 */
const OTHER_PATHS = [
  'fast-xml-parser',
  'smol-toml',
  'src/toolchain/process.ts',
  'src/toolchain/python/',
  'src/connectors/projects/discover.ts',
  'src/connectors/projects/maven.ts',
  'src/connectors/dockerfile-parse.ts',
  'src/assemble/docker',
  'src/assemble/python-deps.ts',
  'src/connectors/airbyte/',
  'src/connectors/functionmesh/',
  'src/providers/ecr.ts',
  'src/providers/gar.ts',
  'src/providers/acr.ts',
  'src/providers/aws.ts',
  'src/run/many.ts',
  'src/run/inspect.ts',
  'src/run/verify.ts',
  'src/run/airbyte-verify.ts',
];

let out: string;
let work: string;
let hook: string;
/** The modules bundled into each file of dist/, by the file's absolute path. */
let bundled: Map<string, string[]>;

beforeAll(async () => {
  out = mkdtempSync(join(tmpdir(), 'slipway-startup-'));
  const metafile = join(out, 'meta.json');
  execFileSync(
    process.execPath,
    [join(root, 'scripts/build.mjs'), join(out, 'dist'), '--metafile', metafile],
    { cwd: root },
  );
  const meta = JSON.parse(readFileSync(metafile, 'utf8')) as {
    outputs: Record<string, { inputs: Record<string, unknown> }>;
  };
  bundled = new Map(
    Object.entries(meta.outputs).map(([file, o]) => [resolve(root, file), Object.keys(o.inputs)]),
  );
  work = join(out, 'work');
  execFileSync('mkdir', ['-p', work]);
  writeFileSync(join(work, 'a.txt'), 'hello\n');
  await writeZip(
    join(work, 'sink.nar'),
    await narEntries({
      ioYaml: 'name: sink\nsinkClass: org.acme.Sink\n',
      rootClasses: ['org.acme.Sink'],
    }),
  );
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

interface Loaded {
  status: number | null;
  /** The packages bundled into the files the run loaded. */
  packages: Set<string>;
  /** Slipway's own modules in them, as `src/…` paths. */
  modules: Set<string>;
  stderr: string;
}

/** What one run of `entry` loaded. */
function packagesLoaded(
  entry: string,
  args: string[],
  env: NodeJS.ProcessEnv = {},
  node = process.execPath,
): Loaded {
  const log = join(out, `loaded-${Math.random().toString(36).slice(2)}.log`);
  writeFileSync(log, '');
  const res = spawnSync(node, ['--import', hook, join(out, 'dist', entry), ...args], {
    cwd: work,
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      SOURCE_DATE_EPOCH: '1700000000',
      RUNNER_TEMP: work,
      // The run's own cache: what a run before it kept (an SBOM, say) decides what loads.
      SLIPWAY_CACHE_DIR: join(out, `cache-${Math.random().toString(36).slice(2)}`),
      LOADED_LOG: log,
      ...env,
    },
    encoding: 'utf8',
  });
  const packages = new Set<string>();
  const modules = new Set<string>();
  for (const url of readFileSync(log, 'utf8').split('\n').filter(Boolean)) {
    for (const input of bundled.get(fileURLToPath(url)) ?? []) {
      const m = /^(?:\S*\/)?node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(input);
      if (m) {
        packages.add(m[1].startsWith('@') ? m[1].split('/')[0] : m[1]);
        if (m[1].startsWith('@')) packages.add(m[1]);
      } else if (input.startsWith('src/')) {
        modules.add(input);
      }
    }
  }
  return { status: res.status, packages, modules, stderr: res.stderr };
}

/** Which of OTHER_PATHS (packages, or src/ paths and their prefixes) the run loaded. */
function otherPathsIn(run: Loaded, allowed: string[] = []): string[] {
  return OTHER_PATHS.filter(
    (name) =>
      !allowed.includes(name) &&
      (run.packages.has(name) || [...run.modules].some((m) => m.startsWith(name))),
  );
}

function heavyIn(packages: Set<string>): string[] {
  return HEAVY.filter((name) => packages.has(name));
}

const dryRun = ['build', '--artifact', 'a.txt', '--artifact-path', '/app/'];
const dryRunOptions = ['--base-image', 'scratch', '--output', 'none'];

describe('start-up loads no cloud SDK, Sigstore or CycloneDX code it does not use', () => {
  it('slipway --version loads the command-line parser and nothing of a run', () => {
    const run = packagesLoaded('cli.js', ['--version']);
    expect(run.status).toBe(0);
    expect([...run.packages]).toEqual(['commander']); // the hook sees the bundle's chunks
    expect(run.modules.has('src/fronts/cli/main.ts')).toBe(true);
    // The entry, the parser's definitions (the inputs table, the help's examples), no command.
    const beyond = [...run.modules].filter(
      (m) => !/^src\/(cli\.ts$|core\/|fronts\/(report\.ts$|cli\/))/.test(m),
    );
    expect(beyond).toEqual([]);
    expect(run.modules.has('src/fronts/cli/commands.ts')).toBe(false);
  });

  it('a dry run without an SBOM', () => {
    const run = packagesLoaded('cli.js', [...dryRun, ...dryRunOptions, '--sbom', 'false']);
    expect(run.stderr).toContain('dry run: sha256:');
    expect(heavyIn(run.packages)).toEqual([]);
    expect(run.modules.has('src/run/build.ts')).toBe(true);
    expect(otherPathsIn(run)).toEqual([]);
  });

  it("a NAR's dry run loads the Pulsar planner and no other path's code", () => {
    const run = packagesLoaded('cli.js', [
      'build',
      '--artifact',
      'sink.nar',
      ...dryRunOptions,
      '--sbom',
      'false',
    ]);
    expect(run.stderr).toContain('dry run: sha256:');
    expect(heavyIn(run.packages)).toEqual([]);
    expect(run.modules.has('src/connectors/pulsar/plan.ts')).toBe(true);
    expect(otherPathsIn(run)).toEqual([]);
  });

  it('a dry run with the SBOM loads CycloneDX, and only it', () => {
    const run = packagesLoaded('cli.js', [...dryRun, ...dryRunOptions]);
    expect(run.status).toBe(0);
    expect(heavyIn(run.packages)).toEqual(['@cyclonedx']);
    // Not its schema validator's ajv (0.26 MB), which scripts/build.mjs leaves out of it.
    expect(run.packages.has('ajv')).toBe(false);
  });

  it('a run that wrote this SBOM before takes it from the cache and loads no CycloneDX', () => {
    const cache = { SLIPWAY_CACHE_DIR: join(out, 'cache-sbom') };
    const sbomFile = (run: Loaded): string =>
      /sbom: 0 components, wrote (\S+)/.exec(run.stderr)?.[1] ?? 'no SBOM file';
    const first = packagesLoaded('cli.js', [...dryRun, ...dryRunOptions], cache);
    const again = packagesLoaded('cli.js', [...dryRun, ...dryRunOptions], cache);
    expect(heavyIn(first.packages)).toEqual(['@cyclonedx']);
    expect(heavyIn(again.packages)).toEqual([]);
    const written = readFileSync(sbomFile(first), 'utf8');
    expect(JSON.parse(written)).toMatchObject({ bomFormat: 'CycloneDX', specVersion: '1.6' });
    expect(readFileSync(sbomFile(again), 'utf8')).toBe(written);
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
    expect(run.packages.has('@actions/core')).toBe(true);
    // @actions/core's OIDC client and its HTTP client (undici) load with the first token only.
    expect(run.packages.has('@actions/http-client')).toBe(false);
    expect(run.packages.has('undici')).toBe(false);
    expect(otherPathsIn(run)).toEqual([]);
  });
});

describe("Node's own modules", () => {
  it("a dry run on Node 24 (the action's runtime) loads no undici or TLS of Node's own", () => {
    // Node's ES module view of node:http reads its WebSocket getters, which load undici.
    const report = join(out, 'builtins.cjs');
    writeFileSync(
      report,
      "process.on('exit', () => process.stderr.write('NODE MODULES ' + process.moduleLoadList.join(',') + '\\n'));\n",
    );
    const res = spawnSync(
      node24(),
      ['-r', report, join(out, 'dist', 'cli.js'), ...dryRun, ...dryRunOptions, '--sbom', 'false'],
      {
        cwd: work,
        env: {
          PATH: process.env.PATH,
          SOURCE_DATE_EPOCH: '1700000000',
          SLIPWAY_CACHE_DIR: join(out, 'cache-builtins'),
        },
        encoding: 'utf8',
      },
    );
    expect(res.status).toBe(0);
    const loaded = (/^NODE MODULES (.*)$/m.exec(res.stderr)?.[1] ?? '').split(',');
    expect(loaded).toContain('NativeModule http'); // the registry code, as a push has it
    expect(loaded.filter((m) => /undici/.test(m))).toEqual([]);
    // Nor TLS, which only an HTTPS registry, a private CA or a TLS probe needs.
    expect(loaded.filter((m) => /\btls\b|https/.test(m))).toEqual([]);
  });
});

describe("Node's compile cache (Node 22.1+)", () => {
  const cacheFiles = (dir: string): string[] =>
    existsSync(dir) ? readdirSync(dir, { recursive: true }).map(String) : [];

  it('keeps the compiled code under the Slipway cache folder on Node 24', () => {
    const cache = join(out, 'cache-24');
    const run = packagesLoaded('cli.js', ['--version'], { SLIPWAY_CACHE_DIR: cache }, node24());
    expect(run.status).toBe(0);
    expect(cacheFiles(join(cache, 'compile')).length).toBeGreaterThan(0);
  });

  it('uses NODE_COMPILE_CACHE when the user set it', () => {
    const cache = join(out, 'cache-own');
    const own = join(out, 'node-compile-cache');
    const env = { SLIPWAY_CACHE_DIR: cache, NODE_COMPILE_CACHE: own };
    expect(packagesLoaded('cli.js', ['--version'], env, node24()).status).toBe(0);
    expect(cacheFiles(own).length).toBeGreaterThan(0);
    expect(existsSync(cache)).toBe(false);
  });

  it('does nothing on Node 20, which has none', () => {
    const cache = join(out, 'cache-20');
    const run = packagesLoaded('cli.js', ['--version'], { SLIPWAY_CACHE_DIR: cache });
    expect(run.status).toBe(0);
    expect(existsSync(cache)).toBe(false);
  });
});
