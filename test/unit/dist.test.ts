import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(__dirname, '../..');

describe('dist/', () => {
  let out: string;
  beforeAll(() => {
    out = mkdtempSync(join(tmpdir(), 'slipway-dist-'));
    execFileSync(process.execPath, [join(root, 'scripts/build.mjs'), out], { cwd: root });
  });
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it.each(['index.js', 'cli.js'])('%s is what src/ builds to (run npm run build)', (file) => {
    const built = readFileSync(join(out, file), 'utf8');
    const committed = readFileSync(join(root, 'dist', file), 'utf8');
    expect(committed.length).toBe(built.length);
    expect(committed === built).toBe(true);
  });
});
