/**
 * npm run bench: Slipway side by side with other ways to push the same bytes, in one run, on the
 * same local registry, medians of --runs. Bytes are counted by a proxy in front of the registry
 * (test/fixtures/proxy.ts). Sections (--sections, default all of SECTIONS):
 *
 *   fresh      10/100/500 MB incompressible artifact: slipway beside a raw curl PUT of the blob,
 *              skopeo copying a ready OCI layout, podman build + push, containerify
 *   folder     a small base that already has the artifact's folder (/pulsar/connectors), and one
 *              that lacks the parents of artifact-path (/opt/app/): bytes sent
 *   release    branch push (sha-), the same commit rebuilt under release tags, an unchanged
 *              re-push (beside podman pushing an unchanged image again)
 *   platforms  1, 2 and 4 platforms
 *   foreign    a base in another registry, streamed, beside skopeo copying it first
 *   startup    node itself, `slipway --version`, a dry run of the CLI and of the action bundle
 *              (Node 20, and Node 24 with and without its compile cache when test/runtimes has it)
 *
 *   npm run bench -- --runs 5 --save     (writes bench/results.json and the README's tables)
 *   npm run bench -- --sections fresh --sizes 10,100 --runs 3
 *
 * --save replaces only the sections that ran. With --python N: the Airbyte Python connector bench
 * (below), printed only:
 *
 *   npm run bench -- --python 40 --runs 3
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { RACY_NS } from '../src/run/digest-cache';
import { startProxy } from '../test/fixtures/proxy';
import { startRegistry } from '../test/fixtures/registry';
import type { TestRegistry } from '../test/fixtures/registry';
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
import { clock, mb, median, randomFile, ratio, sec, timed, timedAsync } from './bench-lib';
import type { BenchContext, BenchSection, BenchTable } from './bench-lib';
import type { BenchResults, BenchRun } from './gen-docs/bench';

// npm runs scripts from the package root; this file itself runs bundled from a temp dir.
const root = resolve(process.cwd());

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}

/** `slipway build` of one file into `image`, as the bench runs it. */
function slipwayArgs(
  ctx: BenchContext,
  file: string,
  image: string,
  tags: string,
  extra: string[] = [],
): string[] {
  return [
    ctx.cli,
    'build',
    '--artifact',
    file,
    '--artifact-path',
    '/data/',
    '--base-image',
    // Through the proxy, the base too: the same registry, so its blobs are mounted, not sent.
    image.startsWith(`${ctx.proxy.host}/`)
      ? ctx.base.replace(ctx.registry.host, ctx.proxy.host)
      : ctx.base,
    '--image',
    image,
    '--tags',
    tags,
    ...extra,
  ];
}

/** A slipway run through the counting proxy: wall seconds and bytes sent to the registry. */
async function counted(
  ctx: BenchContext,
  args: string[],
  env: NodeJS.ProcessEnv = ctx.env,
  node = process.execPath,
): Promise<{ s: number; sent: number }> {
  ctx.proxy.reset();
  // Not spawnSync: the proxy lives in this process.
  const { s } = await timedAsync(node, args, env);
  return { s, sent: ctx.proxy.stats().requestBytes };
}

function freshFile(ctx: BenchContext, name: string, megabytes: number): string {
  const dir = join(ctx.work, name);
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'artifact.bin');
  randomFile(file, megabytes);
  return file;
}

function curlPut(ctx: BenchContext, file: string): number {
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
      `http://${ctx.registry.host}/v2/bench/curl/blobs/uploads/`,
    ],
    { encoding: 'utf8' },
  );
  const location = /^location: (.*)$/im.exec(start)?.[1].trim() ?? '';
  const sep = location.includes('?') ? '&' : '?';
  return timed('curl', [
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
  ]).s;
}

