/**
 * npm run bench -- --only many: the monorepo fixture of the tests (ten Pulsar IO modules, a Java
 * and a Python function, three Airbyte manifest connectors) packaged and pushed by one
 * `slipway build --all` beside one `slipway build` per project (what a job matrix runs, each with
 * its own Maven invocation `-pl :module -am`), in the same run, on the same token-authenticated
 * local registry. A counting proxy in front of it (the token realm routed through it too) gives the
 * bytes uploaded, the TCP connections and the token requests. Prints medians and the ratios.
 *
 *   npm run bench -- --only many --runs 3
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { seedBusyboxBase } from '../test/fixtures/images';
import { offlineMavenArgs } from '../test/fixtures/maven-offline';
import { createMonorepo } from '../test/fixtures/monorepo';
import type { Monorepo } from '../test/fixtures/monorepo';
import { run } from '../test/fixtures/process';
import { startProxy } from '../test/fixtures/proxy';
import type { TestProxy } from '../test/fixtures/proxy';
import { startRegistry } from '../test/fixtures/registry';
import type { TestRegistry } from '../test/fixtures/registry';

// npm runs scripts from the package root; this file itself runs bundled from a temp dir.
const root = resolve(process.cwd());

interface Sample {
  s: number;
  uploadKiB: number;
  connections: number;
  tokens: number;
  mavenRuns: number;
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

interface Bench {
  cli: string;
  repo: Monorepo;
  reg: TestRegistry;
  proxy: TestProxy;
  env: Record<string, string>;
  /** Flags every run gets: login, base image, tags. */
  common: string[];
  mavenLog: string;
}

/** Runs the CLI (asynchronously: the proxy lives in this process) and fails on a failed run. */
async function slipway(b: Bench, args: string[]): Promise<string> {
  const res = await run(process.execPath, [b.cli, ...args], {
    cwd: b.repo.root,
    env: b.env,
    timeoutMs: 900_000,
  });
  if (res.code !== 0) {
    throw new Error(`slipway ${args.join(' ')} failed:\n${res.stderr.slice(-4000)}`);
  }
  return res.stdout;
}

/** Maven invocations so far (the mvn on PATH notes each). */
function mavenRuns(b: Bench): number {
  return readFileSync(b.mavenLog, 'utf8').split('\n').filter(Boolean).length;
}

/** Measures `step` from a clean tree (no Maven outputs) on a quiet proxy. */
async function measure(b: Bench, step: () => Promise<void>): Promise<Sample> {
  await b.repo.git('clean', '-fdXq');
  b.proxy.reset();
  const tokensBefore = b.reg.tokenServer?.requests.length ?? 0;
  const mavenBefore = mavenRuns(b);
  const started = performance.now();
  await step();
  const s = (performance.now() - started) / 1000;
  const stats = b.proxy.stats();
  return {
    s,
    uploadKiB: stats.uploadBytes / 1024,
    connections: stats.connections,
    tokens: (b.reg.tokenServer?.requests.length ?? 0) - tokensBefore,
    mavenRuns: mavenRuns(b) - mavenBefore,
  };
}

/** One `build --all` of every project, into repositories under `prefix`. */
async function buildAll(b: Bench, prefix: string): Promise<number> {
  const out = await slipway(b, [
    'build',
    '--all',
    '--working-directory',
    b.repo.root,
    '--image-prefix',
    prefix,
    '--json',
    ...b.common,
  ]);
  return (JSON.parse(out) as { succeeded: number }).succeeded;
}

/** One `slipway build` per project, with the inputs discovery gives it (a matrix job's). */
async function buildEach(b: Bench, prefix: string): Promise<number> {
  const discovered = JSON.parse(
    await slipway(b, ['discover', '--json', '--image-prefix', prefix]),
  ) as { projects: Array<{ inputs: Record<string, string> }> };
  for (const { inputs } of discovered.projects) {
    const flags = Object.entries(inputs).flatMap(([name, value]) => [
      `--${name}`,
      name === 'working-directory' ? join(b.repo.root, value) : value,
    ]);
    await slipway(b, ['build', ...flags, ...b.common]);
  }
  return discovered.projects.length;
}

