/**
 * Small files of Slipway's cache folder, kept between runs. The cache only ever saves time: a
 * file is read whole or not at all, written under a temporary name and renamed into place (no
 * reader sees half of one, two runs writing at once leave one whole), and any error means a miss.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/** The file's text; undefined when it cannot be read. */
export function readCacheFile(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

/** Writes `text` atomically; a failure leaves the entry out, never fails the caller. */
export function writeCacheFile(path: string, text: string): void {
  const temp = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(temp, text);
    renameSync(temp, path);
  } catch {
    try {
      rmSync(temp, { force: true });
    } catch {
      // a stray temp file costs a few bytes, never a build
    }
  }
}