function podmanBuildPush(ctx: BenchContext, file: string, tag: string): number {
  const dir = resolve(file, '..');
  writeFileSync(join(dir, 'Dockerfile'), `FROM ${ctx.base}\nCOPY artifact.bin /data/\n`);
  const p = ctx.podman;
  const s = clock(() => {
    execFileSync('podman', [...p.args, 'build', '--tls-verify=false', '-q', '-t', tag, dir], {
      env: p.env,
      stdio: 'ignore',
    });
    execFileSync('podman', [...p.args, 'push', '--tls-verify=false', '-q', tag], {
      env: p.env,
      stdio: 'ignore',
    });
  });
  return s;
}

function podmanRemove(ctx: BenchContext, tag: string): void {
  execFileSync('podman', [...ctx.podman.args, 'rmi', '-f', tag], {
    env: ctx.podman.env,
    stdio: 'ignore',
  });
}

/** containerify from node_modules, else the one npx keeps in its cache (fetched once). */
function containerifyBin(): string {
  const local = join(root, 'node_modules/.bin/containerify');
  if (existsSync(local)) return local;
  const found = spawnSync('npx', ['--yes', '-p', 'containerify@4.1.0', 'which', 'containerify'], {
    encoding: 'utf8',
  });
  const bin = found.stdout.trim().split('\n').pop() ?? '';
  if (found.status !== 0 || !existsSync(bin)) {
    throw new Error(`containerify is not installed and npx could not fetch it:\n${found.stderr}`);
  }
  return bin;
}

const fresh: BenchSection = async (ctx) => {
  const sizes = ctx.arg('sizes', '10,100,500').split(',').map(Number);
  const containerify = containerifyBin();
  // containerify needs the manifest's optional mediaType field, which the seeded base leaves out:
  // its base is the same busybox rewritten by skopeo as a Docker v2 manifest.
  execFileSync('skopeo', [
    'copy',
    '--quiet',
    '--src-tls-verify=false',
    '--dest-tls-verify=false',
    '--format',
    'v2s2',
    `docker://${ctx.base}`,
    `docker://${ctx.registry.host}/bench/base-v2s2:1`,
  ]);
  const rows: string[][] = [];
  for (const size of sizes) {
    const t = {
      slip: [] as number[],
      curl: [] as number[],
      skopeo: [] as number[],
      podman: [] as number[],
      cfy: [] as number[],
    };
    let rss = 0;
    for (let run = 0; run < ctx.runs; run++) {
      // A fresh file per run, so no tool can skip the upload as already present.
      const file = freshFile(ctx, `fresh-${size}-${run}`, size);
      const tag = `r${size}-${run}`;
      const slip = timed(
        process.execPath,
        slipwayArgs(ctx, file, `${ctx.registry.host}/bench/slipway`, tag),
        ctx.env,
      );
      t.slip.push(slip.s);
      rss = Math.max(rss, slip.rssMiB);
      t.curl.push(curlPut(ctx, file));
      // The ready layout: the same image written by slipway into an OCI layout (not timed).
      const layout = join(ctx.work, `layout-${size}-${run}`);
      execFileSync(
        process.execPath,
        [...slipwayArgs(ctx, file, 'localhost/bench/layout', tag, ['--output', `oci:${layout}`])],
        { env: ctx.env, stdio: 'ignore' },
      );
      t.skopeo.push(
        timed('skopeo', [
          'copy',
          '--quiet',
          '--dest-tls-verify=false',
          '--preserve-digests',
          `oci:${layout}:${tag}`,
          `docker://${ctx.registry.host}/bench/skopeo:${tag}`,
        ]).s,
      );
      rmSync(layout, { recursive: true, force: true });
      const podTag = `${ctx.registry.host}/bench/podman:${tag}`;
      t.podman.push(podmanBuildPush(ctx, file, podTag));
      podmanRemove(ctx, podTag);
      t.cfy.push(
        timed(containerify, [
          '--registry',
          `http://${ctx.registry.host}/v2/`,
          '--fromImage',
          'bench/base-v2s2:1',
          '--toImage',
          `bench/containerify:${tag}`,
          '--folder',
          resolve(file, '..'),
          '--customContent',
          'artifact.bin:/data/artifact.bin',
          '--allowNoPushAuth',
          '--doCrossMount',
          '--buildFolder',
          join(ctx.work, `cfy-${size}-${run}`),
        ]).s,
      );
      rmSync(resolve(file, '..'), { recursive: true, force: true });
    }
    // Bytes: one more run of its own through the counting proxy (a fresh file again).
    const file = freshFile(ctx, `fresh-${size}-counted`, size);
    const { sent } = await counted(
      ctx,
      slipwayArgs(ctx, file, `${ctx.proxy.host}/bench/counted`, `r${size}`),
    );
    rmSync(resolve(file, '..'), { recursive: true, force: true });
    const m = Object.fromEntries(Object.entries(t).map(([k, v]) => [k, median(v)])) as Record<
      keyof typeof t,
      number
    >;
    const row = [
      `${size} MB`,
      sec(m.slip),
      sec(m.curl),
      sec(m.skopeo),
      sec(m.podman),
      sec(m.cfy),
      ratio(m.slip, m.curl),
      ratio(m.slip, m.skopeo),
      ratio(m.slip, m.podman),
      ratio(m.slip, m.cfy),
      mb(sent),
      `${rss.toFixed(0)} MiB`,
    ];
    console.log(row.join(' | '));
    rows.push(row);
  }
  return [
    {
      id: 'fresh',
      title: 'Fresh push of an incompressible artifact onto a busybox base',
      columns: [
        'artifact',
        '(a) slipway build',
        '(b) curl PUT of the blob',
        '(c) skopeo copy of a ready OCI layout',
        '(d) podman build + push',
        '(e) containerify',
        'a/b',
        'a/c',
        'a/d',
        'a/e',
        'slipway sent',
        'slipway peak RSS',
      ],
      rows,
      note: 'Each run pushes a new file, so nothing can be skipped as already there. "Sent" is every byte of every request slipway made (layer, configs, manifests), counted by a proxy in one more run.',
    },
  ];
};

