import { join } from 'node:path';
import { readCacheFile, writeCacheFile } from '../../core/cache';
import { sha256 } from '../digest';

/**
 * Small documents kept by digest between runs: image configs, and manifests read by digest. A
 * digest names its content, so a kept copy that still hashes to it is what any registry would
 * answer, and a re-push reads its base's configs and the earlier image's manifest without a
 * round trip. Only content is taken from here: whether a registry has a document is asked of the
 * registry (a tag's HEAD, a blob's HEAD), never of this cache.
 *
 * Entries are the documents' UTF-8 text under `<dir>/<algorithm>/<hex>`; one that is not, or
 * no longer hashes to its name, is a miss (core/cache.ts: the cache only ever saves time).
 */
export class DocumentCache {
  /** Larger documents are not kept: configs and manifests are a few kB. */
  static readonly MAX_BYTES = 1024 * 1024;

  constructor(private readonly dir: string) {}

  get(digest: string): Buffer | undefined {
    const path = this.entry(digest);
    const text = path && readCacheFile(path);
    if (!text) return undefined;
    const bytes = Buffer.from(text, 'utf8');
    return sha256(bytes) === digest ? bytes : undefined;
  }

  put(digest: string, bytes: Buffer): void {
    const path = this.entry(digest);
    if (!path || bytes.length > DocumentCache.MAX_BYTES || sha256(bytes) !== digest) return;
    const text = bytes.toString('utf8');
    // Bytes that are not UTF-8 would not read back as themselves.
    if (Buffer.byteLength(text) === bytes.length) writeCacheFile(path, text);
  }

  private entry(digest: string): string | undefined {
    const m = /^sha256:([0-9a-f]{64})$/.exec(digest);
    return m ? join(this.dir, 'sha256', m[1]) : undefined;
  }
}
