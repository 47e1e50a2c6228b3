/**
 * Real-world base layers are accepted as the runtimes accept them (issue 12, item 5): every base of
 * the layer corpus builds natively (the directory probe reads it or falls back, never fails), and
 * the image runs under podman wherever the base can run here, holding both the base layer's files
 * and the connector's.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { podmanRun, skopeoInspect } from '../fixtures/clients';
import { buildLayerCorpus } from '../fixtures/layer-corpus';
import type { CorpusBase } from '../fixtures/layer-corpus';
import { rawManifest, slipway } from '../fixtures/kinds';
import { makeTempDir, removeTempDir } from '../fixtures/process';
import { startRegistry } from '../fixtures/registry';
import type { TestRegistry } from '../fixtures/registry';

let reg: TestRegistry;
let work: string;
let corpus: CorpusBase[];

beforeAll(async () => {
  work = await makeTempDir('layer-corpus');
  reg = await startRegistry();
  corpus = await buildLayerCorpus(work);
}, 120_000);

afterAll(async () => {
  await reg?.stop();
  if (work) await removeTempDir(work);
});

const NAMES = [
  'no-padding',
  'no-directories',
  'pax-long-names',
  'gnu-long-names',
  'hard-links',
  'whiteouts',
  'uncompressed',
  'zstd',
  'foreign',
];

it('the corpus holds every kind of layer', () => {
  expect(corpus.map((b) => b.name)).toEqual(NAMES);
});

it.each(NAMES)(
  'a base with a %s layer builds, and the image runs where the base does',
  async (name) => {
    const base = corpus.find((b) => b.name === name)!;
    const dir = join(work, `project-${name}`);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'note.txt'), 'n\n');
    const repo = `${reg.host}/corpus/${name}`;
    // A base podman cannot run here (a foreign layer it would download) goes to an OCI layout:
    // distribution 2.8 answers 500 to a manifest with a non-distributable layer.
    const layout = join(work, `out-${name}`);
    const output = base.runs ? [] : ['--output', `oci:${layout}`];
    const res = await slipway(work, reg, [
      'build',
      '--working-directory',
      dir,
      '--artifact',
      'note.txt',
      // Parents the base may lack: the build asks the base's layers which directories it has.
      '--artifact-path',
      '/opt/acme/conf/',
      '--base-image',
      `oci:${base.dir}:corpus`,
      '--image',
      repo,
      '--tags',
      'x',
      ...output,
      '--json',
      '--verbose',
    ]);
    if (res.code !== 0) throw new Error(`slipway failed (${res.code}):\n${res.stderr}`);
    // Each of these layers is read to its end or known to be unreadable: no fallback was needed.
    expect(res.stderr).not.toContain('could not be read');
    const ref = base.runs ? `${repo}@${String(res.json?.digest)}` : `oci:${layout}:x`;
    const manifest = (
      base.runs ? await rawManifest(ref) : await skopeoInspect(ref, { raw: true })
    ) as { layers?: { mediaType: string; urls?: string[] }[] };
    expect((manifest.layers ?? []).map((l) => l.mediaType)).toContain(base.mediaType);
    if (!base.runs) return;
    const run = await podmanRun(
      ref,
      ['-c', `${base.check} && grep -qx n /opt/acme/conf/note.txt && echo ok`],
      { entrypoint: '/bin/sh', user: '0' },
    );
    expect({ code: run.code, stdout: run.stdout.trim(), stderr: run.stderr }).toMatchObject({
      code: 0,
      stdout: 'ok',
    });
  },
  120_000,
);
