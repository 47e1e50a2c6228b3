/**
 * Files' sha256 kept between runs, so that an unchanged re-push reads no byte of its artifact.
 * A digest is known by the file's identity: device, inode, size, and mtime and ctime in
 * nanoseconds. Any write, rename into place, chmod or link changes the ctime, and nothing can set
 * it back (`touch -d` restores the mtime only), so new content never finds the old digest.
 *
 * Git's "racy" rule: a file whose mtime or ctime is within RACY_NS of the run's start is not
 * recorded. A write in the same clock tick as the last change, after the bytes were read, would
 * leave the identity as it was; a file last changed well before the run started can only change
 * later with a ctime of its own. Inode reuse falls under the same rule: a new file on a freed
 * inode is made after the entry was recorded, so its ctime differs.
 *
 * The cache only ever saves time (core/cache.ts): an entry that cannot be read, does not
 * parse or names another identity is ignored (the file is hashed), and one that cannot be
 * written is skipped.
 */
import { createHash } from 'node:crypto';
import { statSync } from 'node:fs';
import type { BigIntStats } from 'node:fs';
import { join } from 'node:path';
import { cacheRoot, readCacheFile, writeCacheFile } from '../core/cache';

/** How long before the run's start a file must have last changed to be recorded. */
export const RACY_NS = 2_000_000_000n;

const SHA256_HEX = /^[0-9a-f]{64}$/;

/** A file's identity for the cache; undefined when it cannot be stat'ed (the read says why). */
export function fileIdentity(path: string): string | undefined {
  try {
    return identityOf(statSync(path, { bigint: true }));
  } catch {
    return undefined;
  }
}

function identityOf(st: BigIntStats): string {
  return `${st.dev}:${st.ino}:${st.size}:${st.mtimeNs}:${st.ctimeNs}`;
}

/** The store under `<cache>/digests/`: one small file per identity, written atomically. */
export class DigestStore {
  /** Files last changed after this (ns since 1970) are not recorded. */
  private readonly settledBefore: bigint;

  /** `runStartMs`: when the run started (Date.now()); a test may give another time. */
  constructor(
    private readonly dir: string,
    runStartMs: number,
  ) {
    this.settledBefore = BigInt(Math.floor(runStartMs)) * 1_000_000n - RACY_NS;
  }

  static forRun(env: NodeJS.ProcessEnv, runStartMs: number): DigestStore {
    return new DigestStore(join(cacheRoot(env), 'digests'), runStartMs);
  }

  /** The recorded sha256 (hex) of the file with this identity, if there is a sound one. */
  get(identity: string): string | undefined {
    const [key, digest, ...rest] = (readCacheFile(this.entry(identity)) ?? '').split('\n');
    if (key !== identity || !SHA256_HEX.test(digest ?? '') || rest.join('') !== '') {
      return undefined;
    }
    return digest;
  }

  /**
   * Records `digest` for the file at `path`, read while it had `identity`: only when it still
   * has it and it had settled before the run started (the racy rule above).
   */
  put(path: string, identity: string, digest: string): void {
    let st: BigIntStats;
    try {
      st = statSync(path, { bigint: true });
    } catch {
      return;
    }
    if (identityOf(st) !== identity || !SHA256_HEX.test(digest)) return;
    if (st.mtimeNs > this.settledBefore || st.ctimeNs > this.settledBefore) return;
    if (this.get(identity) === digest) return;
    writeCacheFile(this.entry(identity), `${identity}\n${digest}\n`);
  }

  private entry(identity: string): string {
    return join(this.dir, createHash('sha256').update(identity).digest('hex'));
  }
}