const folder: BenchSection = async (ctx) => {
  const size = Number(ctx.arg('folder-size', '100'));
  const runner = await seedBusyboxBase(ctx.registry, 'bench/pulsar:1', { runnerLike: true });
  const cases: { name: string; base: string; path: string }[] = [
    { name: '/data/ on busybox (reference)', base: ctx.base, path: '/data/' },
    {
      name: '/pulsar/connectors/ on a base that has it',
      base: runner.ref,
      path: '/pulsar/connectors/',
    },
    { name: '/opt/app/ on a base without /opt', base: ctx.base, path: '/opt/app/' },
  ];
  const rows: string[][] = [];
  let reference = 0;
  for (const c of cases) {
    const s: number[] = [];
    const sent: number[] = [];
    for (let run = 0; run < ctx.runs; run++) {
      const file = freshFile(ctx, `folder-${run}`, size);
      const args = slipwayArgs(ctx, file, `${ctx.proxy.host}/bench/folder`, `f${run}`);
      args[args.indexOf('--artifact-path') + 1] = c.path;
      args[args.indexOf('--base-image') + 1] = c.base.replace(ctx.registry.host, ctx.proxy.host);
      const r = await counted(ctx, args);
      s.push(r.s);
      sent.push(r.sent);
      rmSync(resolve(file, '..'), { recursive: true, force: true });
    }
    reference ||= median(s);
    rows.push([c.name, sec(median(s)), ratio(median(s), reference), mb(Math.max(...sent))]);
    console.log(rows[rows.length - 1].join(' | '));
  }
  return [
    {
      id: 'folder',
      title: `Where the artifact goes: ${size} MB onto small bases`,
      columns: [
        'artifact-path and base',
        'slipway build',
        'against the reference',
        'sent (most of any run)',
      ],
      rows,
      note: 'All runs through the counting proxy. The layer goes up once: the bytes sent stay the artifact plus a few kB of tar headers, configs and manifests.',
    },
  ];
};

/** Node 24 from test/runtimes (the action's runtime), when the test dependencies are installed. */
function runtime24(): { node24: string; has24: boolean } {
  const node24 = join(root, 'test/runtimes/node_modules/node24/bin/node');
  return { node24, has24: existsSync(node24) };
}

