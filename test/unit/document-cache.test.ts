/**
 * image/remote/document-cache.ts: a document is kept under its digest and given back only while
 * it still hashes to it; what cannot be kept faithfully is not kept.
 */
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sha256 } from '../../src/image/digest';
import { DocumentCache } from '../../src/image/remote/document-cache';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'slipway-documents-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const config = Buffer.from('{"architecture":"amd64","os":"linux","rootfs":{"type":"layers"}}');

describe('DocumentCache', () => {
  it('gives back the very bytes kept under their digest, to another instance too', () => {
    new DocumentCache(dir).put(sha256(config), config);
    const read = new DocumentCache(dir).get(sha256(config));
    expect(read?.equals(config)).toBe(true);
    expect(new DocumentCache(dir).get(sha256('{}'))).toBeUndefined();
  });

  it('takes an entry that no longer hashes to its name for a miss', () => {
    const cache = new DocumentCache(dir);
    cache.put(sha256(config), config);
    const [hex] = readdirSync(join(dir, 'sha256'));
    writeFileSync(join(dir, 'sha256', hex), config.toString().replace('amd64', 'arm64'));
    expect(cache.get(sha256(config))).toBeUndefined();
  });

  it('keeps nothing under a digest the bytes do not have, nor other algorithms', () => {
    const cache = new DocumentCache(dir);
    cache.put(sha256('something else'), config);
    cache.put(`sha512:${'a'.repeat(128)}`, config);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('keeps neither bytes that are not UTF-8 nor a document over the size limit', () => {
    const cache = new DocumentCache(dir);
    const binary = Buffer.from([0x7b, 0xff, 0xfe, 0x7d]);
    cache.put(sha256(binary), binary);
    const large = Buffer.from(`"${'x'.repeat(DocumentCache.MAX_BYTES)}"`);
    cache.put(sha256(large), large);
    expect(readdirSync(dir)).toEqual([]);
    expect(cache.get(sha256(binary))).toBeUndefined();
  });
});
