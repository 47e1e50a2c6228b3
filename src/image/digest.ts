import { createHash } from 'node:crypto';
import type { Digest } from './types';

const DIGEST = /^sha256:[a-f0-9]{64}$/;

export function sha256(data: Buffer | string): Digest {
  return `sha256:${createHash('sha256').update(data).digest('hex')}`;
}

export function isDigest(value: string): value is Digest {
  return DIGEST.test(value);
}

/** "sha256:abcdef…" → "abcdef012345", the short id used in progress lines. */
export function shortDigest(digest: Digest): string {
  return digest.slice(digest.indexOf(':') + 1, digest.indexOf(':') + 13);
}