/** Waits until the racy window (run/digest-cache.ts) has passed since `written` (ms). */
async function settled(written: number): Promise<void> {
  const wait = written + Number(RACY_NS / 1_000_000n) + 100 - Date.now();
  if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
}

const release: BenchSection = async (ctx) => {
  const { node24, has24 } = runtime24();
  const rows: string[][] = [];
  for (const size of ctx.arg('release-sizes', '100,500').split(',').map(Number)) {
    const t = {
      branch: [] as number[],
      rebuilt: [] as number[],
      unchanged: [] as number[],
      unchanged24: [] as number[],
      podman: [] as number[],
    };
    const sent = { branch: 0, rebuilt: 0, unchanged: 0, unchanged24: 0 };
    for (let run = 0; run < ctx.runs; run++) {
      const file = freshFile(ctx, `release-${size}-${run}`, size);
      const written = Date.now();
      const sha = randomBytes(20).toString('hex');
      const build = (
        ref: string,
        tags: string,
        node?: string,
      ): Promise<{ s: number; sent: number }> =>
        counted(
          ctx,
          slipwayArgs(ctx, file, `${ctx.proxy.host}/bench/release`, tags),
          { ...ctx.env, GITHUB_ACTIONS: 'true', GITHUB_REF: ref, GITHUB_SHA: sha },
          node,
        );
      const version = `${size}.${run}.0`;
      for (const [key, ref, tags] of [
        ['branch', 'refs/heads/main', `sha-${sha.slice(0, 7)}`],
        ['rebuilt', `refs/tags/v${version}`, `${version},latest`],
        ['unchanged', `refs/tags/v${version}`, `${version},latest`],
      ] as const) {
        // The tag pipeline's artifact is not seconds old (the branch pipeline built it first):
        // a file younger than the racy window is never recorded in the digest cache, as git
        // treats its index.
        if (key === 'rebuilt') await settled(written);
        const r = await build(ref, tags);
        t[key].push(r.s);
        sent[key] = Math.max(sent[key], r.sent);
      }
      if (has24) {
        // The same unchanged re-push on the action's runtime (its compile cache warm by now).
        const r = await build(`refs/tags/v${version}`, `${version},latest`, node24);
        t.unchanged24.push(r.s);
        sent.unchanged24 = Math.max(sent.unchanged24, r.sent);
      }
      // podman pushing the same image again (its own unchanged re-push), after a first push.
      const podTag = `${ctx.registry.host}/bench/podman-release:r${size}-${run}`;
      podmanBuildPush(ctx, file, podTag);
      t.podman.push(
        clock(() =>
          execFileSync('podman', [...ctx.podman.args, 'push', '--tls-verify=false', '-q', podTag], {
            env: ctx.podman.env,
            stdio: 'ignore',
          }),
        ),
      );
      podmanRemove(ctx, podTag);
      rmSync(resolve(file, '..'), { recursive: true, force: true });
    }
    const row = [
      `${size} MB`,
      sec(median(t.branch)),
      mb(sent.branch),
      sec(median(t.rebuilt)),
      mb(sent.rebuilt),
      sec(median(t.unchanged)),
      mb(sent.unchanged),
      ...(has24 ? [sec(median(t.unchanged24)), mb(sent.unchanged24)] : []),
      sec(median(t.podman)),
    ];
    console.log(row.join(' | '));
    rows.push(row);
  }
  return [
    {
      id: 'release',
      title: 'The release flow: the same commit built again',
      columns: [
        'artifact',
        'branch push (sha-…)',
        'sent',
        'rebuilt release (new tags)',
        'sent',
        `unchanged re-push (Node ${process.versions.node})`,
        'sent',
        ...(has24 ? ["unchanged re-push (Node 24, the action's runtime)", 'sent'] : []),
        'podman push of an unchanged image',
      ],
      rows,
      note: 'The branch pipeline pushes sha-<commit>; the tag pipeline builds the same commit under 1.2.3 and latest (a rebuilt release), then runs again (an unchanged re-push), on Node 20 and then on Node 24. The branch push saw the artifact when it was new, and younger files are never kept in the digest cache: the rebuilt release hashes the artifact once (no tar is made) and takes the branch image\'s layer; the artifact is 2 s old by then, so its digest is kept, and the unchanged re-push reads nothing. Slipway runs through the counting proxy; "sent" is the most of any run.',
    },
  ];
};

