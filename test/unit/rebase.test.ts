import { InputError } from '../../src/core/errors';
import { defaultInputs } from '../../src/core/inputs';
import { MemoryLogger } from '../../src/core/log';
import { runMode } from '../../src/run';
import { sha256 } from '../../src/image/digest';
import type { BaseImage } from '../../src/image/image';
import { mutateImage } from '../../src/image/mutate';
import { AMD64, fakeBase, fakeLayer } from '../fixtures/fake-image';
import type { MutateInput } from '../../src/image/mutate';
import { epochToIso } from '../../src/core/clock';
import type { ImageChanges } from '../../src/image/mutate';
import { rebasePlatform } from '../../src/image/rebase';
import { changesFromHistory, copyLine, history, slipwayPart } from '../../src/assemble/history';
import { MediaType } from '../../src/image/types';
import type { ImageConfig, Manifest } from '../../src/image/types';

const EPOCH = 1_700_000_000;

const layer = fakeLayer;

/** A base with `n` layers and its own env, labels, user and cmd. */
function base(marker: string, n: number): BaseImage {
  const image = fakeBase({
    marker,
    layers: n,
    docker: true,
    config: {
      Env: ['PATH=/usr/bin:/bin', `BASE=${marker}`, 'LANG=C'],
      Cmd: ['sh'],
      User: '10000',
      Labels: { base: marker },
    },
    extra: { created: '2024-01-01T00:00:00Z' },
  });
  return {
    name: `registry.example/base:${marker}`,
    digest: sha256(`top ${marker}`),
    images: [image],
  };
}

const changes: ImageChanges = {
  env: { LANG: 'C.UTF-8', QUOTED: 'a "b" c=d', EMPTY: '' },
  labels: { 'io.airbyte.name': 'acme/source-x', team: 'data=1' },
  user: '1000:1000',
  workdir: 'app',
  entrypoint: ['python', '/airbyte/integration_code/main.py'],
  cmd: ['spec'],
};
const files = [{ path: '/app/main.py', source: '/tmp/main.py', mode: 0o644, uid: 1000, gid: 1000 }];

/** What the native builder makes: the engine's image with Slipway's history entries. */
function slipwayImage(input: Omit<MutateInput, 'history'>): ReturnType<typeof mutateImage> {
  const entries = history(input.changes, epochToIso(input.epoch), input.layer ? files : undefined);
  return mutateImage({ ...input, history: entries });
}

async function configOf(image: ReturnType<typeof mutateImage>): Promise<ImageConfig> {
  const chunks: Buffer[] = [];
  for await (const c of await image.config.open()) chunks.push(c as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString('utf8')) as ImageConfig;
}

it('reads back the plan settings mutate wrote into the history', async () => {
  const old = base('old', 2);
  const l = layer('connector');
  const image = slipwayImage({ base: old, image: old.images[0], layer: l, changes, epoch: EPOCH });
  const part = slipwayPart(
    { platform: AMD64, manifest: image.manifest, config: await configOf(image) },
    'img',
  );
  expect(part.changes).toEqual(changes);
  expect(part.layers).toEqual([l.descriptor]);
  expect(part.diffIds).toEqual([l.diffId]);
  expect(part.history.map((h) => h.created_by)).toEqual([
    'COPY --chown=1000:1000 main.py /app/ # slipway',
    'ENV LANG="C.UTF-8" QUOTED="a \\"b\\" c=d" EMPTY="" # slipway',
    'LABEL io.airbyte.name="acme/source-x" team="data=1" # slipway',
    'USER 1000:1000 # slipway',
    'WORKDIR app # slipway',
    'ENTRYPOINT ["python","/airbyte/integration_code/main.py"] # slipway',
    'CMD ["spec"] # slipway',
  ]);
  expect(part.epoch).toBe(EPOCH);
  expect(part.baseName).toBe('registry.example/base:old');
});

it('a rebased platform is byte for byte what a fresh build on the new base gives', async () => {
  const old = base('old', 2);
  const next = base('new', 3);
  const l = layer('connector');
  const original = slipwayImage({
    base: old,
    image: old.images[0],
    layer: l,
    changes,
    epoch: EPOCH,
  });
  const part = slipwayPart(
    { platform: AMD64, manifest: original.manifest, config: await configOf(original) },
    'img',
  );
  const rebased = rebasePlatform(next, next.images[0], part, [l]);
  const fresh = slipwayImage({
    base: next,
    image: next.images[0],
    layer: l,
    changes,
    epoch: EPOCH,
  });
  expect(rebased.bytes.toString()).toBe(fresh.bytes.toString());
  expect(rebased.descriptor.digest).toBe(fresh.descriptor.digest);
  const config = await configOf(rebased);
  expect(config.config?.Env).toEqual([
    'PATH=/usr/bin:/bin',
    'BASE=new',
    'LANG=C.UTF-8',
    'QUOTED=a "b" c=d',
    'EMPTY=',
  ]);
  expect(config.rootfs.diff_ids).toHaveLength(4);
  expect(rebased.manifest.layers[3]).toEqual(l.descriptor);
});

