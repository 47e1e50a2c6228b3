/**
 * What the bench's sections share (scripts/bench.ts runs them; a section in a file of its own,
 * like scripts/bench-many.ts, gets the same context): the freshly built CLI, a local registry
 * with a counting proxy in front of it, timing and formatting.
 */
import { spawn, spawnSync } from 'node:child_process';
import { randomFillSync } from 'node:crypto';
import { closeSync, openSync, writeSync } from 'node:fs';
import type { TestProxy } from '../test/fixtures/proxy';
import type { TestRegistry } from '../test/fixtures/registry';
import type { PodmanEnv } from '../test/fixtures/clients';
import type { BenchTable } from './gen-docs/bench';

export type { BenchTable };

export const MiB = 1024 * 1024;

export interface BenchContext {
  /** The bench's own folder (removed at the end): files, layouts, workspaces. */
  work: string;
  /** dist/cli.js and dist/index.js built from the current src/. */
  cli: string;
  action: string;
  registry: TestRegistry;
  /** The same registry behind a proxy that counts bytes: push through `proxy.host` to count. */
  proxy: TestProxy;
  /** busybox base, one platform, in `registry`: "host/bench/base:1". */
  base: string;
  podman: PodmanEnv;
  runs: number;
  /** Environment of slipway runs: workspaces under `work`, a fixed build time. */
  env: NodeJS.ProcessEnv;
  arg(name: string, fallback: string): string;
}

/** A table as a section makes it; the bench adds how many runs it took. */
export type SectionTable = Omit<BenchTable, 'runs' | 'measured'>;

/** One section of the bench: returns its tables (printed as they come, saved with --save). */
export type BenchSection = (ctx: BenchContext) => SectionTable[] | Promise<SectionTable[]>;

export function randomFile(path: string, megabytes: number): void {
  const fd = openSync(path, 'w');
  const chunk = Buffer.alloc(4 * MiB);
  for (let written = 0; written < megabytes * MiB; written += chunk.length) {
    randomFillSync(chunk);
    writeSync(fd, chunk, 0, Math.min(chunk.length, megabytes * MiB - written));
  }
  closeSync(fd);
}

export function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

export interface Timed {
  s: number;
  rssMiB: number;
}

/**
 * Writes the dirty page cache back before a timed step. The files a run pushes were written just
 * before it (a fresh file per run), and the registry keeps the blobs of the step before; without
 * this, whichever tool goes first pays for the write-back of the others' bytes.
 */
export function settle(): void {
  spawnSync('sync');
}

/** Runs a command; wall seconds (monotonic clock) and peak RSS in MiB (from /usr/bin/time). */
export function timed(cmd: string, args: string[], env: NodeJS.ProcessEnv = process.env): Timed {
  settle();
  const t0 = process.hrtime.bigint();
  const res = spawnSync('/usr/bin/time', ['-f', 'BENCH %M', cmd, ...args], {
    env,
    stdio: ['ignore', 'ignore', 'pipe'],
    encoding: 'utf8',
    maxBuffer: 64 * MiB,
  });
  const s = Number(process.hrtime.bigint() - t0) / 1e9;
  if (res.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed:\n${res.stderr}`);
  const line = res.stderr.split('\n').find((l) => l.startsWith('BENCH '));
  if (!line) throw new Error(`no peak RSS from ${cmd}`);
  return { s, rssMiB: Number(line.split(' ')[1]) / 1024 };
}

/**
 * timed() without blocking this process: the counting proxy and the Python bench's package index
 * are served from here, which a synchronous child would starve.
 */
export function timedAsync(cmd: string, args: string[], env: NodeJS.ProcessEnv): Promise<Timed> {
  settle();
  return new Promise((resolve, reject) => {
    const t0 = process.hrtime.bigint();
    const child = spawn('/usr/bin/time', ['-f', 'BENCH %M', cmd, ...args], {
      env,
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let err = '';
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      const s = Number(process.hrtime.bigint() - t0) / 1e9;
      if (code !== 0) return reject(new Error(`${cmd} ${args.join(' ')} failed:\n${err}`));
      const line = err.split('\n').find((l) => l.startsWith('BENCH '));
      if (!line) return reject(new Error(`no peak RSS from ${cmd}`));
      resolve({ s, rssMiB: Number(line.split(' ')[1]) / 1024 });
    });
  });
}

/** Wall seconds of a synchronous step. */
export function clock(step: () => void): number {
  settle();
  const t0 = process.hrtime.bigint();
  step();
  return Number(process.hrtime.bigint() - t0) / 1e9;
}

export const sec = (s: number): string =>
  s < 0.1 ? `${(s * 1000).toFixed(0)} ms` : `${s.toFixed(2)} s`;
export const ratio = (a: number, b: number): string => `${(a / b).toFixed(2)}×`;
export const mb = (bytes: number): string =>
  bytes < 1e6 ? `${(bytes / 1e3).toFixed(0)} kB` : `${(bytes / 1e6).toFixed(1)} MB`;
