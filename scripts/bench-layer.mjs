#!/usr/bin/env node
// Micro benchmark of the layer engine: pako levels vs stored blocks, and whole buildLayer passes.
// Usage: node scripts/bench-layer.mjs [--quick]   (bundles src/ with esbuild into a temp dir)
//
// The `auto` policy (src/image/compression.ts) and PAKO_LEVEL (src/image/gzip.ts) come from these numbers.
//
// Measured (Node 20.20, 2 shared AMD EPYC cores, load average ~3.5 from other work), 100 MB random:
//   GzipWriter in memory: stored 89 ms, pako -1 6847 ms, pako -6 5810 ms
//   buildLayer from disk, auto = the bare tar (read, tar, one sha256): 88-125 ms, ~90 ms CPU;
//     open() again (tar re-made from the file, digest checked): 102 ms
//   buildLayer store = gzip with stored blocks (read, tar, 2x sha256, CRC-32, framing, temp file):
//     188-287 ms, ~200-275 ms CPU
//   1 GiB (test/integration/layer-memory.test.ts): bare tar ~1.7 s (gzip stored ~3.8 s), peak RSS
//     growth ~40 MB
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const quick = process.argv.includes('--quick');
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'slipway-bench-layer-'));
const MB = 1024 * 1024;

async function load() {
  const outfile = path.join(work, 'engine.cjs');
  await build({
    stdin: {
      contents:
        "export * from './src/image/layer'; export * from './src/image/compression'; export * from './src/image/gzip';",
      resolveDir: root,
      loader: 'ts',
    },
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    outfile,
    logLevel: 'warning',
  });
  return createRequire(import.meta.url)(outfile);
}

function time(fn) {
  const start = process.hrtime.bigint();
  const result = fn();
  return { ms: Number(process.hrtime.bigint() - start) / 1e6, result };
}

async function timeAsync(fn) {
  const start = process.hrtime.bigint();
  const cpu = process.cpuUsage();
  const result = await fn();
  const used = process.cpuUsage(cpu);
  return {
    ms: Number(process.hrtime.bigint() - start) / 1e6,
    cpuMs: (used.user + used.system) / 1000,
    result,
  };
}

/** Compresses `data` in 4 MiB chunks with one GzipWriter; returns the output size. */
function gzipSize(engine, data, how, level) {
  const gz = new engine.GzipWriter(level);
  let size = 0;
  for (let at = 0; at < data.length; at += 4 * MB) {
    const chunk = data.subarray(at, at + 4 * MB);
    for (const b of how === 'store' ? gz.store(chunk) : gz.deflate(chunk)) size += b.length;
  }
  for (const b of gz.finish()) size += b.length;
  return size;
}

function makeJarLike(dir, targetBytes) {
  // Class-file-like entries: base64 of random bytes deflates to ~75%, like bytecode does.
  const src = path.join(dir, 'jar-src');
  fs.mkdirSync(path.join(src, 'com/example'), { recursive: true });
  let total = 0;
  for (let i = 0; total < targetBytes / 0.75; i++) {
    const body = randomBytes(8 * 1024 + (i % 7) * 1024).toString('base64');
    fs.writeFileSync(path.join(src, 'com/example', `C${i}.class`), body);
    total += body.length;
  }
  const jar = path.join(dir, 'connector.jar');
  execFileSync('zip', ['-q', '-r', jar, 'com'], { cwd: src });
  fs.rmSync(src, { recursive: true });
  return jar;
}

function textTree(limit) {
  // Real JavaScript sources: a text-heavy tree like an Airbyte manifest or a Python project.
  const dir = path.join(root, 'node_modules/typescript/lib');
  const files = [];
  let total = 0;
  for (const name of fs.readdirSync(dir).sort()) {
    const p = path.join(dir, name);
    const st = fs.statSync(p);
    if (!st.isFile() || !/\.(js|ts|json)$/.test(name)) continue;
    files.push({ p, size: st.size });
    total += st.size;
    if (total > limit) break;
  }
  return files;
}

const engine = await load();
const rows = [];
const row = (what, bytes, ms, outSize) =>
  rows.push({
    what,
    MB: (bytes / MB).toFixed(1),
    ms: ms.toFixed(0),
    'MB/s': (bytes / MB / (ms / 1000)).toFixed(0),
    ratio: (outSize / bytes).toFixed(3),
  });

