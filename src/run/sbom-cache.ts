/**
 * Image SBOMs kept between runs. buildImageSbom (attest/sbom.ts) is a pure function of its input:
 * the serial number is derived from the content and the timestamp from the build epoch. Loading
 * the CycloneDX library to run it costs some 50 ms, a fifth of a run that sends nothing; a
 * rebuilt release and an unchanged re-push ask for the very same SBOM again, and find it here
 * (`<cache>/sboms/`), keyed by a hash of the input, of Slipway's version and of the format below.
 *
 * The cache only ever saves time (core/cache.ts): an entry that cannot be read or is not a
 * CycloneDX document is a miss, and one that cannot be written is skipped.
 */
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { cacheRoot, readCacheFile, writeCacheFile } from '../core/cache';
import { isRecord } from '../core/json';
import { VERSION } from '../core/version';
import type { ImageSbom, ImageSbomInput } from '../attest/sbom';

/** Raise with any change to what buildImageSbom writes for the same input. */
export const SBOM_FORMAT_VERSION = 1;

export class SbomStore {
  constructor(private readonly dir: string) {}

  static forRun(env: NodeJS.ProcessEnv): SbomStore {
    return new SbomStore(join(cacheRoot(env), 'sboms'));
  }

  /** The input's key: the same for an equal input (JSON), another for any other. */
  static key(input: ImageSbomInput): string {
    const text = JSON.stringify({ format: SBOM_FORMAT_VERSION, slipway: VERSION, input });
    return createHash('sha256').update(text).digest('hex');
  }

  get(key: string): ImageSbom | undefined {
    const text = readCacheFile(this.entry(key));
    if (text === undefined) return undefined;
    let document: unknown;
    try {
      document = JSON.parse(text);
    } catch {
      return undefined;
    }
    if (!isRecord(document) || document.bomFormat !== 'CycloneDX') return undefined;
    const { components } = document;
    return {
      document,
      bytes: Buffer.from(text, 'utf8'),
      // buildImageSbom lists every component at the top level (none nested).
      componentCount: Array.isArray(components) ? components.length : 0,
    };
  }

  put(key: string, sbom: ImageSbom): void {
    writeCacheFile(this.entry(key), sbom.bytes.toString('utf8'));
  }

  private entry(key: string): string {
    return join(this.dir, `${key}.cdx.json`);
  }
}
