// Runs a TypeScript script (benchmarks, generators) by bundling it with esbuild first, so scripts
// can share the test fixtures and src/ without a separate TypeScript runtime.
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const [entry, ...args] = process.argv.slice(2);
const dir = mkdtempSync(join(tmpdir(), 'slipway-script-'));
const outfile = join(dir, 'script.js');
await build({
  entryPoints: [entry],
  bundle: true,
  platform: 'node',
  target: 'node20',
  outfile,
  logLevel: 'warning',
});
const res = spawnSync(process.execPath, [outfile, ...args], { stdio: 'inherit' });
rmSync(dir, { recursive: true, force: true });
process.exit(res.status ?? 1);