it('refuses an image without base annotations or without Slipway history', () => {
  const manifest: Manifest = {
    schemaVersion: 2,
    config: { mediaType: MediaType.OciConfig, digest: sha256('c'), size: 1 },
    layers: [],
  };
  const config: ImageConfig = {
    architecture: 'amd64',
    os: 'linux',
    rootfs: { type: 'layers', diff_ids: [] },
  };
  expect(() => slipwayPart({ platform: AMD64, manifest, config }, 'x:1')).toThrow(InputError);
  expect(() =>
    slipwayPart(
      {
        platform: AMD64,
        manifest: {
          ...manifest,
          annotations: {
            'org.opencontainers.image.base.name': 'b:1',
            'org.opencontainers.image.base.digest': sha256('b'),
          },
        },
        config: { ...config, history: [{ created_by: 'COPY . / # buildkit' }] },
      },
      'x:1',
    ),
  ).toThrow(/no history entries of Slipway's builder/);
});

it('history() and changesFromHistory() round-trip every plan setting, EXPOSE included', async () => {
  // Required<> makes this fail to compile when ImageChanges gains a field the test does not cover.
  const all: Required<ImageChanges> = {
    env: { A: '1', B: 'two words' },
    labels: { team: 'data' },
    user: '10000',
    workdir: '/pulsar',
    entrypoint: ['/bin/sh', '-c'],
    cmd: ['run'],
    exposedPorts: ['8080', '53/udp', '8000-8002'],
  };
  const entries = history(all, '2023-11-14T22:13:20Z', files);
  expect(entries.map((h) => h.created_by)).toContain('EXPOSE 8080 53/udp 8000-8002 # slipway');
  expect(changesFromHistory(entries)).toEqual(all);

  // And the rebased config keeps the ports, as a fresh build on the new base would.
  const old = base('old', 1);
  const next = base('new', 1);
  const l = layer('connector');
  const original = slipwayImage({
    base: old,
    image: old.images[0],
    layer: l,
    changes: all,
    epoch: EPOCH,
  });
  const part = slipwayPart(
    { platform: AMD64, manifest: original.manifest, config: await configOf(original) },
    'img',
  );
  const rebased = rebasePlatform(next, next.images[0], part, [l]);
  const fresh = slipwayImage({
    base: next,
    image: next.images[0],
    layer: l,
    changes: all,
    epoch: EPOCH,
  });
  expect(rebased.descriptor.digest).toBe(fresh.descriptor.digest);
  expect(Object.keys((await configOf(rebased)).config?.ExposedPorts ?? {}).sort()).toEqual([
    '53/udp',
    '8000/tcp',
    '8001/tcp',
    '8002/tcp',
    '8080/tcp',
  ]);
});

it('parses ENTRYPOINT/CMD lists and refuses unreadable entries', () => {
  expect(
    changesFromHistory([
      { created_by: 'CMD ["a","b c"] # slipway', empty_layer: true },
      { created_by: 'USER 10000 # slipway', empty_layer: true },
    ]),
  ).toEqual({ cmd: ['a', 'b c'], user: '10000' });
  expect(() => changesFromHistory([{ created_by: 'CMD not-json # slipway' }])).toThrow(
    /Cannot read the history entry/,
  );
});

describe('mode: rebase in the pipeline (the action and GitLab inputs)', () => {
  const ctx = {
    env: {},
    logger: new MemoryLogger(),
    ciOidcToken: () => Promise.resolve(undefined),
  };

  it('routes to the rebase, which needs image and base-image', async () => {
    await expect(runMode(defaultInputs({ mode: 'rebase' }), ctx)).rejects.toThrow(
      /Input "image" names the image to rebase in mode: rebase/,
    );
    await expect(
      runMode(defaultInputs({ mode: 'rebase', image: 'ghcr.io/acme/sink:1' }), ctx),
    ).rejects.toThrow(/Input "base-image" names the new base/);
  });

  it('an image named by digest needs tags', async () => {
    await expect(
      runMode(
        defaultInputs({
          mode: 'rebase',
          image: `ghcr.io/acme/sink@${sha256('x')}`,
          'base-image': 'ghcr.io/acme/runner:2',
        }),
        ctx,
      ),
    ).rejects.toThrow(/named by digest, so there is no tag to move; set tags/);
  });
});

describe('history', () => {
  test('copyLine groups files by directory and owner', () => {
    expect(
      copyLine([
        { path: '/pulsar/b.nar', source: '', mode: 0o644, uid: 10000, gid: 10001 },
        { path: '/pulsar/a.nar', source: '', mode: 0o644, uid: 10000, gid: 10001 },
        { path: '/pulsar/fn', source: '', mode: 0o755, uid: 10000, gid: 10001 },
        { path: '/etc/x.conf', source: '', mode: 0o644, uid: 0, gid: 0 },
      ]),
    ).toBe(
      'COPY x.conf /etc/; COPY --chown=10000:10001 a.nar b.nar /pulsar/; COPY --chown=10000:10001 --chmod=755 fn /pulsar/',
    );
  });
});
