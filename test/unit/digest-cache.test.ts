/**
 * The digest cache (run/digest-cache.ts) on a real file system: a digest is kept only for a file
 * that had settled 2 s before the run started (the run's start is given, not slept for), new
 * bytes under a restored mtime are never taken for the old ones, and a broken entry only costs a
 * hashing pass.
 */
import { createHash, randomBytes } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DigestStore, RACY_NS, fileIdentity } from '../../src/run/digest-cache';
import { FileHashes } from '../../src/run/reuse';
import { makeTempDir, removeTempDir } from '../fixtures/process';

let work: string;
let n = 0;

beforeAll(async () => {
  work = await makeTempDir('digest-cache');
});
afterAll(async () => {
  await removeTempDir(work);
});

const sha256 = (b: Buffer): string => createHash('sha256').update(b).digest('hex');

/** A fresh cache folder and a file with `bytes`. */
function setup(bytes: Buffer): { dir: string; file: string } {
  n += 1;
  const dir = join(work, `cache-${n}`);
  const file = join(work, `file-${n}.bin`);
  writeFileSync(file, bytes);
  return { dir, file };
}

/** A run that starts `ms` after the file's last change (ctime). */
function runStartAfter(file: string, ms: number): number {
  const ctimeMs = Number(statSync(file, { bigint: true }).ctimeNs / 1_000_000n);
  return ctimeMs + ms;
}

const SETTLED = Number(RACY_NS / 1_000_000n) + 1000;

describe('DigestStore', () => {
  test('keeps the digest of a file that settled before the run; the next run reads none', async () => {
    const bytes = randomBytes(100_000);
    const { dir, file } = setup(bytes);
    const start = runStartAfter(file, SETTLED);
    expect(await new FileHashes(new DigestStore(dir, start)).sha256(file)).toBe(sha256(bytes));
    expect(readdirSync(dir)).toHaveLength(1);

    const next = new FileHashes(new DigestStore(dir, start + 60_000));
    expect(await next.known(file)).toBe(sha256(bytes));
    // not a guess: the store names exactly this identity
    expect(new DigestStore(dir, start).get(fileIdentity(file) ?? '')).toBe(sha256(bytes));
  });

  test('a file changed less than 2 s before the run started is hashed but not kept', async () => {
    const bytes = randomBytes(1000);
    const { dir, file } = setup(bytes);
    const store = new DigestStore(dir, runStartAfter(file, 1500));
    expect(await new FileHashes(store).sha256(file)).toBe(sha256(bytes));
    expect(() => readdirSync(dir)).toThrow(/ENOENT/);
    expect(await new FileHashes(store).known(file)).toBeUndefined();
  });

  test('new bytes of the same size under the old mtime (touch -d) are not taken for the old', async () => {
    const old = randomBytes(50_000);
    const { dir, file } = setup(old);
    const { mtimeNs } = statSync(file, { bigint: true });
    const start = runStartAfter(file, SETTLED);
    expect(await new FileHashes(new DigestStore(dir, start)).sha256(file)).toBe(sha256(old));

    const rewritten = randomBytes(50_000);
    writeFileSync(file, rewritten);
    const ns = String(mtimeNs % 1_000_000_000n).padStart(9, '0');
    execFileSync('touch', ['-d', `@${mtimeNs / 1_000_000_000n}.${ns}`, file]);
    expect(statSync(file, { bigint: true }).mtimeNs).toBe(mtimeNs);
    const later = new FileHashes(new DigestStore(dir, start + 60_000));
    expect(await later.known(file)).toBeUndefined();
    expect(await later.sha256(file)).toBe(sha256(rewritten));
  });

  test('a corrupt or foreign entry is ignored: the file is hashed again and the entry mended', async () => {
    const bytes = randomBytes(20_000);
    const { dir, file } = setup(bytes);
    const start = runStartAfter(file, SETTLED);
    await new FileHashes(new DigestStore(dir, start)).sha256(file);
    const [entry] = readdirSync(dir);
    for (const junk of ['', 'not a digest\n', `${fileIdentity(file)}\n${'0'.repeat(63)}\n`]) {
      writeFileSync(join(dir, entry), junk);
      const hashes = new FileHashes(new DigestStore(dir, start));
      expect(await hashes.known(file)).toBeUndefined();
      expect(await hashes.sha256(file)).toBe(sha256(bytes));
      expect(new DigestStore(dir, start).get(fileIdentity(file) ?? '')).toBe(sha256(bytes));
    }
    // an entry of another identity under this name (a hash collision, a copied cache)
    writeFileSync(join(dir, entry), `1:2:3:4:5\n${sha256(Buffer.from('x'))}\n`);
    expect(await new FileHashes(new DigestStore(dir, start)).known(file)).toBeUndefined();
  });

  test('a cache that cannot be written never fails the hashing', async () => {
    const bytes = randomBytes(1000);
    const { file } = setup(bytes);
    const blocked = join(work, `blocked-${n}`);
    writeFileSync(blocked, 'a file where the folder should be');
    const store = new DigestStore(join(blocked, 'digests'), runStartAfter(file, SETTLED));
    expect(await new FileHashes(store).sha256(file)).toBe(sha256(bytes));
    expect(store.get(fileIdentity(file) ?? '')).toBeUndefined();
  });

  test("the layer's digests are kept only for files unchanged since before its pass", () => {
    const a = randomBytes(1000);
    const { dir, file } = setup(a);
    const other = join(work, `other-${n}.bin`);
    writeFileSync(other, randomBytes(1000));
    const start = runStartAfter(other, SETTLED);
    const hashes = new FileHashes(new DigestStore(dir, start));
    hashes.expect([file, other]);
    // `other` changes during the pass: what the pass read is not its digest now
    writeFileSync(other, randomBytes(1000));
    hashes.add(
      new Map([
        [file, sha256(a)],
        [other, sha256(Buffer.from('what the pass saw'))],
      ]),
    );
    const store = new DigestStore(dir, start);
    expect(store.get(fileIdentity(file) ?? '')).toBe(sha256(a));
    expect(store.get(fileIdentity(other) ?? '')).toBeUndefined();
    expect(readdirSync(dir)).toHaveLength(1);
  });
});