const platforms: BenchSection = async (ctx) => {
  const size = Number(ctx.arg('platforms-size', '100'));
  const sets = [
    ['linux/amd64'],
    ['linux/amd64', 'linux/arm64'],
    ['linux/amd64', 'linux/arm64', 'linux/arm/v7', 'linux/ppc64le'],
  ];
  const rows: string[][] = [];
  let one = 0;
  for (const set of sets) {
    const base = await seedBusyboxBase(ctx.registry, `bench/base-${set.length}p:1`, {
      platforms: set,
    });
    const s: number[] = [];
    const sent: number[] = [];
    for (let run = 0; run < ctx.runs; run++) {
      const file = freshFile(ctx, `platforms-${run}`, size);
      const args = slipwayArgs(
        ctx,
        file,
        `${ctx.proxy.host}/bench/platforms`,
        `p${set.length}-${run}`,
      );
      args[args.indexOf('--base-image') + 1] = base.ref.replace(ctx.registry.host, ctx.proxy.host);
      const r = await counted(ctx, args);
      s.push(r.s);
      sent.push(r.sent);
      rmSync(resolve(file, '..'), { recursive: true, force: true });
    }
    one ||= median(s);
    rows.push([String(set.length), sec(median(s)), ratio(median(s), one), mb(Math.max(...sent))]);
    console.log(rows[rows.length - 1].join(' | '));
  }
  return [
    {
      id: 'platforms',
      title: `Several platforms, ${size} MB artifact`,
      columns: ['platforms', 'slipway build', 'against 1 platform', 'sent'],
      rows,
      note: 'One layer serves every platform: it is made and sent once.',
    },
  ];
};

const foreign: BenchSection = async (ctx) => {
  const size = Number(ctx.arg('foreign-size', '100'));
  const other: TestRegistry = await startRegistry({ auth: 'none' });
  try {
    const seeded = await seedBusyboxBase(other, 'bench/far:1');
    const streamed: number[] = [];
    const copied: number[] = [];
    for (let run = 0; run < ctx.runs; run++) {
      const file = freshFile(ctx, `foreign-${run}`, size);
      const a = slipwayArgs(ctx, file, `${ctx.registry.host}/bench/foreign`, `s${run}`);
      a[a.indexOf('--base-image') + 1] = seeded.ref;
      streamed.push(timed(process.execPath, a, ctx.env).s);
      const near = `${ctx.registry.host}/bench/near-${run}:1`;
      const b = slipwayArgs(ctx, file, `${ctx.registry.host}/bench/foreign`, `c${run}`);
      b[b.indexOf('--base-image') + 1] = near;
      copied.push(
        clock(() => {
          execFileSync('skopeo', [
            'copy',
            '--quiet',
            '--src-tls-verify=false',
            '--dest-tls-verify=false',
            `docker://${seeded.ref}`,
            `docker://${near}`,
          ]);
          timed(process.execPath, b, ctx.env);
        }),
      );
      rmSync(resolve(file, '..'), { recursive: true, force: true });
    }
    const row = [
      `${size} MB`,
      sec(median(streamed)),
      sec(median(copied)),
      ratio(median(streamed), median(copied)),
    ];
    console.log(row.join(' | '));
    return [
      {
        id: 'foreign',
        title: 'A base in another registry (busybox, about 1 MB)',
        columns: [
          'artifact',
          '(a) slipway, base streamed across',
          '(b) skopeo copy of the base, then slipway',
          'a/b',
        ],
        rows: [row],
      },
    ];
  } finally {
    await other.stop();
  }
};

