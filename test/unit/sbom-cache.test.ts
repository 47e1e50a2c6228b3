/**
 * run/sbom-cache.ts: an SBOM written before is read back as the very document buildImageSbom
 * writes, under a key that changes with anything the document says; a damaged entry is a miss.
 */
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildImageSbom } from '../../src/attest/sbom';
import type { ImageSbomInput } from '../../src/attest/sbom';
import { inspectArtifact } from '../../src/connectors/inspect';
import { defaultInputs } from '../../src/core/inputs';
import { SbomStore } from '../../src/run/sbom-cache';
import { narEntries, tempDir, writeZip } from './connector-fixtures';

const DIGEST = `sha256:${'a'.repeat(64)}`;
const BASE = {
  reference: 'docker.io/apachepulsar/pulsar:4.0.4',
  digest: `sha256:${'b'.repeat(64)}`,
};

let tmp: ReturnType<typeof tempDir>;
let input: ImageSbomInput;
beforeAll(async () => {
  tmp = tempDir('slipway-sbom-cache-');
  // A NAR that bundles two jars, so the document lists components below the artifact.
  const nar = await writeZip(
    join(tmp.dir, 'sink.nar'),
    await narEntries({
      ioYaml: 'name: my-sink\nsinkClass: com.acme.MySink\n',
      bundled: {
        'my-sink-1.2.0.jar': ['com.acme.MySink'],
        'jackson-core-2.17.1.jar': ['com.fasterxml.jackson.core.JsonParser'],
      },
    }),
  );
  input = {
    info: await inspectArtifact(defaultInputs({}), nar, tmp.dir),
    artifactSha256: 'c'.repeat(64),
    epoch: 1_700_000_000,
    image: { repository: 'ghcr.io/acme/my-sink', digest: DIGEST },
    base: BASE,
  };
});
afterAll(() => tmp.remove());

describe('SbomStore', () => {
  it('gives back what buildImageSbom wrote: bytes, document and component count', () => {
    const store = new SbomStore(join(tmp.dir, 'round-trip'));
    const key = SbomStore.key(input);
    expect(store.get(key)).toBeUndefined();
    const written = buildImageSbom(input);
    expect(written.componentCount).toBeGreaterThanOrEqual(3); // base, the NAR, a bundled jar
    store.put(key, written);
    const read = store.get(key);
    expect(read?.bytes.equals(written.bytes)).toBe(true);
    expect(read?.document).toEqual(written.document);
    expect(read?.componentCount).toBe(written.componentCount);
  });

  it('keys on everything the document says', () => {
    const key = SbomStore.key(input);
    expect(SbomStore.key(structuredClone(input))).toBe(key);
    const others: ImageSbomInput[] = [
      { ...input, epoch: input.epoch + 1 },
      { ...input, artifactSha256: 'd'.repeat(64) },
      { ...input, image: { ...input.image, digest: `sha256:${'e'.repeat(64)}` } },
      { ...input, image: { ...input.image, repository: 'ghcr.io/acme/other' } },
      { ...input, base: undefined },
      { ...input, info: input.info && { ...input.info, version: '9.9.9' } },
    ];
    const keys = new Set([key, ...others.map((o) => SbomStore.key(o))]);
    expect(keys.size).toBe(others.length + 1);
  });

  it.each([
    ['not JSON', '{"bomFormat": "CycloneDX", '],
    ['JSON that is no CycloneDX document', '{"spdxVersion": "SPDX-2.3"}\n'],
    ['an empty file', ''],
  ])('takes %s for a miss', (_what, text) => {
    const dir = join(tmp.dir, `damaged-${Math.random().toString(36).slice(2)}`);
    const store = new SbomStore(dir);
    const key = SbomStore.key(input);
    store.put(key, buildImageSbom(input));
    const [entry] = readdirSync(dir);
    writeFileSync(join(dir, entry), text);
    expect(store.get(key)).toBeUndefined();
  });

  it('skips an entry it cannot write, without failing the run', () => {
    // A file where the folder should be: even root cannot make the entry.
    const blocked = join(tmp.dir, 'blocked');
    writeFileSync(blocked, 'not a folder');
    const store = new SbomStore(join(blocked, 'sboms'));
    const key = SbomStore.key(input);
    expect(() => store.put(key, buildImageSbom(input))).not.toThrow();
    expect(store.get(key)).toBeUndefined();
  });
});
