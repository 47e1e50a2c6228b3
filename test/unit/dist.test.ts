import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(__dirname, '../..');

function files(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name).slice(dir.length + 1))
    .sort();
}

describe('dist/ is what src/ builds to (run npm run build)', () => {
  let out: string;
  beforeAll(() => {
    out = mkdtempSync(join(tmpdir(), 'slipway-dist-'));
    execFileSync(process.execPath, [join(root, 'scripts/build.mjs'), out], { cwd: root });
  });
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it('has the same files', () => {
    expect(files(join(root, 'dist'))).toEqual(files(out));
  });

  it('has the same bytes in every file', () => {
    const differing = files(out).filter(
      (file) => !readFileSync(join(out, file)).equals(readFileSync(join(root, 'dist', file))),
    );
    expect(differing).toEqual([]);
  });
});
