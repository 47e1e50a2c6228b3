/**
 * npm run bench: slipway against a raw blob PUT and against podman build + push, side by side in
 * one run on the same local registry, for incompressible artifacts of several sizes. Prints median
 * wall times, the ratios slipway/curl and slipway/podman, and slipway's peak RSS. Then the release
 * flow: a branch push, the same commit rebuilt under release tags, and an unchanged re-push.
 *
 *   npm run bench -- --sizes 10,100 --release-sizes 100,500 --runs 3
 *
 * With --python N: an Airbyte Python connector locking N dependencies (N-2 generated pure wheels,
 * plus the test fixture's pure package and its C extension) on a loopback index, built natively
 * (cold wheel cache; warm cache after a change to main.py) beside `podman build` + `podman push`
 * of the rendered Dockerfile (its context kept: the dependency trees Slipway resolved), on the
 * Debian python3 base of the tests (linux/amd64).
 *
 *   npm run bench -- --python 40 --runs 3
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { randomBytes, randomFillSync } from 'node:crypto';
import {
  closeSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readdirSync,
  rmSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startRegistry } from '../test/fixtures/registry';
import { seedBusyboxBase } from '../test/fixtures/images';
import { podmanEnv, skopeoCopy } from '../test/fixtures/clients';
import { serveStaticIndex, writeStaticIndex } from '../test/fixtures/python/index-server';
import { makePythonFixture, writePoetryProject } from '../test/fixtures/python/projects';
import {
  buildPythonBaseLayout,
  writeMultiPlatformLayout,
} from '../test/fixtures/python/python-base';
import { makeWheel } from '../test/fixtures/python/wheels';
import { benchMany } from './bench-many';
import type { BuiltFile } from '../test/fixtures/python/wheels';

const MiB = 1024 * 1024;
// npm runs scripts from the package root; this file itself runs bundled from a temp dir.
const root = resolve(process.cwd());

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}

function randomFile(path: string, megabytes: number): void {
  const fd = openSync(path, 'w');
  const chunk = Buffer.alloc(4 * MiB);
  for (let written = 0; written < megabytes * MiB; written += chunk.length) {
    randomFillSync(chunk);
    writeSync(fd, chunk, 0, Math.min(chunk.length, megabytes * MiB - written));
  }
  closeSync(fd);
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

/** Runs a command under /usr/bin/time; returns wall seconds and peak RSS in MiB. */
function timed(
  cmd: string,
  args: string[],
  env: NodeJS.ProcessEnv = process.env,
): { s: number; rssMiB: number } {
  const res = spawnSync('/usr/bin/time', ['-f', 'BENCH %e %M', cmd, ...args], {
    env,
    stdio: ['ignore', 'ignore', 'pipe'],
    encoding: 'utf8',
    maxBuffer: 64 * MiB,
  });
  if (res.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed:\n${res.stderr}`);
  const out = res.stderr;
  const line = out.split('\n').find((l) => l.startsWith('BENCH '));
  if (!line) throw new Error(`no timing from ${cmd}`);
  const [, s, kb] = line.split(' ');
  return { s: Number(s), rssMiB: Number(kb) / 1024 };
}

/**
 * timed() without blocking this process: the Python bench serves its package index from here,
 * which a synchronous child would starve.
 */
function timedAsync(
  cmd: string,
  args: string[],
  env: NodeJS.ProcessEnv,
): Promise<{ s: number; rssMiB: number }> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn('/usr/bin/time', ['-f', 'BENCH %e %M', cmd, ...args], {
      env,
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let err = '';
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) return reject(new Error(`${cmd} ${args.join(' ')} failed:\n${err}`));
      const line = err.split('\n').find((l) => l.startsWith('BENCH '));
      if (!line) return reject(new Error(`no timing from ${cmd}`));
      const [, sec, kb] = line.split(' ');
      resolvePromise({ s: Number(sec), rssMiB: Number(kb) / 1024 });
    });
  });
}

function sha256File(path: string): string {
  return `sha256:${execFileSync('sha256sum', [path], { encoding: 'utf8' }).split(' ')[0]}`;
}

/** Python-like source of about `bytes` bytes (compresses like code). */
function pythonSource(seed: number, bytes: number): string {
  const lines: string[] = [];
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    const line = `def f_${seed}_${i}(value, factor=${(seed * 31 + i) % 97}):\n    '''Scale ${i}.'''\n    return [v * factor + ${i} for v in value if v % ${(i % 7) + 2}]\n\n`;
    lines.push(line);
    size += line.length;
  }
  return lines.join('');
}

async function pythonBench(count: number, runs: number): Promise<void> {
  const work = mkdtempSync(join(tmpdir(), 'slipway-bench-py-'));
  execFileSync(process.execPath, [join(root, 'scripts/build.mjs'), join(work, 'dist')], {
    cwd: root,
  });
  const cli = join(work, 'dist/cli.js');
  const registry = await startRegistry({ auth: 'none' });
  const podman = podmanEnv(join(work, 'podman'));
  const fixture = await makePythonFixture(join(work, 'fixture'));
  const wheels = join(work, 'wheels');
  mkdirSync(wheels, { recursive: true });
  const locked: { name: string; version: string; files: BuiltFile[] }[] = [
    { name: 'purepkg', version: '1.0', files: [fixture.pure] },
    { name: 'extpkg', version: '2.0', files: [fixture.ext.x86_64, fixture.ext.aarch64] },
  ];
  for (let i = 0; locked.length < count; i++) {
    const files: Record<string, string> = {};
    const modules = 20 + ((i * 17) % 60);
    for (let m = 0; m < modules; m++)
      files[`dep${i}/mod${m}.py`] = pythonSource(i * 1000 + m, 4096 + ((m * 977) % 12288));
    files[`dep${i}/__init__.py`] = '';
    const built = await makeWheel(wheels, {
      name: `dep${i}`,
      version: '1.0',
      tag: 'py3-none-any',
      files,
    });
    locked.push({ name: `dep${i}`, version: '1.0', files: [built] });
  }
  const indexRoot = join(work, 'index');
  await writeStaticIndex(
    indexRoot,
    locked.map((p) => ({ project: p.name, files: p.files })),
  );
  const index = await serveStaticIndex(indexRoot);
  const project = join(work, 'source-bench');
  await writePoetryProject(project, locked);
  writeFileSync(
    join(project, 'metadata.yaml'),
    'data:\n  connectorType: source\n  dockerRepository: bench/source-bench\n  dockerImageTag: 0.1.0\n',
  );
  // The tests' Debian python3 base, with the history buildah wants (podman builds on it).
  const layout = await buildPythonBaseLayout();
  const baseDir = join(work, 'base-layout');
  await writeMultiPlatformLayout(
    baseDir,
    'base',
    [layout.layer],
    { Env: layout.env, Cmd: ['/usr/bin/python3'] },
    ['amd64'],
  );
  const { digest } = await skopeoCopy(`oci:${baseDir}:base`, `${registry.host}/bench/python:1`, {
    all: true,
    extraArgs: ['--preserve-digests'],
  });
  const base = `${registry.host}/bench/python@${digest}`;
  const cold: number[] = [];
  const warm: number[] = [];
  const pod: number[] = [];
  const rss: number[] = [];
  try {
    for (let run = 0; run < runs; run++) {
      const runnerTemp = join(work, `rt-${run}`);
      mkdirSync(runnerTemp, { recursive: true });
      const env = {
        ...process.env,
        PIP_INDEX_URL: index.url,
        SOURCE_DATE_EPOCH: '1700000000',
        SLIPWAY_CACHE_DIR: join(work, `cache-${run}`),
        RUNNER_TEMP: runnerTemp,
      };
      const build = (
        tag: string,
        extra: NodeJS.ProcessEnv = {},
      ): Promise<{ s: number; rssMiB: number }> =>
        timedAsync(
          process.execPath,
          [
            cli,
            'build',
            '--working-directory',
            project,
            '--base-image',
            base,
            '--image',
            `${registry.host}/bench/source-bench`,
            '--tags',
            tag,
          ],
          { ...env, ...extra },
        );
      writeFileSync(join(project, 'main.py'), `print("run ${run}")\n`);
      const first = await build(`cold-${run}`, { SLIPWAY_KEEP_CONTEXT: 'true' });
      cold.push(first.s);
      rss.push(first.rssMiB);
      writeFileSync(join(project, 'main.py'), `print("run ${run}, changed")\n`);
      warm.push((await build(`warm-${run}`)).s);

      // The rendered Dockerfile of the cold run, with its kept context (deps/linux/amd64/ …).
      const scratch = readdirSync(runnerTemp).find((d) =>
        existsSync(join(runnerTemp, d, 'context')),
      );
      if (!scratch) throw new Error(`no kept build context in ${runnerTemp}`);
      const dockerfile = join(runnerTemp, scratch, 'Dockerfile');
      const context = join(runnerTemp, scratch, 'context');
      const tag = `${registry.host}/bench/podman-python:r${run}`;
      const t0 = process.hrtime.bigint();
      execFileSync(
        'podman',
        [...podman.args, 'build', '--tls-verify=false', '-q', '-f', dockerfile, '-t', tag, context],
        { env: podman.env, stdio: ['ignore', 'ignore', 'inherit'] },
      );
      execFileSync('podman', [...podman.args, 'push', '--tls-verify=false', '-q', tag], {
        env: podman.env,
        stdio: 'ignore',
      });
      pod.push(Number(process.hrtime.bigint() - t0) / 1e9);
      execFileSync('podman', [...podman.args, 'rmi', '-f', tag], {
        env: podman.env,
        stdio: 'ignore',
      });
    }
  } finally {
    await index.stop();
    await registry.stop();
    rmSync(work, { recursive: true, force: true });
  }
  console.log(
    `\nAirbyte Python connector, ${count} locked dependencies, medians of ${runs} runs, one machine, same local registry and index (${new Date().toISOString().slice(0, 10)}):\n`,
  );
  console.log(
    '| (a) slipway, cold wheel cache | (b) slipway, warm cache, main.py changed | (c) podman build+push of the rendered Dockerfile | a/c | b/c | slipway peak RSS |',
  );
  console.log('|---|---|---|---|---|---|');
  console.log(
    `| ${median(cold).toFixed(2)} s | ${median(warm).toFixed(2)} s | ${median(pod).toFixed(2)} s | ${(median(cold) / median(pod)).toFixed(2)} | ${(median(warm) / median(pod)).toFixed(2)} | ${Math.max(...rss).toFixed(0)} MiB |`,
  );
}

async function main(): Promise<void> {
  if (arg('only', '') === 'many') return benchMany(Number(arg('runs', '3')));
  const python = Number(arg('python', '0'));
  if (python > 0) {
    await pythonBench(python, Number(arg('runs', '3')));
    return;
  }
  const sizes = arg('sizes', '10,100,500').split(',').map(Number);
  const runs = Number(arg('runs', '3'));
  const work = mkdtempSync(join(tmpdir(), 'slipway-bench-'));
  // The CLI exactly as dist/cli.js is built, from the current src/.
  execFileSync(process.execPath, [join(root, 'scripts/build.mjs'), join(work, 'dist')], {
    cwd: root,
  });
  const cli = join(work, 'dist/cli.js');
  const registry = await startRegistry({ auth: 'none' });
  const base = `${registry.host}/bench/base:1`;
  await seedBusyboxBase(registry, 'bench/base:1');
  const podman = podmanEnv(join(work, 'podman'));
  // The runs' workspaces (Dockerfile, SBOM) go with the bench's folder, not into ./.slipway/.
  const slipEnv = { ...process.env, RUNNER_TEMP: work };
  const rows: string[] = [];
  const releaseRows: string[] = [];
  try {
    for (const size of sizes) {
      const a: number[] = [];
      const b: number[] = [];
      const c: number[] = [];
      const rss: number[] = [];
      for (let run = 0; run < runs; run++) {
        // A fresh file per run, so no tool can skip the upload as already present.
        const ctx = join(work, `ctx-${size}-${run}`);
        mkdirSync(ctx, { recursive: true });
        const file = join(ctx, 'artifact.bin');
        randomFile(file, size);

        const slip = timed(
          process.execPath,
          [
            cli,
            'build',
            '--artifact',
            file,
            '--artifact-path',
            '/data/',
            '--base-image',
            base,
            '--image',
            `${registry.host}/bench/slipway`,
            '--tags',
            `r${size}-${run}`,
          ],
          slipEnv,
        );
        a.push(slip.s);
        rss.push(slip.rssMiB);

        const digest = sha256File(file);
        const start = execFileSync(
          'curl',
          [
            '-sS',
            '-o',
            '/dev/null',
            '-D',
            '-',
            '-X',
            'POST',
            `http://${registry.host}/v2/bench/curl/blobs/uploads/`,
          ],
          { encoding: 'utf8' },
        );
        const location = /^location: (.*)$/im.exec(start)?.[1].trim() ?? '';
        const sep = location.includes('?') ? '&' : '?';
        b.push(
          timed('curl', [
            '-sS',
            '-f',
            '-o',
            '/dev/null',
            '-X',
            'PUT',
            '-H',
            'Content-Type: application/octet-stream',
            '-T',
            file,
            `${location}${sep}digest=${digest}`,
          ]).s,
        );

        writeFileSync(join(ctx, 'Dockerfile'), `FROM ${base}\nCOPY artifact.bin /data/\n`);
        const tag = `${registry.host}/bench/podman:r${size}-${run}`;
        const t0 = process.hrtime.bigint();
        execFileSync(
          'podman',
          [...podman.args, 'build', '--tls-verify=false', '-q', '-t', tag, ctx],
          { env: podman.env, stdio: 'ignore' },
        );
        execFileSync('podman', [...podman.args, 'push', '--tls-verify=false', '-q', tag], {
          env: podman.env,
          stdio: 'ignore',
        });
        c.push(Number(process.hrtime.bigint() - t0) / 1e9);
        execFileSync('podman', [...podman.args, 'rmi', '-f', tag], {
          env: podman.env,
          stdio: 'ignore',
        });
        rmSync(ctx, { recursive: true, force: true });
      }
      const row = `| ${size} MB | ${median(a).toFixed(2)} s | ${median(b).toFixed(2)} s | ${median(c).toFixed(2)} s | ${(median(a) / median(b)).toFixed(2)} | ${(median(a) / median(c)).toFixed(2)} | ${Math.max(...rss).toFixed(0)} MiB |`;
      rows.push(row);
      console.log(row);
    }
    // The release flow: the branch pipeline pushes sha-<commit>, the tag pipeline builds the same
    // commit under new tags (a rebuilt release), then a re-run of it (an unchanged re-push).
    for (const size of arg('release-sizes', '100,500').split(',').map(Number)) {
      const fresh: number[] = [];
      const rebuilt: number[] = [];
      const unchanged: number[] = [];
      for (let run = 0; run < runs; run++) {
        const ctx = join(work, `release-${size}-${run}`);
        mkdirSync(ctx, { recursive: true });
        const file = join(ctx, 'artifact.bin');
        randomFile(file, size);
        const sha = randomBytes(20).toString('hex');
        const build = (ref: string, tags: string): number =>
          timed(
            process.execPath,
            [
              cli,
              'build',
              '--artifact',
              file,
              '--artifact-path',
              '/data/',
              '--base-image',
              base,
              '--image',
              `${registry.host}/bench/release`,
              '--tags',
              tags,
            ],
            { ...slipEnv, GITHUB_ACTIONS: 'true', GITHUB_REF: ref, GITHUB_SHA: sha },
          ).s;
        fresh.push(build('refs/heads/main', `sha-${sha.slice(0, 7)}`));
        const release = `${size}.${run}.0`;
        rebuilt.push(build(`refs/tags/v${release}`, `${release},latest`));
        unchanged.push(build(`refs/tags/v${release}`, `${release},latest`));
        rmSync(ctx, { recursive: true, force: true });
      }
      const row = `| ${size} MB | ${median(fresh).toFixed(2)} s | ${median(rebuilt).toFixed(2)} s | ${median(unchanged).toFixed(2)} s |`;
      releaseRows.push(row);
      console.log(row);
    }
  } finally {
    await registry.stop();
    rmSync(work, { recursive: true, force: true });
  }
  console.log(
    `\nMedians of ${runs} runs, one machine, same local registry (${new Date().toISOString().slice(0, 10)}):\n`,
  );
  console.log(
    '| artifact | (a) slipway build | (b) curl PUT | (c) podman build+push | a/b | a/c | slipway peak RSS |',
  );
  console.log('|---|---|---|---|---|---|---|');
  for (const row of rows) console.log(row);
  console.log('\nThe release flow, slipway wall time (same runs, same registry):\n');
  console.log('| artifact | branch push (sha-) | rebuilt release (new tags) | unchanged re-push |');
  console.log('|---|---|---|---|');
  for (const row of releaseRows) console.log(row);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