/** Medians of many short runs of `node …args` (the process's whole life): wall and CPU seconds. */
function startTimes(node: string, args: string[], env: NodeJS.ProcessEnv, runs: number): string {
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < runs + 2; i++) {
    const t0 = process.hrtime.bigint();
    const res = spawnSync('/usr/bin/time', ['-f', 'BENCH %U %S', node, ...args], {
      env,
      stdio: ['ignore', 'ignore', 'pipe'],
      encoding: 'utf8',
    });
    const s = Number(process.hrtime.bigint() - t0) / 1e9;
    if (res.status !== 0) throw new Error(`${node} ${args.join(' ')} failed:\n${res.stderr}`);
    const [, user, sys] = (res.stderr.split('\n').find((l) => l.startsWith('BENCH ')) ?? '').split(
      ' ',
    );
    if (i < 2) continue; // two warm-ups: the page cache, not the code, is what they warm
    wall.push(s);
    cpu.push(Number(user) + Number(sys));
  }
  return `${sec(median(wall))} / ${sec(median(cpu))}`;
}

const startup: BenchSection = (ctx) => {
  const runs = Number(ctx.arg('startup-runs', '20'));
  const dir = join(ctx.work, 'startup');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'a.txt'), 'hello\n');
  writeFileSync(join(dir, 'github-output'), '');
  // Slipway's own compile cache (Node 22.1+) goes under SLIPWAY_CACHE_DIR: the bench's, not the user's.
  const env = { ...ctx.env, RUNNER_TEMP: dir, SLIPWAY_CACHE_DIR: join(dir, 'cache') };
  const cliDry = [
    ctx.cli,
    'build',
    '--artifact',
    join(dir, 'a.txt'),
    '--artifact-path',
    '/app/',
    '--base-image',
    'scratch',
    '--output',
    'none',
  ];
  const push = [
    ctx.cli,
    'build',
    '--artifact',
    join(dir, 'a.txt'),
    '--artifact-path',
    '/app/',
    '--base-image',
    ctx.base,
    '--image',
    `${ctx.registry.host}/bench/tiny`,
    '--tags',
    'tiny',
  ];
  const actionEnv = {
    ...env,
    INPUT_ARTIFACT: join(dir, 'a.txt'),
    'INPUT_ARTIFACT-PATH': '/app/',
    'INPUT_BASE-IMAGE': 'scratch',
    INPUT_OUTPUT: 'none',
    GITHUB_OUTPUT: join(dir, 'github-output'),
  };
  const cases: { name: string; args: string[]; env: NodeJS.ProcessEnv }[] = [
    { name: 'node -e 0 (Node itself)', args: ['-e', '0'], env },
    { name: 'slipway --version', args: [ctx.cli, '--version'], env },
    { name: 'CLI dry run of a 6-byte file (--output none)', args: cliDry, env },
    { name: 'CLI push of a 6-byte file (base in the registry)', args: push, env },
    { name: 'action bundle dry run of a 6-byte file', args: [ctx.action], env: actionEnv },
  ];
  const { node24, has24 } = runtime24();
  const rows: string[][] = [];
  for (const c of cases) {
    const row = [c.name, startTimes(process.execPath, c.args, c.env, runs)];
    if (has24) {
      row.push(startTimes(node24, c.args, { ...c.env, NODE_DISABLE_COMPILE_CACHE: '1' }, runs));
      // The first runs fill the cache (startTimes leaves them out): the rest find it warm.
      row.push(startTimes(node24, c.args, c.env, runs));
    }
    console.log(row.join(' | '));
    rows.push(row);
  }
  return [
    {
      id: 'startup',
      title: 'Start-up (whole process, small artifacts)',
      columns: [
        'run',
        `Node ${process.versions.node}`,
        ...(has24 ? ['Node 24, compile cache off', 'Node 24, compile cache warm'] : []),
      ],
      rows,
      note: `Wall / CPU (user + system) time, medians of ${runs} runs each; on a shared machine the CPU time says more than the wall time. The entries enable Node's compile cache (Node 22.1+) under SLIPWAY_CACHE_DIR; "off" sets NODE_DISABLE_COMPILE_CACHE=1.`,
    },
  ];
};