try {
  const randomSize = quick ? 20 * MB : 100 * MB;
  const random = randomBytes(randomSize);
  const jar = fs.readFileSync(makeJarLike(work, quick ? 5 * MB : 20 * MB));
  const text = Buffer.concat(textTree(quick ? 8 * MB : 30 * MB).map((f) => fs.readFileSync(f.p)));
  for (const [name, data] of [
    ['random', random],
    ['jar-like zip', jar],
    ['text (typescript/lib)', text],
  ]) {
    for (const [how, level] of [
      ['store', undefined],
      ['pako', 1],
      ['pako', 6],
    ]) {
      const { ms, result } = time(() => gzipSize(engine, data, how, level));
      row(`${name}: ${how}${level ? ` -${level}` : ''}`, data.length, ms, result);
    }
  }

  // Whole layer passes from disk. auto on random bytes is the bare tar: read + tar + one sha256.
  // store and gzip: read + tar + sha256 x2 + CRC-32 + gzip framing + temp file write.
  const file = path.join(work, 'artifact.bin');
  fs.writeFileSync(file, random);
  const plan = (source, target) => ({
    files: [{ path: target, source, mode: 0o644, uid: 10000, gid: 10001 }],
    directories: [],
  });
  for (const compression of ['auto', 'store', 'gzip']) {
    if (compression === 'gzip' && quick) continue;
    const runs = [];
    for (let i = 0; i < (compression === 'gzip' ? 1 : 3); i++) {
      const { ms, cpuMs, result } = await timeAsync(() =>
        engine.buildLayer(plan(file, '/pulsar/connectors/random.nar'), {
          epoch: 0,
          compression,
          tmpDir: work,
        }),
      );
      runs.push(`${ms.toFixed(0)} (cpu ${cpuMs.toFixed(0)})`);
      if (i === 0) {
        const label = `buildLayer ${compression} (${result.format}): random file`;
        row(label, random.length, ms, result.descriptor.size);
      }
      if (i === 0 && result.format === 'tar') {
        // The bare tar is made again from the file for each reader (layout, fallback upload).
        const read = await timeAsync(async () => {
          let n = 0;
          for await (const chunk of await result.open()) n += chunk.length;
          return n;
        });
        row('  open() again (tar re-made, digest checked)', read.result, read.ms, read.result);
      }
      await result.dispose();
    }
    rows.push({ what: `  runs, ms: ${runs.join(', ')}` });
  }
  const jarPath = path.join(work, 'connector.jar');
  const { ms: jarMs, result: jarLayer } = await timeAsync(() =>
    engine.buildLayer(plan(jarPath, '/pulsar/connectors/c.nar'), { epoch: 0, tmpDir: work }),
  );
  row('buildLayer auto: jar-like zip', jar.length, jarMs, jarLayer.descriptor.size);
  await jarLayer.dispose();
  const tree = textTree(quick ? 8 * MB : 30 * MB);
  const { ms: treeMs, result: treeLayer } = await timeAsync(() =>
    engine.buildLayer(
      {
        files: tree.map((f) => ({
          path: `/app/${path.basename(f.p)}`,
          source: f.p,
          mode: 0o644,
          uid: 0,
          gid: 0,
        })),
        directories: [],
      },
      { epoch: 0, tmpDir: work },
    ),
  );
  row('buildLayer auto: text tree', treeLayer.tarSize, treeMs, treeLayer.descriptor.size);
  await treeLayer.dispose();
  // Many small files, like a Python project or an Airbyte connector tree.
  const small = [];
  const smallRoot = path.join(root, 'node_modules/@aws-sdk');
  (function walk(d) {
    for (const e of fs
      .readdirSync(d, { withFileTypes: true })
      .sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.isFile() && small.length < 2000) small.push(p);
    }
  })(smallRoot);
  const { ms: smallMs, result: smallLayer } = await timeAsync(() =>
    engine.buildLayer(
      {
        files: small.map((p) => ({
          path: `/app/${path.relative(smallRoot, p)}`,
          source: p,
          mode: 0o644,
          uid: 0,
          gid: 0,
        })),
        directories: [],
      },
      { epoch: 0, tmpDir: work },
    ),
  );
  row(
    `buildLayer auto: ${small.length} small files`,
    smallLayer.tarSize,
    smallMs,
    smallLayer.descriptor.size,
  );
  await smallLayer.dispose();
  console.log(
    `node ${process.version}, ${os.cpus().length} x ${os.cpus()[0]?.model ?? 'cpu'}, load ${os.loadavg()[0].toFixed(1)}`,
  );
  console.table(rows);
} finally {
  fs.rmSync(work, { recursive: true, force: true });
}