export async function benchMany(runs: number): Promise<void> {
  const work = mkdtempSync(join(tmpdir(), 'slipway-bench-many-'));
  // The CLI exactly as dist/cli.js is built, from the current src/.
  execFileSync(process.execPath, [join(root, 'scripts/build.mjs'), join(work, 'dist')], {
    cwd: root,
  });
  const reg = await startRegistry({ auth: 'token' });
  const proxy = await startProxy(reg.host, undefined, { proxyRealm: true });
  const repo = await createMonorepo();
  try {
    await seedBusyboxBase(reg, 'base/runner:1', { runnerLike: true });
    await repo.commit('build outputs ignored; Maven offline', {
      '.gitignore': 'target/\ndependency-reduced-pom.xml\n',
      // Read by every Maven run, the reactor's and each module's alike.
      '.mvn/maven.config': `${(await offlineMavenArgs()).split(',').join('\n')}\n`,
    });
    const bin = join(work, 'bin');
    const mavenLog = join(work, 'mvn.log');
    execFileSync('sh', [
      '-c',
      `mkdir -p '${bin}' && : > '${mavenLog}' && printf '#!/bin/sh\\necho "$PWD" >> %s\\nexec /usr/bin/mvn "$@"\\n' '${mavenLog}' > '${bin}/mvn' && chmod 755 '${bin}/mvn'`,
    ]);
    const b: Bench = {
      cli: join(work, 'dist/cli.js'),
      repo,
      reg,
      proxy,
      mavenLog,
      env: {
        PATH: `${bin}:${process.env.PATH ?? ''}`,
        RUNNER_TEMP: work,
        SOURCE_DATE_EPOCH: '1700000000',
        SLIPWAY_PASSWORD: reg.password ?? '',
        GITHUB_REF: '',
        GITHUB_SHA: '',
      },
      common: [
        '--username',
        reg.username ?? '',
        '--base-image',
        `${proxy.host}/base/runner:1`,
        '--tags',
        '1.0.0',
      ],
    };
    const all: Sample[] = [];
    const each: Sample[] = [];
    let projects = 0;
    for (let r = 0; r < runs; r++) {
      // Fresh repositories per run and variant: nothing is skipped as already pushed.
      all.push(
        await measure(b, async () => {
          projects = await buildAll(b, `${proxy.host}/all-${r}`);
        }),
      );
      each.push(
        await measure(b, async () => {
          await buildEach(b, `${proxy.host}/each-${r}`);
        }),
      );
      console.log(
        `run ${r + 1}: --all ${all[r].s.toFixed(1)} s, one run per project ${each[r].s.toFixed(1)} s`,
      );
    }
    const m = (samples: Sample[], key: keyof Sample): number => median(samples.map((x) => x[key]));
    const row = (what: string, key: keyof Sample, digits: number, unit = ''): string => {
      const a = m(all, key);
      const e = m(each, key);
      return `| ${what} | ${a.toFixed(digits)}${unit} | ${e.toFixed(digits)}${unit} | ${(a / e).toFixed(2)} |`;
    };
    console.log(
      `\n${projects} projects of the monorepo fixture, medians of ${runs} runs, one machine, same local registry (${new Date().toISOString().slice(0, 10)}):\n`,
    );
    console.log('| | `build --all` | one `slipway build` per project | ratio |');
    console.log('|---|---|---|---|');
    console.log(row('wall time', 's', 1, ' s'));
    console.log(row('blob bytes uploaded', 'uploadKiB', 0, ' KiB'));
    console.log(row('Maven invocations', 'mavenRuns', 0));
    console.log(row('TCP connections', 'connections', 0));
    console.log(row('token requests', 'tokens', 0));
  } finally {
    await proxy.stop();
    await reg.stop();
    rmSync(repo.root, { recursive: true, force: true });
    rmSync(work, { recursive: true, force: true });
  }
}