/** The sections in the order they run; another file's section is one more line here. */
const SECTIONS: Record<string, BenchSection> = {
  fresh,
  folder,
  release,
  platforms,
  foreign,
  startup,
};

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
  const names = arg('sections', Object.keys(SECTIONS).join(',')).split(',');
  const unknown = names.filter((n) => !(n in SECTIONS));
  if (unknown.length) {
    throw new Error(
      `--sections: no section ${unknown.join(', ')}; choose from ${Object.keys(SECTIONS).join(', ')}`,
    );
  }
  const runs = Number(arg('runs', '3'));
  const loadStart = loadavg()[0];
  const work = mkdtempSync(join(tmpdir(), 'slipway-bench-'));
  // The CLI and the action exactly as dist/ is built, from the current src/.
  execFileSync(process.execPath, [join(root, 'scripts/build.mjs'), join(work, 'dist')], {
    cwd: root,
  });
  const registry = await startRegistry({ auth: 'none' });
  const proxy = await startProxy(registry.host);
  const tables: Omit<BenchTable, 'measured'>[] = [];
  try {
    await seedBusyboxBase(registry, 'bench/base:1');
    const ctx: BenchContext = {
      work,
      cli: join(work, 'dist/cli.js'),
      action: join(work, 'dist/index.js'),
      registry,
      proxy,
      base: `${registry.host}/bench/base:1`,
      podman: podmanEnv(join(work, 'podman')),
      runs,
      // The runs' workspaces (Dockerfile, SBOM) go with the bench's folder, not into ./.slipway/.
      env: { ...process.env, RUNNER_TEMP: work, SOURCE_DATE_EPOCH: '1700000000' },
      arg,
    };
    for (const name of names) {
      console.log(`\n== ${name}`);
      // --<section>-runs gives one section fewer (or more) runs than --runs.
      const own = Number(arg(`${name}-runs`, String(runs)));
      const made = await SECTIONS[name]({ ...ctx, runs: own });
      tables.push(...made.map((t) => ({ ...t, runs: own })));
      // Saved after each section: a long run stopped half-way keeps what it measured.
      if (process.argv.includes('--save')) save(tables, loadStart);
    }
  } finally {
    await proxy.stop();
    await registry.stop();
    rmSync(work, { recursive: true, force: true });
  }
  for (const t of tables) {
    console.log(`\n${t.title}\n| ${t.columns.join(' | ')} |`);
    for (const row of t.rows) console.log(`| ${row.join(' | ')} |`);
  }
  console.log(`\nload average ${loadStart.toFixed(1)} -> ${loadavg()[0].toFixed(1)}`);
}

/**
 * Writes bench/results.json and regenerates the README's tables from it. A partial run keeps the
 * other sections of the last one, in the order of SECTIONS.
 */
function save(tables: Omit<BenchTable, 'measured'>[], loadStart: number): void {
  const file = join(root, 'bench/results.json');
  const old: BenchResults | undefined = existsSync(file)
    ? (JSON.parse(readFileSync(file, 'utf8')) as BenchResults)
    : undefined;
  const ran = new Set(tables.map((t) => t.id));
  const kept = (old?.sections ?? []).filter((t) => !ran.has(t.id));
  const measured: BenchRun = {
    date: new Date().toISOString().slice(0, 10),
    load: [loadStart, loadavg()[0]],
    command: `npm run bench -- ${process.argv
      .slice(2)
      .filter((a) => a !== '--save')
      .join(' ')}`.trim(),
  };
  const results: BenchResults = {
    machine: `${cpus().length} cores, Node ${process.version}`,
    sections: [...tables.map((t) => ({ ...t, measured })), ...kept].sort(
      (a, b) => order(a.id) - order(b.id),
    ),
  };
  mkdirSync(join(root, 'bench'), { recursive: true });
  writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
  execFileSync(process.execPath, [join(root, 'scripts/gen-docs.mjs')], {
    cwd: root,
    stdio: 'inherit',
  });
}

function order(id: string): number {
  const i = Object.keys(SECTIONS).indexOf(id);
  return i < 0 ? Number.MAX_SAFE_INTEGER : i;
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
